package cbpf

import (
	"errors"
	"fmt"

	"golang.org/x/net/bpf"
)

// ErrInvalid is wrapped by every error Validate returns.
var ErrInvalid = errors.New("invalid classic BPF program")

// Validate applies the Linux kernel's checks on a classic program
// (bpf_check_classic, formerly sk_chk_filter): a length of 1 to 4096, only
// known opcodes, no division or modulo by constant 0, no constant shift of
// 32 or more, scratch indexes below 16, jumps that stay inside the program,
// only ancillary offsets the kernel knows, a RET as last instruction, and no
// load of a scratch word that some path reaches before storing it
// (check_load_and_stores). A program Validate accepts is one
// SO_ATTACH_FILTER accepts.
func Validate(prog []bpf.RawInstruction) error {
	n := len(prog)
	if n == 0 {
		return fmt.Errorf("%w: empty program", ErrInvalid)
	}
	if n > MaxInstructions {
		return fmt.Errorf("%w: %d instructions, more than the kernel's limit of %d", ErrInvalid, n, MaxInstructions)
	}
	for pc, ins := range prog {
		if err := checkInsn(pc, n, ins); err != nil {
			return fmt.Errorf("%w: instruction %d (%s): %w", ErrInvalid, pc, insnText(ins), err)
		}
	}
	switch prog[n-1].Op {
	case ClassRET | RetK, ClassRET | RetA:
	default:
		return fmt.Errorf("%w: last instruction %d (%s) is not a ret", ErrInvalid, n-1, insnText(prog[n-1]))
	}
	if err := checkScratch(prog); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

func checkInsn(pc, n int, ins bpf.RawInstruction) error {
	code, k := ins.Op, ins.K
	if code > 0xff || !validCodes[code] {
		return fmt.Errorf("unknown opcode %#x", code)
	}
	switch code {
	case ClassALU | DIV | SrcK, ClassALU | MOD | SrcK:
		if k == 0 {
			return errors.New("division by constant zero")
		}
	case ClassALU | LSH | SrcK, ClassALU | RSH | SrcK:
		if k >= 32 {
			return fmt.Errorf("shift by %d, 32 or more", k)
		}
	case ClassLD | ModeMEM, ClassLDX | ModeMEM, ClassST, ClassSTX:
		if k >= MemWords {
			return fmt.Errorf("scratch index %d out of range 0..%d", k, MemWords-1)
		}
	case ClassJMP | JA:
		if uint64(k) >= uint64(n-pc-1) {
			return fmt.Errorf("jump by %d leaves the program", k)
		}
	case ClassLD | SizeW | ModeABS, ClassLD | SizeH | ModeABS, ClassLD | SizeB | ModeABS:
		if _, ok := Ancillary(k); !ok && k >= SKFAdOff {
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
func checkScratch(prog []bpf.RawInstruction) error {
	const all = uint16(0xffff)
	masks := make([]uint16, len(prog))
	for i := range masks {
		masks[i] = all
	}
	valid := uint16(0)
	for pc, ins := range prog {
		valid &= masks[pc]
		switch ins.Op {
		case ClassST, ClassSTX:
			valid |= 1 << (ins.K & 15)
		case ClassLD | ModeMEM, ClassLDX | ModeMEM:
			if valid&(1<<(ins.K&15)) == 0 {
				return fmt.Errorf("instruction %d (%s): M[%d] may be read before it is written", pc, insnText(ins), ins.K)
			}
		case ClassJMP | JA:
			masks[pc+1+int(ins.K)] &= valid
			valid = all
		case ClassJMP | JEQ | SrcK, ClassJMP | JEQ | SrcX,
			ClassJMP | JGT | SrcK, ClassJMP | JGT | SrcX,
			ClassJMP | JGE | SrcK, ClassJMP | JGE | SrcX,
			ClassJMP | JSET | SrcK, ClassJMP | JSET | SrcX:
			masks[pc+1+int(ins.Jt)] &= valid
			masks[pc+1+int(ins.Jf)] &= valid
			valid = all
		}
	}
	return nil
}

// insnText is an instruction in bpf_image's words, without the index.
func insnText(ins bpf.RawInstruction) string {
	op, operand := image(ins, 0)
	if operand == "" {
		return op
	}
	return op + " " + operand
}
