// Package testframes builds deterministic Ethernet frames of the protocols
// gocap's text output decodes (TCP, UDP, DNS, ICMP, ICMPv6, ARP, VLAN, MPLS,
// fragments, truncation, unknown ethertypes) and writes them as a classic
// pcap file, for tests that compare gocap's output with tcpdump's.
package testframes

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/rand"
	"net"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// Frame is one generated frame with its capture metadata.
type Frame struct {
	Name   string
	Data   []byte // captured bytes (possibly truncated)
	Length int    // original length
	Time   time.Time
}

var (
	macA = net.HardwareAddr{0x02, 0x00, 0x00, 0x00, 0x00, 0x0a}
	macB = net.HardwareAddr{0x02, 0x00, 0x00, 0x00, 0x00, 0x0b}
	ip4A = net.IP{10, 199, 7, 1}
	ip4B = net.IP{10, 199, 7, 2}
	ip6A = net.ParseIP("fd00:199:7::1")
	ip6B = net.ParseIP("fd00:199:7::2")
)

func serialize(ls ...gopacket.SerializableLayer) []byte {
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ls...); err != nil {
		panic(fmt.Sprintf("testframes: serialize: %v", err))
	}
	return append([]byte(nil), buf.Bytes()...)
}

func eth(t layers.EthernetType) *layers.Ethernet {
	return &layers.Ethernet{SrcMAC: macA, DstMAC: macB, EthernetType: t}
}

func ipv4(p layers.IPProtocol) *layers.IPv4 {
	return &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Id: 0x1234, Flags: layers.IPv4DontFragment,
		Protocol: p, SrcIP: ip4A, DstIP: ip4B}
}

func ipv6(p layers.IPProtocol) *layers.IPv6 {
	return &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: p, SrcIP: ip6A, DstIP: ip6B}
}

func tcp(sport, dport uint16, seq, ack uint32, flags string, opts ...layers.TCPOption) *layers.TCP {
	t := &layers.TCP{SrcPort: layers.TCPPort(sport), DstPort: layers.TCPPort(dport), Seq: seq, Ack: ack,
		Window: 64240, Options: opts}
	for _, f := range flags {
		switch f {
		case 'S':
			t.SYN = true
		case 'A':
			t.ACK = true
		case 'F':
			t.FIN = true
		case 'R':
			t.RST = true
		case 'P':
			t.PSH = true
		case 'U':
			t.URG = true
			t.Urgent = 7
		case 'E':
			t.ECE = true
		case 'W':
			t.CWR = true
		}
	}
	return t
}

func synOptions() []layers.TCPOption {
	ts := make([]byte, 8)
	binary.BigEndian.PutUint32(ts, 1000)
	return []layers.TCPOption{
		{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}},
		{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2},
		{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: ts},
		{OptionType: layers.TCPOptionKindNop, OptionLength: 1},
		{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{7}},
	}
}

func tsOption(val, ecr uint32) []layers.TCPOption {
	ts := make([]byte, 8)
	binary.BigEndian.PutUint32(ts, val)
	binary.BigEndian.PutUint32(ts[4:], ecr)
	return []layers.TCPOption{
		{OptionType: layers.TCPOptionKindNop, OptionLength: 1},
		{OptionType: layers.TCPOptionKindNop, OptionLength: 1},
		{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: ts},
	}
}

func withTCP(ip gopacket.NetworkLayer, t *layers.TCP, payload []byte, link ...gopacket.SerializableLayer) []byte {
	if err := t.SetNetworkLayerForChecksum(ip); err != nil {
		panic(err)
	}
	ls := append(link, ip.(gopacket.SerializableLayer), t, gopacket.Payload(payload))
	return serialize(ls...)
}

func withUDP(ip gopacket.NetworkLayer, sport, dport uint16, payload []byte, link ...gopacket.SerializableLayer) []byte {
	u := &layers.UDP{SrcPort: layers.UDPPort(sport), DstPort: layers.UDPPort(dport)}
	if err := u.SetNetworkLayerForChecksum(ip); err != nil {
		panic(err)
	}
	ls := append(link, ip.(gopacket.SerializableLayer), u, gopacket.Payload(payload))
	return serialize(ls...)
}

func dnsQuery(id uint16, name string, t layers.DNSType) []byte {
	d := &layers.DNS{ID: id, RD: true, Questions: []layers.DNSQuestion{{Name: []byte(name), Type: t, Class: layers.DNSClassIN}}}
	return serialize(d)
}

func dnsAnswer(id uint16, name string, rcode layers.DNSResponseCode, answers ...layers.DNSResourceRecord) []byte {
	d := &layers.DNS{ID: id, QR: true, RD: true, RA: true, ResponseCode: rcode,
		Questions: []layers.DNSQuestion{{Name: []byte(name), Type: layers.DNSTypeA, Class: layers.DNSClassIN}},
		Answers:   answers}
	return serialize(d)
}

func icmp4(typ, code uint8, id, seq uint16, payload []byte) []byte {
	ic := &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(typ, code), Id: id, Seq: seq}
	return serialize(eth(layers.EthernetTypeIPv4), ipv4(layers.IPProtocolICMPv4), ic, gopacket.Payload(payload))
}

func icmp6(typ, code uint8, body []byte) []byte {
	ip := ipv6(layers.IPProtocolICMPv6)
	ic := &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(typ, code)}
	if err := ic.SetNetworkLayerForChecksum(ip); err != nil {
		panic(err)
	}
	return serialize(eth(layers.EthernetTypeIPv6), ip, ic, gopacket.Payload(body))
}

func arp(op uint16, tha net.HardwareAddr) []byte {
	a := &layers.ARP{AddrType: layers.LinkTypeEthernet, Protocol: layers.EthernetTypeIPv4,
		HwAddressSize: 6, ProtAddressSize: 4, Operation: op,
		SourceHwAddress: macA, SourceProtAddress: ip4A, DstHwAddress: tha, DstProtAddress: ip4B}
	e := eth(layers.EthernetTypeARP)
	if op == layers.ARPRequest {
		e.DstMAC = net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	}
	return serialize(e, a)
}

// Fixed returns the hand-picked frames: one or more of every kind the
// printer knows.
func Fixed() []Frame {
	payload := make([]byte, 100)
	for i := range payload {
		payload[i] = byte(i + 32)
	}
	e4 := eth(layers.EthernetTypeIPv4)
	e6 := eth(layers.EthernetTypeIPv6)
	var fs []Frame
	add := func(name string, b []byte) { fs = append(fs, Frame{Name: name, Data: b, Length: len(b)}) }

	add("tcp4-syn", withTCP(ipv4(layers.IPProtocolTCP), tcp(40000, 33333, 1000, 0, "S", synOptions()...), nil, e4))
	add("tcp4-synack", withTCP(swap4(ipv4(layers.IPProtocolTCP)), tcp(33333, 40000, 5000, 1001, "SA", synOptions()...), nil, e4))
	add("tcp4-ack", withTCP(ipv4(layers.IPProtocolTCP), tcp(40000, 33333, 1001, 5001, "A", tsOption(1001, 2001)...), nil, e4))
	add("tcp4-push", withTCP(ipv4(layers.IPProtocolTCP), tcp(40000, 33333, 1001, 5001, "PA", tsOption(1002, 2001)...), payload, e4))
	add("tcp4-push-back", withTCP(swap4(ipv4(layers.IPProtocolTCP)), tcp(33333, 40000, 5001, 1101, "PA"), payload[:10], e4))
	add("tcp4-fin", withTCP(ipv4(layers.IPProtocolTCP), tcp(40000, 33333, 1101, 5011, "FA"), nil, e4))
	add("tcp4-rst", withTCP(ipv4(layers.IPProtocolTCP), tcp(40001, 33334, 77, 0, "R"), nil, e4))
	add("tcp4-urg-ecn", withTCP(ipv4(layers.IPProtocolTCP), tcp(40002, 33335, 9, 0, "SEW"), nil, e4))
	add("tcp4-urg", withTCP(ipv4(layers.IPProtocolTCP), tcp(40003, 33336, 9, 3, "UAP"), payload[:5], e4))
	add("tcp6-syn", withTCP(ipv6(layers.IPProtocolTCP), tcp(40000, 33333, 1000, 0, "S", synOptions()...), nil, e6))
	add("tcp6-synack", withTCP(swap6(ipv6(layers.IPProtocolTCP)), tcp(33333, 40000, 7000, 1001, "SA", synOptions()...), nil, e6))
	add("tcp6-ack", withTCP(ipv6(layers.IPProtocolTCP), tcp(40000, 33333, 1001, 7001, "A"), nil, e6))
	add("udp4", withUDP(ipv4(layers.IPProtocolUDP), 40000, 33333, payload[:20], e4))
	add("udp6", withUDP(ipv6(layers.IPProtocolUDP), 40000, 33333, payload[:30], e6))
	add("dns4-query", withUDP(ipv4(layers.IPProtocolUDP), 40000, 53, dnsQuery(0x1234, "example.com", layers.DNSTypeA), e4))
	add("dns4-aaaa", withUDP(ipv4(layers.IPProtocolUDP), 40000, 53, dnsQuery(7, "example.org", layers.DNSTypeAAAA), e4))
	add("dns4-answer", withUDP(swap4(ipv4(layers.IPProtocolUDP)), 53, 40000, dnsAnswer(0x1234, "example.com", layers.DNSResponseCodeNoErr,
		layers.DNSResourceRecord{Name: []byte("example.com"), Type: layers.DNSTypeA, Class: layers.DNSClassIN, TTL: 60, IP: net.IP{93, 184, 216, 34}}), e4))
	add("dns4-nxdomain", withUDP(swap4(ipv4(layers.IPProtocolUDP)), 53, 40000, dnsAnswer(9, "nope.example", layers.DNSResponseCodeNXDomain), e4))
	q := dnsQuery(0x4242, "example.com", layers.DNSTypeA)
	add("dns-tcp", withTCP(ipv4(layers.IPProtocolTCP), tcp(40030, 53, 7, 9, "PA"), append([]byte{byte(len(q) >> 8), byte(len(q))}, q...), e4))
	add("dns6-query", withUDP(ipv6(layers.IPProtocolUDP), 40000, 53, dnsQuery(0xbeef, "example.net", layers.DNSTypeMX), e6))
	add("icmp-echo", icmp4(8, 0, 0x42, 1, payload[:56]))
	add("icmp-reply", icmp4(0, 0, 0x42, 1, payload[:56]))
	inner := withUDP(swap4(ipv4(layers.IPProtocolUDP)), 40000, 33434, payload[:8])
	add("icmp-unreach-port", icmp4(3, 3, 0, 0, inner))
	add("icmp-unreach-host", icmp4(3, 1, 0, 0, inner))
	add("icmp-timeexceeded", icmp4(11, 0, 0, 0, inner))
	add("icmp6-echo", icmp6(128, 0, append([]byte{0, 0x42, 0, 1}, payload[:32]...)))
	add("icmp6-reply", icmp6(129, 0, append([]byte{0, 0x42, 0, 1}, payload[:32]...)))
	ns := append([]byte{0, 0, 0, 0}, ip6B.To16()...)
	add("icmp6-ns", icmp6(135, 0, append(ns, 1, 1, 2, 0, 0, 0, 0, 0x0a)))
	na := append([]byte{0x60, 0, 0, 0}, ip6B.To16()...)
	add("icmp6-na", icmp6(136, 0, na))
	add("icmp6-rs", icmp6(133, 0, []byte{0, 0, 0, 0}))
	add("arp-request", arp(layers.ARPRequest, net.HardwareAddr{0, 0, 0, 0, 0, 0}))
	add("arp-reply", arp(layers.ARPReply, macB))
	vlan := &layers.Dot1Q{VLANIdentifier: 100, Priority: 3, Type: layers.EthernetTypeIPv4}
	add("vlan-udp", withUDP(ipv4(layers.IPProtocolUDP), 40000, 33333, payload[:12], eth(layers.EthernetTypeDot1Q), vlan))
	outer := &layers.Dot1Q{VLANIdentifier: 10, Type: layers.EthernetTypeDot1Q}
	innerVlan := &layers.Dot1Q{VLANIdentifier: 20, Type: layers.EthernetTypeIPv4}
	add("qinq-tcp", withTCP(ipv4(layers.IPProtocolTCP), tcp(40010, 33333, 1, 0, "S"), nil, eth(layers.EthernetTypeQinQ), outer, innerVlan))
	mpls := &layers.MPLS{Label: 100704, TrafficClass: 0, StackBottom: true, TTL: 1}
	add("mpls-udp", withUDP(ipv4(layers.IPProtocolUDP), 42315, 33435, payload[:12], eth(layers.EthernetTypeMPLSUnicast), mpls))
	add("unknown-ethertype", serialize(eth(layers.EthernetType(0x88b5)), gopacket.Payload(payload[:46])))
	frag := ipv4(layers.IPProtocolUDP)
	frag.Flags = layers.IPv4MoreFragments
	frag.FragOffset = 185
	add("ip4-fragment", serialize(e4, frag, gopacket.Payload(payload[:64])))
	add("ip4-proto99", serialize(e4, ipv4(99), gopacket.Payload(payload[:20])))
	add("ip6-proto99", serialize(e6, ipv6(99), gopacket.Payload(payload[:20])))
	opt := ipv4(layers.IPProtocolUDP)
	opt.Options = []layers.IPv4Option{{OptionType: 148, OptionLength: 4, OptionData: []byte{0, 0}}}
	add("ip4-options-udp", withUDP(opt, 40000, 33333, payload[:8], e4))
	tos := ipv4(layers.IPProtocolTCP)
	tos.TOS = 0x10
	tos.TTL = 1
	add("ip4-tos-tcp", withTCP(tos, tcp(40020, 33333, 1, 0, "S"), nil, e4))

	// Truncated captures: cut inside the TCP header, and inside the payload.
	full := withTCP(ipv4(layers.IPProtocolTCP), tcp(40000, 33333, 1001, 5001, "PA"), payload, e4)
	fs = append(fs, Frame{Name: "snap-in-tcp", Data: full[:44], Length: len(full)})
	fs = append(fs, Frame{Name: "snap-in-payload", Data: full[:80], Length: len(full)})
	fs = append(fs, Frame{Name: "snap-in-ip", Data: full[:24], Length: len(full)})
	return stamp(fs, time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC))
}

func swap4(ip *layers.IPv4) *layers.IPv4 { ip.SrcIP, ip.DstIP = ip.DstIP, ip.SrcIP; return ip }
func swap6(ip *layers.IPv6) *layers.IPv6 { ip.SrcIP, ip.DstIP = ip.DstIP, ip.SrcIP; return ip }

func stamp(fs []Frame, t0 time.Time) []Frame {
	for i := range fs {
		fs[i].Time = t0.Add(time.Duration(i) * 1001 * time.Microsecond)
	}
	return fs
}

// Random returns n frames of TCP, UDP, ICMP, ICMPv6 and ARP between random
// addresses and ports, seeded for reproducibility. Ports are kept away from
// the ones tcpdump decodes as applications (it prints e.g. ": HTTP" after
// them), since those protocols are not in the comparison.
func Random(seed int64, n int) []Frame {
	r := rand.New(rand.NewSource(seed))
	port := func() uint16 { return uint16(30000 + r.Intn(30000)) }
	a4 := func() net.IP { return net.IP{10, 199, 7, byte(1 + r.Intn(250))} }
	a6 := func() net.IP {
		ip := append(net.IP(nil), ip6A...)
		ip[14], ip[15] = byte(r.Intn(256)), byte(1+r.Intn(250))
		return ip
	}
	flagsets := []string{"S", "SA", "A", "PA", "FA", "R", "RA", "F", "P", "SEW", "AE"}
	var fs []Frame
	for i := 0; i < n; i++ {
		plen := r.Intn(64)
		payload := make([]byte, plen)
		r.Read(payload)
		var b []byte
		switch k := r.Intn(7); k {
		case 0, 1:
			ip := ipv4(layers.IPProtocolTCP)
			ip.SrcIP, ip.DstIP, ip.Id, ip.TTL = a4(), a4(), uint16(r.Intn(65536)), uint8(1+r.Intn(255))
			t := tcp(port(), port(), r.Uint32(), r.Uint32(), flagsets[r.Intn(len(flagsets))])
			if r.Intn(2) == 0 {
				t.Options = synOptions()
			}
			b = withTCP(ip, t, payload, eth(layers.EthernetTypeIPv4))
		case 2:
			ip := ipv6(layers.IPProtocolTCP)
			ip.SrcIP, ip.DstIP = a6(), a6()
			b = withTCP(ip, tcp(port(), port(), r.Uint32(), r.Uint32(), flagsets[r.Intn(len(flagsets))]), payload, eth(layers.EthernetTypeIPv6))
		case 3:
			ip := ipv4(layers.IPProtocolUDP)
			ip.SrcIP, ip.DstIP = a4(), a4()
			b = withUDP(ip, port(), port(), payload, eth(layers.EthernetTypeIPv4))
		case 4:
			ip := ipv6(layers.IPProtocolUDP)
			ip.SrcIP, ip.DstIP = a6(), a6()
			b = withUDP(ip, port(), port(), payload, eth(layers.EthernetTypeIPv6))
		case 5:
			typ := []uint8{0, 8}[r.Intn(2)]
			b = icmp4(typ, 0, uint16(r.Intn(65536)), uint16(r.Intn(65536)), payload)
		case 6:
			if r.Intn(2) == 0 {
				b = arp(uint16(1+r.Intn(2)), macB)
			} else {
				typ := []uint8{128, 129}[r.Intn(2)]
				b = icmp6(typ, 0, append([]byte{byte(r.Intn(256)), byte(r.Intn(256)), 0, byte(r.Intn(256))}, payload...))
			}
		}
		f := Frame{Name: fmt.Sprintf("random-%d", i), Data: b, Length: len(b)}
		if r.Intn(10) == 0 && len(b) > 20 { // a truncated capture now and then
			f.Data = b[:14+r.Intn(len(b)-14)]
		}
		fs = append(fs, f)
	}
	return stamp(fs, time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC).Add(time.Duration(seed)*time.Second))
}

// Cooked turns Ethernet frames into Linux cooked captures: LINUX_SLL2
// (what "-i any" produces; ifindex names the interface) when v2, else
// LINUX_SLL. Frames shorter than an Ethernet header are dropped.
func Cooked(fs []Frame, v2 bool, ifindex uint32) []Frame {
	var out []Frame
	for i, f := range fs {
		if len(f.Data) < 14 {
			continue
		}
		proto := f.Data[12:14]
		pkttype := byte(i % 5) // host, broadcast, multicast, otherhost, outgoing
		var h []byte
		if v2 {
			h = make([]byte, 20)
			copy(h[0:2], proto)
			binary.BigEndian.PutUint32(h[4:], ifindex)
			binary.BigEndian.PutUint16(h[8:], 1) // ARPHRD_ETHER
			h[10] = pkttype
			h[11] = 6
			copy(h[12:], f.Data[6:12])
		} else {
			h = make([]byte, 16)
			binary.BigEndian.PutUint16(h[0:], uint16(pkttype))
			binary.BigEndian.PutUint16(h[2:], 1)
			binary.BigEndian.PutUint16(h[4:], 6)
			copy(h[6:], f.Data[6:12])
			copy(h[14:16], proto)
		}
		g := f
		g.Data = append(h, f.Data[14:]...)
		g.Length = f.Length - 14 + len(h)
		out = append(out, g)
	}
	return out
}

// WritePcap writes frames as a classic microsecond pcap with link type
// Ethernet and snap length 262144.
func WritePcap(w io.Writer, fs []Frame) error {
	return WritePcapLink(w, fs, layers.LinkTypeEthernet)
}

// WritePcapLink is WritePcap for another link type.
func WritePcapLink(w io.Writer, fs []Frame, lt layers.LinkType) error {
	pw := pcapgo.NewWriter(w)
	if err := pw.WriteFileHeader(262144, lt); err != nil {
		return fmt.Errorf("writing the pcap header: %w", err)
	}
	for _, f := range fs {
		ci := gopacket.CaptureInfo{Timestamp: f.Time, CaptureLength: len(f.Data), Length: f.Length}
		if err := pw.WritePacket(ci, f.Data); err != nil {
			return fmt.Errorf("writing frame %s: %w", f.Name, err)
		}
	}
	return nil
}
