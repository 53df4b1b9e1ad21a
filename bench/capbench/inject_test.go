package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/internal/testenv"
)

// TestInject injects every mix into a veth of a namespace of its own and
// checks what a packet socket on it receives: as many frames as injected,
// each its template's bytes — a VLAN frame's too, whose page the stack
// changed the run before — with the flows' source ports in turn.
func TestInject(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBPF(t)
	testenv.RequireTool(t, "ip")
	ns := fmt.Sprintf("capbench-test-%d", os.Getpid())
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add: %v: %s", err, out)
	}
	defer exec.Command("ip", "netns", "del", ns).Run()
	for _, args := range [][]string{
		{"netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1"}, // no neighbour discovery of the veth's own
		{"-n", ns, "link", "add", "inj0", "type", "veth", "peer", "name", "inj1"},
		{"-n", ns, "link", "set", "inj0", "up"},
		{"-n", ns, "link", "set", "inj1", "up"},
		{"-n", ns, "link", "set", "lo", "up"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v: %s", args, err, out)
		}
	}

	// This goroutine's thread enters the namespace and is not given back
	// (no UnlockOSThread): it ends with the test.
	runtime.LockOSThread()
	f, err := os.Open("/run/netns/" + ns)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
		t.Fatalf("setns: %v", err)
	}
	ifc, err := net.InterfaceByName("inj0")
	if err != nil {
		t.Fatal(err)
	}
	// A capture through a ring, as the tools have: the kernel copies each
	// frame into it and frees the skb at once, so that its page goes back
	// to the run's pool to be used again (a socket's receive queue would
	// hold them until read).
	live, err := capture.Open(capture.Options{Interfaces: []string{"inj0"}, BufferSize: 32 << 20, Timeout: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	ps := make([]capture.Packet, 256)
	var pending []capture.Packet
	next := func() ([]byte, error) {
		for len(pending) == 0 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			n, err := live.NextPackets(ctx, ps)
			cancel()
			if err != nil {
				return nil, err
			}
			pending = ps[:n]
		}
		p := pending[0]
		pending = pending[1:]
		return p.Data, nil
	}
	dst, _ := net.ParseMAC(dstMAC)
	const flows = 3
	for _, mix := range []string{mixSmall, mixDefault, mixLarge} {
		templates, err := frameMix(mix, dst, ifc.HardwareAddr, 1)
		if err != nil {
			t.Fatal(err)
		}
		// Twice the mix, each time in runs of more frames than a run's
		// pool has pages (injectBatch), so that pages are used again as
		// the stack left them: eight cycles of 300 frames per entry.
		count := 8 * len(templates) * 300
		for round := 0; round < 2; round++ {
			sent, _, err := inject("inj0", mix, dst, count, 0, flows)
			if err != nil || sent != count {
				t.Fatalf("%s: inject sent %d of %d: %v", mix, sent, count, err)
			}
			port := 0 // the counter goes on from run to run; the first frame sets it
			for i := 0; i < count; i++ {
				frame, err := next()
				if err != nil {
					t.Fatalf("%s round %d: %d of %d frames received: %v", mix, round, i, count, err)
				}
				n := len(frame)
				if n < 14 || !bytes.Equal(frame[6:12], ifc.HardwareAddr) {
					i-- // not injected: the veth's own IPv6 neighbour discovery
					continue
				}
				var tmpl []byte
				for _, c := range templates {
					if len(c) == len(frame) {
						tmpl = c
					}
				}
				if tmpl == nil {
					t.Fatalf("%s: frame %d of %d bytes is none of the mix's", mix, i, n)
				}
				off := 34
				if binary.BigEndian.Uint16(frame[12:]) == 0x8100 {
					off = 38
				}
				got := int(binary.BigEndian.Uint16(frame[off:]))
				if i == 0 {
					port = got
				} else {
					port = 40000 + (port-40000+1)%flows
				}
				if got != port || port < 40000 || port >= 40000+flows {
					t.Errorf("%s round %d frame %d: source port %d, want %d (of %d flows from 40000)", mix, round, i, got, port, flows)
				}
				want := append([]byte(nil), tmpl...)
				binary.BigEndian.PutUint16(want[off:], uint16(got))
				if !bytes.Equal(frame, want) {
					t.Fatalf("%s round %d frame %d differs from its template:\n got % x\nwant % x", mix, round, i, frame[:min(n, 48)], want[:min(n, 48)])
				}
			}
		}
	}
}
