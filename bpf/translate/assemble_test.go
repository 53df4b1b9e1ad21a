package translate

import (
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// TestTranslateAssembles needs no privileges: every corpus program and
// many random ones translate for every target (or are refused with
// ErrUnsupported on XDP), and the result assembles: all jump labels
// resolve, no instruction is invalid, and each classic jump target that
// survives dead-code removal carries its label.
func TestTranslateAssembles(t *testing.T) {
	var progs [][]bpf.RawInstruction
	for _, c := range loadCorpus(t) {
		progs = append(progs, c.prog())
	}
	rng := rand.New(rand.NewPCG(5, 8))
	for i := 0; i < 5000; i++ {
		progs = append(progs, genProgram(rng, genOptions{kernel: i%2 == 0}))
	}
	for _, prog := range progs {
		for _, tg := range []Target{SocketFilter, TC, XDP} {
			insns, err := Program(prog, Options{Target: tg, HAType: 1, HATypeKnown: true})
			if tg == XDP && errors.Is(err, ErrUnsupported) {
				continue
			}
			if err != nil {
				t.Fatalf("%v: %v\n%s", tg, err, progString(prog))
			}
			for _, ins := range insns {
				if ins.OpCode == asm.InvalidOpCode {
					t.Fatalf("%v: invalid instruction in\n%v", tg, insns)
				}
			}
			if err := insns.Marshal(io.Discard, binary.LittleEndian); err != nil {
				t.Fatalf("%v: %v\n%v\nclassic:\n%s", tg, err, insns, progString(prog))
			}
		}
	}
	t.Logf("%d programs assembled for 3 targets", len(progs))
}

// TestFragment places two filters in one program with Emit: labels must
// not collide, each must end at its Match or NoMatch label, and bad
// placements are refused.
func TestFragment(t *testing.T) {
	prog := []bpf.RawInstruction{
		{Op: cbpf.ClassLD | cbpf.SizeH | cbpf.ModeABS, K: 12},
		{Op: cbpf.ClassJMP | cbpf.JEQ, Jt: 0, Jf: 1, K: 0x800},
		{Op: cbpf.ClassRET | cbpf.RetK, K: 100},
		{Op: cbpf.ClassALU | cbpf.DIV | cbpf.SrcX},
		{Op: cbpf.ClassRET | cbpf.RetA},
	}
	var all asm.Instructions
	for i, label := range []string{"first", "second"} {
		frag, err := Emit(prog, Config{
			Access: ContextLoads, Context: ContextSKB, Ctx: asm.R1, Stack: -StackSize,
			Label: label, Match: label + "_done", NoMatch: label + "_done",
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, ins := range frag {
			if ins.OpCode.JumpOp() == asm.Exit {
				t.Fatalf("fragment %d exits instead of jumping to %s_done:\n%v", i, label, frag)
			}
		}
		all = append(all, frag...)
		all = append(all, asm.Mov.Reg(asm.R1, asm.R6).WithSymbol(label+"_done"))
	}
	all = append(all, asm.Return())
	if err := all.Marshal(io.Discard, binary.LittleEndian); err != nil {
		t.Fatalf("%v\n%v", err, all)
	}
	for _, bad := range []Config{
		{Access: ContextLoads, Context: ContextSKB, Stack: -8},
		{Access: ContextLoads, Context: ContextXDP, Stack: -StackSize},
		{Access: DirectLoads, Data: asm.R2, DataEnd: asm.R9, Stack: -StackSize},
		{Access: DirectLoads, Data: asm.R7, DataEnd: asm.R9, Stack: -StackSize}, // X defaults to R7
		{Access: ProbeReads, Context: ContextSKB, Ctx: asm.R8, Data: asm.R8, DataEnd: asm.R9, X: asm.R6, Stack: -StackSize},
		{Access: ContextLoads, Context: ContextSKB, Stack: -StackSize, Match: "m"},
	} {
		if _, err := Emit(prog, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
