package capture

import (
	"io"
	"time"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/linktype"
)

// DefaultSnapLen is tcpdump's default snap length.
const DefaultSnapLen = 262144

// DefaultBufferSize is the socket engine's ring size when
// Options.BufferSize is zero: 16 MiB, eight times libpcap's 2 MiB. The ring
// is the only buffer a capture has (packets are read in place), so it is
// what carries the capture through the times its reader cannot run: on a
// busy two-CPU machine the scheduler has kept a woken reader off the CPU
// for 50 ms (perf sched, BENCHMARKS.md), 7 MB of a 140 MB/s stream, which
// an 8 MiB ring barely held. Its pages are the kernel's, zeroed when the
// ring is made, in blocks of 128 KiB (ringGeometry, bulkBlockSize): about
// 0.1 ms of CPU per MiB at start-up, even on memory the host has not
// backed yet.
const DefaultBufferSize = 16 << 20

// DefaultTCBufferSize is the tc engine's BPF ring buffer size when
// Options.BufferSize is zero. It stays at 8 MiB: a ring buffer's pages cost
// more to set up than a socket ring's (allocated one by one, and laid out
// twice in the kernel's address space so that a record that wraps reads as
// one; BENCHMARKS.md, the tc engine).
const DefaultTCBufferSize = 8 << 20

// DefaultTimeout is the TPACKET_V3 block timeout when Options.Timeout is
// zero: a block is handed to the reader at the latest this long after its
// first packet arrived, and stopping waits at most about twice as long.
const DefaultTimeout = 100 * time.Millisecond

// CompileFunc returns the classic BPF program that filters packets of link
// type lt, compiled with live-Linux semantics (filter.Compile with
// Options{LinkType: lt, SnapLen: snapLen, Linux: true}). Accepting return
// values should be snapLen. A nil CompileFunc captures everything.
type CompileFunc func(lt linktype.Type, snapLen uint32) ([]bpf.RawInstruction, error)

// Fixed returns a CompileFunc that always yields prog, for programs read
// from a file (tcpdump -F / -ddd output) or assembled by hand.
func Fixed(prog []bpf.RawInstruction) CompileFunc {
	return func(linktype.Type, uint32) ([]bpf.RawInstruction, error) { return prog, nil }
}

// Hook selects the capture engine.
type Hook int

const (
	HookSocket Hook = iota // AF_PACKET TPACKET_V3 ring
	HookTC                 // SCHED_CLS on ingress and egress, BPF ring buffer
)

// DirectionFilter is tcpdump's -Q.
type DirectionFilter int

const (
	DirInOut DirectionFilter = iota
	DirIn
	DirOut
)

// filterMode forces where the socket engine runs the filter; the default
// tries eBPF, then classic BPF, then userspace.
type filterMode int

const (
	filterAuto      filterMode = iota
	filterClassic              // SO_ATTACH_FILTER, then userspace
	filterUserspace            // userspace only
)

// switches force the fallbacks the package's tests exercise. They are not
// options: nothing but those tests sets testSwitches, for the duration of
// one Open (env_test.go's openIn).
type switches struct {
	// translate replaces the translation of the socket filter to eBPF.
	translate func(prog []bpf.RawInstruction) (asm.Instructions, error)
	// filterMode forces the classic or userspace path (socket engine).
	filterMode filterMode
	// forceClsact makes the tc engine use the clsact fallback even where
	// TCX works.
	forceClsact bool
}

var testSwitches switches

// Options configure a live capture.
type Options struct {
	// Interfaces to capture on; "any" captures on all of them in cooked
	// mode (LINUX_SLL2).
	Interfaces []string
	// SnapLen bounds the captured bytes per packet; 0 means DefaultSnapLen.
	SnapLen int
	// BufferSize is the ring size in bytes per interface (-B); 0 means
	// DefaultBufferSize. For the tc engine it is the BPF ring buffer size
	// (0: DefaultTCBufferSize).
	BufferSize int
	// Timeout is the block timeout (tcpdump's packet buffer timeout);
	// 0 means DefaultTimeout.
	Timeout time.Duration
	// Immediate delivers each packet as soon as it arrives
	// (--immediate-mode).
	Immediate bool
	// NoPromisc leaves the interfaces out of promiscuous mode (-p).
	NoPromisc bool
	// Direction restricts the capture to received or sent packets (-Q).
	Direction DirectionFilter
	// LinkType chooses among the link types an interface offers (-y; see
	// InterfaceLinkTypes); zero keeps each interface's default (DLT_NULL,
	// 0, is no Linux interface's).
	LinkType linktype.Type
	// Filter compiles the filter for the capture's link type; nil captures
	// everything.
	Filter CompileFunc
	// Hook selects the engine.
	Hook Hook
	// Fanout is the number of sockets per interface, joined in a
	// PACKET_FANOUT group and each read on a thread of its own, their
	// packets merged in time-stamp order (fanout.go); 0 or 1 means one
	// socket per interface. Socket engine only.
	Fanout int
	// FanoutMode is how the kernel spreads packets over the group.
	FanoutMode FanoutMode
	// Warnings receives non-fatal warnings (fallbacks); nil discards them.
	// The command line passes os.Stderr.
	Warnings io.Writer
	// VerifierLog includes the kernel verifier's log in errors and
	// warnings about rejected eBPF programs (-v).
	VerifierLog bool
	// SocketCookies sets Packet.SocketCookie: the tc engine records the
	// cookie of each sent packet's socket, by which process attribution
	// finds its owner without the packet's addresses and ports. The
	// socket engine cannot (its packets carry no metadata) and ignores it.
	SocketCookies bool
}

func (o *Options) snapLen() int {
	if o.SnapLen <= 0 {
		return DefaultSnapLen
	}
	return o.SnapLen
}

func (o *Options) bufferSize() int {
	if o.BufferSize <= 0 {
		return DefaultBufferSize
	}
	return o.BufferSize
}

func (o *Options) timeout() time.Duration {
	if o.Immediate {
		return time.Millisecond
	}
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	if o.Timeout < time.Millisecond {
		return time.Millisecond
	}
	return o.Timeout
}
