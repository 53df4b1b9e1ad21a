package translate

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Target is the kind of eBPF program Program makes. It decides how packet
// bytes and metadata are reached.
type Target int

const (
	// SocketFilter is BPF_PROG_TYPE_SOCKET_FILTER, attached with
	// SO_ATTACH_BPF. Packet loads use LD_ABS/LD_IND.
	SocketFilter Target = iota + 1
	// TC is BPF_PROG_TYPE_SCHED_CLS (tc/tcx). Same packet semantics as
	// SocketFilter; the program returns the classic verdict unchanged, which
	// is what BPF_PROG_TEST_RUN needs. For a capture hook use Emit or
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

// Options tune Program.
type Options struct {
	Target Target
	// HAType is the ARPHRD_* device type SKF_AD_HATYPE loads. No eBPF
	// context field or helper exposes skb->dev->type, so the load can only
	// be translated when the caller knows the interface the program will be
	// attached to; without HATypeKnown such a program is refused.
	HAType      uint16
	HATypeKnown bool
}

// StackSize is the stack space, in bytes, a translation uses: the scratch
// memory M[0..15] of the classic program, a word to keep A across helper
// calls, and a buffer for ProbeReads.
const StackSize = 16*4 + 8 + 8

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
// bpf_convert_filter in net/core/filter.c): A is R0, X is R7, R6 holds the
// context (LD_ABS/LD_IND read the skb through it); on XDP, R8 and R9 hold
// the packet's start and end.
func Program(prog []bpf.RawInstruction, opts Options) (asm.Instructions, error) {
	cfg := Config{Ctx: asm.R1, Stack: -StackSize, HAType: opts.HAType, HATypeKnown: opts.HATypeKnown}
	switch opts.Target {
	case SocketFilter, TC:
		cfg.Access, cfg.Context = ContextLoads, ContextSKB
	case XDP:
		cfg.Access, cfg.Context = DirectLoads, ContextXDP
	default:
		return nil, fmt.Errorf("translate: unknown target %v", opts.Target)
	}
	return Emit(prog, cfg)
}

// Access is how a fragment reads packet bytes.
type Access int

func (a Access) String() string {
	switch a {
	case ContextLoads:
		return "context loads"
	case DirectLoads:
		return "direct loads"
	case ProbeReads:
		return "probe reads"
	}
	return fmt.Sprintf("Access(%d)", int(a))
}

const (
	// ContextLoads reads with LD_ABS/LD_IND through the *__sk_buff context
	// (socket filters, tc): classic semantics exactly, non-linear skbs and
	// SKF_NET_OFF/SKF_LL_OFF offsets included. The context is copied to R6,
	// where those instructions want it. A load out of bounds ends the whole
	// program (or the BPF-to-BPF function the fragment is in) with R0 = 0:
	// that is what LD_ABS/LD_IND do.
	ContextLoads Access = iota + 1
	// DirectLoads reads the packet through pointers to its start and end
	// (Config.Data, Config.DataEnd: XDP's data/data_end, tc's direct packet
	// access) with a bounds check before each load. A load out of bounds is
	// a "no match". SKF_LL_OFF offsets are relative to the start,
	// SKF_NET_OFF loads and loops (protochain) are refused
	// (ErrUnsupported).
	DirectLoads
	// ProbeReads reads the packet with bpf_probe_read_kernel, for tracing
	// programs (fentry, kprobe, tracepoints) that see an skb's data as
	// kernel addresses (Config.Data, Config.DataEnd hold scalars). A load
	// outside [Data, DataEnd) or a failed read is a "no match". The
	// packet's length is DataEnd-Data. Offsets and refusals are those of
	// DirectLoads.
	ProbeReads
)

// Context is what Config.Ctx points to, which decides where ancillary
// loads (SKF_AD_*) and the packet length come from.
type Context int

const (
	// ContextNone: no context. Ancillary loads other than CPU, RANDOM,
	// ALU_XOR_X and a known HATYPE are refused (ErrUnsupported).
	ContextNone Context = iota
	// ContextSKB: a *__sk_buff. Each SKF_AD_* load reads the field that
	// maps to the sk_buff member the kernel's classic conversion reads.
	ContextSKB
	// ContextXDP: a *xdp_md, which offers IFINDEX (ingress_ifindex) and
	// QUEUE (rx_queue_index); the length comes from bpf_xdp_get_buff_len.
	ContextXDP
)

// Config places a translated filter inside a caller's eBPF program.
type Config struct {
	// Access says how packet bytes are read.
	Access Access
	// Context says what Ctx points to.
	Context Context
	// Ctx is the register holding the context when the fragment starts.
	// With ContextLoads it is copied to R6, which keeps it; otherwise it
	// must be one of R6-R9 and is preserved.
	Ctx asm.Register
	// Data and DataEnd hold the packet's first byte and the end of the
	// packet, for DirectLoads and ProbeReads: two of R6-R9, preserved. For
	// DirectLoads with ContextXDP they may be left zero: the fragment then
	// loads them from the xdp_md into R8 and R9.
	Data, DataEnd asm.Register
	// X is the register that holds the classic X register: one of R6-R9
	// (default R7).
	X asm.Register
	// Result receives the classic program's return value (the number of
	// bytes to keep, non-zero) before the jump to Match.
	Result asm.Register
	// Match and NoMatch are the labels the fragment jumps to when the
	// classic program returns non-zero or zero; define them in the
	// surrounding program. Both empty: the fragment ends with exit and
	// R0 = the return value (a complete program, or a BPF-to-BPF function).
	Match, NoMatch string
	// Stack is the (negative) frame-pointer offset of StackSize bytes the
	// fragment may use. It must be a multiple of 8.
	Stack int16
	// Label prefixes every label the fragment defines, so that several
	// fragments can live in one program. Default "cbpf".
	Label string
	// HAType is the ARPHRD_* device type SKF_AD_HATYPE loads (see Options).
	HAType      uint16
	HATypeKnown bool
}

// Emit translates prog into an instruction fragment placed as cfg says. The
// fragment clobbers R0-R5, X and, with ContextLoads, R6; it leaves the
// frame pointer, Ctx, Data, DataEnd and every other register as they were.
// Ancillary loads the context does not offer, and constructs the access
// mode cannot express, are errors wrapping ErrUnsupported; invalid programs
// are errors wrapping cbpf.ErrInvalid.
func Emit(prog []bpf.RawInstruction, cfg Config) (asm.Instructions, error) {
	regs, err := cfg.normalize()
	if err != nil {
		return nil, fmt.Errorf("translate: %w", err)
	}
	// The translation keeps the meaning libpcap's interpreter gives to
	// what the kernel's checker refuses: loops (bounded, see backJump),
	// constant division by zero and shifts of 32 or more, unknown
	// ancillary offsets, scratch reads before writes.
	facts, err := cbpf.Check(prog, cbpf.Libpcap)
	if err != nil {
		return nil, err
	}
	if facts.BackwardJumps && cfg.Access != ContextLoads {
		// With packet pointers in a loop, Linux 6.18's verifier fails
		// (EFAULT, "verifier bug") on libpcap's protochain programs; with
		// probe reads it does not converge within its 1M-instruction
		// budget.
		return nil, fmt.Errorf("%w: backward jump (a loop, from protochain) with %v; use context loads or filter in userspace", ErrUnsupported, cfg.Access)
	}
	t := &translator{cfg: cfg, regs: regs, prog: prog, facts: facts, target: jumpTargets(prog, facts.Reachable)}
	return t.translate()
}

// layout is where a fragment keeps things.
type layout struct {
	ctx, x, data, dataEnd asm.Register
	loadData              bool // load data/data_end from the xdp_md at entry
}

// normalize fills in defaults, checks the register choice and returns the
// registers the fragment uses.
func (cfg *Config) normalize() (layout, error) {
	var l layout
	if cfg.Stack > -StackSize || cfg.Stack%8 != 0 {
		return l, fmt.Errorf("stack offset %d: want a multiple of 8 at most -%d", cfg.Stack, StackSize)
	}
	if cfg.Label == "" {
		cfg.Label = "cbpf"
	}
	if (cfg.Match == "") != (cfg.NoMatch == "") {
		return l, errors.New("set both Match and NoMatch, or neither")
	}
	if cfg.Result > asm.R9 || cfg.Ctx > asm.R9 {
		return l, fmt.Errorf("result register %v, context register %v: want R0-R9", cfg.Result, cfg.Ctx)
	}
	used := map[asm.Register]string{}
	claim := func(r asm.Register, what string) error {
		if r < asm.R6 || r > asm.R9 {
			return fmt.Errorf("%s in %v: want one of R6-R9 (R0-R5 are clobbered by the fragment)", what, r)
		}
		if other, ok := used[r]; ok {
			return fmt.Errorf("%s and %s both in %v", what, other, r)
		}
		used[r] = what
		return nil
	}
	// A context in R1-R5 (where a program gets it) moves to R6.
	ctxIn := func() asm.Register {
		if cfg.Ctx < asm.R6 {
			return asm.R6
		}
		return cfg.Ctx
	}
	switch cfg.Access {
	case ContextLoads:
		if cfg.Context != ContextSKB {
			return l, errors.New("context loads (LD_ABS) need the *__sk_buff context")
		}
		l.ctx = asm.R6 // where LD_ABS wants it
		used[asm.R6] = "the context"
	case DirectLoads, ProbeReads:
		if cfg.Context != ContextNone {
			l.ctx = ctxIn()
			if err := claim(l.ctx, "the context"); err != nil {
				return l, err
			}
		}
		l.data, l.dataEnd = cfg.Data, cfg.DataEnd
		if l.data == 0 && l.dataEnd == 0 && cfg.Access == DirectLoads && cfg.Context == ContextXDP {
			l.data, l.dataEnd, l.loadData = asm.R8, asm.R9, true
		}
		if err := claim(l.data, "Data"); err != nil {
			return l, err
		}
		if err := claim(l.dataEnd, "DataEnd"); err != nil {
			return l, err
		}
	default:
		return l, fmt.Errorf("unknown access %d", cfg.Access)
	}
	l.x = cfg.X
	if l.x == asm.R0 {
		l.x = asm.R7
	}
	return l, claim(l.x, "X")
}
