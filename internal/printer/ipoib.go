package printer

import "encoding/binary"

// IP over InfiniBand (DLT_IPOIB), as tcpdump's print-ipoib.c prints it:
// a 44-byte pseudo-header whose last bytes hold an Ethernet type.

func (d *dissector) ipoib(p []byte, length int) int {
	b := d.b
	if len(p) < 44 {
		b.trunc("ipoib")
		return len(p)
	}
	et := binary.BigEndian.Uint16(p[40:])
	header := func(length int) {
		if d.p.opts.Quiet {
			b.printf(", ethertype %s", etherTypeName(et))
		} else {
			b.printf(", ethertype %s (0x%04x)", etherTypeName(et), et)
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		b.str("IPOIB")
		header(length)
	}
	if !d.snapEtherType(et, p[44:], length-44, nil) {
		if !d.p.opts.LinkHeader {
			header(length)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p[44:], 0)
		}
	}
	return 44
}
