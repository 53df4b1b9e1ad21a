package capture

import (
	"context"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/gocap/gocap/linktype"
)

// fakeLane plays the kernel and a lane for the merge: the blocks of one
// socket, handed over one at a time in a ring whose next block shows, as
// the kernel's does, that it is being filled (its open time, its count).
type fakeLane struct {
	ln     *lane
	blocks [][]frame
	next   int
}

// TestMergeOrder: the merge returns every packet of every lane exactly
// once, in time-stamp order, whatever the order in which the lanes hand
// their blocks over, and with packets out of order inside a block.
func TestMergeOrder(t *testing.T) {
	t.Run("next", func(t *testing.T) { testMergeOrder(t, 1) })
	t.Run("batch", func(t *testing.T) { testMergeOrder(t, 7) })
}

// testMergeOrder reads the merge batch packets at a time (1: with next).
func testMergeOrder(t *testing.T, batch int) {
	rng := rand.New(rand.NewPCG(1, uint64(batch)))
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
		r := &ring{mem: make([]byte, n<<16), blockSize: 1 << 16, blockNr: n}
		h := &sockHandle{name: "fake", linkType: linktype.Ethernet, snapLen: DefaultSnapLen}
		f.ln = &lane{h: h, ring: r, blocks: make(chan laneBlock, n+2), refs: make([][]frameRef, n), errs: make([]error, n)}
		f.fill()
	}
	fr := &fanoutReader{stopped: func() bool { return false }, notify: make(chan struct{}, 1), tov: 10 * time.Millisecond, wm: -1 << 63}
	fr.timer = time.NewTimer(time.Hour)
	fr.timer.Stop()
	for _, f := range fakes {
		fr.lanes = append(fr.lanes, f.ln)
	}

	go func() {
		for live := lanes; live > 0; {
			f := fakes[rng.IntN(lanes)]
			if f.next > len(f.blocks) {
				continue
			}
			if f.next == len(f.blocks) {
				f.ln.blocks <- laneBlock{done: true}
				f.ln.sent.Add(1)
				f.next++
				live--
			} else {
				f.handOver()
			}
			fr.signal()
			if rng.IntN(4) == 0 {
				time.Sleep(200 * time.Microsecond)
			}
		}
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
			// Every packet's block is still the reader's.
			for _, f := range fakes {
				mem := f.ln.ring.mem
				if off := int(uintptr(unsafe.Pointer(&p.Data[0])) - uintptr(unsafe.Pointer(&mem[0]))); off >= 0 && off < len(mem) && !f.ln.ring.userOwned(off/f.ln.ring.blockSize) {
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
		for i := range len(f.blocks) {
			if f.ln.ring.userOwned(i) {
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
	copy(f.ln.ring.block(f.next), b)
}

// handOver retires the block being filled, opens the next, and passes the
// retired one's index to the merge, as a lane does, unless the merge
// claimed it first.
func (f *fakeLane) handOver() {
	i := f.next
	f.next++
	f.fill()
	atomic.StoreUint32(f.ln.ring.statusWord(i), tpStatusUser)
	if !f.ln.claimed.CompareAndSwap(uint64(i), uint64(i+1)) {
		return // the merge took it itself
	}
	f.ln.index(i)
	f.ln.blocks <- laneBlock{block: i}
	f.ln.sent.Add(1)
}
