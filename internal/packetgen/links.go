package packetgen

import (
	"encoding/binary"

	"github.com/gocap/gocap/linktype"
)

// The link layers beyond Ethernet, cooked and raw IP: each Ethernet frame
// of the corpus is re-encapsulated with the header the link type puts
// before the same network-layer packet, with the header's fields (frame
// types, direction bits, addresses, pseudo-header values) drawn from the
// frame's Random metadata so that the tests of each field see both
// outcomes.

// llc is the 802.2 form of an Ethernet frame's payload: an 802.3 frame's
// LLC header as it is, an Ethernet II frame's payload behind LLC/SNAP with
// encapsulated-Ethernet OUI.
func llc(f Frame) ([]byte, bool) {
	if len(f.Data) < 14 {
		return nil, false
	}
	typ := binary.BigEndian.Uint16(f.Data[12:])
	if typ <= 1500 {
		return f.Data[14:], true
	}
	h := []byte{0xaa, 0xaa, 0x03, 0, 0, 0, byte(typ >> 8), byte(typ)}
	if typ == 0x809b { // AppleTalk behind Apple's OUI
		h[3], h[4], h[5] = 0x08, 0x00, 0x07
	}
	return append(h, f.Data[14:]...), true
}

// rnd picks from Random's bits: n values, starting at bit shift.
func rnd(f Frame, shift, n uint32) uint32 { return (f.Meta.Random >> shift) % n }

// macs returns an Ethernet frame's destination and source.
func macs(f Frame) (dst, src []byte) { return f.Data[0:6], f.Data[6:12] }

func withLLC(f Frame, hdr []byte, desc string) (Frame, bool) {
	payload, ok := llc(f)
	if !ok {
		return Frame{}, false
	}
	return withHeader(f, hdr, payload, desc), true
}

// ieee80211 builds an 802.11 header for the frame: mostly data frames
// (QoS or not, with each combination of the DS bits and the addresses
// where they go), some management and control frames.
func ieee80211(f Frame) []byte {
	dst, src := macs(f)
	bss := []byte{0x02, 0, 0, 0, 0, byte(f.Meta.Random)}
	fc0 := byte(0x08) // data
	switch rnd(f, 3, 8) {
	case 0:
		fc0 = 0x88 // QoS data
	case 1:
		fc0 = 0x88
	case 2:
		fc0 = byte(rnd(f, 11, 16)) << 4 // management
	case 3:
		fc0 = byte(rnd(f, 11, 16))<<4 | 0x04 // control (CTS 0xc4, ACK 0xd4 among them)
	}
	dir := byte(rnd(f, 7, 4))
	var a1, a2, a3 []byte
	switch dir {
	case 0:
		a1, a2, a3 = dst, src, bss
	case 1: // to DS
		a1, a2, a3 = bss, src, dst
	case 2: // from DS
		a1, a2, a3 = dst, bss, src
	default:
		a1, a2, a3 = bss, bss, dst
	}
	h := append([]byte{fc0, dir, 0, 0}, a1...)
	h = append(append(h, a2...), a3...)
	h = append(h, 0, 0)
	if dir == 3 {
		h = append(h, src...) // addr4, which libpcap's header length ignores
	}
	if fc0&0xf0 == 0x80 && fc0&0x0c == 0x08 {
		h = append(h, byte(rnd(f, 13, 8)), 0)
	}
	return h
}

// radioPrefix builds the radio header of the 802.11 variants.
func radioPrefix(f Frame, lt linktype.Type) []byte {
	switch lt {
	case linktype.IEEE80211Radio:
		// Radiotap: version, pad, little-endian length and presence bits;
		// sometimes the flags field (with or without TSFT before it).
		switch rnd(f, 17, 3) {
		case 0:
			return []byte{0, 0, 8, 0, 0, 0, 0, 0}
		case 1:
			return []byte{0, 0, 9, 0, 0x02, 0, 0, 0, byte(rnd(f, 19, 2)) << 5}
		}
		h := []byte{0, 0, 17, 0, 0x03, 0, 0, 0}
		h = append(h, make([]byte, 8)...)
		return append(h, byte(rnd(f, 19, 2))<<5)
	case linktype.IEEE80211RadioAVS:
		h := make([]byte, 64)
		binary.BigEndian.PutUint32(h, 0x80211001)
		binary.BigEndian.PutUint32(h[4:], 64)
		return h
	case linktype.PrismHeader:
		if rnd(f, 17, 4) == 0 { // an AVS header on a Prism device
			h := make([]byte, 64)
			binary.BigEndian.PutUint32(h, 0x80211001)
			binary.BigEndian.PutUint32(h[4:], 64)
			return h
		}
		h := make([]byte, 144)
		binary.LittleEndian.PutUint32(h, 0x44)
		return h
	case linktype.PPI:
		h := make([]byte, 8)
		h[2] = 8
		dlt := uint32(linktype.IEEE80211)
		if rnd(f, 17, 8) == 0 {
			dlt = uint32(linktype.Ethernet) // PPI of something else
		}
		binary.LittleEndian.PutUint32(h[4:], dlt)
		return h
	}
	return nil
}

// pppProto maps the frame's EtherType to PPP's protocol numbers.
func pppProto(f Frame) (uint16, []byte, bool) {
	proto, payload, ok := ethPayload(f)
	if !ok {
		return 0, nil, false
	}
	switch proto {
	case etherIPv4:
		return 0x0021, payload, true
	case etherIPv6:
		return 0x0057, payload, true
	case 0x8847:
		return 0x0281, payload, true
	}
	return proto, payload, true
}

// reencapOther is Reencap for the link types of this file; ok is false for
// a frame the link type cannot carry.
func reencapOther(f Frame, lt linktype.Type) (Frame, bool) {
	if len(f.Data) < 14 {
		return Frame{}, false
	}
	dst, src := macs(f)
	switch lt {
	case linktype.FDDI:
		return withLLC(f, append(append([]byte{0x50}, dst...), src...), "fddi")
	case linktype.IEEE802:
		return withLLC(f, append(append([]byte{0x10, 0x40}, dst...), src...), "tr")
	case linktype.IPOverFC:
		h := append(append(append([]byte{0, 0}, dst...), 0, 0), src...)
		return withLLC(f, h, "ipfc")
	case linktype.ATMRFC1483, linktype.ATMCLIP:
		return withLLC(f, nil, "atm")
	case linktype.SunATM:
		vpi, vci := byte(rnd(f, 5, 3)), uint16(rnd(f, 7, 20))
		if rnd(f, 3, 4) == 0 { // LANE: a LEC id, then the Ethernet frame
			return withHeader(f, []byte{0x01, vpi, byte(vci >> 8), byte(vci), 0, 1}, f.Data, "sunatm-lane"), true
		}
		return withLLC(f, []byte{0x02, vpi, byte(vci >> 8), byte(vci)}, "sunatm")
	case linktype.IEEE80211, linktype.IEEE80211Radio, linktype.IEEE80211RadioAVS, linktype.PrismHeader, linktype.PPI:
		h := append(radioPrefix(f, lt), ieee80211(f)...)
		return withLLC(f, h, "802.11")
	case linktype.PPP, linktype.PPPSerial:
		p, payload, ok := pppProto(f)
		return withHeader(f, []byte{0xff, 0x03, byte(p >> 8), byte(p)}, payload, "ppp"), ok
	case linktype.PPPPPPD:
		p, payload, ok := pppProto(f)
		return withHeader(f, []byte{byte(rnd(f, 3, 2)), 0x03, byte(p >> 8), byte(p)}, payload, "ppp"), ok
	case linktype.PPPoE:
		p, payload, ok := pppProto(f)
		return withHeader(f, []byte{0x11, 0, 0, 1, 0, 0, byte(p >> 8), byte(p)}, payload, "pppoe"), ok
	case linktype.CiscoHDLC:
		proto, payload, ok := ethPayload(f)
		if proto <= 1500 {
			proto = 0xfefe
		}
		return withHeader(f, []byte{0x0f, 0, byte(proto >> 8), byte(proto)}, payload, "chdlc"), ok
	case linktype.SLIP, linktype.SLIPBSDOS:
		_, payload, ok := ipPayload(f)
		n := 16
		if lt == linktype.SLIPBSDOS {
			n = 24
		}
		h := make([]byte, n)
		h[0] = byte(rnd(f, 3, 2))
		return withHeader(f, h, payload, "slip"), ok
	case linktype.PFLog:
		v, payload, ok := ipPayload(f)
		h := make([]byte, 64)
		h[0] = 61
		h[1] = map[int]byte{4: 2, 6: 10}[v]
		h[2], h[3] = byte(rnd(f, 3, 4)), byte(rnd(f, 5, 8))
		copy(h[4:], "pflog0")
		binary.BigEndian.PutUint32(h[36:], rnd(f, 9, 4))
		h[60] = byte(1 + rnd(f, 11, 2))
		return withHeader(f, h, payload, "pflog"), ok
	case linktype.Enc:
		v, payload, ok := ipPayload(f)
		h := make([]byte, 12)
		binary.LittleEndian.PutUint32(h, map[int]uint32{4: 2, 6: 10}[v])
		return withHeader(f, h, payload, "enc"), ok
	case linktype.IPNet:
		v, payload, ok := ipPayload(f)
		h := make([]byte, 24)
		h[1] = map[int]byte{4: 2, 6: 26}[v]
		h[3] = byte(1 + rnd(f, 3, 2))
		return withHeader(f, h, payload, "ipnet"), ok
	case linktype.ARCnet, linktype.ARCnetLinux:
		proto, payload, ok := ethPayload(f)
		code := map[uint16]byte{0x0800: 212, 0x0806: 213, 0x8035: 214, 0x809b: 221, 0x86dd: 0xc4}[proto]
		h := []byte{src[5], dst[5], code, 0, 0, 0}
		if lt == linktype.ARCnetLinux {
			h = []byte{src[5], dst[5], 0, 0, code, 0, 0, 0}
		}
		return withHeader(f, h, payload, "arcnet"), ok
	case linktype.NetAnalyzer:
		return withHeader(f, make([]byte, 4), f.Data, "netanalyzer"), true
	case linktype.NetAnalyzerTransparent:
		return withHeader(f, make([]byte, 12), f.Data, "netanalyzer"), true
	case linktype.DSATagBRCM, linktype.DSATagDSA:
		tag := []byte{byte(rnd(f, 3, 8)) << 5, 0, 0, 0}
		if lt == linktype.DSATagDSA {
			tag[0] = byte(rnd(f, 3, 4)) << 6
		}
		data := append(append(append([]byte{}, f.Data[:12]...), tag...), f.Data[12:]...)
		out := withHeader(f, nil, data, "dsa")
		out.Meta.NetOff = 18
		return out, true
	}
	// Link types whose headers libpcap does not look into (MTP2, the
	// Juniper family, ...): the frame's bytes as they are, which the
	// field-directed frames complete.
	return withHeader(f, nil, f.Data, lt.String()), true
}
