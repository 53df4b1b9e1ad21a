package translate

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/bpf/cbpf"
)

// ipv6Chain builds an IPv6 packet (DLT_RAW: the header at offset 0) with n
// extension headers before a final next-header value, and a UDP header.
// Bytes 12-13 (inside the source address) are 0x88b5 so that the test
// run, which parses the first 14 bytes as Ethernet, takes the frame.
// truncate cuts into the last extension header.
func ipv6Chain(n int, final byte, truncate bool) []byte {
	p := make([]byte, 40)
	p[0] = 0x60
	p[12], p[13] = 0x88, 0xb5
	next := []byte{0, 60, 43, 60} // hop-by-hop, destination options, routing
	if n == 0 {
		p[6] = final
	} else {
		p[6] = next[0]
	}
	for i := 0; i < n; i++ {
		h := make([]byte, 8)
		h[0] = final
		if i+1 < n {
			h[0] = next[(i+1)%len(next)]
		}
		p = append(p, h...)
	}
	p = append(p, make([]byte, 8)...) // UDP header
	binary.BigEndian.PutUint16(p[4:], uint16(len(p)-40))
	if truncate {
		p = p[:len(p)-16]
	}
	return p
}

// TestBackwardJumpLoop checks the decision for backward jumps (libpcap's
// protochain): the kernel's classic checker refuses them, the translation
// turns them into a may_goto loop the verifier accepts, and the loop walks
// header chains of any length like libpcap's interpreter does.
func TestBackwardJumpLoop(t *testing.T) {
	testenv.RequireBPF(t)
	var prog []bpf.RawInstruction
	for _, c := range loadCorpus(t) {
		if c.Name == "accept_ip6_protochain_opt_1" {
			prog = c.prog()
		}
	}
	if prog == nil {
		t.Fatal("accept_ip6_protochain_opt_1 not in the corpus")
	}
	if info, _ := cbpf.Check(prog, cbpf.Libpcap); !info.BackwardJumps {
		t.Fatal("protochain program has no backward jump")
	}

	// The kernel's own classic path refuses the program: that is why
	// libpcap (and gocap's capture engine without eBPF) filters such
	// programs in userspace.
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if err := attachClassic(fd, prog); !errors.Is(err, unix.EINVAL) {
		t.Errorf("SO_ATTACH_FILTER of a backward jump: got %v, want EINVAL", err)
	}

	p, err := loadTranslated(prog, Options{Target: TC})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, tc := range []struct {
		n        int
		final    byte
		truncate bool
		want     bool
	}{
		{0, 17, false, true}, {1, 17, false, true}, {5, 17, false, true},
		{60, 17, false, true}, {170, 17, false, true}, {3, 6, false, false},
		{40, 6, false, false}, {4, 17, true, false}, {100, 17, true, false},
	} {
		pkt := ipv6Chain(tc.n, tc.final, tc.truncate)
		meta := testRunMeta(pkt, 0)
		ref, rerr := reference(prog, pkt, &meta)
		got, err := testRun(p, pkt, 0)
		if err != nil || rerr != nil {
			t.Fatalf("%d headers: run: %v (reference: %v)", tc.n, err, rerr)
		}
		if got != ref || (got != 0) != tc.want {
			t.Errorf("%d extension headers, final %d, truncated %v: eBPF %d, reference %d, want match %v", tc.n, tc.final, tc.truncate, got, ref, tc.want)
		}
	}

	// A loop that never ends runs out of may_goto's budget and drops.
	forever := []bpf.RawInstruction{{Op: cbpf.ClassLD | cbpf.ModeIMM, K: 1}, {Op: cbpf.ClassJMP | cbpf.JA, K: 0xffffffff}}
	pf, err := loadTranslated(forever, Options{Target: TC})
	if err != nil {
		t.Fatalf("endless loop: %v", err)
	}
	defer pf.Close()
	if got, err := testRun(pf, make([]byte, 64), 0); err != nil || got != 0 {
		t.Errorf("endless loop: got %d, %v; want 0 once the loop budget is spent", got, err)
	}
}
