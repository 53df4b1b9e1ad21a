package translate

import (
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
)

// packetsPerProgram is how many frames each conformance program sees in
// the kernel. Every program is covered; the full run (go test -run
// Differential) takes well under a minute on the 2-core CI machine.
func packetsPerProgram() int {
	if testenv.Short() {
		return 16
	}
	return 128
}

// reference runs prog the way the kernel's classic BPF would in a
// SCHED_CLS test run, loops as libpcap's interpreter runs them: cbpf's
// interpreter, the executable specification the kernel itself is checked
// against (bpf/cbpf's kernel tests).
func reference(prog []bpf.RawInstruction, pkt []byte, meta *cbpf.Metadata) (uint32, error) {
	r, _, err := cbpf.Run(prog, pkt, meta)
	return r, err
}

// xdpReference is reference for the XDP target: the packet starts at the
// link-layer header, and the network header is unknown.
func xdpReference(prog []bpf.RawInstruction, pkt []byte, meta *cbpf.Metadata) (uint32, error) {
	r, err := cbpf.Execute(prog, pkt, cbpf.RunOptions{Meta: meta, XDP: true})
	return r.Ret, err
}

// TestConformanceDifferential translates every accept case of libpcap's
// filter tests (optimized and not, every link type) for the socket-filter
// and tc targets, loads both in the kernel, and compares the tc program's
// BPF_PROG_TEST_RUN result with the reference interpreters on frames
// biased to the program. Socket-filter test runs see the frame from the
// network header, so that target is only loaded here. The XDP target is
// loaded and run too, except for the programs with ancillary loads it
// cannot express (its packet semantics
// are the same LD_ABS/LD_IND instructions; TestKernelClassicAgreement runs
// it on real sockets).
func TestConformanceDifferential(t *testing.T) {
	testenv.RequireBPF(t)
	cases := loadCorpus(t)
	real := realPackets()
	rng := rand.New(rand.NewPCG(1, 2))
	per := packetsPerProgram()
	start := time.Now()

	var loaded [3]int
	var xdpRuns, xdpUnsupported int
	var skipped, runs, matches, vmRuns, fails int
	fail := func(format string, args ...any) {
		fails++
		if fails <= 10 {
			t.Errorf(format, args...)
		}
	}
	for _, c := range cases {
		prog := c.prog()
		pkts := packets(rng, prog, real[linktypes[c.DLT]], per)
		for i, tg := range []Target{SocketFilter, TC, XDP} {
			p, err := loadTranslated(prog, Options{Target: tg})
			if tg == XDP && errors.Is(err, ErrUnsupported) {
				if info, _ := cbpf.Check(prog, cbpf.Libpcap); !info.Ancillary && !info.BackwardJumps {
					fail("%s (%q) xdp: %v", c.Name, c.Expr, err)
				}
				xdpUnsupported++
				continue
			}
			if err != nil {
				fail("%s (%q) %v: %v", c.Name, c.Expr, tg, err)
				continue
			}
			loaded[i]++
			if tg == SocketFilter {
				p.Close()
				continue
			}
			if tg == XDP {
				for _, pkt := range pkts {
					if len(pkt) < testRunMinLen {
						continue
					}
					meta := cbpf.Metadata{IfIndex: loIfindex}
					want, rerr := xdpReference(prog, pkt, &meta)
					got, err := p.Run(&ebpf.RunOptions{Data: pkt})
					if err != nil || rerr != nil {
						fail("%s: xdp test run: %v (reference: %v)", c.Name, err, rerr)
						break
					}
					xdpRuns++
					if got != want {
						fail("%s (%q) xdp: packet %s: eBPF returned %d, reference %d", c.Name, c.Expr, hex.EncodeToString(pkt), got, want)
					}
				}
				p.Close()
				continue
			}
			info, _ := cbpf.Check(prog, cbpf.Libpcap)
			var vm *bpf.VM
			if dis, ok := bpf.Disassemble(prog); ok && !info.BackwardJumps {
				vm, _ = bpf.NewVM(dis) // nil for Linux ancillary loads
			}
			for _, pkt := range pkts {
				if !testRunnable(pkt) {
					skipped++
					continue
				}
				mark := rng.Uint32()
				meta := testRunMeta(pkt, mark)
				want, err := reference(prog, pkt, &meta)
				if err != nil {
					fail("%s: reference: %v", c.Name, err)
					break
				}
				got, err := testRun(p, pkt, mark)
				if err != nil {
					fail("%s: test run (len %d %x): %v", c.Name, len(pkt), pkt[:14], err)
					break
				}
				runs++
				if want != 0 {
					matches++
				}
				if got != want {
					fail("%s (%q): packet %s: eBPF returned %d, reference %d", c.Name, c.Expr, hex.EncodeToString(pkt), got, want)
				}
				if vm != nil {
					vmRuns++
					if v, err := vm.Run(pkt); err != nil || uint32(v) != got {
						fail("%s (%q): packet %s: eBPF returned %d, x/net/bpf VM %d (%v)", c.Name, c.Expr, hex.EncodeToString(pkt), got, v, err)
					}
				}
			}
			p.Close()
		}
	}
	t.Logf("xdp: loaded %d/%d, %d refused (ErrUnsupported: ancillary loads, loops), %d test runs agree", loaded[2], len(cases), xdpUnsupported, xdpRuns)
	t.Logf("%d accept programs: loaded %d/%d socket-filter, %d/%d tc; %d tc test runs (%.1f%% matched), %d also on x/net/bpf's VM; %d short IP frames skipped; %v",
		len(cases), loaded[0], len(cases), loaded[1], len(cases), runs, 100*float64(matches)/float64(max(runs, 1)), vmRuns, skipped, time.Since(start).Round(time.Millisecond))
	if fails > 0 {
		t.Fatalf("%d disagreements or failures", fails)
	}
}

// Keep ebpf imported for helpers used by several test files.
var _ = ebpf.SchedCLS
