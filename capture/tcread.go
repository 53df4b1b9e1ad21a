package capture

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// BPF ring buffer record header (struct bpf_ringbuf_hdr): the length with
// two flag bits, and a page offset only the kernel uses.
const (
	rbHdrLen     = 8
	rbBusyBit    = 1 << 31 // reserved, not committed yet
	rbDiscardBit = 1 << 30 // discarded: skip
)

// tcReader is the tc engine's consumer side. Like the socket engine's
// sockReader it reads the ring in place, in the goroutine that calls
// Live.NextPacket: the BPF ring buffer's pages are mapped into the
// process, and a packet's Data points into them until the next call. It
// sleeps in the runtime's poller on the ring buffer's file descriptor,
// which the kernel wakes only when the program asks it to, once per
// wakeAt bytes (see wakeFlags), and at the latest after the timeout, so
// that a trickle of packets is still delivered promptly.
//
// It returns the space it has read to the kernel in batches (publish): a
// store to the consumer position is a cache line the producers read on
// every reservation.
type tcReader struct {
	e       *tcEngine
	stopped func() bool
	ctxWake ctxWake // wakes a wait when its context ends
	timeout time.Duration

	consPage []byte // consumer position, writable
	prodPage []byte // producer position, then the data pages
	wakePage []byte // the wake map's value
	consPos  *uint64
	prodPos  *uint64
	armed    *uint32 // set: the next record past wakeAt wakes the reader
	idle     *uint32 // set with armed: nothing unread, no timeout; the first record wakes it
	quiet    bool    // the last wait timed out with nothing unread
	wakeAt   uint64
	data     []byte // the data pages, mapped once (see committed)
	mask     uint64
	batch    uint64 // publish after this many bytes

	f  *os.File // the ring buffer's fd, in the runtime's poller
	rc syscall.RawConn

	one       [1]Packet
	lastIndex int // the interface of the last packet, its position and name
	lastPos   int
	lastName  string

	pos        uint64 // start of the next record to read
	prod       uint64 // writeRecords: the producer position it read
	limit      int    // writeRecords: at most this many records
	prefetched uint64 // the ring's cache lines are asked for up to here
	secStart   int64  // Unix ns of the second the last packet was in
	sec        int64  // that second
	done       uint64 // everything before it has been handed out and used
	published  uint64 // the consumer position the kernel knows
	scratch    []byte // packets with their VLAN tag put back
	wrapped    []byte // records that wrap around the ring's end, made whole

	draining bool
	err      error
}

func newTCReader(e *tcEngine, size, wakeAt int, timeout time.Duration, stopped func() bool) (*tcReader, error) {
	page := os.Getpagesize()
	fd, err := unix.Dup(e.rb.FD())
	if err != nil {
		return nil, fmt.Errorf("tc: ring buffer: %w", err)
	}
	unix.CloseOnExec(fd)
	r := &tcReader{e: e, lastIndex: -1, stopped: stopped, timeout: timeout, mask: uint64(size - 1),
		batch: uint64(size / 16), wakeAt: uint64(wakeAt)}
	fail := func(what string, err error) (*tcReader, error) {
		r.close()
		if r.f == nil {
			unix.Close(fd)
		}
		return nil, fmt.Errorf("tc: ring buffer: %s: %w", what, err)
	}
	if r.consPage, err = unix.Mmap(fd, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED); err != nil {
		return fail("map the consumer page", err)
	}
	// The kernel lays the data pages out twice in a row, so that a
	// record wrapping around the end can be read in one piece, and a
	// mapping of both costs twice the page-table work at start and at
	// exit: about 1.5 ms of the tc engine's 14 at defaults (8 MiB). The
	// reader maps them once and copies the rare record that wraps
	// (committed).
	if r.prodPage, err = unix.Mmap(fd, int64(page), page+size, unix.PROT_READ, unix.MAP_SHARED); err != nil {
		return fail("map the data pages", err)
	}
	if r.wakePage, err = unix.Mmap(e.wake.FD(), 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED); err != nil {
		return fail("map the wake-up word", err)
	}
	r.armed = (*uint32)(unsafe.Pointer(&r.wakePage[0]))
	r.idle = (*uint32)(unsafe.Pointer(&r.wakePage[4]))
	r.consPos = (*uint64)(unsafe.Pointer(&r.consPage[0]))
	r.prodPos = (*uint64)(unsafe.Pointer(&r.prodPage[0]))
	r.data = r.prodPage[page:]
	r.pos = atomic.LoadUint64(r.consPos)
	r.done, r.published = r.pos, r.pos
	if err := unix.SetNonblock(fd, true); err != nil {
		return fail("set non-blocking", err)
	}
	// A non-blocking descriptor goes into the runtime's poller.
	r.f = os.NewFile(uintptr(fd), "bpf-ringbuf")
	if r.rc, err = r.f.SyscallConn(); err != nil {
		return fail("poller", err)
	}
	if err := r.f.SetReadDeadline(time.Time{}); err != nil {
		return fail("poller", err) // not in the poller: no timeout possible
	}
	return r, nil
}

// wake makes a waiting next look at stopped() again.
func (r *tcReader) wake() {
	if r.f != nil {
		_ = r.f.SetReadDeadline(time.Now())
	}
}

func (r *tcReader) close() {
	r.ctxWake.release()
	if r.f != nil {
		_ = r.f.Close()
	}
	if r.prodPage != nil {
		_ = unix.Munmap(r.prodPage)
		r.prodPage, r.data = nil, nil
	}
	if r.consPage != nil {
		_ = unix.Munmap(r.consPage)
		r.consPage = nil
	}
	if r.wakePage != nil {
		_ = unix.Munmap(r.wakePage)
		r.wakePage, r.armed = nil, nil
	}
	if r.err == nil {
		r.err = io.EOF
	}
}

// next returns the next packet; its Data is valid until the next call.
func (r *tcReader) next(ctx context.Context) (Packet, error) {
	_, err := r.nextBatch(ctx, r.one[:])
	return r.one[0], err
}

// nextBatch fills ps with up to len(ps) packets, at least one, and returns
// how many; their Data are valid until the next call.
func (r *tcReader) nextBatch(ctx context.Context, ps []Packet) (int, error) {
	if len(ps) == 0 {
		return 0, nil
	}
	// The packets handed out last time have been used.
	r.done = r.pos
	if r.done-r.published >= r.batch {
		r.publish()
	}
	r.scratch, r.wrapped = r.scratch[:0], r.wrapped[:0]
	var busySince time.Time
	for {
		if r.err != nil {
			return 0, r.err
		}
		n, busy := r.fill(ps)
		if n > 0 {
			r.e.delivered.Add(uint64(n))
			return n, nil
		}
		if r.err != nil {
			return 0, r.err
		}
		// Nothing handed out is in use: all read space goes back.
		r.done = r.pos
		r.publish()
		if r.draining {
			if busy {
				// A program still running on another CPU reserved
				// this record: it commits within microseconds.
				if busySince.IsZero() {
					busySince = time.Now()
				}
				if time.Since(busySince) < time.Second {
					time.Sleep(100 * time.Microsecond)
					continue
				}
			}
			r.err = io.EOF
			return 0, io.EOF
		}
		if r.stopped() {
			// Nothing new arrives after this; what is in the ring is
			// read before io.EOF.
			r.e.detach()
			r.draining = true
			continue
		}
		if err := r.wait(ctx); err != nil {
			if !errors.Is(err, ctx.Err()) {
				r.err = err
			}
			return 0, err
		}
	}
}

// tcPrefetchChunk is how much of the ring fill asks for at once: a few
// small records, fewer calls than one per record.
const tcPrefetchChunk = 256

// fill turns the committed records from pos on into ps[0:n], up to
// len(ps), skipping discarded ones (busy: it stopped at a record reserved
// but not committed yet). It reads the producer position once: records
// committed meanwhile wait for the next call. Errors are left in r.err.
func (r *tcReader) fill(ps []Packet) (n int, busy bool) {
	prod := atomic.LoadUint64(r.prodPos)
	for n < len(ps) {
		rec, span, pending, ok := r.committed(prod)
		if !ok {
			return n, pending
		}
		r.pos += span
		if err := r.packet(rec, &ps[n]); err != nil {
			r.err = err
			break
		}
		n++
	}
	return n, false
}

// committed returns the committed record at pos, past any discarded ones, and
// the ring space it takes (its header and padding); pos stays at it. ok is
// false when there is none before prod (busy: the next is still being
// written). It asks for the ring's cache lines up to prefetchDistance
// bytes ahead, tcPrefetchChunk bytes at a time (but for the chunk that would
// pass the ring's end), so that the misses on the records another CPU just
// wrote overlap with the work on this one. A record that wraps around the
// ring's end (the data pages are mapped once) is made whole at the end of
// r.wrapped, which keeps it as long as the batch's packets are in use.
func (r *tcReader) committed(prod uint64) (rec []byte, span uint64, busy, ok bool) {
	data, mask := r.data, r.mask
	for r.pos < prod {
		if pf := max(r.prefetched, r.pos); pf < r.pos+prefetchDistance && pf+tcPrefetchChunk <= prod {
			if a := pf & mask; a+tcPrefetchChunk <= uint64(len(data)) {
				prefetch(data[a : a+tcPrefetchChunk])
			}
			r.prefetched = pf + tcPrefetchChunk
		}
		off := r.pos & mask
		// The atomic load of the length orders the reads of the data
		// after the kernel's commit (an xchg of this word).
		hdr := atomic.LoadUint32((*uint32)(unsafe.Pointer(&data[off])))
		if hdr&rbBusyBit != 0 {
			return nil, 0, true, false
		}
		size := uint64(hdr &^ (rbBusyBit | rbDiscardBit))
		span = rbHdrLen + (size+7)&^7
		if hdr&rbDiscardBit != 0 {
			r.pos += span
			continue
		}
		// The header is 8-byte aligned in a ring of whole pages: only the
		// record's bytes can wrap.
		start := (off + rbHdrLen) & mask
		if start+size <= uint64(len(data)) {
			return data[start : start+size], span, false, true
		}
		return r.unwrap(start, size), span, false, true
	}
	return nil, 0, false, false
}

// unwrap copies the size bytes at start, which go on at the ring's
// beginning, to the end of r.wrapped (an arena: see arenaRoom).
func (r *tcReader) unwrap(start, size uint64) []byte {
	first := r.data[start:]
	rest := r.data[:size-uint64(len(first))]
	r.wrapped = arenaRoom(r.wrapped, int(size))
	at := len(r.wrapped)
	r.wrapped = append(append(r.wrapped, first...), rest...)
	return r.wrapped[at:]
}

// publish returns to the kernel the space of every record handed out and
// used.
func (r *tcReader) publish() {
	if r.done != r.published {
		atomic.StoreUint64(r.consPos, r.done)
		r.published = r.done
	}
}

// wait sleeps until the program wakes the reader (wakeAt bytes unread),
// the timeout passes, Stop, or ctx ends.
func (r *tcReader) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// After a timeout that brought nothing, with nothing unread, the
	// reader sleeps without one (idle) and the first record wakes it: an
	// idle capture is not woken every Timeout, and a trickle is still
	// written within Timeout of its first packet, since the wait after
	// that one has a timeout again. (nextBatch has given the kernel back
	// all it read: the first record is at the consumer position.)
	idle := r.quiet && r.wakeAt > 0 && atomic.LoadUint64(r.prodPos) == r.pos
	need := max(r.wakeAt, 1)
	// Stop sets the deadline after stopped() turns true, and the check
	// below comes after this one: a Stop is never missed.
	if idle {
		need = 1
		_ = r.f.SetReadDeadline(time.Time{})
		atomic.StoreUint32(r.idle, 1) // before armed: a program that reads armed set reads this set
	} else {
		_ = r.f.SetReadDeadline(time.Now().Add(r.timeout))
	}
	r.ctxWake.watch(ctx, r.wake)
	// Armed before the check: a record past the threshold committed
	// after the check finds the word set and wakes the reader (the
	// descriptor stays in the poller, so a wake-up before the reader
	// sleeps is not lost).
	atomic.StoreUint32(r.armed, 1)
	err := r.rc.Read(func(uintptr) bool {
		return atomic.LoadUint64(r.prodPos)-r.pos >= need || r.stopped() || ctx.Err() != nil
	})
	// Awake: records need not wake the reader until it sleeps again.
	atomic.StoreUint32(r.armed, 0)
	atomic.StoreUint32(r.idle, 0)
	r.quiet = errors.Is(err, os.ErrDeadlineExceeded) && atomic.LoadUint64(r.prodPos) == r.pos
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil && !errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("tc: wait for packets: %w", err)
	}
	return nil
}

// recordFrame checks a record and returns its interface index, the
// frame's wire length and its captured bytes as the ring holds them (with
// the VLAN tag the kernel took out left out: see recordVLAN).
func recordFrame(rec []byte) (ifIndex, wire int, data []byte, err error) {
	if len(rec) < recHeaderLen {
		return 0, 0, nil, fmt.Errorf("tc: short ring buffer record (%d bytes)", len(rec))
	}
	ne := binary.NativeEndian
	capLen := int(ne.Uint16(rec[recCapLen:]))
	if recHeaderLen+capLen > len(rec) {
		return 0, 0, nil, fmt.Errorf("tc: record of %d bytes claims %d captured", len(rec), capLen)
	}
	return int(ne.Uint32(rec[recIfIndex:])), int(ne.Uint32(rec[recWireLen:])), rec[recHeaderLen : recHeaderLen+capLen], nil
}

// recordVLAN is the 802.1Q tag the kernel took out of a record's frame:
// its TPID (0x8100 when the kernel kept none) and TCI.
func recordVLAN(rec []byte) (tpid, tci uint16, ok bool) {
	if rec[recFlags+1] == 0 {
		return 0, 0, false
	}
	ne := binary.NativeEndian
	tpid = htons(ne.Uint16(rec[recVlanProto:]))
	if tpid == 0 {
		tpid = 0x8100
	}
	return tpid, ne.Uint16(rec[recVlanTCI:]), true
}

// retagRecord is a record's frame (recordFrame's) for a record whose VLAN
// tag the kernel took out (its flag set; the check stays with the callers,
// per packet, where it is inlined): the tag put back, as libpcap does,
// built at the end of *buf (whose earlier bytes stay where they are), and
// the wire length with it.
func retagRecord(rec, frame []byte, wire int, buf *[]byte) ([]byte, int) {
	tpid, tci, ok := recordVLAN(rec)
	if !ok || len(frame) < 12 {
		return frame, wire
	}
	start := len(*buf)
	*buf = retag(*buf, frame, tpid, tci)
	return (*buf)[start:], wire + 4
}

// packet turns a record into a Packet, its Data in the ring (or, with a
// VLAN tag put back, in scratch, which holds such copies for a whole
// batch).
func (r *tcReader) packet(rec []byte, p *Packet) error {
	ifIndex, wire, data, err := recordFrame(rec)
	if err != nil {
		return err
	}
	if rec[recFlags+1] != 0 {
		// Earlier packets of the batch keep their copies in scratch.
		data, wire = retagRecord(rec, data, wire, &r.scratch)
	}
	if len(data) > r.e.snapLen {
		data = data[:r.e.snapLen]
	}
	if ifIndex != r.lastIndex {
		r.lastIndex = ifIndex
		r.lastPos, r.lastName = r.e.lookup(ifIndex)
	}
	ne := binary.NativeEndian
	// Field by field, in place: no copy of the whole Packet.
	p.Timestamp = r.timestamp(ne.Uint64(rec[recTime:]))
	p.Data = data
	p.Length = wire
	p.LinkType = linktype.Ethernet
	p.IfIndex = ifIndex
	p.IfName = r.lastName
	p.Interface = r.lastPos
	p.Direction = Direction(rec[recFlags])
	p.SocketCookie = ne.Uint64(rec[recCookie:])
	return nil
}

// writeRecords is Live.WriteNext for the tc engine: the records the ring
// holds now, up to max, appended straight from the ring to w's buffer, one
// run of an interface's records at a time, with no Packet for each. It
// returns 0 when there are none, or when the capture is stopping: the
// caller then goes through NextPackets, which waits, or drains the ring.
func (r *tcReader) writeRecords(w pcapng.RecordWriter, ids []int, max int) (int, error) {
	if r.err != nil || r.draining || r.stopped() {
		return 0, nil
	}
	// What was handed out before has been used.
	r.done = r.pos
	if r.done-r.published >= r.batch {
		r.publish()
	}
	r.prod = atomic.LoadUint64(r.prodPos)
	r.wrapped = r.wrapped[:0] // the records of the last call are written out
	total := 0
	for total < max {
		ifIndex, ok := r.peek()
		if !ok {
			break
		}
		if ifIndex != r.lastIndex {
			r.lastIndex = ifIndex
			r.lastPos, r.lastName = r.e.lookup(ifIndex)
		}
		r.limit = max - total
		n, err := w.WriteRecords(ids[r.lastPos], r)
		total += n
		if err != nil || n == 0 {
			r.e.delivered.Add(uint64(total))
			return total, err
		}
	}
	r.e.delivered.Add(uint64(total))
	return total, nil
}

// peek returns the interface index of the next committed record below
// r.prod, moving past discarded ones; false when there is none (or it is
// corrupt: r.err says how).
func (r *tcReader) peek() (int, bool) {
	rec, _, _, ok := r.committed(r.prod)
	if !ok {
		return 0, false
	}
	ifIndex, _, _, err := recordFrame(rec)
	if err != nil {
		r.err = err
		return 0, false
	}
	return ifIndex, true
}

// recordsOnly implements recordReader: every record can be written so,
// but while the reader drains the ring after Stop (NextPackets's work).
func (r *tcReader) recordsOnly() bool { return r.err == nil && !r.draining && !r.stopped() }

// AppendRecords implements pcapng.RecordSource for writeRecords: the
// committed records from pos on, up to r.prod and r.limit packets, as long
// as they are of the interface lastIndex. Errors are left in r.err.
func (r *tcReader) AppendRecords(e *pcapng.Encoder, b []byte, limit int) ([]byte, int) {
	n := 0
	for n < r.limit && len(b) < limit {
		rec, span, _, ok := r.committed(r.prod)
		if !ok {
			break
		}
		ifIndex, wire, frame, err := recordFrame(rec)
		if err != nil {
			r.err = err
			break
		}
		if ifIndex != r.lastIndex {
			break // the next run
		}
		r.pos += span
		if rec[recFlags+1] != 0 {
			// Encoded before the next record: one copy at a time.
			r.scratch = r.scratch[:0]
			frame, wire = retagRecord(rec, frame, wire, &r.scratch)
		}
		if len(frame) > r.e.snapLen {
			frame = frame[:r.e.snapLen]
		}
		sec, nsec := r.unix(binary.NativeEndian.Uint64(rec[recTime:]))
		d, rc := Direction(rec[recFlags]).record()
		b = e.Append(b, uint32(min(max(sec, 0), 0xffffffff)), uint32(nsec), frame, wire, d, rc)
		n++
	}
	return b, n
}

// timestamp turns a bpf_ktime_get_ns value into the time.
func (r *tcReader) timestamp(mono uint64) time.Time {
	return time.Unix(r.unix(mono))
}

// unix turns a bpf_ktime_get_ns value into seconds and nanoseconds since
// the epoch. It divides only when the packet is in another second than the
// one before it (second), and is small enough to be inlined.
func (r *tcReader) unix(mono uint64) (sec, nsec int64) {
	ns := int64(mono) + r.e.monoToReal
	if d := ns - r.secStart; uint64(d) < 1e9 {
		return r.sec, d
	}
	return r.second(ns)
}

// second is unix for a packet in another second than the last one.
func (r *tcReader) second(ns int64) (sec, nsec int64) {
	r.sec = ns / 1e9
	r.secStart = r.sec * 1e9
	return r.sec, ns - r.secStart // negative before 1970: time.Unix normalizes
}

// lookup returns the position and name of the interface with index
// ifIndex: a captured one's, or for another (position 0) the name the
// kernel gives it, asked as lookupInterface asks for a number's, once per
// interface: the reader looks up again whenever the index changes, and
// records of two interfaces can alternate. Only the reader calls it.
func (e *tcEngine) lookup(ifIndex int) (int, string) {
	if pos, ok := e.pos[ifIndex]; ok {
		return pos, e.ifaces[pos].Name
	}
	name, ok := e.others[ifIndex]
	if !ok {
		name = indexName(ifIndex)
		e.others[ifIndex] = name
	}
	return 0, name
}
