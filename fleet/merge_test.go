package fleet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

var t0 = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// fakeCapture is one node's gocap output: interfaces, packets (by interface
// index and time offset), statistics per interface.
type fakeCapture struct {
	ifaces []string
	pkts   []fakePkt
	stats  []pcapng.Stats
}

type fakePkt struct {
	ifc int
	at  time.Duration
	tag string
}

func (fc fakeCapture) write(t testing.TB, w io.Writer) {
	t.Helper()
	pw, err := pcapng.NewWriter(w, pcapng.WriterOptions{FlushEachPacket: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range fc.ifaces {
		if _, err := pw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: name, Filter: "udp"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range fc.pkts {
		if err := pw.WritePacket(pcapng.Packet{InterfaceID: p.ifc, Timestamp: t0.Add(p.at), Data: []byte(p.tag)}); err != nil {
			t.Fatal(err)
		}
	}
	for id, s := range fc.stats {
		if err := pw.WriteStatistics(id, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
}

func (fc fakeCapture) bytes(t testing.TB) []byte {
	var b bytes.Buffer
	fc.write(t, &b)
	return b.Bytes()
}

// merged is a merged file read back.
type merged struct {
	ifaces []pcapng.Interface
	pkts   []pcapng.Packet
	stats  map[string]pcapng.Stats // by interface name
}

func readMerged(t *testing.T, b []byte) merged {
	t.Helper()
	r, err := pcapng.Open(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var m merged
	for {
		p, err := r.ReadPacket()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		p.Data = append([]byte(nil), p.Data...)
		m.pkts = append(m.pkts, p)
	}
	m.ifaces = r.Interfaces()
	m.stats = map[string]pcapng.Stats{}
	for id, ifc := range m.ifaces {
		if s, ok := r.Statistics(id); ok {
			m.stats[ifc.Name] = s
		}
	}
	return m
}

func mergeBytes(t *testing.T, streams []Stream, opts MergeOptions) (merged, Summary) {
	t.Helper()
	var out bytes.Buffer
	w, err := pcapng.NewWriter(&out, pcapng.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sum, err := Merge(ctx, w, streams, opts)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return readMerged(t, out.Bytes()), sum
}

func TestMergeOrdersNamesAndKeepsStatistics(t *testing.T) {
	a := fakeCapture{ifaces: []string{"eth0"},
		pkts:  []fakePkt{{0, 1 * time.Millisecond, "a1"}, {0, 4 * time.Millisecond, "a2"}, {0, 9 * time.Millisecond, "a3"}},
		stats: []pcapng.Stats{{Received: 3, OSDrop: 1, Present: pcapng.StatReceived | pcapng.StatOSDrop}}}
	b := fakeCapture{ifaces: []string{"eth0", "lo"},
		pkts:  []fakePkt{{0, 2 * time.Millisecond, "b1"}, {1, 3 * time.Millisecond, "b2"}, {0, 4 * time.Millisecond, "b3"}, {0, 12 * time.Millisecond, "b4"}},
		stats: []pcapng.Stats{{Received: 7, Present: pcapng.StatReceived}, {Received: 1, Present: pcapng.StatReceived}}}
	m, sum := mergeBytes(t, []Stream{
		{Node: "node-a", Pod: "default/client", R: bytes.NewReader(a.bytes(t))},
		{Node: "node-b", R: bytes.NewReader(b.bytes(t))},
	}, MergeOptions{})

	var got []string
	for i, p := range m.pkts {
		if i > 0 && p.Timestamp.Before(m.pkts[i-1].Timestamp) {
			t.Errorf("packet %d (%s) at %v is before packet %d at %v", i, p.Data, p.Timestamp, i-1, m.pkts[i-1].Timestamp)
		}
		ifc := m.ifaces[p.InterfaceID]
		got = append(got, fmt.Sprintf("%s@%s/%s", p.Data, ifc.Name, p.Comment))
	}
	// a2 and b3 share a time stamp: either order is time-ordered.
	want1 := "a1@node-a:eth0/node=node-a pod=default/client b1@node-b:eth0/node=node-b b2@node-b:lo/node=node-b a2@node-a:eth0/node=node-a pod=default/client b3@node-b:eth0/node=node-b a3@node-a:eth0/node=node-a pod=default/client b4@node-b:eth0/node=node-b"
	want2 := strings.Replace(strings.Replace(want1, "a2@node-a:eth0/node=node-a pod=default/client b3@node-b:eth0/node=node-b", "X", 1), "X", "b3@node-b:eth0/node=node-b a2@node-a:eth0/node=node-a pod=default/client", 1)
	if g := strings.Join(got, " "); g != want1 && g != want2 {
		t.Errorf("merged:\n got %s\nwant %s", g, want1)
	}
	if len(m.ifaces) != 3 {
		t.Fatalf("%d interfaces, want 3 (one per node and interface): %+v", len(m.ifaces), m.ifaces)
	}
	for _, ifc := range m.ifaces {
		if ifc.Filter != "udp" || ifc.LinkType != linktype.Ethernet {
			t.Errorf("interface %s lost its filter or link type: %+v", ifc.Name, ifc)
		}
		switch ifc.Name {
		case "node-a:eth0":
			if ifc.Description != "node node-a, pod default/client" {
				t.Errorf("description %q", ifc.Description)
			}
		case "node-b:eth0", "node-b:lo":
			if ifc.Description != "node node-b" {
				t.Errorf("description %q", ifc.Description)
			}
		default:
			t.Errorf("unexpected interface %q", ifc.Name)
		}
	}
	if s := m.stats["node-a:eth0"]; s.Received != 3 || s.OSDrop != 1 || !s.Has(pcapng.StatOSDrop) {
		t.Errorf("node-a statistics %+v", s)
	}
	if s := m.stats["node-b:eth0"]; s.Received != 7 || s.Has(pcapng.StatOSDrop) {
		t.Errorf("node-b eth0 statistics %+v", s)
	}
	if s := m.stats["node-b:lo"]; s.Received != 1 {
		t.Errorf("node-b lo statistics %+v", s)
	}
	if sum.Packets != 7 || sum.Late != 0 || len(sum.Failed()) != 0 {
		t.Errorf("summary %+v", sum)
	}
	if sum.Streams[0].Packets != 3 || sum.Streams[1].Packets != 4 || strings.Join(sum.Streams[1].Interfaces, ",") != "eth0,lo" {
		t.Errorf("per-stream summary %+v", sum.Streams)
	}
}

// TestMergeDeclaresSilentInterfaces: an interface that carried no packet
// still gets its IDB and its statistics.
func TestMergeDeclaresSilentInterfaces(t *testing.T) {
	a := fakeCapture{ifaces: []string{"eth0"}, stats: []pcapng.Stats{{Received: 0, Present: pcapng.StatReceived | pcapng.StatOSDrop}}}
	m, sum := mergeBytes(t, []Stream{{Node: "n1", R: bytes.NewReader(a.bytes(t))}}, MergeOptions{})
	if len(m.ifaces) != 1 || m.ifaces[0].Name != "n1:eth0" || len(m.pkts) != 0 {
		t.Fatalf("interfaces %+v packets %d", m.ifaces, len(m.pkts))
	}
	if s, ok := m.stats["n1:eth0"]; !ok || !s.Has(pcapng.StatOSDrop) {
		t.Errorf("statistics %+v %v", s, ok)
	}
	if sum.Packets != 0 {
		t.Errorf("summary %+v", sum)
	}
}

// TestMergeInterfacesInAnyOrder: a stream's first packet may be on any of
// its interfaces, and a later one on an interface of a lower index.
func TestMergeInterfacesInAnyOrder(t *testing.T) {
	a := fakeCapture{ifaces: []string{"eth0", "eth1", "eth2"}, pkts: []fakePkt{{2, 1 * time.Millisecond, "a1"}, {0, 2 * time.Millisecond, "a2"}, {1, 3 * time.Millisecond, "a3"}, {0, 4 * time.Millisecond, "a4"}}}
	m, sum := mergeBytes(t, []Stream{{Node: "n1", R: bytes.NewReader(a.bytes(t))}}, MergeOptions{})
	if sum.Packets != 4 || len(m.pkts) != 4 {
		t.Fatalf("%d packets written (summary %+v), want 4", len(m.pkts), sum)
	}
	for i, want := range []string{"n1:eth2", "n1:eth0", "n1:eth1", "n1:eth0"} {
		if got := m.ifaces[m.pkts[i].InterfaceID].Name; got != want {
			t.Errorf("packet %d on %s, want %s", i, got, want)
		}
	}
}

// TestMergeWaitsForSilentStream: while one stream is open and silent, the
// other's packets wait about one window, no longer; then the order still
// holds for what follows.
func TestMergeWaitsForSilentStream(t *testing.T) {
	pr, pw := io.Pipe()
	a := fakeCapture{ifaces: []string{"eth0"}, pkts: []fakePkt{{0, 1 * time.Millisecond, "a1"}, {0, 2 * time.Millisecond, "a2"}}}
	var out syncBuffer
	w, err := pcapng.NewWriter(&out, pcapng.WriterOptions{FlushEachPacket: true})
	if err != nil {
		t.Fatal(err)
	}
	const window = 300 * time.Millisecond
	done := make(chan Summary)
	start := time.Now()
	go func() {
		sum, err := Merge(context.Background(), w, []Stream{{Node: "a", R: bytes.NewReader(a.bytes(t))}, {Node: "b", R: pr}}, MergeOptions{Window: window})
		if err != nil {
			t.Error(err)
		}
		done <- sum
	}()
	// The silent stream sends its header at once, then nothing.
	bw, err := pcapng.NewWriter(pw, pcapng.WriterOptions{FlushEachPacket: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, Name: "eth0"}); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	// Not before the window...
	time.Sleep(window / 3)
	if n := countPackets(t, out.Bytes()); n != 0 {
		t.Fatalf("%d packets written before the silent stream's window passed", n)
	}
	// ...but soon after it.
	deadline := time.Now().Add(5 * time.Second)
	for countPackets(t, out.Bytes()) < 2 {
		if time.Now().After(deadline) {
			t.Fatal("packets held back long after the window")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if waited := time.Since(start); waited < window {
		t.Errorf("written after %v, before the window %v", waited, window)
	}
	// A packet older than what was written is still written, and counted late.
	if err := bw.WritePacket(pcapng.Packet{InterfaceID: 0, Timestamp: t0, Data: []byte("b0")}); err != nil {
		t.Fatal(err)
	}
	if err := bw.Close(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	sum := <-done
	if sum.Packets != 3 || sum.Late != 1 {
		t.Errorf("summary %+v: want 3 packets, 1 late", sum)
	}
}

// TestMergeFailedStreamReported: a stream that breaks off mid-block is
// reported with its error; the other stream's packets are all written.
func TestMergeFailedStreamReported(t *testing.T) {
	a := fakeCapture{ifaces: []string{"eth0"}, pkts: []fakePkt{{0, 1 * time.Millisecond, "a1"}, {0, 2 * time.Millisecond, "a2"}, {0, 3 * time.Millisecond, "a3"}}}
	b := fakeCapture{ifaces: []string{"eth0"}, pkts: []fakePkt{{0, 1 * time.Millisecond, "b1"}, {0, 5 * time.Millisecond, "b2"}}}
	bb := b.bytes(t)
	cut := bb[:len(bb)-10] // inside the last packet's block
	broken := io.MultiReader(bytes.NewReader(cut), &failingReader{err: errors.New("stream reset: pod deleted")})
	m, sum := mergeBytes(t, []Stream{{Node: "a", R: bytes.NewReader(a.bytes(t))}, {Node: "b", R: broken}}, MergeOptions{Window: 50 * time.Millisecond})
	failed := sum.Failed()
	if len(failed) != 1 || failed[0].Node != "b" || !strings.Contains(failed[0].Err.Error(), "stream reset: pod deleted") {
		t.Fatalf("failed streams %+v", failed)
	}
	if sum.Streams[0].Packets != 3 || sum.Streams[0].Err != nil {
		t.Errorf("the healthy stream: %+v", sum.Streams[0])
	}
	if len(m.pkts) != 3+1 {
		t.Errorf("%d packets, want a's 3 and b's first", len(m.pkts))
	}
}

// TestMergeNotPcapng: garbage is a clear error for that stream.
func TestMergeNotPcapng(t *testing.T) {
	_, sum := mergeBytes(t, []Stream{{Node: "x", R: strings.NewReader("gocap: eth0: permission denied\n")}}, MergeOptions{})
	if f := sum.Failed(); len(f) != 1 || !strings.Contains(f[0].Err.Error(), "not a pcap or pcapng file") {
		t.Fatalf("failed %+v", f)
	}
}

// TestMergeCount: -c ends writing after Count packets and calls Stop once;
// the rest is read (for the statistics) but not written.
func TestMergeCount(t *testing.T) {
	var pkts []fakePkt
	for i := 0; i < 10; i++ {
		pkts = append(pkts, fakePkt{0, time.Duration(i) * time.Millisecond, fmt.Sprint(i)})
	}
	a := fakeCapture{ifaces: []string{"eth0"}, pkts: pkts, stats: []pcapng.Stats{{Received: 10, Present: pcapng.StatReceived}}}
	stops := 0
	m, sum := mergeBytes(t, []Stream{{Node: "a", R: bytes.NewReader(a.bytes(t))}}, MergeOptions{Count: 4, Stop: func() { stops++ }})
	if len(m.pkts) != 4 || sum.Packets != 4 || stops != 1 || sum.Dropped != 6 {
		t.Fatalf("%d packets, summary %+v, %d stops", len(m.pkts), sum, stops)
	}
	if m.stats["a:eth0"].Received != 10 {
		t.Errorf("statistics %+v", m.stats)
	}
}

// TestMergeContextCancel: ctx ends a merge whose streams never end.
func TestMergeContextCancel(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	w, _ := pcapng.NewWriter(io.Discard, pcapng.WriterOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := Merge(ctx, w, []Stream{{Node: "a", R: pr}}, MergeOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
}

type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.b.Bytes()...)
}

func countPackets(t *testing.T, b []byte) int {
	r, err := pcapng.Open(bytes.NewReader(b))
	if err != nil {
		return 0
	}
	n := 0
	for {
		if _, err := r.ReadPacket(); err != nil {
			return n
		}
		n++
	}
}

// BenchmarkMerge is the merge's cost per packet: four nodes' streams of
// 64-byte packets interleaved in time, read, merged, commented and written.
func BenchmarkMerge(b *testing.B) {
	const nodes, per = 4, 4096
	var streams [][]byte
	for n := 0; n < nodes; n++ {
		fc := fakeCapture{ifaces: []string{"eth0"}}
		for i := 0; i < per; i++ {
			fc.pkts = append(fc.pkts, fakePkt{0, time.Duration(i*nodes+n) * time.Microsecond, strings.Repeat("x", 64)})
		}
		streams = append(streams, fc.bytes(b))
	}
	b.ReportAllocs()
	b.SetBytes(int64(nodes * per * 64))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var ss []Stream
		for n, s := range streams {
			ss = append(ss, Stream{Node: fmt.Sprint("node", n), Pod: "default/p", R: bytes.NewReader(s)})
		}
		w, _ := pcapng.NewWriter(io.Discard, pcapng.WriterOptions{})
		sum, err := Merge(context.Background(), w, ss, MergeOptions{})
		if err != nil || sum.Packets != nodes*per {
			b.Fatal(err, sum.Packets)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nodes*per), "ns/packet")
}
