package bpf

import (
	"encoding/binary"

	"github.com/gocap/gocap/bpf/cbpf"
	"golang.org/x/net/bpf"
)

// loopRun is a small classic BPF interpreter with the kernel's semantics
// (those of cbpf.Run) plus backward BPF_JA, which cbpf.Run refuses and
// libpcap's interpreter follows (k wraps around). It is the reference for
// the programs with loops and for the XDP target; the differential and
// fuzz tests check it against cbpf.Run on every other program. steps
// bounds the work; ok is false when the bound is reached.
func loopRun(prog []bpf.RawInstruction, pkt []byte, meta *cbpf.Metadata, steps int) (ret uint32, ok bool) {
	return refRun(prog, pkt, meta, steps, false)
}

// refRun is loopRun; with xdp set it models the XDP target instead:
// loads relative to the network header fail (XDP does not know it).
func refRun(prog []bpf.RawInstruction, pkt []byte, meta *cbpf.Metadata, steps int, xdp bool) (ret uint32, ok bool) {
	var a, x uint32
	var mem [16]uint32
	load := func(off int32, width int64) (uint32, bool) {
		var start int64
		switch {
		case off >= 0:
			start = int64(off)
		case off >= -0x100000 && xdp:
			return 0, false
		case off >= -0x100000:
			start = int64(meta.NetOff) + int64(off) + 0x100000
		case off >= -0x200000:
			start = int64(meta.LLOff) + int64(off) + 0x200000
		default:
			return 0, false
		}
		if start+width > int64(len(pkt)) {
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
	width := func(code uint16) int64 {
		switch code & 0x18 {
		case cbpf.SizeH:
			return 2
		case cbpf.SizeB:
			return 1
		}
		return 4
	}
	for pc := 0; steps > 0; steps-- {
		ins := prog[pc]
		code, k := ins.Op, ins.K
		pc++
		switch code & 7 {
		case cbpf.ClassLD:
			switch code & 0xe0 {
			case cbpf.ModeIMM:
				a = k
			case cbpf.ModeMEM:
				a = mem[k]
			case cbpf.ModeLEN:
				a = uint32(len(pkt))
			case cbpf.ModeABS, cbpf.ModeIND:
				off := int32(k)
				if code&0xe0 == cbpf.ModeIND {
					off = int32(x + k)
				} else if k >= cbpf.SKFAdOff {
					v, known := refAncillary(k-cbpf.SKFAdOff, meta, a, x)
					if !known {
						return 0, true
					}
					a = v
					break
				}
				v, good := load(off, width(code))
				if !good {
					return 0, true
				}
				a = v
			}
		case cbpf.ClassLDX:
			switch code & 0xe0 {
			case cbpf.ModeIMM:
				x = k
			case cbpf.ModeMEM:
				x = mem[k]
			case cbpf.ModeLEN:
				x = uint32(len(pkt))
			case cbpf.ModeMSH:
				v, good := load(int32(k), 1)
				if !good {
					return 0, true
				}
				x = 4 * (v & 0xf)
			}
		case cbpf.ClassST:
			mem[k] = a
		case cbpf.ClassSTX:
			mem[k] = x
		case cbpf.ClassALU:
			v := k
			if code&cbpf.SrcX != 0 {
				v = x
			}
			switch code & 0xf0 {
			case cbpf.ADD:
				a += v
			case cbpf.SUB:
				a -= v
			case cbpf.MUL:
				a *= v
			case cbpf.DIV, cbpf.MOD:
				if v == 0 {
					return 0, true
				}
				if code&0xf0 == cbpf.DIV {
					a /= v
				} else {
					a %= v
				}
			case cbpf.OR:
				a |= v
			case cbpf.AND:
				a &= v
			case cbpf.XOR:
				a ^= v
			case cbpf.LSH:
				a <<= v & 31
			case cbpf.RSH:
				a >>= v & 31
			case cbpf.NEG:
				a = -a
			}
		case cbpf.ClassJMP:
			v := k
			if code&cbpf.SrcX != 0 {
				v = x
			}
			var taken bool
			switch code & 0xf0 {
			case cbpf.JA:
				pc += int(int32(k))
				continue
			case cbpf.JEQ:
				taken = a == v
			case cbpf.JGT:
				taken = a > v
			case cbpf.JGE:
				taken = a >= v
			case cbpf.JSET:
				taken = a&v != 0
			}
			if taken {
				pc += int(ins.Jt)
			} else {
				pc += int(ins.Jf)
			}
		case cbpf.ClassRET:
			if code&0x18 == cbpf.RetA {
				return a, true
			}
			return k, true
		case cbpf.ClassMISC:
			if code&0xf8 == cbpf.TAX {
				x = a
			} else {
				a = x
			}
		}
	}
	return 0, false
}

// refAncillary is an ancillary load as the kernel performs it.
func refAncillary(n uint32, meta *cbpf.Metadata, a, x uint32) (uint32, bool) {
	vlan := func(v uint32) uint32 {
		if meta.VLANPresent {
			return v
		}
		return 0
	}
	switch n {
	case cbpf.SKFAdProtocol:
		return uint32(meta.Protocol), true
	case cbpf.SKFAdPktType:
		return uint32(meta.PktType), true
	case cbpf.SKFAdIfIndex:
		return meta.IfIndex, true
	case cbpf.SKFAdMark:
		return meta.Mark, true
	case cbpf.SKFAdQueue:
		return uint32(meta.Queue), true
	case cbpf.SKFAdHAType:
		return uint32(meta.HAType), true
	case cbpf.SKFAdRXHash:
		return meta.RXHash, true
	case cbpf.SKFAdCPU:
		return meta.CPU, true
	case cbpf.SKFAdALUXorX:
		return a ^ x, true
	case cbpf.SKFAdVLANTag:
		return vlan(uint32(meta.VLANTCI)), true
	case cbpf.SKFAdVLANTagPresent:
		return vlan(1), true
	case cbpf.SKFAdVLANTPID:
		return vlan(uint32(meta.VLANTPID)), true
	case cbpf.SKFAdRandom:
		return meta.Random, true
	}
	return 0, false
}
