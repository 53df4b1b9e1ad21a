package printer

import (
	"net"
	"testing"
)

var slowMAC = net.HardwareAddr{0x01, 0x80, 0xc2, 0x00, 0x00, 0x02}

func lacpInfo(typ byte, state byte) []byte {
	return cat([]byte{typ, 20}, be16b(32768), []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}, be16b(7), be16b(255), be16b(3), []byte{state, 0, 0, 0})
}

func init() {
	transportCases = append(transportCases, transportCase{name: "slow", frames: func(t testing.TB) []frameSpec {
		lacp := cat([]byte{1, 1}, lacpInfo(1, 0x3d), lacpInfo(2, 0x00), []byte{3, 16}, be16b(5), make([]byte, 12), []byte{0, 0}, make([]byte, 50))
		marker := cat([]byte{2, 1, 1, 16}, be16b(9), []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}, be32b(0xdeadbeef), []byte{0, 0, 0, 0}, make([]byte, 90))
		oamInfo := cat([]byte{3}, be16b(0x0050), []byte{0}, []byte{1, 16, 1}, be16b(2), []byte{5, 0x1f}, be16b(1518), []byte{0, 0, 0x0c}, be32b(7),
			[]byte{2, 16, 1}, be16b(0), []byte{0, 1}, be16b(64), []byte{0, 0, 0}, be32b(0), []byte{0xfe, 5, 1, 2, 3}, []byte{0, 0}, make([]byte, 10))
		oamEvent := cat([]byte{3}, be16b(0x0001), []byte{1}, be16b(42), []byte{1, 40}, be16b(10), make([]byte, 7), []byte{1}, make([]byte, 7), []byte{2},
			make([]byte, 7), []byte{3}, make([]byte, 7), []byte{4}, be32b(5), []byte{9, 3, 0}, []byte{0, 0})
		oamLoop := cat([]byte{3}, be16b(0), []byte{4, 1}, make([]byte, 40))
		oamVar := cat([]byte{3}, be16b(0), []byte{2, 7, 0, 1}, make([]byte, 40))
		badLen := cat([]byte{1, 1}, []byte{1, 19}, make([]byte, 17), []byte{9, 4, 1, 2}, []byte{0, 0}, make([]byte, 40))
		tiny := cat([]byte{1, 1, 1, 1}, make([]byte, 42))
		return append(full(
			etherFrame(slowMAC, 0x8809, lacp),
			etherFrame(slowMAC, 0x8809, marker),
			etherFrame(slowMAC, 0x8809, oamInfo),
			etherFrame(slowMAC, 0x8809, oamEvent),
			etherFrame(slowMAC, 0x8809, oamLoop),
			etherFrame(slowMAC, 0x8809, oamVar),
			etherFrame(slowMAC, 0x8809, badLen),
			etherFrame(slowMAC, 0x8809, tiny),
			etherFrame(slowMAC, 0x8809, cat([]byte{1, 2}, make([]byte, 44))),
			etherFrame(slowMAC, 0x8809, cat([]byte{9, 2}, make([]byte, 44))),
		), cutAt(etherFrame(slowMAC, 0x8809, lacp), 40), cutAt(etherFrame(slowMAC, 0x8809, oamInfo), 30), cutAt(etherFrame(slowMAC, 0x8809, lacp), 15))
	}})
}
