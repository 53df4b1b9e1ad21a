package printer

import (
	"encoding/binary"
)

// LDP (RFC 5036) as tcpdump's ldp_print: the PDU header, and with -v
// every PDU of the segment with its messages and TLVs.

var ldpMessages = map[uint16]string{0x0001: "Notification", 0x0100: "Hello", 0x0200: "Initialization",
	0x0201: "Keepalive", 0x0300: "Address", 0x0301: "Address Withdraw", 0x0400: "Label Mapping",
	0x0401: "Label Request", 0x0402: "Label Withdraw", 0x0403: "Label Release", 0x0404: "Label Abort Request"}

var ldpTLVs = map[uint16]string{0x0100: "FEC", 0x0101: "Address List", 0x0103: "Hop Count", 0x0104: "Path Vector",
	0x0200: "Generic Label", 0x0201: "ATM Label", 0x0202: "Frame-Relay Label", 0x0300: "Status",
	0x0301: "Extended Status", 0x0302: "Returned PDU", 0x0303: "Returned Message",
	0x0400: "Common Hello Parameters", 0x0401: "IPv4 Transport Address", 0x0402: "Configuration Sequence Number",
	0x0403: "IPv6 Transport Address", 0x0500: "Common Session Parameters", 0x0501: "ATM Session Parameters",
	0x0502: "Frame-Relay Session Parameters", 0x0503: "Fault-Tolerant Session Parameters",
	0x0600: "Label Request Message ID", 0x0601: "MTU"}

var ldpFECs = map[byte]string{1: "Wildcard", 2: "Prefix", 3: "Host address", 0x80: "Martini VC"}

// ldp prints the LDP PDUs of a UDP datagram or TCP segment; a segment
// holding only a common and a message header prints nothing, as tcpdump.
func (d *dissector) ldp(data []byte, length int) {
	b := d.b
	if len(data) > length {
		data = data[:max(length, 0)]
	}
	for length > 18 {
		n := d.ldpPDU(data)
		if n == 0 {
			return
		}
		if length < n {
			b.printf(" [remaining length %d < %d] (invalid)", length, n)
			return
		}
		length -= n
		data = data[min(n, len(data)):]
	}
}

// ldpPDU prints one PDU and returns its length, 0 to stop.
func (d *dissector) ldpPDU(p []byte) int {
	b := d.b
	be := binary.BigEndian
	sep := ""
	if d.p.opts.Verbose > 0 {
		sep = "\n\t"
	}
	if len(p) < 10 {
		d.truncJmp("ldp")
		return 0
	}
	if v := be.Uint16(p); v != 1 {
		b.printf("%sLDP version %d packet not supported", sep, v)
		return 0
	}
	pdu := int(be.Uint16(p[2:]))
	if pdu < 6 {
		b.printf("%sLDP, pdu-length: %d (too short, < 6)", sep, pdu)
		return 0
	}
	b.printf("%sLDP, Label-Space-ID: %s:%d, pdu-length: %d", sep, d.p.host(p[4:8]), be.Uint16(p[8:]), pdu)
	if d.p.opts.Verbose == 0 {
		return 0
	}
	off, rest := 10, pdu-6
	for rest > 0 {
		if off+8 > len(p) {
			d.truncJmp("ldp")
			return 0
		}
		typ := be.Uint16(p[off:]) & 0x7fff
		mlen := int(be.Uint16(p[off+2:]))
		if mlen < 4 {
			b.printf("\n\t  %s Message (0x%04x), length: %d (too short, < 4)", nameOr(ldpMessages, typ, "Unknown"), typ, mlen)
			return 0
		}
		ign := "ignore"
		if be.Uint16(p[off:])&0x8000 != 0 {
			ign = "continue processing"
		}
		b.printf("\n\t  %s Message (0x%04x), length: %d, Message ID: 0x%08x, Flags: [%s if unknown]",
			nameOr(ldpMessages, typ, "Unknown"), typ, mlen, be.Uint32(p[off+4:]), ign)
		if off+4+mlen > len(p) {
			d.truncJmp("ldp")
			return 0
		}
		body := p[off+8 : off+4+mlen]
		switch typ {
		case 0x0001, 0x0100, 0x0200, 0x0201, 0x0300, 0x0400, 0x0301, 0x0402:
			for t := body; len(t) >= 4; {
				n := d.ldpTLV(t)
				if n == 0 {
					break
				}
				t = t[n:]
			}
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, body, "\n\t  ", len(body))
			}
		}
		if d.p.opts.Verbose > 1 {
			unknownData(b, p[off+8:], "\n\t  ", mlen)
		}
		off += mlen + 4
		rest -= mlen + 4
	}
	return pdu + 4
}

// ldpTLV prints one TLV and returns its length, 0 to end the message.
func (d *dissector) ldpTLV(t []byte) int {
	b := d.b
	be := binary.BigEndian
	raw := be.Uint16(t)
	typ, l := raw&0x3fff, int(be.Uint16(t[2:]))
	if l+4 > len(t) {
		b.str("\n\t\t TLV contents go past end of message")
		return 0
	}
	ign, fwd := "ignore", "don't"
	if raw&0x8000 != 0 {
		ign = "continue processing"
	}
	if raw&0x4000 != 0 {
		fwd = "do"
	}
	b.printf("\n\t    %s TLV (0x%04x), length: %d, Flags: [%s and %s forward if unknown]", nameOr(ldpTLVs, typ, "Unknown"), typ, l, ign, fwd)
	v := t[4 : 4+l]
	short := func(n int) bool {
		if l < n {
			b.printf("\n\t      TLV is too short (%d < %d)", l, n)
			return true
		}
		return false
	}
	switch typ {
	case 0x0400:
		if short(4) {
			break
		}
		kind := "Link"
		if be.Uint16(v[2:])&0x8000 != 0 {
			kind = "Targeted"
		}
		req := ""
		if be.Uint16(v[2:])&0x4000 != 0 {
			req = ", Request for targeted Hellos"
		}
		b.printf("\n\t      Hold Time: %ds, Flags: [%s Hello%s]", be.Uint16(v), kind, req)
	case 0x0401:
		if !short(4) {
			b.printf("\n\t      IPv4 Transport Address: %s", d.p.host(v[:4]))
		}
	case 0x0403:
		if !short(16) {
			b.printf("\n\t      IPv6 Transport Address: %s", d.p.host(v[:16]))
		}
	case 0x0402:
		if !short(4) {
			b.printf("\n\t      Sequence Number: %d", be.Uint32(v))
		}
	case 0x0101:
		if short(2) {
			break
		}
		af := be.Uint16(v)
		b.printf("\n\t      Address Family: %s, addresses", nameOrf(bgpAFIs, af, "Unknown (%d)"))
		size := map[uint16]int{1: 4, 2: 16}[af]
		for q := v[2:]; size > 0 && len(q) >= size; q = q[size:] {
			b.str(" " + d.p.host(q[:size]))
		}
	case 0x0500:
		if short(14) {
			break
		}
		ds, ld := "Unsolicited", "Disabled"
		if be.Uint16(v[6:])&0x8000 != 0 {
			ds = "On Demand"
		}
		if be.Uint16(v[6:])&0x4000 != 0 {
			ld = "Enabled"
		}
		b.printf("\n\t      Version: %d, Keepalive: %ds, Flags: [Downstream %s, Loop Detection %s]", be.Uint16(v), be.Uint16(v[2:]), ds, ld)
	case 0x0100:
		if short(1) {
			break
		}
		fec := v[0]
		b.printf("\n\t      %s FEC (0x%02x)", nameOr(ldpFECs, fec, "Unknown"), fec)
		if fec == 2 {
			if len(v) < 3 {
				b.printf("\n\t      TLV is too short (%d < %d)", l, 3)
				break
			}
			af := be.Uint16(v[1:])
			switch af {
			case 1, 2:
				bits, name := 32, "IPv4"
				if af == 2 {
					bits, name = 128, "IPv6"
				}
				s, n := bgpPrefix(v[3:], bits)
				switch {
				case n == 0:
					b.printf(": %s prefix (invalid length)", name)
				case n < 0:
					b.printf(": %s prefix (goes past end of TLV)", name)
				default:
					b.printf(": %s prefix %s", name, s)
				}
			default:
				b.printf(": Address family %d prefix", af)
			}
		}
	case 0x0200:
		if !short(4) {
			b.printf("\n\t      Label: %d", be.Uint32(v)&0xfffff)
		}
	case 0x0300:
		if short(8) {
			break
		}
		st := be.Uint32(v)
		kind, fwd := "Advisory Notification", "don't"
		if st&0x80000000 != 0 {
			kind = "Fatal error"
		}
		if st&0x40000000 != 0 {
			fwd = "do"
		}
		b.printf("\n\t      Status: 0x%02x, Flags: [%s and %s forward]", st&0x3fffffff, kind, fwd)
		if id := be.Uint32(v[4:]); id != 0 {
			b.printf(", causing Message ID: 0x%08x", id)
		}
	case 0x0601:
		if !short(2) {
			b.printf("\n\t      MTU: %d", be.Uint16(v))
		}
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t      ", l)
		}
	}
	return l + 4
}
