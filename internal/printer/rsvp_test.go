package printer

import "testing"

func rsvpMsg(verFlags, typ byte, objs []byte) []byte {
	return cat([]byte{verFlags, typ}, be16b(0x1234), []byte{63, 0}, be16b(uint16(8+len(objs))), objs)
}

// The generated RSVP frames are compared without -v: gocap prints the
// common header line of tcpdump's -v output but not yet the objects.
func init() {
	transportCases = append(transportCases, transportCase{name: "rsvp", frames: func(t testing.TB) []frameSpec {
		var specs []frameSpec
		for _, typ := range []byte{1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 20, 99} {
			specs = append(specs, frameSpec{data: ip4Frame(t, 46, rsvpMsg(0x10, typ, nil))})
		}
		specs = append(specs, frameSpec{data: ip4Frame(t, 46, rsvpMsg(0x21, 1, nil))}, frameSpec{data: ip6Frame(t, 46, rsvpMsg(0x11, 2, nil))},
			frameSpec{data: ip4Frame(t, 46, rsvpMsg(0x11, 1, nil)[:5])})
		return specs
	}})
}

func rsvpObj(class, ctype byte, body []byte) []byte {
	return cat(be16b(uint16(4+len(body))), []byte{class, ctype}, body)
}

func init() {
	transportCases = append(transportCases, transportCase{name: "rsvp-objects", frames: func(t testing.TB) []frameSpec {
		a := []byte{10, 199, 9, 1}
		path := cat(rsvpObj(1, 7, cat(a, be16b(0), be16b(5), a)), rsvpObj(3, 1, cat(a, be32b(3))), rsvpObj(5, 1, be32b(30000)),
			rsvpObj(11, 7, cat(a, be16b(0), be16b(9))), rsvpObj(19, 1, cat(be16b(0), be16b(0x800))), rsvpObj(207, 7, cat([]byte{7, 7, 0, 4}, []byte("lsp1"))), rsvpObj(207, 7, cat([]byte{1, 2, 0x15, 3}, []byte("a\x01b"), []byte{0})),
			rsvpObj(19, 1, cat(be16b(0), be16b(0x1234))),
			rsvpObj(12, 2, cat([]byte{0, 0}, be16b(7), []byte{1, 0}, be16b(6), []byte{127, 0}, be16b(5), be32b(0x49742400), be32b(0x447a0000), be32b(0x7f800000), be32b(20), be32b(1500))),
			rsvpObj(13, 2, cat([]byte{0, 0}, be16b(10), []byte{1, 0x80}, be16b(8), []byte{4, 0}, be16b(1), be32b(3), []byte{6, 0}, be16b(1), be32b(0x4b189680),
				[]byte{8, 0}, be16b(1), be32b(0xffffffff), []byte{10, 0}, be16b(1), be32b(1500))),
			rsvpObj(9, 2, cat([]byte{0, 0}, be16b(6), []byte{2, 0}, be16b(5), []byte{130, 0}, be16b(2), be32b(0x49742400), be32b(7), []byte{133, 0}, be16b(1), be32b(9), []byte{99, 0}, be16b(1), be32b(5))),
			rsvpObj(20, 1, cat([]byte{0x01, 8}, a, []byte{32, 0}, []byte{0x81, 8}, a, []byte{32, 0x05}, []byte{0x20, 4, 0, 1})),
			rsvpObj(21, 1, cat([]byte{0x01, 8}, a, []byte{32, 0x09})))
		resv := cat(rsvpObj(1, 1, cat(a, []byte{17, 0}, be16b(80))), rsvpObj(3, 1, cat(a, be32b(3))), rsvpObj(5, 1, be32b(30000)),
			rsvpObj(8, 1, []byte{0, 0, 0, 10}), rsvpObj(10, 1, cat(a, be16b(0), be16b(1234))), rsvpObj(16, 1, be32b(3)), rsvpObj(16, 2, be32b(4)),
			rsvpObj(15, 1, a), rsvpObj(22, 1, cat(be32b(1), be32b(2))), rsvpObj(131, 1, cat(be32b(1000), be32b(2000))), rsvpObj(200, 1, be32b(5)), rsvpObj(3, 1, cat(a, be32b(3), be32b(9))))
		return full(ip4Frame(t, 46, rsvpMsg(0x10, 1, path)), ip4Frame(t, 46, rsvpMsg(0x10, 1, rsvpObj(20, 1, cat([]byte{0x81, 8}, a, []byte{24, 0})))), ip4Frame(t, 46, rsvpMsg(0x10, 2, resv)),
			ip4Frame(t, 46, rsvpMsg(0x10, 2, cat(be16b(6), []byte{1, 1}, be32b(0)))), ip4Frame(t, 46, rsvpMsg(0x10, 2, cat(be16b(2), []byte{1, 1}))),
			ip4Frame(t, 46, rsvpMsg(0x10, 2, cat(be16b(40), []byte{1, 1}, be32b(0)))), ip4Frame(t, 46, rsvpMsg(0x10, 99, be32b(7))))
	}})
}

// Error specs, the IPv6 forms and the rarer objects, whole and cut short
// (an object too short for its C-Type, and a frame cut by the snapshot).
func init() {
	transportCases = append(transportCases, transportCase{name: "rsvp-rare-objects", frames: func(t testing.TB) []frameSpec {
		a := []byte{10, 199, 9, 1}
		a6 := []byte{0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}
		perr := cat(rsvpObj(6, 1, cat(a, []byte{1, 24}, be16b(5))), rsvpObj(6, 1, cat(a, []byte{0, 24}, be16b(77))), rsvpObj(6, 1, cat(a, []byte{0, 28}, be16b(6))),
			rsvpObj(6, 1, cat(a, []byte{0, 125}, be16b(99))), rsvpObj(6, 1, cat(a, []byte{0, 25}, be16b(3))), rsvpObj(6, 3, cat(a, []byte{0, 1}, be16b(2), be32b(7))),
			rsvpObj(6, 2, cat(a6, []byte{2, 24}, be16b(10))), rsvpObj(6, 2, cat(a6, []byte{0, 28}, be16b(1))), rsvpObj(6, 4, cat(a6, []byte{0, 3}, be16b(4), be32b(8))),
			rsvpObj(6, 9, be32b(1)))
		hops := cat(rsvpObj(3, 2, cat(a6, be32b(4))), rsvpObj(3, 4, cat(a6, be32b(4), be32b(0x01020304))), rsvpObj(15, 2, a6),
			rsvpObj(195, 1, a), rsvpObj(195, 2, a6), rsvpObj(63, 7, cat(a, a, a, a, be32b(1))), rsvpObj(66, 1, be32b(0x0f)), rsvpObj(125, 1, be32b(2)),
			rsvpObj(205, 1, cat([]byte{7, 6, 5, 0}, be32b(0x49742400), be32b(1), be32b(2), be32b(3))), rsvpObj(205, 7, cat([]byte{1, 2, 3, 4}, be32b(0x447a0000), be32b(5), be32b(6))))
		return []frameSpec{{data: ip4Frame(t, 46, rsvpMsg(0x10, 3, perr))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 4, hops))},
			{data: ip6Frame(t, 46, rsvpMsg(0x10, 1, hops))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 3, rsvpObj(6, 1, cat(a, []byte{0, 24}))))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 3, rsvpObj(6, 2, cat(a, be32b(1)))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(3, 2, a6)))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(205, 1, be32b(1))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(195, 2, a)))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(66, 1, nil)))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, cat(rsvpObj(1, 1, be32b(1)), rsvpObj(1, 2, be32b(1)), rsvpObj(1, 7, be32b(1)))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, cat(rsvpObj(15, 1, nil), rsvpObj(16, 2, nil))))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(8, 1, nil)))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(11, 1, be32b(1))))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(10, 2, be32b(1))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(11, 7, be32b(1))))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(10, 7, be32b(1))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 20, rsvpObj(22, 1, be32b(1))))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 20, rsvpObj(131, 1, be32b(1))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 2, rsvpObj(3, 1, be32b(1))))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 1, rsvpObj(207, 7, nil)))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 1, rsvpObj(207, 7, []byte{1, 1, 0, 9})))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 1, rsvpObj(12, 2, nil)))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 1, rsvpObj(5, 1, nil)))}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 1, rsvpObj(205, 7, be32b(1))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x11, 13, cat(rsvpObj(23, 1, cat(be32b(0x01000005), be32b(77))), rsvpObj(24, 1, cat(be32b(0x00000102), be32b(1), be32b(0xfffffffe))),
				rsvpObj(24, 2, cat(be32b(0), be32b(2))), rsvpObj(25, 1, cat(be32b(3), be32b(4), be32b(5))), rsvpObj(23, 1, be32b(1)), rsvpObj(23, 3, be32b(9)))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 1, cat(rsvpObj(196, 1, be32b(0x80000007)), rsvpObj(196, 1, be32b(0x100)), rsvpObj(196, 1, be32b(0)), rsvpObj(196, 2, be32b(1)), rsvpObj(196, 1, nil))))},
			{data: ip4Frame(t, 46, rsvpMsg(0x10, 3, perr)), snap: 14 + 20 + 8 + 30}, {data: ip4Frame(t, 46, rsvpMsg(0x10, 4, hops)), snap: 14 + 20 + 8 + 10}}
	}})
}
