package capture

import (
	"encoding/binary"
	"errors"
	"net"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/internal/netns"
)

// flowFrames returns n numbered UDP (port 9) frames spread round robin over
// flows flows (source ports 41000 + flow).
func flowFrames(mac1, mac2 net.HardwareAddr, n, flows int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		payload := make([]byte, 40)
		copy(payload, "gocap-seq")
		binary.BigEndian.PutUint32(payload[10:], uint32(i))
		out[i] = append(eth(mac2, mac1, 0x0800), ipv4(17, ipSrc, ipDst, udp(uint16(41000+i%flows), 9, payload))...)
	}
	return out
}

// sendPinned sends frames from one thread pinned to one CPU, so that the
// receiving kernel processes (and stamps) them in sending order — a
// sender that migrates between CPUs can be overtaken by itself.
func sendPinned(t *testing.T, s *sender, frames [][]byte) {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var set, old unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err == nil {
		set.Set(0)
		if err := unix.SchedSetaffinity(0, &set); err == nil {
			defer unix.SchedSetaffinity(0, &old)
		}
	}
	for i, f := range frames {
		if err := s.send(f); err != nil {
			t.Fatal(err)
		}
		if i%200 == 199 {
			time.Sleep(100 * time.Microsecond) // keep the veth backlog from overflowing
		}
	}
}

// checkMerged checks a fanout capture's output: each frame of sent (by
// sequence number) at most once, exactly once when want is sent, time
// stamps non-decreasing, each flow's frames in sending order.
func checkMerged(t *testing.T, pkts []Packet, sent, want, flows int) {
	t.Helper()
	seen := make([]bool, sent)
	lastOfFlow := make([]int, flows)
	for i := range lastOfFlow {
		lastOfFlow[i] = -1
	}
	var lastTS time.Time
	got := 0
	for i, pk := range pkts {
		if i > 0 && pk.Timestamp.Before(lastTS) {
			t.Fatalf("packet %d stamped %v, before the previous one (%v)", i, pk.Timestamp, lastTS)
		}
		lastTS = pk.Timestamp
		seq, ok := seqOf(pk.Data)
		if !ok || seq >= sent {
			t.Fatalf("packet %d is not a test frame: %x", i, pk.Data)
		}
		if seen[seq] {
			t.Fatalf("frame %d captured twice", seq)
		}
		seen[seq] = true
		got++
		f := seq % flows
		if seq < lastOfFlow[f] {
			t.Fatalf("flow %d: frame %d after frame %d", f, seq, lastOfFlow[f])
		}
		lastOfFlow[f] = seq
	}
	if got != want {
		t.Errorf("captured %d distinct frames, want %d", got, want)
	}
}

// TestFanoutMerge: a flood of numbered frames over several flows, captured
// by fanout groups of 2 (flow hash) and 4 (round robin, every packet on
// another socket than the one before): every frame exactly once, in
// time-stamp order, each flow in sending order, the group's counters
// summed.
func TestFanoutMerge(t *testing.T) {
	p := newPair(t, 70)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "udp port 9")
	const n, flows = 20000, 16
	frames := flowFrames(p.MAC1, p.MAC2, n, flows)
	for _, c := range []struct {
		n    int
		mode FanoutMode
	}{{2, FanoutHash}, {4, FanoutLB}} {
		t.Run(c.mode.String(), func(t *testing.T) {
			l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Filter: Fixed(prog), Fanout: c.n, FanoutMode: c.mode})
			if ifs := l.Interfaces(); len(ifs) != 1 || ifs[0].Name != p.If2 {
				t.Fatalf("Interfaces() = %+v", ifs)
			}
			s := newSender(t, p.NS1, p.If1)
			pkts := collectDuring(t, l, func() { sendPinned(t, s, frames) })
			checkMerged(t, pkts, n, n, flows)
			st := l.Stats()
			if st.Received != n || st.Dropped != 0 || st.Matched != n {
				t.Errorf("Stats() = %+v, want %d received, none dropped", st, n)
			}
			per := l.SocketStats()
			if len(per) != c.n {
				t.Fatalf("SocketStats() has %d sockets, want %d", len(per), c.n)
			}
			var sum uint64
			used := 0
			for _, ps := range per {
				sum += ps.Received
				if ps.Received > 0 {
					used++
				}
			}
			if sum != n || used < 2 {
				t.Errorf("per socket %+v: %d received in all, %d sockets used", per, sum, used)
			}
		})
	}
}

// TestFanoutSmallRing: with tiny rings and a reader that starts late, the
// kernel drops, and captured + dropped = sent over the whole group.
func TestFanoutSmallRing(t *testing.T) {
	p := newPair(t, 71)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 128, "", "udp port 9")
	l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, SnapLen: 128, BufferSize: 16 << 10, Filter: Fixed(prog), Immediate: true, Fanout: 2, FanoutMode: FanoutLB})
	const n, flows = 4000, 8
	sendPinned(t, newSender(t, p.NS1, p.If1), flowFrames(p.MAC1, p.MAC2, n, flows))
	time.Sleep(50 * time.Millisecond)
	pkts := collect(t, l)
	st := l.Stats()
	t.Logf("sent %d, captured %d, stats %+v, per socket %+v", n, len(pkts), st, l.SocketStats())
	if st.Dropped == 0 {
		t.Errorf("no drops reported with two %d-byte rings", 16<<10)
	}
	if uint64(len(pkts))+st.Dropped != n || st.Received != n {
		t.Errorf("captured %d + dropped %d, received %d; sent %d", len(pkts), st.Dropped, st.Received, n)
	}
	checkMerged(t, pkts, n, len(pkts), flows)
}

// TestFanoutStartupUnderFlood: no packet failing the filter reaches the
// output while a fanout group starts under a flood, and Stop still ends
// the capture within a second.
func TestFanoutStartupUnderFlood(t *testing.T) {
	p := newPair(t, 72)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "tcp")
	startFlood(t, p, [][]byte{
		append(eth(p.MAC2, p.MAC1, 0x0800), ipv4(17, ipSrc, ipDst, udp(1, 9, tag("flood-udp")))...),
		append(eth(p.MAC2, p.MAC1, 0x0800), ipv4(6, ipSrc, ipDst, tcp(1, 80, 0x02, tag("flood-tcp")))...),
		append(eth(p.MAC2, p.MAC1, 0x0800), ipv4(6, ipSrc, ipDst, tcp(2, 80, 0x02, tag("flood-tcp")))...),
		append(eth(p.MAC2, p.MAC1, 0x0806), arpRequest(p.MAC1, ipSrc, ipDst)...),
	})
	for _, mode := range []filterMode{filterAuto, filterUserspace} {
		for i := 0; i < 3; i++ {
			checkStartup(t, p, Options{Interfaces: []string{p.If2}, Filter: Fixed(prog), Fanout: 4, FanoutMode: FanoutLB}, mode, isTCP)
		}
	}
}

// TestFanoutInterfaces: several interfaces, a group each, and "any": every
// frame once, in time-stamp order across the groups.
func TestFanoutInterfaces(t *testing.T) {
	p := newPair(t, 73)
	x, y := "gcf"+p.If2[2:8]+"x", "gcf"+p.If2[2:8]+"y"
	if err := netns.IP(p.NS2, "link", "add", x, "type", "veth", "peer", "name", y); err != nil {
		t.Fatal(err)
	}
	for _, i := range []string{x, y} {
		if err := netns.IP(p.NS2, "link", "set", i, "up"); err != nil {
			t.Fatal(err)
		}
	}
	prog := tcpdumpProgram(t, p.NS2, p.If2, 262144, "", "udp port 9")
	progAny := tcpdumpProgram(t, p.NS2, "any", 262144, "", "udp port 9 and inbound")
	const n, flows = 2000, 8
	frames := flowFrames(p.MAC1, p.MAC2, n, flows)
	for _, c := range []struct {
		name   string
		ifaces []string
		prog   CompileFunc
	}{{"two", []string{p.If2, x}, Fixed(prog)}, {"any", []string{"any"}, Fixed(progAny)}} {
		t.Run(c.name, func(t *testing.T) {
			l := openIn(t, p.NS2, Options{Interfaces: c.ifaces, Filter: c.prog, Fanout: 2, FanoutMode: FanoutLB})
			if len(l.Interfaces()) != len(c.ifaces) || len(l.SocketStats()) != 2*len(c.ifaces) {
				t.Fatalf("Interfaces() = %+v, %d sockets", l.Interfaces(), len(l.SocketStats()))
			}
			s1, s2 := newSender(t, p.NS1, p.If1), newSender(t, p.NS2, y)
			pkts := collectDuring(t, l, func() {
				// Odd frames enter on x (sent into its peer y), even ones
				// on If2, alternately, from one pinned thread.
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				for i, f := range frames {
					s := s1
					if i%2 == 1 {
						s = s2
					}
					if err := s.send(f); err != nil {
						t.Error(err)
						return
					}
					if i%200 == 199 {
						time.Sleep(100 * time.Microsecond)
					}
				}
			})
			checkMerged(t, pkts, n, n, flows)
			if c.name == "two" {
				for _, pk := range pkts {
					seq, _ := seqOf(pk.Data)
					if want := seq % 2; pk.Interface != want {
						t.Fatalf("frame %d on interface %d, want %d", seq, pk.Interface, want)
					}
				}
			}
		})
	}
}

// TestFanoutOptions: bad fanout options and the tc engine are refused
// before anything is opened.
func TestFanoutOptions(t *testing.T) {
	for _, name := range []string{"hash", "lb", "cpu", "random", "queue", "rollover"} {
		m, err := ParseFanoutMode(name)
		if err != nil || m.String() != name {
			t.Errorf("ParseFanoutMode(%q) = %v, %v", name, m, err)
		}
	}
	if _, err := ParseFanoutMode("flow"); err == nil {
		t.Error("ParseFanoutMode(flow) accepted")
	}
	if _, err := Open(Options{Interfaces: []string{"lo"}, Hook: HookTC, Fanout: 2}); !errors.Is(err, errFanoutTC) {
		t.Errorf("tc engine with a fanout: %v, want %v", err, errFanoutTC)
	}
	if _, err := Open(Options{Interfaces: []string{"lo"}, Fanout: MaxFanout + 1}); err == nil {
		t.Errorf("fanout of %d accepted", MaxFanout+1)
	}
}
