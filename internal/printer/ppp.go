package printer

import (
	"encoding/binary"
	"fmt"
	"net"
	"strings"
)

// PPP (DLT_PPP, DLT_PPP_SERIAL, DLT_PPP_PPPD, DLT_PPP_BSDOS) and PPPoE
// (DLT_PPP_ETHER and Ethernet types 0x8863/0x8864), with the control
// protocols' summaries, as tcpdump's print-ppp.c and print-pppoe.c print
// them.

// PPP protocol numbers the printer dispatches on.
const (
	pppIP     = 0x0021
	pppIPX    = 0x002b
	pppVJNC   = 0x002f
	pppML     = 0x003d
	pppIPv6   = 0x0057
	pppComp   = 0x00fd
	pppMPLSU  = 0x0281
	pppMPLSM  = 0x0283
	pppIPCP   = 0x8021
	pppOSICP  = 0x8023
	pppIPv6CP = 0x8057
	pppCCP    = 0x80fd
	pppMPLSCP = 0x8281
	pppLCP    = 0xc021
	pppPAP    = 0xc023
	pppLQM    = 0xc025
	pppBACP   = 0xc02b
	pppBAP    = 0xc02d
	pppCHAP   = 0xc223
)

var pppProtocols = map[uint16]string{
	0x0021: "IP", 0x0023: "OSI", 0x0025: "NS", 0x0027: "DECNET", 0x0029: "APPLE", 0x002b: "IPX",
	0x002d: "VJC IP", 0x002f: "VJNC IP", 0x0031: "BRPDU", 0x0033: "STII", 0x0035: "VINES",
	0x0281: "MPLS", 0x0283: "MPLS", 0x00fd: "Compressed", 0x003d: "MLPPP", 0x0057: "IP6",
	0x0201: "HELLO", 0x0231: "LUXCOM", 0x0233: "SNS", 0x8021: "IPCP", 0x8023: "OSICP",
	0x8025: "NSCP", 0x8027: "DECNETCP", 0x8029: "APPLECP", 0x802b: "IPXCP", 0x8033: "STIICP",
	0x8035: "VINESCP", 0x8057: "IP6CP", 0x8281: "MPLSCP", 0xc021: "LCP", 0xc023: "PAP",
	0xc025: "LQM", 0xc223: "CHAP", 0xc227: "EAP", 0xc027: "SPAP", 0xc123: "Old-SPAP",
	0xc02b: "BACP", 0xc02d: "BAP", 0xc03d: "MLPPP-CP", 0x80fd: "CCP",
}

func pppName(proto uint16, def string) string {
	if s, ok := pppProtocols[proto]; ok {
		return s
	}
	if strings.Contains(def, "%") {
		return fmt.Sprintf(def, proto)
	}
	return def
}

var pppCodes = map[uint8]string{
	0: "Vendor-Extension", 1: "Conf-Request", 2: "Conf-Ack", 3: "Conf-Nack", 4: "Conf-Reject",
	5: "Term-Request", 6: "Term-Ack", 7: "Code-Reject", 8: "Prot-Reject", 9: "Echo-Request",
	10: "Echo-Reply", 11: "Disc-Req", 12: "Ident", 13: "Time-Rem", 14: "Reset-Req", 15: "Reset-Ack",
}

var lcpOptions = []string{
	"Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num", "deprecated(6)", "PFC", "ACFC",
	"FCS-Alt", "SDP", "Num-Mode", "deprecated(12)", "Call-Back", "deprecated(14)", "deprecated(15)",
	"deprecated(16)", "MRRU", "12-Bit seq #", "End-Disc", "Proprietary", "DCE-Id", "MP+", "Link-Disc",
	"LCP-Auth-Opt", "COBS", "Prefix-elision", "Multilink-header-Form", "I18N", "SDL-over-SONET/SDH",
	"PPP-Muxing",
}

var ipcpOptions = map[uint8]string{
	1: "IP-Addrs", 2: "IP-Comp", 3: "IP-Addr", 4: "Home-Addr", 129: "Pri-DNS", 130: "Pri-NBNS",
	131: "Sec-DNS", 132: "Sec-NBNS",
}

var ccpOptions = map[uint8]string{
	0: "OUI", 1: "Pred-1", 2: "Pred-2", 3: "Puddle", 16: "HP-PPC", 17: "Stac-LZS", 18: "MPPC",
	19: "Gand-FZA", 20: "V.42bis", 21: "BSD-Comp", 23: "LZS-DCP", 24: "MVRCA", 25: "DEC",
	26: "Deflate", 255: "Reserved",
}

var pppAuthAlgs = map[uint8]string{5: "MD5", 128: "MS-CHAPv1", 129: "MS-CHAPv2"}

var pppCallbacks = map[uint8]string{0: "UserAuth", 1: "DialString", 2: "LocalID", 3: "E.164", 4: "X.500", 6: "CBCP"}

func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }

// pppProto is the protocol name tcpdump's truncation marker shows inside
// PPP (which PPP printer set it last).
func (d *dissector) pppProto() string {
	if d.pppSerialFrame {
		return "ppp_hdlc"
	}
	return "ppp"
}

// pppIf is tcpdump's ppp_if_print (DLT_PPP, DLT_PPP_PPPD).
func (d *dissector) pppIf(data []byte, length int) int {
	if len(data) < 4 {
		d.b.trunc("ppp")
		return len(data)
	}
	d.ppp(data, length)
	return 4
}

// ppp is tcpdump's ppp_print: optional address and control (or pppd's
// direction), the protocol (compressed or not), then the payload.
func (d *dissector) ppp(p []byte, length int) int {
	b := d.b
	olen := length
	if len(p) < 2 || length < 2 {
		b.trunc("ppp")
		return 0
	}
	hdr := 0
	switch binary.BigEndian.Uint16(p) {
	case 0x0003:
		if d.p.opts.LinkHeader {
			b.str("In  ")
		}
		hdr = 2
	case 0x0103:
		if d.p.opts.LinkHeader {
			b.str("Out ")
		}
		hdr = 2
	case 0xff03:
		hdr = 2
	}
	p, length = p[hdr:], length-hdr
	if length < 2 {
		b.trunc("ppp")
		return 0
	}
	if len(p) < 1 {
		d.truncJmp(d.pppProto())
		return 0
	}
	var proto uint16
	if p[0]%2 == 1 {
		proto = uint16(p[0])
		p, length, hdr = p[1:], length-1, hdr+1
	} else {
		if len(p) < 2 {
			d.truncJmp(d.pppProto())
			return 0
		}
		proto = binary.BigEndian.Uint16(p)
		p, length, hdr = p[2:], length-2, hdr+2
	}
	if d.p.opts.LinkHeader {
		name := pppName(proto, "unknown")
		b.printf("%s (0x%04x), length %d", name, proto, olen)
		if name == "unknown" {
			return hdr
		}
		b.str(": ")
	}
	d.pppPayload(proto, p, length)
	return hdr
}

// pppPayload is tcpdump's handle_ppp.
func (d *dissector) pppPayload(proto uint16, p []byte, length int) {
	b := d.b
	switch proto {
	case pppLCP, pppIPCP, pppOSICP, pppMPLSCP, pppIPv6CP, pppCCP, pppBACP:
		d.pppControl(proto, p, length)
	case pppML:
		if !d.p.opts.LinkHeader {
			b.str("MLPPP, ")
		}
		if length < 2 || len(p) < 2 {
			b.str("[|mlppp]")
			return
		}
		flags := ""
		if p[0]&0x80 != 0 {
			flags = "begin"
		}
		if p[0]&0x40 != 0 {
			if flags != "" {
				flags += ", "
			}
			flags += "end"
		}
		if flags == "" {
			flags = "none"
		}
		b.printf("seq 0x%03x, Flags [%s], length %d", binary.BigEndian.Uint16(p)&0xfff, flags, length)
	case pppCHAP:
		d.chap(p, length)
	case pppPAP:
		d.pap(p, length)
	case pppBAP:
	case 0x0800, pppVJNC, pppIP:
		d.ip4(p, length)
	case 0x86dd, pppIPv6:
		d.ip6(p, length)
	case 0x8137, pppIPX:
		d.ipx(p)
	case pppMPLSU, pppMPLSM:
		d.mpls(p, length)
	case pppComp:
		b.str("compressed PPP data")
	default:
		if proto&0xff00 == 0x7e00 {
			d.pppHDLC(append([]byte{byte(proto)}, p...), length)
			return
		}
		b.printf("%s ", pppName(proto, "unknown PPP protocol (0x%04x)"))
		unknownData(b, p, "\n\t", length)
	}
}

// unknownDataAt is unknownData from p[at:], with tcpdump's complaint when
// at is past what was captured.
func unknownDataAt(b *buf, p []byte, at int, indent string, length int) {
	if at > len(p) {
		b.str(indent + "Dissector error: print_unknown_data called with pointer past end of packet")
		return
	}
	unknownData(b, p[at:], indent, length)
}

// unknownData is tcpdump's print_unknown_data: a hex dump of what was
// captured of length bytes.
func unknownData(b *buf, p []byte, indent string, length int) {
	if length < 0 {
		length = 0
	}
	hexOnly(b, indent, p[:min(len(p), length)], 0)
}

// pppHDLC un-escapes RFC 1662 octet stuffing in raw (which starts with
// the escape code's second byte) and guesses what the frame holds, as
// tcpdump's ppp_hdlc does.
func (d *dissector) pppHDLC(raw []byte, length int) {
	if length == 0 || d.hdlcDepth > 8 {
		return
	}
	d.hdlcDepth++
	defer func() { d.hdlcDepth-- }()
	u := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == 0x7d {
			if i+1 >= len(raw) {
				break
			}
			i++
			c = raw[i] ^ 0x20
		}
		u = append(u, c)
	}
	n := len(u)
	if n < 1 {
		d.b.trunc("ppp")
		return
	}
	switch u[0] {
	case pppIP:
		d.ip4(u[1:], n-1)
		return
	case pppIPv6:
		d.ip6(u[1:], n-1)
		return
	}
	if n < 2 {
		d.b.trunc("ppp")
		return
	}
	proto := binary.BigEndian.Uint16(u)
	if proto == 0xff03 {
		if n < 4 {
			d.b.trunc("ppp")
			return
		}
		d.pppPayload(binary.BigEndian.Uint16(u[2:]), u[4:], n-4)
		return
	}
	d.pppPayload(proto, u[2:], n-2)
}

// pppControl is tcpdump's handle_ctrl_proto for LCP, IPCP, CCP, ...
func (d *dissector) pppControl(proto uint16, p []byte, length int) {
	b := d.b
	typ := pppName(proto, "unknown ctrl-proto (0x%04x)")
	b.printf("%s, ", typ)
	if length < 4 || len(p) < 2 {
		b.printf("[|%s]", typ)
		return
	}
	code := p[0]
	b.printf("%s (0x%02x), id %d, length %d", nameOr(pppCodes, code, "Unknown Opcode"), code, p[1], length+2)
	if d.p.opts.Verbose == 0 {
		return
	}
	if len(p) < 4 {
		d.truncJmp(d.pppProto())
		return
	}
	l := int(binary.BigEndian.Uint16(p[2:]))
	if l < 4 {
		b.printf("\n\tencoded length %d (< 4))", l)
		return
	}
	if l > length {
		b.printf("\n\tencoded length %d (> packet length %d))", l, length)
		return
	}
	length = l
	b.printf("\n\tencoded length %d (=Option(s) length %d)", l, l-4)
	if length == 4 {
		return
	}
	withProto := append(be16(proto), p...)
	if d.p.opts.Verbose > 1 {
		unknownData(b, withProto, "\n\t", 6)
	}
	t := p[4:]
	u32 := func(p []byte) (uint32, bool) {
		if len(p) < 4 {
			d.truncJmp(d.pppProto())
			return 0, false
		}
		return binary.BigEndian.Uint32(p), true
	}
	switch code {
	case 0:
		if length < 11 {
			break
		}
		m, ok := u32(t)
		if !ok || len(t) < 7 {
			return
		}
		oui := uint32(t[4])<<16 | uint32(t[5])<<8 | uint32(t[6])
		b.printf("\n\t  Magic-Num 0x%08x Vendor: %s (%d)", m, nameOr(ouiNames, oui, "Unknown"), oui)
	case 1, 2, 3, 4:
		var opt func([]byte, int) int
		switch proto {
		case pppLCP:
			opt = d.lcpOption
		case pppIPCP:
			opt = d.ipcpOption
		case pppIPv6CP:
			opt = d.ip6cpOption
		case pppCCP:
			opt = d.ccpOption
		case pppBACP:
			opt = d.bacpOption
		default:
			return
		}
		tlen := l - 4
		for tlen != 0 {
			adv := opt(t, l)
			if adv == 0 {
				break
			}
			if tlen < adv {
				b.printf(" [remaining options length %d < %d] (invalid)", tlen, adv)
				break
			}
			tlen -= adv
			t = t[min(adv, len(t)):]
		}
	case 8:
		if length < 6 {
			break
		}
		if len(t) < 2 {
			d.truncJmp(d.pppProto())
			return
		}
		rp := binary.BigEndian.Uint16(t)
		b.printf("\n\t  Rejected %s Protocol (0x%04x)", pppName(rp, "unknown"), rp)
		if l > 6 {
			b.str("\n\t  Rejected Packet")
			unknownData(b, t[2:], "\n\t    ", l-2)
		}
	case 9, 10, 11:
		if length < 8 {
			break
		}
		m, ok := u32(t)
		if !ok {
			return
		}
		b.printf("\n\t  Magic-Num 0x%08x", m)
		if l > 8 {
			b.str("\n\t  -----trailing data-----")
			if len(t)-4 < l-8 {
				b.printf("[|%s]", typ)
				return
			}
			unknownData(b, t[4:], "\n\t  ", l-8)
		}
	case 12:
		if length < 8 {
			break
		}
		m, ok := u32(t)
		if !ok {
			return
		}
		b.printf("\n\t  Magic-Num 0x%08x", m)
		if l > 8 {
			b.str("\n\t  Message\n\t    ")
			msg := t[4:]
			if len(msg) < l-4 {
				for _, c := range msg {
					fnPrintChar(b, c)
				}
				b.printf("[|%s]", typ)
				return
			}
			for _, c := range msg[:l-4] {
				fnPrintChar(b, c)
			}
		}
	case 13:
		if length < 12 {
			break
		}
		m, ok := u32(t)
		if !ok {
			return
		}
		s, ok := u32(t[4:])
		if !ok {
			return
		}
		b.printf("\n\t  Magic-Num 0x%08x, Seconds-Remaining %ds", m, s)
	case 5, 6, 7:
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, withProto, "\n\t  ", length+2)
		}
	}
}

// optionHeader reads a configuration option's type and length; ok false
// means the caller returns 0 (stop).
func (d *dissector) optionHeader(p []byte, total int) (opt uint8, olen int, ok bool) {
	if total < 2 {
		return 0, 0, false
	}
	if len(p) < 2 {
		d.truncJmp(d.pppProto())
		return 0, 0, false
	}
	opt, olen = p[0], int(p[1])
	if total < olen {
		return 0, 0, false
	}
	return opt, olen, true
}

// need reports whether n bytes of p were captured (else tcpdump's GET_
// macros end the packet).
func (d *dissector) need(p []byte, n int) bool {
	if len(p) < n {
		d.truncJmp(d.pppProto())
		return false
	}
	return true
}

// fixedOption checks an option whose length must be n and which must
// have been captured; when not, ok is false and ret is what the option
// printer returns (the option's length after tcpdump's complaint, 0 at
// the end of the capture).
func (d *dissector) fixedOption(p []byte, olen, n int) (ret int, ok bool) {
	if olen != n {
		d.b.printf(" (length bogus, should be = %d)", n)
		return olen, false
	}
	if !d.need(p, n) {
		return 0, false
	}
	return olen, true
}

// namedOption reads a control protocol option's header and prints its
// name line (or, when the length cannot be, the name line with tcpdump's
// complaint): ok is false when the caller is done with the options.
func (d *dissector) namedOption(p []byte, total int, names map[byte]string, unknown string) (opt byte, olen int, ok bool) {
	opt, olen, ok = d.optionHeader(p, total)
	if !ok {
		return 0, 0, false
	}
	name := nameOr(names, opt, unknown)
	if olen < 2 {
		d.b.printf("\n\t  %s Option (0x%02x), length %d (length bogus, should be >= 2)", name, opt, olen)
		return 0, 0, false
	}
	d.b.printf("\n\t  %s Option (0x%02x), length %d", name, opt, olen)
	return opt, olen, true
}

func (d *dissector) optionTail(p []byte, olen int, known bool) {
	d.optionTailFrom(p, 0, olen, known)
}

// optionTailFrom is optionTail for a printer that moved on by adv bytes
// over the option before tcpdump's -vv dump (which then starts there).
func (d *dissector) optionTailFrom(p []byte, adv, olen int, known bool) {
	if !known && d.p.opts.Verbose < 2 {
		unknownData(d.b, p[min(2, len(p)):], "\n\t    ", olen-2)
	}
	if d.p.opts.Verbose > 1 {
		unknownDataAt(d.b, p, adv+2, "\n\t    ", olen-2)
	}
}

func (d *dissector) lcpOption(p []byte, total int) int {
	b := d.b
	opt, olen, ok := d.optionHeader(p, total)
	if !ok {
		return 0
	}
	if olen < 2 {
		if int(opt) < len(lcpOptions) {
			b.printf("\n\t  %s Option (0x%02x), length %d (length bogus, should be >= 2)", lcpOptions[opt], opt, olen)
		} else {
			b.printf("\n\tunknown LCP option 0x%02x", opt)
		}
		return 0
	}
	if int(opt) >= len(lcpOptions) {
		b.printf("\n\tunknown LCP option 0x%02x", opt)
		return olen
	}
	b.printf("\n\t  %s Option (0x%02x), length %d", lcpOptions[opt], opt, olen)
	bogus := func(s string) { b.printf(" (length bogus, should be %s)", s) }
	known := true
	switch opt {
	case 0:
		if olen < 6 {
			bogus(">= 6")
			return olen
		}
		if !d.need(p, 5) {
			return 0
		}
		oui := uint32(p[2])<<16 | uint32(p[3])<<8 | uint32(p[4])
		b.printf(": Vendor: %s (%d)", nameOr(ouiNames, oui, "Unknown"), oui)
	case 1, 17:
		if ret, ok := d.fixedOption(p, olen, 4); !ok {
			if opt == 17 {
				return 0 // tcpdump gives up on the options here
			}
			return ret
		}
		b.printf(": %d", binary.BigEndian.Uint16(p[2:]))
	case 2, 5:
		if ret, ok := d.fixedOption(p, olen, 6); !ok {
			if opt == 5 {
				return 0 // tcpdump gives up on the options here
			}
			return ret
		}
		b.printf(": 0x%08x", binary.BigEndian.Uint32(p[2:]))
	case 3:
		if olen < 4 {
			bogus(">= 4")
			return olen
		}
		if !d.need(p, 4) {
			return 0
		}
		ap := binary.BigEndian.Uint16(p[2:])
		b.printf(": %s", pppName(ap, "Unknown Auth Proto (0x04x)"))
		switch ap {
		case pppCHAP:
			if !d.need(p, 5) {
				return 0
			}
			if s, ok := pppAuthAlgs[p[4]]; ok {
				b.printf(", %s", s)
			} else {
				b.printf(", Unknown Auth Alg %d", p[4])
			}
		case pppPAP, 0xc227, 0xc027, 0xc123:
		default:
			unknownData(b, p, "\n\t", olen)
		}
	case 4:
		if olen < 4 {
			bogus(">= 4")
			return 0
		}
		if !d.need(p, 4) {
			return 0
		}
		if binary.BigEndian.Uint16(p[2:]) == pppLQM {
			b.str(": LQR")
		} else {
			b.str(": unknown")
		}
	case 7, 8:
	case 23:
		if olen != 4 {
			bogus("= 4")
			return 0
		}
		if !d.need(p, 4) {
			return 0
		}
		b.printf(": 0x%04x", binary.BigEndian.Uint16(p[2:]))
	case 13:
		if olen < 3 {
			bogus(">= 3")
			return 0
		}
		if !d.need(p, 3) {
			return 0
		}
		b.printf(": : Callback Operation %s (%d)", nameOr(pppCallbacks, p[2], "Unknown"), p[2])
	case 19:
		if olen < 3 {
			bogus(">= 3")
			return 0
		}
		if !d.need(p, 3) {
			return 0
		}
		switch p[2] {
		case 0:
			b.str(": Null")
		case 1:
			b.str(": Local")
		case 2:
			if olen != 7 {
				bogus("= 7")
				return 0
			}
			if !d.need(p, 7) {
				return 0
			}
			b.printf(": IPv4 %s", net.IP(p[3:7]))
		case 3:
			if olen != 9 {
				bogus("= 9")
				return 0
			}
			if !d.need(p, 9) {
				return 0
			}
			b.printf(": MAC %s", macString(p[3:9]))
		case 4:
			b.str(": Magic-Num-Block")
		case 5:
			b.str(": PSNDN")
		default:
			b.printf(": Unknown class %d", p[2])
		}
	default:
		known = false
	}
	d.optionTail(p, olen, known)
	return olen
}

func (d *dissector) ipcpOption(p []byte, total int) int {
	b := d.b
	opt, olen, ok := d.namedOption(p, total, ipcpOptions, "unknown")
	if !ok {
		return 0
	}
	known := true
	adv := 0 // how far tcpdump moved over the option before its -vv dump
	switch opt {
	case 1:
		if ret, ok := d.fixedOption(p, olen, 10); !ok {
			return ret
		}
		b.printf(": src %s, dst %s", net.IP(p[2:6]), net.IP(p[6:10]))
	case 2:
		if olen < 4 {
			b.str(" (length bogus, should be >= 4)")
			return 0
		}
		if !d.need(p, 4) {
			return 0
		}
		cp := binary.BigEndian.Uint16(p[2:])
		cname := "Unknown"
		switch cp {
		case 0x002d:
			cname = "VJ-Comp"
		case 0x61:
			cname = "IP Header Compression"
		}
		b.printf(": %s (0x%02x):", cname, cp)
		if cp == 0x61 {
			if olen < 14 {
				b.printf(" (length bogus, should be >= %d)", 14)
				return 0
			}
			if len(p) < 16 {
				b.str("[|ipcp]")
				return 0
			}
			b.printf("\n\t    TCP Space %d, non-TCP Space %d, maxPeriod %d, maxTime %d, maxHdr %d",
				binary.BigEndian.Uint16(p[4:]), binary.BigEndian.Uint16(p[6:]), binary.BigEndian.Uint16(p[8:]),
				binary.BigEndian.Uint16(p[10:]), binary.BigEndian.Uint16(p[12:]))
			if olen > 14 {
				rest := olen - 14
				q := p[14:]
				adv = 14
				b.printf("\n\t      Suboptions, length %d", rest)
				for rest >= 2 {
					if len(q) < 2 {
						b.str("[|ipcp]")
						return 0
					}
					so, sl := q[0], int(q[1])
					if so == 0 || sl == 0 {
						break
					}
					sname := "Unknown"
					switch so {
					case 1:
						sname = "RTP-Compression"
					case 2:
						sname = "Enhanced RTP-Compression"
					}
					b.printf("\n\t\t%s Suboption #%d, length %d", sname, so, sl)
					if rest < sl {
						b.printf(" [remaining suboptions length %d < %d] (invalid)", rest, sl)
						break
					}
					rest -= sl
					adv += sl
					q = q[min(sl, len(q)):]
				}
			}
		}
	case 3, 4, 129, 130, 131, 132:
		if _, ok := d.fixedOption(p, olen, 6); !ok {
			return 0
		}
		b.printf(": %s", net.IP(p[2:6]))
	default:
		known = false
	}
	d.optionTailFrom(p, adv, olen, known)
	return olen
}

func (d *dissector) ip6cpOption(p []byte, total int) int {
	b := d.b
	opt, olen, ok := d.namedOption(p, total, map[byte]string{1: "Interface-ID"}, "unknown")
	if !ok {
		return 0
	}
	if opt == 1 {
		if olen != 10 {
			b.str(" (length bogus, should be = 10)")
			return olen
		}
		if len(p) < 10 {
			b.str("[|ip6cp]")
			return 0
		}
		b.printf(": %04x:%04x:%04x:%04x", binary.BigEndian.Uint16(p[2:]), binary.BigEndian.Uint16(p[4:]),
			binary.BigEndian.Uint16(p[6:]), binary.BigEndian.Uint16(p[8:]))
	}
	d.optionTail(p, olen, opt == 1)
	return olen
}

func (d *dissector) ccpOption(p []byte, total int) int {
	b := d.b
	opt, olen, ok := d.namedOption(p, total, ccpOptions, "Unknown")
	if !ok {
		return 0
	}
	known := true
	switch opt {
	case 21:
		if olen < 3 {
			b.str(" (length bogus, should be >= 3)")
			return olen
		}
		if !d.need(p, 3) {
			return 0
		}
		b.printf(": Version: %d, Dictionary Bits: %d", p[2]>>5, p[2]&0x1f)
	case 24:
		if olen < 4 {
			b.str(" (length bogus, should be >= 4)")
			return olen
		}
		if !d.need(p, 4) {
			return 0
		}
		pxp := "Disabled"
		if p[2]&0x20 != 0 {
			pxp = "Enabled"
		}
		b.printf(": Features: %d, PxP: %s, History: %d, #CTX-ID: %d", (p[2]&0xc0)>>6, pxp, p[2]&0x1f, p[3])
	case 26:
		if olen < 4 {
			b.str(" (length bogus, should be >= 4)")
			return olen
		}
		if !d.need(p, 4) {
			return 0
		}
		method := "unknown"
		if p[2]&0x0f == 8 {
			method = "zlib"
		}
		b.printf(": Window: %dK, Method: %s (0x%x), MBZ: %d, CHK: %d", (p[2]&0xf0)>>4, method, p[2]&0x0f, (p[3]&0xfc)>>2, p[3]&3)
	default:
		known = false
	}
	d.optionTail(p, olen, known)
	return olen
}

func (d *dissector) bacpOption(p []byte, total int) int {
	b := d.b
	opt, olen, ok := d.namedOption(p, total, map[byte]string{1: "Favored-Peer"}, "Unknown")
	if !ok {
		return 0
	}
	if opt == 1 {
		if ret, ok := d.fixedOption(p, olen, 6); !ok {
			return ret
		}
		b.printf(": Magic-Num 0x%08x", binary.BigEndian.Uint32(p[2:]))
	}
	d.optionTail(p, olen, opt == 1)
	return olen
}

// authHeader prints the header of a CHAP or PAP message (proto, title)
// and returns its code and length; ok is false when it was cut short.
func (d *dissector) authHeader(p []byte, length int, proto, title string, names map[uint8]string) (code byte, l int, ok bool) {
	b := d.b
	if length < 1 {
		b.str("[|" + proto + "]")
		return 0, 0, false
	}
	if length < 4 {
		if d.need(p, 1) {
			b.printf("[|%s 0x%02x]", proto, p[0])
		}
		return 0, 0, false
	}
	if !d.need(p, 4) {
		return 0, 0, false
	}
	code = p[0]
	b.printf("%s, %s (0x%02x), id %d", title, nameOr(names, code, "unknown"), code, p[1])
	return code, int(binary.BigEndian.Uint16(p[2:])), true
}

// authChars prints n characters of p from off as fn_print_char does and
// returns the offset after them; false when the capture ended first.
func (d *dissector) authChars(p []byte, off, n int) (int, bool) {
	for i := 0; i < n; i++ { // ends at the capture's end whatever n says
		if off >= len(p) {
			d.truncJmp(d.pppProto())
			return off, false
		}
		fnPrintChar(d.b, p[off])
		off++
	}
	return off, true
}

// chap is tcpdump's handle_chap.
func (d *dissector) chap(p []byte, length int) {
	b := d.b
	code, l, ok := d.authHeader(p, length, "chap", "CHAP", map[uint8]string{1: "Challenge", 2: "Response", 3: "Success", 4: "Fail"})
	if !ok {
		return
	}
	off := 4
	printChars := func(n int) { off, _ = d.authChars(p, off, n) }
	switch code {
	case 1, 2:
		if length-off < 1 {
			return
		}
		if !d.need(p, off+1) {
			return
		}
		vs := int(p[off])
		off++
		if length-off < vs {
			return
		}
		b.str(", Value ")
		for i := 0; i < vs; i++ {
			if off >= len(p) {
				d.truncJmp(d.pppProto())
				return
			}
			b.printf("%02x", p[off])
			off++
		}
		b.str(", Name ")
		printChars(int(uint32(l-off) & 0xffffffff))
	case 3, 4:
		b.str(", Msg ")
		printChars(int(uint32(l-off) & 0xffffffff))
	}
}

// pap is tcpdump's handle_pap.
func (d *dissector) pap(p []byte, length int) {
	b := d.b
	code, l, ok := d.authHeader(p, length, "pap", "PAP", map[uint8]string{1: "Auth-Req", 2: "Auth-ACK", 3: "Auth-NACK"})
	if !ok {
		return
	}
	if l > length {
		b.printf(", length %d > packet size", l)
		return
	}
	length = l
	if length < 4 {
		b.printf(", length %d < PAP header length", length)
		return
	}
	off := 4
	field := func(label string) bool {
		if length-off < 1 {
			return false
		}
		if !d.need(p, off+1) {
			return false
		}
		n := int(p[off])
		off++
		if length-off < n {
			return false
		}
		b.str(label)
		var ok bool
		off, ok = d.authChars(p, off, n)
		return ok
	}
	switch code {
	case 1:
		if l < 6 {
			b.str("[|pap]")
			return
		}
		if field(", Peer ") {
			field(", Name ")
		}
	case 2, 3:
		if l < 5 {
			b.str("[|pap]")
			return
		}
		field(", Msg ")
	}
}

// pppSerial is tcpdump's ppp_hdlc_if_print (DLT_PPP_SERIAL).
func (d *dissector) pppSerial(p []byte, length int) int {
	b := d.b
	if len(p) < 2 {
		b.trunc("ppp_hdlc")
		return len(p)
	}
	switch p[0] {
	case 0xff:
		if len(p) < 4 {
			b.trunc("ppp_hdlc")
			return len(p)
		}
		if d.p.opts.LinkHeader {
			b.printf("%02x %02x %d ", p[0], p[1], length)
		}
		proto := binary.BigEndian.Uint16(p[2:])
		b.printf("%s: ", pppName(proto, "unknown PPP protocol (0x%04x)"))
		d.pppSerialFrame = true
		d.pppPayload(proto, p[4:], length-4)
		return 4
	case 0x0f, 0x8f:
		return d.chdlc(p, length)
	}
	if len(p) < 4 {
		b.trunc("ppp_hdlc")
		return len(p)
	}
	if d.p.opts.LinkHeader {
		b.printf("%02x %02x %d ", p[0], p[1], length)
	}
	b.printf("unknown addr %02x; ctrl %02x", p[2], p[3])
	return 2
}

// pppoeCodes name the PPPoE discovery codes (0 is session data).
var pppoeCodes = map[uint8]string{0x09: "PADI", 0x07: "PADO", 0x19: "PADR", 0x65: "PADS", 0xa7: "PADT", 0: ""}

var pppoeTags = map[uint16]string{
	0: "EOL", 0x0101: "Service-Name", 0x0102: "AC-Name", 0x0103: "Host-Uniq", 0x0104: "AC-Cookie",
	0x0105: "Vendor-Specific", 0x0110: "Relay-Session-ID", 0x0120: "PPP-Max-Payload",
	0x0201: "Service-Name-Error", 0x0202: "AC-System-Error", 0x0203: "Generic-Error",
}

// pppoe is tcpdump's pppoe_print; it returns the header length.
func (d *dissector) pppoe(p []byte, length int) int {
	b := d.b
	if length < 6 {
		b.printf(" (length %d < %d) (invalid)", length, 6)
		return 0
	}
	length -= 6
	if len(p) < 6 {
		d.truncJmp("pppoe")
		return 0
	}
	ver, typ, code := p[0]>>4, p[0]&0x0f, p[1]
	sess := binary.BigEndian.Uint16(p[2:])
	plen := int(binary.BigEndian.Uint16(p[4:]))
	if ver != 1 {
		b.printf(" [ver %d]", ver)
	}
	if typ != 1 {
		b.printf(" [type %d]", typ)
	}
	if s, ok := pppoeCodes[code]; ok {
		b.str("PPPoE " + s)
	} else {
		b.printf("PPPoE PAD-%x", code)
	}
	if code == 0x09 && plen > length {
		b.printf(" [len %d > %d!]", plen, length)
	}
	plen = min(plen, length)
	if sess != 0 {
		b.printf(" [ses 0x%x]", sess)
	}
	payload := p[6:]
	if code == 0 {
		b.str(" ")
		return 6 + d.ppp(payload, plen)
	}
	tag := uint16(0xffff)
	off := 0
	for i := 0; tag != 0 && off < plen && i < 65536; i++ {
		if off+4 > len(payload) {
			d.truncJmp("pppoe")
			return 6
		}
		tag = binary.BigEndian.Uint16(payload[off:])
		tl := int(binary.BigEndian.Uint16(payload[off+2:]))
		off += 4
		name, ok := pppoeTags[tag]
		if !ok {
			name = fmt.Sprintf("TAG-0x%x", tag)
		}
		if tl == 0 {
			b.printf(" [%s]", name)
			continue
		}
		var str []byte
		ascii, garbage := 0, 0
		for i := 0; i < tl && len(str) < 79; i++ {
			if off+i >= len(payload) {
				d.truncJmp("pppoe")
				return 6
			}
			if c := payload[off+i]; c >= 0x20 && c < 0x7f {
				str = append(str, c)
				ascii++
			} else {
				str = append(str, '.')
				garbage++
			}
		}
		if ascii > garbage {
			b.printf(" [%s \"%s\"]", name, str)
		} else {
			if off+tl > len(payload) {
				b.printf(" [%s 0x", name)
				for _, c := range payload[off:] {
					b.printf("%02X", c)
				}
				d.truncJmp("pppoe")
				return 6
			}
			b.printf(" [%s 0x", name)
			for _, c := range payload[off : off+tl] {
				b.printf("%02X", c)
			}
			b.str("]")
		}
		off += tl
	}
	return 6
}
