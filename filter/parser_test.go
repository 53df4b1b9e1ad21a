package filter

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"github.com/gocap/gocap/internal/testenv"
)

// parseCase is the part of a libpcap-filtertests.jsonl record the parser
// tests need.
type parseCase struct {
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	DLT      string  `json:"dlt"`
	Expr     *string `json:"expr"`
	Expected string  `json:"expected"`
}

// loadParseCases reads the conformance cases that have an expression.
func loadParseCases(t testing.TB) []parseCase {
	t.Helper()
	cases, err := conformance.ReadCases(conformance.FilterTests, func(c *parseCase) bool {
		return c.Expr != nil && c.Kind != "bpf_image_enum"
	})
	if errors.Is(err, fs.ErrNotExist) {
		testenv.Skip(t, "conformance data not available: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// dump renders an AST as an S-expression that shows its structure:
// (and X Y), (or X Y), (not X), (paren X), {quals kind:id} for a
// qualified id (^{...} when inherited), relations and arithmetic in prefix
// form, keywords as kw<text>.
func dump(n Node) string {
	switch n := n.(type) {
	case nil:
		return "nil"
	case *BinaryExpr:
		op := "and"
		if n.Op == OpOr {
			op = "or"
		}
		return "(" + op + " " + dump(n.X) + " " + dump(n.Y) + ")"
	case *NotExpr:
		return "(not " + dump(n.X) + ")"
	case *ParenExpr:
		return "(paren " + dump(n.X) + ")"
	case *Qualified:
		kinds := map[IDKind]string{IDName: "name", IDNumber: "num", IDIPv4: "ip4", IDIPv4Mask: "ip4/",
			IDIPv4Net: "ip4mask", IDIPv6: "ip6", IDIPv6Net: "ip6/", IDMAC: "mac", IDArcnet: "arc"}
		s := "{"
		if q := n.Quals.String(); q != "" {
			s += q + " "
		}
		s += kinds[n.Kind] + ":" + n.idString() + "}"
		if n.Kind == IDNumber {
			s = strings.TrimSuffix(s, "}") + fmt.Sprintf("=%d}", n.Number)
		}
		if n.Inherited {
			s = "^" + s
		}
		return s
	case *ProtoAbbrev:
		return n.Proto.String()
	case *Relation:
		return "(" + n.Op.String() + " " + dump(n.X) + " " + dump(n.Y) + ")"
	case *Keyword:
		return "kw<" + n.String() + ">"
	case *Number:
		return fmt.Sprint(n.Value)
	case *Len:
		return "len"
	case *Load:
		s := n.Proto.String() + "[" + dump(n.Offset)
		if n.Size != 0 {
			s += fmt.Sprintf(":%d", n.Size)
		}
		return s + "]"
	case *BinaryArith:
		return "(" + n.Op.String() + " " + dump(n.X) + " " + dump(n.Y) + ")"
	case *NegArith:
		return "(neg " + dump(n.X) + ")"
	case *ParenArith:
		return "(paren " + dump(n.X) + ")"
	}
	return fmt.Sprintf("?%T", n)
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tcp", "tcp"},
		{"ether", "link"},
		{"host a", "{host name:a}"},
		{"a.b.c", ""}, // a bare name is not a term
		// and/or: equal precedence, left associative; not binds tighter
		{"tcp or udp and icmp", "(and (or tcp udp) icmp)"},
		{"tcp and udp or icmp", "(or (and tcp udp) icmp)"},
		{"not tcp and udp", "(and (not tcp) udp)"},
		{"! tcp || ! udp && icmp", "(and (or (not tcp) (not udp)) icmp)"},
		{"not not tcp", "(not (not tcp))"},
		{"tcp and (udp or icmp)", "(and tcp (paren (or udp icmp)))"},
		// qualifier inheritance
		{"host a or b", "(or {host name:a} ^{host name:b})"},
		{"tcp port 1 or 2", "(or {tcp port num:1=1} ^{tcp port num:2=2})"},
		{"src net x and not y", "(and {src net name:x} (not ^{src net name:y}))"},
		{"host a or (b or c)", "(or {host name:a} (paren (or ^{host name:b} ^{host name:c})))"},
		{"host a or (b or not c)", "(or {host name:a} (paren (or ^{host name:b} (not ^{host name:c}))))"},
		{"host (a or b)", "(paren (or {host name:a} ^{host name:b}))"},
		{"host (a)", "(paren {host name:a})"},
		{"host not a", "(not {host name:a})"},
		{"port (80)", "{port num:80=80}"},
		{"port 1 and (2)", "(and {port num:1=1} ^{port num:2=2})"},
		{"port 1 and ((2) or 3)", "(and {port num:1=1} (paren (or ^{port num:2=2} ^{port num:3=3})))"},
		{"tcp port 1 and (udp port 2) or 3", "(or (and {tcp port num:1=1} (paren {udp port num:2=2})) ^{tcp port num:3=3})"},
		{"host a and not b or c", "(or (and {host name:a} (not ^{host name:b})) ^{host name:c})"},
		{"ip host a and tcp port 80 or 443", "(or (and {ip host name:a} {tcp port num:80=80}) ^{tcp port num:443=443})"},
		{"host a and port 1 or 2", "(or (and {host name:a} {port num:1=1}) ^{port num:2=2})"},
		// qualifier forms
		{"src or dst host a", "{src or dst host name:a}"},
		{"dst and src port 80", "{dst and src port num:80=80}"},
		{"src || dst a", "{src || dst name:a}"},
		{"ether src aa:bb:cc:dd:ee:ff", "{ether src mac:aa:bb:cc:dd:ee:ff}"},
		{"ip proto \\tcp", "{ip proto name:\\tcp}"},
		{"proto 6", "{proto num:6=6}"},
		{"ip6 protochain 6", "{ip6 protochain num:6=6}"},
		{"gateway g", "{gateway name:g}"},
		{"net 10.0.0.0/8", "{net ip4/:10.0.0.0/8}"},
		{"net 10.1", "{net ip4:10.1}"},
		{"net 10.0.0.0 mask 255.0.0.0", "{net ip4mask:10.0.0.0 mask 255.0.0.0}"},
		{"ip6 net fe80::/16", "{ip6 net ip6/:fe80::/16}"},
		{"host ::1", "{host ip6:::1}"},
		{"link host $1f", "{link host arc:$1f}"},
		{"addr1 aa:bb:cc:dd:ee:ff", "{addr1 mac:aa:bb:cc:dd:ee:ff}"},
		{"wlan ra host x", "{wlan ra host name:x}"},
		{"portrange 1-2", "{portrange name:1-2}"},
		{"10.0.0.1", ""},
		// arithmetic: precedence as libpcap's %left lines, '%' and '^' shift
		{"1 + 2 * 3 = 7", "(= (+ 1 (* 2 3)) 7)"},
		{"1 - 2 - 3 = 0", "(= (- (- 1 2) 3) 0)"},
		{"1 / 2 * 3 = 0", "(= (* (/ 1 2) 3) 0)"},
		{"1 | 2 & 3 = 0", "(= (| 1 (& 2 3)) 0)"},
		{"1 & 2 | 3 = 0", "(= (| (& 1 2) 3) 0)"},
		{"1 << 2 + 3 = 0", "(= (<< 1 (+ 2 3)) 0)"},
		{"1 % 2 + 3 = 0", "(= (% 1 (+ 2 3)) 0)"},
		{"1 + 2 % 3 * 4 = 0", "(= (+ 1 (% 2 (* 3 4))) 0)"},
		{"1 ^ 2 ^ 3 = 0", "(= (^ 1 (^ 2 3)) 0)"},
		{"1 * 2 ^ 3 | 4 = 0", "(= (* 1 (^ 2 (| 3 4))) 0)"},
		{"-1 * 2 = 0", "(= (* (neg 1) 2) 0)"},
		{"-1 % 2 = 0", "(= (neg (% 1 2)) 0)"},
		{"- - 1 = 1", "(= (neg (neg 1)) 1)"},
		{"1 - -1 = 2", "(= (- 1 (neg 1)) 2)"},
		{"ip[0] & 0xf > 5", "(> (& ip[0] 15) 5)"},
		{"ip[2:2] - ((ip[0]&0xf)<<2) != 0", "(!= (- ip[2:2] (paren (<< (paren (& ip[0] 15)) 2))) 0)"},
		{"tcp[tcpflags] & (tcp-syn|tcp-ack) != 0", "(!= (& tcp[13] (paren (| 2 16))) 0)"},
		{"ether[len - 1] == 0", "(= link[(- len 1)] 0)"},
		{"len <= 100", "(<= len 100)"},
		{"(1) = ip[0]", "(= (paren 1) ip[0])"},
		{"(ip[0] + 1) > 2 and tcp", "(and (> (paren (+ ip[0] 1)) 2) tcp)"},
		{"tcp and 1 < 2", "(and tcp (< 1 2))"},
		{"host a and (1 = 1)", "(and {host name:a} (paren (= 1 1)))"},
		{"host a and (1) = 1", "(and {host name:a} (= (paren 1) 1))"},
		{"1 < 2 < 3", ""},
		// keyword primitives
		{"less 64 or greater 128", "(or kw<less 64> kw<greater 128>)"},
		{"byte 1 == 2", "kw<byte 1 = 2>"},
		{"vlan and vlan 100", "(and kw<vlan> kw<vlan 100>)"},
		{"vlan (100)", "kw<vlan 100>"},
		{"mpls 1 and pppoes 2 and pppoed and geneve 3 and vxlan", "(and (and (and (and kw<mpls 1> kw<pppoes 2>) kw<pppoed>) kw<geneve 3>) kw<vxlan>)"},
		{"inbound or outbound or ifindex 2", "(or (or kw<inbound> kw<outbound>) kw<ifindex 2>)"},
		{"ether broadcast or ip multicast or broadcast", "(or (or kw<ether broadcast> kw<ip multicast>) kw<broadcast>)"},
		{"wlan type mgt subtype beacon", "kw<wlan type mgt subtype beacon>"},
		{"type data", "kw<type data>"},
		{"subtype probe-req", "kw<subtype probe-req>"},
		{"wlan dir tods", "kw<wlan dir tods>"},
		{"llc or llc i or llc rnr or llc xid", "(or (or (or kw<llc> kw<llc i>) kw<llc rnr>) kw<llc xid>)"},
		{"on eth0 or rnr 1 or reason match or action pass", "(or (or (or kw<on eth0> kw<rnr 1>) kw<reason match>) kw<action pass>)"},
		{"vpi 1 and vci > 2 and vpi (1 or 2) and lane and oam", "(and (and (and (and kw<vpi 1> kw<vci > 2>) kw<vpi (1 or 2)>) kw<lane>) kw<oam>)"},
		{"fisu or sio 3 or dpc <= 4 or hsls (1 || 2)", "(or (or (or kw<fisu> kw<sio 3>) kw<dpc <= 4>) kw<hsls (1 or 2)>)"},
		{"batadv 14 unicast", "kw<batadv 14 unicast>"}, {"batadv 15 icmp", ""},
		// errors in id position
		{"tcp or foo", ""},
		{"(host a) or b", ""},
		{"host a and ((b or c) or d)", ""},
		{"host a and (b or tcp)", ""},
		{"net 10/8", ""},
		{"net 10 mask 255.0.0.0", ""},
		{"src proto 1", ""},
		{"src gateway x", ""},
		{"pppoed 1", ""},
		{"vlan any", ""},
		{"less (1)", ""},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		got := ""
		if err == nil {
			got = dump(e)
		}
		if got != tt.want {
			t.Errorf("Parse(%q)\n got %s (err %v)\nwant %s", tt.in, got, err, tt.want)
		}
		checkRoundTrip(t, tt.in)
	}
}

func TestParseBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n "} {
		e, err := Parse(s)
		if e != nil || err != nil {
			t.Errorf("Parse(%q) = %v, %v; want nil, nil", s, e, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"port", "column 5: can't parse filter expression: syntax error: expected a port number or name after 'port'"},
		{"tcp port", "column 9: can't parse filter expression: syntax error: expected a port number or name after 'port'"},
		{"ip proto tcp", `column 10: can't parse filter expression: syntax error: expected a protocol number or name after 'proto', found 'tcp' ('tcp' is a keyword; write \tcp to use it as a name)`},
		{"host a or (b or tcp)", `column 17: can't parse filter expression: syntax error: expected a host name, address, port or number, found 'tcp' ('tcp' is a keyword; write \tcp to use it as a name)`},
		{"tcp port and", "column 10: can't parse filter expression: syntax error: expected a port number or name after 'port', found 'and'"},
		{"host a or", "column 10: can't parse filter expression: syntax error"},
		{"(host a", "column 8: can't parse filter expression: syntax error: expected 'and', 'or' or ')'"},
		{"host a)", "column 7: can't parse filter expression: syntax error: unbalanced ')'"},
		{"host a b", "column 8: can't parse filter expression: syntax error: expected 'and', 'or' or end of expression, found 'b'"},
		{"()", "column 2: can't parse filter expression: syntax error"},
		{"ip[0", "column 5: can't parse filter expression: syntax error: expected ']'"},
		{"net 10.0.0.0/x", "column 14: can't parse filter expression: syntax error: expected a prefix length after '/', found 'x'"},
		{"net 10.0.0.0 mask 255", "column 19: can't parse filter expression: syntax error: expected a dotted IPv4 netmask after 'mask'"},
		{"ip[0:3] = 1", "column 6: data size must be 1, 2, or 4"},
		{"ip[0:-1] = 1", "column 6: can't parse filter expression: syntax error"},
		{"1 < 2 < 3", "column 7: can't parse filter expression: syntax error"},
		{"08", "column 1: number 08 contains non-octal digit"},
		{"host a and 08", "column 12: number 08 contains non-octal digit"},
		{"tcp or foo", "column 8: syntax error in filter expression: 'foo'"},
		{"vlan 1 or 2", "column 11: syntax error in filter expression"},
		{"tcp or foo or )", "column 8: syntax error in filter expression"},
		{"tcp ) or foo", "column 5: can't parse filter expression: syntax error"},
		{"ether ab:cd:ef:0g:00:00", "column 7: invalid Ethernet address 'ab:cd:ef:0g:00:00'"},
		{"ip6 host fe80::10.256.30.40", "column 10: invalid IPv6 address fe80::10.256.30.40"},
		{"wlan type 16", "column 11: invalid 802.11 type value 0x10"},
		{"wlan type 0 subtype 0xff", "column 21: invalid 802.11 subtype value 0xff"},
		{"wlan type data subtype beacon", "column 24: unknown 802.11 subtype name \"beacon\""},
		{"wlan subtype 0", "column 14: can't parse filter expression: syntax error"},
		{"wlan dir abc", "column 10: unknown 802.11 direction"},
		{"wlan dir 4", "column 10: invalid 802.11 direction"},
		{"reason invalid", "column 8: unknown PF reason \"invalid\""},
		{"action invalid", "column 8: unknown PF action \"invalid\""},
		{"llc foo", "column 5: unknown LLC type name \"foo\""},
		{"host @", "column 6: can't parse filter expression: syntax error: unexpected character \"@\""},
		{"link host $123", "column 14: can't parse filter expression: syntax error"},
		{"host a and\n  port", "line 2, column 7: can't parse filter expression: syntax error: expected a port number or name after 'port'"},
		{"host a\nand )", "line 2, column 5: can't parse filter expression: syntax error"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", tt.in, tt.want)
			continue
		}
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("Parse(%q): error %T, want *filter.Error", tt.in, err)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q)\n got %s\nwant %s...", tt.in, err, tt.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): multi-line error %q", tt.in, err)
		}
	}
}

// TestParseDepth: 500 levels of nesting work; pathological nesting is an
// error, not a stack overflow.
func TestParseDepth(t *testing.T) {
	nest := func(open, core, close string, n int) string {
		return strings.Repeat(open, n) + core + strings.Repeat(close, n)
	}
	ok := []string{
		nest("(", "tcp", ")", 500),
		nest("not ", "tcp", "", 500),
		nest("(", "ip[0]", ")", 500) + " = 1",
		nest("- ", "1", "", 500) + " = 1",
		"ip[" + nest("ip[", "0", "]", 500) + "] = 1",
		"host a or " + nest("(b or ", "c", ")", 500),
		"port " + nest("(", "80", ")", 500),
		"tcp and " + nest("(", "udp", ")", 500),
	}
	for _, s := range ok {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%.40q...): %v", s, err)
		}
	}
	deep := []string{
		nest("(", "tcp", ")", 20000),
		nest("!", "tcp", "", 20000),
		nest("-", "1", "", 20000) + "=1",
		nest("(", "", "", 200000),
		"host a or " + nest("(b or ", "c", ")", 20000),
		"tcp and " + nest("(", "1", ")", 20000),
	}
	for _, s := range deep {
		_, err := Parse(s)
		if err == nil || !strings.Contains(err.Error(), "nested too deeply") {
			t.Errorf("Parse(%.40q...): %v, want a nesting error", s, err)
		}
	}
}

// TestParseConformance parses every expression of libpcap's test suite:
// each accept/apply case must parse (whatever its link type: the code
// generator rejects unsupported ones), each reject case whose libpcap error
// is a syntax error must be rejected, and every rejection by the parser
// must carry libpcap's message.
func TestParseConformance(t *testing.T) {
	cases := loadParseCases(t)
	type key struct{ kind, expr string }
	seen := map[key]bool{}
	var accepts, acceptsOK, syntax, syntaxOK, rejByParser, rejOther int
	for _, c := range cases {
		k := key{c.Kind, *c.Expr}
		if seen[k] {
			continue
		}
		seen[k] = true
		_, err := Parse(*c.Expr)
		switch c.Kind {
		case "accept", "apply":
			accepts++
			if err != nil {
				t.Errorf("%s %s %q: %v", c.Name, c.DLT, *c.Expr, err)
				continue
			}
			acceptsOK++
		case "reject":
			isSyntax := strings.Contains(c.Expected, "syntax error")
			if isSyntax {
				syntax++
			}
			if err == nil {
				if isSyntax {
					t.Errorf("%s %q: parsed, libpcap says %q", c.Name, *c.Expr, c.Expected)
				}
				rejOther++
				continue
			}
			rejByParser++
			if isSyntax {
				syntaxOK++
			}
			if !strings.Contains(err.Error(), c.Expected) {
				t.Errorf("%s %q: error %q does not contain libpcap's %q", c.Name, *c.Expr, err, c.Expected)
			}
		}
	}
	t.Logf("accept/apply expressions parsed: %d/%d; syntax-error rejects rejected: %d/%d; rejects caught by the parser: %d (left to the code generator: %d)",
		acceptsOK, accepts, syntaxOK, syntax, rejByParser, rejOther)
}

// BenchmarkParse parses every distinct conformance expression once per
// iteration.
func BenchmarkParse(b *testing.B) {
	seen := map[string]bool{}
	var exprs []string
	for _, c := range loadParseCases(b) {
		if !seen[*c.Expr] {
			seen[*c.Expr] = true
			exprs = append(exprs, *c.Expr)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, s := range exprs {
			Parse(s)
		}
	}
	b.ReportMetric(float64(len(exprs)*b.N)/b.Elapsed().Seconds(), "exprs/s")
}

// TestParseSyntaxAgainstTcpdump compares the parser's syntax verdict with
// the installed tcpdump's (libpcap) on generated expressions: valid ones
// from a small grammar, some mutated by deleting, inserting or replacing a
// token, and random token strings. Only cases where libpcap either compiles
// or reports a syntax error are compared (its code generator runs during
// parsing, so a semantic error hides what comes after it). The vocabulary
// avoids names (no resolver lookups) and keywords newer than libpcap 1.10.
func TestParseSyntaxAgainstTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	n, seed := 400, int64(1)
	if testing.Short() {
		n = 50
	}
	// Longer campaigns by hand: GOCAP_PARSE_DIFF=count,seed.
	if v := os.Getenv("GOCAP_PARSE_DIFF"); v != "" {
		if _, err := fmt.Sscanf(v, "%d,%d", &n, &seed); err != nil {
			t.Fatalf("GOCAP_PARSE_DIFF=%q: want count,seed: %v", v, err)
		}
	}
	vocab := strings.Fields("host net port portrange src dst or and not ! ( ) ( ) tcp ip ip6 ether udp " +
		"1.1.1.1 10.0.0.0/8 10.1 fe80::1 2 80 ip[0] tcp[1:2] = > != < + - * / % ^ & | << >> len vlan mpls " +
		"pppoes 1 3 proto protochain gateway mask 255.0.0.0 broadcast multicast less greater byte inbound " +
		"icmp-echo tcpflags && || aa:bb:cc:dd:ee:ff $1 llc type subtype dir data mgt 0 4 ifindex")
	r := rand.New(rand.NewSource(seed))
	compared, accepted := 0, 0
	for i := 0; i < n; i++ {
		var w []string
		if i%3 == 0 {
			for k := 1 + r.Intn(7); k > 0; k-- {
				w = append(w, vocab[r.Intn(len(vocab))])
			}
		} else {
			w = strings.Fields(genExpr(r, 0))
			for m := r.Intn(3); m > 0 && len(w) > 0; m-- {
				p := r.Intn(len(w))
				switch r.Intn(3) {
				case 0:
					w = append(w[:p], w[p+1:]...)
				case 1:
					w = append(w[:p], append([]string{vocab[r.Intn(len(vocab))]}, w[p:]...)...)
				default:
					w[p] = vocab[r.Intn(len(vocab))]
				}
			}
		}
		s := strings.Join(w, " ")
		out, _ := exec.Command(tcpdump, "-d", "-y", "EN10MB", "--", s).CombinedOutput()
		o := string(out)
		var pcapSyntax bool
		switch {
		case strings.Contains(o, "can't parse filter expression") || strings.Contains(o, "syntax error in filter expression"):
			pcapSyntax = true
		case strings.HasPrefix(o, "(000)"):
			accepted++
		default:
			continue
		}
		compared++
		_, err := Parse(s)
		if mine := err != nil && strings.Contains(err.Error(), "syntax error"); mine != pcapSyntax {
			t.Errorf("%q: tcpdump says %q, Parse says %v", s, strings.SplitN(o, "\n", 2)[0], err)
		}
	}
	t.Logf("compared %d expressions with tcpdump (%d compiled by it)", compared, accepted)
	if compared < n/2 {
		t.Errorf("only %d of %d generated expressions were comparable", compared, n)
	}
}

// Generators for TestParseSyntaxAgainstTcpdump: a small grammar of valid
// filters without names.

func pick(r *rand.Rand, xs ...string) string { return xs[r.Intn(len(xs))] }

func genID(r *rand.Rand, d int) string {
	switch r.Intn(8) {
	case 0:
		return "( " + genID(r, d+1) + " " + pick(r, "or", "and", "||") + " " + genID(r, d+1) + " )"
	case 1:
		return "not " + genID(r, d+1)
	case 2:
		return pick(r, "80", "( 80 )", "443")
	}
	return pick(r, "1.1.1.1", "10.0.0.0/8", "10.1", "fe80::1", "10.0.0.0 mask 255.0.0.0", "aa:bb:cc:dd:ee:ff", "fe80::/16")
}

func genArith(r *rand.Rand, d int) string {
	if d > 3 {
		return pick(r, "1", "len", "ip[0]")
	}
	switch r.Intn(6) {
	case 0:
		return genArith(r, d+1) + " " + pick(r, "+", "-", "*", "/", "%", "^", "&", "|", "<<", ">>") + " " + genArith(r, d+1)
	case 1:
		return "( " + genArith(r, d+1) + " )"
	case 2:
		return "- " + genArith(r, d+1)
	case 3:
		return pick(r, "ip", "tcp", "ether", "ip6") + " [ " + genArith(r, d+1) + pick(r, "", " : 2", " : 4") + " ]"
	}
	return pick(r, "1", "len", "0x10", "tcpflags")
}

func genTerm(r *rand.Rand, d int) string {
	if d > 3 {
		return pick(r, "tcp", "ip", "vlan")
	}
	switch r.Intn(9) {
	case 0:
		return "( " + genExpr(r, d+1) + " )"
	case 1:
		return "not " + genTerm(r, d+1)
	case 2:
		return genArith(r, d) + " " + pick(r, "=", "!=", "<", ">", ">=", "<=", "==") + " " + genArith(r, d)
	case 3:
		return pick(r, "tcp", "ip", "udp", "ip6", "arp", "vlan", "vlan 10", "mpls", "pppoed", "pppoes 3", "less 10", "greater 5", "byte 1 & 2", "ether broadcast", "ip multicast", "inbound", "llc", "llc i")
	}
	q := pick(r, "", "ip ", "tcp ", "ether ", "ip6 ") + pick(r, "", "src ", "dst ", "src or dst ") + pick(r, "host ", "net ", "port ", "")
	if strings.TrimSpace(q) == "" || strings.HasSuffix(q, "ip ") || strings.HasSuffix(q, "tcp ") || strings.HasSuffix(q, "ether ") || strings.HasSuffix(q, "ip6 ") {
		q += "host "
	}
	return q + genID(r, d+1)
}

func genExpr(r *rand.Rand, d int) string {
	s := genTerm(r, d)
	for r.Intn(2) == 0 && d < 4 {
		if r.Intn(2) == 0 {
			s += " " + pick(r, "and", "or", "&&", "||") + " " + genID(r, d+1)
		} else {
			s += " " + pick(r, "and", "or", "&&", "||") + " " + genTerm(r, d+1)
		}
	}
	return s
}
