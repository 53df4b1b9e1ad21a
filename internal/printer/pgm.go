package printer

import (
	"encoding/binary"
	"net"
)

// pgmNakNames names the NAK, NNAK and NCF packets, which share a layout.
var pgmNakNames = map[byte]string{8: "NAK ", 9: "NNAK ", 10: "NCF "}

// pgm prints a PGM packet (IP protocol 113, RFC 3208) as tcpdump's
// pgm_print: the ports, the length, and with -v the message and its
// options.
func (d *dissector) pgm(info *ipInfo, p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	if len(p) < 4 {
		b.printf("%s > %s:", info.srcString(d.p), info.dstString(d.p))
		b.trunc("pgm")
		return
	}
	sport, dport := be.Uint16(p), be.Uint16(p[2:])
	if info.proto == 113 {
		b.printf("%s.%s > %s.%s: ", info.srcString(d.p), d.p.port("tcp", sport), info.dstString(d.p), d.p.port("tcp", dport))
	} else {
		b.printf("%s > %s: ", d.p.port("tcp", sport), d.p.port("tcp", dport))
	}
	if len(p) < 16 {
		b.trunc("pgm")
		return
	}
	b.printf("PGM, length %d", be.Uint16(p[14:]))
	if d.p.opts.Verbose == 0 {
		return
	}
	typ := p[4]
	b.printf(" 0x%02x%02x%02x%02x%02x%02x ", p[8], p[9], p[10], p[11], p[12], p[13])
	// nla reads an address family and address at off (the family at
	// famOff); ok false means tcpdump's trunc label was taken.
	nla := func(famOff, off int) (string, int, bool) {
		if famOff+2 > len(p) {
			d.truncJmp("pgm")
			return "", 0, false
		}
		n := 0
		switch be.Uint16(p[famOff:]) {
		case 1:
			n = 4
		case 2:
			n = 16
		default:
			b.trunc("pgm")
			return "", 0, false
		}
		if off+n > len(p) {
			b.trunc("pgm")
			return "", 0, false
		}
		a := net.IP(p[off : off+n])
		if n == 4 {
			return a.String(), off + n, true
		}
		return ip6String(a), off + n, true
	}
	need := func(n int) bool {
		if 16+n > len(p) {
			b.trunc("pgm")
			return false
		}
		return true
	}
	var off int
	switch typ {
	case 0: // SPM
		if !need(16) {
			return
		}
		a, next, ok := nla(28, 32)
		if !ok {
			return
		}
		off = next
		b.printf("SPM seq %d trail %d lead %d nla %s", be.Uint32(p[16:]), be.Uint32(p[20:]), be.Uint32(p[24:]), a)
	case 1: // POLL
		if !need(12) {
			return
		}
		a, next, ok := nla(24, 28)
		if !ok {
			return
		}
		if next+12 > len(p) {
			d.truncJmp("pgm")
			return
		}
		off = next + 12
		b.printf("POLL seq %d round %d nla %s ivl %d rnd 0x%08x mask 0x%08x", be.Uint32(p[16:]), be.Uint16(p[20:]), a,
			be.Uint32(p[next:]), be.Uint32(p[next+4:]), be.Uint32(p[next+8:]))
	case 2: // POLR
		if !need(8) {
			return
		}
		off = 24
		b.printf("POLR seq %d round %d", be.Uint32(p[16:]), be.Uint16(p[20:]))
	case 4, 5: // ODATA, RDATA
		if !need(8) {
			return
		}
		off = 24
		name := "ODATA"
		if typ == 5 {
			name = "RDATA"
		}
		b.printf("%s trail %d seq %d", name, be.Uint32(p[20:]), be.Uint32(p[16:]))
	case 8, 9, 10: // NAK, NNAK, NCF
		if !need(8) {
			return
		}
		src, next, ok := nla(20, 24)
		if !ok {
			return
		}
		next += 4
		grp, next2, ok := nla(next, next)
		if !ok {
			return
		}
		off = next2
		b.str(pgmNakNames[typ])
		b.printf("(%s -> %s), seq %d", src, grp, be.Uint32(p[16:]))
	case 11: // ACK
		if !need(8) {
			return
		}
		off = 24
		b.printf("ACK seq %d", be.Uint32(p[16:]))
	case 12:
		b.str("SPMR")
		off = 0 // tcpdump then looks for options at the header's start
	default:
		b.printf("UNKNOWN type 0x%02x", typ)
		off = 0
	}
	if p[5]&0x01 != 0 {
		if !d.pgmOptions(p, off) {
			return
		}
	}
	b.printf(" [%d]", length)
}

// pgmOptions prints the options that start at off; false means printing
// ended inside them.
func (d *dissector) pgmOptions(p []byte, off int) bool {
	b := d.b
	be := binary.BigEndian
	if off+4 > len(p) {
		b.trunc("pgm")
		return false
	}
	if t := p[off] & 0x7f; t != 0 {
		b.printf("[First option bad, should be PGM_OPT_LENGTH, is %d]", t)
		return false
	}
	if l := p[off+1]; l != 4 {
		b.printf("[Bad OPT_LENGTH option, length %d != 4]", l)
		return false
	}
	total := int(be.Uint16(p[off+2:]))
	if total < 4 {
		b.printf("[Bad total option length %d < 4]", total)
		return false
	}
	b.printf(" OPTS LEN %d", total)
	total -= 4
	off += 4
	jmp := func() bool {
		d.truncJmp("pgm")
		return false
	}
	u32 := func(at int) uint32 { return be.Uint32(p[at:]) }
	for total > 0 {
		if total < 4 {
			b.str("[Total option length leaves no room for final option]")
			return false
		}
		if off+2 > len(p) {
			return jmp()
		}
		typ, l := p[off], int(p[off+1])
		off += 2
		if l < 4 {
			b.printf("[Bad option, length %d < 4]", l)
			break
		}
		if total < l {
			b.str("[Total option length leaves no room for final option]")
			return false
		}
		if off+l-2 > len(p) {
			b.trunc("pgm")
			return false
		}
		// v is the option after its type and length: two reserved
		// bytes, then the fields.
		fixed := func(name string, want int) bool {
			if l != want {
				b.printf("[Bad %s option, length %d != %d]", name, l, want)
				return false
			}
			return true
		}
		switch typ & 0x7f {
		case 0x00:
			if !fixed("OPT_LENGTH", 4) {
				return false
			}
			b.printf(" OPTS LEN (extra?) %d", be.Uint16(p[off:]))
			off += 2
			total -= 4
		case 0x01:
			if !fixed("OPT_FRAGMENT", 16) {
				return false
			}
			b.printf(" FRAG seq %d off %d len %d", u32(off+2), u32(off+6), u32(off+10))
			off += 14
			total -= 16
		case 0x02:
			off += 2
			ol := l - 4
			b.str(" NAK LIST")
			for ol > 0 {
				if ol < 4 {
					b.str("[Option length not a multiple of 4]")
					return false
				}
				b.printf(" %d", u32(off))
				off += 4
				ol -= 4
				total -= 4
			}
		case 0x03:
			if !fixed("OPT_JOIN", 8) {
				return false
			}
			b.printf(" JOIN %d", u32(off+2))
			off += 6
			total -= 8
		case 0x04, 0x05:
			name, f := "OPT_NAK_BO_IVL", " BACKOFF ivl %d ivlseq %d"
			if typ&0x7f == 0x05 {
				name, f = "OPT_NAK_BO_RNG", " BACKOFF max %d min %d"
			}
			if !fixed(name, 12) {
				return false
			}
			b.printf(f, u32(off+2), u32(off+6))
			off += 10
			total -= 12
		case 0x07, 0x12, 0x13:
			name, fixedLen := "OPT_REDIRECT", 8
			if typ&0x7f == 0x12 {
				name, fixedLen = "OPT_PGMCC_DATA", 12
			} else if typ&0x7f == 0x13 {
				name, fixedLen = "OPT_PGMCC_FEEDBACK", 12
			}
			if l < fixedLen {
				bad := name
				if typ&0x7f == 0x13 {
					bad = "PGM_OPT_PGMCC_FEEDBACK"
				}
				b.printf("[Bad %s option, length %d < %d]", bad, l, fixedLen)
				return false
			}
			off += 2
			var tsi uint32
			if fixedLen == 12 {
				tsi = u32(off)
				off += 4
			}
			fam := be.Uint16(p[off:])
			off += 4
			n := 0
			switch fam {
			case 1:
				n = 4
			case 2:
				n = 16
			default:
				b.trunc("pgm")
				return false
			}
			if l != fixedLen+n {
				b.printf("[Bad %s option, length %d != %d + address size]", name, l, fixedLen)
				return false
			}
			a := net.IP(p[off : off+n])
			s := a.String()
			if n == 16 {
				s = ip6String(a)
			}
			off += n
			total -= fixedLen + n
			switch typ & 0x7f {
			case 0x07:
				b.printf(" REDIRECT %s", s)
			case 0x12:
				b.printf(" PGMCC DATA %d %s", tsi, s)
			default:
				b.printf(" PGMCC FEEDBACK %d %s", tsi, s)
			}
		case 0x08, 0x09, 0x0a:
			name, f := "OPT_PARITY_PRM", " PARITY MAXTGS %d"
			switch typ & 0x7f {
			case 0x09:
				name, f = "OPT_PARITY_GRP", " PARITY GROUP %d"
			case 0x0a:
				name, f = "OPT_CURR_TGSIZE", " PARITY ATGS %d"
			}
			if !fixed(name, 8) {
				return false
			}
			b.printf(f, u32(off+2))
			off += 6
			total -= 8
		case 0x0b, 0x0d, 0x0e, 0x0f, 0x11:
			names := map[byte][2]string{0x0b: {"OPT_NBR_UNREACH", " NBR_UNREACH"}, 0x0d: {"OPT_SYN", " SYN"},
				0x0e: {"OPT_FIN", " FIN"}, 0x0f: {"OPT_RST", " RST"}, 0x11: {"OPT_CRQST", " CRQST"}}[typ&0x7f]
			if !fixed(names[0], 4) {
				return false
			}
			b.str(names[1])
			off += 2
			total -= 4
		case 0x0c:
			b.printf(" PATH_NLA [%d]", l)
			off += l
			total -= l
		case 0x10:
			b.str(" CR")
			off += l
			total -= l
		default:
			b.printf(" OPT_%02X [%d] ", typ, l)
			off += l
			total -= l
		}
		if typ&0x80 != 0 {
			break
		}
	}
	return true
}
