package cbpf

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/bpf"
)

func TestValidate(t *testing.T) {
	long := make([]bpf.RawInstruction, MaxInstructions+1)
	for i := range long {
		long[i] = stmt(retKc, 0)
	}
	tests := []struct {
		name string
		prog []bpf.RawInstruction
		want string // "" = valid
	}{
		{"ok", []bpf.RawInstruction{stmt(ldH, 12), jump(ClassJMP|JEQ, 0x800, 0, 1), stmt(retKc, 1), stmt(retKc, 0)}, ""},
		{"max length", long[:MaxInstructions], ""},
		{"empty", nil, "empty program"},
		{"too long", long, "limit of 4096"},
		{"last not ret", []bpf.RawInstruction{stmt(ldImm, 1)}, "not a ret"},
		{"unknown opcode", []bpf.RawInstruction{stmt(0x08, 0), stmt(retKc, 0)}, "unknown opcode 0x8"},
		{"neg x", []bpf.RawInstruction{stmt(0x8c, 0), stmt(retKc, 0)}, "unknown opcode"},
		{"div k 0", []bpf.RawInstruction{aluK(DIV, 0), stmt(retKc, 0)}, "division by constant zero"},
		{"mod k 0", []bpf.RawInstruction{aluK(MOD, 0), stmt(retKc, 0)}, "division by constant zero"},
		{"div x ok", []bpf.RawInstruction{aluX(DIV), stmt(retKc, 0)}, ""},
		{"lsh 32", []bpf.RawInstruction{aluK(LSH, 32), stmt(retKc, 0)}, "shift by 32"},
		{"rsh 31", []bpf.RawInstruction{aluK(RSH, 31), stmt(retKc, 0)}, ""},
		{"scratch 16", []bpf.RawInstruction{stmt(ClassST, 16), stmt(retKc, 0)}, "scratch index 16"},
		{"ja out", []bpf.RawInstruction{stmt(ClassJMP|JA, 1), stmt(retKc, 0)}, "jump by 1 leaves"},
		{"ja backward", []bpf.RawInstruction{stmt(retKc, 0), stmt(ClassJMP|JA, 0xfffffffe), stmt(retKc, 0)}, "leaves"},
		{"jt out", []bpf.RawInstruction{jump(ClassJMP|JGT, 0, 1, 0), stmt(retKc, 0)}, "jt 1 leaves"},
		{"jf out", []bpf.RawInstruction{jump(ClassJMP|JGT, 0, 0, 1), stmt(retKc, 0)}, "jf 1 leaves"},
		{"anc known", []bpf.RawInstruction{stmt(ldB, ad+SKFAdVLANTagPresent), stmt(retAc, 0)}, ""},
		{"anc unknown", []bpf.RawInstruction{stmt(ldB, ad+2), stmt(retAc, 0)}, "unknown ancillary offset SKF_AD_OFF+2"},
		{"anc past max", []bpf.RawInstruction{stmt(ldW, ad+SKFAdMax), stmt(retAc, 0)}, "unknown ancillary"},
		{"net off ok", []bpf.RawInstruction{stmt(ldB, 0xfff00000), stmt(retAc, 0)}, ""},
		{"read before write", []bpf.RawInstruction{stmt(ClassLD|ModeMEM, 3), stmt(retAc, 0)}, "M[3] may be read before"},
		{"write then read", []bpf.RawInstruction{stmt(ClassST, 3), stmt(ClassLDX|ModeMEM, 3), stmt(retAc, 0)}, ""},
		{"written on one path only", []bpf.RawInstruction{
			jump(ClassJMP|JEQ, 0, 0, 1), stmt(ClassST, 2), stmt(ClassLD|ModeMEM, 2), stmt(retAc, 0)}, "M[2] may be read"},
		{"written on both paths", []bpf.RawInstruction{
			jump(ClassJMP|JEQ, 0, 0, 2), stmt(ClassST, 2), stmt(ClassJMP|JA, 1), stmt(ClassSTX, 2), stmt(ClassLD|ModeMEM, 2), stmt(retAc, 0)}, ""},
	}
	for _, tt := range tests {
		err := Validate(tt.prog)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.want != "" && err == nil:
			t.Errorf("%s: accepted, want error containing %q", tt.name, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: error %q does not contain %q", tt.name, err, tt.want)
		case err != nil && !errors.Is(err, ErrInvalid):
			t.Errorf("%s: error does not wrap ErrInvalid", tt.name)
		}
	}
}

// TestValidateLibpcapPrograms checks that the kernel accepts every program
// libpcap's suite expects, except those with the backward jump libpcap's
// protochain emits (the kernel rejects them; libpcap then filters in user
// space). Programs for link types gocap does not generate code for are only
// counted: libpcap master reads an unwritten scratch word in a few
// IEEE802_11_RADIO vxlan/geneve programs, which the kernel rejects.
func TestValidateLibpcapPrograms(t *testing.T) {
	supported := map[string]bool{"EN10MB": true, "LINUX_SLL": true, "LINUX_SLL2": true,
		"RAW": true, "IPV4": true, "IPV6": true, "NULL": true, "LOOP": true}
	rejected, other := 0, 0
	for _, c := range loadCases(t) {
		if c.Kind != "accept" {
			continue
		}
		err := Validate(c.program())
		if err == nil {
			continue
		}
		if strings.Contains(c.Expr, "protochain") && strings.Contains(err.Error(), "leaves the program") {
			rejected++
			continue
		}
		if !supported[c.DLT] {
			other++
			t.Logf("%s (%s): %v", c.Name, c.DLT, err)
			continue
		}
		t.Errorf("%s (%s, %q): %v", c.Name, c.DLT, c.Expr, err)
	}
	t.Logf("%d protochain programs need a backward jump; %d programs for other link types rejected", rejected, other)
}
