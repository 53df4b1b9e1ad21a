package printer

import (
	"encoding/binary"
	"fmt"
	"net"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

var icmpUnreach = map[uint8]string{
	0: "net %s unreachable", 1: "host %s unreachable", 5: "%s unreachable - source route failed",
	6: "net %s unreachable - unknown", 7: "host %s unreachable - unknown",
	8: "%s unreachable - source host isolated", 9: "net %s unreachable - admin prohibited",
	10: "host %s unreachable - admin prohibited", 11: "net %s unreachable - tos prohibited",
	12: "host %s unreachable - tos prohibited", 13: "host %s unreachable - admin prohibited filter",
	14: "host %s unreachable - host precedence violation", 15: "host %s unreachable - precedence cutoff",
}

var icmpRedirect = map[uint8]string{
	0: "redirect %s to net %s", 1: "redirect %s to host %s",
	2: "redirect-tos %s to net %s", 3: "redirect-tos %s to host %s",
}

var icmpTypes = map[uint8]string{
	0: "echo reply", 4: "source quench", 8: "echo request", 10: "router solicitation",
	13: "time stamp request", 14: "time stamp reply", 15: "information request",
	16: "information reply", 17: "address mask request",
}

// icmp prints ICMP as tcpdump's icmp_print does.
func (d *dissector) icmp(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	if len(data) < 4 {
		d.truncJmp("icmp")
		return
	}
	var ic layers.ICMPv4
	_ = ic.DecodeFromBytes(data, gopacket.NilDecodeFeedback)
	typ, code := data[0], data[1]
	// inner is the offending datagram quoted by error messages.
	inner := func() []byte {
		if len(data) < 8 {
			return nil
		}
		return data[8:]
	}
	innerDst := func() (string, bool) {
		in := inner()
		if len(in) < 20 {
			return "", false
		}
		return p.host(net.IP(in[16:20])), true
	}
	var str string
	switch typ {
	case 0, 8:
		if len(data) < 8 {
			d.truncJmp("icmp")
			return
		}
		dir := "request"
		if typ == 0 {
			dir = "reply"
		}
		str = fmt.Sprintf("echo %s, id %d, seq %d", dir, binary.BigEndian.Uint16(data[4:]), binary.BigEndian.Uint16(data[6:]))
	case 3:
		dst, ok := innerDst()
		if !ok {
			d.truncJmp("icmp")
			return
		}
		in := inner()
		switch code {
		case 2:
			str = fmt.Sprintf("%s protocol %d unreachable", dst, in[9])
		case 3:
			hl := int(in[0]&0x0f) * 4
			if len(in) < hl+4 {
				d.truncJmp("icmp")
				return
			}
			dport := binary.BigEndian.Uint16(in[hl+2:])
			switch in[9] {
			case 6:
				str = fmt.Sprintf("%s tcp port %s unreachable", dst, p.port("tcp", dport))
			case 17:
				str = fmt.Sprintf("%s udp port %s unreachable", dst, p.port("udp", dport))
			default:
				str = fmt.Sprintf("%s protocol %d port %d unreachable", dst, in[9], dport)
			}
		case 4:
			if mtu := binary.BigEndian.Uint16(data[6:]); mtu != 0 {
				str = fmt.Sprintf("%s unreachable - need to frag (mtu %d)", dst, mtu)
			} else {
				str = fmt.Sprintf("%s unreachable - need to frag", dst)
			}
		default:
			if f, ok := icmpUnreach[code]; ok {
				str = fmt.Sprintf(f, dst)
			} else {
				str = fmt.Sprintf("#%d %s unreachable", code, dst)
			}
		}
	case 5:
		dst, ok := innerDst()
		if !ok {
			d.truncJmp("icmp")
			return
		}
		gw := p.host(net.IP(data[4:8]))
		if f, ok := icmpRedirect[code]; ok {
			str = fmt.Sprintf(f, dst, gw)
		} else {
			str = fmt.Sprintf("redirect-#%d %s to net %s", code, dst, gw)
		}
	case 11:
		switch code {
		case 0:
			str = "time exceeded in-transit"
		case 1:
			str = "ip reassembly time exceeded"
		default:
			str = fmt.Sprintf("time exceeded-#%d", code)
		}
	case 12:
		if code == 0 && len(data) < 5 {
			d.truncJmp("icmp")
			return
		}
		if code != 0 {
			str = fmt.Sprintf("parameter problem - code %d", code)
		} else {
			str = fmt.Sprintf("parameter problem - octet %d", data[4])
		}
	case 13:
		if len(data) < 8 {
			d.truncJmp("icmp")
			return
		}
		str = fmt.Sprintf("time stamp query id %d seq %d", binary.BigEndian.Uint16(data[4:]), binary.BigEndian.Uint16(data[6:]))
	case 18:
		if len(data) < 12 {
			d.truncJmp("icmp")
			return
		}
		str = fmt.Sprintf("address mask is 0x%08x", binary.BigEndian.Uint32(data[8:]))
	default:
		str = nameOr(icmpTypes, typ, fmt.Sprintf("type-#%d", typ))
	}
	b.printf("ICMP %s, length %d", str, length)
	if p.opts.Verbose > 0 && !info.fragmented && len(data) >= length {
		if sum := checksum(data[:length], 0); sum != 0 {
			have := binary.BigEndian.Uint16(data[2:])
			b.printf(" (wrong icmp cksum %x (->%x)!)", have, shouldBe(have, sum))
		}
	}
	// Error messages quote a datagram: -v prints it.
	if p.opts.Verbose > 0 && (typ == 3 || typ == 4 || typ == 5 || typ == 11 || typ == 12) {
		if in := inner(); len(in) > 0 {
			b.str("\n\t")
			// The quoted datagram's own length, and what of it was
			// captured before any extensions that follow it.
			ipLen := len(in)
			if len(in) >= 4 {
				ipLen = int(binary.BigEndian.Uint16(in[2:]))
			} else {
				d.ip4(in, ipLen)
				return
			}
			d.ip4(in[:min(ipLen, len(in))], ipLen)
		}
	}
	if p.opts.Verbose > 0 && length > icmpExtOffset && (typ == 3 || typ == 11 || typ == 12) {
		d.icmpExtensions(data, length)
	}
}

// icmpExtOffset is where RFC 4884 extensions start: after the 8-byte
// header and 128 bytes of the original datagram.
const icmpExtOffset = 136

var icmpExtObjects = map[byte]string{1: "MPLS Stack Entry", 2: "Extended Payload"}

// icmpExtensions prints the multi-part extensions (RFC 4884/4950) of an
// ICMP error as tcpdump does with -v.
func (d *dissector) icmpExtensions(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		return
	}
	hlen := length - icmpExtOffset
	ext := data[min(icmpExtOffset, len(data)):]
	if data[5] == 0 && len(ext) >= hlen {
		// No length in the header: an extension is there only if its
		// checksum says so.
		if checksum(ext[:hlen], 0) != 0 {
			return
		}
	}
	if len(ext) < 4 {
		d.truncJmp("icmp")
		return
	}
	ver := ext[0] >> 4
	b.printf("\n\tICMP Multi-Part extension v%d", ver)
	if ver != 2 {
		b.str(" packet not supported")
		return
	}
	if len(ext) >= hlen {
		ok := "correct"
		if checksum(ext[:hlen], 0) != 0 {
			ok = "incorrect"
		}
		b.printf(", checksum 0x%04x (%s), length %d", binary.BigEndian.Uint16(ext[2:]), ok, hlen)
	}
	hlen -= 4
	obj := ext[4:]
	for hlen > 4 {
		if len(obj) < 4 {
			d.truncJmp("icmp")
			return
		}
		olen, class, ctype := int(binary.BigEndian.Uint16(obj)), obj[2], obj[3]
		b.printf("\n\t  %s Object (%d), Class-Type: %d, length %d", nameOr(icmpExtObjects, class, "unknown"), class, ctype, olen)
		hlen -= 4
		if class == 0 || olen < 4 {
			return
		}
		olen -= 4
		body := obj[4:]
		if class == 1 && ctype == 1 {
			if len(body) < 4 {
				d.truncJmp("icmp")
				return
			}
			e := binary.BigEndian.Uint32(body)
			b.printf("\n\t    label %d, tc %d", e>>12, (e>>9)&7)
			if e&0x100 != 0 {
				b.str(", [S]")
			}
			b.printf(", ttl %d", e&0xff)
		} else {
			unknownData(b, body, "\n\t    ", olen)
		}
		if hlen < olen {
			break
		}
		hlen -= olen
		obj = body[min(olen, len(body)):]
	}
}

var icmp6Types = map[uint8]string{
	1: "destination unreachable", 2: "packet too big", 3: "time exceeded in-transit",
	4: "parameter problem", 128: "echo request", 129: "echo reply",
	130: "multicast listener query", 131: "multicast listener report", 132: "multicast listener done",
	133: "router solicitation", 134: "router advertisement", 135: "neighbor solicitation",
	136: "neighbor advertisement", 137: "redirect", 138: "router renumbering",
	139: "node information query", 140: "node information reply",
	141: "inverse neighbor solicitation", 142: "inverse neighbor advertisement",
	143: "multicast listener report v2", 144: "ha discovery request", 145: "ha discovery reply",
	146: "mobile router solicitation", 147: "mobile router advertisement",
	148: "certification path solicitation", 149: "certification path advertisement",
	151: "multicast router advertisement", 152: "multicast router solicitation",
	153: "multicast router termination",
}

var icmp6Unreach = map[uint8]string{
	0: "unreachable route", 1: "unreachable prohibited", 2: "beyond scope",
	3: "unreachable address", 4: "unreachable port",
}

// icmp6 prints ICMPv6 as tcpdump's icmp6_print does (the common types).
func (d *dissector) icmp6(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	if len(data) < 4 {
		d.truncJmp("icmp6")
		return
	}
	var ic layers.ICMPv6
	_ = ic.DecodeFromBytes(data, gopacket.NilDecodeFeedback)
	typ, code := data[0], data[1]
	if p.opts.Verbose > 0 && !info.fragmented && len(data) >= length {
		have := binary.BigEndian.Uint16(data[2:])
		sum := checksum(data[:length], pseudoSum(info, 58, length))
		if sum != 0 {
			b.printf("[bad icmp6 cksum 0x%04x -> 0x%04x!] ", have, shouldBe(have, sum))
		} else {
			b.str("[icmp6 sum ok] ")
		}
	}
	b.str("ICMP6, ")
	b.str(nameOr(icmp6Types, typ, fmt.Sprintf("unknown icmp6 type (%d)", typ)))
	if p.opts.Verbose > 0 {
		switch typ {
		case 133, 134, 135, 136, 137, 145, 147:
			b.printf(", length %d", length)
		}
	}
	addr := func(off int) (string, bool) {
		if len(data) < off+16 {
			return "", false
		}
		return p.host(net.IP(data[off : off+16])), true
	}
	switch typ {
	case 1:
		b.str(", " + nameOr(icmp6Unreach, code, fmt.Sprintf("unknown unreach code (%d)", code)))
		dst, ok := addr(8 + 24)
		if !ok {
			d.truncJmp("icmp6")
			return
		}
		switch code {
		case 0, 1, 3:
			b.str(" " + dst)
		case 2:
			src, _ := addr(8 + 8)
			b.printf(" %s, source address %s", dst, src)
		case 4:
			nh, l4, ok := ip6UpperLayer(data[8:])
			if !ok {
				d.truncJmp("icmp6")
				return
			}
			dport := binary.BigEndian.Uint16(l4[2:])
			switch nh {
			case 6:
				b.printf(", %s tcp port %s", dst, p.port("tcp", dport))
			case 17:
				b.printf(", %s udp port %s", dst, p.port("udp", dport))
			default:
				b.printf(", %s protocol %d port %d unreachable", dst, nh, dport)
			}
		}
	case 2:
		if len(data) < 8 {
			d.truncJmp("icmp6")
			return
		}
		b.printf(", mtu %d", binary.BigEndian.Uint32(data[4:]))
	case 3:
		switch code {
		case 0:
			dst, ok := addr(8 + 24)
			if !ok {
				d.truncJmp("icmp6")
				return
			}
			b.str(" for " + dst)
		case 1:
			b.str(" (reassembly)")
		default:
			b.printf(", unknown code (%d)", code)
		}
	case 143:
		if len(data) < 8 {
			d.truncJmp("icmp6")
			return
		}
		ngroups := int(binary.BigEndian.Uint16(data[6:]))
		b.printf(", %d group record(s)", ngroups)
		if p.opts.Verbose > 0 {
			group := 8
			for i := 0; i < ngroups; i++ {
				if length < group+20 {
					b.str(" [invalid number of groups]")
					break
				}
				if len(data) < group+20 {
					d.truncJmp("icmp6")
					return
				}
				b.printf(" [gaddr %s %s", net.IP(data[group+4:group+20]), nameOr(igmpv3RecordTypes, data[group], fmt.Sprintf(" [v2-report-#%d]", data[group])))
				nsrcs := int(binary.BigEndian.Uint16(data[group+2:]))
				if length < group+20+16*nsrcs {
					b.printf(" [invalid number of sources %d]", nsrcs)
					break
				}
				if p.opts.Verbose == 1 {
					b.printf(", %d source(s)", nsrcs)
				} else {
					b.str(" {")
					for j := 0; j < nsrcs; j++ {
						at := group + 20 + 16*j
						if at+16 > len(data) {
							d.truncJmp("icmp6")
							return
						}
						b.str(" " + net.IP(data[at:at+16]).String())
					}
					b.str(" }")
				}
				group += 20 + 16*nsrcs
				b.str("]")
			}
		}
	case 128, 129:
		if len(data) < 8 {
			d.truncJmp("icmp6")
			return
		}
		b.printf(", id %d, seq %d", binary.BigEndian.Uint16(data[4:]), binary.BigEndian.Uint16(data[6:]))
	case 135:
		t, ok := addr(8)
		if !ok {
			d.truncJmp("icmp6")
			return
		}
		b.str(", who has " + t)
	case 136:
		t, ok := addr(8)
		if !ok {
			d.truncJmp("icmp6")
			return
		}
		b.str(", tgt is " + t)
		if p.opts.Verbose > 0 {
			var fl []string
			if data[4]&0x80 != 0 {
				fl = append(fl, "router")
			}
			if data[4]&0x40 != 0 {
				fl = append(fl, "solicited")
			}
			if data[4]&0x20 != 0 {
				fl = append(fl, "override")
			}
			s := "none"
			if len(fl) > 0 {
				s = join(fl, ", ")
			}
			b.printf(", Flags [%s]", s)
		}
	case 137:
		t, ok := addr(8)
		d2, ok2 := addr(24)
		if !ok || !ok2 {
			d.truncJmp("icmp6")
			return
		}
		b.printf(", %s to %s", d2, t)
	}
	if p.opts.Verbose > 0 {
		switch typ {
		case 133:
			d.ndOptions(data, 8, length)
		case 134:
			d.ndOptions(data, 16, length)
		case 135, 136:
			d.ndOptions(data, 24, length)
		case 137:
			d.ndOptions(data, 40, length)
		}
	}
	if p.opts.Verbose == 0 {
		b.printf(", length %d", length)
	}
}

var ndOptionNames = map[uint8]string{
	1: "source link-address", 2: "destination link-address", 3: "prefix info",
	4: "redirected header", 5: "mtu", 7: "advertisement interval",
	8: "homeagent information", 14: "nonce", 24: "route info", 25: "rdnss", 31: "dnssl",
}

// ndOptions prints neighbor discovery options as icmp6_opt_print (-v).
func (d *dissector) ndOptions(data []byte, off, length int) {
	b := d.b
	if length < len(data) {
		data = data[:max(length, 0)]
	}
	for off < len(data) {
		if off+2 > len(data) {
			d.truncJmp("icmp6")
			return
		}
		typ, l := data[off], int(data[off+1])
		if l == 0 {
			return
		}
		b.printf("\n\t  %s option (%d), length %d (%d): ", nameOr(ndOptionNames, typ, "unknown"), typ, l*8, l)
		if off+l*8 > len(data) {
			d.truncJmp("icmp6")
			return
		}
		body := data[off+2 : off+l*8]
		switch typ {
		case 1, 2:
			b.str(macString(body))
		case 5:
			if len(body) >= 6 {
				b.printf(" %d", binary.BigEndian.Uint32(body[2:]))
			}
		default:
			if d.p.opts.Verbose <= 1 {
				hexOnly(b, "\n\t  ", body, 0)
			}
		}
		if d.p.opts.Verbose > 1 {
			hexOnly(b, "\n\t    ", body, 0)
		}
		off += l * 8
	}
}

// ip6UpperLayer finds the transport header in a quoted IPv6 packet.
func ip6UpperLayer(pkt []byte) (uint8, []byte, bool) {
	if len(pkt) < 40 {
		return 0, nil, false
	}
	nh := pkt[6]
	cur := pkt[40:]
	for {
		switch nh {
		case 0, 43, 60:
			if len(cur) < 2 {
				return 0, nil, false
			}
			hl := (int(cur[1]) + 1) * 8
			if hl > len(cur) {
				return 0, nil, false
			}
			nh, cur = cur[0], cur[hl:]
		case 44:
			if len(cur) < 8 {
				return 0, nil, false
			}
			nh, cur = cur[0], cur[8:]
		default:
			if len(cur) < 4 {
				return 0, nil, false
			}
			return nh, cur, true
		}
	}
}

func join(s []string, sep string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += sep
		}
		out += x
	}
	return out
}
