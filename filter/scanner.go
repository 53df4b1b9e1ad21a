package filter

import (
	"fmt"
	"net/netip"
	"unicode/utf8"
)

// The scanner turns an expression into tokens the way libpcap master's
// flex scanner (scanner.l) does: at each position the longest match among
// all the token patterns wins, and on a tie the pattern listed first in
// scanner.l wins (keywords, then $-ARCnet, MAC, number, IPv4, IPv6, the
// "bogus MAC" pattern, named constants, names). That ordering is what makes
// "aabbccddeeff" a MAC address, "1.2.3.4.5" a name, "tcp-syn" a number and
// "ip6" a keyword; it is reproduced here with small hand-written matchers
// instead of a generated automaton.

// scan returns the tokens of src, ending with a tEOF token. Lexical errors
// become tError tokens so that the parser reports them only when it reaches
// them, as libpcap's parser does (it pulls tokens one at a time).
func scan(src string) []token {
	var toks []token
	i := 0
	for {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			toks = append(toks, token{kind: tEOF, pos: len(src), end: len(src)})
			return toks
		}
		t := scanOne(src, i)
		toks = append(toks, t)
		i = t.end
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}
func isAlnum(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// isIDChar is [-_.A-Za-z0-9], the middle of a name.
func isIDChar(c byte) bool { return isAlnum(c) || c == '-' || c == '_' || c == '.' }

// scanOne scans the token starting at src[i] (not a space).
func scanOne(src string, i int) token {
	s := src[i:]
	c := s[0]
	mk := func(k tokKind, n int) token { return token{kind: k, pos: i, end: i + n, text: s[:n]} }

	// Two-character operators first: longest match.
	if len(s) >= 2 {
		switch s[:2] {
		case "&&":
			return mk(tAnd, 2)
		case "||":
			return mk(tOr, 2)
		case ">=":
			return mk(tGEQ, 2)
		case "<=":
			return mk(tLEQ, 2)
		case "!=":
			return mk(tNEQ, 2)
		case "==":
			return mk(tEQ, 2)
		case "<<":
			return mk(tLSH, 2)
		case ">>":
			return mk(tRSH, 2)
		}
	}
	switch c {
	case '+':
		return mk(tPlus, 1)
	case '-':
		return mk(tMinus, 1)
	case '*':
		return mk(tStar, 1)
	case '/':
		return mk(tSlash, 1)
	case '%':
		return mk(tPercent, 1)
	case '[':
		return mk(tLBrack, 1)
	case ']':
		return mk(tRBrack, 1)
	case '!':
		return mk(tNot, 1)
	case '<':
		return mk(tLT, 1)
	case '>':
		return mk(tGT, 1)
	case '(':
		return mk(tLParen, 1)
	case ')':
		return mk(tRParen, 1)
	case '&':
		return mk(tAmp, 1)
	case '|':
		return mk(tPipe, 1)
	case '^':
		return mk(tCaret, 1)
	case '=':
		return mk(tEQ, 1)
	case ':':
		// ':' is an operator unless an IPv6 address ("::1") starts here.
		if n := matchV6(s); n > 1 {
			return scanV6(s[:n], i)
		}
		return mk(tColon, 1)
	case '$':
		// ${B}: '$' and one or two hex digits.
		if len(s) >= 2 && isHex(s[1]) {
			n := 2
			if len(s) >= 3 && isHex(s[2]) {
				n = 3
			}
			return mk(tAID, n)
		}
		return badChar(s, i)
	case '\\':
		// "\\"[^ !()\n\t]+ : an escaped name, e.g. \tcp is the name "tcp".
		n := 1
		for n < len(s) && !isEscStop(s[n]) {
			n++
		}
		if n == 1 {
			return badChar(s, i)
		}
		t := mk(tID, n)
		t.str = s[1:n]
		return t
	}
	if !isAlnum(c) {
		return badChar(s, i)
	}

	lMAC := matchMAC(s)
	lN := matchN(s)
	lHID := matchHID(s)
	lV6 := matchV6(s)
	lBogus := matchBogusMAC(s)
	lID := matchID(s)
	best := max(lMAC, lN, lHID, lV6, lBogus, lID)
	switch best {
	case lMAC:
		return mk(tEID, best)
	case lN:
		return scanNumber(s[:best], i)
	case lHID:
		return mk(tHID, best)
	case lV6:
		return scanV6(s[:best], i)
	case lBogus:
		// libpcap matches {B}:+({B}:+)+ only to reject it.
		return token{kind: tError, pos: i, end: i + best, text: s[:best],
			msg: fmt.Sprintf("invalid Ethernet address '%s'", wordAt(s, best))}
	}
	text := s[:best]
	if kw, ok := keywords[text]; ok {
		t := mk(kw.kind, best)
		t.proto = kw.proto
		return t
	}
	if v, ok := namedConstants[text]; ok {
		t := mk(tNUM, best)
		t.num = v
		return t
	}
	t := mk(tID, best)
	t.str = text
	return t
}

// isEscStop reports the characters that end an escaped name.
func isEscStop(c byte) bool {
	return c == ' ' || c == '!' || c == '(' || c == ')' || c == '\n' || c == '\t'
}

// wordAt extends a matched prefix to the end of the surrounding word so that
// an error quotes what the user typed ("ab:cd:ef:0g:00:00", not "ab:cd:ef:").
func wordAt(s string, n int) string {
	for n < len(s) && (isIDChar(s[n]) || s[n] == ':') {
		n++
	}
	return s[:n]
}

func badChar(s string, i int) token {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		n = 1
	}
	return token{kind: tError, pos: i, end: i + n, text: s[:n],
		msg: fmt.Sprintf("%s: unexpected character %q", syntaxPrefix, s[:n])}
}

// matchID returns the length of the name pattern
// [A-Za-z0-9]([-_.A-Za-z0-9]*[.A-Za-z0-9])? at the start of s.
func matchID(s string) int {
	if len(s) == 0 || !isAlnum(s[0]) {
		return 0
	}
	n := 1
	for n < len(s) && isIDChar(s[n]) {
		n++
	}
	for n > 1 && (s[n-1] == '-' || s[n-1] == '_') {
		n--
	}
	return n
}

// matchN returns the length of ([0-9]+|(0X|0x)[0-9A-Fa-f]+) at the start of s.
func matchN(s string) int {
	if len(s) == 0 || !isDigit(s[0]) {
		return 0
	}
	if len(s) >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2]) {
		n := 3
		for n < len(s) && isHex(s[n]) {
			n++
		}
		return n
	}
	n := 1
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

// matchHID returns the length of N.N, N.N.N or N.N.N.N at the start of s.
func matchHID(s string) int {
	pos := matchN(s)
	if pos == 0 {
		return 0
	}
	best := 0
	for parts := 1; parts < 4; parts++ {
		if pos >= len(s) || s[pos] != '.' {
			break
		}
		n := matchN(s[pos+1:])
		if n == 0 {
			break
		}
		pos += 1 + n
		best = pos
	}
	return best
}

// matchB returns the length of {B} (one or two hex digits) at s[i:], greedy.
func matchB(s string, i int) int {
	if i >= len(s) || !isHex(s[i]) {
		return 0
	}
	if i+1 < len(s) && isHex(s[i+1]) {
		return 2
	}
	return 1
}

// matchMAC returns the length of the MAC pattern of scanner.l:
// B:B:B:B:B:B | B-B-B-B-B-B | B.B.B.B.B.B | B2.B2.B2 | B2B2B2.
func matchMAC(s string) int {
	best := 0
	for _, sep := range []byte{':', '-', '.'} {
		pos := 0
		ok := true
		for g := 0; g < 6; g++ {
			if g > 0 {
				if pos >= len(s) || s[pos] != sep {
					ok = false
					break
				}
				pos++
			}
			n := matchB(s, pos)
			if n == 0 {
				ok = false
				break
			}
			pos += n
		}
		if ok {
			best = max(best, pos)
		}
	}
	hexRun := func(i, n int) bool {
		if i+n > len(s) {
			return false
		}
		for k := i; k < i+n; k++ {
			if !isHex(s[k]) {
				return false
			}
		}
		return true
	}
	if hexRun(0, 4) && len(s) > 4 && s[4] == '.' && hexRun(5, 4) && len(s) > 9 && s[9] == '.' && hexRun(10, 4) {
		best = max(best, 14)
	}
	if hexRun(0, 12) {
		best = max(best, 12)
	}
	return best
}

// matchBogusMAC returns the length of {B}:+({B}:+)+, which libpcap matches
// only to report an invalid Ethernet address.
func matchBogusMAC(s string) int {
	pos := matchB(s, 0)
	if pos == 0 {
		return 0
	}
	colons := func() bool {
		if pos >= len(s) || s[pos] != ':' {
			return false
		}
		for pos < len(s) && s[pos] == ':' {
			pos++
		}
		return true
	}
	if !colons() {
		return 0
	}
	best := 0
	for {
		n := matchB(s, pos)
		if n == 0 {
			break
		}
		save := pos
		pos += n
		if !colons() {
			pos = save
			break
		}
		best = pos
	}
	return best
}

// IPv6 patterns. scanner.l spells out every placement of "::" (V600 ...
// V677) and of an embedded IPv4 address (V6604 ... V6004); v6Patterns holds
// the same list as sequences of elements.
type v6Elem byte

const (
	v6W      v6Elem = iota // 1 to 4 hex digits
	v6N                    // a number, as matchN
	v6Colon                // ":"
	v6Double               // "::"
	v6Dot                  // "."
)

var v6Patterns = buildV6Patterns()

func buildV6Patterns() [][]v6Elem {
	groups := func(n int) []v6Elem {
		var p []v6Elem
		for k := 0; k < n; k++ {
			if k > 0 {
				p = append(p, v6Colon)
			}
			p = append(p, v6W)
		}
		return p
	}
	v4 := []v6Elem{v6N, v6Dot, v6N, v6Dot, v6N, v6Dot, v6N}
	var pats [][]v6Elem
	// V680: eight groups.
	pats = append(pats, groups(8))
	// V6ab: a groups, "::", b groups, a+b <= 7.
	for t := 7; t >= 0; t-- {
		for a := 0; a <= t; a++ {
			p := append(groups(a), v6Double)
			pats = append(pats, append(p, groups(t-a)...))
		}
	}
	// V6604: six groups then an IPv4 address.
	p := append(groups(6), v6Colon)
	pats = append(pats, append(p, v4...))
	// V6ab4: a groups, "::", b groups, IPv4 address, a+b <= 5.
	for t := 5; t >= 0; t-- {
		for a := 0; a <= t; a++ {
			p := append(groups(a), v6Double)
			p = append(p, groups(t-a)...)
			if t-a > 0 {
				p = append(p, v6Colon)
			}
			pats = append(pats, append(p, v4...))
		}
	}
	return pats
}

// matchV6 returns the length of the longest IPv6 pattern at the start of s.
func matchV6(s string) int {
	// Every pattern starts with "::" or 1-4 hex digits and ':'; cheap
	// rejection for ordinary names.
	n := 0
	for n < len(s) && n < 5 && isHex(s[n]) {
		n++
	}
	if n == len(s) || s[n] != ':' {
		return 0
	}
	// No pattern has more than 8 colons or 3 dots: that bounds the text
	// to look at (so that a long run of colons is not rescanned at each
	// of its tokens).
	colons, dots := 0, 0
	for n < len(s) && (isHex(s[n]) || s[n] == ':' || s[n] == '.' || s[n] == 'x' || s[n] == 'X') {
		if s[n] == ':' {
			colons++
		}
		if s[n] == '.' {
			dots++
		}
		if colons > 8 || dots > 3 {
			break
		}
		n++
	}
	s = s[:n]
	seen := make([]bool, len(s)+1)
	best := 0
	for _, p := range v6Patterns {
		if m := matchElems(s, p, seen); m > best {
			best = m
		}
	}
	return best
}

// matchElems returns the longest prefix of s matched by the element
// sequence p, or 0. It tracks the set of positions reachable after each
// element (W and N match several lengths). seen has len(s)+1 entries, all
// false, and is left so.
func matchElems(s string, p []v6Elem, seen []bool) int {
	cur := []int{0}
	var next []int
	for _, e := range p {
		next = next[:0]
		add := func(x int) {
			if !seen[x] {
				seen[x] = true
				next = append(next, x)
			}
		}
		for _, pos := range cur {
			switch e {
			case v6W:
				for k := 1; k <= 4 && pos+k <= len(s) && isHex(s[pos+k-1]); k++ {
					add(pos + k)
				}
			case v6N:
				rest := s[pos:]
				if len(rest) == 0 || !isDigit(rest[0]) {
					continue
				}
				for k := 1; k <= len(rest) && isDigit(rest[k-1]); k++ {
					add(pos + k)
				}
				if len(rest) >= 3 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X') {
					for k := 3; k <= len(rest) && isHex(rest[k-1]); k++ {
						add(pos + k)
					}
				}
			case v6Colon:
				if pos < len(s) && s[pos] == ':' {
					add(pos + 1)
				}
			case v6Double:
				if pos+1 < len(s) && s[pos] == ':' && s[pos+1] == ':' {
					add(pos + 2)
				}
			case v6Dot:
				if pos < len(s) && s[pos] == '.' {
					add(pos + 1)
				}
			}
		}
		for _, x := range next {
			seen[x] = false
		}
		if len(next) == 0 {
			return 0
		}
		cur, next = next, cur
	}
	best := 0
	for _, x := range cur {
		best = max(best, x)
	}
	return best
}

// scanV6 makes the token of an IPv6-shaped word; like libpcap (which runs
// it through getaddrinfo), an address of the right shape that is not a
// valid address (an IPv4 part over 255) is an error.
func scanV6(text string, pos int) token {
	if _, err := netip.ParseAddr(text); err != nil {
		return token{kind: tError, pos: pos, end: pos + len(text), text: text,
			msg: fmt.Sprintf("invalid IPv6 address %s", text)}
	}
	return token{kind: tHID6, pos: pos, end: pos + len(text), text: text}
}

// scanNumber converts a number the way libpcap's stoulen does: 0x hex, 0
// octal, else decimal, all 32-bit unsigned, with libpcap's messages.
func scanNumber(text string, pos int) token {
	t := token{kind: tNUM, pos: pos, end: pos + len(text), text: text}
	fail := func(format string) token {
		t.kind = tError
		t.msg = fmt.Sprintf(format, text)
		return t
	}
	var n uint32
	switch {
	case len(text) >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'):
		for i := 2; i < len(text); i++ {
			d := hexVal(text[i])
			if n > 0x0FFFFFFF {
				return fail("hexadecimal number %s overflows 32 bits")
			}
			n = n<<4 + d
		}
	case text[0] == '0':
		for i := 1; i < len(text); i++ {
			c := text[i]
			if c < '0' || c > '7' {
				return fail("number %s contains non-octal digit")
			}
			if n > 03777777777 {
				return fail("octal number %s overflows 32 bits")
			}
			n = n<<3 + uint32(c-'0')
		}
	default:
		for i := 0; i < len(text); i++ {
			d := uint32(text[i] - '0')
			if n > 0xFFFFFFFF/10 || (n == 0xFFFFFFFF/10 && d > 0xFFFFFFFF%10) {
				return fail("decimal number %s overflows 32 bits")
			}
			n = n*10 + d
		}
	}
	t.num = n
	return t
}

func hexVal(c byte) uint32 {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0')
	case c >= 'a' && c <= 'f':
		return uint32(c-'a') + 10
	default:
		return uint32(c-'A') + 10
	}
}
