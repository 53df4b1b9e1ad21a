package printer

import (
	"encoding/binary"
	"fmt"
)

// Spanning tree BPDUs (802.1D, 802.1w RSTP, 802.1s MSTP, 802.1aq SPB) as
// tcpdump's stp_print: the version, BPDU type, flags and bridge; -v adds
// the timers, root, port role and the MST instances.

var stpFlags = []struct {
	bit  byte
	name string
}{{0x01, "Topology change"}, {0x02, "Proposal"}, {0x10, "Learn"}, {0x20, "Forward"}, {0x40, "Agreement"}, {0x80, "Topology change ACK"}}

var stpVersions = map[byte]string{0: "802.1d", 2: "802.1w", 3: "802.1s", 4: "802.1aq"}

var stpBPDUTypes = map[byte]string{0x00: "Config", 0x02: "Rapid STP", 0x80: "Topology Change"}

var stpPortRoles = map[byte]string{0: "Unknown", 1: "Alternate", 2: "Root", 3: "Designated"}

func stpFlagString(f byte) string {
	var fl []string
	for _, x := range stpFlags {
		if f&x.bit != 0 {
			fl = append(fl, x.name)
		}
	}
	if len(fl) == 0 {
		return "none"
	}
	return join(fl, ", ")
}

func stpBridgeID(id []byte) string {
	return fmt.Sprintf("%02x%02x.%02x:%02x:%02x:%02x:%02x:%02x", id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7])
}

// stpTimes prints the four timers (in 1/256 s) at off.
func stpTimes(b *buf, p []byte, off int) {
	t := func(i int) float64 { return float64(binary.BigEndian.Uint16(p[off+2*i:])) / 256 }
	b.printf("\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs", t(0), t(1), t(2), t(3))
}

// stp prints a BPDU of length bytes (p captured).
func (d *dissector) stp(p []byte, length int) {
	b := d.b
	if length < 4 {
		b.str(" (invalid)")
		return
	}
	if len(p) < 4 {
		d.truncJmp("stp")
		return
	}
	if binary.BigEndian.Uint16(p) != 0 {
		b.printf("unknown STP version, length %d", length)
		return
	}
	ver, typ := p[2], p[3]
	b.str("STP " + nameOrf(stpVersions, ver, "Unknown STP protocol (0x%02x)"))
	if _, ok := stpVersions[ver]; !ok {
		return
	}
	b.str(", " + nameOr(stpBPDUTypes, typ, "Unknown BPDU Type"))
	need := func(n int) bool {
		if len(p) < n {
			d.truncJmp("stp")
			return false
		}
		return true
	}
	switch {
	case typ == 0 || (typ == 2 && ver == 2):
		min := 35
		if typ == 2 {
			min = 36
		}
		if length < min {
			b.str(" (invalid)")
			return
		}
		if !need(min) {
			return
		}
		d.stpConfig(p, length)
	case typ == 2 && (ver == 3 || ver == 4):
		if length < 102 {
			b.str(" (invalid)")
			return
		}
		if !need(38) {
			return
		}
		if p[35] != 0 {
			b.str(" (invalid)")
			return
		}
		mstpLen := int(binary.BigEndian.Uint16(p[36:])) + 2
		if length < 36+mstpLen {
			b.str(" (invalid)")
			return
		}
		d.stpMSTP(p, length)
	}
}

func (d *dissector) stpConfig(p []byte, length int) {
	b := d.b
	flags := p[4]
	b.printf(", Flags [%s], bridge-id %s.%04x, length %d", stpFlagString(flags), stpBridgeID(p[17:25]), binary.BigEndian.Uint16(p[25:]), length)
	if d.p.opts.Verbose == 0 {
		return
	}
	stpTimes(b, p, 27)
	b.printf("\n\troot-id %s, root-pathcost %d", stpBridgeID(p[5:13]), binary.BigEndian.Uint32(p[13:]))
	if p[2] == 2 {
		b.str(", port-role " + stpPortRoles[(flags&0x0c)>>2])
	}
}

func (d *dissector) stpMSTP(p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	flags := p[4]
	b.printf(", CIST Flags [%s], length %d", stpFlagString(flags), length)
	if d.p.opts.Verbose == 0 {
		return
	}
	if len(p) < 102 {
		d.truncJmp("stp")
		return
	}
	b.printf("\n\tport-role %s, CIST root-id %s, CIST ext-pathcost %d", stpPortRoles[(flags&0x0c)>>2], stpBridgeID(p[5:13]), be.Uint32(p[13:]))
	b.printf("\n\tCIST regional-root-id %s, CIST port-id %04x,", stpBridgeID(p[17:25]), be.Uint16(p[25:]))
	stpTimes(b, p, 27)
	v3len := int(be.Uint16(p[36:]))
	b.printf("\n\tv3len %d, MCID Name ", v3len)
	for _, c := range p[39:71] {
		if c == 0 {
			break
		}
		printn(b, []byte{c})
	}
	b.printf(", rev %d,\n\t\tdigest %08x%08x%08x%08x, ", be.Uint16(p[71:]), be.Uint32(p[73:]), be.Uint32(p[77:]), be.Uint32(p[81:]), be.Uint32(p[85:]))
	b.printf("CIST int-root-pathcost %d,", be.Uint32(p[89:]))
	b.printf("\n\tCIST bridge-id %s, CIST remaining-hops %d", stpBridgeID(p[93:101]), p[101])
	for rest, off := v3len-64, 102; rest >= 16; rest, off = rest-16, off+16 {
		if off+16 > len(p) {
			d.truncJmp("stp")
			return
		}
		m := p[off : off+16]
		b.printf("\n\tMSTI %d, Flags [%s], port-role %s", be.Uint16(m[1:])&0x0fff, stpFlagString(m[0]), stpPortRoles[(m[0]&0x0c)>>2])
		b.printf("\n\t\tMSTI regional-root-id %s, pathcost %d", stpBridgeID(m[1:9]), be.Uint32(m[9:]))
		b.printf("\n\t\tMSTI bridge-prio %d, port-prio %d, hops %d", m[13]>>4, m[14]>>4, m[15])
	}
}
