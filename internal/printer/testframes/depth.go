package testframes

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// ICMP4 is an Ethernet/IPv4/ICMP frame: type, code and the message after
// the checksum (rest), with the checksum computed.
func ICMP4(typ, code uint8, rest []byte) []byte {
	r := make([]byte, max(len(rest), 4))
	copy(r, rest)
	return icmp4(typ, code, binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), rest[min(len(rest), 4):])
}

// ICMP6 is an Ethernet/IPv6/ICMPv6 frame: type, code and the message after
// the checksum (rest), with the checksum computed.
func ICMP6(typ, code uint8, rest []byte) []byte { return icmp6(typ, code, rest) }

// IP4 is an Ethernet/IPv4 frame of protocol proto carrying payload as it is.
func IP4(proto uint8, payload []byte) []byte {
	return serialize(eth(layers.EthernetTypeIPv4), ipv4(layers.IPProtocol(proto)), gopacket.Payload(payload))
}

// IP6 is an Ethernet/IPv6 frame of next header nh carrying payload as it is.
func IP6(nh uint8, payload []byte) []byte {
	return serialize(eth(layers.EthernetTypeIPv6), ipv6(layers.IPProtocol(nh)), gopacket.Payload(payload))
}

// UDP6 is an Ethernet/IPv6/UDP frame carrying payload.
func UDP6(sport, dport uint16, payload []byte) []byte {
	return withUDP(ipv6(layers.IPProtocolUDP), sport, dport, payload, eth(layers.EthernetTypeIPv6))
}
