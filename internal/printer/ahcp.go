package printer

import (
	"encoding/binary"
	"net"
	"time"
)

// AHCP, the Ad-Hoc Configuration Protocol (UDP port 5359), version 1, as
// tcpdump's print-ahcp.c prints it: "AHCP Version 1", with -v the header
// and the message type, with -vv the options.

var ahcpMessages = map[byte]string{0: "Discover", 1: "Offer", 2: "Request", 3: "Ack", 4: "Nack", 5: "Release"}

var ahcpOptions = map[byte]string{0: "Pad", 1: "Mandatory", 2: "Origin Time", 3: "Expires",
	4: "My-IPv6-Address", 5: "My-IPv4-Address", 6: "IPv6 Prefix", 7: "IPv4 Prefix", 8: "IPv6 Address",
	9: "IPv4 Address", 10: "IPv6 Prefix Delegation", 11: "IPv4 Prefix Delegation", 12: "Name Server", 13: "NTP Server"}

// ahcp prints the datagram's length bytes; p is what was captured of them
// (and may run past length).
func (d *dissector) ahcp(p []byte, length int) {
	b := d.b
	b.str("AHCP")
	// invalid is tcpdump's "goto invalid": the marker, then the rest must
	// have been captured.
	invalid := func(off, n int) {
		b.str(" (invalid)")
		if off+n > len(p) {
			d.truncJmp("ahcp")
		}
	}
	if length < 2 {
		invalid(0, length)
		return
	}
	if len(p) < 1 {
		d.truncJmp("ahcp")
		return
	}
	if p[0] != 43 {
		invalid(0, length)
		return
	}
	if len(p) < 2 {
		d.truncJmp("ahcp")
		return
	}
	if p[1] != 1 {
		b.printf(" Version %d (unknown)", p[1])
		if length > len(p) {
			d.truncJmp("ahcp")
		}
		return
	}
	b.str(" Version 1")
	off, left := 2, length-2
	if left < 22 {
		invalid(off, left)
		return
	}
	v := d.p.opts.Verbose
	if v == 0 {
		if off+22 > len(p) {
			d.truncJmp("ahcp")
			return
		}
	} else {
		if len(p) < 3 {
			d.truncJmp("ahcp")
			return
		}
		b.printf("\n\tHopcount %d", p[2])
		if len(p) < 4 {
			d.truncJmp("ahcp")
			return
		}
		b.printf(", Original Hopcount %d", p[3])
		if len(p) < 8 {
			d.truncJmp("ahcp")
			return
		}
		b.printf(", Nonce 0x%08x", binary.BigEndian.Uint32(p[4:]))
		if len(p) < 16 {
			d.truncJmp("ahcp")
			return
		}
		b.str(", Source Id " + colonHex(p[8:16]))
		if len(p) < 24 {
			d.truncJmp("ahcp")
			return
		}
		b.str(", Destination Id " + colonHex(p[16:24]))
	}
	off, left = 24, left-22
	// The body.
	if left < 4 {
		invalid(off, left)
		return
	}
	if len(p) < off+4 {
		d.truncJmp("ahcp")
		return
	}
	typ, mbz, blen := p[off], p[off+1], int(binary.BigEndian.Uint16(p[off+2:]))
	off, left = off+4, left-4
	if v > 0 {
		b.printf("\n\t%s", nameOr(ahcpMessages, typ, "Unknown-"+itoa(int(typ))))
		if mbz != 0 {
			b.printf(", MBZ %d", mbz)
		}
		b.printf(", Length %d", blen)
	}
	if blen > left {
		invalid(off, left)
		return
	}
	if v < 2 {
		if off+blen > len(p) {
			d.truncJmp("ahcp")
		}
		return
	}
	d.ahcpOptions(p, off, blen)
}

func colonHex(p []byte) string {
	s := make([]byte, 0, 3*len(p))
	for i, c := range p {
		if i > 0 {
			s = append(s, ':')
		}
		s = append(s, hexByte(c)...)
	}
	return string(s)
}

// ahcpOptions prints the options in the n bytes at p[off:].
func (d *dissector) ahcpOptions(p []byte, off, n int) {
	b := d.b
	for n > 0 {
		if off >= len(p) {
			d.truncJmp("ahcp")
			return
		}
		no := p[off]
		off, n = off+1, n-1
		b.str("\n\t " + nameOr(ahcpOptions, no, "Unknown-"+itoa(int(no))))
		if no == 0 || no == 1 {
			continue
		}
		if n == 0 {
			b.str(" (invalid)")
			return
		}
		if off >= len(p) {
			d.truncJmp("ahcp")
			return
		}
		olen := int(p[off])
		off, n = off+1, n-1
		if olen > n {
			b.str(" (invalid)")
			if off+n > len(p) {
				d.truncJmp("ahcp")
			}
			return
		}
		if !d.ahcpValue(no, p, off, olen) {
			return
		}
		off, n = off+olen, n-olen
	}
}

// ahcpValue prints one option's value; false when the capture ended in it.
func (d *dissector) ahcpValue(no byte, p []byte, off, n int) bool {
	b := d.b
	invalid := func(at, left int) bool {
		b.str(" (invalid)")
		if at+left > len(p) {
			d.truncJmp("ahcp")
			return false
		}
		return true
	}
	list := func(size int, f func(v []byte) string) bool {
		sep := ": "
		at, left := off, n
		for left > 0 {
			if left < size {
				return invalid(at, left)
			}
			if at+size > len(p) {
				d.truncJmp("ahcp")
				return false
			}
			b.str(sep + f(p[at:at+size]))
			at, left, sep = at+size, left-size, ", "
		}
		return true
	}
	v6 := func(v []byte) string { return d.p.host(net.IP(append([]byte{}, v[:16]...))) }
	v4 := func(v []byte) string { return d.p.host(net.IP(append([]byte{}, v[:4]...))) }
	switch no {
	case 2, 3:
		if n != 4 {
			return invalid(off, n)
		}
		if off+4 > len(p) {
			d.truncJmp("ahcp")
			return false
		}
		t := binary.BigEndian.Uint32(p[off:])
		if no == 2 {
			b.str(": " + time.Unix(int64(t), 0).UTC().Format("2006-01-02 15:04:05") + " UTC")
		} else {
			b.printf(": %ds", t)
		}
	case 4, 8, 12, 13:
		return list(16, v6)
	case 5, 9:
		return list(4, v4)
	case 6, 10:
		return list(17, func(v []byte) string { return v6(v) + "/" + itoa(int(v[16])) })
	case 11:
		return list(5, func(v []byte) string { return v4(v) + "/" + itoa(int(v[4])) })
	default:
		b.printf(" (Length %d)", n)
		if off+n > len(p) {
			d.truncJmp("ahcp")
			return false
		}
	}
	return true
}
