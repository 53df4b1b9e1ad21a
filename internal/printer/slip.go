package printer

import "encoding/binary"

// SLIP (DLT_SLIP) with BSD's 16-byte pseudo-header (direction and the
// compressed header as received), as tcpdump's print-sl.c prints it.

// slipState is what tcpdump remembers between SLIP packets to show
// Van Jacobson compressed TCP: the last connection and the payload
// length per direction and connection.
type slipState struct {
	lastLen  [2][256]uint32
	lastConn uint8
	seen     bool // lastConn was set (tcpdump starts it at 255)
}

func (s *slipState) conn() uint8 {
	if !s.seen {
		return 255
	}
	return s.lastConn
}

func (s *slipState) setConn(c uint8) { s.lastConn, s.seen = c, true }

func (d *dissector) slip(p []byte, length int) int {
	b := d.b
	if len(p) < 16 {
		d.truncJmp("slip")
		return len(p)
	}
	length -= 16
	ip := p[16:]
	if d.p.opts.LinkHeader && !d.slipLink(p, ip, length) {
		return 16
	}
	if len(ip) < 1 {
		d.truncJmp("slip")
		return 16
	}
	switch ip[0] >> 4 {
	case 4:
		d.ip4(ip, length)
	case 6:
		d.ip6(ip, length)
	default:
		b.printf("ip v%d", ip[0]>>4)
	}
	return 16
}

// slipTCPHeaderWords is the IP plus TCP header length in 32-bit words;
// false when it was not captured.
func (d *dissector) slipTCPHeaderWords(ip []byte) (uint32, bool) {
	if len(ip) < 1 {
		d.truncJmp("slip")
		return 0, false
	}
	hl := int(ip[0]&0x0f) * 4
	if len(ip) < hl+13 {
		d.truncJmp("slip")
		return 0, false
	}
	return uint32(ip[0]&0x0f) + uint32(ip[hl+12]>>4), true
}

// slipLink is the -e part; false when tcpdump's printing ended inside it.
func (d *dissector) slipLink(p, ip []byte, length int) bool {
	b := d.b
	st := &d.p.slip
	dir := int(p[0])
	switch dir {
	case 0:
		b.str("I ")
	case 1:
		b.str("O ")
	default:
		b.printf("Invalid direction %d ", dir)
		dir = -1
	}
	chdr := p[1]
	switch chdr & 0xf0 {
	case 0x40:
		b.printf("ip %d: ", length+16)
	case 0x70:
		st.setConn(p[10])
		b.printf("utcp %d: ", st.conn())
		if dir == -1 {
			return true
		}
		hw, ok := d.slipTCPHeaderWords(ip)
		if !ok {
			return false
		}
		st.lastLen[dir][st.conn()] = uint32(length) - hw<<2
	default:
		if dir == -1 {
			return true
		}
		if chdr&0x80 == 0 {
			b.printf("slip-%d!: ", chdr)
			return true
		}
		if !d.compressedSLIP(p[1:], ip, length, dir) {
			return false
		}
		b.str(": ")
	}
	return true
}

// compressedSLIP prints a Van Jacobson compressed TCP header's changes.
func (d *dissector) compressedSLIP(chdr, ip []byte, length, dir int) bool {
	b := d.b
	st := &d.p.slip
	flags := chdr[0]
	cp := 1
	if flags&0x40 != 0 {
		st.setConn(chdr[cp])
		cp++
		b.printf("ctcp %d", st.conn())
	} else {
		b.str("ctcp *")
	}
	cp += 2 // TCP checksum
	// change reads one byte, or a zero and two more; tcpdump 4.99 moves
	// past the value only in the second case.
	change := func() (int, bool) {
		if cp >= len(chdr) {
			d.truncJmp("slip")
			return 0, false
		}
		v := int(chdr[cp])
		if v == 0 {
			if cp+3 > len(chdr) {
				d.truncJmp("slip")
				return 0, false
			}
			v = int(binary.BigEndian.Uint16(chdr[cp+1:]))
			cp += 3
		}
		return v, true
	}
	show := func(label string) bool {
		v, ok := change()
		if ok {
			b.printf(" %s%d", label, v)
		}
		return ok
	}
	switch flags & 0x0f {
	case 0x0b:
		b.printf(" *SA+%d", st.lastLen[dir][st.conn()])
	case 0x0f:
		b.printf(" *S+%d", st.lastLen[dir][st.conn()])
	default:
		if flags&0x01 != 0 && !show("U=") {
			return false
		}
		if flags&0x02 != 0 {
			v, ok := change()
			if !ok {
				return false
			}
			if w := int16(v); w >= 0 {
				b.printf(" W+%d", w)
			} else {
				b.printf(" W%d", w)
			}
		}
		if flags&0x04 != 0 && !show("A+") {
			return false
		}
		if flags&0x08 != 0 && !show("S+") {
			return false
		}
	}
	if flags&0x20 != 0 && !show("I+") {
		return false
	}
	hw, ok := d.slipTCPHeaderWords(ip)
	if !ok {
		return false
	}
	st.lastLen[dir][st.conn()] = uint32(length) - hw<<2
	b.printf(" %d (%d)", int32(st.lastLen[dir][st.conn()]), cp)
	return true
}

// slipBSDOS is BSD/OS SLIP (DLT_SLIP_BSDOS): the 16-byte header is
// skipped (tcpdump prints nothing of it) and what follows is IPv4.
func (d *dissector) slipBSDOS(p []byte, length int) int {
	if len(p) < 16 {
		d.truncJmp("slip_bsdos")
		return len(p)
	}
	d.ip4(p[16:], length-16)
	return 16
}
