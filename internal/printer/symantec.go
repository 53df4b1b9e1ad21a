package printer

import "encoding/binary"

// Symantec Enterprise Firewall captures (DLT_SYMANTEC_FIREWALL): a 44-byte
// header with an Ethernet type at offset 6, as tcpdump's print-symantec.c
// prints it.

func (d *dissector) symantec(p []byte, length int) int {
	b := d.b
	if len(p) < 44 {
		d.truncJmp("symantec")
		return len(p)
	}
	et := binary.BigEndian.Uint16(p[6:])
	header := func(length int) {
		switch {
		case et <= 1500:
			b.printf("invalid ethertype %d", et)
		case !d.p.opts.Quiet:
			b.printf("ethertype %s (0x%04x)", etherTypeName(et), et)
		default:
			if s, ok := etherTypes[et]; ok {
				b.str(s)
			} else {
				b.printf("Unknown Ethertype (0x%04x)", et)
			}
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(length)
	}
	if et <= 1500 || !d.snapEtherType(et, p[44:], length-44, nil) {
		if !d.p.opts.LinkHeader {
			header(length)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p[44:], 0)
		}
	}
	return 44
}
