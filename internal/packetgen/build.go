package packetgen

import (
	"encoding/binary"
	"math/rand/v2"
	"net"
)

// gen builds headers from a PRNG and the seeds.
type gen struct {
	r *rand.Rand
	s *Seeds
}

func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return b
}

func pick[T any](g *gen, v []T) (T, bool) {
	var zero T
	if len(v) == 0 {
		return zero, false
	}
	return v[g.r.IntN(len(v))], true
}

// seeded returns a seed value half of the time (when there are seeds).
func seeded[T any](g *gen, v []T) (T, bool) {
	if len(v) == 0 || g.chance(2) {
		var zero T
		return zero, false
	}
	return pick(g, v)
}

func be16(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }
func be32(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }

// --- link layer -------------------------------------------------------

func (g *gen) mac(dst bool) []byte {
	if m, ok := seeded(g, g.s.MACs); ok && len(m) == 6 {
		return append([]byte(nil), m...)
	}
	if dst {
		switch g.r.IntN(8) {
		case 0:
			return []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
		case 1:
			return []byte{0x01, 0x00, 0x5e, byte(g.r.IntN(128)), byte(g.r.Uint32()), byte(g.r.Uint32())}
		case 2:
			return []byte{0x33, 0x33, 0, 0, 0, byte(g.r.Uint32())}
		case 3:
			return []byte{0x01, 0x80, 0xc2, 0, 0, byte(g.r.IntN(16))}
		case 4:
			return []byte{0x09, 0x00, 0x2b, 0x00, 0x00, 0x0f} // DEC multicast
		}
	}
	m := g.bytes(6)
	if !g.chance(10) {
		m[0] &^= 1 // mostly unicast
	}
	return m
}

func (g *gen) etherType() uint16 {
	if t, ok := seeded(g, g.s.EtherTypes); ok {
		return t
	}
	return []uint16{0x0800, 0x86dd, 0x0806, 0x8035, 0x6003, 0x809b, 0x80f3, 0x8137, 0x88cc, 0x8100,
		0x8847, 0x8863, 0x8864, 0x6002, 0x6004, 0x9000, 0x88e5, 0x22f0}[g.r.IntN(18)]
}

func (g *gen) vlanTCI() uint16 {
	id, ok := seeded(g, g.s.VLANs)
	if !ok {
		id = uint16(g.r.IntN(4096))
		if g.chance(4) {
			id = uint16(g.r.IntN(8))
		}
	}
	return uint16(g.r.IntN(8))<<13 | uint16(g.r.IntN(2))<<12 | id&0x0fff
}

func (g *gen) mplsLabel() uint32 {
	if l, ok := seeded(g, g.s.MPLSLabels); ok {
		return l & 0xfffff
	}
	if g.chance(2) {
		return uint32(g.r.IntN(32))
	}
	return uint32(g.r.IntN(1 << 20))
}

func (g *gen) vni() uint32 {
	if v, ok := seeded(g, g.s.VNIs); ok {
		return v & 0xffffff
	}
	if g.chance(2) {
		return uint32(g.r.IntN(256))
	}
	return uint32(g.r.IntN(1 << 24))
}

// --- network layer ------------------------------------------------------

func (g *gen) ip4() []byte {
	if a, ok := seeded(g, g.s.IPv4); ok {
		if a4 := a.To4(); a4 != nil {
			b := append([]byte(nil), a4...)
			if g.chance(4) { // a neighbour in the same network
				b[3] ^= byte(1 << g.r.IntN(8))
			}
			return b
		}
	}
	switch g.r.IntN(10) {
	case 0:
		return []byte{255, 255, 255, 255}
	case 1:
		return []byte{byte(224 + g.r.IntN(16)), 0, 0, byte(g.r.Uint32())}
	case 2:
		return []byte{10, byte(g.r.IntN(4)), byte(g.r.IntN(4)), byte(g.r.Uint32())}
	case 3:
		return []byte{127, 0, 0, 1}
	case 4:
		return []byte{192, 168, byte(g.r.IntN(3)), 255}
	}
	return g.bytes(4)
}

func (g *gen) ip6() []byte {
	if a, ok := seeded(g, g.s.IPv6); ok && len(a) == net.IPv6len {
		b := append([]byte(nil), a...)
		if g.chance(4) {
			b[15] ^= byte(1 << g.r.IntN(8))
		}
		return b
	}
	switch g.r.IntN(6) {
	case 0:
		b := make([]byte, 16)
		b[0], b[1], b[15] = 0xff, 0x02, byte(1+g.r.IntN(3))
		return b
	case 1:
		b := g.bytes(16)
		b[0], b[1] = 0xfe, 0x80
		return b
	case 2:
		b := make([]byte, 16)
		b[15] = 1
		return b
	case 3:
		if a, ok := pick(g, g.s.IPv4); ok && a.To4() != nil { // v4-mapped
			b := make([]byte, 10, 16)
			return append(append(b, 0xff, 0xff), a.To4()...)
		}
	}
	return g.bytes(16)
}

func (g *gen) port() uint16 {
	if p, ok := seeded(g, g.s.Ports); ok {
		return p
	}
	if g.chance(3) {
		return []uint16{20, 21, 22, 23, 25, 53, 67, 68, 69, 80, 110, 123, 137, 161, 179, 443, 500, 514, 520,
			1812, 2049, 4500, 4789, 5060, 6081, 8080}[g.r.IntN(26)]
	}
	return uint16(g.r.Uint32())
}

func (g *gen) constByte() byte {
	if c, ok := seeded(g, g.s.Consts); ok && c < 256 {
		return byte(c)
	}
	return byte(g.r.Uint32())
}

// ipProto picks the protocol a v4 or v6 header carries.
func (g *gen) ipProto(v6 bool) uint8 {
	if p, ok := seeded(g, g.s.Protos); ok && g.chance(2) {
		return p
	}
	common := []uint8{6, 6, 6, 17, 17, 17, 1, 2, 103, 47, 132, 50, 51, 112, 89, 4, 41, 9, 88, 0}
	if v6 {
		common = []uint8{6, 6, 6, 17, 17, 17, 58, 58, 103, 47, 132, 50, 51, 0, 43, 44, 60, 89, 4, 41}
	}
	if g.chance(12) {
		return byte(g.r.Uint32())
	}
	return common[g.r.IntN(len(common))]
}

// ipv4 wraps payload in an IPv4 header. Options, fragments and odd header
// lengths are generated now and then.
func (g *gen) ipv4(proto uint8, payload []byte, nonFirst bool) []byte {
	ihl := 5
	if g.chance(8) {
		ihl = 6 + g.r.IntN(10)
	}
	h := make([]byte, 0, ihl*4+len(payload))
	h = append(h, byte(0x40|ihl), byte(g.r.Uint32()&0xfc))
	h = be16(h, uint16(ihl*4+len(payload)))
	h = be16(h, uint16(g.r.Uint32()))
	var frag uint16
	switch {
	case nonFirst:
		frag = uint16(1 + g.r.IntN(0x1fff))
		if g.chance(2) {
			frag |= 0x2000
		}
	case g.chance(6):
		frag = 0x2000 // first fragment
	case g.chance(2):
		frag = 0x4000 // DF
	}
	h = be16(h, frag)
	h = append(h, byte(1+g.r.IntN(255)), proto, 0, 0)
	h = append(h, g.ip4()...)
	h = append(h, g.ip4()...)
	for len(h) < ihl*4 {
		switch g.r.IntN(4) {
		case 0:
			h = append(h, 1) // NOP
		case 1:
			if ihl*4-len(h) >= 4 {
				h = append(h, 148, 4, 0, 0) // router alert
			} else {
				h = append(h, 0)
			}
		default:
			h = append(h, byte(g.r.Uint32()))
		}
	}
	return append(h, payload...)
}

// ipv6 wraps payload (whose type is next) in an IPv6 header, with a chain
// of extension headers now and then.
func (g *gen) ipv6(next uint8, payload []byte) []byte {
	nExt := 0
	if g.chance(3) {
		nExt = 1 + g.r.IntN(3)
	}
	for i := 0; i < nExt; i++ {
		typ := []uint8{0, 43, 44, 60, 51}[g.r.IntN(5)]
		if i == nExt-1 && g.chance(4) {
			typ = 0 // hop-by-hop comes first
		}
		var e []byte
		switch typ {
		case 44: // fragment
			off := uint16(0)
			if g.chance(3) {
				off = uint16(1+g.r.IntN(0x1fff)) << 3
				payload = g.bytes(len(payload)) // a non-first fragment holds no header
			}
			if g.chance(2) {
				off |= 1
			}
			e = append([]byte{next, 0}, be16(nil, off)...)
			e = be32(e, g.r.Uint32())
		case 51: // AH: length in 4-byte units minus 2
			e = []byte{next, 4, 0, 0}
			e = be32(e, g.r.Uint32())
			e = be32(e, g.r.Uint32())
			e = append(e, g.bytes(12)...)
		default:
			words := g.r.IntN(3)
			e = []byte{next, byte(words)}
			if typ == 43 { // routing: type, segments left
				e = append(e, byte(g.r.IntN(5)), byte(g.r.IntN(3)))
				e = append(e, g.bytes(4+8*words)...)
			} else {
				e = append(e, 1, byte(4+8*words)) // PadN
				e = append(e, make([]byte, 4+8*words)...)
			}
		}
		payload = append(e, payload...)
		next = typ
	}
	h := []byte{0x60 | byte(g.r.IntN(16)), byte(g.r.Uint32()), byte(g.r.Uint32()), byte(g.r.Uint32())}
	h = be16(h, uint16(len(payload)))
	h = append(h, next, byte(1+g.r.IntN(255)))
	h = append(h, g.ip6()...)
	h = append(h, g.ip6()...)
	return append(h, payload...)
}

// --- transport ------------------------------------------------------------

func (g *gen) tcp() []byte {
	optWords := 0
	if g.chance(2) {
		optWords = 1 + g.r.IntN(10)
	}
	h := be16(nil, g.port())
	h = be16(h, g.port())
	h = be32(h, g.r.Uint32())
	h = be32(h, g.r.Uint32())
	flags := byte(g.r.Uint32())
	switch g.r.IntN(4) {
	case 0:
		flags = 0x02 // SYN
	case 1:
		flags = 0x12 // SYN|ACK
	case 2:
		flags = 0x10 | byte(g.r.IntN(2))*0x08 // ACK, PSH
	}
	if c, ok := seeded(g, g.s.Consts); ok && c < 256 {
		flags = byte(c)
	}
	h = append(h, byte((5+optWords)<<4)|byte(g.r.IntN(2)), flags)
	h = be16(h, uint16(g.r.Uint32()))
	h = append(h, 0, 0)
	h = be16(h, uint16(g.r.IntN(3)))
	for n := 0; n < optWords*4; {
		switch left := optWords*4 - n; {
		case left >= 4 && g.chance(2):
			h = append(h, 2, 4)
			h = be16(h, 1460) // MSS
			n += 4
		case left >= 3 && g.chance(3):
			h = append(h, 3, 3, byte(g.r.IntN(15))) // window scale
			n += 3
		case left >= 10 && g.chance(2):
			h = append(h, 8, 10)
			h = be32(h, g.r.Uint32())
			h = be32(h, g.r.Uint32()) // timestamps
			n += 10
		case left >= 2 && g.chance(3):
			h = append(h, 4, 2) // SACK permitted
			n += 2
		default:
			h = append(h, 1)
			n++
		}
	}
	return append(h, g.bytes(g.r.IntN(40))...)
}

func (g *gen) udp(depth int) []byte {
	sport, dport := g.port(), g.port()
	var payload []byte
	switch {
	case depth < 1 && g.chance(6):
		dport = 4789
		payload = []byte{0x08, 0, 0, 0}
		if g.chance(6) {
			payload[0] = byte(g.r.Uint32())
		}
		payload = be32(payload, g.vni()<<8)
		payload = append(payload, g.ethernet(depth+1, nil).Data...)
	case depth < 1 && g.chance(6):
		dport = 6081
		optLen := 0
		if g.chance(3) {
			optLen = 1 + g.r.IntN(3)
		}
		proto := uint16(0x6558)
		if g.chance(4) {
			proto = []uint16{0x0800, 0x86dd, 0x1234}[g.r.IntN(3)]
		}
		payload = []byte{byte(optLen), byte(g.r.IntN(2)) << 7}
		payload = be16(payload, proto)
		payload = be32(payload, g.vni()<<8)
		payload = append(payload, g.bytes(optLen*4)...)
		switch proto {
		case 0x6558:
			payload = append(payload, g.ethernet(depth+1, nil).Data...)
		case 0x0800:
			payload = append(payload, g.ipv4Packet(depth+1)...)
		case 0x86dd:
			payload = append(payload, g.ipv6Packet(depth+1)...)
		default:
			payload = append(payload, g.bytes(20)...)
		}
	default:
		payload = g.bytes(g.r.IntN(48))
	}
	h := be16(nil, sport)
	h = be16(h, dport)
	h = be16(h, uint16(8+len(payload)))
	h = append(h, 0, 0)
	return append(h, payload...)
}

func (g *gen) icmp(v6 bool) []byte {
	var typ byte
	if v6 {
		typ = []byte{1, 2, 3, 4, 128, 129, 130, 131, 133, 134, 135, 136, 137, 143}[g.r.IntN(14)]
	} else {
		typ = []byte{0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}[g.r.IntN(15)]
	}
	if g.chance(4) {
		typ = g.constByte()
	}
	h := []byte{typ, byte(g.r.IntN(16)), 0, 0}
	return append(h, g.bytes(4+g.r.IntN(28))...)
}

func (g *gen) transport(proto uint8, v6 bool, depth int) []byte {
	switch proto {
	case 6:
		return g.tcp()
	case 17:
		return g.udp(depth)
	case 1, 58:
		return g.icmp(proto == 58)
	case 2: // IGMP
		h := []byte{[]byte{0x11, 0x12, 0x16, 0x17, 0x22}[g.r.IntN(5)], byte(g.r.IntN(100)), 0, 0}
		return append(h, g.ip4()...)
	case 103: // PIM: version 2, type
		h := []byte{0x20 | byte(g.r.IntN(10)), 0, 0, 0}
		return append(h, g.bytes(8+g.r.IntN(20))...)
	case 132: // SCTP common header and a chunk
		h := be16(nil, g.port())
		h = be16(h, g.port())
		h = be32(h, g.r.Uint32())
		h = be32(h, 0)
		return append(h, byte(g.r.IntN(16)), 0, 0, 4)
	case 47: // GRE
		var inner []byte
		proto := []uint16{0x0800, 0x86dd, 0x6558, 0x880b}[g.r.IntN(4)]
		if depth < 1 {
			switch proto {
			case 0x0800:
				inner = g.ipv4Packet(depth + 1)
			case 0x86dd:
				inner = g.ipv6Packet(depth + 1)
			case 0x6558:
				inner = g.ethernet(depth+1, nil).Data
			}
		}
		flags := uint16(0)
		h := []byte{}
		if g.chance(3) {
			flags |= 0x2000 // key
			h = be32(h, g.r.Uint32())
		}
		return append(append(be16(be16(nil, flags), proto), h...), inner...)
	case 4: // IP in IP
		if depth < 1 {
			return g.ipv4Packet(depth + 1)
		}
	case 41:
		if depth < 1 {
			return g.ipv6Packet(depth + 1)
		}
	case 51: // AH in IPv4, then a transport header
		next := g.ipProto(v6)
		if next == 51 {
			next = 6
		}
		h := []byte{next, 4, 0, 0}
		h = be32(h, g.r.Uint32())
		h = be32(h, g.r.Uint32())
		h = append(h, g.bytes(12)...)
		return append(h, g.transport(next, v6, depth+1)...)
	case 112: // VRRP / CARP
		h := []byte{0x21, byte(g.r.IntN(256)), byte(g.r.IntN(256)), 1}
		return append(h, g.bytes(12)...)
	}
	return g.bytes(g.r.IntN(40))
}

func (g *gen) ipv4Packet(depth int) []byte {
	proto := g.ipProto(false)
	nonFirst := g.chance(10)
	var payload []byte
	if nonFirst {
		payload = g.bytes(8 + g.r.IntN(40))
	} else {
		payload = g.transport(proto, false, depth)
	}
	return g.ipv4(proto, payload, nonFirst)
}

func (g *gen) ipv6Packet(depth int) []byte {
	proto := g.ipProto(true)
	var payload []byte
	switch proto {
	case 0, 43, 44, 60: // an extension header the chain generator did not add
		payload = append([]byte{6, 0, 1, 4, 0, 0, 0, 0}, g.tcp()...)
	default:
		payload = g.transport(proto, true, depth)
	}
	return g.ipv6(proto, payload)
}
