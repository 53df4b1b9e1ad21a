package printer

import (
	"io"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
)

// The flow-export and tunnel protocols (sFlow, LSP-PING, LISP, OTV,
// VXLAN-GPE, MPLS over UDP) compared line by line with tcpdump over
// generated frames: well-formed, cut short by the snap length, and
// malformed.

func flowCases(t testing.TB) []linkCase {
	return []linkCase{
		{"sflow", 1, transportFrames(sflowFrames(t)...)},
		{"tunnels", 1, transportFrames(tunnelFrames(t)...)},
		{"lspping", 1, transportFrames(lsppingFrames(t)...)},
		{"lisp", 1, transportFrames(lispFrames(t)...)},
	}
}

// The same frames go to transportCases too, which makes them FuzzPrint's
// seeds (TestTransportVsTcpdump compares them again under its flag sets).
func init() {
	for _, c := range []struct {
		name   string
		frames func(testing.TB) []frameSpec
	}{{"flow-sflow", sflowFrames}, {"flow-tunnels", tunnelFrames}, {"flow-lspping", lsppingFrames}, {"flow-lisp", lispFrames}} {
		transportCases = append(transportCases, transportCase{name: c.name, frames: c.frames})
	}
}

func TestFlowVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range flowCases(t) {
		t.Run(c.name, func(t *testing.T) {
			same, total := compareLinkFlags(t, tcpdump, c.name, c.lt, c.frames, depthFlagSets)
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}

// TestCnfpVsTcpdump compares the NetFlow frames printed under -T cnfp,
// which compareLinkFlags's options do not take.
func TestCnfpVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	fs := transportFrames(cnfpFrames(t)...)
	same, total := compareTypeFlags(t, tcpdump, "cnfp", 1, fs, depthFlagSets, "cnfp")
	t.Logf("cnfp: %d of %d lines identical to tcpdump's", same, total)
}

func cnfpRecord(proto, flags byte) []byte {
	return cat([]byte{10, 1, 0, 1}, []byte{10, 2, 0, 2}, []byte{10, 3, 0, 3}, be16b(1), be16b(2), be32b(10), be32b(1500),
		be32b(123456), be32b(123999), be16b(40000), be16b(443), []byte{0, flags, proto, 0x10}, be16b(65000), be16b(65001), []byte{24, 16}, be16b(0x0102), be32b(0))
}

func cnfpV1Record(proto, flags byte) []byte {
	return cat([]byte{10, 1, 0, 1}, []byte{10, 2, 0, 2}, []byte{10, 3, 0, 3}, be16b(1), be16b(2), be32b(10), be32b(1500),
		be32b(123456), be32b(123999), be16b(40000), be16b(443), []byte{0, 0, proto, 0x20, flags, 0, 0, 0}, be32b(0))
}

func cnfpFrames(t testing.TB) []frameSpec {
	hdr := func(ver, count uint16, uptime uint32, seq bool) []byte {
		h := cat(be16b(ver), be16b(count), be32b(uptime), be32b(1700000000), be32b(999))
		if seq {
			h = cat(h, be32b(42), be32b(0))
		}
		return h
	}
	v5 := cat(hdr(5, 0, 1234567, true), cnfpRecord(6, 0x1b), cnfpRecord(17, 0))
	v6 := cat(hdr(6, 0, 2345, true), cnfpRecord(6, 0), cnfpRecord(1, 0x3f))
	v1 := cat(hdr(1, 0, 77, false), cnfpV1Record(6, 0x12), cnfpV1Record(47, 0))
	many := cat(hdr(5, 0xffff, 0xffff0000, true), cnfpRecord(6, 2))
	specs := full(
		udpFrame(t, false, 40000, 2055, v5),
		udpFrame(t, false, 40000, 9995, v6),
		udpFrame(t, true, 40000, 2055, v1),
		udpFrame(t, false, 40000, 2055, many),
		udpFrame(t, false, 40000, 2055, cat(be16b(9), make([]byte, 30))),
		udpFrame(t, false, 40000, 2055, []byte{0, 5, 0, 1}),
		udpFrame(t, false, 40000, 2055, []byte{0}),
		udpFrame(t, false, 40000, 2055, nil),
	)
	f := udpFrame(t, false, 40000, 2055, v5)
	for _, n := range []int{43, 44, 50, 65, 66, 100, 117, 118, 130} {
		specs = append(specs, cutAt(f, n))
	}
	return specs
}

func sflowHeader(ipv uint32, samples uint32) []byte {
	return cat(be32b(5), be32b(ipv), []byte{10, 199, 8, 4}, be32b(2), be32b(204720), be32b(2612972293), be32b(samples))
}

func sflowRecord(format uint32, body []byte) []byte {
	return cat(be32b(format), be32b(uint32(len(body))), body)
}

func sflowGeneric(idx uint32) []byte {
	return cat(be32b(idx), be32b(117), be32b(0), be32b(1000000000), be32b(1), be32b(3),
		be32b(1), be32b(820721), be32b(9601), be32b(0), be32b(1302), be32b(0), be32b(0), be32b(0),
		be32b(0), be32b(178785248), be32b(9736), be32b(132958), be32b(2213534), be32b(0), be32b(0), be32b(2))
}

func sflowFrames(t testing.TB) []frameSpec {
	seq := func(n int) []byte {
		s := make([]byte, n)
		for i := range s {
			s[i] = byte(i*7 + 1)
		}
		return s
	}
	eth := make([]byte, 52)
	eth[7] = 2
	basevg, vlan, cpu := seq(80), seq(28), seq(28)
	counters := cat(be32b(87096), be32b(0), be32b(55), be32b(7),
		sflowRecord(1, sflowGeneric(55)), sflowRecord(2, eth), sflowRecord(3, seq(8)), sflowRecord(4, basevg),
		sflowRecord(5, vlan), sflowRecord(1001, cpu), sflowRecord(99, seq(6)))
	compact := cat(be32b(12), []byte{0, 0, 0, 9}, be32b(2), sflowRecord(1, sflowGeneric(9)), sflowRecord(0x00100002, eth))
	flows := cat(be32b(77), []byte{0, 0, 1, 2}, be32b(400), be32b(5000), be32b(1), be32b(3), be32b(4), be32b(6),
		sflowRecord(1, cat(be32b(1), be32b(1518), be32b(4), be32b(128), seq(128))),
		sflowRecord(2, cat(be32b(64), seq(16), be32b(0x800))),
		sflowRecord(1001, cat(be32b(10), be32b(1), be32b(20), be32b(2))),
		sflowRecord(3, seq(32)), sflowRecord(77, seq(10)), sflowRecord(0x1234005, seq(4)))
	expFlows := cat(be32b(78), be32b(0), be32b(3), be32b(400), be32b(5000), be32b(1), be32b(0), be32b(3), be32b(0), be32b(4), be32b(2),
		sflowRecord(1001, cat(be32b(10), be32b(1), be32b(20), be32b(2))), sflowRecord(1002, seq(12)))
	good := cat(sflowHeader(1, 6), sflowRecord(4, counters), sflowRecord(2, compact), sflowRecord(1, flows),
		sflowRecord(3, expFlows), sflowRecord(7, seq(9)), sflowRecord(0x5, seq(8)))
	v6 := cat(sflowHeader(2, 1), sflowRecord(2, compact))
	badv := cat(be32b(4), make([]byte, 40))
	zeroLen := cat(sflowHeader(1, 2), be32b(1), be32b(0), seq(20))
	zeroType := cat(sflowHeader(1, 2), be32b(0), be32b(8), seq(20))
	tooLong := cat(sflowHeader(1, 1), be32b(1), be32b(400), seq(20))
	shortRec := cat(sflowHeader(1, 1), sflowRecord(4, cat(be32b(1), be32b(0), be32b(1), be32b(1), sflowRecord(1, seq(40)))))
	recTooLong := cat(sflowHeader(1, 1), sflowRecord(4, cat(be32b(1), be32b(0), be32b(1), be32b(1), be32b(1), be32b(500), seq(20))))
	manyRecs := cat(sflowHeader(1, 1), sflowRecord(1, cat(be32b(1), be32b(1), be32b(1), be32b(1), be32b(1), be32b(1), be32b(1), be32b(1000), seq(12))))
	manySamples := cat(sflowHeader(1, 100000), sflowRecord(2, compact))
	shortSample := cat(sflowHeader(1, 1), sflowRecord(1, seq(20)))
	specs := full(
		udpFrame(t, false, 40948, 6343, good),
		udpFrame(t, true, 6343, 5000, v6),
		udpFrame(t, false, 40948, 6343, badv),
		udpFrame(t, false, 40948, 6343, zeroLen),
		udpFrame(t, false, 40948, 6343, zeroType),
		udpFrame(t, false, 40948, 6343, tooLong),
		udpFrame(t, false, 40948, 6343, shortRec),
		udpFrame(t, false, 40948, 6343, recTooLong),
		udpFrame(t, false, 40948, 6343, manyRecs),
		udpFrame(t, false, 40948, 6343, manySamples),
		udpFrame(t, false, 40948, 6343, shortSample),
		udpFrame(t, false, 40948, 6343, seq(20)),
	)
	g := udpFrame(t, false, 40948, 6343, good)
	for _, n := range []int{42 + 10, 42 + 28, 42 + 32, 42 + 36, 42 + 60, 42 + 100, 42 + 150, 42 + 200, 42 + 500} {
		specs = append(specs, cutAt(g, n))
	}
	return specs
}

// tunnelFrames are OTV, VXLAN-GPE (with NSH inside) and MPLS over UDP.
func tunnelFrames(t testing.TB) []frameSpec {
	inner := udpFrame(t, false, 1000, 2000, []byte("hello, tunnel"))
	inner6 := udpFrame(t, true, 1000, 2000, []byte("hello"))
	otv := cat([]byte{0x08, 0, 0, 42, 0, 0, 7, 0}, inner)
	gpe := func(flags, next byte, body []byte) []byte {
		return cat([]byte{flags, 0, 0, next, 0, 0x12, 0x34, 0}, body)
	}
	nsh := cat(nshHeader(0, 0, 63, 2, 2, 1, 0x123, 255), inner[14:])
	label := func(l uint32, s bool, ttl byte) []byte {
		e := l<<12 | uint32(ttl)
		if s {
			e |= 0x100
		}
		return be32b(e)
	}
	mpls := cat(label(100704, false, 64), label(16, true, 63), inner[14:])
	specs := full(
		udpFrame(t, false, 40000, 8472, otv),
		udpFrame(t, false, 8472, 40000, cat([]byte{0, 0, 0, 1, 0, 0, 2, 0}, inner6)),
		udpFrame(t, false, 40000, 8472, []byte{8, 0, 0}),
		udpFrame(t, false, 40000, 4790, gpe(0x0c, 1, inner[14:])),
		udpFrame(t, false, 40000, 4790, gpe(0x00, 2, inner6[14:])),
		udpFrame(t, false, 40000, 4790, gpe(0x09, 3, inner)),
		udpFrame(t, false, 40000, 4790, gpe(0x08, 4, nsh)),
		udpFrame(t, false, 40000, 4790, gpe(0x08, 5, mpls)),
		udpFrame(t, false, 40000, 4790, gpe(0x08, 9, inner)),
		udpFrame(t, false, 40000, 4790, []byte{8, 0, 0, 1, 0}),
		udpFrame(t, false, 40000, 6635, mpls),
		udpFrame(t, true, 6635, 40000, cat(label(2, true, 1), inner6[14:])),
		udpFrame(t, false, 40000, 6635, []byte{1, 2}),
	)
	o := udpFrame(t, false, 40000, 8472, otv)
	g := udpFrame(t, false, 40000, 4790, gpe(0x08, 4, nsh))
	m := udpFrame(t, false, 40000, 6635, mpls)
	for _, n := range []int{43, 45, 48, 49, 50, 56, 70} {
		specs = append(specs, cutAt(o, n), cutAt(g, n), cutAt(m, n))
	}
	return specs
}

func lsppingMsg(msg, mode, rc, sub byte, rcvd bool, tlvs ...[]byte) []byte {
	ts := cat(be32b(3895000000), be32b(0x80000000))
	r := make([]byte, 8)
	if rcvd {
		r = cat(be32b(3895000001), be32b(0x40000000))
	}
	return cat(be16b(1), be16b(0), []byte{msg, mode, rc, sub}, be32b(0xabcd), be32b(7), ts, r, cat(tlvs...))
}

func lsppingTLV(typ uint16, v []byte) []byte {
	return cat(be16b(typ), be16b(uint16(len(v))), v)
}

func lsppingPad(b []byte) []byte {
	return cat(b, make([]byte, (4-len(b)%4)%4))
}

func lsppingFrames(t testing.TB) []frameSpec {
	v6a, v6b := []byte(tSrc6.To16()), []byte(tDst6.To16())
	rd := []byte{0, 0, 0, 100, 0, 0, 0, 7}
	fec := lsppingTLV(1, cat(
		lsppingPad(lsppingTLV(1, []byte{10, 1, 0, 0, 16})),
		lsppingPad(lsppingTLV(2, cat(v6a, []byte{64}))),
		lsppingTLV(3, cat([]byte{12, 1, 1, 1}, be16b(0), be16b(0x5372), []byte{12, 4, 4, 4}, []byte{12, 4, 4, 4}, be16b(0), be16b(16))),
		lsppingTLV(4, cat(v6a, be16b(0), be16b(9), v6b, v6a, be16b(0), be16b(3))),
		lsppingPad(lsppingTLV(6, cat(rd, []byte{10, 2, 0, 0, 24}))),
		lsppingPad(lsppingTLV(7, cat(rd, v6b, []byte{48}))),
		lsppingPad(lsppingTLV(8, cat(rd, be16b(1), be16b(2), be16b(5)))),
		lsppingPad(lsppingTLV(9, cat([]byte{10, 9, 9, 9}, be32b(77), be16b(4)))),
		lsppingPad(lsppingTLV(10, cat([]byte{10, 8, 8, 8}, []byte{10, 9, 9, 9}, be32b(77), be16b(0x40)))),
		lsppingPad(lsppingTLV(12, []byte{10, 3, 0, 0, 8})),
		lsppingPad(lsppingTLV(13, cat(v6b, []byte{128}))),
		lsppingTLV(1, make([]byte, 8)),
		lsppingTLV(99, []byte{1, 2, 3, 4}),
	))
	ds4 := lsppingTLV(2, cat(be16b(1500), []byte{1, 0}, []byte{10, 5, 0, 1}, []byte{10, 5, 0, 2}, []byte{0, 0, 0, 0}, be32b(100704<<4|1)))
	ds4u := lsppingTLV(2, cat(be16b(1500), []byte{2, 0}, []byte{10, 5, 0, 1}, be32b(9), []byte{0, 0, 0, 0}))
	ds6 := lsppingTLV(2, cat(be16b(9000), []byte{3, 0}, v6a, v6b, []byte{0, 0, 0, 0}))
	ds6u := lsppingTLV(2, cat(be16b(9000), []byte{4, 0}, v6a, be32b(3), []byte{0, 0, 0, 0}))
	dsShort := lsppingTLV(2, cat(be16b(9000), []byte{1, 0}, []byte{10, 5, 0, 1}))
	dsOdd := lsppingTLV(2, cat(be16b(9000), []byte{7, 0}, []byte{0, 0, 0, 0}))
	req := lsppingMsg(1, 2, 0, 0, false, fec)
	rep := lsppingMsg(2, 3, 3, 1, true, ds4, ds4u, ds6, ds6u, lsppingTLV(15, be32b(0xdeadbeef)), lsppingTLV(5, be32b(2636)),
		lsppingTLV(5, be32b(99999)), lsppingTLV(5, be32b(9)), lsppingTLV(5, be32b(5535)), lsppingTLV(5, be32b(2011)), lsppingTLV(3, []byte{1, 0, 0, 0}), lsppingTLV(9, []byte{1, 2, 3, 4}), lsppingTLV(0, nil),
		lsppingTLV(4, nil), lsppingTLV(0x8000, []byte{1, 2}), []byte{0, 0})
	bad := lsppingMsg(9, 9, 20, 0, false, dsShort, dsOdd, lsppingTLV(15, []byte{1, 2}), lsppingTLV(5, []byte{1}),
		lsppingTLV(1, []byte{0, 1, 0, 9, 1, 2, 3, 4}))
	subShort := lsppingMsg(1, 1, 0, 0, false, lsppingTLV(1, []byte{0, 1, 0}))
	subPad := lsppingMsg(1, 1, 0, 0, false, lsppingTLV(1, cat(lsppingTLV(1, []byte{10, 1, 0, 0, 16}))))
	tlvLong := lsppingMsg(1, 1, 0, 0, false, lsppingTLV(1, nil)[:2], be16b(400), make([]byte, 8))
	tlvPadLong := lsppingMsg(2, 1, 0, 0, false, lsppingTLV(9, []byte{1, 2, 3}))
	specs := full(
		udpFrame(t, false, 4529, 3503, req),
		udpFrame(t, true, 3503, 4529, rep),
		udpFrame(t, false, 3503, 4529, bad),
		udpFrame(t, false, 3503, 4529, subShort),
		udpFrame(t, false, 3503, 4529, subPad),
		udpFrame(t, false, 3503, 4529, tlvLong),
		udpFrame(t, false, 3503, 4529, tlvPadLong),
		udpFrame(t, false, 3503, 4529, cat(be16b(2), make([]byte, 40))),
		udpFrame(t, false, 3503, 4529, make([]byte, 20)),
	)
	r := udpFrame(t, false, 4529, 3503, req)
	for _, n := range []int{44, 50, 60, 77, 78, 80, 84, 86, 90, 100, 120, 200} {
		specs = append(specs, cutAt(r, n))
	}
	return specs
}

func lispMsg(typFlags byte, flags2 byte, records byte, keyID uint16, auth []byte, rest ...[]byte) []byte {
	return cat([]byte{typFlags, 0, flags2, records}, be32b(0x01020304), be32b(0x05060708), be16b(keyID), be16b(uint16(len(auth))), auth, cat(rest...))
}

func lispRecord(ttl uint32, locs, mask, act byte, version uint16, afi uint16, eid []byte, locators ...[]byte) []byte {
	return cat(be32b(ttl), []byte{locs, mask, act, 0}, be16b(version), be16b(afi), eid, cat(locators...))
}

func lispLocator(prio, weight byte, flags uint16, afi uint16, addr []byte) []byte {
	return cat([]byte{prio, weight, 255, 0}, be16b(flags), be16b(afi), addr)
}

func lispFrames(t testing.TB) []frameSpec {
	v6a := []byte(tSrc6.To16())
	auth := make([]byte, 20)
	for i := range auth {
		auth[i] = byte(0xa0 + i)
	}
	rec4 := lispRecord(1440, 2, 24, 0x10, 0x1005, 1, []byte{10, 1, 2, 0},
		lispLocator(1, 100, 5, 1, []byte{192, 0, 2, 1}), lispLocator(2, 50, 2, 2, v6a))
	rec6 := lispRecord(60, 1, 48, 0x60, 7, 2, v6a, lispLocator(1, 1, 0, 9, nil))
	xtrID := cat(make([]byte, 15), []byte{1}, be32b(0), be32b(42))
	register := lispMsg(0x3a, 1, 2, 1, auth, rec4, rec6, xtrID)
	notify := lispMsg(0x48, 0, 1, 2, make([]byte, 32), rec6, xtrID)
	plain := lispMsg(0x30, 0, 1, 0, nil, rec4, []byte{1, 2, 3, 4, 5})
	specs := full(
		udpFrame(t, false, 4342, 4342, register),
		udpFrame(t, true, 4342, 40000, notify),
		udpFrame(t, false, 40000, 4342, plain),
		udpFrame(t, false, 40000, 4342, lispMsg(0x10, 0, 1, 0, nil, make([]byte, 20))),
		udpFrame(t, false, 40000, 4342, lispMsg(0x80, 0, 1, 0, nil)),
		udpFrame(t, false, 40000, 4342, lispMsg(0x70, 0, 1, 0, nil)),
		udpFrame(t, false, 40000, 4342, lispMsg(0x30, 0, 0, 0, nil, rec4)),
		udpFrame(t, false, 40000, 4342, lispMsg(0x32, 0, 1, 0, nil, rec4, []byte{1, 2})),
		udpFrame(t, false, 40000, 4342, lispMsg(0x30, 0, 1, 0, nil, lispRecord(1, 0, 8, 0xe0, 0, 16387, make([]byte, 8)))),
		udpFrame(t, false, 40000, 4342, lispMsg(0x30, 0, 200, 0, nil, rec4)),
		udpFrame(t, false, 40000, 4342, lispMsg(0x30, 0, 1, 0, make([]byte, 300))),
		udpFrame(t, false, 40000, 4342, []byte{0x30, 0, 0}),
	)
	r := udpFrame(t, false, 4342, 4342, register)
	for _, n := range []int{50, 58, 59, 60, 70, 74, 75, 90, 95, 100, 104, 110, 120, 130, 150, 160, 170} {
		specs = append(specs, cutAt(r, n))
	}
	return specs
}

// FuzzCnfp prints arbitrary UDP payloads under -T cnfp (FuzzPrint's
// option sets have no packet type): no panic, any record count.
func FuzzCnfp(f *testing.F) {
	for _, s := range cnfpFrames(f) {
		f.Add(s.data[42:], uint8(len(s.data)))
	}
	f.Fuzz(func(t *testing.T, payload []byte, cut uint8) {
		frame := udpFrame(t, false, 40000, 2055, payload)
		data := frame
		if int(cut) < len(frame) && cut > 14 {
			data = frame[:cut]
		}
		for _, v := range []int{0, 1, 2} {
			p := New(io.Discard, Options{Numeric: true, Verbose: v, PacketType: "cnfp", Location: time.UTC})
			if err := p.Print(&Packet{Data: data, Length: len(frame), LinkType: linktype.Ethernet}); err != nil {
				t.Fatal(err)
			}
		}
	})
}
