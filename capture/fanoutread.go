package capture

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// More of the TPACKET_V3 block descriptor (struct tpacket_hdr_v1).
const (
	blockSeqOff     = 24 // seq_num, u64
	blockFirstTSOff = 32 // ts_first_pkt: u32 seconds, u32 nanoseconds
)

// mergeSlack is how much earlier than the moment the kernel stores it a
// packet may be stamped: the kernel stamps after reserving the packet's
// slot, except when an earlier layer already stamped the packet
// (net.core timestamps enabled by some socket), which happens before the
// packet's receive processing, microseconds earlier, milliseconds on a
// starved machine.
const mergeSlack = int64(5 * time.Millisecond)

// fanoutReader is a fanout capture's consumer side: a bounded k-way merge,
// by time stamp, of its sockets' rings.
//
// Each socket has a lane: a goroutine locked to an OS thread of its own
// that waits for the kernel to hand it a block, indexes the block's
// packets sorted by time stamp, and passes the index to the merge. The
// merge (in the goroutine that calls Live.NextPacket) returns the packets
// in place in the rings, as the single-socket reader does: nothing is
// copied and nothing allocated per packet. A block goes back to the kernel
// once its last packet has been returned.
//
// How far out of order packets arrive, and how the merge bounds it: the
// kernel hands a block over when it is full, or when its timer retires it,
// up to about two block timeouts after its first packet. Meanwhile another
// socket's blocks, with later packets, may already be handed over. So the
// merge returns a packet only when no socket can still deliver an earlier
// one: every other lane has an earlier-or-equal packet waiting, or its
// ring shows the kernel has nothing earlier (the block the kernel fills is
// empty — everything it will store is stamped after now — or was opened
// after the packet's time stamp), or it has finished. A packet therefore
// waits at most until the blocks of the other sockets that hold earlier
// packets are handed over: about two block timeouts (25 ms each by
// default for a fanout) when traffic is light, one block's fill time when
// it is heavy. Within one ring the kernel may store packets a little out
// of stamp order when two CPUs deliver to one socket at once; each block's
// index is sorted, and the lanes' own sequence is trusted across blocks.
type fanoutReader struct {
	lanes   []*lane
	stopped func() bool
	quit    atomic.Bool // Close: the lanes end without draining
	notify  chan struct{}
	timer   *time.Timer
	tov     time.Duration
	wg      sync.WaitGroup

	wm       int64 // every lane without a waiting packet will stamp its next later than wm
	last     *lane // the lane whose packet was returned last
	frame    frame
	scratch  []byte
	arena    []byte // a batch's built packets (VLAN tag put back, cooked header)
	finished int    // lanes that have handed over everything
	err      error
}

// lane is one socket of a fanout group and the thread that reads its ring.
type lane struct {
	h      *sockHandle
	ring   *ring
	ep     *os.File
	rc     syscall.RawConn
	events [4]unix.EpollEvent
	blocks chan laneBlock // indexed blocks, in ring order, to the merge
	refs   [][]frameRef   // per ring block, its packets sorted by time stamp
	errs   []error        // per ring block, a corrupt block's error
	// sent counts messages on blocks, so that the merge can see without
	// a channel operation whether there is one.
	sent atomic.Uint64
	// released counts blocks the merge gave back; the lane hands a block
	// over only while fewer than all are out.
	released atomic.Uint64
	// claimed counts the blocks taken from the ring, in ring order, by the
	// lane or — when the lane's thread has not got to a ready block yet
	// and everything claimed before has reached the merge — by the merge
	// itself: the merge never waits for a lane's thread to be scheduled.
	claimed atomic.Uint64

	// The merge's side.
	cur   laneBlock
	pos   int
	has   bool // cur has a packet at pos
	done  bool
	recv  uint64 // messages taken from blocks
	taken uint64 // blocks the merge has received or claimed itself
}

// frameRef is one packet of an indexed block: its time stamp in
// nanoseconds and where its frame starts in the block.
type frameRef struct {
	ts  int64
	off uint32
}

// laneBlock is a lane's message to the merge.
type laneBlock struct {
	block int
	fill  bool // a block the kernel was still filling at Stop: not handed back
	done  bool // the lane has handed over everything
	err   error
}

func newFanoutReader(handles []*sockHandle, tov time.Duration, stopped func() bool) (*fanoutReader, error) {
	r := &fanoutReader{stopped: stopped, notify: make(chan struct{}, 1), tov: tov, wm: math.MinInt64}
	r.timer = time.NewTimer(time.Hour)
	r.timer.Stop()
	for _, h := range handles {
		ln, err := newLane(h)
		if err != nil {
			r.close()
			return nil, err
		}
		r.lanes = append(r.lanes, ln)
	}
	return r, nil
}

func newLane(h *sockHandle) (*lane, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("epoll_create1: %w", err)
	}
	ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLERR | unix.EPOLLET, Fd: int32(h.fd)}
	if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, h.fd, &ev); err != nil {
		unix.Close(epfd)
		return nil, fmt.Errorf("%s: epoll_ctl: %w", h.name, err)
	}
	if err := unix.SetNonblock(epfd, true); err != nil {
		unix.Close(epfd)
		return nil, fmt.Errorf("epoll: %w", err)
	}
	n := h.ring.blockNr
	ln := &lane{h: h, ring: h.ring, ep: os.NewFile(uintptr(epfd), "epoll"),
		blocks: make(chan laneBlock, n+2), refs: make([][]frameRef, n), errs: make([]error, n)}
	if ln.rc, err = ln.ep.SyscallConn(); err != nil {
		ln.ep.Close()
		return nil, fmt.Errorf("epoll: %w", err)
	}
	return ln, nil
}

// start runs the lanes.
func (r *fanoutReader) start() {
	for _, ln := range r.lanes {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			ln.run(r)
		}()
	}
}

// wake makes the merge and every lane look at stopped() again.
func (r *fanoutReader) wake() {
	select {
	case r.notify <- struct{}{}:
	default:
	}
	for _, ln := range r.lanes {
		_ = ln.ep.SetReadDeadline(time.Now())
	}
}

// close ends the lanes and waits for them: only then may the rings go.
func (r *fanoutReader) close() {
	r.quit.Store(true)
	r.wake()
	r.wg.Wait()
	for _, ln := range r.lanes {
		_ = ln.ep.Close()
	}
}

// signal tells the merge that a lane handed something over.
func (r *fanoutReader) signal() {
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

// run is the lane's thread: hand over each block the kernel retires, and
// after Stop what the ring still holds, including the block the kernel
// was filling.
func (ln *lane) run(r *fanoutReader) {
	runtime.LockOSThread() // never unlocked: the thread ends with the lane
	// Named, so that top -H and ps -L show each reader's CPU.
	name := []byte("gocap-lane\x00")
	_ = unix.Prctl(unix.PR_SET_NAME, uintptr(unsafe.Pointer(&name[0])), 0, 0, 0)
	n := uint64(ln.ring.blockNr)
	for !r.stopped() {
		if r.quit.Load() {
			return
		}
		if c := ln.claimed.Load(); ln.ready(c) {
			if ln.claimed.CompareAndSwap(c, c+1) { // else the merge took it
				ln.hand(r, int(c%n), false)
			}
			continue
		}
		if err := ln.wait(r, func() bool { return ln.ready(ln.claimed.Load()) }); err != nil {
			ln.send(r, laneBlock{done: true, err: err})
			return
		}
	}
	// Stopped: no more packets into the ring (see sockReader), then hand
	// over what it holds.
	_ = attachClassic(ln.h.fd, rejectAll)
	time.Sleep(5 * time.Millisecond)
	for !r.quit.Load() {
		c := ln.claimed.Load()
		if c-ln.released.Load() >= n {
			time.Sleep(time.Millisecond) // the merge is still on every block
			continue
		}
		if i := int(c % n); ln.ring.userOwned(i) {
			if ln.claimed.CompareAndSwap(c, c+1) {
				ln.hand(r, i, false)
			}
			continue
		} else if ln.ring.numPackets(i) > 0 {
			ln.hand(r, i, true)
		}
		break
	}
	ln.send(r, laneBlock{done: true})
}

// ready reports whether the block claimed next (the c-th) has been handed
// over by the kernel and is not one the merge still holds.
func (ln *lane) ready(c uint64) bool {
	return c-ln.released.Load() < uint64(ln.ring.blockNr) && ln.ring.userOwned(int(c%uint64(ln.ring.blockNr)))
}

// hand indexes block i and passes it to the merge.
func (ln *lane) hand(r *fanoutReader, i int, fill bool) {
	ln.index(i)
	ln.send(r, laneBlock{block: i, fill: fill, err: ln.errs[i]})
}

// send passes a message to the merge and wakes it.
func (ln *lane) send(r *fanoutReader, b laneBlock) {
	ln.blocks <- b
	ln.sent.Add(1)
	r.signal()
}

// index lists block i's packets sorted by time stamp. It reads only each
// packet's offset and time stamp; the merge decodes (and checks) the rest
// when it returns the packet.
func (ln *lane) index(i int) {
	block := ln.ring.block(i)
	refs := ln.refs[i][:0]
	ln.errs[i] = nil
	n := binary.NativeEndian.Uint32(block[blockNumPktsOff:])
	off := int(binary.NativeEndian.Uint32(block[blockFirstPktOff:]))
	for k := uint32(0); k < n; k++ {
		if off <= 0 || off+sockaddrLLOff+20 > len(block) {
			ln.errs[i] = fmt.Errorf("%s: corrupt ring block: packet %d at offset %d of %d", ln.h.name, k, off, len(block))
			break
		}
		h := block[off:]
		refs = append(refs, frameRef{ts: int64(binary.NativeEndian.Uint32(h[4:]))*1e9 + int64(binary.NativeEndian.Uint32(h[8:])), off: uint32(off)})
		// Nearly always in order already: insertion costs one comparison.
		for j := len(refs) - 1; j > 0 && refs[j-1].ts > refs[j].ts; j-- {
			refs[j-1], refs[j] = refs[j], refs[j-1]
		}
		next := binary.NativeEndian.Uint32(h)
		if next == 0 {
			break
		}
		off += int(next)
	}
	ln.refs[i] = refs
}

// wait sleeps in the runtime's poller until ready() (checked after each
// wake-up), Stop, Close, or a socket error.
func (ln *lane) wait(r *fanoutReader, ready func() bool) error {
	_ = ln.ep.SetReadDeadline(time.Time{})
	var failed error
	err := ln.rc.Read(func(fd uintptr) bool {
		n, _, errno := unix.RawSyscall6(unix.SYS_EPOLL_PWAIT, fd,
			uintptr(unsafe.Pointer(&ln.events[0])), uintptr(len(ln.events)), 0, 0, 0)
		if errno == 0 {
			for _, ev := range ln.events[:n] {
				if ev.Events&unix.EPOLLERR != 0 {
					failed = ln.h.pendingError()
				}
			}
		}
		return failed != nil || r.stopped() || r.quit.Load() || ready()
	})
	switch {
	case failed != nil:
		return failed
	case err != nil && !errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("%s: wait for packets: %w", ln.h.name, err)
	}
	return nil
}

// pendingError turns the socket's pending error into the capture's.
func (h *sockHandle) pendingError() error {
	soErr, err := unix.GetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_ERROR)
	switch {
	case err != nil || soErr == 0:
		return nil
	case soErr == int(unix.ENETDOWN):
		return fmt.Errorf("%s: %w", h.name, ErrInterfaceDown)
	}
	return fmt.Errorf("%s: %w", h.name, unix.Errno(soErr))
}

// next returns the next packet in time-stamp order; its Data is valid
// until the next call.
func (r *fanoutReader) next(ctx context.Context) (Packet, error) {
	var p Packet
	_, err := r.emit(ctx, false, &r.scratch, &p)
	return p, err
}

// nextBatch is next for up to len(ps) packets, all valid until the next
// call: after the first (which may wait) it takes the packets that are
// due without waiting, and stops before it would give back a block the
// batch holds packets of.
func (r *fanoutReader) nextBatch(ctx context.Context, ps []Packet) (int, error) {
	if len(ps) == 0 {
		return 0, nil
	}
	if _, err := r.emit(ctx, false, &r.scratch, &ps[0]); err != nil {
		return 0, err
	}
	r.arena = r.arena[:0]
	n := 1
	for n < len(ps) {
		need := sll2HeaderLen + 4 + r.lanes[0].h.snapLen
		if cap(r.arena)-len(r.arena) < need {
			// The packets already in the old arena keep it alive; it
			// grows until a batch fits, then no longer allocates.
			r.arena = make([]byte, 0, max(2*cap(r.arena), 64<<10, need))
		}
		built := r.arena[len(r.arena):len(r.arena)]
		if ok, err := r.emit(ctx, true, &built, &ps[n]); !ok || err != nil {
			break // an error is kept in r.err for the next call
		}
		r.arena = r.arena[:len(r.arena)+len(built)]
		n++
	}
	return n, nil
}

// emit builds the next packet due into *p (bytes it must build go in
// *scratch). Within a batch it neither waits nor gives a block back, and
// reports false when it would have to.
func (r *fanoutReader) emit(ctx context.Context, batch bool, scratch *[]byte, p *Packet) (bool, error) {
	if r.err != nil {
		return false, r.err
	}
	if ln := r.last; ln != nil {
		if ok, err := r.step(ln, batch); !ok || err != nil {
			return false, err
		}
		r.last = nil
	}
	for {
		var best *lane
		bestTS := int64(math.MaxInt64)
		for _, ln := range r.lanes {
			if !ln.has && !ln.done {
				if err := r.pull(ln, false); err != nil {
					return false, err
				}
			}
			if ln.has {
				if ts := ln.refs[ln.cur.block][ln.pos].ts; ts < bestTS {
					best, bestTS = ln, ts
				}
			}
		}
		if best == nil || bestTS > r.wm {
			// Before waiting, take the ready blocks no lane has got to.
			if stole, err := r.steal(); stole || err != nil {
				if err != nil {
					return false, err
				}
				continue
			}
		}
		if best == nil {
			if batch {
				return false, nil
			}
			if r.finished == len(r.lanes) {
				return false, io.EOF
			}
			// Lanes wake the merge; look at the rings within a block
			// timeout in any case, for blocks a lane has not got to.
			if err := r.wait(ctx, r.tov); err != nil {
				return false, err
			}
			continue
		}
		if bestTS > r.wm {
			now := time.Now().UnixNano()
			var timed bool
			r.wm, timed = r.watermark(now)
			if bestTS > r.wm {
				if batch {
					return false, nil
				}
				// A lane handing a block over wakes the merge; look again
				// within a block timeout whatever happens. By the clock,
				// wait for a batch's worth: waking up for each packet as it
				// comes of age costs a wake-up per few packets when one
				// socket of the group is idle.
				d := r.tov
				if timed {
					d = min(max(time.Duration(bestTS-r.wm), r.tov/2), r.tov)
				}
				if err := r.wait(ctx, d); err != nil {
					return false, err
				}
				continue
			}
		}
		ref := best.refs[best.cur.block][best.pos]
		it := frameIter{block: best.ring.block(best.cur.block), off: int(ref.off), n: 1}
		if !it.next(&r.frame) {
			r.err = fmt.Errorf("%s: %w", best.h.name, it.err)
			return false, r.err
		}
		if best.h.packet(&r.frame, scratch, p) {
			best.h.matched.Add(1)
			r.last = best
			return true, nil
		}
		if ok, err := r.step(best, batch); !ok || err != nil {
			return false, err
		}
	}
}

// step advances the lane past its head, except within a batch where that
// would give back the block (the batch may hold packets of it).
func (r *fanoutReader) step(ln *lane, batch bool) (bool, error) {
	if batch && ln.pos+1 >= len(ln.refs[ln.cur.block]) {
		return false, nil
	}
	return true, r.advance(ln)
}

// advance moves a lane past the packet at its head, giving a finished
// block back to the kernel.
func (r *fanoutReader) advance(ln *lane) error {
	ln.pos++
	if ln.pos < len(ln.refs[ln.cur.block]) {
		return nil
	}
	r.finish(ln)
	if err := r.pull(ln, false); err != nil {
		return err
	}
	if !ln.has {
		// The lane's next packets may be stamped earlier than the
		// watermark computed while it had one waiting.
		r.wm = math.MinInt64
	}
	return nil
}

// finish gives the lane's current block back: first to the kernel, then
// (counted) to the lane, which must not see a block as new that the kernel
// has not had back.
func (r *fanoutReader) finish(ln *lane) {
	if !ln.cur.fill {
		ln.ring.releaseBlock(ln.cur.block)
		ln.released.Add(1)
	}
	ln.has = false
}

// steal pulls, for every lane without a packet waiting, a ready block the
// lane has not claimed yet. It looks at the rings, whose block headers the
// kernel writes with every packet: not per packet, only before the merge
// would wait.
func (r *fanoutReader) steal() (bool, error) {
	stole := false
	for _, ln := range r.lanes {
		if !ln.has && !ln.done {
			if err := r.pull(ln, true); err != nil {
				return false, err
			}
			stole = stole || ln.has
		}
	}
	return stole, nil
}

// pull takes the lane's next indexed block: one it has handed over, or
// (steal) a ready block it has not claimed yet, which the merge then
// indexes itself.
func (r *fanoutReader) pull(ln *lane, steal bool) error {
	n := uint64(ln.ring.blockNr)
	for !ln.has && !ln.done {
		var b laneBlock
		switch {
		case ln.sent.Load() != ln.recv:
			ln.recv++
			b = <-ln.blocks
		case steal && ln.claimed.Load() == ln.taken && ln.ready(ln.taken) && ln.claimed.CompareAndSwap(ln.taken, ln.taken+1):
			b.block = int(ln.taken % n)
			ln.index(b.block)
			b.err = ln.errs[b.block]
		default:
			return nil
		}
		switch {
		case b.err != nil:
			r.err = b.err
			return r.err
		case b.done:
			ln.done = true
			r.finished++
			return nil
		}
		ln.cur, ln.pos = b, 0
		if !b.fill {
			ln.taken++
		}
		if len(ln.refs[b.block]) == 0 {
			r.finish(ln)
			continue
		}
		ln.has = true
	}
	return nil
}

// watermark returns a time stamp that every lane without a waiting packet
// will stamp its next packet after, as its ring shows at now, and whether
// time alone (rather than a lane handing a block over) raises it.
func (r *fanoutReader) watermark(now int64) (wm int64, timed bool) {
	wm = math.MaxInt64
	stopped := r.stopped()
	for _, ln := range r.lanes {
		if ln.has || ln.done {
			continue
		}
		b, byTime := int64(math.MinInt64), false
		if !stopped { // after Stop, wait for the lanes to hand everything over
			b, byTime = ln.ring.nextStamp(int(ln.taken%uint64(ln.ring.blockNr)), now)
		}
		if b < wm {
			wm, timed = b, byTime
		}
	}
	return wm, timed
}

// wait sleeps until a lane hands something over, Stop, d passes (if > 0),
// or ctx ends.
func (r *fanoutReader) wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var tc <-chan time.Time
	if d > 0 {
		r.timer.Reset(d)
		defer r.timer.Stop()
		tc = r.timer.C
	}
	select {
	case <-r.notify:
	case <-tc:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// block returns ring block i.
func (r *ring) block(i int) []byte {
	return r.mem[i*r.blockSize : (i+1)*r.blockSize]
}

// userOwned reports whether the kernel has handed block i over.
func (r *ring) userOwned(i int) bool {
	return atomic.LoadUint32(r.statusWord(i))&tpStatusUser != 0
}

// numPackets is block i's packet count.
func (r *ring) numPackets(i int) uint32 {
	return atomic.LoadUint32((*uint32)(unsafe.Pointer(&r.mem[i*r.blockSize+blockNumPktsOff])))
}

// releaseBlock gives block i back to the kernel (as release, for a
// reader that holds several blocks).
func (r *ring) releaseBlock(i int) {
	atomic.StoreUint32((*uint32)(unsafe.Pointer(&r.mem[i*r.blockSize+blockNumPktsOff])), 0)
	atomic.StoreUint32(r.statusWord(i), tpStatusKernel)
}

// nextStamp bounds the time stamp of the next packet the reader will find
// from block i on, block i being the next it will read: MinInt64 when the
// kernel has handed block i over already (read it first); now - slack when
// the kernel's block is empty (byTime: the bound rises with the clock);
// else the moment the kernel opened the block, less the slack. now must be
// read before the call.
func (r *ring) nextStamp(i int, now int64) (stamp int64, byTime bool) {
	base := i * r.blockSize
	seq := (*uint64)(unsafe.Pointer(&r.mem[base+blockSeqOff]))
	s1 := atomic.LoadUint64(seq)
	if r.userOwned(i) {
		return math.MinInt64, false
	}
	n := r.numPackets(i)
	sec := atomic.LoadUint32((*uint32)(unsafe.Pointer(&r.mem[base+blockFirstTSOff])))
	nsec := atomic.LoadUint32((*uint32)(unsafe.Pointer(&r.mem[base+blockFirstTSOff+4])))
	if atomic.LoadUint64(seq) != s1 || r.userOwned(i) {
		return math.MinInt64, false // changed under us: look again later
	}
	if n == 0 {
		return now - mergeSlack, true
	}
	return int64(sec)*1e9 + int64(nsec) - mergeSlack, false
}
