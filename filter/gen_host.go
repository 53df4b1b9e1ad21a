package filter

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// Hosts and networks: IPv4, IPv6, MAC-48, ARCnet and DECnet addresses, by
// number or by name (gencode.c: gen_host, gen_hostop*, gen_mac48host,
// gen_dnhostop, gen_gateway and the gen_[snme]code entry points).

// Error message templates shared with libpcap.
const (
	errOnly80211     = "'%s' is valid for 802.11 syntax only"
	errInvalidQual   = "'%s' is not a valid qualifier for '%s'"
	errUnknownMAC48  = "unknown Ethernet-like host '%s'"
	errInvalidIPv4   = "invalid IPv4 address '%s'"
	errInvalidIPv6   = "invalid IPv6 address %s"
	ctxHostIPv4      = "host <IPv4 address>"
	ctxNetIPv4       = "net <IPv4 address>"
	ctxNetIPv4Prefix = "net <IPv4 prefix>"
	ctxNetIPv4Name   = "net <IPv4 network name>"
	ctxHostName      = "host <Internet hostname>"
	ctxHostIPv6      = "host <IPv6 address>"
	ctxNetIPv6       = "net <IPv6 prefix>"
)

var protoWords = map[Proto]string{
	ProtoLink: "link", ProtoIP: "ip", ProtoARP: "arp", ProtoRARP: "rarp", ProtoSCTP: "sctp",
	ProtoTCP: "tcp", ProtoUDP: "udp", ProtoICMP: "icmp", ProtoIGMP: "igmp", ProtoIGRP: "igrp",
	ProtoAtalk: "atalk", ProtoDecnet: "decnet", ProtoLAT: "lat", ProtoSCA: "sca",
	ProtoMOPRC: "moprc", ProtoMOPDL: "mopdl", ProtoIPv6: "ip6", ProtoICMPv6: "icmp6",
	ProtoAH: "ah", ProtoESP: "esp", ProtoPIM: "pim", ProtoVRRP: "vrrp", ProtoAARP: "aarp",
	ProtoISO: "iso", ProtoESIS: "esis", ProtoISIS: "isis", ProtoCLNP: "clnp", ProtoSTP: "stp",
	ProtoIPX: "ipx", ProtoNetbeui: "netbeui", ProtoISIS_L1: "l1", ProtoISIS_L2: "l2",
	ProtoISIS_IIH: "iih", ProtoISIS_SNP: "snp", ProtoISIS_CSNP: "csnp", ProtoISIS_PSNP: "psnp",
	ProtoISIS_LSP: "lsp", ProtoRadio: "radio", ProtoCARP: "carp",
}

// pqkw names a protocol qualifier as libpcap's messages do.
func pqkw(p Proto) string {
	if w, ok := protoWords[p]; ok {
		return w
	}
	return fmt.Sprintf("<invalid proto %d>", int(p))
}

func dqkw(d Dir) string {
	switch d {
	case DirSrc:
		return "src"
	case DirDst:
		return "dst"
	case DirOr:
		return "src or dst"
	case DirAnd:
		return "src and dst"
	case DirAddr1:
		return "addr1"
	case DirAddr2:
		return "addr2"
	case DirAddr3:
		return "addr3"
	case DirAddr4:
		return "addr4"
	case DirRA:
		return "ra"
	case DirTA:
		return "ta"
	}
	return fmt.Sprintf("<invalid dir %d>", int(d))
}

func tqkw(a AddrType) string {
	switch a {
	case AddrHost:
		return "host"
	case AddrNet:
		return "net"
	case AddrPort:
		return "port"
	case AddrGateway:
		return "gateway"
	case AddrProto:
		return "proto"
	case AddrProtochain:
		return "protochain"
	case AddrPortRange:
		return "portrange"
	}
	return fmt.Sprintf("<invalid type %d>", int(a))
}

// hostop matches an IPv4 address/mask at the source and/or destination
// offsets of the network header.
func (g *gen) hostop(addr, mask uint32, dir Dir, srcOff, dstOff uint32) *gblock {
	b, ok := g.byDirection(dir, func(src bool) *gblock {
		return g.mcmp(orLinkPl, pickOffset(src, srcOff, dstOff), cbpf.SizeW, addr, mask)
	})
	if !ok {
		g.fail(errOnly80211, dqkw(dir))
	}
	return b
}

func pickOffset(src bool, srcOff, dstOff uint32) uint32 {
	if src {
		return srcOff
	}
	return dstOff
}

func (g *gen) hostop6(addr, mask net.IP, dir Dir, srcOff, dstOff uint32) *gblock {
	b, ok := g.byDirection(dir, func(src bool) *gblock {
		return g.hostop6Field(addr, mask, pickOffset(src, srcOff, dstOff))
	})
	if !ok {
		g.fail(errOnly80211, dqkw(dir))
	}
	return b
}

// hostop6Field matches an IPv6 address/mask at one offset, word by word from
// the last, leaving out the words the mask clears.
func (g *gen) hostop6Field(addr, mask net.IP, offset uint32) *gblock {
	var b1 *gblock
	for i := 3; i >= 0; i-- {
		a := be32(addr[4*i:])
		m := be32(mask[4*i:])
		if a == 0 && m == 0 {
			continue
		}
		b0 := g.mcmp(orLinkPl, offset+4*uint32(i), cbpf.SizeW, a, m)
		if b1 != nil {
			genAnd(b0, b1)
		} else {
			b1 = b0
		}
	}
	if b1 == nil {
		return g.genTrue()
	}
	return b1
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// host is gen_host: an IPv4 address/mask under a protocol qualifier.
func (g *gen) host(addr, mask uint32, proto Proto, dir Dir, ctx string) *gblock {
	switch proto {
	case ProtoDefault:
		b0 := g.host(addr, mask, ProtoIP, dir, ctx)
		if g.labelStackDepth == 0 {
			b1 := g.host(addr, mask, ProtoARP, dir, ctx)
			genOr(b0, b1)
			b0 = g.host(addr, mask, ProtoRARP, dir, ctx)
			genOr(b1, b0)
		}
		return b0
	case ProtoIP:
		b0 := g.linktypeTest(ethertypeIP)
		if mask == 0 && addr == 0 {
			return b0
		}
		b1 := g.hostop(addr, mask, dir, 12, 16)
		genAnd(b0, b1)
		return b1
	case ProtoRARP, ProtoARP:
		et := uint32(ethertypeARP)
		if proto == ProtoRARP {
			et = ethertypeREVARP
		}
		b0 := g.linktypeTest(et)
		if mask == 0 && addr == 0 {
			return b0
		}
		if v, ok := constValue(b0); ok && !v && dir <= DirAnd {
			// No (R)ARP on this link type: the address loads would
			// only claim registers (libpcap master skips them too).
			return b0
		}
		b1 := g.hostop(addr, mask, dir, 14, 24)
		genAnd(b0, b1)
		return b1
	case ProtoDecnet:
		b0 := g.linktypeTest(ethertypeDN)
		b1 := g.dnhostop(addr, dir)
		genAnd(b0, b1)
		return b1
	}
	g.fail(errInvalidQual, pqkw(proto), ctx)
	return nil
}

func (g *gen) host6(addr, mask net.IP, proto Proto, dir Dir, ctx string) *gblock {
	switch proto {
	case ProtoDefault, ProtoIPv6:
		b0 := g.linktypeTest(ethertypeIPv6)
		if addr.Equal(net.IPv6zero) && net.IP(mask).Equal(net.IPv6zero) {
			return b0
		}
		b1 := g.hostop6(addr, mask, dir, 8, 24)
		genAnd(b0, b1)
		return b1
	}
	g.fail(errInvalidQual, pqkw(proto), ctx)
	return nil
}

// host46ByName resolves a host name and matches any of its addresses: all
// IPv4 addresses (sorted, under one link-type test per protocol), then all
// IPv6 addresses, as libpcap master does.
func (g *gen) host46ByName(name string, proto4, proto6 Proto, dir Dir) *gblock {
	return g.host46ByNameNeg(name, proto4, proto6, dir, false)
}

// host46ByNameNeg is host46ByName; with negate, each protocol's address
// test is negated (but not its link-type test), which is how libpcap master
// builds "gateway".
func (g *gen) host46ByNameNeg(name string, proto4, proto6 Proto, dir Dir, negate bool) *gblock {
	addrs, err := g.resolver.LookupHost(name)
	if err != nil || len(addrs) == 0 {
		g.failValue("unknown host '%s'", name)
	}
	var v4, v6 []net.IP
	for _, a := range addrs {
		if x := a.To4(); x != nil {
			v4 = appendUniqueIP(v4, x)
		} else if len(a) == net.IPv6len {
			v6 = appendUniqueIP(v6, a)
		}
	}
	sortIPs(v4)
	sortIPs(v6)
	var ret *gblock
	if proto4 != ProtoIPv6 && len(v4) > 0 {
		ret = g.hostList4(v4, proto4, dir, negate)
	}
	if proto6 != ProtoARP && proto6 != ProtoIP && proto6 != ProtoRARP && len(v6) > 0 {
		h := g.hostList6(v6, proto6, dir, negate)
		if ret != nil {
			genOr(ret, h)
		}
		ret = h
	}
	if ret == nil {
		if proto4 == ProtoDefault {
			g.failValue("unknown host '%s'", name)
		}
		g.failValue("unknown host '%s' for specified address family", name)
	}
	return ret
}

func appendUniqueIP(list []net.IP, ip net.IP) []net.IP {
	for _, x := range list {
		if x.Equal(ip) {
			return list
		}
	}
	return append(list, ip)
}

func sortIPs(l []net.IP) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && string(l[j]) < string(l[j-1]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

// hostList4 is gen_host over several addresses: one link-type test, then
// the addresses or-ed.
func (g *gen) hostList4(addrs []net.IP, proto Proto, dir Dir, negate bool) *gblock {
	var et, srcOff, dstOff uint32
	switch proto {
	case ProtoDefault:
		b0 := g.hostList4(addrs, ProtoIP, dir, negate)
		if g.labelStackDepth == 0 {
			b1 := g.hostList4(addrs, ProtoARP, dir, negate)
			genOr(b0, b1)
			b0 = g.hostList4(addrs, ProtoRARP, dir, negate)
			genOr(b1, b0)
		}
		return b0
	case ProtoIP:
		et, srcOff, dstOff = ethertypeIP, 12, 16
	case ProtoARP:
		et, srcOff, dstOff = ethertypeARP, 14, 24
	case ProtoRARP:
		et, srcOff, dstOff = ethertypeREVARP, 14, 24
	default:
		g.fail(errInvalidQual, pqkw(proto), ctxHostName)
	}
	b0 := g.linktypeTest(et)
	var b1 *gblock
	for _, a := range addrs {
		h := g.hostop(be32(a), 0xffffffff, dir, srcOff, dstOff)
		if b1 != nil {
			genOr(b1, h)
		}
		b1 = h
	}
	if negate {
		genNot(b1)
	}
	genAnd(b0, b1)
	return b1
}

func (g *gen) hostList6(addrs []net.IP, proto Proto, dir Dir, negate bool) *gblock {
	switch proto {
	case ProtoDefault, ProtoIPv6:
	default:
		g.fail(errInvalidQual, pqkw(proto), ctxHostName)
	}
	b0 := g.linktypeTest(ethertypeIPv6)
	var b1 *gblock
	for _, a := range addrs {
		h := g.hostop6(a, net.IP(allOnes16()), dir, 8, 24)
		if b1 != nil {
			genOr(b1, h)
		}
		b1 = h
	}
	if negate {
		genNot(b1)
	}
	genAnd(b0, b1)
	return b1
}

func allOnes16() []byte {
	b := make([]byte, 16)
	for i := range b {
		b[i] = 0xff
	}
	return b
}

func isMAC48Linktype(lt linktype.Type) bool {
	switch lt {
	case linktype.FDDI, linktype.IEEE802, linktype.IPOverFC:
		return true
	}
	if isEthernetLike(lt) {
		return true
	}
	return is80211(lt)
}

// mac48host matches a MAC-48 address in the link-layer header.
func (g *gen) mac48host(eaddr []byte, dir Dir, keyword string) *gblock {
	var b1 *gblock
	var srcOff, dstOff uint32
	switch {
	case isEthernetLike(g.linktype):
		b1 = g.prevLinkHdrCheck()
		srcOff, dstOff = 6, 0
	case g.linktype == linktype.FDDI:
		srcOff, dstOff = 6+1, 0+1
	case g.linktype == linktype.IEEE802:
		srcOff, dstOff = 8, 2
	case g.linktype == linktype.IPOverFC:
		srcOff, dstOff = 10, 2
	case is80211(g.linktype):
		return g.wlanHostop(eaddr, dir)
	default:
		g.failKwOnDLT(keyword)
	}
	b0, ok := g.byDirection(dir, func(src bool) *gblock {
		return g.bcmp(orLinkHdr, pickOffset(src, srcOff, dstOff), eaddr)
	})
	if !ok {
		g.fail(errOnly80211, dqkw(dir))
	}
	if b1 != nil {
		genAnd(b1, b0)
	}
	return b0
}

func (g *gen) failKwOnDLT(keyword string) {
	g.fail("'%s' not supported on %s", keyword, dltString(g.linktype))
}

func (g *gen) mac48hostByName(name string, dir Dir, context string) *gblock {
	if !isMAC48Linktype(g.linktype) {
		g.failKwOnDLT(context)
	}
	ea, err := g.resolver.LookupEther(name)
	if err != nil || len(ea) != 6 {
		g.failValue(errUnknownMAC48, name)
	}
	return g.mac48host(ea, dir, context)
}

// dnhostop matches a DECnet address (data packets with 0 or 1 pad byte).
func (g *gen) dnhostop(addr uint32, dir Dir) *gblock {
	b, ok := g.byDirection(dir, func(src bool) *gblock { return g.dnhostField(addr, src) })
	if !ok {
		g.fail(errOnly80211, dqkw(dir))
	}
	return b
}

// dnhostField matches a DECnet address in the source or destination field,
// in each of the header forms.
func (g *gen) dnhostField(addr uint32, src bool) *gblock {
	offsetSH, offsetLH := uint32(1), uint32(7)
	if src {
		offsetSH, offsetLH = 3, 15
	}
	swapped := (addr>>8)&0xff | (addr&0xff)<<8
	tmp := g.mcmp(orLinkPl, 2, cbpf.SizeH, 0x8106, 0xff07)
	b1 := g.cmp(orLinkPl, 2+1+offsetLH, cbpf.SizeH, swapped)
	genAnd(tmp, b1)
	tmp = g.mcmp(orLinkPl, 2, cbpf.SizeB, 0x06, 0x07)
	b2 := g.cmp(orLinkPl, 2+offsetLH, cbpf.SizeH, swapped)
	genAnd(tmp, b2)
	genOr(b2, b1)
	if !src {
		b2 = g.mcmp(orLinkPl, 2, cbpf.SizeW, 0x81020000|swapped, 0xff07ffff)
	} else {
		tmp = g.mcmp(orLinkPl, 2, cbpf.SizeH, 0x8102, 0xff07)
		b2 = g.cmp(orLinkPl, 2+1+offsetSH, cbpf.SizeH, swapped)
		genAnd(tmp, b2)
	}
	genOr(b2, b1)
	if !src {
		b2 = g.mcmp(orLinkPl, 2, cbpf.SizeW, 0x02000000|swapped<<8, 0x07ffff00)
	} else {
		tmp = g.mcmp(orLinkPl, 2, cbpf.SizeB, 0x02, 0x07)
		b2 = g.cmp(orLinkPl, 2+offsetSH, cbpf.SizeH, swapped)
		genAnd(tmp, b2)
	}
	genOr(b2, b1)
	return b1
}

// gateway matches packets whose MAC address is the host's but whose IP
// address is not.
func (g *gen) gateway(name string, proto Proto) *gblock {
	switch proto {
	case ProtoDefault, ProtoIP, ProtoARP, ProtoRARP:
	default:
		g.fail(errInvalidQual, pqkw(proto), "gateway")
	}
	if g.isEncap {
		g.fail("'gateway' cannot be used within VXLAN or Geneve")
	}
	if g.labelStackDepth > 0 {
		g.fail("'gateway' cannot be used within MPLS")
	}
	b0 := g.mac48hostByName(name, DirOr, "gateway")
	b1 := g.host46ByNameNeg(name, proto, ProtoIP, DirOr, true)
	genAnd(b0, b1)
	return b1
}

// atoin parses a dotted IPv4 address or prefix ("10", "10.1", "10.1.2.3")
// the way pcapint_atoin does: the value and its length in bits, or -1.
func atoin(s string) (uint32, int) {
	var addr uint32
	n := 0
	for _, part := range strings.Split(s, ".") {
		v, err := strconv.ParseUint(part, 10, 32)
		if err != nil || v > 255 || part == "" {
			return 0, -1
		}
		addr = addr<<8 | uint32(v)
		n += 8
	}
	if n > 32 {
		return 0, -1
	}
	return addr, n
}

// atodn parses a DECnet address "area.node".
func atodn(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 2 {
		return 0, false
	}
	area, err1 := strconv.ParseUint(parts[0], 10, 32)
	node, err2 := strconv.ParseUint(parts[1], 10, 32)
	if err1 != nil || err2 != nil || area > 63 || node > 1023 {
		return 0, false
	}
	return uint32(area)<<10 | uint32(node), true
}

// scode handles a name under qualifiers (gen_scode).
func (g *gen) scode(name string, q Quals) *gblock {
	proto, dir := q.Proto, q.Dir
	if proto == ProtoDecnet {
		a := q.Addr
		if a == AddrDefault {
			a = AddrHost
		}
		g.fail(errInvalidQual, "decnet", tqkw(a))
	}
	switch q.Addr {
	case AddrNet:
		addr, err := g.resolver.LookupNetwork(name)
		if err != nil || addr == 0 {
			g.failValue("unknown network '%s'", name)
		}
		mask := uint32(0xffffffff)
		for addr != 0 && addr&0xff000000 == 0 {
			addr <<= 8
			mask <<= 8
		}
		return g.host(addr, mask, proto, dir, ctxNetIPv4Name)
	case AddrDefault, AddrHost:
		if proto == ProtoLink {
			return g.mac48hostByName(name, dir, "link host NAME")
		}
		p4, p6 := proto, proto
		if g.offLinkType.constPart == offsetNotSet && p4 == ProtoDefault {
			p4, p6 = ProtoIP, ProtoIPv6
		}
		return g.host46ByName(name, p4, p6, dir)
	case AddrPort:
		g.portPQToIPProto(proto, "port")
		port, realProto, ok := g.nameToPort(name)
		if !ok {
			g.failValue("unknown port '%s'", name)
		}
		realProto = g.checkPortProto(proto, realProto, "port '%s' is %s", name)
		b := g.port(uint16(port), realProto, dir)
		genOr(g.port6(uint16(port), realProto, dir), b)
		return b
	case AddrPortRange:
		g.portPQToIPProto(proto, "portrange")
		p1, p2, realProto := g.stringToPortRange(name)
		realProto = g.checkPortProto(proto, realProto, "port in range '%s' is %s", name)
		g.assertMaxval("port number", p1, 65535)
		g.assertMaxval("port number", p2, 65535)
		b := g.portrange(uint16(p1), uint16(p2), realProto, dir)
		genOr(g.portrange6(uint16(p1), uint16(p2), realProto, dir), b)
		return b
	case AddrGateway:
		return g.gateway(name, proto)
	case AddrProto:
		return g.protoTest(g.lookupProto(name, q), proto)
	case AddrProtochain:
		return g.protochain(g.lookupProto(name, q), proto)
	}
	g.fail("syntax error in filter expression")
	return nil
}

// checkPortProto reconciles the port's protocol from the services database
// with the qualifier (tcp/udp/sctp).
func (g *gen) checkPortProto(proto Proto, realProto int, format, name string) int {
	want := map[Proto]int{ProtoUDP: ipprotoUDP, ProtoTCP: ipprotoTCP, ProtoSCTP: ipprotoSCTP}
	w, ok := want[proto]
	if !ok {
		return realProto
	}
	names := map[int]string{ipprotoUDP: "udp", ipprotoTCP: "tcp", ipprotoSCTP: "sctp"}
	if realProto != protoUndef && realProto != w {
		g.failValue(format, name, names[realProto])
	}
	return w
}

// ncode handles a number or a dotted IPv4 address (gen_ncode). s is the
// address text, or "" for a plain number v.
func (g *gen) ncode(s string, v uint32, q Quals, text string) *gblock {
	if q.Proto == ProtoDecnet {
		if q.Addr != AddrDefault && q.Addr != AddrHost {
			g.fail(errInvalidQual, "decnet", tqkw(q.Addr))
		}
		if s == "" {
			g.failValue("invalid DECnet address '%d'", v)
		}
		dn, ok := atodn(s)
		if !ok {
			g.failValue("invalid DECnet address '%s'", s)
		}
		return g.host(dn, 0, q.Proto, q.Dir, "host")
	}
	proto, dir := q.Proto, q.Dir
	vlen := 32
	if s != "" {
		var n int
		v, n = atoin(s)
		if n < 0 {
			g.failValue(errInvalidIPv4, s)
		}
		vlen = n
	}
	switch q.Addr {
	case AddrDefault, AddrHost, AddrNet:
		if proto == ProtoLink {
			if s != "" {
				g.failValue("illegal link-layer address '%s'", s)
			}
			g.failValue("illegal link-layer address '%d'", v)
		}
		mask := uint32(0xffffffff)
		if s == "" && q.Addr == AddrNet {
			for v != 0 && v&0xff000000 == 0 {
				v <<= 8
				mask <<= 8
			}
		} else {
			v = shl32(v, 32-vlen)
			mask = shl32(mask, 32-vlen)
		}
		ctx := ctxHostIPv4
		if q.Addr == AddrNet {
			ctx = ctxNetIPv4
		}
		return g.host(v, mask, proto, dir, ctx)
	case AddrPort:
		p := g.portPQToIPProto(proto, "port")
		g.assertMaxval("port number", v, 65535)
		b := g.port(uint16(v), p, dir)
		genOr(g.port6(uint16(v), p, dir), b)
		return b
	case AddrPortRange:
		p := g.portPQToIPProto(proto, "portrange")
		g.assertMaxval("port number", v, 65535)
		b := g.portrange(uint16(v), uint16(v), p, dir)
		genOr(g.portrange6(uint16(v), uint16(v), p, dir), b)
		return b
	case AddrGateway:
		g.fail(errInvalidQual, "gateway", text)
	case AddrProto:
		return g.protoTest(v, proto)
	case AddrProtochain:
		return g.protochain(v, proto)
	}
	g.fail("syntax error in filter expression")
	return nil
}

func shl32(v uint32, n int) uint32 {
	if n >= 32 {
		return 0
	}
	return v << uint(n)
}

// mcode handles "net a.b.c.d/len" and "net a.b.c.d mask m.m.m.m".
func (g *gen) mcode(s1, s2 string, masklen int, q Quals, text string) *gblock {
	if q.Proto == ProtoDecnet {
		a := q.Addr
		if a == AddrDefault {
			a = AddrHost
		}
		g.fail(errInvalidQual, "decnet", tqkw(a))
	}
	n, nlen := atoin(s1)
	if nlen < 0 {
		g.failValue(errInvalidIPv4, s1)
	}
	n = shl32(n, 32-nlen)
	var m uint32
	if s2 != "" {
		mm, mlen := atoin(s2)
		if mlen < 0 {
			g.failValue(errInvalidIPv4, s2)
		}
		m = shl32(mm, 32-mlen)
		if n&^m != 0 {
			g.failValue("non-network bits set in \"%s mask %s\"", s1, s2)
		}
	} else {
		g.assertMaxval("netmask length", uint32(masklen), 32)
		m = uint32(uint64(0xffffffff) << (32 - uint(masklen)))
		if n&^m != 0 {
			g.failValue("non-network bits set in \"%s/%d\"", s1, masklen)
		}
	}
	switch q.Addr {
	case AddrNet:
		return g.host(n, m, q.Proto, q.Dir, ctxNetIPv4Prefix)
	}
	a := q.Addr
	if a == AddrDefault {
		a = AddrHost
	}
	g.fail(errInvalidQual, tqkw(a), text)
	return nil
}

// mcode6 handles IPv6 addresses and prefixes.
func (g *gen) mcode6(s string, masklen int, q Quals, text string) *gblock {
	ip := net.ParseIP(s)
	if ip == nil || ip.To16() == nil || strings.IndexByte(s, ':') < 0 {
		g.failValue(errInvalidIPv6, s)
	}
	addr := ip.To16()
	if masklen > 128 {
		g.failValue("mask length must be <= 128")
	}
	mask := make(net.IP, 16)
	for i := 0; i < masklen/8; i++ {
		mask[i] = 0xff
	}
	if masklen%8 != 0 {
		mask[masklen/8] = byte(0xff << (8 - uint(masklen%8)))
	}
	for i := range addr {
		if addr[i]&^mask[i] != 0 {
			g.failValue("non-network bits set in \"%s/%d\"", s, masklen)
		}
	}
	switch q.Addr {
	case AddrDefault, AddrHost:
		if masklen != 128 {
			g.fail(errInvalidQual, "host", fmt.Sprintf("%s/%d", s, masklen))
		}
		return g.host6(addr, mask, q.Proto, q.Dir, ctxHostIPv6)
	case AddrNet:
		return g.host6(addr, mask, q.Proto, q.Dir, ctxNetIPv6)
	}
	g.fail(errInvalidQual, tqkw(q.Addr), text)
	return nil
}

// ecode handles a MAC-48 address.
func (g *gen) ecode(s string, q Quals) *gblock {
	const context = "link host XX:XX:XX:XX:XX:XX"
	if !((q.Addr == AddrHost || q.Addr == AddrDefault) && q.Proto == ProtoLink) {
		g.fail("Ethernet address used in non-ether expression")
	}
	if !isMAC48Linktype(g.linktype) {
		g.failKwOnDLT(context)
	}
	ea, ok := parseMAC(s)
	if !ok {
		g.failValue("invalid Ethernet address")
	}
	return g.mac48host(ea, q.Dir, context)
}

// parseMAC accepts the MAC-48 spellings of pcap_ether_aton: six groups of
// one or two hex digits all separated by the same ':', '-' or '.', three
// groups of four hex digits separated by '.', or 12 hex digits.
func parseMAC(s string) ([]byte, bool) {
	isHex := func(c byte) bool {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	var sep byte
	var groups []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isHex(c) {
			continue
		}
		if c != ':' && c != '-' && c != '.' || (sep != 0 && c != sep) {
			return nil, false
		}
		sep = c
		groups = append(groups, s[start:i])
		start = i + 1
	}
	groups = append(groups, s[start:])
	var hexstr string
	switch {
	case len(groups) == 6:
		for _, gr := range groups {
			if len(gr) == 0 || len(gr) > 2 {
				return nil, false
			}
			if len(gr) == 1 {
				hexstr += "0"
			}
			hexstr += gr
		}
	case len(groups) == 3 && sep == '.':
		for _, gr := range groups {
			if len(gr) != 4 {
				return nil, false
			}
			hexstr += gr
		}
	case len(groups) == 1 && len(s) == 12:
		hexstr = s
	default:
		return nil, false
	}
	out := make([]byte, 6)
	for i := range out {
		v, err := strconv.ParseUint(hexstr[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, false
		}
		out[i] = byte(v)
	}
	return out, true
}

// acode handles an ARCnet "$XX" address (gen_acode).
func (g *gen) acode(s string, q Quals) *gblock {
	if q.Addr != AddrHost && q.Addr != AddrDefault {
		g.fail(errInvalidQual, tqkw(q.Addr), "$XX")
	}
	if q.Proto != ProtoLink {
		g.fail("'link' is the only valid proto qualifier for 'host $XX'")
	}
	switch g.linktype {
	case linktype.ARCnet, linktype.ARCnetLinux, linktype.BACnetMSTP:
		v, err := strconv.ParseUint(strings.TrimPrefix(s, "$"), 16, 8)
		if err != nil {
			g.failValue("invalid 8-bit MAC address '%s'", s)
		}
		if g.linktype == linktype.BACnetMSTP {
			return g.mac8Hostop(uint32(v), q.Dir, 4, 3)
		}
		return g.arcnetHostop(uint32(v), q.Dir)
	}
	g.failKwOnDLT("link host $XX")
	return nil
}
