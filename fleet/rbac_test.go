package fleet

import (
	"os"
	"strings"
	"testing"
)

// parseRBAC reads the rules of the manifest's ClusterRole as "resource
// verb" pairs. The manifest is kept in the flow style of its rules lines
// (resources: [...], verbs: [...]) that this reads.
func parseRBAC(t *testing.T, name string) map[string]bool {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	list := func(line string) []string {
		line = line[strings.Index(line, "[")+1 : strings.LastIndex(line, "]")]
		var out []string
		for _, f := range strings.Split(line, ",") {
			out = append(out, strings.Trim(strings.TrimSpace(f), `"`))
		}
		return out
	}
	rules := map[string]bool{}
	var resources []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "resources:"):
			resources = list(line)
		case strings.HasPrefix(line, "verbs:"):
			for _, r := range resources {
				for _, v := range list(line) {
					rules[r+" "+v] = true
				}
			}
		}
	}
	if len(rules) == 0 {
		t.Fatalf("%s: no rules read", name)
	}
	return rules
}
