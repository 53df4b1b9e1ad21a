package translate

import (
	"fmt"
	"strconv"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// A is R0, as in the kernel's bpf_convert_filter: LD_ABS/LD_IND and helper
// calls return their value there.
const regA = asm.R0

// Offsets in the fragment's stack area (Config.Stack).
const (
	stackSaveA = 16 * 4         // A across a helper call or LD_ABS into X
	stackProbe = stackSaveA + 8 // ProbeReads' buffer
)

type translator struct {
	cfg    Config
	regs   layout
	prog   []bpf.RawInstruction
	facts  cbpf.Facts
	target []bool // instruction i needs a label: a jump goes there
	out    asm.Instructions

	pending string // label for the next emitted instruction
	ret0    bool   // the shared "return 0" block is referenced
	exhaust bool   // the loop-budget block is referenced
}

func (t *translator) label(pc int) string { return t.cfg.Label + "_" + strconv.Itoa(pc) }
func (t *translator) ret0Label() string   { t.ret0 = true; return t.cfg.Label + "_ret0" }

// emit appends instructions, attaching a pending label to the first one.
func (t *translator) emit(insns ...asm.Instruction) {
	for _, ins := range insns {
		if t.pending != "" {
			ins = ins.WithSymbol(t.pending)
			t.pending = ""
		}
		t.out = append(t.out, ins)
	}
}

// setLabel puts label on the next emitted instruction. An instruction
// carries one symbol, so a label still pending gets a jump of its own.
func (t *translator) setLabel(label string) {
	if t.pending != "" {
		t.emit(asm.Ja.Label(label))
	}
	t.pending = label
}

// ret ends the classic program with A holding the result: a jump to Match
// or NoMatch, or an exit with R0 = A.
func (t *translator) ret() {
	if t.cfg.Match == "" {
		t.emit(asm.Return())
		return
	}
	t.emit(asm.JEq.Imm32(regA, 0, t.cfg.NoMatch))
	if t.cfg.Result != regA {
		t.emit(asm.Mov.Reg(t.cfg.Result, regA))
	}
	t.emit(asm.Ja.Label(t.cfg.Match))
}

// retK ends the classic program with the constant k. With labels it takes
// the same path as a return of A, so that both labels are jumped to even
// by a filter that accepts or rejects everything: the verifier refuses a
// host program whose Match or NoMatch code no jump reaches, and it drops
// the branch it knows is never taken.
func (t *translator) retK(k uint32) {
	t.emit(asm.Mov.Imm32(regA, int32(k)))
	t.ret()
}

// saveA and restoreA keep A on the stack across an instruction that
// clobbers R0.
func (t *translator) saveA() asm.Instruction {
	return asm.StoreMem(asm.RFP, t.cfg.Stack+stackSaveA, regA, asm.DWord)
}
func (t *translator) restoreA() asm.Instruction {
	return asm.LoadMem(regA, asm.RFP, t.cfg.Stack+stackSaveA, asm.DWord)
}

func (t *translator) translate() (asm.Instructions, error) {
	if t.regs.ctx != 0 && t.cfg.Ctx != t.regs.ctx {
		t.emit(asm.Mov.Reg(t.regs.ctx, t.cfg.Ctx))
	}
	if t.regs.loadData {
		t.emit(
			asm.LoadMem(t.regs.data, t.regs.ctx, xdpData, asm.Word),
			asm.LoadMem(t.regs.dataEnd, t.regs.ctx, xdpDataEnd, asm.Word),
		)
	}
	// Classic BPF starts with A = X = 0 (and the verifier insists that
	// registers are written before they are read).
	t.emit(asm.Mov.Imm32(regA, 0), asm.Mov.Imm32(t.regs.x, 0))
	// Scratch memory that is read somewhere starts at zero, as in
	// x/net/bpf's VM. The kernel's checker refuses programs that may read
	// a slot before writing it, so for programs it accepts this changes
	// nothing; for the others it gives a defined result instead of stack
	// garbage (which the verifier would refuse anyway).
	for pair := 0; pair < cbpf.MemWords/2; pair++ {
		if t.facts.ScratchRead&(3<<(2*pair)) != 0 {
			// asm.StoreImm refuses DWord; the kernel accepts it.
			t.emit(asm.Instruction{OpCode: asm.StoreImmOp(asm.DWord), Dst: asm.RFP, Offset: t.cfg.Stack + int16(8*pair)})
		}
	}
	for pc, ins := range t.prog {
		if !t.facts.Reachable[pc] {
			continue
		}
		if t.target[pc] {
			t.setLabel(t.label(pc))
		}
		before := len(t.out)
		if err := t.insn(pc, ins); err != nil {
			return nil, fmt.Errorf("translate instruction %d (%#02x %d %d %#x) for %v: %w", pc, ins.Op, ins.Jt, ins.Jf, ins.K, t.cfg.Access, err)
		}
		if t.pending != "" || len(t.out) == before && t.target[pc] {
			// The instruction emitted nothing (e.g. "ja 0"); keep the label
			// on a no-op so jumps still have a destination.
			t.emit(asm.Ja.Label(t.label(pc + 1)))
			t.target[pc+1] = true
		}
	}
	if t.ret0 {
		t.setLabel(t.cfg.Label + "_ret0")
		t.retK(0)
	}
	if t.exhaust {
		// Loop budget of may_goto exhausted: drop the packet.
		t.setLabel(t.cfg.Label + "_loop_exhausted")
		t.retK(0)
	}
	return pruneDead(t.out), nil
}

// jumpTargets marks the instructions a reachable jump goes to by a
// non-zero offset, and the true branch of every reachable JSET (it always
// jumps: JSET has no negation to jump on instead).
func jumpTargets(prog []bpf.RawInstruction, reachable []bool) []bool {
	target := make([]bool, len(prog))
	for pc, ins := range prog {
		if !reachable[pc] || ins.Op&cbpf.ClassMask != cbpf.ClassJMP {
			continue
		}
		if ins.Op == cbpf.ClassJMP|cbpf.JA {
			target[pc+1+int(int32(ins.K))] = true
			continue
		}
		if ins.Jt != 0 || ins.Op&cbpf.OpMask == cbpf.JSET {
			target[pc+1+int(ins.Jt)] = true
		}
		if ins.Jf != 0 {
			target[pc+1+int(ins.Jf)] = true
		}
	}
	return target
}

// insn emits the eBPF code of one classic instruction.
func (t *translator) insn(pc int, ins bpf.RawInstruction) error {
	code, k := uint8(ins.Op), ins.K
	switch code & 0x07 {
	case cbpf.ClassLD:
		switch code & 0xe0 {
		case cbpf.ModeIMM:
			t.emit(asm.Mov.Imm32(regA, int32(k)))
		case cbpf.ModeMEM:
			t.emit(asm.LoadMem(regA, asm.RFP, t.slot(k), asm.Word))
		case cbpf.ModeLEN:
			return t.loadLen(regA)
		case cbpf.ModeABS:
			return t.loadAbs(code&0x18, k)
		case cbpf.ModeIND:
			return t.loadInd(code&0x18, k)
		}
	case cbpf.ClassLDX:
		switch code & 0xe0 {
		case cbpf.ModeIMM:
			t.emit(asm.Mov.Imm32(t.regs.x, int32(k)))
		case cbpf.ModeMEM:
			t.emit(asm.LoadMem(t.regs.x, asm.RFP, t.slot(k), asm.Word))
		case cbpf.ModeLEN:
			return t.loadLen(t.regs.x)
		case cbpf.ModeMSH:
			return t.loadMSH(k)
		}
	case cbpf.ClassST:
		t.emit(asm.StoreMem(asm.RFP, t.slot(k), regA, asm.Word))
	case cbpf.ClassSTX:
		t.emit(asm.StoreMem(asm.RFP, t.slot(k), t.regs.x, asm.Word))
	case cbpf.ClassALU:
		t.alu(code, k)
	case cbpf.ClassJMP:
		t.jump(pc, ins)
	case cbpf.ClassRET:
		if code&cbpf.RetMask == cbpf.RetK {
			t.retK(k)
		} else {
			t.ret()
		}
	case cbpf.ClassMISC:
		if code&0xf8 == cbpf.TAX {
			t.emit(asm.Mov.Reg32(t.regs.x, regA))
		} else {
			t.emit(asm.Mov.Reg32(regA, t.regs.x))
		}
	}
	return nil
}

func (t *translator) slot(k uint32) int16 { return t.cfg.Stack + int16(4*k) }

var aluOps = map[uint8]asm.ALUOp{
	cbpf.ADD: asm.Add, cbpf.SUB: asm.Sub, cbpf.MUL: asm.Mul, cbpf.DIV: asm.Div,
	cbpf.OR: asm.Or, cbpf.AND: asm.And, cbpf.LSH: asm.LSh, cbpf.RSH: asm.RSh,
	cbpf.MOD: asm.Mod, cbpf.XOR: asm.Xor,
}

// alu emits A op= K/X with 32-bit ALU instructions, which compute modulo
// 2^32 and zero the upper half of A, so A always holds a zero-extended
// 32-bit value (the jumps rely on it).
func (t *translator) alu(code uint8, k uint32) {
	op := code & 0xf0
	if op == cbpf.NEG {
		t.emit(asm.Neg.Imm32(regA, 0))
		return
	}
	if code&cbpf.SrcX != 0 {
		if op == cbpf.DIV || op == cbpf.MOD {
			// Classic BPF returns 0 on division by zero; eBPF would
			// carry on with 0 (div) or A (mod).
			t.emit(asm.JEq.Imm32(t.regs.x, 0, t.ret0Label()))
		}
		// Shifts by X >= 32: eBPF masks the count to 5 bits, exactly as
		// the kernel's own classic BPF does (it runs this same eBPF).
		t.emit(aluOps[op].Reg32(regA, t.regs.x))
		return
	}
	switch {
	case (op == cbpf.DIV || op == cbpf.MOD) && k == 0:
		// The kernel's checker refuses this; libpcap and x/net/bpf
		// return 0 when it is reached, as for division by X == 0.
		t.emit(asm.Ja.Label(t.ret0Label()))
	case (op == cbpf.LSH || op == cbpf.RSH) && k >= 32:
		// Refused by the kernel's checker and by the eBPF verifier; the
		// count is masked to 5 bits like a shift by X (and like gocap's
		// interpreter, bpf/cbpf).
		t.emit(aluOps[op].Imm32(regA, int32(k&31)))
	default:
		// 32-bit immediates are used as they are (no sign extension
		// matters in 32-bit arithmetic); division and modulo by an
		// immediate are unsigned.
		t.emit(aluOps[op].Imm32(regA, int32(k)))
	}
}

var jumpOps = map[uint8]asm.JumpOp{cbpf.JEQ: asm.JEq, cbpf.JGT: asm.JGT, cbpf.JGE: asm.JGE, cbpf.JSET: asm.JSet}

// Negations used when the true branch falls through.
var jumpNot = map[uint8]asm.JumpOp{cbpf.JEQ: asm.JNE, cbpf.JGT: asm.JLE, cbpf.JGE: asm.JLT}

// jump emits a classic jump. Comparisons are 32-bit (JMP32): both operands
// are unsigned 32-bit values and an immediate k >= 2^31 is compared as the
// unsigned number it is (64-bit JMP would sign-extend it).
func (t *translator) jump(pc int, ins bpf.RawInstruction) {
	code := uint8(ins.Op)
	op := code & 0xf0
	if op == cbpf.JA {
		off := int32(ins.K)
		if off < 0 {
			t.backJump(pc + 1 + int(off))
			return
		}
		if off != 0 {
			t.emit(asm.Ja.Label(t.label(pc + 1 + int(off))))
		}
		return
	}
	cond := func(jop asm.JumpOp, label string) asm.Instruction {
		if code&cbpf.SrcX != 0 {
			return jop.Reg32(regA, t.regs.x, label)
		}
		return jop.Imm32(regA, int32(ins.K), label)
	}
	jt, jf := int(ins.Jt), int(ins.Jf)
	switch {
	case jt == jf:
		if jt != 0 {
			t.emit(asm.Ja.Label(t.label(pc + 1 + jt)))
		}
	case jt == 0 && op != cbpf.JSET:
		t.emit(cond(jumpNot[op], t.label(pc+1+jf)))
	default:
		t.emit(cond(jumpOps[op], t.label(pc+1+jt)))
		if jf != 0 {
			t.emit(asm.Ja.Label(t.label(pc + 1 + jf)))
		}
	}
}

// backJump emits a backward jump as a loop the verifier accepts: may_goto
// (Linux 6.9+) keeps a hidden per-program iteration budget (8M) and lets
// the verifier stop exploring the loop once its state repeats. When the
// budget is spent the program returns 0 (drop) — libpcap's interpreter
// would loop on, the kernel's classic checker refuses backward jumps
// outright, so any bound is ours to choose; 8M iterations is far beyond
// what a header chain in a 64 KiB packet needs.
func (t *translator) backJump(dst int) {
	t.exhaust = true
	t.emit(mayGoto(t.cfg.Label+"_loop_exhausted"), asm.Ja.Label(t.label(dst)))
}

// mayGoto is BPF_JMP|BPF_JCOND with src BPF_MAY_GOTO: jump to label when
// the loop budget is exhausted, fall through otherwise.
func mayGoto(label string) asm.Instruction {
	return asm.Instruction{
		OpCode: asm.JCOND.Op(asm.ImmSource),
		Src:    asm.PseudoMayGoto,
		Offset: -1,
	}.WithReference(label)
}
