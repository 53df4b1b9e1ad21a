package filter

import (
	"fmt"

	"golang.org/x/net/bpf"
)

// linearizeProgram lays out the graph. Graphs without block-local jumps go
// through linearize; the few with them (protochain, geneve, live-Linux vlan)
// are laid out here the same way, with the local jumps' JT/JF copied as they
// are, since they are already relative.
func linearizeProgram(root *Block) ([]bpf.RawInstruction, error) {
	if !graphHasLocalJumps(root) {
		return linearize(root)
	}
	var order []*Block
	seen := map[*Block]bool{}
	var visit func(b *Block)
	visit = func(b *Block) {
		if b == nil || seen[b] {
			return
		}
		seen[b] = true
		visit(b.False)
		visit(b.True)
		order = append(order, b)
	}
	visit(root)
	longT := map[*Block]bool{}
	longF := map[*Block]bool{}
	size := func(b *Block) int {
		n := len(b.Stmts) + 1
		if longT[b] {
			n++
		}
		if longF[b] {
			n++
		}
		return n
	}
	for {
		total := 0
		for _, b := range order {
			total += size(b)
		}
		if total > maxInstructions {
			return nil, fmt.Errorf("program has %d instructions, more than the kernel's limit of %d", total, maxInstructions)
		}
		prog := make([]bpf.RawInstruction, total)
		offset := map[*Block]int{}
		tail := total
		retry := false
		for _, b := range order {
			tail -= size(b)
			off := tail
			offset[b] = off
			for i, s := range b.Stmts {
				prog[off+i] = bpf.RawInstruction{Op: s.Op, Jt: s.JT, Jf: s.JF, K: s.K}
			}
			ci := off + len(b.Stmts)
			prog[ci] = bpf.RawInstruction{Op: b.Cond.Op, K: b.Cond.K}
			if b.IsReturn() {
				continue
			}
			extra := 0
			dt := offset[b.True] - ci - 1
			if dt >= 256 {
				if !longT[b] {
					longT[b], retry = true, true
				} else {
					prog[ci].Jt = uint8(extra)
					extra++
					prog[ci+extra] = bpf.RawInstruction{Op: classJMP | jmpJA, K: uint32(dt - extra)}
				}
			} else {
				prog[ci].Jt = uint8(dt)
			}
			df := offset[b.False] - ci - 1
			if df >= 256 {
				if !longF[b] {
					longF[b], retry = true, true
				} else {
					prog[ci].Jf = uint8(extra)
					extra++
					prog[ci+extra] = bpf.RawInstruction{Op: classJMP | jmpJA, K: uint32(df - extra)}
				}
			} else {
				prog[ci].Jf = uint8(df)
			}
		}
		if !retry {
			return prog, nil
		}
	}
}

func graphHasLocalJumps(root *Block) bool {
	seen := map[*Block]bool{}
	stack := []*Block{root}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == nil || seen[b] {
			continue
		}
		seen[b] = true
		for _, s := range b.Stmts {
			if s.Op&0x07 == classJMP {
				return true
			}
		}
		stack = append(stack, b.True, b.False)
	}
	return false
}
