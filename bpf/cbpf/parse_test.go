package cbpf

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/bpf"
)

func TestParseDecimal(t *testing.T) {
	want := []bpf.RawInstruction{{Op: 40, K: 12}, {Op: 21, Jf: 1, K: 2048}, {Op: 6, K: 262144}, {Op: 6}}
	tests := []struct {
		name, in string
		want     []bpf.RawInstruction
		err      string
	}{
		{"tcpdump -ddd", "4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n", want, ""},
		{"commas", "4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0", want, ""},
		{"blank lines and spaces", "\n 4\n\n40  0 0 12\r\n21 0 1 2048\t\n6 0 0 262144\n6 0 0 0\n\n", want, ""},
		{"empty", "  \n", nil, "no instruction count"},
		{"count not number", "four\n", nil, `line 1: instruction count "four" is not a decimal number`},
		{"count zero", "0\n", nil, "line 1: instruction count 0 is not in 1..4096"},
		{"count too big", "5000\n", nil, "not in 1..4096"},
		{"count with fields", "4 1\n", nil, "line 1: expected the instruction count"},
		{"too few", "2\n6 0 0 0\n", nil, "line 1: count says 2 instructions, found 1"},
		{"too many", "1\n6 0 0 0\n6 0 0 0\n", nil, "count says 1 instructions, found 2"},
		{"short line", "1\n6 0 0\n", nil, "line 2: expected 4 numbers"},
		{"hex", "1\n0x6 0 0 0\n", nil, `line 2: code "0x6" is not a decimal number`},
		{"negative k", "1\n6 0 0 -1\n", nil, `line 2: k "-1" is not a decimal number`},
		{"jt range", "2\n\n21 256 0 0\n6 0 0 0\n", nil, "line 3: jt 256 does not fit in 8 bits"},
		{"k range", "1\n6 0 0 4294967296\n", nil, "k 4294967296 does not fit in 32 bits"},
		{"code range", "1\n65536 0 0 0\n", nil, "code 65536 does not fit in 16 bits"},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrSyntax) {
				t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, %v", tt.name, got, err)
		}
	}
}

// TestParseDecimalRoundTrip reads back the -ddd text of every program of
// libpcap's suite.
func TestParseDecimalRoundTrip(t *testing.T) {
	for _, c := range loadCases(t) {
		prog := c.program()
		got, err := ParseDecimal(DumpDecimal(prog))
		if err != nil || !reflect.DeepEqual(got, prog) {
			t.Fatalf("%s: %v", c.Name, err)
		}
	}
}
