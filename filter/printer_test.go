package filter

import (
	"reflect"
	"testing"
)

// positionFields are the AST fields that hold byte offsets; round-trip
// comparisons ignore them.
var positionFields = map[string]bool{"Pos": true, "IDPos": true, "NumPos": true, "SizePos": true}

// stripPositions zeroes every position field in the tree rooted at n.
func stripPositions(n Node) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Field(i)
				if positionFields[v.Type().Field(i).Name] && f.CanSet() {
					f.SetInt(0)
					continue
				}
				walk(f)
			}
		}
	}
	walk(reflect.ValueOf(n))
}

// checkRoundTrip parses src, prints it, parses the print and compares the
// trees (ignoring positions); printing again must be stable.
func checkRoundTrip(t testing.TB, src string) {
	t.Helper()
	e, err := Parse(src)
	if err != nil || e == nil {
		return
	}
	printed := e.String()
	e2, err := Parse(printed)
	if err != nil {
		t.Errorf("round trip %q: printed %q does not parse: %v", src, printed, err)
		return
	}
	if again := e2.String(); again != printed {
		t.Errorf("round trip %q: printed %q, then %q", src, printed, again)
	}
	stripPositions(e)
	stripPositions(e2)
	if !reflect.DeepEqual(e, e2) {
		t.Errorf("round trip %q: printed %q parses to\n%s\nwant\n%s", src, printed, dump(e2), dump(e))
	}
}

func TestPrint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"host a or b", "host a or b"},
		{"host   a  ||b", "host a || b"},
		{"tcp port 1 or (2 or 3)", "tcp port 1 or (2 or 3)"},
		{"host (a or b)", "(host a or b)"},
		{"port (80)", "port 80"},
		{"!tcp&&not udp", "! tcp && not udp"},
		{"proto \\tcp", "proto \\tcp"},
		{"host \\a]b", "host \\a]b"},
		{"ip[2:2]-((ip[0]&0xf)<<2)!=0", "ip[2:2] - ((ip[0] & 0xf) << 2) != 0"},
		{"tcp[tcpflags]&tcp-syn==tcp-syn", "tcp[tcpflags] & tcp-syn == tcp-syn"},
		{"-len=-1", "-len = -1"},
		{"src or dst net 10.0.0.0 mask 255.0.0.0", "src or dst net 10.0.0.0 mask 255.0.0.0"},
		{"ip6 net fe80::/10", "ip6 net fe80::/10"},
		{"wlan type 0x08 subtype 0x80", "wlan type 0x08 subtype 0x80"},
		{"wlan direction 1", "wlan dir 1"},
		{"vpi (1 or 2) and vci != 3", "vpi (1 or 2) and vci != 3"},
		{"byte 2 & 0x10", "byte 2 & 16"},
		{"ruleset \\host", "ruleset \\host"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := e.String(); got != tt.want {
			t.Errorf("print(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkRoundTrip(t, tt.in)
	}
}

// TestPrintRoundTripConformance: every conformance expression that parses
// prints to text that parses to the same tree.
func TestPrintRoundTripConformance(t *testing.T) {
	seen := map[string]bool{}
	n := 0
	for _, c := range loadParseCases(t) {
		if seen[*c.Expr] {
			continue
		}
		seen[*c.Expr] = true
		checkRoundTrip(t, *c.Expr)
		n++
	}
	t.Logf("round-tripped %d distinct expressions", n)
}
