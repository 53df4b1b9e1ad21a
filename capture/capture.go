package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"

	"github.com/gocap/gocap/linktype"
)

// Source is a stream of packets: a live capture or a file.
type Source interface {
	// ReadPacket returns the next packet; io.EOF after Stop (live) or at
	// the end of the file, ctx.Err() when ctx ends first.
	ReadPacket(ctx context.Context) (Packet, error)
	// Interfaces describes the interfaces packets come from
	// (Packet.Interface indexes it).
	Interfaces() []Interface
	// Stats returns the counters so far.
	Stats() Stats
	// Stop ends the capture: packets already captured are still returned
	// by ReadPacket, then io.EOF. It returns within about a second.
	Stop()
	// Close stops and releases everything; it may discard packets not
	// read yet.
	Close() error
}

// Interface describes one capture interface, for pcapng interface
// description blocks and messages.
type Interface struct {
	Name     string
	Index    int
	LinkType linktype.Type
	SnapLen  int
	// Filtering says where the filter runs: "kernel (eBPF, SO_ATTACH_BPF)",
	// "kernel (classic BPF, SO_ATTACH_FILTER)", "userspace", or for the tc
	// engine "tc (eBPF, TCX)" / "tc (eBPF, clsact)".
	Filtering string
}

// Live is a running socket-engine or tc-engine capture.
type Live struct {
	ifaces  []Interface
	src     reader
	stopped atomic.Bool
	stop    sync.Once
	onStop  []func() // wake the reader
	stats   func() Stats
	closers []func()
	closed  sync.Once
	batch   packetRecords // WriteNext's packets
	// Each read holds reading shared; Close takes it to release the
	// rings only once no read is inside them, and sets released, which
	// ends every read after it with io.EOF.
	reading  sync.RWMutex
	released bool
}

// reader is an engine's consumer side.
type reader interface {
	// next returns the next packet, its Data valid until the next call;
	// io.EOF once the capture has stopped and everything is read.
	next(ctx context.Context) (Packet, error)
}

// batchReader is a reader that can hand over several packets per call.
type batchReader interface {
	// nextBatch is next for up to len(ps) packets, at least one.
	nextBatch(ctx context.Context, ps []Packet) (int, error)
}

// Open starts a live capture. Call it in the network namespace to capture
// in; the sockets stay there.
func Open(o Options) (*Live, error) {
	if len(o.Interfaces) == 0 {
		return nil, errors.New("capture: no interface given")
	}
	warn := o.Warnings
	if warn == nil {
		warn = io.Discard
	}
	infos, any, err := resolveInterfaces(o.Interfaces)
	if err != nil {
		return nil, err
	}
	if o.Hook == HookTC {
		if o.Fanout > 1 {
			return nil, errFanoutTC
		}
		if any {
			return nil, errors.New("capture: the tc engine needs named interfaces, not \"any\"")
		}
		return openTC(infos, &o, warn)
	}
	if o.Fanout > 1 {
		return openFanout(infos, any, &o, warn)
	}
	return openSocketEngine(infos, any, &o, warn)
}

// resolveInterfaces looks the names up; "any" must be alone.
func resolveInterfaces(names []string) ([]ifaceInfo, bool, error) {
	var infos []ifaceInfo
	seen := map[int]bool{}
	for _, n := range names {
		if n == "any" {
			if len(names) > 1 {
				return nil, false, errors.New("capture: \"any\" cannot be combined with other interfaces")
			}
			return []ifaceInfo{{name: "any"}}, true, nil
		}
		info, err := lookupInterface(n)
		if err != nil {
			return nil, false, err
		}
		if seen[info.index] {
			return nil, false, fmt.Errorf("capture: interface %s given twice", info.name)
		}
		seen[info.index] = true
		infos = append(infos, info)
	}
	return infos, false, nil
}

// interfaceNames maps the namespace's interface indexes to their names for
// a capture on "any", whose packets say only their interface's index; a
// capture on named interfaces needs none (nil).
func interfaceNames(any bool) map[int]string {
	if !any {
		return nil
	}
	names := map[int]string{}
	if ifs, err := net.Interfaces(); err == nil {
		for _, i := range ifs {
			names[i.Index] = i.Name
		}
	}
	return names
}

func openSocketEngine(infos []ifaceInfo, any bool, o *Options, warn io.Writer) (*Live, error) {
	names := interfaceNames(any)
	l := &Live{}
	var handles []*sockHandle
	for i, info := range infos {
		h, err := openSocket(info, any, i, o, names, warn, nil)
		if err != nil {
			for _, h := range handles {
				h.close()
			}
			return nil, err
		}
		handles = append(handles, h)
		l.ifaces = append(l.ifaces, Interface{Name: h.name, Index: h.ifIndex, LinkType: h.linkType, SnapLen: h.snapLen, Filtering: h.place.String()})
	}
	l.stats = func() Stats {
		var s Stats
		for _, h := range handles {
			s = s.add(h.readStats())
		}
		return s
	}
	sr, err := newSockReader(handles, l.stopped.Load)
	if err != nil {
		for _, h := range handles {
			h.close()
		}
		return nil, err
	}
	l.src = sr
	l.onStop = append(l.onStop, sr.wake)
	l.closers = append(l.closers, func() {
		sr.close()
		for _, h := range handles {
			h.readStats() // keep the final counters
			h.close()
		}
	})
	return l, nil
}

// Interfaces implements Source.
func (l *Live) Interfaces() []Interface { return l.ifaces }

// Stats implements Source.
func (l *Live) Stats() Stats { return l.stats() }

// ReadPacket implements Source. The packet's Data is the caller's.
func (l *Live) ReadPacket(ctx context.Context) (Packet, error) {
	p, err := l.NextPacket(ctx)
	if err == nil {
		p.Data = bytes.Clone(p.Data)
	}
	return p, err
}

// NextPacket is ReadPacket without the copy, as libpcap's pcap_next_ex:
// the packet's Data points into the capture's ring (or a buffer of its
// own) and is valid only until the next call of NextPacket, ReadPacket or
// Close. It is the way to read a capture that writes or prints each packet
// at once.
func (l *Live) NextPacket(ctx context.Context) (Packet, error) {
	if !l.enter() {
		return Packet{}, io.EOF
	}
	defer l.reading.RUnlock()
	return l.src.next(ctx)
}

// enter starts a read: false, with nothing held, once Close has released
// the capture; otherwise the read ends with l.reading.RUnlock().
func (l *Live) enter() bool {
	l.reading.RLock()
	if l.released {
		l.reading.RUnlock()
		return false
	}
	return true
}

// NextPackets is NextPacket for a batch: it fills ps with up to len(ps)
// packets, at least one, and returns how many. Their Data are valid until
// the next call of NextPackets, NextPacket, ReadPacket or Close. At capture
// rates it costs less per packet than NextPacket: the socket engine hands
// over the packets of a ring block in one call.
func (l *Live) NextPackets(ctx context.Context, ps []Packet) (int, error) {
	if !l.enter() {
		return 0, io.EOF
	}
	defer l.reading.RUnlock()
	return l.nextPackets(ctx, ps)
}

// nextPackets is NextPackets inside a read.
func (l *Live) nextPackets(ctx context.Context, ps []Packet) (int, error) {
	if br, ok := l.src.(batchReader); ok {
		return br.nextBatch(ctx, ps)
	}
	if len(ps) == 0 {
		return 0, nil
	}
	p, err := l.src.next(ctx)
	if err != nil {
		return 0, err
	}
	ps[0] = p
	return 1, nil
}

// Stop implements Source.
func (l *Live) Stop() {
	l.stop.Do(func() {
		l.stopped.Store(true)
		for _, wake := range l.onStop {
			wake()
		}
	})
}

// Close implements Source. It may be called while another goroutine
// reads: it stops the capture, which ends that read within about a second,
// and releases the rings once the read has returned; reads after it
// return io.EOF.
func (l *Live) Close() error {
	l.Stop()
	l.closed.Do(func() {
		l.reading.Lock()
		l.released = true
		l.reading.Unlock()
		for _, c := range l.closers {
			c()
		}
	})
	return nil
}
