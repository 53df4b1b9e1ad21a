package filter

import (
	"strings"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// The remaining keyword primitives: broadcast, multicast, inbound/outbound,
// ifindex and llc, each per link type (the link types' own keywords are in
// gen_link_*.go).

func (g *gen) broadcast(proto Proto) *gblock {
	switch proto {
	case ProtoDefault, ProtoLink:
		switch g.linktype {
		case linktype.ARCnet, linktype.ARCnetLinux:
			return g.arcnetHostop(0, DirDst) // ARCnet broadcast is address 0
		case linktype.BACnetMSTP:
			return g.cmp(orLinkHdr, 3, cbpf.SizeB, 0xff) // MS/TP broadcast is 0xff
		}
		return g.mac48host([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, DirDst, "broadcast")
	case ProtoIP:
		if !g.netmaskKnown {
			g.fail("netmask not known, so 'ip broadcast' not supported")
		}
		b0 := g.linktypeTest(ethertypeIP)
		hostmask := ^g.netmask
		b1 := g.mcmp(orLinkPl, 16, cbpf.SizeW, 0, hostmask)
		b2 := g.mcmp(orLinkPl, 16, cbpf.SizeW, hostmask, hostmask)
		genOr(b1, b2)
		genAnd(b0, b2)
		return b2
	}
	g.fail(errInvalidQual, pqkw(proto), "broadcast")
	return nil
}

func (g *gen) multicast(proto Proto) *gblock {
	switch proto {
	case ProtoDefault, ProtoLink:
		switch g.linktype {
		case linktype.ARCnet, linktype.ARCnetLinux:
			return g.arcnetHostop(0, DirDst) // every ARCnet multicast uses address 0
		case linktype.Ethernet, linktype.NetAnalyzer, linktype.NetAnalyzerTransparent, linktype.DSATagBRCM, linktype.DSATagDSA:
			b1 := g.prevLinkHdrCheck()
			b0 := g.macMulticast(0)
			if b1 != nil {
				genAnd(b1, b0)
			}
			return b0
		case linktype.FDDI:
			return g.macMulticast(1)
		case linktype.IEEE802, linktype.IPOverFC:
			return g.macMulticast(2)
		}
		if is80211(g.linktype) {
			return g.wlanMulticast()
		}
		g.failKwOnDLT("multicast")
	case ProtoIP:
		b0 := g.linktypeTest(ethertypeIP)
		b1 := g.mcmp(orLinkPl, 16, cbpf.SizeB, 0xe0, 0xf0)
		genAnd(b0, b1)
		return b1
	case ProtoIPv6:
		b0 := g.linktypeTest(ethertypeIPv6)
		b1 := g.cmp(orLinkPl, 24, cbpf.SizeB, 255)
		genAnd(b0, b1)
		return b1
	}
	g.fail(errInvalidQual, pqkw(proto), "multicast")
	return nil
}

func (g *gen) requireLive(keyword string) {
	if !g.opts.Linux {
		g.fail("not a live capture, '%s' not supported on %s", keyword, dltString(g.linktype))
	}
}

func (g *gen) inboundOutbound(outbound bool) *gblock {
	var b0 *gblock
	switch g.linktype {
	case linktype.SLIP:
		return g.cmp(orLinkHdr, 0, cbpf.SizeB, boolValue(outbound, slipDirOut, slipDirIn))
	case linktype.IPNet:
		return g.cmp(orLinkHdr, 2, cbpf.SizeH, boolValue(outbound, ipnetOutbound, ipnetInbound))
	case linktype.PPPPPPD:
		return g.cmp(orLinkHdr, 0, cbpf.SizeB, boolValue(outbound, pppPPPDOut, pppPPPDIn))
	case linktype.DSATagBRCM:
		// The tag's opcode: 0 towards the CPU, 1 from it.
		if outbound {
			return g.mcmp(orLinkHdr, 12, cbpf.SizeB, 0x20, 0xe0)
		}
		return g.mcmp(orLinkHdr, 12, cbpf.SizeB, 0x00, 0xe0)
	case linktype.DSATagDSA:
		// To_CPU (code 0) has bit 6 clear; From_CPU is code 1.
		if outbound {
			return g.mcmp(orLinkHdr, 12, cbpf.SizeB, 0x40, 0xc0)
		}
		return g.mcmp(orLinkHdr, 12, cbpf.SizeB, 0x00, 0x40)
	case linktype.JuniperMFR, linktype.JuniperMLFR, linktype.JuniperMLPPP, linktype.JuniperATM1,
		linktype.JuniperATM2, linktype.JuniperPPPoE, linktype.JuniperPPPoEATM, linktype.JuniperGGSN,
		linktype.JuniperES, linktype.JuniperMonitor, linktype.JuniperServices, linktype.JuniperEther,
		linktype.JuniperPPP, linktype.JuniperFrameRelay, linktype.JuniperCHDLC, linktype.JuniperVP,
		linktype.JuniperST, linktype.JuniperISM, linktype.JuniperVS, linktype.JuniperSRXE2E,
		linktype.JuniperFibreChannel, linktype.JuniperATMCEMIC:
		// Bit 0 of the fourth byte: set for packets received.
		return g.mcmp(orLinkHdr, 3, cbpf.SizeB, boolValue(outbound, 0, 1), 0x01)
	case linktype.PFLog:
		dir := uint32(pfIn)
		if outbound {
			dir = pfOut
		}
		return g.cmp(orLinkHdr, pflogDirOffset, cbpf.SizeB, dir)
	case linktype.LinuxSLL:
		b0 = g.cmp(orLinkHdr, 0, cbpf.SizeH, sllOutgoing)
	case linktype.LinuxSLL2:
		b0 = g.cmp(orLinkHdr, 10, cbpf.SizeB, sllOutgoing)
	default:
		kw := "inbound"
		if outbound {
			kw = "outbound"
		}
		g.requireLive(kw)
		b0 = g.cmp(orLinkHdr, cbpf.SKFAdOff+cbpf.SKFAdPktType, cbpf.SizeH, packetOutgoing)
	}
	if !outbound {
		genNot(b0)
	}
	return b0
}

func (g *gen) ifindex(idx uint32) *gblock {
	if g.linktype == linktype.LinuxSLL2 {
		return g.cmp(orLinkHdr, 4, cbpf.SizeW, idx)
	}
	g.requireLive("ifindex")
	return g.cmp(orLinkHdr, cbpf.SKFAdOff+cbpf.SKFAdIfIndex, cbpf.SizeW, idx)
}

// LLC frame formats and commands (llc.h).
var (
	llcSSubtypes = map[string]uint32{"rr": 0x01, "rnr": 0x05, "rej": 0x09}
	llcUSubtypes = map[string]uint32{
		"ui": 0x03, "ua": 0x63, "disc": 0x43, "dm": 0x0f, "sabme": 0x6f,
		"test": 0xe3, "xid": 0xaf, "frmr": 0x87,
	}
)

func (g *gen) llcInternal() *gblock {
	switch g.linktype {
	case linktype.Ethernet, linktype.DSATagBRCM, linktype.DSATagDSA:
	case linktype.IEEE802, linktype.FDDI, linktype.ATMRFC1483:
		return g.genTrue()
	case linktype.SunATM:
		return g.atmLLC()
	default:
		if is80211(g.linktype) {
			return g.mcmp(orLinkHdr, 0, cbpf.SizeB, wlanFC0TypeData, wlanFC0TypeMask)
		}
		g.failKwOnDLT("llc")
	}
	b0 := g.cmpLE(orLinkType, 0, cbpf.SizeH, etherMTU)
	b1 := g.cmpNE(orLLC, 0, cbpf.SizeH, 0xffff)
	genAnd(b0, b1)
	return b1
}

func (g *gen) llc(kind string) *gblock {
	k := strings.ToLower(kind)
	switch k {
	case "":
		return g.llcInternal()
	case "i":
		b0 := g.llcInternal()
		b1 := g.unset(0x01, g.loadA(orLLC, 2, cbpf.SizeB))
		genAnd(b0, b1)
		return b1
	case "s":
		b0 := g.llcInternal()
		b1 := g.mcmp(orLLC, 2, cbpf.SizeB, 0x01, 0x03)
		genAnd(b0, b1)
		return b1
	case "u":
		b0 := g.llcInternal()
		b1 := g.mcmp(orLLC, 2, cbpf.SizeB, 0x03, 0x03)
		genAnd(b0, b1)
		return b1
	}
	if v, ok := llcSSubtypes[k]; ok {
		b0 := g.llcInternal()
		b1 := g.mcmp(orLLC, 2, cbpf.SizeB, v, 0x0f)
		genAnd(b0, b1)
		return b1
	}
	if v, ok := llcUSubtypes[k]; ok {
		b0 := g.llcInternal()
		b1 := g.mcmp(orLLC, 2, cbpf.SizeB, v, 0xef)
		genAnd(b0, b1)
		return b1
	}
	g.fail("unknown LLC type name \"%s\"", kind)
	return nil
}

// Direction values of the link types that record one.
const (
	slipDirIn     = 0
	slipDirOut    = 1
	ipnetInbound  = 2
	ipnetOutbound = 1
	pppPPPDIn     = 0
	pppPPPDOut    = 1
)

// boolValue picks a value by a condition.
func boolValue(cond bool, ifTrue, ifFalse uint32) uint32 {
	if cond {
		return ifTrue
	}
	return ifFalse
}
