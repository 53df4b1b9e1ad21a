package printer

import "encoding/binary"

// NSH, the Network Service Header (RFC 8300, Ethernet type 0x894f), as
// tcpdump's nsh_print: flags and service path; -vv the version and next
// protocol, -vvv the TTL, length, MD type and context headers; then the
// inner packet.

var nshMDTypes = map[uint32]string{0: "reserved", 1: "1", 2: "2", 0xf: "experimental"}

var nshNextProtos = map[uint32]string{1: "IPv4", 2: "IPv6", 3: "Ethernet", 4: "NSH", 5: "MPLS", 0xfe: "Experiment 1", 0xff: "Experiment 2"}

func (d *dissector) nsh(data []byte, length int) {
	b := d.b
	v := d.p.opts.Verbose
	if len(data) > length {
		data = data[:max(length, 0)]
	}
	if length < 8 {
		b.printf(" (packet length %d < 8) (invalid)", length)
		return
	}
	if len(data) < 4 {
		d.truncJmp("nsh")
		return
	}
	h := binary.BigEndian.Uint32(data)
	ver, hlen, md, next := h>>30, int(h>>16)&0x3f, (h>>8)&0xf, h&0xff
	b.str("NSH, ")
	if v > 1 {
		b.printf("ver %d, ", ver)
	}
	if ver != 0 {
		return
	}
	if h&0x20000000 != 0 {
		b.str("flags [O], ")
	} else {
		b.str("flags [none], ")
	}
	if v > 2 {
		b.printf("TTL %d, length %d, md type %s, ", (h>>22)&0x3f, hlen, nameOr(nshMDTypes, md, "unknown (0x"+hex2(uint8(md))+")"))
	}
	if v > 1 {
		b.printf("next-protocol %s, ", nameOr(nshNextProtos, next, "unknown (0x"+hex2(uint8(next))+")"))
	}
	if length < hlen*4 {
		b.printf(" (too many headers for packet length %d) (invalid)", length)
		return
	}
	if len(data) < 8 {
		d.truncJmp("nsh")
		return
	}
	b.printf("service-path-id 0x%06x, service-index 0x%x", h2u24(data[4:]), data[7])
	if hlen < 2 {
		b.str(" (less than two headers) (invalid)")
		return
	}
	p := data[8:]
	ctx := (hlen - 2) * 4
	if v > 2 && md == 1 {
		if hlen != 6 {
			b.str(" (invalid length for the MD type) (invalid)")
			return
		}
		for n := 0; n < 4; n++ {
			if len(p) < 4 {
				d.truncJmp("nsh")
				return
			}
			b.printf("\n        Context[%02d]: 0x%08x", n, binary.BigEndian.Uint32(p))
			p = p[4:]
		}
	} else if v > 2 && md == 2 {
		for n := 0; n < hlen-2; {
			if len(p) < 4 {
				d.truncJmp("nsh")
				return
			}
			class, typ, tl := binary.BigEndian.Uint16(p), p[2], int(p[3]&0x7f)
			p = p[4:]
			padded := (tl + 3) &^ 3
			b.printf("\n        TLV Class %d, Type %d, Len %d", class, typ, tl)
			n++
			if hlen-2 < n+padded/4 {
				b.str(" (length too big) (invalid)")
				return
			}
			if tl > 0 {
				b.str("\n            Value: ")
				sep := "0x"
				for i := 0; i < tl; i++ {
					if len(p) < 1 {
						d.truncJmp("nsh")
						return
					}
					b.printf("%s%02x", sep, p[0])
					p = p[1:]
					sep = ":"
				}
				if len(p) < padded-tl {
					d.truncJmp("nsh")
					return
				}
				p = p[padded-tl:]
				n += padded / 4
			}
		}
	} else {
		if len(p) < ctx {
			d.truncJmp("nsh")
			return
		}
		p = p[ctx:]
	}
	if v > 0 {
		b.str("\n    ")
	} else {
		b.str(": ")
	}
	nlen := length - hlen*4
	switch next {
	case 1:
		d.ip4(p, nlen)
	case 2:
		d.ip6(p, nlen)
	case 3:
		d.ethernet(p, nlen)
	default:
		b.str("ERROR: unknown-next-protocol")
	}
}

func h2u24(p []byte) uint32 { return uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2]) }
