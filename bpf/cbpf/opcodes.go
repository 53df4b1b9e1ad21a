package cbpf

// Instruction classes, sizes, modes, operations and sources of struct
// bpf_insn's code field (linux/bpf_common.h).
const (
	classLD   = 0x00
	classLDX  = 0x01
	classST   = 0x02
	classSTX  = 0x03
	classALU  = 0x04
	classJMP  = 0x05
	classRET  = 0x06
	classMISC = 0x07

	sizeW = 0x00
	sizeH = 0x08
	sizeB = 0x10

	modeIMM = 0x00
	modeABS = 0x20
	modeIND = 0x40
	modeMEM = 0x60
	modeLEN = 0x80
	modeMSH = 0xa0

	opADD = 0x00
	opSUB = 0x10
	opMUL = 0x20
	opDIV = 0x30
	opOR  = 0x40
	opAND = 0x50
	opLSH = 0x60
	opRSH = 0x70
	opNEG = 0x80
	opMOD = 0x90
	opXOR = 0xa0

	jmpJA   = 0x00
	jmpJEQ  = 0x10
	jmpJGT  = 0x20
	jmpJGE  = 0x30
	jmpJSET = 0x40

	srcK = 0x00
	srcX = 0x08

	retK = 0x00
	retA = 0x10

	miscTAX = 0x00
	miscTXA = 0x80
)

// MemWords is the number of scratch memory words (BPF_MEMWORDS).
const MemWords = 16

// MaxInstructions is the kernel's limit on a classic program (BPF_MAXINSNS).
const MaxInstructions = 4096

// Negative offsets with a special meaning on Linux (linux/filter.h).
const (
	// SKFAdOff starts the ancillary data area: an absolute load at
	// SKFAdOff+SKFAd* reads packet metadata instead of packet bytes.
	SKFAdOff = -0x1000
	// SKFNetOff + k loads byte k after the network header.
	SKFNetOff = -0x100000
	// SKFLLOff + k loads byte k after the link-layer header.
	SKFLLOff = -0x200000
)

// skfAdOffU is SKFAdOff as the unsigned k of an instruction.
const skfAdOffU = 0xfffff000

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

// ancillaryNames are bpf_image's symbolic operands for the ancillary
// offsets; offsets without a name print as numbers.
var ancillaryNames = map[uint32]string{
	SKFAdProtocol:       "proto",
	SKFAdPktType:        "type",
	SKFAdIfIndex:        "ifidx",
	SKFAdNLAttr:         "nla",
	SKFAdNLAttrNest:     "nlan",
	SKFAdMark:           "mark",
	SKFAdQueue:          "queue",
	SKFAdHAType:         "hatype",
	SKFAdRXHash:         "rxhash",
	SKFAdCPU:            "cpu",
	SKFAdALUXorX:        "xor_x",
	SKFAdVLANTag:        "vlan_tci",
	SKFAdVLANTagPresent: "vlanp",
	SKFAdPayOffset:      "poff",
	SKFAdRandom:         "random",
	SKFAdVLANTPID:       "vlan_tpid",
}

// ancillary reports whether k, the operand of an absolute load, names an
// ancillary field the kernel knows, and which one.
func ancillary(k uint32) (uint32, bool) {
	off := k - skfAdOffU
	if int32(k) < SKFAdOff || off >= SKFAdMax {
		return 0, false
	}
	_, ok := ancillaryNames[off]
	return off, ok
}

// validCodes are the opcodes the kernel's checker accepts
// (bpf_check_classic's codes table).
var validCodes = func() [256]bool {
	var v [256]bool
	for _, op := range []uint16{opADD, opSUB, opMUL, opDIV, opMOD, opAND, opOR, opXOR, opLSH, opRSH} {
		v[classALU|op|srcK] = true
		v[classALU|op|srcX] = true
	}
	v[classALU|opNEG] = true
	for _, sz := range []uint16{sizeW, sizeH, sizeB} {
		v[classLD|sz|modeABS] = true
		v[classLD|sz|modeIND] = true
	}
	v[classLD|sizeW|modeLEN] = true
	v[classLD|modeMEM] = true
	v[classLD|modeIMM] = true
	v[classLDX|sizeW|modeLEN] = true
	v[classLDX|sizeB|modeMSH] = true
	v[classLDX|modeIMM] = true
	v[classLDX|modeMEM] = true
	v[classST] = true
	v[classSTX] = true
	v[classMISC|miscTAX] = true
	v[classMISC|miscTXA] = true
	v[classRET|retK] = true
	v[classRET|retA] = true
	v[classJMP|jmpJA] = true
	for _, op := range []uint16{jmpJEQ, jmpJGT, jmpJGE, jmpJSET} {
		v[classJMP|op|srcK] = true
		v[classJMP|op|srcX] = true
	}
	return v
}()
