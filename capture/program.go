package capture

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"golang.org/x/net/bpf"
)

// sll2HeaderLen is the size of the LINUX_SLL2 header.
const sll2HeaderLen = 20

// acceptAll is the program used without a filter: it trims to the snap
// length in the kernel, so the ring holds no more than is wanted.
func acceptAll(snapLen uint32) []bpf.RawInstruction {
	return []bpf.RawInstruction{{Op: cbpf.ClassRET | cbpf.RetK, K: snapLen}}
}

// rejectAll is attached while the socket is set up, so that no packet
// reaches the ring before the real filter is in place.
var rejectAll = []bpf.RawInstruction{{Op: cbpf.ClassRET | cbpf.RetK, K: 0}}

// withDirection prepends the -Q check to prog: it loads the packet type and
// rejects outgoing packets (DirIn) or everything else (DirOut). Jumps in prog
// are relative, so they stay valid after the prefix.
func withDirection(prog []bpf.RawInstruction, dir DirectionFilter) []bpf.RawInstruction {
	if dir == DirInOut {
		return prog
	}
	// ld [pkttype]; jeq #PACKET_OUTGOING, jt, jf; ret #0; <prog>
	jt, jf := uint8(0), uint8(1) // DirIn: outgoing → ret #0
	if dir == DirOut {
		jt, jf = 1, 0
	}
	pre := []bpf.RawInstruction{
		{Op: cbpf.ClassLD | cbpf.SizeW | cbpf.ModeABS, K: cbpf.SKFAdOff + cbpf.SKFAdPktType},
		{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, Jt: jt, Jf: jf, K: uint32(DirOutgoing)},
		{Op: cbpf.ClassRET | cbpf.RetK, K: 0},
	}
	return append(pre, prog...)
}

// fixCooked adapts a program compiled for LINUX_SLL2 to what the kernel
// shows a SOCK_DGRAM socket: the packet starts at the network header, and
// the header fields the kernel knows are ancillary loads. It reports false
// when the program reads a header field the kernel cannot provide; the
// filter must then run in userspace (libpcap's fix_program/fix_offset).
func fixCooked(prog []bpf.RawInstruction) ([]bpf.RawInstruction, bool) {
	out := make([]bpf.RawInstruction, len(prog))
	copy(out, prog)
	for i := range out {
		ins := &out[i]
		class := ins.Op & cbpf.ClassMask
		mode := ins.Op & cbpf.ModeMask
		if class != cbpf.ClassLD && class != cbpf.ClassLDX {
			continue
		}
		if mode != cbpf.ModeABS && mode != cbpf.ModeIND && mode != cbpf.ModeMSH {
			continue
		}
		if ins.K >= cbpf.SKFAdOff {
			continue // already ancillary
		}
		switch {
		case ins.K >= sll2HeaderLen:
			ins.K -= sll2HeaderLen
		case ins.K == 0:
			ins.K = cbpf.SKFAdOff + cbpf.SKFAdProtocol
		case ins.K == 4:
			ins.K = cbpf.SKFAdOff + cbpf.SKFAdIfIndex
		case ins.K == 10:
			ins.K = cbpf.SKFAdOff + cbpf.SKFAdPktType
		default:
			return nil, false
		}
	}
	return out, true
}
