package translate

import (
	"fmt"
	"strings"

	"github.com/cilium/ebpf/asm"
)

// DumpEBPF renders a translated program for people (gocap -d --ebpf): a
// header with the instruction counts of the classic program and of its
// translation, then one eBPF instruction per line with its offset in
// 8-byte slots, labels on lines of their own.
//
// classic is the number of classic instructions the program was
// translated from; pass a negative value when unknown.
func Dump(insns asm.Instructions, classic int, target Target) string {
	var b strings.Builder
	slots := 0
	for _, ins := range insns {
		slots += int(ins.Size() / asm.InstructionSize)
	}
	fmt.Fprintf(&b, "; eBPF for %v: %d instructions (%d slots)", target, len(insns), slots)
	if classic >= 0 {
		fmt.Fprintf(&b, ", from %d classic BPF instructions", classic)
		if classic > 0 {
			fmt.Fprintf(&b, " (%.2fx)", float64(len(insns))/float64(classic))
		}
	}
	b.WriteString("\n")
	width := len(fmt.Sprint(slots))
	off := 0
	for _, ins := range insns {
		if sym := ins.Symbol(); sym != "" {
			fmt.Fprintf(&b, "%s:\n", sym)
		}
		// Jumps print their target label themselves ("<label>").
		fmt.Fprintf(&b, "  %*d: %v\n", width, off, ins)
		off += int(ins.Size() / asm.InstructionSize)
	}
	return b.String()
}
