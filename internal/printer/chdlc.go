package printer

import (
	"encoding/binary"
	"net"
)

// Cisco HDLC (DLT_C_HDLC) and its SLARP keepalives, as tcpdump's
// print-chdlc.c prints them.

// chdlc is tcpdump's chdlc_print; it returns the header length.
func (d *dissector) chdlc(p []byte, length int) int {
	b := d.b
	if length < 4 {
		b.trunc("chdlc")
		return len(p)
	}
	if len(p) < 4 {
		d.truncJmp("chdlc")
		return len(p)
	}
	proto := binary.BigEndian.Uint16(p[2:])
	if d.p.opts.LinkHeader {
		var cast string
		switch p[0] {
		case 0x0f:
			cast = "unicast"
		case 0x8f:
			cast = "bcast"
		default:
			cast = "0x" + hex2(p[0])
		}
		b.printf("%s, ethertype %s (0x%04x), length %d: ", cast, etherTypeName(proto), proto, length)
	}
	p, length = p[4:], length-4
	switch proto {
	case 0x0800:
		d.ip4(p, length)
	case 0x86dd:
		d.ip6(p, length)
	case 0x8035:
		d.slarp(p, length)
	case 0x8847, 0x8848:
		d.mpls(p, length)
	default:
		if !d.p.opts.LinkHeader {
			b.printf("unknown CHDLC protocol (0x%04x)", proto)
		}
	}
	return 4
}

// slarp prints Cisco's Serial Line ARP.
func (d *dissector) slarp(p []byte, length int) {
	b := d.b
	b.printf("SLARP (length: %d), ", length)
	if !d.need2(p, length, 14, "chdlc_slarp") {
		return
	}
	switch code := binary.BigEndian.Uint32(p); code {
	case 0:
		b.str("request")
	case 1:
		b.printf("reply %s/%s", net.IP(p[4:8]), net.IP(p[8:12]))
	case 2:
		b.printf("keepalive: mineseen=0x%08x, yourseen=0x%08x, reliability=0x%04x",
			binary.BigEndian.Uint32(p[4:]), binary.BigEndian.Uint32(p[8:]), binary.BigEndian.Uint16(p[12:]))
		if length >= 18 {
			if len(p) < 18 {
				d.truncJmp("chdlc_slarp")
				return
			}
			sec := binary.BigEndian.Uint32(p[14:]) / 1000
			mins := sec / 60
			sec -= mins * 60
			hrs := mins / 60
			mins -= hrs * 60
			days := hrs / 24
			hrs -= days * 24
			b.printf(", link uptime=%dd%dh%dm%ds", days, hrs, mins, sec)
		}
	default:
		b.printf("0x%02x unknown", code)
		if d.p.opts.Verbose <= 1 {
			unknownData(b, p[4:], "\n\t", length-4)
		}
	}
	if length > 18 && d.p.opts.Verbose > 0 {
		b.printf(", (trailing junk: %d bytes)", length-18)
	}
	if d.p.opts.Verbose > 1 {
		// tcpdump dumps from the fifth byte, but past a keepalive's
		// fields: it has moved on over them by then.
		from := 4
		if binary.BigEndian.Uint32(p) == 2 && length >= 18 {
			from = 18
		}
		unknownData(b, p[min(from, len(p)):], "\n\t", length-from)
	}
}
