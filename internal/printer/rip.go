package printer

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// RIP versions 1 and 2 (RFC 1058, 2453) as tcpdump's rip_print: the
// version, command and length; -v the route entries and authentication.

var ripCommands = map[byte]string{1: "Request", 2: "Response", 3: "Trace on", 4: "Trace off", 5: "Poll", 6: "Poll Entry"}

// maskLen is tcpdump's mask2plen: the prefix length of a contiguous mask,
// -1 otherwise.
func maskLen(m uint32) int {
	n := bits.LeadingZeros32(^m)
	if m<<n != 0 {
		return -1
	}
	return n
}

func (d *dissector) rip(data []byte, length int) {
	b := d.b
	if len(data) > length {
		data = data[:max(length, 0)]
	}
	if len(data) < 4 {
		d.truncJmp("rip")
		return
	}
	ver, cmd := data[1], data[0]
	if d.p.opts.Verbose > 0 {
		b.str("\n\t")
	}
	b.printf("RIPv%d, %s, length: %d", ver, nameOrf(ripCommands, cmd, "unknown command (%d)"), length)
	if d.p.opts.Verbose == 0 {
		return
	}
	p := data[4:]
	rest := length - 4
	switch cmd {
	case 1, 2:
		switch ver {
		case 1:
			b.printf(", routes: %d", length/20)
		case 2:
			b.printf(", routes: %d or less", length/20)
		default:
			b.str(", unknown version")
			rest = 0
		}
		for rest > 0 {
			n := d.ripEntry(ver, p, rest)
			if n == 0 {
				b.str(" (invalid)")
				break
			}
			p, rest = p[min(n, len(p)):], rest-n
		}
	case 3, 4, 5, 6:
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, data[4:], "\n\t", length-4)
		}
	}
	if d.p.opts.Verbose > 1 {
		unknownData(b, data, "\n\t", length)
	}
}

// ripEntry prints one entry and returns its length, 0 when it does not fit.
func (d *dissector) ripEntry(ver byte, p []byte, rest int) int {
	b := d.b
	be := binary.BigEndian
	if ver == 1 {
		if rest < 20 || len(p) < 20 {
			return 0
		}
		family := be.Uint16(p)
		if family != 2 && family != 0 {
			b.printf("\n\t AFI %s, ", nameOr(map[uint16]string{}, family, fmt.Sprintf("Unknown (%d)", family)))
			unknownData(b, p, "\n\t  ", 20)
			return 20
		}
		if be.Uint16(p[2:]) != 0 || be.Uint32(p[8:]) != 0 || be.Uint32(p[12:]) != 0 {
			unknownData(b, p, "\n\t  ", 20)
			return 20
		}
		if family == 0 {
			b.printf("\n\t  AFI 0, %s, metric: %d", d.p.host(p[4:8]), be.Uint32(p[16:]))
			return 20
		}
		b.printf("\n\t  %s, metric: %d", d.p.host(p[4:8]), be.Uint32(p[16:]))
		return 20
	}
	if rest < 4 || len(p) < 4 {
		return 0
	}
	family := be.Uint16(p)
	if family == 0xffff {
		auth := be.Uint16(p[2:])
		q, left := p[4:], rest-4
		switch auth {
		case 2:
			b.str("\n\t  Simple Text Authentication data: ")
			if len(q) < 16 {
				d.truncJmp("rip")
				return rest
			}
			for _, c := range q[:16] {
				if c == 0 {
					break
				}
				printn(b, []byte{c})
			}
			return 20
		case 3:
			if left < 16 || len(q) < 16 {
				return 0
			}
			b.printf("\n\t  Auth header: Packet Len %d, Key-ID %d, Auth Data Len %d, SeqNo %d, MBZ %d, MBZ %d",
				be.Uint16(q), q[2], q[3], be.Uint32(q[4:]), be.Uint32(q[8:]), be.Uint32(q[12:]))
			return 20
		case 1:
			b.str("\n\t  Auth trailer:")
		default:
			b.printf("\n\t  Unknown (%d) Authentication data:", auth)
		}
		unknownData(b, q, "\n\t  ", left)
		return rest
	}
	if rest < 20 || len(p) < 20 {
		return 0
	}
	af := "IPv4"
	if family != 2 {
		af = itoa(int(family))
	}
	b.printf("\n\t  AFI %s, %15s/%-2d, tag 0x%04x, metric: %d, next-hop: ", af, d.p.host(p[4:8]), maskLen(be.Uint32(p[8:])), be.Uint16(p[2:]), be.Uint32(p[16:]))
	if nonzero(p[12:16]) {
		b.str(d.p.host(p[12:16]))
	} else {
		b.str("self")
	}
	return 20
}

// ripng prints RIPng (RFC 2080) as tcpdump's ripng_print: the command and
// entry count, then each entry (-vv: one a line).
func (d *dissector) ripng(data []byte, length int) {
	b := d.b
	if len(data) < 2 {
		d.truncJmp("ripng")
		return
	}
	if v := data[1]; v != 1 {
		b.printf(" [vers %d] (invalid)", v)
		return
	}
	cmd := data[0]
	if cmd != 1 && cmd != 2 {
		b.printf(" ripng-%d ?? %d (invalid)", cmd, length)
		return
	}
	if length < 4 {
		b.str(" (invalid)")
		return
	}
	left := length - 4
	j := left / 20
	if cmd == 1 && j == 1 {
		if len(data) < 24 {
			d.truncJmp("ripng")
			return
		}
		if data[23] == 16 && !nonzero(data[4:20]) {
			b.str(" ripng-req dump")
			return
		}
	}
	name := "req"
	if cmd == 2 {
		name = "resp"
	}
	if j*20 != left {
		b.printf(" ripng-%s %d[%d]:", name, j, length)
	} else {
		b.printf(" ripng-%s %d:", name, j)
	}
	// The entries start after the 4-octet header, which the capture may
	// not hold; an entry that is not there ends the line as tcpdump's
	// GET does.
	p := data[min(4, len(data)):]
	for ; left >= 20; left -= 20 {
		if d.p.opts.Verbose > 1 {
			b.str("\n\t")
		} else {
			b.str(" ")
		}
		if len(p) < 20 {
			d.truncJmp("ripng")
			return
		}
		b.printf("%s/%d", d.p.host(p[:16]), p[18])
		if tag := binary.BigEndian.Uint16(p[16:]); tag != 0 {
			b.printf(" [%d]", tag)
		}
		if cmd == 2 && p[19] != 0 {
			b.printf(" (%d)", p[19])
		}
		p = p[20:]
	}
	if left != 0 {
		b.str(" (invalid)")
	}
}
