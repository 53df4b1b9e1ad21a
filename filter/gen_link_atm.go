package filter

import (
	"strings"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// SunATM's pseudo-header (VPI, VCI, protocol type) and the ATM primitives
// (gencode.c: gen_atmfield_code, gen_atmtype_abbrev, gen_atmmulti_abbrev).
const (
	atmPTLANE        = 0x01 // LANE (LAN emulation), Ethernet inside
	atmPTLLC         = 0x02 // LLC-multiplexed traffic
	atmMsgTypePos    = 5    // the Q.2931 message type, after the payload start
	q2931CallProceed = 0x02
	q2931Connect     = 0x07
	q2931ConnectAck  = 0x0f
	q2931Setup       = 0x05
	q2931Release     = 0x4d
	q2931ReleaseDone = 0x5a
)

func (g *gen) atmVPI(v uint32, jtype uint16, reverse bool) *gblock {
	g.assertMaxval("VPI", v, 0xff)
	return g.ncmp(orLinkHdr, sunatmVPIPos, cbpf.SizeB, 0xffffffff, jtype, reverse, v)
}

func (g *gen) atmVCI(v uint32, jtype uint16, reverse bool) *gblock {
	g.assertMaxval("VCI", v, 0xffff)
	return g.ncmp(orLinkHdr, sunatmVCIPos, cbpf.SizeH, 0xffffffff, jtype, reverse, v)
}

func (g *gen) atmPrototype(v uint32) *gblock {
	return g.ncmp(orLinkHdr, sunatmProtoPos, cbpf.SizeB, 0x0f, cbpf.JEQ, false, v)
}

// atmVC is a test of a well-known virtual circuit: VPI 0 and the VCI.
func (g *gen) atmVC(vci uint32) *gblock {
	b0 := g.atmVPI(0, cbpf.JEQ, false)
	b1 := g.atmVCI(vci, cbpf.JEQ, false)
	genAnd(b0, b1)
	return b1
}

// atmLLC is gen_atmtype_llc: LLC-multiplexed traffic, and the link type
// back to SunATM's own after a lane.
func (g *gen) atmLLC() *gblock {
	b0 := g.atmPrototype(atmPTLLC)
	g.linktype = g.prevlinktype
	return b0
}

// atmMessages ors the tests of Q.2931 message types in libpcap's order:
// the first two, then each further one before them.
func (g *gen) atmMessages(msgs ...uint32) *gblock {
	msg := func(m uint32) *gblock { return g.cmp(orLinkHdr, sunatmPktBeginPs+atmMsgTypePos, cbpf.SizeB, m) }
	b0 := msg(msgs[0])
	b1 := msg(msgs[1])
	genOr(b0, b1)
	for _, m := range msgs[2:] {
		genOr(msg(m), b1)
	}
	return b1
}

// atmKeyword compiles one ATM keyword or field test.
func (g *gen) atmKeyword(k *Keyword) *gblock {
	word := strings.ToLower(k.Word)
	if g.linktype != linktype.SunATM {
		g.fail("'%s' supported only on SUNATM", word)
	}
	switch word {
	case "vpi":
		return g.fieldValues(k, g.atmVPI)
	case "vci":
		return g.fieldValues(k, g.atmVCI)
	case "metac":
		return g.atmVC(1)
	case "bcc":
		return g.atmVC(2)
	case "oamf4sc":
		return g.atmVC(3)
	case "oamf4ec":
		return g.atmVC(4)
	case "sc":
		return g.atmVC(5)
	case "ilmic":
		return g.atmVC(16)
	case "oam", "oamf4":
		b0 := g.atmVCI(3, cbpf.JEQ, false)
		b1 := g.atmVCI(4, cbpf.JEQ, false)
		genOr(b0, b1)
		b0 = g.atmVPI(0, cbpf.JEQ, false)
		genAnd(b0, b1)
		return b1
	case "lane":
		b1 := g.atmPrototype(atmPTLANE)
		// From here on the packets are LANE-encapsulated Ethernet.
		g.pushLinkHdr(linktype.Ethernet, false, sunatmPktBeginPs+2, -1)
		g.offLinkType.constPart = g.offLinkHdr.constPart + 12
		g.offLinkPl.constPart = g.offLinkHdr.constPart + 14
		g.offNL, g.offNLNoSNAP = 0, 3
		return b1
	case "connectmsg":
		b1 := g.atmMessages(q2931Setup, q2931CallProceed, q2931Connect, q2931ConnectAck, q2931Release, q2931ReleaseDone)
		b0 := g.atmVC(5)
		genAnd(b0, b1)
		return b1
	case "metaconnect":
		b1 := g.atmMessages(q2931Setup, q2931CallProceed, q2931Connect, q2931Release, q2931ReleaseDone)
		b0 := g.atmVC(1)
		genAnd(b0, b1)
		return b1
	}
	g.fail("syntax error in filter expression")
	return nil
}
