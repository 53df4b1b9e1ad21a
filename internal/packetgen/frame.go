package packetgen

import (
	"encoding/binary"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// Frame is one generated packet: the bytes a filter sees and the kernel
// metadata the ancillary loads read. When Meta.VLANPresent is set the outer
// VLAN tag has been removed from Data, as the kernel does.
type Frame struct {
	Data []byte
	Meta cbpf.Metadata
	// Desc names the layers, e.g. "eth/vlan/ipv4/tcp".
	Desc string
}

// Link types (DLT_ values) the re-encapsulations produce.
const (
	DLTNull      = 0
	DLTEthernet  = 1
	DLTRaw       = 12
	DLTLoop      = 108
	DLTLinuxSLL  = 113
	DLTIPv4      = 228
	DLTIPv6      = 229
	DLTLinuxSLL2 = 276
)

// ether types and protocol values the encapsulations need.
const (
	etherIPv4 = 0x0800
	etherIPv6 = 0x86dd
)

// ethPayload splits an Ethernet frame (VLAN tag stripped or not) into its
// EtherType/length field and the bytes after the 14-byte header. For an
// 802.3 frame proto is the Linux ETH_P_ value the kernel puts in
// skb->protocol (ETH_P_802_3 for Novell raw IPX, ETH_P_802_2 otherwise).
func ethPayload(f Frame) (proto uint16, payload []byte, ok bool) {
	if len(f.Data) < 14 {
		return 0, nil, false
	}
	proto = binary.BigEndian.Uint16(f.Data[12:])
	payload = f.Data[14:]
	if proto <= 1500 {
		if len(payload) >= 2 && payload[0] == 0xff && payload[1] == 0xff {
			proto = 0x0001
		} else {
			proto = 0x0004
		}
	}
	return proto, payload, true
}

func withHeader(f Frame, hdr, payload []byte, desc string) Frame {
	data := make([]byte, 0, len(hdr)+len(payload))
	data = append(append(data, hdr...), payload...)
	out := Frame{Data: data, Meta: f.Meta, Desc: desc + "/" + f.Desc}
	if f.Meta.WireLen != 0 {
		// Keep the number of bytes missing from a truncated capture.
		out.Meta.WireLen = f.Meta.WireLen - uint32(len(f.Data)) + uint32(len(data))
	}
	out.Meta.NetOff = uint32(len(hdr))
	return out
}

// LinuxSLL re-encapsulates an Ethernet frame with a Linux cooked (v1)
// header: packet type, ARPHRD_ETHER, the source MAC, the protocol.
func LinuxSLL(f Frame) (Frame, bool) {
	proto, payload, ok := ethPayload(f)
	if !ok {
		return Frame{}, false
	}
	h := make([]byte, 16)
	binary.BigEndian.PutUint16(h[0:], uint16(f.Meta.PktType))
	binary.BigEndian.PutUint16(h[2:], 1)
	binary.BigEndian.PutUint16(h[4:], 6)
	copy(h[6:12], f.Data[6:12])
	binary.BigEndian.PutUint16(h[14:], proto)
	return withHeader(f, h, payload, "sll"), true
}

// LinuxSLL2 re-encapsulates with a Linux cooked v2 header (protocol,
// interface index, ARPHRD_ETHER, packet type, source MAC).
func LinuxSLL2(f Frame) (Frame, bool) {
	proto, payload, ok := ethPayload(f)
	if !ok {
		return Frame{}, false
	}
	h := make([]byte, 20)
	binary.BigEndian.PutUint16(h[0:], proto)
	binary.BigEndian.PutUint32(h[4:], f.Meta.IfIndex)
	binary.BigEndian.PutUint16(h[8:], 1)
	h[10] = f.Meta.PktType
	h[11] = 6
	copy(h[12:18], f.Data[6:12])
	return withHeader(f, h, payload, "sll2"), true
}

// ipPayload returns the IP packet an Ethernet frame carries, if any.
func ipPayload(f Frame) (version int, payload []byte, ok bool) {
	proto, payload, ok := ethPayload(f)
	if !ok {
		return 0, nil, false
	}
	switch proto {
	case etherIPv4:
		return 4, payload, true
	case etherIPv6:
		return 6, payload, true
	}
	return 0, nil, false
}

// Raw re-encapsulates the IPv4 or IPv6 packet of an Ethernet frame as
// DLT_RAW (no link-layer header).
func Raw(f Frame) (Frame, bool) {
	_, payload, ok := ipPayload(f)
	if !ok {
		return Frame{}, false
	}
	return withHeader(f, nil, payload, "raw"), true
}

// RawIPv4 is DLT_IPV4: only IPv4 packets.
func RawIPv4(f Frame) (Frame, bool) {
	v, payload, ok := ipPayload(f)
	if !ok || v != 4 {
		return Frame{}, false
	}
	return withHeader(f, nil, payload, "ipv4"), true
}

// RawIPv6 is DLT_IPV6: only IPv6 packets.
func RawIPv6(f Frame) (Frame, bool) {
	v, payload, ok := ipPayload(f)
	if !ok || v != 6 {
		return Frame{}, false
	}
	return withHeader(f, nil, payload, "ipv6"), true
}

// BSD address family values for IPv6 differ between systems; libpcap's
// null/loop code accepts all of them.
var af6 = []uint32{10, 24, 28, 30}

// family picks the 4-byte address family for an Ethernet frame's payload:
// AF_INET, one of the AF_INET6 values, or, for other protocols, a value
// that is neither.
func family(f Frame) (uint32, []byte, bool) {
	proto, payload, ok := ethPayload(f)
	if !ok {
		return 0, nil, false
	}
	switch proto {
	case etherIPv4:
		return 2, payload, true
	case etherIPv6:
		return af6[int(f.Meta.Random)%len(af6)], payload, true
	}
	// Keep some non-IP payloads as an unknown family (AF_APPLETALK 16 or a
	// random one) so "not ip" has something to match.
	return 16 + uint32(proto)%7, payload, true
}

// Null re-encapsulates as DLT_NULL: the family in host byte order of the
// capturing machine, little-endian or big-endian.
func Null(f Frame, bigEndian bool) (Frame, bool) {
	af, payload, ok := family(f)
	if !ok {
		return Frame{}, false
	}
	h := make([]byte, 4)
	if bigEndian {
		binary.BigEndian.PutUint32(h, af)
	} else {
		binary.LittleEndian.PutUint32(h, af)
	}
	return withHeader(f, h, payload, "null"), true
}

// Loop re-encapsulates as DLT_LOOP: the family in network byte order.
func Loop(f Frame) (Frame, bool) {
	af, payload, ok := family(f)
	if !ok {
		return Frame{}, false
	}
	h := make([]byte, 4)
	binary.BigEndian.PutUint32(h, af)
	return withHeader(f, h, payload, "loop"), true
}

// Reencap converts an Ethernet frame to link type dlt. ok is false when the
// frame's payload has no representation there (e.g. ARP on DLT_RAW). For
// DLTNull, half the frames (by their Random metadata) use big-endian
// families.
func Reencap(f Frame, dlt int) (Frame, bool) {
	switch dlt {
	case DLTEthernet:
		return f, true
	case DLTLinuxSLL:
		return LinuxSLL(f)
	case DLTLinuxSLL2:
		return LinuxSLL2(f)
	case DLTRaw:
		return Raw(f)
	case DLTIPv4:
		return RawIPv4(f)
	case DLTIPv6:
		return RawIPv6(f)
	case DLTNull:
		return Null(f, f.Meta.Random&0x100 != 0)
	case DLTLoop:
		return Loop(f)
	}
	return reencapOther(f, linktype.Type(dlt))
}

// ReencapAll converts every frame it can.
func ReencapAll(frames []Frame, dlt int) []Frame {
	if dlt == DLTEthernet {
		return frames
	}
	out := make([]Frame, 0, len(frames))
	for _, f := range frames {
		if g, ok := Reencap(f, dlt); ok {
			out = append(out, g)
		}
	}
	return out
}

// PacketMeta is the metadata for a captured packet of link type dlt (from a
// savefile): the network header offset, skb->protocol, the packet type the
// cooked headers record; no VLAN tag out of band.
func PacketMeta(data []byte, dlt int) cbpf.Metadata {
	m := cbpf.Metadata{HAType: 1, IfIndex: 1}
	switch dlt {
	case DLTEthernet:
		m.NetOff = 14
		m.Protocol = skbProtocol(data)
		if len(data) >= 6 {
			switch {
			case data[0]&data[1]&data[2]&data[3]&data[4]&data[5] == 0xff:
				m.PktType = 1
			case data[0]&1 != 0:
				m.PktType = 2
			}
		}
	case DLTLinuxSLL:
		m.NetOff = 16
		if len(data) >= 16 {
			m.PktType = data[1]
			m.Protocol = binary.BigEndian.Uint16(data[14:])
		}
	case DLTLinuxSLL2:
		m.NetOff = 20
		if len(data) >= 20 {
			m.Protocol = binary.BigEndian.Uint16(data[0:])
			m.IfIndex = binary.BigEndian.Uint32(data[4:])
			m.PktType = data[10]
		}
	case DLTNull, DLTLoop:
		m.NetOff = 4
	}
	return m
}
