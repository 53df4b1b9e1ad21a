package filter

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// Arithmetic and relations: "ip[2:2] - 20 > len / 2" (gencode.c: gen_load,
// gen_arth, gen_neg, gen_loadi, gen_loadlen, gen_relation, gen_less,
// gen_greater, gen_byteop). Every intermediate value lives in a scratch
// register, as in libpcap, so the register numbers match.

func xferToX(a *arth) stmt { return mkStmt(cbpf.ClassLDX|cbpf.ModeMEM, uint32(a.regno)) }
func xferToA(a *arth) stmt { return mkStmt(cbpf.ClassLD|cbpf.ModeMEM, uint32(a.regno)) }

func (g *gen) loadi(v uint32) *arth {
	reg := g.allocReg()
	return &arth{
		s:     []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeIMM, v), mkStmt(cbpf.ClassST, uint32(reg))},
		regno: reg,
	}
}

func (g *gen) loadlen() *arth {
	reg := g.allocReg()
	return &arth{
		s:     []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeLEN|cbpf.SizeW, 0), mkStmt(cbpf.ClassST, uint32(reg))},
		regno: reg,
	}
}

func (g *gen) neg(a *arth) *arth {
	a.s = append(a.s, xferToA(a), mkStmt(cbpf.ClassALU|cbpf.NEG, 0), mkStmt(cbpf.ClassST, uint32(a.regno)))
	return a
}

var arithOps = map[ArithOp]uint16{
	ArithAdd: cbpf.ADD, ArithSub: cbpf.SUB, ArithMul: cbpf.MUL, ArithDiv: cbpf.DIV, ArithMod: cbpf.MOD,
	ArithAnd: cbpf.AND, ArithOr: cbpf.OR, ArithXor: cbpf.XOR, ArithShl: cbpf.LSH, ArithShr: cbpf.RSH,
}

func (g *gen) arithOp(code uint16, a0, a1 *arth) *arth {
	first := a1.s[0]
	isImm := first.Op == cbpf.ClassLD|cbpf.ModeIMM
	switch code {
	case cbpf.DIV:
		if isImm && first.K == 0 {
			g.fail("division by zero")
		}
	case cbpf.MOD:
		if isImm && first.K == 0 {
			g.fail("modulus by zero")
		}
	case cbpf.LSH, cbpf.RSH:
		if isImm && first.K > 31 {
			g.fail("shift by more than 31 bits")
		}
	}
	a0.s = append(a0.s, a1.s...)
	a0.s = append(a0.s, xferToX(a1), xferToA(a0), mkStmt(cbpf.ClassALU|cbpf.SrcX|code, 0))
	g.freeReg(a0.regno)
	g.freeReg(a1.regno)
	a0.regno = g.allocReg()
	a0.s = append(a0.s, mkStmt(cbpf.ClassST, uint32(a0.regno)))
	// Like libpcap, the protocol checks stay a0's: a1's are not carried
	// over (gen_arth never looks at them).
	return a0
}

// load is gen_load: proto[inst : size].
func (g *gen) load(proto Proto, inst *arth, size int) *arth {
	regno := g.allocReg()
	g.freeReg(inst.regno)
	var sizeCode uint16
	switch size {
	case 1:
		sizeCode = cbpf.SizeB
	case 2:
		sizeCode = cbpf.SizeH
	case 4:
		sizeCode = cbpf.SizeW
	default:
		g.fail("data size must be 1, 2, or 4")
	}
	switch proto {
	case ProtoRadio:
		// The radio header starts the packet.
		switch g.linktype {
		case linktype.IEEE80211RadioAVS, linktype.IEEE80211Radio, linktype.PrismHeader, linktype.PPI:
		default:
			g.fail("radio information not present in capture")
		}
		s := []stmt{xferToX(inst), mkStmt(cbpf.ClassLD|cbpf.ModeIND|sizeCode, 0)}
		inst.s = append(inst.s, s...)
	case ProtoLink:
		s := g.absOffsetVarpart(&g.offLinkHdr)
		if s != nil {
			s = append(s, xferToA(inst), mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0), mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
		} else {
			s = []stmt{xferToX(inst)}
		}
		s = append(s, mkStmt(cbpf.ClassLD|cbpf.ModeIND|sizeCode, g.offLinkHdr.constPart))
		inst.s = append(inst.s, s...)
	case ProtoIP, ProtoARP, ProtoRARP, ProtoAtalk, ProtoDecnet, ProtoSCA, ProtoLAT,
		ProtoMOPRC, ProtoMOPDL, ProtoIPv6:
		s := g.absOffsetVarpart(&g.offLinkPl)
		if s != nil {
			s = append(s, xferToA(inst), mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0), mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
		} else {
			s = []stmt{xferToX(inst)}
		}
		s = append(s, mkStmt(cbpf.ClassLD|cbpf.ModeIND|sizeCode, g.offLinkPl.constPart+g.offNL))
		inst.s = append(inst.s, s...)
		b := g.protoAbbrev(proto)
		if inst.b != nil {
			genAnd(inst.b, b)
		}
		inst.b = b
	case ProtoSCTP, ProtoTCP, ProtoUDP, ProtoICMP, ProtoIGMP, ProtoIGRP, ProtoPIM,
		ProtoVRRP, ProtoCARP:
		s := g.loadxIPHdrLen()
		s = append(s, xferToA(inst), mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0), mkStmt(cbpf.ClassMISC|cbpf.TAX, 0),
			mkStmt(cbpf.ClassLD|cbpf.ModeIND|sizeCode, g.offLinkPl.constPart+g.offNL))
		inst.s = append(inst.s, s...)
		pb := g.ipProto(transportProtoNumber[proto])
		b := g.ipfrag()
		genAnd(pb, b)
		if inst.b != nil {
			genAnd(inst.b, b)
		}
		genAnd(g.linktypeTest(ethertypeIP), b)
		inst.b = b
	case ProtoICMPv6:
		b := g.protoAbbrev(ProtoIPv6)
		if inst.b != nil {
			genAnd(inst.b, b)
		}
		inst.b = b
		b = g.ip6Proto(ipprotoICMPv6)
		if inst.b != nil {
			genAnd(inst.b, b)
		}
		inst.b = b
		s := g.absOffsetVarpart(&g.offLinkPl)
		if s != nil {
			s = append(s, xferToA(inst), mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0), mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
		} else {
			s = []stmt{xferToX(inst)}
		}
		s = append(s, mkStmt(cbpf.ClassLD|cbpf.ModeIND|sizeCode, g.offLinkPl.constPart+g.offNL+40))
		inst.s = append(inst.s, s...)
	default:
		g.fail("'%s' does not support the index operation", pqkw(proto))
	}
	inst.regno = regno
	inst.s = append(inst.s, mkStmt(cbpf.ClassST, uint32(regno)))
	return inst
}

// relation is gen_relation: a0 code a1, reversed for <, <= and !=.
func (g *gen) relation(code uint16, a0, a1 *arth, reversed bool) *gblock {
	s := append([]stmt{}, a0.s...)
	s = append(s, a1.s...)
	s = append(s, xferToX(a1), xferToA(a0))
	b := g.jmpX(code, s)
	if reversed {
		genNot(b)
	}
	g.freeReg(a0.regno)
	g.freeReg(a1.regno)
	var tmp *gblock
	if a0.b != nil {
		if a1.b != nil {
			genAnd(a0.b, a1.b)
			tmp = a1.b
		} else {
			tmp = a0.b
		}
	} else {
		tmp = a1.b
	}
	if tmp != nil {
		genAnd(tmp, b)
	}
	return b
}

func (g *gen) lenTest(jmp uint16, n uint32) *gblock {
	return g.jmpK(jmp, n, []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeLEN|cbpf.SizeW, 0)})
}

func (g *gen) greater(n uint32) *gblock { return g.lenTest(cbpf.JGE, n) }

func (g *gen) less(n uint32) *gblock {
	b := g.lenTest(cbpf.JGT, n)
	genNot(b)
	return b
}

// byteop is "byte idx op val", idx relative to the link-layer header.
func (g *gen) byteop(op byte, idx, val uint32) *gblock {
	g.assertMaxval("byte argument", val, 0xff)
	var s stmt
	switch op {
	case '=':
		return g.cmp(orLinkHdr, idx, cbpf.SizeB, val)
	case '<':
		return g.cmpLT(orLinkHdr, idx, cbpf.SizeB, val)
	case '>':
		return g.cmpGT(orLinkHdr, idx, cbpf.SizeB, val)
	case '|':
		s = mkStmt(cbpf.ClassALU|cbpf.OR|cbpf.SrcK, val)
	case '&':
		s = mkStmt(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, val)
	default:
		g.fail("internal error in gen_byteop(): op == %d", op)
	}
	s0 := append(g.loadA(orLinkHdr, idx, cbpf.SizeB), s)
	b := g.jmpK(cbpf.JEQ, 0, s0)
	genNot(b)
	return b
}

// transportProtoNumber is the IPv4 protocol number of the transport-layer
// protocol qualifiers an index can be relative to.
var transportProtoNumber = map[Proto]uint32{
	ProtoSCTP: ipprotoSCTP, ProtoTCP: ipprotoTCP, ProtoUDP: ipprotoUDP, ProtoICMP: ipprotoICMP,
	ProtoIGMP: ipprotoIGMP, ProtoIGRP: ipprotoIGRP, ProtoPIM: ipprotoPIM, ProtoVRRP: ipprotoVRRP,
	ProtoCARP: ipprotoVRRP,
}
