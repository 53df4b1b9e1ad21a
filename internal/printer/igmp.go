package printer

import "encoding/binary"

// igmp prints IGMP as igmp_print does without -v.
func (d *dissector) igmp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		d.truncJmp("igmp")
		return
	}
	addr := func() (string, bool) {
		if len(data) < 8 {
			d.truncJmp("igmp")
			return "", false
		}
		return d.p.host(data[4:8]), true
	}
	switch data[0] {
	case 0x11:
		b.str("igmp query")
		if length >= 12 {
			b.str(" v3")
			if len(data) >= 8 && nonzero(data[4:8]) {
				g, _ := addr()
				b.printf(" [gaddr %s", g)
				if len(data) >= 12 {
					if n := binary.BigEndian.Uint16(data[10:]); n > 0 {
						b.printf(" { %d source(s) }", n)
					}
				}
				b.str("]")
			}
			return
		}
		if len(data) < 8 {
			d.truncJmp("igmp")
			return
		}
		if mrc := data[1]; mrc != 100 {
			b.printf(" [intvl %d]", mrc)
		}
		if nonzero(data[4:8]) {
			g, _ := addr()
			b.printf(" [gaddr %s]", g)
		}
		if length != 8 {
			b.printf(" [len %d]", length)
		}
	case 0x12, 0x16, 0x17:
		g, ok := addr()
		if !ok {
			return
		}
		b.printf("igmp %s %s", map[byte]string{0x12: "v1 report", 0x16: "v2 report", 0x17: "leave"}[data[0]], g)
	case 0x22:
		b.str("igmp v3 report")
		if len(data) < 8 {
			d.truncJmp("igmp")
			return
		}
		b.printf(", %d group record(s)", binary.BigEndian.Uint16(data[6:]))
	case 0x14:
		if len(data) < 2 {
			d.truncJmp("igmp")
			return
		}
		b.printf("igmp pimv1 %s", nameOr(pimv1Types, data[1], "[type "+itoa(int(data[1]))+"]"))
	default:
		b.printf("igmp-%d", data[0])
	}
}
