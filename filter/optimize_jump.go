package filter

// Branch movement: jump threading along edge dominators (libpcap's opt_j)
// and the or/and pull-ups.

// useConflict reports whether some atom that succ's successors read has a
// different value on exit from b than on exit from succ, so that jumping
// from b straight past succ would change what they see.
func useConflict(b, succ *onode) bool {
	use := succ.outUse
	if use == 0 {
		return false
	}
	for atom := 0; atom < nAtoms; atom++ {
		if use&(1<<uint(atom)) != 0 && b.val[atom] != succ.val[atom] {
			return true
		}
	}
	return false
}

// foldEdge returns the successor of child that control must take, given
// that edge ep (which dominates the edge into child) was taken, or nil if
// ep says nothing about child's test.
func foldEdge(child *onode, ep *oedge) *onode {
	code, sense := ep.code, true
	if code < 0 {
		code, sense = -code, false
	}
	if child.s.code != code {
		return nil
	}
	if child.val[atomA] != ep.pred.val[atomA] {
		return nil
	}
	if child.oval == ep.pred.oval {
		// Same test on the same values: same outcome.
		if sense {
			return child.jt()
		}
		return child.jf()
	}
	if sense && code == classJMP|jmpJEQ|srcK {
		// A equalled another constant, so it cannot equal this one.
		return child.jf()
	}
	return nil
}

// optJ moves edge ep past its successor when the successor's outcome is
// known on that edge.
func (o *optimizer) optJ(ep *oedge) {
	if ep.succ.jt() == nil {
		return
	}
	if ep.succ.jt() == ep.succ.jf() {
		// Both branches go to the same place: skip the block unless
		// what it computes is needed there.
		if !useConflict(ep.pred, ep.succ.jt()) {
			o.changed(true)
			ep.succ = ep.succ.jt()
		}
	}
	// Try the dominating edges in libpcap's order (ascending edge number);
	// only those whose test is the successor's own can decide it.
	var cands []*oedge
top:
	child := ep.succ
	cands = o.dominatingTests(ep, child, cands[:0])
	for _, d := range cands {
		target := foldEdge(child, d)
		if target != nil && !useConflict(ep.pred, target) {
			o.changed(false)
			ep.succ = target
			if target.jt() != nil {
				goto top
			}
			return
		}
	}
}

// testKey is a test: a branch opcode applied to an accumulator value.
type testKey struct {
	code int
	aval uint32
}

// indexTests lists, for every test, the edges out of blocks ending with it,
// in ascending edge number (libpcap's order of trying dominators).
func (o *optimizer) indexTests() {
	if o.tests == nil {
		o.tests = make(map[testKey][]*oedge)
	} else {
		clear(o.tests)
	}
	for _, e := range o.edges {
		b := e.pred
		if b.level < 1 || b.domPass != o.pass || b.jt() == nil {
			continue
		}
		c := e.code
		if c < 0 {
			c = -c
		}
		k := testKey{c, b.val[atomA]}
		o.tests[k] = append(o.tests[k], e)
	}
}

// dominatingTests returns the edges among ep and its dominators whose block
// ends with child's test, in ascending edge number.
func (o *optimizer) dominatingTests(ep *oedge, child *onode, out []*oedge) []*oedge {
	for _, d := range o.tests[testKey{child.s.code, child.val[atomA]}] {
		if d.ein <= ep.ein && ep.eout <= d.eout {
			out = append(out, d)
		}
	}
	return out
}

// orPullup: in a chain of "or"ed tests that all jump to the same place when
// true, a test of the same value as the one at the top of the chain, found
// further down behind a test of a different value, is moved up in front of
// it, so that jump threading can then merge it with the top.
func (o *optimizer) orPullup(b *onode) {
	o.pullup(b, true)
}

// andPullup is orPullup for "and" chains (same false target, true links).
func (o *optimizer) andPullup(b *onode) {
	o.pullup(b, false)
}

func (o *optimizer) pullup(b *onode, or bool) {
	ep := b.inEdges
	if ep == nil {
		return
	}
	val := ep.pred.val[atomA]
	for e := ep.next; e != nil; e = e.next {
		if e.pred.val[atomA] != val {
			return
		}
	}
	// same is where the chain exits (true side for or, false side for
	// and); link follows the chain (false side for or, true side for and).
	same := func(n *onode) *onode {
		if or {
			return n.jt()
		}
		return n.jf()
	}
	link := func(n *onode) **onode {
		if or {
			return &n.ef.succ
		}
		return &n.et.succ
	}
	var diffp **onode
	if first := b.inEdges.pred; first.jt() == b {
		diffp = &first.et.succ
	} else {
		diffp = &first.ef.succ
	}
	atTop := true
	for {
		d := *diffp
		if d == nil || same(d) != same(b) || !o.dominates(b, d) {
			return
		}
		if d.val[atomA] != val {
			break
		}
		diffp = link(d)
		atTop = false
	}
	samep := link(*diffp)
	for {
		s := *samep
		if s == nil || same(s) != same(b) || !o.dominates(b, s) {
			return
		}
		if s.val[atomA] == val {
			break
		}
		samep = link(s)
	}
	pull := *samep
	*samep = *link(pull)
	*link(pull) = *diffp
	if atTop {
		for e := b.inEdges; e != nil; e = e.next {
			if e.pred.jt() == b {
				e.pred.et.succ = pull
			} else {
				e.pred.ef.succ = pull
			}
		}
	} else {
		*diffp = pull
	}
	o.changed(false)
}
