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
	for _, c := range []tcpAppCase{eigrpFrames()} {
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
