package printer

import (
	"encoding/binary"
	"net"
)

// AODV (RFC 3561, UDP 654) as tcpdump's aodv_print: route request, reply
// and error messages for IPv4 and IPv6, and the hello extension.

var aodvTypes = map[byte]string{1: "rreq", 2: "rrep", 3: "rerr", 4: "rrep-ack"}

func (d *dissector) aodv(data []byte, length int, v6 bool) {
	b := d.b
	be := binary.BigEndian
	if len(data) < 1 {
		d.truncJmp("aodv")
		return
	}
	b.str(" aodv")
	typ := data[0]
	// tcpdump 4.99 names the type once the message's fixed part is known
	// to be there, and ends a message too short or cut short with
	// [|aodv].
	name := func() {
		if typ == 1 && v6 {
			b.str(" v6")
		}
		b.str(" " + nameOr(aodvTypes, typ, "type "+itoa(int(typ))))
	}
	alen := 4
	if v6 {
		alen = 16
	}
	addr := func(p []byte) string { return d.p.host(net.IP(p[:alen])) }
	flag := func(bit byte, s string) string {
		// tcpdump tests the type octet, not the flags, for these bits.
		if typ&bit != 0 {
			return s
		}
		return ""
	}
	switch typ {
	case 1, 2:
		size := 12 + 2*alen
		if typ == 1 {
			size += 4
		}
		if length < size || len(data) < size {
			b.trunc("aodv")
			return
		}
		name()
		if typ == 1 {
			unknown := " "
			if typ&0x08 != 0 {
				unknown = "[U] "
			}
			b.printf(" %d %s%s%s%s%shops %d id 0x%08x\n\tdst %s seq %d src %s seq %d", length,
				flag(0x80, "[J]"), flag(0x40, "[R]"), flag(0x20, "[G]"), flag(0x10, "[D]"), unknown,
				data[3], be.Uint32(data[4:]), addr(data[8:]), be.Uint32(data[8+alen:]), addr(data[12+alen:]), be.Uint32(data[12+2*alen:]))
		} else {
			ack := " "
			if typ&0x40 != 0 {
				ack = "[A] "
			}
			b.printf(" %d %s%sprefix %d hops %d\n\tdst %s dseq %d src %s %d ms", length,
				flag(0x80, "[R]"), ack, data[2]&0x1f, data[3],
				addr(data[4:]), be.Uint32(data[4+alen:]), addr(data[8+alen:]), be.Uint32(data[8+2*alen:]))
		}
		if i := length - size; i >= 2 {
			d.aodvExtension(data[size:], i)
		}
	case 3:
		if length < 4 || len(data) < 4 {
			b.trunc("aodv")
			return
		}
		name()
		del := ""
		if data[1]&0x80 != 0 {
			del = "[D]"
		}
		b.printf(" %s [items %d] [%d]:", del, data[3], length)
		p, i := data[4:], length-4
		for dc := int(data[3]); dc != 0; dc-- {
			if i < alen+4 || len(p) < alen+4 {
				b.trunc("aodv")
				return
			}
			b.printf(" {%s}(%d)", addr(p), be.Uint32(p[alen:]))
			p, i = p[alen+4:], i-alen-4
		}
	default:
		name()
		b.printf(" %d", length)
	}
}

func (d *dissector) aodvExtension(p []byte, length int) {
	b := d.b
	if len(p) < 2 {
		b.trunc("aodv")
		return
	}
	typ, l := p[0], p[1]
	if typ != 1 {
		b.printf("\n\text %d %d", typ, l)
		return
	}
	if length < 6 || len(p) < 6 {
		b.trunc("aodv")
		return
	}
	if l < 4 {
		b.printf("\n\text HELLO - bad length %d", l)
		return
	}
	b.printf("\n\text HELLO %d ms", binary.BigEndian.Uint32(p[2:]))
}
