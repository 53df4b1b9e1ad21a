package printer

import (
	"bytes"
	"net"
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// eigrpTLV builds an EIGRP TLV: type, length, value.
func eigrpTLV(typ uint16, v ...[]byte) []byte {
	p := cat(be16b(typ), be16b(0), cat(v...))
	copy(p[2:], be16b(uint16(len(p))))
	return p
}

// eigrpPacket is an EIGRP header (version 2) and TLVs.
func eigrpPacket(ver, op byte, flags uint32, tlvs ...[]byte) []byte {
	return cat([]byte{ver, op}, be16b(0xabcd), be32b(flags), be32b(7), be32b(6), be16b(0), be16b(100), cat(tlvs...))
}

func eigrpFrames() tcpAppCase {
	a4 := func(s string) []byte { return net.ParseIP(s).To4() }
	metrics := cat(be32b(12800), be32b(100000), []byte{0, 0x05, 0xdc, 1, 255, 1}, be16b(0))
	params := eigrpTLV(1, []byte{1, 0, 1, 0, 0, 0}, be16b(15))
	sw := eigrpTLV(4, []byte{12, 4, 1, 2})
	ipInt := eigrpTLV(0x102, a4("0.0.0.0"), metrics, []byte{24, 10, 1, 2})
	ipInt2 := eigrpTLV(0x102, a4("10.0.0.9"), metrics, []byte{32, 192, 168, 1, 1})
	ipExt := eigrpTLV(0x103, a4("10.0.0.1"), a4("10.0.0.2"), be32b(65000), be32b(0xbeef), be32b(5), be16b(0), []byte{6, 0x40},
		metrics, []byte{16, 172, 16})
	atInt := eigrpTLV(0x202, be32b(0x00010002), metrics, be16b(100), be16b(200))
	atExt := eigrpTLV(0x203, be32b(0), be32b(7), be32b(8), be32b(9), []byte{3, 0}, be16b(1), metrics, be16b(100), be16b(200))
	cable := eigrpTLV(0x204, be16b(1), be16b(9), be32b(42))
	seq := eigrpTLV(3, []byte{4, 10, 0, 0, 1})
	hello := eigrpPacket(2, 5, 0, params, sw)
	update := eigrpPacket(2, 1, 0x0f, ipInt, ipInt2, ipExt, atInt, atExt, cable, seq, eigrpTLV(0x999, []byte{1, 2, 3}))
	ip := func(p []byte) []byte { return testframes.IP4(88, p) }
	return tcpAppCase{
		name: "eigrp",
		whole: [][]byte{
			ip(hello), ip(update),
			ip(eigrpPacket(2, 3, 1, eigrpTLV(0x102, a4("0.0.0.0"), metrics, []byte{33, 1}))),
			ip(eigrpPacket(2, 4, 2, eigrpTLV(1, []byte{1, 2}), eigrpTLV(4, nil), eigrpTLV(0x103, make([]byte, 10)))),
			ip(eigrpPacket(2, 7, 0, eigrpTLV(0x202, make([]byte, 4)), eigrpTLV(0x203, nil), eigrpTLV(0x204, nil))),
			ip(eigrpPacket(2, 9, 0x10, []byte{0, 1, 0, 2})),
			ip(eigrpPacket(2, 6, 0, []byte{0, 1, 0, 40, 1, 2, 3})),
			ip(eigrpPacket(2, 5, 0, []byte{0, 1, 0})),
			ip(eigrpPacket(1, 5, 0)),
			ip(eigrpPacket(2, 5, 0)[:12]),
			ip(eigrpPacket(2, 1, 0, eigrpTLV(0x102, a4("0.0.0.0"), metrics, []byte{32, 1}))),
			testframes.IP6(88, hello),
		},
		cuts: [][]byte{ip(update)},
		at:   []int{40, 50, 60, 70, 80, 100, 120, 150, 180, 200, 250},
	}
}

// TestIPProtosVsTcpdump compares the IP protocol printers of this file's
// protocols with tcpdump, line by line.
func TestIPProtosVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range []tcpAppCase{eigrpFrames(), tcpOptFrames(), pgmFrames()} {
		fs := c.frames()
		same, total := compareLinkFlags(t, tcpdump, c.name, 1, fs, tcpAppsFlagSets)
		t.Logf("%s: %d of %d lines as tcpdump's", c.name, same, total)
	}
}

// tcpWithOptions is an Ethernet/IPv4/TCP frame with the given flags and
// options (padded with end-of-option bytes to a multiple of 4).
func tcpWithOptions(flags byte, opts []byte, payload []byte) []byte {
	for len(opts)%4 != 0 {
		opts = append(opts, 0)
	}
	h := cat(be16b(40000), be16b(80), be32b(1000), be32b(2000), []byte{byte((20 + len(opts)) / 4 << 4), flags}, be16b(512), be16b(0), be16b(0), opts, payload)
	return testframes.IP4(6, h)
}

func tcpOptFrames() tcpAppCase {
	const syn, ack, synack, pa = 0x02, 0x10, 0x12, 0x18
	opt := func(kind byte, v ...[]byte) []byte {
		o := cat([]byte{kind, 0}, cat(v...))
		o[1] = byte(len(o))
		return o
	}
	a6 := net.ParseIP("2001:db8::1").To16()
	key := be32b(0x01020304)
	key8 := cat(key, be32b(0x05060708))
	var whole [][]byte
	add := func(flags byte, opts ...[]byte) { whole = append(whole, tcpWithOptions(flags, cat(opts...), nil)) }
	// MPTCP: every subtype, valid and with the lengths or flags tcpdump rejects.
	add(syn, opt(30, []byte{0x01, 0x81}, key8))
	add(syn, opt(30, []byte{0x00, 0x01}))
	add(ack, opt(30, []byte{0x00, 0x00}, key8, key8))
	add(ack, opt(30, []byte{0x01, 0x80}, key8, key8, be16b(99)))
	add(syn, opt(30, []byte{0x05, 0x00}, key8))
	add(ack, opt(30, []byte{0x00, 0x00}, key8))
	add(syn, opt(30, []byte{0x11, 0x07}, key, be32b(99)))
	add(synack, opt(30, []byte{0x10, 0x07}, key8, be32b(99)))
	add(ack, opt(30, []byte{0x10, 0x00}, key8, key8, key))
	add(ack, opt(30, []byte{0x10, 0x07}, key8))
	add(ack, opt(30, []byte{0x20, 0x01}, key))
	add(ack, opt(30, []byte{0x20, 0x03}, key8))
	add(ack, opt(30, []byte{0x20, 0x1d}, key8, key, key, be16b(100), be16b(0xabcd)))
	add(ack, opt(30, []byte{0x20, 0x05}, key, key, be16b(100)))
	add(ack, opt(30, []byte{0x20, 0x04}, key, key))
	add(ack, opt(30, []byte{0x20, 0x01}, key, []byte{1}))
	add(syn, opt(30, []byte{0x20, 0x00}))
	add(ack, opt(30, []byte{0x34, 0x05}, net.ParseIP("10.1.2.3").To4()))
	add(ack, opt(30, []byte{0x34, 0x05}, net.ParseIP("10.1.2.3").To4(), be16b(8080)))
	add(ack, opt(30, []byte{0x30, 0x05}, net.ParseIP("10.1.2.3").To4(), key8))
	add(ack, opt(30, []byte{0x31, 0x05}, net.ParseIP("10.1.2.3").To4(), be16b(8080), key8))
	add(ack, opt(30, []byte{0x36, 0x05}, a6))
	add(ack, opt(30, []byte{0x36, 0x05}, a6, be16b(443)))
	add(ack, opt(30, []byte{0x30, 0x05}, a6, key8))
	add(ack, opt(30, []byte{0x3f, 0x05}, a6, be16b(443), key8))
	add(ack, opt(30, []byte{0x30, 0x05}, a6[:5]))
	add(ack, opt(30, []byte{0x40, 1, 2, 3}))
	add(ack, opt(30, []byte{0x40}))
	add(ack, opt(30, []byte{0x51, 0x02}))
	add(ack, opt(30, []byte{0x50}))
	add(ack, opt(30, []byte{0x50, 1, 2}))
	add(ack, opt(30, []byte{0x60, 0}, key8))
	add(ack|0x04, opt(30, []byte{0x70, 0}, key8))
	add(ack, opt(30, []byte{0x70, 0}, key))
	add(ack, opt(30, []byte{0x90, 0}, key))
	add(ack, opt(30, []byte{0xf0}))
	add(ack, opt(30))
	add(ack, []byte{1, 1}, opt(30, []byte{0x20, 0x01}, key), opt(30, []byte{0x51, 0x02}))
	// Fast Open, as option 34 and as the experimental option with its magic.
	add(syn, opt(34))
	add(syn, opt(34, key8))
	add(syn, opt(34, key))
	add(syn, opt(34, []byte{1, 2, 3}))
	add(syn, opt(34, key8, key8, key))
	add(syn, opt(34, []byte{1, 2}))
	add(syn, opt(254, be16b(0xf989)))
	add(syn, opt(254, be16b(0xf989), key8))
	add(syn, opt(254, be16b(0xf989), []byte{1}))
	add(syn, opt(254, be16b(0x1234), key))
	add(syn, opt(254, []byte{1}))
	add(syn, opt(254))
	add(syn, []byte{2, 4, 5, 0xb4}, opt(34, key8), []byte{1, 1, 4, 2})
	// MD5 signature, SCPS capabilities, TCP-AO.
	add(ack, opt(19, key8, key8))
	add(ack, opt(19, key8))
	add(ack, opt(20, []byte{0x80, 9}))
	add(ack, opt(20, []byte{0x80}))
	add(ack, opt(29, []byte{1, 2}, key8))
	add(ack, opt(29, []byte{1, 2}))
	add(ack, opt(29, []byte{1}))
	add(ack, opt(29))
	add(ack, []byte{1, 1, 1, 2, 2})
	cut := tcpWithOptions(ack, cat([]byte{1, 1}, opt(30, []byte{0x20, 0x1d}, key8, key, key, be16b(100), be16b(0xabcd)), opt(34, key8)), nil)
	signed := tcpWithOptions(ack, cat(opt(19, key8, key8), opt(29, []byte{1, 2}, key8), opt(20, []byte{1, 2})), []byte("hello"))
	return tcpAppCase{name: "tcpopts", whole: whole, cuts: [][]byte{cut, signed},
		at: []int{54, 55, 56, 57, 58, 60, 64, 70, 71, 72, 73, 76, 80, 82, 84, 88, 90, 92, 95}}
}

// pgmPacket is a PGM header (ports 7500 > 7501, type, options flags,
// global source id, TSDU length) and the rest of the message.
func pgmPacket(typ, optFlags byte, tsdu uint16, rest ...[]byte) []byte {
	return cat(be16b(7500), be16b(7501), []byte{typ, optFlags}, be16b(0), []byte{1, 2, 3, 4, 5, 6}, be16b(tsdu), cat(rest...))
}

// pgmOpt is a PGM option: type, length, value.
func pgmOpt(typ byte, v ...[]byte) []byte {
	o := cat([]byte{typ, 0}, cat(v...))
	o[1] = byte(len(o))
	return o
}

func pgmFrames() tcpAppCase {
	a4 := net.ParseIP("10.0.0.9").To4()
	a6 := net.ParseIP("2001:db8::9").To16()
	nla4 := cat(be16b(1), be16b(0), a4)
	nla6 := cat(be16b(2), be16b(0), a6)
	opts := func(os ...[]byte) []byte {
		body := cat(os...)
		return cat([]byte{0, 4}, be16b(uint16(4+len(body))), body)
	}
	allOpts := opts(pgmOpt(1, be16b(0), be32b(1), be32b(2), be32b(3)), pgmOpt(2, be16b(0), be32b(10), be32b(11)),
		pgmOpt(3, be16b(0), be32b(4)), pgmOpt(4, be16b(0), be32b(5), be32b(6)), pgmOpt(5, be16b(0), be32b(7), be32b(8)),
		pgmOpt(7, be16b(0), nla4), pgmOpt(7, be16b(0), nla6), pgmOpt(8, be16b(0), be32b(9)), pgmOpt(9, be16b(0), be32b(10)),
		pgmOpt(10, be16b(0), be32b(11)), pgmOpt(11, be16b(0)), pgmOpt(12, be16b(0), a4), pgmOpt(13, be16b(0)),
		pgmOpt(14, be16b(0)), pgmOpt(15, be16b(0)), pgmOpt(16, be16b(0), be32b(1)), pgmOpt(17, be16b(0)),
		pgmOpt(0x12, be16b(0), be32b(12), nla4), pgmOpt(0x13, be16b(0), be32b(13), nla6), pgmOpt(0x20, be16b(0)),
		pgmOpt(0x80|0x0d, be16b(0)))
	odata := pgmPacket(4, 1, 4, be32b(5), be32b(6), allOpts, []byte("data"))
	moreOpts := opts(pgmOpt(13, be16b(0)), pgmOpt(14, be16b(0)), pgmOpt(15, be16b(0)), pgmOpt(17, be16b(0)),
		pgmOpt(0x12, be16b(0), be32b(12), nla4), pgmOpt(0x13, be16b(0), be32b(13), nla6), pgmOpt(0x0d, be16b(1)),
		pgmOpt(0x10, be16b(0), be32b(1)), []byte{0, 0}, pgmOpt(0x20, be16b(0)), []byte{0, 0}, pgmOpt(0x80|0x0e, be16b(0)), pgmOpt(14, be16b(0)))
	ip := func(p []byte) []byte { return testframes.IP4(113, p) }
	var whole [][]byte
	for _, p := range [][]byte{
		pgmPacket(0, 0, 0, be32b(1), be32b(2), be32b(3), nla4),
		pgmPacket(0, 0, 0, be32b(1), be32b(2), be32b(3), nla6),
		pgmPacket(0, 0, 0, be32b(1), be32b(2), be32b(3), be16b(3), be16b(0), a4),
		pgmPacket(1, 0, 0, be32b(1), be16b(2), be16b(3), nla4, be32b(7), be32b(8), be32b(9)),
		pgmPacket(1, 0, 0, be32b(1), be16b(2), be16b(3), nla4, be32b(7)),
		pgmPacket(2, 0, 0, be32b(1), be16b(2), be16b(0)),
		odata,
		pgmPacket(5, 0, 4, be32b(5), be32b(6), []byte("data")),
		pgmPacket(8, 0, 0, be32b(1), nla4, a6[:4], be32b(0)),
		pgmPacket(9, 0, 0, be32b(1), nla4, be16b(1), be16b(0), a4),
		pgmPacket(10, 0, 0, be32b(1), nla6, be16b(2), be16b(0), a6, a6),
		pgmPacket(11, 0, 0, be32b(1), be32b(2)),
		pgmPacket(12, 0, 0),
		pgmPacket(99, 0, 0, []byte{1, 2}),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), []byte{1, 4, 0, 8}),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), []byte{0, 5, 0, 8}),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), []byte{0, 4, 0, 2}),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts(pgmOpt(1, be16b(0)))),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts([]byte{3, 2, 0, 0})),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), []byte{0, 4, 0, 6, 1, 2}),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), []byte{0, 4, 0, 40}, pgmOpt(3, be16b(0), be32b(4))),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts(pgmOpt(2, be16b(0), []byte{1, 2}))),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts(pgmOpt(7, be16b(0), be16b(1), be16b(0), a6))),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts(pgmOpt(7, be16b(0), be16b(9), be16b(0), a4))),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts(pgmOpt(7, be16b(0)))),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0), opts(pgmOpt(0, be16b(5)), pgmOpt(11, be16b(0), be16b(0)))),
		pgmPacket(12, 1, 0),
		pgmPacket(5, 1, 0, be32b(5), be32b(6), moreOpts),
		pgmPacket(8, 0, 0, be32b(1), nla4, be32b(0), be16b(1), be16b(0), a4),
		pgmPacket(10, 0, 0, be32b(1), nla6, be32b(0), be16b(2), be16b(0), a6, a6),
		pgmPacket(2, 1, 0, be32b(1), be16b(2), be16b(0)),
		pgmPacket(4, 0, 0, be32b(5)),
		pgmPacket(0, 0, 0)[:10],
		[]byte{0, 1, 0},
	} {
		whole = append(whole, ip(p))
	}
	whole = append(whole, testframes.IP6(113, odata))
	return tcpAppCase{name: "pgm", whole: whole, cuts: [][]byte{ip(odata)},
		at: []int{36, 38, 42, 50, 52, 56, 60, 64, 70, 80, 90, 100, 120, 140, 160, 180, 200, 230}}
}

// TestFamilyMutations prints every frame of this family's cases cut at
// every length and with single bytes of the payload changed, at -v and
// -vv: the printers must neither panic nor loop (each value read from the
// packet is bounded by the bytes present).
func TestFamilyMutations(t *testing.T) {
	cases := []tcpAppCase{rpkiFrames(), pptpFrames(), msdpFrames(), beepFrames(), eigrpFrames(), tcpOptFrames(), pgmFrames(), carpFrames()}
	for _, o := range []Options{{Verbose: 1}, {Verbose: 2}, {Verbose: 1, PacketType: "carp"}} {
		var out bytes.Buffer
		p := New(&out, o)
		for _, c := range cases {
			for _, f := range c.frames() {
				d := f.Data
				for n := 34; n <= len(d); n += 3 {
					if err := p.Print(&Packet{Time: f.Time, Data: d[:n], Length: f.Length, LinkType: 1}); err != nil {
						t.Fatal(err)
					}
				}
				for i := 34; i < len(d); i++ {
					for _, v := range []byte{0x00, 0x03, 0x7f, 0xff} {
						m := append([]byte{}, d...)
						m[i] = v
						if err := p.Print(&Packet{Time: f.Time, Data: m, Length: len(m), LinkType: 1}); err != nil {
							t.Fatal(err)
						}
					}
				}
				out.Reset()
			}
		}
	}
}

// carpAdvert is a CARP advertisement: version/type, vhid, advskew,
// authlen, demotion, advbase, checksum (made right unless bad), counter,
// HMAC.
func carpAdvert(verType byte, bad bool) []byte {
	p := cat([]byte{verType, 7, 100, 7, 0, 1}, be16b(0), be32b(0x01020304), be32b(0x05060708), make([]byte, 20))
	sum := inetSum(p)
	if bad {
		sum ^= 0x1111
	}
	copy(p[6:], be16b(sum))
	return p
}

// inetSum is the Internet checksum of p.
func inetSum(p []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(p); i += 2 {
		s += uint32(p[i])<<8 | uint32(p[i+1])
	}
	if len(p)%2 == 1 {
		s += uint32(p[len(p)-1]) << 8
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// carpFrames are CARP advertisements (TTL 255 unless said otherwise),
// well-formed, with a bad checksum, other versions and types, truncated.
func carpFrames() tcpAppCase {
	ttl := func(f []byte, v byte) []byte {
		f = append([]byte{}, f...)
		f[14+8] = v
		return f
	}
	ip := func(p []byte) []byte { return ttl(testframes.IP4(112, p), 255) }
	return tcpAppCase{
		name: "carp",
		whole: [][]byte{
			ip(carpAdvert(0x21, false)), ip(carpAdvert(0x21, true)), testframes.IP4(112, carpAdvert(0x21, false)),
			ip(carpAdvert(0x22, false)), ip(carpAdvert(0x31, false)), ip([]byte{0x21, 1, 2}), ip([]byte{0x21}),
			ip(carpAdvert(0x21, false)[:12]), ttl(testframes.IP6(112, carpAdvert(0x21, false)), 255),
		},
		cuts: [][]byte{ip(carpAdvert(0x21, false))},
		at:   []int{34, 35, 37, 40, 42, 44, 48, 50, 60},
	}
}

// TestCarpVsTcpdump compares IP protocol 112 printed under -T carp, which
// compareLinkFlags's options do not take, and without it (VRRP).
func TestCarpVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	c := carpFrames()
	fs := c.frames()
	same, total := 0, 0
	for _, packetType := range []string{"carp", ""} {
		s, n := compareTypeFlags(t, tcpdump, "carp", 1, fs, tcpAppsFlagSets, packetType)
		same, total = same+s, total+n
	}
	t.Logf("carp: %d of %d lines as tcpdump's", same, total)
}
