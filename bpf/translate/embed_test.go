package translate

import (
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/testenv"
)

// Offsets of data and data_end in struct __sk_buff.
const (
	skbData    = 76
	skbDataEnd = 80
)

// embedXDP places prog in an XDP program the way a tool embeds a filter in
// its own: packet pointers in registers of the host program's choice (not
// the defaults), the verdict in R4, jumps to the host's labels.
func embedXDP(prog []bpf.RawInstruction) (asm.Instructions, error) {
	frag, err := Emit(prog, Config{
		Access: DirectLoads, Context: ContextXDP, Ctx: asm.R6,
		Data: asm.R9, DataEnd: asm.R7, X: asm.R8, Result: asm.R4,
		Match: "host_match", NoMatch: "host_nomatch", Stack: -StackSize - 16, Label: "f",
	})
	if err != nil {
		return nil, err
	}
	host := asm.Instructions{
		asm.Mov.Reg(asm.R6, asm.R1),
		asm.LoadMem(asm.R9, asm.R6, xdpData, asm.Word),
		asm.LoadMem(asm.R7, asm.R6, xdpDataEnd, asm.Word),
	}
	host = append(host, frag...)
	return append(host,
		asm.Mov.Reg(asm.R0, asm.R4).WithSymbol("host_match"),
		asm.Return(),
		asm.Mov.Imm(asm.R0, 0).WithSymbol("host_nomatch"),
		asm.Return(),
	), nil
}

// embedProbe places prog in a SCHED_CLS program that hands it the skb's
// data and data_end as plain addresses, as a tracing program sees them,
// and reads the packet with bpf_probe_read_kernel. (Tracing programs
// cannot be test-run on a packet; SCHED_CLS can, and may call the helper
// with CAP_PERFMON.)
func embedProbe(prog []bpf.RawInstruction) (asm.Instructions, error) {
	frag, err := Emit(prog, Config{
		Access: ProbeReads, Context: ContextNone,
		Data: asm.R8, DataEnd: asm.R9, X: asm.R7, Result: asm.R0,
		Match: "host_match", NoMatch: "host_nomatch", Stack: -StackSize, Label: "p",
	})
	if err != nil {
		return nil, err
	}
	// A pointer spilled to the stack and copied by the helper to another
	// slot is a plain number there (root may leak pointers).
	address := func(dst asm.Register, field int16) asm.Instructions {
		const spill, copied = -StackSize - 8, -StackSize - 16
		return asm.Instructions{
			asm.LoadMem(asm.R2, asm.R6, field, asm.Word),
			asm.StoreMem(asm.RFP, spill, asm.R2, asm.DWord),
			asm.Mov.Reg(asm.R1, asm.RFP),
			asm.Add.Imm(asm.R1, copied),
			asm.Mov.Imm(asm.R2, 8),
			asm.Mov.Reg(asm.R3, asm.RFP),
			asm.Add.Imm(asm.R3, spill),
			asm.FnProbeReadKernel.Call(),
			asm.LoadMem(dst, asm.RFP, copied, asm.DWord),
		}
	}
	host := asm.Instructions{asm.Mov.Reg(asm.R6, asm.R1)}
	host = append(host, address(asm.R8, skbData)...)
	host = append(host, address(asm.R9, skbDataEnd)...)
	host = append(host, frag...)
	return append(host,
		asm.Return().WithSymbol("host_match"),
		asm.Mov.Imm(asm.R0, 0).WithSymbol("host_nomatch"),
		asm.Return(),
	), nil
}

// TestEmbeddedDifferential runs every accept case of libpcap's filter tests
// embedded in a host program, both ways a tool would embed it (direct
// packet access in XDP, bpf_probe_read_kernel reads), over the same frames
// as TestConformanceDifferential, and compares each test run with the
// interpreter (XDP packet semantics: the packet starts at the link-layer
// header, no network header is known).
func TestEmbeddedDifferential(t *testing.T) {
	testenv.RequireBPF(t)
	cases := loadCorpus(t)
	real := realPackets()
	rng := rand.New(rand.NewPCG(3, 4))
	per := packetsPerProgram() / 2
	modes := []struct {
		name  string
		embed func([]bpf.RawInstruction) (asm.Instructions, error)
		typ   ebpf.ProgramType
		run   func(p *ebpf.Program, pkt []byte) (uint32, error)
	}{
		{"xdp direct", embedXDP, ebpf.XDP, func(p *ebpf.Program, pkt []byte) (uint32, error) {
			return p.Run(&ebpf.RunOptions{Data: pkt})
		}},
		{"tc probe-read", embedProbe, ebpf.SchedCLS, func(p *ebpf.Program, pkt []byte) (uint32, error) {
			return testRun(p, pkt, 0)
		}},
	}
	fails := 0
	fail := func(format string, args ...any) {
		fails++
		if fails <= 10 {
			t.Errorf(format, args...)
		}
	}
	for _, m := range modes {
		loaded, refused, runs := 0, 0, 0
		for _, c := range cases {
			prog := c.prog()
			insns, err := m.embed(prog)
			if errors.Is(err, ErrUnsupported) {
				if facts, _ := cbpf.Check(prog, cbpf.Libpcap); !facts.Ancillary && !facts.BackwardJumps && !netOffLoad(prog) {
					fail("%s %s (%q): refused without an ancillary load, a loop or an SKF_NET_OFF load: %v", m.name, c.Name, c.Expr, err)
				}
				refused++
				continue
			}
			if err != nil {
				fail("%s %s (%q): %v", m.name, c.Name, c.Expr, err)
				continue
			}
			p, err := newProgram(&ebpf.ProgramSpec{Type: m.typ, Instructions: insns, License: "GPL"}, ebpf.ProgramOptions{LogDisabled: true})
			if err != nil {
				fail("%s %s (%q): load: %v", m.name, c.Name, c.Expr, err)
				continue
			}
			loaded++
			for _, pkt := range packets(rng, prog, real[linktypes[c.DLT]], per) {
				if !testRunnable(pkt) {
					continue
				}
				meta := cbpf.Metadata{IfIndex: loIfindex}
				want, rerr := xdpReference(prog, pkt, &meta)
				got, err := m.run(p, pkt)
				if err != nil || rerr != nil {
					fail("%s %s: test run: %v (reference: %v)", m.name, c.Name, err, rerr)
					break
				}
				runs++
				if got != want {
					fail("%s %s (%q): packet %s: eBPF returned %d, reference %d", m.name, c.Name, c.Expr, hex.EncodeToString(pkt), got, want)
				}
			}
			p.Close()
		}
		t.Logf("%s: %d/%d programs loaded, %d refused (ErrUnsupported: ancillary loads, SKF_NET_OFF, loops with packet pointers), %d test runs", m.name, loaded, len(cases), refused, runs)
	}
	if fails > 0 {
		t.Fatalf("%d disagreements or failures", fails)
	}
}

// netOffLoad reports an absolute load relative to the network header.
func netOffLoad(prog []bpf.RawInstruction) bool {
	for _, ins := range prog {
		mode := ins.Op & cbpf.ModeMask
		if (ins.Op&cbpf.ClassMask == cbpf.ClassLD && mode == cbpf.ModeABS || mode == cbpf.ModeMSH) && ins.K >= cbpf.SKFNetOff && ins.K < cbpf.SKFAdOff {
			return true
		}
	}
	return false
}
