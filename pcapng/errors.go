package pcapng

import (
	"errors"
	"fmt"
)

// FormatError reports malformed or truncated input at a byte offset.
type FormatError struct {
	Format Format
	Offset int64 // of the block or record at fault
	Msg    string
	Err    error // io.ErrUnexpectedEOF for truncation, else nil
}

func (e *FormatError) Error() string {
	s := fmt.Sprintf("%s: offset %d: %s", e.Format, e.Offset, e.Msg)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FormatError) Unwrap() error { return e.Err }

// ErrMixedLinkTypes is returned by AddInterface when the output cannot hold
// interfaces of different link types: classic pcap always, pcapng with
// WriterOptions.LibpcapCompatible.
var ErrMixedLinkTypes = errors.New("interfaces with different link types cannot share this output")

// ErrClosed is returned by writes after Close.
var ErrClosed = errors.New("writer is closed")
