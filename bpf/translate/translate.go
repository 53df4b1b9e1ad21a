package translate

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Target is the kind of eBPF program a translation is made for. It decides
// how packet bytes and metadata are reached.
type Target int

const (
	// SocketFilter is BPF_PROG_TYPE_SOCKET_FILTER, attached with
	// SO_ATTACH_BPF. Packet loads use LD_ABS/LD_IND.
	SocketFilter Target = iota + 1
	// TC is BPF_PROG_TYPE_SCHED_CLS (tc/tcx). Same packet semantics as
	// SocketFilter; the program returns the classic verdict unchanged, which
	// is what BPF_PROG_TEST_RUN needs. For a capture hook use EmitFilter or
	// TCWrapper, which let the packet continue.
	TC
	// XDP is BPF_PROG_TYPE_XDP: direct packet access with bounds checks.
	XDP
)

func (t Target) String() string {
	switch t {
	case SocketFilter:
		return "socket-filter"
	case TC:
		return "tc"
	case XDP:
		return "xdp"
	}
	return fmt.Sprintf("Target(%d)", int(t))
}

// Options tune a translation.
type Options struct {
	Target Target
	// HAType is the ARPHRD_* device type SKF_AD_HATYPE loads. No eBPF
	// context field or helper exposes skb->dev->type, so the load can only
	// be translated when the caller knows the interface the program will be
	// attached to; without HATypeKnown such a program is refused.
	HAType      uint16
	HATypeKnown bool
}

// ScratchSize is the stack space, in bytes, that holds the scratch memory
// M[0..15] of the classic program.
const ScratchSize = 16 * 4

// ErrUnsupported is wrapped by every error for a valid classic program that
// the chosen target cannot express (an ancillary load without an eBPF
// equivalent, for example). Callers fall back to another target or to
// filtering in userspace.
var ErrUnsupported = errors.New("not expressible in eBPF")

// Program converts a classic BPF program into a complete eBPF program for
// opts.Target. The program's return value is the classic program's: the
// number of bytes to keep, 0 to drop.
//
// Register use follows the kernel's own conversion of classic BPF (see
// bpf_convert_filter in net/core/filter.c): A is R0, X is R7, R8 is a
// temporary, R6 holds the context (LD_ABS/LD_IND read the skb through it).
func Program(prog []bpf.RawInstruction, opts Options) (asm.Instructions, error) {
	return EmitFilter(prog, FilterConfig{Options: opts, Ctx: asm.R1, Stack: -ScratchSize})
}

// FilterConfig places a translated filter inside a larger program.
type FilterConfig struct {
	Options
	// Ctx is the register that holds the program context (*__sk_buff or
	// *xdp_md) when the fragment starts. The fragment copies it to R6 and
	// leaves it there.
	Ctx asm.Register
	// Stack is the (negative) frame-pointer offset of ScratchSize bytes the
	// fragment may use for M[0..15]. It must be a multiple of 8.
	Stack int16
	// Label prefixes every label the fragment defines, so that several
	// fragments can live in one program. Default "cbpf".
	Label string
	// Done, if set, is the label the fragment jumps to when the classic
	// program returns, with the return value in R0 (the caller defines the
	// label on the instruction that follows the fragment, or elsewhere).
	// If empty, the fragment ends the program with an exit instead.
	//
	// Even with Done set, a packet load out of bounds on the SocketFilter
	// and TC targets ends the whole program with R0 = 0: that is what
	// LD_ABS/LD_IND do. For tc that would be TC_ACT_OK (TCX_PASS), which
	// ends the tcx chain: TCWrapper therefore runs the fragment as a
	// function of its own, where the same load only returns 0 from it.
	Done string
}

// EmitFilter translates prog into an instruction fragment as described by
// cfg. On exit from the fragment (a jump to cfg.Done) R0 holds the classic
// program's return value, R6 holds the context; R0-R5, R7 and R8 are
// clobbered, R9 is preserved and the frame pointer is unchanged.
func EmitFilter(prog []bpf.RawInstruction, cfg FilterConfig) (asm.Instructions, error) {
	switch cfg.Target {
	case SocketFilter, TC, XDP:
	default:
		return nil, fmt.Errorf("translate: unknown target %v", cfg.Target)
	}
	if cfg.Stack > -ScratchSize || cfg.Stack%8 != 0 {
		return nil, fmt.Errorf("translate: scratch stack offset %d: want a multiple of 8 at most -%d", cfg.Stack, ScratchSize)
	}
	if cfg.Label == "" {
		cfg.Label = "cbpf"
	}
	// The translation keeps the meaning libpcap's interpreter gives to
	// what the kernel's checker refuses: loops (bounded, see backJump),
	// constant division by zero and shifts of 32 or more, unknown
	// ancillary offsets, scratch reads before writes.
	facts, err := cbpf.Check(prog, cbpf.Libpcap)
	if err != nil {
		return nil, err
	}
	if facts.BackwardJumps && cfg.Target == XDP {
		// With packet pointers in a loop, Linux 6.18's verifier fails
		// (EFAULT, "verifier bug") on libpcap's protochain programs.
		return nil, fmt.Errorf("%w: backward jump (a loop, from protochain) on XDP; use the tc or socket-filter target, or filter in userspace", ErrUnsupported)
	}
	t := &translator{cfg: cfg, prog: prog, facts: facts, target: jumpTargets(prog, facts.Reachable)}
	return t.translate()
}
