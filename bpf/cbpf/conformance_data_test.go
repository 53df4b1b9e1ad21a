package cbpf

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
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

var (
	casesOnce sync.Once
	cases     []filterCase
	casesErr  error
)

// loadCases returns the accept and bpf_image_enum cases of the suite, read
// once per test binary.
func loadCases(t testing.TB) []filterCase {
	t.Helper()
	casesOnce.Do(func() { cases, casesErr = readCases() })
	if errors.Is(casesErr, fs.ErrNotExist) {
		testenv.Skip(t, "libpcap conformance data not available: %v", casesErr)
	}
	if casesErr != nil {
		t.Fatal(casesErr)
	}
	return cases
}

func readCases() ([]filterCase, error) {
	f, err := os.Open(filterTests)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []filterCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c filterCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s: %w", filterTests, err)
		}
		if c.Kind == "accept" || c.Kind == "bpf_image_enum" {
			out = append(out, c)
		}
	}
	return out, sc.Err()
}
