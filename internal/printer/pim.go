package printer

import "encoding/binary"

var pimTypes = map[uint8]string{0: "Hello", 1: "Register", 2: "Register Stop", 3: "Join / Prune",
	4: "Bootstrap", 5: "Assert", 6: "Graft", 7: "Graft Acknowledgement", 8: "Candidate RP Advertisement",
	9: "Prune Refresh", 10: "DF Election", 11: "ECMP Redirect"}

var pimHelloOptions = map[uint16]string{1: "Hold Time", 2: "LAN Prune Delay", 18: "DR Priority (Old)",
	19: "DR Priority", 20: "Generation ID", 21: "State Refresh Capability", 22: "Bi-Directional Capability",
	24: "Address List", 65001: "Address List (Old)"}

var pimv1Types = map[uint8]string{0: "Query", 1: "Register", 2: "Register-Stop", 3: "Join/Prune",
	4: "RP-reachable", 5: "Assert", 6: "Graft", 7: "Graft-ACK", 8: "Mode"}

// pim prints PIM version 2 (RFC 7761) as pim_print: a summary line, and
// with -v the checksum and the message (hello options, join/prune
// groups and sources, register, assert...).
func (d *dissector) pim(info *ipInfo, data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		d.truncJmp("pim")
		return
	}
	ver, typ := data[0]>>4, data[0]&0x0f
	if ver != 2 {
		b.printf("PIMv%d, length %d", ver, length)
		return
	}
	if d.p.opts.Verbose == 0 {
		b.printf("PIMv%d, %s, length %d", ver, nameOr(pimTypes, typ, "Unknown Type"), length)
		return
	}
	b.printf("PIMv%d, length %d\n\t%s", ver, length, nameOr(pimTypes, typ, "Unknown Type"))
	if length < 2 {
		b.printf("[length %d < 2] (invalid)", length)
		return
	}
	if len(data) < 2 {
		d.truncJmp("pim")
		return
	}
	p := &pimMsg{d: d, addrLen: int(data[1] & 0x0f)}
	if p.addrLen != 0 {
		b.str(", RFC2117-encoding")
	}
	if length < 4 {
		b.printf("[length %d < 4] (invalid)", length)
		return
	}
	if len(data) < 4 {
		d.truncJmp("pim")
		return
	}
	sum := binary.BigEndian.Uint16(data[2:])
	b.printf(", cksum 0x%04x ", sum)
	switch {
	case sum == 0:
		b.str("(unverified)")
	default:
		check := func(n int) string {
			if len(data) < n {
				return "(unverified)"
			}
			var init uint32
			if info.v6 {
				init = pseudoSum(info, 103, n)
			}
			if checksum(data[:n], init) != 0 {
				return "(incorrect)"
			}
			return "(correct)"
		}
		st := check(length)
		if typ == 1 && length >= 8 {
			if st = check(8); st == "(incorrect)" {
				st = check(length)
			}
		}
		b.str(st)
	}
	if len(data) > length {
		data = data[:max(length, 0)]
	}
	p.data, p.end = data, length
	p.print(typ, 4)
}

// pimMsg walks a PIMv2 message: data is what was captured of it, end its
// length.
type pimMsg struct {
	d       *dissector
	data    []byte
	end     int
	addrLen int // RFC 2117 fixed address length, 0 for encoded addresses
}

const (
	pimUnicast = iota
	pimGroup
	pimSource
)

// addr prints an encoded address (RFC 7761 4.9.1) at off and returns its
// length, or -1 when it is malformed or cut short.
func (p *pimMsg) addr(off, kind int) int {
	b, data := p.d.b, p.data
	alen, hdr := p.addrLen, 0
	if alen == 0 {
		if off+2 > len(data) {
			return -1
		}
		switch data[off] {
		case 1:
			alen = 4
		case 2:
			alen = 16
		default:
			return -1
		}
		if data[off+1] != 0 {
			return -1
		}
		hdr = 2
	} else if alen != 4 && alen != 16 {
		return -1
	}
	off += hdr
	switch kind {
	case pimUnicast:
		if off+alen > len(data) {
			return -1
		}
		b.str(p.d.p.host(data[off : off+alen]))
		return hdr + alen
	default:
		if off+2+alen > len(data) {
			return -1
		}
		b.str(p.d.p.host(data[off+2 : off+2+alen]))
		if ml := int(data[off+1]); ml != alen*8 {
			b.printf("/%d", ml)
		}
		if f := data[off]; f != 0 {
			if kind == pimGroup {
				b.printf("(0x%02x)", f)
			} else {
				b.str("(")
				if f&4 != 0 {
					b.str("S")
				}
				if f&2 != 0 {
					b.str("W")
				}
				if f&1 != 0 {
					b.str("R")
				}
				if f&0xf8 != 0 {
					b.printf("+0x%02x", f&0xf8)
				}
				b.str(")")
			}
		}
		return hdr + 2 + alen
	}
}

// groupAndSource prints the encoded group at off and the unicast source
// after it (labelled srcLabel), as far as the message goes; it returns
// the offset after them, ok false when it stopped before their end.
func (p *pimMsg) groupAndSource(off int, srcLabel string) (int, bool) {
	b := p.d.b
	if off >= p.end {
		return off, false
	}
	b.str(" group=")
	n := p.addr(off, pimGroup)
	if n < 0 {
		b.str("...")
		return off, false
	}
	off += n
	if off >= p.end {
		return off, false
	}
	b.str(srcLabel)
	if n = p.addr(off, pimUnicast); n < 0 {
		b.str("...")
		return off, false
	}
	return off + n, true
}

func (p *pimMsg) print(typ byte, off int) {
	d, b, data := p.d, p.d.b, p.data
	be := binary.BigEndian
	switch typ {
	case 0: // Hello
		for off < p.end {
			if p.end-off < 4 || off+4 > len(data) {
				d.truncJmp("pim")
				return
			}
			otype, olen := be.Uint16(data[off:]), int(be.Uint16(data[off+2:]))
			b.printf("\n\t  %s Option (%d), length %d, Value: ", nameOr(pimHelloOptions, otype, "Unknown"), otype, olen)
			off += 4
			if p.end-off < olen || off+olen > len(data) {
				d.truncJmp("pim")
				return
			}
			v := data[off : off+olen]
			invalid := func(want int) bool {
				if olen != want {
					b.printf("[option length %d != %d] (invalid)", olen, want)
					return true
				}
				return false
			}
			switch otype {
			case 1:
				if invalid(2) {
					return
				}
				b.str(relTime(uint32(be.Uint16(v))))
			case 2:
				if invalid(4) {
					return
				}
				delay := be.Uint16(v)
				t := 0
				if delay&0x8000 != 0 {
					t = 1
				}
				b.printf("\n\t    T-bit=%d, LAN delay %dms, Override interval %dms", t, delay&0x7fff, be.Uint16(v[2:]))
			case 18, 19:
				switch olen {
				case 0:
					b.str("Bi-Directional Capability (Old)")
				case 4:
					b.printf("%d", be.Uint32(v))
				default:
					invalid(4)
					return
				}
			case 20:
				if invalid(4) {
					return
				}
				b.printf("0x%08x", be.Uint32(v))
			case 21:
				if invalid(4) {
					return
				}
				b.printf("v%d", v[0])
				if v[1] != 0 {
					b.str(", interval " + relTime(uint32(v[1])))
				}
				if x := be.Uint16(v[2:]); x != 0 {
					b.printf(" ?0x%04x?", x)
				}
			case 22:
			case 24, 65001:
				if d.p.opts.Verbose > 1 {
					for ptr := off; ptr < off+olen; {
						b.str("\n\t    ")
						n := p.addr(ptr, pimUnicast)
						if n < 0 {
							d.truncJmp("pim")
							return
						}
						ptr += n
					}
				}
			default:
				if d.p.opts.Verbose <= 1 {
					unknownData(b, v, "\n\t    ", olen)
				}
			}
			if d.p.opts.Verbose > 1 {
				unknownData(b, v, "\n\t    ", olen)
			}
			off += olen
		}
	case 1: // Register
		if off+4 > len(data) {
			d.truncJmp("pim")
			return
		}
		f := data[off]
		b.str(", Flags [ ")
		var fl []string
		if f&0x80 != 0 {
			fl = append(fl, "Border")
		}
		if f&0x40 != 0 {
			fl = append(fl, "Null")
		}
		if len(fl) == 0 {
			b.str("none")
		} else {
			b.str(join(fl, ", "))
		}
		b.str(" ]")
		off += 4
		if off >= len(data) {
			return
		}
		inner := data[off:]
		switch inner[0] >> 4 {
		case 4:
			b.str("\n\t")
			d.ip4(inner, p.end-off)
		case 6:
			b.str("\n\t")
			d.ip6(inner, p.end-off)
		default:
			b.printf("\n\t IP ver %d", inner[0]>>4)
		}
	case 2: // Register-Stop
		p.groupAndSource(off, " source=")
	case 3, 6, 7: // Join/Prune, Graft, Graft-Ack
		if typ != 7 {
			if off >= p.end {
				return
			}
			b.str(", upstream-neighbor: ")
			n := p.addr(off, pimUnicast)
			if n < 0 {
				b.str("...")
				return
			}
			off += n
		}
		if off+4 > p.end || off+4 > len(data) {
			return
		}
		ngroup, hold := int(data[off+1]), be.Uint16(data[off+2:])
		b.printf("\n\t  %d group(s)", ngroup)
		if typ != 7 {
			b.str(", holdtime: ")
			if hold == 0xffff {
				b.str("infinite")
			} else {
				b.str(relTime(uint32(hold)))
			}
		}
		off += 4
		for i := 0; i < ngroup; i++ {
			if off >= p.end {
				return
			}
			b.printf("\n\t    group #%d: ", i+1)
			n := p.addr(off, pimGroup)
			if n < 0 {
				b.str("...)")
				return
			}
			off += n
			if off+4 > p.end || off+4 > len(data) {
				b.str("...)")
				return
			}
			njoin, nprune := int(be.Uint16(data[off:])), int(be.Uint16(data[off+2:]))
			b.printf(", joined sources: %d, pruned sources: %d", njoin, nprune)
			off += 4
			for j, what := 0, "joined"; j < njoin+nprune; j++ {
				k := j + 1
				if j >= njoin {
					what, k = "pruned", j-njoin+1
				}
				b.printf("\n\t      %s source #%d: ", what, k)
				n := p.addr(off, pimSource)
				if n < 0 {
					b.str("...)")
					return
				}
				off += n
			}
		}
	case 5: // Assert
		var ok bool
		if off, ok = p.groupAndSource(off, " src="); !ok {
			return
		}
		if off+8 > p.end || off+8 > len(data) {
			return
		}
		if data[off]&0x80 != 0 {
			b.str(" RPT")
		}
		b.printf(" pref=%d metric=%d", be.Uint32(data[off:])&0x7fffffff, be.Uint32(data[off+4:]))
	default:
		b.printf(" [type %d]", typ)
	}
}
