package pcapng

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"time"
)

// Limits on what the length fields of untrusted input may make us read.
// libpcap's pcapng reader starts at 16 MiB per block too.
const (
	maxBlockSize  = 16 << 20
	maxRecordSize = 16 << 20
	// readChunk is how much a block buffer grows per read, so that a
	// length field promising 16 MiB on a 100-byte input costs 1 MiB at
	// most.
	readChunk = 1 << 20
)

// Reader reads packets from a pcap or pcapng stream.
type Reader interface {
	// ReadPacket returns the next packet, io.EOF at the end of the input,
	// or a *FormatError for corrupt or truncated input. Packet.Data is
	// valid until the next call.
	ReadPacket() (Packet, error)
	Format() Format
	// Interfaces lists the interfaces of the current section (classic
	// pcap: the one its header describes).
	Interfaces() []Interface
	// Statistics returns the last Interface Statistics Block read for an
	// interface of the current section.
	Statistics(id int) (Stats, bool)
	// Section describes the current pcapng section (empty for pcap).
	Section() Section
	// ByteOrder is the byte order of the file (pcap) or current section.
	ByteOrder() binary.ByteOrder
}

// Section is what a Section Header Block says.
type Section struct {
	// Index counts the sections before this one: 0 for a file's first
	// (and for classic pcap). Interface ids start from 0 again in each
	// section, so a file's interfaces are told apart by (Index, id):
	// FileInterfaces numbers them.
	Index                                  int
	Major, Minor                           uint16
	Hardware, OS, UserApplication, Comment string
}

// Open detects the format from the first bytes of r and returns a reader
// positioned at the first packet. It buffers r itself.
func Open(r io.Reader) (Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(4)
	if err != nil {
		if errors.Is(err, io.EOF) {
			if len(magic) == 0 {
				return nil, &FormatError{Format: FormatAuto, Offset: 0, Msg: "empty input, no capture file header"}
			}
			err = io.ErrUnexpectedEOF
		}
		return nil, &FormatError{Format: FormatAuto, Offset: 0, Msg: "reading the file header", Err: err}
	}
	c := &cursor{r: br}
	switch {
	case binary.LittleEndian.Uint32(magic) == blockSHB:
		return newNgReader(c)
	default:
		le, be := binary.LittleEndian.Uint32(magic), binary.BigEndian.Uint32(magic)
		for _, m := range []uint32{magicMicro, magicNano, magicModified} {
			if le == m || be == m {
				return newPcapReader(c)
			}
		}
		return nil, &FormatError{Format: FormatAuto, Offset: 0,
			Msg: fmt.Sprintf("not a pcap or pcapng file (magic %#08x)", binary.BigEndian.Uint32(magic))}
	}
}

// cursor reads the input with offsets and bounded, incremental buffers.
type cursor struct {
	r   io.Reader
	off int64
	buf []byte
}

// read returns the next n bytes in the cursor's buffer (valid until the
// next read). The buffer grows by readChunk at a time, as data arrives.
func (c *cursor) read(n int) ([]byte, error) {
	c.buf = c.buf[:0]
	for len(c.buf) < n {
		chunk := min(n-len(c.buf), readChunk)
		have := len(c.buf)
		if cap(c.buf)-have < chunk {
			nb := make([]byte, have, have+chunk)
			copy(nb, c.buf)
			c.buf = nb
		}
		m, err := io.ReadFull(c.r, c.buf[have:have+chunk])
		c.buf = c.buf[:have+m]
		c.off += int64(m)
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return c.buf, err
		}
	}
	return c.buf, nil
}

// readHeader reads exactly len(dst) bytes into dst; io.EOF only when nothing
// at all was left.
func (c *cursor) readHeader(dst []byte) error {
	m, err := io.ReadFull(c.r, dst)
	c.off += int64(m)
	if err == io.EOF {
		return io.EOF
	}
	return err
}

// tsConv turns a pcapng timestamp in an interface's units into a time.
type tsConv struct {
	binary bool
	exp    uint8
	div    uint64 // 10^exp for decimal resolutions
	offset int64
}

func newTSConv(resol uint8, offset int64) (tsConv, error) {
	c := tsConv{binary: resol&0x80 != 0, exp: resol & 0x7f, offset: offset}
	if c.binary {
		if c.exp > 63 {
			return c, fmt.Errorf("if_tsresol 2^-%d is finer than 64 bits can hold", c.exp)
		}
		return c, nil
	}
	if c.exp > 19 {
		return c, fmt.Errorf("if_tsresol 10^-%d is finer than 64 bits can hold", c.exp)
	}
	c.div = 1
	for range c.exp {
		c.div *= 10
	}
	return c, nil
}

var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

func (c tsConv) time(t uint64) time.Time {
	var sec, ns uint64
	if c.binary {
		sec = t >> c.exp
		frac := t & (1<<c.exp - 1)
		hi, lo := bits.Mul64(frac, 1e9)
		if c.exp > 0 {
			ns = hi<<(64-c.exp) | lo>>c.exp
		}
	} else {
		sec, ns = t/c.div, t%c.div
		if c.exp <= 9 {
			ns *= pow10[9-c.exp]
		} else {
			ns /= pow10[c.exp-9]
		}
	}
	return time.Unix(int64(sec)+c.offset, int64(ns))
}
