package translate

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
)

// genOptions shape random programs.
type genOptions struct {
	// kernel: only programs the kernel's classic checker accepts (no
	// constant division by zero or shift >= 32, scratch written before it
	// is read, no Linux-only-in-name ancillary loads).
	kernel bool
}

var interesting = []uint32{0, 1, 2, 3, 4, 7, 8, 12, 14, 15, 16, 20, 23, 31, 32, 33, 63, 64, 255, 256,
	0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff}

func randConst(rng *rand.Rand) uint32 {
	switch rng.IntN(3) {
	case 0:
		return interesting[rng.IntN(len(interesting))]
	case 1:
		return rng.Uint32N(80)
	}
	return rng.Uint32()
}

// Ancillary loads whose value a test run determines (RANDOM is not, nor
// CPU: the tests do not pin themselves to a CPU).
var fuzzAncillary = []uint32{cbpf.SKFAdProtocol, cbpf.SKFAdPktType, cbpf.SKFAdIfIndex, cbpf.SKFAdMark, cbpf.SKFAdQueue, cbpf.SKFAdHAType, cbpf.SKFAdRXHash,
	cbpf.SKFAdALUXorX, cbpf.SKFAdVLANTag, cbpf.SKFAdVLANTagPresent, cbpf.SKFAdVLANTPID}

// kernelAncillary adds what the classic and eBPF sockets of
// TestKernelClassicAgreement both see for the same packet: the CPU.
var kernelAncillary = append([]uint32{cbpf.SKFAdCPU}, fuzzAncillary...)

// randLoadOff returns the k of an absolute load: mostly inside small
// frames, sometimes past them, huge, relative to the link-layer or network
// header, or ancillary.
func randLoadOff(rng *rand.Rand, o genOptions) uint32 {
	switch rng.IntN(12) {
	case 0:
		return rng.Uint32N(0x7fffffff) + 0x80000000 // >= 2^31: out of bounds (or special)
	case 1:
		return cbpf.SKFLLOff + rng.Uint32N(70)
	case 2:
		return cbpf.SKFNetOff + rng.Uint32N(60)
	case 3, 4:
		if o.kernel {
			return cbpf.SKFAdOff + kernelAncillary[rng.IntN(len(kernelAncillary))]
		}
		if rng.IntN(8) == 0 {
			return cbpf.SKFAdOff + 64 + rng.Uint32N(16) // no such ancillary load
		}
		return cbpf.SKFAdOff + fuzzAncillary[rng.IntN(len(fuzzAncillary))]
	}
	return rng.Uint32N(90)
}

// genProgram returns a random valid classic program using every opcode,
// forward jumps only.
func genProgram(rng *rand.Rand, o genOptions) []bpf.RawInstruction {
	n := 1 + rng.IntN(40)
	prog := make([]bpf.RawInstruction, 0, n+20)
	if o.kernel {
		// The checker wants every scratch slot written before it is read.
		for i := uint32(0); i < cbpf.MemWords; i++ {
			prog = append(prog, bpf.RawInstruction{Op: cbpf.ClassLD | cbpf.ModeIMM, K: randConst(rng)}, bpf.RawInstruction{Op: cbpf.ClassST, K: i})
		}
	}
	sizes := []uint16{cbpf.SizeW, cbpf.SizeH, cbpf.SizeB}
	for len(prog) < cap(prog)-1 && rng.IntN(n+1) != 0 || len(prog) < 2 {
		left := cap(prog) - 1 - len(prog) // instructions after this one, before the final ret
		var ins bpf.RawInstruction
		switch rng.IntN(12) {
		case 0:
			ins = bpf.RawInstruction{Op: cbpf.ClassLD | sizes[rng.IntN(3)] | cbpf.ModeABS, K: randLoadOff(rng, o)}
		case 1:
			k := rng.Uint32N(60)
			if rng.IntN(6) == 0 {
				k = randConst(rng)
			}
			ins = bpf.RawInstruction{Op: cbpf.ClassLD | sizes[rng.IntN(3)] | cbpf.ModeIND, K: k}
		case 2:
			ops := []uint16{cbpf.ClassLD | cbpf.ModeIMM, cbpf.ClassLD | cbpf.ModeMEM, cbpf.ClassLD | cbpf.SizeW | cbpf.ModeLEN,
				cbpf.ClassLDX | cbpf.ModeIMM, cbpf.ClassLDX | cbpf.ModeMEM, cbpf.ClassLDX | cbpf.SizeW | cbpf.ModeLEN, cbpf.ClassLDX | cbpf.SizeB | cbpf.ModeMSH}
			ins = bpf.RawInstruction{Op: ops[rng.IntN(len(ops))], K: randConst(rng)}
			switch ins.Op &^ 7 {
			case cbpf.ModeMEM:
				ins.K = rng.Uint32N(cbpf.MemWords)
			case cbpf.ModeMSH:
				ins.K = randLoadOff(rng, o)
				if ins.K >= cbpf.SKFAdOff {
					ins.K = rng.Uint32N(40)
				}
			}
		case 3:
			ins = bpf.RawInstruction{Op: []uint16{cbpf.ClassST, cbpf.ClassSTX}[rng.IntN(2)], K: rng.Uint32N(cbpf.MemWords)}
		case 4, 5, 6:
			ops := []uint16{cbpf.ADD, cbpf.SUB, cbpf.MUL, cbpf.DIV, cbpf.OR, cbpf.AND, cbpf.LSH, cbpf.RSH, cbpf.NEG, cbpf.MOD, cbpf.XOR}
			op := ops[rng.IntN(len(ops))]
			src := []uint16{cbpf.SrcK, cbpf.SrcX}[rng.IntN(2)]
			if op == cbpf.NEG {
				src = cbpf.SrcK
			}
			ins = bpf.RawInstruction{Op: cbpf.ClassALU | op | src, K: randConst(rng)}
			if (op == cbpf.LSH || op == cbpf.RSH) && rng.IntN(2) == 0 {
				ins.K = rng.Uint32N(40)
			}
			if o.kernel && src == cbpf.SrcK && ((op == cbpf.DIV || op == cbpf.MOD) && ins.K == 0 || (op == cbpf.LSH || op == cbpf.RSH) && ins.K >= 32) {
				ins.K = 1 + ins.K%31
			}
		case 7, 8, 9:
			ops := []uint16{cbpf.JEQ, cbpf.JGT, cbpf.JGE, cbpf.JSET}
			jump := func() uint8 { return uint8(rng.IntN(min(left, 255) + 1)) }
			ins = bpf.RawInstruction{Op: cbpf.ClassJMP | ops[rng.IntN(4)] | []uint16{cbpf.SrcK, cbpf.SrcX}[rng.IntN(2)], Jt: jump(), Jf: jump(), K: randConst(rng)}
			if rng.IntN(10) == 0 {
				ins = bpf.RawInstruction{Op: cbpf.ClassJMP | cbpf.JA, K: uint32(jump())}
			}
		case 10:
			ins = bpf.RawInstruction{Op: cbpf.ClassMISC | []uint16{cbpf.TAX, cbpf.TXA}[rng.IntN(2)]}
		case 11:
			if rng.IntN(2) == 0 {
				ins = bpf.RawInstruction{Op: cbpf.ClassRET | cbpf.RetA}
			} else {
				ins = bpf.RawInstruction{Op: cbpf.ClassRET | cbpf.RetK, K: randConst(rng)}
			}
		}
		prog = append(prog, ins)
	}
	// Jumps were drawn against the planned length; clamp them to the real one.
	for i := range prog {
		left := len(prog) - i - 1 // the final ret is appended below
		if prog[i].Op&7 == cbpf.ClassJMP {
			prog[i].Jt = uint8(min(int(prog[i].Jt), left))
			prog[i].Jf = uint8(min(int(prog[i].Jf), left))
			if prog[i].Op&0xf0 == cbpf.JA {
				prog[i].K = min(prog[i].K, uint32(left))
			}
		}
	}
	if rng.IntN(2) == 0 {
		prog = append(prog, bpf.RawInstruction{Op: cbpf.ClassRET | cbpf.RetA})
	} else {
		prog = append(prog, bpf.RawInstruction{Op: cbpf.ClassRET | cbpf.RetK, K: randConst(rng)})
	}
	return prog
}

func progString(prog []bpf.RawInstruction) string {
	s := ""
	for i, ins := range prog {
		s += fmt.Sprintf("  %3d: {%#04x, %d, %d, %#x}\n", i, ins.Op, ins.Jt, ins.Jf, ins.K)
	}
	return s
}

var fuzzOpts = Options{HAType: arphrdLoopback, HATypeKnown: true}

// checkRandomProgram translates prog for all three targets, loads them,
// and compares the tc and XDP test runs over pkts with the references.
// It returns how many comparisons it made.
func checkRandomProgram(t *testing.T, prog []bpf.RawInstruction, pkts [][]byte) int {
	t.Helper()
	compared := 0
	progs := map[Target]*ebpf.Program{}
	for _, tg := range []Target{SocketFilter, TC, XDP} {
		o := fuzzOpts
		o.Target = tg
		p, err := loadTranslated(prog, o)
		if tg == XDP && errors.Is(err, ErrUnsupported) {
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v\nclassic program:\n%s", tg, err, progString(prog))
		}
		defer p.Close()
		progs[tg] = p
	}
	for _, pkt := range pkts {
		if !testRunnable(pkt) {
			continue
		}
		mark := uint32(len(pkt)) * 0x01000193
		meta := testRunMeta(pkt, mark)
		want, _, err := cbpf.Run(prog, pkt, &meta)
		if err != nil {
			t.Fatalf("cbpf.Run: %v\n%s", err, progString(prog))
		}
		got, err := testRun(progs[TC], pkt, mark)
		if err != nil {
			t.Fatalf("tc test run: %v", err)
		}
		compared++
		if got != want {
			t.Fatalf("tc: eBPF returned %d, cbpf.Run %d\npacket %s\nclassic program:\n%s", got, want, hex.EncodeToString(pkt), progString(prog))
		}
		if px := progs[XDP]; px != nil {
			xmeta := cbpf.Metadata{IfIndex: loIfindex, HAType: arphrdLoopback}
			want, err := xdpReference(prog, pkt, &xmeta)
			if err != nil {
				t.Fatalf("xdp reference: %v", err)
			}
			got, err := px.Run(&ebpf.RunOptions{Data: pkt})
			if err != nil {
				t.Fatalf("xdp test run: %v", err)
			}
			compared++
			if got != want {
				t.Fatalf("xdp: eBPF returned %d, reference %d\npacket %s\nclassic program:\n%s", got, want, hex.EncodeToString(pkt), progString(prog))
			}
		}
	}
	return compared
}

// randomPackets returns frames for prog: biased by its constants, plus
// extra when given.
func randomPackets(rng *rand.Rand, prog []bpf.RawInstruction, extra []byte) [][]byte {
	pkts := packets(rng, prog, nil, 12)
	if len(extra) >= testRunMinLen && len(extra) <= 1500 {
		pkts = append(pkts, extra)
	}
	return pkts
}

// TestTranslateProperty is the property test's CI run: random valid
// programs over random packets agree with the interpreters on the tc and
// XDP targets and load on all three.
func TestTranslateProperty(t *testing.T) {
	testenv.RequireBPF(t)
	n := 1500
	if testenv.Short() {
		n = 200
	}
	rng := rand.New(rand.NewPCG(7, 11))
	compared := 0
	for i := 0; i < n; i++ {
		prog := genProgram(rng, genOptions{})
		compared += checkRandomProgram(t, prog, randomPackets(rng, prog, nil))
	}
	t.Logf("%d random programs, %d comparisons, 0 disagreements", n, compared)
}

// FuzzTranslate: go test -fuzz FuzzTranslate -parallel=1 ./bpf/
func FuzzTranslate(f *testing.F) {
	for i := uint64(0); i < 24; i++ {
		f.Add(i*0x9e3779b97f4a7c15, []byte{})
	}
	f.Add(uint64(42), []byte("\xff\xff\xff\xff\xff\xff\x00\x01\x02\x03\x04\x05\x08\x00E\x00\x00\x1c\x00\x00\x00\x00@\x11\x00\x00\n\x00\x00\x01\n\x00\x00\x02\x00\x35\x00\x35\x00\x08\x00\x00"))
	f.Fuzz(func(t *testing.T, seed uint64, data []byte) {
		testenv.RequireBPF(t)
		rng := rand.New(rand.NewPCG(seed, uint64(len(data))))
		prog := genProgram(rng, genOptions{})
		checkRandomProgram(t, prog, randomPackets(rng, prog, data))
	})
}
