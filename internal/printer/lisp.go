package printer

import (
	"encoding/binary"
	"net"
)

// LISP control messages (RFC 6830, UDP 4342) as tcpdump's lisp_print: the
// message type of any; for Map-Register and Map-Notify the EID records
// and their locators (-v adds flags, TTLs, priorities and the
// authentication data), then the xTR and site IDs or the trailing bytes.

var lispTypes = map[byte]string{0: "LISP-Reserved", 1: "LISP-Map-Request", 2: "LISP-Map-Reply", 3: "LISP-Map-Register",
	4: "LISP-Map-Notify", 8: "LISP-Encapsulated-Contol-Message"}

var lispRegisterFlags = []bitName{{0x08000000, "P-Proxy-Map-Reply"}, {0x04000000, "S-LISP-SEC-Capable"},
	{0x02000000, "I-xTR-ID-Present"}, {0x01000000, "R-Build-For-RTR"}, {0x00000100, "M-Want-Map-Notify"}}

var lispNotifyFlags = []bitName{{0x08000000, "I-xTR-ID-Present"}, {0x04000000, "R-Build-For-RTR"}}

var lispLocatorFlags = []bitName{{0x0004, "Local-Locator"}, {0x0002, "RLoc-Probed"}, {0x0001, "Reachable"}}

var lispAuthTypes = map[uint16]string{0: "None", 1: "SHA1", 2: "SHA256"}

var lispActions = map[byte]string{0: "No-Action", 1: "Natively-Forward", 2: "Send-Map-Request", 3: "Drop"}

// lisp prints data (the UDP payload up to the end of the captured IP
// datagram); length is the payload's length by the UDP header.
func (d *dissector) lisp(data []byte, length int) {
	b := d.b
	be := binary.BigEndian
	v := d.p.opts.Verbose > 0
	if len(data) < 16 {
		b.trunc("lisp")
		return
	}
	typ := data[0] >> 4
	b.printf("%s,", nameOr(lispTypes, typ, "unknown-type-"+itoa(int(typ))))
	if v {
		switch typ {
		case 3:
			b.printf(" flags [%s],", bits32(be.Uint32(data), lispRegisterFlags, "none"))
		case 4:
			b.printf(" flags [%s],", bits32(be.Uint32(data), lispNotifyFlags, "none"))
		}
	}
	if typ != 3 && typ != 4 {
		return
	}
	xtr := typ == 3 && data[0]&2 != 0 || typ == 4 && data[0]&8 != 0
	authLen := be.Uint16(data[14:])
	records := data[3]
	// tcpdump keeps the offset in 16 bits: a long authentication field
	// wraps it around.
	off := uint16(16)
	if v {
		b.printf("\n    %d record(s), Authentication %s,", records, nameOr(lispAuthTypes, be.Uint16(data[12:]), "unknown-type"))
		if !lispHex(b, "\n    Authentication-Data: ", data[16:], int(authLen)) {
			d.truncJmp("lisp")
			return
		}
	} else {
		b.printf(" %d record(s),", records)
	}
	off += authLen
	if records == 0 {
		b.str(" (invalid)")
		return
	}
	have := func(n int) bool { return int(off)+n <= len(data) }
	for ; length > int(off) && records > 0; records-- {
		if !have(12) {
			b.trunc("lisp")
			return
		}
		b.str("\n")
		e := data[off:]
		off += 12
		mask, afi, locs := e[5], be.Uint16(e[10:]), e[4]
		if v {
			b.printf("      Record TTL %d,", be.Uint32(e))
			if e[6]>>4&1 != 0 {
				b.str(" Authoritative,")
			} else {
				b.str(" Non-Authoritative,")
			}
			b.printf(" %s, Map Version: %d,", nameOr(lispActions, e[6]>>5, "unknown"), be.Uint16(e[8:])&0xfff)
		}
		switch afi {
		case 1:
			if !have(4) {
				d.truncJmp("lisp")
				return
			}
			b.printf(" EID %s/%d,", net.IP(data[off:off+4]).String(), mask)
			off += 4
		case 2:
			if !have(16) {
				d.truncJmp("lisp")
				return
			}
			b.printf(" EID %s/%d,", ip6String(net.IP(data[off:off+16])), mask)
			off += 16
		default:
			return
		}
		b.printf(" %d locator(s)", locs)
		for ; locs > 0; locs-- {
			if !have(8) {
				b.trunc("lisp")
				return
			}
			l := data[off:]
			off += 8
			if v {
				b.str("\n       ")
			}
			switch be.Uint16(l[6:]) {
			case 1:
				if !have(4) {
					b.trunc("lisp")
					return
				}
				b.printf(" LOC %s", net.IP(l[8:12]).String())
				off += 4
			case 2:
				if !have(16) {
					b.trunc("lisp")
					return
				}
				b.printf(" LOC %s", ip6String(net.IP(l[8:24])))
				off += 16
			}
			if v {
				b.printf("\n          Priority/Weight %d/%d, Multicast Priority/Weight %d/%d, flags [%s],",
					l[0], l[1], l[2], l[3], bits32(uint32(be.Uint16(l[4:])), lispLocatorFlags, "none"))
			}
		}
	}
	if xtr {
		if !have(24) {
			b.str(" (invalid)")
			return
		}
		hexOnly(b, "\n    xTR-ID: ", data[off:off+16], 0)
		b.printf("\n    SITE-ID: %d", be.Uint64(data[off+16:]))
	} else if int(off) < len(data) {
		hexOnly(b, "\n    Data: ", data[off:], 0)
	}
}

// lispHex is tcpdump's hex_print of n bytes of p; it reports false where
// the capture ends first. tcpdump reads each pair's first byte before it
// prints the line header, then prints the two bytes as it reads them.
func lispHex(b *buf, indent string, p []byte, n int) bool {
	if len(p) >= n {
		hexOnly(b, indent, p[:n], 0)
		return true
	}
	m := len(p) &^ 1
	hexOnly(b, indent, p[:m], 0)
	if m < len(p) {
		if m%16 == 0 {
			b.str(indent)
			b.printf("0x%04x: ", m)
		}
		b.printf(" %02x", p[m])
	}
	return false
}
