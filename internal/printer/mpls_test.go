package printer

import "testing"

func mplsLabel(label uint32, tc byte, bottom bool, ttl byte) []byte {
	v := label<<12 | uint32(tc)<<9 | uint32(ttl)
	if bottom {
		v |= 0x100
	}
	return be32b(v)
}

func init() {
	transportCases = append(transportCases, transportCase{name: "mpls", frames: func(t testing.TB) []frameSpec {
		ip4 := ip4Frame(t, 17, cat(be16b(1000), be16b(2000), be16b(12), be16b(0), []byte{1, 2, 3, 4}))[14:]
		ip6 := udpFrame(t, true, 1000, 2000, []byte{1, 2, 3, 4})[14:]
		eth := udpFrame(t, false, 1000, 2000, []byte{1, 2, 3, 4})
		return append(full(
			etherFrame(nil, 0x8847, cat(mplsLabel(100, 0, true, 64), ip4)),
			etherFrame(nil, 0x8847, cat(mplsLabel(100, 5, false, 64), mplsLabel(200, 0, true, 63), ip6)),
			etherFrame(nil, 0x8847, cat(mplsLabel(0, 0, true, 64), ip4)),
			etherFrame(nil, 0x8847, cat(mplsLabel(2, 0, true, 64), ip6)),
			etherFrame(nil, 0x8847, cat(mplsLabel(3, 0, true, 64), ip4)),
			etherFrame(nil, 0x8847, cat(mplsLabel(1, 0, false, 64), mplsLabel(300, 0, true, 64), ip4)),
			etherFrame(nil, 0x8848, cat(mplsLabel(300, 7, true, 1), ip4)),
			etherFrame(nil, 0x8847, cat(mplsLabel(300, 0, true, 64), []byte{0, 0, 0, 0}, eth)),
			etherFrame(nil, 0x8847, cat(mplsLabel(300, 0, true, 64), eth)),
			etherFrame(nil, 0x8847, cat(mplsLabel(300, 0, true, 64), []byte{0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})),
			etherFrame(nil, 0x8847, cat(mplsLabel(300, 0, true, 64), []byte{0x45})),
			etherFrame(nil, 0x8847, cat(mplsLabel(300, 0, true, 64))),
			etherFrame(nil, 0x8847, cat(mplsLabel(13, 0, true, 64), ip4)),
			etherFrame(nil, 0x8847, cat(mplsLabel(7, 0, true, 64), ip4)),
			etherFrame(nil, 0x8847, cat(mplsLabel(300, 0, false, 64), mplsLabel(301, 0, false, 64))),
			ip4Frame(t, 137, cat(mplsLabel(400, 0, true, 9), ip4)),
		), cutAt(etherFrame(nil, 0x8847, cat(mplsLabel(100, 5, false, 64), mplsLabel(200, 0, true, 63), ip6)), 20))
	}})
}
