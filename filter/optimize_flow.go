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
			b.dchild = b.dchild[:0]
			b.domPass = o.pass
			if b == o.root {
				setDomParent(b, nil)
			} else {
				d := b.dacc
				setDomParent(b, d)
				d.dchild = append(d.dchild, b)
			}
			if b.jt() != nil {
				for _, s := range [2]*onode{b.jt(), b.jf()} {
					if s.daccPass != o.pass {
						s.dacc, s.daccPass = b, o.pass
					} else {
						s.dacc = domNCA(s.dacc, b)
					}
				}
			}
		}
	}
	// Number the tree for constant-time dominance tests.
	t := 0
	type frame struct {
		b *onode
		i int
	}
	stack := []frame{{b: o.root}}
	o.root.domIn = t
	t++
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.i < len(top.b.dchild) {
			c := top.b.dchild[top.i]
			top.i++
			c.domIn = t
			t++
			stack = append(stack, frame{b: c})
			continue
		}
		top.b.domOut = t
		t++
		stack = stack[:len(stack)-1]
	}
}

// domNCA returns the nearest common ancestor of a and b in the dominator
// tree, in logarithmic time (a block may have thousands of predecessors).
func domNCA(a, b *onode) *onode {
	if a.ddepth < b.ddepth {
		a, b = b, a
	}
	for j := len(a.dup) - 1; j >= 0; j-- {
		if j < len(a.dup) && a.ddepth-(1<<j) >= b.ddepth {
			a = a.dup[j]
		}
	}
	if a == b {
		return a
	}
	for j := len(a.dup) - 1; j >= 0; j-- {
		if j < len(a.dup) && j < len(b.dup) && a.dup[j] != b.dup[j] {
			a, b = a.dup[j], b.dup[j]
		}
	}
	return a.idom
}

// setDomParent records b's immediate dominator and its lifting table.
func setDomParent(b, d *onode) {
	b.idom = d
	b.dup = b.dup[:0]
	if d == nil {
		b.ddepth = 0
		return
	}
	b.ddepth = d.ddepth + 1
	b.dup = append(b.dup, d)
	for j := 0; j < len(b.dup[j].dup); j++ {
		b.dup = append(b.dup, b.dup[j].dup[j])
	}
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
	return a.domIn <= b.domIn && b.domOut <= a.domOut
}

// findEdom builds the edge dominator tree: an edge out of block b is
// dominated by itself and by every edge that dominates all the edges into b.
func (o *optimizer) findEdom() {
	o.findInEdges()
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			var d *oedge
			if b != o.root {
				first := true
				for e := b.inEdges; e != nil; e = e.next {
					if first {
						d = e
						first = false
					} else {
						d = edgeNCA(d, e)
					}
				}
			}
			setEdgeParent(&b.et, d)
			setEdgeParent(&b.ef, d)
		}
	}
	// Number the forest for constant-time dominance tests.
	var roots []*oedge
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			b.et.echild = b.et.echild[:0]
			b.ef.echild = b.ef.echild[:0]
			b.et.ein, b.et.eout, b.ef.ein, b.ef.eout = -1, -1, -1, -1
		}
	}
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			for _, e := range []*oedge{&b.et, &b.ef} {
				if e.eparent == nil {
					roots = append(roots, e)
				} else {
					e.eparent.echild = append(e.eparent.echild, e)
				}
			}
		}
	}
	t := 0
	type frame struct {
		e *oedge
		i int
	}
	var stack []frame
	for _, r := range roots {
		r.ein = t
		t++
		stack = append(stack[:0], frame{e: r})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.i < len(top.e.echild) {
				c := top.e.echild[top.i]
				top.i++
				c.ein = t
				t++
				stack = append(stack, frame{e: c})
				continue
			}
			top.e.eout = t
			t++
			stack = stack[:len(stack)-1]
		}
	}
}

// setEdgeParent records e's nearest strictly dominating edge and its
// lifting table.
func setEdgeParent(e, d *oedge) {
	e.eparent = d
	e.eup = e.eup[:0]
	if d == nil {
		e.edepth = 0
		return
	}
	e.edepth = d.edepth + 1
	e.eup = append(e.eup, d)
	for j := 0; j < len(e.eup[j].eup); j++ {
		e.eup = append(e.eup, e.eup[j].eup[j])
	}
}

// edgeNCA returns the nearest common ancestor of two edges in the edge
// dominator forest, nil when they have none.
func edgeNCA(a, b *oedge) *oedge {
	if a == nil || b == nil {
		return nil
	}
	if a.edepth < b.edepth {
		a, b = b, a
	}
	for j := len(a.eup) - 1; j >= 0; j-- {
		if j < len(a.eup) && a.edepth-(1<<j) >= b.edepth {
			a = a.eup[j]
		}
	}
	if a == b {
		return a
	}
	for j := len(a.eup) - 1; j >= 0; j-- {
		if j < len(a.eup) && j < len(b.eup) && a.eup[j] != b.eup[j] {
			a, b = a.eup[j], b.eup[j]
		}
	}
	if a.eparent == b.eparent {
		return a.eparent
	}
	return nil
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
