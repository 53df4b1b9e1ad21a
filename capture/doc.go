// Package capture turns network interfaces (or a capture file) and a filter
// into one stream of packets with their metadata.
//
// Two live engines exist. The socket engine (the default) opens one
// AF_PACKET socket per interface with a TPACKET_V3 memory-mapped receive
// ring, attaches the filter in the kernel (eBPF through SO_ATTACH_BPF when a
// translator is configured, else the classic program through
// SO_ATTACH_FILTER, else — with a warning — in userspace) and hands packets
// over with their nanosecond timestamp, original length, interface and
// direction, re-inserting the VLAN tag the kernel stripped, as libpcap does.
// The tc engine attaches a SCHED_CLS program on ingress and egress of every
// interface (TCX links) that copies matching packets into a BPF ring buffer
// and always lets them pass.
//
// The filter reaches this package as a [CompileFunc]: the capture decides
// the link type (Ethernet, or LINUX_SLL2 for "any") and asks for the classic
// BPF program for it, so that the filter compiler stays independent of the
// capture machinery. A [TranslateFunc] turns classic BPF into eBPF.
//
// The offline [Source] reads a capture file through the pcapng package and
// applies the filter in userspace.
package capture
