package filter

import (
	"fmt"
	"strconv"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// generate walks the AST in source order, calling the generator the way
// libpcap's grammar actions do, and returns the control-flow graph. A nil
// expression (empty filter) accepts every packet.
func generate(e Expr, opts Options) (root *block, noOptimize bool, err error) {
	g := &gen{opts: opts, resolver: opts.Resolver}
	if g.resolver == nil {
		g.resolver = SystemResolver()
	}
	g.snaplen = opts.SnapLen
	if g.snaplen == 0 {
		g.snaplen = DefaultSnapLen
	}
	if (opts.Netmask != 0 || opts.NetmaskKnown) && opts.Netmask != 0xffffffff {
		g.netmask = opts.Netmask
		g.netmaskKnown = true
	}
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(genFailure)
			if !ok {
				panic(r)
			}
			root, noOptimize, err = nil, false, semanticError(f.pos, f.msg)
		}
	}()

	g.initLinktype()
	if e == nil {
		return toCFG(g.retBlock(g.snaplen)), false, nil
	}
	b := g.expr(e)
	return toCFG(g.finish(b)), g.noOptimize, nil
}

func (g *gen) expr(e Expr) *gblock {
	switch n := e.(type) {
	case *BinaryExpr:
		// Deep left-leaning chains ("a or b or c ..." thousands long) are
		// walked iteratively to keep the stack small.
		var chain []*BinaryExpr
		var cur Expr = n
		for {
			be, ok := cur.(*BinaryExpr)
			if !ok {
				break
			}
			chain = append(chain, be)
			cur = be.X
		}
		acc := g.expr(cur)
		for i := len(chain) - 1; i >= 0; i-- {
			be := chain[i]
			y := g.expr(be.Y)
			if be.Op == OpAnd {
				genAnd(acc, y)
			} else {
				genOr(acc, y)
			}
			acc = y
		}
		return acc
	case *NotExpr:
		b := g.expr(n.X)
		genNot(b)
		return b
	case *ParenExpr:
		return g.expr(n.X)
	case *Qualified:
		g.pos, g.valuePos = n.Pos, n.IDPos
		return g.qualified(n)
	case *ProtoAbbrev:
		g.pos, g.valuePos = n.Pos, -1
		return g.protoAbbrev(n.Proto)
	case *Relation:
		g.pos, g.valuePos = n.Pos, -1
		a0 := g.arith(n.X)
		a1 := g.arith(n.Y)
		g.pos = n.Pos
		switch n.Op {
		case RelGT:
			return g.relation(cbpf.JGT, a0, a1, false)
		case RelGE:
			return g.relation(cbpf.JGE, a0, a1, false)
		case RelEQ:
			return g.relation(cbpf.JEQ, a0, a1, false)
		case RelLE:
			return g.relation(cbpf.JGT, a0, a1, true)
		case RelLT:
			return g.relation(cbpf.JGE, a0, a1, true)
		case RelNE:
			return g.relation(cbpf.JEQ, a0, a1, true)
		}
	case *Keyword:
		g.pos, g.valuePos = n.Pos, -1
		if n.HasNumber && n.NumPos > n.Pos {
			g.valuePos = n.NumPos
		}
		return g.keyword(n)
	}
	g.fail("syntax error in filter expression")
	return nil
}

func (g *gen) arith(a Arith) *arth {
	switch n := a.(type) {
	case *Number:
		return g.loadi(n.Value)
	case *Len:
		return g.loadlen()
	case *ParenArith:
		return g.arith(n.X)
	case *NegArith:
		return g.neg(g.arith(n.X))
	case *BinaryArith:
		a0 := g.arith(n.X)
		a1 := g.arith(n.Y)
		g.pos = n.Pos
		return g.arithOp(arithOps[n.Op], a0, a1)
	case *Load:
		inst := g.arith(n.Offset)
		size := n.Size
		if size == 0 {
			size = 1
		}
		g.pos = n.Pos
		return g.load(n.Proto, inst, size)
	}
	g.fail("syntax error in filter expression")
	return nil
}

// qualified dispatches "quals id" on the identifier's lexical kind (the
// grammar's nid/pnum rules).
func (g *gen) qualified(n *Qualified) *gblock {
	q := n.Quals
	applied := func(what string) {
		switch q.Addr {
		case AddrPort, AddrPortRange, AddrProto, AddrProtochain:
			g.fail("'%s' qualifier applied to %s", tqkw(q.Addr), what)
		}
	}
	switch n.Kind {
	case IDName:
		return g.scode(n.Text, q)
	case IDNumber:
		text := n.Text
		if text == "" {
			text = strconv.FormatUint(uint64(n.Number), 10)
		}
		return g.ncode("", n.Number, q, text)
	case IDIPv4:
		applied("IPv4 address")
		return g.ncode(n.Text, 0, q, n.Text)
	case IDIPv4Mask:
		applied("IPv4 address and prefix length")
		return g.mcode(n.Text, "", n.PrefixLen, q, fmt.Sprintf("%s/%d", n.Text, n.PrefixLen))
	case IDIPv4Net:
		applied("IPv4 address and netmask")
		return g.mcode(n.Text, n.MaskText, 0, q, n.Text+" mask "+n.MaskText)
	case IDIPv6:
		applied("IPv6 address")
		return g.mcode6(n.Text, 128, q, n.Text)
	case IDIPv6Net:
		applied("IPv6 address and prefix length")
		return g.mcode6(n.Text, n.PrefixLen, q, fmt.Sprintf("%s/%d", n.Text, n.PrefixLen))
	case IDMAC:
		return g.ecode(n.Text, q)
	case IDArcnet:
		return g.acode(n.Text, q)
	}
	g.fail("syntax error in filter expression")
	return nil
}

func (g *gen) keyword(k *Keyword) *gblock {
	switch k.Kind {
	case KwBroadcast:
		return g.broadcast(k.Quals.Proto)
	case KwMulticast:
		return g.multicast(k.Quals.Proto)
	case KwLess:
		return g.less(k.Number)
	case KwGreater:
		return g.greater(k.Number)
	case KwByte:
		return g.byteop(k.ByteOp, k.Number, k.Number2)
	case KwInbound:
		return g.inboundOutbound(false)
	case KwOutbound:
		return g.inboundOutbound(true)
	case KwIfindex:
		return g.ifindex(k.Number)
	case KwVLAN:
		return g.vlan(k.Number, k.HasNumber)
	case KwMPLS:
		return g.mpls(k.Number, k.HasNumber)
	case KwPPPoED:
		return g.pppoed()
	case KwPPPoES:
		return g.pppoes(k.Number, k.HasNumber)
	case KwGeneve:
		return g.udpTunnel(true, k.Number, k.HasNumber)
	case KwVXLAN:
		return g.udpTunnel(false, k.Number, k.HasNumber)
	case KwPF:
		return g.pfKeyword(k)
	case KwWlan:
		return g.wlanKeyword(k)
	case KwLLC:
		return g.llc(k.Arg)
	case KwATM:
		return g.atmKeyword(k)
	case KwMTP:
		return g.mtpKeyword(k)
	case KwBATADV:
		if g.linktype != linktype.Ethernet {
			g.failKwOnDLT("batadv")
		}
		return g.batadv(k)
	}
	g.fail("syntax error in filter expression")
	return nil
}
