package printer

import (
	"encoding/binary"
	"net"
)

// The IPv6 mobility header (RFC 6275, next header 135) as tcpdump's
// mobility_print: the message type and its fields, -v the cookies, tokens
// and options. Nothing after it is decoded.

var mobilityTypes = map[byte]string{0: "BRR", 1: "HoTI", 2: "CoTI", 3: "HoT", 4: "CoT", 5: "BU", 6: "BA", 7: "BE"}

// mobilityMinLen is each message type's header length.
var mobilityMinLen = []int{8, 16, 16, 24, 24, 12, 12, 24}

func (d *dissector) mobility(p []byte) {
	b := d.b
	be := binary.BigEndian
	v := d.p.opts.Verbose > 0
	trunc := func() { b.trunc("mobility") }
	if len(p) < 2 {
		trunc()
		return
	}
	mhlen := (int(p[1]) + 1) * 8
	if len(p) < 3 {
		trunc()
		return
	}
	typ := p[2]
	if int(typ) < len(mobilityMinLen) && mhlen < mobilityMinLen[typ] {
		b.printf("(header length %d is too small for type %d)", mhlen, typ)
		trunc()
		return
	}
	b.str("mobility: " + nameOr(mobilityTypes, typ, "type-#"+itoa(int(typ))))
	need := func(n int) bool {
		if len(p) < n {
			trunc()
			return false
		}
		return true
	}
	// The fields tcpdump reads with its GET_ macros end the packet with a
	// longjmp when they are cut off.
	get := func(n int) bool {
		if len(p) < n {
			d.truncJmp("mobility")
			return false
		}
		return true
	}
	hlen := 8
	switch typ {
	case 0:
	case 1, 2:
		if v {
			if !need(16) {
				return
			}
			who := "Home"
			if typ == 2 {
				who = "Care-of"
			}
			b.printf(" %s Init Cookie=%08x:%08x", who, be.Uint32(p[8:]), be.Uint32(p[12:]))
		}
		hlen = 16
	case 3, 4:
		if !need(8) {
			return
		}
		b.printf(" nonce id=0x%x", be.Uint16(p[6:]))
		who := "Home"
		if typ == 4 {
			who = "Care-of"
		}
		if v {
			if !need(16) {
				return
			}
			b.printf(" %s Init Cookie=%08x:%08x", who, be.Uint32(p[8:]), be.Uint32(p[12:]))
			if !need(24) {
				return
			}
			b.printf(" %s Keygen Token=%08x:%08x", who, be.Uint32(p[16:]), be.Uint32(p[20:]))
		}
		hlen = 24
	case 5:
		if !need(8) {
			return
		}
		b.printf(" seq#=%d", be.Uint16(p[6:]))
		if !need(10) {
			return
		}
		if f := p[8]; f&0xf0 != 0 {
			b.str(" ")
			for _, x := range []struct {
				bit byte
				s   string
			}{{0x80, "A"}, {0x40, "H"}, {0x20, "L"}, {0x10, "K"}} {
				if f&x.bit != 0 {
					b.str(x.s)
				}
			}
		}
		if !get(12) {
			return
		}
		b.printf(" lifetime=%d", uint32(be.Uint16(p[10:]))<<2)
		hlen = 12
	case 6:
		if !need(8) {
			return
		}
		b.printf(" status=%d", p[6])
		if p[7]&0x80 != 0 {
			b.str(" K")
		}
		if !get(10) {
			return
		}
		b.printf(" seq#=%d", be.Uint16(p[8:]))
		if !get(12) {
			return
		}
		b.printf(" lifetime=%d", uint32(be.Uint16(p[10:]))<<2)
		hlen = 12
	case 7:
		if !need(8) {
			return
		}
		b.printf(" status=%d", p[6])
		if !get(24) {
			return
		}
		b.printf(" homeaddr %s", d.p.host(net.IP(p[8:24])))
		hlen = 24
	default:
		b.printf(" len=%d", p[1])
		return
	}
	if v {
		if len(p) > mhlen {
			p = p[:mhlen+1] // tcpdump checks one octet past each option
		}
		// A capture can end inside the fixed part (a binding refresh
		// request is read only as far as its first octets): options
		// the header's length says follow are then cut.
		switch {
		case hlen > len(p):
			if mhlen != hlen {
				trunc()
			}
		case !d.mobilityOptions(p[hlen:], mhlen-hlen):
			trunc()
		}
	}
}

// mobilityOptions prints the options in len bytes of p; false when they
// run past the header or the capture.
func (d *dissector) mobilityOptions(p []byte, n int) bool {
	b := d.b
	for i := 0; i < n; {
		if i >= len(p) {
			return false
		}
		optlen := 1
		if p[i] != 0 {
			if i+1 >= n || i+1 >= len(p) {
				return false
			}
			optlen = int(p[i+1]) + 2
		}
		if i+optlen > n || i+optlen >= len(p) {
			return false
		}
		o := p[i:]
		// tcpdump checks each field it reads against the capture.
		need := 0
		switch {
		case o[0] == 2:
			need = 4
		case o[0] == 3:
			need = 18
		case o[0] == 4:
			need = 6
		case o[0] > 5:
			need = 2
		}
		if len(o) < need {
			return false
		}
		switch o[0] {
		case 0:
			b.str("(pad1)")
		case 1:
			b.str("(padn)")
		case 2:
			if n-i < 4 {
				b.str("(refresh: trunc)")
				return false
			}
			b.printf("(refresh: %d)", uint32(binary.BigEndian.Uint16(o[2:]))<<2)
		case 3:
			if n-i < 18 {
				b.str("(altcoa: trunc)")
				return false
			}
			b.printf("(alt-CoA: %s)", d.p.host(net.IP(o[2:18])))
		case 4:
			if n-i < 6 {
				b.str("(ni: trunc)")
				return false
			}
			b.printf("(ni: ho=0x%04x co=0x%04x)", binary.BigEndian.Uint16(o[2:]), binary.BigEndian.Uint16(o[4:]))
		case 5:
			if n-i < 12 {
				b.str("(auth: trunc)")
				return false
			}
			b.str("(auth)")
		default:
			b.printf("(type-0x%02x: len=%d)", o[0], o[1])
		}
		i += optlen
	}
	return true
}
