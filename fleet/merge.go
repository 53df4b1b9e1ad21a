package fleet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gocap/gocap/pcapng"
)

// DefaultWindow is how long a packet waits for a stream that has nothing
// queued before it is written anyway (MergeOptions.Window).
const DefaultWindow = time.Second

// DefaultMaxQueued bounds the packets held back by the merge
// (MergeOptions.MaxQueued).
const DefaultMaxQueued = 1 << 16

// Stream is one node's capture: the pcapng stream gocap writes with -w -
// on that node, and what it captured.
type Stream struct {
	Node string    // the node's name
	Pod  string    // "namespace/name" of the pod whose network namespace was captured; "" for the node's own
	R    io.Reader // the pcapng stream (one section, as gocap writes)
}

// label is how the stream names itself in comments and errors.
func (s *Stream) label() string {
	if s.Pod == "" {
		return "node " + s.Node
	}
	return "node " + s.Node + " pod " + s.Pod
}

// MergeOptions configure Merge.
type MergeOptions struct {
	// Window is how long (wall clock, from its arrival) the earliest
	// queued packet waits for a stream that has nothing queued; 0 means
	// DefaultWindow. Streams that keep sending are merged exactly by time
	// stamp whatever the window; the window only bounds the wait on a
	// silent one.
	Window time.Duration
	// MaxQueued bounds the packets held back; when reached the earliest is
	// written without waiting. 0 means DefaultMaxQueued.
	MaxQueued int
	// Count ends the merge's writing after this many packets (-c); 0 means
	// no limit. Stop is then called once; the streams are still read to
	// their end for their statistics.
	Count uint64
	// Stop is called once when Count packets have been written.
	Stop func()
}

// StreamResult is what one stream delivered.
type StreamResult struct {
	Node, Pod  string
	Packets    uint64   // packets written to the merged output
	Interfaces []string // its interfaces' names, as the node's gocap wrote them
	Err        error    // why the stream ended early; nil when it ended cleanly
}

// Summary is what Merge did.
type Summary struct {
	Streams []StreamResult
	Packets uint64 // packets written
	// Late counts packets written after a packet of a later time stamp:
	// a stream silent for longer than the window (or a clock skewed by
	// more) delivered them too late to be put in order.
	Late uint64
	// Dropped counts packets read after Count was reached.
	Dropped uint64
}

// Failed reports the streams that ended with an error.
func (s *Summary) Failed() []StreamResult {
	var out []StreamResult
	for _, r := range s.Streams {
		if r.Err != nil {
			out = append(out, r)
		}
	}
	return out
}

// item is what a stream's reader hands the merge: a packet (with its
// interface's description the first time the interface appears), or the
// stream's end.
type item struct {
	lane    int
	pkt     pcapng.Packet
	arrived time.Time
	ifc     *pcapng.Interface
	end     bool
	ifaces  []pcapng.Interface // at the end: every interface the stream declared, by number (pcapng.FileInterfaces)
	stats   []*pcapng.Stats    // at the end: each one's last statistics, or nil
	err     error
}

type mergeLane struct {
	src     *Stream
	queue   []item
	head    int
	done    bool
	ifaces  map[int]pcapng.Interface // the stream's interface id → its description
	outID   map[int]int              // the stream's interface id → the output's
	res     StreamResult
	endItem item
}

func (l *mergeLane) queued() int { return len(l.queue) - l.head }

func (l *mergeLane) push(it item) {
	if l.head > 0 && l.head == len(l.queue) {
		l.queue, l.head = l.queue[:0], 0
	}
	l.queue = append(l.queue, it)
}

func (l *mergeLane) pop() item {
	it := l.queue[l.head]
	l.queue[l.head] = item{}
	l.head++
	return it
}

// Merge reads every stream's pcapng and writes one time-ordered capture to
// w: one interface (IDB) per (node, interface), named "node:interface",
// described with the node and pod; each packet with a comment naming its
// node and pod; at the end, each stream's statistics as its interfaces'
// Interface Statistics Blocks (written by w.Close, which the caller
// calls).
//
// The merge is bounded: a packet is written once every stream that has not
// ended has a packet queued (so none can still deliver an earlier one), or
// once it has waited Window for a silent stream, or when MaxQueued packets
// are held. A stream that fails (its reader errs, or its pcapng is
// corrupt) is recorded in the summary and the others go on. Merge returns
// when every stream has ended, or with ctx's error when ctx is done.
func Merge(ctx context.Context, w pcapng.PacketWriter, streams []Stream, opts MergeOptions) (Summary, error) {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.MaxQueued <= 0 {
		opts.MaxQueued = DefaultMaxQueued
	}
	m := &merger{w: w, opts: opts, in: make(chan item, 256), quit: make(chan struct{})}
	defer close(m.quit)
	for i := range streams {
		m.lanes = append(m.lanes, &mergeLane{src: &streams[i], ifaces: map[int]pcapng.Interface{}, outID: map[int]int{},
			res: StreamResult{Node: streams[i].Node, Pod: streams[i].Pod}})
		go m.read(i, streams[i].R)
	}
	err := m.run(ctx)
	sum := Summary{Packets: m.written, Late: m.late, Dropped: m.dropped}
	for _, l := range m.lanes {
		sum.Streams = append(sum.Streams, l.res)
	}
	return sum, err
}

type merger struct {
	w       pcapng.PacketWriter
	opts    MergeOptions
	lanes   []*mergeLane
	in      chan item
	quit    chan struct{}
	ended   int
	total   int // packets queued
	written uint64
	late    uint64
	dropped uint64
	lastTS  time.Time
	stopped bool
}

// read is one stream's reader goroutine.
func (m *merger) read(lane int, r io.Reader) {
	send := func(it item) bool {
		select {
		case m.in <- it:
			return true
		case <-m.quit:
			return false
		}
	}
	pr, err := pcapng.Open(r)
	if err != nil {
		send(item{lane: lane, end: true, err: fmt.Errorf("reading the capture stream: %w", err)})
		return
	}
	// A packet's interface is keyed by its number across the stream's
	// sections; its description goes with the interface's first packet.
	var ifaces pcapng.FileInterfaces
	for {
		p, err := pr.ReadPacket()
		if err != nil {
			// Every interface of the last section is declared, with its
			// statistics; earlier sections' statistics are gone.
			for id := range pr.Interfaces() {
				ifaces.Number(pr, id)
			}
			end := item{lane: lane, end: true}
			for n := 0; n < ifaces.Len(); n++ {
				ifc, _ := ifaces.Interface(n)
				end.ifaces = append(end.ifaces, ifc)
				end.stats = append(end.stats, nil)
			}
			for id := range pr.Interfaces() {
				n, _, _ := ifaces.Number(pr, id)
				if s, ok := pr.Statistics(id); ok {
					end.stats[n] = &s
				}
			}
			if !errors.Is(err, io.EOF) {
				end.err = fmt.Errorf("reading the capture stream: %w", err)
			}
			send(end)
			return
		}
		it := item{lane: lane, pkt: p, arrived: time.Now()}
		it.pkt.Data = append([]byte(nil), p.Data...)
		n, added, _ := ifaces.Number(pr, p.InterfaceID)
		it.pkt.InterfaceID = n
		if added {
			ifc, _ := ifaces.Interface(n)
			it.ifc = &ifc
		}
		if !send(it) {
			return
		}
	}
}

func (m *merger) run(ctx context.Context) error {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for m.ended < len(m.lanes) || m.total > 0 {
		// Take everything already waiting, without blocking.
		for drained := false; !drained; {
			select {
			case it := <-m.in:
				m.take(it)
			default:
				drained = true
			}
		}
		if err := m.emitReady(time.Now()); err != nil {
			return err
		}
		if m.ended == len(m.lanes) && m.total == 0 {
			break
		}
		// Wait for more, for the earliest packet's window to pass, or ctx.
		var wake <-chan time.Time
		if l := m.earliest(); l != nil {
			d := time.Until(l.queue[l.head].arrived.Add(m.opts.Window))
			if d < 0 {
				d = 0
			}
			timer.Reset(d)
			wake = timer.C
		}
		select {
		case it := <-m.in:
			m.take(it)
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
		if wake != nil && !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
	// Every stream has ended: its interfaces that carried no packet are
	// declared too, and every interface's statistics recorded.
	for _, l := range m.lanes {
		for id, ifc := range l.endItem.ifaces {
			if _, ok := l.outID[id]; !ok {
				if _, err := m.declare(l, id, ifc); err != nil {
					return err
				}
			}
			if id < len(l.endItem.stats) && l.endItem.stats[id] != nil {
				if err := m.w.WriteStatistics(l.outID[id], *l.endItem.stats[id]); err != nil {
					return fmt.Errorf("fleet: %s: statistics: %w", l.src.label(), err)
				}
			}
		}
	}
	return nil
}

func (m *merger) take(it item) {
	l := m.lanes[it.lane]
	if it.end {
		l.done = true
		l.endItem = it
		l.res.Err = it.err
		for _, ifc := range it.ifaces {
			l.res.Interfaces = append(l.res.Interfaces, ifc.Name)
		}
		m.ended++
		return
	}
	if it.ifc != nil {
		l.ifaces[it.pkt.InterfaceID] = *it.ifc
	}
	if m.stopped {
		m.dropped++
		return
	}
	l.push(it)
	m.total++
}

// earliest is the lane whose queued packet has the earliest time stamp.
func (m *merger) earliest() *mergeLane {
	var best *mergeLane
	for _, l := range m.lanes {
		if l.queued() == 0 {
			continue
		}
		if best == nil || l.queue[l.head].pkt.Timestamp.Before(best.queue[best.head].pkt.Timestamp) {
			best = l
		}
	}
	return best
}

// emitReady writes queued packets while the earliest may be written.
func (m *merger) emitReady(now time.Time) error {
	for {
		best := m.earliest()
		if best == nil {
			return nil
		}
		silent := false
		for _, l := range m.lanes {
			if !l.done && l.queued() == 0 {
				silent = true
				break
			}
		}
		if silent && m.total < m.opts.MaxQueued && now.Sub(best.queue[best.head].arrived) < m.opts.Window {
			return nil
		}
		it := best.pop()
		m.total--
		if err := m.write(best, &it); err != nil {
			return err
		}
	}
}

func (m *merger) declare(l *mergeLane, id int, ifc pcapng.Interface) (int, error) {
	desc := "node " + l.src.Node
	if l.src.Pod != "" {
		desc += ", pod " + l.src.Pod
	}
	if ifc.Description != "" {
		desc += ": " + ifc.Description
	}
	ifc = ifc.Writable()
	ifc.Description = desc
	ifc.Name = l.src.Node + ":" + ifc.Name
	out, err := m.w.AddInterface(ifc)
	if err != nil {
		return 0, fmt.Errorf("fleet: %s: interface %s: %w", l.src.label(), ifc.Name, err)
	}
	l.outID[id] = out
	return out, nil
}

func (m *merger) write(l *mergeLane, it *item) error {
	if m.stopped {
		m.dropped++
		return nil
	}
	id := it.pkt.InterfaceID
	out, ok := l.outID[id]
	if !ok {
		ifc, known := l.ifaces[id]
		if !known {
			return fmt.Errorf("fleet: %s: packet on undeclared interface %d", l.src.label(), id)
		}
		var err error
		if out, err = m.declare(l, id, ifc); err != nil {
			return err
		}
	}
	p := it.pkt
	p.InterfaceID = out
	comment := "node=" + l.src.Node
	if l.src.Pod != "" {
		comment += " pod=" + l.src.Pod
	}
	if p.Comment != "" {
		comment += "\n" + p.Comment
	}
	p.Comment = comment
	if p.Timestamp.Before(m.lastTS) {
		m.late++
	} else {
		m.lastTS = p.Timestamp
	}
	if err := m.w.WritePacket(p); err != nil {
		return fmt.Errorf("fleet: writing the merged capture: %w", err)
	}
	m.written++
	l.res.Packets++
	if m.opts.Count > 0 && m.written >= m.opts.Count {
		m.stopped = true
		m.dropped += uint64(m.total)
		for _, ln := range m.lanes {
			ln.queue, ln.head = nil, 0
		}
		m.total = 0
		if m.opts.Stop != nil {
			m.opts.Stop()
		}
	}
	return nil
}
