package translate

import (
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"golang.org/x/net/bpf"
)

// corpusCase is one accept case of libpcap's filter tests with its
// expected classic program.
type corpusCase struct {
	Name      string     `json:"name"`
	Kind      string     `json:"kind"`
	DLT       string     `json:"dlt"`
	Expr      string     `json:"expr"`
	Optimized bool       `json:"optimized"`
	Insns     [][]uint32 `json:"expected_insns"`
}

func (c corpusCase) prog() []bpf.RawInstruction {
	p := make([]bpf.RawInstruction, len(c.Insns))
	for i, in := range c.Insns {
		p[i] = bpf.RawInstruction{Op: uint16(in[0]), Jt: uint8(in[1]), Jf: uint8(in[2]), K: in[3]}
	}
	return p
}

// loadCorpus returns every accept case of the conformance corpus.
func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	out, err := conformance.ReadCases(conformance.FilterTests, func(c *corpusCase) bool {
		return c.Kind == "accept" && len(c.Insns) > 0
	})
	if err != nil {
		t.Fatalf("conformance corpus: %v", err)
	}
	if len(out) == 0 {
		t.Fatal("conformance corpus has no accept cases")
	}
	return out
}
