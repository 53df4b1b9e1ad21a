package printer

import (
	"net"
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// The Ethernet-type protocols of IEEE 802.x and friends (CFM, ...)
// compared with tcpdump over generated frames: well-formed, truncated by
// the snap length and malformed.

var etherProtoFlagSets = [][]string{{"-n"}, {"-n", "-v"}, {"-n", "-vv"}, {"-n", "-vvv"}, {"-n", "-e"}, {"-n", "-x"}, {"-n", "-v", "-x"}}

type etherProtoCase struct {
	name   string
	frames func() []frameSpec
}

var etherProtoCases = []etherProtoCase{
	{"cfm", cfmFrames},
	{"aoe", aoeFrames},
	{"msnlb", msnlbFrames},
	{"arista", aristaFrames},
	{"rtl", rtlFrames},
	{"mpcp", mpcpFrames},
	{"tipc", tipcFrames},
	{"geonet", geonetFrames},
	{"ctp", ctpFrames},
}

// The frames also seed FuzzPrint, through the transport cases.
func init() {
	for _, c := range etherProtoCases {
		frames := c.frames
		transportCases = append(transportCases, transportCase{name: c.name, frames: func(testing.TB) []frameSpec { return frames() }})
	}
}

func TestEtherProtoVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range etherProtoCases {
		t.Run(c.name, func(t *testing.T) {
			same, total := compareLinkFlags(t, tcpdump, c.name, 1, transportFrames(c.frames()...), etherProtoFlagSets)
			t.Logf("%s: %d of %d lines identical", c.name, same, total)
		})
	}
}

var cfmMAC = net.HardwareAddr{0x01, 0x80, 0xc2, 0x00, 0x00, 0x30}

// cfmPDU builds a CFM PDU: MD level, version, opcode, flags, first TLV
// offset, the opcode's fields and what follows them.
func cfmPDU(level, version, opcode, flags, fto byte, rest ...[]byte) []byte {
	return cat(append([][]byte{{level<<5 | version, opcode, flags, fto}}, rest...)...)
}

// cfmTLV builds a TLV: type, length, value.
func cfmTLV(typ byte, v []byte) []byte { return cat([]byte{typ}, be16b(uint16(len(v))), v) }

// ccmBody is a CCM's 70 bytes: sequence, MEP ID, the MD and MA names
// (48 bytes, zero padded) and the ITU-T Y.1731 field.
func ccmBody(seq uint32, mep uint16, names []byte) []byte {
	n := make([]byte, 48)
	copy(n, names)
	return cat(be32b(seq), be16b(mep), n, make([]byte, 16))
}

func cfmFrames() []frameSpec {
	ether := func(p []byte) []byte { return etherFrame(cfmMAC, 0x8902, p) }
	ccmNames := cat([]byte{4, 5}, []byte("hello"), []byte{2, 3}, []byte("abc"))
	tlvs := cat(cfmTLV(2, []byte{2}), cfmTLV(3, []byte{1}), []byte{0})
	ccm := ether(cfmPDU(0, 0, 1, 0x04, 70, ccmBody(0x1234, 7, ccmNames), tlvs))
	senderMAC := cfmTLV(1, cat([]byte{6, 4}, []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}, []byte{3, 1, 2, 3, 4, 0xa, 0xb, 0xc, 0xd}))
	senderIP4 := cfmTLV(1, cat([]byte{5, 5, 1, 10, 199, 0, 9}))
	senderIP6 := cfmTLV(1, cat([]byte{17, 5, 2}, net.ParseIP("fd00:199::9")))
	senderBadIP := cfmTLV(1, []byte{3, 5, 1, 10, 199})
	senderOther := cfmTLV(1, []byte{3, 5, 9, 1, 2})
	senderName := cfmTLV(1, cat([]byte{4, 6}, []byte("eth0")))
	senderLocal := cfmTLV(1, cat([]byte{3, 7}, []byte("a\x01c"), []byte{2, 9, 9}))
	senderBadMAC := cfmTLV(1, []byte{2, 4, 1, 2})
	senderUnknown := cfmTLV(1, []byte{2, 99, 1, 2})
	senderNoChassis := cfmTLV(1, []byte{0, 2, 1, 2, 0})
	senderNoAddrLen := cfmTLV(1, []byte{0, 2, 1, 2})
	senderAddrShort := cfmTLV(1, []byte{0, 1, 1, 5, 1})
	senderDomShort := cfmTLV(1, []byte{0, 5, 1})
	senderChassisShort := cfmTLV(1, []byte{9, 4, 1})
	senderTypeMissing := cfmTLV(1, []byte{3})
	senderEmpty := cfmTLV(1, nil)
	org := cfmTLV(31, []byte{0x00, 0x80, 0xc2, 7, 1, 2, 3})
	data := cfmTLV(4, []byte("payload bytes"))
	ccm2Names := cat([]byte{1, 3, 2}, be16b(100))
	ccm2 := ether(cfmPDU(7, 0, 1, 0x81, 70, ccmBody(1, 0x1fff, ccm2Names), senderMAC, org, data, cfmTLV(99, []byte{1}), []byte{0}))
	ccm3 := ether(cfmPDU(3, 0, 1, 0x07, 74, ccmBody(2, 3, cat([]byte{3, 6, 0, 1, 2, 3, 4, 5, 0, 4, 0, 0, 0, 42})), []byte{9, 9, 9, 9},
		senderIP4, senderIP6, senderBadIP, senderOther, senderName, senderLocal, []byte{0}))
	ccm4 := ether(cfmPDU(3, 0, 1, 0x02, 70, ccmBody(2, 3, cat([]byte{0, 4, 1, 2, 3, 4, 4, 2, 0, 9})),
		senderBadMAC, senderUnknown, senderNoChassis, senderNoAddrLen, senderDomShort, senderChassisShort, senderTypeMissing, senderEmpty))
	ccmBadMAC := ether(cfmPDU(0, 0, 1, 0x05, 70, ccmBody(2, 3, cat([]byte{3, 5, 0, 1, 2, 3, 4, 2, 1, 'x'})), senderAddrShort, []byte{0}))
	ccmMDLong := ether(cfmPDU(0, 0, 1, 0x03, 70, ccmBody(2, 3, []byte{4, 44})))
	ccmMDMax := ether(cfmPDU(0, 0, 1, 0x06, 70, ccmBody(2, 3, cat([]byte{2, 43}, make([]byte, 43), []byte{2, 1}))))
	ccmMALong := ether(cfmPDU(0, 0, 1, 0x00, 70, ccmBody(2, 3, []byte{4, 2, 'a', 'b', 2, 43})))
	ccmSmall := ether(cfmPDU(0, 0, 1, 0x00, 60, ccmBody(2, 3, ccmNames)))
	ccmShort := ether(cfmPDU(0, 0, 1, 0x00, 40, make([]byte, 50)))
	ltm := ether(cfmPDU(2, 0, 5, 0x80, 17, be32b(0xabcdef01), []byte{64}, []byte{0, 1, 2, 3, 4, 5}, []byte{6, 7, 8, 9, 10, 11},
		cfmTLV(7, []byte{1, 2, 3}), senderNoChassis, []byte{0}))
	ltmFlags := ether(cfmPDU(2, 0, 5, 0x00, 20, be32b(1), []byte{1}, make([]byte, 15), []byte{0}))
	ltr := ether(cfmPDU(2, 0, 4, 0xe0, 6, be32b(5), []byte{63, 1}, cfmTLV(5, make([]byte, 7)), cfmTLV(6, make([]byte, 7)), []byte{0}))
	ltrOdd := ether(cfmPDU(2, 0, 4, 0x10, 6, be32b(5), []byte{63, 9}))
	ltmSmall := ether(cfmPDU(2, 0, 5, 0, 16, make([]byte, 20)))
	ltrSmall := ether(cfmPDU(2, 0, 4, 0, 5, make([]byte, 20)))
	lbm := ether(cfmPDU(4, 0, 3, 0, 4, be32b(99), data, []byte{0}))
	lbr := ether(cfmPDU(4, 0, 2, 0, 4, be32b(99), cfmTLV(2, []byte{7}), cfmTLV(3, []byte{4})))
	unknown := ether(cfmPDU(1, 0, 47, 0, 0, make([]byte, 20)))
	v1 := ether(cfmPDU(1, 1, 1, 0, 70, make([]byte, 20)))
	ftoLarge := ether(cfmPDU(0, 0, 3, 0, 200, make([]byte, 20)))
	statusShort := ether(cfmPDU(0, 0, 3, 0, 0, cfmTLV(2, nil)))
	ifShort := ether(cfmPDU(0, 0, 3, 0, 0, cfmTLV(3, nil)))
	orgShort := ether(cfmPDU(0, 0, 3, 0, 0, cfmTLV(31, []byte{0, 0, 0})))
	tlvLong := ether(cfmPDU(0, 0, 3, 0, 0, []byte{4, 0, 50, 1, 2}))
	tlvHeadShort := ether(cfmPDU(0, 0, 3, 0, 0, []byte{4, 0}))
	tiny := ether([]byte{0, 1})
	return append(full(ccm, ccm2, ccm3, ccm4, ccmBadMAC, ccmMDLong, ccmMDMax, ccmMALong, ccmSmall, ccmShort, ltm, ltmFlags, ltr, ltrOdd,
		ltmSmall, ltrSmall, lbm, lbr, unknown, v1, ftoLarge, statusShort, ifShort, orgShort, tlvLong, tlvHeadShort, tiny),
		cutAt(ccm, 16), cutAt(ccm, 20), cutAt(ccm, 60), cutAt(ccm, 88), cutAt(ccm, 89), cutAt(ccm, 91), cutAt(ccm, 93), cutAt(ccm2, 100),
		cutAt(ccm2, 70), cutAt(ltm, 25), cutAt(ltr, 30), cutAt(lbm, 22), cutAt(lbm, 25), cutAt(lbr, 24))
}

// aoeHdr is an AoE v1 header: flags, error, major, minor, command, tag.
func aoeHdr(flags, errc byte, major uint16, minor, cmd byte, tag uint32) []byte {
	return cat([]byte{0x10 | flags, errc}, be16b(major), []byte{minor, cmd}, be32b(tag))
}

func aoeFrames() []frameSpec {
	ether := func(p ...[]byte) []byte { return etherFrame(nil, 0x88a2, cat(p...)) }
	issue := ether(aoeHdr(0, 0, 7, 1, 0, 0xdeadbeef), []byte{0x53, 0, 2, 0x24, 1, 2, 3, 4, 5, 6, 0, 0}, make([]byte, 1024))
	issueResp := ether(aoeHdr(0x08, 0, 7, 1, 0, 1), []byte{0xff, 1, 0, 0x50, 0, 0, 0, 0, 0, 0, 0, 0})
	issueShort := ether(aoeHdr(0, 0, 7, 1, 0, 1), []byte{0x40, 1, 0, 0x50})
	queryNames := ether(aoeHdr(0x08, 0, 0xffff, 0xff, 1, 2), be16b(16), be16b(0x4019), []byte{2, 0x13}, be16b(11), []byte("cfg \x01string"))
	query := ether(aoeHdr(0, 0, 0xffff, 0xff, 1, 2), be16b(0), be16b(0), []byte{0, 0x1e}, be16b(0), make([]byte, 30))
	queryLong := ether(aoeHdr(0, 0, 1, 1, 1, 2), be16b(0), be16b(0), []byte{0, 0x10}, be16b(2000), make([]byte, 30))
	macList := ether(aoeHdr(0, 0, 1, 1, 2, 3), []byte{0, 1, 0, 2}, []byte{0, 1, 0, 0x11, 0x22, 0x33, 0x44, 0x55}, []byte{0, 7, 2, 2, 2, 2, 2, 2})
	macErr := ether(aoeHdr(0x0c, 2, 1, 1, 2, 3), []byte{0, 9, 8, 5}, make([]byte, 20))
	reserve := ether(aoeHdr(0, 0, 1, 1, 3, 4), []byte{1, 2}, []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa})
	reserveBad := ether(aoeHdr(0, 0, 1, 1, 3, 4), []byte{9, 1}, make([]byte, 12))
	reserveOdd := ether(aoeHdr(0, 0, 1, 1, 3, 4), []byte{0, 1}, make([]byte, 7))
	errResp := ether(aoeHdr(0x0f, 9, 1, 1, 0x7f, 5), make([]byte, 40))
	errKnown := ether(aoeHdr(0x0c, 6, 1, 1, 0, 5), make([]byte, 12))
	v2 := ether([]byte{0x20, 0}, make([]byte, 44))
	hdrShort := ether(aoeHdr(0, 0, 1, 1, 0, 5)[:8])
	empty := ether()
	return append(full(issue, issueResp, issueShort, queryNames, query, queryLong, macList, macErr, reserve, reserveBad, reserveOdd,
		errResp, errKnown, v2, hdrShort, empty),
		cutAt(issue, 14), cutAt(issue, 15), cutAt(issue, 17), cutAt(issue, 19), cutAt(issue, 20), cutAt(issue, 23), cutAt(issue, 26),
		cutAt(issue, 30), cutAt(issue, 35), cutAt(issue, 100), cutAt(queryNames, 26), cutAt(queryNames, 30), cutAt(queryNames, 40),
		cutAt(macList, 27), cutAt(macList, 30), cutAt(macList, 40), cutAt(reserve, 24), cutAt(reserve, 26), cutAt(reserve, 30),
		cutAt(issueShort, 26), cutAt(queryLong, 40), cutAt(errKnown, 15), cutAt(errKnown, 20))
}

func msnlbFrames() []frameSpec {
	hb := etherFrame(nil, 0x886f, cat(make([]byte, 8), []byte{7, 0, 0, 1}, []byte{10, 199, 0, 1, 10, 199, 0, 2}, make([]byte, 20)))
	specs := full(hb, etherFrame(nil, 0x886f, make([]byte, 5)))
	for _, n := range []int{14, 15, 20, 25, 26, 27, 30, 33, 34} {
		specs = append(specs, cutAt(hb, n))
	}
	return specs
}

// aristaTS is an Arista timestamp header: subtype, timescale, format
// and hardware, the timestamp, then the frame's Ethernet type.
func aristaTS(sub uint16, scale, formatHw byte, ts []byte, etype uint16) []byte {
	return cat(be16b(sub), []byte{scale, formatHw}, ts, be16b(etype))
}

func aristaFrames() []frameSpec {
	ether := func(p ...[]byte) []byte { return etherFrame(nil, 0xd28b, cat(p...)) }
	ts64 := cat(be32b(1600000000), be32b(123456789))
	ip := testframes.UDP4(40000, 53, []byte("abcd"))[14:]
	ts := ether(aristaTS(1, 0, 0x10, ts64, 0x0800), ip)
	ts48 := ether(aristaTS(1, 1, 0x21, cat(be16b(100), be32b(2000000001)), 0x88a2), []byte{0x10, 0}, make([]byte, 8))
	badFormat := ether(aristaTS(1, 0, 0x30, ts64, 0x0800), make([]byte, 10))
	badSub := ether(aristaTS(2, 0, 0x10, ts64, 0x0800), make([]byte, 10))
	vlan := ether(aristaTS(1, 5, 0x1f, cat(be32b(0xffffffff), be32b(0xffffffff)), 0x8100), be16b(0x2005), be16b(0x0800), ip)
	llc := ether(aristaTS(1, 0, 0x10, ts64, 8), []byte{0x42, 0x42, 0x03}, make([]byte, 40))
	unknownType := ether(aristaTS(1, 0, 0x10, ts64, 0x1234), make([]byte, 20))
	tiny := ether([]byte{0})
	return append(full(ts, ts48, badFormat, badSub, vlan, llc, unknownType, tiny),
		cutAt(ts, 15), cutAt(ts, 16), cutAt(ts, 17), cutAt(ts, 18), cutAt(ts, 20), cutAt(ts, 26), cutAt(ts, 27), cutAt(ts, 40),
		cutAt(ts48, 25), cutAt(ts48, 26), cutAt(vlan, 30), cutAt(vlan, 34))
}

func rtlFrames() []frameSpec {
	ether := func(p ...[]byte) []byte { return etherFrame(nil, 0x8899, cat(cat(p...), make([]byte, 30))) }
	rrcp := func(op byte, rest ...[]byte) []byte { return cat(append([][]byte{{1, op, 0x23, 0x79}}, rest...)...) }
	helloReply := ether(rrcp(0x80, []byte{3, 9}, []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}, be16b(0x8326), be32b(0x10ec)))
	get := ether(rrcp(0x01, []byte{0x34, 0x12}, []byte{0x78, 0x56, 0x34, 0x12}, be32b(0xaabbccdd), be32b(0x11223344)))
	setReply := ether(rrcp(0x82, []byte{0x00, 0x02}, []byte{1, 0, 0, 0}, be32b(1), be32b(2)))
	frames := [][]byte{helloReply, get, setReply, ether(rrcp(0x00)), ether(rrcp(0x7f)), ether([]byte{2}), ether([]byte{3}),
		ether([]byte{0x23}), ether([]byte{4}), ether([]byte{0x95}), ether([]byte{0xa1}), ether([]byte{0x77})}
	// In 802.2 SNAP, whose printer passes the addresses on too.
	snap := cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0}, be16b(0x8899), rrcp(0x80, []byte{3, 9}, make([]byte, 12)))
	frames = append(frames, etherFrame(nil, uint16(len(snap)), cat(snap, make([]byte, 10))))
	specs := full(frames...)
	for _, n := range []int{14, 15, 16, 17, 18, 23, 24, 31, 32} {
		specs = append(specs, cutAt(helloReply, n), cutAt(get, n))
	}
	return specs
}

func mpcpFrames() []frameSpec {
	mac := net.HardwareAddr{0x01, 0x80, 0xc2, 0x00, 0x00, 0x01}
	ether := func(op uint16, p ...[]byte) []byte {
		return etherFrame(mac, 0x8808, cat(be16b(op), be32b(0x01020304), cat(p...), make([]byte, 30)))
	}
	gate := ether(2, []byte{0x1b}, be32b(100), be16b(200), be32b(300), be16b(400), be32b(500), be16b(600), be16b(77))
	report := ether(3, []byte{3}, []byte{0x85}, be16b(1), be16b(2), be16b(3), []byte{0x00}, []byte{0xff}, make([]byte, 16))
	frames := [][]byte{
		ether(1, be16b(0xffff)), gate, ether(2, []byte{0x00}), report, ether(3, []byte{0}),
		ether(4, []byte{1, 5}), ether(4, []byte{3, 0}), ether(4, []byte{0, 0}), ether(4, []byte{2, 0}),
		ether(5, be16b(7), []byte{3}, be16b(99), []byte{4}), ether(5, be16b(7), []byte{0}, be16b(99), []byte{4}),
		ether(5, be16b(7), []byte{6}, be16b(99), []byte{4}), ether(6, []byte{1}, be16b(7), be16b(8)), ether(6, []byte{0}, be16b(7), be16b(8)),
		ether(6, []byte{0xff}, be16b(7), be16b(8)), ether(99, []byte{1, 2, 3}),
	}
	specs := full(frames...)
	for _, n := range []int{14, 17, 19, 20, 21, 23, 26, 27, 30, 33, 35} {
		specs = append(specs, cutAt(gate, n), cutAt(report, n))
	}
	return append(specs, cutAt(frames[5], 21), cutAt(frames[9], 25), cutAt(frames[12], 24), cutAt(frames[15], 22))
}

// tipcW0 is a TIPC message's first word: version, user, header size in
// words, message size.
func tipcW0(ver, user, hsize, msize uint32) []byte {
	return be32b(ver<<29 | user<<25 | hsize<<21 | msize)
}

func tipcFrames() []frameSpec {
	ether := func(p ...[]byte) []byte { return etherFrame(nil, 0x88ca, cat(cat(p...), make([]byte, 8))) }
	node := func(z, c, n uint32) []byte { return be32b(z<<24 | c<<12 | n) }
	words := func(vs ...uint32) []byte {
		var b []byte
		for _, v := range vs {
			b = append(b, be32b(v)...)
		}
		return b
	}
	payload := ether(tipcW0(2, 0, 10, 0x1abcd), words(0x4000_1234, 0x0005_0006), node(1, 1, 1001), words(77, 88), node(1, 2, 3),
		node(1, 4095, 4095), words(9, 10, 11))
	short := ether(tipcW0(2, 3, 6, 40), words(0x2000_0001, 0), node(1, 1, 1), words(5, 6))
	connMgr := ether(tipcW0(2, 8, 11, 60), words(0xe000_0000, 7), node(2, 2, 2), words(5, 6), node(3, 3, 3), node(4, 4, 4), words(0, 0, 0))
	names := ether(tipcW0(2, 11, 10, 60), words(0x6000_0000, 7), node(2, 2, 2), words(5, 6), node(3, 3, 3), node(4, 4, 4), words(0, 0))
	internal := ether(tipcW0(2, 7, 10, 40), words(0x2abc_0102, 0x0003_0004), node(1, 1, 5), words(0x0010_0020, 0x0030_0000),
		node(1, 1, 6), node(1, 1, 7), words(99, 0x0005_05dc))
	bundler := ether(tipcW0(2, 6, 10, 40), words(0xc000_0000), make([]byte, 32))
	linkConf := ether(tipcW0(2, 13, 6, 60), words(0x2000_abcd), node(1, 1, 0), node(1, 1, 9), words(4711, 0x0000_0001), make([]byte, 16))
	linkConf2 := ether(tipcW0(2, 13, 6, 60), words(0x4000_0000), make([]byte, 32))
	frames := [][]byte{payload, short, connMgr, names, internal, bundler, linkConf, linkConf2,
		ether(tipcW0(2, 4, 6, 40), make([]byte, 36)), ether(tipcW0(2, 15, 6, 40), make([]byte, 36))}
	specs := full(frames...)
	for _, n := range []int{14, 17, 18, 30, 37, 38, 45, 46, 53, 54} {
		specs = append(specs, cutAt(payload, n), cutAt(internal, n), cutAt(linkConf, n))
	}
	return specs
}

// geonetCommon is a GeoNetworking common header (36 bytes): version and
// next header, header type and subtype, payload length, hop limit and
// the long position vector.
func geonetCommon(ver, next, ht, hst byte, payload uint16, hops byte) []byte {
	pv := cat([]byte{0xbc, 0, 0, 0, 0, 0, 0, 0x2a}, be32b(0x1234), be32b(515000000), be32b(4294967295), make([]byte, 8))
	return cat([]byte{ver<<4 | next, ht<<4 | hst, 0, 0}, be16b(payload), []byte{0, hops}, pv)
}

func geonetFrames() []frameSpec {
	gn := func(p ...[]byte) []byte { return etherFrame(nil, 0x8947, cat(p...)) }
	btp := cat(be16b(2001), be16b(0), []byte{1, 0}, make([]byte, 20))
	cam := gn(geonetCommon(0, 1, 5, 0, 26, 1), btp)
	beacon := gn(geonetCommon(0, 0, 1, 0, 0, 1), make([]byte, 10))
	mh := gn(geonetCommon(0, 2, 5, 1, 26, 10), make([]byte, 32), be16b(2002), be16b(7), []byte{1, 1}, []byte("DENM payload"))
	unicast := gn(geonetCommon(0, 1, 2, 0, 0, 1), make([]byte, 30))
	frames := [][]byte{
		cam, beacon, mh, unicast,
		gn(geonetCommon(1, 2, 0, 9, 0, 1), be16b(1), be16b(2), []byte{2, 150}),
		gn(geonetCommon(1, 2, 0, 0, 0, 1), be16b(1), be16b(2), []byte{2, 99}),
		gn(geonetCommon(1, 2, 0, 0, 0, 1), be16b(1), be16b(2), []byte{2}),
		gn(geonetCommon(1, 1, 0, 0, 0, 1), be16b(1), be16b(2)),
		gn(geonetCommon(1, 1, 0, 0, 0, 1), be16b(1)),
		gn(geonetCommon(1, 3, 0, 0, 0, 1), make([]byte, 8)),
		gn(geonetCommon(1, 9, 0, 0, 0, 1)),
		gn(geonetCommon(1, 1, 5, 1, 0, 1), make([]byte, 20)),
		gn(geonetCommon(1, 1, 5, 2, 0, 1), make([]byte, 20)),
		gn(geonetCommon(1, 1, 3, 0, 0, 1)), gn(geonetCommon(1, 1, 3, 1, 0, 1)), gn(geonetCommon(1, 1, 3, 2, 0, 1)), gn(geonetCommon(1, 1, 3, 3, 0, 1)),
		gn(geonetCommon(1, 1, 4, 0, 0, 1)), gn(geonetCommon(1, 1, 4, 1, 0, 1)), gn(geonetCommon(1, 1, 4, 2, 0, 1)), gn(geonetCommon(1, 1, 6, 0, 0, 1)),
		gn(geonetCommon(1, 1, 6, 1, 0, 1)), gn(geonetCommon(1, 1, 6, 2, 0, 1)), gn(geonetCommon(1, 1, 7, 0, 0, 1)), gn(geonetCommon(1, 1, 15, 15, 0, 1)),
		gn(make([]byte, 35)),
		gn(),
		etherFrame(nil, 0x0707, cat(geonetCommon(0, 1, 5, 0, 26, 1), btp)),
		etherFrame(nil, 0x1111, cat([]byte{7, 9}, []byte("CALM FAST payload"))),
		etherFrame(nil, 0x1111, []byte{7, 9}),
		etherFrame(nil, 0x1111, []byte{7}),
		etherFrame(nil, 0xabcd, cfmPDU(0, 0, 3, 0, 4, be32b(1), []byte{0})),
	}
	specs := full(frames...)
	for _, n := range []int{14, 15, 21, 22, 29, 30, 37, 38, 41, 42, 49, 50, 51, 52, 53, 54, 55, 60} {
		specs = append(specs, cutAt(cam, n))
	}
	calm := frames[len(frames)-4]
	return append(specs, cutAt(mh, 60), cutAt(mh, 84), cutAt(mh, 86), cutAt(mh, 95), cutAt(calm, 14), cutAt(calm, 15), cutAt(calm, 16), cutAt(calm, 20),
		frameSpec{data: etherFrame(nil, 0x1111, []byte{7, 9, 1}), snap: 16})
}

func ctpFrames() []frameSpec {
	le16 := func(v uint16) []byte { return []byte{byte(v), byte(v >> 8)} }
	ctp := func(p ...[]byte) []byte { return etherFrame(nil, 0x9000, cat(p...)) }
	reply := ctp(le16(0), le16(1), le16(4711), []byte("data"))
	fwd := ctp(le16(8), le16(1), le16(9), []byte{0, 0, 0, 0}, le16(2), []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}, le16(1), le16(3), make([]byte, 30))
	frames := [][]byte{reply, fwd,
		ctp(le16(3), make([]byte, 40)),
		ctp(le16(0), le16(7), make([]byte, 40)),
		ctp(le16(0), le16(1)),
		ctp(le16(0), le16(1), []byte{1}),
		ctp(le16(0), le16(2), make([]byte, 5)),
		ctp(le16(40), make([]byte, 30)),
		ctp(le16(28), make([]byte, 29)),
		ctp(le16(30), make([]byte, 30)),
		ctp(le16(29), make([]byte, 30)),
		ctp([]byte{1}),
		ctp(),
	}
	specs := full(frames...)
	for _, n := range []int{14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 26, 30, 33, 34} {
		specs = append(specs, cutAt(reply, n), cutAt(fwd, n))
	}
	big := ctp(le16(48), make([]byte, 60))
	return append(specs, cutAt(big, 20), cutAt(big, 64), cutAt(big, 65), cutAt(big, 66), cutAt(big, 70))
}
