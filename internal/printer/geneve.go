package printer

import "encoding/binary"

// geneve prints Geneve (RFC 8926) and the frame it carries.
func (d *dissector) geneve(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		b.trunc("geneve")
		return
	}
	ver := data[0] >> 6
	optLen := int(data[0]&0x3f) * 4
	flags := data[1]
	proto := binary.BigEndian.Uint16(data[2:])
	vni := binary.BigEndian.Uint32(data[4:]) >> 8
	if ver != 0 {
		b.printf("Geneve, ver %d", ver)
		return
	}
	b.str("Geneve")
	var fl []string
	if flags&0x80 != 0 {
		fl = append(fl, "O")
	}
	if flags&0x40 != 0 {
		fl = append(fl, "C")
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	b.printf(", Flags [%s]", fs)
	b.printf(", vni 0x%x", vni)
	if d.p.opts.LinkHeader {
		b.printf(", proto %s (0x%04x)", etherTypeName(proto), proto)
	}
	if optLen > 0 {
		b.str(", options [")
		if d.p.opts.Verbose > 0 {
			if !d.geneveOptions(data[8:min(8+optLen, len(data))], optLen) {
				return
			}
		} else {
			b.printf("%d bytes", optLen)
		}
		b.str("]")
	}
	if len(data) < 8+optLen {
		b.trunc("geneve")
		return
	}
	if d.p.opts.Verbose > 0 {
		b.str("\n\t")
	} else {
		b.str(": ")
	}
	inner := data[8+optLen:]
	if proto == 0x6558 {
		d.ethernet(inner, length-8-optLen)
		return
	}
	if !d.etherType(proto, inner, length-8-optLen, nil) {
		b.printf("ethertype %s (0x%04x)", etherTypeName(proto), proto)
	}
}

func geneveOptionClass(c uint16) string {
	switch c {
	case 0x0100:
		return "Linux"
	case 0x0101:
		return "Open vSwitch"
	case 0x0102:
		return "Open Virtual Networking (OVN)"
	case 0x0103:
		return "In-band Network Telemetry (INT)"
	case 0x0104:
		return "VMware"
	}
	switch {
	case c <= 0x00ff:
		return "Standard"
	case c >= 0xfff0:
		return "Experimental"
	}
	return "Unknown"
}

// geneveOptions prints the options (-v; their data with -vv); false when
// the packet ended.
func (d *dissector) geneveOptions(p []byte, n int) bool {
	b := d.b
	sep := ""
	for n > 0 {
		if len(p) < 4 {
			d.truncJmp("geneve")
			return false
		}
		class, typ := binary.BigEndian.Uint16(p), p[2]
		olen := 4 + int(p[3]&0x1f)*4
		crit := ""
		if typ&0x80 != 0 {
			crit = "(C)"
		}
		b.printf("%sclass %s (0x%x) type 0x%x%s len %d", sep, geneveOptionClass(class), class, typ, crit, olen)
		if olen > n {
			b.str(" [bad length]")
			return true
		}
		if d.p.opts.Verbose > 1 && olen > 4 {
			if len(p) < olen {
				d.truncJmp("geneve")
				return false
			}
			b.str(" data")
			for i := 4; i < olen; i += 4 {
				b.printf(" %08x", binary.BigEndian.Uint32(p[i:]))
			}
		}
		p, n = p[min(olen, len(p)):], n-olen
		sep = ", "
	}
	return true
}
