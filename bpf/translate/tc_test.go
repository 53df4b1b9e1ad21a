package translate

import (
	"math/rand/v2"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
)

// TestTCWrapper runs a sample of the corpus through TCWrapper with an
// onMatch that stores the verdict in skb->cb[0], and checks that the
// program always returns TCNext (TCX_NEXT) and reports exactly the classic
// verdict; random packets shorter than the filter's loads cover the
// out-of-bounds path.
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
		for _, pkt := range packets(rng, prog, real[linktypes[c.DLT]], 32) {
			if !testRunnable(pkt) {
				continue
			}
			meta := testRunMeta(pkt, 0)
			want, err := reference(prog, pkt, &meta)
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
			if int32(ret) != TCNext || out.CB[0] != want {
				t.Fatalf("%s: returned %d, reported %d; want TCNext and %d", c.Name, int32(ret), out.CB[0], want)
			}
		}
		p.Close()
	}
	t.Logf("%d runs, %d matched", runs, matched)
}

// TestTCWrapperOutOfBounds: a load past the end of the packet is the
// filter's "no match", not the end of the program; the program still
// returns TCNext, and onMatch runs when the packet is long enough.
func TestTCWrapperOutOfBounds(t *testing.T) {
	testenv.RequireBPF(t)
	onMatch := asm.Instructions{asm.StoreMem(asm.R6, skbCB0, asm.R9, asm.Word)}
	for _, c := range []struct {
		name string
		prog []bpf.RawInstruction
	}{
		{"ld abs", []bpf.RawInstruction{{Op: 0x30, K: 200}, {Op: 0x06, K: 0xffff}}},                    // ldb [200]; ret #65535
		{"ld ind", []bpf.RawInstruction{{Op: 0x01, K: 150}, {Op: 0x48, K: 50}, {Op: 0x06, K: 0xffff}}}, // ldx #150; ldh [x+50]; ret #65535
	} {
		insns, err := TCWrapper(c.prog, Options{}, onMatch)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		p, err := newProgram(&ebpf.ProgramSpec{Type: ebpf.SchedCLS, Instructions: insns, License: "GPL"}, ebpf.ProgramOptions{})
		if err != nil {
			t.Fatalf("%s: %v\n%v", c.name, err, insns)
		}
		// 60 and 200 bytes: both loads are out of bounds.
		for _, n := range []int{60, 200, 300} {
			pkt := make([]byte, n)
			pkt[12], pkt[13] = 0x88, 0xb5 // local experimental ethertype
			var out struct {
				skbCtx
				Rest [sizeofSkBuff - 68]byte
			}
			ret, err := p.Run(&ebpf.RunOptions{Data: pkt, Context: skbCtx{Ifindex: loIfindex}, ContextOut: &out})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			want := uint32(0)
			if n > 202 {
				want = 0xffff
			}
			if int32(ret) != TCNext || out.CB[0] != want {
				t.Errorf("%s, %d-byte packet: returned %d, reported %d; want TCNext (-1) and %d", c.name, n, int32(ret), out.CB[0], want)
			}
		}
		p.Close()
	}
}

var _ = cbpf.Metadata{}

// sizeofSkBuff is sizeof(struct __sk_buff) on Linux 6.18.
const sizeofSkBuff = 192
