package cbpf

import (
	"errors"
	"io/fs"
	"sync"
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
)

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
	return conformance.ReadCases(conformance.FilterTests, func(c *filterCase) bool {
		return c.Kind == "accept" || c.Kind == "bpf_image_enum"
	})
}
