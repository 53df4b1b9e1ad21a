package filter

import (
	"fmt"
	"strings"
)

// Error is a compile error at a place in the filter expression. The scanner,
// the parser and the code generator all report *Error values.
type Error struct {
	// Pos is the 0-based byte offset in the expression of the token or node
	// the error is about, or -1 for an error about the whole expression
	// (an unsupported link type, a program too long for the kernel).
	Pos int
	// Msg says what is wrong. Where libpcap master has a message for the same
	// problem, Msg contains libpcap's text.
	Msg string

	// Source is the expression, when known, so that Error can report a
	// line and column for multi-line input (expressions read with -F).
	// Compile sets it.
	Source string
}

// Error returns "column N: msg", or "line L, column C: msg" when the
// expression spans several lines.
func (e *Error) Error() string {
	if e.Pos < 0 {
		return e.Msg
	}
	line, col := e.LineCol()
	if line > 1 || strings.Contains(e.Source, "\n") {
		return fmt.Sprintf("line %d, column %d: %s", line, col, e.Msg)
	}
	return fmt.Sprintf("column %d: %s", col, e.Msg)
}

// LineCol returns the 1-based line and column of Pos (column = bytes since
// the start of the line, plus one).
func (e *Error) LineCol() (line, col int) {
	pos := e.Pos
	if pos < 0 {
		pos = 0
	}
	if e.Source == "" || pos > len(e.Source) {
		return 1, pos + 1
	}
	before := e.Source[:pos]
	line = strings.Count(before, "\n") + 1
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		return line, pos - i
	}
	return line, pos + 1
}

// WithSource returns e with the expression attached, so that Error can
// compute line numbers. It returns e itself for chaining.
func (e *Error) WithSource(src string) *Error {
	e.Source = src
	return e
}

// errorf makes an *Error at byte offset pos.
func errorf(pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// syntaxPrefix is the text libpcap puts in front of every grammar error; ours
// keep it so that tools matching libpcap's messages keep working.
const syntaxPrefix = "can't parse filter expression: syntax error"

// syntaxErrorf makes a grammar error: libpcap's "syntax error" text followed
// by what we expected.
func syntaxErrorf(pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: syntaxPrefix + ": " + fmt.Sprintf(format, args...)}
}
