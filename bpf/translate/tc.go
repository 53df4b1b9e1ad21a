package translate

import (
	"fmt"

	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
	"golang.org/x/net/bpf"
)

// TCNext is what a capture hook returns on every path: TC_ACT_UNSPEC, which
// is TCX_NEXT under tcx. The packet goes on to the next tcx program, the
// clsact qdisc's next filter, or the stack, exactly as if the hook were not
// there. (TC_ACT_OK, 0, would be TCX_PASS: it ends the chain, and the
// programs or filters after the hook never see the packet.)
const TCNext = -1

// Labels of the program TCWrapper builds.
const (
	// TCNextLabel is the instruction that returns TCNext; onMatch may jump
	// to it.
	TCNextLabel = "tc_next"
	tcFilterFn  = "tc_filter"
)

// TCWrapper returns a complete SCHED_CLS program for a capture hook: it
// runs the translated filter on the packet and, when the classic program
// returns a non-zero snap length, runs onMatch; then it returns TCNext,
// whatever happened, so the hook never changes the packet's fate.
//
// The filter runs as a BPF-to-BPF function of its own. A packet load out of
// bounds (LD_ABS/LD_IND on a packet shorter than the load) ends the function
// it is in with 0; in the main program that would be the program's return
// value, TC_ACT_OK, which under tcx skips every program after the hook. In a
// function it is only the filter's "no match". The kernel allows LD_ABS in
// functions only when the program carries BTF function information (Linux
// 5.11 and later), so the instructions carry it (see btf.WithFuncMetadata).
//
// On entry to onMatch, R6 holds the *__sk_buff, R9 the classic return value
// (the number of bytes to keep, > 0), and the whole stack is unused;
// onMatch may clobber R0-R9 and must end by falling through or by jumping to
// TCNextLabel. It must not exit itself, nor use the labels "tc_*" or
// "cbpf*".
//
// The capture engine's onMatch typically reserves ring-buffer space and
// copies min(R9, skb->len) bytes with bpf_skb_load_bytes.
func TCWrapper(prog []bpf.RawInstruction, opts Options, onMatch asm.Instructions) (asm.Instructions, error) {
	filter, err := Emit(prog, Config{
		Access:      ContextLoads,
		Context:     ContextSKB,
		Ctx:         asm.R1,
		Stack:       -StackSize,
		Label:       "cbpf",
		HAType:      opts.HAType,
		HATypeKnown: opts.HATypeKnown,
	})
	if err != nil {
		return nil, fmt.Errorf("tc wrapper: %w", err)
	}
	main := asm.Instructions{
		btf.WithFuncMetadata(asm.Mov.Reg(asm.R6, asm.R1), tcFunc("gocap_tc", btf.GlobalFunc)),
		asm.Call.Label(tcFilterFn), // R1 = ctx; R6-R9 survive the call
		asm.JEq.Imm32(asm.R0, 0, TCNextLabel),
		asm.Mov.Reg32(asm.R9, asm.R0),
	}
	main = append(main, onMatch...)
	main = append(main,
		asm.Mov.Imm(asm.R0, TCNext).WithSymbol(TCNextLabel),
		asm.Return(),
	)
	filter[0] = btf.WithFuncMetadata(filter[0].WithSymbol(tcFilterFn), tcFunc(tcFilterFn, btf.StaticFunc))
	return append(main, filter...), nil
}

// tcFunc is the BTF description of both functions of a TCWrapper program:
// int name(void *ctx). The kernel requires an integer return type of a
// function that uses LD_ABS.
func tcFunc(name string, linkage btf.FuncLinkage) *btf.Func {
	return &btf.Func{
		Name: name,
		Type: &btf.FuncProto{
			Return: &btf.Int{Name: "int", Size: 4, Encoding: btf.Signed},
			Params: []btf.FuncParam{{Name: "ctx", Type: &btf.Pointer{Target: &btf.Void{}}}},
		},
		Linkage: linkage,
	}
}
