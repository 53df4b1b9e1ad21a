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
		case szH:
			return 2
		case szB:
			return 1
		}
		return 4
	}
	for pc := 0; steps > 0; steps-- {
		ins := prog[pc]
		code, k := ins.Op, ins.K
		pc++
		switch code & 7 {
		case clsLD:
			switch code & 0xe0 {
			case modeIMM:
				a = k
			case modeMEM:
				a = mem[k]
			case modeLEN:
				a = uint32(len(pkt))
			case modeABS, modeIND:
				off := int32(k)
				if code&0xe0 == modeIND {
					off = int32(x + k)
				} else if k >= skfAdOff {
					v, known := refAncillary(k-skfAdOff, meta, a, x)
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
		case clsLDX:
			switch code & 0xe0 {
			case modeIMM:
				x = k
			case modeMEM:
				x = mem[k]
			case modeLEN:
				x = uint32(len(pkt))
			case modeMSH:
				v, good := load(int32(k), 1)
				if !good {
					return 0, true
				}
				x = 4 * (v & 0xf)
			}
		case clsST:
			mem[k] = a
		case clsSTX:
			mem[k] = x
		case clsALU:
			v := k
			if code&srcX != 0 {
				v = x
			}
			switch code & 0xf0 {
			case aluADD:
				a += v
			case aluSUB:
				a -= v
			case aluMUL:
				a *= v
			case aluDIV, aluMOD:
				if v == 0 {
					return 0, true
				}
				if code&0xf0 == aluDIV {
					a /= v
				} else {
					a %= v
				}
			case aluOR:
				a |= v
			case aluAND:
				a &= v
			case aluXOR:
				a ^= v
			case aluLSH:
				a <<= v & 31
			case aluRSH:
				a >>= v & 31
			case aluNEG:
				a = -a
			}
		case clsJMP:
			v := k
			if code&srcX != 0 {
				v = x
			}
			var taken bool
			switch code & 0xf0 {
			case jmpJA:
				pc += int(int32(k))
				continue
			case jmpJEQ:
				taken = a == v
			case jmpJGT:
				taken = a > v
			case jmpJGE:
				taken = a >= v
			case jmpJSET:
				taken = a&v != 0
			}
			if taken {
				pc += int(ins.Jt)
			} else {
				pc += int(ins.Jf)
			}
		case clsRET:
			if code&0x18 == retA {
				return a, true
			}
			return k, true
		case clsMISC:
			if code&0xf8 == miscTAX {
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
	case adProtocol:
		return uint32(meta.Protocol), true
	case adPktType:
		return uint32(meta.PktType), true
	case adIfindex:
		return meta.IfIndex, true
	case adMark:
		return meta.Mark, true
	case adQueue:
		return uint32(meta.Queue), true
	case adHatype:
		return uint32(meta.HAType), true
	case adRxhash:
		return meta.RXHash, true
	case adCPU:
		return meta.CPU, true
	case adAluXorX:
		return a ^ x, true
	case adVlanTag:
		return vlan(uint32(meta.VLANTCI)), true
	case adVlanTagPresent:
		return vlan(1), true
	case adVlanTPID:
		return vlan(uint32(meta.VLANTPID)), true
	case adRandom:
		return meta.Random, true
	}
	return 0, false
}
