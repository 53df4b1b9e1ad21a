package filter

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Pathological inputs: long chains of and/or and deep nesting. They must
// compile without exhausting the stack, and the benchmarks below show how
// compile time grows with their size (at most quadratically).

// orPorts is "port 1 or port 2 or ... port n".
func orPorts(n int) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			sb.WriteString(" or ")
		}
		fmt.Fprintf(&sb, "port %d", i)
	}
	return sb.String()
}

// andTerms is a conjunction of n distinct tests that the optimizer cannot
// fold away: "ether[0] != 0 and ether[1] != 1 and ...".
func andTerms(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteString(" and ")
		}
		fmt.Fprintf(&sb, "ether[%d] != %d", i, i%251)
	}
	return sb.String()
}

// andWrapped is a conjunction whose terms repeat after 1500 (the same byte
// tested again with another value), which keeps the pull-ups busy.
func andWrapped(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteString(" and ")
		}
		fmt.Fprintf(&sb, "ip[%d] != %d", i%1500, i%251)
	}
	return sb.String()
}

// andRepeated is a conjunction of n identical terms, which the optimizer
// reduces to one.
func andRepeated(n int) string {
	return strings.TrimSuffix(strings.Repeat("tcp and ", n), " and ")
}

// nested is n nested parentheses around alternating and/or.
func nested(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "(port %d %s ", i%7+1, []string{"and", "or"}[i%2])
	}
	sb.WriteString("tcp")
	sb.WriteString(strings.Repeat(")", n))
	return sb.String()
}

func TestOptimizePathological(t *testing.T) {
	tests := []struct {
		name    string
		expr    string
		tooLong bool // more than 4096 instructions even optimized
	}{
		{"2000 ored ports", orPorts(2000), true},
		{"4000-term conjunction", andTerms(4000), true},
		{"4000-term conjunction with repeats", andWrapped(4000), true},
		{"4000 identical terms", andRepeated(4000), false},
		{"500 nested parentheses", nested(500), false},
	}
	if testing.Short() {
		tests = tests[3:]
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Compile(tt.expr, Options{})
			if tt.tooLong {
				if err == nil || !strings.Contains(err.Error(), "4096") {
					t.Fatalf("got %v, want the kernel's 4096-instruction limit", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d instructions", p.Len())
		})
	}
}

// optimizeGraph is what the benchmarks time: generate, optimize, lay out.
func benchCompile(b *testing.B, expr string) {
	b.Helper()
	for i := 0; i < b.N; i++ {
		_, err := Compile(expr, Options{})
		if err != nil && !strings.Contains(err.Error(), "4096") {
			b.Fatal(err)
		}
	}
}

func BenchmarkOptimizeOrPorts(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000} {
		expr := orPorts(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchCompile(b, expr) })
	}
}

func BenchmarkOptimizeConjunction(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000} {
		expr := andTerms(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchCompile(b, expr) })
	}
}

func BenchmarkOptimizeConjunctionRepeats(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000, 4000} {
		expr := andWrapped(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchCompile(b, expr) })
	}
}

func BenchmarkOptimizeRepeated(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000} {
		expr := andRepeated(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchCompile(b, expr) })
	}
}

func BenchmarkOptimizeNested(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000} {
		expr := nested(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchCompile(b, expr) })
	}
}

// BenchmarkOptimizeDynamicCost reports the instructions executed per packet
// by our optimized programs and by libpcap's, over the conformance corpus:
// packets aimed at each program's paths (directedPackets) plus the
// packetgen corpus of its link type (corpusPackets). The figure is the
// ratio ours/libpcap (lower is better).
func BenchmarkOptimizeDynamicCost(b *testing.B) {
	pairs := loadOptPairs(b)
	type job struct {
		ours, theirs []bpf.RawInstruction
		pkts         []testPacket
	}
	var jobs []job
	rng := newTestRand(7)
	for _, p := range pairs {
		if p.rejectsAll {
			continue
		}
		got, err := optimizeProgram(p.unopt)
		if err != nil {
			b.Fatal(err)
		}
		if equalProgs(p.unopt, p.lopt) && hasLocalJumps(p.unopt) {
			got = p.unopt
		}
		pkts := directedPackets(rng, [][]bpf.RawInstruction{p.unopt, p.lopt, got}, 8)
		pkts = append(pkts, corpusPackets(b, p, pairs)...)
		jobs = append(jobs, job{got, p.lopt, pkts})
	}
	b.ResetTimer()
	var ours, theirs, packets int
	for i := 0; i < b.N; i++ {
		ours, theirs, packets = 0, 0, 0
		for _, j := range jobs {
			for _, pk := range j.pkts {
				_, n1, err1 := cbpf.Run(j.ours, pk.data, &pk.meta)
				_, n2, err2 := cbpf.Run(j.theirs, pk.data, &pk.meta)
				if err1 != nil || err2 != nil {
					break // protochain's backward jump
				}
				ours += n1
				theirs += n2
				packets++
			}
		}
	}
	b.ReportMetric(float64(ours)/float64(packets), "insns/pkt")
	b.ReportMetric(float64(theirs)/float64(packets), "libpcap-insns/pkt")
	b.ReportMetric(float64(ours)/float64(theirs), "ratio")
}
