package printer

import (
	"encoding/binary"
	"net"
)

// tcpOptionExtra prints the value of a TCP option that has its own
// printer in tcpdump: MPTCP (30, RFC 8684), TCP Fast Open (34, RFC 7413)
// and the RFC 6994 experimental option (254) with Fast Open's magic. v is
// the option's value (its kind and length cut off), flags the segment's
// TCP flags. false means tcpdump calls the option bad.
func tcpOptionExtra(p *Printer, b *buf, kind byte, v []byte, flags byte) bool {
	switch kind {
	case 30:
		return mptcpOption(p, b, v, flags)
	case 34:
		b.str(" ")
		tcpFastOpen(b, v, false)
	case 254:
		if len(v) < 2 {
			return false
		}
		b.str("-")
		if magic := binary.BigEndian.Uint16(v); magic == 0xf989 {
			tcpFastOpen(b, v[2:], true)
		} else {
			b.printf("%04x", magic)
		}
	}
	return true
}

// tcpFastOpen prints a Fast Open cookie or cookie request.
func tcpFastOpen(b *buf, v []byte, exp bool) {
	if exp {
		b.str("tfo")
	}
	switch {
	case len(v) == 0:
		b.str(" cookiereq")
	case len(v)%2 != 0 || len(v) < 4 || len(v) > 16:
		b.str(" (invalid)")
	default:
		b.str(" cookie ")
		for _, c := range v {
			b.printf("%02x", c)
		}
	}
}

var mptcpSubtypes = []string{"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close", "unknown"}

var mptcpAddrEcho = map[byte]string{6: "v0-ip6", 4: "v0-ip4", 1: "v1-echo", 0: "v1"}

// mptcpOption prints an MPTCP option as tcpdump's mptcp_print. o is the
// whole option from its kind byte, as the subtype layouts count.
func mptcpOption(p *Printer, b *buf, v []byte, flags byte) bool {
	const syn, ack = 0x02, 0x10
	o := append([]byte{30, byte(len(v) + 2)}, v...)
	n := len(o)
	be := binary.BigEndian
	if n < 3 {
		return false
	}
	sub := min(int(o[2]>>4), 8)
	b.printf(" %d %s", n, mptcpSubtypes[sub])
	switch sub {
	case 0: // MP_CAPABLE
		if !((n == 12 || n == 4) && flags&syn != 0) && !((n == 20 || n == 22) && flags&(syn|ack) == ack) {
			return false
		}
		ver := o[2] & 0x0f
		if ver > 1 {
			b.printf(" Unknown Version (%d)", ver)
			return true
		}
		b.printf(" v%d", ver)
		if o[3]&0x80 != 0 {
			b.str(" csum")
		}
		if n == 12 || n >= 20 {
			b.printf(" {0x%x", be.Uint64(o[4:]))
			if n >= 20 {
				b.printf(",0x%x", be.Uint64(o[12:]))
			}
			b.str("}")
		}
	case 1: // MP_JOIN
		if !(n == 12 && flags&syn != 0) && !(n == 16 && flags&(syn|ack) == syn|ack) && !(n == 24 && flags&ack != 0) {
			return false
		}
		if n != 24 {
			if o[2]&1 != 0 {
				b.str(" backup")
			}
			b.printf(" id %d", o[3])
		}
		switch n {
		case 12:
			b.printf(" token 0x%x nonce 0x%x", be.Uint32(o[4:]), be.Uint32(o[8:]))
		case 16:
			b.printf(" hmac 0x%x nonce 0x%x", be.Uint64(o[4:]), be.Uint32(o[12:]))
		case 24:
			b.str(" hmac 0x")
			for _, c := range o[4:24] {
				b.printf("%02x", c)
			}
		}
	case 2: // DSS
		return mptcpDSS(b, o, flags)
	case 3: // ADD_ADDR
		switch n {
		case 8, 10, 16, 18, 20, 22, 28, 30:
		default:
			return false
		}
		b.printf(" %s id %d", nameOr(mptcpAddrEcho, o[2]&0x0f, "[bad version/echo]"), o[3])
		if n <= 18 {
			b.printf(" %s", p.host(net.IP(o[4:8])))
			if n == 10 || n == 18 {
				b.printf(":%d", be.Uint16(o[8:]))
			}
			if n == 16 {
				b.printf(" hmac 0x%x", be.Uint64(o[8:]))
			}
			if n == 18 {
				b.printf(" hmac 0x%x", be.Uint64(o[10:]))
			}
		} else {
			b.printf(" %s", p.host(net.IP(o[4:20])))
			if n == 22 || n == 30 {
				b.printf(":%d", be.Uint16(o[20:]))
			}
			if n == 28 {
				b.printf(" hmac 0x%x", be.Uint64(o[20:]))
			}
			if n == 30 {
				b.printf(" hmac 0x%x", be.Uint64(o[22:]))
			}
		}
	case 4: // REMOVE_ADDR
		if n < 4 {
			return false
		}
		b.str(" id")
		for _, id := range o[3:] {
			b.printf(" %d", id)
		}
	case 5: // MP_PRIO
		if n != 3 && n != 4 {
			return false
		}
		if o[2]&1 != 0 {
			b.str(" backup")
		} else {
			b.str(" non-backup")
		}
		if n == 4 {
			b.printf(" id %d", o[3])
		}
	case 6, 7: // MP_FAIL, MP_FASTCLOSE
		if n != 12 {
			return false
		}
		if sub == 6 {
			b.printf(" seq %d", be.Uint64(o[4:]))
		} else {
			b.printf(" key 0x%x", be.Uint64(o[4:]))
		}
	}
	return true
}

// mptcpDSS prints a Data Sequence Signal option.
func mptcpDSS(b *buf, o []byte, flags byte) bool {
	be := binary.BigEndian
	if len(o) < 4 || flags&0x02 != 0 {
		return false
	}
	f := o[3]
	if f&0x10 != 0 {
		b.str(" fin")
	}
	r := o[4:]
	num := func(wide bool) bool {
		if wide {
			if len(r) < 8 {
				return false
			}
			b.printf("%d", be.Uint64(r))
			r = r[8:]
			return true
		}
		if len(r) < 4 {
			return false
		}
		b.printf("%d", be.Uint32(r))
		r = r[4:]
		return true
	}
	if f&0x01 != 0 {
		b.str(" ack ")
		if !num(f&0x02 != 0) {
			return false
		}
	}
	if f&0x04 != 0 {
		b.str(" seq ")
		if !num(f&0x08 != 0) {
			return false
		}
		if len(r) < 4 {
			return false
		}
		b.printf(" subseq %d", be.Uint32(r))
		r = r[4:]
		if len(r) < 2 {
			return false
		}
		b.printf(" len %d", be.Uint16(r))
		r = r[2:]
		if len(r) >= 2 {
			b.printf(" csum 0x%x", be.Uint16(r))
			r = r[2:]
		}
	}
	return len(r) == 0
}
