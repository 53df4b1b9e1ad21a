package filter

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input panics or hangs the parser, that errors
// are *Error values pointing into the input, and that whatever parses
// prints back to text that parses to the same tree. The seed corpus is the
// whole libpcap conformance suite plus the parser's own tables.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"", "host a or b", "tcp port 1 or (2 or 3)", "ip[0] & 0xf > 5", "1 % 2 ^ 3 = -len",
		"ether host aa:bb:cc:dd:ee:ff or aabb.ccdd.eeff", "ip6 net fe80::/10 and host ::ffff:1.2.3.4",
		"wlan type mgt subtype beacon", "vpi (1 or 2)", `proto \tcp`, "((((tcp))))", "net 10.1 mask 255.255.0.0",
		"$1f", "ab:cd:ef:0g:00:00", "0x100000000", "08",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	seen := map[string]bool{}
	for _, c := range loadParseCases(f) {
		if !seen[*c.Expr] {
			seen[*c.Expr] = true
			f.Add(*c.Expr)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("Parse(%q): error %T %v, want *filter.Error", src, err, err)
			}
			if fe.Pos < 0 || fe.Pos > len(src) {
				t.Fatalf("Parse(%q): error position %d outside the input: %v", src, fe.Pos, err)
			}
			if msg := err.Error(); utf8.ValidString(src) && !utf8.ValidString(msg) {
				t.Fatalf("Parse(%q): error message is not UTF-8: %q", src, msg)
			}
			return
		}
		if e == nil {
			return
		}
		checkRoundTrip(t, src)
	})
}
