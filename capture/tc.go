package capture

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/linktype"
)

// tcEngine is the state of a tc capture: the shared maps, one program per
// direction, and one link per interface and direction.
type tcEngine struct {
	rb, wake, counters *ebpf.Map
	progs              []*ebpf.Program
	links              []link.Link
	nl                 *rtnl       // clsact fallback
	filters            []clsFilter // cls_bpf filters added by the fallback
	createdQdisc       []int       // ifindexes where the fallback created clsact
	ifaces             []Interface
	pos                map[int]int    // ifindex → position
	others             map[int]string // ifindex → name of an interface not captured (lookup's, asked once each)
	snapLen            int
	monoToReal         int64 // CLOCK_MONOTONIC (bpf_ktime_get_ns) to Unix time
	delivered          atomic.Uint64
	mu                 sync.Mutex
	final              *Stats // counters read just before the maps were closed
	closeOnce          sync.Once
}

// openTC loads the tc programs and attaches them with TCX links on ingress
// and egress (as -Q allows) of every interface.
func openTC(infos []ifaceInfo, o *Options, warn io.Writer) (_ *Live, err error) {
	e := &tcEngine{snapLen: o.snapLen(), pos: map[int]int{}, others: map[int]string{}}
	defer func() {
		if err != nil {
			e.close()
		}
	}()
	if err := e.checkInterfaces(infos); err != nil {
		return nil, err
	}
	rbSize := ringBufferSize(o)
	if err := e.createMaps(rbSize); err != nil {
		return nil, err
	}
	prog, err := tcFilter(o, e.snapLen)
	if err != nil {
		return nil, err
	}
	dirs := tcDirections(o.Direction)
	byDir, err := e.loadPrograms(prog, dirs, tcProgramConfig{snapLen: e.snapLen, wakeAt: wakeThreshold(rbSize, o.Immediate), cookie: o.SocketCookies}, o.VerifierLog)
	if err != nil {
		return nil, err
	}
	for _, info := range infos {
		how, err := e.attach(info, dirs, byDir)
		if err != nil {
			return nil, err
		}
		e.ifaces = append(e.ifaces, Interface{Name: info.name, Index: info.index, LinkType: linktype.Ethernet, SnapLen: e.snapLen, Filtering: how})
	}
	return e.start(o, rbSize)
}

// checkInterfaces refuses interfaces the tc engine cannot capture on and
// numbers the others.
func (e *tcEngine) checkInterfaces(infos []ifaceInfo) error {
	for i, info := range infos {
		if !info.up {
			return fmt.Errorf("%s: %w", info.name, ErrInterfaceDown)
		}
		if info.hwType != arphrdEther && info.hwType != arphrdLoopback {
			return fmt.Errorf("tc: %s: only Ethernet interfaces are supported (ARPHRD %d)", info.name, info.hwType)
		}
		e.pos[info.index] = i
	}
	return nil
}

// ringBufferSize is -B as a BPF ring buffer size: a power-of-two number of
// pages, at least 1 MiB unless -B asks for less; DefaultTCBufferSize
// without -B.
func ringBufferSize(o *Options) int {
	want := o.BufferSize
	if want <= 0 {
		want = DefaultTCBufferSize
	}
	rbSize := 1 << 20
	for rbSize < want {
		rbSize <<= 1
	}
	if o.BufferSize > 0 && o.BufferSize < rbSize {
		// A tiny -B is honoured down to one page.
		rbSize = os.Getpagesize()
		for rbSize < o.BufferSize {
			rbSize <<= 1
		}
	}
	return rbSize
}

// createMaps creates the ring buffer, the reader's wake-up word and the
// per-CPU counters.
func (e *tcEngine) createMaps(rbSize int) (err error) {
	if e.rb, err = newMap(&ebpf.MapSpec{Name: "gocap_rb", Type: ebpf.RingBuf, MaxEntries: uint32(rbSize)}); err != nil {
		return err
	}
	// Two words the reader sets before it sleeps (see wakeFlags), mapped
	// into the process.
	if e.wake, err = newMap(&ebpf.MapSpec{Name: "gocap_wake", Type: ebpf.Array, KeySize: 4, ValueSize: 8,
		MaxEntries: 1, Flags: unix.BPF_F_MMAPABLE}); err != nil {
		return err
	}
	e.counters, err = newMap(&ebpf.MapSpec{Name: "gocap_stats", Type: ebpf.PerCPUArray, KeySize: 4,
		ValueSize: 16, MaxEntries: 1})
	return err
}

// tcFilter is the classic program the hook runs: the compiled filter, or
// one that accepts everything up to the snap length.
func tcFilter(o *Options, snapLen int) ([]bpf.RawInstruction, error) {
	prog := acceptAll(uint32(snapLen))
	if o.Filter != nil {
		p, err := o.Filter(linktype.Ethernet, uint32(snapLen))
		if err != nil {
			return nil, fmt.Errorf("compile filter for %s: %w", linktype.Ethernet, err)
		}
		if len(p) > 0 {
			prog = p
		}
	}
	return prog, nil
}

// tcDirection is one of the hooks a capture attaches to.
type tcDirection struct {
	egress bool
	attach ebpf.AttachType
}

// tcDirections are the hooks -Q asks for.
func tcDirections(dir DirectionFilter) []tcDirection {
	var dirs []tcDirection
	if dir != DirOut {
		dirs = append(dirs, tcDirection{false, ebpf.AttachTCXIngress})
	}
	if dir != DirIn {
		dirs = append(dirs, tcDirection{true, ebpf.AttachTCXEgress})
	}
	return dirs
}

// loadPrograms loads one program per direction.
func (e *tcEngine) loadPrograms(prog []bpf.RawInstruction, dirs []tcDirection, cfg tcProgramConfig, verifierLog bool) (map[bool]*ebpf.Program, error) {
	byDir := map[bool]*ebpf.Program{}
	for _, d := range dirs {
		cfg.egress = d.egress
		spec, err := tcProgramSpec(prog, cfg, e.rb, e.wake, e.counters)
		if err != nil {
			return nil, err
		}
		p, err := loadProgram(spec, verifierLog)
		if err != nil {
			if errors.Is(err, ErrPermission) {
				return nil, permissionError("tc: load program", err, "CAP_BPF", "CAP_NET_ADMIN")
			}
			return nil, fmt.Errorf("tc: %w", err)
		}
		e.progs = append(e.progs, p)
		byDir[d.egress] = p
	}
	return byDir, nil
}

// attach attaches the programs to one interface with TCX, or with a clsact
// qdisc where TCX is missing (kernel < 6.6), and says which.
func (e *tcEngine) attach(info ifaceInfo, dirs []tcDirection, byDir map[bool]*ebpf.Program) (string, error) {
	how := "tc (eBPF, TCX)"
	for _, d := range dirs {
		if !testSwitches.forceClsact {
			lk, err := link.AttachTCX(link.TCXOptions{Interface: info.index, Program: byDir[d.egress], Attach: d.attach})
			if err == nil {
				e.links = append(e.links, lk)
				continue
			}
			if isPerm(err) {
				return "", permissionError("tc: attach to "+info.name, err, "CAP_NET_ADMIN", "CAP_BPF")
			}
			if !errors.Is(err, ebpf.ErrNotSupported) {
				return "", fmt.Errorf("tc: attach to %s (%s): %w", info.name, d.attach, err)
			}
		}
		// No TCX (kernel < 6.6): a clsact qdisc and a cls_bpf filter.
		if err := e.attachClsact(info, d.egress, byDir[d.egress]); err != nil {
			return "", err
		}
		how = "tc (eBPF, clsact)"
	}
	return how, nil
}

// start makes the Live whose reader drains the ring buffer.
func (e *tcEngine) start(o *Options, rbSize int) (*Live, error) {
	l := &Live{stats: e.stats, ifaces: e.ifaces}
	var mono unix.Timespec
	_ = unix.ClockGettime(unix.CLOCK_MONOTONIC, &mono)
	e.monoToReal = time.Now().UnixNano() - mono.Nano()
	r, err := newTCReader(e, rbSize, wakeThreshold(rbSize, o.Immediate), o.timeout(), l.stopped.Load)
	if err != nil {
		return nil, err
	}
	l.src = r
	// Stop wakes the reader, which detaches everything (nothing new
	// arrives), reads what the ring buffer holds and ends with io.EOF.
	l.onStop = append(l.onStop, r.wake)
	l.closers = append(l.closers, func() {
		e.close()
		r.close()
	})
	return l, nil
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
		for _, p := range e.progs {
			_ = p.Close()
		}
		for _, m := range []*ebpf.Map{e.rb, e.wake, e.counters} {
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
	s.Matched = e.delivered.Load()
	return s
}
