package printer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// dnsTypes are the record types tcpdump 4.99.3 names; others print as
// TypeN.
var dnsTypes = map[uint16]string{
	1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR",
	10: "NULL", 11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX", 16: "TXT",
	17: "RP", 18: "AFSDB", 19: "X25", 20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP_PTR",
	24: "SIG", 25: "KEY", 26: "PX", 27: "GPOS", 28: "AAAA", 29: "LOC", 30: "NXT",
	31: "EID", 32: "NIMLOC", 33: "SRV", 34: "ATMA", 35: "NAPTR", 36: "KX", 37: "CERT",
	38: "A6", 39: "DNAME", 40: "SINK", 41: "OPT", 42: "APL", 43: "DS", 44: "SSHFP",
	45: "IPSECKEY", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 99: "SPF", 100: "UINFO",
	101: "UID", 102: "GID", 103: "UNSPEC", 104: "UNSPECA", 249: "TKEY", 250: "TSIG",
	251: "IXFR", 252: "AXFR", 253: "MAILB", 254: "MAILA", 255: "ANY", 256: "URI",
}

var dnsClasses = map[uint16]string{1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY"}

var dnsOpcodes = []string{"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
	" op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"}

var dnsRcodes = []string{"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
	" YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12",
	" Resp13", " Resp14", " NoChange"}

func dnsType(t uint16) string {
	if s, ok := dnsTypes[t]; ok {
		return s
	}
	return fmt.Sprintf("Type%d", t)
}

// dnsMsg reads names and records out of a DNS message.
type dnsMsg struct{ m []byte }

var (
	errDNSTrunc  = errors.New("truncated")
	errDNSBadPtr = errors.New("compression pointer not backwards")
	errDNSLabel  = errors.New("unknown label type")
	errDNSLong   = errors.New("name longer than 255 octets")
)

// dnsMaxName is RFC 1035's limit on a name's length in octets (labels and
// their length bytes), which also bounds its labels and pointers: past it
// a name is hostile, and the printer stops reading it (so that a message
// whose every record points at one long name costs no more than 255 bytes
// of work per record).
const dnsMaxName = 255

// name reads a possibly compressed name at off and returns it (with its
// trailing dot) and the offset after it. The work is bounded: a
// compression pointer must point before the run of labels it ends (as BIND
// and tcpdump require), a run may not reach into the run read before it
// (so no byte is read twice), and a name ends at dnsMaxName octets. On
// errDNSBadPtr the name read so far comes back with tcpdump's "<BAD PTR>"
// marker, which it prints before giving up (errDNSLong: "<NAME TOO LONG>").
func (d dnsMsg) name(off int) (string, int, error) {
	var sb strings.Builder
	var lbuf []byte
	end := -1
	runStart, limit := off, len(d.m)
	octets := 0
	for hops := 0; ; hops++ {
		if octets > dnsMaxName || hops > dnsMaxName {
			sb.WriteString("<NAME TOO LONG>")
			return sb.String(), 0, errDNSLong
		}
		if off >= limit {
			if limit < len(d.m) {
				sb.WriteString("<BAD PTR>")
				return sb.String(), 0, errDNSBadPtr
			}
			return sb.String(), 0, errDNSTrunc
		}
		l := int(d.m[off])
		switch {
		case l == 0:
			if end < 0 {
				end = off + 1
			}
			if sb.Len() == 0 {
				sb.WriteByte('.')
			}
			return sb.String(), end, nil
		case l&0xc0 == 0xc0:
			if off+1 >= len(d.m) {
				return sb.String(), 0, errDNSTrunc
			}
			if end < 0 {
				end = off + 2
			}
			target := int(binary.BigEndian.Uint16(d.m[off:]) & 0x3fff)
			if target >= runStart {
				sb.WriteString("<BAD PTR>")
				return sb.String(), 0, errDNSBadPtr
			}
			limit, runStart, off = runStart, target, target
		case l&0xc0 != 0:
			return sb.String(), 0, errDNSLabel
		default:
			if off+1+l > limit && limit < len(d.m) {
				sb.WriteString("<BAD PTR>")
				return sb.String(), 0, errDNSBadPtr
			}
			lbuf = appendDNSLabel(lbuf[:0], d.m[off+1:min(off+1+l, len(d.m))])
			sb.Write(lbuf)
			if off+1+l > len(d.m) {
				return sb.String(), 0, errDNSTrunc // what was captured of the label is printed
			}
			sb.WriteByte('.')
			off += 1 + l
			octets += 1 + l
		}
	}
}

// skipName returns the offset after the name at off without following
// compression pointers (tcpdump's ns_nskip).
func (d dnsMsg) skipName(off int) (int, error) {
	for {
		if off >= len(d.m) {
			return 0, errDNSTrunc
		}
		l := int(d.m[off])
		switch {
		case l == 0:
			return off + 1, nil
		case l&0xc0 == 0xc0:
			if off+2 > len(d.m) {
				return 0, errDNSTrunc
			}
			return off + 2, nil
		case l&0xc0 != 0:
			return 0, errDNSLabel
		}
		off += 1 + l
	}
}

// dns prints a DNS message as tcpdump's domain_print: the header flags
// and counts, the questions of a query (of a response with -vv), the
// answers of a response, and with -vv the other sections. mdns is
// multicast DNS (port 5353), whose class field carries the QU and cache
// flush bits.
func (d *dissector) dns(data []byte, length int, mdns bool) {
	b := d.b
	if length < 12 { // tcpdump checks the message's length before reading it
		b.printf("domain [length %d < 12] (invalid)", length)
		return
	}
	if len(data) < 12 {
		d.truncJmp("domain")
		return
	}
	m := dnsMsg{data}
	be := binary.BigEndian
	id := be.Uint16(data)
	f := be.Uint16(data[2:])
	qd := int(be.Uint16(data[4:]))
	an := int(be.Uint16(data[6:]))
	ns := int(be.Uint16(data[8:]))
	ar := int(be.Uint16(data[10:]))
	opcode := (f >> 11) & 0xf
	vv := d.p.opts.Verbose > 1
	off := 12
	// section prints count records as domain_print does: the first one
	// whatever is left (the answers) or when data is left (" ns:", " ar:"),
	// the others while data is left; false when a record failed.
	section := func(prefix string, count int) bool {
		if count == 0 || (prefix != "" && off >= len(data)) {
			return true
		}
		b.str(prefix)
		for i := 0; i < count; i++ {
			if i > 0 {
				if off >= len(data) {
					return true
				}
				b.str(",")
			}
			next, err := d.dnsRR(m, off, mdns)
			if err != nil {
				d.dnsFail(err)
				return false
			}
			off = next
		}
		return true
	}
	if f&0x8000 != 0 { // response
		b.printf("%d%s%s", id, dnsOpcodes[opcode], dnsRcodes[f&0xf])
		if f&0x0400 != 0 {
			b.str("*")
		}
		if f&0x0080 == 0 {
			b.str("-")
		}
		if f&0x0200 != 0 {
			b.str("|")
		}
		if f&0x0020 != 0 {
			b.str("$")
		}
		if qd != 1 {
			b.printf(" [%dq]", qd)
		}
		for i := 0; i < qd; i++ {
			if i > 0 && vv {
				b.str(",")
			}
			if vv {
				b.str(" q:")
				next, err := d.dnsQuestion(m, off, mdns)
				if err != nil {
					d.dnsFail(err)
					return
				}
				off = next
				continue
			}
			next, err := m.skipName(off)
			if err != nil {
				d.dnsFail(err)
				return
			}
			off = next + 4
		}
		b.printf(" %d/%d/%d", an, ns, ar)
		if !section("", an) {
			return
		}
	} else {
		b.printf("%d%s", id, dnsOpcodes[opcode])
		if f&0x0100 != 0 {
			b.str("+")
		}
		if f&0x0010 != 0 {
			b.str("%")
		}
		if f&0x6cf != 0 {
			b.printf(" [b2&3=0x%x]", f)
		}
		if opcode == 1 {
			if qd != 0 {
				b.printf(" [%dq]", qd)
			}
			if an != 1 {
				b.printf(" [%da]", an)
			}
		} else {
			if an != 0 {
				b.printf(" [%da]", an)
			}
			if qd != 1 {
				b.printf(" [%dq]", qd)
			}
		}
		if ns != 0 {
			b.printf(" [%dn]", ns)
		}
		if ar != 0 {
			b.printf(" [%dau]", ar)
		}
		for i := 0; i < qd; i++ {
			if i > 0 && off >= len(data) {
				break
			}
			next, err := d.dnsQuestion(m, off, mdns)
			if err != nil {
				d.dnsFail(err)
				return
			}
			off = next
		}
		if vv && !section("", an) {
			return
		}
	}
	if vv && (!section(" ns:", ns) || !section(" ar:", ar)) {
		return
	}
	b.printf(" (%d)", length)
}

// dnsQuestion prints " TYPE? name" as ns_qprint does: the type comes
// first, then the name, so a bad name still shows what was read of it.
func (d *dissector) dnsQuestion(m dnsMsg, off int, mdns bool) (int, error) {
	b := d.b
	data := m.m
	next, err := m.skipName(off)
	if err != nil || next+4 > len(data) {
		return 0, errDNSTrunc
	}
	t := binary.BigEndian.Uint16(data[next:])
	c := binary.BigEndian.Uint16(data[next+2:])
	b.str(" " + dnsType(t))
	class := c
	if mdns {
		class &^= 0x8000
	}
	if class != 1 {
		b.str(" " + nameOrf(dnsClasses, class, "(Class %d)"))
	}
	if mdns {
		if c&0x8000 != 0 {
			b.str(" (QU)")
		} else {
			b.str(" (QM)")
		}
	}
	name, _, err := m.name(off)
	b.str("? " + name)
	if err != nil {
		return 0, err
	}
	return next + 4, nil
}

// dnsRR prints one resource record as ns_rprint does: the owner name
// with -v, the TTL with -vvv, the type, a class other than IN, and the
// data of the common types.
func (d *dissector) dnsRR(m dnsMsg, off int, mdns bool) (int, error) {
	b := d.b
	data := m.m
	be := binary.BigEndian
	if d.p.opts.Verbose > 0 {
		rrName, _, err := m.name(off)
		b.str(" " + rrName)
		if err != nil {
			return 0, err
		}
	}
	next, err := m.skipName(off)
	if err != nil || next+10 > len(data) {
		// tcpdump returns the end of the data: the caller stops there.
		return len(data), nil
	}
	t := be.Uint16(data[next:])
	c := be.Uint16(data[next+2:])
	flush := false
	if mdns {
		flush = c&0x8000 != 0
		c &^= 0x8000
	}
	if t != 41 && c != 1 {
		b.str(" " + nameOrf(dnsClasses, c, "(Class %d)"))
	}
	if flush {
		b.str(" (Cache flush)")
	}
	if t != 41 && d.p.opts.Verbose > 2 {
		b.str(" [" + relTime(be.Uint32(data[next+4:])) + "]")
	}
	optFlags := be.Uint16(data[next+6:])
	rdlen := int(be.Uint16(data[next+8:]))
	rd := next + 10
	end := rd + rdlen
	b.str(" " + dnsType(t))
	if end > len(data) {
		return 0, errDNSTrunc
	}
	r := data[rd:end]
	name := func(at int) error {
		n, _, err := m.name(at)
		b.str(n)
		return err
	}
	switch t {
	case 1:
		if len(r) < 4 {
			return 0, errDNSTrunc
		}
		b.str(" " + net.IP(r[:4]).String())
	case 28:
		if len(r) < 16 {
			return 0, errDNSTrunc
		}
		b.str(" " + net.IP(r[:16]).String())
	case 2, 5, 12, 39:
		b.str(" ")
		if err := name(rd); err != nil {
			return 0, err
		}
	case 6:
		if d.p.opts.Verbose == 0 {
			break
		}
		b.str(" ")
		n1, after, err := m.name(rd)
		b.str(n1)
		if err != nil {
			return 0, err
		}
		b.str(" ")
		n2, after, err := m.name(after)
		b.str(n2)
		if err != nil {
			return 0, err
		}
		if after+20 > len(data) {
			return 0, errDNSTrunc
		}
		for i := 0; i < 5; i++ {
			b.printf(" %d", be.Uint32(data[after+4*i:]))
		}
	case 15:
		b.str(" ")
		if err := name(rd + 2); err != nil {
			return 0, err
		}
		if len(r) < 2 {
			return 0, errDNSTrunc
		}
		b.printf(" %d", be.Uint16(r))
	case 16:
		for i := 0; i < len(r); {
			l := int(r[i])
			b.str(" \"")
			if i+1+l > len(r) {
				return 0, errDNSTrunc
			}
			printn(b, r[i+1:i+1+l])
			b.str("\"")
			i += 1 + l
		}
	case 33:
		b.str(" ")
		if err := name(rd + 6); err != nil {
			return 0, err
		}
		if len(r) < 6 {
			return 0, errDNSTrunc
		}
		b.printf(":%d %d %d", be.Uint16(r[4:]), be.Uint16(r), be.Uint16(r[2:]))
	case 41:
		b.printf(" UDPsize=%d", c)
		if optFlags&0x8000 != 0 {
			b.str(" DO")
		}
		if len(r) > 0 {
			b.str(" [")
			for i := 0; i < len(r); {
				n, ok := d.ednsOption(r[i:])
				if !ok {
					return 0, errDNSTrunc
				}
				i += n
				if i < len(r) {
					b.str(",")
				}
			}
			b.str("]")
		}
	case 38:
		if len(r) < 1 {
			return 0, errDNSTrunc
		}
		pbit := int(r[0])
		pbyte := pbit &^ 7 / 8
		if pbit > 128 {
			b.printf(" %d(bad plen)", pbit)
			break
		}
		if pbit < 128 {
			if len(r) < 1+16-pbyte {
				return 0, errDNSTrunc
			}
			var a [16]byte
			copy(a[pbyte:], r[1:1+16-pbyte])
			b.printf(" %d %s", pbit, net.IP(a[:]))
		}
		if pbit > 0 {
			b.str(" ")
			if err := name(rd + 1 + 16 - pbyte); err != nil {
				return 0, err
			}
		}
	case 104:
		printn(b, r)
	case 250:
		if d.p.opts.Verbose == 0 {
			break
		}
		b.str(" ")
		alg, at, err := m.name(rd)
		b.str(alg)
		if err != nil {
			return 0, err
		}
		at += 6 // the time signed
		field := func(label string) bool {
			if at+2 > len(data) {
				return false
			}
			b.printf(" %s=%d", label, be.Uint16(data[at:]))
			at += 2
			return true
		}
		if !field("fudge") || !field("maclen") {
			return 0, errDNSTrunc
		}
		at += int(be.Uint16(data[at-2:]))
		if !field("origid") || !field("error") || !field("otherlen") {
			return 0, errDNSTrunc
		}
	case 256:
		if len(r) < 4 {
			return 0, errDNSTrunc
		}
		b.printf(" %d %d ", be.Uint16(r), be.Uint16(r[2:]))
		printn(b, r[4:])
	}
	return end, nil
}

var ednsOptions = map[uint16]string{1: "LLQ", 2: "UL", 3: "NSID", 5: "DAU", 6: "DHU", 7: "N3U",
	8: "ECS", 9: "EXPIRE", 10: "COOKIE", 11: "KEEPALIVE", 12: "PADDING", 13: "CHAIN",
	14: "KEY-TAG", 16: "CLIENT-TAG", 17: "SERVER-TAG"}

// ednsOption prints one EDNS(0) option (RFC 6891) as eopt_print and
// returns its length; ok is false when it runs past the record.
func (d *dissector) ednsOption(r []byte) (int, bool) {
	b := d.b
	be := binary.BigEndian
	if len(r) < 2 {
		return 0, false
	}
	code := be.Uint16(r)
	b.str(nameOr(ednsOptions, code, "Opt"+itoa(int(code))))
	if len(r) < 4 {
		return 0, false
	}
	n := int(be.Uint16(r[2:]))
	if 4+n > len(r) {
		return 0, false
	}
	v := r[4 : 4+n]
	if n == 0 {
		return 4, true
	}
	b.str(" ")
	switch code {
	case 8:
		ednsClientSubnet(b, v)
	case 10:
		if n < 8 || (n > 8 && n < 16) || n > 40 {
			b.str(" (invalid)")
			break
		}
		for i, c := range v {
			if i == 8 {
				b.str(" ")
			}
			b.printf("%02x", c)
		}
	case 11:
		if n != 2 {
			b.str(" (invalid)")
			break
		}
		b.printf("%0.1f sec", float64(be.Uint16(v))/10.0)
	case 9:
		if n != 4 {
			b.str(" (invalid)")
			break
		}
		b.printf("%d sec", be.Uint32(v))
	case 12:
		b.printf("(%d)", n)
	case 5, 6, 7:
		for i, c := range v {
			if i > 0 {
				b.str(" ")
			}
			b.str(nameOr(ednsAlgorithms[code-5], c, "Alg_"+itoa(int(c))))
		}
	case 13:
		ednsChainName(b, v)
	case 14:
		if n%2 != 0 {
			b.str(" (invalid)")
			break
		}
		for i := 0; i < n; i += 2 {
			if i > 0 {
				b.str(" ")
			}
			b.printf("%d", be.Uint16(v[i:]))
		}
	default:
		for _, c := range v {
			b.printf("%02x", c)
		}
	}
	return 4 + n, true
}

// ednsAlgorithms name the algorithms the DAU, DHU and N3U options list
// (RFC 6975): DNSSEC signing, DS digest and NSEC3 hash algorithms.
var ednsAlgorithms = [3]map[byte]string{
	{0: "DELETE", 1: "RSAMD5", 2: "DH", 3: "DS", 5: "RSASHA1", 6: "DSA-NSEC3-SHA1",
		7: "RSASHA1-NSEC3-SHA1", 8: "RSASHA256", 10: "RSASHA512", 12: "ECC-GOST",
		13: "ECDSAP256SHA256", 14: "ECDSAP384SHA384", 15: "ED25519", 16: "ED448",
		252: "INDIRECT", 253: "PRIVATEDNS", 254: "PRIVATEOID"},
	{1: "SHA-1", 2: "SHA-256", 3: "GOST_R_34.11-94", 4: "SHA-384"},
	{1: "SHA-1"},
}

// ednsChainName prints the CHAIN option's closest trust point (RFC 7901),
// an uncompressed name: its labels as far as they go, no pointer followed.
func ednsChainName(b *buf, v []byte) {
	printed := false
	for i := 0; i < len(v); { // each label moves i forwards
		l := int(v[i])
		if l == 0 {
			if !printed {
				b.str(".")
			}
			return
		}
		if l&0xc0 != 0 {
			return
		}
		b.s = appendDNSLabel(b.s, v[i+1:min(i+1+l, len(v))])
		printed = true
		if i+1+l > len(v) {
			return
		}
		b.str(".")
		i += 1 + l
	}
}

// appendDNSLabel appends a label as tcpdump 4.99.3 prints it, byte by
// byte as fn_print_char does (M- for 8-bit bytes, ^ for control
// characters), with nothing escaped.
func appendDNSLabel(s, label []byte) []byte {
	for _, c := range label {
		if c >= 0x80 {
			c &= 0x7f
			s = append(s, 'M', '-')
		}
		if c < 0x20 || c == 0x7f {
			c ^= 0x40
			s = append(s, '^')
		}
		s = append(s, c)
	}
	return s
}

// ednsClientSubnet prints the client subnet option (RFC 7871):
// address/source/scope.
func ednsClientSubnet(b *buf, v []byte) {
	if len(v) < 4 {
		b.str(" (invalid)")
		return
	}
	family, source, scope := binary.BigEndian.Uint16(v), int(v[2]), int(v[3])
	bits := 0
	switch family {
	case 1:
		bits = 32
	case 2:
		bits = 128
	default:
		b.str(" (invalid)")
		return
	}
	addr := v[4:]
	if len(addr) > bits/8 || source > bits || scope > bits || (source+7)/8 != len(addr) {
		b.str(" (invalid)")
		return
	}
	padded := make(net.IP, bits/8)
	copy(padded, addr)
	b.printf("%s/%d/%d", padded.String(), source, scope)
}

// relTime is a duration in seconds as tcpdump's unsigned_relts_print
// writes it: "1h2m3s", "0s".
func relTime(secs uint32) string {
	if secs == 0 {
		return "0s"
	}
	var s []byte
	for _, u := range []struct {
		n    uint32
		unit byte
	}{{31536000, 'y'}, {604800, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}} {
		if secs >= u.n {
			s = strconv.AppendUint(s, uint64(secs/u.n), 10)
			s = append(s, u.unit)
			secs %= u.n
		}
	}
	return string(s)
}

// dnsFail ends a message that could not be printed in full with
// tcpdump's marker: its domain printer checks its reads and ends the
// message (not the packet) where the data ends or a name is bad.
func (d *dissector) dnsFail(err error) {
	d.b.trunc("domain")
}
