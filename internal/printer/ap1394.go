package printer

import "encoding/binary"

// Apple's IP over IEEE 1394 (DLT_APPLE_IP_OVER_IEEE1394), as tcpdump's
// print-ap1394.c prints it: 64-bit FireWire addresses and an Ethernet type.

func (d *dissector) ap1394(p []byte, length int) int {
	b := d.b
	if len(p) < 18 {
		d.truncJmp("ap1394")
		return len(p)
	}
	et := binary.BigEndian.Uint16(p[16:])
	header := func(length int) {
		b.printf("%s > %s", macString(p[8:16]), macString(p[0:8]))
		if !d.p.opts.Quiet {
			b.printf(", ethertype %s (0x%04x)", etherTypeName(et), et)
		} else if s, ok := etherTypes[et]; ok {
			b.printf(", %s", s)
		} else {
			b.printf(", Unknown Ethertype (0x%04x)", et)
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(length)
	}
	if !d.snapEtherType(et, p[18:], length-18, nil) {
		if !d.p.opts.LinkHeader {
			header(length)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p[18:], 0)
		}
	}
	return 18
}
