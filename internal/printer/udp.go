package printer

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// udp prints a UDP datagram as tcpdump's udp_print does. length is the
// datagram length according to the IP header.
func (d *dissector) udp(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	addrs := func(sport, dport int) {
		if sport < 0 {
			b.printf("%s > %s: ", info.srcString(p), info.dstString(p))
			return
		}
		b.printf("%s.%s > %s.%s: ", info.srcString(p), p.port("udp", uint16(sport)), info.dstString(p), p.port("udp", uint16(dport)))
	}
	if len(data) < 4 {
		addrs(-1, -1)
		b.trunc("udp")
		return
	}
	sport := int(binary.BigEndian.Uint16(data))
	dport := int(binary.BigEndian.Uint16(data[2:]))
	if length < 8 {
		addrs(sport, dport)
		b.printf("truncated-udp %d", length)
		return
	}
	if len(data) < 6 {
		addrs(sport, dport)
		b.trunc("udp")
		return
	}
	ulen := int(binary.BigEndian.Uint16(data[4:]))
	if ulen == 0 && length > 65535 {
		ulen = length
	}
	if ulen < 8 {
		addrs(sport, dport)
		b.printf("truncated-udplength %d", ulen)
		return
	}
	ulen -= 8
	length -= 8
	if ulen < length {
		length = ulen
	}
	if len(data) < 8 {
		addrs(sport, dport)
		b.trunc("udp")
		return
	}
	var u layers.UDP
	_ = u.DecodeFromBytes(data[:8], gopacket.NilDecodeFeedback)
	addrs(sport, dport)
	payload := data[8:]
	if len(payload) > length {
		payload = payload[:length]
	}
	if p.opts.Verbose > 0 && !info.fragmented {
		have := u.Checksum
		switch {
		case !info.v6 && p.opts.Verbose > 1:
			if have == 0 {
				b.str("[no cksum] ")
			} else if len(data)-8 >= length {
				sum := checksum(data[:length+8], pseudoSum(info, 17, length+8))
				if sum != 0 {
					b.printf("[bad udp cksum 0x%04x -> 0x%04x!] ", have, shouldBe(have, sum))
				} else {
					b.str("[udp sum ok] ")
				}
			}
		case info.v6:
			if len(data)-8 >= length {
				sum := checksum(data[:length+8], pseudoSum(info, 17, length+8))
				if sum != 0 {
					b.printf("[bad udp cksum 0x%04x -> 0x%04x!] ", have, shouldBe(have, sum))
				} else {
					b.str("[udp sum ok] ")
				}
			}
		}
	}
	if !p.opts.Quiet {
		switch {
		case sport == 53 || dport == 53:
			d.dns(payload, length)
			return
		case sport == 67 || dport == 67 || sport == 68 || dport == 68:
			d.bootp(payload, length)
			return
		case sport == 123 || dport == 123:
			d.ntp(payload, length)
			return
		case sport == 514 || dport == 514:
			d.syslog(payload, length)
			return
		case sport == 646 || dport == 646:
			d.ldp(payload, length)
			return
		case dport == 3784 || dport == 3785 || dport == 4784:
			d.bfd(payload, length, uint16(dport))
			return
		case sport == 4500 || dport == 4500:
			d.udpEncap(payload, length)
			return
		case dport == 4789:
			d.vxlan(payload, length)
			return
		case dport == 6081:
			d.geneve(payload, length)
			return
		}
	}
	if ulen > length && !info.fragmented {
		b.printf("UDP, bad length %d > %d", ulen, length)
		return
	}
	b.printf("UDP, length %d", ulen)
}

// vxlan prints RFC 7348 VXLAN and the frame it carries, on a new line as
// tcpdump does.
func (d *dissector) vxlan(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		b.trunc("vxlan")
		return
	}
	flags := data[0]
	b.str("VXLAN, flags [")
	if flags&0x08 != 0 {
		b.str("I")
	} else {
		b.str(".")
	}
	b.printf("] (0x%02x), vni %d\n", flags, binary.BigEndian.Uint32(data[4:])>>8)
	d.ethernet(data[8:], length-8)
}

// geneve prints Geneve (RFC 8926) and the frame it carries.
func (d *dissector) geneve(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		b.trunc("geneve")
		return
	}
	ver := data[0] >> 6
	optLen := int(data[0]&0x3f) * 4
	flags := data[1]
	proto := binary.BigEndian.Uint16(data[2:])
	vni := binary.BigEndian.Uint32(data[4:]) >> 8
	if ver != 0 {
		b.printf("Geneve, ver %d", ver)
		return
	}
	b.str("Geneve")
	var fl []string
	if flags&0x80 != 0 {
		fl = append(fl, "O")
	}
	if flags&0x40 != 0 {
		fl = append(fl, "C")
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	b.printf(", Flags [%s]", fs)
	if proto != 0x6558 && d.p.opts.Verbose > 0 {
		b.printf(", proto %s (0x%04x)", etherTypeName(proto), proto)
	}
	b.printf(", vni 0x%x", vni)
	if optLen > 0 {
		b.printf(", options [%d bytes]", optLen)
	}
	if len(data) < 8+optLen {
		b.trunc("geneve")
		return
	}
	b.str(": ")
	inner := data[8+optLen:]
	if proto == 0x6558 {
		d.ethernet(inner, length-8-optLen)
		return
	}
	if !d.etherType(proto, inner, length-8-optLen) {
		b.printf("ethertype %s (0x%04x)", etherTypeName(proto), proto)
	}
}

// bootp prints the BOOTP/DHCP summary line (without -v).
func (d *dissector) bootp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		b.trunc("bootp")
		return
	}
	op := data[0]
	switch op {
	case 1:
		b.str("BOOTP/DHCP, Request")
	case 2:
		b.str("BOOTP/DHCP, Reply")
	default:
		b.printf("BOOTP/DHCP, unknown (0x%02x)", op)
	}
	if len(data) < 34 {
		b.trunc("bootp")
		return
	}
	if data[1] == 1 && data[2] == 6 && op == 1 {
		b.str(" from " + macString(data[28:34]))
	}
	b.printf(", length %d", length)
}

var ntpModes = []string{"unspecified", "symmetric active", "symmetric passive", "Client", "Server", "Broadcast", "Control Message", "Reserved"}

// ntp prints the NTP summary line (without -v).
func (d *dissector) ntp(data []byte, length int) {
	if len(data) < 1 {
		d.b.trunc("ntp")
		return
	}
	d.b.printf("NTPv%d, %s, length %d", (data[0]>>3)&7, ntpModes[data[0]&7], length)
}

var syslogFacilities = []string{"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron",
	"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"}

var syslogSeverities = []string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

// syslog prints the syslog summary line (without -v).
func (d *dissector) syslog(data []byte, length int) {
	b := d.b
	if len(data) < 1 || data[0] != '<' {
		b.str("[|syslog]")
		return
	}
	pri, i := 0, 1
	for ; i < len(data) && i <= 3 && data[i] >= '0' && data[i] <= '9'; i++ {
		pri = pri*10 + int(data[i]-'0')
	}
	if i >= len(data) || data[i] != '>' {
		b.str("[|syslog]")
		return
	}
	fac := pri >> 3
	f := "unknown (" + itoa(fac) + ")"
	if fac < len(syslogFacilities) {
		f = syslogFacilities[fac]
	}
	b.printf("SYSLOG %s.%s, length: %d", f, syslogSeverities[pri&7], length)
}
