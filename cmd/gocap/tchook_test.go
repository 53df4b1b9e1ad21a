package main

import (
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

	"github.com/gocap/gocap/internal/netns"
)

// tcAttached lists what is attached at the tc hook of ifname in ns: tcx
// programs on ingress and egress, and the qdiscs tc shows.
func tcAttached(t *testing.T, ns, ifname string) (progs int, qdiscs string) {
	t.Helper()
	err := netns.Run(ns, func() error {
		ifc, err := net.InterfaceByName(ifname)
		if err != nil {
			return err
		}
		for _, a := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
			res, err := link.QueryPrograms(link.QueryOptions{Target: ifc.Index, Attach: a})
			if err != nil {
				return err
			}
			progs += len(res.Programs)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("query the tc hook of %s: %v", ifname, err)
	}
	out, err := exec.Command("tc", "-n", ns, "qdisc", "show", "dev", ifname).CombinedOutput()
	if err != nil {
		t.Fatalf("tc qdisc show: %v: %s", err, out)
	}
	return progs, string(out)
}

// TestLiveTCHook: gocap --hook tc stopped by SIGINT, SIGTERM or -c writes a
// complete file with its statistics, prints the exit summary, and leaves
// nothing attached to the interface.
func TestLiveTCHook(t *testing.T) {
	n := newLiveNet(t)
	_, qdiscsBefore := tcAttached(t, n.nsA, n.ifA)
	for _, c := range []struct {
		name  string
		sig   syscall.Signal
		count int
	}{{"SIGINT", syscall.SIGINT, 0}, {"SIGTERM", syscall.SIGTERM, 0}, {"-c", 0, 3}} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "tc.pcapng")
			args := []string{"--hook", "tc", "-i", n.ifA, "-w", out}
			if c.count > 0 {
				args = append(args, "-c", fmt.Sprint(c.count))
			}
			cmd, _, stderr := n.startGocap(t, append(args, "udp", "port", "9999")...)
			if progs, _ := tcAttached(t, n.nsA, n.ifA); progs != 2 {
				t.Errorf("%d tcx programs attached during the capture, want 2 (ingress, egress)", progs)
			}
			sent := 5
			if c.count > 0 {
				if err := n.waitSending(t, cmd); err != nil {
					t.Fatalf("gocap -c: %v: %s", err, stderr.String())
				}
				sent = c.count
			} else {
				for i := 0; i < sent; i++ {
					n.sendUDP()
					time.Sleep(20 * time.Millisecond)
				}
				cmd.Process.Signal(c.sig)
				if err := cmd.Wait(); err != nil {
					t.Fatalf("gocap after %v: %v (want exit status 0): %s", c.sig, err, stderr.String())
				}
			}
			if progs, qdiscs := tcAttached(t, n.nsA, n.ifA); progs != 0 || qdiscs != qdiscsBefore {
				t.Errorf("after exit: %d tcx programs, qdiscs\n%s\nwere\n%s", progs, qdiscs, qdiscsBefore)
			}
			got, ifs, st, ok := readFile(t, out)
			if got != sent {
				t.Errorf("%d packets in the file, want %d", got, sent)
			}
			if len(ifs) != 1 || ifs[0].Name != n.ifA {
				t.Errorf("interfaces %+v, want %s", ifs, n.ifA)
			}
			if !ok {
				t.Fatal("no interface statistics block")
			}
			if st.UserDelivered != uint64(got) || st.Received < uint64(got) || st.OSDrop != 0 {
				t.Errorf("statistics %+v for %d packets written", st, got)
			}
			if !strings.Contains(stderr.String(), fmt.Sprintf("\n%d packets captured\n%d packets received by filter\n0 packets dropped by kernel\n", got, st.Received)) {
				t.Errorf("exit summary does not match the file:\n%s", stderr.String())
			}
			runReader(t, "capinfos", "-M", out)
		})
	}
}
