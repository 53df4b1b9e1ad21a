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
	if proto != 0x6558 && d.p.opts.Verbose > 0 {
		b.printf(", proto %s (0x%04x)", etherTypeName(proto), proto)
	}
	b.printf(", vni 0x%x", vni)
	if optLen > 0 {
		b.printf(", options [%d bytes]", optLen)
	}
	if len(data) < 8+optLen {
		b.trunc("geneve")
		return
	}
	b.str(": ")
	inner := data[8+optLen:]
	if proto == 0x6558 {
		d.ethernet(inner, length-8-optLen)
		return
	}
	if !d.etherType(proto, inner, length-8-optLen) {
		b.printf("ethertype %s (0x%04x)", etherTypeName(proto), proto)
	}
}
