package printer

import "testing"

func init() {
	transportCases = append(transportCases, transportCase{name: "macsec", frames: func(t testing.TB) []frameSpec {
		inner := ip4Frame(t, 17, cat(be16b(1000), be16b(2000), be16b(12), be16b(0), []byte{1, 2, 3, 4}))[12:]
		icv := make([]byte, 16)
		sci := []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 1}
		enc := etherFrame(nil, 0x88e5, cat([]byte{0x2c, 0}, be32b(7), sci, make([]byte, 60)))
		encNoSCI := etherFrame(nil, 0x88e5, cat([]byte{0x4d, 0}, be32b(8), make([]byte, 60)))
		plain := etherFrame(nil, 0x88e5, cat([]byte{0x20, 0}, be32b(9), sci, inner, icv))
		plainNoSCI := etherFrame(nil, 0x88e5, cat([]byte{0x01, 0}, be32b(10), inner, icv))
		short := etherFrame(nil, 0x88e5, cat([]byte{0x00, byte(len(inner))}, be32b(11), inner, make([]byte, 4), icv))
		bad := etherFrame(nil, 0x88e5, cat([]byte{0x80, 0}, be32b(12), make([]byte, 50)))
		badSL := etherFrame(nil, 0x88e5, cat([]byte{0x00, 0x40}, be32b(12), make([]byte, 50)))
		vlan := etherFrame(nil, 0x88e5, cat([]byte{0x00, 0}, be32b(13), []byte{0x81, 0, 0, 5}, inner, icv))
		return append(full(enc, encNoSCI, plain, plainNoSCI, short, bad, badSL, vlan),
			cutAt(plain, 17), cutAt(plain, 24), cutAt(plainNoSCI, 40))
	}})
}
