package translate

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

func TestDump(t *testing.T) {
	byName := map[string][]bpf.RawInstruction{}
	for _, c := range loadCorpus(t) {
		byName[c.Name] = c.prog()
	}
	for _, tc := range []struct {
		name   string
		target Target
		want   []string // substrings of the listing
	}{
		{"accept_tcp_src_port_opt_0", SocketFilter, []string{"LdAbsH imm: 12", "JEq32Imm dst: r0", "<cbpf_14>", "LdIndH dst: r0 src: r7 imm: 14"}},
		{"accept_tcp_src_port_opt_0", XDP, []string{"SwapBE dst: r0", "cbpf_ret0:"}},
		{"accept_vlan_eth_linuxext_unary_opt_0", TC, []string{"LdXMemW dst: r0 src: r6 off: 20"}},
		{"accept_ip6_protochain_opt_1", TC, []string{"JCond may_goto", "cbpf_loop_exhausted:"}},
	} {
		t.Run(fmt.Sprintf("%s/%v", tc.name, tc.target), func(t *testing.T) {
			prog := byName[tc.name]
			if prog == nil {
				t.Fatalf("%s not in the corpus", tc.name)
			}
			insns, err := Program(prog, Options{Target: tc.target})
			if err != nil {
				t.Fatal(err)
			}
			out := Dump(insns, len(prog), tc.target)
			header := fmt.Sprintf("; eBPF for %v: %d instructions", tc.target, len(insns))
			if !strings.HasPrefix(out, header) || !strings.Contains(out, fmt.Sprintf("from %d classic BPF instructions", len(prog))) {
				t.Errorf("header: got %q, want %q... from %d classic", strings.SplitN(out, "\n", 2)[0], header, len(prog))
			}
			lines := 0
			for _, l := range strings.Split(out, "\n")[1:] {
				if strings.HasPrefix(l, "  ") {
					lines++
				}
			}
			if lines != len(insns) {
				t.Errorf("%d instruction lines, want %d\n%s", lines, len(insns), out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("listing lacks %q\n%s", w, out)
				}
			}
		})
	}
	if out := Dump(nil, -1, TC); out != "; eBPF for tc: 0 instructions (0 slots)\n" {
		t.Errorf("empty program: %q", out)
	}
}

// TestTranslateErrors checks the refusals: invalid programs wrap
// cbpf.ErrInvalid, valid ones the target cannot express wrap ErrUnsupported.
func TestTranslateErrors(t *testing.T) {
	ret := bpf.RawInstruction{Op: cbpf.ClassRET | cbpf.RetK, K: 1}
	ld := func(k uint32) bpf.RawInstruction {
		return bpf.RawInstruction{Op: cbpf.ClassLD | cbpf.SizeW | cbpf.ModeABS, K: k}
	}
	for _, tc := range []struct {
		name   string
		prog   []bpf.RawInstruction
		opts   Options
		target error
	}{
		{"empty", nil, Options{Target: TC}, cbpf.ErrInvalid},
		{"unknown opcode", []bpf.RawInstruction{{Op: 0xff}, ret}, Options{Target: TC}, cbpf.ErrInvalid},
		{"ret x", []bpf.RawInstruction{{Op: cbpf.ClassRET | 0x08}}, Options{Target: TC}, cbpf.ErrInvalid},
		{"jump past end", []bpf.RawInstruction{{Op: cbpf.ClassJMP | cbpf.JEQ, Jt: 1}, ret}, Options{Target: TC}, cbpf.ErrInvalid},
		{"ja past end", []bpf.RawInstruction{{Op: cbpf.ClassJMP | cbpf.JA, K: 5}, ret}, Options{Target: TC}, cbpf.ErrInvalid},
		{"scratch 16", []bpf.RawInstruction{{Op: cbpf.ClassST, K: 16}, ret}, Options{Target: TC}, cbpf.ErrInvalid},
		{"no final ret", []bpf.RawInstruction{ld(0)}, Options{Target: TC}, cbpf.ErrInvalid},
		{"hatype unknown", []bpf.RawInstruction{ld(cbpf.SKFAdOff + cbpf.SKFAdHAType), ret}, Options{Target: TC}, ErrUnsupported},
		{"pay offset", []bpf.RawInstruction{ld(cbpf.SKFAdOff + cbpf.SKFAdPayOffset), ret}, Options{Target: SocketFilter}, ErrUnsupported},
		{"nlattr", []bpf.RawInstruction{ld(cbpf.SKFAdOff + cbpf.SKFAdNLAttr), ret}, Options{Target: TC}, ErrUnsupported},
		{"xdp vlan", []bpf.RawInstruction{ld(cbpf.SKFAdOff + cbpf.SKFAdVLANTag), ret}, Options{Target: XDP}, ErrUnsupported},
		{"xdp protocol", []bpf.RawInstruction{ld(cbpf.SKFAdOff + cbpf.SKFAdProtocol), ret}, Options{Target: XDP}, ErrUnsupported},
		{"xdp net off", []bpf.RawInstruction{ld(cbpf.SKFNetOff + 9), ret}, Options{Target: XDP}, ErrUnsupported},
		{"xdp loop", []bpf.RawInstruction{ld(0), {Op: cbpf.ClassJMP | cbpf.JA, K: 0xfffffffe}}, Options{Target: XDP}, ErrUnsupported},
	} {
		_, err := Program(tc.prog, tc.opts)
		if !errorsIs(err, tc.target) {
			t.Errorf("%s: got %v, want an error wrapping %v", tc.name, err, tc.target)
		}
	}
	// What is expressible is not refused.
	for _, prog := range [][]bpf.RawInstruction{
		{ld(cbpf.SKFAdOff + cbpf.SKFAdHAType), ret},
		{ld(cbpf.SKFAdOff + cbpf.SKFAdIfIndex), ld(cbpf.SKFAdOff + cbpf.SKFAdQueue), ld(cbpf.SKFAdOff + cbpf.SKFAdCPU), ld(cbpf.SKFAdOff + cbpf.SKFAdRandom), ld(cbpf.SKFLLOff + 3), ret},
	} {
		if _, err := Program(prog, Options{Target: XDP, HAType: 1, HATypeKnown: true}); err != nil {
			t.Errorf("%v: %v", prog, err)
		}
	}
}

func errorsIs(err, target error) bool { return err != nil && errors.Is(err, target) }
