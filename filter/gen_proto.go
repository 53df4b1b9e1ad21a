package filter

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// Protocol primitives: "tcp", "ip proto 17", "protochain 6", "link proto
// \ip" (gencode.c: gen_proto_abbrev, gen_proto, gen_protochain, lookup_proto).

// IS-IS PDU types.
const (
	isisL1LanIIH = 15
	isisL2LanIIH = 16
	isisPtpIIH   = 17
	isisL1LSP    = 18
	isisL2LSP    = 20
	isisL1CSNP   = 24
	isisL2CSNP   = 25
	isisL1PSNP   = 26
	isisL2PSNP   = 27
	isisPDUMax   = 0x1f
)

// protoAbbrev is a protocol name alone ("tcp", "arp", "l1", ...).
func (g *gen) protoAbbrev(proto Proto) *gblock {
	switch proto {
	case ProtoSCTP:
		return g.protoTest(ipprotoSCTP, ProtoDefault)
	case ProtoTCP:
		return g.protoTest(ipprotoTCP, ProtoDefault)
	case ProtoUDP:
		return g.protoTest(ipprotoUDP, ProtoDefault)
	case ProtoICMP:
		return g.protoTest(ipprotoICMP, ProtoIP)
	case ProtoIGMP:
		return g.protoTest(ipprotoIGMP, ProtoIP)
	case ProtoIGRP:
		return g.protoTest(ipprotoIGRP, ProtoIP)
	case ProtoPIM:
		return g.protoTest(ipprotoPIM, ProtoDefault)
	case ProtoVRRP, ProtoCARP:
		return g.protoTest(ipprotoVRRP, ProtoIP)
	case ProtoIP:
		return g.linktypeTest(ethertypeIP)
	case ProtoARP:
		return g.linktypeTest(ethertypeARP)
	case ProtoRARP:
		return g.linktypeTest(ethertypeREVARP)
	case ProtoAtalk:
		return g.linktypeTest(ethertypeATALK)
	case ProtoAARP:
		return g.linktypeTest(ethertypeAARP)
	case ProtoDecnet:
		return g.linktypeTest(ethertypeDN)
	case ProtoSCA:
		return g.linktypeTest(ethertypeSCA)
	case ProtoLAT:
		return g.linktypeTest(ethertypeLAT)
	case ProtoMOPDL:
		return g.linktypeTest(ethertypeMOPDL)
	case ProtoMOPRC:
		return g.linktypeTest(ethertypeMOPRC)
	case ProtoIPv6:
		return g.linktypeTest(ethertypeIPv6)
	case ProtoICMPv6:
		return g.protoTest(ipprotoICMPv6, ProtoIPv6)
	case ProtoAH:
		return g.protoTest(ipprotoAH, ProtoDefault)
	case ProtoESP:
		return g.protoTest(ipprotoESP, ProtoDefault)
	case ProtoISO:
		return g.linktypeTest(llcsapISONS)
	case ProtoESIS:
		return g.protoTest(isoESIS, ProtoISO)
	case ProtoISIS:
		return g.protoTest(isoISIS, ProtoISO)
	case ProtoISIS_L1:
		return g.isisOr(isisL1LanIIH, isisPtpIIH, isisL1LSP, isisL1CSNP, isisL1PSNP)
	case ProtoISIS_L2:
		return g.isisOr(isisL2LanIIH, isisPtpIIH, isisL2LSP, isisL2CSNP, isisL2PSNP)
	case ProtoISIS_IIH:
		return g.isisOr(isisL1LanIIH, isisL2LanIIH, isisPtpIIH)
	case ProtoISIS_LSP:
		return g.isisOr(isisL1LSP, isisL2LSP)
	case ProtoISIS_SNP:
		return g.isisOr(isisL1CSNP, isisL2CSNP, isisL1PSNP, isisL2PSNP)
	case ProtoISIS_CSNP:
		return g.isisOr(isisL1CSNP, isisL2CSNP)
	case ProtoISIS_PSNP:
		return g.isisOr(isisL1PSNP, isisL2PSNP)
	case ProtoCLNP:
		return g.protoTest(isoCLNP, ProtoISO)
	case ProtoSTP:
		return g.linktypeTest(llcsap8021D)
	case ProtoIPX:
		return g.linktypeTest(llcsapIPX)
	case ProtoNetbeui:
		return g.linktypeTest(llcsapNetbeui)
	}
	g.fail("'%s' cannot be used as an abbreviation", pqkw(proto))
	return nil
}

// isisOr ors IS-IS PDU type tests the way libpcap chains them: the first
// two, then each further one in front.
func (g *gen) isisOr(types ...uint32) *gblock {
	b0 := g.protoTest(types[0], ProtoISIS)
	b1 := g.protoTest(types[1], ProtoISIS)
	genOr(b0, b1)
	for _, t := range types[2:] {
		b0 = g.protoTest(t, ProtoISIS)
		genOr(b0, b1)
	}
	return b1
}

// protoTest is gen_proto: the protocol field of proto's header equals v.
func (g *gen) protoTest(v uint32, proto Proto) *gblock {
	switch proto {
	case ProtoDefault:
		b0 := g.protoTest(v, ProtoIP)
		b1 := g.protoTest(v, ProtoIPv6)
		genOr(b0, b1)
		return b1
	case ProtoLink:
		return g.linktypeTest(v)
	case ProtoIP:
		g.assertMaxval("protocol number", v, 0xff)
		b0 := g.linktypeTest(ethertypeIP)
		b1 := g.ipProto(v)
		genAnd(b0, b1)
		return b1
	case ProtoIPv6:
		g.assertMaxval("protocol number", v, 0xff)
		b0 := g.linktypeTest(ethertypeIPv6)
		b2 := g.ip6Proto(ipprotoFragment)
		b1 := g.cmp(orLinkPl, 40, cbpf.SizeB, v)
		genAnd(b2, b1)
		b2 = g.ip6Proto(v)
		genOr(b2, b1)
		genAnd(b0, b1)
		return b1
	case ProtoISO:
		g.assertMaxval("ISO protocol", v, 0xff)
		switch g.linktype {
		case linktype.FrameRelay:
			// The OSI NLPID follows the frame's UI control byte.
			return g.cmp(orLinkHdr, 2, cbpf.SizeH, 0x03<<8|v)
		case linktype.CiscoHDLC:
			// Cisco's OSI EtherType lookalike, then a fudge byte.
			b0 := g.linktypeTest(llcsapISONS<<8 | llcsapISONS)
			b1 := g.cmp(orLinkPlNoSNAP, 1, cbpf.SizeB, v)
			genAnd(b0, b1)
			return b1
		}
		b0 := g.linktypeTest(llcsapISONS)
		b1 := g.cmp(orLinkPlNoSNAP, 0, cbpf.SizeB, v)
		genAnd(b0, b1)
		return b1
	case ProtoISIS:
		g.assertMaxval("IS-IS PDU type", v, isisPDUMax)
		b0 := g.protoTest(isoISIS, ProtoISO)
		off := uint32(4)
		if g.linktype == linktype.CiscoHDLC {
			off++ // the fudge byte before OSI on Cisco HDLC
		}
		b1 := g.mcmp(orLinkPlNoSNAP, off, cbpf.SizeB, v, isisPDUMax)
		genAnd(b0, b1)
		return b1
	}
	g.fail(errInvalidQual, pqkw(proto), "proto")
	return nil
}

// ethernet protocol names (pcap_nametoeproto) and LLC SAP names
// (pcap_nametollc).
var eprotoNames = map[string]uint32{
	"aarp": 0x80f3, "arp": 0x0806, "atalk": 0x809b, "decnet": 0x6003, "ip": 0x0800,
	"ip6": 0x86dd, "lat": 0x6004, "lldp": 0x88cc, "loopback": 0x9000, "mopdl": 0x6001,
	"moprc": 0x6002, "rarp": 0x8035, "sca": 0x6007, "slow": 0x8809,
}

var llcNames = map[string]uint32{"iso": 0xfe, "stp": 0x42, "ipx": 0xe0, "netbeui": 0xf0}

// lookupProto resolves the name in "proto NAME" / "protochain NAME".
func (g *gen) lookupProto(name string, q Quals) uint32 {
	switch q.Proto {
	case ProtoDefault, ProtoIP, ProtoIPv6:
		if v, err := g.resolver.LookupProtocol(name); err == nil && v >= 0 {
			return uint32(v)
		}
	case ProtoLink:
		if v, ok := eprotoNames[name]; ok {
			return v
		}
		if v, ok := llcNames[name]; ok {
			return v
		}
	case ProtoISO:
		switch name {
		case "esis":
			return isoESIS
		case "isis":
			return isoISIS
		case "clnp":
			return isoCLNP
		}
	}
	if q.Proto == ProtoDefault {
		g.failValue("unknown '%s' value '%s'", tqkw(q.Addr), name)
	}
	g.failValue("unknown '%s %s' value '%s'", pqkw(q.Proto), tqkw(q.Addr), name)
	return 0
}

// localAsm builds a statement list containing block-local jumps, resolving
// symbolic targets (statement indexes) into JT/JF/K as libpcap's
// icode_to_fcode does.
type localAsm struct {
	stmts []stmt
	jt    map[int]int
	jf    map[int]int
}

func newLocalAsm() *localAsm { return &localAsm{jt: map[int]int{}, jf: map[int]int{}} }

func (a *localAsm) emit(s stmt) int {
	a.stmts = append(a.stmts, s)
	return len(a.stmts) - 1
}

func (a *localAsm) finish() []stmt {
	for i, t := range a.jt {
		a.stmts[i].JT = uint8(t - i - 1)
	}
	for i, t := range a.jf {
		a.stmts[i].JF = uint8(t - i - 1)
	}
	return a.stmts
}

// protochain follows the IPv4/IPv6 header chain looking for protocol v. It
// needs a backward jump, so the program is not optimized (as in libpcap).
func (g *gen) protochain(v uint32, proto Proto) *gblock {
	reg2 := g.allocReg()
	switch proto {
	case ProtoIP, ProtoIPv6:
		g.assertMaxval("protocol number", v, 0xff)
	case ProtoDefault:
		b0 := g.protochain(v, ProtoIP)
		b := g.protochain(v, ProtoIPv6)
		genOr(b0, b)
		return b
	default:
		g.fail(errInvalidQual, pqkw(proto), "protochain")
	}
	if g.offLinkPl.isVariable {
		g.fail("'protochain' not supported with variable length headers")
	}
	g.noOptimize = true
	g.localJumps = true

	a := newLocalAsm()
	var b0 *gblock
	if proto == ProtoIP {
		b0 = g.linktypeTest(ethertypeIP)
		a.stmts = append(a.stmts, g.loadA(orLinkPl, 9, cbpf.SizeB)...)
		a.stmts = append(a.stmts, g.loadxIPHdrLen()...)
	} else {
		b0 = g.linktypeTest(ethertypeIPv6)
		a.stmts = append(a.stmts, g.loadA(orLinkPl, 6, cbpf.SizeB)...)
		a.emit(mkStmt(cbpf.ClassLDX|cbpf.ModeIMM, 40))
	}
	base := g.offLinkPl.constPart + g.offNL
	again := a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, v))
	fix5 := again
	fix2 := a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, ipprotoNone))
	a.jf[fix5] = fix2
	var fix3 int = -1
	if proto == ProtoIPv6 {
		v6start := a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, ipprotoHopopts))
		a.jf[fix2] = v6start
		i := a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, ipprotoDstopts))
		a.jf[i-1] = i
		i = a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, ipprotoRouting))
		a.jf[i-1] = i
		i = a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, ipprotoFragment))
		a.jf[i-1] = i
		fix3 = i
		v6end := i
		v6advance := a.emit(mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, base))
		a.emit(mkStmt(cbpf.ClassST, uint32(reg2)))
		a.emit(mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, base+1))
		a.emit(mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 1))
		a.emit(mkStmt(cbpf.ClassALU|cbpf.MUL|cbpf.SrcK, 8))
		a.emit(mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcX, 0))
		a.emit(mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
		a.emit(mkStmt(cbpf.ClassLD|cbpf.ModeMEM, uint32(reg2)))
		i = len(a.stmts)
		a.emit(mkStmt(cbpf.ClassJMP|cbpf.JA, uint32(int32(again-i-1))))
		for j := v6start; j <= v6end; j++ {
			a.jt[j] = v6advance
		}
	} else {
		i := a.emit(mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 0))
		a.jf[fix2] = i
	}
	ahcheck := a.emit(mkStmt(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, ipprotoAH))
	if fix3 >= 0 {
		a.jf[fix3] = ahcheck
	}
	fix4 := ahcheck
	i := a.emit(mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, base))
	a.jt[ahcheck] = i
	a.emit(mkStmt(cbpf.ClassST, uint32(reg2)))
	a.emit(mkStmt(cbpf.ClassMISC|cbpf.TXA, 0))
	a.emit(mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 1))
	a.emit(mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
	a.emit(mkStmt(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, base))
	a.emit(mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 2))
	a.emit(mkStmt(cbpf.ClassALU|cbpf.MUL|cbpf.SrcK, 4))
	a.emit(mkStmt(cbpf.ClassMISC|cbpf.TAX, 0))
	a.emit(mkStmt(cbpf.ClassLD|cbpf.ModeMEM, uint32(reg2)))
	i = len(a.stmts)
	a.emit(mkStmt(cbpf.ClassJMP|cbpf.JA, uint32(int32(again-i-1))))
	end := a.emit(mkStmt(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 0))
	a.jt[fix2] = end
	a.jf[fix4] = end
	a.jt[fix5] = end

	b := g.jmpK(cbpf.JEQ, v, a.finish())
	g.freeReg(reg2)
	genAnd(b0, b)
	return b
}
