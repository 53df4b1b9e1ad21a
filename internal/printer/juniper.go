package printer

import (
	"encoding/binary"
	"net"
	"strings"

	"github.com/gocap/gocap/linktype"
)

// The Juniper family (DLT_JUNIPER_*), as tcpdump's print-juniper.c prints
// it: a common header (the "MGC" magic, flags, optional TLV extensions),
// a cookie whose length depends on the PIC type, then the PIC's payload.

// Juniper header flags.
const (
	jnxPktIn = 0x01
	jnxNoL2  = 0x02
	jnxExt   = 0x80
)

var jnxFlagNames = []struct {
	bit  uint8
	name string
}{{0x80, "Ext"}, {0x40, "Filter"}, {0x04, "IIF"}, {0x02, "no-L2"}, {0x01, "In"}}

var jnxTLVNames = map[uint8]string{
	1: "Device Interface Index", 2: "Device Interface Name", 3: "Device Media Type",
	4: "Logical Interface Index", 5: "Logical Unit Number", 6: "Logical Interface Encapsulation",
	7: "TTP derived Device Media Type", 8: "TTP derived Logical Interface Encapsulation",
}

// jnxMediaTypes are the JUNIPER_IFML_ values (device media types).
var jnxMediaTypes = map[int]string{
	1: "Ethernet", 2: "FDDI", 3: "Token-Ring", 4: "PPP", 57: "PPP-Subordinate", 5: "Frame-Relay",
	6: "Cisco-HDLC", 7: "SMDS-DXI", 8: "ATM-PVC", 9: "PPP-CCC", 10: "Frame-Relay-CCC",
	48: "Extended FR-CCC", 11: "IP-over-IP", 12: "GRE", 13: "PIM-Encapsulator", 14: "PIM-Decapsulator",
	15: "Cisco-HDLC-CCC", 16: "VLAN-CCC", 32: "Extended-VLAN-CCC", 17: "Multilink-PPP", 18: "Multilink-FR",
	39: "Multilink-FR-UNI-NNI", 19: "Multilink", 40: "LinkService", 20: "LSI", 22: "ATM-CCC-Cell-Relay",
	23: "IPSEC-over-IP", 24: "GGSN", 27: "PPP-TCC", 28: "Frame-Relay-TCC", 49: "Extended FR-TCC",
	29: "Cisco-HDLC-TCC", 30: "Ethernet-CCC", 31: "VPN-Loopback-tunnel", 33: "Ethernet-over-ATM",
	46: "Ethernet-VPLS-over-ATM", 34: "Monitor", 35: "Ethernet-TCC", 36: "VLAN-TCC", 37: "Extended-VLAN-TCC",
	38: "Controller", 41: "VPLS", 42: "VLAN-VPLS", 43: "Extended-VLAN-VPLS", 44: "Logical-tunnel",
	45: "General-Services", 56: "PPPoE", 52: "Flexible-Ethernet-Services", 50: "Flexible-FrameRelay",
	53: "Flow-collection", 60: "PIC Peer", 59: "Dynamic-Flow-Capture",
}

// jnxEncapsulations are the JUNIPER_IFLE_ values (logical interface
// encapsulations).
var jnxEncapsulations = map[int]string{
	59: "Aggregator", 9: "CCC over ATM", 32: "ATM CCC Cell Relay", 26: "CISCO compatible NLPID",
	56: "Ethernet over ATM CCC", 41: "Ethernet over ATM LLC", 53: "Ethernet VPLS over ATM LLC", 5: "ATM LLC",
	55: "MLPPP over ATM LLC", 3: "ATM NLPID", 61: "PPPoE over ATM LLC", 8: "PPP over FUNI",
	7: "PPP over ATM LLC", 6: "PPP over ATM VCMUX", 2: "ATM SNAP", 43: "ATM SNAP TCC", 35: "ATM VCMUX TCC",
	4: "ATM VCMUX", 18: "C-HDLC", 25: "C-HDLC CCC", 65: "C-HDLC via dialer", 38: "C-HDLC TCC",
	58: "Collector", 33: "Crypto", 14: "Ethernet", 39: "Ethernet CCC", 51: "Extended VLAN VPLS",
	62: "PPPoE over Ethernet", 45: "Ethernet TCC", 50: "VLAN VPLS", 49: "VPLS", 42: "Extended VLAN CCC",
	47: "Extended VLAN TCC", 13: "FR CCC", 10: "FR NLPID", 54: "FR CCC", 12: "FR PPP", 11: "FR SNAP",
	36: "FR TCC", 34: "GGSN", 22: "GRE NULL", 23: "PPP over GRE", 20: "IPIP", 60: "LAPD", 30: "LSI Null",
	57: "LT VLAN", 48: "MFR", 29: "MLFR", 28: "MLPPP", 44: "Monitor", 24: "PIMd", 21: "PIM Null",
	17: "PPP", 63: "PPPoE", 19: "PPP CCC", 64: "", 37: "PPP TCC", 52: "General Services", 27: "VLAN CCC",
	46: "VLAN TCC", 40: "VT",
}

// jnxCookies are the PIC types with a cookie: its length and the PIC's name.
var jnxCookies = map[linktype.Type]struct {
	n    int
	name string
}{
	linktype.JuniperATM1: {4, "ATM1"}, linktype.JuniperATM2: {8, "ATM2"}, linktype.JuniperMLPPP: {2, "MLPPP"},
	linktype.JuniperMLFR: {2, "MLFR"}, linktype.JuniperMFR: {4, "MFR"}, linktype.JuniperPPPoE: {0, "PPPoE"},
	linktype.JuniperPPPoEATM: {0, "PPPoE ATM"}, linktype.JuniperGGSN: {8, "GGSN"},
	linktype.JuniperMonitor: {8, "MONITOR"}, linktype.JuniperServices: {8, "AS"}, linktype.JuniperES: {0, "ES"},
}

// Cookie types and the LSQ protocol values an AS cookie carries.
const (
	jnxLSCookie = 0x54
	jnxASCookie = 0x47

	jnxLSQIPv4 = 0x00
	jnxLSQIPv6 = 0x10
	jnxLSQMPLS = 0x20
	jnxLSQISO  = 0x30
)

// juniperInfo is tcpdump's juniper_l2info_t.
type juniperInfo struct {
	length     int // of the payload, from the wire length
	hdrLen     int
	direction  uint8
	flags      uint8
	cookieLen  int
	cookieType uint8
	cookie     [8]byte
	bundle     int
	proto      uint16
}

// juniperTrunc names the truncation marker of each Juniper printer.
var juniperTrunc = map[linktype.Type]string{
	linktype.JuniperATM1: "juniper_atm1", linktype.JuniperATM2: "juniper_atm2",
	linktype.JuniperMLPPP: "juniper_mlppp", linktype.JuniperMLFR: "juniper_mlfr",
	linktype.JuniperMFR: "juniper_mfr", linktype.JuniperPPPoE: "juniper_pppoe",
	linktype.JuniperPPPoEATM: "juniper_pppoe_atm", linktype.JuniperGGSN: "juniper_ggsn",
	linktype.JuniperMonitor: "juniper_monitor", linktype.JuniperServices: "juniper_services",
	linktype.JuniperES: "juniper_es", linktype.JuniperEther: "juniper_ether",
	linktype.JuniperPPP: "juniper_ppp", linktype.JuniperFrameRelay: "juniper_frelay",
	linktype.JuniperCHDLC: "juniper_chdlc",
}

// juniperHeader is tcpdump's juniper_parse_header: false means the
// printing is over (no magic, no link layer, truncated or invalid), with
// the header length in l.hdrLen.
func (d *dissector) juniperHeader(lt linktype.Type, p []byte, length int, l *juniperInfo) bool {
	b, e := d.b, d.p.opts.LinkHeader
	vv := d.p.opts.Verbose > 1
	proto := juniperTrunc[lt]
	if len(p) < 4 {
		d.truncJmp(proto)
		return false
	}
	l.length = length
	l.flags = p[3]
	l.direction = p[3] & jnxPktIn
	if p[0] != 'M' || p[1] != 'G' || p[2] != 'C' {
		b.str("no magic-number found!")
		return false
	}
	if e {
		if l.direction == 1 {
			b.str(" In ")
		} else {
			b.str("Out ")
		}
	}
	hdr := 4
	if vv {
		var names []string
		for _, f := range jnxFlagNames {
			if l.flags&f.bit != 0 {
				names = append(names, f.name)
			}
		}
		if len(names) == 0 {
			names = []string{"none"}
		}
		b.printf("\n\tJuniper PCAP Flags [%s]", strings.Join(names, ", "))
	}
	if l.flags&jnxExt != 0 {
		if len(p) < 6 {
			d.truncJmp(proto)
			return false
		}
		extLen := int(binary.BigEndian.Uint16(p[4:]))
		hdr += 2 + extLen
		if vv {
			b.printf(", PCAP Extension(s) total length %d", extLen)
		}
		if len(p) < 6+extLen {
			d.truncJmp(proto)
			return false
		}
		t := p[6 : 6+extLen]
		for extLen > 2 {
			typ, tlen := t[0], int(t[1])
			t = t[2:]
			if typ == 0 || tlen == 0 {
				break
			}
			if extLen < tlen+2 {
				b.printf(" [extension_length %d < %d] (invalid)", extLen, tlen+2)
				return false
			}
			if vv {
				b.printf("\n\t  %s Extension TLV #%d, length %d, value ", nameOr(jnxTLVNames, typ, "Unknown"), typ, tlen)
			}
			v := juniperTLVValue(t[:tlen], typ)
			if vv && v != -1 {
				switch typ {
				case 2:
				case 3, 7:
					b.printf("%s (%d)", nameOr(jnxMediaTypes, v, "Unknown"), v)
				case 6, 8:
					b.printf("%s (%d)", nameOr(jnxEncapsulations, v, "Unknown"), v)
				default:
					b.printf("%d", uint32(v))
				}
			}
			t = t[tlen:]
			extLen -= tlen + 2
		}
		if vv {
			b.str("\n\t-----original packet-----\n\t")
		}
	}
	if l.flags&jnxNoL2 != 0 {
		if e {
			b.str("no-L2-hdr, ")
		}
		if len(p) < hdr+5 {
			d.truncJmp(proto)
			return false
		}
		if !d.ipGuess(p[hdr+4:], length-(hdr+4)) {
			b.str("no IP-hdr found!")
		}
		l.hdrLen = hdr + 4
		return false
	}
	l.hdrLen = hdr
	p = p[hdr:]
	l.length -= hdr
	if c, ok := jnxCookies[lt]; ok {
		if len(p) < 1 {
			d.truncJmp(proto)
			return false
		}
		l.cookieLen += c.n
		switch p[0] {
		case jnxLSCookie:
			l.cookieType = jnxLSCookie
			l.cookieLen += 2
		case jnxASCookie:
			l.cookieType = jnxASCookie
			l.cookieLen = 8
		default:
			l.bundle = int(l.cookie[0])
		}
		if lt == linktype.JuniperMFR && p[0]&0xc0 == 0xc0 {
			l.cookieLen = 0 // MFR child links carry no cookie
		}
		l.hdrLen += l.cookieLen
		l.length -= l.cookieLen
		if e {
			b.printf("%s-PIC, cookie-len %d", c.name, l.cookieLen)
		}
		if l.cookieLen > 8 {
			b.str(" (invalid)")
			return false
		}
		if l.cookieLen > 0 {
			if len(p) < l.cookieLen {
				d.truncJmp(proto)
				return false
			}
			if e {
				b.str(", cookie 0x")
			}
			for i := 0; i < l.cookieLen; i++ {
				l.cookie[i] = p[i]
				if e {
					b.str(hex2(p[i]))
				}
			}
		}
		if e {
			b.str(": ")
		}
		if len(p) < l.cookieLen+2 {
			d.truncJmp(proto)
			return false
		}
		l.proto = binary.BigEndian.Uint16(p[l.cookieLen:])
	}
	p = p[l.cookieLen:]
	asCookie := func() {
		l.bundle = int(binary.BigEndian.Uint16(l.cookie[6:])>>3) & 0xfff
		l.proto = uint16(l.cookie[5]) & 0x70
	}
	switch lt {
	case linktype.JuniperMLPPP:
		switch l.cookieType {
		case jnxLSCookie:
			l.bundle = int(l.cookie[1])
		case jnxASCookie:
			asCookie()
		default:
			l.bundle = int(l.cookie[0])
		}
	case linktype.JuniperMLFR, linktype.JuniperMFR:
		switch l.cookieType {
		case jnxLSCookie:
			if len(p) < 2 {
				d.truncJmp(proto)
				return false
			}
			l.bundle = int(l.cookie[1])
			l.proto = binary.BigEndian.Uint16(p)
			l.hdrLen += 2
			l.length -= 2
		case jnxASCookie:
			asCookie()
		default:
			l.bundle = int(l.cookie[0])
			if lt == linktype.JuniperMLFR {
				l.hdrLen += 2
				l.length -= 2
			}
		}
	case linktype.JuniperATM2:
		if len(p) < 4 {
			d.truncJmp(proto)
			return false
		}
		if l.cookie[7]&0x70 != 0 {
			// An ATM cell relay control word.
			cw := binary.BigEndian.Uint32(p)
			switch cw {
			case 0, 0x08000000, 0x08380000:
				l.hdrLen += 4
			}
			if e {
				b.printf("control-word 0x%08x ", cw)
			}
		}
	}
	if e {
		b.printf("hlen %d, proto 0x%04x, ", l.hdrLen, l.proto)
	}
	return true
}

// juniperTLVValue reads an extension TLV's value: little-endian below
// type 128, big-endian from it; -1 for lengths above 4.
func juniperTLVValue(v []byte, typ uint8) int {
	if len(v) > 4 {
		return -1
	}
	var x uint32
	for i := range v {
		if typ < 128 {
			x |= uint32(v[i]) << (8 * i)
		} else {
			x = x<<8 | uint32(v[i])
		}
	}
	return int(int32(x))
}

// ipGuess is tcpdump's ip_heuristic_guess: IPv4 or IPv6 by the first
// byte; false when it is neither.
func (d *dissector) ipGuess(p []byte, length int) bool {
	if len(p) < 1 {
		d.truncJmp(d.juniperProto)
		return true
	}
	switch {
	case p[0] >= 0x45 && p[0] <= 0x4f:
		d.ip4(p, length)
	case p[0]>>4 == 6:
		d.ip6(p, length)
	default:
		return false
	}
	return true
}

// juniper prints a frame of one of the Juniper link types; it returns the
// link-layer header's length.
func (d *dissector) juniper(lt linktype.Type, p []byte, length int) int {
	b, e := d.b, d.p.opts.LinkHeader
	d.juniperProto = juniperTrunc[lt]
	var l juniperInfo
	if !d.juniperHeader(lt, p, length, &l) {
		return l.hdrLen
	}
	q := p[min(l.hdrLen, len(p)):]
	switch lt {
	case linktype.JuniperGGSN:
		proto := l.cookie[2]
		if e {
			b.printf("proto %s (%d), vlan %d: ", nameOr(map[uint8]string{1: "Null", 2: "IPv4", 6: "IPv6"}, proto, "Unknown"),
				proto, binary.BigEndian.Uint16(l.cookie[4:]))
		}
		switch proto {
		case 2:
			d.ip4(q, l.length)
		case 6:
			d.ip6(q, l.length)
		default:
			if !e {
				b.printf("unknown GGSN proto (%d)", proto)
			}
		}
	case linktype.JuniperES:
		d.juniperES(q, &l)
	case linktype.JuniperMonitor:
		if len(q) < 8 {
			d.truncJmp(d.juniperProto)
			break
		}
		if e {
			b.printf("service-id %d, iif %d, pkt-type %d: ", binary.BigEndian.Uint32(q[4:]), binary.BigEndian.Uint16(q[2:]), q[0])
		}
		d.ipGuess(q, l.length)
	case linktype.JuniperServices:
		if len(q) < 8 {
			d.truncJmp(d.juniperProto)
			break
		}
		if e {
			b.printf("service-id %d flags 0x%02x service-set-id 0x%04x iif %d: ", q[0], q[1],
				binary.BigEndian.Uint16(q[2:]), uint32(q[5])<<16|uint32(q[6])<<8|uint32(q[7]))
		}
		d.ipGuess(q, l.length)
	case linktype.JuniperPPPoE:
		d.juniperEthernet(q, l.length)
	case linktype.JuniperEther:
		return l.hdrLen + d.juniperEthernet(q, l.length)
	case linktype.JuniperPPP:
		d.ppp(q, l.length)
	case linktype.JuniperFrameRelay:
		d.fr(q, l.length)
	case linktype.JuniperCHDLC:
		d.chdlc(q, l.length)
	case linktype.JuniperPPPoEATM:
		if len(q) < 2 {
			d.truncJmp(d.juniperProto)
			break
		}
		et := binary.BigEndian.Uint16(q)
		if !d.etherType(et, q[2:], l.length-2, nil) {
			b.printf("unknown ethertype 0x%04x", et)
		}
	case linktype.JuniperMLPPP:
		d.juniperMLPPP(p, q, &l)
	case linktype.JuniperMFR:
		d.juniperMFR(p, q, &l)
	case linktype.JuniperMLFR:
		if e && binary.BigEndian.Uint32(l.cookie[:]) != 1 {
			b.printf("Bundle-ID %d, ", l.bundle)
		}
		switch l.proto {
		case 0x03, 0x0300:
			d.isoclns(q, l.length)
		case 0x0308, 0x03cc, 0x038e:
			d.isoclns(p[l.hdrLen-1:], l.length+1)
		default:
			b.printf("unknown protocol 0x%04x, length %d", l.proto, l.length)
		}
	case linktype.JuniperATM1, linktype.JuniperATM2:
		d.juniperATM(lt, q, &l)
	}
	return l.hdrLen
}

// juniperEthernet is ether_print on a Juniper payload: its length is the
// payload's, not the frame's.
func (d *dissector) juniperEthernet(q []byte, length int) int {
	saved := d.wireLen
	d.wireLen = length
	n := d.ethernet(q, length)
	d.wireLen = saved
	return n
}

var jnxIPsecTypes = map[uint8]string{1: "ESP ENCR-AUTH", 2: "ESP ENCR-AH AUTH", 3: "ESP AUTH", 4: "AH AUTH", 5: "ESP ENCR"}

// juniperES prints an Encryption Services PIC frame.
func (d *dissector) juniperES(q []byte, l *juniperInfo) {
	b := d.b
	if len(q) < 16 {
		d.truncJmp(d.juniperProto)
		return
	}
	typ := q[3]
	rewrite, bundle := 0, false
	switch typ {
	case 1, 2:
		bundle = true
	case 3, 4, 5:
		rewrite = 16
	default:
		b.printf("ES Invalid type %d, length %d", typ, l.length)
		return
	}
	l.length -= rewrite
	if d.p.opts.LinkHeader {
		b.printf("ES SA, index %d, ttl %d type %s (%d), ", binary.BigEndian.Uint16(q), q[2], nameOr(jnxIPsecTypes, typ, "Unknown"), typ)
		if !bundle {
			b.printf("spi %d, Tunnel %s > %s, ", binary.BigEndian.Uint32(q[4:]), d.p.host(net.IP(q[8:12])), d.p.host(net.IP(q[12:16])))
		}
		b.printf("length %d\n", l.length)
	}
	d.ip4(q[rewrite:], l.length)
}

// juniperMLPPP prints a Multi-Link PPP frame.
func (d *dissector) juniperMLPPP(p, q []byte, l *juniperInfo) {
	c := binary.BigEndian.Uint16(l.cookie[:])
	if d.p.opts.LinkHeader && c != 0x0023 && c != 0xff03 {
		d.b.printf("Bundle-ID %d: ", l.bundle)
	}
	switch l.proto {
	case jnxLSQIPv4:
		if l.cookie[4] == 0x0c { // from the routing engine: IS-IS over PPP
			d.ppp(q, l.length)
		} else {
			d.ip4(q, l.length)
		}
		return
	case jnxLSQIPv6:
		d.ip6(q, l.length)
		return
	case jnxLSQMPLS:
		d.mpls(q, l.length)
		return
	case jnxLSQISO:
		d.isoclns(q, l.length)
		return
	}
	if c == 0x0023 && l.hdrLen >= 2 {
		d.ppp(p[l.hdrLen-2:], l.length+2)
		return
	}
	d.ppp(q, l.length)
}

// juniperMFR prints an FRF.16 Multi-Link Frame Relay frame.
func (d *dissector) juniperMFR(p, q []byte, l *juniperInfo) {
	b := d.b
	if l.cookieLen == 0 {
		d.mfr(q, l.length)
		return
	}
	if l.cookieLen == 8 {
		switch l.proto {
		case jnxLSQIPv4:
			d.ip4(q, l.length)
		case jnxLSQIPv6:
			d.ip6(q, l.length)
		case jnxLSQMPLS:
			d.mpls(q, l.length)
		case jnxLSQISO:
			d.isoclns(q, l.length)
		}
		return
	}
	if d.p.opts.LinkHeader && binary.BigEndian.Uint32(l.cookie[:]) != 1 {
		b.printf("Bundle-ID %d, ", l.bundle)
	}
	switch l.proto {
	case 0xfefe:
		if len(q) < 1 {
			d.truncJmp(d.juniperProto)
			return
		}
		d.isoclns(q[1:], l.length-1)
	case 0x0308, 0x03cc, 0x038e:
		d.isoclns(p[l.hdrLen-1:], l.length+1)
	default:
		b.printf("unknown protocol 0x%04x, length %d", l.proto, l.length)
	}
}

// juniperATM prints an ATM1 or ATM2 PIC frame: OAM cells, LLC, Ethernet
// over RFC 1483, Cisco NLPID, PPP over ATM or bare IP, by heuristics.
func (d *dissector) juniperATM(lt linktype.Type, q []byte, l *juniperInfo) {
	if (lt == linktype.JuniperATM1 && l.cookie[0] == 0x80) || (lt == linktype.JuniperATM2 && l.cookie[7]&0x70 != 0) {
		d.oam(q, l.length)
		return
	}
	if len(q) < 3 {
		d.truncJmp(d.juniperProto)
		return
	}
	if llc := uint32(q[0])<<16 | uint32(q[1])<<8 | uint32(q[2]); llc == 0xfefe03 || llc == 0xaaaa03 {
		if d.llcPayload(q, l.length, nil) > 0 {
			return
		}
	}
	if lt == linktype.JuniperATM2 && l.direction != jnxPktIn && binary.BigEndian.Uint32(l.cookie[:])&0x3f != 0 {
		d.juniperEthernet(q, l.length)
		return
	}
	if q[0] == 0x03 {
		d.isoclns(q[1:], l.length-1)
		return
	}
	if lt == linktype.JuniperATM2 {
		switch binary.BigEndian.Uint16(q) {
		case 0x0021, 0x0023, 0x0281, 0x0283, 0x8021, 0x8023, 0x8281, 0xc021, 0xc023, 0xc223, 0x003d, 0x0057, 0x8057:
			d.ppp(q, l.length)
			return
		}
	}
	d.ipGuess(q, l.length)
}

// isoclns is tcpdump's isoclns_print for the NLPIDs gocap decodes (IP,
// IPv6, PPP, Q.933, IS-IS); others are named with their length.
func (d *dissector) isoclns(p []byte, length int) {
	b, e := d.b, d.p.opts.LinkHeader
	if len(p) < 1 {
		d.truncJmp("isoclns")
		return
	}
	id := p[0]
	if e {
		b.printf("OSI NLPID %s (0x%02x): ", nameOr(nlpidNames, uint16(id), "Unknown"), id)
	}
	sep := ", "
	if e {
		sep = ""
	}
	switch id {
	case 0x83:
		if !e {
			b.str("IS-IS")
		}
		d.isis(p, length)
	case 0x00:
		b.printf("%slength: %d", sep, length)
	case 0x08:
		d.q933(p[1:], length-1)
	case 0xcc:
		d.ip4(p[1:], length-1)
	case 0x8e:
		d.ip6(p[1:], length-1)
	case 0xcf:
		d.ppp(p[1:], length-1)
	default:
		if !e {
			b.printf("OSI NLPID 0x%02x unknown", id)
		}
		b.printf("%slength: %d", sep, length)
		if length > 1 {
			hexOnly(b, "\n\t", p[:min(len(p), length)], 0)
		}
	}
}

var oamPayloadTypes = map[uint8]string{
	0: "user data, uncongested, SDU 0", 1: "user data, uncongested, SDU 1", 2: "user data, congested, SDU 0",
	3: "user data, congested, SDU 1", 4: "VCC OAM F5 flow segment", 5: "VCC OAM F5 flow end-to-end",
	6: "Traffic Control and resource Mgmt",
}

var (
	oamCellTypes = map[uint8]string{1: "Fault Management", 2: "Performance Management", 8: "activate/deactivate", 15: "System Management"}
	oamFuncTypes = map[uint8]map[uint8]string{
		1: {0: "AIS", 1: "RDI", 4: "Continuity Check", 8: "Loopback"},
		2: {0: "Forward Monitoring", 1: "Backward Reporting", 2: "Monitoring and Reporting"},
		8: {0: "Performance Monitoring", 1: "Continuity Check"},
	}
)

// oam is tcpdump's oam_print for a cell without HEC: the cell header,
// then with -v the OAM cell and function types, the loopback or AIS/RDI
// fields, and the CRC-10 check.
func (d *dissector) oam(p []byte, length int) {
	b := d.b
	if len(p) < 5 {
		d.truncJmp("oam")
		return
	}
	h := binary.BigEndian.Uint32(p)
	vpi, vci, pt := (h>>20)&0xff, (h>>4)&0xffff, uint8(h>>1)&7
	f := "OAM F5"
	switch vci {
	case 3:
		f = "OAM F4 (segment)"
	case 4:
		f = "OAM F4 (end)"
	}
	b.printf("%s, vpi %d, vci %d, payload [ %s ], clp %d, length %d", f, vpi, vci, nameOr(oamPayloadTypes, pt, "Unknown"), h&1, length)
	if d.p.opts.Verbose == 0 {
		return
	}
	cell, fn := p[4]>>4, p[4]&0x0f
	b.printf("\n\tcell-type %s (%d)", nameOr(oamCellTypes, cell, "unknown"), cell)
	if names, ok := oamFuncTypes[cell]; ok {
		b.printf(", func-type %s (%d)", nameOr(names, fn, "none"), fn)
	} else {
		b.printf(", func-type unknown (%d)", fn)
	}
	q := p[4:]
	// ids prints the 16-bit words at the odd offsets of an identifier,
	// as tcpdump does.
	ids := func(off, n int) {
		for i := 1; i < n; i += 2 {
			b.printf("%04x ", binary.BigEndian.Uint16(q[off+i:]))
		}
	}
	switch {
	case cell == 1 && fn == 8:
		if len(q) < 46 {
			d.truncJmp("oam")
			return
		}
		ind := "Reply"
		if q[1]&1 != 0 {
			ind = "Request"
		}
		b.printf("\n\tLoopback-Indicator %s, Correlation-Tag 0x%08x", ind, binary.BigEndian.Uint32(q[2:]))
		b.str("\n\tLocation-ID ")
		ids(6, 12)
		b.str("\n\tSource-ID   ")
		ids(18, 12)
	case cell == 1 && (fn == 0 || fn == 1):
		if len(q) < 46 {
			d.truncJmp("oam")
			return
		}
		b.printf("\n\tFailure-type 0x%02x", q[1])
		b.str("\n\tLocation-ID ")
		ids(2, 16)
	}
	if len(q) < 48 {
		d.truncJmp("oam")
		return
	}
	sum := binary.BigEndian.Uint16(q[46:]) & 0x3ff
	correct := "in"
	if crc10(q[:48]) == 0 {
		correct = ""
	}
	b.printf("\n\tcksum 0x%03x (%scorrect)", sum, correct)
}

// crc10 is the ATM OAM CRC-10 (polynomial 0x633) over p; a cell whose
// checksum field is right gives 0.
func crc10(p []byte) uint16 {
	var crc uint16
	for _, c := range p {
		for i := 7; i >= 0; i-- {
			bit := (crc>>9)&1 ^ uint16(c>>i)&1
			crc = (crc << 1) & 0x3ff
			if bit != 0 {
				crc ^= 0x233
			}
		}
	}
	return crc
}
