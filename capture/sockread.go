package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// sockReader is the socket engine's consumer side. It reads the rings of
// the capture's sockets itself, in place, in the goroutine that calls
// Live.NextPacket, as libpcap does: no copy and no hand-over between
// goroutines, which at capture rates cost more CPU than everything else
// per packet (BENCHMARKS.md, issue 8). It sleeps in the runtime's poller, not in
// poll(2), on one epoll instance that holds every socket: a thread blocked
// in a system call has its P taken away and keeps sysmon waking every
// 20 µs. While the rings are busy it naps instead (busyNap), so that the
// kernel's signal for each block it closes finds nobody to wake.
//
// After Stop it stops the kernel from adding packets (a reject-all filter
// on every socket), reads the blocks already filled, and finally the
// blocks the kernel was still filling — the kernel retires a partly filled
// block only when its timer fires, up to two block timeouts later, and
// Stop must neither wait that long nor lose them.
type sockReader struct {
	handles []*sockHandle
	stopped func() bool
	ctxWake ctxWake  // wakes a wait when its context ends
	ep      *os.File // the epoll instance, non-blocking, in the poller
	rc      syscall.RawConn
	events  [8]unix.EpollEvent

	rr      int         // round robin: the socket to look at first
	cur     *sockHandle // the socket whose block is being read
	curFill bool        // that block is one the kernel was still filling
	frames  frameIter
	frame   frame
	scratch []byte // next's packets built outside the ring
	limit   int    // AppendRecords: at most this many packets
	arena   []byte // nextBatch's packets built outside the ring, one after another

	draining bool // stopped: reading what the rings hold
	filled   int  // sockets whose filling block has been read
	nap      napper
	err      error
}

func newSockReader(handles []*sockHandle, stopped func() bool) (*sockReader, error) {
	ep, rc, err := pollSockets(handles)
	if err != nil {
		return nil, err
	}
	return &sockReader{handles: handles, stopped: stopped, ep: ep, rc: rc, nap: newNapper(handles)}, nil
}

// pollSockets returns an epoll instance that holds the handles' sockets
// (edge-triggered: a new block is a new event), non-blocking, so that the
// reader sleeps in the runtime's poller.
func pollSockets(handles []*sockHandle) (*os.File, syscall.RawConn, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, nil, fmt.Errorf("epoll_create1: %w", err)
	}
	for _, h := range handles {
		ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLERR | unix.EPOLLET, Fd: int32(h.fd)}
		if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, h.fd, &ev); err != nil {
			unix.Close(epfd)
			return nil, nil, fmt.Errorf("%s: epoll_ctl: %w", h.name, err)
		}
	}
	if err := unix.SetNonblock(epfd, true); err != nil {
		unix.Close(epfd)
		return nil, nil, fmt.Errorf("epoll: %w", err)
	}
	ep := os.NewFile(uintptr(epfd), "epoll")
	rc, err := ep.SyscallConn()
	if err != nil {
		ep.Close()
		return nil, nil, fmt.Errorf("epoll: %w", err)
	}
	return ep, rc, nil
}

// wake makes a waiting next look at stopped() again.
func (r *sockReader) wake() { _ = r.ep.SetReadDeadline(time.Now()) }

func (r *sockReader) close() {
	r.ctxWake.release()
	_ = r.ep.Close()
}

// next returns the next packet; its Data is valid until the next call.
func (r *sockReader) next(ctx context.Context) (Packet, error) {
	if r.err != nil {
		return Packet{}, r.err
	}
	for {
		if h := r.cur; h != nil {
			for r.frames.next(&r.frame) {
				var p Packet
				if h.packet(&r.frame, &r.scratch, &p) {
					h.matched.Add(1)
					return p, nil
				}
			}
			if !r.curFill {
				h.ring.release()
			}
			r.cur = nil
			if err := r.frames.err; err != nil {
				r.err = fmt.Errorf("%s: %w", h.name, err)
				return Packet{}, r.err
			}
			continue
		}
		if !r.draining && r.stopped() {
			for _, h := range r.handles {
				_ = attachClassic(h.fd, rejectAll)
			}
			// Copies into the ring in progress finish within this grace
			// period (they run in softirq context, microseconds).
			time.Sleep(5 * time.Millisecond)
			r.draining = true
		}
		if r.take() {
			continue
		}
		if r.draining {
			for r.cur == nil && r.filled < len(r.handles) {
				h := r.handles[r.filled]
				r.filled++
				if block, ok := h.ring.filling(); ok {
					r.start(h, block, true)
				}
			}
			if r.cur != nil {
				continue
			}
			return Packet{}, io.EOF
		}
		if err := r.wait(ctx); err != nil {
			if !errors.Is(err, ctx.Err()) {
				r.err = err
			}
			return Packet{}, err
		}
	}
}

// nextBatch fills ps with the next packets, at least one and all from the
// ring block being read, and returns how many; their Data stay valid until
// the next call. It is next for a consumer that writes a block's packets
// in one go: one call, one count and one block check per batch instead of
// per packet. Packets whose bytes are built outside the ring (a VLAN tag
// put back, a cooked header) each get their own place in the arena.
func (r *sockReader) nextBatch(ctx context.Context, ps []Packet) (int, error) {
	if len(ps) == 0 {
		return 0, nil
	}
	r.arena = r.arena[:0]
	// The first packet: next waits, drains and reports errors. It builds
	// in r.scratch, which nothing else in this batch uses.
	p, err := r.next(ctx)
	if err != nil {
		return 0, err
	}
	ps[0] = p
	n := 1
	h := r.cur
	if h == nil {
		return n, nil
	}
	if h.plain() {
		n = r.batchPlain(h, ps, n)
		h.matched.Add(uint64(n - 1))
		return n, nil
	}
	for n < len(ps) && r.frames.next(&r.frame) {
		need := len(r.frame.data) + sll2HeaderLen + 4
		r.arena = arenaRoom(r.arena, need)
		built := r.arena[len(r.arena):len(r.arena)]
		if h.packet(&r.frame, &built, &ps[n]) {
			r.arena = r.arena[:len(r.arena)+len(built)]
			n++
		}
	}
	h.matched.Add(uint64(n - 1))
	return n, nil
}

// plain reports whether h's packets are the ring's frames as they are
// (but for a VLAN tag put back): one interface, not cooked, no filter in
// userspace. Such packets take batchPlain.
func (h *sockHandle) plain() bool {
	return !h.cooked && h.user == nil && h.ifIndex != 0
}

// plainHeaderLen is what batchPlain reads of a frame: the tpacket3_hdr and
// the sockaddr_ll up to sll_pkttype.
const plainHeaderLen = sockaddrLLOff + 11

// batchPlain is nextBatch's loop for a plain socket (sockHandle.plain),
// from packet n on: it reads of each frame only what such a packet needs
// (no sockaddr_ll beyond the packet type) and builds the packet in place,
// which is what the loop costs per packet when gocap only writes. It
// reads ahead of the frame it works on, so that the cache misses on the
// frames the kernel wrote on another CPU overlap with the work. Errors
// are left in r.frames for next to report, as frameIter.next does.
func (r *sockReader) batchPlain(h *sockHandle, ps []Packet, n int) int {
	it := &r.frames
	for n < len(ps) {
		fh, data, ok := it.plainFrame()
		if !ok {
			break
		}
		// As in nextBatch, each packet built outside the ring gets
		// its own place in the arena.
		data, length, dir, keep := h.framePacket(fh, data, &r.arena)
		if !keep {
			continue
		}
		h.fillPacket(&ps[n], fh, data, length, dir)
		n++
	}
	return n
}

func (r *sockReader) start(h *sockHandle, block []byte, filling bool) {
	r.cur, r.curFill, r.frames = h, filling, newFrameIter(block)
}

// take starts on the next block the kernel has handed over, round robin
// over the sockets.
func (r *sockReader) take() bool {
	for i := range r.handles {
		k := (r.rr + i) % len(r.handles)
		if r.draining && k < r.filled {
			// Its filling block has been read in place already, and the
			// block timer may retire that same block afterwards: reading
			// it again would deliver its packets twice.
			continue
		}
		if block, ok := r.handles[k].ring.ready(); ok {
			r.rr = (k + 1) % len(r.handles)
			r.start(r.handles[k], block, false)
			return true
		}
	}
	return false
}

// wait sleeps until a block is ready, Stop, ctx ends, or a socket fails.
func (r *sockReader) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// A Stop or the end of ctx during a nap is seen by next's checks, or
	// by the ones below.
	if _, ready := r.nap.first(0, r.anyReady); ready {
		return nil
	}
	// Stop sets the deadline after stopped() turns true, and the check
	// below comes after this reset: a Stop is never missed.
	_ = r.ep.SetReadDeadline(time.Time{})
	r.ctxWake.watch(ctx, r.wake)
	var failed error
	err := r.rc.Read(func(fd uintptr) bool {
		// Empty the instance's ready list, so that each new block is a
		// new event; note sockets that report an error.
		n := r.drainEvents(int(fd))
		for _, ev := range r.events[:n] {
			if ev.Events&unix.EPOLLERR != 0 {
				failed = r.socketError(int(ev.Fd))
			}
		}
		if failed != nil || r.stopped() || ctx.Err() != nil {
			return true
		}
		return r.anyReady()
	})
	switch {
	case failed != nil:
		return failed
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil && !errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("wait for packets: %w", err)
	}
	r.nap.woke(r.anyReady)
	return nil
}

// anyReady reports whether a socket's ring has handed a block over.
func (r *sockReader) anyReady() bool {
	for _, h := range r.handles {
		if _, ok := h.ring.ready(); ok {
			return true
		}
	}
	return false
}

// drainEvents reads the epoll instance's events without waiting. It is a
// raw system call: it cannot block, and a system call through the runtime
// would wake sysmon from its deep sleep, which then polls every 20 µs for
// a millisecond — once per block, more CPU than the block's packets.
func (r *sockReader) drainEvents(epfd int) int {
	n, _, errno := unix.RawSyscall6(unix.SYS_EPOLL_PWAIT, uintptr(epfd),
		uintptr(unsafe.Pointer(&r.events[0])), uintptr(len(r.events)), 0, 0, 0)
	if errno != 0 {
		return 0
	}
	return int(n)
}

// socketError turns a socket's pending error into the capture's.
func (r *sockReader) socketError(fd int) error {
	for _, h := range r.handles {
		if h.fd != fd {
			continue
		}
		soErr, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
		switch {
		case err != nil || soErr == 0:
			return nil
		case soErr == int(unix.ENETDOWN):
			return fmt.Errorf("%s: %w", h.name, ErrInterfaceDown)
		default:
			return fmt.Errorf("%s: %w", h.name, unix.Errno(soErr))
		}
	}
	return nil
}
