package cbpf

import (
	"testing"

	"golang.org/x/net/bpf"
)

func stmt(op uint16, k uint32) bpf.RawInstruction { return bpf.RawInstruction{Op: op, K: k} }
func jump(op uint16, k uint32, jt, jf uint8) bpf.RawInstruction {
	return bpf.RawInstruction{Op: op, Jt: jt, Jf: jf, K: k}
}

const (
	ldW    = ClassLD | SizeW | ModeABS
	ldH    = ClassLD | SizeH | ModeABS
	ldB    = ClassLD | SizeB | ModeABS
	ldIndB = ClassLD | SizeB | ModeIND
	ldIndW = ClassLD | SizeW | ModeIND
	ldImm  = ClassLD | ModeIMM
	ldxImm = ClassLDX | ModeIMM
	ldLen  = ClassLD | SizeW | ModeLEN
	ldxLen = ClassLDX | SizeW | ModeLEN
	ldxMSH = ClassLDX | SizeB | ModeMSH
	retAc  = ClassRET | RetA
	retKc  = ClassRET | RetK
	ad     = 0xfffff000
)

func aluK(op uint16, k uint32) bpf.RawInstruction { return stmt(ClassALU|op|SrcK, k) }
func aluX(op uint16) bpf.RawInstruction           { return stmt(ClassALU|op|SrcX, 0) }

var pkt = []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x08, 0x00, 0x45, 0xff}

func TestRunSemantics(t *testing.T) {
	ret := stmt(retAc, 0)
	meta := &Metadata{
		Protocol: 0x0800, PktType: 4, IfIndex: 7, HAType: 1, Mark: 0xdead, Queue: 3,
		RXHash: 0x1234, CPU: 1, VLANPresent: true, VLANTCI: 0xb00c, VLANTPID: 0x88a8,
		PayOffset: 54, Random: 42, NetOff: 14, WireLen: 1500,
	}
	tests := []struct {
		name string
		prog []bpf.RawInstruction
		meta *Metadata
		want uint32
		exec int
	}{
		{"ldh", []bpf.RawInstruction{stmt(ldH, 12), ret}, nil, 0x0800, 2},
		{"ld word", []bpf.RawInstruction{stmt(ldW, 12), ret}, nil, 0x080045ff, 2},
		{"ld oob", []bpf.RawInstruction{stmt(ldW, 13), stmt(retKc, 9)}, nil, 0, 1},
		{"ldb last", []bpf.RawInstruction{stmt(ldB, 15), ret}, nil, 0xff, 2},
		{"ldb oob", []bpf.RawInstruction{stmt(ldB, 16), stmt(retKc, 9)}, nil, 0, 1},
		{"ld huge k oob", []bpf.RawInstruction{stmt(ldB, 0x7fffffff), stmt(retKc, 9)}, nil, 0, 1},
		{"ind", []bpf.RawInstruction{stmt(ldxImm, 10), stmt(ldIndB, 4), ret}, nil, 0x45, 3},
		{"ind wraps modulo 2^32 like the kernel", []bpf.RawInstruction{stmt(ldxImm, 0xffffffff), stmt(ldIndB, 3), ret}, nil, 0x02, 3},
		{"ind wraps negative oob", []bpf.RawInstruction{stmt(ldxImm, 0xffffffff), stmt(ldIndB, 1), ret}, nil, 0, 3},
		{"ind into ancillary area is oob", []bpf.RawInstruction{stmt(ldxImm, ad), stmt(ldIndB, SKFAdPktType), stmt(retKc, 9)}, meta, 0, 2},
		{"msh", []bpf.RawInstruction{stmt(ldxMSH, 14), stmt(ClassMISC|TXA, 0), ret}, nil, 20, 3},
		{"msh oob", []bpf.RawInstruction{stmt(ldxMSH, 99), stmt(retKc, 9)}, nil, 0, 1},
		{"len", []bpf.RawInstruction{stmt(ldLen, 0), ret}, nil, 16, 2},
		{"len wire", []bpf.RawInstruction{stmt(ldLen, 0), ret}, meta, 1500, 2},
		{"ldx len", []bpf.RawInstruction{stmt(ldxLen, 0), stmt(ClassMISC|TXA, 0), ret}, nil, 16, 3},
		{"scratch zero", []bpf.RawInstruction{stmt(ldImm, 5), stmt(ClassLD|ModeMEM, 3), ret}, nil, 0, 3},
		{"st ld", []bpf.RawInstruction{stmt(ldImm, 5), stmt(ClassST, 15), stmt(ldImm, 1), stmt(ClassLDX|ModeMEM, 15), stmt(ClassMISC|TXA, 0), ret}, nil, 5, 6},
		{"stx", []bpf.RawInstruction{stmt(ldxImm, 9), stmt(ClassSTX, 0), stmt(ClassLD|ModeMEM, 0), ret}, nil, 9, 4},
		{"div x zero", []bpf.RawInstruction{stmt(ldImm, 5), aluX(DIV), stmt(retKc, 9)}, nil, 0, 2},
		{"mod x zero", []bpf.RawInstruction{stmt(ldImm, 5), aluX(MOD), stmt(retKc, 9)}, nil, 0, 2},
		{"div k zero unchecked", []bpf.RawInstruction{stmt(ldImm, 5), aluK(DIV, 0), stmt(retKc, 9)}, nil, 0, 2},
		{"div", []bpf.RawInstruction{stmt(ldImm, 0xffffffff), aluK(DIV, 2), ret}, nil, 0x7fffffff, 3},
		{"mod", []bpf.RawInstruction{stmt(ldImm, 17), stmt(ldxImm, 5), aluX(MOD), ret}, nil, 2, 4},
		{"neg", []bpf.RawInstruction{stmt(ldImm, 1), stmt(ClassALU|NEG, 0), ret}, nil, 0xffffffff, 3},
		{"add wraps", []bpf.RawInstruction{stmt(ldImm, 0xffffffff), aluK(ADD, 2), ret}, nil, 1, 3},
		{"sub", []bpf.RawInstruction{stmt(ldImm, 1), aluK(SUB, 2), ret}, nil, 0xffffffff, 3},
		{"mul", []bpf.RawInstruction{stmt(ldImm, 0x10000), aluK(MUL, 0x10001), ret}, nil, 0x10000, 3},
		{"xor and or", []bpf.RawInstruction{stmt(ldImm, 0xf0), aluK(XOR, 0xff), aluK(OR, 0x100), aluK(AND, 0x10f), ret}, nil, 0x10f, 5},
		{"lsh x 33 masks", []bpf.RawInstruction{stmt(ldImm, 1), stmt(ldxImm, 33), aluX(LSH), ret}, nil, 2, 4},
		{"rsh x 32 masks", []bpf.RawInstruction{stmt(ldImm, 0x80), stmt(ldxImm, 32), aluX(RSH), ret}, nil, 0x80, 4},
		{"lsh k", []bpf.RawInstruction{stmt(ldImm, 1), aluK(LSH, 31), ret}, nil, 0x80000000, 3},
		{"jeq taken", []bpf.RawInstruction{stmt(ldH, 12), jump(ClassJMP|JEQ, 0x800, 0, 1), stmt(retKc, 1), stmt(retKc, 2)}, nil, 1, 3},
		{"jeq not", []bpf.RawInstruction{stmt(ldH, 12), jump(ClassJMP|JEQ, 0x806, 0, 1), stmt(retKc, 1), stmt(retKc, 2)}, nil, 2, 3},
		{"jgt unsigned", []bpf.RawInstruction{stmt(ldImm, 0x80000000), jump(ClassJMP|JGT, 1, 0, 1), stmt(retKc, 1), stmt(retKc, 2)}, nil, 1, 3},
		{"jge equal", []bpf.RawInstruction{stmt(ldImm, 7), jump(ClassJMP|JGE, 7, 0, 1), stmt(retKc, 1), stmt(retKc, 2)}, nil, 1, 3},
		{"jset", []bpf.RawInstruction{stmt(ldImm, 6), jump(ClassJMP|JSET, 1, 0, 1), stmt(retKc, 1), stmt(retKc, 2)}, nil, 2, 3},
		{"jeq x", []bpf.RawInstruction{stmt(ldImm, 6), stmt(ldxImm, 6), jump(ClassJMP|JEQ|SrcX, 0, 1, 0), stmt(retKc, 1), stmt(retKc, 2)}, nil, 2, 4},
		{"ja", []bpf.RawInstruction{stmt(ClassJMP|JA, 1), stmt(retKc, 1), stmt(retKc, 2)}, nil, 2, 2},
		{"ret k", []bpf.RawInstruction{stmt(retKc, 262144)}, nil, 262144, 1},
		{"backward ja loop", []bpf.RawInstruction{
			stmt(ldImm, 0), aluK(ADD, 1), jump(ClassJMP|JGE, 3, 1, 0), stmt(ClassJMP|JA, 0xfffffffd), ret}, nil, 3, 10},
		{"tax txa", []bpf.RawInstruction{stmt(ldImm, 3), stmt(ClassMISC|TAX, 0), stmt(ldImm, 0), stmt(ClassMISC|TXA, 0), ret}, nil, 3, 5},
		{"anc protocol", []bpf.RawInstruction{stmt(ldH, ad+SKFAdProtocol), ret}, meta, 0x0800, 2},
		{"anc pkttype", []bpf.RawInstruction{stmt(ldH, ad+SKFAdPktType), ret}, meta, 4, 2},
		{"anc ifindex", []bpf.RawInstruction{stmt(ldW, ad+SKFAdIfIndex), ret}, meta, 7, 2},
		{"anc ifindex no device returns A", []bpf.RawInstruction{stmt(ldImm, 77), stmt(ldW, ad+SKFAdIfIndex), stmt(retKc, 9)}, &Metadata{NoDevice: true}, 77, 2},
		{"anc hatype no device", []bpf.RawInstruction{stmt(ldW, ad+SKFAdHAType), stmt(retKc, 9)}, &Metadata{NoDevice: true}, 0, 1},
		{"anc pkttype masked", []bpf.RawInstruction{stmt(ldB, ad+SKFAdPktType), ret}, &Metadata{PktType: 9}, 1, 2},
		{"anc hatype", []bpf.RawInstruction{stmt(ldW, ad+SKFAdHAType), ret}, meta, 1, 2},
		{"anc mark", []bpf.RawInstruction{stmt(ldW, ad+SKFAdMark), ret}, meta, 0xdead, 2},
		{"anc queue", []bpf.RawInstruction{stmt(ldW, ad+SKFAdQueue), ret}, meta, 3, 2},
		{"anc rxhash", []bpf.RawInstruction{stmt(ldW, ad+SKFAdRXHash), ret}, meta, 0x1234, 2},
		{"anc cpu", []bpf.RawInstruction{stmt(ldW, ad+SKFAdCPU), ret}, meta, 1, 2},
		{"anc vlan tci full", []bpf.RawInstruction{stmt(ldH, ad+SKFAdVLANTag), ret}, meta, 0xb00c, 2},
		{"anc vlanp byte load is whole value", []bpf.RawInstruction{stmt(ldB, ad+SKFAdVLANTagPresent), ret}, meta, 1, 2},
		{"anc vlanp absent", []bpf.RawInstruction{stmt(ldB, ad+SKFAdVLANTagPresent), ret}, nil, 0, 2},
		{"anc vlan tpid", []bpf.RawInstruction{stmt(ldH, ad+SKFAdVLANTPID), ret}, meta, 0x88a8, 2},
		{"anc poff", []bpf.RawInstruction{stmt(ldW, ad+SKFAdPayOffset), ret}, meta, 54, 2},
		{"anc random", []bpf.RawInstruction{stmt(ldW, ad+SKFAdRandom), ret}, meta, 42, 2},
		{"anc xor x", []bpf.RawInstruction{stmt(ldImm, 0xf0), stmt(ldxImm, 0xff), stmt(ldW, ad+SKFAdALUXorX), ret}, nil, 0x0f, 4},
		{"unknown anc offset is oob", []bpf.RawInstruction{stmt(ldW, ad+2), stmt(retKc, 9)}, meta, 0, 1},
		{"net off", []bpf.RawInstruction{stmt(ldB, SKFNetOff), ret}, meta, 0x45, 2},
		{"net off oob", []bpf.RawInstruction{stmt(ldB, SKFNetOff+2), stmt(retKc, 9)}, meta, 0, 1},
		{"ll off", []bpf.RawInstruction{stmt(ldH, SKFLLOff+12), ret}, meta, 0x0800, 2},
		{"below ll off", []bpf.RawInstruction{stmt(ldH, SKFLLOff-1), stmt(retKc, 9)}, meta, 0, 1},
		{"ind net off", []bpf.RawInstruction{stmt(ldxImm, SKFNetOff), stmt(ldIndB, 1), ret}, meta, 0xff, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, exec, err := Run(tt.prog, pkt, tt.meta)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || exec != tt.exec {
				t.Errorf("Run = %#x after %d instructions, want %#x after %d", got, exec, tt.want, tt.exec)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		prog []bpf.RawInstruction
	}{
		{"empty", nil},
		{"falls off", []bpf.RawInstruction{stmt(ldImm, 1)}},
		{"bad opcode", []bpf.RawInstruction{stmt(0xff, 0), stmt(retKc, 0)}},
		{"scratch range", []bpf.RawInstruction{stmt(ClassST, 16), stmt(retKc, 0)}},
		{"ja out", []bpf.RawInstruction{stmt(ClassJMP|JA, 1), stmt(retKc, 0)}},
		{"ja before start", []bpf.RawInstruction{stmt(ClassJMP|JA, 0xfffffffe), stmt(retKc, 0)}},
		{"endless loop", []bpf.RawInstruction{stmt(ClassJMP|JA, 0xffffffff), stmt(retKc, 0)}},
		{"jt out", []bpf.RawInstruction{jump(ClassJMP|JEQ, 0, 5, 0), stmt(retKc, 0)}},
		{"op beyond byte", []bpf.RawInstruction{stmt(0x106, 0)}},
	}
	for _, tt := range tests {
		if _, _, err := Run(tt.prog, pkt, nil); err == nil {
			t.Errorf("%s: Run succeeded", tt.name)
		}
	}
}

func TestNLAttr(t *testing.T) {
	// Two attributes: type 1 (len 8) and type 2, a nest holding type 5.
	msg := []byte{
		8, 0, 1, 0, 0xaa, 0xbb, 0xcc, 0xdd,
		12, 0, 2, 0, 8, 0, 5, 0, 1, 2, 3, 4,
	}
	find := func(op uint32, a, x uint32) uint32 {
		prog := []bpf.RawInstruction{stmt(ldImm, a), stmt(ldxImm, x), stmt(ldW, ad+op), ret()}
		v, _, err := Run(prog, msg, nil)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := find(SKFAdNLAttr, 0, 2); got != 8 {
		t.Errorf("nlattr type 2 at %d, want 8", got)
	}
	if got := find(SKFAdNLAttr, 0, 9); got != 0 {
		t.Errorf("nlattr type 9 at %d, want 0", got)
	}
	if got := find(SKFAdNLAttrNest, 8, 5); got != 12 {
		t.Errorf("nested type 5 at %d, want 12", got)
	}
	if got := find(SKFAdNLAttr, 100, 1); got != 0 {
		t.Errorf("nlattr beyond packet = %d, want 0", got)
	}
}

func ret() bpf.RawInstruction { return stmt(retAc, 0) }
