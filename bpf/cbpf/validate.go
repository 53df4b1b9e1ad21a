package cbpf

import (
	"errors"
	"fmt"

	"golang.org/x/net/bpf"
)

// ErrInvalid is wrapped by every error Validate and Check return.
var ErrInvalid = errors.New("invalid classic BPF program")

// Relax names the kernel rules Check may waive. Each waived rule is one
// libpcap's interpreter (and Run) gives a meaning to.
type Relax uint

const (
	// BackwardJumps allows a BPF_JA whose 32-bit k wraps around to a
	// negative displacement, the loop libpcap's protochain code contains.
	// The last instruction may then be such a jump instead of a return.
	BackwardJumps Relax = 1 << iota
	// ConstantFaults allows division or modulo by the constant 0 (the
	// program returns 0 when it gets there) and constant shifts by 32 or
	// more (Run masks the count to 5 bits).
	ConstantFaults
	// UnknownAncillary allows absolute loads in the ancillary area at
	// offsets the kernel does not know (they fail: the program returns 0).
	UnknownAncillary
	// UnwrittenScratch allows loads of a scratch word that some path reaches
	// before storing it (it reads 0).
	UnwrittenScratch

	// Libpcap waives them all: what libpcap's bpf_filter and Run execute.
	Libpcap = BackwardJumps | ConstantFaults | UnknownAncillary | UnwrittenScratch
)

// Facts is what Check learns about a program on the way.
type Facts struct {
	// Reachable[i] reports whether some path from the entry reaches
	// instruction i. Classic programs may contain dead code; eBPF's
	// verifier refuses it.
	Reachable []bool
	// ScratchRead has bit i set when some instruction loads M[i].
	ScratchRead uint16
	// BackwardJumps reports a reachable backward BPF_JA (a loop).
	BackwardJumps bool
	// Ancillary reports a reachable absolute load in the ancillary area.
	Ancillary bool
}

// Validate applies the Linux kernel's checks on a classic program
// (bpf_check_classic, formerly sk_chk_filter): a length of 1 to 4096, only
// known opcodes, no division or modulo by constant 0, no constant shift of
// 32 or more, scratch indexes below 16, jumps that stay inside the program,
// only ancillary offsets the kernel knows, a RET as last instruction, and no
// load of a scratch word that some path reaches before storing it
// (check_load_and_stores). A program Validate accepts is one
// SO_ATTACH_FILTER accepts.
func Validate(prog []bpf.RawInstruction) error {
	_, err := Check(prog, 0)
	return err
}

// Check applies Validate's rules except those relax waives, and returns
// what it learnt about the program. Errors wrap ErrInvalid and name the
// instruction.
func Check(prog []bpf.RawInstruction, relax Relax) (Facts, error) {
	n := len(prog)
	if n == 0 {
		return Facts{}, fmt.Errorf("%w: empty program", ErrInvalid)
	}
	if n > MaxInstructions {
		return Facts{}, fmt.Errorf("%w: %d instructions, more than the kernel's limit of %d", ErrInvalid, n, MaxInstructions)
	}
	for pc, ins := range prog {
		if err := checkInsn(pc, n, ins, relax); err != nil {
			return Facts{}, fmt.Errorf("%w: instruction %d (%s): %w", ErrInvalid, pc, insnText(ins), err)
		}
	}
	if last := prog[n-1]; last.Op&ClassMask != ClassRET && jumpBy(last, relax) >= 0 {
		return Facts{}, fmt.Errorf("%w: last instruction %d (%s) is not a ret", ErrInvalid, n-1, insnText(last))
	}
	if relax&UnwrittenScratch == 0 {
		if err := checkScratch(prog); err != nil {
			return Facts{}, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	return facts(prog, relax), nil
}

// jumpBy is the displacement of a BPF_JA: k is unsigned for the kernel,
// and wraps to a negative number with BackwardJumps.
func jumpBy(ins bpf.RawInstruction, relax Relax) int64 {
	if ins.Op != ClassJMP|JA {
		return 0
	}
	if relax&BackwardJumps != 0 {
		return int64(int32(ins.K))
	}
	return int64(ins.K)
}

func checkInsn(pc, n int, ins bpf.RawInstruction, relax Relax) error {
	code, k := ins.Op, ins.K
	if code > 0xff || !validCodes[code] {
		return fmt.Errorf("unknown opcode %#x", code)
	}
	switch code {
	case ClassALU | DIV | SrcK, ClassALU | MOD | SrcK:
		if k == 0 && relax&ConstantFaults == 0 {
			return errors.New("division by constant zero")
		}
	case ClassALU | LSH | SrcK, ClassALU | RSH | SrcK:
		if k >= 32 && relax&ConstantFaults == 0 {
			return fmt.Errorf("shift by %d, 32 or more", k)
		}
	case ClassLD | ModeMEM, ClassLDX | ModeMEM, ClassST, ClassSTX:
		if k >= MemWords {
			return fmt.Errorf("scratch index %d out of range 0..%d", k, MemWords-1)
		}
	case ClassJMP | JA:
		if dst := int64(pc) + 1 + jumpBy(ins, relax); dst < 0 || dst >= int64(n) {
			return fmt.Errorf("jump by %d leaves the program", jumpBy(ins, relax))
		}
	case ClassLD | SizeW | ModeABS, ClassLD | SizeH | ModeABS, ClassLD | SizeB | ModeABS:
		if _, ok := Ancillary(k); !ok && k >= SKFAdOff && relax&UnknownAncillary == 0 {
			return fmt.Errorf("unknown ancillary offset SKF_AD_OFF%+d", int32(k-SKFAdOff))
		}
	}
	if code&ClassMask == ClassJMP && code != ClassJMP|JA {
		if pc+int(ins.Jt)+1 >= n {
			return fmt.Errorf("jt %d leaves the program", ins.Jt)
		}
		if pc+int(ins.Jf)+1 >= n {
			return fmt.Errorf("jf %d leaves the program", ins.Jf)
		}
	}
	return nil
}

// checkScratch rejects a program that may load a scratch word before
// storing it, with the kernel's (conservative) forward data-flow analysis.
// A backward jump's edge is not followed (the kernel has none).
func checkScratch(prog []bpf.RawInstruction) error {
	const all = uint16(0xffff)
	masks := make([]uint16, len(prog))
	for i := range masks {
		masks[i] = all
	}
	merge := func(dst int, valid uint16) {
		if dst < len(masks) {
			masks[dst] &= valid
		}
	}
	valid := uint16(0)
	for pc, ins := range prog {
		valid &= masks[pc]
		switch {
		case ins.Op == ClassST || ins.Op == ClassSTX:
			valid |= 1 << (ins.K & 15)
		case ins.Op == ClassLD|ModeMEM || ins.Op == ClassLDX|ModeMEM:
			if valid&(1<<(ins.K&15)) == 0 {
				return fmt.Errorf("instruction %d (%s): M[%d] may be read before it is written", pc, insnText(ins), ins.K)
			}
		case ins.Op == ClassJMP|JA:
			if int32(ins.K) >= 0 {
				merge(pc+1+int(ins.K), valid)
			}
			valid = all
		case ins.Op&ClassMask == ClassJMP:
			merge(pc+1+int(ins.Jt), valid)
			merge(pc+1+int(ins.Jf), valid)
			valid = all
		}
	}
	return nil
}

// facts walks the program from its entry; prog has passed the checks.
func facts(prog []bpf.RawInstruction, relax Relax) Facts {
	f := Facts{Reachable: make([]bool, len(prog))}
	for _, ins := range prog {
		if ins.Op == ClassLD|ModeMEM || ins.Op == ClassLDX|ModeMEM {
			f.ScratchRead |= 1 << ins.K
		}
	}
	stack := []int{0}
	f.Reachable[0] = true
	visit := func(pc int) {
		if !f.Reachable[pc] {
			f.Reachable[pc] = true
			stack = append(stack, pc)
		}
	}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ins := prog[pc]
		switch {
		case ins.Op&ClassMask == ClassRET:
		case ins.Op == ClassJMP|JA:
			by := jumpBy(ins, relax)
			if by < 0 {
				f.BackwardJumps = true
			}
			visit(pc + 1 + int(by))
		case ins.Op&ClassMask == ClassJMP:
			visit(pc + 1 + int(ins.Jt))
			visit(pc + 1 + int(ins.Jf))
		default:
			if ins.Op&(ClassMask|ModeMask) == ClassLD|ModeABS && ins.K >= SKFAdOff {
				f.Ancillary = true
			}
			visit(pc + 1)
		}
	}
	return f
}

// insnText is an instruction in bpf_image's words, without the index.
func insnText(ins bpf.RawInstruction) string {
	op, operand := image(ins, 0)
	if operand == "" {
		return op
	}
	return op + " " + operand
}
