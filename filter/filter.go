package filter

import (
	"github.com/gocap/gocap/linktype"
	"golang.org/x/net/bpf"
)

// DefaultSnapLen is the snap length used when Options.SnapLen is zero,
// the same default as tcpdump's.
const DefaultSnapLen = 262144

// Options select how an expression is compiled.
type Options struct {
	// LinkType is the data link type of the packets, any DLT libpcap
	// compiles for (Compile fails with libpcap's "unknown data link type"
	// otherwise). Set it explicitly: the zero value is linktype.Null
	// (DLT_NULL is 0), not Ethernet.
	LinkType linktype.Type
	// SnapLen is the value an accepting filter returns; 0 means DefaultSnapLen.
	SnapLen uint32
	// NoOptimize turns the optimizer off (tcpdump -O).
	NoOptimize bool
	// Netmask is the IPv4 netmask of the capture network, used by
	// "ip broadcast"; 0 means unknown (PCAP_NETMASK_UNKNOWN).
	Netmask uint32
	// NetmaskKnown makes Netmask count even when it is zero: libpcap can be
	// given a netmask of 0.0.0.0, which the zero Netmask cannot express.
	// (A Netmask of 0xffffffff is PCAP_NETMASK_UNKNOWN, as in libpcap.)
	NetmaskKnown bool
	// Linux selects live-Linux code generation: vlan through ancillary loads,
	// inbound/outbound through SKF_AD_PKTTYPE, ifindex through SKF_AD_IFINDEX.
	// Offline (false), inbound/outbound/ifindex are rejected as libpcap does.
	Linux bool
	// Resolver looks up host, port, protocol and ethernet names. Nil means
	// SystemResolver().
	Resolver Resolver
}

// Program is a compiled filter.
type Program struct {
	// Raw is the program in its encoded form, exactly as libpcap would hand it
	// to the kernel (struct bpf_insn).
	Raw []bpf.RawInstruction
}

// Instructions returns the program as golang.org/x/net/bpf instruction values.
// Instructions x/net/bpf has no type for (none in practice) come back as
// bpf.RawInstruction.
func (p *Program) Instructions() []bpf.Instruction {
	out := make([]bpf.Instruction, len(p.Raw))
	for i, r := range p.Raw {
		out[i] = r.Disassemble()
	}
	return out
}

// Len is the number of instructions.
func (p *Program) Len() int { return len(p.Raw) }
