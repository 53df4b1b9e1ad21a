package capture

import (
	"golang.org/x/net/bpf"
)

// Linux ancillary-data offsets (SKF_AD_OFF + SKF_AD_*), as seen by a classic
// program's absolute loads.
const (
	skfAdOff      = 0xfffff000 // SKF_AD_OFF = -0x1000 as uint32
	skfAdProtocol = skfAdOff + 0
	skfAdPktType  = skfAdOff + 4
	skfAdIfIndex  = skfAdOff + 8
)

// sll2HeaderLen is the size of the LINUX_SLL2 header.
const sll2HeaderLen = 20

// acceptAll is the program used without a filter: it trims to the snap
// length in the kernel, so the ring holds no more than is wanted.
func acceptAll(snapLen uint32) []bpf.RawInstruction {
	return []bpf.RawInstruction{{Op: 0x06, K: snapLen}} // ret #snapLen
}

// rejectAll is attached while the socket is set up, so that no packet
// reaches the ring before the real filter is in place.
var rejectAll = []bpf.RawInstruction{{Op: 0x06, K: 0}} // ret #0

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
		{Op: 0x20, K: skfAdPktType},                        // ld [pkttype]
		{Op: 0x15, Jt: jt, Jf: jf, K: uint32(DirOutgoing)}, // jeq #4
		{Op: 0x06, K: 0},                                   // ret #0
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
		class := ins.Op & 0x07
		mode := ins.Op & 0xe0
		if class != 0x00 && class != 0x01 { // BPF_LD, BPF_LDX
			continue
		}
		if mode != 0x20 && mode != 0x40 && mode != 0xa0 { // ABS, IND, MSH
			continue
		}
		if ins.K >= skfAdOff {
			continue // already ancillary
		}
		switch {
		case ins.K >= sll2HeaderLen:
			ins.K -= sll2HeaderLen
		case ins.K == 0:
			ins.K = skfAdProtocol
		case ins.K == 4:
			ins.K = skfAdIfIndex
		case ins.K == 10:
			ins.K = skfAdPktType
		default:
			return nil, false
		}
	}
	return out, true
}
