package printer

import (
	"encoding/binary"
	"net"
	"strings"
)

// HNCP, the Home Networking Control Protocol (RFC 7788) over DNCP (RFC
// 7787), UDP port 8231, as tcpdump's print-hncp.c prints it: "hncp (LEN)"
// and its TLVs. A nesting level is listed on one line (type names, with
// "(xN)" for runs) while its depth is beyond -v's count (all levels are
// listed one TLV a line with -vvv); TLVs printed one a line show their
// fields and nested TLVs.

var hncpTypes = map[uint32]string{
	1: "Request network state", 2: "Request node state", 3: "Node endpoint", 4: "Network state",
	5: "Node state", 8: "Peer", 9: "Keep-alive interval", 10: "Trust-Verdict",
	32: "HNCP-Version", 33: "External-Connection", 34: "Delegated-Prefix", 43: "Prefix-Policy",
	37: "DHCPv4-Data", 38: "DHCPv6-Data", 35: "Assigned-Prefix", 36: "Node-Address",
	39: "DNS-Delegated-Zone", 40: "Domain-Name", 41: "Node-Name", 42: "Managed-PSK",
	hncpReserved: "Reserved", hncpUnassigned: "Unassigned", hncpPrivate: "Private use", hncpFuture: "Future use",
}

// The ranges of undefined types, kept apart from the 16-bit types.
const (
	hncpReserved = 0x10000 + iota
	hncpUnassigned
	hncpPrivate
	hncpFuture
)

func (d *dissector) hncp(data []byte, length int) {
	d.b.printf("hncp (%d)", length)
	d.hncpRec(data, length, 1)
}

// hncpTypeMask is the type a TLV is named by: its own when defined, else
// its range.
func hncpTypeMask(t uint16) uint32 {
	if _, ok := hncpTypes[uint32(t)]; ok {
		return uint32(t)
	}
	switch {
	case t == 0:
		return hncpReserved
	case t == 6 || t == 7:
		return hncpFuture
	case t >= 44 && t <= 511:
		return hncpUnassigned
	case t >= 768 && t <= 1023:
		return hncpPrivate
	}
	return hncpFuture
}

func (d *dissector) hncpIndent(indent int) {
	d.b.str("\n")
	d.b.str(strings.Repeat("\t", indent))
}

// hncpRec prints the TLVs in the length bytes at p (p holds what was
// captured of them, and may run past length).
func (d *dissector) hncpRec(p []byte, length, indent int) {
	b := d.b
	v := d.p.opts.Verbose
	inLine := indent-1 >= v && v < 3
	first := true
	lastMask, lastCount := uint32(0xffffffff), -1
	inLineType := func(mask uint32, count int) {
		if count <= 0 {
			return
		}
		if first {
			first = false
			if indent > 1 {
				d.hncpIndent(indent)
			} else {
				b.str(" ")
			}
		} else {
			b.str(", ")
		}
		b.str(hncpTypes[mask])
		if count > 1 {
			b.printf(" (x%d)", count)
		}
	}
	be := binary.BigEndian
	for i := 0; i < length; {
		if !inLine {
			d.hncpIndent(indent)
		}
		if i+4 > len(p) {
			b.trunc("hncp")
			return
		}
		if i+4 > length {
			b.str(" (invalid)")
			return
		}
		typ := be.Uint16(p[i:])
		bodylen := int(be.Uint16(p[i+2:]))
		if i+4+bodylen > len(p) {
			b.trunc("hncp")
			return
		}
		if i+4+bodylen > length {
			b.str(" (invalid)")
			return
		}
		value := p[i+4 : i+4+bodylen]
		next := i + 4 + (bodylen+3)&^3
		mask := hncpTypeMask(typ)
		if inLine {
			if lastMask == mask {
				lastCount++
			} else {
				inLineType(lastMask, lastCount)
				lastMask, lastCount = mask, 1
			}
			i = next
			continue
		}
		b.str(hncpTypes[mask])
		if mask > 0xffff {
			b.printf(": type=%d", typ)
		}
		b.printf(" (%d)", bodylen+4)
		if !d.hncpTLV(mask, value, p[i+4:], indent) {
			b.str(" (invalid)")
			return
		}
		i = next
	}
	inLineType(lastMask, lastCount)
}

// hncpTLV prints one TLV's body; false is tcpdump's "goto invalid", which
// ends the TLV list. ext is what was captured from the body on, past its
// end: nested TLVs are checked against it.
func (d *dissector) hncpTLV(mask uint32, value, ext []byte, indent int) bool {
	b := d.b
	be := binary.BigEndian
	n := len(value)
	invalid := func() { b.str(" (invalid)") }
	nid := func(v []byte) string {
		return hexByte(v[0]) + ":" + hexByte(v[1]) + ":" + hexByte(v[2]) + ":" + hexByte(v[3])
	}
	interval := func(ms uint32) string { return itoa(int(ms/1000)) + "." + pad3(ms%1000) + "s" }
	hash256 := func(v []byte) string {
		var sb strings.Builder
		for _, c := range v[:32] {
			sb.WriteString(hexByte(c))
		}
		return sb.String()
	}
	switch mask {
	case 1:
		if n != 0 {
			invalid()
		}
	case 2:
		if n != 4 {
			invalid()
			break
		}
		b.str(" NID: " + nid(value))
	case 3:
		if n != 8 {
			invalid()
			break
		}
		b.printf(" NID: %s EPID: %08x", nid(value), be.Uint32(value[4:]))
	case 4:
		if n != 8 {
			invalid()
			break
		}
		b.printf(" hash: %016x", be.Uint64(value))
	case 5:
		if n < 20 {
			invalid()
			break
		}
		b.printf(" NID: %s seqno: %d %s hash: %016x", nid(value), be.Uint32(value[4:]), interval(be.Uint32(value[8:])), be.Uint64(value[12:]))
		d.hncpRec(ext[20:], n-20, indent+1)
	case 8:
		if n != 12 {
			invalid()
			break
		}
		b.printf(" Peer-NID: %s Peer-EPID: %08x Local-EPID: %08x", nid(value), be.Uint32(value[4:]), be.Uint32(value[8:]))
	case 9:
		if n < 8 {
			invalid()
			break
		}
		b.printf(" EPID: %08x Interval: %s", be.Uint32(value), interval(be.Uint32(value[4:])))
	case 10:
		if n <= 36 {
			invalid()
			break
		}
		b.printf(" Verdict: %d Fingerprint: %s Common Name: ", value[0], hash256(value[4:]))
		printJNP(b, value[36:])
	case 32:
		if n < 5 {
			invalid()
			break
		}
		c := be.Uint16(value[2:])
		b.printf(" M: %d P: %d H: %d L: %d User-agent: ", c>>12, c>>8&0xf, c>>4&0xf, c&0xf)
		printJNP(b, value[4:])
	case 33:
		d.hncpRec(ext, n, indent+1)
	case 34:
		if n < 9 || n < 9+(int(value[8])+7)/8 {
			invalid()
			break
		}
		b.printf(" VLSO: %s PLSO: %s Prefix: ", interval(be.Uint32(value)), interval(be.Uint32(value[4:])))
		l := d.hncpPrefix(value[8:])
		if l == -1 {
			b.str("(length is invalid)")
			break
		}
		if l < 0 {
			invalid()
			break
		}
		l = (l + 8 + 3) &^ 3
		if n >= l {
			d.hncpRec(ext[l:], n-l, indent+1)
		}
	case 43:
		if n < 1 {
			invalid()
			break
		}
		policy := value[0]
		b.str(" type: ")
		switch {
		case policy == 0:
			if n != 1 {
				invalid()
				break
			}
			b.str("Internet connectivity")
		case policy <= 128:
			b.str("Dest-Prefix: ")
			l := d.hncpPrefix(value)
			if l == -1 {
				b.str("(length is invalid)")
			} else if l < 0 {
				invalid()
			}
		case policy == 129:
			b.str("DNS domain: ")
			d.hncpDNSLabel(value[1:])
		case policy == 130:
			b.str("Opaque UTF-8: ")
			printJNP(b, value[1:])
		case policy == 131:
			if n != 1 {
				invalid()
				break
			}
			b.str("Restrictive assignment")
		default:
			b.printf("Unknown (%d)", policy)
		}
	case 37:
		if n == 0 {
			invalid()
			break
		}
		if !d.hncpDHCPv4(value, indent+1) {
			return false
		}
	case 38:
		if n == 0 {
			invalid()
			break
		}
		if !d.hncpDHCPv6(value, indent+1) {
			invalid()
		}
	case 35:
		if n < 6 || n < 6+(int(value[5])+7)/8 {
			invalid()
			break
		}
		b.printf(" EPID: %08x Prty: %d Prefix: ", be.Uint32(value), value[4]&0xf)
		l := d.hncpPrefix(value[5:])
		if l < 0 {
			invalid()
			break
		}
		l = (l + 5 + 3) &^ 3
		if n >= l {
			d.hncpRec(ext[l:], n-l, indent+1)
		}
	case 36:
		if n < 20 {
			invalid()
			break
		}
		b.printf(" EPID: %08x IP Address: %s", be.Uint32(value), d.hncpAddr(value[4:20]))
		d.hncpRec(ext[20:], n-20, indent+1)
	case 39:
		if n < 17 {
			invalid()
			break
		}
		fl := value[16]
		bit := func(m byte, c string) string {
			if fl&m != 0 {
				return c
			}
			return "-"
		}
		b.printf(" IP-Address: %s %s%s%s ", d.hncpAddr(value[:16]), bit(4, "l"), bit(2, "b"), bit(1, "s"))
		l := d.hncpDNSLabel(value[17:])
		if l < 0 {
			invalid()
			break
		}
		l = (l + 17 + 3) &^ 3
		if n >= l {
			d.hncpRec(ext[l:], n-l, indent+1)
		}
	case 40:
		if n == 0 {
			invalid()
			break
		}
		b.str(" Domain: ")
		d.hncpDNSLabel(value)
	case 41:
		if n < 17 {
			invalid()
			break
		}
		l := int(value[16])
		if n < 17+l {
			invalid()
			break
		}
		b.printf(" IP-Address: %s Name: ", d.hncpAddr(value[:16]))
		if l < 64 {
			b.str("\"")
			printJNP(b, value[17:17+l])
			b.str("\"")
		} else {
			invalid()
		}
		l = (l + 17 + 3) &^ 3
		if n >= l {
			d.hncpRec(ext[l:], n-l, indent+1)
		}
	case 42:
		if n < 32 {
			invalid()
			break
		}
		b.printf(" PSK: %s", hash256(value))
		d.hncpRec(ext[32:], n-32, indent+1)
	}
	return true
}

func hexByte(c byte) string {
	const hx = "0123456789abcdef"
	return string([]byte{hx[c>>4], hx[c&0xf]})
}

func pad3(v uint32) string {
	s := itoa(int(v))
	return strings.Repeat("0", 3-len(s)) + s
}

var v4Mapped = []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}

// hncpAddr is an IPv6 address, or the IPv4 address an IPv4-mapped one
// holds.
func (d *dissector) hncpAddr(a []byte) string {
	if string(a[:12]) == string(v4Mapped) {
		return d.p.host(net.IP(append([]byte{}, a[12:16]...)))
	}
	return d.p.host(net.IP(append([]byte{}, a[:16]...)))
}

// hncpPrefix prints a prefix length and the bytes it needs (an IPv4 prefix
// when the address is IPv4-mapped) and returns the bytes used: -1 for a
// prefix length too long, -2 or -3 for a prefix running past p.
func (d *dissector) hncpPrefix(p []byte) int {
	if len(p) < 1 {
		return -2
	}
	if p[0] >= 96 && len(p) >= 13 && string(p[1:13]) == string(v4Mapped) {
		plen := int(p[0]) - 96
		if plen > 32 {
			return -1
		}
		nb := (plen + 7) / 8
		if len(p)-1 < nb+12 {
			return -3
		}
		a := make(net.IP, 4)
		copy(a, p[13:13+nb])
		if plen%8 != 0 {
			a[nb-1] &= byte(int(0xff00) >> (plen % 8)) // low byte
		}
		d.b.printf("%s/%d", d.p.host(a), plen)
		return nb + 13
	}
	plen := int(p[0])
	if plen > 128 {
		return -1
	}
	nb := (plen + 7) / 8
	if len(p)-1 < nb {
		return -2
	}
	a := make(net.IP, 16)
	copy(a, p[1:1+nb])
	if plen%8 != 0 {
		a[nb-1] &= byte(int(0xff00) >> (plen % 8)) // low byte
	}
	d.b.printf("%s/%d", d.p.host(a), plen)
	return 1 + nb
}

// hncpDNSLabel prints an uncompressed domain name in p and returns its
// length, or -1 (after tcpdump's "[|DNS]") when p ends inside it.
func (d *dissector) hncpDNSLabel(p []byte) int {
	b := d.b
	n := 0
	for n < len(p) {
		l := int(p[n])
		n++
		if l == 0 {
			return n
		}
		if n > 1 {
			b.str(".")
		}
		if n+l > len(p) {
			printJNP(b, p[n:])
			break
		}
		printJNP(b, p[n:n+l])
		n += l
	}
	b.str("[|DNS]")
	return -1
}

var hncpDHCPv4Opts = map[byte]string{6: "DNS-server", 42: "NTP-server", 119: "DNS-search"}
var hncpDHCPv6Opts = map[uint16]string{23: "DNS-server", 24: "DNS-search-list", 31: "SNTP-servers"}

// hncpDHCPv4 prints DHCPv4 options; false when one is malformed.
func (d *dissector) hncpDHCPv4(p []byte, indent int) bool {
	b := d.b
	for i := 0; i < len(p); {
		if i+2 > len(p) {
			return false
		}
		typ, olen := p[i], int(p[i+1])
		d.hncpIndent(indent)
		b.printf("%s (%d)", nameOr(hncpDHCPv4Opts, typ, "Unknown"), olen+2)
		if i+2+olen > len(p) {
			return false
		}
		v := p[i+2 : i+2+olen]
		switch typ {
		case 6, 42:
			if olen < 4 || olen%4 != 0 {
				return false
			}
			for t := 0; t < olen; t += 4 {
				b.str(" " + d.p.host(net.IP(append([]byte{}, v[t:t+4]...))))
			}
		case 119:
			if !d.hncpNames(v) {
				return false
			}
		}
		i += 2 + olen
	}
	return true
}

// hncpDHCPv6 prints DHCPv6 options; false when one is malformed.
func (d *dissector) hncpDHCPv6(p []byte, indent int) bool {
	b := d.b
	be := binary.BigEndian
	for i := 0; i < len(p); {
		if i+4 > len(p) {
			return false
		}
		typ, olen := be.Uint16(p[i:]), int(be.Uint16(p[i+2:]))
		d.hncpIndent(indent)
		b.printf("%s (%d)", nameOr(hncpDHCPv6Opts, typ, "Unknown"), olen+4)
		if i+4+olen > len(p) {
			return false
		}
		v := p[i+4 : i+4+olen]
		switch typ {
		case 23, 31:
			if olen%16 != 0 {
				b.str(" (invalid)")
				return false
			}
			for t := 0; t < olen; t += 16 {
				b.str(" " + d.p.host(net.IP(append([]byte{}, v[t:t+16]...))))
			}
		case 24:
			if !d.hncpNames(v) {
				return false
			}
		}
		i += 4 + olen
	}
	return true
}

// hncpNames prints the domain names filling v, each after a space.
func (d *dissector) hncpNames(v []byte) bool {
	m := dnsMsg{v}
	for off := 0; off < len(v); {
		d.b.str(" ")
		n, next, err := m.name(off)
		d.b.str(n)
		if err != nil {
			return false
		}
		off = next
	}
	return true
}
