package bpf

import (
	"fmt"

	"golang.org/x/net/bpf"
)

// Classic BPF opcode fields (linux/filter.h, pcap/bpf.h).
const (
	clsLD   = 0x00
	clsLDX  = 0x01
	clsST   = 0x02
	clsSTX  = 0x03
	clsALU  = 0x04
	clsJMP  = 0x05
	clsRET  = 0x06
	clsMISC = 0x07

	szW = 0x00
	szH = 0x08
	szB = 0x10

	modeIMM = 0x00
	modeABS = 0x20
	modeIND = 0x40
	modeMEM = 0x60
	modeLEN = 0x80
	modeMSH = 0xa0

	srcK = 0x00
	srcX = 0x08

	aluADD = 0x00
	aluSUB = 0x10
	aluMUL = 0x20
	aluDIV = 0x30
	aluOR  = 0x40
	aluAND = 0x50
	aluLSH = 0x60
	aluRSH = 0x70
	aluNEG = 0x80
	aluMOD = 0x90
	aluXOR = 0xa0

	jmpJA   = 0x00
	jmpJEQ  = 0x10
	jmpJGT  = 0x20
	jmpJGE  = 0x30
	jmpJSET = 0x40

	retK = 0x00
	retA = 0x10

	miscTAX = 0x00
	miscTXA = 0x80

	memWords = 16
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
		case clsLD:
			switch code {
			case clsLD | szW | modeABS, clsLD | szH | modeABS, clsLD | szB | modeABS,
				clsLD | szW | modeIND, clsLD | szH | modeIND, clsLD | szB | modeIND,
				clsLD | modeIMM, clsLD | szW | modeLEN:
			case clsLD | modeMEM:
				if ins.K >= memWords {
					return info, fmt.Errorf("%w: instruction %d: scratch memory index %d out of range 0-15", ErrInvalid, pc, ins.K)
				}
				info.scratch |= 1 << ins.K
			default:
				return info, bad()
			}
		case clsLDX:
			switch code {
			case clsLDX | modeIMM, clsLDX | szW | modeLEN, clsLDX | szB | modeMSH:
			case clsLDX | modeMEM:
				if ins.K >= memWords {
					return info, fmt.Errorf("%w: instruction %d: scratch memory index %d out of range 0-15", ErrInvalid, pc, ins.K)
				}
				info.scratch |= 1 << ins.K
			default:
				return info, bad()
			}
		case clsST, clsSTX:
			if code&^0x07 != 0 {
				return info, bad()
			}
			if ins.K >= memWords {
				return info, fmt.Errorf("%w: instruction %d: scratch memory index %d out of range 0-15", ErrInvalid, pc, ins.K)
			}
		case clsALU:
			op := code & 0xf0
			switch op {
			case aluADD, aluSUB, aluMUL, aluDIV, aluOR, aluAND, aluLSH, aluRSH, aluMOD, aluXOR:
			case aluNEG:
				if code&srcX != 0 {
					return info, bad()
				}
			default:
				return info, bad()
			}
		case clsJMP:
			op := code & 0xf0
			switch op {
			case jmpJA:
				if code&srcX != 0 {
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
			case jmpJEQ, jmpJGT, jmpJGE, jmpJSET:
				if err := jumpTo(pc, int64(ins.Jt), "true branch"); err != nil {
					return info, err
				}
				if err := jumpTo(pc, int64(ins.Jf), "false branch"); err != nil {
					return info, err
				}
			default:
				return info, bad()
			}
		case clsRET:
			if code != clsRET|retK && code != clsRET|retA {
				return info, bad()
			}
		case clsMISC:
			if code != clsMISC|miscTAX && code != clsMISC|miscTXA {
				return info, bad()
			}
		}
	}
	// Control can only leave the program through a return: a forward
	// jump cannot pass the last instruction, so it suffices that the last
	// one is a return or a backward jump.
	last := prog[n-1].Op
	if last&0x07 != clsRET && !(last == clsJMP|jmpJA && int32(prog[n-1].K) < 0) {
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
		case clsRET:
		case clsJMP:
			if ins.Op&0xf0 == jmpJA {
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
			push(pc+1+int(ins.Jt), ins.Jt != 0 || ins.Op&0xf0 == jmpJSET)
			push(pc+1+int(ins.Jf), ins.Jf != 0)
		default:
			push(pc+1, false)
		}
	}
	info.target = target
}
