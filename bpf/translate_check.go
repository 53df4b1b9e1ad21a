package bpf

import (
	"fmt"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// progInfo is what the translator needs to know about the whole program
// before emitting code.
type progInfo struct {
	target   []bool // instruction i is a jump target (needs a label)
	live     []bool // instruction i is reachable from the entry
	scratch  uint16 // bit i: M[i] is read somewhere
	backward bool   // some BPF_JA jumps backwards
}

// check validates prog the way the kernel's bpf_check_classic does, with
// two differences: a backward BPF_JA is allowed (libpcap's protochain uses
// one; it becomes a bounded loop), and so are constant shifts by 32 or
// more and division by a constant zero (libpcap's and x/net/bpf's
// interpreters give them a meaning; the translation keeps it). Reads of
// scratch memory before any write are allowed too (they read 0).
func check(prog []bpf.RawInstruction) (progInfo, error) {
	n := len(prog)
	if n == 0 {
		return progInfo{}, fmt.Errorf("%w: empty program", ErrInvalid)
	}
	info := progInfo{target: make([]bool, n)}
	jumpTo := func(pc int, off int64, what string) error {
		dst := int64(pc) + 1 + off
		if dst < 0 || dst >= int64(n) {
			return fmt.Errorf("%w: instruction %d: %s jumps to %d, outside the program (%d instructions)", ErrInvalid, pc, what, dst, n)
		}
		info.target[dst] = true
		return nil
	}
	for pc, ins := range prog {
		code := ins.Op
		if code > 0xff {
			return info, fmt.Errorf("%w: instruction %d: opcode %#x does not fit in 8 bits", ErrInvalid, pc, code)
		}
		bad := func() error {
			return fmt.Errorf("%w: instruction %d: unknown opcode %#02x", ErrInvalid, pc, code)
		}
		switch code & 0x07 {
		case cbpf.ClassLD:
			switch code {
			case cbpf.ClassLD | cbpf.SizeW | cbpf.ModeABS, cbpf.ClassLD | cbpf.SizeH | cbpf.ModeABS, cbpf.ClassLD | cbpf.SizeB | cbpf.ModeABS,
				cbpf.ClassLD | cbpf.SizeW | cbpf.ModeIND, cbpf.ClassLD | cbpf.SizeH | cbpf.ModeIND, cbpf.ClassLD | cbpf.SizeB | cbpf.ModeIND,
				cbpf.ClassLD | cbpf.ModeIMM, cbpf.ClassLD | cbpf.SizeW | cbpf.ModeLEN:
			case cbpf.ClassLD | cbpf.ModeMEM:
				if ins.K >= cbpf.MemWords {
					return info, fmt.Errorf("%w: instruction %d: scratch memory index %d out of range 0-15", ErrInvalid, pc, ins.K)
				}
				info.scratch |= 1 << ins.K
			default:
				return info, bad()
			}
		case cbpf.ClassLDX:
			switch code {
			case cbpf.ClassLDX | cbpf.ModeIMM, cbpf.ClassLDX | cbpf.SizeW | cbpf.ModeLEN, cbpf.ClassLDX | cbpf.SizeB | cbpf.ModeMSH:
			case cbpf.ClassLDX | cbpf.ModeMEM:
				if ins.K >= cbpf.MemWords {
					return info, fmt.Errorf("%w: instruction %d: scratch memory index %d out of range 0-15", ErrInvalid, pc, ins.K)
				}
				info.scratch |= 1 << ins.K
			default:
				return info, bad()
			}
		case cbpf.ClassST, cbpf.ClassSTX:
			if code&^0x07 != 0 {
				return info, bad()
			}
			if ins.K >= cbpf.MemWords {
				return info, fmt.Errorf("%w: instruction %d: scratch memory index %d out of range 0-15", ErrInvalid, pc, ins.K)
			}
		case cbpf.ClassALU:
			op := code & 0xf0
			switch op {
			case cbpf.ADD, cbpf.SUB, cbpf.MUL, cbpf.DIV, cbpf.OR, cbpf.AND, cbpf.LSH, cbpf.RSH, cbpf.MOD, cbpf.XOR:
			case cbpf.NEG:
				if code&cbpf.SrcX != 0 {
					return info, bad()
				}
			default:
				return info, bad()
			}
		case cbpf.ClassJMP:
			op := code & 0xf0
			switch op {
			case cbpf.JA:
				if code&cbpf.SrcX != 0 {
					return info, bad()
				}
				// k is an unsigned 32-bit offset; a value that wraps
				// around is a backward jump (libpcap's protochain).
				off := int64(int32(ins.K))
				if err := jumpTo(pc, off, "ja"); err != nil {
					return info, err
				}
				if off < 0 {
					info.backward = true
				}
			case cbpf.JEQ, cbpf.JGT, cbpf.JGE, cbpf.JSET:
				if err := jumpTo(pc, int64(ins.Jt), "true branch"); err != nil {
					return info, err
				}
				if err := jumpTo(pc, int64(ins.Jf), "false branch"); err != nil {
					return info, err
				}
			default:
				return info, bad()
			}
		case cbpf.ClassRET:
			if code != cbpf.ClassRET|cbpf.RetK && code != cbpf.ClassRET|cbpf.RetA {
				return info, bad()
			}
		case cbpf.ClassMISC:
			if code != cbpf.ClassMISC|cbpf.TAX && code != cbpf.ClassMISC|cbpf.TXA {
				return info, bad()
			}
		}
	}
	// Control can only leave the program through a return: a forward
	// jump cannot pass the last instruction, so it suffices that the last
	// one is a return or a backward jump.
	last := prog[n-1].Op
	if last&0x07 != cbpf.ClassRET && !(last == cbpf.ClassJMP|cbpf.JA && int32(prog[n-1].K) < 0) {
		return info, fmt.Errorf("%w: last instruction (%d) is not a return", ErrInvalid, n-1)
	}
	info.reach(prog)
	return info, nil
}

// reach marks the reachable instructions and keeps only the jump targets
// of those: the eBPF verifier refuses unreachable code, which classic
// programs may contain (the kernel's classic path never verifies its
// conversion).
func (info *progInfo) reach(prog []bpf.RawInstruction) {
	n := len(prog)
	info.live = make([]bool, n)
	target := make([]bool, n)
	stack := []int{0}
	push := func(pc int, jump bool) {
		if jump {
			target[pc] = true
		}
		if !info.live[pc] {
			info.live[pc] = true
			stack = append(stack, pc)
		}
	}
	info.live[0] = true
	info.backward = false
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ins := prog[pc]
		switch ins.Op & 0x07 {
		case cbpf.ClassRET:
		case cbpf.ClassJMP:
			if ins.Op&0xf0 == cbpf.JA {
				off := int(int32(ins.K))
				if off < 0 {
					info.backward = true
				}
				push(pc+1+off, true)
				break
			}
			// A zero offset falls through and needs no label, except
			// for JSET's true branch, which always jumps (it has no
			// negation to jump on instead).
			push(pc+1+int(ins.Jt), ins.Jt != 0 || ins.Op&0xf0 == cbpf.JSET)
			push(pc+1+int(ins.Jf), ins.Jf != 0)
		default:
			push(pc+1, false)
		}
	}
	info.target = target
}
