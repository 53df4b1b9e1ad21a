package capture

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"

	"github.com/gocap/gocap/internal/netns"
)

// tcPrograms lists the programs attached with TCX to ifindex, per direction.
func tcPrograms(t *testing.T, ns string, ifindex int) []ebpf.ProgramID {
	t.Helper()
	var ids []ebpf.ProgramID
	err := netns.Run(ns, func() error {
		for _, a := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
			res, err := link.QueryPrograms(link.QueryOptions{Target: ifindex, Attach: a})
			if err != nil {
				return err
			}
			for _, p := range res.Programs {
				ids = append(ids, p.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("query tcx programs: %v", err)
	}
	return ids
}

func tcShow(t *testing.T, ns string, args ...string) string {
	t.Helper()
	out, err := exec.Command("tc", append([]string{"-n", ns}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("tc %v: %v: %s", args, err, out)
	}
	return string(out)
}

// TestTCLeavesNothingBehind: the tc engine detaches everything it attached
// and leaves what was there before alone (another tcx program, a clsact
// qdisc and its filter), also when stopped under traffic; with TCX and with
// the clsact fallback.
func TestTCLeavesNothingBehind(t *testing.T) {
	p := newPair(t, 8)
	for _, c := range []struct {
		name          string
		clsact, qdisc bool
	}{{"tcx", false, true}, {"clsact-existing-qdisc", true, true}, {"clsact-new-qdisc", true, false}} {
		t.Run(c.name, func(t *testing.T) {
			var cleanups []func()
			defer func() {
				for _, f := range cleanups {
					f()
				}
			}()
			// Someone else's programs: pass everything.
			var other *ebpf.Program
			err := netns.Run(p.NS2, func() error {
				var err error
				other, err = ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SchedCLS, License: "GPL",
					Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, -1), asm.Return()}})
				if err != nil {
					return err
				}
				lk, err := link.AttachTCX(link.TCXOptions{Interface: p.Index2, Program: other, Attach: ebpf.AttachTCXIngress})
				if err != nil {
					return err
				}
				cleanups = append(cleanups, func() { lk.Close(); other.Close() })
				if !c.qdisc {
					return nil
				}
				nl, err := openRtnl()
				if err != nil {
					return err
				}
				if _, err := nl.addClsact(p.Index2); err != nil {
					return err
				}
				f, err := nl.addBPFFilter(p.Index2, false, other.FD(), "someone")
				if err != nil {
					return err
				}
				cleanups = append(cleanups, func() { nl.delFilter(f); nl.delClsact(p.Index2); nl.close() })
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			before := tcPrograms(t, p.NS2, p.Index2)
			qdiscs := tcShow(t, p.NS2, "qdisc", "show", "dev", p.If2)
			filters := tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "ingress") + tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "egress")

			l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Hook: HookTC, forceClsact: c.clsact})
			var ours []ebpf.ProgramID
			if !c.clsact {
				during := tcPrograms(t, p.NS2, p.Index2)
				if len(during) != len(before)+2 {
					t.Fatalf("tcx programs during capture: %v, before: %v", during, before)
				}
				for _, id := range during {
					if id != before[0] {
						ours = append(ours, id)
					}
				}
			} else {
				f := tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "ingress") + tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "egress")
				if strings.Count(f, "gocap_tc") != 2 {
					t.Fatalf("clsact filters during capture:\n%s", f)
				}
			}
			stop := make(chan struct{})
			go flood(newSender(t, p.NS1, p.If1), numbered(p.MAC1, p.MAC2, 10, 60), stop)
			time.Sleep(100 * time.Millisecond)
			pkts := collect(t, l)
			close(stop)
			if len(pkts) == 0 {
				t.Error("nothing captured")
			}
			l.Close()

			if after := tcPrograms(t, p.NS2, p.Index2); len(after) != 1 || after[0] != before[0] {
				t.Errorf("tcx programs after Close: %v, want only %v", after, before)
			}
			if q := tcShow(t, p.NS2, "qdisc", "show", "dev", p.If2); q != qdiscs {
				t.Errorf("qdiscs changed:\n%s\nwas:\n%s", q, qdiscs)
			}
			if f := tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "ingress") + tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "egress"); f != filters {
				t.Errorf("filters changed:\n%s\nwas:\n%s", f, filters)
			}
			// The programs themselves are freed (after an RCU grace period).
			deadline := time.Now().Add(2 * time.Second)
			for _, id := range ours {
				for {
					prog, err := ebpf.NewProgramFromID(id)
					if err != nil {
						break
					}
					prog.Close()
					if time.Now().After(deadline) {
						t.Errorf("program %d still loaded after Close", id)
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		})
	}
}

// TestTCRingOverrun: a tiny BPF ring buffer under a flood overruns; the
// overruns are reported as drops and captured + dropped == matched.
func TestTCRingOverrun(t *testing.T) {
	p := newPair(t, 9)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 128, "", "udp port 9")
	l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Hook: HookTC, SnapLen: 128, BufferSize: 4096, Filter: Fixed(prog)})
	const n = 3000
	frames := numbered(p.MAC1, p.MAC2, n, 64)
	s := newSender(t, p.NS1, p.If1)
	// Hold the reader back: nobody calls ReadPacket while sending, and
	// the channel between reader and consumer is small.
	for i, f := range frames {
		if err := s.send(f); err != nil {
			t.Fatal(err)
		}
		if i%200 == 199 {
			time.Sleep(200 * time.Microsecond)
		}
	}
	time.Sleep(50 * time.Millisecond)
	pkts := collect(t, l)
	st := l.Stats()
	t.Logf("sent %d, captured %d, stats %+v", n, len(pkts), st)
	if st.Dropped == 0 {
		t.Error("no ring buffer overruns reported")
	}
	if uint64(len(pkts))+st.Dropped != n || st.Received != n {
		t.Errorf("captured %d + dropped %d != sent %d (received %d)", len(pkts), st.Dropped, n, st.Received)
	}
	if st.Matched != uint64(len(pkts)) {
		t.Errorf("Matched %d, delivered %d", st.Matched, len(pkts))
	}
}
