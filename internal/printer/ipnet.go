package printer

import "encoding/binary"

// Solaris IPNET (DLT_IPNET), as tcpdump's print-ipnet.c prints it.

// ipnet prints the 24-byte IPNET header (with -e: zones, family, length)
// and the IP packet after it.
func (d *dissector) ipnet(p []byte, length int) int {
	b := d.b
	if len(p) < 24 {
		d.truncJmp("ipnet")
		return len(p)
	}
	family := p[1]
	header := func(length int) {
		b.printf("%d > %d", binary.BigEndian.Uint32(p[16:]), binary.BigEndian.Uint32(p[20:]))
		names := map[uint8]string{2: "IPv4", 26: "IPv6"}
		if !d.p.opts.Quiet {
			b.printf(", family %s (%d)", nameOr(names, family, "Unknown"), family)
		} else if s, ok := names[family]; ok {
			b.printf(", %s", s)
		} else {
			b.printf(", Unknown Ethertype (0x%04x)", family)
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(length)
	}
	switch family {
	case 2:
		d.ip4(p[24:], length-24)
	case 26:
		d.ip6(p[24:], length-24)
	default:
		if !d.p.opts.LinkHeader {
			header(length)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p[24:], 0)
		}
	}
	return 24
}
