package bpf

import (
	"fmt"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"
)

// TC_ACT_OK: the packet continues unchanged.
const tcActOK = 0

// TCWrapper returns a complete SCHED_CLS program for a capture hook: it
// runs the translated filter on the packet and, when the classic program
// returns a non-zero snap length, runs onMatch; then it returns TC_ACT_OK,
// whatever happened, so the hook never changes the packet's fate.
//
// On entry to onMatch, R6 holds the *__sk_buff, R9 the classic return value
// (the number of bytes to keep, > 0), and the stack below -ScratchSize is
// unused; onMatch may clobber R0-R9 and must end by falling through or by
// jumping to the label "tc_ok" (it may also exit itself). A load out of
// bounds in the filter ends the program at once with R0 = 0 = TC_ACT_OK,
// which is also a "no match".
//
// The capture engine's onMatch typically reserves ring-buffer space and
// copies min(R9, skb->len) bytes with bpf_skb_load_bytes.
func TCWrapper(prog []bpf.RawInstruction, opts Options, onMatch asm.Instructions) (asm.Instructions, error) {
	opts.Target = TC
	filter, err := EmitFilter(prog, FilterConfig{
		Options: opts,
		Ctx:     asm.R1,
		Stack:   -ScratchSize,
		Label:   "cbpf",
		Done:    "tc_verdict",
	})
	if err != nil {
		return nil, fmt.Errorf("tc wrapper: %w", err)
	}
	insns := append(asm.Instructions{}, filter...)
	insns = append(insns,
		asm.JEq.Imm32(asm.R0, 0, "tc_ok").WithSymbol("tc_verdict"),
		asm.Mov.Reg32(asm.R9, asm.R0),
	)
	insns = append(insns, onMatch...)
	insns = append(insns,
		asm.Mov.Imm32(asm.R0, tcActOK).WithSymbol("tc_ok"),
		asm.Return(),
	)
	return insns, nil
}
