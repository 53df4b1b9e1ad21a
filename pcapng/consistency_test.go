package pcapng

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gocap/gocap/linktype"
)

// checkingWriter verifies, at every Write, that everything written so far
// is a capture that reads cleanly to its end.
type checkingWriter struct {
	t      *testing.T
	data   []byte
	writes int
}

func (c *checkingWriter) Write(p []byte) (int, error) {
	c.data = append(c.data, p...)
	c.writes++
	if _, err := readFile(c.data); err != nil && len(c.data) > 24 {
		c.t.Fatalf("after write %d (%d bytes) the output does not read cleanly: %v", c.writes, len(c.data), err)
	}
	return len(p), nil
}

// The output is a valid capture up to its last complete block at every
// moment, whatever the buffer size.
func TestOutputAlwaysValid(t *testing.T) {
	s := newSample(300)
	for _, f := range []Format{FormatPcapng, FormatPcap} {
		for _, opts := range []WriterOptions{{BufferSize: 1}, {BufferSize: 3000}, {FlushEachPacket: true}} {
			t.Run(fmt.Sprintf("%v/%+v", f, opts), func(t *testing.T) {
				s := s
				if f == FormatPcap {
					s.ifaces = s.ifaces[:1]
					delete(s.stats, 1)
					s.packets = append([]Packet(nil), s.packets...)
					for i := range s.packets {
						s.packets[i].InterfaceID = 0
					}
				}
				cw := &checkingWriter{t: t}
				w, err := NewPacketWriter(cw, f, opts)
				if err != nil {
					t.Fatal(err)
				}
				s.writeTo(t, w)
				if cw.writes < 50 {
					t.Fatalf("only %d writes: the test exercised nothing", cw.writes)
				}
				if got, _ := readFile(cw.data); len(got) != len(s.packets) {
					t.Fatalf("read %d packets, wrote %d", len(got), len(s.packets))
				}
			})
		}
	}
}

// brokenPipe accepts limit bytes, then fails like a closed pipe: no
// truncation is possible, so the error must say where the partial block
// starts, and everything before it must read cleanly.
type brokenPipe struct {
	limit int
	data  []byte
}

func (b *brokenPipe) Write(p []byte) (int, error) {
	n := min(len(p), b.limit-len(b.data))
	b.data = append(b.data, p[:n]...)
	if n < len(p) {
		return n, syscall.EPIPE
	}
	return n, nil
}

// validLength is where a write error says the output stops being valid:
// "valid up to byte N" when the write stopped at a block boundary,
// "partial block after byte N" when it stopped inside one.
func validLength(t *testing.T, err error) int {
	t.Helper()
	msg := err.Error()
	at := strings.Index(msg, "valid up to byte ")
	if at < 0 {
		at = strings.Index(msg, "after byte ")
	}
	var valid int
	if at < 0 {
		t.Fatalf("error %q does not say where the output stops being valid", err)
	} else if _, scanErr := fmt.Sscanf(msg[at+strings.Index(msg[at:], "byte "):], "byte %d", &valid); scanErr != nil {
		t.Fatalf("error %q: %v", err, scanErr)
	}
	return valid
}

func TestShortWrite(t *testing.T) {
	s := newSample(100)
	for _, limit := range []int{1000, 5000, 30001} {
		bp := &brokenPipe{limit: limit}
		w, _ := NewWriter(bp, WriterOptions{BufferSize: 4096})
		var err error
		for i := 0; i < len(s.ifaces) && err == nil; i++ {
			_, err = w.AddInterface(s.ifaces[i])
		}
		for i := 0; i < len(s.packets) && err == nil; i++ {
			err = w.WritePacket(s.packets[i])
		}
		if err == nil {
			err = w.Close()
		}
		if !errors.Is(err, syscall.EPIPE) {
			t.Fatalf("limit %d: error %v, want EPIPE", limit, err)
		}
		valid := validLength(t, err)
		if valid > limit || valid < limit-2000 {
			t.Fatalf("limit %d: valid up to %d", limit, valid)
		}
		if _, rerr := readFile(bp.data[:valid]); rerr != nil {
			t.Fatalf("limit %d: the first %d bytes do not read cleanly: %v", limit, valid, rerr)
		}
	}
}

// A capture loop writing while another goroutine flushes and then closes
// (what a signal handler does): every write before Close lands whole, every
// write after it gets ErrClosed, and the file ends with the statistics.
func TestConcurrentClose(t *testing.T) {
	for _, f := range []Format{FormatPcapng, FormatPcap} {
		var buf lockedBuffer
		w, _ := NewPacketWriter(&buf, f, WriterOptions{BufferSize: 2000})
		id, _ := w.AddInterface(Interface{LinkType: linktype.Ethernet, Name: "eth0"})
		written := make(chan int)
		go func() {
			n := 0
			for {
				err := w.WritePacket(Packet{InterfaceID: id, Timestamp: t0, Data: frame(100, n)})
				if errors.Is(err, ErrClosed) {
					written <- n
					return
				}
				if err != nil {
					t.Error(err)
				}
				n++
				if n%10 == 0 {
					time.Sleep(20 * time.Microsecond) // a capture's pace
				}
			}
		}()
		for i := 0; i < 20; i++ {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Millisecond)
		}
		w.WriteStatistics(id, Stats{Received: 1})
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		n := <-written
		r, pkts := readAll(t, buf.Bytes())
		if len(pkts) != n || n == 0 {
			t.Fatalf("%v: file holds %d packets, %d written before Close", f, len(pkts), n)
		}
		if _, ok := r.Statistics(0); f == FormatPcapng && !ok {
			t.Fatalf("%v: no statistics after Close", f)
		}
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	return len(p), nil
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf
}
