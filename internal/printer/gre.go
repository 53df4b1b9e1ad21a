package printer

import "encoding/binary"

// gre prints GRE version 0 (RFC 2784/2890) and what it carries.
func (d *dissector) gre(data []byte, length int) {
	b := d.b
	if len(data) < 4 {
		d.truncJmp("gre")
		return
	}
	flags := binary.BigEndian.Uint16(data)
	ver := flags & 7
	b.printf("GREv%d", ver)
	if ver != 0 {
		return
	}
	if d.p.opts.Verbose > 0 {
		var fl []string
		for _, f := range []struct {
			bit  uint16
			name string
		}{{0x8000, "checksum present"}, {0x4000, "routing present"}, {0x2000, "key present"},
			{0x1000, "sequence# present"}, {0x0800, "source routing present"}} {
			if flags&f.bit != 0 {
				fl = append(fl, f.name)
			}
		}
		if len(fl) == 0 {
			b.str(", Flags [none]")
		} else {
			b.str(", Flags [" + join(fl, ", ") + "]")
		}
	}
	proto := binary.BigEndian.Uint16(data[2:])
	off := 4
	if flags&0xc000 != 0 {
		if len(data) < off+4 {
			d.truncJmp("gre")
			return
		}
		b.printf(", sum 0x%x, off 0x%x", binary.BigEndian.Uint16(data[off:]), binary.BigEndian.Uint16(data[off+2:]))
		off += 4
	}
	if flags&0x2000 != 0 {
		if len(data) < off+4 {
			d.truncJmp("gre")
			return
		}
		b.printf(", key=0x%x", binary.BigEndian.Uint32(data[off:]))
		off += 4
	}
	if flags&0x1000 != 0 {
		if len(data) < off+4 {
			d.truncJmp("gre")
			return
		}
		b.printf(", seq %d", binary.BigEndian.Uint32(data[off:]))
		off += 4
	}
	if d.p.opts.LinkHeader {
		name := etherTypeName(proto)
		if name == "Unknown" {
			name = "unknown"
		}
		b.printf(", proto %s (0x%04x)", name, proto)
	}
	b.printf(", length %d", length)
	if d.p.opts.Verbose > 0 {
		b.str("\n\t")
	} else {
		b.str(": ")
	}
	if len(data) < off {
		d.truncJmp("gre")
		return
	}
	inner, ilen := data[off:], length-off
	switch proto {
	case 0x0800:
		d.ip4(inner, ilen)
	case 0x86dd:
		d.ip6(inner, ilen)
	case 0x8847:
		d.mpls(inner, ilen)
	case 0x6558:
		d.ethernet(inner, ilen)
	default:
		b.printf("gre-proto-0x%x", proto)
	}
}
