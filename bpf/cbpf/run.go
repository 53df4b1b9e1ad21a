package cbpf

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/net/bpf"
)

// Run executes prog over pkt with Linux socket-filter semantics (see the
// package documentation) and returns the program's return value and the
// number of instructions executed. meta may be nil (zero Metadata).
//
// Backward jumps (JA with k >= 2^31 taken as a negative displacement) are
// executed as libpcap's user-space interpreter does, for its protochain
// code; the kernel rejects them, and Validate does too. A program that runs
// more than MaxSteps instructions is stopped with an error.
//
// Run does not require a validated program: it returns an error when it
// meets an instruction the kernel would have rejected (unknown opcode,
// scratch index out of range, jump out of the program, running off the end).
// It never panics.
func Run(prog []bpf.RawInstruction, pkt []byte, meta *Metadata) (ret uint32, executed int, err error) {
	if meta == nil {
		meta = &zeroMetadata
	}
	var (
		a, x uint32
		mem  [MemWords]uint32
	)
	n := len(prog)
	for pc := 0; ; {
		if pc < 0 || pc >= n {
			return 0, executed, fmt.Errorf("instruction %d: control falls off the end of the program (%d instructions)", pc, n)
		}
		ins := prog[pc]
		executed++
		if executed > MaxSteps {
			return 0, executed, fmt.Errorf("instruction %d: more than %d instructions executed (a backward jump loops)", pc, MaxSteps)
		}
		k := ins.K
		code := ins.Op
		if code > 0xff {
			return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
		}
		switch code & ClassMask {
		case ClassLD:
			switch code {
			case ClassLD | ModeIMM:
				a = k
			case ClassLD | SizeW | ModeLEN:
				a = wireLen(pkt, meta)
			case ClassLD | ModeMEM:
				if k >= MemWords {
					return 0, executed, fmt.Errorf("instruction %d: scratch index %d out of range", pc, k)
				}
				a = mem[k]
			case ClassLD | SizeW | ModeABS, ClassLD | SizeH | ModeABS, ClassLD | SizeB | ModeABS:
				if anc, ok := Ancillary(k); ok {
					v, ok := loadAncillary(anc, pkt, meta, a, x)
					if !ok {
						// The conversion exits with A in R0, unchanged.
						return a, executed, nil
					}
					a = v
					break
				}
				v, ok := load(pkt, meta, k, code&SizeMask)
				if !ok {
					return 0, executed, nil
				}
				a = v
			case ClassLD | SizeW | ModeIND, ClassLD | SizeH | ModeIND, ClassLD | SizeB | ModeIND:
				off := x + k
				if off >= SKFAdOff {
					return 0, executed, nil // ancillary area is not addressable indirectly
				}
				v, ok := load(pkt, meta, off, code&SizeMask)
				if !ok {
					return 0, executed, nil
				}
				a = v
			default:
				return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
			}
		case ClassLDX:
			switch code {
			case ClassLDX | ModeIMM:
				x = k
			case ClassLDX | SizeW | ModeLEN:
				x = wireLen(pkt, meta)
			case ClassLDX | ModeMEM:
				if k >= MemWords {
					return 0, executed, fmt.Errorf("instruction %d: scratch index %d out of range", pc, k)
				}
				x = mem[k]
			case ClassLDX | SizeB | ModeMSH:
				v, ok := load(pkt, meta, k, SizeB)
				if !ok {
					return 0, executed, nil
				}
				x = (v & 0xf) << 2
			default:
				return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
			}
		case ClassST, ClassSTX:
			if code != ClassST && code != ClassSTX {
				return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
			}
			if k >= MemWords {
				return 0, executed, fmt.Errorf("instruction %d: scratch index %d out of range", pc, k)
			}
			if code == ClassST {
				mem[k] = a
			} else {
				mem[k] = x
			}
		case ClassALU:
			if !validCodes[code] {
				return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
			}
			operand := k
			if code&SrcX != 0 {
				operand = x
			}
			var ok bool
			a, ok = alu(code&OpMask, a, operand)
			if !ok {
				return 0, executed, nil
			}
		case ClassJMP:
			if !validCodes[code] {
				return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
			}
			if code&OpMask == JA {
				next := int64(pc) + 1 + int64(k)
				if int32(k) < 0 {
					// A backward jump, which the kernel rejects but libpcap's
					// protochain code contains (it runs in user space, where
					// 32-bit arithmetic wraps k to a negative displacement).
					next = int64(pc) + 1 + int64(int32(k))
				}
				if next < 0 || next >= int64(n) {
					return 0, executed, fmt.Errorf("instruction %d: jump to %d is out of the program", pc, next)
				}
				pc = int(next)
				continue
			}
			operand := k
			if code&SrcX != 0 {
				operand = x
			}
			var taken bool
			switch code & OpMask {
			case JEQ:
				taken = a == operand
			case JGT:
				taken = a > operand
			case JGE:
				taken = a >= operand
			case JSET:
				taken = a&operand != 0
			}
			if taken {
				pc += 1 + int(ins.Jt)
			} else {
				pc += 1 + int(ins.Jf)
			}
			continue
		case ClassRET:
			switch code {
			case ClassRET | RetK:
				return k, executed, nil
			case ClassRET | RetA:
				return a, executed, nil
			}
			return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
		case ClassMISC:
			switch code {
			case ClassMISC | TAX:
				x = a
			case ClassMISC | TXA:
				a = x
			default:
				return 0, executed, fmt.Errorf("instruction %d: invalid opcode %#x", pc, code)
			}
		}
		pc++
	}
}

// MaxSteps bounds the instructions one Run executes. A program without
// backward jumps executes at most its length.
const MaxSteps = 1 << 20

func wireLen(pkt []byte, meta *Metadata) uint32 {
	if meta.WireLen != 0 {
		return meta.WireLen
	}
	return uint32(len(pkt))
}

// alu applies a 32-bit ALU operation; ok is false for a division or modulo
// by zero, which ends the program with 0.
func alu(op uint16, a, v uint32) (uint32, bool) {
	switch op {
	case ADD:
		return a + v, true
	case SUB:
		return a - v, true
	case MUL:
		return a * v, true
	case DIV:
		if v == 0 {
			return 0, false
		}
		return a / v, true
	case MOD:
		if v == 0 {
			return 0, false
		}
		return a % v, true
	case AND:
		return a & v, true
	case OR:
		return a | v, true
	case XOR:
		return a ^ v, true
	case LSH:
		return a << (v & 31), true
	case RSH:
		return a >> (v & 31), true
	case NEG:
		return -a, true
	}
	return a, true
}

// load reads 1, 2 or 4 bytes (size is the code's size field) in network
// order at off, resolving negative offsets as the kernel's
// bpf_internal_load_pointer_neg_helper does. ok is false when any byte is
// outside the packet.
func load(pkt []byte, meta *Metadata, off uint32, size uint16) (uint32, bool) {
	var start int64
	switch {
	case int32(off) >= 0:
		start = int64(off)
	case off >= SKFNetOff:
		start = int64(meta.NetOff) + int64(off-SKFNetOff)
	case off >= SKFLLOff:
		start = int64(meta.LLOff) + int64(off-SKFLLOff)
	default:
		return 0, false
	}
	width := int64(4)
	switch size {
	case SizeH:
		width = 2
	case SizeB:
		width = 1
	}
	if start < 0 || start+width > int64(len(pkt)) {
		return 0, false
	}
	b := pkt[start : start+width]
	switch width {
	case 1:
		return uint32(b[0]), true
	case 2:
		return uint32(binary.BigEndian.Uint16(b)), true
	}
	return binary.BigEndian.Uint32(b), true
}

// loadAncillary returns an SKF_AD_* value; ok is false when the kernel's
// conversion would end the program (with A as its return value).
func loadAncillary(anc uint32, pkt []byte, meta *Metadata, a, x uint32) (uint32, bool) {
	switch anc {
	case SKFAdProtocol:
		return uint32(meta.Protocol), true
	case SKFAdPktType:
		return uint32(meta.PktType) & 7, true // PKT_TYPE_MAX mask
	case SKFAdIfIndex:
		if meta.NoDevice {
			return 0, false
		}
		return meta.IfIndex, true
	case SKFAdHAType:
		if meta.NoDevice {
			return 0, false
		}
		return uint32(meta.HAType), true
	case SKFAdMark:
		return meta.Mark, true
	case SKFAdQueue:
		return uint32(meta.Queue), true
	case SKFAdRXHash:
		return meta.RXHash, true
	case SKFAdCPU:
		return meta.CPU, true
	case SKFAdALUXorX:
		return a ^ x, true
	case SKFAdVLANTag:
		if !meta.VLANPresent {
			return 0, true
		}
		return uint32(meta.VLANTCI), true
	case SKFAdVLANTagPresent:
		if meta.VLANPresent {
			return 1, true
		}
		return 0, true
	case SKFAdVLANTPID:
		if !meta.VLANPresent {
			return 0, true
		}
		return uint32(meta.VLANTPID), true
	case SKFAdPayOffset:
		return meta.PayOffset, true
	case SKFAdRandom:
		return meta.Random, true
	case SKFAdNLAttr:
		return nlaFind(pkt, a, x, false), true
	case SKFAdNLAttrNest:
		return nlaFind(pkt, a, x, true), true
	}
	return 0, false
}

// nlaFind implements SKF_AD_NLATTR (find attribute type x in the netlink
// attributes starting at offset a) and SKF_AD_NLATTR_NEST (find type x
// inside the nested attribute at offset a). It returns the attribute's
// offset in pkt, or 0.
func nlaFind(pkt []byte, a, x uint32, nest bool) uint32 {
	const hdr = 4
	plen := uint32(len(pkt))
	if plen < hdr || a > plen-hdr {
		return 0
	}
	start, end := a, plen
	if nest {
		l := uint32(binary.NativeEndian.Uint16(pkt[a:]))
		if l > plen-a {
			return 0
		}
		start, end = a+hdr, a+l
		if end < start {
			return 0
		}
	}
	for off := start; off+hdr <= end; {
		l := uint32(binary.NativeEndian.Uint16(pkt[off:]))
		typ := uint32(binary.NativeEndian.Uint16(pkt[off+2:])) & 0x3fff // NLA_TYPE_MASK
		if l < hdr || l > end-off {
			return 0
		}
		if typ == x {
			return off
		}
		off += (l + 3) &^ 3
	}
	return 0
}
