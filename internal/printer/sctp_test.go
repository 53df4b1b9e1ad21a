package printer

import "testing"

// sctpChunk is a chunk of type typ with flags and body, padded to 4 bytes.
func sctpChunk(typ, flags byte, body []byte) []byte {
	c := cat([]byte{typ, flags}, be16b(uint16(4+len(body))), body)
	for len(c)%4 != 0 {
		c = append(c, 0)
	}
	return c
}

func sctpPacket(sport, dport uint16, chunks ...[]byte) []byte {
	return cat(be16b(sport), be16b(dport), be32b(0x01020304), be32b(0), cat(chunks...))
}

func init() {
	transportCases = append(transportCases, transportCase{name: "sctp", frames: func(t testing.TB) []frameSpec {
		data := sctpChunk(0, 3, cat(be32b(100), be16b(1), be16b(2), be32b(0), []byte("hello, sctp")))
		dataU := sctpChunk(0, 4, cat(be32b(101), be16b(1), be16b(2), be32b(46), []byte("x")))
		dataNone := sctpChunk(0, 0, cat(be32b(101), be16b(1), be16b(2), be32b(999), []byte("abcd")))
		init := sctpChunk(1, 0, cat(be32b(0xabcdef01), be32b(65536), be16b(10), be16b(11), be32b(5), []byte{0, 5, 0, 8, 10, 0, 0, 1}))
		initAck := sctpChunk(2, 0, cat(be32b(7), be32b(8), be16b(9), be16b(10), be32b(11), []byte{0, 7, 0, 8, 1, 2, 3, 4}))
		sack := sctpChunk(3, 0, cat(be32b(1000), be32b(5000), be16b(2), be16b(1), be16b(2), be16b(4), be16b(6), be16b(9), be32b(999)))
		var fs [][]byte
		for _, ppid := range []uint32{1, 6, 16, 17, 18, 24, 27, 28, 46} {
			fs = append(fs, sctpPacket(1, 2, sctpChunk(0, 0, cat(be32b(1), be16b(1), be16b(2), be32b(ppid), make([]byte, 20)))))
		}
		fs = append(fs, sctpPacket(5000, 6000, data), sctpPacket(5000, 6000, init), sctpPacket(6000, 5000, initAck),
			sctpPacket(6000, 5000, sack), sctpPacket(6000, 5000, sack, dataU, dataNone))
		for _, typ := range []byte{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x40, 0x80, 0x82, 0x84, 0xc0, 0xc1, 0xc2, 0x3f} {
			fs = append(fs, sctpPacket(1, 2, sctpChunk(typ, 0, cat(be32b(0x11223344), be32b(0x55667788)))))
		}
		fs = append(fs, sctpPacket(1, 2, []byte{0, 0, 0, 2}), sctpPacket(1, 2, []byte{0, 0, 0, 7, 1, 2, 3}),
			sctpPacket(1, 2, sctpChunk(0, 0, []byte{1, 2, 3, 4})), sctpPacket(1, 2, sctpChunk(0, 0, make([]byte, 12))),
			sctpPacket(1, 2, sctpChunk(1, 0, make([]byte, 8))), sctpPacket(1, 2, sctpChunk(3, 0, cat(make([]byte, 8), be16b(3), be16b(3), make([]byte, 4)))),
			sctpPacket(1, 2, []byte{3, 0}), sctpPacket(1, 2, sctpChunk(7, 0, nil), []byte{1, 0, 0, 200}),
			sctpPacket(1, 2, sctpChunk(4, 0, []byte{1, 2, 3}), []byte{1, 0}),
			sctpPacket(1, 2, sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil), sctpChunk(6, 0, nil)),
			sctpPacket(1, 2))
		var specs []frameSpec
		for _, f := range fs {
			specs = append(specs, frameSpec{data: ip4Frame(t, 132, f)})
		}
		specs = append(specs, frameSpec{data: ip6Frame(t, 132, sctpPacket(5000, 6000, data, sack))},
			frameSpec{data: ip4Frame(t, 132, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})},
			cutAt(ip4Frame(t, 132, sctpPacket(5000, 6000, data, sack)), 34+12+10),
			cutAt(ip4Frame(t, 132, sctpPacket(5000, 6000, data, sack)), 34+12+30),
			cutAt(ip4Frame(t, 132, sctpPacket(5000, 6000, sack, data)), 34+12+30),
			cutAt(ip4Frame(t, 132, sctpPacket(5000, 6000, init)), 34+8),
			frameSpec{data: ip4Frame(t, 132, sctpPacket(6704, 9, sctpChunk(6, 0, nil)))},
			frameSpec{data: ip4Frame(t, 132, sctpPacket(2905, 2905, sctpChunk(0, 3, cat(be32b(1), be16b(1), be16b(2), be32b(3), m3uaMsg(1, 1,
				cat(be16b(0x0200), be16b(8), be32b(7), be16b(0x0006), be16b(8), be32b(9), be16b(0x0210), be16b(9), []byte{1, 2, 3, 4, 5, 0, 0, 0}))))))},
			frameSpec{data: ip4Frame(t, 132, sctpPacket(2905, 2905, sctpChunk(0, 3, cat(be32b(1), be16b(1), be16b(2), be32b(3), m3uaMsg(3, 3, nil), m3uaMsg(9, 7, be32b(1))))))},
			frameSpec{data: ip4Frame(t, 132, sctpPacket(2905, 2905, sctpChunk(0, 3, cat(be32b(1), be16b(1), be16b(2), be32b(3), m3uaMsg(7, 1, cat(be16b(0x0013), be16b(6), be16b(1), be16b(0)))))))},
		)
		return specs
	}})
}

func m3uaMsg(class, typ byte, params []byte) []byte {
	return cat([]byte{1, 0, class, typ}, be32b(uint32(8+len(params))), params)
}
