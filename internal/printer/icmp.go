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
				str = fmt.Sprintf("%s unreachable - #%d", dst, code)
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
			str = fmt.Sprintf("redirect-#%d %s to %s", code, dst, gw)
		}
	case 9:
		var ok bool
		if str, ok = p.routerAdvert(data); !ok {
			d.b.trunc("icmp") // tcpdump's bounds check, not a longjmp
			return
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
	case 14:
		if len(data) < 20 {
			d.b.trunc("icmp")
			return
		}
		str = fmt.Sprintf("time stamp reply id %d seq %d: org %s, recv %s, xmit %s",
			binary.BigEndian.Uint16(data[4:]), binary.BigEndian.Uint16(data[6:]),
			icmpTime(binary.BigEndian.Uint32(data[8:])), icmpTime(binary.BigEndian.Uint32(data[12:])),
			icmpTime(binary.BigEndian.Uint32(data[16:])))
	case 18:
		if len(data) < 12 {
			d.truncJmp("icmp")
			return
		}
		str = fmt.Sprintf("address mask is 0x%08x", binary.BigEndian.Uint32(data[8:]))
	default:
		str = nameOrf(icmpTypes, typ, "type-#%d")
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
		b.str("\n\t")
		// tcpdump reads the quoted datagram's length before printing it.
		if len(data) < 12 {
			b.trunc("icmp")
			return
		}
		if in := inner(); len(in) > 0 {
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

// routerAdvert is the text of an ICMP router advertisement (RFC 1256):
// lifetime, number of addresses and each address with its preference. It
// is false when an address it announces was not captured.
func (p *Printer) routerAdvert(data []byte) (string, bool) {
	if len(data) < 8 {
		return "", false
	}
	num, size, life := int(data[4]), data[5], int(binary.BigEndian.Uint16(data[6:]))
	var s []byte
	s = append(s, "router advertisement lifetime "...)
	switch {
	case life < 60:
		s = fmt.Appendf(s, "%d", life)
	case life < 3600:
		s = fmt.Appendf(s, "%d:%02d", life/60, life%60)
	default:
		s = fmt.Appendf(s, "%d:%02d:%02d", life/3600, life%3600/60, life%60)
	}
	s = fmt.Appendf(s, " %d:", num)
	if size != 2 {
		return string(fmt.Appendf(s, " [size %d]", size)), true
	}
	for i := 0; i < num; i++ { // each entry is captured: bounded by the data
		at := 8 + 8*i
		if at+8 > len(data) {
			return "", false
		}
		s = fmt.Appendf(s, " {%s %d}", p.host(net.IP(data[at:at+4])), binary.BigEndian.Uint32(data[at+4:]))
	}
	// tcpdump builds the text in a buffer of MAXHOSTNAMELEN+100 bytes.
	return string(s[:min(len(s), icmpBufLen)]), true
}

// icmpBufLen is the longest text tcpdump's ICMP printer formats.
const icmpBufLen = 64 + 100 - 1

// icmpTime is an ICMP time stamp, milliseconds since midnight UTC, as
// tcpdump prints it.
func icmpTime(ms uint32) string {
	sec := ms / 1000
	return fmt.Sprintf("%02d:%02d:%02d.%03d", sec/3600, sec/60%60, sec%60, ms%1000)
}

// icmpExtOffset is where RFC 4884 extensions start: after the 8-byte
// header and 128 bytes of the original datagram.
const icmpExtOffset = 136

var icmpExtObjects = map[byte]string{1: "MPLS Stack Entry", 2: "Interface Identification"}

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
	139: "who-are-you request", 140: "who-are-you reply",
	141: "inverse neighbor solicitation", 142: "inverse neighbor advertisement",
	143: "multicast listener report v2", 144: "ha discovery request", 145: "ha discovery reply",
	146: "mobile router solicitation", 147: "mobile router advertisement",
	155: "RPL", 200: "mtrace response", 201: "mtrace",
}

// The unreachable codes; tcpdump's name for 1 starts with a space.
var icmp6Unreach = map[uint8]string{
	0: "unreachable route", 1: " unreachable prohibited", 2: "beyond scope",
	3: "unreachable address", 4: "unreachable port",
}

var icmp6ParamProblem = map[uint8]string{
	0: "erroneous", 1: "next header", 2: "option", 3: "incomplete header chain",
}

var icmp6RRCodes = map[uint8]string{0: "command", 1: "result", 255: "sequence number reset"}

var rplCodes = map[uint8]string{
	0: "DODAG Information Solicitation", 1: "DODAG Information Object",
	2: "Destination Advertisement Object", 3: "Destination Advertisement Object Ack",
	0x80: "Secure DODAG Information Solicitation", 0x81: "Secure DODAG Information Object",
	0x82: "Secure Destination Advertisement Object", 0x83: "Secure Destination Advertisement Object Ack",
	0x8a: "Consistency Check",
}

// icmp6 prints ICMPv6 as tcpdump's icmp6_print does.
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
	b.str(nameOrf(icmp6Types, typ, "unknown icmp6 type (%d)"))
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
	// msg is the message as far as it was captured and its length says.
	msg := data[:min(len(data), max(length, 0))]
	switch typ {
	case 1:
		b.str(", " + nameOrf(icmp6Unreach, code, "unknown unreach code (%d)"))
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
		default:
			if p.opts.Verbose <= 1 {
				hexOnly(b, "\n\t", msg, 0)
				return
			}
		}
	case 2:
		if len(data) < 8 {
			d.truncJmp("icmp6")
			return
		}
		b.printf(", mtu %d", binary.BigEndian.Uint32(data[4:]))
	case 3:
		dst, ok := addr(8 + 24)
		if !ok {
			d.truncJmp("icmp6")
			return
		}
		switch code {
		case 0:
			b.str(" for " + dst)
		case 1:
			b.str(" (reassembly)")
		default:
			b.printf(", unknown code (%d)", code)
		}
	case 4:
		if _, ok := addr(8 + 24); !ok {
			d.truncJmp("icmp6")
			return
		}
		if name, ok := icmp6ParamProblem[code]; ok {
			b.printf(", %s - octet %d", name, binary.BigEndian.Uint32(data[4:]))
		} else {
			b.printf(", code-#%d", code)
		}
	case 130:
		switch {
		case length == 24:
			d.mld6(data)
		case length >= 28:
			b.str(" v2")
			if !d.mld2Query(data, length) {
				return
			}
		default:
			b.printf(" unknown-version (len %d) ", length)
		}
	case 131, 132:
		d.mld6(data)
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
				b.printf(" [gaddr %s %s", net.IP(data[group+4:group+20]), nameOrf(igmpv3RecordTypes, data[group], " [v2-report-#%d]"))
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
	case 134:
		if p.opts.Verbose > 0 {
			if len(data) < 16 {
				d.truncJmp("icmp6")
				return
			}
			fl := data[5]
			flags := bits32(uint32(fl), ndRAFlags, "none")
			b.printf("\n\thop limit %d, Flags [%s], pref %s, router lifetime %ds, reachable time %dms, retrans timer %dms",
				data[4], flags, routerPref(fl), binary.BigEndian.Uint16(data[6:]), binary.BigEndian.Uint32(data[8:]), binary.BigEndian.Uint32(data[12:]))
		}
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
	case 138:
		d.routerRenum(data, code)
	case 139, 140:
		d.nodeInfo(msg, typ, length)
	case 144, 146:
		if len(data) < 6 {
			d.truncJmp("icmp6")
			return
		}
		b.printf(", id 0x%04x", binary.BigEndian.Uint16(data[4:]))
	case 145:
		if p.opts.Verbose > 0 {
			if len(data) < 6 {
				d.truncJmp("icmp6")
				return
			}
			b.printf(", id 0x%04x", binary.BigEndian.Uint16(data[4:]))
			for at := 8; at < length; at += 16 { // addresses up to the message's end
				a, ok := addr(at)
				if !ok {
					d.truncJmp("icmp6")
					return
				}
				b.str(", " + a)
			}
		}
	case 147:
		if p.opts.Verbose > 0 {
			if len(data) < 8 {
				d.truncJmp("icmp6")
				return
			}
			b.printf(", id 0x%04x", binary.BigEndian.Uint16(data[4:]))
			if data[6]&0xc0 != 0 {
				b.str(" ")
			}
			if data[6]&0x80 != 0 {
				b.str("M")
			}
			if data[6]&0x40 != 0 {
				b.str("O")
			}
		}
	case 133, 141, 142:
	case 155:
		if code&0x80 != 0 { // tcpdump decodes no secured message
			b.str(", (SEC) [worktodo]")
			break
		}
		b.str(", (CLR)")
		if code > 3 {
			b.printf("RPL message, unknown code %d", code)
			break
		}
		b.str(rplCodes[code])
		if p.opts.Verbose > 0 && code != 0 && !d.rpl(data[4:], code, length-4) {
			return
		}
	default:
		b.printf(", length %d", length)
		if p.opts.Verbose <= 1 {
			hexOnly(b, "\n\t", msg, 0)
		}
		return
	}
	if p.opts.Verbose > 0 {
		switch typ {
		case 133, 147:
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

var rplMOPs = [8]string{"nonstoring", "storing", "nonstoring-multicast", "storing-multicast", "mop4", "mop5", "mop6", "mop7"}

var rplOptions = map[uint8]string{
	1: "padN", 2: "metrics", 3: "routinginfo", 4: "config", 5: "rpltarget", 6: "transitinfo", 8: "destprefix", 9: "rpltargetdesc",
}

// rpl prints the base of an RPL DIO, DAO or DAO-ACK (RFC 6550) after its
// name, and with -vv its options, as tcpdump's rpl_print does; body is
// what was captured after the ICMPv6 header's first 4 bytes, length
// what the message says is there. It returns false when the packet ends
// with tcpdump's truncation marker.
func (d *dissector) rpl(body []byte, code uint8, length int) bool {
	b := d.b
	cut := func() bool { d.truncJmp("icmp6"); return false }
	var off int
	switch code {
	case 1: // DIO
		if length < 24 {
			b.printf(" [length %d < 24] (invalid)", length)
			return true
		}
		if len(body) < 24 {
			return cut()
		}
		mp := body[4]
		grounded := ""
		if mp&0x80 != 0 {
			grounded = "grounded,"
		}
		b.printf(" [dagid:%s,seq:%d,instance:%d,rank:%d,%smop:%s,prf:%d]", ip6String(net.IP(body[8:24])), body[5], body[0],
			binary.BigEndian.Uint16(body[2:]), grounded, rplMOPs[mp>>3&7], mp&7)
		off = 24
	case 2, 3: // DAO, DAO-ACK
		if len(body) < 4 {
			return cut()
		}
		if length < 4 {
			b.str(map[uint8]string{2: " [|length too short]", 3: " [|dao-length too short]"}[code])
			return true
		}
		dflag := byte(0x40)
		if code == 3 {
			dflag = 0x80
		}
		dagid := "<elided>"
		off = 4
		if body[1]&dflag != 0 {
			if len(body) < 20 {
				return cut()
			}
			if length < 20 {
				b.str(map[uint8]string{2: " [|length too short]", 3: " [|dao-length too short]"}[code])
				return true
			}
			dagid = ip6String(net.IP(body[4:20]))
			off = 20
		}
		if code == 2 {
			k, dg := "", ""
			if body[1]&0x80 != 0 {
				k = ",acK"
			}
			if body[1]&0x40 != 0 {
				dg = ",Dagid"
			}
			b.printf(" [dagid:%s,seq:%d,instance:%d%s%s,%02x]", dagid, body[3], body[0], k, dg, body[1])
		} else {
			b.printf(" [dagid:%s,seq:%d,instance:%d,status:%d]", dagid, body[2], body[0], body[3])
		}
	}
	if d.p.opts.Verbose < 2 {
		return true
	}
	// The options: Pad1 is one byte, the others a type, a length and
	// that many bytes; each consumes at least one byte, so the loop ends.
	left := length - off
	for left > 0 {
		if off >= len(body) {
			return cut()
		}
		t := body[off]
		if t == 0 {
			b.str(" opt:pad1")
			off++
			left--
			continue
		}
		if left < 2 || off+1 >= len(body) {
			return cut()
		}
		olen := int(body[off+1]) + 2
		name := rplOptions[t]
		if name == "" {
			name = fmt.Sprintf("subopt:%d", t)
		}
		b.printf(" opt:%s len:%d ", name, olen)
		if off+olen > len(body) || left < olen {
			return cut()
		}
		if d.p.opts.Verbose > 2 {
			hexOnly(b, " ", body[off+2:off+olen], 0)
		}
		off += olen
		left -= olen
	}
	return true
}

// routerPref is a router or route preference (RFC 4191) as tcpdump names it.
func routerPref(fl byte) string {
	switch fl >> 3 & 3 {
	case 0:
		return "medium"
	case 1:
		return "high"
	case 3:
		return "low"
	}
	return "?"
}

// ndLifetime is a lifetime in seconds, all ones meaning infinity.
func ndLifetime(v uint32) string {
	if v == 0xffffffff {
		return "infinity"
	}
	return fmt.Sprintf("%ds", v)
}

// mld6 prints an MLDv1 message's delay and address (nothing when they
// were not captured).
func (d *dissector) mld6(data []byte) {
	if len(data) < 24 {
		return
	}
	d.b.printf("max resp delay: %d addr: %s", binary.BigEndian.Uint16(data[4:]), d.p.host(net.IP(data[8:24])))
}

// mld2Query prints an MLDv2 query; false when it stopped at a truncation.
func (d *dissector) mld2Query(data []byte, length int) bool {
	b, v := d.b, d.p.opts.Verbose
	if len(data) < 6 {
		d.truncJmp("icmp6")
		return false
	}
	if v > 0 {
		mrc := int(binary.BigEndian.Uint16(data[4:]))
		if mrc >= 32768 {
			mrc = (mrc&0x0fff | 0x1000) << ((mrc&0x7000)>>12 + 3)
		}
		b.printf(" [max resp delay=%d]", mrc)
	}
	if len(data) < 24 {
		d.truncJmp("icmp6")
		return false
	}
	b.printf(" [gaddr %s", d.p.host(net.IP(data[8:24])))
	if v > 0 {
		if len(data) < 26 {
			d.truncJmp("icmp6")
			return false
		}
		if data[24]&0x08 != 0 {
			b.str(" sflag")
		}
		if data[24]&0x07 != 0 {
			b.printf(" robustness=%d", data[24]&0x07)
		}
		qqi := int(data[25])
		if qqi >= 128 {
			qqi = (qqi&0x0f | 0x10) << ((qqi&0x70)>>4 + 3)
		}
		b.printf(" qqi=%d", qqi)
	}
	if len(data) < 28 {
		d.truncJmp("icmp6")
		return false
	}
	if n := int(binary.BigEndian.Uint16(data[26:])); n > 0 {
		switch {
		case length < 28+16*n:
			b.str(" [invalid number of sources]")
		case v > 1:
			b.str(" {")
			for i := 0; i < n; i++ { // n addresses within length
				at := 28 + 16*i
				if at+16 > len(data) {
					d.truncJmp("icmp6")
					return false
				}
				b.str(" " + d.p.host(net.IP(data[at:at+16])))
			}
			b.str(" }")
		default:
			b.printf(", %d source(s)", n)
		}
	}
	b.str("]")
	return true
}

// routerRenum prints a router renumbering message's header (RFC 2894).
func (d *dissector) routerRenum(data []byte, code uint8) {
	b := d.b
	if len(data) < 16 {
		b.trunc("icmp6")
		return
	}
	b.str(", " + nameOrf(icmp6RRCodes, code, "code-#%d"))
	b.printf(", seq=%d", binary.BigEndian.Uint32(data[4:]))
	if d.p.opts.Verbose > 0 {
		b.str("[")
		if fl := data[9]; fl != 0 {
			for _, f := range []struct {
				bit  byte
				name string
			}{{0x80, "T"}, {0x40, "R"}, {0x20, "A"}, {0x10, "S"}, {0x08, "P"}} {
				if fl&f.bit != 0 {
					b.str(f.name)
				}
			}
			b.str(",")
		}
		b.printf("seg=%d,maxdelay=%d", data[8], binary.BigEndian.Uint16(data[10:]))
		if r := binary.BigEndian.Uint32(data[12:]); r != 0 {
			b.printf("rsvd=0x%x", r)
		}
		b.str("]")
	}
	if code == 0 {
		b.trunc("icmp6") // tcpdump decodes no match-prefix part
	}
}

// nodeInfo prints an ICMPv6 node information query or reply (RFC 4620)
// from msg, the message as captured within its length.
func (d *dissector) nodeInfo(msg []byte, typ uint8, length int) {
	b, v := d.b, d.p.opts.Verbose > 0
	if typ == 140 && length > len(msg) || len(msg) < 16 {
		if typ == 139 {
			b.str(" node information query")
		}
		b.trunc("icmp6")
		return
	}
	code, qtype, flags := msg[1], binary.BigEndian.Uint16(msg[4:]), binary.BigEndian.Uint16(msg[6:])
	body := msg[16:]
	if typ == 139 {
		b.str(" node information query (")
		b.str(nodeInfoQType(qtype, flags, false))
		switch {
		case qtype == 0 || qtype == 1:
			if len(body) != 0 && v {
				b.str(", invalid len")
			}
		case len(body) == 0:
			b.str(", 03 draft")
		case code == 0 || code == 2:
			n := 16
			if code == 2 {
				n = 4
			}
			if len(body) < n {
				break
			}
			if len(body) != n {
				if v {
					b.str(", invalid subject len")
				}
				break
			}
			b.str(", subject=" + d.p.host(net.IP(body)))
		case code == 1:
			b.str(", subject=DNS name")
			d.nodeInfoName(body)
		default:
			b.str(", unknown subject")
		}
		b.str(")")
		return
	}
	b.str(" node information reply (")
	comma := false
	switch code {
	case 0:
		if v {
			b.str("success")
			comma = true
		}
	case 1, 2:
		b.str(map[uint8]string{1: "refused", 2: "unknown"}[code])
		comma = true
		if len(body) != 0 && v {
			b.str(", invalid length")
		}
	}
	if code != 0 {
		b.str(")")
		return
	}
	if comma {
		b.str(", ")
	}
	switch qtype {
	case 0:
		b.str("noop")
		if len(body) != 0 && v {
			b.str(", invalid length")
		}
	case 1:
		b.str(nodeInfoQType(qtype, flags, false))
	case 2:
		b.str("DNS name")
		if len(body) < 5 {
			b.trunc("icmp6")
			return
		}
		d.nodeInfoName(body[4:])
		if flags&1 != 0 {
			b.printf(" [TTL=%d]", binary.BigEndian.Uint32(body))
		}
	case 3:
		b.str("node addresses")
		for at := 0; at+20 <= len(body); at += 20 {
			b.printf(" %s(%d)", d.p.host(net.IP(body[at+4:at+20])), binary.BigEndian.Uint32(body[at:]))
		}
		if flags != 0 {
			b.str(" [" + nodeAddrFlags(flags, true) + "]")
		}
	default:
		b.str("unknown")
	}
	b.str(")")
}

// nodeInfoQType names a node information query type with its flags.
func nodeInfoQType(qtype, flags uint16, reply bool) string {
	switch qtype {
	case 0:
		return "noop"
	case 1:
		if flags != 0 {
			c := ""
			if flags&1 != 0 {
				c = "C"
			}
			return "supported qtypes [" + c + "]"
		}
		return "supported qtypes"
	case 2:
		return "DNS name"
	case 3:
		if flags != 0 {
			return "node addresses [" + nodeAddrFlags(flags, reply) + "]"
		}
		return "node addresses"
	}
	return "unknown"
}

// nodeAddrFlags are the node addresses flags as letters.
func nodeAddrFlags(flags uint16, reply bool) string {
	var s []byte
	for _, f := range []struct {
		bit    uint16
		letter byte
	}{{0x40, 'a'}, {0x20, 'G'}, {0x10, 'S'}, {0x08, 'L'}, {0x04, 'C'}, {0x02, 'A'}} {
		if flags&f.bit != 0 {
			s = append(s, f.letter)
		}
	}
	if reply && flags&0x01 != 0 {
		s = append(s, 'T')
	}
	return string(s)
}

// nodeInfoName prints a node information DNS name: a length-prefixed
// string (the older draft) or uncompressed labels, read once.
func (d *dissector) nodeInfoName(p []byte) {
	b := d.b
	if len(p) > 0 && int(p[0]) == len(p)-1 {
		if d.p.opts.Verbose > 0 {
			b.str(", 03 draft")
		}
		b.str(", \"")
		safeASCII(b, p[1:])
		b.str("\"")
		return
	}
	b.str(", \"")
	for i := 0; i < len(p); {
		n := int(p[i])
		i++
		if n == 0 {
			switch {
			case i == len(p):
				b.str(".")
			case i+1 == len(p) && p[i] == 0:
			default:
				b.str("???")
			}
			break
		}
		if n > len(p)-i {
			b.str("???")
			break
		}
		safeASCII(b, p[i:i+n])
		i += n
		if i+1 < len(p) && p[i] != 0 {
			b.str(".")
		}
	}
	b.str("\"")
}

var ndOptionNames = map[uint8]string{
	1: "source link-address", 2: "destination link-address", 3: "prefix info",
	4: "redirected header", 5: "mtu", 7: "advertisement interval",
	8: "homeagent information", 24: "route info", 25: "rdnss", 31: "dnssl",
}

// ndOptions prints neighbor discovery options as icmp6_opt_print (-v).
func (d *dissector) ndOptions(data []byte, off, length int) {
	b := d.b
	v := d.p.opts.Verbose
	start := off
	if length < len(data) {
		data = data[:max(length, 0)]
	}
	for off+2 <= len(data) { // each option moves off forwards by its length
		typ, l := data[off], int(data[off+1])
		if l == 0 || off+l*8 > len(data) {
			b.trunc("icmp6")
			return
		}
		b.printf("\n\t  %s option (%d), length %d (%d): ", nameOr(ndOptionNames, typ, "unknown"), typ, l*8, l)
		body := data[off+2 : off+l*8]
		switch typ {
		case 1, 2:
			b.str(macString(body))
		case 3:
			if off+32 > len(data) { // tcpdump reads the prefix whatever the length says
				b.trunc("icmp6")
				return
			}
			pi := data[off+2 : off+32]
			bad := ""
			if l != 4 {
				bad = "badlen"
			}
			b.printf("%s/%d%s, Flags [%s], valid time %s, pref. time %s", d.p.host(net.IP(pi[14:30])), pi[0], bad,
				prefixFlags(pi[1]), ndLifetime(binary.BigEndian.Uint32(pi[2:])), ndLifetime(binary.BigEndian.Uint32(pi[6:])))
		case 4:
			hexOnly(b, "\n\t    ", data[start:min(len(data), start+l*8)], 0)
		case 5:
			bad := ""
			if l != 1 {
				bad = "bad option length"
			}
			b.printf(" %d%s", binary.BigEndian.Uint32(body[2:]), bad)
		case 7:
			b.printf(" %dms", binary.BigEndian.Uint32(body[2:]))
		case 8:
			b.printf(" preference %d, lifetime %d", binary.BigEndian.Uint16(body[2:]), binary.BigEndian.Uint16(body[4:]))
		case 24:
			var pfx [16]byte
			switch l {
			case 1:
			case 2, 3:
				copy(pfx[:], body[6:])
			default:
				b.trunc("icmp6")
				return
			}
			b.printf(" %s/%d, pref=%s, lifetime=%s", d.p.host(net.IP(pfx[:])), body[0], routerPref(body[1]), ndLifetime(binary.BigEndian.Uint32(body[2:])))
		case 25:
			b.printf(" lifetime %ds,", binary.BigEndian.Uint32(body[2:]))
			for i := 0; i < (l-1)/2; i++ {
				b.str(" addr: " + d.p.host(net.IP(body[6+16*i:22+16*i])))
			}
		case 31:
			b.printf(" lifetime %ds, domain(s):", binary.BigEndian.Uint32(body[2:]))
			names := dnsMsg{m: data[start:]}
			at := off + 8 - start
			for at < off+l*8-start && names.m[at] != 0 { // each name moves at forwards
				b.str(" ")
				name, next, err := names.name(at)
				if err != nil || next <= at {
					b.trunc("icmp6")
					return
				}
				b.str(name)
				at = next
			}
		default:
			if v <= 1 {
				hexOnly(b, "\n\t  ", body, 0)
				return
			}
		}
		if v > 1 {
			hexOnly(b, "\n\t    ", body, 0)
		}
		off += l * 8
	}
}

// safeASCII prints bytes as tcpdump's safeputchar: printable ASCII as it
// is, anything else as \0xNN.
func safeASCII(b *buf, p []byte) {
	for _, c := range p {
		if c >= 0x20 && c < 0x7f {
			b.s = append(b.s, c)
		} else {
			b.printf("\\0x%02x", c)
		}
	}
}

// ndRAFlags are a router advertisement's flags, ndPrefixFlags a prefix
// information option's.
var (
	ndRAFlags     = []bitName{{0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"}, {0x04, "proxy"}}
	ndPrefixFlags = []bitName{{0x80, "onlink"}, {0x40, "auto"}, {0x20, "router"}}
)

// prefixFlags are a prefix information option's flags.
func prefixFlags(fl byte) string { return bits32(uint32(fl), ndPrefixFlags, "none") }

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
