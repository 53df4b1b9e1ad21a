package filter

import (
	"fmt"
	"strings"
)

// The parser is a recursive-descent rendering of libpcap master's
// grammar.y.in. Three properties of that LALR grammar shape it:
//
//   - "and" and "or" have the same precedence and associate to the left
//     (%left OR AND), so "a or b and c" is "(a or b) and c".
//   - After "and"/"or" either a full term or a bare identifier (an "id")
//     may follow; a bare identifier inherits the qualifiers of the term
//     before the operator ($<blk>0 in the grammar). Inside parentheses
//     after and/or, a list of ids ("pid": "host a or (b or c)") is allowed.
//     The parser decides between the forms with a little lookahead and, for
//     "(", by trying the id form first and backtracking.
//   - Arithmetic follows the %left declarations: | < & < << >> < + - < * /
//     < unary minus. '%' and '^' have no declared precedence, so bison's
//     default (shift) applies: their right operand extends as far as it can
//     and they bind the operand to their left more tightly than anything.

// maxDepth bounds the nesting of parentheses, "not" and unary minus: deep
// enough for any real filter, small enough that recursion cannot exhaust the
// stack.
const maxDepth = 10000

// Parse parses a filter expression. A blank expression gives a nil Expr
// (accept everything) and no error. Errors are *Error values.
func Parse(expr string) (Expr, error) {
	p := newParser(expr)
	if p.tok().kind == tEOF {
		return nil, nil
	}
	e, err := p.parseProg()
	if err != nil {
		return nil, err.WithSource(expr)
	}
	return e, nil
}

type parser struct {
	src   string
	toks  []token
	match []int // index of the matching ')' for each '(' token, or -1
	p     int   // current token
	depth int

	// fatal is set by errors that end the parse whatever alternative is
	// being tried (too deep nesting, the grammar's own semantic checks).
	fatal *Error
	// deferred is the first identifier that inherits qualifiers from a
	// term that has none ("tcp or foo"): libpcap rejects it when it
	// generates code for the id, so it is reported unless a syntax error
	// comes earlier in the text.
	deferred *Error
}

// qctx is the qualifier context an identifier inherits ($<blk>0.q in the
// grammar). undef is libpcap's qerr: a term without qualifiers.
type qctx struct {
	q     Quals
	undef bool
}

var qerr = qctx{undef: true}

func newParser(src string) *parser {
	p := &parser{src: src, toks: scan(src)}
	p.match = make([]int, len(p.toks))
	var stack []int
	for i, t := range p.toks {
		p.match[i] = -1
		switch t.kind {
		case tLParen:
			stack = append(stack, i)
		case tRParen:
			if n := len(stack); n > 0 {
				p.match[stack[n-1]] = i
				stack = stack[:n-1]
			}
		}
	}
	return p
}

func (p *parser) tok() token { return p.toks[p.p] }

func (p *parser) peek(n int) token {
	if p.p+n < len(p.toks) {
		return p.toks[p.p+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.p]
	if p.p < len(p.toks)-1 {
		p.p++
	}
	return t
}

// expected reports that the current token is not what the grammar needs.
// A lexical error token reports its own message, as libpcap's scanner
// errors take precedence over the parser's "syntax error".
func (p *parser) expected(what string) *Error {
	t := p.tok()
	if t.kind == tError {
		return errorf(t.pos, "%s", t.msg)
	}
	if t.kind == tEOF {
		return syntaxErrorf(t.pos, "expected %s, found end of expression", what)
	}
	return syntaxErrorf(t.pos, "expected %s, found %s", what, t.describe())
}

func (p *parser) setFatal(e *Error) *Error {
	if p.fatal == nil {
		p.fatal = e
	}
	return p.fatal
}

// enter counts one level of nesting; leave must follow.
func (p *parser) enter() *Error {
	p.depth++
	if p.depth > maxDepth {
		return p.setFatal(errorf(p.tok().pos, "expression nested too deeply (more than %d levels of parentheses, 'not' or unary '-')", maxDepth))
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// finish chooses the error to report: the deferred inheritance error when
// it comes first in the text, else err.
func (p *parser) finish(err *Error) *Error {
	if p.fatal != nil {
		return p.fatal
	}
	if p.deferred != nil && (err == nil || p.deferred.Pos < err.Pos) {
		return p.deferred
	}
	return err
}

// prog: null expr | null
func (p *parser) parseProg() (Expr, *Error) {
	e, _, err := p.parseExpr(qerr)
	if err != nil {
		return nil, p.finish(err)
	}
	if p.tok().kind != tEOF {
		if p.tok().kind == tRParen {
			err = syntaxErrorf(p.tok().pos, "unbalanced ')'")
		} else {
			err = p.expected("'and', 'or' or end of expression")
		}
		return nil, p.finish(err)
	}
	if err := p.finish(nil); err != nil {
		return nil, err
	}
	return e, nil
}

// expr: term | expr and term | expr and id | expr or term | expr or id
func (p *parser) parseExpr(q0 qctx) (Expr, qctx, *Error) {
	left, q, err := p.parseTerm(q0)
	if err != nil {
		return nil, q, err
	}
	for p.tok().kind == tAnd || p.tok().kind == tOr {
		opTok := p.next()
		right, q2, err := p.parseTermOrID(q)
		if err != nil {
			return nil, q, err
		}
		left = newBinary(left, opTok, right)
		q = q2
	}
	return left, q, nil
}

func newBinary(x Expr, op token, y Expr) *BinaryExpr {
	b := &BinaryExpr{Pos: x.Position(), X: x, Y: y}
	if op.kind == tOr {
		b.Op = OpOr
	}
	b.Symbolic = op.text == "&&" || op.text == "||"
	return b
}

// term: rterm | not term
func (p *parser) parseTerm(q0 qctx) (Expr, qctx, *Error) {
	if p.tok().kind == tNot {
		nt := p.next()
		if err := p.enter(); err != nil {
			return nil, q0, err
		}
		x, q, err := p.parseTerm(q0)
		p.leave()
		if err != nil {
			return nil, q, err
		}
		return &NotExpr{Pos: nt.pos, X: x, Symbolic: nt.text == "!"}, q, nil
	}
	return p.parseRterm(q0)
}

// isArithCont reports tokens that can follow an arithmetic operand: an
// arithmetic operator or a comparison.
func isArithCont(k tokKind) bool {
	switch k {
	case tPlus, tMinus, tStar, tSlash, tPercent, tAmp, tPipe, tCaret, tLSH, tRSH,
		tGT, tGEQ, tEQ, tLEQ, tLT, tNEQ:
		return true
	}
	return false
}

// afterParen returns the kind of the token after the ')' matching the '('
// at the current position (tEOF when unbalanced).
func (p *parser) afterParen() tokKind {
	c := p.match[p.p]
	if c < 0 || c+1 >= len(p.toks) {
		return tEOF
	}
	return p.toks[c+1].kind
}

// parseTermOrID parses what follows "and"/"or": a term or an id.
func (p *parser) parseTermOrID(q0 qctx) (Expr, qctx, *Error) {
	switch p.tok().kind {
	case tNot:
		// "not term" or "not id": either way "not" then the same choice.
		nt := p.next()
		if err := p.enter(); err != nil {
			return nil, q0, err
		}
		x, q, err := p.parseTermOrID(q0)
		p.leave()
		if err != nil {
			return nil, q, err
		}
		return &NotExpr{Pos: nt.pos, X: x, Symbolic: nt.text == "!"}, q, nil
	case tID, tHID, tHID6, tEID, tAID:
		return p.parseID(q0, true)
	case tNUM:
		if isArithCont(p.peek(1).kind) {
			return p.parseRterm(q0)
		}
		return p.parseID(q0, true)
	case tLParen:
		if isArithCont(p.afterParen()) {
			return p.parseRterm(q0)
		}
		// "( pid )" or "( pnum )" (an id), else "( expr )" (a term).
		save, saveDeferred := p.p, p.deferred
		e, q, err := p.parseID(q0, true)
		if err == nil || p.fatal != nil {
			return e, q, err
		}
		p.p, p.deferred = save, saveDeferred
		e2, q2, err2 := p.parseRterm(q0)
		if err2 == nil || p.fatal != nil {
			return e2, q2, err2
		}
		if err.Pos > err2.Pos {
			return nil, q0, err
		}
		return nil, q0, err2
	}
	return p.parseRterm(q0)
}

// parseID parses an id: nid | pnum | paren pid ')'. inherited says whether
// the qualifiers in q come from a preceding term (and/or) rather than a head
// in front of the id.
func (p *parser) parseID(q qctx, inherited bool) (Expr, qctx, *Error) {
	switch p.tok().kind {
	case tNUM, tLParen:
		if p.tok().kind == tNUM {
			t := p.next()
			return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDNumber, Text: t.text, Number: t.num}), q, nil
		}
		return p.parseParenID(q, inherited)
	}
	return p.parseNid(q, inherited)
}

// parseParenID parses "( pid )" or "( pnum )" with the '(' current.
// pid: nid | qid and id | qid or id;  qid: pnum | pid.
func (p *parser) parseParenID(q qctx, inherited bool) (Expr, qctx, *Error) {
	lp := p.next()
	if err := p.enter(); err != nil {
		return nil, q, err
	}
	defer p.leave()
	var first Expr
	isNum := false
	switch p.tok().kind {
	case tNUM, tLParen:
		t, err := p.parsePnum()
		if err != nil {
			return nil, q, err
		}
		first = p.qualified(q, inherited, t.pos, &Qualified{Kind: IDNumber, Text: t.text, Number: t.num})
		isNum = true
	default:
		var err *Error
		first, _, err = p.parseNid(q, inherited)
		if err != nil {
			return nil, q, err
		}
	}
	if p.tok().kind == tRParen && isNum {
		// "( pnum )" is just the number.
		p.next()
		return first, q, nil
	}
	left := first
	for p.tok().kind == tAnd || p.tok().kind == tOr {
		opTok := p.next()
		right, _, err := p.parseID(q, true)
		if err != nil {
			return nil, q, err
		}
		left = newBinary(left, opTok, right)
	}
	if p.tok().kind != tRParen {
		return nil, q, p.expected("'and', 'or' or ')'")
	}
	p.next()
	return &ParenExpr{Pos: lp.pos, X: left}, q, nil
}

// parsePnum parses pnum: NUM | '(' pnum ')'. It returns the NUM token.
func (p *parser) parsePnum() (token, *Error) {
	switch p.tok().kind {
	case tNUM:
		return p.next(), nil
	case tLParen:
		p.next()
		if err := p.enter(); err != nil {
			return token{}, err
		}
		defer p.leave()
		t, err := p.parsePnum()
		if err != nil {
			return token{}, err
		}
		if p.tok().kind != tRParen {
			return token{}, p.expected("')'")
		}
		p.next()
		return t, nil
	}
	return token{}, p.expected("a number")
}

// parseNid parses nid: ID | HID '/' NUM | HID NETMASK HID | HID |
// HID6 '/' NUM | HID6 | EID | AID | not id.
func (p *parser) parseNid(q qctx, inherited bool) (Expr, qctx, *Error) {
	t := p.tok()
	switch t.kind {
	case tNot:
		p.next()
		if err := p.enter(); err != nil {
			return nil, q, err
		}
		x, _, err := p.parseID(q, inherited)
		p.leave()
		if err != nil {
			return nil, q, err
		}
		return &NotExpr{Pos: t.pos, X: x, Symbolic: t.text == "!"}, q, nil
	case tID:
		p.next()
		return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDName, Text: t.str}), q, nil
	case tHID:
		p.next()
		switch p.tok().kind {
		case tSlash:
			p.next()
			if p.tok().kind != tNUM {
				return nil, q, p.expected("a prefix length after '/'")
			}
			n := p.next()
			return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDIPv4Mask, Text: t.text, PrefixLen: int(n.num)}), q, nil
		case tNETMASK:
			p.next()
			if p.tok().kind != tHID {
				return nil, q, p.expected("a dotted IPv4 netmask after 'mask'")
			}
			m := p.next()
			return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDIPv4Net, Text: t.text, MaskText: m.text}), q, nil
		}
		return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDIPv4, Text: t.text}), q, nil
	case tHID6:
		p.next()
		if p.tok().kind == tSlash {
			p.next()
			if p.tok().kind != tNUM {
				return nil, q, p.expected("a prefix length after '/'")
			}
			n := p.next()
			return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDIPv6Net, Text: t.text, PrefixLen: int(n.num)}), q, nil
		}
		return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDIPv6, Text: t.text}), q, nil
	case tEID:
		p.next()
		return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDMAC, Text: t.text}), q, nil
	case tAID:
		p.next()
		return p.qualified(q, inherited, t.pos, &Qualified{Kind: IDArcnet, Text: t.text}), q, nil
	}
	e := p.expected("a host name, address, port or number")
	if p.tok().kind != tError {
		e.Msg += keywordHint(p.tok())
	}
	return nil, q, e
}

// keywordHint explains, when a keyword stands where a name is expected,
// how to use it as a name ("proto \tcp").
func keywordHint(t token) string {
	if _, isKw := keywords[t.text]; isKw && t.kind != tAnd && t.kind != tOr && t.kind != tNot {
		return fmt.Sprintf(" ('%s' is a keyword; write \\%s to use it as a name)", t.text, t.text)
	}
	return ""
}

// qualified completes a Qualified node for an id at idPos.
func (p *parser) qualified(q qctx, inherited bool, idPos int, n *Qualified) *Qualified {
	n.IDPos = idPos
	n.Quals = q.q
	n.Inherited = inherited
	if inherited || n.Pos == 0 {
		n.Pos = idPos
	}
	if q.undef && p.deferred == nil {
		// libpcap: gen_scode/gen_ncode/... call syntax() for Q_UNDEF.
		text := p.src[idPos:p.toks[p.p-1].end]
		p.deferred = errorf(idPos,
			"syntax error in filter expression: '%s' follows 'and'/'or' but the term before it has no qualifiers to inherit (write e.g. 'host %s')",
			text, text)
	}
	return n
}

// isDqual, isAqual: the direction and address-type qualifier keywords.
func isDqual(k tokKind) bool {
	switch k {
	case tSRC, tDST, tADDR1, tADDR2, tADDR3, tADDR4, tRA, tTA:
		return true
	}
	return false
}

func isAqual(k tokKind) bool {
	switch k {
	case tHOST, tNET, tPORT, tPORTRANGE:
		return true
	}
	return false
}

// parseRterm parses the non-"not" terms.
func (p *parser) parseRterm(q0 qctx) (Expr, qctx, *Error) {
	t := p.tok()
	switch t.kind {
	case tLParen:
		if isArithCont(p.afterParen()) {
			return p.parseRelation()
		}
		p.next()
		if err := p.enter(); err != nil {
			return nil, q0, err
		}
		x, _, err := p.parseExpr(q0)
		p.leave()
		if err != nil {
			return nil, q0, err
		}
		if p.tok().kind != tRParen {
			return nil, q0, p.expected("'and', 'or' or ')'")
		}
		p.next()
		return &ParenExpr{Pos: t.pos, X: x}, q0, nil
	case tNUM, tMinus, tLEN:
		return p.parseRelation()
	case tPname:
		switch k := p.peek(1).kind; {
		case k == tLBrack:
			return p.parseRelation()
		case isDqual(k) || isAqual(k) || k == tPROTO || k == tPROTOCHAIN || k == tGATEWAY:
			return p.parseHeadID()
		case k == tBROADCAST || k == tMULTICAST || k == tTYPE || k == tSUBTYPE || k == tDIR:
			e, err := p.parseOther()
			return e, qerr, err
		}
		p.next()
		return &ProtoAbbrev{Pos: t.pos, Proto: t.proto, Word: t.text}, qerr, nil
	case tSRC, tDST, tADDR1, tADDR2, tADDR3, tADDR4, tRA, tTA,
		tHOST, tNET, tPORT, tPORTRANGE, tPROTO, tPROTOCHAIN, tGATEWAY:
		return p.parseHeadID()
	}
	e, err := p.parseOther()
	return e, qerr, err
}

// parseHeadID parses "head id".
// head: pqual dqual aqual | pqual dqual | pqual aqual | pqual PROTO |
// pqual PROTOCHAIN | pqual GATEWAY, with pqual possibly empty.
func (p *parser) parseHeadID() (Expr, qctx, *Error) {
	start := p.tok().pos
	var q Quals
	if p.tok().kind == tPname {
		t := p.next()
		q.Proto, q.ProtoWord = t.proto, t.text
	}
	switch t := p.tok(); t.kind {
	case tPROTO, tPROTOCHAIN, tGATEWAY:
		p.next()
		q.AddrWord = t.text
		q.Addr = map[tokKind]AddrType{tPROTO: AddrProto, tPROTOCHAIN: AddrProtochain, tGATEWAY: AddrGateway}[t.kind]
	default:
		if isDqual(t.kind) {
			p.next()
			q.DirWord = t.text
			switch t.kind {
			case tSRC, tDST:
				q.Dir = DirSrc
				if t.kind == tDST {
					q.Dir = DirDst
				}
				if op := p.tok(); op.kind == tAnd || op.kind == tOr {
					other := p.peek(1)
					want := tDST
					if t.kind == tDST {
						want = tSRC
					}
					if other.kind != want {
						p.next()
						return nil, qerr, p.expected(fmt.Sprintf("'%s' after '%s %s'", map[tokKind]string{tSRC: "src", tDST: "dst"}[want], t.text, op.text))
					}
					p.next()
					p.next()
					q.Dir = DirOr
					if op.kind == tAnd {
						q.Dir = DirAnd
					}
					q.DirWord = t.text + " " + op.text + " " + other.text
				}
			case tADDR1:
				q.Dir = DirAddr1
			case tADDR2:
				q.Dir = DirAddr2
			case tADDR3:
				q.Dir = DirAddr3
			case tADDR4:
				q.Dir = DirAddr4
			case tRA:
				q.Dir = DirRA
			case tTA:
				q.Dir = DirTA
			}
		}
		if a := p.tok(); isAqual(a.kind) {
			p.next()
			q.AddrWord = a.text
			q.Addr = map[tokKind]AddrType{tHOST: AddrHost, tNET: AddrNet, tPORT: AddrPort, tPORTRANGE: AddrPortRange}[a.kind]
		} else if q.DirWord == "" {
			return nil, qerr, p.expected("'host', 'net', 'port', 'portrange', 'proto', 'protochain' or 'gateway'")
		}
	}
	qc := qctx{q: q}
	idStart := p.p
	e, _, err := p.parseID(qc, false)
	if err != nil {
		if p.p == idStart && p.fatal == nil && p.tok().kind != tError {
			err = syntaxErrorf(p.tok().pos, "expected %s after '%s', found %s%s", idWanted(q), lastQualWord(q), p.tok().describe(), keywordHint(p.tok()))
		}
		return nil, qerr, err
	}
	// The head's position is the node's position.
	setHeadPos(e, start)
	return e, qc, nil
}

// setHeadPos gives the first Qualified of an id parsed after a head the
// head's position.
func setHeadPos(e Expr, pos int) {
	switch n := e.(type) {
	case *Qualified:
		n.Pos = pos
	case *NotExpr:
		// "host not a": the not node starts at the id, keep it.
	case *ParenExpr:
	}
}

// idWanted describes what may follow the qualifiers q, for messages.
func idWanted(q Quals) string {
	switch q.Addr {
	case AddrPort:
		return "a port number or name"
	case AddrPortRange:
		return "a port range (e.g. 1000-2000) or port"
	case AddrNet:
		return "a network address or name"
	case AddrProto, AddrProtochain:
		return "a protocol number or name"
	case AddrGateway:
		return "a host name"
	}
	return "a host name, address or number"
}

// lastQualWord is the last qualifier word written, for messages.
func lastQualWord(q Quals) string {
	switch {
	case q.AddrWord != "":
		return q.AddrWord
	case q.DirWord != "":
		return q.DirWord
	}
	return q.ProtoWord
}

// relop maps comparison tokens to RelOp.
var relops = map[tokKind]RelOp{tGT: RelGT, tGEQ: RelGE, tEQ: RelEQ, tLEQ: RelLE, tLT: RelLT, tNEQ: RelNE}

// parseRelation parses "arth relop arth".
func (p *parser) parseRelation() (Expr, qctx, *Error) {
	x, err := p.parseArith(0, false)
	if err != nil {
		return nil, qerr, err
	}
	op, ok := relops[p.tok().kind]
	if !ok {
		return nil, qerr, p.expected("a comparison (>, >=, =, ==, !=, <, <=) after the arithmetic expression")
	}
	ot := p.next()
	y, err := p.parseArith(0, false)
	if err != nil {
		return nil, qerr, err
	}
	return &Relation{Pos: x.Position(), Op: op, X: x, Y: y, Word: ot.text}, qerr, nil
}

// arithPrec is the %left precedence of an arithmetic operator; ok is false
// for '%' and '^', which have none in libpcap's grammar.
func arithPrec(k tokKind) (prec int, ok bool) {
	switch k {
	case tPipe:
		return 1, true
	case tAmp:
		return 2, true
	case tLSH, tRSH:
		return 3, true
	case tPlus, tMinus:
		return 4, true
	case tStar, tSlash:
		return 5, true
	}
	return 0, false
}

const precUminus = 6

var tokArithOps = map[tokKind]ArithOp{
	tPlus: ArithAdd, tMinus: ArithSub, tStar: ArithMul, tSlash: ArithDiv, tPercent: ArithMod,
	tAmp: ArithAnd, tPipe: ArithOr, tCaret: ArithXor, tLSH: ArithShl, tRSH: ArithShr,
}

// parseArith parses an arithmetic expression that is the right operand of
// a rule with precedence outer (outerOK false: no rule, or one without
// precedence). It reproduces bison's shift/reduce resolution: reduce when
// both the rule and the operator have a precedence and the operator's is
// not higher; shift otherwise.
func (p *parser) parseArith(outer int, outerOK bool) (Arith, *Error) {
	left, err := p.parseUnaryArith()
	if err != nil {
		return nil, err
	}
	for {
		op, isOp := tokArithOps[p.tok().kind]
		if !isOp {
			return left, nil
		}
		prec, ok := arithPrec(p.tok().kind)
		if outerOK && ok && prec <= outer {
			return left, nil
		}
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		right, err := p.parseArith(prec, ok)
		p.leave()
		if err != nil {
			return nil, err
		}
		left = &BinaryArith{Pos: left.Position(), Op: op, X: left, Y: right}
	}
}

func (p *parser) parseUnaryArith() (Arith, *Error) {
	t := p.tok()
	switch t.kind {
	case tMinus:
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		x, err := p.parseArith(precUminus, true)
		p.leave()
		if err != nil {
			return nil, err
		}
		return &NegArith{Pos: t.pos, X: x}, nil
	case tNUM:
		p.next()
		return &Number{Pos: t.pos, Value: t.num, Text: t.text}, nil
	case tLEN:
		p.next()
		return &Len{Pos: t.pos}, nil
	case tLParen:
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		x, err := p.parseArith(0, false)
		p.leave()
		if err != nil {
			return nil, err
		}
		if p.tok().kind != tRParen {
			return nil, p.expected("')' or an arithmetic operator")
		}
		p.next()
		return &ParenArith{Pos: t.pos, X: x}, nil
	case tPname:
		if p.peek(1).kind != tLBrack {
			p.next()
			return nil, p.expected(fmt.Sprintf("'[' after '%s' in an arithmetic expression", t.text))
		}
		p.next()
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		off, err := p.parseArith(0, false)
		p.leave()
		if err != nil {
			return nil, err
		}
		ld := &Load{Pos: t.pos, Proto: t.proto, Word: t.text, Offset: off}
		if p.tok().kind == tColon {
			p.next()
			if p.tok().kind != tNUM {
				return nil, p.expected("a data size (1, 2 or 4) after ':'")
			}
			n := p.next()
			ld.SizePos = n.pos
			if n.num != 1 && n.num != 2 && n.num != 4 {
				if p.tok().kind != tRBrack {
					return nil, p.expected("']'")
				}
				return nil, p.setFatal(errorf(n.pos, "data size must be 1, 2, or 4 (found %s)", n.text))
			}
			ld.Size = int(n.num)
		}
		if p.tok().kind != tRBrack {
			return nil, p.expected("']'")
		}
		p.next()
		return ld, nil
	}
	return nil, p.expected("a number, 'len', a packet access such as 'ip[0]', '-' or '('")
}

// parseOther parses the keyword primitives ("other", the ATM and MTP
// rules), the protocol-qualified broadcast/multicast and 802.11 forms, and
// reports a syntax error for anything that cannot start a term.
func (p *parser) parseOther() (Expr, *Error) {
	start := p.tok()
	kw := &Keyword{Pos: start.pos}
	if start.kind == tPname {
		p.next()
		kw.Quals.Proto, kw.Quals.ProtoWord = start.proto, start.text
	}
	t := p.tok()
	kw.Word = t.text
	switch t.kind {
	case tBROADCAST, tMULTICAST:
		p.next()
		kw.Kind = KwBroadcast
		if t.kind == tMULTICAST {
			kw.Kind = KwMulticast
		}
		return kw, nil
	case tTYPE, tSUBTYPE, tDIR:
		return p.parse80211(kw)
	}
	if start.kind == tPname {
		return nil, p.expected("a qualifier after '" + start.text + "'")
	}
	switch t.kind {
	case tLESS, tGREATER, tIFINDEX:
		p.next()
		kw.Kind = map[tokKind]KeywordKind{tLESS: KwLess, tGREATER: KwGreater, tIFINDEX: KwIfindex}[t.kind]
		if p.tok().kind != tNUM {
			return nil, p.expected("a number after '" + t.text + "'")
		}
		n := p.next()
		kw.HasNumber, kw.Number, kw.NumPos = true, n.num, n.pos
		return kw, nil
	case tBYTE:
		p.next()
		kw.Kind = KwByte
		if p.tok().kind != tNUM {
			return nil, p.expected("a byte offset after 'byte'")
		}
		n := p.next()
		kw.HasNumber, kw.Number = true, n.num
		op := p.tok()
		switch op.kind {
		case tAmp, tPipe, tLT, tGT, tEQ:
			kw.ByteOp = op.text[0]
		default:
			return nil, p.expected("one of & | < > = after 'byte " + n.text + "'")
		}
		p.next()
		if p.tok().kind != tNUM {
			return nil, p.expected("a number after 'byte " + n.text + " " + op.text + "'")
		}
		m := p.next()
		kw.Number2, kw.NumPos = m.num, m.pos
		return kw, nil
	case tINBOUND, tOUTBOUND, tPPPOED:
		p.next()
		kw.Kind = map[tokKind]KeywordKind{tINBOUND: KwInbound, tOUTBOUND: KwOutbound, tPPPOED: KwPPPoED}[t.kind]
		return kw, nil
	case tVLAN, tMPLS, tPPPOES, tGENEVE, tVXLAN:
		p.next()
		kw.Kind = map[tokKind]KeywordKind{tVLAN: KwVLAN, tMPLS: KwMPLS, tPPPOES: KwPPPoES, tGENEVE: KwGeneve, tVXLAN: KwVXLAN}[t.kind]
		if k := p.tok().kind; k == tNUM || k == tLParen {
			t, err := p.parsePnum()
			if err != nil {
				return nil, err
			}
			kw.HasNumber, kw.Number, kw.NumPos = true, t.num, t.pos
		}
		return kw, nil
	case tBATADV:
		return p.parseBatadv(kw)
	case tPFIfname, tPFRset, tPFRnr, tPFSrnr, tPFReason, tPFAction:
		return p.parsePF(kw)
	case tLLC:
		return p.parseLLC(kw)
	case tATMType, tATMMulti, tMTP2Type:
		p.next()
		kw.Kind = KwATM
		if t.kind == tMTP2Type {
			kw.Kind = KwMTP
		}
		return kw, nil
	case tVPI, tVCI, tMTP3Field:
		p.next()
		kw.Kind = KwATM
		if t.kind == tMTP3Field {
			kw.Kind = KwMTP
		}
		return p.parseFieldValue(kw)
	case tRParen:
		return nil, p.expected("an expression before ')'")
	}
	return nil, p.expected("a filter primitive (e.g. 'host', 'port', 'tcp', 'ip[0] = 1')")
}

// parseFieldValue parses atmvalue/mtp3value: NUM | relop NUM | irelop NUM |
// ( NUM or NUM ... ).
func (p *parser) parseFieldValue(kw *Keyword) (Expr, *Error) {
	t := p.tok()
	switch {
	case t.kind == tNUM:
		p.next()
		kw.HasNumber, kw.Number, kw.NumPos = true, t.num, t.pos
		return kw, nil
	case t.kind == tLParen:
		p.next()
		for {
			if p.tok().kind != tNUM {
				return nil, p.expected("a number in the list of '" + kw.Word + "' values")
			}
			n := p.next()
			if len(kw.Values) == 0 {
				kw.NumPos = n.pos
			}
			kw.Values = append(kw.Values, n.num)
			if p.tok().kind == tOr {
				p.next()
				continue
			}
			if p.tok().kind != tRParen {
				return nil, p.expected("'or' or ')' in the list of '" + kw.Word + "' values")
			}
			p.next()
			return kw, nil
		}
	}
	if op, ok := relops[t.kind]; ok {
		p.next()
		if p.tok().kind != tNUM {
			return nil, p.expected("a number after '" + kw.Word + " " + t.text + "'")
		}
		n := p.next()
		kw.HasRel, kw.RelOp, kw.Number, kw.NumPos = true, op, n.num, n.pos
		kw.Arg = t.text
		return kw, nil
	}
	return nil, p.expected("a number, a comparison or a parenthesized list after '" + kw.Word + "'")
}

// 802.11 frame-control values (ieee80211.h).
const (
	wlanTypeMask    = 0x0c
	wlanSubtypeMask = 0xf0
	wlanTypeMgt     = 0x00
	wlanTypeCtl     = 0x04
	wlanTypeData    = 0x08
)

var wlanTypes = []struct {
	name string
	v    uint32
}{{"data", wlanTypeData}, {"mgt", wlanTypeMgt}, {"management", wlanTypeMgt}, {"ctl", wlanTypeCtl}, {"control", wlanTypeCtl}}

type nameVal struct {
	name string
	v    uint32
}

var wlanMgtSubtypes = []nameVal{
	{"assocreq", 0x00}, {"assoc-req", 0x00}, {"assocresp", 0x10}, {"assoc-resp", 0x10},
	{"reassocreq", 0x20}, {"reassoc-req", 0x20}, {"reassocresp", 0x30}, {"reassoc-resp", 0x30},
	{"probereq", 0x40}, {"probe-req", 0x40}, {"proberesp", 0x50}, {"probe-resp", 0x50},
	{"beacon", 0x80}, {"atim", 0x90}, {"disassoc", 0xa0}, {"disassociation", 0xa0},
	{"auth", 0xb0}, {"authentication", 0xb0}, {"deauth", 0xc0}, {"deauthentication", 0xc0},
}

var wlanCtlSubtypes = []nameVal{
	{"bar", 0x80}, {"ba", 0x90}, {"ps-poll", 0xa0}, {"rts", 0xb0}, {"cts", 0xc0},
	{"ack", 0xd0}, {"cf-end", 0xe0}, {"cf-end-ack", 0xf0},
}

var wlanDataSubtypes = []nameVal{
	{"data", 0x00}, {"data-cf-ack", 0x10}, {"data-cf-poll", 0x20}, {"data-cf-ack-poll", 0x30},
	{"null", 0x40}, {"cf-ack", 0x50}, {"cf-poll", 0x60}, {"cf-ack-poll", 0x70},
	{"qos-data", 0x80}, {"qos-data-cf-ack", 0x90}, {"qos-data-cf-poll", 0xa0},
	{"qos-data-cf-ack-poll", 0xb0}, {"qos", 0xc0}, {"qos-cf-poll", 0xe0}, {"qos-cf-ack-poll", 0xf0},
}

// wlanSubtypeTables is ieee80211_type_subtypes, in libpcap's search order.
var wlanSubtypeTables = []struct {
	typ uint32
	tab []nameVal
}{{wlanTypeMgt, wlanMgtSubtypes}, {wlanTypeCtl, wlanCtlSubtypes}, {wlanTypeData, wlanDataSubtypes}}

func lookupNameVal(tab []nameVal, name string) (uint32, bool) {
	for _, e := range tab {
		if strings.EqualFold(e.name, name) {
			return e.v, true
		}
	}
	return 0, false
}

// parse80211 parses p80211: TYPE type [SUBTYPE subtype] | SUBTYPE
// type_subtype | DIR dir. The resolved frame-control value goes to Number
// and the mask to Number2 (dir: Number is the direction 0-3).
func (p *parser) parse80211(kw *Keyword) (Expr, *Error) {
	kw.Kind = KwWlan
	t := p.next()
	switch t.kind {
	case tTYPE:
		kw.Word = "type"
		a := p.tok()
		var typ uint32
		switch a.kind {
		case tNUM:
			if a.num&^wlanTypeMask != 0 {
				return nil, p.setFatal(errorf(a.pos, "invalid 802.11 type value 0x%02x", a.num))
			}
			typ = a.num
		case tID:
			found := false
			for _, e := range wlanTypes {
				if strings.EqualFold(e.name, a.str) {
					typ, found = e.v, true
					break
				}
			}
			if !found {
				return nil, p.setFatal(errorf(a.pos, "unknown 802.11 type name \"%s\"", a.str))
			}
		default:
			return nil, p.expected("an 802.11 type (data, mgt, ctl or a number) after 'type'")
		}
		p.next()
		kw.Arg, kw.NumPos = tokArg(a), a.pos
		kw.HasNumber, kw.Number, kw.Number2 = true, typ, wlanTypeMask
		if p.tok().kind != tSUBTYPE {
			return kw, nil
		}
		p.next()
		kw.Word = "type_subtype"
		s := p.tok()
		var sub uint32
		switch s.kind {
		case tNUM:
			if s.num&^wlanSubtypeMask != 0 {
				return nil, p.setFatal(errorf(s.pos, "invalid 802.11 subtype value 0x%02x", s.num))
			}
			sub = s.num
		case tID:
			var tab []nameVal
			for _, st := range wlanSubtypeTables {
				if st.typ == typ {
					tab = st.tab
				}
			}
			if tab == nil {
				return nil, p.setFatal(errorf(s.pos, "unknown 802.11 type"))
			}
			v, ok := lookupNameVal(tab, s.str)
			if !ok {
				return nil, p.setFatal(errorf(s.pos, "unknown 802.11 subtype name \"%s\"", s.str))
			}
			sub = v
		default:
			return nil, p.expected("an 802.11 subtype name or number after 'subtype'")
		}
		p.next()
		kw.Arg2 = tokArg(s)
		kw.Number, kw.Number2 = typ|sub, wlanTypeMask|wlanSubtypeMask
		return kw, nil
	case tSUBTYPE:
		kw.Word = "subtype"
		s := p.tok()
		if s.kind != tID {
			return nil, p.expected("an 802.11 subtype name after 'subtype'")
		}
		p.next()
		for _, st := range wlanSubtypeTables {
			if v, ok := lookupNameVal(st.tab, s.str); ok {
				kw.Arg, kw.NumPos = s.str, s.pos
				kw.HasNumber, kw.Number, kw.Number2 = true, st.typ|v, wlanTypeMask|wlanSubtypeMask
				return kw, nil
			}
		}
		return nil, p.setFatal(errorf(s.pos, "unknown 802.11 type name \"%s\"", s.str))
	default: // tDIR
		kw.Word = "dir"
		d := p.tok()
		switch d.kind {
		case tNUM:
			if d.num > 3 {
				return nil, p.setFatal(errorf(d.pos, "invalid 802.11 direction %s (must be 0 to 3)", d.text))
			}
			kw.Number = d.num
		case tID:
			v, ok := lookupNameVal([]nameVal{{"nods", 0}, {"tods", 1}, {"fromds", 2}, {"dstods", 3}}, d.str)
			if !ok {
				return nil, p.setFatal(errorf(d.pos, "unknown 802.11 direction \"%s\" (want nods, tods, fromds or dstods)", d.str))
			}
			kw.Number = v
		default:
			return nil, p.expected("an 802.11 direction (nods, tods, fromds, dstods or 0-3) after '" + t.text + "'")
		}
		p.next()
		kw.Arg, kw.NumPos, kw.HasNumber = tokArg(d), d.pos, true
		return kw, nil
	}
}

// tokArg is the text of a name or number argument (names unescaped).
func tokArg(t token) string {
	if t.kind == tID {
		return t.str
	}
	return t.text
}

// pflog reason and action names. libpcap master knows the names of every
// BSD flavour whatever it runs on (the conformance data shows the values).
var pfReasonNames = []nameVal{
	{"match", 0}, {"bad-offset", 1}, {"fragment", 2}, {"short", 3}, {"normalize", 4},
	{"memory", 5}, {"bad-timestamp", 6}, {"congestion", 7}, {"ip-option", 8},
	{"proto-cksum", 9}, {"state-mismatch", 10}, {"state-insert", 11}, {"state-limit", 12},
	{"src-limit", 13}, {"synproxy", 14}, {"map-failed", 15}, {"state-locked", 15},
	{"translate", 15}, {"no-route", 16}, {"dummynet", 15},
}

var pfActionNames = []nameVal{
	{"pass", 0}, {"accept", 0}, {"drop", 1}, {"block", 1}, {"scrub", 2}, {"noscrub", 3},
	{"nat", 4}, {"nonat", 5}, {"binat", 6}, {"nobinat", 7}, {"rdr", 8}, {"nordr", 9},
	{"synproxy-drop", 10}, {"defer", 11}, {"match", 12}, {"divert", 13}, {"rt", 14},
	{"afrt", 15}, {"dummynet", 11}, {"nodummynet", 12}, {"nat64", 13}, {"nonat64", 14},
}

// parsePF parses pfvar. Word is the keyword as written; Arg the name
// argument; Number the numeric value (rnr, srnr, reason, action).
func (p *parser) parsePF(kw *Keyword) (Expr, *Error) {
	kw.Kind = KwPF
	t := p.next()
	a := p.tok()
	switch t.kind {
	case tPFIfname, tPFRset:
		if a.kind != tID {
			return nil, p.expected("a name after '" + t.text + "'")
		}
		kw.Arg = a.str
	case tPFRnr, tPFSrnr:
		if a.kind != tNUM {
			return nil, p.expected("a rule number after '" + t.text + "'")
		}
		kw.HasNumber, kw.Number = true, a.num
	case tPFReason:
		switch a.kind {
		case tNUM:
			kw.HasNumber, kw.Number = true, a.num
		case tID:
			v, ok := lookupNameVal(pfReasonNames, a.str)
			if !ok {
				return nil, p.setFatal(errorf(a.pos, "unknown PF reason \"%s\"", a.str))
			}
			kw.Arg, kw.Number = a.str, v
		default:
			return nil, p.expected("a reason name or number after 'reason'")
		}
	case tPFAction:
		if a.kind != tID {
			return nil, p.expected("an action name after 'action'")
		}
		v, ok := lookupNameVal(pfActionNames, a.str)
		if !ok {
			return nil, p.setFatal(errorf(a.pos, "unknown PF action \"%s\"", a.str))
		}
		kw.Arg, kw.Number = a.str, v
	}
	kw.NumPos = a.pos
	p.next()
	return kw, nil
}

// LLC control-field values (llc.h).
var llcSubtypes = []nameVal{
	{"rr", 0x01}, {"rnr", 0x05}, {"rej", 0x09},
	{"ui", 0x03}, {"ua", 0x63}, {"disc", 0x43}, {"dm", 0x0f}, {"sabme", 0x6f},
	{"test", 0xe3}, {"xid", 0xaf}, {"frmr", 0x87},
}

// parseLLC parses pllc: LLC | LLC ID | LLC PF_RNR. Arg is the kind in lower
// case ("", "i", "s", "u" or a subtype name); Number the subtype value.
func (p *parser) parseLLC(kw *Keyword) (Expr, *Error) {
	kw.Kind = KwLLC
	p.next()
	a := p.tok()
	switch a.kind {
	case tPFRnr:
		// "rnr" is also a pf keyword; the grammar has LLC PF_RNR, so its
		// alias "rulenum" is accepted too.
		p.next()
		kw.Arg, kw.Number, kw.HasNumber, kw.NumPos = "rnr", 0x05, true, a.pos
	case tID:
		p.next()
		name := strings.ToLower(a.str)
		kw.NumPos = a.pos
		switch name {
		case "i", "s", "u":
			kw.Arg = name
		default:
			v, ok := lookupNameVal(llcSubtypes, name)
			if !ok {
				return nil, p.setFatal(errorf(a.pos, "unknown LLC type name \"%s\"", a.str))
			}
			kw.Arg, kw.Number, kw.HasNumber = name, v, true
		}
	}
	return kw, nil
}

// parseBatadv parses BATADV pbatadv: nothing | pnum | pnum pnum | pnum ID.
// Number is the version, Number2 the packet type (Arg its name).
func (p *parser) parseBatadv(kw *Keyword) (Expr, *Error) {
	kw.Kind = KwBATADV
	p.next()
	if k := p.tok().kind; k != tNUM && k != tLParen {
		return kw, nil
	}
	t, err := p.parsePnum()
	if err != nil {
		return nil, err
	}
	v := t.num
	kw.HasNumber, kw.Number, kw.NumPos = true, v, t.pos
	switch p.tok().kind {
	case tNUM, tLParen:
		t2, err := p.parsePnum()
		if err != nil {
			return nil, err
		}
		kw.Number2, kw.Arg2 = t2.num, t2.text
	case tID:
		a := p.next()
		if v != 14 && v != 15 {
			return nil, p.setFatal(errorf(kw.NumPos, "batman-adv compatibility version number %d unsupported", v))
		}
		kw.Arg = a.str
	}
	return kw, nil
}
