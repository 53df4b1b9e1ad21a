package filter

import (
	"encoding/json"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/linktype"
)

var updateGenBaseline = flag.Bool("update-gen-baseline", false, "rewrite testdata/gen_baseline.json with the measured figures")

// genBaseline is the ratchet for TestGenConformance: the measured figures
// may only go up.
type genBaseline struct {
	AcceptOK  int `json:"accept_ok"`
	RejectOK  int `json:"reject_ok"`
	MessageOK int `json:"reject_message_ok"`
	Identical int `json:"identical_unoptimized"`
}

func TestGenConformance(t *testing.T) {
	fig := measureGen(t)
	got := genBaseline{
		AcceptOK:  fig.acceptOK,
		RejectOK:  fig.rejectOK,
		MessageOK: fig.rejectOK - len(fig.failures["reject-message"]),
		Identical: fig.identical,
	}
	t.Logf("accept verdicts %d/%d, reject verdicts %d/%d (messages %d), identical unoptimized bytecode %d/%d",
		fig.acceptOK, fig.accepts, fig.rejectOK, fig.rejects, got.MessageOK, fig.identical, fig.unopt)
	path := filepath.Join("testdata", "gen_baseline.json")
	if *updateGenBaseline {
		data, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading baseline (run with -update-gen-baseline to create it): %v", err)
	}
	var base genBaseline
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want int) {
		if got < want {
			t.Errorf("%s fell to %d, baseline %d", name, got, want)
		}
	}
	check("accept verdicts", got.AcceptOK, base.AcceptOK)
	check("reject verdicts", got.RejectOK, base.RejectOK)
	check("reject messages", got.MessageOK, base.MessageOK)
	check("identical unoptimized programs", got.Identical, base.Identical)
	verbose := os.Getenv("GEN_FIGURES_VERBOSE") != ""
	for k, v := range fig.failures {
		t.Logf("%s: %d", k, len(v))
		for i, s := range v {
			if i == 5 && !verbose {
				break
			}
			t.Logf("  %s", s)
		}
	}
}

func disasm(p *Program) string {
	var b strings.Builder
	for _, r := range p.Raw {
		ins := r.Disassemble()
		if _, raw := ins.(bpf.RawInstruction); raw {
			b.WriteString("raw ")
		}
		b.WriteString(strings.TrimSpace(strings.ReplaceAll(fmtInsn(r), "\t", " ")))
		b.WriteString("; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}

func fmtInsn(r bpf.RawInstruction) string {
	return strings.TrimSpace(bpf.Instruction(r.Disassemble()).(interface{ String() string }).String())
}

// TestGenPrograms pins the generator's output for a few expressions whose
// libpcap programs are known, in x/net/bpf's notation.
func TestGenPrograms(t *testing.T) {
	tests := []struct {
		expr string
		lt   linktype.Type
		opts Options
		want string
	}{
		{"ip", linktype.Ethernet, Options{},
			"ldh [12]; jneq #2048,1; ret #262144; ret #0"},
		{"ip", linktype.IPv4, Options{}, // gen_true
			"ld #0; jneq #0,1; ret #262144; ret #0"},
		{"ip and igmp", linktype.IPv4, Options{}, // constant operands fold away
			"ldb [9]; jneq #2,1; ret #262144; ret #0"},
		{"not ip6 or igmp", linktype.IPv4, Options{}, // the deciding constant is the result
			"ld #1; jneq #0,1; ret #0; ret #262144"},
		{"ip6", linktype.Null, Options{}, // AF_INET6 = 10 in host (little-endian) order
			"ld [0]; jneq #167772160,1; ret #262144; ret #0"},
		{"ip6", linktype.Loop, Options{},
			"ld [0]; jneq #10,1; ret #262144; ret #0"},
		{"ip", linktype.Raw, Options{},
			"ldb [0]; and #240; jneq #64,1; ret #262144; ret #0"},
		{"ip", linktype.LinuxSLL2, Options{SnapLen: 96},
			"ldh [0]; jneq #2048,1; ret #96; ret #0"},
		{"len - 1 > 3", linktype.Ethernet, Options{}, // scratch registers allocated round-robin
			"ld #len; st M[0]; ld #1; st M[1]; ldx M[1]; ld M[0]; sub x; st M[1]; ld #3; st M[2]; ldx M[2]; ld M[1]; jle x,1; ret #262144; ret #0"},
		{"inbound", linktype.Ethernet, Options{Linux: true},
			"ld #type; jneq #4,1; ret #0; ret #262144"},
		{"-len < -60", linktype.Ethernet, Options{}, // unary minus
			"ld #len; st M[0]; ld M[0]; neg; st M[0]; ld #60; st M[1]; ld M[1]; neg; st M[1]; ldx M[1]; ld M[0]; jlt x,1; ret #0; ret #262144"},
		{"pppoes and ip6", linktype.Ethernet, Options{}, // PPP protocol field inside PPPoE
			"ldh [12]; jneq #34916,3; ldh [20]; jneq #87,1; ret #262144; ret #0"},
		{"batadv 15 unicast and ip", linktype.Ethernet, Options{}, // inner Ethernet after the unicast header
			"ldh [12]; jneq #17157,7; ldb [15]; jneq #15,5; ldb [14]; jneq #64,3; ldh [36]; jneq #2048,1; ret #262144; ret #0"},
		{"geneve and ether host 1:2:3:4:5:6", linktype.Ethernet, Options{}, // block-local jump; link-layer presence check
			"ldh [12]; jneq #2048,14; ldb [23]; jneq #17,12; ldh [20]; jset #8191,10; ldx 4*([14]&0xf); ldh [x + 16]; jneq #6081,7; ldx 4*([14]&0xf); ldb [x + 22]; and #192; jneq #0,3; ldx 4*([14]&0xf); txa; jeq x,12; ldh [12]; jneq #34525,47; ldb [20]; jneq #17,45; ldh [56]; jneq #6081,43; ldb [62]; and #192; jneq #0,40; ld #40; tax; jneq x,37; add #22; tax; add #2; st M[0]; ldb [x + 0]; and #63; mul #4; add #8; add x; st M[1]; ldh [x + 2]; ldx M[1]; jneq #25944,5; txa; add #12; st M[0]; add #2; tax; stx M[2]; ld #0; jneq #0,16; ld M[1]; ldx M[2]; jeq x,13; ldx M[1]; ld [x + 8]; jneq #50595078,3; ldx M[1]; ldh [x + 6]; jeq #258,6; ldx M[1]; ld [x + 2]; jneq #50595078,4; ldx M[1]; ldh [x + 0]; jneq #258,1; ret #262144; ret #0"},
		{"ifindex 3", linktype.LinuxSLL2, Options{},
			"ld [4]; jneq #3,1; ret #262144; ret #0"},
	}
	for _, tt := range tests {
		o := tt.opts
		o.LinkType = tt.lt
		o.NoOptimize = true
		p, err := Compile(tt.expr, o)
		if err != nil {
			t.Errorf("%s on %s: %v", tt.expr, tt.lt, err)
			continue
		}
		if got := disasm(p); got != tt.want {
			t.Errorf("%s on %s:\n got %s\nwant %s", tt.expr, tt.lt, got, tt.want)
		}
	}
}

// TestGenErrors checks semantic errors: libpcap's text, at the column of
// the primitive that caused them.
func TestGenErrors(t *testing.T) {
	tests := []struct {
		expr string
		opts Options
		want string
	}{
		{"tcp port 70000", Options{}, "column 10: port number 70000 greater than maximum 65535"},
		{"ip and aarp port 80", Options{}, "column 8: 'aarp' is not a valid qualifier for 'port'"},
		{"host a or nosuch", Options{}, "column 6: unknown host 'a'"},
		{"vlan 4096", Options{}, "column 6: VLAN tag 4096 greater than maximum 4095"},
		{"inbound", Options{}, "column 1: not a live capture, 'inbound' not supported on DLT_EN10MB"},
		{"ifindex 2", Options{LinkType: linktype.Raw}, "not a live capture, 'ifindex' not supported on DLT_RAW"},
		{"ip broadcast", Options{}, "netmask not known, so 'ip broadcast' not supported"},
		{"link broadcast", Options{LinkType: linktype.IPv4}, "'broadcast' not supported on DLT_IPV4"},
		{"len / 0 = 1", Options{}, "division by zero"},
		{"ip[0] >> 32 = 1", Options{}, "shift by more than 31 bits"},
		{"pppoes and vlan", Options{}, "'vlan' not supported on DLT_PPP"},
		{"mpls and vlan", Options{}, "no VLAN match after MPLS"},
		{"geneve and protochain 4", Options{}, "'protochain' not supported with variable length headers"},
		{"port ssh-nonexistent-service", Options{}, "unknown port 'ssh-nonexistent-service'"},
		{"net 192.168/8", Options{}, "non-network bits set in \"192.168/8\""},
		{"host 1.2.3.0/24", Options{}, "'host' is not a valid qualifier for '1.2.3.0/24'"},
		{"host 1.2.3.4/24", Options{}, "non-network bits set in \"1.2.3.4/24\""},
		{"tcp portrange 80-22x", Options{}, "'22x' is not a valid port"},
	}
	for _, tt := range tests {
		o := tt.opts
		if o.LinkType == 0 {
			o.LinkType = linktype.Ethernet
		}
		o.Resolver = NewMapResolver()
		_, err := Compile(tt.expr, o)
		if err == nil {
			t.Errorf("%q compiled, want error %q", tt.expr, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got error %q, want %q", tt.expr, err, tt.want)
		}
	}
}

// TestGenNoPanic compiles every expression of the conformance suite on every
// supported link type, offline and live, optimized and not: whatever the
// verdict, the compiler must return, not panic.
func TestGenNoPanic(t *testing.T) {
	cases := loadConfCases(t)
	fixtures, err := LoadResolverFixtures(conformance.Path(conformance.ResolverFixtures))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	lts := []linktype.Type{linktype.Null, linktype.Ethernet, linktype.Raw, linktype.Loop, linktype.LinuxSLL,
		linktype.IPv4, linktype.IPv6, linktype.LinuxSLL2}
	n := 0
	for _, c := range cases {
		if c.Expr == nil || seen[*c.Expr] {
			continue
		}
		seen[*c.Expr] = true
		for _, lt := range lts {
			for _, linux := range []bool{false, true} {
				o := Options{LinkType: lt, Linux: linux, Resolver: fixtures, NoOptimize: true}
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%q on %s (linux=%v): panic: %v", *c.Expr, lt, linux, r)
						}
					}()
					Compile(*c.Expr, o)
					n++
				}()
			}
		}
	}
	t.Logf("%d compilations", n)
}

// BenchmarkGenerateCorpus compiles every accept expression of the
// conformance suite without optimization (parser + generator + layout).
func BenchmarkGenerateCorpus(b *testing.B) {
	cases := loadConfCases(b)
	fixtures, err := LoadResolverFixtures(conformance.Path(conformance.ResolverFixtures))
	if err != nil {
		b.Fatal(err)
	}
	type job struct {
		expr string
		o    Options
	}
	var jobs []job
	for _, c := range cases {
		if c.Kind != "accept" || c.Optimized {
			continue
		}
		if o, ok := confOptions(b, c, fixtures); ok {
			jobs = append(jobs, job{*c.Expr, o})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, j := range jobs {
			if _, err := Compile(j.expr, j.o); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(jobs))/b.Elapsed().Seconds(), "exprs/s")
}

// TestParseMAC checks the MAC-48 parser against libpcap's pcap_ether_aton
// cases (libpcap-translatetests.jsonl).
func TestParseMAC(t *testing.T) {
	data, err := os.ReadFile(conformance.Path(conformance.TranslateTests))
	if err != nil {
		t.Skipf("translate tests not available: %v", err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		var c struct {
			Kind, Cfunc, Arg, Expected string
		}
		if json.Unmarshal([]byte(line), &c) != nil || c.Cfunc != "pcap_ether_aton" {
			continue
		}
		n++
		mac, ok := parseMAC(c.Arg)
		switch {
		case c.Kind == "translate_accept":
			want := strings.TrimSuffix(strings.TrimPrefix(c.Expected, "OK: "), "\n")
			if !ok || net.HardwareAddr(mac).String() != want {
				t.Errorf("parseMAC(%q) = %v, %v; want %s", c.Arg, net.HardwareAddr(mac), ok, want)
			}
		case ok:
			t.Errorf("parseMAC(%q) accepted, libpcap rejects it", c.Arg)
		}
	}
	if n == 0 {
		t.Fatal("no pcap_ether_aton cases found")
	}
}
