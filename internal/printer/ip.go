package printer

import (
	"encoding/binary"
	"net"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// ipProtoNames are the names -v prints after "proto" and "next-header".
var ipProtoNames = map[uint8]string{
	0: "Options", 1: "ICMP", 2: "IGMP", 4: "IPIP", 6: "TCP", 8: "EGP", 9: "IGRP",
	17: "UDP", 29: "TP", 33: "DCCP", 41: "IPv6", 43: "Routing", 44: "Fragment",
	46: "RSVP", 47: "GRE", 50: "ESP", 51: "AH", 54: "NHRP", 58: "ICMPv6",
	80: "ND", 88: "EIGRP", 89: "OSPF", 103: "PIM", 108: "Compressed IP",
	112: "VRRP", 113: "PGM", 132: "SCTP", 135: "Mobility",
}

// ip context handed to the transport printers.
type ipInfo struct {
	v6         bool
	src, dst   net.IP
	pseudo     []byte // for checksums: src, dst
	fragmented bool   // a fragment (checksums cannot be verified)
	// proto is the protocol field of the IP header itself (IPv6: its next
	// header): UDP after extension headers or AH prints only its ports,
	// as tcpdump's udpipaddr_print does.
	proto  uint8
	ttl    uint8 // the TTL or hop limit
	length int   // transport length according to the IP header
}

func (i *ipInfo) srcString(p *Printer) string { return p.host(i.src) }
func (i *ipInfo) dstString(p *Printer) string { return p.host(i.dst) }

// ip4 prints an IPv4 datagram as tcpdump's ip_print does.
func (d *dissector) ip4(data []byte, length int) {
	b := d.b
	// tcpdump checks the version before it names the protocol.
	if len(data) == 0 {
		b.trunc("ip")
		return
	}
	if data[0]>>4 != 4 {
		if v := data[0] >> 4; v == 6 {
			b.str("IP6, wrong link-layer encapsulation (invalid)")
		} else {
			b.printf("IP%d (invalid)", v)
		}
		return
	}
	if !d.p.opts.LinkHeader {
		b.str("IP ")
	}
	if len(data) < 20 {
		b.trunc("ip")
		return
	}
	hlen := int(data[0]&0x0f) * 4
	if hlen < 20 {
		b.printf("bad-hlen %d", hlen)
		return
	}
	if len(data) < hlen {
		b.trunc("ip")
		return
	}
	var ip layers.IPv4
	if err := ip.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		// gopacket refuses inconsistent lengths; tcpdump prints what it can.
		ip.Length = binary.BigEndian.Uint16(data[2:])
		ip.TOS, ip.TTL, ip.Protocol = data[1], data[8], layers.IPProtocol(data[9])
		ip.Id = binary.BigEndian.Uint16(data[4:])
		ip.SrcIP, ip.DstIP = net.IP(data[12:16]), net.IP(data[16:20])
	}
	tlen := int(binary.BigEndian.Uint16(data[2:]))
	if tlen > length {
		b.printf("truncated-ip - %d bytes missing! ", tlen-length)
	}
	if tlen < hlen {
		b.printf("bad-len %d", tlen)
		return
	}
	off := binary.BigEndian.Uint16(data[6:])
	proto := data[9]
	if d.p.opts.Verbose > 0 {
		b.printf("(tos 0x%x", data[1])
		switch data[1] & 3 {
		case 1:
			b.str(",ECT(1)")
		case 2:
			b.str(",ECT(0)")
		case 3:
			b.str(",CE")
		}
		if data[8] >= 1 {
			b.printf(", ttl %d", data[8])
		}
		b.printf(", id %d, offset %d, flags [%s], proto %s (%d)", ip.Id, (off&0x1fff)*8, ipFragFlags(off),
			nameOr(ipProtoNames, proto, "unknown"), proto)
		b.printf(", length %d", tlen)
		if hlen > 20 {
			b.str(", options (")
			ip4Options(b, data[20:hlen])
			b.str(")")
		}
		if sum := checksum(data[:hlen], 0); sum != 0 {
			have := binary.BigEndian.Uint16(data[10:])
			b.printf(", bad cksum %x (->%x)!", have, shouldBe(have, sum))
		}
		b.str(")\n    ")
	}
	// Cut the data to the datagram: Ethernet padding is not payload.
	end := tlen
	if end > len(data) {
		end = len(data)
	}
	payload := data[hlen:end]
	plen := tlen - hlen
	info := &ipInfo{src: net.IP(data[12:16]), dst: net.IP(data[16:20]), length: plen,
		fragmented: off&0x2000 != 0 || off&0x1fff != 0, pseudo: data[12:20], proto: proto, ttl: data[8]}
	if off&0x1fff != 0 {
		b.printf("%s > %s:", info.srcString(d.p), info.dstString(d.p))
		b.str(" " + d.protoName(proto))
		return
	}
	d.ipDemux(info, proto, payload, plen)
}

// protoName is "ip-proto-N", or the /etc/protocols name without -n.
func (d *dissector) protoName(proto uint8) string {
	if !d.p.opts.Numeric {
		if s, ok := protocolNames()[proto]; ok {
			return s
		}
	}
	return "ip-proto-" + itoa(int(proto))
}

func ipFragFlags(off uint16) string {
	var s string
	add := func(x string) {
		if s != "" {
			s += ", "
		}
		s += x
	}
	if off&0x2000 != 0 {
		add("+")
	}
	if off&0x4000 != 0 {
		add("DF")
	}
	if off&0x8000 != 0 {
		add("rsvd")
	}
	if s == "" {
		return "none"
	}
	return s
}

var ip4OptionNames = map[byte]string{
	0: "EOL", 1: "NOP", 7: "RR", 68: "timestamp", 130: "security", 131: "LSRR",
	137: "SSRR", 148: "RA", 82: "traceroute",
}

func ip4Options(b *buf, opts []byte) {
	sep := ""
	for len(opts) > 0 {
		code := opts[0]
		b.str(sep)
		sep = ","
		b.str(nameOr(ip4OptionNames, code, "unknown "+itoa(int(code))))
		if code == 0 || code == 1 {
			opts = opts[1:]
			continue
		}
		if len(opts) < 2 {
			b.str(" [|ip]")
			return
		}
		l := int(opts[1])
		if l < 2 || l > len(opts) {
			b.printf(" [bad length %d]", l)
			return
		}
		if code == 148 {
			if l != 4 {
				b.printf(" [bad length %d]", l)
			} else if v := binary.BigEndian.Uint16(opts[2:]); v != 0 {
				b.printf(" value %d", v)
			}
		}
		opts = opts[l:]
	}
}

// ipDemux prints the transport layer of an IPv4 packet, or of an IPv6
// one without extension headers: the addresses (TCP, UDP, SCTP and DCCP
// print their own, with ports), then the protocol.
func (d *dissector) ipDemux(info *ipInfo, proto uint8, payload []byte, plen int) {
	switch proto {
	case 6, 17, 132, 33:
	default:
		d.b.printf("%s > %s: ", info.srcString(d.p), info.dstString(d.p))
	}
	d.transport(info, proto, payload, plen)
}

// transport prints the protocol proto carried in payload (plen bytes on the
// wire), the addresses printed already, as ip_demux_print: after an
// authentication header, the protocol it names, with no second address
// line.
func (d *dissector) transport(info *ipInfo, proto uint8, payload []byte, plen int) {
	b := d.b
	switch proto {
	case 51:
		n := d.ah(payload)
		if n == 0 || n > len(payload) {
			return
		}
		d.transport(info, payload[0], payload[n:], plen-n)
	case 132:
		d.sctp(info, payload, plen)
	case 33:
		d.dccp(info, payload, plen)
	case 6:
		d.tcp(info, payload, plen)
	case 17:
		d.udp(info, payload, plen)
	case 1:
		if info.v6 {
			b.printf(" %s %d", d.protoName(proto), plen)
			return
		}
		d.icmp(info, payload, plen)
	case 58:
		d.icmp6(info, payload, plen)
	case 4:
		d.ip4(payload, plen)
	case 41:
		d.ip6(payload, plen)
	case 47:
		d.gre(payload, plen)
	case 112:
		if d.p.opts.PacketType == "carp" {
			d.carp(info, payload, plen)
			return
		}
		d.vrrp(info, payload, plen)
	case 2:
		d.igmp(payload, plen)
	case 103:
		d.pim(info, payload, plen)
	case 89:
		d.ospf(payload, plen)
	case 88:
		d.eigrp(payload, plen)
	case 113:
		d.pgm(info, payload, plen)
	case 46:
		d.rsvp(payload, plen)
	case 59:
		b.str("no next header")
	case 50:
		if len(payload) <= 8 { // esp_print wants more than the SPI and sequence
			b.trunc("esp")
			return
		}
		b.printf("ESP(spi=0x%08x,seq=0x%x), length %d", binary.BigEndian.Uint32(payload), binary.BigEndian.Uint32(payload[4:]), plen)
	default:
		b.printf(" %s %d", d.protoName(proto), plen)
	}
}

// ip6 prints an IPv6 packet and its extension headers as ip6_print.
func (d *dissector) ip6(data []byte, length int) {
	b := d.b
	if len(data) < 40 {
		b.trunc("ip6")
		return
	}
	if !d.p.opts.LinkHeader {
		b.str("IP6 ")
	}
	if v := data[0] >> 4; v != 6 {
		b.printf("version error: %d != 6", v)
		return
	}
	var ip layers.IPv6
	_ = ip.DecodeFromBytes(data, gopacket.NilDecodeFeedback) // fields only; lengths checked here
	plen := int(binary.BigEndian.Uint16(data[4:]))
	total := plen + 40
	if plen == 0 {
		total = length
	}
	if length < total {
		b.printf("truncated-ip6 - %d bytes missing!", total-length)
	}
	nh := data[6]
	if d.p.opts.Verbose > 0 {
		flow := binary.BigEndian.Uint32(data)
		b.str("(")
		if flow&0x0ff00000 != 0 {
			b.printf("class 0x%02x, ", (flow&0x0ff00000)>>20)
		}
		if flow&0x000fffff != 0 {
			b.printf("flowlabel 0x%05x, ", flow&0x000fffff)
		}
		b.printf("hlim %d, next-header %s (%d) payload length: %d) ", data[7], nameOr(ipProtoNames, nh, "unknown"), nh, plen)
	}
	end := total
	if end > len(data) {
		end = len(data)
	}
	if end < 40 { // a wire length below the captured one, in a broken file
		end = 40
	}
	info := &ipInfo{v6: true, src: net.IP(data[8:24]), dst: net.IP(data[24:40]), pseudo: data[8:40], proto: nh, ttl: data[7]}
	cur := data[40:end]
	rest := total - 40
	first := true
	for {
		if first && nh != 6 && nh != 17 && nh != 132 && nh != 33 {
			b.printf("%s > %s: ", info.srcString(d.p), info.dstString(d.p))
		}
		first = false
		switch nh {
		case 135:
			d.mobility(cur)
			return
		case 0, 60: // hop-by-hop, destination options
			proto := "hbhopt"
			if nh == 60 {
				proto = "dstopt"
			}
			if len(cur) < 2 {
				b.trunc(proto)
				return
			}
			hl := (int(cur[1]) + 1) * 8
			if hl > len(cur) {
				b.trunc(proto)
				return
			}
			if nh == 0 {
				b.str("HBH ")
			} else {
				b.str("DSTOPT ")
			}
			if d.p.opts.Verbose > 0 && !ip6Options(b, cur[2:hl], nh == 0) {
				b.trunc(proto)
				return
			}
			nh = cur[0]
			cur, rest = cur[hl:], rest-hl
		case 43: // routing
			hl, ok := d.rt6(cur, info)
			if !ok {
				return
			}
			// A header of type 0 or 2 without addresses is whole in its
			// first four octets as far as rt6 reads it; its length may
			// still run past the capture, where the next header then
			// finds nothing (tcpdump reads on and stops at its end).
			nh = cur[0]
			cur, rest = cur[min(hl, len(cur)):], rest-hl
		case 51: // authentication header
			n := d.ah(cur)
			if n == 0 || n > len(cur) {
				return
			}
			nh = cur[0]
			cur, rest = cur[n:], rest-n
		case 44: // fragment
			if len(cur) < 8 {
				b.trunc("frag6")
				return
			}
			offset := binary.BigEndian.Uint16(cur[2:]) &^ 7
			// tcpdump computes the fragment length from the payload
			// length field in unsigned arithmetic: keep its wrap-around.
			pos := 40 + (end - 40 - len(cur))
			flen := uint64(40+plen) - uint64(pos) - 8
			if d.p.opts.Verbose > 0 {
				b.printf("frag (0x%08x:%d|%d)", binary.BigEndian.Uint32(cur[4:]), offset, flen)
			} else {
				b.printf("frag (%d|%d)", offset, flen)
			}
			info.fragmented = true
			if offset != 0 {
				return
			}
			b.str(" ")
			nh = cur[0]
			cur, rest = cur[8:], rest-8
		case 59:
			b.str("no next header")
			return
		default:
			info.length = rest
			d.transport(info, nh, cur, rest)
			return
		}
	}
}

func byteAt(b []byte, i int) int {
	if i < len(b) {
		return int(b[i])
	}
	return 0
}

// checksum is the Internet checksum of data added to an initial sum; a
// correct packet sums to 0.
func checksum(data []byte, initial uint32) uint16 {
	sum := initial
	for i := 0; i+1 < len(data); i += 2 {
		sum += uint32(data[i])<<8 | uint32(data[i+1])
	}
	if len(data)%2 == 1 {
		sum += uint32(data[len(data)-1]) << 8
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return ^uint16(sum)
}

// shouldBe is what the checksum field should have held, given the field
// and the sum computed over the data including it (tcpdump's
// in_cksum_shouldbe).
func shouldBe(field, sum uint16) uint16 {
	t := uint32(field) + uint32(sum)
	t = (t & 0xffff) + (t >> 16)
	t = (t & 0xffff) + (t >> 16)
	return uint16(t)
}

// pseudoSum is the partial sum of the TCP/UDP pseudo-header.
func pseudoSum(info *ipInfo, proto uint8, length int) uint32 {
	var sum uint32
	for i := 0; i+1 < len(info.pseudo); i += 2 {
		sum += uint32(info.pseudo[i])<<8 | uint32(info.pseudo[i+1])
	}
	sum += uint32(proto)
	sum += uint32(length)&0xffff + uint32(length)>>16
	return sum
}

// ip6Options prints hop-by-hop (hbh) or destination options (-v) as
// tcpdump's ip6_opt_print; false when an option runs past the header.
func ip6Options(b *buf, p []byte, hbh bool) bool {
	for i := 0; i < len(p); {
		if p[i] == 0 {
			b.str("(pad1)")
			i++
			continue
		}
		if i+2 > len(p) {
			return false
		}
		l := int(p[i+1]) + 2
		if i+l > len(p) {
			return false
		}
		o := p[i : i+l]
		switch o[0] {
		case 1:
			b.str("(padn)")
		case 5:
			if l < 4 {
				b.printf("(rtalert: invalid len %d)", l-2)
				break
			}
			b.printf("(rtalert: 0x%04x) ", binary.BigEndian.Uint16(o[2:]))
		case 0xc2:
			if l < 6 {
				b.printf("(jumbo: invalid len %d)", l-2)
				break
			}
			b.printf("(jumbo: %d", binary.BigEndian.Uint32(o[2:]))
			if !hbh {
				b.str(" - not a hop-by-hop option")
			}
			b.str(") ")
		default:
			b.printf("(opt_type 0x%02x: len=%d)", o[0], l-2)
		}
		i += l
	}
	b.str(" ")
	return true
}
