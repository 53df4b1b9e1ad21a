package filter

import (
	"os"
	"testing"

	"golang.org/x/net/bpf"
)

func TestGenTry(t *testing.T) {
	expr := os.Getenv("GEN_EXPR")
	if expr == "" {
		t.Skip("set GEN_EXPR")
	}
	lt := LinkTypeEthernet
	if s := os.Getenv("GEN_DLT"); s != "" {
		var err error
		lt, err = ParseLinkType(s)
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err := Compile(expr, Options{LinkType: lt, NoOptimize: os.Getenv("GEN_OPT") == "", Linux: os.Getenv("GEN_LINUX") != ""})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range p.Raw {
		t.Logf("(%03d) %#04x %3d %3d %#x  %v", i, r.Op, r.Jt, r.Jf, r.K, bpf.Instruction(r.Disassemble()))
	}
}
