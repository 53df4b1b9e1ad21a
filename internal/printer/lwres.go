package printer

import (
	"encoding/binary"
	"net"
	"strconv"
)

// BIND 9's lightweight resolver protocol (UDP port 921), as tcpdump's
// print-lwres.c prints it: " lwres", the opcode ("?" on a query), with
// -vv the header's serial, result and receive length (-vvv adds the
// authentication fields and the request flags), then the names and
// addresses of the GETADDRSBYNAME, GETNAMEBYADDR and GETRDATABYNAME
// messages.

var lwresOpcodes = map[uint32]string{0: "noop", 0x10001: "getaddrsbyname", 0x10002: "getnamebyaddr", 0x10003: "getrdatabyname"}

// lwresReader reads a message whose reads end the packet (tcpdump's
// longjmp) when the capture ends first.
type lwresReader struct {
	d    *dissector
	p    []byte
	fail bool
}

func (r *lwresReader) need(off, n int) bool {
	if r.fail {
		return false
	}
	if off < 0 || off+n > len(r.p) {
		r.d.truncJmp("lwres")
		r.fail = true
		return false
	}
	return true
}

func (r *lwresReader) u16(off int) (int, bool) {
	if !r.need(off, 2) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(r.p[off:])), true
}

func (r *lwresReader) u32(off int) (uint32, bool) {
	if !r.need(off, 4) {
		return 0, false
	}
	return binary.BigEndian.Uint32(r.p[off:]), true
}

// name prints " " and the l bytes of a name at off and returns what it
// takes with its NUL.
func (r *lwresReader) name(l, off int) int {
	b := r.d.b
	b.str(" ")
	for i := 0; i < l; i++ {
		if !r.need(off+i, 1) {
			return 0
		}
		printn(b, r.p[off+i:off+i+1])
	}
	if !r.need(off+l, 1) {
		return 0
	}
	if r.p[off+l] != 0 {
		b.str(" (not NUL-terminated!)")
	}
	return l + 1
}

// nameLen prints a name preceded by its 16-bit length.
func (r *lwresReader) nameLen(off int) int {
	l, ok := r.u16(off)
	if !ok {
		return 0
	}
	return 2 + r.name(l, off+2)
}

// binLen prints bytes preceded by their 16-bit length, in hex.
func (r *lwresReader) binLen(off int) int {
	l, ok := r.u16(off)
	if !ok {
		return 0
	}
	for i := 0; i < l; i++ {
		if !r.need(off+2+i, 1) {
			return 0
		}
		r.d.b.str(hexByte(r.p[off+2+i]))
	}
	return 2 + l
}

// addr prints an address (family, length, bytes) and returns its size, or
// -1 when it is shorter than its family's addresses.
func (r *lwresReader) addr(off int) int {
	l, ok := r.u16(off + 4)
	if !ok || !r.need(off+6, l) {
		return 0
	}
	fam, _ := r.u32(off)
	at := off + 6
	switch fam {
	case 1:
		if l < 4 {
			return -1
		}
		r.d.b.str(" " + r.d.p.host(net.IP(append([]byte{}, r.p[at:at+4]...))))
		at += 4
	case 2:
		if l < 16 {
			return -1
		}
		r.d.b.str(" " + r.d.p.host(net.IP(append([]byte{}, r.p[at:at+16]...))))
		at += 16
	default:
		r.d.b.printf(" %d/", fam)
		for i := 0; i < l; i++ {
			r.d.b.str(hexByte(r.p[at]))
			at++
		}
	}
	return at - off
}

func (d *dissector) lwres(p []byte, length int) {
	b := d.b
	r := &lwresReader{d: d, p: p}
	if !r.need(26, 2) {
		return
	}
	be := binary.BigEndian
	v := d.p.opts.Verbose
	b.str(" lwres")
	plen := int64(be.Uint32(p))
	ver := be.Uint16(p[4:])
	if v > 0 || ver != 0 {
		b.printf(" v%d", ver)
	}
	s := int64(0)
	unsupported := false
	tail := func() {
		if plen != int64(length) {
			b.printf(" [len: %d != %d]", plen, length)
		}
		if !unsupported && s < plen {
			b.str("[extra]")
		}
	}
	if ver != 0 {
		s = plen
		tail()
		return
	}
	flags := be.Uint16(p[6:])
	response := flags&1 != 0
	op := be.Uint32(p[12:])
	b.str(" " + nameOr(lwresOpcodes, op, "#0x"+strconv.FormatUint(uint64(op), 16)))
	if !response {
		b.str("?")
	}
	if flags&^1 != 0 {
		b.printf("[0x%x]", flags)
	}
	if v > 1 {
		b.printf(" (serial:0x%x result:0x%x recvlen:%d", be.Uint32(p[8:]), be.Uint32(p[16:]), be.Uint32(p[20:]))
		if v > 2 {
			b.printf(" authtype:0x%x authlen:%d", be.Uint16(p[24:]), be.Uint16(p[26:]))
		}
		b.str(")")
	}
	const at = 28
	reqFlags := func() {
		if v > 2 {
			b.printf(" flags:0x%x", be.Uint32(p[at:]))
		}
	}
	rrType := func(off int) {
		b.str(" " + dnsType(be.Uint16(p[off+2:])))
		if c := be.Uint16(p[off:]); c != 1 {
			b.str(" " + nameOr(dnsClasses, c, "Class"+itoa(int(c))))
		}
	}
	var adv int
	if !response {
		switch op {
		case 0:
			s = at
		case 0x10001:
			if !r.need(at+8, 2) {
				return
			}
			reqFlags()
			types := be.Uint32(p[at+4:])
			switch types & 3 {
			case 1:
				b.str(" IPv4")
			case 2:
				b.str(" IPv6")
			case 3:
				b.str(" IPv4/6")
			}
			if types&^3 != 0 {
				b.printf("[0x%x]", types)
			}
			adv = r.name(int(be.Uint16(p[at+8:])), at+10)
			s = int64(at + 10 + adv)
		case 0x10002:
			if !r.need(at, 4) {
				return
			}
			reqFlags()
			adv = r.addr(at + 4)
			if adv < 0 {
				b.str(" (invalid)")
				return
			}
			s = int64(at + 4 + adv)
		case 0x10003:
			if !r.need(at+8, 2) {
				return
			}
			reqFlags()
			rrType(at + 4)
			adv = r.name(int(be.Uint16(p[at+8:])), at+10)
			s = int64(at + 10 + adv)
		default:
			s = at
			unsupported = true
		}
	} else {
		switch op {
		case 0:
			s = at
		case 0x10001:
			if !r.need(at+8, 2) {
				return
			}
			reqFlags()
			nal, nad := int(be.Uint16(p[at+4:])), int(be.Uint16(p[at+6:]))
			b.printf(" %d/%d", nal, nad)
			off := at + 10
			off += r.name(int(be.Uint16(p[at+8:])), off)
			for i := 0; i < nal && !r.fail; i++ {
				off += r.nameLen(off)
			}
			for i := 0; i < nad && !r.fail; i++ {
				a := r.addr(off)
				if a < 0 {
					b.str(" (invalid)")
					return
				}
				off += a
			}
			s = int64(off)
		case 0x10002:
			if !r.need(at+6, 2) {
				return
			}
			reqFlags()
			nal := int(be.Uint16(p[at+4:]))
			b.printf(" %d", nal)
			off := at + 8
			off += r.name(int(be.Uint16(p[at+6:])), off)
			for i := 0; i < nal && !r.fail; i++ {
				off += r.nameLen(off)
			}
			s = int64(off)
		case 0x10003:
			if !r.need(at+14, 2) {
				return
			}
			reqFlags()
			rrType(at + 4)
			b.str(" TTL " + relTime(be.Uint32(p[at+8:])))
			nrd, nsig := int(be.Uint16(p[at+12:])), int(be.Uint16(p[at+14:]))
			b.printf(" %d/%d", nrd, nsig)
			off := at + 16
			off += r.nameLen(off)
			for i := 0; i < nrd && !r.fail; i++ {
				off += r.binLen(off)
			}
			for i := 0; i < nsig && !r.fail; i++ {
				off += r.binLen(off)
			}
			s = int64(off)
		default:
			s = at
			unsupported = true
		}
	}
	if r.fail {
		return
	}
	tail()
}
