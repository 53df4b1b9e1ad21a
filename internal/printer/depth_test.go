package printer

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
	"github.com/gopacket/gopacket/layers"
)

// depthFlagSets are the flag sets where tcpdump's decoders print more.
var depthFlagSets = [][]string{{"-n"}, {"-n", "-v"}, {"-n", "-vv"}, {"-n", "-vvv"}, {"-n", "-e"}}

// depthCases are generated frames of the protocols whose decoders go
// deep with -v (ICMP, ICMPv6, DNS, BGP, OSPF), well-formed, truncated and
// malformed.
func depthCases() []linkCase {
	return []linkCase{
		{"icmp", 1, rawFrames(icmpFrames()...)},
		{"icmp6", 1, rawFrames(icmp6Frames()...)},
	}
}

// TestDepthVsTcpdump compares every line of the depth frames with tcpdump's.
func TestDepthVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range depthCases() {
		if dir := os.Getenv("GOCAP_DEPTH_PCAPS"); dir != "" { // for working on a decoder
			var pcap bytes.Buffer
			if err := testframes.WritePcapLink(&pcap, c.frames, layers.LinkType(c.lt)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, c.name+".pcap"), pcap.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Run(c.name, func(t *testing.T) {
			same, total := compareLinkFlags(t, tcpdump, c.name, c.lt, c.frames, depthFlagSets)
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}

// snap cuts a frame to n captured bytes, keeping its wire length.
func snap(d []byte, n int) testframes.Frame {
	return testframes.Frame{Data: d[:min(n, len(d))], Length: len(d)}
}

// quoted is the offending datagram an ICMP error quotes: an IPv4 header
// and a UDP header.
func quoted() []byte { return testframes.UDP4(40000, 33434, nil)[14:42] }

// quoted6 is the IPv6 datagram an ICMPv6 error quotes.
func quoted6() []byte { return testframes.UDP6(40000, 33434, []byte("abcd"))[14:] }

func icmpFrames() [][]byte {
	var ds [][]byte
	add := func(typ, code uint8, rest ...[]byte) { ds = append(ds, testframes.ICMP4(typ, code, cat(rest...))) }
	for c := uint8(0); c <= 16; c++ {
		add(3, c, []byte{0, 0, 0x05, 0xdc}, quoted())
	}
	for c := uint8(0); c <= 4; c++ {
		add(5, c, []byte{10, 199, 7, 254}, quoted())
	}
	for c := uint8(0); c <= 2; c++ {
		add(11, c, make([]byte, 4), quoted())
	}
	add(12, 0, []byte{9, 0, 0, 0}, quoted())
	add(12, 1, []byte{9, 0, 0, 0}, quoted())
	add(12, 2, []byte{0, 0, 0, 0}, quoted())
	add(4, 0, make([]byte, 4), quoted())
	add(9, 0, []byte{2, 2, 0x07, 0x08}, []byte{10, 199, 7, 1, 0, 0, 0, 5, 10, 199, 7, 9, 0xff, 0xff, 0xff, 0xff})
	add(9, 0, []byte{12, 2, 0xff, 0xff}, bytes.Repeat([]byte{10, 199, 7, 100, 0x7f, 0xff, 0xff, 0xff}, 12))
	add(9, 0, []byte{1, 2, 0, 30}, []byte{10, 199, 7, 1, 0, 0, 0, 5})
	add(9, 0, []byte{1, 2, 0x12, 0x34}, []byte{10, 199, 7, 1})
	add(9, 0, []byte{1, 3, 0x0e, 0x10}, []byte{10, 199, 7, 1, 0, 0, 0, 5})
	add(9, 16, []byte{0, 2, 0, 0})
	add(10, 0, make([]byte, 4))
	add(13, 0, []byte{0, 7, 0, 1}, be32(1000), make([]byte, 8))
	add(14, 0, []byte{0, 7, 0, 1}, be32(1000), be32(2000), be32(3000))
	add(14, 0, []byte{0, 7, 0, 1}, be32(1000))
	add(14, 0, []byte{0, 7, 0, 1}, be32(0xffffffff), be32(86400000), be32(45296789))
	add(15, 0, []byte{0, 7, 0, 1})
	add(16, 0, []byte{0, 7, 0, 1})
	add(17, 0, []byte{0, 7, 0, 1}, be32(0))
	add(18, 0, []byte{0, 7, 0, 1}, be32(0xffffff00))
	for _, typ := range []uint8{1, 2, 6, 7, 19, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 200} {
		add(typ, 0, make([]byte, 12))
	}
	// Truncated: every message cut inside its fixed part.
	for _, typ := range []uint8{0, 3, 5, 9, 12, 13, 14, 18} {
		d := testframes.ICMP4(typ, 0, cat([]byte{1, 2, 0, 30}, quoted()))
		ds = append(ds, d[:34+6])
	}
	return ds
}

func icmp6Frames() [][]byte {
	var ds [][]byte
	add := func(typ, code uint8, rest ...[]byte) { ds = append(ds, testframes.ICMP6(typ, code, cat(rest...))) }
	for c := uint8(0); c <= 8; c++ {
		add(1, c, make([]byte, 4), quoted6())
	}
	add(2, 0, be32(1280), quoted6())
	for c := uint8(0); c <= 2; c++ {
		add(3, c, make([]byte, 4), quoted6())
	}
	for c := uint8(0); c <= 4; c++ {
		add(4, c, be32(6), quoted6())
	}
	add(128, 0, []byte{0, 7, 0, 1}, []byte("ping"))
	add(129, 0, []byte{0, 7, 0, 1})
	grp := []byte{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb}
	add(130, 0, []byte{0x27, 0x10, 0, 0}, make([]byte, 16))
	add(130, 0, []byte{0x03, 0xe8, 0, 0}, grp)
	add(130, 0, []byte{0x03, 0xe8, 0, 0}, grp, []byte{0x0a, 125, 0, 2}, ip6(1), ip6(2))
	add(130, 0, []byte{0x83, 0xe8, 0, 0}, grp, []byte{0x02, 0x8f, 0, 0})
	add(131, 0, make([]byte, 4), grp)
	add(132, 0, make([]byte, 4), grp)
	add(143, 0, []byte{0, 0, 0, 2}, []byte{4, 0, 0, 1}, grp, ip6(3), []byte{1, 0, 0, 0}, grp)
	lla := []byte{1, 1, 2, 0, 0, 0, 0, 0x0a}
	add(133, 0, make([]byte, 4), lla)
	prefix := cat([]byte{3, 4, 64, 0xc0}, be32(2592000), be32(604800), make([]byte, 4), ip6(0))
	mtu := cat([]byte{5, 1, 0, 0}, be32(1500))
	rdnss := cat([]byte{25, 5, 0, 0}, be32(600), ip6(53), ip6(54))
	dnssl := cat([]byte{31, 3, 0, 0}, be32(600), []byte("\x07example\x03com\x00\x00\x00\x00"))
	route := cat([]byte{24, 2, 48, 0x08}, be32(1800), ip6(0)[:8])
	advint := cat([]byte{7, 1, 0, 0}, be32(5000))
	hainfo := cat([]byte{8, 1, 0, 0}, []byte{0, 10, 0, 60})
	unknown := cat([]byte{200, 1}, []byte{1, 2, 3, 4, 5, 6})
	nonce := cat([]byte{14, 1}, []byte{1, 2, 3, 4, 5, 6})
	add(134, 0, []byte{64, 0xc8, 0x07, 0x08}, be32(30000), be32(1000), lla, prefix, mtu, rdnss, dnssl, route, advint, hainfo, nonce, unknown)
	add(134, 0, []byte{255, 0x00, 0, 0}, be32(0), be32(0), []byte{3, 0})
	add(135, 0, make([]byte, 4), ip6(2), lla, nonce)
	add(136, 0, []byte{0xe0, 0, 0, 0}, ip6(2), []byte{2, 1, 2, 0, 0, 0, 0, 0x0b})
	add(136, 0, []byte{0, 0, 0, 0}, ip6(2))
	redir := cat([]byte{4, 6}, make([]byte, 6), quoted6()[:40])
	add(137, 0, make([]byte, 4), ip6(0x99), ip6(2), lla, redir)
	nonce8 := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	rr := cat([]byte{0, 0, 0, 1}, []byte{0, 0, 0, 0}, make([]byte, 8))
	add(138, 0, rr)
	add(138, 1, rr)
	add(138, 255, rr)
	add(138, 1, []byte{0, 0, 0, 9}, []byte{3, 0xf8, 0, 5, 0, 0, 0, 1})
	add(139, 0, []byte{0, 3, 0x3f, 0}, nonce8, ip6(2))
	add(139, 0, []byte{0, 3, 0, 0x7f}, nonce8, ip6(2))
	add(139, 0, []byte{0, 1, 0, 1}, nonce8)
	add(139, 0, []byte{0, 2, 0, 0}, nonce8, ip6(2)[:8])
	add(139, 1, []byte{0, 2, 0, 0}, nonce8, []byte("\x05a.b.c"))
	add(139, 7, []byte{0, 2, 0, 0}, nonce8, ip6(2))
	add(140, 0, []byte{0, 1, 0, 1}, nonce8)
	add(140, 0, []byte{0, 2, 0, 1}, nonce8, be32(300), []byte("\x03www\x00"))
	add(140, 0, []byte{0, 3, 0x3f, 1}, nonce8, be32(60), ip6(7), be32(0xffffffff), ip6(8))
	add(140, 0, []byte{0, 9, 0, 0}, nonce8)
	add(130, 0, []byte{0x03, 0xe8, 0, 0}, grp[:14])
	add(130, 0, []byte{0x03, 0xe8, 0, 0}, grp, []byte{0x0a, 125, 0, 9}, ip6(1))
	add(134, 0, []byte{64, 0x18, 0, 0}, be32(0), be32(0), cat([]byte{3, 3, 48, 0x20}, be32(0xffffffff), be32(0), make([]byte, 4), ip6(0)[:8]),
		cat([]byte{24, 1, 0, 0x18}, be32(0xffffffff)), cat([]byte{24, 3, 64, 0}, be32(1), ip6(0)), cat([]byte{5, 2}, make([]byte, 14)))
	add(139, 0, []byte{0, 2, 0, 0}, nonce8, ip6(2))
	add(139, 1, []byte{0, 2, 0, 0}, nonce8, []byte("\x03www\x07example\x03com\x00"))
	add(139, 2, []byte{0, 4, 0, 0}, nonce8, []byte{192, 0, 2, 1})
	add(139, 0, []byte{0, 3, 0, 0}, nonce8, ip6(2))
	add(139, 0, []byte{0, 0, 0, 0}, nonce8)
	add(140, 0, []byte{0, 0, 0, 0}, nonce8)
	add(140, 0, []byte{0, 2, 0, 0}, nonce8, be32(0), []byte("\x04host\x07example\x00"))
	add(140, 0, []byte{0, 3, 0, 0}, nonce8, be32(60), ip6(7))
	add(140, 1, []byte{0, 2, 0, 0}, nonce8)
	add(140, 2, []byte{0, 4, 0, 0}, nonce8, be32(60), []byte{192, 0, 2, 1})
	add(141, 0, make([]byte, 4), lla)
	add(142, 0, make([]byte, 4), lla)
	add(144, 0, []byte{0, 9, 0, 0})
	add(145, 0, []byte{0, 9, 0, 0}, ip6(1), ip6(2))
	add(146, 0, []byte{0, 9, 0, 0})
	add(147, 0, []byte{0, 9, 0xc0, 0}, lla)
	add(148, 0, []byte{0, 9, 0, 0})
	add(149, 0, []byte{0, 9, 0, 3})
	add(151, 0, []byte{0, 9, 0, 3})
	add(152, 0, nil)
	add(153, 0, nil)
	add(155, 0, []byte{0, 0, 0, 0})
	add(200, 0, []byte{1, 2, 3, 4})
	// Truncated inside the fixed part of each kind.
	for _, typ := range []uint8{1, 2, 128, 130, 134, 135, 136, 137, 138, 139, 140, 143} {
		d := testframes.ICMP6(typ, 0, cat([]byte{0, 2, 0, 1}, ip6(2), lla))
		ds = append(ds, d[:54+10])
	}
	return ds
}

// ip6 is fd00:199:7::n.
func ip6(n byte) []byte {
	return []byte{0xfd, 0, 0x01, 0x99, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, n}
}

// TestInvalidHeaderVsTcpdump: a record claiming a wire length below its
// captured length, or capturing nothing, is refused with tcpdump's words.
func TestInvalidHeaderVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	arp := testframes.Fixed()[0].Data
	recs := []struct {
		data []byte
		wire int
	}{{arp, len(arp)}, {arp, 20}, {nil, 0}, {nil, 10}, {arp, len(arp) + 4}}
	var file bytes.Buffer
	file.Write(le32s(0xa1b2c3d4, 0x00040002, 0, 0, 262144, 1))
	var pkts []*Packet
	for i, r := range recs {
		file.Write(le32s(uint32(i+1), 0, uint32(len(r.data)), uint32(r.wire)))
		file.Write(r.data)
		pkts = append(pkts, &Packet{Time: time.Unix(int64(i+1), 0), Data: r.data, Length: r.wire, LinkType: linktype.Ethernet})
	}
	path := filepath.Join(t.TempDir(), "invalid.pcap")
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, flags := range [][]string{{"-n"}, {"-n", "-v"}, {"-n", "-x"}, {"-n", "-ttt"}} {
		want := tcpdumpText(t, tcpdump, path, flags)
		o := optionsFor(flags)
		if flags[len(flags)-1] == "-ttt" {
			o.Timestamp = 3
		}
		var out bytes.Buffer
		p := New(&out, o)
		for _, pk := range pkts {
			if err := p.Print(pk); err != nil {
				t.Fatal(err)
			}
		}
		p.Flush()
		if _, _, diff := compareLines(want, out.String()); diff != "" {
			t.Errorf("%v differs from tcpdump:\n%s", flags, diff)
		}
	}
}

func le32s(vs ...uint32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}
