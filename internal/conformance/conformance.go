package conformance

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Files of the conformance directory.
const (
	FilterTests       = "libpcap-filtertests.jsonl"
	TranslateTests    = "libpcap-translatetests.jsonl"
	ResolverFixtures  = "libpcap-resolver-fixtures.json"
	maxLine           = 64 << 20 // the longest case line (a large -ddd program) is a few MiB
	initialLineBuffer = 1 << 20
)

// Dir is the conformance directory: ../shared/conformance beside the
// repository's root.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "conformance")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	return filepath.Join(root, "..", "shared", "conformance")
}

// Path is the path of a file in Dir.
func Path(name string) string { return filepath.Join(Dir(), name) }

// ReadCases decodes every line of the JSON Lines file name (in Dir) into a
// T and returns those keep accepts (all of them when keep is nil). An
// error wraps fs.ErrNotExist when the file is missing, so that callers
// can skip.
func ReadCases[T any](name string, keep func(*T) bool) ([]T, error) {
	path := Path(name)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, initialLineBuffer), maxLine)
	for line := 1; sc.Scan(); line++ {
		var c T
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if keep == nil || keep(&c) {
			out = append(out, c)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
