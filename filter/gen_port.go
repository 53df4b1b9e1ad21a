package filter

import (
	"strconv"
	"strings"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Transport ports and port ranges over IPv4 and IPv6 (gencode.c: gen_port*,
// gen_portrange*, stringtoport*).

// portPQToIPProto validates the protocol qualifier of port/portrange.
func (g *gen) portPQToIPProto(proto Proto, kw string) int {
	switch proto {
	case ProtoUDP:
		return ipprotoUDP
	case ProtoTCP:
		return ipprotoTCP
	case ProtoSCTP:
		return ipprotoSCTP
	case ProtoDefault:
		return protoUndef
	}
	g.fail(errInvalidQual, pqkw(proto), kw)
	return 0
}

func (g *gen) portatom(off uint32, v uint16) *gblock {
	return g.cmp(orTranIPv4, off, cbpf.SizeH, uint32(v))
}

func (g *gen) portatom6(off uint32, v uint16) *gblock {
	return g.cmp(orTranIPv6, off, cbpf.SizeH, uint32(v))
}

// dirPair builds the test of a port direction from the test of the port
// field at a transport-header offset (source 0, destination 2).
func (g *gen) dirPair(dir Dir, kw string, atom func(off uint32) *gblock) *gblock {
	b, ok := g.byDirection(dir, func(src bool) *gblock {
		if src {
			return atom(0)
		}
		return atom(2)
	})
	if !ok {
		g.fail(errInvalidQual, dqkw(dir), kw)
	}
	return b
}

func (g *gen) port(port uint16, proto int, dir Dir) *gblock {
	b1 := g.dirPair(dir, "port", func(off uint32) *gblock { return g.portatom(off, port) })
	return g.portCommon(proto, b1)
}

func (g *gen) ipProto(p uint32) *gblock  { return g.cmp(orLinkPl, 9, cbpf.SizeB, p) }
func (g *gen) ip6Proto(p uint32) *gblock { return g.cmp(orLinkPl, 6, cbpf.SizeB, p) }

// ipfrag is true for unfragmented packets and first fragments.
func (g *gen) ipfrag() *gblock {
	return g.unset(0x1fff, g.loadA(orLinkPl, 6, cbpf.SizeH))
}

func (g *gen) portCommon(proto int, b1 *gblock) *gblock {
	var tmp *gblock
	switch proto {
	case ipprotoUDP, ipprotoTCP, ipprotoSCTP:
		tmp = g.ipProto(uint32(proto))
	default:
		tmp = g.ipProto(ipprotoSCTP)
		genOr(g.ipProto(ipprotoUDP), tmp)
		genOr(g.ipProto(ipprotoTCP), tmp)
	}
	b0 := g.ipfrag()
	genAnd(tmp, b0)
	genAnd(b0, b1)
	genAnd(g.linktypeTest(ethertypeIP), b1)
	return b1
}

func (g *gen) port6(port uint16, proto int, dir Dir) *gblock {
	b1 := g.dirPair(dir, "port", func(off uint32) *gblock { return g.portatom6(off, port) })
	return g.port6Common(proto, b1)
}

func (g *gen) port6Common(proto int, b1 *gblock) *gblock {
	var tmp *gblock
	switch proto {
	case ipprotoUDP, ipprotoTCP, ipprotoSCTP:
		tmp = g.ip6Proto(uint32(proto))
	default:
		tmp = g.ip6Proto(ipprotoSCTP)
		genOr(g.ip6Proto(ipprotoUDP), tmp)
		genOr(g.ip6Proto(ipprotoTCP), tmp)
	}
	genAnd(tmp, b1)
	genAnd(g.linktypeTest(ethertypeIPv6), b1)
	return b1
}

func (g *gen) portrangeatom(rel offRel, off uint32, v1, v2 uint16) *gblock {
	if v1 == v2 {
		return g.cmp(rel, off, cbpf.SizeH, uint32(v1))
	}
	lo, hi := v1, v2
	if lo > hi {
		lo, hi = hi, lo
	}
	b1 := g.cmpGE(rel, off, cbpf.SizeH, uint32(lo))
	b2 := g.cmpLE(rel, off, cbpf.SizeH, uint32(hi))
	genAnd(b1, b2)
	return b2
}

func (g *gen) portrange(p1, p2 uint16, proto int, dir Dir) *gblock {
	b1 := g.dirPair(dir, "portrange", func(off uint32) *gblock { return g.portrangeatom(orTranIPv4, off, p1, p2) })
	return g.portCommon(proto, b1)
}

func (g *gen) portrange6(p1, p2 uint16, proto int, dir Dir) *gblock {
	b1 := g.dirPair(dir, "portrange", func(off uint32) *gblock { return g.portrangeatom(orTranIPv6, off, p1, p2) })
	return g.port6Common(proto, b1)
}

// nameToPort is pcap_nametoport: the port of a service name and the
// protocol it belongs to (protoUndef when TCP and UDP agree).
func (g *gen) nameToPort(name string) (port int, proto int, ok bool) {
	tcp, terr := g.resolver.LookupPort(name, "tcp")
	udp, uerr := g.resolver.LookupPort(name, "udp")
	if terr == nil && tcp >= 0 {
		proto = ipprotoTCP
		if uerr == nil && udp == tcp {
			proto = protoUndef
		}
		return tcp, proto, true
	}
	if uerr == nil && udp >= 0 {
		return udp, ipprotoUDP, true
	}
	sctp, serr := g.resolver.LookupPort(name, "sctp")
	if serr == nil && sctp >= 0 {
		return sctp, ipprotoSCTP, true
	}
	return 0, 0, false
}

// stringToPort converts one end of a port range: a number (decimal, 0x hex,
// 0 octal) or a service name.
func (g *gen) stringToPort(s string) (uint32, int) {
	if v, ok, err := parseNumber(s); ok {
		if err != "" {
			g.failValue("%s", err)
		}
		return v, protoUndef
	}
	tcp, terr := g.resolver.LookupPort(s, "tcp")
	udp, uerr := g.resolver.LookupPort(s, "udp")
	if terr == nil && tcp >= 0 {
		p := ipprotoTCP
		if uerr == nil && udp == tcp {
			p = protoUndef
		}
		return uint32(tcp), p
	}
	if uerr == nil && udp >= 0 {
		return uint32(udp), ipprotoUDP
	}
	g.failValue("'%s' is not a valid port", s)
	return 0, 0
}

// parseNumber parses s as libpcap's stoulen does when s looks like a number
// (starts with a digit): ok reports that it does; err is set when it does
// but is malformed or too large.
func parseNumber(s string) (v uint32, ok bool, err string) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false, ""
	}
	base := 10
	digits := s
	kind := "decimal"
	switch {
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		base, digits, kind = 16, s[2:], "hexadecimal"
	case len(s) > 1 && s[0] == '0':
		base, digits, kind = 8, s[1:], "octal"
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		valid := false
		switch base {
		case 8:
			valid = c >= '0' && c <= '7'
		case 10:
			valid = c >= '0' && c <= '9'
		case 16:
			valid = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
		}
		if !valid {
			return 0, false, ""
		}
	}
	if digits == "" {
		return 0, false, ""
	}
	n, perr := strconv.ParseUint(digits, base, 32)
	if perr != nil {
		return 0, true, kind + " number " + s + " overflows 32 bits"
	}
	return uint32(n), true, ""
}

func (g *gen) stringToPortRange(s string) (uint32, uint32, int) {
	i := strings.IndexByte(s, '-')
	if i < 0 {
		g.failValue("port range '%s' contains no hyphen", s)
	}
	if strings.IndexByte(s[i+1:], '-') >= 0 {
		g.failValue("port range '%s' contains more than one hyphen", s)
	}
	if i == 0 {
		g.failValue("port range '%s' has no starting port", s)
	}
	p1, proto := g.stringToPort(s[:i])
	save := proto
	if i+1 == len(s) {
		g.failValue("port range '%s' has no ending port", s)
	}
	p2, proto := g.stringToPort(s[i+1:])
	if proto != save {
		proto = protoUndef
	}
	return p1, p2, proto
}
