// Package translate translates classic BPF programs (the output of gocap's
// filter compiler, package filter, or tcpdump -ddd text parsed by bpf/cbpf)
// into eBPF with github.com/cilium/ebpf/asm.
//
// Program makes a complete program for one of three targets:
//
//   - SocketFilter (BPF_PROG_TYPE_SOCKET_FILTER, SO_ATTACH_BPF): packet
//     loads are LD_ABS/LD_IND, which keep classic semantics exactly
//     (big-endian loads, non-linear skbs, SKF_NET_OFF/SKF_LL_OFF negative
//     offsets, a load out of bounds ends the program with 0). The return
//     value is the snap length (the kernel trims the packet) or 0 (drop).
//   - TC (BPF_PROG_TYPE_SCHED_CLS): the same code, returning the classic
//     verdict (what BPF_PROG_TEST_RUN needs). TCWrapper makes a whole
//     capture-hook program that runs caller code on a match and lets
//     every packet continue.
//   - XDP: direct packet access with explicit bounds checks. Ancillary
//     loads that need an sk_buff, SKF_NET_OFF loads and loops are refused
//     with an error wrapping ErrUnsupported.
//
// Emit places the filter inside someone else's program instead, the way a
// tool that accepts tcpdump filters (a packet tracer, an XDP or tc program,
// a tracing program that sees an skb) embeds it: the caller chooses how
// packet bytes are read (Access: LD_ABS through the sk_buff, direct loads
// between packet pointers, or bpf_probe_read_kernel between addresses),
// what the context is (Context: its fields serve the ancillary loads), the
// registers, where the result goes and the labels to jump to on a match
// and on no match. The whole classic instruction set is translated:
// ancillary loads, negative offsets, scratch memory, division by zero,
// and (with LD_ABS) libpcap's backward jumps. See ExampleEmit, and
// examples/xdpcount for a program that loads and counts.
//
// Dump prints a translation for people (gocap -d --ebpf).
//
// # Registers and memory
//
// As in the kernel's own conversion (bpf_convert_filter in
// net/core/filter.c): A is R0, X is R7, R6 holds the
// context (LD_ABS/LD_IND read the skb through R6); Emit lets the caller
// move X and the packet pointers. Both A and X start at 0.
// A and X are kept as zero-extended 32-bit values: every ALU operation is
// a 32-bit (ALU32) one, and every comparison a 32-bit (JMP32) one, so an
// immediate k >= 2^31 is compared as the unsigned number it is (a 64-bit
// JMP would sign-extend it; the kernel's conversion loads such k into a
// register instead).
//
// The scratch memory M[0..15] lives on the stack (in StackSize bytes).
// Slots the program reads are zeroed at entry, so a read before any write
// gives 0, as in x/net/bpf's VM and gocap's interpreter (bpf/cbpf). The
// kernel's classic checker refuses such programs, and the eBPF verifier
// would refuse the read of uninitialised stack.
//
// # Semantics of the corner cases
//
// They follow the kernel's classic BPF, which runs the same eBPF, and
// bpf/cbpf, its executable specification:
//
//   - Division or modulo by X == 0 returns 0 from the program (eBPF itself
//     would carry on with 0 or A: a check is emitted). Division by a
//     constant 0, which the kernel's checker refuses, returns 0 when
//     reached.
//   - Shift counts are masked to 5 bits, as eBPF's ALU32 shifts do: A << X
//     with X = 33 shifts by 1 (x/net/bpf's VM would give 0). Constant
//     shifts >= 32, refused by the kernel's checker and by the verifier,
//     are masked the same way.
//   - LD_IND adds X and k in 32 bits and takes the sum as a signed offset,
//     so a sum in the SKF_LL_OFF/SKF_NET_OFF areas loads relative to those
//     headers, as in the kernel.
//   - An ancillary number the kernel does not know is an ordinary load at
//     a negative offset, out of bounds: the program returns 0.
//   - Unreachable instructions, which classic programs may contain, are
//     dropped (the verifier refuses dead code).
//
// # Ancillary loads
//
// Each SKF_AD_* load reads the __sk_buff field that maps to the sk_buff
// member the kernel's conversion reads: PROTOCOL (protocol, byte-swapped),
// PKTTYPE, IFINDEX, MARK, QUEUE (queue_mapping), RXHASH (hash), VLAN_TAG
// (vlan_tci), VLAN_TAG_PRESENT, VLAN_TPID (vlan_proto, byte-swapped); CPU
// and RANDOM call bpf_get_smp_processor_id and bpf_get_prandom_u32;
// ALU_XOR_X is A ^= X. HATYPE (skb->dev->type) has no eBPF equivalent: it
// is translated only when the caller knows the device type
// (Options.HAType). PAY_OFFSET, NLATTR and NLATTR_NEST have none either
// and are refused with ErrUnsupported. On XDP only IFINDEX
// (ingress_ifindex), QUEUE (rx_queue_index), CPU, RANDOM, ALU_XOR_X and a
// known HATYPE are available.
//
// # Backward jumps
//
// Classic jumps only go forward, except that BPF_JA's 32-bit k can wrap
// around: libpcap's protochain uses that for a loop over header chains.
// The kernel's classic checker refuses it, so tcpdump filters such
// programs in userspace. Here a backward BPF_JA becomes a may_goto (Linux
// 6.9+) followed by the jump: the verifier accepts the loop once its state
// repeats, and the kernel bounds it at run time (8 million iterations);
// when the budget is spent the program returns 0 (drop). Loading loops
// needs CAP_BPF. On XDP, Linux 6.18's verifier fails on these loops
// (EFAULT), so the XDP target refuses them with ErrUnsupported.
//
// # Fragments
//
// Emit's fragment clobbers R0-R5 and the register chosen for X (and R6 with
// ContextLoads), uses StackSize bytes of stack at Config.Stack, and ends by
// jumping to Config.Match with the return value in Config.Result, or to
// Config.NoMatch. With ContextLoads a packet load out of bounds still ends
// the whole program (or the BPF-to-BPF function the fragment is in) with
// R0 = 0: that is what LD_ABS/LD_IND do; TCWrapper puts the filter in a
// function of its own for that reason. With DirectLoads and ProbeReads it
// is a jump to NoMatch.
package translate
