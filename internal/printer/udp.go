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
		if info.proto != 17 {
			if sport >= 0 {
				b.printf("%s > %s: ", p.port("udp", uint16(sport)), p.port("udp", uint16(dport)))
			}
			return
		}
		if sport < 0 {
			b.printf("%s > %s: ", info.srcString(p), info.dstString(p))
			return
		}
		// "src.sport > dst.dport: " appended piece by piece: through fmt
		// this line cost a quarter of a printed UDP packet's CPU.
		b.str(info.srcString(p))
		b.str(".")
		b.str(p.port("udp", uint16(sport)))
		b.str(" > ")
		b.str(info.dstString(p))
		b.str(".")
		b.str(p.port("udp", uint16(dport)))
		b.str(": ")
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
	if p.opts.PacketType == "cnfp" {
		d.cnfp(data[8:])
		return
	}
	// rest runs to the end of the IP datagram (tcpdump's snapshot end),
	// past a UDP length that says less: the decoders that read as far as
	// the captured bytes (with a logical length beside) get it.
	rest := data[8:]
	payload := rest
	if len(payload) > length {
		payload = payload[:length]
	}
	if !p.opts.Quiet && (sport == 2049 || dport == 2049) && d.nfs(rest, length, info, sport, dport, "") {
		return
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
		// In tcpdump 4.99.3's order (udp_print; measured with port pairs
		// against the installed tcpdump): the first protocol whose port
		// either end uses.
		port := func(n int) bool { return sport == n || dport == n }
		switch {
		case port(53):
			d.dns(payload, length, false)
			return
		case port(5353):
			d.dns(payload, length, true)
			return
		case port(69):
			d.tftp(payload, length)
			return
		case port(67) || port(68):
			d.bootp(payload, length)
			return
		case port(520):
			d.rip(payload, length)
			return
		case port(654):
			d.aodv(payload, length, info.v6)
			return
		case port(500):
			d.isakmp(rest, length, info)
			return
		case port(4500):
			d.udpEncap(rest, length, info)
			return
		case port(7500) || port(8500):
			d.isakmp(rest, length, info)
			return
		case port(161) || port(162):
			d.snmp(rest, length)
			return
		case port(123):
			d.ntp(payload, length)
			return
		case p.opts.SMB && port(137):
			d.nbns(payload, length)
			return
		case p.opts.SMB && port(138):
			d.nbdgm(payload, length)
			return
		case port(2103) || port(2104):
			d.zephyr(rest, length)
			return
		case port(521):
			d.ripng(payload, length)
			return
		case port(546) || port(547):
			d.dhcp6(payload, length)
			return
		case port(5359):
			d.ahcp(rest, length)
			return
		case port(6696):
			d.babel(payload, length)
			return
		case port(8231):
			d.hncp(rest, length)
			return
		case dport == 4567:
			d.wb(rest, length)
			return
		case radiusPorts[uint16(sport)] || radiusPorts[uint16(dport)]:
			d.radius(payload, length)
			return
		case dport == 1985:
			d.hsrp(payload, length)
			return
		case port(921):
			d.lwres(rest, length)
			return
		case port(646):
			d.ldp(payload, length)
			return
		case port(698):
			d.olsr(payload, length, info.v6)
			return
		case port(3503):
			d.lspping(payload, length)
			return
		case dport == 3784 || dport == 3785 || dport == 4784:
			d.bfd(payload, length, uint16(dport))
			return
		case port(1589):
			d.vqp(rest, length)
			return
		case port(6343):
			d.sflow(payload, length)
			return
		case dport == 12223:
			d.lwappControl(rest, length, true)
			return
		case sport == 12223:
			d.lwappControl(rest, length, false)
			return
		case port(12222):
			d.lwappData(rest, length)
			return
		case port(514):
			d.syslog(payload, length)
			return
		case port(8472):
			d.otv(payload, length)
			return
		case port(4789):
			d.vxlan(payload, length)
			return
		case port(6081):
			d.geneve(payload, length)
			return
		case port(4342):
			d.lisp(rest, length)
			return
		case port(4790):
			d.vxlanGPE(payload, length)
			return
		case port(17754):
			d.zep(rest, length)
			return
		case port(6635):
			d.mpls(payload, length)
			return
		case port(319) || port(320):
			d.ptp(payload, length)
			return
		case port(30490):
			d.someip(rest, length)
			return
		}
	}
	if ulen > length && !info.fragmented {
		b.printf("UDP, bad length %d > %d", ulen, length)
		return
	}
	b.printf("UDP, length %d", ulen)
}
