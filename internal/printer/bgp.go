package printer

import (
	"encoding/binary"
	"fmt"
	"math"
	"net"
)

// BGP-4 (RFC 4271) as tcpdump's bgp_print: ": BGP", and with -v every
// message of the segment (open with its capabilities, update with its
// path attributes and prefixes, notification, keepalive, route refresh);
// -vv adds a hex dump of each attribute and capability.

const bgpHeaderLen = 19

var bgpMessages = map[byte]string{1: "Open", 2: "Update", 3: "Notification", 4: "Keepalive", 5: "Route Refresh"}

var bgpAttrs = map[byte]string{1: "Origin", 2: "AS Path", 3: "Next Hop", 4: "Multi Exit Discriminator",
	5: "Local Preference", 6: "Atomic Aggregate", 7: "Aggregator", 8: "Community", 9: "Originator ID",
	10: "Cluster List", 11: "DPA", 12: "Advertisers", 13: "RCID Path / Cluster ID",
	14: "Multi-Protocol Reach NLRI", 15: "Multi-Protocol Unreach NLRI", 16: "Extended Community",
	17: "AS4 Path", 18: "Aggregator4", 22: "PMSI Tunnel", 23: "Tunnel Encapsulation",
	24: "Traffic Engineering", 25: "IPv6 Extended Community", 26: "Accumulated IGP Metric",
	27: "PE Distinguisher Label", 28: "Entropy Label", 32: "Large Community", 128: "Attribute Set",
	255: "Reserved for development"}

var bgpOrigins = map[byte]string{0: "IGP", 1: "EGP", 2: "Incomplete"}

var bgpAFIs = map[uint16]string{0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC", 5: "BBN 1822",
	6: "802", 7: "E.163", 8: "E.164", 9: "F.69", 10: "X.121", 11: "Novell IPX", 12: "Appletalk",
	13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 25: "VPLS", 196: "Layer-2 VPN"}

var bgpSAFIs = map[byte]string{0: "Reserved", 1: "Unicast", 2: "Multicast", 3: "Unicast+Multicast",
	4: "labeled Unicast", 5: "Multicast VPN", 64: "Tunnel", 65: "VPLS", 66: "MDT", 70: "EVPN",
	128: "labeled VPN Unicast", 129: "labeled VPN Multicast", 130: "labeled VPN Unicast+Multicast",
	132: "Route Target Routing Information"}

var bgpOptions = map[byte]string{1: "Authentication Information", 2: "Capabilities Advertisement"}

var bgpCapabilities = map[byte]string{1: "Multiprotocol Extensions", 2: "Route Refresh",
	3: "Cooperative Route Filtering", 5: "Extended Next Hop Encoding",
	64: "Graceful Restart", 65: "32-Bit AS Number", 67: "Dynamic Capability", 68: "Multisession BGP",
	69: "Multiple Paths", 70: "Enhanced Route Refresh", 71: "Long-lived Graceful Restart",
	128: "Route Refresh (Cisco)"}

var bgpNotifyMajor = map[byte]string{1: "Message Header Error", 2: "OPEN Message Error",
	3: "UPDATE Message Error", 4: "Hold Timer Expired", 5: "Finite State Machine Error", 6: "Cease",
	7: "Capability Message Error"}

var bgpNotifyMinor = map[byte]map[byte]string{
	1: {1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type"},
	2: {1: "Unsupported Version Number", 2: "Bad Peer AS", 3: "Bad BGP Identifier",
		4: "Unsupported Optional Parameter", 5: "Authentication Failure", 6: "Unacceptable Hold Time",
		7: "Capability Message Error"},
	3: {1: "Malformed Attribute List", 2: "Unrecognized Well-known Attribute", 3: "Missing Well-known Attribute",
		4: "Attribute Flags Error", 5: "Attribute Length Error", 6: "Invalid ORIGIN Attribute",
		7: "AS Routing Loop", 8: "Invalid NEXT_HOP Attribute", 9: "Optional Attribute Error",
		10: "Invalid Network Field", 11: "Malformed AS_PATH"},
	5: {0: "Unspecified Error", 1: "In OpenSent State", 2: "In OpenConfirm State", 3: "In Established State"},
	6: {1: "Maximum Number of Prefixes Reached", 2: "Administrative Shutdown", 3: "Peer Unconfigured",
		4: "Administrative Reset", 5: "Connection Rejected", 6: "Other Configuration Change",
		7: "Connection Collision Resolution", 8: "Out of Resources"},
	7: {1: "Invalid Action Value", 2: "Invalid Capability Length", 3: "Malformed Capability Value",
		4: "Unsupported Capability Code"},
}

// bgp prints the BGP messages in a TCP segment's data (seg captured of
// length bytes).
func (d *dissector) bgp(seg []byte, length int) {
	b := d.b
	b.str(": BGP")
	if d.p.opts.Verbose == 0 {
		return
	}
	if len(seg) > length {
		seg = seg[:max(length, 0)]
	}
	for p := 0; p < len(seg); {
		if seg[p] != 0xff {
			p++
			continue
		}
		if p+16 > len(seg) {
			return
		}
		marker := true
		for _, c := range seg[p : p+16] {
			if c != 0xff {
				marker = false
				break
			}
		}
		if !marker {
			p++
			continue
		}
		if p+bgpHeaderLen > len(seg) {
			b.trunc("bgp")
			return
		}
		hlen := int(binary.BigEndian.Uint16(seg[p+16:]))
		if hlen < bgpHeaderLen {
			b.printf("\n[|BGP Bogus header length %d < %d]", hlen, bgpHeaderLen)
			return
		}
		if p+hlen > len(seg) {
			b.printf("\n[|BGP %s]", nameOr(bgpMessages, seg[p+18], "Unknown Message Type"))
			return
		}
		d.bgpMessage(seg[p : p+hlen])
		p += hlen
	}
}

func (d *dissector) bgpMessage(m []byte) {
	b := d.b
	typ := m[18]
	b.printf("\n\t%s Message (%d), length: %d", nameOr(bgpMessages, typ, "Unknown"), typ, len(m))
	switch typ {
	case 1:
		d.bgpOpen(m)
	case 2:
		d.bgpUpdate(m)
	case 3:
		if len(m) < 21 {
			return
		}
		major, minor := m[19], m[20]
		b.printf(", %s (%d)", nameOr(bgpNotifyMajor, major, "Unknown Error"), major)
		if names, ok := bgpNotifyMinor[major]; ok {
			b.printf(", subcode %s (%d)", nameOr(names, minor, "Unknown"), minor)
		}
		// A shutdown communication (RFC 8203) after Cease's
		// administrative shutdown or reset.
		if major == 6 && (minor == 2 || minor == 4) && len(m) >= 22 {
			n, used := int(m[21]), 0
			switch {
			case n > 128 || n > len(m)-22:
				b.str(", invalid Shutdown Communication length")
			case n == 0:
				b.str(", empty Shutdown Communication")
				used = 1
			default:
				b.printf(", Shutdown Communication (length: %d): \"", n)
				printn(b, m[22:22+n])
				b.str("\"")
				used = n + 1
			}
			if rest := m[21+used:]; len(rest) > 0 {
				b.printf(", Data: (length: %d)", len(rest))
				hexOnly(b, "\n\t\t", rest, 0)
			}
		}
	case 4:
	case 5:
		if len(m) < 23 {
			b.trunc("bgp")
			return
		}
		afi := binary.BigEndian.Uint16(m[19:])
		b.printf("\n\t  AFI %s (%d), SAFI %s (%d)", nameOr(bgpAFIs, afi, "Unknown"), afi, nameOr(bgpSAFIs, m[22], "Unknown"), m[22])
		if d.p.opts.Verbose > 1 {
			unknownData(b, m, "\n\t  ", len(m))
		}
	default:
		b.printf("\n\t  no Message %d decoder", typ)
		unknownData(b, m, "\n\t  ", len(m))
	}
}

func (d *dissector) bgpOpen(m []byte) {
	b := d.b
	if len(m) < 29 {
		b.trunc("bgp")
		return
	}
	be := binary.BigEndian
	b.printf("\n\t  Version %d, my AS %d, Holdtime %ds, ID %s", m[19], be.Uint16(m[20:]), be.Uint16(m[22:]), net.IP(m[24:28]))
	optLen := int(m[28])
	b.printf("\n\t  Optional parameters, length: %d", optLen)
	opts := m[29:]
	for i := 0; i < optLen; {
		if i+2 > len(opts) {
			b.trunc("bgp")
			return
		}
		typ, l := opts[i], int(opts[i+1])
		if 2+i+l > optLen {
			b.printf("\n\t     Option %d, length: %d, goes past the end of the options", typ, l)
			return
		}
		b.printf("\n\t    Option %s (%d), length: %d", nameOr(bgpOptions, typ, "Unknown"), typ, l)
		if i+2+l > len(opts) {
			b.trunc("bgp")
			return
		}
		if typ == 2 {
			if !d.bgpCapabilities(opts[i+2 : i+2+l]) {
				return
			}
		} else {
			b.printf("\n\t      no decoder for option %d", typ)
		}
		i += 2 + l
	}
}

// bgpCapabilities prints the capabilities of an open message (RFC 5492).
func (d *dissector) bgpCapabilities(c []byte) bool {
	b := d.b
	be := binary.BigEndian
	for i := 0; i < len(c); {
		if i+2 > len(c) {
			b.trunc("bgp")
			return false
		}
		typ, l := c[i], int(c[i+1])
		b.printf("\n\t      %s (%d), length: %d", nameOr(bgpCapabilities, typ, "Unknown"), typ, l)
		if i+2+l > len(c) {
			b.trunc("bgp")
			return false
		}
		v := c[i+2 : i+2+l]
		switch typ {
		case 1:
			if l < 4 {
				b.str(" (too short, < 4)")
				return false
			}
			afi := be.Uint16(v)
			b.printf("\n\t\tAFI %s (%d), SAFI %s (%d)", nameOr(bgpAFIs, afi, "Unknown"), afi, nameOr(bgpSAFIs, v[3], "Unknown"), v[3])
		case 64:
			if l < 2 {
				b.str(" (too short, < 2)")
				return false
			}
			flag := "none"
			if v[0]&0x80 != 0 {
				flag = "R"
			}
			b.printf("\n\t\tRestart Flags: [%s], Restart Time %ds", flag, be.Uint16(v)&0xfff)
			for off := 2; off+4 <= l; off += 4 {
				afi := be.Uint16(v[off:])
				fwd := "no"
				if v[off+3]&0x80 != 0 {
					fwd = "yes"
				}
				b.printf("\n\t\t  AFI %s (%d), SAFI %s (%d), Forwarding state preserved: %s",
					nameOr(bgpAFIs, afi, "Unknown"), afi, nameOr(bgpSAFIs, v[off+2], "Unknown"), v[off+2], fwd)
			}
		case 2, 71, 128:
		case 69:
			for off := 0; off+4 <= l; off += 4 {
				afi := be.Uint16(v[off:])
				b.printf("\n\t\tAFI %s (%d), SAFI %s (%d), Send/Receive: %s", nameOr(bgpAFIs, afi, "Unknown"), afi,
					nameOr(bgpSAFIs, v[off+2], "Unknown"), v[off+2], nameOr(bgpAddPath, v[off+3], "Bogus (0x"+fmt.Sprintf("%02x", v[off+3])+")"))
			}
		case 65:
			if l < 4 {
				b.str(" (too short, < 4)")
				return false
			}
			b.printf("\n\t\t 4 Byte AS %d", be.Uint32(v))
		default:
			b.printf("\n\t\tno decoder for Capability %d", typ)
			if d.p.opts.Verbose <= 1 {
				unknownData(b, v, "\n\t\t", l)
			}
		}
		if d.p.opts.Verbose > 1 && l > 0 {
			unknownData(b, v, "\n\t\t", l)
		}
		i += 2 + l
	}
	return true
}

// bgpPrefix4 decodes an IPv4 prefix (length in bits, then the bytes that
// hold it) as decode_prefix4: the text and the bytes used, 0 for an
// illegal length, -1 when it runs past the data.
func bgpPrefix(p []byte, bits int) (string, int) {
	if len(p) < 1 {
		return "", -1
	}
	plen := int(p[0])
	if plen > bits {
		return "", 0
	}
	n := (plen + 7) / 8
	if 1+n > len(p) {
		return "", -1
	}
	addr := make(net.IP, bits/8)
	copy(addr, p[1:1+n])
	if plen%8 != 0 {
		addr[n-1] &= byte(int(0xff00) >> (plen % 8))
	}
	return fmt.Sprintf("%s/%d", addr, plen), 1 + n
}

func (d *dissector) bgpUpdate(m []byte) {
	b := d.b
	be := binary.BigEndian
	p := m[bgpHeaderLen:]
	if len(p) < 2 {
		b.trunc("bgp")
		return
	}
	wlen := int(be.Uint16(p))
	p = p[2:]
	if wlen > len(p) {
		b.trunc("bgp")
		return
	}
	if wlen > 0 {
		b.str("\n\t  Withdrawn routes:")
		if !d.bgpNLRI(p[:wlen], bgpFamily{bits: 32}, "\n\t    ", "\n\t    ") {
			return
		}
	}
	p = p[wlen:]
	if len(p) < 2 {
		b.trunc("bgp")
		return
	}
	alen := int(be.Uint16(p))
	p = p[2:]
	if wlen == 0 && alen == 0 && len(p) == 0 {
		b.str("\n\t  End-of-Rib Marker (empty NLRI)")
		return
	}
	if alen > len(p) {
		b.trunc("bgp")
		return
	}
	if ok, _ := d.bgpAttrList(p[:alen], 0); !ok {
		return
	}
	p = p[alen:]
	if len(p) > 0 {
		b.str("\n\t  Updated routes:")
		d.bgpNLRI(p, bgpFamily{bits: 32}, "\n\t    ", "\n\t    ")
	}
}

// bgpAttrList prints path attributes: an update's (level 0) or those of
// an attribute set (RFC 6368) nested level deep, which tcpdump prints
// with a deeper indent and slightly different punctuation. It returns
// false when the packet ended inside one, and how many bytes a nested list
// left unread when an attribute claimed more than there was.
func (d *dissector) bgpAttrList(attrs []byte, level int) (bool, int) {
	b := d.b
	be := binary.BigEndian
	indent, short := "\n\t  ", " [path attrs too short]"
	if level > 0 {
		indent, short = "\n\t      ", " [path attr too short]"
	}
	for len(attrs) > 0 { // each attribute consumes its header at least
		flags, hdr := attrs[0], 3
		if flags&0x10 != 0 {
			hdr = 4
		}
		if len(attrs) < hdr {
			if level > 0 {
				b.str(short)
				if len(attrs) < 2 {
					return true, len(attrs)
				}
				return true, len(attrs) - 2
			}
			b.trunc("bgp")
			return false, 0
		}
		typ, l := attrs[1], int(attrs[2])
		if hdr == 4 {
			l = int(be.Uint16(attrs[2:]))
		}
		b.printf("%s%s (%d), length: %d", indent, nameOr(bgpAttrs, typ, "Unknown Attribute"), typ, l)
		if flags != 0 {
			b.str(", Flags [")
			for _, f := range []struct {
				bit byte
				c   string
			}{{0x80, "O"}, {0x40, "T"}, {0x20, "P"}, {0x10, "E"}} {
				if flags&f.bit != 0 {
					b.str(f.c)
				}
			}
			if flags&0x0f != 0 {
				b.printf("+%x", flags&0x0f)
			}
			b.str("]")
			if level == 0 {
				b.str(": ")
			}
		}
		if level > 0 {
			b.str(": ")
		}
		if hdr+l > len(attrs) {
			b.str(short)
			return true, len(attrs) - hdr
		}
		if level == 10 {
			b.str("(too many nested levels, not descending)")
		} else if !d.bgpAttr(typ, attrs[hdr:hdr+l], level) {
			return false, 0
		}
		attrs = attrs[hdr+l:]
	}
	return true, 0
}

// bgpASSize tells 2-byte from 4-byte AS numbers in an AS path, as
// tcpdump guesses: 2 when the segments fit the attribute exactly so.
func bgpASSize(v []byte) int {
	off := 0
	for off < len(v) {
		if off+2 > len(v) || v[off] < 1 || v[off] > 4 {
			return 4
		}
		off += 2 + int(v[off+1])*2
	}
	if off == len(v) {
		return 2
	}
	return 4
}

// bgpAttr prints a path attribute's value; false when the packet ended.
func (d *dissector) bgpAttr(typ byte, v []byte, level int) bool {
	b := d.b
	be := binary.BigEndian
	l := len(v)
	invalid := func() { b.str("invalid len") }
	switch typ {
	case 1:
		if l != 1 {
			invalid()
			break
		}
		b.str(nameOr(bgpOrigins, v[0], "Unknown Origin Typecode"))
	case 2, 17:
		if l%2 != 0 {
			invalid()
			break
		}
		if l == 0 {
			b.str("empty")
			break
		}
		size := 4
		if typ == 2 {
			size = bgpASSize(v)
		}
		open := map[byte]string{1: "{ ", 2: "", 3: "( ", 4: "({ "}
		closing := map[byte]string{1: "}", 2: "", 3: ")", 4: "})"}
		for off := 0; off < l; {
			if off+2 > l {
				b.trunc("bgp")
				return false
			}
			seg, n := v[off], int(v[off+1])
			b.str(nameOr(open, seg, "?"))
			for i := 0; i < n; i++ {
				at := off + 2 + i*size
				if at+size > l {
					b.trunc("bgp")
					return false
				}
				if size == 2 {
					b.printf("%d ", be.Uint16(v[at:]))
				} else {
					b.printf("%d ", be.Uint32(v[at:]))
				}
			}
			b.str(nameOr(closing, seg, "?"))
			off += 2 + n*size
		}
	case 3:
		if l != 4 {
			invalid()
			break
		}
		b.str(d.p.host(v))
	case 4, 5:
		if l != 4 {
			invalid()
			break
		}
		b.printf("%d", be.Uint32(v))
	case 6:
		if l != 0 {
			invalid()
		}
	case 7:
		switch l {
		case 6:
			b.printf(" AS #%d, origin %s", be.Uint16(v), d.p.host(v[2:6]))
		case 8:
			b.printf(" AS #%d, origin %s", be.Uint32(v), d.p.host(v[4:8]))
		default:
			invalid()
		}
	case 8:
		if l%4 != 0 {
			invalid()
			break
		}
		for off := 0; off < l; off += 4 {
			c := be.Uint32(v[off:])
			switch c {
			case 0xffffff01:
				b.str(" NO_EXPORT")
			case 0xffffff02:
				b.str(" NO_ADVERTISE")
			case 0xffffff03:
				b.str(" NO_EXPORT_SUBCONFED")
			default:
				sep := ""
				if l-off > 4 {
					sep = ", "
				}
				b.printf("%d:%d%s", c>>16, c&0xffff, sep)
			}
		}
	case 9:
		if l != 4 {
			invalid()
			break
		}
		b.str(d.p.host(v))
	case 10:
		if l%4 != 0 {
			invalid()
			break
		}
		for off := 0; off < l; off += 4 {
			sep := ""
			if l-off > 4 {
				sep = ", "
			}
			b.str(d.p.host(v[off:off+4]) + sep)
		}
	case 32:
		if l == 0 || l%12 != 0 {
			invalid()
			break
		}
		b.str("\n\t    ")
		for off := 0; off < l; off += 12 {
			sep := ""
			if l-off > 12 {
				sep = ", "
			}
			b.printf("%d:%d:%d%s", be.Uint32(v[off:]), be.Uint32(v[off+4:]), be.Uint32(v[off+8:]), sep)
		}
	case 14, 15:
		if !d.bgpMP(typ, v) {
			return false
		}
	case 22:
		if !d.bgpPMSI(v) {
			return false
		}
	case 26:
		if !d.bgpAIGP(v) {
			return false
		}
	case 128:
		if l < 4 {
			b.trunc("bgp")
			return false
		}
		b.printf("\n\t    Origin AS: %d", be.Uint32(v))
		ok, left := d.bgpAttrList(v[4:], level+1)
		if !ok {
			return false
		}
		// tcpdump's -vv dump then shows as many bytes as the list left
		// unread, from the attribute's start.
		if d.p.opts.Verbose > 1 && left > 0 {
			unknownData(b, v, "\n\t    ", left)
		}
	case 16:
		if l%8 != 0 {
			invalid()
			break
		}
		for off := 0; off < l; off += 8 {
			d.bgpExtCommunity(v[off : off+8])
		}
	case 18:
		if l != 8 {
			invalid()
			break
		}
		b.printf(" AS #%d, origin %s", be.Uint32(v), d.p.host(v[4:8]))
	default:
		b.printf("\n\t    no Attribute %d decoder", typ)
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t    ", l)
		}
	}
	// tcpdump's large community and attribute set printers consume the
	// attribute's length themselves, which leaves nothing for the -vv dump.
	if d.p.opts.Verbose > 1 && l > 0 && !(typ == 32 && l%12 == 0) && typ != 128 {
		unknownData(b, v, "\n\t    ", l)
	}
	return true
}

var bgpAddPath = map[byte]string{1: "Receive", 2: "Send", 3: "Both"}

// bgpRD is a route distinguisher (RFC 4364) as bgp_vpn_rd_print writes it.
func bgpRD(rd []byte) string {
	be := binary.BigEndian
	switch be.Uint16(rd) {
	case 0:
		return fmt.Sprintf("%d:%d (= %d.%d.%d.%d)", be.Uint16(rd[2:]), be.Uint32(rd[4:]), rd[4], rd[5], rd[6], rd[7])
	case 1:
		return fmt.Sprintf("%d.%d.%d.%d:%d", rd[2], rd[3], rd[4], rd[5], be.Uint16(rd[6:]))
	case 2:
		return fmt.Sprintf("%d:%d (%d.%d.%d.%d:%d)", be.Uint32(rd[2:]), be.Uint16(rd[6:]), rd[2], rd[3], rd[4], rd[5], be.Uint16(rd[6:]))
	}
	return "unknown RD format"
}

// bgpFamily is what the printer decodes of an AFI/SAFI pair: the address
// size in bits (0 for none), and whether prefixes carry a label and a
// route distinguisher.
type bgpFamily struct {
	bits       int
	label, vpn bool
}

// bgpFamilyOf returns the families whose next hops and prefixes tcpdump
// decodes the way the printer does.
func bgpFamilyOf(afi uint16, safi byte) (bgpFamily, bool) {
	var bits int
	switch afi {
	case 1:
		bits = 32
	case 2:
		bits = 128
	default:
		return bgpFamily{}, false
	}
	switch safi {
	case 1, 2, 3:
		return bgpFamily{bits: bits}, true
	case 4:
		return bgpFamily{bits: bits, label: true}, true
	case 128, 129, 130:
		return bgpFamily{bits: bits, label: true, vpn: true}, true
	}
	return bgpFamily{}, false
}

// bgpMP prints a multiprotocol reach (14) or unreach (15) attribute (RFC
// 4760); false when the packet ended inside it.
func (d *dissector) bgpMP(typ byte, v []byte) bool {
	b := d.b
	if len(v) < 3 {
		b.trunc("bgp")
		return false
	}
	afi, safi := binary.BigEndian.Uint16(v), v[2]
	vendor := ""
	if safi > 128 {
		vendor = "vendor specific "
	}
	b.printf("\n\t    AFI: %s (%d), %sSAFI: %s (%d)", nameOr(bgpAFIs, afi, "Unknown AFI"), afi, vendor, nameOr(bgpSAFIs, safi, "Unknown SAFI"), safi)
	fam, ok := bgpFamilyOf(afi, safi)
	if typ == 15 && len(v) == 3 {
		b.str("\n\t      End-of-Rib Marker (empty NLRI)")
		return true
	}
	if !ok {
		b.printf("\n\t    no AFI %d / SAFI %d decoder", afi, safi)
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t    ", len(v))
		}
		return true
	}
	nlri := v[3:]
	if typ == 14 {
		if len(v) < 4 {
			b.trunc("bgp")
			return false
		}
		nhlen := int(v[3])
		if 4+nhlen > len(v) {
			b.trunc("bgp")
			return false
		}
		nh := v[4 : 4+nhlen]
		if nhlen > 0 {
			b.str("\n\t    nexthop: ")
			size := fam.bits / 8
			if fam.vpn {
				size += 8
			}
			for i := 0; len(nh) > 0; i++ { // each next hop consumes size bytes
				if i > 0 {
					b.str(", ")
				}
				if len(nh) < size {
					b.str("invalid len")
					break
				}
				if fam.vpn {
					b.printf("RD: %s, ", bgpRD(nh))
					nh = nh[8:]
				}
				b.str(d.p.host(net.IP(nh[:fam.bits/8])))
				nh = nh[fam.bits/8:]
			}
		}
		b.printf(", nh-length: %d", nhlen)
		rest := v[4+nhlen:]
		if len(rest) < 1 {
			b.trunc("bgp")
			return false
		}
		snpa := int(rest[0])
		rest = rest[1:]
		if snpa == 0 {
			b.str(", no SNPA")
		} else {
			b.printf("\n\t    %d SNPA", snpa)
			for ; snpa > 0; snpa-- { // each SNPA consumes its length byte at least
				if len(rest) < 1 {
					b.trunc("bgp")
					return false
				}
				n := int(rest[0])
				b.printf("\n\t      %d bytes", n)
				if 1+n > len(rest) {
					b.trunc("bgp")
					return false
				}
				rest = rest[1+n:]
			}
		}
		nlri = rest
	}
	return d.bgpNLRI(nlri, fam, "\n\t      ", "\n\t    ")
}

// bgpNLRI prints prefixes of a family, with path identifiers when they
// look like add-path (RFC 7911) as tcpdump guesses; false when the data
// ended inside one.
func (d *dissector) bgpNLRI(p []byte, fam bgpFamily, indent, badIndent string) bool {
	b := d.b
	addPath := bgpLooksAddPath(p, fam.bits)
	for len(p) > 0 { // each prefix consumes at least its length byte
		var id uint32
		if addPath {
			if len(p) < 4 {
				b.trunc("bgp")
				return false
			}
			id = binary.BigEndian.Uint32(p)
			p = p[4:]
		}
		s, n := bgpLabeledPrefix(p, fam)
		switch {
		case n == 0:
			b.str(badIndent + "(illegal prefix length)")
			return true
		case n < 0:
			b.trunc("bgp")
			return false
		}
		b.str(indent + s)
		if addPath {
			b.printf("   Path Id: %d", id)
		}
		p = p[n:]
	}
	return true
}

// bgpLabeledPrefix decodes a prefix of the family: the text and the bytes
// used, 0 for an illegal length, -1 when it runs past the data.
func bgpLabeledPrefix(p []byte, fam bgpFamily) (string, int) {
	if !fam.label {
		return bgpPrefix(p, fam.bits)
	}
	if len(p) < 1 {
		return "", -1
	}
	plen := int(p[0]) - 24
	if fam.vpn {
		plen -= 64
	}
	if plen < 0 || plen > fam.bits {
		return "", 0
	}
	hdr := 4
	if fam.vpn {
		hdr += 8
	}
	n := (plen + 7) / 8
	if hdr+n > len(p) {
		return "", -1
	}
	addr := make(net.IP, fam.bits/8)
	copy(addr, p[hdr:hdr+n])
	if plen%8 != 0 {
		addr[n-1] &= byte(int(0xff00) >> (plen % 8))
	}
	label := uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
	bottom := "(BOGUS: Bottom of Stack NOT set!)"
	if p[3]&1 != 0 {
		bottom = "(bottom)"
	}
	s := fmt.Sprintf("%s/%d, label:%d %s", addr, plen, label>>4, bottom)
	if fam.vpn {
		s = "RD: " + bgpRD(p[4:12]) + ", " + s
	}
	return s, hdr + n
}

// bgpLooksAddPath is tcpdump's guess whether prefixes carry path
// identifiers: they parse as add-path prefixes and not as plain ones.
func bgpLooksAddPath(p []byte, bits int) bool {
	if len(p) < 5 {
		return false
	}
	off := 0
	for off < len(p) { // each step moves off forwards by at least 5
		off += 4
		if off >= len(p) || int(p[off]) > bits {
			return false
		}
		off += 1 + (int(p[off])+7)/8
	}
	if off > len(p) {
		return false
	}
	for off = 0; off < len(p); { // each step moves off forwards
		plen := int(p[off])
		if plen < 1 || plen > bits {
			return true
		}
		off += 1 + (plen+7)/8
	}
	return off > len(p)
}

var bgpExtCommunities = map[uint16]string{
	0x0002: "target", 0x0102: "target", 0x0202: "target", 0x0003: "origin", 0x0103: "origin",
	0x0203: "origin", 0x0005: "ospf-domain", 0x0105: "ospf-domain", 0x0205: "ospf-domain",
	0x8005: "ospf-domain", 0x0009: "source-AS", 0x000a: "l2vpn-id", 0x0107: "ospf-router-id",
	0x8001: "ospf-router-id", 0x010b: "vrf-route-import", 0x0306: "ospf-route-type",
	0x8000: "ospf-route-type", 0x030c: "encapsulation", 0x4004: "link-BW", 0x800a: "layer2-info",
}

var bgpTunnelTypes = map[uint16]string{1: "L2TPv3 over IP", 2: "GRE", 3: "Transmit Tunnel", 4: "IPsec",
	5: "IP in IP with IPsec", 6: "MPLS in IP with IPsec", 7: "IP in IP", 8: "VXLAN", 9: "NVGRE",
	10: "MPLS", 11: "MPLS in GRE", 12: "VXLAN GPE", 13: "MPLS in UDP", 14: "IPv6", 15: "SR TE",
	16: "Bare", 17: "SR"}

var bgpOSPFRouteTypes = map[byte]string{1: "Router", 2: "Network", 3: "Summary", 5: "External",
	7: "NSSA External", 129: "MPLS-VPN Sham"}

var bgpL2Encaps = map[byte]string{0: "Reserved", 1: "Frame Relay", 2: "ATM AAL5 SDU VCC transport",
	3: "ATM transparent cell transport", 4: "Ethernet (VLAN) Tagged Mode", 5: "Ethernet Raw Mode",
	6: "Cisco HDLC", 7: "PPP", 8: "SONET/SDH Circuit Emulation Service over MPLS",
	9: "ATM n-to-one VCC cell transport", 10: "ATM n-to-one VPC cell transport",
	11: "IP layer 2 transport", 15: "Frame Relay Port mode", 17: "Structure-agnostic E1 over packet",
	18: "Structure-agnostic T1 (DS1) over packet", 19: "VPLS",
	20: "Structure-agnostic T3 (DS3) over packet", 21: "Nx64kbit/s Basic Service using Structure-aware"}

var bgpExtCommFlags = []bitName{{0x8000, "vendor-specific"}, {0x4000, "non-transitive"}}

// bgpExtCommunity prints one extended community (RFC 4360), c of 8 bytes.
func (d *dissector) bgpExtCommunity(c []byte) {
	b := d.b
	be := binary.BigEndian
	code := be.Uint16(c)
	flags := bits32(uint32(code), bgpExtCommFlags, "none")
	b.printf("\n\t    %s (0x%04x), Flags [%s]: ", nameOr(bgpExtCommunities, code, "unknown extd community typecode"), code, flags)
	switch code {
	case 0x0002, 0x0003, 0x000a:
		b.printf("%d:%d (= %s)", be.Uint16(c[2:]), be.Uint32(c[4:]), d.p.host(net.IP(c[4:8])))
	case 0x0102, 0x0103, 0x010b:
		b.printf("%s:%d", d.p.host(net.IP(c[2:6])), be.Uint16(c[6:]))
	case 0x0202, 0x0203:
		b.printf("%d:%d", be.Uint32(c[2:]), be.Uint16(c[6:]))
	case 0x4004:
		b.printf("bandwidth: %.3f Mbps", float64(math.Float32frombits(be.Uint32(c[4:])))*8/1000000)
	case 0x0005, 0x0105, 0x0205, 0x8005, 0x0107, 0x8001:
		b.str(d.p.host(net.IP(c[2:6])))
	case 0x0306, 0x8000:
		e2, e1 := "", ""
		if c[7]&1 != 0 {
			e2 = "E2"
		}
		if c[6] == 5 || c[6] == 7 {
			e1 = "E1"
		}
		b.printf("area:%s, router-type:%s, metric-type:%s%s", d.p.host(net.IP(c[2:6])),
			nameOrf(bgpOSPFRouteTypes, c[6], "unknown (0x%02x)"), e2, e1)
	case 0x800a:
		b.printf("%s Control Flags [0x%02x]:MTU %d", nameOr(bgpL2Encaps, c[2], "unknown encaps"), c[3], be.Uint16(c[4:]))
	case 0x0009:
		b.printf("AS %d", be.Uint16(c[2:]))
	case 0x030c:
		b.str("Tunnel type: " + nameOr(bgpTunnelTypes, be.Uint16(c[6:]), "unknown encaps"))
	default:
		b.printf("%02x%02x%02x%02x%02x%02x", c[2], c[3], c[4], c[5], c[6], c[7])
	}
}

var bgpPMSITunnels = map[byte]string{1: "RSVP-TE P2MP LSP", 2: "LDP P2MP LSP", 3: "PIM-SSM Tree",
	4: "PIM-SM Tree", 5: "PIM-Bidir Tree", 6: "Ingress Replication", 7: "LDP MP2MP LSP"}

// bgpPMSI prints a PMSI tunnel attribute (RFC 6514); false when the data
// ended inside it.
func (d *dissector) bgpPMSI(v []byte) bool {
	b := d.b
	be := binary.BigEndian
	if len(v) < 5 {
		b.trunc("bgp")
		return false
	}
	flags := "none"
	if v[0]&1 != 0 {
		flags = "Leaf Information required"
	}
	typ := v[1]
	b.printf("\n\t    Tunnel-type %s (%d), Flags [%s], MPLS Label %d", nameOr(bgpPMSITunnels, typ, "Unknown"), typ, flags,
		(uint32(v[2])<<16|uint32(v[3])<<8|uint32(v[4]))>>4)
	id := v[5:]
	need := map[byte]int{1: 8, 2: 8, 3: 8, 4: 8, 5: 8, 6: 4, 7: 8}[typ]
	if len(id) < need {
		b.trunc("bgp")
		return false
	}
	switch typ {
	case 4, 5:
		b.printf("\n\t      Sender %s, P-Group %s", d.p.host(net.IP(id[:4])), d.p.host(net.IP(id[4:8])))
	case 3:
		b.printf("\n\t      Root-Node %s, P-Group %s", d.p.host(net.IP(id[:4])), d.p.host(net.IP(id[4:8])))
	case 6:
		b.printf("\n\t      Tunnel-Endpoint %s", d.p.host(net.IP(id[:4])))
	case 2, 7:
		b.printf("\n\t      Root-Node %s, LSP-ID 0x%08x", d.p.host(net.IP(id[:4])), be.Uint32(id[4:]))
	case 1:
		b.printf("\n\t      Extended-Tunnel-ID %s, P2MP-ID 0x%08x", d.p.host(net.IP(id[:4])), be.Uint32(id[4:]))
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, id, "\n\t      ", len(id))
		}
	}
	return true
}

// bgpAIGP prints the accumulated IGP metric attribute's TLVs (RFC 7311);
// false when the data ended inside one.
func (d *dissector) bgpAIGP(v []byte) bool {
	b := d.b
	be := binary.BigEndian
	for len(v) >= 3 { // each TLV consumes at least its 3-byte header
		typ, l := v[0], int(be.Uint16(v[1:]))
		name := "Unknown"
		if typ == 1 {
			name = "AIGP"
		}
		b.printf("\n\t    %s TLV (%d), length %d", name, typ, l)
		if l < 3 || l > len(v) {
			b.trunc("bgp")
			return false
		}
		val := v[3:l]
		if typ == 1 {
			if len(val) < 8 {
				b.trunc("bgp")
				return false
			}
			b.printf(", metric %d", be.Uint64(val))
		} else if d.p.opts.Verbose <= 1 {
			unknownData(b, val, "\n\t      ", len(val))
		}
		v = v[l:]
	}
	return true
}
