package pcapng

import (
	"fmt"
	"io"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// blockBuffer is the write buffer both writers share. Callers append whole
// blocks (records) and mark their ends, so that whatever happens to a
// write, the output can be cut back to the last complete block: a file is a
// valid capture up to its last complete block at every moment.
type blockBuffer struct {
	w       io.Writer
	format  Format
	buf     []byte
	ends    []int    // ends of the complete blocks in buf
	spans   [][2]int // runs of records appended in bulk: [start, end) in buf
	limit   int      // flush when buf reaches this
	flushed int64    // bytes handed to w successfully
	base    int64    // offset of our first byte in the file, if seekable
	trunc   truncater
	file    *os.File // w when it is a regular file: written with rawWrite
	err     error    // sticky: once a write failed, nothing more is written
}

// appending reports whether f was opened with O_APPEND (or its flags cannot
// be read).
func appending(f *os.File) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		return true
	}
	flags := unix.O_APPEND
	if cerr := rc.Control(func(fd uintptr) {
		flags, err = unix.FcntlInt(fd, unix.F_GETFL, 0)
	}); cerr != nil || err != nil {
		return true
	}
	return flags&unix.O_APPEND != 0
}

type truncater interface {
	Truncate(size int64) error
}

func newBlockBuffer(w io.Writer, f Format, size int) blockBuffer {
	if size <= 0 {
		size = 256 << 10
	}
	b := blockBuffer{w: w, format: f, buf: make([]byte, 0, size+size/8), limit: size}
	// A regular file can be cut back to the last complete block after a
	// short write (ENOSPC); pipes and sockets cannot and need not be. A
	// file opened for appending is left alone: its offset says nothing
	// about where our output starts.
	if f, ok := w.(*os.File); ok && !appending(f) {
		if off, err := f.Seek(0, io.SeekCurrent); err == nil {
			b.base, b.trunc = off, f
		}
	}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			b.file = f
		}
	}
	return b
}

// write hands p to the output: to a regular file with rawWrite, to
// anything else through its Write.
func (b *blockBuffer) write(p []byte) (int, error) {
	if b.file == nil {
		return b.w.Write(p)
	}
	rc, err := b.file.SyscallConn()
	if err != nil {
		return b.w.Write(p)
	}
	var n int
	var werr error
	if cerr := rc.Control(func(fd uintptr) { n, werr = rawWrite(int(fd), p) }); cerr != nil {
		return n, cerr
	}
	if werr != nil {
		werr = &os.PathError{Op: "write", Path: b.file.Name(), Err: werr}
	}
	return n, werr
}

// rawWrite writes p to a regular file without telling the Go runtime it is
// in a system call. A write to a regular file does not wait for anything
// but the page cache (tens of microseconds for a buffer), so nothing is
// lost by keeping the P; and a runtime system call wakes sysmon from its
// deep sleep, after which it polls every 20 µs for a millisecond: during a
// capture, once per buffer written, more CPU than the write itself
// (BENCHMARKS.md, issue 12). Pipes and sockets, which can block for as
// long as their reader wants, go through the runtime.
func rawWrite(fd int, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		r, _, errno := unix.RawSyscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&p[n])), uintptr(len(p)-n))
		switch {
		case errno == unix.EINTR:
			continue
		case errno != 0:
			return n, errno
		case r == 0:
			return n, io.ErrShortWrite
		}
		n += int(r)
	}
	return n, nil
}

// endBlock marks the end of a complete block and flushes when the buffer is
// full.
func (b *blockBuffer) endBlock() error {
	b.ends = append(b.ends, len(b.buf))
	if len(b.buf) >= b.limit {
		return b.flush()
	}
	return nil
}

func (b *blockBuffer) size() int64 { return b.flushed + int64(len(b.buf)) }

// recordsWritten is the end of the last record of a bulk run that lies
// within the first n bytes of buf (0 if none does): the runs' records are
// found by walking them, not by an end each.
func (b *blockBuffer) recordsWritten(n int) int {
	good := 0
	for _, s := range b.spans {
		for off := s[0]; off < s[1] && off < n; {
			end := off + recordLen(b.format, b.buf[off:])
			if end > n {
				break
			}
			good, off = end, end
		}
	}
	return good
}

func (b *blockBuffer) flush() error {
	if b.err != nil {
		return b.err
	}
	if len(b.buf) == 0 {
		return nil
	}
	n, err := b.write(b.buf)
	if err == nil && n < len(b.buf) {
		err = io.ErrShortWrite
	}
	if err != nil {
		// Cut the output back to the last block that was written whole.
		good := 0
		for _, e := range b.ends {
			if e <= n {
				good = e
			}
		}
		good = max(good, b.recordsWritten(n))
		valid := b.flushed + int64(good)
		msg := fmt.Sprintf("output valid up to byte %d", valid)
		if n > good && b.trunc != nil {
			if terr := b.trunc.Truncate(b.base + valid); terr != nil {
				msg = fmt.Sprintf("output has a partial block after byte %d (truncate: %v)", valid, terr)
			}
		} else if n > good {
			msg = fmt.Sprintf("output has a partial block after byte %d", valid)
		}
		b.flushed = valid
		b.buf, b.ends, b.spans = b.buf[:0], b.ends[:0], b.spans[:0]
		b.err = fmt.Errorf("%s: %w (%s)", b.format, err, msg)
		return b.err
	}
	b.flushed += int64(n)
	b.buf, b.ends, b.spans = b.buf[:0], b.ends[:0], b.spans[:0]
	return nil
}
