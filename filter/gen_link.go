package filter

import (
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// Link-layer offsets, loads relative to the headers, and link-type tests
// (gencode.c: init_linktype, gen_load_a, gen_linktype and friends).

// offRel says what a load offset is relative to (libpcap's e_offrel).
type offRel int

const (
	orPacket offRel = iota
	orLinkHdr
	orPrevLinkHdr
	orLLC
	orPrevMPLSHdr
	orLinkType
	orLinkPl
	orLinkPlNoSNAP
	orTranIPv4
	orTranIPv6
)

// Protocol numbers used by the generator (ethertype.h, llc.h, ppp.h, ...).
const (
	ethertypeIP       = 0x0800
	ethertypeARP      = 0x0806
	ethertypeREVARP   = 0x8035
	ethertypeNS       = 0x0600
	ethertypeATALK    = 0x809b
	ethertypeAARP     = 0x80f3
	ethertypeDN       = 0x6003
	ethertypeSCA      = 0x6007
	ethertypeLAT      = 0x6004
	ethertypeMOPDL    = 0x6001
	ethertypeMOPRC    = 0x6002
	ethertypeIPv6     = 0x86dd
	ethertype8021Q    = 0x8100
	ethertype8021AD   = 0x88a8
	ethertype8021QinQ = 0x9100
	ethertypeMPLS     = 0x8847
	ethertypePPPoED   = 0x8863
	ethertypePPPoES   = 0x8864
	ethertypeTEB      = 0x6558
	ethertypeIPX      = 0x8137

	llcsapIP      = 0x06
	llcsapISONS   = 0xfe
	llcsapNetbeui = 0xf0
	llcsapIPX     = 0xe0
	llcsap8021D   = 0x42
	llcsapSNAP    = 0xaa

	etherMTU = 1500

	sllP8022        = 0x0004
	sllP8023        = 0x0001
	sllOutgoing     = 4
	packetOutgoing  = 4
	pppIP           = 0x0021
	pppOSI          = 0x0023
	pppNS           = 0x0025
	pppDECnet       = 0x0027
	pppApple        = 0x0029
	pppIPX          = 0x002b
	pppBRPDU        = 0x0031
	pppIPv6         = 0x0057
	pppMPLSUnicast  = 0x0281
	afINET          = 2
	afINET6Linux    = 10
	isoCLNP         = 0x81
	isoESIS         = 0x82
	isoISIS         = 0x83
	ipprotoICMP     = 1
	ipprotoIGMP     = 2
	ipprotoTCP      = 6
	ipprotoIGRP     = 9
	ipprotoUDP      = 17
	ipprotoAH       = 51
	ipprotoESP      = 50
	ipprotoICMPv6   = 58
	ipprotoPIM      = 103
	ipprotoVRRP     = 112
	ipprotoSCTP     = 132
	ipprotoFragment = 44
	ipprotoHopopts  = 0
	ipprotoRouting  = 43
	ipprotoDstopts  = 60
	ipprotoNone     = 59
	protoUndef      = -1
)

// pushLinkHdr is PUSH_LINKHDR: an encapsulated link layer begins.
func (g *gen) pushLinkHdr(lt linktype.Type, isVariable bool, constPart uint32, reg int) {
	g.prevlinktype = g.linktype
	g.offPrevLinkHdr = g.offLinkHdr
	g.linktype = lt
	g.offLinkHdr = absOffset{isVariable: isVariable, constPart: constPart, reg: reg}
	g.isEncap = false
}

// absOffsetVarpart loads the variable part of off into X (nil when off is
// constant), allocating its register on first use.
func (g *gen) absOffsetVarpart(off *absOffset) []stmt {
	if !off.isVariable {
		return nil
	}
	if off.reg == -1 {
		off.reg = g.allocReg()
	}
	return []stmt{mkStmt(cbpf.ClassLDX|cbpf.ModeMEM, uint32(off.reg))}
}

func (g *gen) loadAbsOffsetRel(off *absOffset, offset uint32, size uint16) []stmt {
	s := g.absOffsetVarpart(off)
	if s != nil {
		return append(s, mkStmt(cbpf.ClassLD|cbpf.ModeIND|size, off.constPart+offset))
	}
	return []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeABS|size, off.constPart+offset)}
}

// loadA loads into A the field of the given size at offset relative to the
// header offrel names.
func (g *gen) loadA(rel offRel, offset uint32, size uint16) []stmt {
	switch rel {
	case orPacket:
		return []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeABS|size, offset)}
	case orLinkHdr:
		return g.loadAbsOffsetRel(&g.offLinkHdr, offset, size)
	case orPrevLinkHdr:
		return g.loadAbsOffsetRel(&g.offPrevLinkHdr, offset, size)
	case orLLC:
		return g.loadAbsOffsetRel(&g.offLinkPl, offset, size)
	case orPrevMPLSHdr:
		return g.loadAbsOffsetRel(&g.offLinkPl, g.offNL-4+offset, size)
	case orLinkPl:
		return g.loadAbsOffsetRel(&g.offLinkPl, g.offNL+offset, size)
	case orLinkPlNoSNAP:
		return g.loadAbsOffsetRel(&g.offLinkPl, g.offNLNoSNAP+offset, size)
	case orLinkType:
		return g.loadAbsOffsetRel(&g.offLinkType, offset, size)
	case orTranIPv4:
		s := g.loadxIPHdrLen()
		return append(s, mkStmt(cbpf.ClassLD|cbpf.ModeIND|size, g.offLinkPl.constPart+g.offNL+offset))
	case orTranIPv6:
		return g.loadAbsOffsetRel(&g.offLinkPl, g.offNL+40+offset, size)
	}
	panic("loadA: bad offrel")
}

// loadxIPHdrLen puts the IPv4 header length (plus any variable link-layer
// offset) into X.
func (g *gen) loadxIPHdrLen() []stmt {
	s := g.absOffsetVarpart(&g.offLinkPl)
	if s != nil {
		return append(s,
			mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, g.offLinkPl.constPart+g.offNL),
			mkStmt(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, 0xf),
			mkStmt(cbpf.ClassALU|cbpf.LSH|cbpf.SrcK, 2),
			mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0),
			mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
	}
	return []stmt{mkStmt(cbpf.ClassLDX|cbpf.ModeMSH|cbpf.SizeB, g.offLinkPl.constPart+g.offNL)}
}

// ncmp loads a field, masks it, and compares it with v.
func (g *gen) ncmp(rel offRel, offset uint32, size uint16, mask uint32, jtype uint16, reverse bool, v uint32) *gblock {
	s := g.loadA(rel, offset, size)
	if mask != 0xffffffff {
		s = append(s, mkStmt(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, mask))
	}
	b := g.jmpK(jtype, v, s)
	if reverse {
		genNot(b)
	}
	return b
}

func (g *gen) cmp(rel offRel, offset uint32, size uint16, v uint32) *gblock {
	return g.ncmp(rel, offset, size, 0xffffffff, cbpf.JEQ, false, v)
}
func (g *gen) cmpGT(rel offRel, offset uint32, size uint16, v uint32) *gblock {
	return g.ncmp(rel, offset, size, 0xffffffff, cbpf.JGT, false, v)
}
func (g *gen) cmpGE(rel offRel, offset uint32, size uint16, v uint32) *gblock {
	return g.ncmp(rel, offset, size, 0xffffffff, cbpf.JGE, false, v)
}
func (g *gen) cmpLT(rel offRel, offset uint32, size uint16, v uint32) *gblock {
	return g.ncmp(rel, offset, size, 0xffffffff, cbpf.JGE, true, v)
}
func (g *gen) cmpLE(rel offRel, offset uint32, size uint16, v uint32) *gblock {
	return g.ncmp(rel, offset, size, 0xffffffff, cbpf.JGT, true, v)
}
func (g *gen) cmpNE(rel offRel, offset uint32, size uint16, v uint32) *gblock {
	return g.ncmp(rel, offset, size, 0xffffffff, cbpf.JEQ, true, v)
}
func (g *gen) mcmp(rel offRel, offset uint32, size uint16, v, mask uint32) *gblock {
	if mask == 0 {
		if v != 0 {
			return g.genFalse()
		}
		return g.genTrue()
	}
	return g.ncmp(rel, offset, size, mask, cbpf.JEQ, false, v)
}

// bcmp compares size bytes at offset with v, last word first (as libpcap).
func (g *gen) bcmp(rel offRel, offset uint32, v []byte) *gblock {
	var b *gblock
	size := uint32(len(v))
	for size >= 4 {
		p := v[size-4:]
		tmp := g.cmp(rel, offset+size-4, cbpf.SizeW, uint32(p[0])<<24|uint32(p[1])<<16|uint32(p[2])<<8|uint32(p[3]))
		if b != nil {
			genAnd(b, tmp)
		}
		b = tmp
		size -= 4
	}
	for size >= 2 {
		p := v[size-2:]
		tmp := g.cmp(rel, offset+size-2, cbpf.SizeH, uint32(p[0])<<8|uint32(p[1]))
		if b != nil {
			genAnd(b, tmp)
		}
		b = tmp
		size -= 2
	}
	if size > 0 {
		tmp := g.cmp(rel, offset, cbpf.SizeB, uint32(v[0]))
		if b != nil {
			genAnd(b, tmp)
		}
		b = tmp
	}
	return b
}

// etherLinktype is gen_ether_linktype.
func (g *gen) etherLinktype(llProto uint32) *gblock {
	switch llProto {
	case llcsapISONS, llcsapIP, llcsapNetbeui:
		b0 := g.cmpLE(orLinkType, 0, cbpf.SizeH, etherMTU)
		b1 := g.cmp(orLLC, 0, cbpf.SizeH, llProto<<8|llProto)
		genAnd(b0, b1)
		return b1
	case llcsapIPX:
		b0 := g.cmp(orLLC, 0, cbpf.SizeB, llcsapIPX)
		b1 := g.cmp(orLLC, 0, cbpf.SizeH, 0xffff)
		genOr(b0, b1)
		b0 = g.snap(0x000000, ethertypeIPX)
		genOr(b0, b1)
		b0 = g.cmpLE(orLinkType, 0, cbpf.SizeH, etherMTU)
		genAnd(b0, b1)
		b0 = g.cmp(orLinkType, 0, cbpf.SizeH, ethertypeIPX)
		genOr(b0, b1)
		return b1
	case ethertypeATALK, ethertypeAARP:
		b0 := g.cmpLE(orLinkType, 0, cbpf.SizeH, etherMTU)
		b1 := g.appletalkSNAP(llProto)
		genAnd(b0, b1)
		b0 = g.cmp(orLinkType, 0, cbpf.SizeH, llProto)
		genOr(b0, b1)
		return b1
	}
	if llProto <= etherMTU {
		g.assertMaxval("LLC DSAP", llProto, 0xff)
		b0 := g.cmpLE(orLinkType, 0, cbpf.SizeH, etherMTU)
		b1 := g.cmp(orLinkType, 2, cbpf.SizeB, llProto)
		genAnd(b0, b1)
		return b1
	}
	g.assertMaxval("EtherType", llProto, 0xffff)
	return g.cmp(orLinkType, 0, cbpf.SizeH, llProto)
}

// loopbackLinktype compares the 4-byte address family of DLT_NULL (host
// order, little-endian here) or DLT_LOOP (network order).
func (g *gen) loopbackLinktype(af uint32) *gblock {
	if g.linktype == linktype.Null || g.linktype == linktype.Enc {
		af = af<<24 | (af>>8&0xff)<<16 | (af>>16&0xff)<<8 | af>>24
	}
	return g.cmp(orLinkHdr, 0, cbpf.SizeW, af)
}

// sllLinktype is gen_linux_sll_linktype.
func (g *gen) sllLinktype(llProto uint32) *gblock {
	switch llProto {
	case llcsapISONS, llcsapIP, llcsapNetbeui:
		b0 := g.cmp(orLinkType, 0, cbpf.SizeH, sllP8022)
		b1 := g.cmp(orLLC, 0, cbpf.SizeH, llProto<<8|llProto)
		genAnd(b0, b1)
		return b1
	case llcsapIPX:
		b0 := g.cmp(orLLC, 0, cbpf.SizeB, llcsapIPX)
		b1 := g.snap(0x000000, ethertypeIPX)
		genOr(b0, b1)
		b0 = g.cmp(orLinkType, 0, cbpf.SizeH, sllP8022)
		genAnd(b0, b1)
		b0 = g.cmp(orLinkType, 0, cbpf.SizeH, sllP8023)
		genOr(b0, b1)
		b0 = g.cmp(orLinkType, 0, cbpf.SizeH, ethertypeIPX)
		genOr(b0, b1)
		return b1
	case ethertypeATALK, ethertypeAARP:
		b0 := g.cmp(orLinkType, 0, cbpf.SizeH, sllP8022)
		b1 := g.appletalkSNAP(llProto)
		genAnd(b0, b1)
		b0 = g.cmp(orLinkType, 0, cbpf.SizeH, llProto)
		genOr(b0, b1)
		return b1
	}
	if llProto <= etherMTU {
		g.assertMaxval("LLC DSAP", llProto, 0xff)
		b0 := g.cmp(orLinkType, 0, cbpf.SizeH, sllP8022)
		b1 := g.cmp(orLinkHdr, g.offLinkPl.constPart, cbpf.SizeB, llProto)
		genAnd(b0, b1)
		return b1
	}
	g.assertMaxval("EtherType", llProto, 0xffff)
	return g.cmp(orLinkType, 0, cbpf.SizeH, llProto)
}

func (g *gen) ethertypeToPPPType(llProto uint32) uint32 {
	switch llProto {
	case ethertypeIP:
		return pppIP
	case ethertypeIPv6:
		return pppIPv6
	case ethertypeDN:
		return pppDECnet
	case ethertypeATALK:
		return pppApple
	case ethertypeNS:
		return pppNS
	case llcsapISONS:
		return pppOSI
	case llcsap8021D:
		return pppBRPDU
	case llcsapIPX:
		return pppIPX
	}
	g.assertMaxval("PPP protocol", llProto, 0xffff)
	return llProto
}

// prevLinkHdrCheck is gen_prevlinkhdr_check: extra tests for a link layer
// encapsulated in another protocol.
func (g *gen) prevLinkHdrCheck() *gblock {
	if g.isEncap {
		return g.encapLLCheck()
	}
	if g.prevlinktype == linktype.SunATM {
		// LANE: not an LE Control frame.
		return g.cmpNE(orPrevLinkHdr, sunatmPktBeginPs, cbpf.SizeH, 0xff00)
	}
	return nil
}

// encapLLCheck tests that a Geneve/VXLAN payload has a link-layer header.
func (g *gen) encapLLCheck() *gblock {
	s := []stmt{
		mkStmt(cbpf.ClassLD|cbpf.ModeMEM, uint32(g.offLinkHdr.reg)),
		mkStmt(cbpf.ClassLDX|cbpf.ModeMEM, uint32(g.offLinkPl.reg)),
	}
	b := g.jmpX(cbpf.JEQ, s)
	genNot(b)
	return b
}

// linktype is gen_linktype: match a link-layer protocol (an Ethernet type
// above 1500, an LLC SAP otherwise).
func (g *gen) linktypeTest(llProto uint32) *gblock {
	if g.labelStackDepth > 0 {
		return g.mplsLinktype(llProto)
	}
	switch g.linktype {
	case linktype.Ethernet, linktype.NetAnalyzer, linktype.NetAnalyzerTransparent, linktype.DSATagBRCM, linktype.DSATagDSA:
		var b0 *gblock
		if !g.isEncap {
			b0 = g.prevLinkHdrCheck()
		}
		b1 := g.etherLinktype(llProto)
		if b0 != nil {
			genAnd(b0, b1)
		}
		return b1
	case linktype.LinuxSLL:
		return g.sllLinktype(llProto)
	case linktype.Raw:
		switch llProto {
		case ethertypeIP:
			return g.mcmp(orLinkHdr, 0, cbpf.SizeB, 0x40, 0xf0)
		case ethertypeIPv6:
			return g.mcmp(orLinkHdr, 0, cbpf.SizeB, 0x60, 0xf0)
		}
		return g.genFalse()
	case linktype.IPv4:
		if llProto == ethertypeIP {
			return g.genTrue()
		}
		return g.genFalse()
	case linktype.IPv6:
		if llProto == ethertypeIPv6 {
			return g.genTrue()
		}
		return g.genFalse()
	case linktype.PPP:
		return g.cmp(orLinkType, 0, cbpf.SizeH, g.ethertypeToPPPType(llProto))
	case linktype.Null, linktype.Loop:
		switch llProto {
		case ethertypeIP:
			return g.loopbackLinktype(afINET)
		case ethertypeIPv6:
			return g.loopbackLinktype(afINET6Linux)
		}
		return g.genFalse()
	}
	if b, ok := g.otherLinktype(llProto); ok {
		return b
	}
	if g.linktype != linktype.MFR && g.offLinkType.constPart != offsetNotSet {
		g.assertMaxval("EtherType", llProto, 0xffff)
		return g.cmp(orLinkType, 0, cbpf.SizeH, llProto)
	}
	g.fail("link-layer type filtering not implemented for %s", dltString(g.linktype))
	return nil
}

// snap matches an LLC SNAP header with the organization code and type.
func (g *gen) snap(orgcode, ptype uint32) *gblock {
	return g.bcmp(orLLC, 0, []byte{
		llcsapSNAP, llcsapSNAP, 0x03,
		byte(orgcode >> 16), byte(orgcode >> 8), byte(orgcode),
		byte(ptype >> 8), byte(ptype),
	})
}

// mplsLinktype checks for IPv4/IPv6 after an MPLS label stack.
func (g *gen) mplsLinktype(llProto uint32) *gblock {
	var ver uint32
	switch llProto {
	case ethertypeIP:
		ver = 0x40
	case ethertypeIPv6:
		ver = 0x60
	default:
		g.fail("unsupported protocol over mpls")
	}
	b0 := g.set(0x01, g.loadA(orLinkPl, 0xfffffffe, cbpf.SizeB)) // bottom of stack
	b1 := g.mcmp(orLinkPl, 0, cbpf.SizeB, ver, 0xf0)
	genAnd(b0, b1)
	return b1
}

// dltString names a link type as libpcap's error messages do
// (pcapint_datalink_val_to_string): "DLT_EN10MB (Ethernet)".
func dltString(lt linktype.Type) string {
	if !lt.Known() {
		return fmt.Sprintf("DLT %d", int(lt))
	}
	return "DLT_" + lt.String() + " (" + lt.Description() + ")"
}

// appletalkSNAP is the SNAP test of 802.2-encapsulated AppleTalk (Apple's
// OUI 08-00-07) or AARP (OUI 0).
func (g *gen) appletalkSNAP(llProto uint32) *gblock {
	if llProto == ethertypeATALK {
		return g.snap(0x080007, ethertypeATALK)
	}
	return g.snap(0x000000, ethertypeAARP)
}

// arcnetHostop is gen_ahostop: ARCnet's one-byte addresses, the source
// first.
func (g *gen) arcnetHostop(addr uint32, dir Dir) *gblock { return g.mac8Hostop(addr, dir, 0, 1) }

// mac8Hostop tests a one-byte link-layer address (ARCnet, BACnet MS/TP).
func (g *gen) mac8Hostop(addr uint32, dir Dir, srcOff, dstOff uint32) *gblock {
	b, ok := g.byDirection(dir, func(src bool) *gblock {
		return g.cmp(orLinkHdr, pickOffset(src, srcOff, dstOff), cbpf.SizeB, addr)
	})
	if !ok {
		g.fail(errOnly80211, dqkw(dir))
	}
	return b
}

// llcLinktype is gen_llc_linktype: the protocol of link types that carry
// 802.2 LLC (with SNAP for EtherTypes).
func (g *gen) llcLinktype(llProto uint32) *gblock {
	switch llProto {
	case llcsapIP, llcsapISONS, llcsapNetbeui:
		return g.cmp(orLLC, 0, cbpf.SizeH, llProto<<8|llProto)
	case llcsapIPX:
		return g.cmp(orLLC, 0, cbpf.SizeB, llcsapIPX)
	case ethertypeATALK:
		return g.snap(0x080007, ethertypeATALK)
	}
	if llProto <= etherMTU {
		g.assertMaxval("LLC DSAP", llProto, 0xff)
		return g.cmp(orLLC, 0, cbpf.SizeB, llProto)
	}
	g.assertMaxval("EtherType", llProto, 0xffff)
	return g.cmp(orLLC, 6, cbpf.SizeH, llProto)
}

// ARCnet system codes (RFC 1201) and the other link types' protocol values.
const (
	arcTypeIP      = 212
	arcTypeARP     = 213
	arcTypeREVARP  = 214
	arcTypeATALK   = 221
	arcTypeINET6   = 0xc4
	pppVJC         = 0x002d
	pppVJNC        = 0x002f
	ipnetAFINET    = 2
	ipnetAFINET6   = 26
	pflogAFOffset  = 1 // offsetof(struct pfloghdr, af)
	juniperMagic   = 0x4d474300
	juniperMagicMk = 0xffffff00
)

// otherLinktype is the rest of gen_linktype's switch: the link types other
// than those linktypeTest handles itself. ok is false when the link type
// has no case of its own.
func (g *gen) otherLinktype(llProto uint32) (*gblock, bool) {
	lt := g.linktype
	switch {
	case lt == linktype.CiscoHDLC:
		g.assertMaxval("HDLC protocol", llProto, 0xffff)
		if llProto == llcsapISONS {
			llProto = llProto<<8 | llcsapISONS
		}
		return g.cmp(orLinkType, 0, cbpf.SizeH, llProto), true
	case lt == linktype.SunATM:
		b0 := g.atmPrototype(atmPTLLC)
		b1 := g.llcLinktype(llProto)
		genAnd(b0, b1)
		return b1, true
	case is80211(lt):
		b0 := g.mcmp(orLinkHdr, 0, cbpf.SizeB, wlanFC0TypeData, wlanFC0TypeMask)
		b1 := g.llcLinktype(llProto)
		genAnd(b0, b1)
		return b1, true
	case lt == linktype.FDDI, lt == linktype.IEEE802, lt == linktype.ATMRFC1483, lt == linktype.ATMCLIP, lt == linktype.IPOverFC:
		return g.llcLinktype(llProto), true
	case lt == linktype.SLIP, lt == linktype.SLIPBSDOS:
		switch llProto {
		case ethertypeIP:
			return g.mcmp(orLinkHdr, 0, cbpf.SizeB, 0x40, 0xf0), true
		case ethertypeIPv6:
			return g.mcmp(orLinkHdr, 0, cbpf.SizeB, 0x60, 0xf0), true
		}
		return g.genFalse(), true
	case lt == linktype.PPPPPPD, lt == linktype.PPPSerial, lt == linktype.PPPoE:
		return g.cmp(orLinkType, 0, cbpf.SizeH, g.ethertypeToPPPType(llProto)), true
	case lt == linktype.PPPBSDOS:
		if llProto == ethertypeIP {
			b0 := g.cmp(orLinkType, 0, cbpf.SizeH, pppIP)
			b1 := g.cmp(orLinkType, 0, cbpf.SizeH, pppVJC)
			genOr(b0, b1)
			b0 = g.cmp(orLinkType, 0, cbpf.SizeH, pppVJNC)
			genOr(b1, b0)
			return b0, true
		}
		return g.cmp(orLinkType, 0, cbpf.SizeH, g.ethertypeToPPPType(llProto)), true
	case lt == linktype.Enc:
		switch llProto {
		case ethertypeIP:
			return g.loopbackLinktype(afINET), true
		case ethertypeIPv6:
			return g.loopbackLinktype(afINET6Linux), true
		}
		return g.genFalse(), true
	case lt == linktype.PFLog:
		switch llProto {
		case ethertypeIP:
			return g.cmp(orLinkHdr, pflogAFOffset, cbpf.SizeB, afINET), true
		case ethertypeIPv6:
			return g.cmp(orLinkHdr, pflogAFOffset, cbpf.SizeB, afINET6Linux), true
		}
		return g.genFalse(), true
	case lt == linktype.ARCnet, lt == linktype.ARCnetLinux:
		code := map[uint32]uint32{ethertypeIPv6: arcTypeINET6, ethertypeIP: arcTypeIP, ethertypeARP: arcTypeARP,
			ethertypeREVARP: arcTypeREVARP, ethertypeATALK: arcTypeATALK}
		if c, ok := code[llProto]; ok {
			return g.cmp(orLinkType, 0, cbpf.SizeB, c), true
		}
		return g.genFalse(), true
	case lt == linktype.LocalTalk:
		if llProto == ethertypeATALK {
			return g.genTrue(), true
		}
		return g.genFalse(), true
	case lt == linktype.FrameRelay:
		switch llProto {
		case ethertypeIP:
			return g.cmp(orLinkHdr, 2, cbpf.SizeH, 0x03<<8|0xcc), true
		case ethertypeIPv6:
			return g.cmp(orLinkHdr, 2, cbpf.SizeH, 0x03<<8|0x8e), true
		case llcsapISONS:
			b0 := g.cmp(orLinkHdr, 2, cbpf.SizeH, 0x03<<8|isoCLNP)
			b1 := g.cmp(orLinkHdr, 2, cbpf.SizeH, 0x03<<8|isoESIS)
			b2 := g.cmp(orLinkHdr, 2, cbpf.SizeH, 0x03<<8|isoISIS)
			genOr(b1, b2)
			genOr(b0, b2)
			return b2, true
		}
		return g.genFalse(), true
	case lt == linktype.MFR:
		return nil, false
	case isJuniper(lt):
		return g.mcmp(orLinkHdr, 0, cbpf.SizeW, juniperMagic, juniperMagicMk), true
	case lt == linktype.IPNet:
		switch llProto {
		case ethertypeIP:
			return g.cmp(orLinkType, 0, cbpf.SizeB, ipnetAFINET), true
		case ethertypeIPv6:
			return g.cmp(orLinkType, 0, cbpf.SizeB, ipnetAFINET6), true
		}
		return g.genFalse(), true
	}
	return nil, false
}

func isJuniper(lt linktype.Type) bool {
	switch lt {
	case linktype.JuniperMFR, linktype.JuniperMLFR, linktype.JuniperMLPPP, linktype.JuniperATM1,
		linktype.JuniperATM2, linktype.JuniperPPPoE, linktype.JuniperPPPoEATM, linktype.JuniperGGSN,
		linktype.JuniperES, linktype.JuniperMonitor, linktype.JuniperServices, linktype.JuniperEther,
		linktype.JuniperPPP, linktype.JuniperFrameRelay, linktype.JuniperCHDLC, linktype.JuniperVP,
		linktype.JuniperST, linktype.JuniperISM, linktype.JuniperVS, linktype.JuniperSRXE2E,
		linktype.JuniperFibreChannel, linktype.JuniperATMCEMIC:
		return true
	}
	return false
}
