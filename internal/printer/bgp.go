package printer

import (
	"encoding/binary"
	"fmt"
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
	17: "AS4 Path", 18: "AS4 Aggregator", 22: "PMSI Tunnel", 23: "Tunnel Encapsulation",
	26: "Accumulated IGP Metric", 32: "Large Community", 128: "Attribute Set", 255: "Reserved for development"}

var bgpOrigins = map[byte]string{0: "IGP", 1: "EGP", 2: "Incomplete"}

var bgpAFIs = map[uint16]string{0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC", 5: "BBN 1822",
	6: "802", 7: "E.163", 8: "E.164", 9: "F.69", 10: "X.121", 11: "Novell IPX", 12: "Appletalk",
	13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 25: "Layer-2 VPN", 196: "Layer-2 VPN"}

var bgpSAFIs = map[byte]string{0: "Reserved", 1: "Unicast", 2: "Multicast", 3: "Unicast+Multicast",
	4: "labeled Unicast", 5: "Multicast VPN", 64: "Tunnel", 65: "VPLS", 66: "MDT", 70: "EVPN",
	128: "labeled VPN Unicast", 129: "labeled VPN Multicast", 130: "labeled VPN Unicast+Multicast",
	132: "Route Target Routing Information", 133: "Flow Spec", 134: "Flow Spec VPN"}

var bgpOptions = map[byte]string{1: "Authentication Information", 2: "Capabilities Advertisement"}

var bgpCapabilities = map[byte]string{1: "Multiprotocol Extensions", 2: "Route Refresh",
	3: "Cooperative Route Filtering", 5: "Extended Next Hop Encoding", 6: "BGP Extended Message",
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
		case 2, 128:
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

// bgpPrefixes prints the prefixes of p one per line; false when the data
// ended inside one.
func (d *dissector) bgpPrefixes(p []byte, bits int, indent string) bool {
	for len(p) > 0 {
		s, n := bgpPrefix(p, bits)
		switch {
		case n == 0:
			d.b.str(indent + "(illegal prefix length)")
			return true
		case n < 0:
			d.b.trunc("bgp")
			return false
		}
		d.b.str(indent + s)
		p = p[n:]
	}
	return true
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
		if !d.bgpPrefixes(p[:wlen], 32, "\n\t    ") {
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
	attrs := p[:alen]
	for len(attrs) > 0 {
		if len(attrs) < 3 {
			b.trunc("bgp")
			return
		}
		flags, typ := attrs[0], attrs[1]
		l, hdr := int(attrs[2]), 3
		if flags&0x10 != 0 {
			if len(attrs) < 4 {
				b.trunc("bgp")
				return
			}
			l, hdr = int(be.Uint16(attrs[2:])), 4
		}
		b.printf("\n\t  %s (%d), length: %d", nameOr(bgpAttrs, typ, "Unknown Attribute"), typ, l)
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
			b.str("]: ")
		}
		if hdr+l > len(attrs) {
			b.str(" [path attrs too short]")
			break
		}
		v := attrs[hdr : hdr+l]
		if !d.bgpAttr(typ, v) {
			return
		}
		// tcpdump's large community printer consumes the attribute's
		// length itself, which leaves nothing for the -vv dump.
		if d.p.opts.Verbose > 1 && l > 0 && typ != 32 {
			unknownData(b, v, "\n\t    ", l)
		}
		attrs = attrs[hdr+l:]
	}
	p = p[alen:]
	if len(p) > 0 {
		b.str("\n\t  Updated routes:")
		d.bgpPrefixes(p, 32, "\n\t    ")
	}
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
func (d *dissector) bgpAttr(typ byte, v []byte) bool {
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
				b.str("NO_EXPORT")
			case 0xffffff02:
				b.str("NO_ADVERTISE")
			case 0xffffff03:
				b.str("NO_EXPORT_SUBCONFED")
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
		if l%12 != 0 {
			invalid()
			break
		}
		for off := 0; off < l; off += 12 {
			sep := ""
			if l-off > 12 {
				sep = ", "
			}
			b.printf("\n\t    %d:%d:%d%s", be.Uint32(v[off:]), be.Uint32(v[off+4:]), be.Uint32(v[off+8:]), sep)
		}
	default:
		b.printf("\n\t    no Attribute %d decoder", typ)
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t    ", l)
		}
	}
	return true
}
