package pcapng

import (
	"io"
	"sync"
)

// output is what both writers (pcapng's and classic pcap's) keep the same
// way: the buffer, the options, whether Close was called, and the lock
// that lets a signal handler's goroutine Close while the capture loop
// writes.
type output struct {
	mu     sync.Mutex
	b      blockBuffer
	opts   WriterOptions
	closed bool
}

func newOutput(w io.Writer, f Format, opts WriterOptions) output {
	return output{b: newBlockBuffer(w, f, opts.BufferSize), opts: opts}
}

// Size is how many bytes the writer has produced, buffered ones included.
func (o *output) Size() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.size()
}

// usable is the error a write gets: ErrClosed after Close, else the
// buffer's sticky write error, if any.
func (o *output) usable() error {
	if o.closed {
		return ErrClosed
	}
	return o.b.err
}

// Flush writes the buffered blocks out.
func (o *output) Flush() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return ErrClosed
	}
	return o.b.flush()
}

// flushEach flushes after a batch of packets with FlushEachPacket (tcpdump's
// -U). The batch's loop is each writer's own (WritePackets): a shared one
// would call appendPacket through a function value, the packets' pointers
// would escape, and WritePacket's batch of one would be allocated per
// packet.
func (o *output) flushEach() error {
	if o.opts.FlushEachPacket {
		return o.b.flush()
	}
	return nil
}
