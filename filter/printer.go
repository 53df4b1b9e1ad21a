package filter

import (
	"strconv"
	"strings"
)

// The printer turns an AST back into filter text. For a tree produced by
// Parse the text reproduces the source's tokens (keywords as written,
// parentheses kept as Paren nodes, inherited qualifiers left out), so that
// parsing the printed text gives an equal tree. Spacing is normalised.

var prProtoWords = map[Proto]string{
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

var prDirWords = map[Dir]string{
	DirSrc: "src", DirDst: "dst", DirOr: "src or dst", DirAnd: "src and dst",
	DirAddr1: "addr1", DirAddr2: "addr2", DirAddr3: "addr3", DirAddr4: "addr4",
	DirRA: "ra", DirTA: "ta",
}

var prAddrWords = map[AddrType]string{
	AddrHost: "host", AddrNet: "net", AddrPort: "port", AddrGateway: "gateway",
	AddrProto: "proto", AddrProtochain: "protochain", AddrPortRange: "portrange",
}

var prRelWords = map[RelOp]string{RelGT: ">", RelGE: ">=", RelEQ: "=", RelLE: "<=", RelLT: "<", RelNE: "!="}

var prArithWords = map[ArithOp]string{
	ArithAdd: "+", ArithSub: "-", ArithMul: "*", ArithDiv: "/", ArithMod: "%",
	ArithAnd: "&", ArithOr: "|", ArithXor: "^", ArithShl: "<<", ArithShr: ">>",
}

// String returns the canonical keyword of a protocol qualifier.
func (p Proto) String() string {
	if w, ok := prProtoWords[p]; ok {
		return w
	}
	if p == ProtoDefault {
		return ""
	}
	return "proto(" + strconv.Itoa(int(p)) + ")"
}

// String returns the canonical words of a direction qualifier.
func (d Dir) String() string { return prDirWords[d] }

// String returns the keyword of an address-type qualifier.
func (a AddrType) String() string { return prAddrWords[a] }

// String returns the operator.
func (r RelOp) String() string { return prRelWords[r] }

// String returns the operator.
func (o ArithOp) String() string { return prArithWords[o] }

// String returns the qualifier words, as written when known.
func (q Quals) String() string {
	var w []string
	if s := orDefault(q.ProtoWord, q.Proto.String()); s != "" {
		w = append(w, s)
	}
	if s := orDefault(q.DirWord, q.Dir.String()); s != "" {
		w = append(w, s)
	}
	if s := orDefault(q.AddrWord, q.Addr.String()); s != "" {
		w = append(w, s)
	}
	return strings.Join(w, " ")
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

func (n *BinaryExpr) String() string {
	op := "and"
	switch {
	case n.Op == OpOr && n.Symbolic:
		op = "||"
	case n.Op == OpOr:
		op = "or"
	case n.Symbolic:
		op = "&&"
	}
	return str(n.X) + " " + op + " " + str(n.Y)
}

func (n *NotExpr) String() string {
	if n.Symbolic {
		return "! " + str(n.X)
	}
	return "not " + str(n.X)
}

func (n *ParenExpr) String() string { return "(" + str(n.X) + ")" }

func (n *Qualified) String() string {
	id := n.idString()
	if n.Inherited {
		return id
	}
	if q := n.Quals.String(); q != "" {
		return q + " " + id
	}
	return id
}

// idString prints the identifier part of a Qualified.
func (n *Qualified) idString() string {
	switch n.Kind {
	case IDName:
		return escapeName(n.Text)
	case IDNumber:
		if n.Text != "" {
			return n.Text
		}
		return strconv.FormatUint(uint64(n.Number), 10)
	case IDIPv4Mask, IDIPv6Net:
		return n.Text + "/" + strconv.Itoa(n.PrefixLen)
	case IDIPv4Net:
		return n.Text + " mask " + n.MaskText
	}
	return n.Text
}

// escapeName prints a name so that it scans back as the same name: as is
// when it scans as a name, else with the backslash escape ("\tcp").
func escapeName(s string) string {
	if s == "" {
		return `\`
	}
	toks := scan(s)
	if len(toks) == 2 && toks[0].kind == tID && toks[0].str == s && toks[0].text == s {
		return s
	}
	return `\` + s
}

// printArg prints a keyword argument that was either a number (kept as
// its text) or a name.
func printArg(s string) string {
	toks := scan(s)
	if len(toks) == 2 && toks[0].kind == tNUM && toks[0].text == s {
		return s
	}
	return escapeName(s)
}

func (n *ProtoAbbrev) String() string { return orDefault(n.Word, n.Proto.String()) }

func (n *Relation) String() string {
	return str(n.X) + " " + orDefault(n.Word, n.Op.String()) + " " + str(n.Y)
}

func num(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

func (n *Keyword) String() string {
	word := n.Word
	var b strings.Builder
	if n.Quals.Proto != ProtoDefault {
		b.WriteString(orDefault(n.Quals.ProtoWord, n.Quals.Proto.String()))
		b.WriteByte(' ')
	}
	switch n.Kind {
	case KwBroadcast:
		b.WriteString(orDefault(word, "broadcast"))
	case KwMulticast:
		b.WriteString(orDefault(word, "multicast"))
	case KwLess, KwGreater, KwIfindex:
		def := map[KeywordKind]string{KwLess: "less", KwGreater: "greater", KwIfindex: "ifindex"}[n.Kind]
		b.WriteString(orDefault(word, def) + " " + num(n.Number))
	case KwByte:
		b.WriteString(orDefault(word, "byte") + " " + num(n.Number) + " " + string(rune(n.ByteOp)) + " " + num(n.Number2))
	case KwInbound, KwOutbound, KwPPPoED:
		def := map[KeywordKind]string{KwInbound: "inbound", KwOutbound: "outbound", KwPPPoED: "pppoed"}[n.Kind]
		b.WriteString(orDefault(word, def))
	case KwVLAN, KwMPLS, KwPPPoES, KwGeneve, KwVXLAN:
		def := map[KeywordKind]string{KwVLAN: "vlan", KwMPLS: "mpls", KwPPPoES: "pppoes", KwGeneve: "geneve", KwVXLAN: "vxlan"}[n.Kind]
		b.WriteString(orDefault(word, def))
		if n.HasNumber {
			b.WriteString(" " + num(n.Number))
		}
	case KwPF:
		b.WriteString(word + " ")
		if n.Arg != "" {
			b.WriteString(escapeName(n.Arg))
		} else {
			b.WriteString(num(n.Number))
		}
	case KwWlan:
		switch word {
		case "type":
			b.WriteString("type " + printArg(n.Arg))
		case "type_subtype":
			b.WriteString("type " + printArg(n.Arg) + " subtype " + printArg(n.Arg2))
		case "subtype":
			b.WriteString("subtype " + escapeName(n.Arg))
		default:
			b.WriteString("dir " + printArg(n.Arg))
		}
	case KwLLC:
		b.WriteString("llc")
		if n.Arg != "" {
			b.WriteString(" " + n.Arg)
		}
	case KwATM, KwMTP:
		b.WriteString(word)
		switch {
		case n.Values != nil:
			vs := make([]string, len(n.Values))
			for i, v := range n.Values {
				vs[i] = num(v)
			}
			b.WriteString(" (" + strings.Join(vs, " or ") + ")")
		case n.HasRel:
			b.WriteString(" " + orDefault(n.Arg, n.RelOp.String()) + " " + num(n.Number))
		case n.HasNumber:
			b.WriteString(" " + num(n.Number))
		}
	case KwBATADV:
		b.WriteString("batadv")
		if n.HasNumber {
			b.WriteString(" " + num(n.Number))
			switch {
			case n.Arg != "":
				b.WriteString(" " + escapeName(n.Arg))
			case n.Arg2 != "":
				b.WriteString(" " + n.Arg2)
			}
		}
	default:
		b.WriteString(word)
	}
	return b.String()
}

func (n *Number) String() string {
	if n.Text != "" {
		return n.Text
	}
	return num(n.Value)
}

func (n *Len) String() string { return "len" }

func (n *Load) String() string {
	s := orDefault(n.Word, n.Proto.String()) + "[" + str(n.Offset)
	if n.Size != 0 {
		s += ":" + strconv.Itoa(n.Size)
	}
	return s + "]"
}

func (n *BinaryArith) String() string {
	return str(n.X) + " " + n.Op.String() + " " + str(n.Y)
}

func (n *NegArith) String() string { return "-" + str(n.X) }

func (n *ParenArith) String() string { return "(" + str(n.X) + ")" }

// str prints a possibly nil node.
func str(n Node) string {
	if n == nil {
		return "<nil>"
	}
	return n.String()
}
