package printer

import "testing"

func init() {
	// IPv4 authentication headers and what follows them, which tcpdump
	// prints as the protocol the header names (ip_demux_print), without a
	// second address line: an ICMP echo request after the header was
	// once printed as "ip-proto-1".
	transportCases = append(transportCases, transportCase{name: "ah4", frames: func(t testing.TB) []frameSpec {
		ah := func(nh byte) []byte { return cat([]byte{nh, 4, 0, 0}, be32b(0x1000), be32b(7), make([]byte, 12)) }
		echo := cat([]byte{8, 0, 0xe5, 0xca}, be16b(0x1234), be16b(1), []byte("abcdefgh"))
		udp := cat(be16b(1000), be16b(2000), be16b(12), be16b(0), []byte{1, 2, 3, 4})
		tcp := cat(be16b(1000), be16b(80), be32b(1), be32b(0), []byte{0x50, 0x10}, be16b(100), be32b(0))
		return append(full(
			ip4Frame(t, 51, cat(ah(1), echo)),
			ip4Frame(t, 51, cat(ah(17), udp)),
			ip4Frame(t, 51, cat(ah(6), tcp)),
			ip4Frame(t, 51, cat(ah(51), ah(1), echo)),
			ip4Frame(t, 51, cat(ah(50), be32b(0x101), be32b(2), make([]byte, 20))),
			ip4Frame(t, 51, ah(59)),
			ip4Frame(t, 51, cat(ah(2), []byte{0x11, 0x64, 0xee, 0x9b, 0, 0, 0, 0})),
		), cutAt(ip4Frame(t, 51, cat(ah(1), echo)), 34+24+4))
	}})
}
