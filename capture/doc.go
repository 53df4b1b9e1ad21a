// Package capture turns network interfaces (or a capture file) and a filter
// into one stream of packets with their metadata.
//
// # Socket engine (default)
//
// One AF_PACKET socket per interface (SOCK_RAW; SOCK_DGRAM for "any",
// delivered as LINUX_SLL2) with a TPACKET_V3 memory-mapped receive ring.
// The socket is created with protocol 0, which receives nothing, and the
// filter is attached before bind: no packet can reach the ring unfiltered,
// without libpcap's reject-all-and-drain dance. The filter runs, in order
// of preference, as eBPF (gocap's bpf translator, SO_ATTACH_BPF), as the
// classic program (SO_ATTACH_FILTER), or — with a warning — in userspace
// with the kernel's semantics (bpf/cbpf). For "any" the LINUX_SLL2 program
// is adapted to the kernel's view as libpcap's fix_program does. -Q is a
// packet-type check prepended to the kernel program, and checked again in
// userspace.
//
// Packets carry the kernel's nanosecond timestamp, the original length,
// interface and direction (sll_pkttype); a VLAN tag the kernel stripped is
// re-inserted with its TPID, as libpcap does. Stop attaches a reject-all
// filter, drains the ring including the block the kernel is still filling,
// and ends the stream: nothing captured before Stop is lost, and Stop does
// not wait for the block timeout.
//
// # Fanout
//
// With [Options.Fanout] N > 1 each interface is read by N sockets joined in
// a PACKET_FANOUT group ([FanoutMode] says how the kernel spreads packets
// over them), each with its own ring. A bounded k-way merge in the
// consumer's goroutine walks each block the kernel hands over in place
// (sorting a block's packets by time stamp only when they are out of
// order) and returns the packets in time-stamp order, waiting for a
// packet only as
// long as another socket's ring may still hold an earlier one (fanoutread.go
// says how that is bounded). The sockets reject everything until all of
// them have joined their group, so start-up is race-free for the whole
// group and no packet is captured twice. [Live.SocketStats] gives each
// socket's counters; Stats sums them.
//
// # tc engine
//
// A SCHED_CLS program on ingress and egress of every interface, attached
// with TCX links, or where TCX is missing a cls_bpf filter on a clsact qdisc
// (created only if absent, removed on exit only if created and empty). The
// program runs the translated filter, copies up to the snap length and the
// metadata into a BPF ring buffer and always returns TC_ACT_UNSPEC/TCX_NEXT:
// the packet continues unchanged to whatever comes next. Ring buffer
// overruns are counted as drops.
//
// # Filters
//
// The filter reaches this package as a [CompileFunc]: the capture decides
// the link type (Ethernet, or LINUX_SLL2 for "any") and asks for the classic
// program for it, so the filter compiler stays independent of the capture
// machinery. [Fixed] wraps a ready program.
//
// # Offline
//
// [OpenFile] reads pcap or pcapng through the pcapng package and applies
// the filter in userspace with offline semantics. [Live] and [File] are
// both a [Source].
package capture
