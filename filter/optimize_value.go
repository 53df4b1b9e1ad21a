package filter

import (
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Value numbering (Cocke and Schwartz style, as in libpcap): every
// computation gets a number, identical computations on identical operands
// get the same number, and constants are numbers whose value is known. A
// block's entry values are its predecessors' exit values where they all
// agree, unknown (0) otherwise. Loading a value a register already holds is
// then redundant, and operations on known constants fold.

type valueKey struct {
	code   int
	v0, v1 uint32
}

type valueTable struct {
	ids     map[valueKey]uint32
	isConst []bool
	isPhi   []bool // the unknown value of an atom on entry to one block
	konst   []uint32
}

func (t *valueTable) reset() {
	if t.ids == nil {
		t.ids = make(map[valueKey]uint32)
	} else {
		clear(t.ids)
	}
	t.isConst = append(t.isConst[:0], false) // number 0: unknown
	t.isPhi = append(t.isPhi[:0], true)
	t.konst = append(t.konst[:0], 0)
}

// unknown reports whether v says nothing about the value (libpcap's 0),
// for the rules that need a value known to be the same on every path.
func (t *valueTable) unknown(v uint32) bool { return t.isPhi[v] }

// phi returns a new value number standing for whatever an atom holds on
// entry to a block whose predecessors disagree. libpcap uses 0 there, and
// so numbers "ld [x+0]" alike in any two blocks where X is unknown, though
// X may differ; a value number per block entry keeps them apart.
func (t *valueTable) phi() uint32 {
	v := t.fresh()
	t.isPhi[v] = true
	return v
}

// number returns the value number of code applied to v0 and v1.
func (t *valueTable) number(code int, v0, v1 uint32) uint32 {
	key := valueKey{code, v0, v1}
	if v, ok := t.ids[key]; ok {
		return v
	}
	v := uint32(len(t.isConst))
	t.ids[key] = v
	c := code&cbpf.ModeMask == cbpf.ModeIMM && (code&cbpf.ClassMask == cbpf.ClassLD || code&cbpf.ClassMask == cbpf.ClassLDX)
	t.isConst = append(t.isConst, c)
	t.isPhi = append(t.isPhi, false)
	t.konst = append(t.konst, v0)
	return v
}

// fresh returns a new value number equal to no other.
func (t *valueTable) fresh() uint32 {
	v := uint32(len(t.isConst))
	t.isConst = append(t.isConst, false)
	t.isPhi = append(t.isPhi, false)
	t.konst = append(t.konst, 0)
	return v
}

// k returns the value number of the constant c.
func (t *valueTable) k(c uint32) uint32 { return t.number(cbpf.ClassLD|cbpf.ModeIMM|cbpf.SizeW, c, 0) }

// vstore records that s sets *slot to v, deleting s when alter is set and
// the slot already holds v.
func (t *valueTable) vstore(s *ostmt, slot *uint32, v uint32, alter bool) {
	if alter && !t.unknown(v) && *slot == v {
		s.code = nop
	} else {
		*slot = v
	}
}

func (o *optimizer) changed(nonBranch bool) {
	o.done = false
	if nonBranch {
		o.nonBranch = true
	}
}

// foldOp evaluates the binary ALU operation of s on two constants and turns
// s into a load of the result.
func (o *optimizer) foldOp(s *ostmt, v0, v1 uint32) {
	a, b := o.vals.konst[v0], o.vals.konst[v1]
	switch s.code & cbpf.OpMask {
	case cbpf.ADD:
		a += b
	case cbpf.SUB:
		a -= b
	case cbpf.MUL:
		a *= b
	case cbpf.DIV:
		if b == 0 {
			o.fail("division by zero")
			return
		}
		a /= b
	case cbpf.MOD:
		if b == 0 {
			o.fail("modulus by zero")
			return
		}
		a %= b
	case cbpf.AND:
		a &= b
	case cbpf.OR:
		a |= b
	case cbpf.XOR:
		a ^= b
	case cbpf.LSH:
		// Linux masks the shift amount to 5 bits (libpcap's optimizer
		// folds big shifts to 0, which is not what the kernel runs).
		a <<= b & 31
	case cbpf.RSH:
		a >>= b & 31
	default:
		o.fail(fmt.Sprintf("cannot fold ALU op %#x", s.code))
		return
	}
	s.k = a
	s.code = cbpf.ClassLD | cbpf.ModeIMM
	o.changed(true)
}

func (o *optimizer) fail(msg string) {
	if o.err == nil {
		o.err = fmt.Errorf("optimizer: %s", msg)
	}
}

// optStmt computes the value s leaves in what it defines and, when alter
// is set, simplifies s.
func (o *optimizer) optStmt(s *ostmt, val *[nAtoms]uint32, alter bool) {
	t := &o.vals
	switch s.code {
	case cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeW, cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeH, cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB:
		t.vstore(s, &val[atomA], t.number(s.code, s.k, 0), alter)

	case cbpf.ClassLD | cbpf.ModeIND | cbpf.SizeW, cbpf.ClassLD | cbpf.ModeIND | cbpf.SizeH, cbpf.ClassLD | cbpf.ModeIND | cbpf.SizeB:
		v := val[atomX]
		if alter && t.isConst[v] {
			s.code = cbpf.ClassLD | cbpf.ModeABS | (s.code & cbpf.SizeMask)
			s.k += t.konst[v]
			v = t.number(s.code, s.k, 0)
			o.changed(true)
		} else {
			v = t.number(s.code, s.k, v)
		}
		t.vstore(s, &val[atomA], v, alter)

	case cbpf.ClassLD | cbpf.ModeLEN:
		t.vstore(s, &val[atomA], t.number(s.code, 0, 0), alter)

	case cbpf.ClassLD | cbpf.ModeIMM:
		t.vstore(s, &val[atomA], t.k(s.k), alter)

	case cbpf.ClassLDX | cbpf.ModeIMM:
		t.vstore(s, &val[atomX], t.k(s.k), alter)

	case cbpf.ClassLDX | cbpf.ModeMSH | cbpf.SizeB:
		t.vstore(s, &val[atomX], t.number(s.code, s.k, 0), alter)

	case cbpf.ClassALU | cbpf.NEG:
		if alter && t.isConst[val[atomA]] {
			s.code = cbpf.ClassLD | cbpf.ModeIMM
			s.k = 0 - t.konst[val[atomA]]
			val[atomA] = t.k(s.k)
		} else {
			val[atomA] = t.number(s.code, val[atomA], 0)
		}

	case cbpf.ClassALU | cbpf.ADD | cbpf.SrcK, cbpf.ClassALU | cbpf.SUB | cbpf.SrcK, cbpf.ClassALU | cbpf.MUL | cbpf.SrcK,
		cbpf.ClassALU | cbpf.DIV | cbpf.SrcK, cbpf.ClassALU | cbpf.MOD | cbpf.SrcK, cbpf.ClassALU | cbpf.AND | cbpf.SrcK,
		cbpf.ClassALU | cbpf.OR | cbpf.SrcK, cbpf.ClassALU | cbpf.XOR | cbpf.SrcK, cbpf.ClassALU | cbpf.LSH | cbpf.SrcK,
		cbpf.ClassALU | cbpf.RSH | cbpf.SrcK:
		op := s.code & cbpf.OpMask
		if alter {
			if s.k == 0 {
				switch op {
				case cbpf.ADD, cbpf.LSH, cbpf.RSH, cbpf.OR, cbpf.XOR:
					s.code = nop
					return
				case cbpf.MUL, cbpf.AND:
					s.code = cbpf.ClassLD | cbpf.ModeIMM
					val[atomA] = t.k(s.k)
					return
				case cbpf.DIV:
					o.fail("division by zero")
					return
				case cbpf.MOD:
					o.fail("modulus by zero")
					return
				}
			}
			if op == cbpf.AND && s.k == 0xffffffff {
				// An identity libpcap master also removes (its
				// "& 0xFFFFFFFF" tests expect no and).
				s.code = nop
				return
			}
			if t.isConst[val[atomA]] {
				o.foldOp(s, val[atomA], t.k(s.k))
				val[atomA] = t.k(s.k)
				return
			}
		}
		val[atomA] = t.number(s.code, val[atomA], t.k(s.k))

	case cbpf.ClassALU | cbpf.ADD | cbpf.SrcX, cbpf.ClassALU | cbpf.SUB | cbpf.SrcX, cbpf.ClassALU | cbpf.MUL | cbpf.SrcX,
		cbpf.ClassALU | cbpf.DIV | cbpf.SrcX, cbpf.ClassALU | cbpf.MOD | cbpf.SrcX, cbpf.ClassALU | cbpf.AND | cbpf.SrcX,
		cbpf.ClassALU | cbpf.OR | cbpf.SrcX, cbpf.ClassALU | cbpf.XOR | cbpf.SrcX, cbpf.ClassALU | cbpf.LSH | cbpf.SrcX,
		cbpf.ClassALU | cbpf.RSH | cbpf.SrcX:
		op := s.code & cbpf.OpMask
		if alter && t.isConst[val[atomX]] {
			if t.isConst[val[atomA]] {
				o.foldOp(s, val[atomA], val[atomX])
				val[atomA] = t.k(s.k)
			} else {
				s.code = cbpf.ClassALU | cbpf.SrcK | op
				s.k = t.konst[val[atomX]]
				if (op == cbpf.LSH || op == cbpf.RSH) && s.k > 31 {
					o.fail("shift by more than 31 bits")
					return
				}
				o.changed(true)
				val[atomA] = t.number(s.code, val[atomA], t.k(s.k))
			}
			return
		}
		if alter && t.isConst[val[atomA]] && t.konst[val[atomA]] == 0 {
			switch op {
			case cbpf.ADD, cbpf.OR, cbpf.XOR:
				s.code = cbpf.ClassMISC | cbpf.TXA
				t.vstore(s, &val[atomA], val[atomX], alter)
				return
			case cbpf.MUL, cbpf.DIV, cbpf.MOD, cbpf.AND, cbpf.LSH, cbpf.RSH:
				s.code = cbpf.ClassLD | cbpf.ModeIMM
				s.k = 0
				t.vstore(s, &val[atomA], t.k(s.k), alter)
				return
			}
		}
		val[atomA] = t.number(s.code, val[atomA], val[atomX])

	case cbpf.ClassMISC | cbpf.TXA:
		t.vstore(s, &val[atomA], val[atomX], alter)

	case cbpf.ClassLD | cbpf.ModeMEM:
		v := val[s.k]
		if alter && t.isConst[v] {
			s.code = cbpf.ClassLD | cbpf.ModeIMM
			s.k = t.konst[v]
			o.changed(true)
		}
		t.vstore(s, &val[atomA], v, alter)

	case cbpf.ClassMISC | cbpf.TAX:
		t.vstore(s, &val[atomX], val[atomA], alter)

	case cbpf.ClassLDX | cbpf.ModeMEM:
		v := val[s.k]
		if alter && t.isConst[v] {
			s.code = cbpf.ClassLDX | cbpf.ModeIMM
			s.k = t.konst[v]
			o.changed(true)
		}
		t.vstore(s, &val[atomX], v, alter)

	case cbpf.ClassST:
		t.vstore(s, &val[s.k], val[atomA], alter)

	case cbpf.ClassSTX:
		t.vstore(s, &val[s.k], val[atomX], alter)
	}
}

// nextOp returns the index of the first live statement at or after i, or -1.
func nextOp(stmts []ostmt, i int) int {
	for ; i < len(stmts); i++ {
		if stmts[i].code != nop {
			return i
		}
	}
	return -1
}

// optPeep applies libpcap's peephole rewrites to a block and decides its
// branch when the compared values are known.
func (o *optimizer) optPeep(b *onode) {
	st := b.stmts
	if len(st) == 0 {
		return
	}
	last := 0
	for i := 0; ; {
		s := nextOp(st, i)
		if s < 0 {
			break
		}
		next := nextOp(st, s+1)
		if next < 0 {
			break
		}
		last = next
		i = next
		// st M[k]; ldx M[k]  →  st M[k]; tax
		if st[s].code == cbpf.ClassST && st[next].code == cbpf.ClassLDX|cbpf.ModeMEM && st[s].k == st[next].k {
			o.changed(true)
			st[next].code = cbpf.ClassMISC | cbpf.TAX
		}
		// ld #k; tax  →  ldx #k; txa
		if st[s].code == cbpf.ClassLD|cbpf.ModeIMM && st[next].code == cbpf.ClassMISC|cbpf.TAX {
			st[s].code = cbpf.ClassLDX | cbpf.ModeIMM
			st[next].code = cbpf.ClassMISC | cbpf.TXA
			o.changed(true)
		}
		// ld #k; [ldxms]; add x; tax; ld [x+j]  →  [ldxms]; ld [x+k+j]
		if st[s].code == cbpf.ClassLD|cbpf.ModeIMM {
			if b.outUse&(1<<atomX) != 0 {
				continue
			}
			add := next
			if st[next].code == cbpf.ClassLDX|cbpf.ModeMSH|cbpf.SizeB {
				add = nextOp(st, next+1)
			}
			if add < 0 || st[add].code != cbpf.ClassALU|cbpf.ADD|cbpf.SrcX {
				continue
			}
			tax := nextOp(st, add+1)
			if tax < 0 || st[tax].code != cbpf.ClassMISC|cbpf.TAX {
				continue
			}
			ild := nextOp(st, tax+1)
			if ild < 0 || st[ild].code&cbpf.ClassMask != cbpf.ClassLD || st[ild].code&cbpf.ModeMask != cbpf.ModeIND {
				continue
			}
			if xReadAfter(b, ild) {
				// X changes; libpcap assumes nothing in the block reads it.
				continue
			}
			st[ild].k += st[s].k
			st[s].code = nop
			st[add].code = nop
			st[tax].code = nop
			o.changed(true)
		}
	}
	// A comparison against a constant whose A value nobody needs afterwards
	// can absorb the arithmetic just before it.
	if b.s.code == cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK && b.outUse&(1<<atomA) == 0 {
		ls := &st[last]
		switch {
		case ls.code == cbpf.ClassALU|cbpf.SUB|cbpf.SrcX:
			if v := b.val[atomX]; o.vals.isConst[v] {
				b.s.k += o.vals.konst[v]
				ls.code = nop
				o.changed(true)
			} else if b.s.k == 0 {
				ls.code = nop
				b.s.code = cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcX
				o.changed(true)
			}
		case ls.code == cbpf.ClassALU|cbpf.SUB|cbpf.SrcK:
			ls.code = nop
			b.s.k += ls.k
			o.changed(true)
		case ls.code == cbpf.ClassALU|cbpf.AND|cbpf.SrcK && b.s.k == 0:
			b.s.k = ls.k
			b.s.code = cbpf.ClassJMP | cbpf.JSET | cbpf.SrcK
			ls.code = nop
			o.changed(true)
			b.et.succ, b.ef.succ = b.ef.succ, b.et.succ
		}
	}
	o.decideBranch(b)
}

// decideBranch resolves a branch whose outcome is known.
func (o *optimizer) decideBranch(b *onode) {
	// jset #0 never jumps. (libpcap also takes "jset #0xffffffff" as
	// always true, which is wrong when A is 0; not done here.)
	if b.s.code == cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK && b.s.k == 0 {
		b.et.succ = b.ef.succ
	}
	t := &o.vals
	if v := b.val[atomX]; t.isConst[v] && b.s.code&cbpf.SrcX != 0 && b.s.code&cbpf.ClassMask == cbpf.ClassJMP {
		b.s.code &^= cbpf.SrcX
		b.s.k = t.konst[v]
	}
	if v := b.val[atomA]; t.isConst[v] && b.s.code&cbpf.SrcX == 0 && b.s.code&cbpf.ClassMask == cbpf.ClassJMP {
		a := t.konst[v]
		var taken bool
		switch b.s.code & cbpf.OpMask {
		case cbpf.JEQ:
			taken = a == b.s.k
		case cbpf.JGT:
			taken = a > b.s.k
		case cbpf.JGE:
			taken = a >= b.s.k
		case cbpf.JSET:
			taken = a&b.s.k != 0
		}
		if b.jf() != b.jt() {
			o.changed(true)
		}
		if taken {
			b.ef.succ = b.et.succ
		} else {
			b.et.succ = b.ef.succ
		}
	}
}

// optDeadstores deletes statements whose result is overwritten before use
// within the block or is not used by any successor.
func (o *optimizer) optDeadstores(b *onode) {
	var last [nAtoms]*ostmt
	dead := func(s *ostmt) {
		switch atom := atomUse(*s); {
		case atom == atomAX:
			last[atomX] = nil
			last[atomA] = nil
		case atom >= 0:
			last[atom] = nil
		}
		if atom := atomDef(*s); atom >= 0 {
			if last[atom] != nil {
				o.changed(true)
				last[atom].code = nop
			}
			last[atom] = s
		}
	}
	for i := range b.stmts {
		dead(&b.stmts[i])
	}
	dead(&b.s)
	for atom := 0; atom < nAtoms; atom++ {
		if last[atom] != nil && b.outUse&(1<<uint(atom)) == 0 {
			last[atom].code = nop
			o.changed(true)
			// The block no longer leaves that value there; jump
			// threading later in this pass must not count on it
			// (libpcap's does, which its generated code never exposes).
			b.val[atom] = o.vals.fresh()
		}
	}
}

// optBlock runs the data flow over one block.
func (o *optimizer) optBlock(b *onode, doStmts bool) {
	if e := b.inEdges; e == nil {
		b.val = [nAtoms]uint32{}
	} else {
		b.val = e.pred.val
		for e = e.next; e != nil; e = e.next {
			for i := range b.val {
				if b.val[i] != e.pred.val[i] {
					b.val[i] = valUnknown
				}
			}
		}
	}
	for i, v := range b.val {
		if v == valUnknown {
			b.val[i] = o.vals.phi()
		}
	}
	if b.opaque {
		// Straight-line value numbering does not apply: everything the
		// block writes gets a value of its own, and nothing is rewritten.
		for _, s := range b.stmts {
			if atom := atomDef(s); atom >= 0 {
				b.val[atom] = o.vals.fresh()
			}
		}
		b.oval = o.vals.fresh()
		if b.s.code&cbpf.SrcX == 0 {
			b.oval = o.vals.k(b.s.k)
		}
		b.et.code = b.s.code
		b.ef.code = -b.s.code
		return
	}
	entry := b.val
	aval, xval := b.val[atomA], b.val[atomX]
	for i := range b.stmts {
		o.optStmt(&b.stmts[i], &b.val, doStmts)
		if o.err != nil {
			return
		}
	}
	// A block that changes nothing anyone uses, or that returns a
	// constant, needs no statements (classic BPF has no side effects).
	// (libpcap clears any return block; "ret a" needs its statements.)
	if doStmts && ((b.outUse == 0 && !o.vals.unknown(aval) && b.val[atomA] == aval &&
		!o.vals.unknown(xval) && b.val[atomX] == xval) || b.s.code == cbpf.ClassRET|cbpf.RetK) {
		if len(b.stmts) != 0 {
			b.stmts = nil
			o.changed(true)
		}
		// The block now leaves everything as it found it (libpcap keeps
		// the values of the deleted stores, which later blocks could
		// then take for granted).
		b.val = entry
	} else {
		o.optPeep(b)
		o.optDeadstores(b)
	}
	if b.s.code&cbpf.SrcX == 0 {
		b.oval = o.vals.k(b.s.k)
	} else {
		b.oval = b.val[atomX]
	}
	b.et.code = b.s.code
	b.ef.code = -b.s.code
}

// xReadAfter reports whether X is read after statement i of b (by a later
// statement or the terminator) before being redefined.
func xReadAfter(b *onode, i int) bool {
	for _, s := range b.stmts[i+1:] {
		if s.code == nop {
			continue
		}
		if u := atomUse(s); u == atomX || u == atomAX {
			return true
		}
		if atomDef(s) == atomX {
			return false
		}
	}
	u := atomUse(b.s)
	return u == atomX || u == atomAX
}
