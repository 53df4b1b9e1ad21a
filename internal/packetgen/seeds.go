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

func (s *Seeds) harvest(p []bpf.RawInstruction) {
	type load struct {
		ok   bool
		off  uint32
		size int
		mask uint32
	}
	var cur load
	xKnown, xVal := false, uint32(0)
	for _, ins := range p {
		op, k := ins.Op, ins.K
		switch {
		case op&0x07 == 0x00 && op&0xe0 == 0x20: // LD ABS
			cur = load{ok: k < 0x10000, off: k, size: loadSize(op)}
		case op&0x07 == 0x00 && op&0xe0 == 0x40: // LD IND
			cur = load{ok: xKnown && k < 0x10000, off: xVal + k, size: loadSize(op)}
		case op == 0xb1: // ldxb 4*([k]&0xf): assume a 20-byte IPv4 header
			xKnown, xVal = true, k+20
		case op == 0x01 || op == 0x61 || op == 0x07 || op == 0x81:
			xKnown = false
		case op == 0x54: // and #k
			if cur.ok {
				cur.mask = k
			}
			s.Consts = append(s.Consts, k)
		case op&0x07 == 0x04: // other ALU: the loaded value is transformed
			cur.ok = false
			s.Consts = append(s.Consts, k)
		case op&0x07 == 0x05 && op&0x08 == 0 && op != 0x05: // conditional jump on k
			s.Consts = append(s.Consts, k)
			v := k
			switch op & 0xf0 {
			case 0x20: // jgt: a value just above
				v = k + 1
			}
			if cur.ok {
				s.Fields = append(s.Fields, Field{Off: cur.off, Size: cur.size, Value: v, Mask: cur.mask})
				s.Fields = append(s.Fields, Field{Off: cur.off, Size: cur.size, Value: v - 1, Mask: cur.mask})
			}
			switch {
			case cur.size == 4 || k > 0xffff:
				s.IPv4 = append(s.IPv4, net.IPv4(byte(k>>24), byte(k>>16), byte(k>>8), byte(k)).To4())
			case cur.size == 2 || k > 0xff:
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
		case op == 0x00 || op == 0x02 || op == 0x03: // ld #k, st, stx
			s.Consts = append(s.Consts, k)
			cur.ok = false
		}
	}
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
	slices.SortFunc(s.Fields, func(a, b Field) int {
		if a.Off != b.Off {
			return int(a.Off) - int(b.Off)
		}
		if a.Value != b.Value {
			if a.Value < b.Value {
				return -1
			}
			return 1
		}
		if a.Size != b.Size {
			return a.Size - b.Size
		}
		if a.Mask < b.Mask {
			return -1
		} else if a.Mask > b.Mask {
			return 1
		}
		return 0
	})
	s.Fields = slices.Compact(s.Fields)
}

func sortCompact[T uint8 | uint16 | uint32](v []T) []T {
	slices.Sort(v)
	return slices.Compact(v)
}

func dedupIPs(v []net.IP) []net.IP {
	slices.SortFunc(v, func(a, b net.IP) int { return slices.Compare(a, b) })
	return slices.CompactFunc(v, func(a, b net.IP) bool { return a.Equal(b) })
}
