package packetgen

import (
	"net"
	"slices"

	"golang.org/x/net/bpf"
)

// Seeds are the values frames are built from. Every list is optional;
// callers add what they know (addresses and ports from an expression) to
// what SeedsFromPrograms harvests.
type Seeds struct {
	// Seed selects the pseudo-random sequence.
	Seed uint64
	// N is the number of frames Corpus returns; 0 means DefaultN.
	N int

	IPv4       []net.IP // 4-byte form
	IPv6       []net.IP // 16-byte form
	MACs       []net.HardwareAddr
	Ports      []uint16
	Protos     []uint8 // IP protocol numbers
	EtherTypes []uint16
	VLANs      []uint16 // VLAN ids (12 bits)
	MPLSLabels []uint32 // 20 bits
	VNIs       []uint32 // VXLAN/Geneve network identifiers (24 bits)
	// Consts are raw constants (K values) with no known meaning; they are
	// written into frames at random places and used as ICMP types, lengths...
	Consts []uint32
	// Fields are values known to be compared with a packet field at a fixed
	// offset from the start of the frame (for the link type the program was
	// compiled for). Corpus writes some of them into frames.
	Fields []Field
}

// Field is a value a program compares with the Size bytes at Off.
type Field struct {
	Off  uint32
	Size int // 1, 2 or 4
	// Value is what the field should hold; Mask, when not zero, is the
	// and-mask the program applied before comparing.
	Value uint32
	Mask  uint32
}

// DefaultN is the corpus size when Seeds.N is zero.
const DefaultN = 12000

// SeedsFromPrograms harvests the constants of programs: the K values of
// jumps and loads, and for each absolute (or header-length-relative
// indirect) load followed by a comparison, the field offset and value.
// 32-bit constants also become IPv4 address seeds and 16-bit ones port and
// EtherType seeds.
func SeedsFromPrograms(progs [][]bpf.RawInstruction) Seeds {
	var s Seeds
	for _, p := range progs {
		s.harvest(p)
	}
	s.dedup()
	return s
}

// Merge adds the values of o to s.
func (s *Seeds) Merge(o Seeds) {
	s.IPv4 = append(s.IPv4, o.IPv4...)
	s.IPv6 = append(s.IPv6, o.IPv6...)
	s.MACs = append(s.MACs, o.MACs...)
	s.Ports = append(s.Ports, o.Ports...)
	s.Protos = append(s.Protos, o.Protos...)
	s.EtherTypes = append(s.EtherTypes, o.EtherTypes...)
	s.VLANs = append(s.VLANs, o.VLANs...)
	s.MPLSLabels = append(s.MPLSLabels, o.MPLSLabels...)
	s.VNIs = append(s.VNIs, o.VNIs...)
	s.Consts = append(s.Consts, o.Consts...)
	s.Fields = append(s.Fields, o.Fields...)
	s.dedup()
}

// value is what the harvester knows about a register or scratch word.
type value struct {
	kind int // valUnknown, valConst or valLoad
	c    uint32
	off  uint32 // valLoad: packet offset, size and and-mask applied
	size int
	mask uint32
}

const (
	valUnknown = iota
	valConst
	valLoad
)

// harvest walks a program once, in order, tracking constants and packet
// loads through A, X and the scratch words (enough for libpcap's
// unoptimized code, which moves everything through M[]), and records each
// comparison of a loaded field with a known value.
func (s *Seeds) harvest(p []bpf.RawInstruction) {
	var a, x value
	var mem [16]value
	load := func(off uint32, op uint16) value {
		if off >= 0x10000 {
			return value{}
		}
		return value{kind: valLoad, off: off, size: loadSize(op)}
	}
	compare := func(v value, k uint32, op uint16) {
		s.Consts = append(s.Consts, k)
		if v.kind == valLoad {
			switch op & 0xf0 {
			case 0x40: // jset: set the bits, or clear them
				s.Fields = append(s.Fields, Field{Off: v.off, Size: v.size, Value: k, Mask: k},
					Field{Off: v.off, Size: v.size, Value: 0, Mask: k})
			case 0x20: // jgt: a value above
				s.Fields = append(s.Fields, Field{Off: v.off, Size: v.size, Value: k + 1, Mask: v.mask})
			default:
				s.Fields = append(s.Fields, Field{Off: v.off, Size: v.size, Value: k, Mask: v.mask})
			}
		}
		size := v.size
		switch {
		case size == 4 || k > 0xffff:
			s.IPv4 = append(s.IPv4, net.IPv4(byte(k>>24), byte(k>>16), byte(k>>8), byte(k)).To4())
		case size == 2 || k > 0xff:
			s.Ports = append(s.Ports, uint16(k))
			if k > 1500 {
				s.EtherTypes = append(s.EtherTypes, uint16(k))
			}
			if k < 4096 {
				s.VLANs = append(s.VLANs, uint16(k))
			}
		default:
			s.Protos = append(s.Protos, uint8(k))
		}
	}
	for _, ins := range p {
		op, k := ins.Op, ins.K
		switch {
		case op == 0x00: // ld #k
			a = value{kind: valConst, c: k}
		case op == 0x01: // ldx #k
			x = value{kind: valConst, c: k}
		case op&0x07 == 0x00 && op&0xe0 == 0x20: // ld abs
			a = load(k, op)
		case op&0x07 == 0x00 && op&0xe0 == 0x40: // ld ind
			a = value{}
			if x.kind == valConst {
				a = load(x.c+k, op)
			}
		case op == 0xb1: // ldxb 4*([k]&0xf): assume a 20-byte IPv4 header
			x = value{kind: valConst, c: 20}
		case op == 0x60: // ld M[k]
			a = mem[k&15]
		case op == 0x61:
			x = mem[k&15]
		case op == 0x02:
			mem[k&15] = a
		case op == 0x03:
			mem[k&15] = x
		case op == 0x07: // tax
			x = a
		case op == 0x87: // txa
			a = x
		case op&0x07 == 0x04: // ALU
			operand := value{kind: valConst, c: k}
			if op&0x08 != 0 {
				operand = x
			} else {
				s.Consts = append(s.Consts, k)
			}
			switch {
			case a.kind == valConst && operand.kind == valConst:
				a.c = fold(op&0xf0, a.c, operand.c)
			case a.kind == valLoad && op&0xf0 == 0x50 && operand.kind == valConst:
				a.mask = operand.c
			default:
				a = value{}
			}
		case op&0x07 == 0x05 && op != 0x05: // conditional jump
			if op&0x08 == 0 {
				compare(a, k, op)
			} else if x.kind == valConst {
				compare(a, x.c, op)
			} else if a.kind == valConst && x.kind == valLoad {
				compare(x, a.c, op)
			}
		case op&0x07 == 0x06: // ret
		default:
			a, x = value{}, value{}
		}
	}
}

func fold(op uint16, a, b uint32) uint32 {
	switch op {
	case 0x00:
		return a + b
	case 0x10:
		return a - b
	case 0x20:
		return a * b
	case 0x30:
		if b != 0 {
			return a / b
		}
	case 0x40:
		return a | b
	case 0x50:
		return a & b
	case 0x60:
		return a << (b & 31)
	case 0x70:
		return a >> (b & 31)
	case 0x80:
		return -a
	case 0x90:
		if b != 0 {
			return a % b
		}
	case 0xa0:
		return a ^ b
	}
	return 0
}

func loadSize(op uint16) int {
	switch op & 0x18 {
	case 0x08:
		return 2
	case 0x10:
		return 1
	}
	return 4
}

func (s *Seeds) dedup() {
	s.IPv4 = dedupIPs(s.IPv4)
	s.IPv6 = dedupIPs(s.IPv6)
	slices.SortFunc(s.MACs, func(a, b net.HardwareAddr) int { return slices.Compare(a, b) })
	s.MACs = slices.CompactFunc(s.MACs, func(a, b net.HardwareAddr) bool { return slices.Equal(a, b) })
	s.Ports = sortCompact(s.Ports)
	s.Protos = sortCompact(s.Protos)
	s.EtherTypes = sortCompact(s.EtherTypes)
	s.VLANs = sortCompact(s.VLANs)
	s.MPLSLabels = sortCompact(s.MPLSLabels)
	s.VNIs = sortCompact(s.VNIs)
	s.Consts = sortCompact(s.Consts)
	// Fields keep program order: consecutive fields are usually the tests
	// along one path (EtherType, then protocol, then port), which WithFields
	// applies together.
	seen := map[Field]bool{}
	fields := s.Fields[:0]
	for _, f := range s.Fields {
		if !seen[f] {
			seen[f] = true
			fields = append(fields, f)
		}
	}
	s.Fields = fields
}

func sortCompact[T uint8 | uint16 | uint32](v []T) []T {
	slices.Sort(v)
	return slices.Compact(v)
}

func dedupIPs(v []net.IP) []net.IP {
	slices.SortFunc(v, func(a, b net.IP) int { return slices.Compare(a, b) })
	return slices.CompactFunc(v, func(a, b net.IP) bool { return a.Equal(b) })
}
