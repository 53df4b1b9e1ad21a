package filter

// The AST mirrors libpcap master's grammar (grammar.y.in): an expression is a
// tree of and/or/not over primitives; a primitive is either qualifiers applied
// to an identifier ("src host 10.0.0.1"), a protocol name alone ("tcp"), a
// relation between arithmetic expressions ("ip[0] & 0xf > 5") or one of the
// keyword primitives ("vlan 100", "less 64", "inbound", ...).
//
// Qualifier inheritance ("host a or b", "tcp port 1 or 2", "src net x and not
// y") is resolved by the parser: the identifier b gets its own Qualified node
// whose Quals are copies of the ones in force, with Inherited set so that
// String prints the expression as written.
//
// Every node carries Pos, the byte offset in the source of its first token;
// errors report it as a 1-based column.

// Node is any AST node.
type Node interface {
	Position() int
	// String prints the node back as filter text that compiles to the same
	// program.
	String() string
}

// Expr is a boolean filter expression.
type Expr interface {
	Node
	exprNode()
}

// Arith is an arithmetic expression (operand of a relation).
type Arith interface {
	Node
	arithNode()
}

// BinaryOp is "and" or "or".
type BinaryOp int

const (
	OpAnd BinaryOp = iota
	OpOr
)

// BinaryExpr is X and Y, X or Y. Spelling records whether the source used
// "and"/"or" or "&&"/"||", for printing back.
type BinaryExpr struct {
	Pos      int
	Op       BinaryOp
	X, Y     Expr
	Symbolic bool // written && or ||
}

// NotExpr is "not X" or "! X".
type NotExpr struct {
	Pos      int
	X        Expr
	Symbolic bool
}

// ParenExpr is "( X )"; kept so that String reproduces the grouping.
type ParenExpr struct {
	Pos int
	X   Expr
}

// Proto is a protocol qualifier (libpcap's Q_* protocol values). ProtoDefault
// is the absence of one.
type Proto int

const (
	ProtoDefault Proto = iota
	ProtoLink          // "link" and "ether" (also "fddi", "tr", "wlan" aliases)
	ProtoIP
	ProtoARP
	ProtoRARP
	ProtoSCTP
	ProtoTCP
	ProtoUDP
	ProtoICMP
	ProtoIGMP
	ProtoIGRP
	ProtoAtalk
	ProtoDecnet
	ProtoLAT
	ProtoSCA
	ProtoMOPRC
	ProtoMOPDL
	ProtoIPv6
	ProtoICMPv6
	ProtoAH
	ProtoESP
	ProtoPIM
	ProtoVRRP
	ProtoAARP
	ProtoISO
	ProtoESIS
	ProtoISIS
	ProtoCLNP
	ProtoSTP
	ProtoIPX
	ProtoNetbeui
	ProtoISIS_L1
	ProtoISIS_L2
	ProtoISIS_IIH
	ProtoISIS_SNP
	ProtoISIS_CSNP
	ProtoISIS_PSNP
	ProtoISIS_LSP
	ProtoRadio
	ProtoCARP
)

// Dir is a direction qualifier (libpcap's Q_SRC ... Q_TA).
type Dir int

const (
	DirDefault Dir = iota // no direction given: src or dst
	DirSrc
	DirDst
	DirOr  // "src or dst"
	DirAnd // "src and dst"
	DirAddr1
	DirAddr2
	DirAddr3
	DirAddr4
	DirRA
	DirTA
)

// AddrType is an address-type qualifier (libpcap's Q_HOST ... Q_PROTOCHAIN).
type AddrType int

const (
	AddrDefault AddrType = iota // none given: host, or whatever the id implies
	AddrHost
	AddrNet
	AddrPort
	AddrGateway
	AddrProto
	AddrProtochain
	AddrPortRange
)

// Quals are the qualifiers in front of an identifier. The zero value means
// none. Spellings keep the words as written ("ether" vs "link", "dst or src")
// so that String and error messages use the user's words.
type Quals struct {
	Proto Proto
	Dir   Dir
	Addr  AddrType

	ProtoWord string // as written, "" when absent
	DirWord   string
	AddrWord  string
}

// IDKind classifies the identifier of a Qualified primitive by its lexical
// form, as libpcap's lexer does (ID, NUM, HID, HID6, EID, AID).
type IDKind int

const (
	IDName     IDKind = iota // a name: host name, port or protocol name, ...; Text has escapes removed
	IDNumber                 // an integer literal (decimal, 0x hex, 0 octal); Number holds it
	IDIPv4                   // dotted IPv4, possibly partial ("10.1"); Text as written
	IDIPv4Mask               // IPv4 "/" prefix length: Text, PrefixLen
	IDIPv4Net                // IPv4 "mask" IPv4: Text, MaskText
	IDIPv6                   // IPv6 address: Text
	IDIPv6Net                // IPv6 "/" prefix length: Text, PrefixLen
	IDMAC                    // MAC address in any accepted spelling: Text as written
	IDArcnet                 // "$" hex ARCnet address: Text as written
)

// Qualified is "quals id": the core primitive. For a bare identifier after
// and/or (inheritance), Inherited is true and Quals were copied.
type Qualified struct {
	Pos       int
	Quals     Quals
	Kind      IDKind
	Text      string // identifier text (names unescaped)
	Number    uint32 // IDNumber
	PrefixLen int    // IDIPv4Mask, IDIPv6Net
	MaskText  string // IDIPv4Net
	IDPos     int    // byte offset of the identifier itself
	Inherited bool   // qualifiers came from the preceding primitive
}

// ProtoAbbrev is a protocol name alone: "tcp", "ip6", "arp", "link", ...
type ProtoAbbrev struct {
	Pos   int
	Proto Proto
	Word  string
}

// RelOp is a relational operator.
type RelOp int

const (
	RelGT RelOp = iota // >
	RelGE              // >=
	RelEQ              // = or ==
	RelLE              // <=
	RelLT              // <
	RelNE              // !=
)

// Relation is "X op Y" over arithmetic expressions.
type Relation struct {
	Pos  int
	Op   RelOp
	X, Y Arith
	Word string // operator as written ("=" or "==")
}

// KeywordKind names the keyword primitives of the grammar's "other" rule.
type KeywordKind int

const (
	KwBroadcast KeywordKind = iota // [proto] broadcast
	KwMulticast                    // [proto] multicast
	KwLess                         // less N
	KwGreater                      // greater N
	KwByte                         // byte N op M  (Number=N, ByteOp, Number2=M)
	KwInbound
	KwOutbound
	KwIfindex // ifindex N
	KwVLAN    // vlan [N]
	KwMPLS    // mpls [N]
	KwPPPoED
	KwPPPoES // pppoes [N]
	KwGeneve // geneve [N]
	KwVXLAN  // vxlan [N]
	KwPF     // pf fields: Word is the keyword (ifname, on, rset, ruleset, rnr, rulenum, srnr, subrulenum, reason, action), Arg/Number the value
	KwWlan   // 802.11: Word is "type", "subtype", "type_subtype" or "dir"; Arg/Arg2 the names or numbers
	KwLLC    // llc [kind]: Arg "" or the kind (i, s, u, rr, rnr, rej, ui, ua, disc, sabme, test, xid, frmr)
	KwATM    // ATM keywords and fields (vpi, vci, lane, oamf4, metac, ...): Word, optional relation in Rel
	KwMTP    // MTP2/MTP3 keywords and fields (fisu, lssu, msu, sio, opc, dpc, sls, hfisu, ...): Word, optional relation
	KwBATADV // batadv [version [type]]: HasNumber/Number the version; Number2 the type (Arg its name, or Arg2 its number text)
)

// Keyword is one of the keyword primitives. Which fields are used depends on
// Kind (see the constants).
type Keyword struct {
	Pos       int
	Kind      KeywordKind
	Quals     Quals // protocol qualifier of broadcast/multicast (802.11: wlan etc.)
	Word      string
	HasNumber bool
	Number    uint32
	Number2   uint32
	ByteOp    byte   // KwByte: one of & | < > =
	Arg       string // names for KwPF, KwWlan, KwLLC
	Arg2      string
	NumPos    int // byte offset of the number argument, for errors
	// Values is used by ATM/MTP list forms ("vpi 1 or 2", "opc > 5"):
	// a relation operator and value, or several values or'ed.
	RelOp  RelOp
	HasRel bool
	Values []uint32
}

// ArithOp is an arithmetic operator.
type ArithOp int

const (
	ArithAdd ArithOp = iota
	ArithSub
	ArithMul
	ArithDiv
	ArithMod
	ArithAnd
	ArithOr
	ArithXor
	ArithShl
	ArithShr
)

// Number is an integer literal in an arithmetic expression.
type Number struct {
	Pos   int
	Value uint32
	Text  string // as written
}

// Len is the "len" keyword (the packet's length).
type Len struct{ Pos int }

// Load is "proto [ offset ]" or "proto [ offset : size ]".
type Load struct {
	Pos     int
	Proto   Proto
	Word    string
	Offset  Arith
	Size    int // 1, 2 or 4; 0 when not given (means 1)
	SizePos int
}

// BinaryArith is X op Y.
type BinaryArith struct {
	Pos  int
	Op   ArithOp
	X, Y Arith
}

// NegArith is "- X".
type NegArith struct {
	Pos int
	X   Arith
}

// ParenArith is "( X )".
type ParenArith struct {
	Pos int
	X   Arith
}

func (*BinaryExpr) exprNode()  {}
func (*NotExpr) exprNode()     {}
func (*ParenExpr) exprNode()   {}
func (*Qualified) exprNode()   {}
func (*ProtoAbbrev) exprNode() {}
func (*Relation) exprNode()    {}
func (*Keyword) exprNode()     {}

func (*Number) arithNode()      {}
func (*Len) arithNode()         {}
func (*Load) arithNode()        {}
func (*BinaryArith) arithNode() {}
func (*NegArith) arithNode()    {}
func (*ParenArith) arithNode()  {}

func (n *BinaryExpr) Position() int  { return n.Pos }
func (n *NotExpr) Position() int     { return n.Pos }
func (n *ParenExpr) Position() int   { return n.Pos }
func (n *Qualified) Position() int   { return n.Pos }
func (n *ProtoAbbrev) Position() int { return n.Pos }
func (n *Relation) Position() int    { return n.Pos }
func (n *Keyword) Position() int     { return n.Pos }
func (n *Number) Position() int      { return n.Pos }
func (n *Len) Position() int         { return n.Pos }
func (n *Load) Position() int        { return n.Pos }
func (n *BinaryArith) Position() int { return n.Pos }
func (n *NegArith) Position() int    { return n.Pos }
func (n *ParenArith) Position() int  { return n.Pos }
