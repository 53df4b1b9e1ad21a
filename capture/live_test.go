package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/linktype"
)

// numbered returns UDP (port 9) frames carrying a sequence number.
func numbered(mac1, mac2 net.HardwareAddr, n, size int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		payload := make([]byte, size)
		copy(payload, "gocap-seq")
		binary.BigEndian.PutUint32(payload[10:], uint32(i))
		out[i] = append(eth(mac2, mac1, 0x0800), ipv4(17, ipSrc, ipDst, udp(40000, 9, payload))...)
	}
	return out
}

// seqOf extracts the sequence number of a numbered frame.
func seqOf(data []byte) (int, bool) {
	i := bytes.Index(data, []byte("gocap-seq"))
	if i < 0 || i+14 > len(data) {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(data[i+10:])), true
}

// isTCP reports whether an Ethernet frame is untagged IPv4 TCP.
func isTCP(data []byte) bool {
	return len(data) >= 24 && binary.BigEndian.Uint16(data[12:]) == 0x0800 && data[23] == 6
}

// flood sends frames in a loop until stop is closed and returns the count.
func flood(s *sender, frames [][]byte, stop <-chan struct{}) int {
	n := 0
	for {
		select {
		case <-stop:
			return n
		default:
		}
		if err := s.send(frames[n%len(frames)]); err == nil {
			n++
		}
	}
}

// TestStartupUnderFlood: no packet failing the filter is delivered while the
// capture starts under a flood of non-matching traffic.
func TestStartupUnderFlood(t *testing.T) {
	p := newPair(t, 2)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "tcp")
	startFlood(t, p, [][]byte{
		append(eth(p.MAC2, p.MAC1, 0x0800), ipv4(17, ipSrc, ipDst, udp(1, 9, tag("flood-udp")))...),
		append(eth(p.MAC2, p.MAC1, 0x0800), ipv4(6, ipSrc, ipDst, tcp(1, 80, 0x02, tag("flood-tcp")))...),
		append(eth(p.MAC2, p.MAC1, 0x0806), arpRequest(p.MAC1, ipSrc, ipDst)...),
	})
	for _, mode := range []filterMode{filterAuto, filterClassic, filterUserspace} {
		for i := 0; i < 5; i++ {
			checkStartup(t, p, Options{Interfaces: []string{p.If2}, Filter: Fixed(prog)}, mode, isTCP)
		}
	}
}

// startFlood sends frames from p's first namespace in a loop until the
// test ends.
func startFlood(t *testing.T, p *netns.Pair, frames [][]byte) {
	s := newSender(t, p.NS1, p.If1)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); flood(s, frames, stop) }()
	t.Cleanup(func() { close(stop); wg.Wait() })
}

// checkStartup opens a capture under a flood (startFlood), waits for its
// first packet, reads until Stop (within a second, as collect), closes it,
// and fails if any packet it delivered does not pass want.
func checkStartup(t *testing.T, p *netns.Pair, o Options, mode filterMode, want func([]byte) bool) {
	t.Helper()
	l := openIn(t, p.NS2, o, switches{filterMode: mode})
	defer l.Close()
	// Wait for the first packet (the machine may be busy), then take
	// what follows until Stop.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	first, err := l.ReadPacket(ctx)
	cancel()
	if err != nil {
		t.Fatalf("mode %d: nothing captured under the flood: %v; stats %+v", mode, err, l.Stats())
	}
	for _, pk := range append([]Packet{first}, collect(t, l)...) {
		if !want(pk.Data) {
			t.Fatalf("mode %d: delivered a packet that fails the filter: %x", mode, pk.Data)
		}
	}
}

// TestTinyRingDrops: with a tiny ring and nobody reading, the kernel drops,
// the drops are reported, and captured + dropped accounts for every frame.
func TestTinyRingDrops(t *testing.T) {
	p := newPair(t, 3)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 128, "", "udp port 9")
	l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, SnapLen: 128, BufferSize: 16 << 10, Filter: Fixed(prog), Immediate: true})
	const n = 4000
	frames := numbered(p.MAC1, p.MAC2, n, 64)
	s := newSender(t, p.NS1, p.If1)
	for i, f := range frames {
		if err := s.send(f); err != nil {
			t.Fatal(err)
		}
		if i%200 == 199 {
			time.Sleep(200 * time.Microsecond) // keep the veth backlog from overflowing
		}
	}
	time.Sleep(50 * time.Millisecond)
	pkts := collect(t, l)
	st := l.Stats()
	t.Logf("sent %d, captured %d, stats %+v", n, len(pkts), st)
	if st.Dropped == 0 {
		t.Errorf("no drops reported with a %d-byte ring", 16<<10)
	}
	if uint64(len(pkts))+st.Dropped != n {
		t.Errorf("captured %d + dropped %d = %d, sent %d", len(pkts), st.Dropped, uint64(len(pkts))+st.Dropped, n)
	}
	if st.Received != n {
		t.Errorf("Stats.Received = %d, sent %d", st.Received, n)
	}
	last := -1
	for _, pk := range pkts {
		seq, ok := seqOf(pk.Data)
		if !ok || seq <= last {
			t.Fatalf("packet out of order or foreign: seq %d after %d", seq, last)
		}
		last = seq
	}
}

// TestStopFlushes: Stop returns within a second under a flood, and a
// capture with the default block timeout delivers every packet that
// arrived before Stop, including those in the block being filled.
func TestStopFlushes(t *testing.T) {
	p := newPair(t, 4)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "udp port 9")
	t.Run("flush", func(t *testing.T) {
		l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Filter: Fixed(prog)})
		const n = 300
		s := newSender(t, p.NS1, p.If1)
		for _, f := range numbered(p.MAC1, p.MAC2, n, 100) {
			if err := s.send(f); err != nil {
				t.Fatal(err)
			}
		}
		pkts := collect(t, l) // Stop 50 ms later, well inside the 100 ms block timeout
		if len(pkts) != n {
			t.Fatalf("delivered %d of %d packets sent before Stop", len(pkts), n)
		}
	})
	t.Run("flood", func(t *testing.T) {
		l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Filter: Fixed(prog), Timeout: 400 * time.Millisecond})
		stop := make(chan struct{})
		var sent atomic.Int64
		go func() { sent.Store(int64(flood(newSender(t, p.NS1, p.If1), numbered(p.MAC1, p.MAC2, 100, 100), stop))) }()
		time.Sleep(200 * time.Millisecond)
		pkts := collect(t, l) // fails if Stop takes more than 1s
		close(stop)
		if len(pkts) == 0 {
			t.Fatal("nothing captured under the flood")
		}
		t.Logf("captured %d packets, stats %+v", len(pkts), l.Stats())
	})
	// The flood ran with a reader that naps; one in immediate mode, or
	// with a block timeout as short, looks at every block at once.
	t.Run("naps", func(t *testing.T) {
		for _, c := range []struct {
			o    Options
			naps bool
		}{
			{Options{}, true},
			{Options{Timeout: 400 * time.Millisecond}, true},
			{Options{Timeout: 5 * time.Millisecond}, false},
			{Options{Immediate: true}, false},
			{Options{Fanout: 2}, true},
			{Options{Fanout: 2, Immediate: true}, false},
		} {
			c.o.Interfaces, c.o.Filter = []string{p.If2}, Fixed(prog)
			l := openIn(t, p.NS2, c.o)
			var naps bool
			switch r := l.src.(type) {
			case *sockReader:
				naps = r.nap.on
			case *fanoutReader:
				naps = r.nap.on
			default:
				t.Fatalf("%+v: reader %T", c.o, r)
			}
			if naps != c.naps {
				t.Errorf("timeout %v, immediate %v, fanout %d: reader naps %v, want %v", c.o.Timeout, c.o.Immediate, c.o.Fanout, naps, c.naps)
			}
			l.Close()
		}
	})
}

// TestFallbacks: a refused eBPF program falls back to classic BPF, a refused
// classic program to userspace filtering, each with a warning.
func TestFallbacks(t *testing.T) {
	p := newPair(t, 5)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "tcp")
	frames := testFrames(p.MAC1, p.MAC2)
	// What "tcp" matches in the kernel: the stripped VLAN tag is not
	// in the bytes, so the tagged TCP frame matches too (libpcap's Linux
	// behaviour); QinQ keeps its inner tag in the bytes and does not.
	wantTCP := map[string]bool{"tcp-syn-80": true, "tcp-ack-443": true, "ip6-tcp": true,
		"vlan5-prio-tcp": true, "otherhost-tcp": true, "out-big-tcp": true}
	// A program the verifier rejects: it reads R5 before writing it.
	badEBPF := func([]bpf.RawInstruction) (asm.Instructions, error) {
		return asm.Instructions{asm.Mov.Reg(asm.R0, asm.R5), asm.Return()}, nil
	}
	// A valid program longer than the kernel's 4096 instructions.
	long := make([]bpf.RawInstruction, 0, 5000)
	for len(long) < 4500 {
		long = append(long, bpf.RawInstruction{Op: 0x05}) // ja +0
	}
	long = append(long, prog...)
	cases := []struct {
		name     string
		o        Options
		sw       switches
		place    filterPlace
		warnings []string
	}{
		{"ebpf-refused", Options{Filter: Fixed(prog)}, switches{translate: badEBPF}, placeClassic, []string{"eBPF filter refused", "use -v"}},
		{"ebpf-refused-verbose", Options{Filter: Fixed(prog), VerifierLog: true}, switches{translate: badEBPF}, placeClassic, []string{"eBPF filter refused", "R5 !read_ok"}},
		{"classic-refused", Options{Filter: Fixed(long)}, switches{filterMode: filterClassic}, placeUserspace, []string{"kernel refused the filter", "4096"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var warn bytes.Buffer
			c.o.Interfaces = []string{p.If2}
			c.o.Warnings = &warn
			c.o.Immediate = true
			l := openIn(t, p.NS2, c.o, c.sw)
			if got := l.Interfaces()[0].Filtering; got != c.place.String() {
				t.Errorf("filter runs in %s, want %s", got, c.place)
			}
			for _, w := range c.warnings {
				if !strings.Contains(warn.String(), w) {
					t.Errorf("warnings %q lack %q", warn.String(), w)
				}
			}
			pkts := onlyTestPackets(frames, collectDuring(t, l, func() { sendFrames(t, p, frames) }))
			if len(pkts) != len(wantTCP) {
				t.Errorf("captured %d test frames, want the %d TCP ones", len(pkts), len(wantTCP))
			}
			for _, pk := range pkts {
				if f, _ := frameName(frames, pk.Data); !wantTCP[f.name] {
					t.Errorf("frame %s delivered by filter tcp", f.name)
				}
			}
		})
	}
}

// TestErrors: clear errors for unknown and down interfaces.
func TestErrors(t *testing.T) {
	p := newPair(t, 6)
	if err := netns.IP(p.NS2, "link", "add", "gcdown0", "type", "veth", "peer", "name", "gcdown1"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		ifaces []string
		is     error
		text   []string
	}{
		{[]string{"nosuch0"}, ErrNoSuchInterface, []string{`"nosuch0"`, p.If2, "lo", "any"}},
		{[]string{"gcdown0"}, ErrInterfaceDown, []string{"gcdown0", "not up"}},
		{[]string{p.If2, p.If2}, nil, []string{"given twice"}},
		{[]string{"any", p.If2}, nil, []string{"cannot be combined"}},
		{nil, nil, []string{"no interface"}},
	}
	for _, c := range cases {
		err := netns.Run(p.NS2, func() error {
			l, err := Open(Options{Interfaces: c.ifaces})
			if err == nil {
				l.Close()
			}
			return err
		})
		if err == nil {
			t.Errorf("%v: no error", c.ifaces)
			continue
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%v: error %v is not %v", c.ifaces, err, c.is)
		}
		for _, s := range c.text {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%v: error %q lacks %q", c.ifaces, err, s)
			}
		}
	}
	// A filter that does not compile reports the compiler's error.
	err := netns.Run(p.NS2, func() error {
		_, err := Open(Options{Interfaces: []string{p.If2}, Filter: func(linktype.Type, uint32) ([]bpf.RawInstruction, error) {
			return nil, errors.New("syntax error")
		}})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "syntax error") || !strings.Contains(err.Error(), "EN10MB") {
		t.Errorf("compile error not reported: %v", err)
	}
}

// TestMultipleInterfaces: two interfaces merged into one stream, each
// packet with its interface.
func TestMultipleInterfaces(t *testing.T) {
	p := newPair(t, 7)
	x, y := "gcm"+p.If2[2:8]+"x", "gcm"+p.If2[2:8]+"y"
	if err := netns.IP(p.NS2, "link", "add", x, "type", "veth", "peer", "name", y); err != nil {
		t.Fatal(err)
	}
	for _, i := range []string{x, y} {
		if err := netns.IP(p.NS2, "link", "set", i, "up"); err != nil {
			t.Fatal(err)
		}
	}
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "udp port 9")
	l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2, x}, Filter: Fixed(prog), Immediate: true})
	ifs := l.Interfaces()
	if len(ifs) != 2 || ifs[0].Name != p.If2 || ifs[1].Name != x {
		t.Fatalf("Interfaces() = %+v", ifs)
	}
	const n = 50
	frames := numbered(p.MAC1, p.MAC2, 2*n, 80)
	s1, s2 := newSender(t, p.NS1, p.If1), newSender(t, p.NS2, y)
	for i := 0; i < n; i++ {
		if err := s1.send(frames[2*i]); err != nil {
			t.Fatal(err)
		}
		if err := s2.send(frames[2*i+1]); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(30 * time.Millisecond)
	pkts := collect(t, l)
	seen := map[int]bool{}
	for _, pk := range pkts {
		seq, ok := seqOf(pk.Data)
		if !ok {
			continue
		}
		wantIf := 0
		if seq%2 == 1 {
			wantIf = 1
		}
		if pk.Interface != wantIf || pk.IfName != ifs[wantIf].Name || pk.IfIndex != ifs[wantIf].Index {
			t.Errorf("seq %d: interface %d %s %d, want %+v", seq, pk.Interface, pk.IfName, pk.IfIndex, ifs[wantIf])
		}
		seen[seq] = true
	}
	if len(seen) != 2*n {
		t.Errorf("captured %d distinct frames of %d", len(seen), 2*n)
	}
}

// TestReadPacketContext: ReadPacket honours its context.
func TestReadPacketContext(t *testing.T) {
	p := newPair(t, 8)
	l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := l.ReadPacket(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("ReadPacket = %v, want deadline exceeded", err)
	}
	l.Stop()
	for {
		_, err := l.ReadPacket(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	_ = fmt.Sprint()
}
