package filter

import (
	"errors"
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
)

// The optimizer follows libpcap's (optimize.c, after the BPF+ paper): the
// graph is levelled, dominators and edge dominators are computed, and each
// pass runs a value-numbering data-flow analysis over the blocks in
// topological order (constant propagation and folding, redundant-load and
// dead-store elimination, peephole rewrites), then moves edges past blocks
// whose outcome is already decided by a dominating edge (jump threading) and
// pulls repeated tests up "or" and "and" chains. Passes repeat until nothing
// changes; a second round then works on the statements alone, identical
// blocks are merged, and the root is trimmed.
//
// The files:
//
//	optimize.go           this driver, the working graph, conversion to and from Blocks
//	optimize_flow.go      levels, dominators, edge dominators, use/def sets
//	optimize_value.go     value numbering and the statement/peephole rewrites
//	optimize_jump.go      jump threading (opt_j) and or/and pull-up
//
// Everything that walks the graph is iterative: a 4,000-term conjunction is a
// chain thousands of blocks deep. Dominators and edge dominators are trees
// (libpcap's bit vectors are quadratic in memory), and jump threading looks
// up only the dominating edges that can decide a test.
//
// The output is libpcap's, instruction for instruction, on its own test
// corpus, except where libpcap relies on properties of its code generator
// that a graph need not have, or is plainly wrong; there this optimizer is
// stricter (each found by the property test or the fuzzer):
//   - a value unknown on entry to a block (predecessors disagree) gets a
//     number of its own, where libpcap's single "unknown" made, say, loads
//     through two different unknown X registers look alike;
//   - values a block no longer computes (dead stores, emptied blocks) are
//     not taken as still present by later blocks;
//   - skipping a block checks what the target block itself reads, and an
//     unknown value is never equal to another;
//   - pull-ups use dominators and in-edges of the current graph, and check
//     that the blocks they reorder do not depend on each other;
//   - "jset #0xffffffff" is not taken as always true; "ret a" keeps the
//     statements that compute A; a decided branch is not threaded again
//     (libpcap can loop forever there); "and #0xffffffff" is removed, as
//     libpcap master's output shows.
//
// Like libpcap's, it may drop or reorder packet loads, so a truncated packet
// on which the unoptimized program would stop (an out-of-bounds load) can
// get a different verdict; the tests count those cases separately.

// errRejectsAll is returned when the optimizer proves that the filter returns
// 0 for every packet; libpcap master reports the same text.
var errRejectsAll = errors.New("expression rejects all packets")

const (
	nop = -1 // a deleted statement

	atomA  = cbpf.MemWords     // the accumulator
	atomX  = cbpf.MemWords + 1 // the index register
	nAtoms = cbpf.MemWords + 2
	atomAX = nAtoms // both A and X are used

	valUnknown = 0
)

// ostmt is a statement of the working graph; code is nop once deleted.
type ostmt struct {
	code   int
	k      uint32
	jt, jf uint8
}

// oedge is one of a block's two outgoing edges.
type oedge struct {
	id         int
	code       int // the branch opcode, negated for the false edge
	pred, succ *onode
	next       *oedge // next edge into succ (in-edge list)

	// Edge dominator forest: the parent is the nearest strictly
	// dominating edge.
	edom treeLinks[*oedge]
}

func (e *oedge) links() *treeLinks[*oedge] { return &e.edom }

// onode is a block of the working graph.
type onode struct {
	id     int
	orig   *block
	stmts  []ostmt
	s      ostmt // terminator
	et, ef oedge // JT(b) is et.succ, JF(b) is ef.succ

	level  int
	mark   int
	opaque bool // has block-local jumps: never rewritten, defines unknowns

	val  [nAtoms]uint32
	oval uint32

	def, kill, inUse, outUse uint32

	inEdges *oedge
	link    *onode // intern_blocks

	// Block dominator tree: the parent is the immediate dominator.
	dom      treeLinks[*onode]
	domPass  int    // the pass whose findDom numbered this block
	dacc     *onode // findDom: nearest common dominator of the predecessors seen
	daccPass int
}

func (b *onode) links() *treeLinks[*onode] { return &b.dom }

func (b *onode) jt() *onode { return b.et.succ }
func (b *onode) jf() *onode { return b.ef.succ }

type optimizer struct {
	blocks []*onode // by id, in libpcap's numbering (depth-first, true side first)
	edges  []*oedge // by id: true edges 0..n-1, false edges n..2n-1
	root   *onode
	levels [][]*onode // levels[l] in libpcap's list order
	// spareLevels is refreshDom's own level lists (o.levels must survive).
	spareLevels [][]*onode
	mark        int
	pass        int

	done      bool
	nonBranch bool
	err       error
	vals      valueTable
	tests     map[testKey]*laminar // indexTests, valid during one pass's jump threading
}

// optimizeHook, when set (by tests), is called after each step of a pass
// with a description of the step; tests use it to find the step that
// breaks a program.
var optimizeHook func(o *optimizer, step string)

func (o *optimizer) hook(format string, args ...any) {
	if optimizeHook != nil {
		optimizeHook(o, fmt.Sprintf(format, args...))
	}
}

// optimize runs the optimizer on the graph rooted at root and returns the
// new root. The input graph is not modified. Blocks that contain block-local
// jumps (the Linux vlan test; protochain and geneve, which Compile does not
// optimize, like libpcap) are kept as they are and treated as opaque: what
// they define is unknown afterwards.
func optimize(root *block) (*block, error) {
	if root == nil {
		return nil, fmt.Errorf("optimize: nil root block")
	}
	if _, err := postorder(root); err != nil { // checks the graph's shape
		return nil, fmt.Errorf("optimize: %w", err)
	}
	o := newOptimizer(root)
	o.loop(false)
	if o.err == nil {
		o.loop(true)
	}
	if o.err != nil {
		return nil, o.err
	}
	o.internBlocks()
	o.hook("internBlocks")
	o.optRoot()
	o.hook("optRoot")
	out := o.export()
	if out.IsReturn() && out.Cond.Op == cbpf.ClassRET|cbpf.RetK && out.Cond.K == 0 {
		return nil, errRejectsAll
	}
	return out, nil
}

// newOptimizer copies the block graph into the working graph, numbering the
// blocks the way libpcap's number_blks_r does (preorder, true side first).
func newOptimizer(root *block) *optimizer {
	o := &optimizer{}
	m := make(map[*block]*onode)
	stack := []*block{root}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if m[b] != nil {
			continue
		}
		n := &onode{id: len(o.blocks), orig: b}
		m[b] = n
		o.blocks = append(o.blocks, n)
		if !b.IsReturn() {
			stack = append(stack, b.False, b.True)
		}
	}
	nb := len(o.blocks)
	o.edges = make([]*oedge, 2*nb)
	for _, n := range o.blocks {
		b := n.orig
		n.stmts = make([]ostmt, len(b.Stmts))
		for i, s := range b.Stmts {
			n.stmts[i] = ostmt{code: int(s.Op), k: s.K, jt: s.JT, jf: s.JF}
			if s.Op&cbpf.ClassMask == cbpf.ClassJMP {
				n.opaque = true
			}
		}
		n.s = ostmt{code: int(b.Cond.Op), k: b.Cond.K}
		n.et = oedge{id: n.id, pred: n}
		n.ef = oedge{id: nb + n.id, pred: n}
		if !b.IsReturn() {
			n.et.succ = m[b.True]
			n.ef.succ = m[b.False]
		}
		o.edges[n.id] = &n.et
		o.edges[nb+n.id] = &n.ef
	}
	o.root = m[root]
	return o
}

// maxPasses bounds the passes of one round (plus one per block).
const maxPasses = 200

// loop is libpcap's opt_loop: passes until a fixed point, with its guard
// against passes that only shuffle branches around forever.
func (o *optimizer) loop(doStmts bool) {
	shuffles, passes := 0, 0
	for {
		o.done = true
		o.nonBranch = false
		o.findLevels()
		o.findDom()
		o.findUD()
		o.findEdom()
		o.optBlocks(doStmts)
		if o.err != nil || o.done {
			return
		}
		if o.nonBranch {
			shuffles = 0
		} else if shuffles++; shuffles >= 100 {
			return
		}
		// Every pass keeps the program's meaning, so stopping early is
		// safe; a graph that still changes after this many passes is
		// cycling (libpcap would loop forever on some of these).
		if passes++; passes >= maxPasses+len(o.blocks) {
			return
		}
	}
}

// optBlocks is one pass: data flow over every block, then (first round
// only) jump threading and pull-ups.
func (o *optimizer) optBlocks(doStmts bool) {
	o.vals.reset()
	o.findInEdges()
	for l := len(o.levels) - 1; l >= 0; l-- {
		for _, b := range o.levelList(l) {
			o.optBlock(b, doStmts)
			if o.err != nil {
				return
			}
			o.hook("optBlock %d", b.orig.ID)
		}
	}
	if doStmts {
		return
	}
	o.indexTests()
	for l := 1; l < len(o.levels); l++ {
		for _, b := range o.levelList(l) {
			o.optJ(&b.et)
			o.optJ(&b.ef)
			o.hook("optJ %d", b.orig.ID)
		}
	}
	// Pull-ups test dominance. libpcap uses the dominators computed before
	// jump threading moved edges (and before earlier pull-ups of the same
	// pass), which can let a block be pulled in front of one that it no
	// longer dominates, and stale in-edge lists; the property test found
	// filters where that changes the result. So both are recomputed on the
	// current graph, while the blocks are still visited in the pass's
	// level order.
	levels := o.levels
	o.refreshDom()
	o.findInEdges()
	for l := 1; l < len(levels); l++ {
		for _, b := range levels[l] {
			if o.orPullup(b) {
				o.refreshDom()
				o.findInEdges()
				o.hook("orPullup %d", b.orig.ID)
			}
			if o.andPullup(b) {
				o.refreshDom()
				o.findInEdges()
				o.hook("andPullup %d", b.orig.ID)
			}
		}
	}
	o.levels = levels
}

// refreshDom recomputes the dominator tree of the current graph, leaving
// o.levels as they were.
func (o *optimizer) refreshDom() {
	saved := o.levels
	o.levels = o.spareLevels // reused: this runs after every pull-up
	o.findLevels()
	o.findDom()
	o.spareLevels = o.levels
	o.levels = saved
}

// levelList returns level l in libpcap's list order (last finished first).
func (o *optimizer) levelList(l int) []*onode { return o.levels[l] }

// findInEdges links every edge of the levelled blocks into its successor's
// in-edge list, in libpcap's order.
func (o *optimizer) findInEdges() {
	for _, b := range o.blocks {
		b.inEdges = nil
	}
	for l := len(o.levels) - 1; l > 0; l-- {
		for _, b := range o.levelList(l) {
			b.et.next = b.et.succ.inEdges
			b.et.succ.inEdges = &b.et
			b.ef.next = b.ef.succ.inEdges
			b.ef.succ.inEdges = &b.ef
		}
	}
}

// reachable returns the blocks reachable from the root, marking them.
func (o *optimizer) reachable() []*onode {
	o.mark++
	var out []*onode
	stack := []*onode{o.root}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b.mark == o.mark {
			continue
		}
		b.mark = o.mark
		out = append(out, b)
		if b.jt() != nil {
			stack = append(stack, b.jf(), b.jt())
		}
	}
	return out
}

// internBlocks merges identical blocks (same statements, terminator and
// successors) until none are left, keeping for each the identical block
// with the smallest larger number, as libpcap does.
func (o *optimizer) internBlocks() {
	for {
		for _, b := range o.blocks {
			b.link = nil
		}
		o.reachable()
		seen := make(map[string]*onode)
		for i := len(o.blocks) - 1; i >= 0; i-- {
			b := o.blocks[i]
			if b.mark != o.mark {
				continue
			}
			key := blockKey(b)
			if j := seen[key]; j != nil {
				if j.link != nil {
					b.link = j.link
				} else {
					b.link = j
				}
			}
			seen[key] = b
		}
		changed := false
		for _, b := range o.blocks {
			if b.jt() == nil {
				continue
			}
			if l := b.jt().link; l != nil {
				b.et.succ = l
				changed = true
			}
			if l := b.jf().link; l != nil {
				b.ef.succ = l
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// blockKey identifies a block's content for internBlocks.
func blockKey(b *onode) string {
	buf := make([]byte, 0, 16+8*len(b.stmts))
	put := func(v uint32) {
		buf = append(buf, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	put(uint32(b.s.code))
	put(b.s.k)
	if b.jt() != nil {
		put(uint32(b.jt().id))
		put(uint32(b.jf().id))
	} else {
		put(^uint32(0))
		put(^uint32(0))
	}
	for _, s := range b.stmts {
		if s.code == nop {
			continue
		}
		put(uint32(s.code))
		put(s.k)
		if s.code&cbpf.ClassMask == cbpf.ClassJMP {
			put(uint32(s.jt)<<8 | uint32(s.jf))
		}
	}
	return string(buf)
}

// optRoot skips blocks at the top whose both branches go to the same place,
// moving their statements into the new root; a root that returns a
// constant needs no statements (classic BPF has no side effects).
func (o *optimizer) optRoot() {
	var stmts []ostmt
	b := o.root
	for b.jt() != nil && b.jt() == b.jf() {
		stmts = append(stmts, b.stmts...)
		b = b.jt()
	}
	if b != o.root {
		b.stmts = append(stmts, b.stmts...)
		o.root = b
	}
	if b.s.code == cbpf.ClassRET|cbpf.RetK {
		b.stmts = nil
	}
}

// export converts the working graph back to Blocks, dropping deleted
// statements.
func (o *optimizer) export() *block {
	m := make(map[*onode]*block)
	live := o.reachable()
	for _, n := range live {
		b := &block{ID: n.orig.ID, Cond: stmt{Op: uint16(n.s.code), K: n.s.k}}
		for _, s := range n.stmts {
			if s.code != nop {
				b.Stmts = append(b.Stmts, stmt{Op: uint16(s.code), K: s.k, JT: s.jt, JF: s.jf})
			}
		}
		m[n] = b
	}
	for _, n := range live {
		if n.jt() != nil {
			m[n].True = m[n.jt()]
			m[n].False = m[n.jf()]
		}
	}
	return m[o.root]
}
