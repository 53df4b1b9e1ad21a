package capture

import (
	"encoding/binary"
	"net"
)

// testFrame is one frame the generator sends, with what the capture must
// report for it.
type testFrame struct {
	name string
	data []byte
	out  bool      // sent from the capturing side (outgoing)
	dir  Direction // expected direction
}

// Addresses inside the test's 10.199.1.0/24 that nobody owns, so the
// receiving stack never answers and the traffic stays exactly what the
// generator sent.
var (
	ipSrc     = net.IPv4(10, 199, 1, 11).To4()
	ipDst     = net.IPv4(10, 199, 1, 50).To4()
	ip6Src    = net.ParseIP("fd00:199:1::11")
	ip6Dst    = net.ParseIP("ff02::1")
	macOther  = net.HardwareAddr{0x02, 0, 0, 0, 0, 0x99}
	macBcast  = net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	macMcast6 = net.HardwareAddr{0x33, 0x33, 0, 0, 0, 1}
)

func be16(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }

func eth(dst, src net.HardwareAddr, tags ...uint16) []byte {
	b := append(append([]byte{}, dst...), src...)
	for _, t := range tags {
		b = be16(b, t)
	}
	return b
}

func csum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// ipv4 returns an IPv4 header + payload.
func ipv4(proto byte, src, dst net.IP, payload []byte) []byte {
	h := make([]byte, 20)
	h[0] = 0x45
	binary.BigEndian.PutUint16(h[2:], uint16(20+len(payload)))
	binary.BigEndian.PutUint16(h[4:], 0x1234)
	h[8] = 64
	h[9] = proto
	copy(h[12:], src)
	copy(h[16:], dst)
	binary.BigEndian.PutUint16(h[10:], csum(h))
	return append(h, payload...)
}

func ipv6(next byte, src, dst net.IP, payload []byte) []byte {
	h := make([]byte, 40)
	h[0] = 0x60
	binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
	h[6] = next
	h[7] = 64
	copy(h[8:], src.To16())
	copy(h[24:], dst.To16())
	return append(h, payload...)
}

func udp(sport, dport uint16, payload []byte) []byte {
	h := make([]byte, 8)
	binary.BigEndian.PutUint16(h[0:], sport)
	binary.BigEndian.PutUint16(h[2:], dport)
	binary.BigEndian.PutUint16(h[4:], uint16(8+len(payload)))
	return append(h, payload...)
}

func tcp(sport, dport uint16, flags byte, payload []byte) []byte {
	h := make([]byte, 20)
	binary.BigEndian.PutUint16(h[0:], sport)
	binary.BigEndian.PutUint16(h[2:], dport)
	binary.BigEndian.PutUint32(h[4:], 1000)
	h[12] = 5 << 4
	h[13] = flags
	binary.BigEndian.PutUint16(h[14:], 65535)
	return append(h, payload...)
}

func icmpEcho(payload []byte) []byte {
	h := []byte{8, 0, 0, 0, 0, 1, 0, 1}
	h = append(h, payload...)
	binary.BigEndian.PutUint16(h[2:], csum(h))
	return h
}

func arpRequest(src net.HardwareAddr, spa, tpa net.IP) []byte {
	b := []byte{0, 1, 8, 0, 6, 4, 0, 1}
	b = append(b, src...)
	b = append(b, spa...)
	b = append(b, 0, 0, 0, 0, 0, 0)
	return append(b, tpa...)
}

// tag makes payloads unique so captured frames can be told apart.
func tag(s string) []byte { return []byte("gocap-test:" + s) }

// testFrames is the traffic of the comparison tests: mac1 is the sender's
// address, mac2 the capturing interface's.
func testFrames(mac1, mac2 net.HardwareAddr) []testFrame {
	big := make([]byte, 1400)
	for i := range big {
		big[i] = byte(i)
	}
	mplsLabel := func(label uint32, bos bool, ttl byte) []byte {
		v := label<<12 | uint32(ttl)
		if bos {
			v |= 1 << 8
		}
		return binary.BigEndian.AppendUint32(nil, v)
	}
	pppoeSess := func(payload []byte) []byte {
		h := []byte{0x11, 0x00, 0x00, 0x2a}
		h = be16(h, uint16(2+len(payload)))
		h = be16(h, 0x0021) // PPP: IPv4
		return append(h, payload...)
	}
	cat := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	return []testFrame{
		{name: "tcp-syn-80", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x0800), ipv4(6, ipSrc, ipDst, tcp(40000, 80, 0x02, tag("tcp-syn-80"))))},
		{name: "tcp-ack-443", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x0800), ipv4(6, ipSrc, ipDst, tcp(40001, 443, 0x10, tag("tcp-ack-443"))))},
		{name: "udp-53", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x0800), ipv4(17, ipSrc, ipDst, udp(5353, 53, tag("udp-53"))))},
		{name: "icmp-echo", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x0800), ipv4(1, ipSrc, ipDst, icmpEcho(tag("icmp-echo"))))},
		{name: "arp-bcast", dir: DirBroadcast, data: cat(eth(macBcast, mac1, 0x0806), arpRequest(mac1, ipSrc, ipDst), tag("arp-bcast"))},
		{name: "ip6-udp-mcast", dir: DirMulticast, data: cat(eth(macMcast6, mac1, 0x86dd), ipv6(17, ip6Src, ip6Dst, udp(1000, 2000, tag("ip6-udp-mcast"))))},
		{name: "ip6-tcp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x86dd), ipv6(6, ip6Src, net.ParseIP("fd00:199:1::50"), tcp(40002, 22, 0x02, tag("ip6-tcp"))))},
		{name: "vlan100-udp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x8100, 100, 0x0800), ipv4(17, ipSrc, ipDst, udp(5000, 53, tag("vlan100-udp"))))},
		{name: "vlan5-prio-tcp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x8100, 0xa005, 0x0800), ipv4(6, ipSrc, ipDst, tcp(40003, 80, 0x02, tag("vlan5-prio-tcp"))))},
		{name: "qinq-200-300", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x88a8, 200, 0x8100, 300, 0x0800), ipv4(6, ipSrc, ipDst, tcp(40004, 8080, 0x18, tag("qinq-200-300"))))},
		{name: "mpls-udp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x8847), mplsLabel(1000, true, 64), ipv4(17, ipSrc, ipDst, udp(7000, 53, tag("mpls-udp"))))},
		{name: "mpls2-tcp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x8847), mplsLabel(16, false, 64), mplsLabel(17, true, 64), ipv4(6, ipSrc, ipDst, tcp(40005, 80, 0x02, tag("mpls2-tcp"))))},
		{name: "pppoes-udp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x8864), pppoeSess(ipv4(17, ipSrc, ipDst, udp(6000, 53, tag("pppoes-udp")))))},
		{name: "pppoed-padi", dir: DirBroadcast, data: cat(eth(macBcast, mac1, 0x8863), []byte{0x11, 0x09, 0, 0, 0, 4, 0x01, 0x01, 0, 0}, tag("pppoed-padi"))},
		{name: "big-udp", dir: DirIncoming, data: cat(eth(mac2, mac1, 0x0800), ipv4(17, ipSrc, ipDst, udp(9000, 9001, append(tag("big-udp"), big...))))},
		{name: "otherhost-tcp", dir: DirOtherHost, data: cat(eth(macOther, mac1, 0x0800), ipv4(6, ipSrc, ipDst, tcp(40006, 80, 0x02, tag("otherhost-tcp"))))},
		{name: "out-udp", out: true, dir: DirOutgoing, data: cat(eth(mac1, mac2, 0x0800), ipv4(17, ipDst, ipSrc, udp(53, 5353, tag("out-udp"))))},
		{name: "out-vlan100-tcp", out: true, dir: DirOutgoing, data: cat(eth(mac1, mac2, 0x8100, 100, 0x0800), ipv4(6, ipDst, ipSrc, tcp(80, 40000, 0x12, tag("out-vlan100-tcp"))))},
		{name: "out-big-tcp", out: true, dir: DirOutgoing, data: cat(eth(mac1, mac2, 0x0800), ipv4(6, ipDst, ipSrc, tcp(80, 40001, 0x10, append(tag("out-big-tcp"), big[:1000]...))))},
	}
}
