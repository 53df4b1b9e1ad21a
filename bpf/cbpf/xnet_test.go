package cbpf

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/net/bpf"
)

// randomProgram builds a program with only forward jumps that stay inside
// it and a RET at the end. With anc set it uses every opcode Validate
// accepts, ancillary and negative-offset loads included; without, it keeps
// to what golang.org/x/net/bpf's VM implements identically: no NEG, no
// LDX LEN, no shift by X, no ancillary loads, and X kept small so that X+k
// of an indirect load never wraps (the kernel computes it modulo 2^32,
// x/net/bpf without wrapping).
func randomProgram(r *rand.Rand, n int, anc bool) []bpf.RawInstruction {
	var codes []uint16
	for c := 0; c < 256; c++ {
		if !validCodes[c] {
			continue
		}
		code := uint16(c)
		if !anc && (code == ClassALU|NEG || code == ClassLDX|SizeW|ModeLEN ||
			code == ClassALU|LSH|SrcX || code == ClassALU|RSH|SrcX ||
			code == ClassMISC|TAX || code == ClassLDX|ModeMEM) {
			continue
		}
		codes = append(codes, code)
	}
	k := func() uint32 {
		switch r.IntN(6) {
		case 0:
			return r.Uint32()
		case 1:
			return uint32(r.IntN(16))
		case 2:
			return 0xffffffff - uint32(r.IntN(4))
		default:
			return uint32(r.IntN(80))
		}
	}
	prog := make([]bpf.RawInstruction, n)
	for i := 0; i < n-1; i++ {
		code := codes[r.IntN(len(codes))]
		ins := bpf.RawInstruction{Op: code, K: k()}
		left := n - i - 1
		switch {
		case code == ClassJMP|JA:
			ins.K = uint32(r.IntN(left))
		case code&ClassMask == ClassJMP:
			ins.Jt = uint8(r.IntN(min(left, 256)))
			ins.Jf = uint8(r.IntN(min(left, 256)))
		case code&ClassMask == ClassRET:
		case !anc && code == ClassLDX|ModeIMM:
			ins.K %= 80
		case !anc && code&0xe7 == ClassLD|ModeIND:
			ins.K &= 0x7fffffff
		case code == ClassLD|ModeMEM || code == ClassLDX|ModeMEM || code == ClassST || code == ClassSTX:
			ins.K %= MemWords
		case code&ClassMask == ClassALU && (code&OpMask == LSH || code&OpMask == RSH) && code&SrcX == 0:
			ins.K %= 32
		case code&ClassMask == ClassALU && (code&OpMask == DIV || code&OpMask == MOD) && code&SrcX == 0 && ins.K == 0:
			ins.K = 1
		case code&0xe7 == ClassLD|ModeABS:
			if anc && r.IntN(3) == 0 {
				switch r.IntN(3) {
				case 0:
					ins.K = SKFAdOff + uint32(r.IntN(SKFAdMax/4))*4
				case 1:
					ins.K = SKFNetOff + uint32(r.IntN(40))
				default:
					ins.K = SKFLLOff + uint32(r.IntN(40))
				}
			} else if ins.K >= SKFAdOff {
				ins.K = uint32(r.IntN(80))
			}
		}
		prog[i] = ins
	}
	if r.IntN(2) == 0 {
		prog[n-1] = bpf.RawInstruction{Op: ClassRET | RetA}
	} else {
		prog[n-1] = bpf.RawInstruction{Op: ClassRET | RetK, K: k()}
	}
	return prog
}

func randomPacket(r *rand.Rand) []byte {
	p := make([]byte, r.IntN(90))
	for i := range p {
		p[i] = byte(r.Uint32())
	}
	return p
}

// TestAgreesWithXNetVM runs random programs without ancillary loads in
// both interpreters: they must agree on every packet.
func TestAgreesWithXNetVM(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	// Negative offsets resolve against headers far beyond the packet, so they
	// are out of bounds as in x/net/bpf.
	meta := &Metadata{NetOff: 1 << 30, LLOff: 1 << 30}
	progs, runs := 3000, 0
	if testing.Short() {
		progs = 300
	}
	for i := 0; i < progs; i++ {
		prog := randomProgram(r, 2+r.IntN(40), false)
		insns := make([]bpf.Instruction, len(prog))
		for j, ri := range prog {
			insns[j] = ri.Disassemble()
		}
		vm, err := bpf.NewVM(insns)
		if err != nil {
			t.Fatalf("x/net/bpf rejects program:\n%s%v", Dump(prog), err)
		}
		for p := 0; p < 20; p++ {
			pkt := randomPacket(r)
			want, err := vm.Run(pkt)
			if err != nil {
				t.Fatalf("x/net/bpf: %v\n%s", err, Dump(prog))
			}
			got, _, err := Run(prog, pkt, meta)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, Dump(prog))
			}
			if int(got) != want {
				t.Fatalf("packet % x: Run = %d, x/net/bpf = %d\n%s", pkt, got, want, Dump(prog))
			}
			runs++
		}
	}
	t.Logf("%d programs, %d runs agree", progs, runs)
}
