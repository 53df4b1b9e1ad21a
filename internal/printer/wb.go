package printer

import (
	"encoding/binary"
	"net"
)

// WB, the LBL whiteboard (UDP destination port 4567), as tcpdump's
// print-wb.c prints it: the message type and its page and sequence
// fields, with -v the drawing operations of drawop and repair replies.

var wbDrawOps = map[byte]string{2: "RECT", 3: "LINE", 4: "ML", 5: "DEL", 6: "XFORM", 7: "ELL", 8: "CHAR",
	9: "STR", 10: "NOP", 11: "PSCODE", 12: "PSCOMP", 13: "REF", 14: "SKIP", 15: "HOLE"}

type wbReader struct {
	d    *dissector
	p    []byte
	fail bool
}

// has reports whether n bytes at off were captured; when not, the packet
// ends as with tcpdump's GET_ macros.
func (r *wbReader) has(off, n int) bool {
	if r.fail {
		return false
	}
	if off < 0 || off+n > len(r.p) {
		r.d.truncJmp("wb")
		r.fail = true
		return false
	}
	return true
}

func (r *wbReader) u32(off int) uint32 { return binary.BigEndian.Uint32(r.p[off:]) }

func (r *wbReader) ip(off int) string {
	return r.d.p.host(net.IP(append([]byte{}, r.p[off:off+4]...)))
}

func (d *dissector) wb(p []byte, length int) {
	b := d.b
	r := &wbReader{d: d, p: p}
	if length < 12 {
		b.str(" (invalid)")
		return
	}
	if !r.has(0, 12) {
		return
	}
	left := length - 12
	if p[11] != 0 {
		b.str("*")
	}
	const h = 12
	ok := true
	switch typ := p[10]; typ {
	case 4:
		b.str(" wb-kill")
		return
	case 1:
		ok = r.id(h, left)
	case 2:
		b.str(" wb-rreq:")
		if left < 20 {
			ok = false
		} else if r.has(h, 20) {
			b.printf(" please repair %s %s:%d<%d:%d>", r.ip(h), r.ip(h+4), r.u32(h+8), r.u32(h+12), r.u32(h+16))
		}
	case 3:
		b.str(" wb-rrep:")
		if left < 20 {
			ok = false
		} else if r.has(h, 20) {
			b.printf(" for %s %s:%d<%d:%d>", r.ip(h), r.ip(h+4), r.u32(h+8), r.u32(h+12), r.u32(h+16))
			if d.p.opts.Verbose > 0 {
				r.dops(h+4+16, r.u32(h+12), r.u32(h+16))
			}
		}
	case 0:
		b.str(" wb-dop:")
		if left < 16 {
			ok = false
		} else if r.has(h, 16) {
			b.printf(" %s:%d<%d:%d>", r.ip(h), r.u32(h+4), r.u32(h+8), r.u32(h+12))
			if d.p.opts.Verbose > 0 {
				r.dops(h+16, r.u32(h+8), r.u32(h+12))
			}
		}
	case 5:
		b.str(" wb-preq:")
		if left < 16 {
			ok = false
		} else if r.has(h, 12) {
			b.printf(" need %d/%s:%d", r.u32(h+8), r.ip(h), r.u32(h+4))
			r.has(h, 16)
		}
	case 7:
		b.str(" wb-prep:")
		if left < 4 {
			ok = false
		} else {
			r.prep(h)
		}
	default:
		b.printf(" wb-%d!", typ)
		ok = false
	}
	if !ok && !r.fail {
		b.str(" (invalid)")
	}
}

// id prints an announcement; false when its length is too short.
func (r *wbReader) id(off, left int) bool {
	b := r.d.b
	b.str(" wb-id:")
	if left < 28 {
		return false
	}
	left -= 28
	if !r.has(off, 24) {
		return true
	}
	b.printf(" %d/%s:%d (max %d/%s:%d) ", r.u32(off+12), r.ip(off+16), r.u32(off+20), r.u32(off), r.ip(off+4), r.u32(off+8))
	if !r.has(off, 28) {
		return true
	}
	nid := int(binary.BigEndian.Uint16(r.p[off+24:]))
	if left < 8*nid {
		return false
	}
	left -= 8 * nid
	io := off + 28
	c := "<"
	for i := 0; i < nid; i++ {
		if !r.has(io, 8) {
			return true
		}
		b.printf("%s%s:%d", c, r.ip(io), r.u32(io+4))
		c = ","
		io += 8
	}
	b.str("> \"")
	if !r.d.printjnp(r.p[min(io, len(r.p)):], left, "wb") {
		r.fail = true
		return true
	}
	b.str("\"")
	return true
}

// prep prints a page vector reply.
func (r *wbReader) prep(off int) {
	b := r.d.b
	if !r.has(off, 4) {
		return
	}
	n := r.u32(off)
	ps := off + 4
	for ; n != 0; n-- {
		if !r.has(ps, 12) {
			return
		}
		b.printf(" %d/%s:%d", r.u32(ps), r.ip(ps+4), r.u32(ps+8))
		if !r.has(ps, 16) {
			return
		}
		nid := int(r.p[ps+12])
		io := ps + 16
		c := "<"
		for i := 0; i < nid; i++ {
			if !r.has(io, 8) {
				return
			}
			b.printf("%s%s:%d", c, r.ip(io), r.u32(io+4))
			c = ","
			io += 8
		}
		b.str(">")
		ps = io
	}
}

// dops prints the drawing operations from sequence number ss to es. Each
// step reads the next operation, so the loop ends with the capture even
// when es is 0xffffffff (ss then wraps, as in tcpdump).
func (r *wbReader) dops(dh int, ss, es uint32) {
	b := r.d.b
	b.str(" <")
	for ; ss <= es; ss++ {
		if !r.has(dh+7, 1) {
			return
		}
		t := r.p[dh+7]
		b.str(" " + nameOr(wbDrawOps, t, "dop-"+itoa(int(t))+"!"))
		if t == 14 || t == 15 {
			if !r.has(dh, 4) {
				return
			}
			ts := r.u32(dh)
			b.printf("%d", ts-ss+1)
			if ss > ts || ts > es {
				b.str("[|]")
				if ts < ss {
					return
				}
			}
			ss = ts
		}
		if !r.has(dh+4, 2) {
			return
		}
		dh += (int(binary.BigEndian.Uint16(r.p[dh+4:])) + 8 + 3) &^ 3
	}
	b.str(" >")
}
