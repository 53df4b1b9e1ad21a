package printer

import (
	"bytes"
	"net"
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// tcpAppsFlagSets adds -vv's hex dumps and -q to the depth flag sets.
var tcpAppsFlagSets = append([][]string{{"-n", "-q"}}, depthFlagSets...)

// tcpAppCase is one protocol's frames: whole ones, and each of cuts
// snapped at the given lengths.
type tcpAppCase struct {
	name  string
	whole [][]byte
	cuts  [][]byte
	at    []int
}

func (c tcpAppCase) frames() []testframes.Frame {
	ds := append([][]byte{}, c.whole...)
	var snaps []int
	for _, d := range c.cuts {
		for _, n := range c.at {
			if n < len(d) {
				ds = append(ds, d)
				snaps = append(snaps, n)
			}
		}
	}
	fs := rawFrames(ds...)
	for i, n := range snaps {
		f := &fs[len(c.whole)+i]
		f.Data = f.Data[:n]
	}
	return fs
}

// rpkiPDU builds an RPKI-RTR PDU: version, type, session or error code,
// the length (filled in unless length is non-zero), body.
func rpkiPDU(ver, typ byte, sess uint16, length uint32, body ...[]byte) []byte {
	p := cat([]byte{ver, typ}, be16b(sess), be32b(length), cat(body...))
	if length == 0 {
		copy(p[4:], be32b(uint32(len(p))))
	}
	return p
}

func rpkiFrames() tcpAppCase {
	a4 := net.ParseIP("192.0.2.0").To4()
	a6 := net.ParseIP("2001:db8:100::").To16()
	serial := rpkiPDU(0, 0, 0x1234, 0, be32b(77))
	v4 := rpkiPDU(0, 4, 0, 0, []byte{1, 24, 28, 0}, a4, be32b(64500))
	v6 := rpkiPDU(0, 6, 0, 0, []byte{0, 40, 48, 0}, a6, be32b(4200000000))
	errRep := rpkiPDU(0, 10, 3, 0, be32b(uint32(len(serial))), serial, be32b(11), []byte("bad\x01serial\xc1!"))
	many := cat(rpkiPDU(0, 3, 0xbeef, 0), v4, v6, v4, rpkiPDU(0, 7, 0xbeef, 0, be32b(78)))
	tcp := func(sport, dport uint16, payload []byte) []byte { return testframes.TCP4(sport, dport, payload) }
	return tcpAppCase{
		name: "rpki-rtr",
		whole: [][]byte{
			tcp(40000, 323, rpkiPDU(0, 2, 0, 0)),
			tcp(323, 40000, serial),
			tcp(323, 40000, rpkiPDU(0, 1, 0x1234, 0, be32b(76))),
			tcp(323, 40000, many),
			tcp(323, 40000, cat(rpkiPDU(0, 8, 0, 0), errRep)),
			tcp(323, 40000, rpkiPDU(0, 10, 99, 0, be32b(0), be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 10, 5, 0, be32b(uint32(len(errRep))), errRep, be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 10, 1, 0, be32b(3), []byte{0, 1, 2}, be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 10, 1, 0, be32b(12), rpkiPDU(0, 9, 0, 40), be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 5, 0, 0, []byte("unknown type"))),
			tcp(323, 40000, cat(serial, rpkiPDU(1, 2, 0, 0), serial)),
			// malformed: wrong fixed lengths, a length beyond the
			// segment or below the header, a short segment.
			tcp(323, 40000, rpkiPDU(0, 0, 1, 0, be32b(1), []byte{0})),
			tcp(323, 40000, cat(rpkiPDU(0, 4, 0, 0, []byte{1, 2, 3}), v4)),
			tcp(323, 40000, rpkiPDU(0, 6, 0, 0, a4)),
			tcp(323, 40000, rpkiPDU(0, 3, 0, 9, []byte{0})),
			tcp(323, 40000, rpkiPDU(0, 2, 0, 12, []byte{0, 0, 0, 0})),
			tcp(323, 40000, rpkiPDU(0, 8, 0, 4)),
			tcp(323, 40000, rpkiPDU(0, 0, 0, 200, be32b(1))),
			tcp(323, 40000, []byte{0, 2, 0}),
			tcp(323, 40000, []byte{3}),
			tcp(323, 40000, rpkiPDU(0, 10, 0, 0, be32b(0xfffffff8), be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 10, 0, 0, be32b(0), be32b(0xfffffff0), []byte("text"))),
			tcp(323, 40000, rpkiPDU(0, 10, 0, 0, be32b(40), be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 10, 0, 0, be32b(0), be32b(40))),
			tcp(323, 40000, rpkiPDU(0, 10, 0, 0, be32b(0))),
			tcp(323, 40000, rpkiPDU(0, 10, 0, 0, be32b(4), rpkiPDU(0, 0, 0, 12), be32b(0))),
			// BGP's port comes first in tcp_print's chain.
			tcp(179, 323, serial),
		},
		cuts: [][]byte{tcp(323, 40000, many), tcp(323, 40000, errRep),
			tcp(323, 40000, rpkiPDU(0, 10, 5, 0, be32b(uint32(len(errRep))), errRep, be32b(0)))},
		at: []int{55, 58, 61, 62, 66, 70, 74, 80, 90, 100, 110, 120, 130},
	}
}

// TestTCPAppsVsTcpdump compares the TCP application printers of this
// file's protocols with tcpdump, line by line.
func TestTCPAppsVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range []tcpAppCase{rpkiFrames(), pptpFrames(), msdpFrames(), beepFrames(), portChainFrames(), openflowFrames()} {
		fs := c.frames()
		same, total := compareLinkFlags(t, tcpdump, c.name, 1, fs, tcpAppsFlagSets)
		t.Logf("%s: %d of %d lines as tcpdump's", c.name, same, total)
	}
}

// pptpMsg builds a PPTP control message: the header (length, message
// type 1, magic cookie, control type) and body.
func pptpMsg(ctrl uint16, body ...[]byte) []byte {
	p := cat(be16b(0), be16b(1), be32b(0x1a2b3c4d), be16b(ctrl), be16b(0), cat(body...))
	copy(p, be16b(uint16(len(p))))
	return p
}

// pstr is a NUL-padded string field of n bytes.
func pstr(s string, n int) []byte { return append([]byte(s), make([]byte, n-len(s))...) }

func pptpFrames() tcpAppCase {
	tcp := func(sport, dport uint16, payload []byte) []byte { return testframes.TCP4(sport, dport, payload) }
	sccrq := pptpMsg(1, be16b(0x0100), be16b(0), be32b(3), be32b(3), be16b(10), be16b(0x1234), pstr("host", 64), pstr("vendor\x01x", 64))
	sccrp := pptpMsg(2, be16b(0x0100), []byte{1, 0}, be32b(1), be32b(2), be16b(0), be16b(1), pstr("h", 64), []byte(string(make([]byte, 0))+string(bytes.Repeat([]byte("v"), 64))))
	ocrq := pptpMsg(7, be16b(7), be16b(8), be32b(300), be32b(100000), be32b(3), be32b(2), be16b(64), be16b(0), be16b(5), be16b(0), pstr("12345", 64), pstr("", 64))
	icrq := pptpMsg(9, be16b(7), be16b(8), be32b(1), be32b(99), be16b(3), be16b(4), pstr("555", 64), pstr("1234", 64), pstr("sub", 64))
	cdn := pptpMsg(13, be16b(7), []byte{3, 0}, be16b(16), be16b(0), pstr("stats here", 128))
	var whole [][]byte
	for _, m := range [][]byte{
		sccrq, sccrp,
		pptpMsg(3, []byte{2, 0}, be16b(0)), pptpMsg(3, []byte{9, 1}, be16b(2)),
		pptpMsg(4, []byte{1, 0}, be16b(0)), pptpMsg(4, []byte{7, 9}, be16b(0)),
		pptpMsg(5, be32b(42)), pptpMsg(6, be32b(42), []byte{1, 0}, be16b(0)), pptpMsg(6, be32b(42), []byte{2, 6}, be16b(1)),
		ocrq, pptpMsg(8, be16b(7), be16b(9), []byte{1, 0}, be16b(0), be32b(64000), be16b(16), be16b(0), be32b(5)),
		pptpMsg(8, be16b(7), be16b(9), []byte{8, 7}, be16b(0), be32b(64000), be16b(16), be16b(0), be32b(5)),
		icrq, pptpMsg(10, be16b(7), be16b(9), []byte{1, 0}, be16b(16), be16b(0), be16b(0)),
		pptpMsg(11, be16b(9), be16b(0), be32b(64000), be16b(16), be16b(0), be32b(3)),
		pptpMsg(12, be16b(7), be16b(0)), cdn,
		pptpMsg(14, be16b(9), be16b(0), be32b(1), be32b(2), be32b(3), be32b(4), be32b(5), be32b(6)),
		pptpMsg(15, be16b(9), be16b(0), be32b(0xffffffff), be32b(0)),
		pptpMsg(0), pptpMsg(16, be32b(1)), pptpMsg(200),
		pptpMsg(9, be16b(7), be16b(8), be32b(9), be32b(99), be16b(2), be16b(900), pstr("555", 64), pstr("1234", 64), pstr("sub", 64)),
	} {
		whole = append(whole, tcp(40000, 1723, m))
	}
	bad := pptpMsg(5, be32b(1))
	copy(bad[2:], be16b(2))
	copy(bad[4:], be32b(0xdeadbeef))
	copy(bad[10:], be16b(3))
	mgmt := pptpMsg(12, be16b(1), be16b(0))
	copy(mgmt[2:], be16b(7))
	whole = append(whole, tcp(1723, 40000, bad), tcp(1723, 40000, mgmt), tcp(1723, 40000, []byte{0, 1, 0}),
		tcp(1723, 40000, pptpMsg(1, be16b(0x0100))), tcp(23, 1723, pptpMsg(5, be32b(1))),
		tcp(1723, 323, pptpMsg(5, be32b(1))))
	return tcpAppCase{
		name:  "pptp",
		whole: whole,
		cuts:  [][]byte{tcp(40000, 1723, sccrp), tcp(40000, 1723, ocrq), tcp(40000, 1723, icrq), tcp(40000, 1723, cdn)},
		at:    []int{55, 56, 58, 60, 62, 64, 66, 67, 70, 72, 75, 80, 90, 100, 140, 150, 200, 230},
	}
}

// msdpTLV builds an MSDP message: type, length, value.
func msdpTLV(typ byte, v ...[]byte) []byte {
	p := cat([]byte{typ}, be16b(0), cat(v...))
	copy(p[1:], be16b(uint16(len(p))))
	return p
}

func msdpFrames() tcpAppCase {
	tcp := func(sport, dport uint16, payload []byte) []byte { return testframes.TCP4(sport, dport, payload) }
	a4 := func(s string) []byte { return net.ParseIP(s).To4() }
	entry := cat([]byte{0, 0, 0, 32}, a4("239.1.1.1"), a4("10.9.9.9"))
	inner := testframes.UDP4(5000, 6000, []byte("data"))[14:]
	sa := msdpTLV(1, []byte{2}, a4("10.0.0.1"), entry, entry)
	saData := msdpTLV(1, []byte{1}, a4("10.0.0.1"), entry, inner)
	many := cat(msdpTLV(4), sa, msdpTLV(2, []byte{0}, a4("239.2.2.2")), msdpTLV(3, []byte{0}, a4("10.0.0.2")),
		msdpTLV(5, []byte{1, 2, 3, 4}), msdpTLV(6, []byte{9}), msdpTLV(4, []byte{0}))
	return tcpAppCase{
		name: "msdp",
		whole: [][]byte{
			tcp(639, 40000, msdpTLV(4)),
			tcp(40000, 639, many),
			tcp(40000, 639, saData),
			tcp(40000, 639, cat(msdpTLV(4), msdpTLV(4)[:2])),
			tcp(40000, 639, cat(msdpTLV(4), []byte{4, 0, 1})),
			tcp(40000, 639, cat(msdpTLV(4), []byte{4, 0, 9})),
			tcp(40000, 639, []byte{9, 0, 3}),
			tcp(40000, 639, []byte{4, 0, 2}),
			tcp(40000, 639, []byte{0, 0, 3}),
			tcp(40000, 639, []byte{4, 0x10, 0}),
			tcp(40000, 639, cat(msdpTLV(4), []byte{7, 0x05, 0x80}, make([]byte, 1500))),
			tcp(40000, 639, []byte{4}),
			tcp(40000, 639, msdpTLV(1)),
			tcp(40000, 639, msdpTLV(2, []byte{0, 1})),
			tcp(40000, 639, msdpTLV(1, []byte{200}, a4("10.0.0.1"))),
		},
		cuts: [][]byte{tcp(40000, 639, many), tcp(40000, 639, saData)},
		at:   []int{55, 56, 57, 58, 60, 62, 64, 70, 80, 90, 95, 100, 110, 120},
	}
}

func beepFrames() tcpAppCase {
	tcp := func(sport, dport uint16, payload []byte) []byte { return testframes.TCP4(sport, dport, payload) }
	var whole [][]byte
	for _, s := range []string{"MSG 0 1 . 0 10\r\n", "MSG\x00", "RPY 0 1 . 0 5\r\n", "ERR 1", "ANS x", "NUL ", "SEQ 1 2 3",
		"END\r\n", "END\x00", "RPY", "HELLO", "M"} {
		whole = append(whole, tcp(10288, 40000, []byte(s)))
	}
	whole = append(whole, tcp(40000, 10288, []byte("RPY 0")), tcp(22, 10288, []byte("RPY 0")), tcp(10288, 639, []byte("RPY 0")),
		tcp(139, 10288, []byte("RPY 0")), tcp(10288, 445, []byte("RPY 0")))
	return tcpAppCase{name: "beep", whole: whole, cuts: [][]byte{tcp(10288, 40000, []byte("RPY 0 1"))}, at: []int{55, 56, 57, 58}}
}

// portChainFrames are segments between two ports of tcp_print's chain of
// application printers, each way round: only the first in tcpdump's
// order prints (BGP and not LDP between 179 and 646, SMTP and not HTTP
// between 25 and 80, whichever end is the source).
func portChainFrames() tcpAppCase {
	keepalive := cat(bytes.Repeat([]byte{0xff}, 16), be16b(19), []byte{4})
	get := []byte("GET / HTTP/1.0\r\nHost: x\r\n\r\n")
	banner := []byte("SSH-2.0-OpenSSH_9.2\r\n")
	pairs := [][2]uint16{{179, 646}, {25, 80}, {43, 8080}, {22, 23}, {646, 2049}, {53, 646},
		{53, 2049}, {21, 554}, {1723, 22}, {639, 646}, {323, 646}, {10288, 21}}
	var whole [][]byte
	for _, pr := range pairs {
		for _, payload := range [][]byte{keepalive, get, banner} {
			whole = append(whole, testframes.TCP4(pr[0], pr[1], payload), testframes.TCP4(pr[1], pr[0], payload))
		}
	}
	return tcpAppCase{name: "port chain", whole: whole}
}

// openflowFrames are OpenFlow segments whose headers alone say what
// tcpdump prints at every -v level: header-only messages, versions and
// types tcpdump decodes no body of, headers the segment or the capture
// ends in, messages that run past the segment or are shorter than their
// header.
func openflowFrames() tcpAppCase {
	tcp := func(sport, dport uint16, payload []byte) []byte { return testframes.TCP4(sport, dport, payload) }
	msg := func(version, typ byte, length uint16, body int) []byte {
		return cat([]byte{version, typ}, be16b(length), be32b(0x1234abcd), make([]byte, body))
	}
	hello10, hello13 := msg(1, 0, 8, 0), msg(4, 0, 8, 0)
	features, barrier13 := msg(1, 5, 8, 0), msg(4, 20, 8, 0)
	v11 := msg(2, 3, 20, 12) // 1.1: no types named, no body decoded
	unknown := msg(9, 0xee, 12, 4)
	many := cat(hello10, features, v11, unknown, hello13, barrier13)
	var whole [][]byte
	for _, p := range [][]byte{
		hello10, hello13, features, barrier13, v11, unknown, many,
		msg(2, 1, 100, 10),             // runs past the segment
		cat(hello13, msg(5, 7, 64, 0)), // so does the second
		msg(1, 0, 4, 6),                // shorter than its header
		msg(4, 0, 0, 0),
		cat(hello10, msg(3, 0, 7, 4)),
		{1}, {1, 0}, {1, 0, 0}, {4, 0, 0, 8}, {4, 0, 0, 8, 0, 0, 0},
		cat(hello13, []byte{4, 20, 0}),
		cat(v11, []byte{2}),
	} {
		whole = append(whole, tcp(40000, 6653, p))
	}
	whole = append(whole, tcp(6633, 40000, many), tcp(6653, 6633, hello10))
	return tcpAppCase{
		name:  "openflow",
		whole: whole,
		cuts:  [][]byte{tcp(40000, 6653, many), tcp(6633, 40000, cat(hello10, msg(2, 1, 100, 10)))},
		at:    []int{54, 55, 56, 57, 58, 60, 61, 62, 63, 66, 70, 75, 80, 90, 100},
	}
}
