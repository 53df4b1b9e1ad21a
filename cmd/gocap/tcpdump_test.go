package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/pcapng"
	"github.com/gopacket/gopacket/layers"
	"golang.org/x/net/bpf"
)

// tcpdumpOutput runs tcpdump -r on path with the flags, in UTC.
func tcpdumpOutput(t *testing.T, tcpdump, path string, flags ...string) string {
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

// exactFlagSets are the output options whose text must equal tcpdump's.
var exactFlagSets = [][]string{
	{"-n"}, {"-n", "-v"}, {"-n", "-vv"}, {"-n", "-e"}, {"-n", "-q"}, {"-n", "-qe"},
	{"-n", "-x"}, {"-n", "-xx"}, {"-n", "-X"}, {"-n", "-XX"}, {"-n", "-A"}, {"-n", "-e", "-X"},
	{"-n", "-t"}, {"-n", "-tt"}, {"-n", "-ttt"}, {"-n", "-tttt"}, {"-n", "-ttttt"},
	{"-n", "-S"}, {"-n", "-#"}, {"-n", "-ev"}, {"-n", "--nano"}, {"-n", "-S", "-v"},
	{"-n", "-vvv"}, {"-n", "-v", "-X"},
}

// TestTcpdumpExactGenerated compares gocap's text with tcpdump's, line for
// line, over the generated frames: Ethernet, ARP, IPv4, IPv6, TCP (flags,
// options, relative sequence numbers), UDP, DNS, ICMP, ICMPv6 (with ND
// options at -v), VLAN and QinQ (-e), MPLS, fragments, unknown protocols
// and ethertypes, truncated captures, as Ethernet and as Linux cooked
// (SLL, SLL2) captures; with every output option above.
func TestTcpdumpExactGenerated(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	type file struct {
		frames []testframes.Frame
		lt     layers.LinkType
	}
	files := map[string]file{"fixed": {testframes.Fixed(), layers.LinkTypeEthernet},
		"protocols": {testframes.Protocols(), layers.LinkTypeEthernet}}
	for seed := int64(1); seed <= 3; seed++ {
		files[fmt.Sprintf("random%d", seed)] = file{testframes.Random(seed, 300), layers.LinkTypeEthernet}
	}
	// Cooked captures (-i any), with interface index 1 (lo, on every host).
	files["fixed-sll2"] = file{testframes.Cooked(testframes.Fixed(), true, 1), layers.LinkType(276)}
	files["fixed-sll"] = file{testframes.Cooked(testframes.Fixed(), false, 1), layers.LinkTypeLinuxSLL}
	files["random-sll2"] = file{testframes.Cooked(testframes.Random(4, 200), true, 1), layers.LinkType(276)}
	for name, f := range files {
		var buf bytes.Buffer
		if err := testframes.WritePcapLink(&buf, f.frames, f.lt); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), name+".pcap")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, flags := range exactFlagSets {
			want := tcpdumpOutput(t, tcpdump, path, flags...)
			r := runGocap(t, nil, append(append([]string{}, flags...), "-r", path)...)
			if r.code != exitOK {
				t.Fatalf("%s %v: exit %d: %s", name, flags, r.code, r.stderr)
			}
			if r.stdout != want {
				t.Errorf("%s %v differs from tcpdump:\n%s", name, flags, firstDiff(want, r.stdout))
			}
		}
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\ntcpdump: %q\ngocap:   %q", i+1, a, b)
		}
	}
	return "(no difference)"
}

// key patterns: what must agree per packet for IPv4/IPv6 TCP/UDP/ICMP and
// ARP: addresses, ports, the ICMP marker and TCP flags.
var (
	ipKey   = regexp.MustCompile(`^(IP6?) (\S+) > (\S+): (Flags \[[^\]]*\]|ICMP6?|)`)
	arpKey  = regexp.MustCompile(`^ARP, (Request who-has \S+ (\(\S+\) )?tell \S+|Reply \S+ is-at \S+)`)
	tsStrip = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{6} `)
)

// packetKey is the comparable part of a packet's first line ("" when the
// line is not IPv4/IPv6/ARP).
func packetKey(line string) string {
	l := tsStrip.ReplaceAllString(line, "")
	if m := ipKey.FindStringSubmatch(l); m != nil {
		return strings.Join(m[1:], "|")
	}
	if m := arpKey.FindStringSubmatch(l); m != nil {
		return m[1]
	}
	return ""
}

// splitPackets groups output lines by packet (a packet starts with a time
// stamp).
func splitPackets(s string) []string {
	var ps []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if tsStrip.MatchString(l) || len(ps) == 0 {
			ps = append(ps, l)
		} else {
			ps[len(ps)-1] += "\n" + l
		}
	}
	return ps
}

// TestTcpdumpCorpus compares gocap -n -r with tcpdump -n -r over the
// Ethernet captures of tcpdump's test suite: the same number of packets,
// the same addresses, ports, ICMP markers and TCP flags for every
// IPv4/IPv6/ARP packet; the number of identical packets and of files with
// the same line count must not fall below the baseline in testdata.
func TestTcpdumpCorpus(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	paths, _ := filepath.Glob("../../../shared/corpus/tcpdump/*.pcap*")
	if len(paths) == 0 {
		testenv.Skip(t, "no captures in ../shared/corpus/tcpdump")
	}
	var files, packets, keyed, exact, sameLines int
	for _, path := range paths {
		if !isEthernet(path) {
			continue
		}
		files++
		want := tcpdumpOutput(t, tcpdump, path, "-n")
		r := runGocap(t, nil, "-n", "-r", path)
		if r.code != exitOK {
			t.Errorf("%s: exit %d: %s", path, r.code, r.stderr)
			continue
		}
		if strings.Count(want, "\n") == strings.Count(r.stdout, "\n") {
			sameLines++
		}
		wp, gp := splitPackets(want), splitPackets(r.stdout)
		if len(wp) != len(gp) {
			t.Errorf("%s: tcpdump printed %d packets, gocap %d", filepath.Base(path), len(wp), len(gp))
			continue
		}
		for i := range wp {
			packets++
			if wp[i] == gp[i] {
				exact++
			}
			first := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
			if k := packetKey(first(wp[i])); k != "" {
				keyed++
				if g := packetKey(first(gp[i])); g != k {
					t.Errorf("%s packet %d: tcpdump %q, gocap %q", filepath.Base(path), i+1, first(wp[i]), first(gp[i]))
				}
			}
		}
	}
	t.Logf("corpus: %d Ethernet files, %d with tcpdump's line count; %d packets, %d IPv4/IPv6/ARP packets with equal addresses/ports/flags, %d identical to tcpdump (%.1f%%)",
		files, sameLines, packets, keyed, exact, 100*float64(exact)/float64(max(packets, 1)))
	base := readBaseline(t, "testdata/corpus-baseline.txt")
	if exact < base["exact"] || sameLines < base["samelines"] || keyed < base["keyed"] {
		t.Errorf("below the baseline %v: exact %d, samelines %d, keyed %d", base, exact, sameLines, keyed)
	}
}

// TestTcpdumpCorpusFlags prints every capture of tcpdump's test suite (all
// link types) with -n, -nv, -nvv and -ne, and compares with tcpdump: the
// number of identical outputs and of tcpdump's lines that gocap's output
// has in the same order (longest common subsequence) must not fall below
// the baseline. The figures are the README's "how close".
func TestTcpdumpCorpusFlags(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	paths, _ := filepath.Glob("../../../shared/corpus/tcpdump/*.pcap*")
	if len(paths) == 0 {
		testenv.Skip(t, "no captures in ../shared/corpus/tcpdump")
	}
	var outputs, same, lines, matched int
	for _, flags := range [][]string{{"-n"}, {"-nv"}, {"-nvv"}, {"-ne"}} {
		for _, path := range paths {
			cmd := exec.Command(tcpdump, append(append([]string{}, flags...), "-r", path)...)
			cmd.Env = append(os.Environ(), "TZ=UTC")
			want, _ := cmd.Output() // some captures end in an error: compare what was printed
			r := runGocap(t, nil, append(append([]string{}, flags...), "-r", path)...)
			outputs++
			if string(want) == r.stdout {
				same++
			}
			w, g := splitLines(string(want)), splitLines(r.stdout)
			lines += len(w)
			matched += commonLines(w, g)
		}
	}
	t.Logf("corpus with -n, -nv, -nvv, -ne: %d of %d outputs identical to tcpdump's, %d of %d lines (%.1f%%)",
		same, outputs, matched, lines, 100*float64(matched)/float64(max(lines, 1)))
	base := readBaseline(t, "testdata/corpus-baseline.txt")
	if same < base["flags-identical"] || matched < base["flags-lines"] {
		t.Errorf("below the baseline: %d identical outputs (baseline %d), %d lines (baseline %d)",
			same, base["flags-identical"], matched, base["flags-lines"])
	}
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// commonLines is the length of the longest common subsequence of a and b.
func commonLines(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func isEthernet(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	r, err := pcapng.Open(f)
	if err != nil {
		return false
	}
	if ifs := r.Interfaces(); len(ifs) > 0 {
		return ifs[0].LinkType == 1
	}
	// pcapng: the interfaces may come after the section header.
	p, err := r.ReadPacket()
	return err == nil && p.LinkType == 1
}

// readBaseline reads "name value" lines.
func readBaseline(t *testing.T, path string) map[string]int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("baseline: %v", err)
	}
	m := map[string]int{}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) == 2 && !strings.HasPrefix(l, "#") {
			v, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatalf("baseline %s: %q", path, l)
			}
			m[f[0]] = v
		}
	}
	return m
}

// TestTcpdumpDumpBehaviour compiles expressions with gocap -ddd and with
// tcpdump -ddd and runs both programs over the generated frames: they must
// select the same packets (the bytecode may differ: libpcap versions
// optimize differently).
func TestTcpdumpDumpBehaviour(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	frames := append(testframes.Fixed(), testframes.Random(11, 300)...)
	for _, expr := range []string{
		"tcp", "udp port 53", "icmp or arp", "tcp[tcpflags] & tcp-syn != 0",
		"host 10.199.7.1 and not port 33333", "vlan 100", "mpls", "ip6 and tcp", "ip[6:2] & 0x1fff != 0",
		"ether broadcast", "tcp[tcpflags] & (tcp-rst|tcp-fin) != 0", "less 64", "greater 100",
	} {
		out, err := exec.Command(tcpdump, "-ddd", "-y", "EN10MB", expr).Output()
		if err != nil {
			t.Fatalf("tcpdump -ddd %q: %v", expr, err)
		}
		r := runGocap(t, nil, "-ddd", expr)
		if r.code != exitOK {
			t.Fatalf("gocap -ddd %q: exit %d: %s", expr, r.code, r.stderr)
		}
		theirs := parseDDD(t, string(out))
		ours := parseDDD(t, r.stdout)
		for _, f := range frames {
			a, b := runProg(t, theirs, f), runProg(t, ours, f)
			if (a == 0) != (b == 0) {
				t.Errorf("%q on frame %s: tcpdump's program returns %d, gocap's %d", expr, f.Name, a, b)
			}
		}
	}
}

func parseDDD(t *testing.T, s string) []bpf.RawInstruction {
	t.Helper()
	p, err := cbpf.ParseDecimal(s)
	if err != nil {
		t.Fatalf("parsing -ddd output %q: %v", s, err)
	}
	return p
}

func runProg(t *testing.T, p []bpf.RawInstruction, f testframes.Frame) uint32 {
	t.Helper()
	ret, _, err := cbpf.Run(p, f.Data, &cbpf.Metadata{WireLen: uint32(f.Length)})
	if err != nil {
		t.Fatalf("running a filter on %s: %v", f.Name, err)
	}
	return ret
}
