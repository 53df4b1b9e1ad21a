package capture

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"golang.org/x/net/bpf"
	"slices"
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
	return uncookLoads(prog, sll2HeaderLen, sll2Fields)
}

// sll2Fields and sllFields are the cooked headers' fields the kernel
// knows, by offset: the ancillary load that gives each.
var (
	sll2Fields = map[uint32]uint32{0: cbpf.SKFAdProtocol, 4: cbpf.SKFAdIfIndex, 10: cbpf.SKFAdPktType}
	sllFields  = map[uint32]uint32{0: cbpf.SKFAdPktType, 14: cbpf.SKFAdProtocol}
)

// uncookLoads rewrites prog's packet loads for a packet without its
// cooked header of headerLen bytes: loads past the header move back by it,
// loads of a field in fields become its ancillary load; false when a load
// reads any other part of the header.
func uncookLoads(prog []bpf.RawInstruction, headerLen uint32, fields map[uint32]uint32) ([]bpf.RawInstruction, bool) {
	out := slices.Clone(prog)
	for i := range out {
		ins := &out[i]
		class, mode := ins.Op&cbpf.ClassMask, ins.Op&cbpf.ModeMask
		if class != cbpf.ClassLD && class != cbpf.ClassLDX {
			continue
		}
		if mode != cbpf.ModeABS && mode != cbpf.ModeIND && mode != cbpf.ModeMSH {
			continue
		}
		if ins.K >= cbpf.SKFAdOff {
			continue // already ancillary
		}
		if ins.K >= headerLen {
			ins.K -= headerLen
			continue
		}
		ad, ok := fields[ins.K]
		if !ok {
			return nil, false
		}
		ins.K = cbpf.SKFAdOff + ad
	}
	return out, true
}
