package filter

import (
	"fmt"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// buildCFG reconstructs the block graph of a linear classic BPF program whose
// jumps all go forward (every valid classic BPF program). It is the inverse of
// linearize for the programs libpcap emits, which lets tests feed libpcap's
// own unoptimized programs to the optimizer, and it lets the optimizer work on
// programs a user supplies in compiled form.
//
// A block starts at offset 0 and at every jump target. Unconditional jumps
// (ja) are not blocks: a conditional jump to a ja is a jump to the ja's final
// target, which is how linearize's long-jump slots disappear again. Where
// straight-line code runs into a ja or falls through into another block's
// start (never in libpcap's output, possible in hand-written programs), the
// code it reaches is copied into the block, since a block has no
// unconditional successor.
func buildCFG(prog []bpf.RawInstruction) (*block, error) {
	// libpcap's programs, loops included, but no meaning given to constant
	// division by zero or over-long shifts: the optimizer folds constants.
	if _, err := cbpf.Check(prog, cbpf.BackwardJumps|cbpf.UnknownAncillary|cbpf.UnwrittenScratch); err != nil {
		return nil, err
	}
	if root, ok := buildLocal(prog); ok {
		return root, nil
	}
	return buildSplit(prog)
}

// isJump reports whether ins is a jump of any kind.
func isJump(ins bpf.RawInstruction) bool { return ins.Op&cbpf.ClassMask == cbpf.ClassJMP }

// jumpTargets returns where a jump at pc may go.
func jumpTargets(pc int, ins bpf.RawInstruction) []int {
	if ins.Op == cbpf.ClassJMP|cbpf.JA {
		return []int{pc + 1 + int(int32(ins.K))}
	}
	return []int{pc + 1 + int(ins.Jt), pc + 1 + int(ins.Jf)}
}

// buildLocal rebuilds libpcap's own blocks, keeping the block-local jumps
// libpcap puts inside statement lists (protochain, geneve) as statements.
// A jump is block-local when it lands on an instruction that cannot start a
// block: one that straight-line code (or another block-local jump) runs
// into. It reports false when the program does not have that shape.
func buildLocal(prog []bpf.RawInstruction) (*block, bool) {
	n := len(prog)
	local := make([]bool, n)
	// inside reports whether position t is necessarily inside a block.
	inside := func(t int) bool {
		if t <= 0 {
			return false
		}
		prev := prog[t-1]
		if !isJump(prev) {
			return prev.Op&cbpf.ClassMask != cbpf.ClassRET
		}
		return local[t-1]
	}
	for changed := true; changed; {
		changed = false
		for pc, ins := range prog {
			if !isJump(ins) || local[pc] {
				continue
			}
			for _, t := range jumpTargets(pc, ins) {
				if t <= pc || inside(t) {
					local[pc] = true
					changed = true
					break
				}
			}
		}
	}
	// target follows the non-local ja chains (linearize's long jumps).
	target := make([]int, n)
	for pc := n - 1; pc >= 0; pc-- {
		target[pc] = pc
		if prog[pc].Op == cbpf.ClassJMP|cbpf.JA && !local[pc] {
			target[pc] = target[pc+1+int(int32(prog[pc].K))]
		}
	}
	leader := make([]bool, n)
	leader[target[0]] = true
	for pc, ins := range prog {
		if isJump(ins) && !local[pc] && ins.Op != cbpf.ClassJMP|cbpf.JA {
			leader[target[pc+1+int(ins.Jt)]] = true
			leader[target[pc+1+int(ins.Jf)]] = true
		}
	}
	blocks := make([]*block, n)
	for pc := range prog {
		if leader[pc] {
			blocks[pc] = &block{ID: pc}
		}
	}
	for start, b := range blocks {
		if b == nil {
			continue
		}
		p := start
		for ; ; p++ {
			if p > start && leader[p] {
				return nil, false // straight-line code runs into a block
			}
			ins := prog[p]
			if ins.Op&cbpf.ClassMask == cbpf.ClassRET || (isJump(ins) && !local[p]) {
				break
			}
			b.Stmts = append(b.Stmts, stmt{Op: ins.Op, K: ins.K, JT: ins.Jt, JF: ins.Jf})
		}
		ins := prog[p]
		if ins.Op == cbpf.ClassJMP|cbpf.JA {
			return nil, false // a long jump after statements: no such block
		}
		b.Cond = stmt{Op: ins.Op, K: ins.K}
		if isJump(ins) {
			b.True = blocks[target[p+1+int(ins.Jt)]]
			b.False = blocks[target[p+1+int(ins.Jf)]]
		}
		// block-local jumps must stay inside the block.
		for q := start; q < p; q++ {
			if !local[q] {
				continue
			}
			for _, t := range jumpTargets(q, prog[q]) {
				if t < start || t > p {
					return nil, false
				}
			}
		}
	}
	return blocks[target[0]], true
}

// buildSplit rebuilds a graph of blocks for any forward-jumping program:
// every jump ends a block, and straight-line code that reaches a ja or runs
// into another block's start gets a copy of the code it reaches, since a
// block has no unconditional successor.
func buildSplit(prog []bpf.RawInstruction) (*block, error) {
	n := len(prog)
	target := make([]int, n)
	for pc := n - 1; pc >= 0; pc-- {
		target[pc] = pc
		if prog[pc].Op == cbpf.ClassJMP|cbpf.JA {
			k := int(int32(prog[pc].K))
			if k < 0 {
				return nil, fmt.Errorf("instruction %d: backward jump", pc)
			}
			target[pc] = target[pc+1+k]
		}
	}
	leader := make([]bool, n)
	leader[target[0]] = true
	for pc, ins := range prog {
		if isJump(ins) && ins.Op != cbpf.ClassJMP|cbpf.JA {
			leader[target[pc+1+int(ins.Jt)]] = true
			leader[target[pc+1+int(ins.Jf)]] = true
		}
	}
	blocks := make([]*block, n)
	for pc := range prog {
		if leader[pc] {
			blocks[pc] = &block{ID: pc}
		}
	}
	for pc, b := range blocks {
		if b == nil {
			continue
		}
		for p := pc; ; {
			ins := prog[p]
			switch {
			case ins.Op == cbpf.ClassJMP|cbpf.JA:
				p = target[p]
				continue
			case ins.Op&cbpf.ClassMask == cbpf.ClassRET:
				b.Cond = stmt{Op: ins.Op, K: ins.K}
			case isJump(ins):
				b.Cond = stmt{Op: ins.Op, K: ins.K}
				b.True = blocks[target[p+1+int(ins.Jt)]]
				b.False = blocks[target[p+1+int(ins.Jf)]]
			default:
				b.Stmts = append(b.Stmts, stmt{Op: ins.Op, K: ins.K})
				p++
				continue
			}
			break
		}
	}
	return blocks[target[0]], nil
}
