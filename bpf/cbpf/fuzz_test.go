package cbpf

import (
	"encoding/binary"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/bpf"
)

func encodeProgram(prog []bpf.RawInstruction) []byte {
	b := make([]byte, 0, 8*len(prog))
	for _, ins := range prog {
		b = binary.LittleEndian.AppendUint16(b, ins.Op)
		b = append(b, ins.Jt, ins.Jf)
		b = binary.LittleEndian.AppendUint32(b, ins.K)
	}
	return b
}

func decodeProgram(b []byte) []bpf.RawInstruction {
	prog := make([]bpf.RawInstruction, 0, len(b)/8)
	for ; len(b) >= 8; b = b[8:] {
		prog = append(prog, bpf.RawInstruction{
			Op: binary.LittleEndian.Uint16(b), Jt: b[2], Jf: b[3], K: binary.LittleEndian.Uint32(b[4:]),
		})
	}
	return prog
}

// FuzzRun: any program, any packet and metadata: Run never panics, and a
// program Validate accepts never makes Run fail.
func FuzzRun(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 40; i++ {
		f.Add(encodeProgram(randomProgram(r, 2+r.IntN(30), true)), randomPacket(r), r.Uint32(), r.IntN(2) == 0)
	}
	for _, c := range []string{"4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n"} {
		prog, _ := ParseDecimal(c)
		f.Add(encodeProgram(prog), pkt, uint32(14), false)
	}
	f.Fuzz(func(t *testing.T, code, packet []byte, v uint32, vlan bool) {
		prog := decodeProgram(code)
		meta := &Metadata{NetOff: v % 64, LLOff: v % 7, VLANPresent: vlan, VLANTCI: uint16(v), Mark: v, WireLen: v % 3000}
		ret, executed, err := Run(prog, packet, meta)
		if Validate(prog) != nil {
			return
		}
		if err != nil {
			t.Fatalf("valid program fails: %v\n%s", err, Dump(prog))
		}
		if executed < 1 || executed > len(prog) {
			t.Fatalf("executed %d instructions of %d in a loop-free program", executed, len(prog))
		}
		_ = ret
		// Dumping and re-reading must give the same program.
		back, err := ParseDecimal(DumpDecimal(prog))
		if err != nil || !reflect.DeepEqual(back, prog) {
			t.Fatalf("-ddd round trip: %v", err)
		}
	})
}

// FuzzParseDecimal: ParseDecimal never panics, and what it accepts prints
// back to text it reads as the same program.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{
		"4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n",
		"4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0",
		"1\n6 0 0 4294967295\n",
		"2\n6 0 0 1\n",
		"1\n6 0 256 1\n",
		"x\n",
		"",
		"1\n6 0 0\n",
		"1\n65536 0 0 0\n",
		"  3 \n\n 40 0 0 12 \n 21 0 1 2048\n6 0 0 1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prog, err := ParseDecimal(s)
		if err != nil {
			if !strings.Contains(err.Error(), "malformed") {
				t.Fatalf("error does not say what is wrong: %v", err)
			}
			return
		}
		back, err := ParseDecimal(DumpDecimal(prog))
		if err != nil || !reflect.DeepEqual(back, prog) {
			t.Fatalf("round trip of %q: %v", s, err)
		}
	})
}
