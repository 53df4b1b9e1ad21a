package printer

import (
	"net"
	"testing"
)

// ext is an IPv6 extension header (hop-by-hop, destination options or
// routing) with next header nh and body after the two first octets,
// padded to 8 octets.
func ip6Ext(nh byte, body []byte) []byte {
	h := cat([]byte{nh, 0}, body)
	for len(h)%8 != 0 {
		h = append(h, 0)
	}
	h[1] = byte(len(h)/8 - 1)
	return h
}

func init() {
	transportCases = append(transportCases, transportCase{name: "ip6ext", frames: func(t testing.TB) []frameSpec {
		udp := cat(be16b(1000), be16b(2000), be16b(12), be16b(0), []byte{1, 2, 3, 4})
		a := net.ParseIP("2001:db8::5").To16()
		b6 := net.ParseIP("2001:db8::6").To16()
		hbh := ip6Ext(17, []byte{5, 2, 0, 0, 1, 0})
		dst := ip6Ext(59, []byte{0xc2, 4, 0, 1, 0, 0})
		rt0 := ip6Ext(17, cat([]byte{0, 2, 0, 0, 0, 0}, a, b6))
		rt2 := ip6Ext(17, cat([]byte{2, 1, 0, 0, 0, 0}, a))
		srh := ip6Ext(17, cat([]byte{4, 1, 1, 0, 0, 0}, a, b6))
		frag0 := cat([]byte{17, 0}, be16b(1), be32b(0x1234))
		frag1 := cat([]byte{17, 0}, be16b(0x100), be32b(0x1234))
		ah := cat([]byte{17, 4, 0, 0}, be32b(0x100), be32b(7), make([]byte, 12))
		rt := ip6Frame(t, 43, cat(rt0, udp))
		return append(full(
			ip6Frame(t, 0, cat(hbh, udp)),
			ip6Frame(t, 60, dst),
			ip6Frame(t, 43, cat(rt0, udp)),
			ip6Frame(t, 43, cat(rt2, udp)),
			ip6Frame(t, 43, cat(srh, udp)),
			ip6Frame(t, 44, cat(frag0, udp)),
			ip6Frame(t, 44, cat(frag1, udp)),
			ip6Frame(t, 51, cat(ah, udp)),
			ip6Frame(t, 0, cat(ip6Ext(60, []byte{1, 4, 0, 0, 0, 0}), ip6Ext(43, []byte{0x33, 2, 1, 2, 3, 4}), rt2, udp)),
			ip6Frame(t, 50, cat(be32b(0x101), be32b(2), make([]byte, 20))),
			ip6Frame(t, 0, []byte{17, 3, 1, 0}),
			ip6Frame(t, 43, cat(ip6Ext(17, cat([]byte{0, 1, 0, 0, 0, 0}, make([]byte, 8))), udp)),
			ip6Frame(t, 43, cat(ip6Ext(17, cat([]byte{9, 1, 0, 0, 0, 0}, make([]byte, 8))), udp)),
			ip6Frame(t, 43, cat(ip6Ext(6, cat([]byte{2, 1, 0, 0, 0, 0}, a)), cat(be16b(1000), be16b(80), be32b(1), be32b(0), []byte{0x50, 0x10}, be16b(100), be32b(0)))),
			ip6Frame(t, 60, ip6Ext(59, []byte{1, 1, 0, 0xc2, 4, 0, 0, 0, 0, 5, 2, 0, 0})),
		), cutAt(rt, 54+20), cutAt(rt, 54+3), cutAt(ip6Frame(t, 0, cat(hbh, udp)), 54+5),
			// Routing headers of type 0 and 2 without addresses, cut
			// after four and six octets (a FuzzPrint finding).
			cutAt(ip6Frame(t, 43, cat([]byte{6, 0, 0, 0, 0, 0, 0, 0}, udp)), 54+4),
			cutAt(ip6Frame(t, 43, cat([]byte{17, 0, 2, 0, 0, 0, 0, 0}, udp)), 54+6))
	}})
}
