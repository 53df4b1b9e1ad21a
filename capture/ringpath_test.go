package capture

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"syscall"
	"testing"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// ringPath is the socket engine's path from a ring block to a writer, as
// gocap -w runs it: a reader over one block the kernel has laid out, the
// batch read, and the writer's batch write (cmd/gocap's writeBatches does
// the same conversion).
type ringPath struct {
	r     *sockReader
	live  *Live // over r
	h     *sockHandle
	block []byte
	w     pcapng.BatchWriter
	in    [256]Packet
	out   [256]pcapng.Packet
}

func newRingPath(tb testing.TB, format pcapng.Format, frames []frame) *ringPath {
	h := &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 262144, warn: io.Discard}
	pw, err := pcapng.NewPacketWriter(io.Discard, format, pcapng.WriterOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := pw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "eth0"}); err != nil {
		tb.Fatal(err)
	}
	r := &sockReader{stopped: func() bool { return true }, draining: true}
	return &ringPath{
		r:     r,
		live:  &Live{src: r},
		h:     h,
		block: buildBlock(frames),
		w:     pw.(pcapng.BatchWriter),
	}
}

// batch moves one batch from the ring to the writer and returns its size;
// at the end of the block it starts on the same block again.
func (p *ringPath) batch(tb testing.TB) int {
	if p.r.cur == nil {
		p.r.filled = 0
		p.r.start(p.h, p.block, true)
	}
	n, err := p.r.nextBatch(context.Background(), p.in[:])
	if err == io.EOF {
		p.r.cur = nil
		return 0
	}
	if err != nil {
		tb.Fatal(err)
	}
	for i := range p.in[:n] {
		in, out := &p.in[i], &p.out[i]
		out.Timestamp, out.Data, out.OriginalLength = in.Timestamp, in.Data, in.Length
		// What gocap records for a packet received on Ethernet
		// (cmd/gocap's recordedDirection): pcapng writes epb_flags.
		out.Direction, out.Reception = pcapng.DirectionInbound, pcapng.ReceptionUnicast
	}
	if _, err := p.w.WritePackets(p.out[:n]); err != nil {
		tb.Fatal(err)
	}
	return n
}

// firstInterface maps a capture's only interface to the writer's first.
var firstInterface = []int{0}

// records moves the next packets as gocap -w does (Live.WriteNext) and
// returns how many; at the end of the block it starts on it again.
func (p *ringPath) records(tb testing.TB) int {
	if p.r.cur == nil {
		p.r.filled = 0
		p.r.start(p.h, p.block, true)
	}
	n, err := p.live.WriteNext(context.Background(), p.w.(pcapng.RecordWriter), firstInterface, 0)
	if err == io.EOF {
		p.r.cur = nil
		return n
	}
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// each moves the packets one by one, as gocap's general loop does
// (printing, rotation): NextPacket and WritePacket per packet.
func (p *ringPath) each(tb testing.TB) int {
	if p.r.cur == nil {
		p.r.filled = 0
		p.r.start(p.h, p.block, true)
	}
	pw := p.w.(pcapng.PacketWriter)
	for n := 0; n < len(p.in); n++ {
		pkt, err := p.r.next(context.Background())
		if err == io.EOF {
			p.r.cur = nil
			return n
		}
		if err != nil {
			tb.Fatal(err)
		}
		if err := pw.WritePacket(pcapng.Packet{Timestamp: pkt.Timestamp, Data: pkt.Data, OriginalLength: pkt.Length,
			Direction: pcapng.DirectionInbound, Reception: pcapng.ReceptionUnicast}); err != nil {
			tb.Fatal(err)
		}
	}
	return len(p.in)
}

// mixFrames fills a 64 KiB block with capbench's traffic: for the small
// mix 60-byte UDP frames, for the default one per ten frames six of those,
// two 1514-byte TCP frames and two VLAN-tagged ones (the tag stripped by
// the kernel, put back by the reader).
func mixFrames(small bool) []frame {
	udp := frame{data: make([]byte, 60), wireLen: 60, sec: 1700000000, nsec: 5}
	tcp := frame{data: make([]byte, 1514), wireLen: 1514, sec: 1700000000, nsec: 6}
	vlan := frame{data: make([]byte, 60), wireLen: 60, vlanTCI: 10, status: 0x10, sec: 1700000000, nsec: 7}
	cycle, repeat := []frame{udp, tcp, udp, vlan, udp, udp, tcp, udp, vlan, udp}, 14
	if small {
		cycle, repeat = []frame{udp}, 400
	}
	var frames []frame
	for range repeat {
		frames = append(frames, cycle...)
	}
	return frames
}

// TestRingPathAllocs: once warmed up, the path from the ring to the writer
// allocates nothing per packet, for either format and either mix.
func TestRingPathAllocs(t *testing.T) {
	for _, format := range []pcapng.Format{pcapng.FormatPcap, pcapng.FormatPcapng} {
		for _, small := range []bool{true, false} {
			p := newRingPath(t, format, mixFrames(small))
			for i := 0; i < 100; i++ {
				p.batch(t)
				p.records(t)
			}
			if a := testing.AllocsPerRun(1000, func() { p.batch(t) }); a != 0 {
				t.Errorf("%v, small %v: %.2f allocations per batch, want 0", format, small, a)
			}
			if a := testing.AllocsPerRun(1000, func() { p.records(t) }); a != 0 {
				t.Errorf("%v, small %v: %.2f allocations per WriteNext, want 0", format, small, a)
			}
		}
	}
}

// BenchmarkRingToWriter: the user-space CPU per packet of gocap -w from
// the ring block to the writer's buffer (into io.Discard: no write(2)),
// straight from the ring as gocap -w takes it ("records", Live.WriteNext),
// through Packets in batches (what -w --context process takes: "batch")
// and packet by packet ("each", the path of printing and rotation). Run with -benchmem: 0
// allocations per packet.
func BenchmarkRingToWriter(b *testing.B) {
	for _, c := range []struct {
		name   string
		format pcapng.Format
		small  bool
	}{
		{"pcap/small", pcapng.FormatPcap, true},
		{"pcap/default", pcapng.FormatPcap, false},
		{"pcapng/small", pcapng.FormatPcapng, true},
		{"pcapng/default", pcapng.FormatPcapng, false},
	} {
		for _, path := range []string{"records", "batch", "each"} {
			b.Run(c.name+"/"+path, func(b *testing.B) {
				p := newRingPath(b, c.format, mixFrames(c.small))
				move := p.records
				switch path {
				case "batch":
					move = p.batch
				case "each":
					move = p.each
				}
				benchMoves(b, move)
			})
		}
	}
}

// benchMoves has move carry b.N packets and reports, beside ns/op, the
// process's CPU time per packet: CPU time, unlike ns/op, does not count
// time the benchmark waited for a core on a busy machine.
func benchMoves(b *testing.B, move func(testing.TB) int) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for n := 0; n < b.N; {
		n += move(b)
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestNextBatchMatchesNext: a block read in batches gives the same packets,
// byte for byte, as read one by one — VLAN tags put back and cooked
// headers built each in a place of its own, not overwritten by the next.
func TestNextBatchMatchesNext(t *testing.T) {
	frames := mixFrames(false)
	for i := range frames {
		frames[i].data = append([]byte(nil), frames[i].data...)
		frames[i].data[len(frames[i].data)-1] = byte(i) // each packet different
		frames[i].ifIndex, frames[i].pktType = 3, uint8(i%5)
	}
	block := buildBlock(frames)
	for _, h := range []*sockHandle{
		{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 262144, warn: io.Discard},
		{name: "any", cooked: true, linkType: linktype.LinuxSLL2, snapLen: 262144, names: map[int]string{3: "eth0"}, warn: io.Discard},
	} {
		want, err := h.decodeBlock(block)
		if err != nil {
			t.Fatal(err)
		}
		r := &sockReader{stopped: func() bool { return true }, draining: true}
		r.start(h, block, true)
		var got []Packet
		sizes := []int{1, 7, 3, 64, 2} // batch sizes, in turn
		for k := 0; ; k++ {
			ps := make([]Packet, sizes[k%len(sizes)])
			n, err := r.nextBatch(context.Background(), ps)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			// Compare the whole batch now (the next call reuses the
			// arena): every packet's bytes must still be its own.
			for i := range ps[:n] {
				if k := len(got) + i; k >= len(want) || !bytes.Equal(ps[i].Data, want[k].Data) {
					t.Fatalf("%s: packet %d differs from next's", h.name, k)
				}
			}
			got = append(got, ps[:n]...)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d packets in batches, %d one by one", h.name, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if g.Length != w.Length || g.Direction != w.Direction || !g.Timestamp.Equal(w.Timestamp) || g.IfName != w.IfName {
				t.Errorf("%s: packet %d: %+v, want %+v", h.name, i, g, w)
			}
		}
	}
}

// TestWriteNextMatchesWritePackets: the records WriteNext writes straight
// from the ring are byte for byte those NextPackets and WritePackets write
// (cmd/gocap's conversion, Packet.RecordDirection), for both formats, with
// VLAN tags put back, every packet type, a snap length, a direction
// filter, and batches cut short by a count and by the writer's buffer.
func TestWriteNextMatchesWritePackets(t *testing.T) {
	frames := mixFrames(false)
	for i := range frames {
		frames[i].data = append([]byte(nil), frames[i].data...)
		frames[i].data[len(frames[i].data)-1] = byte(i)
		frames[i].pktType = uint8(i % 6) // host, broadcast, multicast, other host, outgoing, loopback
		frames[i].nsec = uint32(i * 1001)
	}
	block := buildBlock(frames)
	for _, format := range []pcapng.Format{pcapng.FormatPcap, pcapng.FormatPcapng} {
		for _, micro := range []bool{false, true} {
			for _, dir := range []DirectionFilter{DirInOut, DirIn, DirOut} {
				for _, snap := range []int{262144, 100} {
					name := fmt.Sprintf("%v/micro=%v/dir=%d/snap=%d", format, micro, dir, snap)
					h := &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: snap, dir: dir, warn: io.Discard}
					open := func() (*bytes.Buffer, pcapng.PacketWriter) {
						var buf bytes.Buffer
						pw, err := pcapng.NewPacketWriter(&buf, format, pcapng.WriterOptions{Micro: micro, BufferSize: 4096})
						if err != nil {
							t.Fatal(err)
						}
						if _, err := pw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "eth0"}); err != nil {
							t.Fatal(err)
						}
						return &buf, pw
					}
					wantBuf, want := open()
					r := &sockReader{stopped: func() bool { return true }, draining: true}
					r.start(h, block, true)
					writePackets(t, r.nextBatch, want)
					gotBuf, got := open()
					r = &sockReader{stopped: func() bool { return true }, draining: true}
					r.start(h, block, true)
					l := &Live{src: r}
					total := writeAllRecords(t, l, got, []int{1, 5, 0, 3})
					sameOutput(t, name, want, got, wantBuf, gotBuf, total)
				}
			}
		}
	}
}

// writePackets writes what nextBatch gives, in batches of 7, packet by
// packet with Packet.RecordDirection: what WriteNext must write.
func writePackets(t *testing.T, nextBatch func(context.Context, []Packet) (int, error), w pcapng.PacketWriter) {
	t.Helper()
	for {
		var ps [7]Packet
		n, err := nextBatch(context.Background(), ps[:])
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps[:n] {
			d, rec := p.RecordDirection()
			if err := w.WritePacket(pcapng.Packet{InterfaceID: p.Interface, Timestamp: p.Timestamp, Data: p.Data, OriginalLength: p.Length, Direction: d, Reception: rec}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// writeAllRecords writes everything l has to w with WriteNext, at most
// maxes[k%len(maxes)] packets in its k-th call, and returns how many.
func writeAllRecords(t *testing.T, l *Live, w pcapng.PacketWriter, maxes []int) int {
	t.Helper()
	total := 0
	for k := 0; ; k++ {
		n, err := l.WriteNext(context.Background(), w.(pcapng.RecordWriter), firstInterface, maxes[k%len(maxes)])
		total += n
		if err == io.EOF {
			return total
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// sameOutput closes both writers and fails unless WriteNext (got, total
// packets) wrote what NextPackets and WritePacket (want) did.
func sameOutput(t *testing.T, name string, want, got pcapng.PacketWriter, wantBuf, gotBuf *bytes.Buffer, total int) {
	t.Helper()
	if err := want.Close(); err != nil {
		t.Fatal(err)
	}
	if err := got.Close(); err != nil {
		t.Fatal(err)
	}
	if total == 0 {
		t.Fatalf("%s: nothing written", name)
	}
	if !bytes.Equal(gotBuf.Bytes(), wantBuf.Bytes()) {
		t.Errorf("%s: WriteNext wrote %d bytes (%d packets), NextPackets+WritePacket %d: they differ", name, gotBuf.Len(), total, wantBuf.Len())
	}
}
