package translate_test

import (
	"fmt"

	"github.com/cilium/ebpf/asm"

	"github.com/gocap/gocap/bpf/translate"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
)

// Translate a compiled filter into a complete socket-filter program, ready
// for ebpf.NewProgram and SO_ATTACH_BPF.
func ExampleProgram() {
	compiled, err := filter.Compile("icmp", filter.Options{LinkType: linktype.Ethernet})
	if err != nil {
		panic(err)
	}
	insns, err := translate.Program(compiled.Raw, translate.Options{Target: translate.SocketFilter})
	if err != nil {
		panic(err)
	}
	fmt.Print(translate.Dump(insns, len(compiled.Raw), translate.SocketFilter))
	// Output:
	// ; eBPF for socket-filter: 11 instructions (11 slots), from 6 classic BPF instructions (1.83x)
	//    0: MovReg dst: r6 src: r1
	//    1: MovImm32 dst: r0 imm: 0
	//    2: MovImm32 dst: r7 imm: 0
	//    3: LdAbsH imm: 12
	//    4: JNE32Imm dst: r0 off: -1 imm: 2048 <cbpf_5>
	//    5: LdAbsB imm: 23
	//    6: JNE32Imm dst: r0 off: -1 imm: 1 <cbpf_5>
	//    7: MovImm32 dst: r0 imm: 262144
	//    8: Exit
	// cbpf_5:
	//    9: MovImm32 dst: r0 imm: 0
	//   10: Exit
}

// Embed a user's filter in an XDP program of your own: the packet pointers
// stay in the registers you chose, the filter jumps to your labels, and
// your code decides what a match means (here: drop the packet).
func ExampleEmit() {
	compiled, err := filter.Compile("udp port 53", filter.Options{LinkType: linktype.Ethernet})
	if err != nil {
		panic(err)
	}
	frag, err := translate.Emit(compiled.Raw, translate.Config{
		Access:  translate.DirectLoads,
		Context: translate.ContextXDP, Ctx: asm.R6,
		Data: asm.R8, DataEnd: asm.R9,
		Match: "drop", NoMatch: "pass",
		Stack: -translate.StackSize,
	})
	if err != nil {
		panic(err)
	}
	prog := asm.Instructions{
		asm.Mov.Reg(asm.R6, asm.R1),
		asm.LoadMem(asm.R8, asm.R6, 0, asm.Word), // xdp_md.data
		asm.LoadMem(asm.R9, asm.R6, 4, asm.Word), // xdp_md.data_end
	}
	prog = append(prog, frag...)
	prog = append(prog,
		asm.Mov.Imm(asm.R0, 1).WithSymbol("drop"), // XDP_DROP
		asm.Return(),
		asm.Mov.Imm(asm.R0, 2).WithSymbol("pass"), // XDP_PASS
		asm.Return(),
	)
	// prog is ready for ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.XDP, ...}).
	exits := 0
	for _, ins := range frag {
		if ins.OpCode.JumpOp() == asm.Exit {
			exits++
		}
	}
	fmt.Println(len(frag) > 0, exits)
	// Output:
	// true 0
}
