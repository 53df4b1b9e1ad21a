package capture

import (
	"errors"
	"fmt"
	"io"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/bpf/translate"
	"github.com/gocap/gocap/linktype"
)

// Where the socket engine ended up running the filter.
type filterPlace int

const (
	placeEBPF filterPlace = iota
	placeClassic
	placeUserspace
)

func (p filterPlace) String() string {
	return [...]string{"kernel (eBPF, SO_ATTACH_BPF)", "kernel (classic BPF, SO_ATTACH_FILTER)", "userspace"}[p]
}

// userFilter runs the filter in userspace after the kernel handed the
// packet over, with the same semantics as in the kernel.
type userFilter struct {
	prog []bpf.RawInstruction
	// onCooked: prog is the unadapted LINUX_SLL2 program and runs over the
	// synthesized cooked packet instead of the kernel's view.
	onCooked bool
	failed   bool // an execution error was reported once already
}

// attachClassic attaches a classic program with SO_ATTACH_FILTER.
func attachClassic(fd int, prog []bpf.RawInstruction) error {
	if len(prog) == 0 || len(prog) > 0xffff {
		return fmt.Errorf("SO_ATTACH_FILTER: program of %d instructions: %w", len(prog), unix.EINVAL)
	}
	// bpf.RawInstruction has the layout of struct sock_filter.
	fprog := unix.SockFprog{
		Len:    uint16(len(prog)),
		Filter: (*unix.SockFilter)(unsafe.Pointer(&prog[0])),
	}
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fprog); err != nil {
		return fmt.Errorf("SO_ATTACH_FILTER: %w", err)
	}
	return nil
}

// attachEBPF translates prog, loads it as a socket filter and attaches it
// with SO_ATTACH_BPF.
func attachEBPF(fd int, prog []bpf.RawInstruction, haType uint16, cooked bool, o *Options) error {
	toEBPF := testSwitches.translate
	if toEBPF == nil {
		toEBPF = func(prog []bpf.RawInstruction) (asm.Instructions, error) {
			// The hardware type is known unless "any" mixes devices.
			return translate.Program(prog, translate.Options{Target: translate.SocketFilter, HAType: haType, HATypeKnown: !cooked})
		}
	}
	insns, err := toEBPF(prog)
	if err != nil {
		return fmt.Errorf("translate to eBPF: %w", err)
	}
	p, err := loadProgram(&ebpf.ProgramSpec{
		Name:         "gocap_sock",
		Type:         ebpf.SocketFilter,
		License:      "GPL",
		Instructions: insns,
	}, o.VerifierLog)
	if err != nil {
		return err
	}
	defer p.Close() // the socket keeps its own reference
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ATTACH_BPF, p.FD()); err != nil {
		return fmt.Errorf("SO_ATTACH_BPF: %w", err)
	}
	return nil
}

// loadProgram loads an eBPF program, naming the capability on EPERM and
// keeping the verifier log only when asked (-v).
func loadProgram(spec *ebpf.ProgramSpec, verifierLog bool) (*ebpf.Program, error) {
	p, err := ebpf.NewProgramWithOptions(spec, ebpf.ProgramOptions{})
	if err == nil {
		return p, nil
	}
	// The verifier answers EACCES; a missing capability is EPERM.
	var ve *ebpf.VerifierError
	if errors.As(err, &ve) && !errors.Is(err, unix.EPERM) {
		if verifierLog {
			return nil, fmt.Errorf("verifier rejected the %s program: %+v", spec.Type, ve)
		}
		return nil, fmt.Errorf("verifier rejected the %s program (use -v for the verifier log): %v", spec.Type, ve)
	}
	if errors.Is(err, unix.EPERM) {
		return nil, permissionError("load eBPF program (CAP_SYS_ADMIN before Linux 5.8)", err, "CAP_BPF")
	}
	return nil, fmt.Errorf("load %s program: %w", spec.Type, err)
}

// installFilter compiles the filter for the handle's link type and attaches
// it, falling back from eBPF to classic BPF to userspace. It runs before the
// socket is bound, so no packet ever bypasses the filter.
func (h *sockHandle) installFilter(o *Options, warn io.Writer) error {
	snap := uint32(o.snapLen())
	prog := acceptAll(snap)
	if o.Filter != nil {
		p, err := o.Filter(h.linkType, snap)
		if err != nil {
			return fmt.Errorf("compile filter for %s: %w", h.linkType, err)
		}
		if len(p) > 0 {
			prog = p
		}
	}
	kprog := prog
	kernelOK := true
	if h.cooked {
		kprog, kernelOK = fixCookedFor(h.linkType, prog)
	}
	if h.linkType == linktype.CANSocketCAN && o.Filter != nil {
		// The kernel sees CAN IDs in host byte order, the filter
		// expects them as the file has them: filter after the swap.
		return h.userspace(prog, false, o)
	}
	if !kernelOK {
		// libpcap punts silently here; say why filtering is slower.
		fmt.Fprintf(warn, "warning: %s: the filter reads cooked-header fields the kernel cannot provide; filtering in userspace\n", h.name)
		return h.userspace(prog, true, o)
	}
	kprog = withDirection(kprog, o.Direction)

	mode := testSwitches.filterMode
	if mode == filterAuto {
		err := attachEBPF(h.fd, kprog, h.hwType, h.ifIndex == 0, o)
		if err == nil {
			h.place = placeEBPF
			return nil
		}
		fmt.Fprintf(warn, "warning: %s: eBPF filter refused (%v); using classic BPF\n", h.name, err)
	}
	if mode != filterUserspace {
		err := attachClassic(h.fd, kprog)
		if err == nil {
			h.place = placeClassic
			return nil
		}
		if vErr := cbpf.Validate(kprog); vErr != nil {
			err = fmt.Errorf("%w (%v)", err, vErr)
		}
		fmt.Fprintf(warn, "warning: %s: kernel refused the filter (%v); filtering in userspace\n", h.name, err)
	}
	return h.userspace(kprog, false, o)
}

// userspace attaches a filter that only trims and applies -Q, and keeps
// prog to run on every packet.
func (h *sockHandle) userspace(prog []bpf.RawInstruction, onCooked bool, o *Options) error {
	trim := withDirection(acceptAll(uint32(o.snapLen())), o.Direction)
	if onCooked {
		// The SLL2 header is synthesized after the kernel: keep the
		// whole packet so the program sees what it would offline.
		trim = withDirection(acceptAll(uint32(o.snapLen())+sll2HeaderLen), o.Direction)
	}
	if err := attachClassic(h.fd, trim); err != nil {
		return fmt.Errorf("%s: attach trimming filter: %w", h.name, err)
	}
	h.user = &userFilter{prog: prog, onCooked: onCooked}
	h.place = placeUserspace
	return nil
}
