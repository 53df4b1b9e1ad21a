package printer

import (
	"encoding/binary"
	"net"
)

var arpHardware = map[uint16]string{
	1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay", 16: "ATM",
	24: "IEEE1394", 32: "InfiniBand", 0x0304: "Loopback", 0x0305: "Netrom",
}

// arp prints ARP and RARP as tcpdump's arp_print does.
func (d *dissector) arp(data []byte, length int) {
	b := d.b
	// tcpdump checks that the addresses were captured before printing
	// anything.
	if len(data) < 8 {
		// tcpdump's fixed-header read longjmps out of the printer here;
		// the dumps then start at the link header.
		d.early = true
		b.trunc("arp")
		return
	}
	if len(data) < 8+2*int(data[4])+2*int(data[5]) {
		d.truncJmp("arp")
		return
	}
	if !d.p.opts.LinkHeader {
		b.str("ARP, ")
	}
	hrd := binary.BigEndian.Uint16(data)
	pro := binary.BigEndian.Uint16(data[2:])
	hln, pln := int(data[4]), int(data[5])
	op := binary.BigEndian.Uint16(data[6:])
	if (pro != 0x0800 && pro != 0x1000) || pln != 4 || hln == 0 || d.p.opts.Verbose > 0 {
		b.printf("%s (len %d), ", nameOr(arpHardware, hrd, "Unknown Hardware ("+itoa(int(hrd))+")"), hln)
		if s, ok := etherTypes[pro]; ok {
			b.printf("%s (len %d)", s, pln)
		} else {
			b.printf("Unknown Protocol (0x%04x) (len %d)", pro, pln)
		}
		if d.p.opts.Verbose == 0 {
			b.printf(", length %d", length)
			return
		}
		b.str(", ")
	}
	need := 8 + 2*hln + 2*pln
	if len(data) < need {
		b.trunc("arp")
		return
	}
	sha := data[8 : 8+hln]
	spa := data[8+hln : 8+hln+pln]
	tha := data[8+hln+pln : 8+2*hln+pln]
	tpa := data[8+2*hln+pln : need]
	paddr := func(a []byte) string {
		if len(a) == 4 {
			return d.p.host(net.IP(a))
		}
		return macString(a)
	}
	switch op {
	case 1:
		b.str("Request who-has " + paddr(tpa))
		if nonzero(tha) {
			b.str(" (" + macString(tha) + ")")
		}
		b.str(" tell " + paddr(spa))
	case 2:
		b.str("Reply " + paddr(spa) + " is-at " + macString(sha))
	case 3:
		b.str("Reverse Request who-is " + macString(tha) + " tell " + macString(sha))
	case 4:
		b.str("Reverse Reply " + macString(tha) + " at " + paddr(tpa))
	case 8:
		b.str("Inverse Request who-is " + macString(tha) + " tell " + macString(sha))
	case 9:
		b.str("Inverse Reply " + macString(sha) + " at " + paddr(spa))
	default:
		b.printf("Unknown (%d)", op)
	}
	b.printf(", length %d", length)
}

func nonzero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return true
		}
	}
	return false
}
