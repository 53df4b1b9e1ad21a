package testframes

import (
	"encoding/binary"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// udp4 is an Ethernet/IPv4/UDP frame between the fixed addresses.
func udp4(sport, dport uint16, payload []byte) []byte {
	return withUDP(ipv4(layers.IPProtocolUDP), sport, dport, payload, eth(layers.EthernetTypeIPv4))
}

// UDP4 is an Ethernet/IPv4/UDP frame carrying payload, for tests that
// craft application messages.
func UDP4(sport, dport uint16, payload []byte) []byte { return udp4(sport, dport, payload) }

// tcp4 is an Ethernet/IPv4/TCP segment (PSH|ACK) carrying payload.
func tcp4(sport, dport uint16, seq uint32, payload []byte) []byte {
	return withTCP(ipv4(layers.IPProtocolTCP), tcp(sport, dport, seq, 1, "PA"), payload, eth(layers.EthernetTypeIPv4))
}

// DNSForwardPointers is a DNS message whose question name is a compression
// pointer forwards, to a run of labels that ends in a pointer back to
// itself, and whose answers (an of them) point there too: a name reader
// that follows pointers without requiring them to point backwards loops
// (or, with a hop limit, does hops × run length work per name).
func DNSForwardPointers(response bool, an int) []byte {
	const hdr = 12
	qEnd := hdr + 2 + 4
	rrLen := 2 + 10 + 4
	region := qEnd + an*rrLen
	m := make([]byte, region)
	binary.BigEndian.PutUint16(m[0:], 0x5151)
	if response {
		binary.BigEndian.PutUint16(m[2:], 0x8180)
	} else {
		binary.BigEndian.PutUint16(m[2:], 0x0100)
	}
	binary.BigEndian.PutUint16(m[4:], 1)
	binary.BigEndian.PutUint16(m[6:], uint16(an))
	ptr := 0xc000 | uint16(region)
	binary.BigEndian.PutUint16(m[hdr:], ptr)
	binary.BigEndian.PutUint32(m[hdr+2:], 0x00010001) // A IN
	for i := 0; i < an; i++ {
		rr := m[qEnd+i*rrLen:]
		binary.BigEndian.PutUint16(rr, ptr)
		binary.BigEndian.PutUint32(rr[2:], 0x00010001)
		binary.BigEndian.PutUint32(rr[6:], 60)
		binary.BigEndian.PutUint16(rr[10:], 4)
		copy(rr[12:], []byte{10, 199, 0, byte(i)})
	}
	for i := 0; i < 8; i++ {
		label := make([]byte, 63)
		for j := range label {
			label[j] = 'a' + byte(i)
		}
		m = append(append(m, 63), label...)
	}
	return append(m, byte(ptr>>8), byte(ptr))
}

// Protocols returns frames of the application and routing protocols the
// printer decodes beyond the transport layer, and hostile variants of
// them, for comparison with tcpdump.
func Protocols() []Frame {
	var fs []Frame
	add := func(name string, b []byte) { fs = append(fs, Frame{Name: name, Data: b, Length: len(b)}) }

	add("dns-fwdptr-query", udp4(40000, 53, DNSForwardPointers(false, 0)))
	add("dns-fwdptr-response", udp4(53, 40000, DNSForwardPointers(true, 20)))
	fwd := DNSForwardPointers(true, 3)
	add("dns-fwdptr-tcp", tcp4(53, 40000, 1, append([]byte{byte(len(fwd) >> 8), byte(len(fwd))}, fwd...)))
	return stamp(fs, time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
}

// TCP4 is an Ethernet/IPv4/TCP segment (PSH|ACK) carrying payload.
func TCP4(sport, dport uint16, payload []byte) []byte { return tcp4(sport, dport, 1, payload) }
