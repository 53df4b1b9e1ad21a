package translate

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

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

// conformancePath finds ../shared/conformance from the module root.
func conformancePath(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "conformance", "libpcap-filtertests.jsonl")
	if _, err := os.Stat(p); err != nil {
		p = "/work/shared/conformance/libpcap-filtertests.jsonl"
	}
	return p
}

// loadCorpus returns every accept case of the conformance corpus.
func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	f, err := os.Open(conformancePath(t))
	if err != nil {
		t.Fatalf("conformance corpus: %v", err)
	}
	defer f.Close()
	var out []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c corpusCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("conformance corpus: %v", err)
		}
		if c.Kind == "accept" && len(c.Insns) > 0 {
			out = append(out, c)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("conformance corpus: %v", err)
	}
	if len(out) == 0 {
		t.Fatal("conformance corpus has no accept cases")
	}
	return out
}
