package printer

import (
	"encoding/binary"
	"net"
	"strings"
)

// rpkiRTRPort is the RPKI-to-Router protocol's TCP port (RFC 6810).
const rpkiRTRPort = 323

var rpkiRTRPDUs = map[byte]string{0: "Serial Notify", 1: "Serial Query", 2: "Reset Query",
	3: "Cache Response", 4: "IPV4 Prefix", 6: "IPV6 Prefix", 7: "End of Data", 8: "Cache Reset",
	10: "Error Report"}

var rpkiRTRErrors = map[uint16]string{0: "Corrupt Data", 1: "Internal Error", 2: "No Data Available",
	3: "Invalid Request", 4: "Unsupported Protocol Version", 5: "Unsupported PDU Type",
	6: "Withdrawal of Unknown Record", 7: "Duplicate Announcement Received"}

// rpkiRTR prints an RPKI-RTR segment as tcpdump's rpki_rtr_print: only
// the protocol's name at default verbosity, every PDU with -v.
func (d *dissector) rpkiRTR(seg []byte, length int) {
	if d.p.opts.Verbose == 0 {
		d.b.str(", RPKI-RTR")
		return
	}
	left := uint32(length)
	for left > 0 {
		n, ok := d.rpkiRTRPDU(seg, left, true, 8)
		if !ok {
			return
		}
		left -= n
		seg = seg[min(int(n), len(seg)):]
	}
}

// rpkiIndent is tcpdump's indent_string: a newline, a tab per eight
// columns, then spaces.
func rpkiIndent(n int) string { return "\n" + strings.Repeat("\t", n/8) + strings.Repeat(" ", n%8) }

// rpkiRTRPDU prints one PDU of at most length bytes (p is what was
// captured from its start) and returns how many bytes it took; ok false
// means the capture ended where tcpdump's printer stops the packet.
func (d *dissector) rpkiRTRPDU(p []byte, length uint32, recurse bool, indent int) (n uint32, ok bool) {
	b := d.b
	be := binary.BigEndian
	// has reports whether off+n bytes (32-bit arithmetic, as tcpdump's
	// u_int) were captured.
	has := func(off, n uint32) bool { return uint64(off)+uint64(n) <= uint64(len(p)) }
	trunc := func() (uint32, bool) {
		d.truncJmp("rpki_rtr")
		return 0, false
	}
	invalid := func() (uint32, bool) {
		b.str(" (invalid)")
		if !has(0, length) {
			return trunc()
		}
		return length, true
	}
	if !has(0, 1) {
		return trunc()
	}
	if p[0] != 0 {
		b.printf("%sRPKI-RTRv%d (unknown)", rpkiIndent(8), p[0])
		return length, true
	}
	if length < 8 {
		b.printf("(%d bytes is too few to decode)", length)
		return invalid()
	}
	if !has(0, 8) {
		return trunc()
	}
	typ := p[1]
	plen := be.Uint32(p[4:])
	b.printf("%sRPKI-RTRv0, %s PDU (%d), length: %d", rpkiIndent(8), nameOr(rpkiRTRPDUs, typ, "Unknown"), typ, plen)
	if plen < 8 || plen > length {
		return invalid()
	}
	in2 := rpkiIndent(indent + 2)
	hexdump := false
	switch typ {
	case 0, 1, 7:
		if plen != 12 {
			return invalid()
		}
		if !has(8, 4) {
			return trunc()
		}
		b.printf("%sSession ID: 0x%04x, Serial: %d", in2, be.Uint16(p[2:]), be.Uint32(p[8:]))
	case 2, 8:
		if plen != 8 {
			return invalid()
		}
	case 3:
		if plen != 8 {
			return invalid()
		}
		b.printf("%sSession ID: 0x%04x", in2, be.Uint16(p[2:]))
	case 4, 6:
		size, alen, fam := uint32(20), 4, "IPv4"
		if typ == 6 {
			size, alen, fam = 32, 16, "IPv6"
		}
		if plen != size {
			return invalid()
		}
		if !has(0, size) {
			return trunc()
		}
		addr := net.IP(p[12 : 12+alen])
		as := be.Uint32(p[12+alen:])
		b.printf("%s%s Prefix %s/%d-%d, origin-as %d, flags 0x%02x", in2, fam, d.p.host(addr), p[9], p[10], as, p[8])
	case 10:
		tlen := uint32(8)
		if plen < tlen+4 {
			return invalid()
		}
		if !has(8, 4) {
			return trunc()
		}
		encLen := be.Uint32(p[8:])
		tlen += 4
		code := be.Uint16(p[2:])
		b.printf("%sError code: %s (%d), Encapsulated PDU length: %d", in2, nameOr(rpkiRTRErrors, code, "Unknown"), code, encLen)
		if encLen != 0 {
			if plen < tlen+encLen {
				return invalid()
			}
			if !recurse {
				if !has(0, tlen+encLen) {
					return trunc()
				}
			} else {
				b.printf("%s-----encapsulated PDU-----", rpkiIndent(indent+4))
				if _, ok := d.rpkiRTRPDU(p[tlen:], encLen, false, indent+2); !ok {
					return 0, false
				}
			}
			tlen += encLen
		}
		if plen < tlen+4 {
			return invalid()
		}
		if !has(tlen, 4) {
			return trunc()
		}
		textLen := be.Uint32(p[tlen:])
		tlen += 4
		if textLen != 0 {
			if plen < tlen+textLen {
				return invalid()
			}
			b.printf("%sError text: ", in2)
			if !has(tlen, textLen) {
				if int(tlen) < len(p) {
					printn(b, p[tlen:])
				}
				return trunc()
			}
			printn(b, p[tlen:tlen+textLen])
		}
	default:
		if !has(0, plen) {
			return trunc()
		}
		hexdump = true
	}
	if v := d.p.opts.Verbose; v > 1 || (v > 0 && hexdump) {
		unknownData(b, p, "\n\t  ", int(min(plen, uint32(len(p)))))
	}
	return plen, true
}
