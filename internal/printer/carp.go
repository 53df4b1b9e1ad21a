package printer

import "encoding/binary"

// carp prints a CARP advertisement (IP protocol 112, shared with VRRP) as
// tcpdump -T carp does; without -T carp tcpdump prints protocol 112 as
// VRRP whatever it holds.
func (d *dissector) carp(info *ipInfo, p []byte, length int) {
	b := d.b
	if len(p) < 1 {
		d.truncJmp("carp")
		return
	}
	ver, typ := p[0]>>4, p[0]&0x0f
	kind := "unknown"
	if typ == 1 {
		kind = "advertise"
	}
	b.printf("CARPv%d-%s %d: ", ver, kind, length)
	if info.ttl != 255 {
		b.printf("[ttl=%d!] ", info.ttl)
	}
	if ver != 2 || typ != 1 {
		return
	}
	if len(p) < 6 {
		d.truncJmp("carp")
		return
	}
	b.printf("vhid=%d advbase=%d advskew=%d authlen=%d ", p[1], p[5], p[2], p[3])
	if d.p.opts.Verbose > 0 && len(p) >= length && checksum(p[:length], 0) != 0 {
		if len(p) < 8 {
			d.truncJmp("carp")
			return
		}
		b.printf(" (bad carp cksum %x!)", binary.BigEndian.Uint16(p[6:]))
	}
	if len(p) < 16 {
		d.truncJmp("carp")
		return
	}
	b.printf("counter=%d", binary.BigEndian.Uint64(p[8:]))
}
