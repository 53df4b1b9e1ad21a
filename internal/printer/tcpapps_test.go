package printer

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/gopacket/gopacket/layers"

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
	for _, c := range []tcpAppCase{rpkiFrames()} {
		fs := c.frames()
		if dir := os.Getenv("GOCAP_TCPAPPS_PCAPS"); dir != "" { // for working on a decoder
			var pcap bytes.Buffer
			if err := testframes.WritePcapLink(&pcap, fs, layers.LinkTypeEthernet); err == nil {
				_ = os.WriteFile(filepath.Join(dir, c.name+".pcap"), pcap.Bytes(), 0o644)
			}
		}
		same, total := compareLinkFlags(t, tcpdump, c.name, 1, fs, tcpAppsFlagSets)
		t.Logf("%s: %d of %d lines as tcpdump's", c.name, same, total)
	}
}
