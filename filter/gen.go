package filter

import (
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// The code generator follows libpcap's gencode.c closely, because the goal is
// an unoptimized program identical to libpcap's: the same blocks, created in
// the same order, combined by the same backpatching.
//
// Every primitive becomes a small graph of blocks whose unresolved exits form
// a linked list threaded through the blocks' own successor fields; "sense"
// says which of the two fields (true or false successor) is the list link and
// thus the exit that means "the primitive matched". and/or/not only rewire
// and flip those lists; finish resolves the remaining exits to the two return
// blocks. gblock is the generator's working form; toCFG turns the result into
// the block graph of cfg.go.

// gblock is a basic block under construction.
type gblock struct {
	id     int
	stmts  []stmt
	cond   stmt // jump (with K) or return
	jt, jf *gblock
	sense  bool
	head   *gblock
}

// absOffset is libpcap's bpf_abs_offset: a constant part plus, when
// isVariable, the value of scratch register reg (allocated on first use).
type absOffset struct {
	isVariable bool
	constPart  uint32
	reg        int
}

// offsetNotSet marks an offset the link type does not have.
const offsetNotSet = 0xffffffff

// arth is an arithmetic value under construction: the statements computing
// it into scratch register regno, and the protocol checks (b) that must hold
// for the computation to make sense.
type arth struct {
	s     []stmt
	b     *gblock
	regno int
}

// gen holds the code generator's state (libpcap's compiler_state_t).
type gen struct {
	opts         Options
	resolver     Resolver
	snaplen      uint32
	netmask      uint32
	netmaskKnown bool

	linktype, prevlinktype, outermostlinktype linktype.Type

	offLinkHdr, offPrevLinkHdr, offOutermostLinkHdr absOffset
	offLinkPl, offLinkType                          absOffset
	offNL, offNLNoSNAP                              uint32

	isEncap bool
	// ss7 holds the MTP2 family's field offsets (offsetNotSet elsewhere).
	ss7             ss7Offsets
	isVlanVloffset  bool
	labelStackDepth int
	vlanStackDepth  int

	regused [cbpf.MemWords]bool
	curreg  int

	// noOptimize is libpcap's cstate->no_optimize: set when the generated
	// code contains jumps inside statement lists the optimizer cannot handle.
	noOptimize bool
	// localJumps records that some block has jumps in its statements.
	localJumps bool

	nblocks int
	// pos is the source offset of the primitive being generated, for errors;
	// valuePos that of its value (the identifier or number), or -1.
	pos, valuePos int
}

// genFailure is raised (by panic) for a semantic error and recovered by
// generate, the way libpcap longjmps out of gencode.c.
type genFailure struct {
	pos int
	msg string
}

func (g *gen) fail(format string, args ...any) {
	panic(genFailure{pos: g.pos, msg: fmt.Sprintf(format, args...)})
}

// failValue reports an error about the primitive's value (an unknown name,
// a number out of range), at the value's position when known.
func (g *gen) failValue(format string, args ...any) {
	pos := g.pos
	if g.valuePos >= 0 {
		pos = g.valuePos
	}
	panic(genFailure{pos: pos, msg: fmt.Sprintf(format, args...)})
}

// assertMaxval is libpcap's assert_maxval.
func (g *gen) assertMaxval(name string, val, max uint32) {
	if val > max {
		g.failValue("%s %d greater than maximum %d", name, val, max)
	}
}

func (g *gen) newBlock(code uint16, k uint32) *gblock {
	b := &gblock{id: g.nblocks, cond: stmt{Op: code, K: k}}
	g.nblocks++
	b.head = b
	return b
}

func mkStmt(op uint16, k uint32) stmt { return stmt{Op: op, K: k} }

func (g *gen) retBlock(v uint32) *gblock { return g.newBlock(cbpf.ClassRET|cbpf.RetK, v) }

// backpatch points every exit in list at target.
func backpatch(list, target *gblock) {
	for list != nil {
		var next *gblock
		if !list.sense {
			next = list.jt
			list.jt = target
		} else {
			next = list.jf
			list.jf = target
		}
		list = next
	}
}

// merge appends list b1 to the end of list b0.
func merge(b0, b1 *gblock) {
	p := &b0
	for *p != nil {
		if !(*p).sense {
			p = &(*p).jt
		} else {
			p = &(*p).jf
		}
	}
	*p = b1
}

// constValue reports whether b is a bare constant block (gen_true or
// gen_false, possibly negated, not yet linked to anything) and its value.
func constValue(b *gblock) (value, ok bool) {
	if b.head != b || b.jt != nil || b.jf != nil || len(b.stmts) != 1 {
		return false, false
	}
	s := b.stmts[0]
	if s.Op != cbpf.ClassLD|cbpf.ModeIMM || b.cond.Op != cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK || b.cond.K != 0 {
		return false, false
	}
	return (s.K == 0) != b.sense, true
}

// become makes b1 stand for the expression whose result block is b0: b1
// takes b0's contents and every reference to b0 is redirected to b1.
func become(b1, b0 *gblock) {
	id := b1.id
	*b1 = *b0
	b1.id = id
	if b0.head == b0 {
		b1.head = b1
	}
	seen := map[*gblock]bool{}
	stack := []*gblock{b1.head}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == nil || seen[b] {
			continue
		}
		seen[b] = true
		if b.jt == b0 {
			b.jt = b1
		}
		if b.jf == b0 {
			b.jf = b1
		}
		stack = append(stack, b.jt, b.jf)
	}
}

// genAnd makes b1 the conjunction b0 && b1 (b1 is the result, as in
// libpcap). Like libpcap master, constant operands fold away.
func genAnd(b0, b1 *gblock) {
	if v, ok := constValue(b0); ok {
		if !v {
			become(b1, b0)
		}
		return
	}
	if v, ok := constValue(b1); ok {
		if v {
			become(b1, b0)
		}
		return
	}
	backpatch(b0, b1.head)
	b0.sense = !b0.sense
	b1.sense = !b1.sense
	merge(b1, b0)
	b1.sense = !b1.sense
	b1.head = b0.head
}

// genOr makes b1 the disjunction b0 || b1.
func genOr(b0, b1 *gblock) {
	if v, ok := constValue(b0); ok {
		if v {
			become(b1, b0)
		}
		return
	}
	if v, ok := constValue(b1); ok {
		if !v {
			become(b1, b0)
		}
		return
	}
	b0.sense = !b0.sense
	backpatch(b0, b1.head)
	b0.sense = !b0.sense
	merge(b1, b0)
	b1.head = b0.head
}

func genNot(b *gblock) { b.sense = !b.sense }

// jmpK is gen_jmp_k: a block running stmts then "jtype #v".
func (g *gen) jmpK(jtype uint16, v uint32, stmts []stmt) *gblock {
	b := g.newBlock(cbpf.ClassJMP|jtype|cbpf.SrcK, v)
	b.stmts = stmts
	return b
}

// jmpX is gen_jmp_x: a block running stmts then "jtype x".
func (g *gen) jmpX(jtype uint16, stmts []stmt) *gblock {
	b := g.newBlock(cbpf.ClassJMP|jtype|cbpf.SrcX, 0)
	b.stmts = stmts
	return b
}

func (g *gen) set(v uint32, stmts []stmt) *gblock { return g.jmpK(cbpf.JSET, v, stmts) }

func (g *gen) unset(v uint32, stmts []stmt) *gblock {
	b := g.set(v, stmts)
	genNot(b)
	return b
}

func (g *gen) uncond(rsense bool) *gblock {
	k := uint32(1)
	if rsense {
		k = 0
	}
	return g.jmpK(cbpf.JEQ, 0, []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeIMM, k)})
}

func (g *gen) genTrue() *gblock  { return g.uncond(true) }
func (g *gen) genFalse() *gblock { return g.uncond(false) }

// Scratch registers, allocated round-robin as libpcap does (the allocation
// order shows in the generated code).
func (g *gen) allocReg() int {
	for n := cbpf.MemWords; n > 0; n-- {
		if g.regused[g.curreg] {
			g.curreg = (g.curreg + 1) % cbpf.MemWords
		} else {
			g.regused[g.curreg] = true
			return g.curreg
		}
	}
	g.fail("too many registers needed to evaluate expression")
	return 0
}

func (g *gen) freeReg(n int) { g.regused[n] = false }

// finish is finish_parse: variable-offset prologue, then the two returns.
func (g *gen) finish(p *gblock) *gblock {
	g.insertComputeVloffsets(p.head)
	if g.linktype == linktype.PPI {
		// PPI is compiled for 802.11 inside it: check the DLT it names
		// (little-endian, hence swapped).
		ppi := g.cmp(orPacket, 4, cbpf.SizeW, 0x69000000)
		genAnd(ppi, p)
	}
	backpatch(p, g.retBlock(g.snaplen))
	p.sense = !p.sense
	backpatch(p, g.retBlock(0))
	return p.head
}

// toCFG converts the finished gblock graph into the cfg.go form, keeping
// sharing (a DAG stays a DAG).
func toCFG(root *gblock) *block {
	m := make(map[*gblock]*block)
	var conv func(b *gblock) *block
	// Iterative to survive very deep graphs (thousands of and-ed terms).
	type frame struct {
		b    *gblock
		done bool
	}
	conv = func(r *gblock) *block {
		stack := []frame{{b: r}}
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, ok := m[f.b]; ok && !f.done {
				continue
			}
			if !f.done {
				stack = append(stack, frame{b: f.b, done: true})
				if f.b.jt != nil {
					if _, ok := m[f.b.jt]; !ok {
						stack = append(stack, frame{b: f.b.jt})
					}
				}
				if f.b.jf != nil {
					if _, ok := m[f.b.jf]; !ok {
						stack = append(stack, frame{b: f.b.jf})
					}
				}
				continue
			}
			if _, ok := m[f.b]; ok {
				continue
			}
			nb := &block{ID: f.b.id, Stmts: f.b.stmts, Cond: f.b.cond}
			m[f.b] = nb
		}
		return m[r]
	}
	out := conv(root)
	for gb, b := range m {
		if gb.jt != nil {
			b.True = m[gb.jt]
		}
		if gb.jf != nil {
			b.False = m[gb.jf]
		}
	}
	return out
}

// byDirection builds the test for a direction qualifier from the test of one
// address field (field(true) tests the source, field(false) the destination):
// "src" and "dst" alone; "src and dst", and "src or dst" (also the default),
// as the source test combined with the destination test, built in that order
// as libpcap builds them. ok is false for the other directions (the 802.11
// ones), which each caller rejects with its own message.
func (g *gen) byDirection(dir Dir, field func(src bool) *gblock) (b *gblock, ok bool) {
	switch dir {
	case DirSrc:
		return field(true), true
	case DirDst:
		return field(false), true
	case DirAnd, DirDefault, DirOr:
		b0 := field(true)
		b1 := field(false)
		if dir == DirAnd {
			genAnd(b0, b1)
		} else {
			genOr(b0, b1)
		}
		return b1, true
	}
	return nil, false
}
