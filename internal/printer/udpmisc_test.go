package printer

import (
	"net"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// The UDP application protocols HNCP, AHCP, LWRES, ZEP, VQP, WB, Zephyr,
// LWAPP and SOME/IP compared with tcpdump over generated frames: well
// formed, cut short by the snap length, and malformed.

var udpMiscFlagSets = append(append([][]string{}, depthFlagSets...), []string{"-n", "-vvvv"})

type udpMiscCase struct {
	name   string
	frames func(t testing.TB) []testframes.Frame
}

var udpMiscCases []udpMiscCase

func TestUDPMiscVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range udpMiscCases {
		t.Run(c.name, func(t *testing.T) {
			fs := c.frames(t)
			same, total := compareLinkFlags(t, tcpdump, c.name, 1, fs, udpMiscFlagSets)
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}

// withCuts are the frames whole, then each cut to every length in cuts
// past its UDP header (42 bytes for IPv4, 62 for IPv6).
func withCuts(ds [][]byte, cuts ...int) []testframes.Frame {
	fs := rawFrames(ds...)
	for _, d := range ds {
		hdr := 42
		if d[12] == 0x86 {
			hdr = 62
		}
		for _, n := range cuts {
			if hdr+n < len(d) {
				f := snap(d, hdr+n)
				fs = append(fs, testframes.Frame{Data: f.Data, Length: f.Length, Time: fs[len(fs)-1].Time})
			}
		}
	}
	return fs
}

func hncpTLV(typ uint16, body ...[]byte) []byte {
	v := cat(body...)
	t := cat(be16b(typ), be16b(uint16(len(v))), v)
	for len(t)%4 != 0 {
		t = append(t, 0)
	}
	return t
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "hncp", frames: func(t testing.TB) []testframes.Frame {
		a6 := func(s string) []byte { return net.ParseIP(s).To16() }
		mapped := func(s string) []byte { return net.ParseIP(s).To16() }
		nid := []byte{0x31, 0xda, 0x78, 0xd2}
		hash := []byte{0x2a, 0xe5, 0xf7, 0x72, 0x55, 0x20, 0x0b, 0xcc}
		psk := make([]byte, 32)
		for i := range psk {
			psk[i] = byte(i * 7)
		}
		nodeState := hncpTLV(5, nid, be32b(19), be32b(290160), hash,
			hncpTLV(8, nid, be32b(1), be32b(1)),
			hncpTLV(32, []byte{0, 0, 0x04, 0x44}, []byte("hnetd/cac971d")),
			hncpTLV(33,
				hncpTLV(34, be32b(5990), be32b(2990), []byte{104}, mapped("10.0.0.0")[:13],
					hncpTLV(43, []byte{0})),
				hncpTLV(37, []byte{6, 4, 192, 168, 1, 254}),
				hncpTLV(38, be16b(23), be16b(16), a6("2001:db8::53"))),
			hncpTLV(35, be32b(3), []byte{2, 64}, a6("fd1f:f88c:e207:dbbc::")[:8]),
			hncpTLV(35, be32b(1), []byte{2, 120}, mapped("10.0.99.0")[:15]),
			hncpTLV(36, be32b(1), mapped("10.0.99.2")),
			hncpTLV(36, be32b(1), a6("fd1f:f88c:e207::2")),
			hncpTLV(39, a6("fd1f:f88c:e207::69"), []byte{6}, []byte("\x03lan\x01r\x04home\x00")),
			hncpTLV(41, mapped("10.0.101.27"), []byte{2}, []byte("r1")),
			hncpTLV(40, []byte("\x04home\x00")),
			hncpTLV(42, psk, hncpTLV(9, be32b(7), be32b(20000))),
			hncpTLV(10, []byte{1, 0, 0, 0}, psk, []byte("common")),
			hncpTLV(43, []byte{48}, a6("2001:db8::")[:6]),
			hncpTLV(43, []byte{129}, []byte("\x03lan\x00")),
			hncpTLV(43, []byte{130}, []byte("opaque")),
			hncpTLV(43, []byte{131}),
			hncpTLV(43, []byte{200}),
			hncpTLV(0), hncpTLV(6), hncpTLV(100), hncpTLV(800), hncpTLV(2000), hncpTLV(2000),
		)
		bad := cat(hncpTLV(1, []byte{1}), hncpTLV(2, nid, nid), hncpTLV(3, nid), hncpTLV(4, nid), hncpTLV(5, nid),
			hncpTLV(8, nid), hncpTLV(9, nid), hncpTLV(10, psk), hncpTLV(32, nid), hncpTLV(34, be32b(1), be32b(2), []byte{200}),
			hncpTLV(34, be32b(1), be32b(2), []byte{129}, make([]byte, 17)),
			hncpTLV(35, be32b(1), []byte{2, 140}, make([]byte, 18)),
			hncpTLV(36, nid), hncpTLV(39, nid), hncpTLV(39, a6("::1"), []byte{7}, []byte("\x05ab")),
			hncpTLV(40), hncpTLV(40, []byte("\x03abc")), hncpTLV(41, a6("::1"), []byte{9}, []byte("ab")),
			hncpTLV(41, a6("::1"), []byte{70}, make([]byte, 70)), hncpTLV(42, nid),
			hncpTLV(43), hncpTLV(43, []byte{0, 1}), hncpTLV(43, []byte{131, 1}), hncpTLV(43, []byte{120}, make([]byte, 3)),
			hncpTLV(43, []byte{200 + 96 - 100}, mapped("10.0.0.0")[:14]),
			hncpTLV(37), hncpTLV(38), hncpTLV(38, be16b(23), be16b(15), make([]byte, 15)),
			hncpTLV(38, be16b(24), be16b(5), []byte("\x03abc\x00")),
			hncpTLV(38, be16b(99), be16b(9), []byte("\x03abc\x00")),
		)
		badV4 := cat(hncpTLV(37, []byte{6, 3, 1, 2, 3}), hncpTLV(1))
		badV4b := cat(hncpTLV(37, []byte{119, 5, 3, 'a', 'b', 'c', 0, 42, 4, 1, 2, 3, 4, 9, 0, 1}), hncpTLV(1))
		ds := [][]byte{
			udpFrame(t, true, 8231, 8231, cat(hncpTLV(3, nid, be32b(0x03000000)), hncpTLV(4, hash))),
			udpFrame(t, true, 8231, 8231, hncpTLV(1)),
			udpFrame(t, true, 8231, 8231, cat(hncpTLV(3, nid, be32b(3)), nodeState)),
			udpFrame(t, false, 8231, 8231, cat(hncpTLV(2, nid), hncpTLV(2, nid), hncpTLV(1), hncpTLV(2, nid))),
			udpFrame(t, true, 8231, 8231, bad),
			udpFrame(t, true, 8231, 8231, badV4),
			udpFrame(t, true, 8231, 8231, badV4b),
			udpFrame(t, true, 8231, 8231, cat(hncpTLV(1), []byte{0, 1})),
			udpFrame(t, true, 8231, 8231, cat(hncpTLV(1), []byte{0, 1, 0, 9, 1, 2})),
			udpFrame(t, true, 8231, 8231, hncpTLV(5, nid, be32b(19), be32b(1), hash, cat(hncpTLV(1), []byte{0, 9, 0, 9}))),
			udpFrame(t, true, 40000, 8231, nil),
		}
		return withCuts(ds, 2, 5, 10, 30, 60, 100)
	}})
}

func ahcpMsg(typ byte, opts ...[]byte) []byte {
	body := cat(opts...)
	return cat([]byte{43, 1, 3, 4}, be32b(0xdeadbeef), []byte{1, 2, 3, 4, 5, 6, 7, 8}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		[]byte{typ, 0}, be16b(uint16(len(body))), body)
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "ahcp", frames: func(t testing.TB) []testframes.Frame {
		a6 := func(s string) []byte { return net.ParseIP(s).To16() }
		opt := func(no byte, v ...[]byte) []byte { x := cat(v...); return cat([]byte{no, byte(len(x))}, x) }
		all := ahcpMsg(1, []byte{0}, []byte{1}, opt(2, be32b(1300000000)), opt(3, be32b(3600)), opt(4, a6("2001:db8::1")),
			opt(5, []byte{10, 1, 2, 3}), opt(6, a6("2001:db8::"), []byte{64}), opt(7, []byte{10, 0, 0, 0, 8}),
			opt(8, a6("2001:db8::2"), a6("2001:db8::3")), opt(9, []byte{10, 1, 2, 4}, []byte{10, 1, 2, 5}),
			opt(10, a6("2001:db8:1::"), []byte{48}), opt(11, []byte{10, 9, 0, 0, 16}, []byte{10, 8, 0, 0, 16}),
			opt(12, a6("2001:db8::53")), opt(13, a6("2001:db8::123")), opt(99, []byte{1, 2, 3}))
		bad := ahcpMsg(7, opt(2, be32b(1), []byte{1}), opt(3, []byte{1}), opt(4, make([]byte, 15)), opt(5, make([]byte, 6)),
			opt(6, make([]byte, 16)), opt(11, make([]byte, 4)))
		badLen := ahcpMsg(2, opt(4, make([]byte, 16)))
		badLen = append(badLen[:len(badLen)-18], []byte{4, 40}...)
		mbz := ahcpMsg(0)
		mbz[25] = 9
		long := ahcpMsg(3, opt(9, []byte{1, 2, 3, 4}))
		long[27] = 200
		ds := [][]byte{
			udpFrame(t, true, 5359, 5359, ahcpMsg(0)),
			udpFrame(t, true, 5359, 5359, all),
			udpFrame(t, false, 5359, 5359, bad),
			udpFrame(t, true, 5359, 5359, badLen),
			udpFrame(t, true, 5359, 5359, cat(ahcpMsg(5, []byte{0}), []byte{1})),
			udpFrame(t, true, 5359, 5359, mbz),
			udpFrame(t, true, 5359, 5359, long),
			udpFrame(t, true, 5359, 5359, []byte{43}),
			udpFrame(t, true, 5359, 5359, []byte{42, 1, 0}),
			udpFrame(t, true, 5359, 5359, []byte{43, 2, 0, 0, 0}),
			udpFrame(t, true, 5359, 5359, []byte{43, 1, 0, 0, 0}),
			udpFrame(t, true, 5359, 5359, ahcpMsg(1)[:26]),
			udpFrame(t, true, 5359, 5359, cat(ahcpMsg(4), []byte{0, 2})),
		}
		return withCuts(ds, 1, 2, 3, 10, 20, 25, 27, 30, 40, 60, 100)
	}})
}

func lwresPkt(flags uint16, op uint32, body ...[]byte) []byte {
	x := cat(body...)
	return cat(be32b(uint32(28+len(x))), be16b(0), be16b(flags), be32b(0x1234), be32b(op), be32b(0), be32b(4096), be16b(0), be16b(0), x)
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "lwres", frames: func(t testing.TB) []testframes.Frame {
		a6 := func(s string) []byte { return net.ParseIP(s).To16() }
		name := func(s string) []byte { return cat(be16b(uint16(len(s))), []byte(s), []byte{0}) }
		addr := func(fam uint32, a []byte) []byte { return cat(be32b(fam), be16b(uint16(len(a))), a) }
		bad := lwresPkt(0, 0x10001, be32b(0), be32b(1), be16b(3), []byte("abcd"))
		v1 := lwresPkt(1, 0)
		v1[5] = 1
		short := lwresPkt(1, 0)
		short[3] = 200
		ds := [][]byte{
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10001, be32b(0), be32b(3), name("www.example.com"))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10001, be32b(5), be32b(1), name("a\x01\xffb"))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10001, be32b(0), be32b(10), name("b"))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10001, be32b(0), be32b(0), name("c"))),
			udpFrame(t, false, 921, 921, bad),
			udpFrame(t, false, 921, 921, lwresPkt(1, 0x10001, be32b(0), be16b(2), be16b(3), name("www.example.com"),
				name("alias1"), name("alias2"), addr(1, []byte{10, 1, 2, 3}), addr(2, a6("2001:db8::1")), addr(7, []byte{1, 2, 3}))),
			udpFrame(t, false, 921, 921, lwresPkt(1, 0x10001, be32b(0), be16b(0), be16b(1), name("x"), addr(1, []byte{10, 1}))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10002, be32b(0), addr(1, []byte{10, 1, 2, 3}))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10002, be32b(0), addr(2, a6("2001:db8::1")))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10002, be32b(0), addr(2, []byte{1, 2, 3, 4}))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10002, be32b(0), addr(1, []byte{10, 1, 2, 3, 4, 5}))),
			udpFrame(t, false, 921, 921, lwresPkt(1, 0x10002, be32b(0), be16b(1), be16b(4), []byte("host\x00"), name("alias"))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10003, be32b(0), be16b(1), be16b(16), name("txt.example"))),
			udpFrame(t, false, 921, 921, lwresPkt(0, 0x10003, be32b(0), be16b(3), be16b(999), name("chaos"))),
			udpFrame(t, false, 921, 921, lwresPkt(1, 0x10003, be32b(0), be16b(1), be16b(1), be32b(3700), be16b(2), be16b(1),
				name("r.example"), cat(be16b(4), []byte{1, 2, 3, 4}), cat(be16b(0)), cat(be16b(3), []byte{9, 8, 7}))),
			udpFrame(t, false, 921, 921, lwresPkt(2, 0x20000)),
			udpFrame(t, false, 921, 921, lwresPkt(1, 0)),
			udpFrame(t, false, 921, 921, cat(lwresPkt(1, 0), []byte{1, 2})),
			udpFrame(t, false, 921, 921, v1),
			udpFrame(t, false, 921, 921, short),
			udpFrame(t, false, 921, 921, lwresPkt(1, 0x10001, be32b(0), be16b(40000), be16b(0), name("x"))),
			udpFrame(t, false, 921, 921, []byte{0, 0, 0, 1}),
		}
		return withCuts(ds, 3, 27, 28, 31, 36, 38, 40, 45, 50, 60, 70)
	}})
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "zep", frames: func(t testing.TB) []testframes.Frame {
		// An 802.15.4 data frame: frame control (data, PAN ID compression,
		// short addresses), sequence, PAN, destination, source, payload,
		// then a 2-byte FCS.
		wpan := []byte{0x41, 0x88, 0x17, 0xcd, 0xab, 0xff, 0xff, 0x01, 0x00, 'h', 'e', 'l', 'l', 'o'}
		crc := wpanCRC16(wpan)
		wpanFCS := cat(wpan, []byte{byte(crc), byte(crc >> 8)})
		v2 := func(typ, crcMode byte, ts []byte, frame []byte) []byte {
			return cat([]byte{'E', 'X', 2, typ, 11}, be16b(0x1234), []byte{crcMode, 200}, ts, be32b(77), make([]byte, 10), []byte{byte(len(frame))}, frame)
		}
		v1 := func(crcMode byte, frame []byte) []byte {
			return cat([]byte{'E', 'X', 1, 15}, be16b(0x0001), []byte{crcMode, 99}, make([]byte, 7), []byte{byte(len(frame))}, frame)
		}
		ts := cat(be32b(3692019567), be32b(0x75000000))
		longer := v2(1, 0, ts, wpanFCS)
		longer[31] = 10
		claims := v2(1, 0, ts, wpanFCS)
		claims[31] = 40
		ds := [][]byte{
			udpFrame(t, false, 17754, 17754, v2(1, 0, ts, wpanFCS)),
			udpFrame(t, false, 17754, 17754, v2(1, 1, make([]byte, 8), wpan)),
			udpFrame(t, false, 17754, 17754, v2(3, 0, cat(be32b(0xf0000000), be32b(0xffffffff)), nil)),
			udpFrame(t, false, 17754, 17754, cat([]byte{'E', 'X', 2, 2}, be32b(99))),
			udpFrame(t, false, 17754, 17754, cat([]byte{'E', 'X', 2, 2}, be32b(99), []byte{1, 2, 3})),
			udpFrame(t, false, 17754, 17754, v1(0, wpanFCS)),
			udpFrame(t, false, 17754, 17754, v1(1, wpan)),
			udpFrame(t, false, 17754, 17754, longer),
			udpFrame(t, false, 17754, 17754, claims),
			udpFrame(t, false, 17754, 17754, cat(v2(1, 0, ts, wpanFCS), []byte{9, 9})),
			udpFrame(t, false, 17754, 17754, []byte("XE\x02\x01\x00\x00\x00\x00\x00")),
			udpFrame(t, false, 17754, 17754, []byte("E\xff\x02\x01\x00\x00\x00\x00\x00")),
			udpFrame(t, false, 17754, 17754, []byte("EX\x01\x01\x00\x00\x00\x00\x00\x00")),
			udpFrame(t, false, 17754, 17754, []byte("EX\x02\x01\x00\x00\x00\x00\x00\x00")),
			udpFrame(t, false, 17754, 17754, []byte("EX\x02\x02\x00\x00")),
			udpFrame(t, false, 17754, 17754, cat(v2(1, 0, ts, nil)[:31], []byte{1, 0x41})),
			udpFrame(t, false, 17754, 17754, cat(v2(1, 0, ts, nil)[:31], []byte{2, 0x41, 0x88})),
			udpFrame(t, false, 17754, 17754, cat(v2(1, 0, ts, nil)[:31], []byte{3, 0x41, 0x88})),
			udpFrame(t, false, 17754, 17754, cat(v2(1, 0, ts, nil)[:31], []byte{2, 0x41})),
		}
		return withCuts(ds, 4, 8, 12, 20, 31, 33, 36, 40, 44)
	}})
}

func vqpPkt(typ, errc, nitems byte, objs ...[]byte) []byte {
	return cat([]byte{1, typ, errc, nitems}, be32b(0x2a), cat(objs...))
}

func vqpObj(typ uint32, v []byte) []byte { return cat(be32b(typ), be16b(uint16(len(v))), v) }

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "vqp", frames: func(t testing.TB) []testframes.Frame {
		mac := []byte{0x00, 0x1b, 0x21, 0x0a, 0xbc, 0xde}
		req := vqpPkt(1, 0, 6, vqpObj(0x0c01, []byte{10, 1, 2, 3}), vqpObj(0x0c02, []byte("Fa0/1")), vqpObj(0x0c03, []byte("vlan10")),
			vqpObj(0x0c04, []byte("dom\x00ain")), vqpObj(0x0c05, []byte{1, 2, 0x80}), vqpObj(0x0c08, mac))
		ds := [][]byte{
			udpFrame(t, false, 40000, 1589, req),
			udpFrame(t, false, 1589, 40000, vqpPkt(2, 3, 2, vqpObj(0x0c03, []byte("v")), vqpObj(0x0c06, mac))),
			udpFrame(t, false, 1589, 40000, vqpPkt(4, 9, 1, vqpObj(0x0c99, []byte{1, 2, 3, 4, 5}))),
			udpFrame(t, false, 1589, 40000, vqpPkt(9, 5, 3, vqpObj(0x0c01, []byte{1, 2, 3}))),
			udpFrame(t, false, 1589, 40000, vqpPkt(3, 4, 3, vqpObj(0x0c08, []byte{1, 2, 3}))),
			udpFrame(t, false, 1589, 40000, vqpPkt(3, 0, 3, vqpObj(0, []byte{1}), vqpObj(0x0c02, []byte("x")))),
			udpFrame(t, false, 1589, 40000, vqpPkt(3, 0, 3, vqpObj(0x0c02, nil), vqpObj(0x0c02, []byte("x")))),
			udpFrame(t, false, 1589, 40000, vqpPkt(3, 0, 2, vqpObj(0x0c02, []byte("x")), []byte{0, 0, 0x0c})),
			udpFrame(t, false, 1589, 40000, vqpPkt(3, 0, 2, vqpObj(0x0c02, []byte("x")), be32b(0x0c02), be16b(30), []byte("abc"))),
			udpFrame(t, false, 1589, 40000, vqpPkt(3, 0, 0, vqpObj(0x0c02, []byte("x")))),
			udpFrame(t, false, 1589, 40000, []byte{2, 1, 0, 0, 0, 0, 0, 0}),
			udpFrame(t, false, 1589, 40000, []byte{1, 1, 0, 0, 0, 0}),
		}
		return withCuts(ds, 2, 8, 12, 16, 20, 30, 40)
	}})
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "wb", frames: func(t testing.TB) []testframes.Frame {
		hdr := func(typ, flags byte) []byte { return cat(be32b(0x0a000001), be32b(1000), be16b(1), []byte{typ, flags}) }
		ip := func(a, b byte) []byte { return []byte{10, 0, a, b} }
		dop := func(ts uint32, typ byte, body []byte) []byte {
			x := cat(be32b(ts), be16b(uint16(len(body))), []byte{0, typ}, body)
			for len(x)%4 != 0 {
				x = append(x, 0)
			}
			return x
		}
		id := cat(hdr(1, 0), be32b(3), ip(0, 9), be32b(4), be32b(5), ip(0, 8), be32b(6), be16b(2), be16b(0),
			ip(1, 1), be32b(11), ip(1, 2), be32b(12), []byte("site\x00name"))
		ds := [][]byte{
			udpFrame(t, false, 4567, 4567, id),
			udpFrame(t, false, 4567, 4567, cat(hdr(1, 1), be32b(3), ip(0, 9), be32b(4), be32b(5), ip(0, 8), be32b(6), be16b(9), be16b(0))),
			udpFrame(t, false, 4567, 4567, cat(hdr(1, 0), be32b(3))),
			udpFrame(t, false, 4567, 4567, cat(hdr(2, 0), ip(2, 1), ip(2, 2), be32b(7), be32b(10), be32b(20))),
			udpFrame(t, false, 4567, 4567, cat(hdr(2, 0), ip(2, 1))),
			udpFrame(t, false, 4567, 4567, cat(hdr(3, 0), ip(3, 1), ip(3, 2), be32b(8), be32b(1), be32b(4),
				dop(1, 2, []byte{1, 2, 3}), dop(2, 14, nil), dop(9, 15, []byte{1}), dop(3, 9, []byte("abc")))),
			udpFrame(t, false, 4567, 4567, cat(hdr(0, 0), ip(4, 2), be32b(8), be32b(5), be32b(7),
				dop(5, 3, []byte{1, 2, 3, 4}), dop(6, 99, nil), dop(7, 10, nil))),
			udpFrame(t, false, 4567, 4567, cat(hdr(0, 0), ip(4, 2), be32b(8), be32b(5), be32b(9),
				dop(7, 14, nil), dop(6, 10, nil))),
			udpFrame(t, false, 4567, 4567, cat(hdr(0, 0), ip(4, 2), be32b(8), be32b(0xfffffffe), be32b(0xffffffff),
				dop(1, 3, nil), dop(2, 3, nil), dop(3, 3, nil), dop(3, 3, nil))),
			udpFrame(t, false, 4567, 4567, cat(hdr(5, 0), ip(5, 1), be32b(2), be32b(30), be32b(40))),
			udpFrame(t, false, 4567, 4567, cat(hdr(7, 0), be32b(2), be32b(1), ip(6, 1), be32b(2), []byte{2, 0, 0, 0},
				ip(6, 2), be32b(1), ip(6, 3), be32b(2), be32b(3), ip(6, 4), be32b(4), be16b(0), be16b(0))),
			udpFrame(t, false, 4567, 4567, cat(hdr(7, 0), be32b(1000))),
			udpFrame(t, false, 4567, 4567, cat(hdr(4, 0))),
			udpFrame(t, false, 4567, 4567, cat(hdr(9, 0), be32b(1))),
			udpFrame(t, false, 4567, 4567, hdr(0, 0)[:10]),
			udpFrame(t, false, 4568, 4567, hdr(6, 0)),
		}
		return withCuts(ds, 6, 12, 14, 20, 30, 40, 50, 60)
	}})
}

// zephyrNotice is a Zephyr notice: the header fields, then extra fields.
func zephyrNotice(version, kind, class, inst, opcode, sender, recipient string, extra ...string) []byte {
	fields := []string{version, "0x00000011", kind, "uid", "0x0810", "1", "0", "", class, inst, opcode, sender, recipient, "fmt", "0x1234", "0", "muid"}
	var p []byte
	for _, f := range append(fields, extra...) {
		p = append(append(p, f...), 0)
	}
	return p
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "zephyr", frames: func(t testing.TB) []testframes.Frame {
		n := func(kind, class, inst, opcode, sender, recipient string, extra ...string) []byte {
			return udpFrame(t, false, 2104, 2103, zephyrNotice("ZEPH0.2", kind, class, inst, opcode, sender, recipient, extra...))
		}
		long := strings.Repeat("Ab", 140)
		ds := [][]byte{
			n("0x00000002", "MESSAGE", "personal", "PING", "alice@ATHENA", "bob@ATHENA"),
			n("1", "MESSAGE", "personal", "", "", ""),
			n("5", "MESSAGE", "personal", "", "alice", "", "SENT"),
			n("5", "MESSAGE", "personal", "", "alice", "", "LOST"),
			n("5", "MESSAGE", "personal", "", "alice", ""),
			n("0x9", "USER_LOCATE", "carol", "USER_HIDE", "s", ""),
			n("2", "USER_LOCATE", "carol", "USER_UNHIDE", "s", ""),
			n("2", "USER_LOCATE", "carol", "LOCATE", "s", ""),
			n("2", "ZEPHYR_ADMIN", "x", "BDump", "s", ""),
			n("2", "ZEPHYR_CTL", "CLIENT", "SUBSCRIBE", "s", "", "cl", "in", ""),
			n("2", "ZEPHYR_CTL", "CLIENT", "SUBSCRIBE_NODEFS", "s", "", "cl", "in", "re"),
			n("2", "ZEPHYR_CTL", "CLIENT", "UNSUBSCRIBE", "s", "", "cl"),
			n("5", "ZEPHYR_CTL", "CLIENT", "UNSUBSCRIBE", "s", ""),
			n("2", "ZEPHYR_CTL", "CLIENT", "GIMME", "s", ""),
			n("2", "ZEPHYR_CTL", "CLIENT", "GIMMEDEFS", "s", ""),
			n("2", "ZEPHYR_CTL", "CLIENT", "CLEARSUB", "s", ""),
			n("2", "ZEPHYR_CTL", "CLIENT", "Other", "s", ""),
			n("2", "ZEPHYR_CTL", "HM", "BOOT", "s", ""),
			n("2", "ZEPHYR_CTL", "REALM", "ADD_SUBSCRIBE", "s", ""),
			n("2", "ZEPHYR_CTL", "REALM", "REQ_SUBSCRIBE", "s", ""),
			n("2", "ZEPHYR_CTL", "REALM", "RLM_SUBSCRIBE", "s", ""),
			n("2", "ZEPHYR_CTL", "REALM", "RLM_UNSUBSCRIBE", "s", ""),
			n("2", "ZEPHYR_CTL", "REALM", "X", "s", ""),
			n("2", "ZEPHYR_CTL", "OTHER", "X", "s", ""),
			n("2", "HM_CTL", "SERVER", "SHUTDOWN", "s", ""),
			n("2", "HM_STAT", "HMST_CLIENT", "GIMMESTATS", "s", ""),
			n("2", "HM_STAT", "HMST_CLIENT", "X", "s", ""),
			n("2", "WG_CTL", "Inst", "Op", "s", ""),
			n("2", "LOGIN", "d", "USER_FLUSH", "s", ""),
			n("2", "LOGIN", "d", "REALM-VISIBLE", "s", ""),
			n("2", "LOGIN", "d", "Other", "s", ""),
			n(" -0x7", "MESSAGE", long, long, "s", long),
			n("ffffffffffffffffff", "MESSAGE", "a", "b", "s", "c"),
			n("zz", "MESSAGE", "a", "b", "s\x01\xff", "c"),
			udpFrame(t, false, 2103, 2104, zephyrNotice("ZEPH0.3", "1", "a", "b", "c", "d", "e")),
			udpFrame(t, false, 2103, 2104, zephyrNotice("ZEP", "1", "a", "b", "c", "d", "e")),
			udpFrame(t, false, 2103, 2104, zephyrNotice("ZEPH0.2", "1", "a", "b", "c", "d", "e")[:40]),
			udpFrame(t, false, 2103, 2104, []byte("ZEPH0.2")),
			udpFrame(t, false, 2103, 2104, nil),
		}
		return withCuts(ds, 3, 8, 20, 40, 60)
	}})
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "lwapp", frames: func(t testing.TB) []testframes.Frame {
		ap := []byte{0x00, 0x0b, 0x85, 0x01, 0x02, 0x03}
		msg := func(typ byte, body []byte) []byte {
			return cat([]byte{typ, 7}, be16b(uint16(len(body))), be32b(0xabcd), body)
		}
		trans := func(v byte, payload []byte) []byte {
			return cat([]byte{v, 0}, be16b(uint16(len(payload))), be16b(0), payload)
		}
		ctl := cat(msg(1, []byte{1, 2, 3}), msg(99, nil), msg(22, []byte{0, 1}))
		bad := trans(0x04, msg(3, make([]byte, 4)))
		bad[3] = 20
		ds := [][]byte{
			udpFrame(t, false, 12222, 12223, cat(ap, trans(0x04, ctl))),
			udpFrame(t, false, 12223, 12222, trans(0x04|0x18, ctl)),
			udpFrame(t, false, 12223, 40000, trans(0x07, msg(40, nil))),
			udpFrame(t, false, 40000, 12223, cat(ap, trans(0x04, cat(msg(1, nil), []byte{1, 2, 3})))),
			udpFrame(t, false, 40000, 12223, cat(ap, bad)),
			udpFrame(t, false, 40000, 12223, cat(ap, trans(0x44, nil))),
			udpFrame(t, false, 40000, 12222, trans(0x00, []byte{0x08, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})),
			udpFrame(t, false, 40000, 12222, trans(0x0b, []byte{1})),
			udpFrame(t, false, 40000, 12222, []byte{0x00, 0, 0, 3, 0, 0, 9}),
			udpFrame(t, false, 40000, 12222, []byte{0x80, 0, 0, 3, 0, 0, 9}),
			udpFrame(t, false, 40000, 12222, []byte{0x00, 0, 0}),
			udpFrame(t, false, 40000, 12223, ap[:4]),
		}
		return withCuts(ds, 4, 8, 12, 16, 20, 25, 30)
	}})
}

func someipMsg(id uint32, mtype, rc byte, payload []byte) []byte {
	return cat(be32b(id), be32b(uint32(8+len(payload))), be32b(0x00010002), []byte{1, 3, mtype, rc}, payload)
}

func init() {
	udpMiscCases = append(udpMiscCases, udpMiscCase{name: "someip", frames: func(t testing.TB) []testframes.Frame {
		ds := [][]byte{
			udpFrame(t, false, 30490, 30490, someipMsg(0x12340001, 0, 0, []byte{1, 2, 3})),
			udpFrame(t, false, 40000, 30490, someipMsg(0xffff8100, 2, 0x0f, nil)),
			udpFrame(t, false, 30490, 40000, someipMsg(0x00018005, 0xa1, 0x10, nil)),
			udpFrame(t, false, 30490, 40000, someipMsg(0x00018005, 0x42, 0x07, nil)),
			udpFrame(t, true, 30490, 40000, someipMsg(0x00018005, 0x81, 0x09, nil)[:15]),
			testframes.TCP4(30490, 40000, someipMsg(0x12340001, 0x80, 0, []byte{1, 2, 3})),
			testframes.TCP4(40000, 30490, someipMsg(0x12340001, 0x80, 0, nil)[:10]),
		}
		return withCuts(ds, 2, 5, 9, 13, 14, 15)
	}})
}
