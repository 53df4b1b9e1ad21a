package capture

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// FanoutMode is how the kernel spreads an interface's packets over the
// sockets of its PACKET_FANOUT group.
type FanoutMode int

// The fanout modes, as packet(7) names them.
const (
	FanoutHash     FanoutMode = iota // by flow hash: a flow stays on one socket (the default)
	FanoutLB                         // round robin
	FanoutCPU                        // by the CPU the packet arrived on
	FanoutRandom                     // at random
	FanoutQueue                      // by the NIC's receive queue
	FanoutRollover                   // fill one socket, move on when it is full
)

// fanoutModes is the one table of the modes: their names on the command
// line and their PACKET_FANOUT_* values.
var fanoutModes = [...]struct {
	name   string
	kernel int
}{
	FanoutHash:     {"hash", unix.PACKET_FANOUT_HASH},
	FanoutLB:       {"lb", unix.PACKET_FANOUT_LB},
	FanoutCPU:      {"cpu", unix.PACKET_FANOUT_CPU},
	FanoutRandom:   {"random", unix.PACKET_FANOUT_RND},
	FanoutQueue:    {"queue", unix.PACKET_FANOUT_QM},
	FanoutRollover: {"rollover", unix.PACKET_FANOUT_ROLLOVER},
}

func (m FanoutMode) String() string {
	if m < 0 || int(m) >= len(fanoutModes) {
		return fmt.Sprintf("FanoutMode(%d)", int(m))
	}
	return fanoutModes[m].name
}

// ParseFanoutMode returns the mode named s (hash, lb, cpu, random, queue,
// rollover).
func ParseFanoutMode(s string) (FanoutMode, error) {
	var names []string
	for m, e := range fanoutModes {
		if e.name == s {
			return FanoutMode(m), nil
		}
		names = append(names, e.name)
	}
	return 0, fmt.Errorf("unknown fanout mode %q: use one of %s", s, strings.Join(names, ", "))
}

// MaxFanout is the most sockets per interface: the kernel's default limit
// of a fanout group's members (PACKET_FANOUT_MAX).
const MaxFanout = 256

// fanoutTimeout is a fanout capture's block timeout when none is given. The
// merge holds a packet until every other socket of the group has shown that
// it holds no earlier one, which can take up to about two block timeouts
// (fanoutReader): a short timeout keeps that delay, and what the rings must
// absorb meanwhile, small. But each socket sees only its share of the rate,
// so at moderate rates its blocks are retired by the timer, not by filling
// up, and every block retired costs the merge a wake-up (several context
// switches in the runtime): on the loaded benchmark machine at 150 kfps of
// 64-byte frames over two sockets, 25 ms cost 1,520 context switches per
// million packets and 0.176 µs per packet, 50 ms 810 and 0.156 µs, 100 ms
// 840 and 0.152 µs (one run each; BENCHMARKS.md). 50 ms has about the
// wake-ups of 100 ms there, and half its worst-case delay.
const fanoutTimeout = 50 * time.Millisecond

// fanoutGroup joins sockets to one PACKET_FANOUT group: the first creates
// it with an id the kernel chooses (so that no other process's group is
// joined by accident), the others join that id.
type fanoutGroup struct {
	mode FanoutMode
	id   int
	made bool
}

func (g *fanoutGroup) join(fd int) error {
	typ := fanoutModes[g.mode].kernel
	if !g.made {
		if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_FANOUT, (typ|unix.PACKET_FANOUT_FLAG_UNIQUEID)<<16); err != nil {
			return fmt.Errorf("create (%s): %w", g.mode, err)
		}
		v, err := unix.GetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_FANOUT)
		if err != nil {
			return fmt.Errorf("read its id: %w", err)
		}
		g.id, g.made = v&0xffff, true
		return nil
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_FANOUT, g.id|typ<<16); err != nil {
		return fmt.Errorf("join group %d (%s): %w", g.id, g.mode, err)
	}
	return nil
}

// openFanout opens o.Fanout sockets per interface, each with its own ring,
// joined in one fanout group per interface.
//
// Start-up is race-free for the whole group: every socket is bound with a
// reject-all filter, joins the group, and only when every socket of every
// group is in place does each get the real filter. Before that no packet
// reaches any ring (a packet the kernel steers to a socket that still
// rejects everything is not captured, which is start-up, as before the
// listening line); after it each packet reaches exactly one socket. Binding
// sockets with the real filter one after the other would let the sockets
// not yet in the group see every packet besides the group: duplicates.
func openFanout(infos []ifaceInfo, any bool, o *Options, warn io.Writer) (*Live, error) {
	if o.Fanout > MaxFanout {
		return nil, fmt.Errorf("capture: fanout of %d sockets per interface: the kernel allows at most %d", o.Fanout, MaxFanout)
	}
	if o.FanoutMode < 0 || int(o.FanoutMode) >= len(fanoutModes) {
		return nil, fmt.Errorf("capture: unknown fanout mode %d", int(o.FanoutMode))
	}
	fo := *o
	if fo.Timeout == 0 && !fo.Immediate {
		fo.Timeout = fanoutTimeout
	}
	names := interfaceNames(any)
	var handles []*sockHandle
	fail := func(err error) (*Live, error) {
		for _, h := range handles {
			h.close()
		}
		return nil, err
	}
	for i, info := range infos {
		g := &fanoutGroup{mode: fo.FanoutMode}
		for range fo.Fanout {
			h, err := openSocket(info, any, i, &fo, names, warn, g.join)
			if err != nil {
				return fail(err)
			}
			handles = append(handles, h)
		}
	}
	l := &Live{}
	for k, h := range handles {
		w := warn
		if k%fo.Fanout != 0 {
			w = io.Discard // the group's first socket said it
		}
		if err := h.installFilter(&fo, w); err != nil {
			return fail(fmt.Errorf("%s: %w", h.name, err))
		}
		if k%fo.Fanout == 0 {
			l.ifaces = append(l.ifaces, Interface{Name: h.name, Index: h.ifIndex, LinkType: h.linkType, SnapLen: h.snapLen, Filtering: h.place.String()})
		}
	}
	fr, err := newFanoutReader(handles, fo.timeout(), l.stopped.Load)
	if err != nil {
		return fail(err)
	}
	l.src = fr
	l.stats = func() Stats {
		var s Stats
		for _, h := range handles {
			s = s.add(h.readStats())
		}
		return s
	}
	l.onStop = append(l.onStop, fr.wake)
	l.closers = append(l.closers, func() {
		fr.close()
		for _, h := range handles {
			h.readStats() // keep the final counters
			h.close()
		}
	})
	return l, nil
}

// SocketStats are the counters of one socket of a fanout capture.
type SocketStats struct {
	Interface string // the interface's name, or "any"
	Socket    int    // the socket's number in its group, from 0
	Stats
}

// SocketStats returns the counters of every socket of a fanout capture
// (Options.Fanout > 1), by interface and socket; nil for other captures,
// whose Stats are already per interface.
func (l *Live) SocketStats() []SocketStats {
	fr, ok := l.src.(*fanoutReader)
	if !ok {
		return nil
	}
	out := make([]SocketStats, len(fr.lanes))
	n := map[int]int{}
	for i, ln := range fr.lanes {
		out[i] = SocketStats{Interface: ln.h.name, Socket: n[ln.h.pos], Stats: ln.h.readStats()}
		n[ln.h.pos]++
	}
	return out
}

// errFanoutTC is the tc engine's answer to Options.Fanout > 1.
var errFanoutTC = errors.New("capture: the tc engine has no fanout (it reads one BPF ring buffer per capture); use the socket engine for a fanout")
