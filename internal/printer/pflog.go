package printer

import "encoding/binary"

// OpenBSD/FreeBSD pf's log interface (DLT_PFLOG), as tcpdump's
// print-pflog.c prints it when built on Linux (its pfloghdr is 64 bytes).

// pfReasons as tcpdump 4.99.3 names them: its table has no entry for 3
// and calls 4 "3(short)".
var pfReasons = map[uint8]string{
	0: "0(match)", 1: "1(bad-offset)", 2: "2(fragment)", 4: "3(short)", 5: "5(memory)",
	6: "6(bad-timestamp)", 7: "7(congestion)", 8: "8(ip-option)", 9: "9(proto-cksum)",
	10: "10(state-mismatch)", 11: "11(state-insert)", 12: "12(state-limit)", 13: "13(src-limit)",
	14: "14(synproxy)",
}

var pfActions = map[uint8]string{
	0: "pass", 1: "block", 2: "scrub", 4: "nat", 5: "nonat", 6: "binat", 7: "nobinat", 8: "rdr", 9: "nordr",
	10: "synproxy-drop",
}

var pfDirections = map[uint8]string{0: "in/out", 1: "in", 2: "out"}

func pfName(names map[uint8]string, v uint8) string {
	if s, ok := names[v]; ok {
		return s
	}
	return "unkn(" + itoa(int(v)) + ")"
}

func (d *dissector) pflogHeader(p []byte) {
	b := d.b
	rule, sub := binary.BigEndian.Uint32(p[36:]), binary.BigEndian.Uint32(p[40:])
	if sub == 0xffffffff {
		b.printf("rule %d/", rule)
	} else {
		b.printf("rule %d.", rule)
		printJNP(b, p[20:36])
		b.printf(".%d/", sub)
	}
	b.printf("%s: %s %s on ", pfName(pfReasons, p[3]), pfName(pfActions, p[2]), pfName(pfDirections, p[60]))
	printJNP(b, p[4:20])
	b.str(": ")
}

// printJNP is tcpdump's nd_printjnp: a NUL-terminated string of at most
// len(s) bytes, with unprintable bytes escaped.
func printJNP(b *buf, s []byte) {
	for _, c := range s {
		if c == 0 {
			return
		}
		fnPrintChar(b, c)
	}
}

func (d *dissector) pflog(p []byte, length int) int {
	b := d.b
	if len(p) < 1 {
		b.trunc("pflog")
		return len(p)
	}
	if p[0] < 45 {
		b.str("[pflog: invalid header length!]")
		return int(p[0])
	}
	hlen := (int(p[0]) + 3) &^ 3
	if len(p) < hlen {
		b.trunc("pflog")
		return hlen
	}
	if len(p) < 64 {
		d.truncJmp("pflog")
		return hlen
	}
	if d.p.opts.LinkHeader {
		d.pflogHeader(p)
	}
	switch p[1] {
	case 2:
		d.ip4(p[hlen:], length-hlen)
	case 24, 28, 30:
		d.ip6(p[hlen:], length-hlen)
	default:
		if !d.p.opts.LinkHeader {
			d.pflogHeader(p)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p[hlen:], 0)
		}
	}
	return hlen
}
