package packetgen

import "encoding/binary"

// ethernet builds one Ethernet frame; depth > 0 for frames inside tunnels,
// which are kept simpler.
func (g *gen) ethernet(depth int, _ []byte) Frame {
	dst, src := g.mac(true), g.mac(false)
	desc := "eth"
	var tags []byte
	if g.chance(5) {
		n := 1
		if g.chance(3) {
			n = 2 + g.r.IntN(2)
		}
		for i := 0; i < n; i++ {
			tpid := uint16(0x8100)
			if n > 1 && i == 0 {
				tpid = []uint16{0x88a8, 0x9100, 0x8100}[g.r.IntN(3)]
			}
			tags = be16(tags, tpid)
			tags = be16(tags, g.vlanTCI())
			desc += "/vlan"
		}
	}
	typ, payload, what := g.l3(depth)
	desc += "/" + what
	data := append(append(append([]byte{}, dst...), src...), tags...)
	if typ <= 1500 {
		typ = uint16(len(payload))
		if g.chance(10) {
			typ = uint16(g.r.IntN(1501))
		}
	}
	data = be16(data, typ)
	data = append(data, payload...)
	if len(data) < 60 && !g.chance(8) {
		data = append(data, make([]byte, 60-len(data))...) // Ethernet padding
	}
	return Frame{Data: data, Desc: desc}
}

// l3 picks what an Ethernet frame carries: its EtherType (or a value <=
// 1500 for an 802.3 frame), the bytes after it and a description.
func (g *gen) l3(depth int) (uint16, []byte, string) {
	n := g.r.IntN(100)
	if depth > 0 {
		n = g.r.IntN(50)
	}
	if t, ok := seeded(g, g.s.EtherTypes); ok && g.chance(4) {
		switch t {
		case 0x0800, 0x86dd, 0x0806, 0x8035, 0x8847, 0x8848, 0x8863, 0x8864, 0x6003, 0x809b, 0x80f3:
		default:
			return t, g.bytes(g.r.IntN(64)), "ethertype"
		}
	}
	switch {
	case n < 32:
		return 0x0800, g.ipv4Packet(depth), "ipv4"
	case n < 52:
		return 0x86dd, g.ipv6Packet(depth), "ipv6"
	case n < 58:
		return 0x0806, g.arp(false), "arp"
	case n < 60:
		return 0x8035, g.arp(true), "rarp"
	case n < 66:
		t := uint16(0x8847)
		if g.chance(5) {
			t = 0x8848
		}
		return t, g.mpls(depth), "mpls"
	case n < 70:
		return 0x8863, g.pppoeDiscovery(), "pppoed"
	case n < 77:
		p, what := g.pppoeSession(depth)
		return 0x8864, p, "pppoes/" + what
	case n < 88:
		p, what := g.llc()
		return 0, p, "llc/" + what
	case n < 91:
		return 0x6003, g.decnet(), "decnet"
	case n < 93:
		return 0x809b, g.ddp(), "atalk"
	case n < 94:
		return 0x80f3, g.aarp(), "aarp"
	case n < 95:
		return 0x8137, g.ipx(), "ipx"
	}
	return g.etherType(), g.bytes(g.r.IntN(64)), "ethertype"
}

func (g *gen) arp(reverse bool) []byte {
	h := be16(nil, 1)
	h = be16(h, 0x0800)
	h = append(h, 6, 4)
	op := uint16(1 + g.r.IntN(2))
	if reverse {
		op += 2
	}
	h = be16(h, op)
	h = append(h, g.mac(false)...)
	h = append(h, g.ip4()...)
	h = append(h, g.mac(true)...)
	return append(h, g.ip4()...)
}

func (g *gen) mpls(depth int) []byte {
	n := 1 + g.r.IntN(3)
	var h []byte
	for i := 0; i < n; i++ {
		v := g.mplsLabel()<<12 | uint32(g.r.IntN(8))<<9 | uint32(g.r.IntN(256))
		if i == n-1 {
			v |= 1 << 8 // bottom of stack
		}
		h = be32(h, v)
	}
	switch g.r.IntN(4) {
	case 0, 1:
		return append(h, g.ipv4Packet(depth+1)...)
	case 2:
		return append(h, g.ipv6Packet(depth+1)...)
	}
	return append(h, g.bytes(g.r.IntN(40))...)
}

func (g *gen) pppoeSession(depth int) ([]byte, string) {
	var ppp []byte
	what := "ppp"
	switch g.r.IntN(5) {
	case 0, 1:
		ppp, what = append(be16(nil, 0x0021), g.ipv4Packet(depth+1)...), "ipv4"
	case 2:
		ppp, what = append(be16(nil, 0x0057), g.ipv6Packet(depth+1)...), "ipv6"
	case 3:
		ppp = append(be16(nil, []uint16{0xc021, 0x8021, 0xc223, 0x8057}[g.r.IntN(4)]), g.bytes(8)...)
	default:
		ppp = append(be16(nil, uint16(g.r.Uint32())), g.bytes(g.r.IntN(20))...)
	}
	h := []byte{0x11, 0}
	h = be16(h, g.sessionID())
	h = be16(h, uint16(len(ppp)))
	return append(h, ppp...), what
}

func (g *gen) sessionID() uint16 {
	if c, ok := seeded(g, g.s.Consts); ok && c <= 0xffff {
		return uint16(c)
	}
	return uint16(g.r.Uint32())
}

func (g *gen) pppoeDiscovery() []byte {
	code := []byte{0x09, 0x07, 0x19, 0x65, 0xa7}[g.r.IntN(5)]
	tags := be16(be16(nil, 0x0101), 0) // Service-Name
	if g.chance(2) {
		tags = append(be16(be16(tags, 0x0103), 4), g.bytes(4)...) // Host-Uniq
	}
	h := []byte{0x11, code}
	h = be16(h, g.sessionID())
	h = be16(h, uint16(len(tags)))
	return append(h, tags...)
}

// llc builds an 802.2 LLC payload (or Novell raw IPX) for an 802.3 frame.
func (g *gen) llc() ([]byte, string) {
	switch g.r.IntN(9) {
	case 0: // STP BPDU
		b := []byte{0x42, 0x42, 0x03, 0, 0, byte(g.r.IntN(3) * 2), 0}
		return append(b, g.bytes(32)...), "stp"
	case 1: // IPX over 802.2
		return append([]byte{0xe0, 0xe0, 0x03}, g.ipx()...), "ipx"
	case 2: // Novell raw 802.3
		return g.ipx(), "ipx-raw"
	case 3: // NetBEUI
		return append([]byte{0xf0, 0xf0, 0x03, 0x2c, 0x00, 0xff, 0xef}, g.bytes(20)...), "netbeui"
	case 4: // ISO: CLNP, ES-IS, IS-IS
		nlpid := []byte{0x81, 0x82, 0x83}[g.r.IntN(3)]
		b := []byte{0xfe, 0xfe, 0x03, nlpid, byte(8 + g.r.IntN(20)), 1, 0, byte(g.r.IntN(32))}
		return append(b, g.bytes(24)...), []string{"clnp", "esis", "isis"}[nlpid-0x81]
	case 5: // SNAP with an EtherType
		t := []uint16{0x0800, 0x86dd, 0x0806, 0x809b, 0x80f3, 0x8137, 0x2000}[g.r.IntN(7)]
		oui := []byte{0, 0, 0}
		if t == 0x809b || g.chance(4) {
			oui = []byte{0x08, 0x00, 0x07}
		}
		if t == 0x2000 {
			oui = []byte{0x00, 0x00, 0x0c} // Cisco CDP
		}
		b := append([]byte{0xaa, 0xaa, 0x03}, oui...)
		b = be16(b, t)
		switch t {
		case 0x0800:
			b = append(b, g.ipv4Packet(1)...)
		case 0x809b:
			b = append(b, g.ddp()...)
		default:
			b = append(b, g.bytes(28)...)
		}
		return b, "snap"
	case 6: // I/U frames with other SAPs
		sap := []byte{0x06, 0x04, 0x42, 0xaa, 0xe0, 0xf0, 0xfe, byte(g.r.Uint32())}[g.r.IntN(8)]
		return append([]byte{sap, sap | byte(g.r.IntN(2)), byte(g.r.Uint32())}, g.bytes(20)...), "llc"
	}
	return append([]byte{g.constByte(), g.constByte(), byte(g.r.Uint32())}, g.bytes(g.r.IntN(30))...), "llc"
}

func (g *gen) ipx() []byte {
	b := []byte{0xff, 0xff}
	b = be16(b, 30+uint16(g.r.IntN(20)))
	b = append(b, 0, byte(g.r.IntN(20)))
	return append(b, g.bytes(24+g.r.IntN(20))...)
}

// decnet builds a DECnet routing header: optional padding, then a short or
// long data packet header with 16-bit area.node addresses.
func (g *gen) decnet() []byte {
	var b []byte
	if g.chance(2) {
		pad := 1 + g.r.IntN(4) // the pad byte counts itself
		b = append(b, 0x80|byte(pad))
		b = append(b, make([]byte, pad-1)...)
	}
	addr := func() []byte {
		// Addresses are little-endian area.node values; a filter compares
		// them with a big-endian halfword load, so a harvested constant is
		// written big-endian.
		if c, ok := seeded(g, g.s.Consts); ok && c <= 0xffff {
			return binary.BigEndian.AppendUint16(nil, uint16(c))
		}
		return binary.LittleEndian.AppendUint16(nil, uint16(g.r.IntN(64))<<10|uint16(g.r.IntN(1024)))
	}
	if g.chance(2) {
		b = append(b, 0x02|byte(g.r.IntN(2))<<3) // short format
		b = append(b, addr()...)
		b = append(b, addr()...)
		b = append(b, byte(g.r.IntN(30)))
	} else {
		b = append(b, 0x06|byte(g.r.IntN(2))<<5) // long format
		b = append(b, 0, 0, 0xaa, 0, 0x04, 0)
		b = append(b, addr()...)
		b = append(b, 0, 0, 0xaa, 0, 0x04, 0)
		b = append(b, addr()...)
		b = append(b, 0, 0, byte(g.r.IntN(30)), 0)
	}
	return append(b, g.bytes(g.r.IntN(20))...)
}

func (g *gen) ddp() []byte {
	b := be16(nil, 13+uint16(g.r.IntN(40)))
	b = append(b, 0, 0)
	b = be16(b, uint16(g.r.Uint32()))
	b = be16(b, uint16(g.r.Uint32()))
	return append(b, g.bytes(5+g.r.IntN(20))...)
}

func (g *gen) aarp() []byte {
	b := be16(nil, 1)
	b = be16(b, 0x809b)
	b = append(b, 6, 4)
	b = be16(b, uint16(1+g.r.IntN(3)))
	return append(b, g.bytes(20)...)
}
