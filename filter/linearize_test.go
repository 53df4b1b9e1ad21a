package filter

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/internal/testenv"

	"github.com/gocap/gocap/bpf/cbpf"
)

// conformanceCase is the part of a libpcap-filtertests.jsonl record the
// optimizer and linearizer tests use.
type conformanceCase struct {
	Name             string     `json:"name"`
	Kind             string     `json:"kind"`
	Block            string     `json:"block"`
	DLT              string     `json:"dlt"`
	Expr             string     `json:"expr"`
	Optimized        bool       `json:"optimized"`
	Linuxext         bool       `json:"linuxext"`
	OptimizerRejects bool       `json:"optimizer_rejects"`
	ExpectedInsns    [][]uint32 `json:"expected_insns"`
}

func (c *conformanceCase) program() []bpf.RawInstruction {
	out := make([]bpf.RawInstruction, len(c.ExpectedInsns))
	for i, in := range c.ExpectedInsns {
		out[i] = bpf.RawInstruction{Op: uint16(in[0]), Jt: uint8(in[1]), Jf: uint8(in[2]), K: in[3]}
	}
	return out
}

// pairKey identifies the optimized/unoptimized twins of one accept case:
// the name with "_opt_"/"_unopt_" removed.
func (c *conformanceCase) pairKey() string {
	n := strings.Replace(c.Name, "_unopt_", "_", 1)
	return strings.Replace(n, "_opt_", "_", 1)
}

// loadAcceptCases reads the accept cases of the conformance corpus.
func loadAcceptCases(t testing.TB) []*conformanceCase {
	t.Helper()
	cases, err := conformance.ReadCases(conformance.FilterTests, func(c *conformanceCase) bool { return c.Kind == "accept" })
	if errors.Is(err, fs.ErrNotExist) {
		testenv.Skip(t, "conformance corpus not available: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("%s: no accept cases", conformance.FilterTests)
	}
	out := make([]*conformanceCase, len(cases))
	for i := range cases {
		out[i] = &cases[i]
	}
	return out
}

// TestLinearizeRoundTrip checks that the layout is libpcap's: rebuilding the
// graph of each of libpcap's unoptimized programs and laying it out again
// gives back the same instructions.
func TestLinearizeRoundTrip(t *testing.T) {
	cases := loadAcceptCases(t)
	total, same := 0, 0
	for _, c := range cases {
		if c.Optimized {
			continue
		}
		total++
		want := c.program()
		root, err := buildCFG(want)
		if err != nil {
			t.Errorf("%s: buildCFG: %v", c.Name, err)
			continue
		}
		got, err := linearize(root)
		if err != nil {
			t.Errorf("%s: linearize: %v", c.Name, err)
			continue
		}
		if equalProgs(got, want) {
			same++
		} else {
			t.Errorf("%s: round trip differs\n got %v\nwant %v", c.Name, got, want)
		}
	}
	t.Logf("round trip identical: %d/%d unoptimized accept cases (%.2f%%)", same, total, 100*float64(same)/float64(total))
}

// TestLinearizeOptimizedRoundTrip does the same for libpcap's optimized
// programs, which share blocks between paths.
func TestLinearizeOptimizedRoundTrip(t *testing.T) {
	cases := loadAcceptCases(t)
	total, same := 0, 0
	for _, c := range cases {
		if !c.Optimized {
			continue
		}
		total++
		want := c.program()
		root, err := buildCFG(want)
		if err != nil {
			t.Errorf("%s: buildCFG: %v", c.Name, err)
			continue
		}
		got, err := linearize(root)
		if err != nil {
			t.Errorf("%s: linearize: %v", c.Name, err)
			continue
		}
		if equalProgs(got, want) {
			same++
		} else {
			t.Errorf("%s: round trip differs\n got %v\nwant %v", c.Name, got, want)
		}
	}
	t.Logf("round trip identical: %d/%d optimized accept cases (%.2f%%)", same, total, 100*float64(same)/float64(total))
}

func equalProgs(a, b []bpf.RawInstruction) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// chain builds a conjunction of n "ld #i; jeq #i" blocks ending in two
// returns; long enough chains need long jumps.
func chain(n int) *block {
	accept := &block{ID: 2*n + 1, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetK, K: 1}}
	reject := &block{ID: 2*n + 2, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetK, K: 0}}
	next := accept
	for i := n - 1; i >= 0; i-- {
		next = &block{
			ID:    i,
			Stmts: []stmt{{Op: cbpf.ClassLD | cbpf.SizeW | cbpf.ModeIMM, K: uint32(i)}},
			Cond:  stmt{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, K: uint32(i)},
			True:  next,
			False: reject,
		}
	}
	return next
}

func TestLinearizeLongJumps(t *testing.T) {
	for _, n := range []int{10, 127, 128, 200, 1000} {
		prog, err := linearize(chain(n))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		// Run it: every chain accepts (each ld #i; jeq #i is true).
		vm, err := bpf.NewVM(rawToInstructions(prog))
		if err != nil {
			t.Fatalf("n=%d: VM rejects the program: %v", n, err)
		}
		if got, err := vm.Run(make([]byte, 64)); err != nil || got != 1 {
			t.Fatalf("n=%d: program returned %d, %v; want 1", n, got, err)
		}
		jas := 0
		for _, in := range prog {
			if in.Op == cbpf.ClassJMP|cbpf.JA {
				jas++
			}
		}
		// block i sits at 2i; the reject return is the last instruction.
		// Jumps further than 255 need a ja.
		if n <= 127 && jas != 0 {
			t.Errorf("n=%d: %d unexpected ja", n, jas)
		}
		if n >= 200 && jas == 0 {
			t.Errorf("n=%d: no ja for long jumps", n)
		}
		back, err := buildCFG(prog)
		if err != nil {
			t.Fatalf("n=%d: buildCFG: %v", n, err)
		}
		again, err := linearize(back)
		if err != nil || !equalProgs(prog, again) {
			t.Errorf("n=%d: round trip through buildCFG differs (%v)", n, err)
		}
	}
	if _, err := linearize(chain(3000)); err == nil || !strings.Contains(err.Error(), "limit of 4096") {
		t.Errorf("6000-instruction program: got error %v, want the 4096 limit", err)
	}
}

func rawToInstructions(prog []bpf.RawInstruction) []bpf.Instruction {
	out := make([]bpf.Instruction, len(prog))
	for i, r := range prog {
		out[i] = r.Disassemble()
	}
	return out
}

func TestBuildCFGErrors(t *testing.T) {
	ret := bpf.RawInstruction{Op: cbpf.ClassRET | cbpf.RetK}
	tests := []struct {
		name string
		prog []bpf.RawInstruction
		want string
	}{
		{"empty", nil, "empty"},
		{"no return", []bpf.RawInstruction{{Op: cbpf.ClassLD | cbpf.ModeLEN}}, "not a ret"},
		{"jump past end", []bpf.RawInstruction{{Op: cbpf.ClassJMP | cbpf.JEQ, Jt: 1}, ret}, "jt 1 leaves"},
		{"ja past end", []bpf.RawInstruction{{Op: cbpf.ClassJMP | cbpf.JA, K: 5}, ret}, "jump by 5 leaves"},
		{"bad opcode", []bpf.RawInstruction{{Op: 0xff}, ret}, "unknown opcode"},
		{"bad slot", []bpf.RawInstruction{{Op: cbpf.ClassST, K: 16}, ret}, "scratch index 16"},
		{"div by zero", []bpf.RawInstruction{{Op: cbpf.ClassALU | cbpf.DIV}, ret}, "division"},
	}
	for _, tt := range tests {
		_, err := buildCFG(tt.prog)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want error containing %q", tt.name, err, tt.want)
		}
	}
}

// TestBuildCFGJa checks that straight-line code reaching a ja, and code
// falling through into a jump target, is rebuilt with the same meaning.
func TestBuildCFGJa(t *testing.T) {
	prog := []bpf.RawInstruction{
		{Op: cbpf.ClassLD | cbpf.SizeB | cbpf.ModeABS, K: 0},           // 0
		{Op: cbpf.ClassJMP | cbpf.JA, K: 1},                            // 1 -> 3
		{Op: cbpf.ClassRET | cbpf.RetK, K: 7},                          // 2 (dead)
		{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, K: 1, Jt: 0, Jf: 1}, // 3: ==1 -> 4, else 5
		{Op: cbpf.ClassLD | cbpf.SizeW | cbpf.ModeIMM, K: 9},           // 4 falls into 5
		{Op: cbpf.ClassRET | cbpf.RetA},                                // 5
	}
	root, err := buildCFG(prog)
	if err != nil {
		t.Fatal(err)
	}
	out, err := linearize(root)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b < 4; b++ {
		pkt := []byte{byte(b), 0, 0, 0}
		want := runRaw(t, prog, pkt)
		got := runRaw(t, out, pkt)
		if want != got {
			t.Errorf("packet %v: rebuilt program returns %d, original %d", pkt, got, want)
		}
	}
}

func runRaw(t testing.TB, prog []bpf.RawInstruction, pkt []byte) int {
	t.Helper()
	vm, err := bpf.NewVM(rawToInstructions(prog))
	if err != nil {
		t.Fatalf("VM: %v", err)
	}
	r, err := vm.Run(pkt)
	if err != nil {
		t.Fatalf("VM run: %v", err)
	}
	return r
}
