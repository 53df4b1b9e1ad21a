package filter

import (
	"slices"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Graph analyses the optimizer redoes on every pass: levels, dominators,
// edge dominators and the use/def sets of the scratch memory and registers.
//
// libpcap keeps dominator and edge-dominator sets as bit vectors, which is
// quadratic in memory; here both are trees (immediate dominators), which
// answer the same questions: "does b dominate x" by an interval test on the
// dominator tree, "which edges dominate e" by walking e's ancestors.

// findLevels numbers each reachable block with its height (0 for returns)
// and lists the blocks of each level in libpcap's order: the depth-first
// walk visits the true side first and a block is put at the head of its
// level's list when its walk finishes.
func (o *optimizer) findLevels() {
	o.mark++
	for i := range o.levels {
		o.levels[i] = o.levels[i][:0]
	}
	o.levels = o.levels[:0]
	spare := o.levels[:cap(o.levels)]
	type frame struct {
		b     *onode
		state int
	}
	stack := []frame{{b: o.root}}
	o.root.mark = o.mark
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		b := top.b
		var next *onode
		switch {
		case b.jt() == nil:
			top.state = 2
		case top.state == 0:
			next = b.jt()
			top.state = 1
		case top.state == 1:
			next = b.jf()
			top.state = 2
		}
		if top.state == 2 && next == nil {
			level := 0
			if b.jt() != nil {
				level = max(b.jt().level, b.jf().level) + 1
			}
			b.level = level
			for len(o.levels) <= level {
				var lv []*onode
				if n := len(o.levels); n < len(spare) {
					lv = spare[n][:0] // keep the old list's storage
				}
				o.levels = append(o.levels, lv)
			}
			o.levels[level] = append(o.levels[level], b)
			stack = stack[:len(stack)-1]
			continue
		}
		if next.mark != o.mark {
			next.mark = o.mark
			stack = append(stack, frame{b: next})
		}
	}
	for _, lv := range o.levels {
		slices.Reverse(lv)
	}
}

// findDom builds the dominator tree of the reachable blocks. Levels give a
// topological order, so every predecessor of a block is placed before it.
func (o *optimizer) findDom() {
	o.pass++
	// Each block's immediate dominator is the nearest common dominator of
	// its predecessors, accumulated in dacc as they are visited.
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			b.dom.children = b.dom.children[:0]
			b.domPass = o.pass
			if b == o.root {
				setParent(b, nil)
			} else {
				setParent(b, b.dacc)
				b.dacc.dom.children = append(b.dacc.dom.children, b)
			}
			if b.jt() != nil {
				for _, s := range [2]*onode{b.jt(), b.jf()} {
					if s.daccPass != o.pass {
						s.dacc, s.daccPass = b, o.pass
					} else {
						s.dacc = nearestCommon(s.dacc, b)
					}
				}
			}
		}
	}
	// Number the tree for constant-time dominance tests.
	number([]*onode{o.root})
}

// dominates reports whether block a dominates block b, per this pass's
// findDom. Like libpcap's all-ones initial sets, a block that was not
// reachable when the pass started counts as dominated by everything.
func (o *optimizer) dominates(a, b *onode) bool {
	if b.domPass != o.pass {
		return true
	}
	if a.domPass != o.pass {
		return false
	}
	return a.dom.in <= b.dom.in && b.dom.out <= a.dom.out
}

// findEdom builds the edge dominator forest: an edge out of block b is
// dominated by itself and by every edge that dominates all the edges into b.
func (o *optimizer) findEdom() {
	o.findInEdges()
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			var d *oedge
			if b != o.root && b.inEdges != nil {
				d = b.inEdges
				for e := b.inEdges.next; e != nil; e = e.next {
					d = nearestCommon(d, e)
				}
			}
			setParent(&b.et, d)
			setParent(&b.ef, d)
		}
	}
	// Number the forest for constant-time dominance tests.
	var roots []*oedge
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			b.et.edom.children = b.et.edom.children[:0]
			b.ef.edom.children = b.ef.edom.children[:0]
			b.et.edom.in, b.et.edom.out, b.ef.edom.in, b.ef.edom.out = -1, -1, -1, -1
		}
	}
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			for _, e := range []*oedge{&b.et, &b.ef} {
				if p := e.edom.parent; p == nil {
					roots = append(roots, e)
				} else {
					p.edom.children = append(p.edom.children, e)
				}
			}
		}
	}
	number(roots)
}

// atomUse returns the register or scratch slot s reads, atomAX for both A
// and X, or -1.
func atomUse(s ostmt) int {
	c := s.code
	if c == nop {
		return -1
	}
	switch c & cbpf.ClassMask {
	case cbpf.ClassRET:
		switch c & cbpf.SizeMask {
		case cbpf.RetA:
			return atomA
		case cbpf.RetX:
			return atomX
		}
		return -1
	case cbpf.ClassLD, cbpf.ClassLDX:
		switch c & cbpf.ModeMask {
		case cbpf.ModeIND:
			return atomX
		case cbpf.ModeMEM:
			return int(s.k)
		}
		return -1
	case cbpf.ClassST:
		return atomA
	case cbpf.ClassSTX:
		return atomX
	case cbpf.ClassJMP, cbpf.ClassALU:
		if c&cbpf.SrcX != 0 {
			return atomAX
		}
		return atomA
	case cbpf.ClassMISC:
		if c&^cbpf.ClassMask == cbpf.TXA {
			return atomX
		}
		return atomA
	}
	return -1
}

// atomDef returns the register or scratch slot s writes, or -1.
func atomDef(s ostmt) int {
	if s.code == nop {
		return -1
	}
	switch s.code & cbpf.ClassMask {
	case cbpf.ClassLD, cbpf.ClassALU:
		return atomA
	case cbpf.ClassLDX:
		return atomX
	case cbpf.ClassST, cbpf.ClassSTX:
		return int(s.k)
	case cbpf.ClassMISC:
		if s.code&^cbpf.ClassMask == cbpf.TAX {
			return atomX
		}
		return atomA
	}
	return -1
}

// findUD computes, for every block, the atoms it reads before writing
// (inUse), writes before reading (kill), and those its successors may read
// (outUse).
func (o *optimizer) findUD() {
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			localUD(b)
			b.outUse = 0
		}
	}
	for l := 1; l < len(o.levels); l++ {
		for _, b := range o.levelList(l) {
			b.outUse |= b.jt().inUse | b.jf().inUse
			b.inUse |= b.outUse &^ b.kill
		}
	}
}

func localUD(b *onode) {
	var def, use, kill uint32
	addUse := func(atom int) {
		switch {
		case atom == atomAX:
			if def&(1<<atomX) == 0 {
				use |= 1 << atomX
			}
			if def&(1<<atomA) == 0 {
				use |= 1 << atomA
			}
		case atom >= 0:
			if def&(1<<uint(atom)) == 0 {
				use |= 1 << uint(atom)
			}
		}
	}
	if b.opaque {
		// Control flow inside the block: every atom it reads may be
		// read before it is written, and none is surely killed.
		for _, s := range b.stmts {
			if atom := atomUse(s); atom >= 0 {
				addUse(atom)
			}
		}
		for _, s := range b.stmts {
			if atom := atomDef(s); atom >= 0 {
				def |= 1 << uint(atom)
			}
		}
		addUse(atomUse(b.s))
		b.def, b.kill, b.inUse = def, 0, use
		return
	}
	for _, s := range b.stmts {
		if s.code == nop {
			continue
		}
		addUse(atomUse(s))
		if atom := atomDef(s); atom >= 0 {
			if use&(1<<uint(atom)) == 0 {
				kill |= 1 << uint(atom)
			}
			def |= 1 << uint(atom)
		}
	}
	// libpcap counts only a branch's use; "ret a" and "ret x" read too.
	addUse(atomUse(b.s))
	b.def, b.kill, b.inUse = def, kill, use
}
