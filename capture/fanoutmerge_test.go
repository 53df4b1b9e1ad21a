package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// fakeLane plays the kernel for the merge: the blocks of one socket,
// handed over one at a time in a ring whose next block shows, as the
// kernel's does, that it is being filled (its open time, its count). Its
// "socket" is an eventfd, written when a block is handed over, which wakes
// the merge as a socket's ring does.
type fakeLane struct {
	h      *sockHandle
	blocks [][]frame
	next   int
}

// TestMergeOrder: the merge returns every packet of every lane exactly
// once, in time-stamp order, whatever the order in which the lanes hand
// their blocks over, with packets out of order inside a block, and after
// Stop the blocks the kernel was still filling.
func TestMergeOrder(t *testing.T) {
	t.Run("next", func(t *testing.T) { testMergeOrder(t, 1, 0) })
	t.Run("batch", func(t *testing.T) { testMergeOrder(t, 7, 0) })
	// A socket bound to one interface: its packets take the plain path.
	t.Run("batch/plain", func(t *testing.T) { testMergeOrder(t, 7, 3) })
}

// testMergeOrder reads the merge batch packets at a time (1: with next)
// from sockets bound to interface ifIndex (0: all, the general path).
func testMergeOrder(t *testing.T, batch, ifIndex int) {
	rng := rand.New(rand.NewPCG(1, uint64(batch+ifIndex)))
	base := time.Now().Add(-time.Hour).UnixNano()
	const lanes, packets = 3, 3000
	fakes := make([]*fakeLane, lanes)
	for i := range fakes {
		fakes[i] = &fakeLane{}
	}
	// One timeline, 10 µs apart, spread at random over the lanes, each
	// lane's share cut into blocks of 1 to 40 packets.
	cur := make([][]frame, lanes)
	for seq := range packets {
		k := rng.IntN(lanes)
		ts := base + int64(seq)*10_000
		data := make([]byte, 64)
		binary.BigEndian.PutUint32(data[60:], uint32(seq))
		cur[k] = append(cur[k], frame{sec: uint32(ts / 1e9), nsec: uint32(ts % 1e9), data: data, wireLen: 64})
		if len(cur[k]) >= 1+rng.IntN(40) {
			fakes[k].blocks, cur[k] = append(fakes[k].blocks, cur[k]), nil
		}
	}
	var handles []*sockHandle
	for k, f := range fakes {
		if len(cur[k]) > 0 {
			f.blocks = append(f.blocks, cur[k])
		}
		for _, b := range f.blocks {
			// Two CPUs storing into one ring: neighbours swapped.
			if len(b) > 2 && rng.IntN(2) == 0 {
				j := rng.IntN(len(b) - 1)
				b[j], b[j+1] = b[j+1], b[j]
			}
		}
		n := len(f.blocks) + 1
		efd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(efd)
		f.h = &sockHandle{name: "fake", fd: efd, ifIndex: ifIndex, linkType: linktype.Ethernet, snapLen: DefaultSnapLen, warn: io.Discard,
			ring: &ring{mem: make([]byte, n<<16), blockSize: 1 << 16, blockNr: n}}
		f.fill()
		handles = append(handles, f.h)
	}
	var stopped atomic.Bool
	fr, err := newFanoutReader(handles, 10*time.Millisecond, stopped.Load)
	if err != nil {
		t.Fatal(err)
	}
	defer fr.close()

	// Every lane's blocks but the last are handed over, in an order
	// across lanes chosen at random; the last ones are being filled at
	// Stop.
	go func() {
		for live := lanes; live > 0; {
			f := fakes[rng.IntN(lanes)]
			if f.next >= len(f.blocks)-1 {
				if f.next == len(f.blocks)-1 {
					f.next++
					live--
				}
				continue
			}
			f.handOver()
			if rng.IntN(4) == 0 {
				time.Sleep(200 * time.Microsecond)
			}
		}
		time.Sleep(20 * time.Millisecond)
		stopped.Store(true)
		fr.wake()
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	seen := make([]bool, packets)
	var last time.Time
	got := 0
	ps := make([]Packet, batch)
	for {
		var n int
		var err error
		if batch == 1 {
			ps[0], err = fr.next(ctx)
			n = 1
		} else {
			n, err = fr.nextBatch(ctx, ps)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d packets: %v", got, err)
		}
		for _, p := range ps[:n] {
			// Every packet's block is still the reader's (or the one
			// the kernel was filling).
			for _, f := range fakes {
				mem := f.h.ring.mem
				if off := int(uintptr(unsafe.Pointer(&p.Data[0])) - uintptr(unsafe.Pointer(&mem[0]))); off >= 0 && off < len(mem) &&
					off/f.h.ring.blockSize < len(f.blocks)-1 && !f.h.ring.userOwned(off/f.h.ring.blockSize) {
					t.Fatalf("packet %d returned in a block already given back", got)
				}
			}
			if p.Timestamp.Before(last) {
				t.Fatalf("packet %d stamped %v, before the previous one (%v)", got, p.Timestamp, last)
			}
			last = p.Timestamp
			seq := binary.BigEndian.Uint32(p.Data[60:])
			if seen[seq] {
				t.Fatalf("packet %d returned twice", seq)
			}
			seen[seq] = true
			got++
		}
	}
	if got != packets {
		t.Errorf("merged %d packets of %d", got, packets)
	}
	for _, f := range fakes {
		for i := range len(f.blocks) - 1 {
			if f.h.ring.userOwned(i) {
				t.Errorf("block %d of a lane not given back", i)
			}
		}
	}
}

// fill lays out the lane's next block as the kernel's current one: being
// filled (not handed over), opened no later than its first packet.
func (f *fakeLane) fill() {
	if f.next >= len(f.blocks) {
		return // the kernel's block is empty
	}
	b := buildBlock(f.blocks[f.next])
	first := int64(1) << 62
	for _, fr := range f.blocks[f.next] {
		first = min(first, int64(fr.sec)*1e9+int64(fr.nsec))
	}
	first -= 1000
	binary.NativeEndian.PutUint32(b[blockFirstTSOff:], uint32(first/1e9))
	binary.NativeEndian.PutUint32(b[blockFirstTSOff+4:], uint32(first%1e9))
	binary.NativeEndian.PutUint64(b[blockSeqOff:], uint64(f.next))
	copy(f.h.ring.block(f.next), b)
}

// handOver retires the block being filled, opens the next, and wakes the
// merge.
func (f *fakeLane) handOver() {
	i := f.next
	f.next++
	f.fill()
	atomic.StoreUint32(f.h.ring.statusWord(i), tpStatusUser)
	var one [8]byte
	binary.NativeEndian.PutUint64(one[:], 1)
	_, _ = unix.Write(f.h.fd, one[:])
}

// mergePath is a fanout capture's path from its rings to a writer without
// the lanes' threads: the merge takes (and indexes) each ready block
// itself, and the "kernel" hands every block given back over again at
// once, a flood on every socket.
type mergePath struct {
	r     *fanoutReader
	live  *Live // over r, for WriteNext
	count int   // packets per block
	w     pcapng.BatchWriter
	in    [256]Packet
	out   [256]pcapng.Packet
}

// newMergePath: lanes sockets, each ring of 2 blocks holding frames with
// time stamps interleaved across the sockets (packet j of socket k at j*lanes+k µs).
func newMergePath(tb testing.TB, format pcapng.Format, frames []frame, lanes int) *mergePath {
	pw, err := pcapng.NewPacketWriter(io.Discard, format, pcapng.WriterOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := pw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "eth0"}); err != nil {
		tb.Fatal(err)
	}
	const blocks = 2
	var handles []*sockHandle
	for k := range lanes {
		rg := &ring{mem: make([]byte, blocks<<16), blockSize: 1 << 16, blockNr: blocks}
		for b := range blocks {
			fs := slices.Clone(frames)
			for j := range fs {
				ts := int64(1700000000)*1e9 + int64(((b*len(fs)+j)*lanes+k)*1000)
				fs[j].sec, fs[j].nsec = uint32(ts/1e9), uint32(ts%1e9)
			}
			copy(rg.block(b), buildBlock(fs))
			atomic.StoreUint32(rg.statusWord(b), tpStatusUser)
		}
		handles = append(handles, &sockHandle{name: "eth0", fd: -1, ifIndex: 3, linkType: linktype.Ethernet, snapLen: 262144, warn: io.Discard, ring: rg})
	}
	// No epoll instance: the blocks are always ready.
	r := newMerge(handles, 10*time.Millisecond, func() bool { return false })
	return &mergePath{r: r, live: &Live{src: r}, count: len(frames), w: pw.(pcapng.BatchWriter)}
}

// records moves the next packets as gocap -w does (Live.WriteNext) and
// hands every block given back over again.
func (p *mergePath) records(tb testing.TB) int {
	n, err := p.live.WriteNext(context.Background(), p.w.(pcapng.RecordWriter), []int{0}, 0)
	if err != nil {
		tb.Fatal(err)
	}
	p.rearm()
	return n
}

// batch moves one batch from the rings to the writer and hands every block
// given back over again.
func (p *mergePath) batch(tb testing.TB) int {
	n, err := p.r.nextBatch(context.Background(), p.in[:])
	if err != nil {
		tb.Fatal(err)
	}
	for i := range p.in[:n] {
		in, out := &p.in[i], &p.out[i]
		out.Timestamp, out.Data, out.OriginalLength = in.Timestamp, in.Data, in.Length
		out.Direction, out.Reception = pcapng.DirectionInbound, pcapng.ReceptionUnicast
	}
	if _, err := p.w.WritePackets(p.out[:n]); err != nil {
		tb.Fatal(err)
	}
	p.rearm()
	return n
}

// rearm hands every block given back over again.
func (p *mergePath) rearm() {
	for _, ln := range p.r.lanes {
		for b := range ln.ring.blockNr {
			if !ln.ring.userOwned(b) {
				binary.NativeEndian.PutUint32(ln.ring.mem[b*ln.ring.blockSize+blockNumPktsOff:], uint32(p.count))
				atomic.StoreUint32(ln.ring.statusWord(b), tpStatusUser)
			}
		}
	}
}

// BenchmarkFanoutToWriter is BenchmarkRingToWriter's batch path for a
// fanout of 2 and 4 sockets: the merge's CPU per packet, its index
// included, without the wake-ups of a live capture. Compare with BenchmarkRingToWriter's
// pcapng/*/batch.
func BenchmarkFanoutToWriter(b *testing.B) {
	for _, lanes := range []int{2, 4} {
		for _, small := range []bool{true, false} {
			for _, path := range []string{"records", "batch"} {
				name := fmt.Sprintf("pcapng/%s/fanout%d/%s", map[bool]string{true: "small", false: "default"}[small], lanes, path)
				b.Run(name, func(b *testing.B) {
					p := newMergePath(b, pcapng.FormatPcapng, mixFrames(small), lanes)
					move := p.batch
					if path == "records" {
						move = p.records
					}
					benchMoves(b, move)
				})
			}
		}
	}
}

// TestFanoutPathAllocs: once warmed up, the merge's path from the rings to
// the writer allocates nothing per packet, for either mix.
func TestFanoutPathAllocs(t *testing.T) {
	for _, small := range []bool{true, false} {
		p := newMergePath(t, pcapng.FormatPcapng, mixFrames(small), 2)
		for i := 0; i < 100; i++ {
			p.batch(t)
		}
		if a := testing.AllocsPerRun(1000, func() { p.batch(t) }); a != 0 {
			t.Errorf("small %v: %.2f allocations per batch, want 0", small, a)
		}
	}
}

// distinctFrames is the default mix's frames, each different in its last
// byte, on interface 3, their packet types taking turns among the first
// types ones (PACKET_HOST, _BROADCAST, ...).
func distinctFrames(types int) []frame {
	frames := mixFrames(false)
	for i := range frames {
		frames[i].data = append([]byte(nil), frames[i].data...)
		frames[i].data[len(frames[i].data)-1] = byte(i)
		frames[i].ifIndex, frames[i].pktType = 3, uint8(i%types)
	}
	return frames
}

// TestFanoutPlainMatchesGeneric: the merge's batch path, which reads a
// plain socket's frames as batchPlain does, gives the same packets, byte
// for byte, as its packet-by-packet path through the generic decode —
// VLAN tags put back, each packet different, in the same order.
func TestFanoutPlainMatchesGeneric(t *testing.T) {
	frames := distinctFrames(5)
	const lanes, blocks = 2, 2 // as newMergePath lays them out
	total := lanes * blocks * len(frames)
	ctx := context.Background()
	generic := newMergePath(t, pcapng.FormatPcapng, frames, lanes)
	var want []Packet
	for len(want) < total {
		p, err := generic.r.next(ctx)
		if err != nil {
			t.Fatalf("next, after %d packets: %v", len(want), err)
		}
		p.Data = append([]byte(nil), p.Data...)
		want = append(want, p)
	}
	batch := newMergePath(t, pcapng.FormatPcapng, frames, lanes)
	for i, ln := range batch.r.lanes {
		if !ln.plain {
			t.Fatalf("lane %d: not plain", i)
		}
	}
	got := 0
	for got < total {
		ps := make([]Packet, min(64, total-got))
		n, err := batch.r.nextBatch(ctx, ps)
		if err != nil {
			t.Fatalf("nextBatch, after %d packets: %v", got, err)
		}
		for _, p := range ps[:n] {
			w := want[got]
			if !bytes.Equal(p.Data, w.Data) || p.Length != w.Length || !p.Timestamp.Equal(w.Timestamp) ||
				p.Direction != w.Direction || p.IfIndex != w.IfIndex || p.IfName != w.IfName || p.LinkType != w.LinkType || p.Interface != w.Interface {
				t.Fatalf("packet %d: batch %+v, next %+v", got, p, w)
			}
			got++
		}
	}
}

// TestFanoutWriteNext: WriteNext over the merge (its packets straight from
// the rings as records, the rest through NextPackets) writes the file
// that NextPackets and WritePacket write, byte for byte: the same packets
// in the same order, VLAN tags put back, directions kept or filtered.
func TestFanoutWriteNext(t *testing.T) {
	frames := distinctFrames(6)
	for _, format := range []pcapng.Format{pcapng.FormatPcap, pcapng.FormatPcapng} {
		for _, dir := range []DirectionFilter{DirInOut, DirIn} {
			name := fmt.Sprintf("%v/dir=%d", format, dir)
			open := func() (*bytes.Buffer, pcapng.PacketWriter, *fanoutReader) {
				var buf bytes.Buffer
				pw, err := pcapng.NewPacketWriter(&buf, format, pcapng.WriterOptions{BufferSize: 4096})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := pw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "eth0"}); err != nil {
					t.Fatal(err)
				}
				// Stopped from the start: the merge reads the blocks
				// handed over and ends.
				r := newMergePath(t, format, frames, 2).r
				r.stopped = func() bool { return true }
				for _, ln := range r.lanes {
					ln.h.dir = dir
				}
				return &buf, pw, r
			}
			wantBuf, want, r := open()
			writePackets(t, r.nextBatch, want)
			gotBuf, got, r := open()
			l := &Live{src: r}
			total := writeAllRecords(t, l, got, []int{1, 5, 0, 3, 200})
			sameOutput(t, name, want, got, wantBuf, gotBuf, total)
		}
	}
}
