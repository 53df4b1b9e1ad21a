package capture

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/pcapng"
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
// It reads the rings itself, in place, in the goroutine that calls
// Live.NextPacket, as the single-socket reader does, and sleeps in the
// runtime's poller on one epoll instance that holds every socket of the
// capture. Each socket (lane) has a cursor on the ring block it reads: the
// packet at the cursor is its head, and the merge returns the earliest
// head, decoding it in place as the single-socket reader does (a plain
// socket's packet by sockReader.batchPlain): nothing is copied and nothing
// allocated per packet. A block goes back to the kernel once its last
// packet has been returned. When the merge takes a block it lists its
// packets by time stamp (one read of each packet's header, which brings
// the block into the reader's cache; sorted when two CPUs stored into the
// ring at once) and reads the block in that order.
//
// (The first version gave each ring a thread of its own that indexed its
// blocks and handed them to the merge: that hand-over cost about ten
// context switches per block, more CPU than the packets in it at
// moderate rates, and the index was the lanes' only work — the decoding
// and writing are the consumer's in either design. BENCHMARKS.md.)
//
// How far out of order packets arrive, and how the merge bounds it: the
// kernel hands a block over when it is full, or when its timer retires it,
// up to about two block timeouts after its first packet. Meanwhile another
// socket's blocks, with later packets, may already be handed over. So the
// merge returns a packet only when no socket can still deliver an earlier
// one: every other socket has an earlier-or-equal packet waiting, or its
// ring shows the kernel has nothing earlier (the block the kernel fills is
// empty — everything it will store is stamped after now — or was opened
// after the packet's time stamp), or it has finished. A packet therefore
// waits at most until the blocks of the other sockets that hold earlier
// packets are handed over: about two block timeouts (fanoutTimeout each
// by default) when traffic is light, one block's fill time when it is
// heavy. Within one ring the kernel may store packets a little out of
// stamp order when two CPUs deliver to one socket at once; such a block is
// read in stamp order (its index), and a ring's own sequence is trusted
// across blocks.
//
// After Stop it stops the kernel from adding packets (a reject-all filter
// on every socket), reads the blocks already handed over, and finally the
// blocks the kernel was still filling, as sockReader does.
type fanoutReader struct {
	lanes   []*lane
	stopped func() bool
	ctxWake ctxWake  // wakes a wait when its context ends
	ep      *os.File // the epoll instance, non-blocking, in the poller
	rc      syscall.RawConn
	events  [8]unix.EpollEvent
	tov     time.Duration

	draining bool  // stopped: reading what the rings hold
	wm       int64 // every lane without a waiting packet will stamp its next later than wm
	frame    frame
	scratch  []byte
	arena    []byte     // a batch's built packets (cooked header) outside batchPlain
	plain    sockReader // batchPlain's state: frames is the packet it reads, arena its built packets (VLAN tag put back)
	need     int        // the most a packet takes in the arena
	limit    int        // AppendRecords: the most packets to append
	pos      int        // AppendRecords: the interface whose packets it appends
	finished int        // lanes that have returned everything
	nap      napper
	err      error
}

// lane is one socket of a fanout capture, as the merge reads it.
type lane struct {
	h     *sockHandle
	ring  *ring
	plain bool   // h.plain(): its packets take batchPlain
	taken uint64 // blocks taken from the ring, in ring order

	cur  int        // the ring block being read
	held bool       // cur is taken and not given back: the caller may hold packets of it
	fill bool       // cur is the block the kernel was filling at Stop: not handed back
	blk  []byte     // cur's ring block
	n    uint32     // its packets
	i    uint32     // the head's place in idx
	off  int        // where the head's frame starts in blk
	idx  []frameRef // cur's packets by time stamp
	head int64      // the head's time stamp, when has
	has  bool       // cur has a packet not yet returned: the head
	last bool       // cur is the last block the lane will read (the filling one, after Stop)
	done bool       // everything returned

	count uint64 // packets returned not yet added to h.matched
}

// frameRef is one packet of a lane's block: its time stamp in
// nanoseconds and where its frame starts in the block.
type frameRef struct {
	ts  int64
	off uint32
}

func newFanoutReader(handles []*sockHandle, tov time.Duration, stopped func() bool) (*fanoutReader, error) {
	ep, rc, err := pollSockets(handles)
	if err != nil {
		return nil, err
	}
	r := newMerge(handles, tov, stopped)
	r.ep, r.rc, r.nap = ep, rc, newNapper(handles)
	return r, nil
}

// newMerge is the merge over the handles' rings, without its epoll
// instance.
func newMerge(handles []*sockHandle, tov time.Duration, stopped func() bool) *fanoutReader {
	r := &fanoutReader{stopped: stopped, tov: tov, wm: math.MinInt64}
	for _, h := range handles {
		r.need = max(r.need, sll2HeaderLen+4+h.snapLen)
		r.lanes = append(r.lanes, &lane{h: h, ring: h.ring, plain: h.plain()})
	}
	return r
}

// wake makes a waiting merge look at stopped() again.
func (r *fanoutReader) wake() { _ = r.ep.SetReadDeadline(time.Now()) }

func (r *fanoutReader) close() {
	r.ctxWake.release()
	_ = r.ep.Close()
}

// open puts the lane's cursor on the first packet of its block cur, after
// checking every packet's offset. In the same pass it lists the packets
// by time stamp (idx): in block order when the kernel stored them in
// order, sorted when two CPUs stored into the ring at once, as they do
// when a flow hash spreads every CPU's packets over the group. (Listing
// only the blocks found out of order took a second pass over the block,
// whose first lines had left the cache by then: under a flood from two
// CPUs, most blocks.) The merge decodes (and checks) the rest of a packet
// when it returns it.
func (ln *lane) open() error {
	block := ln.ring.block(ln.cur)
	ln.blk, ln.i = block, 0
	n := binary.NativeEndian.Uint32(block[blockNumPktsOff:])
	off := int(binary.NativeEndian.Uint32(block[blockFirstPktOff:]))
	refs := ln.idx[:0]
	for uint32(len(refs)) < n {
		if off <= 0 || off > len(block)-(sockaddrLLOff+20) {
			return fmt.Errorf("%s: corrupt ring block: packet %d at offset %d of %d", ln.h.name, len(refs), off, len(block))
		}
		fh := (*[sockaddrLLOff + 20]byte)(block[off:])
		refs = append(refs, frameRef{ts: int64(binary.NativeEndian.Uint32(fh[4:]))*1e9 + int64(binary.NativeEndian.Uint32(fh[8:])), off: uint32(off)})
		// Nearly in order already: insertion costs little.
		for j := len(refs) - 1; j > 0 && refs[j-1].ts > refs[j].ts; j-- {
			refs[j-1], refs[j] = refs[j], refs[j-1]
		}
		next := int(binary.NativeEndian.Uint32(fh[0:]))
		if next == 0 {
			break
		}
		if a := off + prefetchDistance; a+next <= len(block) {
			prefetch(block[a : a+next])
		}
		off += next
	}
	ln.idx, ln.n = refs, uint32(len(refs)) // a packet with no next one ends the block
	if ln.has = ln.n > 0; ln.has {
		ln.seek()
	}
	return nil
}

// seek reads the head at the cursor from the index: where its frame
// starts, its time stamp.
func (ln *lane) seek() {
	ref := ln.idx[ln.i]
	ln.off, ln.head = int(ref.off), ref.ts
}

// step moves the cursor past the head. When that was the block's last
// packet the lane has none waiting (has false) but still holds the block
// until the merge gives it back.
func (ln *lane) step() {
	ln.i++
	if ln.i >= ln.n {
		ln.has = false
		return
	}
	ln.seek()
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
	r.flushCounts()
	return p, err
}

// flushCounts adds the packets returned to the sockets' matched counters:
// once per call, not per packet.
func (r *fanoutReader) flushCounts() {
	for _, ln := range r.lanes {
		ln.flushCount()
	}
}

func (ln *lane) flushCount() {
	if ln.count != 0 {
		ln.h.matched.Add(ln.count)
		ln.count = 0
	}
}

// nextBatch is next for up to len(ps) packets, all valid until the next
// call: after the first (which may wait) it takes the packets that are
// due without waiting, and stops before it would give back a block the
// batch holds packets of.
func (r *fanoutReader) nextBatch(ctx context.Context, ps []Packet) (int, error) {
	if len(ps) == 0 {
		return 0, nil
	}
	r.arena, r.plain.arena = r.arena[:0], r.plain.arena[:0]
	if _, err := r.emit(ctx, false, &r.scratch, &ps[0]); err != nil {
		r.flushCounts()
		return 0, err
	}
	n := 1
	need := r.need
	for n < len(ps) {
		if n = r.run(ps, n); n == len(ps) || r.err != nil {
			break // an error is kept in r.err for the next call
		}
		r.arena = arenaRoom(r.arena, need)
		built := r.arena[len(r.arena):len(r.arena)]
		if ok, err := r.emit(ctx, true, &built, &ps[n]); !ok || err != nil {
			break
		}
		r.arena = r.arena[:len(r.arena)+len(built)]
		n++
	}
	r.flushCounts()
	return n, nil
}

// run is nextBatch's loop in its common case, from ps[n] on: every lane
// has a packet waiting or has finished, so that the earliest of their
// heads is due without a look at the rings or the clock. It returns when
// the case is not that (a lane's block is used up, or a lane waits for
// one) and leaves the rest to emit.
func (r *fanoutReader) run(ps []Packet, n int) int {
	lanes := r.lanes
	for n < len(ps) {
		best := due(lanes)
		if best == nil {
			return n
		}
		if best.plain {
			ok, err := r.plainHead(best, &ps[n])
			if err != nil {
				return n
			}
			if ok {
				best.count++
				n++
			}
			continue
		}
		if cap(r.arena)-len(r.arena) < r.need {
			return n // emit grows the arena
		}
		built := r.arena[len(r.arena):len(r.arena)]
		ok, err := r.take(best, &built, &ps[n])
		if err != nil {
			return n
		}
		if ok {
			r.arena = r.arena[:len(r.arena)+len(built)]
			n++
		}
	}
	return n
}

// plainHead is take for a plain lane (sockHandle.plain): it reads the
// frame as sockReader.batchPlain does. (Not batchPlain itself, one packet
// at a time: setting up its iterator and the call cost 12 ns per packet,
// BenchmarkFanoutToWriter.)
func (r *fanoutReader) plainHead(ln *lane, p *Packet) (bool, error) {
	block, off := ln.blk, ln.off
	hdr := block[off:]
	fh := (*[plainHeaderLen]byte)(hdr)
	snap := int(binary.NativeEndian.Uint32(fh[12:]))
	mac := int(binary.NativeEndian.Uint16(fh[24:]))
	if mac+snap > len(hdr) {
		r.err = fmt.Errorf("%s: corrupt ring block: mac offset %d + caplen %d > %d", ln.h.name, mac, snap, len(hdr))
		return false, r.err
	}
	// No prefetch here, unlike batchPlain: open's pass over the block
	// asked for its lines already (a second one cost more than it saved,
	// BENCHMARKS.md).
	ln.step()
	h := ln.h
	data, length, dir, keep := h.framePacket(fh, hdr[mac:mac+snap], &r.plain.arena)
	if !keep {
		return false, nil
	}
	h.fillPacket(p, fh, data, length, dir)
	return true, nil
}

// due returns the lane of lanes whose head is due without a look at the
// rings or the clock — every lane has a packet waiting or has finished,
// and it has the earliest — or nil.
func due(lanes []*lane) *lane {
	var best *lane
	bestTS := int64(math.MaxInt64)
	for _, ln := range lanes {
		if !ln.has {
			if ln.done {
				continue
			}
			return nil
		}
		if ln.head < bestTS {
			best, bestTS = ln, ln.head
		}
	}
	return best
}

// writeRecords implements recordReader: the packets due (as in run) of
// plain sockets, straight from the rings into w, one interface at a time.
// It leaves waiting, giving blocks back and other sockets to NextPackets.
func (r *fanoutReader) writeRecords(w pcapng.RecordWriter, ids []int, max int) (int, error) {
	ln := due(r.lanes)
	if r.err != nil || ln == nil || !ln.plain {
		return 0, nil
	}
	r.limit, r.pos = max, ln.h.pos
	n, err := w.WriteRecords(ids[r.pos], r)
	r.flushCounts()
	return n, err
}

// recordsOnly implements recordReader.
func (r *fanoutReader) recordsOnly() bool {
	for _, ln := range r.lanes {
		if !ln.plain {
			return false
		}
	}
	return true
}

// AppendRecords implements pcapng.RecordSource for writeRecords: the
// packets due of interface r.pos, up to r.limit, read as
// sockReader.AppendRecords reads a plain block's.
func (r *fanoutReader) AppendRecords(e *pcapng.Encoder, b []byte, limit int) ([]byte, int) {
	n := 0
	for n < r.limit && len(b) < limit {
		ln := due(r.lanes)
		if ln == nil || !ln.plain || ln.h.pos != r.pos {
			break
		}
		h, hdr := ln.h, ln.blk[ln.off:]
		fh := (*[plainHeaderLen]byte)(hdr) // open checked the offset
		snap := int(binary.NativeEndian.Uint32(fh[12:]))
		mac := int(binary.NativeEndian.Uint16(fh[24:]))
		if mac+snap > len(hdr) {
			r.err = fmt.Errorf("%s: corrupt ring block: mac offset %d + caplen %d > %d", h.name, mac, snap, len(hdr))
			break
		}
		ln.step()
		r.scratch = r.scratch[:0]
		data, length, dir, keep := h.framePacket(fh, hdr[mac:mac+snap], &r.scratch)
		if !keep {
			continue
		}
		d, rec := dir.record()
		b = e.Append(b, binary.NativeEndian.Uint32(fh[4:]), binary.NativeEndian.Uint32(fh[8:]), data, length, d, rec)
		ln.count++
		n++
	}
	return b, n
}

// take decodes the lane's head into *p (bytes it must build go in
// *scratch) and moves the lane past it. It reports false for a packet
// that is not returned (a direction or userspace filter).
func (r *fanoutReader) take(ln *lane, scratch *[]byte, p *Packet) (bool, error) {
	it := frameIter{block: ln.blk, off: ln.off, n: 1}
	if !it.next(&r.frame) {
		r.err = fmt.Errorf("%s: %w", ln.h.name, it.err)
		return false, r.err
	}
	ok := ln.h.packet(&r.frame, scratch, p)
	if ok {
		ln.count++
	}
	ln.step()
	return ok, nil
}

// emit builds the next packet due into *p (bytes it must build go in
// *scratch). Within a batch it neither waits nor gives a block back, and
// reports false when it would have to.
func (r *fanoutReader) emit(ctx context.Context, batch bool, scratch *[]byte, p *Packet) (bool, error) {
	if r.err != nil {
		return false, r.err
	}
	for {
		for _, ln := range r.lanes {
			if ln.held && !ln.has {
				// The lane's block is used up.
				if batch {
					return false, nil
				}
				if err := r.advance(ln); err != nil {
					return false, err
				}
			}
		}
		var best *lane
		bestTS := int64(math.MaxInt64)
		for _, ln := range r.lanes {
			if ln.has && ln.head < bestTS {
				best, bestTS = ln, ln.head
			}
		}
		if best == nil || bestTS > r.wm {
			// Before waiting, take the blocks the kernel has handed over
			// since. Not per packet: the ring's next block header is the
			// kernel's, which it writes with every packet it adds.
			if changed, err := r.refill(); changed || err != nil {
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
			if err := r.wait(ctx, 0); err != nil {
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
				// A block handed over wakes the merge; look again within
				// a block timeout whatever happens. By the clock, wait
				// for a batch's worth: waking up for each packet as it
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
		if ok, err := r.take(best, scratch, p); ok || err != nil {
			return ok, err
		}
	}
}

// advance gives the lane's used-up block back to the kernel and takes the
// next if there is one.
func (r *fanoutReader) advance(ln *lane) error {
	r.finish(ln)
	if err := r.pull(ln); err != nil {
		return err
	}
	if !ln.has {
		// The lane's next packets may be stamped earlier than the
		// watermark computed while it had one waiting.
		r.wm = math.MinInt64
	}
	return nil
}

// finish gives the lane's current block back to the kernel.
func (r *fanoutReader) finish(ln *lane) {
	ln.flushCount()
	if !ln.fill {
		ln.ring.releaseBlock(ln.cur)
	}
	ln.has, ln.held = false, false
}

// refill pulls a block for every lane that has none, and reports whether
// that changed anything.
func (r *fanoutReader) refill() (bool, error) {
	changed := false
	for _, ln := range r.lanes {
		if !ln.held && !ln.done {
			if err := r.pull(ln); err != nil {
				return false, err
			}
			changed = changed || ln.has || ln.done
		}
	}
	return changed, nil
}

// pull takes the lane's next block and opens it, if the kernel has handed
// it over; after Stop, the block the kernel was filling, or else marks
// the lane done.
func (r *fanoutReader) pull(ln *lane) error {
	for !ln.held && !ln.done {
		if !r.draining && r.stopped() {
			r.drain()
		}
		i := int(ln.taken % uint64(ln.ring.blockNr))
		switch {
		case ln.last:
			ln.done = true
		case ln.ring.userOwned(i):
			ln.taken++
			ln.cur, ln.fill = i, false
		case r.draining && ln.ring.numPackets(i) > 0:
			// The block the kernel was filling, read in place and not
			// handed back. Its timer may still retire it: reading it
			// again would deliver its packets twice, so it is the last.
			ln.cur, ln.fill, ln.last = i, true, true
		case r.draining:
			ln.done = true
		default:
			return nil
		}
		if ln.done {
			r.finished++
			return nil
		}
		ln.held = true
		if err := ln.open(); err != nil {
			r.err = err
			return err
		}
		if !ln.has {
			r.finish(ln)
		}
	}
	return nil
}

// drain stops the kernel from adding packets to the rings (see
// sockReader): from now on the merge reads what they hold and ends.
func (r *fanoutReader) drain() {
	for _, ln := range r.lanes {
		_ = attachClassic(ln.h.fd, rejectAll)
	}
	// Copies into the rings in progress finish within this grace period
	// (they run in softirq context, microseconds).
	time.Sleep(5 * time.Millisecond)
	r.draining = true
}

// watermark returns a time stamp that every lane without a waiting packet
// will stamp its next packet after, as its ring shows at now, and whether
// time alone (rather than a block handed over) raises it.
func (r *fanoutReader) watermark(now int64) (wm int64, timed bool) {
	wm = math.MaxInt64
	for _, ln := range r.lanes {
		if ln.held || ln.done {
			continue
		}
		b, byTime := ln.ring.nextStamp(int(ln.taken%uint64(ln.ring.blockNr)), now)
		if b < wm {
			wm, timed = b, byTime
		}
	}
	return wm, timed
}

// wait sleeps in the runtime's poller until a socket's ring hands a block
// over, Stop, d passes (if > 0), ctx ends, or a socket fails.
func (r *fanoutReader) wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	slept, ready := r.nap.first(d, r.handedOver)
	if ready {
		return nil
	}
	if d > 0 {
		if d -= slept; d <= 0 {
			return nil
		}
	}
	// Stop sets the deadline after stopped() turns true, and the check
	// below comes after this reset: a Stop is never missed.
	var deadline time.Time
	if d > 0 {
		deadline = time.Now().Add(d)
	}
	_ = r.ep.SetReadDeadline(deadline)
	r.ctxWake.watch(ctx, r.wake)
	var failed error
	err := r.rc.Read(func(fd uintptr) bool {
		// Empty the instance's ready list, so that each new block is a
		// new event (a raw system call: see sockReader.drainEvents).
		n, _, errno := unix.RawSyscall6(unix.SYS_EPOLL_PWAIT, fd,
			uintptr(unsafe.Pointer(&r.events[0])), uintptr(len(r.events)), 0, 0, 0)
		if errno == 0 {
			for _, ev := range r.events[:n] {
				if ev.Events&unix.EPOLLERR == 0 {
					continue
				}
				for _, ln := range r.lanes {
					if ln.h.fd == int(ev.Fd) && failed == nil {
						failed = ln.h.pendingError()
					}
				}
			}
		}
		if failed != nil || r.stopped() || ctx.Err() != nil {
			return true
		}
		return r.handedOver()
	})
	if d > 0 {
		// A deadline left armed would wake the runtime for nothing when
		// it passes (a Stop meanwhile is seen by stopped()).
		_ = r.ep.SetReadDeadline(time.Time{})
	}
	switch {
	case failed != nil:
		r.err = failed
		return failed
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil && !errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("wait for packets: %w", err)
	}
	r.nap.woke(r.handedOver)
	return nil
}

// handedOver reports whether the kernel has handed over the next block of
// a lane that waits for one.
func (r *fanoutReader) handedOver() bool {
	for _, ln := range r.lanes {
		if !ln.held && !ln.done && ln.ring.userOwned(int(ln.taken%uint64(ln.ring.blockNr))) {
			return true
		}
	}
	return false
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
