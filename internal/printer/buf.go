package printer

import (
	"fmt"
	"strconv"
)

// buf accumulates one packet's text.
type buf struct {
	s []byte
	o *Options
	p *Printer
}

func (b *buf) printf(format string, args ...any) { b.s = fmt.Appendf(b.s, format, args...) }
func (b *buf) str(s string)                      { b.s = append(b.s, s...) }
func (b *buf) uint(v uint64)                     { b.s = strconv.AppendUint(b.s, v, 10) }

// trunc is tcpdump's marker for data cut short by the snap length.
func (b *buf) trunc(proto string) { b.str(" [|" + proto + "]") }
