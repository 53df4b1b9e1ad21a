package printer

import (
	"encoding/binary"
	"net"
)

// Microsoft Network Load Balancing heartbeats (Ethernet type 0x886f) as
// tcpdump's msnlb_print: the host priority and the cluster and host
// addresses; the rest of the undocumented format is not printed.
func (d *dissector) msnlb(p []byte) {
	b := d.b
	b.str("MS NLB heartbeat")
	if len(p) < 12 {
		d.truncJmp("msnlb")
		return
	}
	b.printf(", host priority: %d", binary.LittleEndian.Uint32(p[8:]))
	if len(p) < 16 {
		d.truncJmp("msnlb")
		return
	}
	b.printf(", cluster IP: %s", d.p.host(net.IP(p[12:16])))
	if len(p) < 20 {
		d.truncJmp("msnlb")
		return
	}
	b.printf(", host IP: %s", d.p.host(net.IP(p[16:20])))
}
