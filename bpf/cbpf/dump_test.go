package cbpf

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/bpf"
)

// TestDumpConformance checks Dump against libpcap's bpf_dump() text for
// every accept case of the suite, every link type.
func TestDumpConformance(t *testing.T) {
	cases := loadCases(t)
	n := 0
	for _, c := range cases {
		if c.Kind != "accept" {
			continue
		}
		n++
		if got := Dump(c.program()); got != c.Expected {
			t.Errorf("%s (%s, %q):\ngot:\n%s\nwant:\n%s", c.Name, c.DLT, c.Expr, got, c.Expected)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d accept cases found", n)
	}
	t.Logf("%d accept cases dump identically", n)
}

// TestImageEnum checks every opcode of libpcap's bpf_image() table. The
// suite's text appends the opcode to each line as "%-50s; 0x%04x".
func TestImageEnum(t *testing.T) {
	found := false
	for _, c := range loadCases(t) {
		if c.Kind != "bpf_image_enum" {
			continue
		}
		found = true
		var b strings.Builder
		for i, ins := range c.program() {
			fmt.Fprintf(&b, "%-50s; 0x%04x\n", Image(ins, i), ins.Op)
		}
		if b.String() != c.Expected {
			t.Errorf("got:\n%s\nwant:\n%s", b.String(), c.Expected)
		}
	}
	if !found {
		t.Fatal("no bpf_image_enum case")
	}
}

func TestImage(t *testing.T) {
	tests := []struct {
		ins  bpf.RawInstruction
		n    int
		want string
	}{
		{bpf.RawInstruction{Op: 0x28, K: 12}, 0, "(000) ldh      [12]"},
		{bpf.RawInstruction{Op: 0x28, K: 0xfffff000 + SKFAdVLANTag}, 1, "(001) ldh      [vlan_tci]"},
		{bpf.RawInstruction{Op: 0x30, K: 0xfffff000 + SKFAdVLANTagPresent}, 1, "(001) ldb      [vlanp]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff000 + 2}, 1, "(001) ld       [-4094]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfff00000}, 1, "(001) ld       [-1048576]"},
		{bpf.RawInstruction{Op: 0xb1, K: 14}, 7, "(007) ldxb     4*([14]&0xf)"},
		{bpf.RawInstruction{Op: 0x15, Jt: 0, Jf: 3, K: 0x800}, 1, "(001) jeq      #0x800           jt 2\tjf 5"},
		{bpf.RawInstruction{Op: 0x05, K: 0xffffffff}, 3, "(003) ja       3"},
		{bpf.RawInstruction{Op: 0x06, K: 0xffffffff}, 3, "(003) ret      #-1"},
		{bpf.RawInstruction{Op: 0x16}, 3, "(003) ret"},
		{bpf.RawInstruction{Op: 0x8c}, 3, "(003) unimp    0x8c"},
		{bpf.RawInstruction{Op: 0x1234}, 1000, "(1000) unimp    0x1234"},
	}
	for _, tt := range tests {
		if got := Image(tt.ins, tt.n); got != tt.want {
			t.Errorf("Image(%+v, %d) = %q, want %q", tt.ins, tt.n, got, tt.want)
		}
	}
}

func TestDumpFormats(t *testing.T) {
	prog := []bpf.RawInstruction{
		{Op: 0x28, K: 12},
		{Op: 0x15, Jt: 0, Jf: 1, K: 0x800},
		{Op: 0x06, K: 262144},
		{Op: 0x06, K: 0},
	}
	wantD := "(000) ldh      [12]\n(001) jeq      #0x800           jt 2\tjf 3\n(002) ret      #262144\n(003) ret      #0\n"
	wantDD := "{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000800 },\n{ 0x6, 0, 0, 0x00040000 },\n{ 0x6, 0, 0, 0x00000000 },\n"
	wantDDD := "4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n"
	if got := Dump(prog); got != wantD {
		t.Errorf("Dump:\n%s\nwant\n%s", got, wantD)
	}
	if got := DumpC(prog); got != wantDD {
		t.Errorf("DumpC:\n%s\nwant\n%s", got, wantDD)
	}
	if got := DumpDecimal(prog); got != wantDDD {
		t.Errorf("DumpDecimal:\n%s\nwant\n%s", got, wantDDD)
	}
}
