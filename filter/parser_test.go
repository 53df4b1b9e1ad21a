package filter

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// parseCase is the part of a libpcap-filtertests.jsonl record the parser
// tests need.
type parseCase struct {
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	DLT      string  `json:"dlt"`
	Expr     *string `json:"expr"`
	Expected string  `json:"expected"`
}

// parseConformancePath is the libpcap conformance data, beside the
// repository (CI has ../shared next to the checkout).
const parseConformancePath = "../../shared/conformance/libpcap-filtertests.jsonl"

// loadParseCases reads the conformance cases that have an expression.
func loadParseCases(t testing.TB) []parseCase {
	t.Helper()
	f, err := os.Open(parseConformancePath)
	if err != nil {
		if os.Getenv("GOCAP_TEST_STRICT") != "" {
			t.Fatalf("conformance data: %v", err)
		}
		t.Skipf("conformance data not available: %v", err)
	}
	defer f.Close()
	var cases []parseCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c parseCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("conformance line: %v", err)
		}
		if c.Expr == nil || c.Kind == "bpf_image_enum" {
			continue
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}
