package filter

// treeLinks is a node's place in a dominator tree or forest: of blocks
// (onode) or of edges (oedge). Nearest common ancestors come from a
// binary-lifting table, ancestor tests from a depth-first numbering.
type treeLinks[N comparable] struct {
	parent   N // the zero N (nil) at a root
	depth    int
	up       []N // up[j] is the 2^j-th ancestor
	children []N
	// The node's interval in a depth-first numbering of the forest: d is
	// an ancestor of (or equal to) n iff d.in <= n.in && n.out <= d.out.
	in, out int
}

// treeNode is a node type with tree links: *onode or *oedge.
type treeNode[N comparable] interface {
	comparable
	links() *treeLinks[N]
}

// setParent records n's parent (the zero N for a root) and its lifting
// table.
func setParent[N treeNode[N]](n, parent N) {
	var none N
	l := n.links()
	l.parent = parent
	l.up = l.up[:0]
	if parent == none {
		l.depth = 0
		return
	}
	l.depth = parent.links().depth + 1
	l.up = append(l.up, parent)
	for j := 0; j < len(l.up[j].links().up); j++ {
		l.up = append(l.up, l.up[j].links().up[j])
	}
}

// nearestCommon returns the nearest common ancestor of a and b, in
// logarithmic time (a block may have thousands of predecessors); the zero
// N when they are in different trees of a forest, or either is the zero N.
func nearestCommon[N treeNode[N]](a, b N) N {
	var none N
	if a == none || b == none {
		return none
	}
	if a.links().depth < b.links().depth {
		a, b = b, a
	}
	for j := len(a.links().up) - 1; j >= 0; j-- {
		if up := a.links().up; j < len(up) && a.links().depth-(1<<j) >= b.links().depth {
			a = up[j]
		}
	}
	if a == b {
		return a
	}
	for j := len(a.links().up) - 1; j >= 0; j-- {
		au, bu := a.links().up, b.links().up
		if j < len(au) && j < len(bu) && au[j] != bu[j] {
			a, b = au[j], bu[j]
		}
	}
	if a.links().parent == b.links().parent {
		return a.links().parent
	}
	return none
}

// number gives every node under roots its depth-first interval.
func number[N treeNode[N]](roots []N) {
	t := 0
	type frame struct {
		n N
		i int
	}
	var stack []frame
	for _, r := range roots {
		r.links().in = t
		t++
		stack = append(stack[:0], frame{n: r})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if kids := top.n.links().children; top.i < len(kids) {
				c := kids[top.i]
				top.i++
				c.links().in = t
				t++
				stack = append(stack, frame{n: c})
				continue
			}
			top.n.links().out = t
			t++
			stack = stack[:len(stack)-1]
		}
	}
}
