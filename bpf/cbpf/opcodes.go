package cbpf

// The fields of an instruction's Op (struct sock_filter's code, as in
// linux/bpf_common.h and linux/filter.h): a class, then for loads a size
// and a mode, for ALU operations and jumps an operation and a source, for
// returns the returned value. Build an opcode by or-ing one of each, e.g.
// ClassLD|SizeH|ModeABS ("ldh [k]") or ClassJMP|JEQ|SrcK ("jeq #k").
const (
	ClassLD   = 0x00
	ClassLDX  = 0x01
	ClassST   = 0x02
	ClassSTX  = 0x03
	ClassALU  = 0x04
	ClassJMP  = 0x05
	ClassRET  = 0x06
	ClassMISC = 0x07
	ClassMask = 0x07

	SizeW    = 0x00 // 32-bit word
	SizeH    = 0x08 // 16-bit half word
	SizeB    = 0x10 // byte
	SizeMask = 0x18

	ModeIMM  = 0x00 // constant k
	ModeABS  = 0x20 // packet at k
	ModeIND  = 0x40 // packet at X+k
	ModeMEM  = 0x60 // scratch word M[k]
	ModeLEN  = 0x80 // packet length
	ModeMSH  = 0xa0 // 4*(packet[k]&0xf), the IPv4 header length (ldx only)
	ModeMask = 0xe0

	// ALU operations.
	ADD = 0x00
	SUB = 0x10
	MUL = 0x20
	DIV = 0x30
	OR  = 0x40
	AND = 0x50
	LSH = 0x60
	RSH = 0x70
	NEG = 0x80
	MOD = 0x90
	XOR = 0xa0

	// Jump operations.
	JA   = 0x00
	JEQ  = 0x10
	JGT  = 0x20
	JGE  = 0x30
	JSET = 0x40

	OpMask = 0xf0

	// Operand sources of ALU operations and jumps.
	SrcK    = 0x00
	SrcX    = 0x08
	SrcMask = 0x08

	// Returned values of ClassRET. RetX is libpcap's "ret x", which the
	// kernel does not accept.
	RetK    = 0x00
	RetX    = 0x08
	RetA    = 0x10
	RetMask = 0x18

	// ClassMISC operations.
	TAX = 0x00
	TXA = 0x80
)

// MemWords is the number of scratch memory words (BPF_MEMWORDS).
const MemWords = 16

// MaxInstructions is the kernel's limit on a classic program (BPF_MAXINSNS).
const MaxInstructions = 4096

// Negative offsets with a special meaning on Linux (linux/filter.h), as
// the unsigned k of a load (the kernel's constants are the negative ints
// -0x1000, -0x100000 and -0x200000).
const (
	// SKFAdOff starts the ancillary data area: an absolute load at
	// SKFAdOff+SKFAd* reads packet metadata instead of packet bytes.
	SKFAdOff = 0xfffff000
	// SKFNetOff + k loads byte k after the network header.
	SKFNetOff = 0xfff00000
	// SKFLLOff + k loads byte k after the link-layer header.
	SKFLLOff = 0xffe00000
)

// Ancillary data offsets, added to SKFAdOff.
const (
	SKFAdProtocol       = 0
	SKFAdPktType        = 4
	SKFAdIfIndex        = 8
	SKFAdNLAttr         = 12
	SKFAdNLAttrNest     = 16
	SKFAdMark           = 20
	SKFAdQueue          = 24
	SKFAdHAType         = 28
	SKFAdRXHash         = 32
	SKFAdCPU            = 36
	SKFAdALUXorX        = 40
	SKFAdVLANTag        = 44
	SKFAdVLANTagPresent = 48
	SKFAdPayOffset      = 52
	SKFAdRandom         = 56
	SKFAdVLANTPID       = 60
	SKFAdMax            = 64
)

// ancillaryFields names the ancillary offsets the kernel knows: the
// kernel's constant and bpf_image's symbolic operand.
var ancillaryFields = map[uint32]struct{ kernel, image string }{
	SKFAdProtocol:       {"SKF_AD_PROTOCOL", "proto"},
	SKFAdPktType:        {"SKF_AD_PKTTYPE", "type"},
	SKFAdIfIndex:        {"SKF_AD_IFINDEX", "ifidx"},
	SKFAdNLAttr:         {"SKF_AD_NLATTR", "nla"},
	SKFAdNLAttrNest:     {"SKF_AD_NLATTR_NEST", "nlan"},
	SKFAdMark:           {"SKF_AD_MARK", "mark"},
	SKFAdQueue:          {"SKF_AD_QUEUE", "queue"},
	SKFAdHAType:         {"SKF_AD_HATYPE", "hatype"},
	SKFAdRXHash:         {"SKF_AD_RXHASH", "rxhash"},
	SKFAdCPU:            {"SKF_AD_CPU", "cpu"},
	SKFAdALUXorX:        {"SKF_AD_ALU_XOR_X", "xor_x"},
	SKFAdVLANTag:        {"SKF_AD_VLAN_TAG", "vlan_tci"},
	SKFAdVLANTagPresent: {"SKF_AD_VLAN_TAG_PRESENT", "vlanp"},
	SKFAdPayOffset:      {"SKF_AD_PAY_OFFSET", "poff"},
	SKFAdRandom:         {"SKF_AD_RANDOM", "random"},
	SKFAdVLANTPID:       {"SKF_AD_VLAN_TPID", "vlan_tpid"},
}

// AncillaryName returns the kernel's name (SKF_AD_PROTOCOL, ...) of an
// ancillary offset (the n of "ld [SKFAdOff+n]"), or "" if the kernel knows
// none.
func AncillaryName(n uint32) string { return ancillaryFields[n].kernel }

// Ancillary reports whether k, the operand of an absolute load, names an
// ancillary field the kernel knows, and which one (an SKFAd* offset).
func Ancillary(k uint32) (uint32, bool) {
	if k < SKFAdOff {
		return 0, false
	}
	off := k - SKFAdOff
	_, ok := ancillaryFields[off]
	return off, ok
}

// validCodes are the opcodes the kernel's checker accepts
// (bpf_check_classic's codes table).
var validCodes = func() [256]bool {
	var v [256]bool
	for _, op := range []uint16{ADD, SUB, MUL, DIV, MOD, AND, OR, XOR, LSH, RSH} {
		v[ClassALU|op|SrcK] = true
		v[ClassALU|op|SrcX] = true
	}
	v[ClassALU|NEG] = true
	for _, sz := range []uint16{SizeW, SizeH, SizeB} {
		v[ClassLD|sz|ModeABS] = true
		v[ClassLD|sz|ModeIND] = true
	}
	v[ClassLD|SizeW|ModeLEN] = true
	v[ClassLD|ModeMEM] = true
	v[ClassLD|ModeIMM] = true
	v[ClassLDX|SizeW|ModeLEN] = true
	v[ClassLDX|SizeB|ModeMSH] = true
	v[ClassLDX|ModeIMM] = true
	v[ClassLDX|ModeMEM] = true
	v[ClassST] = true
	v[ClassSTX] = true
	v[ClassMISC|TAX] = true
	v[ClassMISC|TXA] = true
	v[ClassRET|RetK] = true
	v[ClassRET|RetA] = true
	v[ClassJMP|JA] = true
	for _, op := range []uint16{JEQ, JGT, JGE, JSET} {
		v[ClassJMP|op|SrcK] = true
		v[ClassJMP|op|SrcX] = true
	}
	return v
}()
