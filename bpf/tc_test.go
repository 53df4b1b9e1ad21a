package bpf

import (
	"math/rand/v2"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/testenv"
)

// TestTCWrapper runs a sample of the corpus through TCWrapper with an
// onMatch that stores the verdict in skb->cb[0], and checks that the
// program always returns TC_ACT_OK and reports exactly the classic verdict.
func TestTCWrapper(t *testing.T) {
	testenv.RequireBPF(t)
	onMatch := asm.Instructions{asm.StoreMem(asm.R6, skbCB0, asm.R9, asm.Word)}
	rng := rand.New(rand.NewPCG(9, 9))
	real := realPackets()
	var runs, matched int
	for i, c := range loadCorpus(t) {
		if i%20 != 0 {
			continue
		}
		prog := c.prog()
		insns, err := TCWrapper(prog, Options{}, onMatch)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		p, err := newProgram(&ebpf.ProgramSpec{Type: ebpf.SchedCLS, Instructions: insns, License: "GPL"}, ebpf.ProgramOptions{})
		if err != nil {
			t.Fatalf("%s: %v\n%v", c.Name, err, insns)
		}
		info, _ := check(prog)
		for _, pkt := range packets(rng, prog, real[linktypes[c.DLT]], 32) {
			if !testRunnable(pkt) {
				continue
			}
			meta := testRunMeta(pkt, 0)
			want, err := reference(prog, info.backward, pkt, &meta)
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				skbCtx
				Rest [sizeofSkBuff - 68]byte // ContextOut must take all of __sk_buff
			}
			ret, err := p.Run(&ebpf.RunOptions{Data: pkt, Context: skbCtx{Ifindex: loIfindex}, ContextOut: &out})
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			runs++
			if want != 0 {
				matched++
			}
			if ret != tcActOK || out.CB[0] != want {
				t.Fatalf("%s: returned %d, reported %d; want TC_ACT_OK and %d", c.Name, ret, out.CB[0], want)
			}
		}
		p.Close()
	}
	t.Logf("%d runs, %d matched", runs, matched)
}

var _ = cbpf.Metadata{}

// sizeofSkBuff is sizeof(struct __sk_buff) on Linux 6.18.
const sizeofSkBuff = 192
