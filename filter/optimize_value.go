package filter

import "fmt"

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
	c := code&0xe0 == modeIMM && (code&0x07 == classLD || code&0x07 == classLDX)
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
func (t *valueTable) k(c uint32) uint32 { return t.number(classLD|modeIMM|sizeW, c, 0) }

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
	switch s.code & 0xf0 {
	case aluADD:
		a += b
	case aluSUB:
		a -= b
	case aluMUL:
		a *= b
	case aluDIV:
		if b == 0 {
			o.fail("division by zero")
			return
		}
		a /= b
	case aluMOD:
		if b == 0 {
			o.fail("modulus by zero")
			return
		}
		a %= b
	case aluAND:
		a &= b
	case aluOR:
		a |= b
	case aluXOR:
		a ^= b
	case aluLSH:
		// Linux masks the shift amount to 5 bits (libpcap's optimizer
		// folds big shifts to 0, which is not what the kernel runs).
		a <<= b & 31
	case aluRSH:
		a >>= b & 31
	default:
		o.fail(fmt.Sprintf("cannot fold ALU op %#x", s.code))
		return
	}
	s.k = a
	s.code = classLD | modeIMM
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
	case classLD | modeABS | sizeW, classLD | modeABS | sizeH, classLD | modeABS | sizeB:
		t.vstore(s, &val[atomA], t.number(s.code, s.k, 0), alter)

	case classLD | modeIND | sizeW, classLD | modeIND | sizeH, classLD | modeIND | sizeB:
		v := val[atomX]
		if alter && t.isConst[v] {
			s.code = classLD | modeABS | (s.code & 0x18)
			s.k += t.konst[v]
			v = t.number(s.code, s.k, 0)
			o.changed(true)
		} else {
			v = t.number(s.code, s.k, v)
		}
		t.vstore(s, &val[atomA], v, alter)

	case classLD | modeLEN:
		t.vstore(s, &val[atomA], t.number(s.code, 0, 0), alter)

	case classLD | modeIMM:
		t.vstore(s, &val[atomA], t.k(s.k), alter)

	case classLDX | modeIMM:
		t.vstore(s, &val[atomX], t.k(s.k), alter)

	case classLDX | modeMSH | sizeB:
		t.vstore(s, &val[atomX], t.number(s.code, s.k, 0), alter)

	case classALU | aluNEG:
		if alter && t.isConst[val[atomA]] {
			s.code = classLD | modeIMM
			s.k = 0 - t.konst[val[atomA]]
			val[atomA] = t.k(s.k)
		} else {
			val[atomA] = t.number(s.code, val[atomA], 0)
		}

	case classALU | aluADD | srcK, classALU | aluSUB | srcK, classALU | aluMUL | srcK,
		classALU | aluDIV | srcK, classALU | aluMOD | srcK, classALU | aluAND | srcK,
		classALU | aluOR | srcK, classALU | aluXOR | srcK, classALU | aluLSH | srcK,
		classALU | aluRSH | srcK:
		op := s.code & 0xf0
		if alter {
			if s.k == 0 {
				switch op {
				case aluADD, aluLSH, aluRSH, aluOR, aluXOR:
					s.code = nop
					return
				case aluMUL, aluAND:
					s.code = classLD | modeIMM
					val[atomA] = t.k(s.k)
					return
				case aluDIV:
					o.fail("division by zero")
					return
				case aluMOD:
					o.fail("modulus by zero")
					return
				}
			}
			if op == aluAND && s.k == 0xffffffff {
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

	case classALU | aluADD | srcX, classALU | aluSUB | srcX, classALU | aluMUL | srcX,
		classALU | aluDIV | srcX, classALU | aluMOD | srcX, classALU | aluAND | srcX,
		classALU | aluOR | srcX, classALU | aluXOR | srcX, classALU | aluLSH | srcX,
		classALU | aluRSH | srcX:
		op := s.code & 0xf0
		if alter && t.isConst[val[atomX]] {
			if t.isConst[val[atomA]] {
				o.foldOp(s, val[atomA], val[atomX])
				val[atomA] = t.k(s.k)
			} else {
				s.code = classALU | srcK | op
				s.k = t.konst[val[atomX]]
				if (op == aluLSH || op == aluRSH) && s.k > 31 {
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
			case aluADD, aluOR, aluXOR:
				s.code = classMISC | miscTXA
				t.vstore(s, &val[atomA], val[atomX], alter)
				return
			case aluMUL, aluDIV, aluMOD, aluAND, aluLSH, aluRSH:
				s.code = classLD | modeIMM
				s.k = 0
				t.vstore(s, &val[atomA], t.k(s.k), alter)
				return
			}
		}
		val[atomA] = t.number(s.code, val[atomA], val[atomX])

	case classMISC | miscTXA:
		t.vstore(s, &val[atomA], val[atomX], alter)

	case classLD | modeMEM:
		v := val[s.k]
		if alter && t.isConst[v] {
			s.code = classLD | modeIMM
			s.k = t.konst[v]
			o.changed(true)
		}
		t.vstore(s, &val[atomA], v, alter)

	case classMISC | miscTAX:
		t.vstore(s, &val[atomX], val[atomA], alter)

	case classLDX | modeMEM:
		v := val[s.k]
		if alter && t.isConst[v] {
			s.code = classLDX | modeIMM
			s.k = t.konst[v]
			o.changed(true)
		}
		t.vstore(s, &val[atomX], v, alter)

	case classST:
		t.vstore(s, &val[s.k], val[atomA], alter)

	case classSTX:
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
		if st[s].code == classST && st[next].code == classLDX|modeMEM && st[s].k == st[next].k {
			o.changed(true)
			st[next].code = classMISC | miscTAX
		}
		// ld #k; tax  →  ldx #k; txa
		if st[s].code == classLD|modeIMM && st[next].code == classMISC|miscTAX {
			st[s].code = classLDX | modeIMM
			st[next].code = classMISC | miscTXA
			o.changed(true)
		}
		// ld #k; [ldxms]; add x; tax; ld [x+j]  →  [ldxms]; ld [x+k+j]
		if st[s].code == classLD|modeIMM {
			if b.outUse&(1<<atomX) != 0 {
				continue
			}
			add := next
			if st[next].code == classLDX|modeMSH|sizeB {
				add = nextOp(st, next+1)
			}
			if add < 0 || st[add].code != classALU|aluADD|srcX {
				continue
			}
			tax := nextOp(st, add+1)
			if tax < 0 || st[tax].code != classMISC|miscTAX {
				continue
			}
			ild := nextOp(st, tax+1)
			if ild < 0 || st[ild].code&0x07 != classLD || st[ild].code&0xe0 != modeIND {
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
	if b.s.code == classJMP|jmpJEQ|srcK && b.outUse&(1<<atomA) == 0 {
		ls := &st[last]
		switch {
		case ls.code == classALU|aluSUB|srcX:
			if v := b.val[atomX]; o.vals.isConst[v] {
				b.s.k += o.vals.konst[v]
				ls.code = nop
				o.changed(true)
			} else if b.s.k == 0 {
				ls.code = nop
				b.s.code = classJMP | jmpJEQ | srcX
				o.changed(true)
			}
		case ls.code == classALU|aluSUB|srcK:
			ls.code = nop
			b.s.k += ls.k
			o.changed(true)
		case ls.code == classALU|aluAND|srcK && b.s.k == 0:
			b.s.k = ls.k
			b.s.code = classJMP | jmpJSET | srcK
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
	if b.s.code == classJMP|jmpJSET|srcK && b.s.k == 0 {
		b.et.succ = b.ef.succ
	}
	t := &o.vals
	if v := b.val[atomX]; t.isConst[v] && b.s.code&srcX != 0 && b.s.code&0x07 == classJMP {
		b.s.code &^= srcX
		b.s.k = t.konst[v]
	}
	if v := b.val[atomA]; t.isConst[v] && b.s.code&srcX == 0 && b.s.code&0x07 == classJMP {
		a := t.konst[v]
		var taken bool
		switch b.s.code & 0xf0 {
		case jmpJEQ:
			taken = a == b.s.k
		case jmpJGT:
			taken = a > b.s.k
		case jmpJGE:
			taken = a >= b.s.k
		case jmpJSET:
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
		if b.s.code&srcX == 0 {
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
		!o.vals.unknown(xval) && b.val[atomX] == xval) || b.s.code == classRET|retK) {
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
	if b.s.code&srcX == 0 {
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
