package printer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"github.com/gopacket/gopacket/layers"
)

// netPayload is a network-layer packet to wrap in each link layer.
type netPayload struct {
	name   string
	etype  uint16
	data   []byte
	length int
}

// netPayloads are the generated Ethernet frames' network layers (IPv4,
// IPv6, ARP), snapped captures included.
func netPayloads() []netPayload {
	var ps []netPayload
	for _, f := range testframes.Fixed() {
		et := binary.BigEndian.Uint16(f.Data[12:])
		switch et {
		case 0x0800, 0x86dd, 0x0806:
			ps = append(ps, netPayload{f.Name, et, f.Data[14:], f.Length - 14})
		}
	}
	return ps
}

// linkFrames wraps each payload in a link header; the header function
// returns nil to leave a payload out.
func linkFrames(header func(p netPayload) []byte) []testframes.Frame {
	var fs []testframes.Frame
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, p := range netPayloads() {
		h := header(p)
		if h == nil {
			continue
		}
		fs = append(fs, testframes.Frame{Name: p.name, Data: append(append([]byte{}, h...), p.data...),
			Length: len(h) + p.length, Time: t0.Add(time.Duration(len(fs)) * time.Millisecond)})
	}
	return fs
}

// rawFrames stamps hand-made frames.
func rawFrames(ds ...[]byte) []testframes.Frame {
	var fs []testframes.Frame
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, d := range ds {
		fs = append(fs, testframes.Frame{Name: fmt.Sprintf("frame%d", i+1), Data: d, Length: len(d),
			Time: t0.Add(time.Duration(i) * time.Millisecond)})
	}
	return fs
}

// linkFlagSets are the options compared for every link type.
var linkFlagSets = [][]string{{"-n"}, {"-n", "-e"}, {"-n", "-v"}, {"-n", "-e", "-v"}, {"-n", "-q"}, {"-n", "-x"}}

func optionsFor(flags []string) Options {
	o := Options{Location: time.UTC}
	for _, f := range flags {
		for _, c := range strings.TrimPrefix(f, "-") {
			switch c {
			case 'n':
				o.Numeric = true
			case 'e':
				o.LinkHeader = true
			case 'v':
				o.Verbose++
			case 'q':
				o.Quiet = true
			case 'x':
				o.Hex++
			}
		}
	}
	return o
}

// compareLink writes the frames as a pcap of link type lt, prints them with
// tcpdump and with the printer under each flag set, and reports the lines
// that differ. It returns the number of identical and of all lines.
func compareLink(t *testing.T, tcpdump string, name string, lt uint32, fs []testframes.Frame) (same, total int) {
	t.Helper()
	return compareLinkFlags(t, tcpdump, name, lt, fs, linkFlagSets)
}

// compareLinkFlags is compareLink with the flag sets given.
func compareLinkFlags(t *testing.T, tcpdump string, name string, lt uint32, fs []testframes.Frame, flagSets [][]string) (same, total int) {
	t.Helper()
	return compareTypeFlags(t, tcpdump, name, lt, fs, flagSets, "")
}

// compareTypeFlags is compareLinkFlags with -T packetType ("" for none)
// given to both. GOCAP_PRINTER_PCAPS=DIR keeps the generated captures
// there, for working on a decoder.
func compareTypeFlags(t *testing.T, tcpdump string, name string, lt uint32, fs []testframes.Frame, flagSets [][]string, packetType string) (same, total int) {
	t.Helper()
	var pcap bytes.Buffer
	if err := testframes.WritePcapLink(&pcap, fs, layers.LinkType(lt)); err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("GOCAP_PRINTER_PCAPS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name+".pcap")
	if err := os.WriteFile(path, pcap.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, flags := range flagSets {
		o := optionsFor(flags)
		if packetType != "" {
			flags = append([]string{"-T", packetType}, flags...)
			o.PacketType = packetType
		}
		want := tcpdumpText(t, tcpdump, path, flags)
		var out bytes.Buffer
		p := New(&out, o)
		for _, f := range fs {
			if err := p.Print(&Packet{Time: f.Time, Data: f.Data, Length: f.Length, LinkType: fileDLT(t, lt)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Flush(); err != nil {
			t.Fatal(err)
		}
		s, n, diff := compareLines(want, out.String())
		same += s
		total += n
		if diff != "" {
			t.Errorf("%s %v differs from tcpdump:\n%s", name, flags, diff)
		}
	}
	return same, total
}

func tcpdumpText(t *testing.T, tcpdump, path string, flags []string) string {
	t.Helper()
	cmd := exec.Command(tcpdump, append(append([]string{}, flags...), "-r", path)...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("tcpdump %v -r %s: %v: %s", flags, path, err, errb.String())
	}
	return out.String()
}

// compareLines counts the identical lines and describes the first
// difference (with the line count when that differs).
func compareLines(want, got string) (same, total int, diff string) {
	w := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	g := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	for i := range w {
		if i < len(g) && w[i] == g[i] {
			same++
		} else if diff == "" {
			var gl string
			if i < len(g) {
				gl = g[i]
			}
			diff = fmt.Sprintf("line %d:\ntcpdump: %q\ngocap:   %q", i+1, w[i], gl)
		}
	}
	if len(w) != len(g) && diff == "" {
		diff = fmt.Sprintf("tcpdump printed %d lines, gocap %d", len(w), len(g))
	}
	return same, len(w), diff
}

// TestLinkTypesVsTcpdump prints generated frames of every link type the
// link-layer printers decode and compares each line with tcpdump's.
func TestLinkTypesVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range linkCases() {
		t.Run(c.name, func(t *testing.T) {
			same, total := compareLink(t, tcpdump, c.name, c.lt, c.frames)
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}

// allLinkCases are linkCases and the Juniper and IEEE 802.15.4 cases.
func allLinkCases() []linkCase {
	return append(append(linkCases(), juniperCases()...), wpanCases()...)
}

type linkCase struct {
	name   string
	lt     uint32 // LINKTYPE_ value in the file
	frames []testframes.Frame
}

func linkCases() []linkCase {
	return []linkCase{
		{"ieee802_11", 105, wlanFrames(nil)},
		{"radiotap", 127, radiotapFrames()},
		{"avs", 163, wlanFrames(avsHeader())},
		{"prism", 119, wlanFrames(make([]byte, 144))},
		{"ppi", 192, wlanFrames([]byte{0, 0, 8, 0, 105, 0, 0, 0})},
		{"ppp", 9, pppFrames([]byte{0xff, 0x03}, nil)},
		{"ppp_pppd", 166, pppFrames([]byte{0, 0x03}, []byte{1, 0x03}, []byte{0xff, 0x03})},
		{"ppp_serial", 50, append(pppFrames([]byte{0xff, 0x03}), rawFrames([]byte{0x20, 0x03, 1, 2, 3}, []byte{0xff})...)},
		{"ppp_bsdos", 103, pppFrames(make([]byte, 24))},
		{"ppp_ether", 51, pppoeFrames()},
		{"c_hdlc", 104, chdlcFrames()},
		{"enc", 109, encFrames()},
		{"null", 0, familyFrames(true, []uint32{24, 28, 30, 10})},
		{"loop", 108, familyFrames(false, []uint32{24, 28, 30, 10})},
		{"nflog", 239, nflogFrames()},
		{"ipnet", 226, ipnetFrames()},
		{"pflog", 117, pflogFrames()},
		{"slip", 8, slipFrames()},
		{"frelay", 107, frFrames()},
		{"fddi", 10, fddiFrames()},
		{"token_ring", 6, tokenRingFrames()},
		{"dsa", 284, switchTagFrames(dsaTags()...)},
		{"edsa", 285, switchTagFrames(edsaTags()...)},
		{"brcm", 281, switchTagFrames(brcmTags()...)},
		{"brcm_prepend", 282, brcmPrependFrames()},
		{"usb_linux", 189, usbFrames(false)},
		{"usb_linux_mmapped", 220, usbFrames(true)},
		{"sunatm", 123, atmFrames(123)},
		{"atm_rfc1483", 100, atmFrames(100)},
		{"atm_clip", 106, atmFrames(19)},
		{"arcnet", 7, arcnetFrames(false)},
		{"arcnet_linux", 129, arcnetFrames(true)},
		{"ip_over_fc", 122, ipfcFrames()},
		{"ieee1394", 138, ap1394Frames()},
		{"ltalk", 114, ltalkFrames()},
		{"ipoib", 242, ipoibFrames()},
		{"vsock", 271, vsockFrames()},
		{"linux_sll_llc", 113, sllLLCFrames(false)},
		{"slip_bsdos", 102, slipBSDOSFrames()},
		{"mfr", 182, mfrFrames()},
		{"pktap", 258, pktapFrames()},
		{"netanalyzer", 240, netAnalyzerFrames([]byte{0x02, 0x10, 0, 0})},
		{"netanalyzer_transparent", 241, netAnalyzerFrames([]byte{0x02, 0x10, 0, 0, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xd5})},
		{"bluetooth_hci_h4_with_phdr", 201, bluetoothFrames()},
		{"symantec_firewall", 99, symantecFrames()},
		{"linux_sll2_llc", 276, sllLLCFrames(true)},
		{"can_socketcan", 227, rawFrames([]byte{0, 0, 1, 0x23, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8})},
		{"netlink", 253, rawFrames(cat([]byte{16, 0, 0, 0, 3, 0, 2, 0}, make([]byte, 8)))},
	}
}

// corpusLinkTypes are the link types (DLT_ values) of tcpdump's own test
// captures that TestLinkCorpusVsTcpdump compares.
var corpusLinkTypes = map[linktype.Type]bool{
	linktype.IEEE80211: true, linktype.IEEE80211Radio: true, linktype.PPP: true, linktype.PPPSerial: true, linktype.CiscoHDLC: true,
	linktype.Null: true, linktype.NFLog: true, linktype.IPNet: true, linktype.SLIP: true, linktype.FrameRelay: true,
	linktype.ARCnetLinux: true, linktype.IPoIB: true, linktype.VSock: true, linktype.MFR: true, linktype.PKTAP: true, linktype.SunATM: true, linktype.ATMRFC1483: true, linktype.ATMCLIP: true,
	linktype.DSATagDSA: true, linktype.DSATagEDSA: true, linktype.DSATagBRCM: true, linktype.DSATagBRCMPrepend: true,
	linktype.JuniperES: true, linktype.JuniperMonitor: true, linktype.JuniperATM2: true, linktype.JuniperMLPPP: true,
	linktype.JuniperMFR: true, linktype.JuniperMLFR: true, linktype.JuniperATM1: true, linktype.JuniperPPPoE: true,
	linktype.JuniperPPPoEATM: true, linktype.JuniperGGSN: true, linktype.JuniperServices: true, linktype.JuniperEther: true,
	linktype.JuniperPPP: true, linktype.JuniperFrameRelay: true, linktype.JuniperCHDLC: true,
	linktype.IEEE802154: true, linktype.IEEE802154NoFCS: true, linktype.IEEE802154TAP: true,
}

// corpusKnownDiffs are the lines per capture (over all flag sets) that
// differ from tcpdump's because of a protocol above the link layer that
// gocap does not decode as far as tcpdump.
var corpusKnownDiffs = map[string]int{
	"lspping-fec-rsvp.pcap":              123, // LSP-PING over UDP, which gocap does not decode
	"mpls-traceroute.pcap":               74,  // -v: ICMP's MPLS extensions (RFC 4950)
	"ospf-gmpls.pcap":                    84,  // -v: OSPF's LSAs
	"OSPFv3_multipoint_adjacencies.pcap": 191, // -v: OSPFv3's Hello fields
	"brcm-tag.pcap":                      133, // -v: BOOTP/DHCP's fields and options
	"kday6.pcap":                         350, // IS-IS inside FRF.16, which gocap names but does not decode
}

// TestLinkCorpusVsTcpdump prints the captures of tcpdump's test suite whose
// link types the link-layer printers decode, and compares every line with
// tcpdump's: same line count, identical lines but for corpusKnownDiffs.
func TestLinkCorpusVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	paths, _ := filepath.Glob("../../../shared/corpus/tcpdump/*.pcap*")
	if len(paths) == 0 {
		testenv.Skip(t, "no captures in ../shared/corpus/tcpdump")
	}
	files := 0
	for _, path := range paths {
		pkts, err := readCapture(path)
		if err != nil || len(pkts) == 0 || !corpusLinkTypes[pkts[0].LinkType] {
			continue
		}
		lt := pkts[0].LinkType
		files++
		name := filepath.Base(path)
		var same, total, differ int
		for _, flags := range [][]string{{"-n"}, {"-n", "-e"}, {"-n", "-v"}} {
			want := tcpdumpText(t, tcpdump, path, flags)
			var out bytes.Buffer
			p := New(&out, optionsFor(flags))
			for _, pk := range pkts {
				if err := p.Print(pk); err != nil {
					t.Fatal(err)
				}
			}
			p.Flush()
			s, n, diff := compareLines(want, out.String())
			if strings.Count(want, "\n") != strings.Count(out.String(), "\n") && corpusKnownDiffs[name] == 0 {
				t.Errorf("%s %v: %s", name, flags, diff)
			}
			same, total, differ = same+s, total+n, differ+n-s
			if diff != "" && corpusKnownDiffs[name] == 0 {
				t.Errorf("%s %v differs from tcpdump:\n%s", name, flags, diff)
			}
		}
		if differ > corpusKnownDiffs[name] {
			t.Errorf("%s: %d lines differ from tcpdump's, %d expected", name, differ, corpusKnownDiffs[name])
		}
		t.Logf("%s (DLT %d): %d of %d lines identical to tcpdump's (-n, -e, -v)", name, lt, same, total)
	}
	t.Logf("%d captures compared", files)
}

// TestLinkTypesNoPanic prints every prefix of every generated frame of
// each link type, with claimed lengths shorter and longer than the data:
// hostile or cut input must never crash or hang the link-layer printers.
func TestLinkTypesNoPanic(t *testing.T) {
	var out bytes.Buffer
	for _, c := range allLinkCases() {
		lt := fileDLT(t, c.lt)
		for _, o := range []Options{{Numeric: true}, {Numeric: true, Verbose: 2, LinkHeader: true, Hex: 1}, {Numeric: true, Quiet: true}} {
			p := New(&out, o)
			for _, f := range c.frames {
				for n := 0; n <= len(f.Data); n++ {
					for _, wire := range []int{n, f.Length, n / 2} {
						if err := p.Print(&Packet{Time: f.Time, Data: f.Data[:n], Length: wire, LinkType: lt}); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			out.Reset()
		}
	}
}

// TestLinkFuzzSeeds keeps a few frames of every link case in FuzzPrint's
// seed corpus (rewritten with -update), so that CI runs them through the
// fuzz target and fuzzing starts from every link layer.
func TestLinkFuzzSeeds(t *testing.T) {
	for _, c := range linkCases() {
		for i, f := range c.frames {
			if i%20 != 0 && i != len(c.frames)-1 {
				continue
			}
			path := filepath.Join("testdata", "fuzz", "FuzzPrint", fmt.Sprintf("link-%s-%d", c.name, i))
			seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nuint16(%d)\nuint16(%d)\n", f.Data, fileDLT(t, c.lt), i%8)
			if *update {
				if err := os.WriteFile(path, []byte(seed), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != seed {
				t.Errorf("fuzz seed %s is missing or stale (go test -run TestLinkFuzzSeeds -update)", path)
			}
		}
	}
}

// fileDLT is the DLT_ value a file of LINKTYPE_ value lt reads as: the
// cases name the values tcpdump's files carry, pcapng converts them.
func fileDLT(t testing.TB, lt uint32) linktype.Type {
	t.Helper()
	var pcap bytes.Buffer
	if err := testframes.WritePcapLink(&pcap, []testframes.Frame{{Data: []byte{0}, Length: 1}}, layers.LinkType(lt)); err != nil {
		t.Fatal(err)
	}
	r, err := pcapng.Open(&pcap)
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.ReadPacket()
	if err != nil {
		t.Fatal(err)
	}
	return p.LinkType
}

// FuzzLinkLayers feeds the link-layer printers (each link case's type)
// with arbitrary frames whose wire length is at least the captured
// length, as in any file tcpdump accepts, under varied options.
func FuzzLinkLayers(f *testing.F) {
	cases := allLinkCases()
	dlts := make([]linktype.Type, len(cases))
	for i, c := range cases {
		dlts[i] = fileDLT(f, c.lt)
		for j, fr := range c.frames {
			if j%25 == 0 {
				f.Add(fr.Data, uint8(i), uint8(j), uint16(0))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, lt, flags uint8, extra uint16) {
		dlt := dlts[int(lt)%len(dlts)]
		o := Options{Numeric: true, Verbose: int(flags % 4), LinkHeader: flags&4 != 0, Quiet: flags&8 != 0, Hex: int(flags>>4) % 3}
		var out bytes.Buffer
		p := New(&out, o)
		pk := &Packet{Data: data, Length: len(data) + int(extra), LinkType: dlt}
		if err := p.Print(pk); err != nil {
			t.Fatal(err)
		}
	})
}
