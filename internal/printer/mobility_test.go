package printer

import (
	"net"
	"testing"
)

// mobilityHeader is a mobility header of type typ with body (after the
// checksum), padded to a multiple of 8 octets.
func mobilityHeader(typ byte, body []byte) []byte {
	h := cat([]byte{59, 0, typ, 0, 0, 0}, body)
	for len(h)%8 != 0 {
		h = append(h, 0)
	}
	h[1] = byte(len(h)/8 - 1)
	return h
}

func init() {
	transportCases = append(transportCases, transportCase{name: "mobility", frames: func(t testing.TB) []frameSpec {
		home := net.ParseIP("2001:db8::1").To16()
		opts := cat([]byte{0}, []byte{1, 1, 0}, []byte{2, 2}, be16b(10), []byte{4, 4}, be16b(1), be16b(2), []byte{3, 16}, home,
			[]byte{5, 10}, make([]byte, 10), []byte{9, 1, 0})
		var specs []frameSpec
		add := func(typ byte, body []byte) {
			specs = append(specs, frameSpec{data: ip6Frame(t, 135, mobilityHeader(typ, body))})
		}
		add(0, be16b(0))
		add(1, cat(be16b(0), be32b(1), be32b(2)))
		add(2, cat(be16b(0), be32b(3), be32b(4)))
		add(3, cat(be16b(5), be32b(1), be32b(2), be32b(3), be32b(4)))
		add(4, cat(be16b(6), be32b(1), be32b(2), be32b(3), be32b(4)))
		add(5, cat(be16b(77), []byte{0xf0, 0}, be16b(25), opts))
		add(5, cat(be16b(78), []byte{0x00, 0}, be16b(26)))
		add(6, cat([]byte{128, 0x80}, be16b(79), be16b(30), []byte{0, 0}))
		add(6, cat([]byte{0, 0}, be16b(79), be16b(30), []byte{2, 2, 0, 1}))
		add(7, cat([]byte{1, 0}, home))
		add(9, cat([]byte{1, 2}, make([]byte, 8)))
		add(5, cat(be16b(80), []byte{0x80, 0}, be16b(1), []byte{2, 1, 0, 0}))
		add(5, cat(be16b(80), []byte{0x80, 0}, be16b(1), []byte{7, 9, 0, 0}))
		specs = append(specs, frameSpec{data: ip6Frame(t, 135, []byte{59, 0, 5, 0, 0, 0, 0, 1})},
			frameSpec{data: ip6Frame(t, 135, []byte{59, 0, 6, 0, 0, 0, 0, 1})})
		bu := ip6Frame(t, 135, mobilityHeader(5, cat(be16b(77), []byte{0xf0, 0}, be16b(25), opts)))
		specs = append(specs, cutAt(bu, 54+1), cutAt(bu, 54+9), cutAt(bu, 54+11), cutAt(bu, 54+20), cutAt(bu, 54+40))
		// A binding refresh request cut inside its fixed part (a FuzzPrint finding).
		brr := ip6Frame(t, 135, mobilityHeader(0, be16b(0)))
		specs = append(specs, cutAt(brr, 54+3), cutAt(brr, 54+5))
		return specs
	}})
}
