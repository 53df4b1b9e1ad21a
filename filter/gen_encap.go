package filter

import "github.com/gocap/gocap/bpf/cbpf"
import "github.com/gocap/gocap/linktype"

// Encapsulations that move the offsets of everything after them: vlan, mpls,
// pppoes, geneve, vxlan (gencode.c: gen_vlan*, gen_mpls, gen_pppoe*,
// gen_geneve*, gen_vxlan*). Like libpcap, the shift applies to every test
// generated afterwards, whatever the and/or structure ("vlan and vlan" looks
// at the second tag).

const (
	geneveWellKnownPort = 6081
	vxlanWellKnownPort  = 4789
)

func (g *gen) vlanTPIDTest() *gblock {
	b0 := g.linktypeTest(ethertype8021Q)
	b1 := g.linktypeTest(ethertype8021AD)
	genOr(b0, b1)
	b0 = b1
	b1 = g.linktypeTest(ethertype8021QinQ)
	genOr(b0, b1)
	return b1
}

func (g *gen) vlanVIDTest(vlan uint32) *gblock {
	g.assertMaxval("VLAN tag", vlan, 0x0fff)
	return g.mcmp(orLinkPl, 0, cbpf.SizeH, vlan, 0x0fff)
}

func (g *gen) vlanNoBPFExtensions(vlan uint32, hasTag bool) *gblock {
	b0 := g.vlanTPIDTest()
	if hasTag {
		b1 := g.vlanVIDTest(vlan)
		genAnd(b0, b1)
		b0 = b1
	}
	g.offLinkPl.constPart += 4
	g.offLinkType.constPart += 4
	return b0
}

// vloffsetAdd appends to s the code adding v to the variable part of off.
func (g *gen) vloffsetAdd(off *absOffset, v uint32, s []stmt) []stmt {
	off.isVariable = true
	if off.reg == -1 {
		off.reg = g.allocReg()
	}
	return append(s,
		mkStmt(cbpf.ClassLD|cbpf.ModeMEM, uint32(off.reg)),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, v),
		mkStmt(cbpf.ClassST, uint32(off.reg)))
}

// vlanBPFExtensions is the live-Linux vlan test: the kernel may have moved
// the outer tag into metadata (SKF_AD_VLAN_TAG_PRESENT), otherwise the tag
// is in the packet and the offsets shift at run time.
func (g *gen) vlanBPFExtensions(vlan uint32, hasTag bool) *gblock {
	b0 := g.jmpK(cbpf.JEQ, 1, []stmt{mkStmt(cbpf.ClassLD|cbpf.SizeB|cbpf.ModeABS, cbpf.SKFAdOff+cbpf.SKFAdVLANTagPresent)})
	bTPID := g.vlanTPIDTest()
	var bVID *gblock
	if hasTag {
		bVID = g.vlanVIDTest(vlan)
	}
	// Patch the TPID test to shift the offsets when the tag is in the packet.
	g.isVlanVloffset = true
	var s []stmt
	s = g.vloffsetAdd(&g.offLinkPl, 4, s)
	s = g.vloffsetAdd(&g.offLinkType, 4, s)
	h := bTPID.head
	h.stmts = append(s, h.stmts...)
	genOr(b0, bTPID)
	b0 = bTPID
	if hasTag {
		// Load the TCI from metadata when present, else from the packet;
		// both paths meet at the "and 0xfff" of the VID test.
		cnt := uint32(len(bVID.stmts))
		p := []stmt{
			mkStmt(cbpf.ClassLD|cbpf.SizeB|cbpf.ModeABS, cbpf.SKFAdOff+cbpf.SKFAdVLANTagPresent),
			{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, K: 1, JT: 0, JF: 2},
			mkStmt(cbpf.ClassLD|cbpf.SizeH|cbpf.ModeABS, cbpf.SKFAdOff+cbpf.SKFAdVLANTag),
			mkStmt(cbpf.ClassJMP|cbpf.JA, cnt-1),
		}
		bVID.stmts = append(p, bVID.stmts...)
		g.localJumps = true
		genAnd(b0, bVID)
		b0 = bVID
	}
	return b0
}

func (g *gen) vlan(vlan uint32, hasTag bool) *gblock {
	if g.labelStackDepth > 0 {
		g.fail("no VLAN match after MPLS")
	}
	var b0 *gblock
	switch g.linktype {
	case linktype.DSATagBRCM, linktype.DSATagDSA, linktype.IEEE80211, linktype.PrismHeader,
		linktype.IEEE80211RadioAVS, linktype.IEEE80211Radio:
		b0 = g.vlanNoBPFExtensions(vlan, hasTag)
	case linktype.Ethernet, linktype.NetAnalyzer, linktype.NetAnalyzerTransparent:
		if g.vlanStackDepth == 0 && !g.offLinkHdr.isVariable &&
			g.offLinkHdr.constPart == g.offOutermostLinkHdr.constPart && g.opts.Linux {
			b0 = g.vlanBPFExtensions(vlan, hasTag)
		} else {
			b0 = g.vlanNoBPFExtensions(vlan, hasTag)
		}
	default:
		g.failKwOnDLT("vlan")
	}
	g.vlanStackDepth++
	return b0
}

func (g *gen) mpls(label uint32, hasLabel bool) *gblock {
	var b0 *gblock
	if g.labelStackDepth > 0 {
		b0 = g.unset(0x01, g.loadA(orPrevMPLSHdr, 2, cbpf.SizeB))
	} else {
		switch g.linktype {
		case linktype.Ethernet, linktype.NetAnalyzer, linktype.NetAnalyzerTransparent, linktype.DSATagBRCM, linktype.DSATagDSA,
			linktype.CiscoHDLC:
			b0 = g.linktypeTest(ethertypeMPLS)
		case linktype.PPP:
			b0 = g.linktypeTest(pppMPLSUnicast)
		default:
			g.failKwOnDLT("mpls")
		}
	}
	if hasLabel {
		g.assertMaxval("MPLS label", label, 0xfffff)
		b1 := g.mcmp(orLinkPl, 0, cbpf.SizeW, label<<12, 0xfffff000)
		genAnd(b0, b1)
		b0 = b1
	}
	g.offNLNoSNAP += 4
	g.offNL += 4
	g.labelStackDepth++
	return b0
}

func (g *gen) pppoed() *gblock { return g.linktypeTest(ethertypePPPoED) }

func (g *gen) pppoes(sess uint32, hasSess bool) *gblock {
	b0 := g.linktypeTest(ethertypePPPoES)
	if hasSess {
		g.assertMaxval("PPPoE session number", sess, 0xffff)
		b1 := g.cmp(orLinkPl, 2, cbpf.SizeH, sess)
		genAnd(b0, b1)
		b0 = b1
	}
	g.pushLinkHdr(linktype.PPP, g.offLinkPl.isVariable, g.offLinkPl.constPart+g.offNL+6, g.offLinkPl.reg)
	g.offLinkType = g.offLinkHdr
	g.offLinkPl.constPart = g.offLinkHdr.constPart + 2
	g.offNL = 0
	g.offNLNoSNAP = 0
	return b0
}

// udpTunnelCheck is gen_geneve_check/gen_vxlan_check: UDP to the tunnel's
// port, the header's first byte, and the VNI if given.
func (g *gen) udpTunnelCheck(v6 bool, port uint16, rel offRel, geneve bool, vni uint32, hasVNI bool) *gblock {
	var b0 *gblock
	if v6 {
		b0 = g.port6(port, ipprotoUDP, DirDst)
	} else {
		b0 = g.port(port, ipprotoUDP, DirDst)
	}
	var b1 *gblock
	if geneve {
		b1 = g.mcmp(rel, 8, cbpf.SizeB, 0, 0xc0)
	} else {
		b1 = g.cmp(rel, 8, cbpf.SizeB, 0x08)
	}
	genAnd(b0, b1)
	b0 = b1
	if hasVNI {
		name := "VXLAN VNI"
		if geneve {
			name = "Geneve VNI"
		}
		g.assertMaxval(name, vni, 0xffffff)
		b1 = g.mcmp(rel, 12, cbpf.SizeW, vni<<8, 0xffffff00)
		genAnd(b0, b1)
		b0 = b1
	}
	return b0
}

// tunnel4 and tunnel6 check the tunnel over IPv4/IPv6 and leave the IP
// header length (plus variable link offset) in A.
func (g *gen) tunnel4(port uint16, geneve bool, vni uint32, hasVNI bool) *gblock {
	b0 := g.udpTunnelCheck(false, port, orTranIPv4, geneve, vni, hasVNI)
	s := append(g.loadxIPHdrLen(), mkStmt(cbpf.ClassMISC|cbpf.TXA, 0))
	b1 := g.jmpX(cbpf.JEQ, s)
	genAnd(b0, b1)
	return b1
}

func (g *gen) tunnel6(port uint16, geneve bool, vni uint32, hasVNI bool) *gblock {
	b0 := g.udpTunnelCheck(true, port, orTranIPv6, geneve, vni, hasVNI)
	s := g.absOffsetVarpart(&g.offLinkPl)
	if s != nil {
		s = append(s, mkStmt(cbpf.ClassLD|cbpf.ModeIMM, 40), mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0))
	} else {
		s = []stmt{mkStmt(cbpf.ClassLD|cbpf.ModeIMM, 40)}
	}
	s = append(s, mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
	b1 := g.jmpX(cbpf.JEQ, s)
	genAnd(b0, b1)
	return b1
}

func (g *gen) geneveOffsets() []stmt {
	s := []stmt{
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, g.offLinkPl.constPart+g.offNL+8),
		mkStmt(cbpf.ClassMISC|cbpf.TAX, 0),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 2),
	}
	g.offLinkType = absOffset{isVariable: true, reg: g.allocReg()}
	s = append(s,
		mkStmt(cbpf.ClassST, uint32(g.offLinkType.reg)),
		mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, 0),
		mkStmt(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, 0x3f),
		mkStmt(cbpf.ClassALU|cbpf.MUL|cbpf.SrcK, 4),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 8),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0),
	)
	g.pushLinkHdr(linktype.Ethernet, true, 0, g.allocReg())
	s = append(s, mkStmt(cbpf.ClassST, uint32(g.offLinkHdr.reg)))
	g.noOptimize = true
	g.localJumps = true
	s = append(s,
		mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeH, 2),
		mkStmt(cbpf.ClassLDX|cbpf.ModeMEM, uint32(g.offLinkHdr.reg)),
		stmt{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, K: ethertypeTEB, JT: 0, JF: 5},
		mkStmt(cbpf.ClassMISC|cbpf.TXA, 0),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 12),
		mkStmt(cbpf.ClassST, uint32(g.offLinkType.reg)),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 2),
		mkStmt(cbpf.ClassMISC|cbpf.TAX, 0),
	)
	g.offLinkPl = absOffset{isVariable: true, reg: g.allocReg()}
	s = append(s, mkStmt(cbpf.ClassSTX, uint32(g.offLinkPl.reg)))
	g.offNL = 0
	return s
}

func (g *gen) vxlanOffsets() []stmt {
	s := []stmt{
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, g.offLinkPl.constPart+g.offNL+8),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 8),
	}
	g.pushLinkHdr(linktype.Ethernet, true, 0, g.allocReg())
	s = append(s, mkStmt(cbpf.ClassST, uint32(g.offLinkHdr.reg)), mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 12))
	g.offLinkType = absOffset{isVariable: true, reg: g.allocReg()}
	s = append(s,
		mkStmt(cbpf.ClassST, uint32(g.offLinkType.reg)),
		mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 2),
		mkStmt(cbpf.ClassMISC|cbpf.TAX, 0),
	)
	g.offLinkPl = absOffset{isVariable: true, reg: g.allocReg()}
	s = append(s, mkStmt(cbpf.ClassSTX, uint32(g.offLinkPl.reg)))
	g.offNL = 0
	return s
}

func (g *gen) udpTunnel(geneve bool, vni uint32, hasVNI bool) *gblock {
	port := uint16(vxlanWellKnownPort)
	if geneve {
		port = geneveWellKnownPort
	}
	b0 := g.tunnel4(port, geneve, vni, hasVNI)
	b1 := g.tunnel6(port, geneve, vni, hasVNI)
	genOr(b0, b1)
	b0 = b1
	var s []stmt
	if geneve {
		s = g.geneveOffsets()
	} else {
		s = g.vxlanOffsets()
	}
	b1 = g.genTrue()
	b1.stmts = append(s, b1.stmts...)
	genAnd(b0, b1)
	g.isEncap = true
	return b1
}
