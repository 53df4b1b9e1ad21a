package printer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

var dnsTypes = map[uint16]string{
	1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR",
	10: "NULL", 11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX", 16: "TXT",
	17: "RP", 18: "AFSDB", 19: "X25", 20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP_PTR",
	24: "SIG", 25: "KEY", 26: "PX", 27: "GPOS", 28: "AAAA", 29: "LOC", 30: "NXT",
	31: "EID", 32: "NIMLOC", 33: "SRV", 34: "ATMA", 35: "NAPTR", 36: "KX", 37: "CERT",
	38: "A6", 39: "DNAME", 40: "SINK", 41: "OPT", 42: "APL", 43: "DS", 44: "SSHFP",
	45: "IPSECKEY", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 49: "DHCID", 50: "NSEC3",
	51: "NSEC3PARAM", 52: "TLSA", 53: "SMIMEA", 55: "HIP", 56: "NINFO", 57: "RKEY",
	58: "TALINK", 59: "CDS", 60: "CDNSKEY", 61: "OPENPGPKEY", 62: "CSYNC", 64: "SVCB",
	65: "HTTPS", 99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC",
	104: "NID", 105: "L32", 106: "L64", 107: "LP", 108: "EUI48", 109: "EUI64",
	249: "TKEY", 250: "TSIG", 251: "IXFR", 252: "AXFR", 253: "MAILB", 254: "MAILA",
	255: "ANY", 256: "URI", 257: "CAA", 32768: "TA", 32769: "DLV",
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
			if off+1+l > limit {
				if limit < len(d.m) {
					sb.WriteString("<BAD PTR>")
					return sb.String(), 0, errDNSBadPtr
				}
				return sb.String(), 0, errDNSTrunc
			}
			for _, c := range d.m[off+1 : off+1+l] {
				if c == '.' || c == '\\' {
					sb.WriteByte('\\')
					sb.WriteByte(c)
				} else if c > 0x20 && c < 0x7f {
					sb.WriteByte(c)
				} else {
					fmt.Fprintf(&sb, "\\%03d", c)
				}
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

// dns prints a DNS message summary as tcpdump's domain_print (without -vv).
func (d *dissector) dns(data []byte, length int) {
	b := d.b
	if len(data) < 12 {
		d.truncJmp("domain")
		return
	}
	m := dnsMsg{data}
	id := binary.BigEndian.Uint16(data)
	f := binary.BigEndian.Uint16(data[2:])
	qd := int(binary.BigEndian.Uint16(data[4:]))
	an := int(binary.BigEndian.Uint16(data[6:]))
	ns := int(binary.BigEndian.Uint16(data[8:]))
	ar := int(binary.BigEndian.Uint16(data[10:]))
	opcode := (f >> 11) & 0xf
	off := 12
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
			if i > 0 && d.p.opts.Verbose > 1 {
				b.str(",")
			}
			if d.p.opts.Verbose > 1 {
				b.str(" q:")
				next, err := d.dnsQuestion(m, off)
				if err != nil {
					d.dnsFail(err)
					return
				}
				off = next
				continue
			}
			next, err := m.skipName(off)
			if err != nil || next+4 > len(data) {
				d.truncJmp("domain")
				return
			}
			off = next + 4
		}
		b.printf(" %d/%d/%d", an, ns, ar)
		for i := 0; i < an; i++ {
			if i > 0 {
				if off >= len(data) {
					break
				}
				b.str(",")
			}
			next, err := d.dnsRR(m, off)
			if err != nil {
				d.dnsFail(err)
				return
			}
			off = next
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
			if an != 1 {
				b.printf(" [%da]", an)
			}
		} else {
			if qd != 1 {
				b.printf(" [%dq]", qd)
			}
			if an != 0 {
				b.printf(" [%da]", an)
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
			next, err := d.dnsQuestion(m, off)
			if err != nil {
				d.dnsFail(err)
				return
			}
			off = next
		}
	}
	b.printf(" (%d)", length)
}

// dnsFail ends a message that could not be printed in full: a bad
// compression pointer is tcpdump's explicit check (its marker, the packet
// continues), running out of data is its longjmp out of the packet.
func (d *dissector) dnsFail(err error) {
	if errors.Is(err, errDNSBadPtr) || errors.Is(err, errDNSLong) {
		d.b.trunc("domain")
		return
	}
	d.truncJmp("domain")
}

// dnsQuestion prints " TYPE? name" as ns_qprint does: the type comes
// first, then the name, so a bad name still shows what was read of it.
func (d *dissector) dnsQuestion(m dnsMsg, off int) (int, error) {
	b := d.b
	data := m.m
	next, err := m.skipName(off)
	if err != nil || next+4 > len(data) {
		return 0, errDNSTrunc
	}
	t := binary.BigEndian.Uint16(data[next:])
	c := binary.BigEndian.Uint16(data[next+2:])
	b.str(" ")
	if c == 1 {
		b.str(dnsType(t))
	} else {
		b.str(dnsType(t) + " " + nameOr(dnsClasses, c, fmt.Sprintf("(Class %d)", c)))
	}
	name, _, err := m.name(off)
	b.str("? " + name)
	if err != nil {
		return 0, err
	}
	return next + 4, nil
}

// dnsRR prints one answer record as ns_rprint does without -v.
func (d *dissector) dnsRR(m dnsMsg, off int) (int, error) {
	b := d.b
	data := m.m
	if d.p.opts.Verbose > 0 {
		rrName, _, err := m.name(off)
		b.str(" " + rrName)
		if err != nil {
			return 0, err
		}
	}
	next, err := m.skipName(off)
	if err != nil || next+10 > len(data) {
		return 0, errDNSTrunc
	}
	t := binary.BigEndian.Uint16(data[next:])
	c := binary.BigEndian.Uint16(data[next+2:]) & 0x7fff
	if d.p.opts.Verbose > 2 && t != 41 {
		b.str(" [" + relTime(binary.BigEndian.Uint32(data[next+4:])) + "]")
	}
	rdlen := int(binary.BigEndian.Uint16(data[next+8:]))
	rd := next + 10
	if t == 41 { // OPT
		b.printf(" %s UDPsize=%d", dnsType(t), c)
		if rd+rdlen > len(data) {
			return 0, errDNSTrunc
		}
		return rd + rdlen, nil
	}
	b.str(" " + dnsType(t))
	if c != 1 {
		b.str(" " + nameOr(dnsClasses, c, fmt.Sprintf("(Class %d)", c)))
	}
	if rd+rdlen > len(data) {
		return 0, errDNSTrunc
	}
	r := data[rd : rd+rdlen]
	switch t {
	case 1:
		if len(r) == 4 {
			b.str(" " + d.p.host(net.IP(r)))
		}
	case 28:
		if len(r) == 16 {
			b.str(" " + d.p.host(net.IP(r)))
		}
	case 2, 5, 12, 39:
		n, _, err := m.name(rd)
		b.str(" " + n)
		if err != nil {
			return 0, err
		}
	case 15:
		if len(r) < 3 {
			return 0, errDNSTrunc
		}
		n, _, err := m.name(rd + 2)
		if err != nil {
			return 0, errDNSTrunc
		}
		b.printf(" %s %d", n, binary.BigEndian.Uint16(r))
	case 16:
		for i := 0; i < len(r); {
			l := int(r[i])
			if i+1+l > len(r) {
				break
			}
			b.printf(" \"%s\"", r[i+1:i+1+l])
			i += 1 + l
		}
	case 33:
		if len(r) < 7 {
			return 0, errDNSTrunc
		}
		n, _, err := m.name(rd + 6)
		if err != nil {
			return 0, errDNSTrunc
		}
		b.printf(" %s:%d %d %d", n, binary.BigEndian.Uint16(r[4:]), binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]))
	}
	return rd + rdlen, nil
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
