package printer

import "encoding/binary"

// MPLS (RFC 3032) as tcpdump's mpls_print: the label stack (-v names the
// reserved labels, one entry a line), then the payload by the bottom
// label (IPv4/IPv6 explicit null, implicit null) or its first octet.

var mplsLabelNames = []string{"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd"}

func (d *dissector) mpls(data []byte, length int) {
	b := d.b
	v := d.p.opts.Verbose > 0
	b.str("MPLS")
	var e uint32
	for depth := 0; ; depth++ {
		if length < 4 {
			b.str(" (invalid)")
			if len(data) < max(length, 0) {
				d.truncJmp("mpls")
			}
			return
		}
		if len(data) < 4 {
			d.truncJmp("mpls")
			return
		}
		e = binary.BigEndian.Uint32(data)
		label := e >> 12
		if depth > 0 && v {
			b.str("\n\t")
		} else {
			b.str(" ")
		}
		b.printf("(label %d", label)
		if v && int(label) < len(mplsLabelNames) {
			b.printf(" (%s)", mplsLabelNames[label])
		}
		b.printf(", tc %d", (e>>9)&7)
		if e&0x100 != 0 {
			b.str(", [S]")
		}
		b.printf(", ttl %d)", e&0xff)
		data, length = data[4:], length-4
		if e&0x100 != 0 {
			break
		}
	}
	sep := " "
	if v {
		sep = "\n\t"
	}
	pt := 0 // unknown
	switch e >> 12 {
	case 0, 3:
		pt = 4
	case 2:
		pt = 6
	default:
		if length < 1 {
			return
		}
		if len(data) < 1 {
			d.truncJmp("mpls")
			return
		}
		switch c := data[0]; {
		case c >= 0x45 && c <= 0x4f:
			pt = 4
		case c >= 0x60 && c <= 0x6f:
			pt = 6
		case c >= 0x81 && c <= 0x83:
			pt = 1
		}
	}
	switch pt {
	case 4:
		b.str(sep)
		d.ip4(data, length)
	case 6:
		b.str(sep)
		d.ip6(data, length)
	case 1:
		b.str(sep)
		d.isoclns(data, length)
	default:
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", data[:min(len(data), max(length, 0))], 0)
		}
	}
}
