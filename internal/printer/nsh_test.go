package printer

import "testing"

func nshHeader(ver, o, ttl, hlen, md, next uint32, spi uint32, si byte) []byte {
	return cat(be32b(ver<<30|o<<29|ttl<<22|hlen<<16|md<<8|next), be32b(spi<<8|uint32(si)))
}

func init() {
	transportCases = append(transportCases, transportCase{name: "nsh", flags: [][]string{{"-n", "-vvv"}}, frames: func(t testing.TB) []frameSpec {
		ip := ip4Frame(t, 17, cat(be16b(1000), be16b(2000), be16b(12), be16b(0), []byte{1, 2, 3, 4}))
		ip6 := ip6Frame(t, 59, nil)
		md1 := cat(be32b(1), be32b(2), be32b(3), be32b(4))
		md2 := cat(be16b(0x0100), []byte{5, 3, 0xaa, 0xbb, 0xcc, 0}, be16b(7), []byte{1, 0})
		return append(full(
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 63, 6, 1, 1, 0x123, 255), md1, ip[14:])),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 1, 10, 5, 2, 2, 0x42, 3), md2, ip6[14:])),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 10, 2, 2, 3, 0x42, 3), ip)),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 10, 2, 15, 9, 0x42, 3), make([]byte, 40))),
			etherFrame(nil, 0x894f, cat(nshHeader(1, 0, 10, 2, 1, 1, 0x42, 3), make([]byte, 40))),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 10, 1, 1, 1, 0x42, 3), make([]byte, 40))),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 10, 5, 1, 1, 0x42, 3), make([]byte, 40))),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 10, 4, 2, 1, 0x42, 3), be16b(1), []byte{1, 20}, make([]byte, 40))),
			etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 10, 63, 2, 1, 0x42, 3), make([]byte, 40))),
			ip4Frame(t, 59, make([]byte, 10)), ip6Frame(t, 59, make([]byte, 10)),
		), cutAt(etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 63, 6, 1, 1, 0x123, 255), md1, ip[14:])), 14+12),
			cutAt(etherFrame(nil, 0x894f, cat(nshHeader(0, 0, 63, 6, 1, 1, 0x123, 255), md1, ip[14:])), 14+6),
			cutAt(etherFrame(nil, 0x894f, cat(nshHeader(0, 1, 10, 5, 2, 2, 0x42, 3), md2, ip6[14:])), 14+13))
	}})
}
