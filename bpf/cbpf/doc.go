// Package cbpf is classic BPF as gocap sees it: its vocabulary (opcode
// fields, Linux's ancillary offsets), an interpreter that is the executable
// specification of Linux's cBPF semantics (Execute, and Run its short
// form), the kernel's program checker (Validate, and Check with rules
// waived and facts returned), libpcap's three dump formats and a parser for
// tcpdump -ddd text.
//
// # Semantics
//
// Execute follows what a Linux socket filter does with a classic program (the
// kernel converts cBPF to eBPF in net/core/filter.c, bpf_convert_filter, and
// runs the result):
//
//   - A, X and the scratch words M[0..15] are 32-bit and start at zero. The
//     kernel's checker rejects programs that may read M[k] before writing it
//     (check_load_and_stores), so the initial value is unobservable for a
//     program Validate accepts; Run defines it as 0, as the kernel's
//     conversion does (it zeroes A and X, and the stack slots it uses are
//     never read before written in accepted programs).
//   - A packet load (LD/LDX ABS, IND, MSH) whose bytes are not all inside the
//     packet ends the program with return value 0. The offset of an indirect
//     load is X+k computed in 32 bits and taken as a signed int, as the
//     kernel's load helpers do.
//   - Negative offsets: k >= SKF_AD_OFF (-0x1000) on an absolute load is an
//     ancillary load (Metadata); offsets in [SKF_NET_OFF, SKF_AD_OFF) load
//     relative to the network header (Metadata.NetOff), offsets in
//     [SKF_LL_OFF, SKF_NET_OFF) relative to the link-layer header
//     (Metadata.LLOff); anything lower, or an indirect load landing in the
//     ancillary range, is out of bounds (return 0).
//   - Ancillary loads ignore the load size (ldb [vlanp] loads the whole value)
//     and never fail, except IFINDEX and HATYPE when the packet has no device
//     (Metadata.NoDevice): the kernel's conversion then exits at once, and
//     since cBPF's A lives in the eBPF return register R0, the program
//     returns the current value of A. VLAN_TAG and VLAN_TPID are 0 without a
//     tag; PKTTYPE is masked with 7 as the kernel does.
//   - Division and modulo by zero (X == 0, or an unchecked constant 0) end
//     the program with return value 0.
//   - Shifts are 32-bit eBPF ALU32 shifts after conversion: the amount is
//     masked to its low five bits (RFC 9669: "shift operations use a mask of
//     0x1F for 32-bit operations"; x86-64 and arm64 JITs do the same). So
//     A << X with X = 33 shifts by 1. Constant shifts >= 32 are rejected by
//     the checker; Run masks them too. (golang.org/x/net/bpf's VM differs
//     here: Go's << yields 0.)
//   - Jumps compare unsigned 32-bit values; JA's k is unsigned.
//   - LD LEN and LDX LEN load the packet's length on the wire
//     (Metadata.WireLen, or len(pkt) when zero); bounds checks always use
//     len(pkt), the bytes the filter can see.
//
// Execute counts the instructions it executes (the final RET included),
// which is the dynamic cost the optimizer is measured by. Its options
// refuse backward jumps as the kernel does (by default they run as in
// libpcap's interpreter), give loads an XDP program's packet semantics,
// bound the steps, and trace each instruction.
//
// These semantics are tested against the running kernel (kernel_test.go):
// Validate's verdict equals SO_ATTACH_FILTER's on random valid and broken
// programs, and Run's result equals what a packet socket with the program
// attached delivers (dropped, or trimmed to the return value) for random
// programs over random frames on a private namespace's loopback device. Run
// also agrees with golang.org/x/net/bpf's VM wherever that VM follows the
// kernel (xnet_test.go).
package cbpf
