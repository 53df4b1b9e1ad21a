package filter

import (
	"fmt"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// linearize lays the control-flow graph out as a linear classic BPF program.
//
// The layout is libpcap's (icode_to_fcode/convert_code_r): a depth-first walk
// that visits a block's false successor, then its true successor, then places
// the block itself in front of everything placed so far. The program is thus
// filled from its end towards its start, the root lands at offset 0, and every
// jump goes forward. Laying blocks out the same way means an unoptimized graph
// built the way gencode.c builds it comes out instruction for instruction
// identical to libpcap's unoptimized program.
//
// A conditional jump can only skip 255 instructions. When a successor is
// further away, libpcap marks the edge as "long", inserts an unconditional
// ja right after the conditional jump (the conditional targets the ja, which
// reaches the far block) and starts the layout over; so do we. Offsets only
// grow when slots are added, so an edge once long stays long and the loop ends.
func linearize(root *block) ([]bpf.RawInstruction, error) {
	if root == nil {
		return nil, fmt.Errorf("linearize: nil root block")
	}
	blocks, err := postorder(root)
	if err != nil {
		return nil, err
	}
	l := &layout{
		offset: make(map[*block]int, len(blocks)),
		longT:  make(map[*block]bool),
		longF:  make(map[*block]bool),
	}
	for {
		prog, retry, err := l.place(blocks)
		if err != nil {
			return nil, err
		}
		if !retry {
			return prog, nil
		}
	}
}

type layout struct {
	offset       map[*block]int
	longT, longF map[*block]bool
}

// size is the number of instructions block b occupies.
func (l *layout) size(b *block) int {
	n := len(b.Stmts) + 1
	if l.longT[b] {
		n++
	}
	if l.longF[b] {
		n++
	}
	return n
}

// place lays out blocks (in post order: successors before the block) from the
// end of the program towards its start. It reports retry when it had to mark
// a new long edge, in which case the layout must be redone.
func (l *layout) place(blocks []*block) (prog []bpf.RawInstruction, retry bool, err error) {
	total := 0
	for _, b := range blocks {
		total += l.size(b)
	}
	if total > cbpf.MaxInstructions {
		return nil, false, fmt.Errorf("program has %d instructions, more than the kernel's limit of %d", total, cbpf.MaxInstructions)
	}
	prog = make([]bpf.RawInstruction, total)
	tail := total
	for _, b := range blocks {
		tail -= l.size(b)
		off := tail
		l.offset[b] = off
		for i, s := range b.Stmts {
			// block-local jumps (protochain, geneve, Linux vlan) carry
			// their own relative offsets, already counted in statements.
			prog[off+i] = bpf.RawInstruction{Op: s.Op, Jt: s.JT, Jf: s.JF, K: s.K}
		}
		ci := off + len(b.Stmts)
		prog[ci] = bpf.RawInstruction{Op: b.Cond.Op, K: b.Cond.K}
		if b.IsReturn() {
			continue
		}
		extra := 0
		dt := l.offset[b.True] - ci - 1
		if dt >= 256 {
			if !l.longT[b] {
				l.longT[b] = true
				retry = true
			} else {
				prog[ci].Jt = uint8(extra)
				extra++
				prog[ci+extra] = bpf.RawInstruction{Op: cbpf.ClassJMP | cbpf.JA, K: uint32(dt - extra)}
			}
		} else {
			prog[ci].Jt = uint8(dt)
		}
		df := l.offset[b.False] - ci - 1
		if df >= 256 {
			if !l.longF[b] {
				l.longF[b] = true
				retry = true
			} else {
				prog[ci].Jf = uint8(extra)
				extra++
				prog[ci+extra] = bpf.RawInstruction{Op: cbpf.ClassJMP | cbpf.JA, K: uint32(df - extra)}
			}
		} else {
			prog[ci].Jf = uint8(df)
		}
	}
	if tail != 0 {
		// Cannot happen: sizes are summed over the same blocks.
		return nil, false, fmt.Errorf("linearize: layout left %d unused slots", tail)
	}
	return prog, retry, nil
}

// postorder returns the blocks reachable from root in libpcap's placement
// order: false subtree, true subtree, block. It is iterative because a long
// conjunction is a chain thousands of blocks deep. It also checks the shape
// the rest of the compiler relies on.
func postorder(root *block) ([]*block, error) {
	type frame struct {
		b     *block
		state int // 0: visit False next, 1: visit True next, 2: emit
	}
	seen := make(map[*block]bool)
	onStack := make(map[*block]bool)
	var out []*block
	stack := []frame{{b: root}}
	seen[root] = true
	onStack[root] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		b := top.b
		if top.state == 0 {
			if err := checkBlock(b); err != nil {
				return nil, err
			}
			if b.IsReturn() {
				top.state = 2
			}
		}
		var next *block
		switch top.state {
		case 0:
			next = b.False
			top.state = 1
		case 1:
			next = b.True
			top.state = 2
		default:
			out = append(out, b)
			onStack[b] = false
			stack = stack[:len(stack)-1]
			continue
		}
		if onStack[next] {
			return nil, fmt.Errorf("control-flow graph has a cycle through block %d", next.ID)
		}
		if !seen[next] {
			seen[next] = true
			onStack[next] = true
			stack = append(stack, frame{b: next})
		}
	}
	return out, nil
}

// checkBlock verifies that a block is a well-formed branch or leaf.
func checkBlock(b *block) error {
	for i, s := range b.Stmts {
		if s.Op&cbpf.ClassMask == cbpf.ClassRET {
			return fmt.Errorf("block %d: statement %d (op %#x) is a return", b.ID, i, s.Op)
		}
	}
	switch b.Cond.Op & cbpf.ClassMask {
	case cbpf.ClassRET:
		return nil
	case cbpf.ClassJMP:
		switch b.Cond.Op & cbpf.OpMask {
		case cbpf.JEQ, cbpf.JGT, cbpf.JGE, cbpf.JSET:
		default:
			return fmt.Errorf("block %d: op %#x is not a conditional jump", b.ID, b.Cond.Op)
		}
		if b.True == nil || b.False == nil {
			return fmt.Errorf("block %d: conditional jump without both successors", b.ID)
		}
		return nil
	default:
		return fmt.Errorf("block %d: terminator op %#x is neither a conditional jump nor a return", b.ID, b.Cond.Op)
	}
}
