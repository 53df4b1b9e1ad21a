package filter

import (
	"fmt"
	"strings"

	"golang.org/x/net/bpf"
)

// dumpCFG prints a control-flow graph for debugging: one paragraph per
// block in layout order, its statements and its terminator with the IDs of
// its successors.
func dumpCFG(root *block) string {
	blocks, err := postorder(root)
	if err != nil {
		return "invalid graph: " + err.Error()
	}
	var sb strings.Builder
	for i := len(blocks) - 1; i >= 0; i-- {
		b := blocks[i]
		fmt.Fprintf(&sb, "block %d:\n", b.ID)
		for _, s := range b.Stmts {
			fmt.Fprintf(&sb, "\t%v\n", bpf.RawInstruction{Op: s.Op, Jt: s.JT, Jf: s.JF, K: s.K}.Disassemble())
		}
		c := bpf.RawInstruction{Op: b.Cond.Op, K: b.Cond.K}.Disassemble()
		if b.IsReturn() {
			fmt.Fprintf(&sb, "\t%v\n", c)
		} else {
			fmt.Fprintf(&sb, "\t%v → true: %d, false: %d\n", c, b.True.ID, b.False.ID)
		}
	}
	return sb.String()
}
