package cbpf

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
)

// filterTests is libpcap's filter test suite, extracted (see its SOURCE.md).
const filterTests = "../../../shared/conformance/libpcap-filtertests.jsonl"

type filterCase struct {
	Name          string     `json:"name"`
	Kind          string     `json:"kind"`
	DLT           string     `json:"dlt"`
	Expr          string     `json:"expr"`
	Expected      string     `json:"expected"`
	ExpectedInsns [][]uint32 `json:"expected_insns"`
}

func (c *filterCase) program() []bpf.RawInstruction {
	p := make([]bpf.RawInstruction, len(c.ExpectedInsns))
	for i, in := range c.ExpectedInsns {
		p[i] = bpf.RawInstruction{Op: uint16(in[0]), Jt: uint8(in[1]), Jf: uint8(in[2]), K: in[3]}
	}
	return p
}

// loadCases returns the accept and bpf_image_enum cases of the suite.
func loadCases(t testing.TB) []filterCase {
	t.Helper()
	f, err := os.Open(filterTests)
	if err != nil {
		testenv.Skip(t, "libpcap conformance data not available: %v", err)
	}
	defer f.Close()
	var out []filterCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c filterCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", filterTests, err)
		}
		if c.Kind == "accept" || c.Kind == "bpf_image_enum" {
			out = append(out, c)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
