package filter

import (
	"sort"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Branch movement: jump threading along edge dominators (libpcap's opt_j)
// and the or/and pull-ups.

// useConflict reports whether some atom that succ's successors read has a
// different value on exit from b than on exit from succ, so that jumping
// from b straight past succ would change what they see (libpcap's test).
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

// bypassConflict reports whether jumping from pred straight to target,
// skipping skipped (which pred's edge led to), would change a value that
// target reads on entry: skipped writes it, and not provably with the value
// it already had. libpcap's useConflict alone misses this because its code
// generator never makes such blocks (each block loads what it tests), but
// "ret a" and the random graphs of the property test do.
func bypassConflict(pred, skipped, target *onode) bool {
	if useConflict(pred, target) {
		return true
	}
	reads := target.inUse & skipped.def
	for atom := 0; reads != 0; atom++ {
		if reads&(1<<uint(atom)) == 0 {
			continue
		}
		reads &^= 1 << uint(atom)
		if skipped.val[atom] == valUnknown || pred.val[atom] != skipped.val[atom] {
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
	// Unknown values (0) are equal as numbers only; libpcap compares them
	// anyway, which its generated code never exposes.
	if child.val[atomA] != ep.pred.val[atomA] || child.val[atomA] == valUnknown {
		return nil
	}
	if child.oval == ep.pred.oval && child.oval != valUnknown {
		// Same test on the same values: same outcome.
		if sense {
			return child.jt()
		}
		return child.jf()
	}
	if sense && code == cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK {
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
	if ep.pred.jt() == ep.pred.jf() {
		// A decided branch: threading one of its edges on its own (with
		// the test it no longer makes) would undo the decision, and the
		// next pass would decide it again, forever.
		return
	}
	if ep.succ.jt() == ep.succ.jf() {
		// Both branches go to the same place: skip the block unless
		// what it computes is needed there.
		if !bypassConflict(ep.pred, ep.succ, ep.succ.jt()) {
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
	// Try them by ascending edge number; usually the first one decides,
	// so pick minima one at a time rather than sorting the whole chain.
	for len(cands) > 0 {
		m := 0
		for i, d := range cands {
			if d.id < cands[m].id {
				m = i
			}
		}
		d := cands[m]
		cands[m] = cands[len(cands)-1]
		cands = cands[:len(cands)-1]
		for i := 0; i < len(cands); i++ {
			if cands[i] == d { // found in both lists
				cands[i] = cands[len(cands)-1]
				cands = cands[:len(cands)-1]
				i--
			}
		}
		target := foldEdge(child, d)
		if target != nil && !bypassConflict(ep.pred, child, target) {
			o.changed(false)
			ep.succ = target
			if target.jt() != nil {
				goto top
			}
			return
		}
	}
}

// testKey selects the dominating edges that can decide a block's test (see
// foldEdge): edges out of blocks with the same test on the same operands
// (either branch), and true edges of "jeq #k" on the same accumulator value
// (A then holds k, so it equals no other constant).
type testKey struct {
	code       int
	aval, oval uint32
	jeqTrue    bool
}

// laminar is a list of edges in depth-first order of the edge dominator
// forest, each with the position of its nearest dominator in the list, so
// that the dominators of an edge found in the list come out in logarithmic
// time plus one step each.
type laminar struct {
	edges []*oedge
	up    []int
}

// indexTests builds the candidate lists jump threading looks in.
func (o *optimizer) indexTests() {
	if o.tests == nil {
		o.tests = make(map[testKey]*laminar)
	} else {
		clear(o.tests)
	}
	var all []*oedge
	for _, e := range o.edges {
		b := e.pred
		if b.level >= 1 && b.domPass == o.pass && b.jt() != nil && e.edom.in >= 0 {
			all = append(all, e)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].edom.in < all[j].edom.in })
	add := func(k testKey, e *oedge) {
		l := o.tests[k]
		if l == nil {
			l = &laminar{}
			o.tests[k] = l
		}
		up := len(l.edges) - 1
		for up >= 0 && l.edges[up].edom.out < e.edom.in {
			up = l.up[up]
		}
		l.edges = append(l.edges, e)
		l.up = append(l.up, up)
	}
	for _, e := range all {
		c := e.code
		if c < 0 {
			c = -c
		}
		b := e.pred
		add(testKey{code: c, aval: b.val[atomA], oval: b.oval}, e)
		if e.code == cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK {
			add(testKey{aval: b.val[atomA], jeqTrue: true}, e)
		}
	}
}

// dominating appends the edges of l that are ep or dominate it.
func (l *laminar) dominating(ep *oedge, out []*oedge) []*oedge {
	if l == nil {
		return out
	}
	i := sort.Search(len(l.edges), func(i int) bool { return l.edges[i].edom.in > ep.edom.in }) - 1
	for i >= 0 && l.edges[i].edom.out < ep.edom.out {
		i = l.up[i]
	}
	for ; i >= 0; i = l.up[i] {
		out = append(out, l.edges[i])
	}
	return out
}

// dominatingTests returns the edges among ep and its dominators that can
// decide child's test, in ascending edge number (libpcap's order).
func (o *optimizer) dominatingTests(ep *oedge, child *onode, out []*oedge) []*oedge {
	out = o.tests[testKey{code: child.s.code, aval: child.val[atomA], oval: child.oval}].dominating(ep, out)
	if child.s.code == cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK {
		out = o.tests[testKey{aval: child.val[atomA], jeqTrue: true}].dominating(ep, out)
	}
	return out
}

// orPullup: in a chain of "or"ed tests that all jump to the same place when
// true, a test of the same value as the one at the top of the chain, found
// further down behind a test of a different value, is moved up in front of
// it, so that jump threading can then merge it with the top.
func (o *optimizer) orPullup(b *onode) bool {
	return o.pullup(b, true)
}

// andPullup is orPullup for "and" chains (same false target, true links).
func (o *optimizer) andPullup(b *onode) bool {
	return o.pullup(b, false)
}

func (o *optimizer) pullup(b *onode, or bool) bool {
	ep := b.inEdges
	if ep == nil {
		return false
	}
	val := ep.pred.val[atomA]
	if val == valUnknown {
		return false
	}
	for e := ep.next; e != nil; e = e.next {
		if e.pred.val[atomA] != val {
			return false
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
			return false
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
			return false
		}
		if s.val[atomA] == val {
			break
		}
		samep = link(s)
	}
	pull := *samep
	if !o.pullupSafe(b, *diffp, pull, same(b), *link(pull), link) {
		return false
	}
	*samep = *link(pull)
	*link(pull) = *diffp
	if atTop {
		for e := b.inEdges; e != nil; e = e.next {
			if e.succ == b {
				e.succ = pull
			}
		}
	} else {
		*diffp = pull
	}
	o.changed(false)
	return true
}

// pullupSafe checks what libpcap's pull-ups take for granted ("the code
// generator will not produce such dependencies"): the blocks that change
// order (from first down to pull) read nothing on entry, and nothing after
// them (the chain's exit exit, pull's old continuation next) reads what they
// define.
func (o *optimizer) pullupSafe(b, first, pull, exit, next *onode, link func(*onode) **onode) bool {
	var defs uint32
	for n := first; ; n = *link(n) {
		if n == nil || n.inUse != 0 {
			return false
		}
		defs |= n.def
		if n == pull {
			break
		}
	}
	if exit != nil && exit.inUse&defs != 0 {
		return false
	}
	if next != nil && next.inUse&defs != 0 {
		return false
	}
	return true
}
