package capture

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/linktype"
)

// tcEngine is the state of a tc capture: the shared maps, one program per
// direction, and one link per interface and direction.
type tcEngine struct {
	rb, scratch, counters *ebpf.Map
	progs                 []*ebpf.Program
	links                 []link.Link
	nl                    *rtnl       // clsact fallback
	filters               []clsFilter // cls_bpf filters added by the fallback
	createdQdisc          []int       // ifindexes where the fallback created clsact
	reader                *ringbuf.Reader
	ifaces                []Interface
	pos                   map[int]int // ifindex → position
	snapLen               int
	monoToReal            int64
	mu                    sync.Mutex
	matched               uint64
	final                 *Stats // counters read just before the maps were closed
	closeOnce             sync.Once
}

// openTC loads the tc programs and attaches them with TCX links on ingress
// and egress (as -Q allows) of every interface.
func openTC(infos []ifaceInfo, o *Options, warn io.Writer) (_ *Live, err error) {
	e := &tcEngine{snapLen: o.snapLen(), pos: map[int]int{}}
	defer func() {
		if err != nil {
			e.close()
		}
	}()
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("tc: count CPUs: %w", err)
	}
	rbSize := 1 << 20 // the ring buffer size must be a power-of-two number of pages
	for rbSize < o.bufferSize() {
		rbSize <<= 1
	}
	if o.BufferSize > 0 && o.BufferSize < rbSize {
		// A tiny -B is honoured down to one page.
		rbSize = os.Getpagesize()
		for rbSize < o.BufferSize {
			rbSize <<= 1
		}
	}
	if e.rb, err = newMap(&ebpf.MapSpec{Name: "gocap_rb", Type: ebpf.RingBuf, MaxEntries: uint32(rbSize)}); err != nil {
		return nil, err
	}
	if e.scratch, err = newMap(&ebpf.MapSpec{Name: "gocap_scratch", Type: ebpf.Array, KeySize: 4,
		ValueSize: uint32(recHeaderLen + e.snapLen), MaxEntries: uint32(ncpu)}); err != nil {
		return nil, err
	}
	if e.counters, err = newMap(&ebpf.MapSpec{Name: "gocap_stats", Type: ebpf.PerCPUArray, KeySize: 4,
		ValueSize: 16, MaxEntries: 1}); err != nil {
		return nil, err
	}

	var links []struct {
		egress bool
		attach ebpf.AttachType
	}
	if o.Direction != DirOut {
		links = append(links, struct {
			egress bool
			attach ebpf.AttachType
		}{false, ebpf.AttachTCXIngress})
	}
	if o.Direction != DirIn {
		links = append(links, struct {
			egress bool
			attach ebpf.AttachType
		}{true, ebpf.AttachTCXEgress})
	}
	for i, info := range infos {
		if !info.up {
			return nil, fmt.Errorf("%s: %w", info.name, ErrInterfaceDown)
		}
		if info.hwType != arphrdEther && info.hwType != arphrdLoopback {
			return nil, fmt.Errorf("tc: %s: only Ethernet interfaces are supported (ARPHRD %d)", info.name, info.hwType)
		}
		e.pos[info.index] = i
	}
	prog := acceptAll(uint32(e.snapLen))
	if o.Filter != nil {
		p, err := o.Filter(linktype.Ethernet, uint32(e.snapLen))
		if err != nil {
			return nil, fmt.Errorf("compile filter for %s: %w", linktype.Ethernet, err)
		}
		if len(p) > 0 {
			prog = p
		}
	}
	byDir := map[bool]*ebpf.Program{}
	for _, l := range links {
		spec, err := tcProgramSpec(prog, l.egress, e.snapLen, e.rb, e.scratch, e.counters)
		if err != nil {
			return nil, err
		}
		p, err := loadProgram(spec, o.VerifierLog)
		if err != nil {
			if errors.Is(err, ErrPermission) {
				return nil, permissionError("tc: load program", err, "CAP_BPF", "CAP_NET_ADMIN")
			}
			return nil, fmt.Errorf("tc: %w", err)
		}
		e.progs = append(e.progs, p)
		byDir[l.egress] = p
	}
	for _, info := range infos {
		how := "tc (eBPF, TCX)"
		for _, l := range links {
			if !o.forceClsact {
				lk, err := link.AttachTCX(link.TCXOptions{Interface: info.index, Program: byDir[l.egress], Attach: l.attach})
				if err == nil {
					e.links = append(e.links, lk)
					continue
				}
				if isPerm(err) {
					return nil, permissionError("tc: attach to "+info.name, err, "CAP_NET_ADMIN", "CAP_BPF")
				}
				if !errors.Is(err, ebpf.ErrNotSupported) {
					return nil, fmt.Errorf("tc: attach to %s (%s): %w", info.name, l.attach, err)
				}
			}
			// No TCX (kernel < 6.6): a clsact qdisc and a cls_bpf filter.
			if err := e.attachClsact(info, l.egress, byDir[l.egress]); err != nil {
				return nil, err
			}
			how = "tc (eBPF, clsact)"
		}
		e.ifaces = append(e.ifaces, Interface{Name: info.name, Index: info.index, LinkType: linktype.Ethernet, SnapLen: e.snapLen, Filtering: how})
	}
	if e.reader, err = ringbuf.NewReader(e.rb); err != nil {
		return nil, fmt.Errorf("tc: ring buffer reader: %w", err)
	}
	var mono unix.Timespec
	_ = unix.ClockGettime(unix.CLOCK_MONOTONIC, &mono)
	e.monoToReal = time.Now().UnixNano() - mono.Nano()

	r := &tcReader{out: make(chan []Packet, 64)}
	l := &Live{ifaces: e.ifaces, stats: e.stats, src: r}
	go func() {
		defer close(r.out)
		if err := e.run(r.out); err != nil {
			r.setErr(err)
			l.Stop()
		}
	}()
	// Stop detaches first, so that nothing new arrives, then lets the
	// reader drain the ring buffer; Stop itself does not wait for that.
	l.onStop = append(l.onStop, func() {
		go func() {
			e.detach()
			_ = e.reader.Flush()
		}()
	})
	// Drained first, so that the reading goroutine can finish.
	l.closers = append(l.closers, r.drain, e.close)
	return l, nil
}

// tcReader is the tc engine's consumer side: the packets the engine's
// goroutine reads from the BPF ring buffer come through out.
type tcReader struct {
	out   chan []Packet
	pkts  []Packet
	errMu sync.Mutex
	err   error
}

func (r *tcReader) next(ctx context.Context) (Packet, error) {
	for len(r.pkts) == 0 {
		select {
		case b, ok := <-r.out:
			if !ok {
				r.errMu.Lock()
				defer r.errMu.Unlock()
				if r.err != nil {
					return Packet{}, r.err
				}
				return Packet{}, io.EOF
			}
			r.pkts = b
		case <-ctx.Done():
			return Packet{}, ctx.Err()
		}
	}
	p := r.pkts[0]
	r.pkts[0] = Packet{}
	r.pkts = r.pkts[1:]
	return p, nil
}

func (r *tcReader) setErr(err error) {
	r.errMu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.errMu.Unlock()
}

// drain discards what the consumer left unread until the engine's
// goroutine has finished.
func (r *tcReader) drain() {
	for range r.out {
	}
}

func newMap(spec *ebpf.MapSpec) (*ebpf.Map, error) {
	m, err := ebpf.NewMap(spec)
	if err != nil {
		if errors.Is(err, unix.EPERM) {
			return nil, permissionError("tc: create map "+spec.Name, err, "CAP_BPF")
		}
		return nil, fmt.Errorf("tc: create map %s: %w", spec.Name, err)
	}
	return m, nil
}

// attachClsact is the fallback attachment: it adds a clsact qdisc when the
// interface has none (and remembers to remove it) and a cls_bpf filter.
func (e *tcEngine) attachClsact(info ifaceInfo, egress bool, prog *ebpf.Program) error {
	if e.nl == nil {
		nl, err := openRtnl()
		if err != nil {
			return fmt.Errorf("tc: %w", err)
		}
		e.nl = nl
	}
	created, err := e.nl.addClsact(info.index)
	if err != nil {
		if isPerm(err) {
			return permissionError("tc: "+info.name, err, "CAP_NET_ADMIN")
		}
		return fmt.Errorf("tc: %s: %w", info.name, err)
	}
	if created {
		e.createdQdisc = append(e.createdQdisc, info.index)
	}
	f, err := e.nl.addBPFFilter(info.index, egress, prog.FD(), "gocap")
	if err != nil {
		return fmt.Errorf("tc: %s: %w", info.name, err)
	}
	e.filters = append(e.filters, f)
	return nil
}

// detach removes every link and filter, and the clsact qdiscs the engine
// created if nobody else put filters on them meanwhile; the programs stay
// loaded until close.
func (e *tcEngine) detach() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, l := range e.links {
		_ = l.Close()
	}
	e.links = nil
	if e.nl == nil {
		return
	}
	for _, f := range e.filters {
		_ = e.nl.delFilter(f)
	}
	e.filters = nil
	for _, idx := range e.createdQdisc {
		in, err1 := e.nl.hasFilters(idx, tcHClsact&0xffff0000|tcHMinIngress)
		out, err2 := e.nl.hasFilters(idx, tcHClsact&0xffff0000|tcHMinEgress)
		if err1 == nil && err2 == nil && !in && !out {
			_ = e.nl.delClsact(idx)
		}
	}
	e.createdQdisc = nil
	e.nl.close()
	e.nl = nil
}

func (e *tcEngine) close() {
	e.closeOnce.Do(func() {
		e.detach()
		st := e.stats()
		e.mu.Lock()
		e.final = &st
		e.mu.Unlock()
		if e.reader != nil {
			_ = e.reader.Close()
		}
		for _, p := range e.progs {
			_ = p.Close()
		}
		for _, m := range []*ebpf.Map{e.rb, e.scratch, e.counters} {
			if m != nil {
				_ = m.Close()
			}
		}
	})
}

func (e *tcEngine) stats() Stats {
	e.mu.Lock()
	if e.final != nil {
		s := *e.final
		e.mu.Unlock()
		return s
	}
	e.mu.Unlock()
	var s Stats
	if e.counters != nil {
		var per []tcCounters
		if err := e.counters.Lookup(uint32(0), &per); err == nil {
			for _, c := range per {
				s.Received += c.Matched
				s.Dropped += c.Dropped
			}
		}
	}
	e.mu.Lock()
	s.Matched = e.matched
	e.mu.Unlock()
	return s
}

// run reads records until the ring buffer is flushed after Stop.
func (e *tcEngine) run(out chan<- []Packet) error {
	var rec ringbuf.Record
	var batch []Packet
	for {
		err := e.reader.ReadInto(&rec)
		if err != nil {
			if len(batch) > 0 {
				out <- batch
			}
			if errors.Is(err, ringbuf.ErrFlushed) || errors.Is(err, ringbuf.ErrClosed) {
				return nil
			}
			return fmt.Errorf("tc: read ring buffer: %w", err)
		}
		p, err := e.decode(rec.RawSample)
		if err != nil {
			return err
		}
		batch = append(batch, p)
		e.mu.Lock()
		e.matched++
		e.mu.Unlock()
		if len(batch) >= 256 || rec.Remaining == 0 {
			out <- batch
			batch = nil
		}
	}
}

// decode turns a ring buffer record into a Packet.
func (e *tcEngine) decode(r []byte) (Packet, error) {
	if len(r) < recHeaderLen {
		return Packet{}, fmt.Errorf("tc: short ring buffer record (%d bytes)", len(r))
	}
	ne := binary.NativeEndian
	ts := int64(ne.Uint64(r[recTime:])) + e.monoToReal
	ifIndex := int(ne.Uint32(r[recIfIndex:]))
	wire := int(ne.Uint32(r[recWireLen:]))
	capLen := int(ne.Uint32(r[recCapLen:]))
	tci := uint16(ne.Uint32(r[recVlanTCI:]))
	tpid := htons(uint16(ne.Uint32(r[recVlanProto:])))
	dir := Direction(r[recFlags])
	vlan := r[recFlags+1] != 0
	if recHeaderLen+capLen > len(r) {
		return Packet{}, fmt.Errorf("tc: record of %d bytes claims %d captured", len(r), capLen)
	}
	kdata := r[recHeaderLen : recHeaderLen+capLen]
	var data []byte
	if vlan && len(kdata) >= 12 {
		if tpid == 0 {
			tpid = 0x8100
		}
		data = make([]byte, len(kdata)+4)
		copy(data, kdata[:12])
		binary.BigEndian.PutUint16(data[12:], tpid)
		binary.BigEndian.PutUint16(data[14:], tci)
		copy(data[16:], kdata[12:])
		wire += 4
	} else {
		data = append([]byte(nil), kdata...)
	}
	if len(data) > e.snapLen {
		data = data[:e.snapLen]
	}
	pos := e.pos[ifIndex]
	name := ""
	if i, ok := e.pos[ifIndex]; ok {
		name = e.ifaces[i].Name
	} else if ifc, err := net.InterfaceByIndex(ifIndex); err == nil {
		name = ifc.Name
	}
	return Packet{
		Timestamp: time.Unix(0, ts),
		Data:      data,
		Length:    wire,
		LinkType:  linktype.Ethernet,
		IfIndex:   ifIndex,
		IfName:    name,
		Interface: pos,
		Direction: dir,
	}, nil
}
