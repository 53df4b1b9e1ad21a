package printer

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
)

// depthFlagSets are the flag sets where tcpdump's decoders print more.
var depthFlagSets = [][]string{{"-n"}, {"-n", "-v"}, {"-n", "-vv"}, {"-n", "-vvv"}, {"-n", "-e"}, {"-n", "-x"}}

// depthCases are generated frames of the protocols whose decoders go
// deep with -v (ICMP, ICMPv6, DNS, BGP, OSPF), well-formed, truncated and
// malformed.
func depthCases() []linkCase {
	return []linkCase{
		{"icmp", 1, rawFrames(icmpFrames()...)},
		{"icmp6", 1, rawFrames(icmp6Frames()...)},
		{"dns", 1, rawFrames(dnsFrames()...)},
		{"bgp", 1, rawFrames(bgpFrames()...)},
		{"slarp", 104, rawFrames(slarpFrames()...)},
		{"ospf", 1, rawFrames(ospfFrames()...)},
		{"ospf6", 1, rawFrames(ospf6Frames()...)},
		{"dhcp6", 1, rawFrames(dhcp6Frames()...)},
		{"isis", 1, rawFrames(isisFrames()...)},
		{"rpl", 1, rawFrames(rplFrames()...)},
		{"dnsshort", 1, rawFrames(dnsShortFrames()...)},
		{"ospf-grace-cut", 1, cutFrames(graceLSU(), 34+24+20, 34+24+26, 34+24+30, 34+24+33, 34+24+38, 34+24+45, 34+24+50)},
		{"isis-3way-cut", 1, cutFrames(threeWayLSP(), 17+27+2, 17+27+3, 17+27+6, 17+27+9, 17+27+13, 17+27+15, 17+27+16)},
	}
}

// cutFrames are d captured to each of lengths bytes, its wire length kept.
func cutFrames(d []byte, lengths ...int) []testframes.Frame {
	fs := rawFrames(make([][]byte, len(lengths))...)
	for i, n := range lengths {
		f := snap(d, n)
		fs[i].Data, fs[i].Length = f.Data, f.Length
	}
	return fs
}

// TestDepthVsTcpdump compares every line of the depth frames with tcpdump's.
func TestDepthVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range depthCases() {
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
	// Quoted datagrams of other protocols, cut short, and with RFC 4884
	// extensions.
	tcpIn := testframes.TCP4(40000, 80, []byte("x"))[14:]
	add(3, 3, make([]byte, 4), tcpIn[:28])
	add(11, 0, make([]byte, 4), testframes.ICMP4(8, 0, []byte{0, 1, 0, 2})[14:])
	add(3, 1, make([]byte, 4), quoted()[:10])
	orig := cat(quoted(), make([]byte, 128-28))
	ext := func(objs ...[]byte) []byte {
		e := cat([]byte{0x20, 0, 0, 0}, cat(objs...))
		binary.BigEndian.PutUint16(e[2:], checksum(e, 0))
		return e
	}
	obj := func(class, ctype byte, v []byte) []byte { return cat(be16(uint16(4+len(v))), []byte{class, ctype}, v) }
	add(11, 0, []byte{0, 32, 0, 0}, orig, ext(obj(1, 1, []byte{0x00, 0x3e, 0x81, 0x40}), obj(2, 0x0f, cat(be32(7), []byte{10, 199, 7, 1}))))
	add(3, 1, []byte{0, 32, 0, 0}, orig, ext(obj(2, 1, be32(7)), obj(3, 1, be32(7)), obj(0, 1, be32(7))))
	add(11, 0, []byte{0, 0, 0, 0}, orig, ext(obj(1, 1, []byte{0x00, 0x3e, 0x80, 0x40})))
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

// dnsName is an uncompressed DNS name.
func dnsName(s string) []byte {
	var b []byte
	for _, l := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if l != "" {
			b = append(append(b, byte(len(l))), l...)
		}
	}
	return append(b, 0)
}

// dnsRec is a resource record owned by name.
func dnsRec(name string, typ, class uint16, ttl uint32, rdata []byte) []byte {
	return cat(dnsName(name), be16(typ), be16(class), be32(ttl), be16(uint16(len(rdata))), rdata)
}

// dnsMessage is a DNS message with the question (name, type) and the
// records of each section.
func dnsMessage(id, flags uint16, qname string, qtype uint16, an, ns, ar [][]byte) []byte {
	m := cat(be16(id), be16(flags), be16(1), be16(uint16(len(an))), be16(uint16(len(ns))), be16(uint16(len(ar))),
		dnsName(qname), be16(qtype), be16(1))
	for _, sec := range [][][]byte{an, ns, ar} {
		for _, r := range sec {
			m = append(m, r...)
		}
	}
	return m
}

func dnsFrames() [][]byte {
	var ds [][]byte
	resp := func(qtype uint16, an ...[]byte) {
		ds = append(ds, testframes.UDP4(53, 40000, dnsMessage(0x1234, 0x8180, "example.com", qtype, an, nil, nil)))
	}
	name := "example.com"
	key := bytes.Repeat([]byte{0xa5}, 20)
	resp(43, dnsRec(name, 43, 1, 3600, cat(be16(12345), []byte{8, 2}, key)))
	resp(48, dnsRec(name, 48, 1, 3600, cat(be16(257), []byte{3, 13}, key)))
	resp(46, dnsRec(name, 46, 1, 3600, cat(be16(1), []byte{13, 2}, be32(3600), be32(1700000000), be32(1690000000), be16(12345), dnsName(name), key)))
	resp(47, dnsRec(name, 47, 1, 3600, cat(dnsName("a.example.com"), []byte{0, 6, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03})))
	resp(50, dnsRec(name, 50, 1, 3600, cat([]byte{1, 0}, be16(10), []byte{4, 1, 2, 3, 4, 20}, key, []byte{0, 1, 0x40})))
	resp(51, dnsRec(name, 51, 1, 0, cat([]byte{1, 0}, be16(10), []byte{4, 1, 2, 3, 4})))
	resp(52, dnsRec(name, 52, 1, 60, cat([]byte{3, 1, 1}, key)))
	resp(257, dnsRec(name, 257, 1, 60, cat([]byte{0, 5}, []byte("issueletsencrypt.org"))))
	resp(44, dnsRec(name, 44, 1, 60, cat([]byte{1, 1}, key)))
	resp(13, dnsRec(name, 13, 1, 60, []byte("\x03CPU\x02OS")))
	resp(35, dnsRec(name, 35, 1, 60, cat(be16(100), be16(10), []byte("\x01S\x07SIP+D2U\x00"), dnsName("_sip._udp.example.com"))))
	resp(38, dnsRec(name, 38, 1, 60, cat([]byte{64}, ip6(1)[8:], dnsName("prefix.example.com"))))
	resp(38, dnsRec(name, 38, 1, 60, cat([]byte{0}, ip6(1))))
	resp(38, dnsRec(name, 38, 1, 60, []byte{200}))
	resp(39, dnsRec(name, 39, 1, 60, dnsName("other.example.net")))
	resp(7, dnsRec(name, 7, 1, 60, dnsName("mb.example.com")))
	resp(103, dnsRec(name, 103, 1, 60, []byte("opaque\x01data")))
	resp(99, dnsRec(name, 99, 1, 60, []byte("\x0fv=spf1 -all ok!")))
	resp(256, dnsRec(name, 256, 1, 60, cat(be16(10), be16(1), []byte("https://example.com/"))))
	resp(29, dnsRec(name, 29, 1, 60, make([]byte, 16)))
	resp(17, dnsRec(name, 17, 1, 60, cat(dnsName("admin.example.com"), dnsName("txt.example.com"))))
	resp(64, dnsRec(name, 64, 1, 60, cat(be16(1), dnsName("svc.example.com"))))
	resp(65, dnsRec(name, 65, 1, 60, cat(be16(1), []byte{0}, be16(1), be16(3), []byte("\x02h2"))))
	resp(250, dnsRec("key.example", 250, 255, 0, cat(dnsName("hmac-sha256"), []byte{0, 0, 0x65, 0x43, 0x21, 0}, be16(300), be16(4), []byte{1, 2, 3, 4}, be16(0x1234), be16(0), be16(0))))
	resp(249, dnsRec(name, 249, 255, 0, make([]byte, 10)))
	resp(3, dnsRec(name, 3, 1, 60, dnsName("md.example.com")))
	resp(1000, dnsRec(name, 1000, 1, 60, []byte{1, 2, 3}))
	resp(1, dnsRec(name, 1, 3, 60, []byte{10, 0, 0, 1}), dnsRec(name, 1, 4, 60, []byte{10, 0, 0, 2}), dnsRec(name, 1, 77, 60, []byte{10, 0, 0, 3}))
	// Multicast DNS (QU and cache-flush bits) and LLMNR.
	mq := cat(be16(0), be16(0), be16(2), be16(0), be16(0), be16(0), dnsName("_http._tcp.local"), be16(12), be16(0x8001), dnsName("host.local"), be16(255), be16(1))
	ds = append(ds, testframes.UDP4(5353, 5353, mq))
	ds = append(ds, testframes.UDP4(5353, 5353, dnsMessage(0, 0x8400, "host.local", 1, [][]byte{dnsRec("host.local", 1, 0x8001, 120, []byte{10, 199, 7, 1}), dnsRec("host.local", 28, 0x8001, 120, ip6(1))}, nil,
		[][]byte{dnsRec("host.local", 47, 0x8001, 120, cat(dnsName("host.local"), []byte{0, 4, 0x40, 0, 0, 8}))})))
	ds = append(ds, testframes.UDP4(40000, 5355, dnsMessage(7, 0x0000, "printer", 1, nil, nil, nil)), testframes.UDP4(5355, 40000, dnsMessage(7, 0x8000, "printer", 1, [][]byte{dnsRec("printer", 1, 1, 30, []byte{10, 199, 7, 9})}, nil, nil)))
	// Records cut short by the capture or by their own lengths.
	tsig := testframes.UDP4(53, 40000, dnsMessage(1, 0x8180, name, 250, [][]byte{dnsRec("k", 250, 255, 0, cat(dnsName("hmac"), make([]byte, 6), be16(300), be16(200)))}, nil, nil))
	ds = append(ds, tsig, tsig[:len(tsig)-3])
	a6 := testframes.UDP4(53, 40000, dnsMessage(1, 0x8180, name, 38, [][]byte{dnsRec(name, 38, 1, 0, cat([]byte{24}, ip6(5)[3:]))}, nil, nil))
	ds = append(ds, a6[:len(a6)-4], testframes.UDP4(53, 40000, dnsMessage(1, 0x8180, "a\\b.c\x01d", 1, [][]byte{dnsRec("x\xffy", 1, 1, 0, []byte{1, 2, 3, 4}), dnsRec("sp ce\x7f\x80~", 1, 1, 0, []byte{1, 2, 3, 4})}, nil, nil)),
		testframes.UDP4(53, 40000, dnsMessage(1, 0x8180, "x", 1, [][]byte{cat([]byte{3, 'a', '.', 'b', 0}, dnsRec("", 1, 1, 0, []byte{1, 2, 3, 4})[1:])}, nil, nil)))
	// EDNS(0) options in a query's additional section.
	opt := func(opts ...[]byte) []byte {
		return cat([]byte{0}, be16(41), be16(1232), []byte{0, 0, 0x80, 0}, be16(uint16(len(cat(opts...)))), cat(opts...))
	}
	o := func(code uint16, v []byte) []byte { return cat(be16(code), be16(uint16(len(v))), v) }
	q := func(ar ...[]byte) {
		ds = append(ds, testframes.UDP4(40000, 53, dnsMessage(0x4321, 0x0120, "example.com", 1, nil, nil, ar)))
	}
	q(opt(o(3, nil), o(3, []byte("ns1")), o(8, []byte{0, 1, 24, 0, 192, 0, 2}), o(8, cat([]byte{0, 2, 56, 0}, ip6(1)[:7]))))
	q(opt(o(10, key[:8]), o(10, key[:16]), o(10, key[:12]), o(9, be32(600)), o(9, nil), o(11, be16(300)), o(11, []byte{1})))
	q(opt(o(12, make([]byte, 7)), o(14, cat(be16(20326), be16(1))), o(14, []byte{1}), o(5, []byte{8, 13}), o(6, []byte{2}), o(7, []byte{1}), o(1, make([]byte, 18)), o(2, be32(7200))))
	q(opt(o(8, []byte{0, 1, 33, 0, 1, 2, 3, 4, 5}), o(8, []byte{0, 3, 8, 0, 1}), o(8, []byte{0, 1}), o(15, []byte{0, 18, 'h', 'i'}), o(65001, []byte{0xde, 0xad})))
	q(opt(o(13, dnsName("example.com")), o(16, be16(7)), o(17, be16(8)), o(3, nil)[:3]))
	q(cat([]byte{0}, be16(41), be16(4096), []byte{1, 0, 0, 0}, be16(0)))
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	q(opt(o(5, all[:20]), o(5, all[250:]), o(6, all[:8]), o(7, all[:4])))
	q(opt(o(13, []byte{0xc0, 12}), o(13, []byte{3, 'a'})))
	return ds
}

// bgpMsg is a BGP message of type typ with its header.
func bgpMsg(typ byte, body ...[]byte) []byte {
	b := cat(body...)
	return cat(bytes.Repeat([]byte{0xff}, 16), be16(uint16(19+len(b))), []byte{typ}, b)
}

// bgpAttr is a path attribute; an extended length when it is long.
func bgpAttr(flags, typ byte, v []byte) []byte {
	if len(v) > 255 || flags&0x10 != 0 {
		return cat([]byte{flags | 0x10, typ}, be16(uint16(len(v))), v)
	}
	return cat([]byte{flags, typ, byte(len(v))}, v)
}

// bgpUpdate is an update with no withdrawn routes, the attributes and nlri.
func bgpUpdate(nlri []byte, attrs ...[]byte) []byte {
	a := cat(attrs...)
	return bgpMsg(2, be16(0), be16(uint16(len(a))), a, nlri)
}

func bgpFrames() [][]byte {
	var ds [][]byte
	add := func(msgs ...[]byte) { ds = append(ds, testframes.TCP4(179, 40179, cat(msgs...))) }
	capab := func(code byte, v []byte) []byte { return cat([]byte{code, byte(len(v))}, v) }
	caps := cat(capab(1, []byte{0, 1, 0, 1}), capab(1, []byte{0, 2, 0, 128}), capab(1, []byte{0, 25, 0, 70}),
		capab(2, nil), capab(128, nil), capab(65, be32(4200000000)), capab(70, nil), capab(6, nil),
		capab(5, cat(be16(1), be16(1), be16(2))), capab(69, []byte{0, 1, 1, 3, 0, 2, 1, 1}),
		capab(64, []byte{0x80, 120, 0, 1, 1, 0x80}), capab(71, []byte{0, 1, 1, 0x80, 0, 0, 60}),
		capab(73, []byte{4, 'h', 'o', 's', 't', 0}), capab(3, []byte{0, 1, 1, 1, 64, 1}), capab(99, []byte{1, 2}))
	add(bgpMsg(1, []byte{4}, be16(23456), be16(90), []byte{10, 199, 7, 1}, []byte{byte(2 + len(caps)), 2, byte(len(caps))}, caps))
	origin := bgpAttr(0x40, 1, []byte{0})
	path := bgpAttr(0x40, 2, cat([]byte{2, 2}, be32(65001), be32(4200000000)))
	mp := func(afi uint16, safi byte, nh []byte, nlri ...[]byte) []byte {
		return bgpAttr(0x80, 14, cat(be16(afi), []byte{safi, byte(len(nh))}, nh, []byte{0}, cat(nlri...)))
	}
	unmp := func(afi uint16, safi byte, nlri ...[]byte) []byte {
		return bgpAttr(0x80, 15, cat(be16(afi), []byte{safi}, cat(nlri...)))
	}
	rd := cat(be16(0), be16(65001), be32(7))
	rd1 := cat(be16(1), []byte{10, 199, 7, 1}, be16(9))
	rd2 := cat(be16(2), be32(4200000000), be16(9))
	label := []byte{0x00, 0x3e, 0x81}
	add(bgpUpdate(nil, origin, path, mp(1, 1, []byte{10, 199, 7, 1}, []byte{24, 192, 0, 2}, []byte{32, 198, 51, 100, 1})))
	add(bgpUpdate(nil, origin, path, mp(2, 1, ip6(1), []byte{64, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2}, []byte{0})))
	add(bgpUpdate(nil, origin, path, mp(2, 1, cat(ip6(1), []byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), []byte{48, 0x20, 0x01, 0x0d, 0xb8, 0, 1})))
	add(bgpUpdate(nil, origin, mp(1, 2, []byte{10, 199, 7, 1}, []byte{8, 232})))
	add(bgpUpdate(nil, origin, mp(1, 4, []byte{10, 199, 7, 1}, cat([]byte{24 + 24}, label, []byte{192, 0, 2}))))
	add(bgpUpdate(nil, origin, mp(1, 128, cat(make([]byte, 8), []byte{10, 199, 7, 1}), cat([]byte{24 + 64 + 24}, label, rd, []byte{192, 0, 2}), cat([]byte{24 + 64 + 32}, label, rd1, []byte{10, 1, 2, 3}), cat([]byte{24 + 64 + 16}, label, rd2, []byte{172, 16}))))
	add(bgpUpdate(nil, origin, mp(2, 128, cat(make([]byte, 8), ip6(1)), cat([]byte{24 + 64 + 64}, label, rd, []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 9}))))
	add(bgpUpdate(nil, origin, mp(2, 4, ip6(1), cat([]byte{24 + 48}, label, []byte{0x20, 0x01, 0x0d, 0xb8, 0, 5}))))
	mac := []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}
	esi := make([]byte, 10)
	evpn := func(typ byte, v []byte) []byte { return cat([]byte{typ, byte(len(v))}, v) }
	add(bgpUpdate(nil, origin, mp(25, 70, []byte{10, 199, 7, 1},
		evpn(2, cat(rd, esi, be32(100), []byte{48}, mac, []byte{32, 10, 199, 7, 5}, label)),
		evpn(2, cat(rd, esi, be32(0), []byte{48}, mac, []byte{0}, label)),
		evpn(3, cat(rd, be32(0), []byte{32, 10, 199, 7, 1})),
		evpn(1, cat(rd, esi, be32(0xffffffff), label)),
		evpn(4, cat(rd, esi, []byte{32, 10, 199, 7, 1})),
		evpn(5, cat(rd, esi, be32(0), []byte{24, 192, 0, 2, 0, 10, 199, 7, 1}, label)),
		evpn(9, []byte{1, 2, 3}))))
	add(bgpUpdate(nil, unmp(2, 1, []byte{64, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2}), unmp(1, 128, cat([]byte{24 + 64 + 24}, label, rd, []byte{192, 0, 2}))))
	add(bgpUpdate(nil, unmp(2, 1)))
	add(bgpUpdate(nil, origin, mp(1, 1, []byte{10, 199, 7, 1}, cat(be32(1), []byte{24, 192, 0, 2}), cat(be32(2), []byte{24, 192, 0, 3}))))
	add(bgpUpdate(cat(be32(1), []byte{24, 192, 0, 2}, be32(2), []byte{16, 10, 1}), origin, path, bgpAttr(0x40, 3, []byte{10, 199, 7, 1})))
	add(bgpUpdate(nil, origin, mp(1, 1, []byte{10, 199, 7, 1, 2}, []byte{24, 192, 0, 2}), mp(16388, 71, []byte{1, 2, 3, 4}, []byte{1, 2})))
	add(bgpUpdate(nil, origin, mp(1, 1, []byte{10, 199, 7, 1}, []byte{33, 192, 0, 2, 1, 1}), mp(1, 1, []byte{10, 199, 7, 1}, []byte{24, 192})))
	ext := cat([]byte{0x00, 0x02}, be16(65001), be32(100), []byte{0x01, 0x02, 10, 199, 7, 1}, be16(5), []byte{0x02, 0x02}, be32(4200000000), be16(6),
		[]byte{0x00, 0x03}, be16(65001), be32(7), []byte{0x03, 0x0c, 0, 0, 0, 0, 0, 8}, []byte{0x06, 0x00, 0, 0x11, 0x22, 0x33, 0x44, 0x55},
		[]byte{0x80, 0x06, 0, 0, 0x47, 0x9c, 0x40, 0}, []byte{0x43, 0x00, 0, 0, 0, 0, 0, 1}, []byte{0x00, 0x05}, be16(1), be32(2),
		[]byte{0x01, 0x0a, 10, 0, 0, 1, 0, 1}, []byte{0x40, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00})
	add(bgpUpdate([]byte{24, 192, 0, 2}, origin, path, bgpAttr(0x40, 3, []byte{10, 199, 7, 1}), bgpAttr(0xc0, 16, ext),
		bgpAttr(0xc0, 18, cat(be32(4200000000), []byte{10, 199, 7, 1})), bgpAttr(0xc0, 17, cat([]byte{2, 1}, be32(4200000000))),
		bgpAttr(0xc0, 32, cat(be32(65001), be32(1), be32(2), be32(4200000000), be32(3), be32(4))),
		bgpAttr(0x80, 9, []byte{10, 199, 7, 9}), bgpAttr(0x80, 10, []byte{10, 199, 7, 9, 10, 199, 7, 10}),
		bgpAttr(0xc0, 8, cat(be32(0xffffff01), be32(65001<<16|7), be32(0xffff0000))), bgpAttr(0x80, 4, be32(10)), bgpAttr(0x40, 5, be32(200)),
		bgpAttr(0x40, 6, nil), bgpAttr(0xc0, 7, cat(be16(65001), []byte{10, 199, 7, 1})), bgpAttr(0xc0, 22, cat([]byte{0, 6}, label, []byte{10, 199, 7, 1})),
		bgpAttr(0x80, 26, cat([]byte{1}, be16(11), []byte{0, 0, 0, 0, 0, 0, 0, 0, 100})), bgpAttr(0xc0, 128, cat(be32(65001), origin)), bgpAttr(0xc0, 200, []byte{1, 2, 3})))
	add(bgpMsg(5, be16(1), []byte{0, 1}), bgpMsg(5, be16(2), []byte{1, 128}), bgpMsg(5, be16(1), []byte{2, 1}), bgpMsg(4), bgpMsg(3, []byte{6, 2}, []byte{5, 's', 'h', 'u', 't', '!'}), bgpMsg(3, []byte{6, 4}), bgpMsg(3, []byte{6, 4, 0, 1, 2}), bgpMsg(3, []byte{6, 2, 9, 'a'}), bgpMsg(3, []byte{6, 2, 1, 'a', 7, 8, 9}), bgpMsg(3, []byte{2, 7}), bgpMsg(3, []byte{1, 2}, be16(5)), bgpMsg(9, []byte{1, 2}))
	add(bgpUpdate(nil, origin, path, mp(1, 133, []byte{}, []byte{5, 1, 24, 192, 0, 2})))
	add(bgpUpdate(nil, bgpAttr(0xc0, 22, cat([]byte{1, 4}, label, []byte{10, 199, 7, 1, 224, 0, 0, 1})), bgpAttr(0xc0, 22, cat([]byte{0, 1}, label, []byte{10, 199, 7, 1, 0, 0, 0, 9})),
		bgpAttr(0xc0, 22, cat([]byte{0, 9}, label, []byte{1, 2})),
		bgpAttr(0x80, 26, cat([]byte{2, 0, 5, 1, 2}, []byte{1, 0, 6, 1, 2, 3}))))
	add(bgpUpdate(nil, bgpAttr(0xc0, 128, cat(be32(1), []byte{0x40}))), bgpUpdate(nil, bgpAttr(0xc0, 128, cat(be32(1), []byte{0x50, 1, 0}))), bgpUpdate(nil, bgpAttr(0xc0, 128, cat(be32(1), []byte{0x40, 1}))), bgpUpdate(nil, bgpAttr(0xc0, 128, cat(be32(1), []byte{0x40, 1, 5, 0}))), bgpUpdate(nil, bgpAttr(0xc0, 16, make([]byte, 7)), bgpAttr(0xc0, 32, nil)))
	add(bgpUpdate(nil, mp(1, 1, []byte{10, 199, 7, 1}, nil)[:6]), bgpUpdate(nil, bgpAttr(0x80, 14, cat(be16(1), []byte{1, 4}, []byte{10, 199, 7, 1}, []byte{2, 3, 1, 2, 3, 1, 9}, []byte{8, 10}))))
	// Cut by the capture inside each kind of attribute.
	long := testframes.TCP4(179, 40179, bgpUpdate([]byte{24, 192, 0, 2}, origin, path, mp(2, 128, cat(make([]byte, 8), ip6(1)), cat([]byte{24 + 64 + 64}, label, rd, []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 9})),
		bgpAttr(0xc0, 16, ext), bgpAttr(0xc0, 22, cat([]byte{0, 6}, label, []byte{10, 199, 7, 1}))))
	for _, n := range []int{54 + 25, 54 + 50, 54 + 70, 54 + 100, 54 + 130, len(long) - 3} {
		ds = append(ds, long[:n])
	}
	return ds
}

// slarpFrames are Cisco HDLC SLARP messages of each code, with and
// without trailing bytes.
func slarpFrames() [][]byte {
	hdr := []byte{0x8f, 0, 0x80, 0x35}
	keep := cat(be32(2), be32(1), be32(0), []byte{0xff, 0xff}, be32(90061000))
	reply := cat(be32(1), []byte{10, 199, 7, 1, 255, 255, 255, 0}, make([]byte, 6))
	return [][]byte{cat(hdr, keep), cat(hdr, keep, []byte{1}), cat(hdr, keep, []byte{1, 2, 3, 4, 5, 6}),
		cat(hdr, be32(0), make([]byte, 14)), cat(hdr, be32(0), make([]byte, 14), []byte{7, 8}),
		cat(hdr, reply), cat(hdr, reply, []byte{9, 9, 9}), cat(hdr, be32(7), make([]byte, 14)), cat(hdr, be32(7), make([]byte, 16)),
		cat(hdr, keep)[:12]}
}

// ospfPkt is an OSPFv2 packet of type typ from router 10.199.7.1 in area 0.
func ospfPkt(typ byte, body []byte) []byte {
	m := cat([]byte{2, typ}, be16(uint16(24+len(body))), []byte{10, 199, 7, 1}, be32(0), be16(0), be16(0), make([]byte, 8), body)
	binary.BigEndian.PutUint16(m[12:], checksum(m, 0))
	return testframes.IP4(89, m)
}

// ospfLSA is an OSPFv2 LSA of type typ with its 20-byte header.
func ospfLSA(typ byte, id []byte, body []byte) []byte {
	return cat(be16(10), []byte{0x22, typ}, id, []byte{10, 199, 7, 1}, be32(0x80000001), be16(0x1234), be16(uint16(20+len(body))), body)
}

// graceTLVs are a grace LSA's body: grace period, reason, interface
// address and an unknown TLV.
func graceTLVs() []byte {
	return cat(be16(1), be16(4), be32(120), be16(2), be16(1), []byte{1, 0, 0, 0}, be16(3), be16(4), []byte{10, 199, 7, 1}, be16(9), be16(2), []byte{7, 7, 0, 0})
}

// graceLSU is a link state update with a grace LSA and another LSA,
// which the depth cases cut inside the grace LSA.
func graceLSU() []byte {
	return ospfPkt(4, cat(be32(2), ospfLSA(9, []byte{3, 0, 0, 0}, graceTLVs()), ospfLSA(10, []byte{3, 0, 0, 1}, be32(9))))
}

func ospfFrames() [][]byte {
	ip := func(n byte) []byte { return []byte{10, 199, 7, n} }
	mask := []byte{255, 255, 255, 0}
	router := cat([]byte{0x07, 0}, be16(4),
		ip(2), ip(1), []byte{1, 0}, be16(10), ip(0), mask, []byte{3, 0}, be16(1), ip(3), ip(1), []byte{2, 0}, be16(5), ip(4), ip(1), []byte{4, 1}, be16(7), []byte{1, 0, 0, 9})
	network := cat(mask, ip(1), ip(2), ip(3))
	summary := cat(mask, be32(20), []byte{128, 0, 0, 30})
	external := cat(mask, []byte{0x80, 0, 0, 100}, ip(9), be32(77), []byte{0, 0, 0, 50}, ip(0), be32(0))
	nssa := cat(mask, []byte{0, 0, 0, 100}, ip(9), be32(0))
	te := cat(be16(1), be16(4), be32(1), be16(2), be16(44), be16(1), be16(1), []byte{1, 0, 0, 0}, be16(2), be16(4), ip(2), be16(3), be16(4), ip(1),
		be16(5), be16(4), be32(10), be16(6), be16(4), []byte{0x4c, 0x95, 0x02, 0xf9}, be16(9), be16(4), be32(3))
	ri := cat(be16(1), be16(4), []byte{0xc0, 0, 0, 0}, be16(7), be16(4), []byte("host"), be16(1), be16(4), be32(0x1ff))
	lsas := [][]byte{ospfLSA(1, ip(1), router), ospfLSA(2, ip(1), network), ospfLSA(3, []byte{192, 0, 2, 0}, summary),
		ospfLSA(4, ip(9), summary), ospfLSA(5, []byte{198, 51, 100, 0}, external), ospfLSA(7, []byte{198, 51, 100, 0}, nssa),
		ospfLSA(10, []byte{1, 0, 0, 1}, te), ospfLSA(10, []byte{4, 0, 0, 0}, ri), ospfLSA(9, []byte{1, 0, 0, 2}, be32(9)),
		ospfLSA(11, []byte{1, 0, 0, 3}, be32(9)), ospfLSA(6, ip(1), be32(9)), ospfLSA(6, ip(1), cat(be32(1), ip(5), be32(2), ip(6), be32(7), ip(8))), ospfLSA(99, ip(1), be32(9)), ospfLSA(8, ip(1), be32(9)), ospfLSA(12, ip(1), be32(9))}
	for bit := 0; bit < 32; bit++ {
		lsas = append(lsas, ospfLSA(10, []byte{4, 0, 0, byte(bit)}, cat(be16(1), be16(4), be32(1<<bit))))
	}
	// Grace LSAs (RFC 3623): well-formed, unknown and bogus TLVs, a TLV
	// past the LSA, a zero-length TLV, a length not a multiple of 4.
	grace := graceTLVs()
	for i, g := range [][]byte{grace, cat(be16(2), be16(1), []byte{9, 0, 0, 0}, be16(1), be16(2), be16(5)),
		cat(be16(2), be16(2), be16(1), be16(3), be16(4), ip(1)), cat(be16(3), be16(5), ip(1), []byte{1, 0, 0, 0}),
		cat(be16(1), be16(12), be32(1)), cat(be16(0), be16(0), be16(1), be16(4), be32(60)), cat(be16(1), be16(4), be32(60), be16(2)),
		cat(be16(3), be16(3), []byte{1, 2, 3, 0}, be16(1), be16(4), be32(7))} {
		lsas = append(lsas, ospfLSA(byte(9+i%3), []byte{3, 0, 0, byte(i)}, g))
	}
	var ds [][]byte
	for _, l := range lsas {
		ds = append(ds, ospfPkt(4, cat(be32(1), l)))
	}
	var hdrs []byte
	for _, l := range lsas {
		hdrs = append(hdrs, l[:20]...)
	}
	ds = append(ds, ospfPkt(2, cat(be16(1500), []byte{0x42, 0x07}, be32(99), hdrs)), ospfPkt(5, hdrs),
		ospfPkt(3, cat(be32(1), ip(1), ip(1), be32(5), ip(1), ip(1))),
		ospfPkt(1, cat(mask, be16(10), []byte{0x12, 1}, be32(40), ip(1), ip(2), ip(2), ip(3))))
	long := ospfPkt(4, cat(be32(3), lsas[0], lsas[4], lsas[6]))
	for _, n := range []int{34 + 30, 34 + 60, 34 + 100, 34 + 150} {
		ds = append(ds, long[:n])
	}
	return ds
}

// ospf6Pkt is an OSPFv3 packet of type typ from router 10.199.7.1 in area 0.
func ospf6Pkt(typ byte, body []byte) []byte {
	return testframes.IP6(89, cat([]byte{3, typ}, be16(uint16(16+len(body))), []byte{10, 199, 7, 1}, be32(0), be16(0), []byte{0, 0}, body))
}

// ospf6LSA is an OSPFv3 LSA of type typ with its 20-byte header.
func ospf6LSA(typ uint16, id []byte, body []byte) []byte {
	return cat(be16(10), be16(typ), id, []byte{10, 199, 7, 1}, be32(0x80000001), be16(0x1234), be16(uint16(20+len(body))), body)
}

func ospf6Frames() [][]byte {
	id := func(n byte) []byte { return []byte{0, 0, 0, n} }
	rid := func(n byte) []byte { return []byte{10, 199, 7, n} }
	opts := []byte{0, 0x01, 0x13}
	pfx64 := []byte{64, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0}
	router := cat([]byte{0x07}, opts, []byte{1, 0}, be16(10), id(1), id(2), rid(2), []byte{2, 0}, be16(5), id(3), id(4), rid(3),
		[]byte{4, 0}, be16(7), id(5), id(6), rid(4), []byte{9, 0}, be16(1), id(7), id(8), rid(5))
	network := cat([]byte{0}, opts, rid(1), rid(2))
	interPfx := cat(be32(20), []byte{48, 0x10, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0})
	interRtr := cat([]byte{0}, opts, be32(30), rid(9))
	ext := cat([]byte{0x07, 0, 0, 100}, []byte{64, 0x02}, be16(0x2001), pfx64[4:], ip6(9), be32(77), rid(3))
	ext0 := cat([]byte{0x00, 0, 0, 100}, []byte{0, 0}, be16(0))
	link := cat([]byte{1}, opts, []byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, be32(2), pfx64, []byte{128, 0x01, 0, 0}, ip6(7))
	intra := cat(be16(2), be16(0x2001), be32(0), rid(1), []byte{64, 0, 0, 10}, pfx64[4:], []byte{0, 0, 0, 1})
	lsas := [][]byte{ospf6LSA(0x2001, id(0), router), ospf6LSA(0x2002, id(1), network), ospf6LSA(0x2003, id(2), interPfx),
		ospf6LSA(0x2004, id(3), interRtr), ospf6LSA(0x4005, id(4), ext), ospf6LSA(0x4005, id(5), ext0), ospf6LSA(0x2007, id(6), ext),
		ospf6LSA(0x0008, id(7), link), ospf6LSA(0x2009, id(8), intra), ospf6LSA(0x2006, id(9), be32(1)), ospf6LSA(0x000b, id(10), be32(1)), ospf6LSA(0x000b, id(12), cat(be16(1), be16(4), be32(120), be16(2), be16(1), []byte{1, 0, 0, 0}, be16(3), be16(4), rid(1), be16(9), be16(2), []byte{7, 7, 0, 0})),
		ospf6LSA(0x2001, id(0), cat([]byte{0x1f}, opts)),
		ospf6LSA(0x8099, id(11), be32(1))}
	var ds [][]byte
	for _, l := range lsas {
		ds = append(ds, ospf6Pkt(4, cat(be32(1), l)))
	}
	var hdrs []byte
	for _, l := range lsas {
		hdrs = append(hdrs, l[:20]...)
	}
	ds = append(ds, ospf6Pkt(2, cat([]byte{0}, opts, be16(1500), []byte{0, 0x07}, be32(99), hdrs)), ospf6Pkt(5, hdrs),
		ospf6Pkt(3, cat(be16(0), be16(0x2001), id(0), rid(1))),
		ospf6Pkt(1, cat(id(1), []byte{1}, opts, be16(10), be16(40), rid(1), rid(2), rid(2), rid(3))))
	long := ospf6Pkt(4, cat(be32(3), lsas[0], lsas[4], lsas[7]))
	for _, n := range []int{54 + 30, 54 + 60, 54 + 100, 54 + 150} {
		ds = append(ds, long[:n])
	}
	return ds
}

// dhcp6Frames exercise the DHCPv6 options that nest options, whole and
// too short.
func dhcp6Frames() [][]byte {
	o6 := func(code uint16, v []byte) []byte { return cat(be16(code), be16(uint16(len(v))), v) }
	addr := o6(5, cat(ip6(3), be32(3600), be32(7200)))
	pfx := o6(26, cat(be32(3600), be32(7200), []byte{56}, ip6(0)))
	msgs := [][]byte{
		cat([]byte{7, 1, 2, 3}, o6(4, cat(be32(9), addr)), o6(4, []byte{1}), o6(25, cat(be32(2), be32(0), be32(0), pfx)),
			o6(26, []byte{1, 2}), o6(3, []byte{1}), o6(5, ip6(1)), o6(25, be32(1))),
		cat([]byte{1, 1, 2, 3}, o6(25, cat(be32(2), be32(100), be32(200), o6(26, cat(be32(1), be32(2), []byte{48}, ip6(0), o6(13, []byte{0, 0, 'x'})))))),
	}
	var ds [][]byte
	for _, m := range msgs {
		ds = append(ds, testframes.UDP6(546, 547, m))
	}
	return ds
}

// isisLSP is an Ethernet/LLC IS-IS level-2 LSP carrying tlvs.
func isisLSP(tlvs ...[]byte) []byte {
	body := cat(tlvs...)
	pdu := cat([]byte{0x83, 27, 1, 0, 20, 1, 0, 0}, be16(uint16(27+len(body))), be16(1200),
		[]byte{0x19, 0x21, 0x68, 0x00, 0x10, 0x01, 0, 0}, be32(7), be16(0), []byte{0x03}, body)
	llc := cat([]byte{0x01, 0x80, 0xc2, 0, 0, 0x15, 2, 0, 0, 0, 0, 0x0a}, be16(uint16(3+len(pdu))), []byte{0xfe, 0xfe, 3}, pdu)
	return llc
}

// threeWayLSP is an LSP with a full three-way adjacency TLV (RFC 5303),
// which the depth cases cut at each of its fields.
func threeWayLSP() []byte {
	return isisLSP([]byte{240, 15, 0, 1, 2, 3, 4, 0x19, 0x21, 0x68, 0x00, 0x10, 0x02, 0x0a, 0x0b, 0x0c, 0x0d}, []byte{240, 1, 2})
}

func isisFrames() [][]byte {
	tlv := func(t byte, v ...[]byte) []byte { b := cat(v...); return cat([]byte{t, byte(len(b))}, b) }
	nbr := []byte{0x19, 0x21, 0x68, 0x00, 0x10, 0x02, 0x01}
	// Point-to-point adjacency state TLVs with each optional three-way
	// field (RFC 5303), short ones, and the full one cut at every field.
	sysID := nbr[:6]
	ds := [][]byte{isisLSP(tlv(240, []byte{1}, be32(7)), tlv(240, []byte{0}, be32(7), sysID), tlv(240, []byte{3}, be32(7), sysID, be32(9))),
		isisLSP(tlv(240), tlv(240, []byte{2, 0, 0}), tlv(240, []byte{2}, be32(7), sysID[:3]), tlv(240, []byte{2}, be32(7), sysID, be16(1))),
		threeWayLSP()}
	return append(ds, [][]byte{
		isisLSP(tlv(14, be16(1492)), tlv(134, []byte{10, 199, 7, 1}), tlv(232, ip6(1), ip6(2)), tlv(14, []byte{1}), tlv(99, []byte{1, 2})),
		isisLSP(tlv(22, nbr, []byte{0, 0, 10, 0}, nbr, []byte{0, 0x10, 20, 0})),
		isisLSP(tlv(135, be32(10), []byte{24, 192, 0, 2}, be32(20), []byte{0x80 | 16, 10, 1}, be32(30), []byte{32, 10, 9, 9, 9})),
		isisLSP(tlv(236, be32(10), []byte{0, 64}, ip6(0)[:8], be32(5), []byte{0x80 | 0x40, 48}, ip6(0)[:6], be32(1), []byte{0, 128}, ip6(9))),
		isisLSP(tlv(229, be16(0), be16(2), be16(0x8003), be16(0x4001), be16(0xcfff), be16(7)), tlv(240, []byte{0}), tlv(240, []byte{1})),
		isisLSP(tlv(222, be16(2), nbr, []byte{0, 0, 10, 0}), tlv(235, be16(2), be32(10), []byte{24, 192, 0, 2}), tlv(237, be16(2), be32(10), []byte{0, 64}, ip6(0)[:8])),
		isisLSP(tlv(135, be32(10), []byte{33, 192, 0, 2})),
		isisLSP(tlv(22, nbr, []byte{0, 0, 10, 43}, []byte{3, 4, 0, 0, 0, 5, 4, 8, 0, 0, 0, 6, 0, 0, 0, 7, 6, 4, 10, 0, 0, 1, 8, 4, 10, 0, 0, 2, 9, 4, 0x4c, 0x95, 0x02, 0xf9, 18, 3, 0, 0, 7, 99, 2, 1, 2})),
		isisLSP(tlv(135, be32(30), []byte{0x40 | 24, 10, 9, 9, 16, 1, 4, 0, 0, 0, 7, 2, 8, 0, 0, 0, 1, 0, 0, 0, 2}), tlv(236, be32(1), []byte{0x20, 64}, ip6(0)[:8], []byte{6, 1, 4, 0, 0, 0, 9})),
	}...)
}

// rplFrames are ICMPv6 RPL control messages (RFC 6550): DIS, DIO, DAO and
// DAO-ACK with options, secured, unknown codes, short and cut.
func rplFrames() [][]byte {
	var ds [][]byte
	add := func(code uint8, rest ...[]byte) { ds = append(ds, testframes.ICMP6(155, code, cat(rest...))) }
	opts := cat([]byte{0}, []byte{1, 2, 0, 0}, []byte{2, 4, 1, 2, 3, 4}, []byte{3, 3, 64, 0, 0}, []byte{4, 14}, make([]byte, 14),
		cat([]byte{5, 18, 0, 128}, ip6(9)), []byte{6, 4, 0, 0, 0, 30}, []byte{8, 4, 9, 9, 9, 9}, []byte{7, 0}, []byte{9, 2, 0xaa, 0xbb}, []byte{0xc0, 1, 7})
	add(0, []byte{0, 0})
	add(0, []byte{0, 0}, []byte{1, 0})
	for mop := byte(0); mop < 8; mop++ {
		add(1, []byte{1, 2, 0x01, 0x00, mop<<3 | 0x80 | mop, 9, 0, 0}, ip6(1))
	}
	add(1, []byte{30, 240, 0xff, 0xff, 0x10, 7, 0, 0}, ip6(1), opts)
	add(1, []byte{30, 240, 0xff, 0xff, 0x10, 7, 0, 0}, ip6(1)[:8])
	add(1, []byte{30, 240, 0xff, 0xff, 0x10, 7, 0, 0}, ip6(1), []byte{2, 9, 1})
	add(1, []byte{30, 240, 0xff, 0xff, 0x10, 7, 0, 0}, ip6(1), []byte{2})
	add(2, []byte{5, 0x40, 0, 3}, opts)
	add(2, []byte{5, 0xc0, 0, 3}, ip6(2), opts)
	add(2, []byte{5, 0x40, 0, 3}, []byte{0, 0, 0})
	add(2, []byte{5, 0x40, 0})
	add(2, []byte{5, 0x40, 0, 3}, []byte{2, 30, 1, 2})
	add(2, []byte{5, 0xc0, 0, 3}, ip6(2)[:10])
	add(3, []byte{5, 0, 3, 0})
	add(3, []byte{5, 0x80, 3, 0}, ip6(3), []byte{1, 0})
	add(3, []byte{5, 0x80, 3, 0}, ip6(3)[:4])
	add(3, []byte{5, 0x80})
	for _, c := range []uint8{4, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x8a, 0xff} {
		add(c, []byte{5, 0x80, 3, 0}, ip6(3))
	}
	// Captures cut inside the fixed parts and the options.
	for _, c := range []uint8{1, 2, 3} {
		d := testframes.ICMP6(155, c, cat([]byte{5, 0xc0, 3, 0, 9, 9, 0, 0}, ip6(3), opts))
		for _, n := range []int{62, 66, 70, 80, 90, 100, 110} {
			ds = append(ds, d[:n])
		}
	}
	return ds
}

// dnsShortFrames are DNS messages shorter than the 12-byte header, over
// UDP and TCP (with a correct length prefix), and TCP length prefixes
// that are themselves cut.
func dnsShortFrames() [][]byte {
	var ds [][]byte
	msg := dnsMessage(0x1234, 0x0100, "example.com", 1, nil, nil, nil)
	for n := 0; n < 12; n++ {
		ds = append(ds, testframes.UDP4(40000, 53, msg[:n]))
		ds = append(ds, testframes.UDP4(53, 40000, msg[:n]))
		ds = append(ds, testframes.TCP4(40000, 53, cat(be16(uint16(n)), msg[:n])))
		ds = append(ds, testframes.TCP4(53, 40000, cat(be16(uint16(n)), msg[:n])))
		ds = append(ds, testframes.UDP4(5353, 5353, msg[:n]))
		ds = append(ds, testframes.UDP4(40000, 5355, msg[:n]))
	}
	ds = append(ds, testframes.TCP4(40000, 53, []byte{0}))
	ds = append(ds, testframes.TCP4(40000, 53, cat(be16(40), msg[:5])))
	ds = append(ds, testframes.TCP4(40000, 53, cat(be16(3), msg[:12])))
	return ds
}
