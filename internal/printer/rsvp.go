package printer

import (
	"encoding/binary"
	"fmt"
	"math"
	"net"
)

// RSVP (RFC 2205, IP protocol 46) as tcpdump's rsvp_print: the message
// type line; with -v the common header and every object, the common ones
// decoded (session, hop, time values, error spec, style, sender template,
// filter spec, IntServ specs, label, label request, ERO, RRO, session
// attribute, hello, confirm, restart capability, notify request, detour,
// class type, fast re-route, message ids, admin status), others in hex.

var rsvpTypes = map[byte]string{1: "Path", 2: "Resv", 3: "PathErr", 4: "ResvErr", 5: "PathTear", 6: "ResvTear",
	7: "ResvConf", 12: "Bundle", 13: "Acknowledgement", 14: "Hello (Old)", 15: "Refresh", 20: "Hello"}

func (d *dissector) rsvp(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		b.trunc("rsvp")
		return
	}
	ver := data[0] >> 4
	if ver != 1 {
		b.printf("ERROR: RSVP version %d packet not supported", ver)
		return
	}
	typ := data[1]
	if d.p.opts.Verbose < 1 {
		b.printf("RSVPv%d %s Message, length: %d", ver, nameOr(rsvpTypes, typ, "unknown ("+itoa(int(typ))+")"), length)
		return
	}
	flags := "none"
	if data[0]&1 != 0 {
		flags = "Refresh reduction capable"
	}
	tlen := int(binary.BigEndian.Uint16(data[6:]))
	b.printf("\n\tRSVPv%d %s Message (%d), Flags: [%s], length: %d, ttl: %d, checksum: 0x%04x", ver,
		nameOr(rsvpTypes, typ, "unknown, type: "+itoa(int(typ))), typ, flags, tlen, data[4], binary.BigEndian.Uint16(data[2:]))
	if tlen < 8 {
		b.printf("ERROR: common header too short %d < 8", tlen)
		return
	}
	switch typ {
	case 1, 2, 3, 4, 5, 6, 7, 13, 14, 15, 20:
		d.rsvpObjects(data[8:], tlen-8, "\n\t  ")
	case 12:
		// Bundles of messages: not decoded.
	default:
		unknownData(b, data[8:], "\n\t    ", tlen-8)
	}
}

var rsvpObjects = map[byte]string{1: "Session", 3: "RSVP Hop", 4: "Integrity", 5: "Time Values", 6: "Error Spec", 7: "Scope",
	8: "Style", 9: "Flowspec", 10: "FilterSpec", 11: "Sender Template", 12: "Sender TSpec", 13: "Adspec", 14: "Policy Data",
	15: "Confirm", 16: "Label", 19: "Label Request", 20: "ERO", 21: "RRO", 22: "Hello", 23: "Message ID", 24: "Message ID Ack",
	25: "Message ID List", 34: "Recovery Label", 35: "Upstream Label", 36: "Label Set", 37: "Protection", 63: "Detour",
	66: "Class Type", 125: "Class Type (old)", 129: "Suggested Label", 130: "Acceptable Label Set", 131: "Restart Capability",
	195: "Notify Request", 196: "Administrative Status", 204: "Properties", 205: "Fast Re-Route", 207: "Session Attribute",
	230: "Call-ID", 236: "Call Capability"}

var rsvpCTypes = map[uint16]string{
	3<<8 | 1: "IPv4", 3<<8 | 2: "IPv6", 3<<8 | 3: "IPv4 plus opt. TLVs", 3<<8 | 4: "IPv6 plus opt. TLVs",
	195<<8 | 1: "IPv4", 195<<8 | 2: "IPv6", 15<<8 | 1: "IPv4", 15<<8 | 2: "IPv6", 5<<8 | 1: "1",
	9<<8 | 1: "obsolete", 9<<8 | 2: "IntServ", 12<<8 | 2: "IntServ", 13<<8 | 2: "IntServ",
	10<<8 | 1: "IPv4", 10<<8 | 2: "IPv6", 10<<8 | 3: "IPv6 Flow-label", 10<<8 | 7: "Tunnel IPv4", 10<<8 | 12: "IPv4 P2MP LSP Tunnel", 10<<8 | 13: "IPv6 P2MP LSP Tunnel",
	1<<8 | 1: "IPv4", 1<<8 | 2: "IPv6", 1<<8 | 7: "Tunnel IPv4", 1<<8 | 8: "Tunnel IPv6", 1<<8 | 13: "IPv4 P2MP LSP Tunnel", 1<<8 | 14: "IPv6 P2MP LSP Tunnel",
	11<<8 | 1: "IPv4", 11<<8 | 2: "IPv6", 11<<8 | 7: "Tunnel IPv4", 11<<8 | 12: "IPv4 P2MP LSP Tunnel", 11<<8 | 13: "IPv6 P2MP LSP Tunnel",
	23<<8 | 1: "1", 24<<8 | 1: "Message id ack", 24<<8 | 2: "Message id nack", 25<<8 | 1: "1", 8<<8 | 1: "1",
	22<<8 | 1: "Hello Request", 22<<8 | 2: "Hello Ack", 19<<8 | 1: "without label range", 19<<8 | 2: "with ATM label range",
	19<<8 | 3: "with FR label range", 19<<8 | 4: "Generalized Label", 16<<8 | 1: "Label", 16<<8 | 2: "Generalized Label",
	16<<8 | 3: "Waveband Switching", 129<<8 | 1: "Label", 129<<8 | 2: "Generalized Label", 129<<8 | 3: "Waveband Switching",
	35<<8 | 1: "Label", 35<<8 | 2: "Generalized Label", 35<<8 | 3: "Waveband Switching", 34<<8 | 1: "Label",
	34<<8 | 2: "Generalized Label", 34<<8 | 3: "Waveband Switching", 20<<8 | 1: "IPv4", 21<<8 | 1: "IPv4",
	6<<8 | 1: "IPv4", 6<<8 | 2: "IPv6", 6<<8 | 3: "IPv4 plus opt. TLVs", 6<<8 | 4: "IPv6 plus opt. TLVs",
	131<<8 | 1: "IPv4", 207<<8 | 7: "Tunnel IPv4", 205<<8 | 7: "Tunnel IPv4", 205<<8 | 1: "1", 63<<8 | 7: "Tunnel IPv4",
	204<<8 | 1: "1", 196<<8 | 1: "1", 66<<8 | 1: "1", 125<<8 | 1: "1"}

var rsvpSessionFlags = []bitName{{0x01, "Local Protection"}, {0x02, "Label Recording"},
	{0x04, "SE Style"}, {0x08, "Bandwidth protection"}, {0x10, "Node protection"}}

var rsvpIntServServices = map[byte]string{1: "Default/Global Information", 2: "Guaranteed Service", 5: "Controlled Load"}

var rsvpIntServParams = map[byte]string{4: "IS hop cnt", 6: "Path b/w estimate", 8: "Minimum path latency", 10: "Composed MTU",
	127: "Token Bucket TSpec", 130: "Guaranteed Service RSpec", 133: "End-to-end composed value for C",
	134: "End-to-end composed value for D", 135: "Since-last-reshaping point composed C", 136: "Since-last-reshaping point composed D"}

var rsvpXROTypes = map[byte]string{0: "Reserved", 1: "IPv4 prefix", 2: "IPv6 prefix", 32: "Autonomous system number", 64: "MPLS label switched path termination"}

var rsvpRROFlags = []bitName{{0x01, "Local protection available"}, {0x02, "Local protection in use"}, {0x04, "Bandwidth protection"}, {0x08, "Node protection"}}

var rsvpErrorCodes = map[byte]string{24: "Routing Problem", 25: "Notify Error", 28: "Diffserv TE Error", 125: "Diffserv TE Error (Old)"}

var rsvpErrorRouting = map[uint16]string{1: "Bad EXPLICIT_ROUTE object", 2: "Bad strict node", 3: "Bad loose node", 4: "Bad initial subobject",
	5: "No route available toward destination", 6: "Unacceptable label value", 7: "RRO indicated routing loops",
	8: "non-RSVP-capable router in the path", 9: "MPLS label allocation failure", 10: "Unsupported L3PID"}

var rsvpErrorDiffservTE = map[uint16]string{1: "Unexpected CT object", 2: "Unsupported CT", 3: "Invalid CT value",
	4: "CT/setup priority do not form a configured TE-Class", 5: "CT/holding priority do not form a configured TE-Class",
	6: "CT/setup priority and CT/holding priority do not form a configured TE-Class",
	7: "Inconsistency between signaled PSC and signaled CT", 8: "Inconsistency between signaled PHBs and signaled CT"}

var rsvpAdminFlags = []bitName{{0x80000000, "Reflect"}, {0x4, "Testing"}, {0x2, "Admin-down"}, {0x1, "Delete-in-progress"}}

var rsvpStyles = map[uint32]string{17: "Wildcard Filter", 10: "Fixed Filter", 18: "Shared Explicit"}

// rsvpObjects prints the objects in tlen bytes of p.
func (d *dissector) rsvpObjects(p []byte, tlen int, ident string) {
	b := d.b
	be := binary.BigEndian
	host := func(a []byte) string { return d.p.host(net.IP(a)) }
	for tlen >= 4 {
		if len(p) < 4 {
			b.trunc("rsvp")
			return
		}
		olen, class, ctype := int(be.Uint16(p)), p[2], p[3]
		if olen%4 != 0 {
			b.printf("%sERROR: object header size %d not a multiple of 4", ident, olen)
			return
		}
		if olen < 4 {
			b.printf("%sERROR: object header too short %d < 4", ident, olen)
			return
		}
		action := "reject"
		if class&0x80 != 0 {
			action = "ignore"
		}
		b.printf("%s%s Object (%d) Flags: [%s", ident, nameOr(rsvpObjects, class, "Unknown"), class, action)
		if class > 128 {
			if class&0x40 != 0 {
				b.str(" and forward")
			} else {
				b.str(" silently")
			}
		}
		b.printf(" if unknown], Class-Type: %s (%d), length: %d", nameOr(rsvpCTypes, uint16(class)<<8|uint16(ctype), "Unknown"), ctype, olen)
		if tlen < olen {
			b.printf("%sERROR: object goes past end of objects TLV", ident)
			return
		}
		if len(p) < olen {
			b.trunc("rsvp")
			return
		}
		o := p[4:olen]
		hexdump := false
		short := func(n int) bool { // tcpdump's obj_tooshort
			if len(o) < n {
				b.printf("%sERROR: object is too short", ident)
				return true
			}
			return false
		}
		switch {
		case class == 1 && ctype == 1:
			if short(8) {
				return
			}
			b.printf("%s  IPv4 DestAddress: %s, Protocol ID: 0x%02x%s  Flags: [0x%02x], DestPort %d", ident, host(o[:4]), o[4], ident, o[5], be.Uint16(o[6:]))
		case class == 1 && ctype == 2:
			if short(20) {
				return
			}
			b.printf("%s  IPv6 DestAddress: %s, Protocol ID: 0x%02x%s  Flags: [0x%02x], DestPort %d", ident, host(o[:16]), o[16], ident, o[17], be.Uint16(o[18:]))
		case class == 1 && ctype == 7:
			if short(12) {
				return
			}
			b.printf("%s  IPv4 Tunnel EndPoint: %s, Tunnel ID: 0x%04x, Extended Tunnel ID: %s", ident, host(o[:4]), be.Uint16(o[6:]), host(o[8:12]))
		case class == 15 && ctype == 1:
			if short(4) {
				return
			}
			b.printf("%s  IPv4 Receiver Address: %s", ident, host(o[:4]))
		case (class == 16 || class == 34 || class == 35 || class == 129) && ctype == 1:
			for q := o; len(q) >= 4; q = q[4:] {
				b.printf("%s  Label: %d", ident, be.Uint32(q))
			}
		case (class == 16 || class == 34 || class == 35 || class == 129) && ctype == 2:
			if short(4) {
				return
			}
			b.printf("%s  Generalized Label: %d", ident, be.Uint32(o))
		case class == 8 && ctype == 1:
			if short(4) {
				return
			}
			b.printf("%s  Reservation Style: %s, Flags: [0x%02x]", ident, nameOr(rsvpStyles, uint32(o[1])<<16|uint32(o[2])<<8|uint32(o[3]), "Unknown"), o[0])
		case (class == 11 || class == 10) && ctype == 1:
			if short(8) {
				return
			}
			b.printf("%s  Source Address: %s, Source Port: %d", ident, host(o[:4]), be.Uint16(o[6:]))
		case (class == 11 || class == 10) && ctype == 2:
			if short(20) {
				return
			}
			b.printf("%s  Source Address: %s, Source Port: %d", ident, host(o[:16]), be.Uint16(o[18:]))
		case class == 11 && ctype == 7:
			if short(8) {
				return
			}
			b.printf("%s  IPv4 Tunnel Sender Address: %s, LSP-ID: 0x%04x", ident, host(o[:4]), be.Uint16(o[6:]))
		case class == 10 && ctype == 7:
			if short(8) {
				return
			}
			b.printf("%s  Source Address: %s, LSP-ID: 0x%04x", ident, host(o[:4]), be.Uint16(o[6:]))
		case class == 22 && (ctype == 1 || ctype == 2):
			if short(8) {
				return
			}
			b.printf("%s  Source Instance: 0x%08x, Destination Instance: 0x%08x", ident, be.Uint32(o), be.Uint32(o[4:]))
		case class == 131 && ctype == 1:
			if short(8) {
				return
			}
			b.printf("%s  Restart  Time: %dms, Recovery Time: %dms", ident, be.Uint32(o), be.Uint32(o[4:]))
		case class == 3 && (ctype == 1 || ctype == 3):
			if short(8) {
				return
			}
			b.printf("%s  Previous/Next Interface: %s, Logical Interface Handle: 0x%08x", ident, host(o[:4]), be.Uint32(o[4:]))
			hexdump = len(o) > 8
		case class == 19 && ctype == 1:
			for q := o; len(q) >= 4; q = q[4:] {
				et := be.Uint16(q[2:])
				name, ok := etherTypes[et]
				if !ok {
					name = fmt.Sprintf("Unknown Protocol (0x%04x)", et)
				}
				b.printf("%s  L3 Protocol ID: %s", ident, name)
			}
		case class == 207 && ctype == 7:
			if short(4) || short(4+int(o[3])) {
				return
			}
			b.printf("%s  Session Name: ", ident)
			printn(b, o[4:4+int(o[3])])
			fl := "0"
			if o[2] != 0 {
				fl = fmt.Sprintf("%#x", o[2])
			}
			b.printf("%s  Setup Priority: %d, Holding Priority: %d, Flags: [%s] (%s)", ident, o[0], o[1],
				bits32(uint32(o[2]), rsvpSessionFlags, "none"), fl)
		case (class == 12 || class == 13 || class == 9) && ctype == 2:
			if short(4) {
				return
			}
			b.printf("%s  Msg-Version: %d, length: %d", ident, o[0]>>4, uint32(be.Uint16(o[2:]))<<2)
			q := o[4:]
			for len(q) >= 4 {
				stlen := int(be.Uint16(q[2:])) << 2
				brk := "not "
				if q[1]&0x80 != 0 {
					brk = ""
				}
				b.printf("%s  Service Type: %s (%d), break bit %sset, Service length: %d", ident,
					nameOr(rsvpIntServServices, q[0], "unknown"), q[0], brk, stlen)
				q = q[4:]
				for stlen >= 4 {
					n := d.rsvpIntServ(q)
					if n == 0 {
						break
					}
					q, stlen = q[n:], stlen-n
				}
			}
		case (class == 20 || class == 21) && ctype == 1:
			for q := o; len(q) >= 4; {
				l := int(q[1])
				b.printf("%s  Subobject Type: %s, length %d", ident, nameOrf(rsvpXROTypes, q[0]&0x7f, "Unknown %d"), l)
				if l == 0 {
					b.printf("%s  ERROR: zero length ERO subtype", ident)
					break
				}
				if q[0]&0x7f == 1 {
					if len(q) < 8 {
						break
					}
					if q[6] != 32 {
						b.printf(" ERROR: Prefix length %d != 32 (invalid)", q[6])
						return
					}
					loose := "Strict"
					if q[0]&0x80 != 0 {
						loose = "Loose"
					}
					b.printf(", %s, %s/%d, Flags: [%s]", loose, host(q[2:6]), q[6], bits32(uint32(q[7]), rsvpRROFlags, "none"))
				}
				if l > len(q) {
					break
				}
				q = q[l:]
			}
		case class == 6 && (ctype == 1 || ctype == 3 || ctype == 2 || ctype == 4):
			alen := 4
			if ctype == 2 || ctype == 4 {
				alen = 16
			}
			if short(alen + 4) {
				return
			}
			code, val := o[alen+1], be.Uint16(o[alen+2:])
			b.printf("%s  Error Node Address: %s, Flags: [0x%02x]%s  Error Code: %s (%d)", ident, host(o[:alen]), o[alen], ident,
				nameOr(rsvpErrorCodes, code, "unknown"), code)
			switch {
			case code == 24:
				b.printf(", Error Value: %s (%d)", nameOr(rsvpErrorRouting, val, "unknown"), val)
			case alen == 4 && (code == 28 || code == 125):
				b.printf(", Error Value: %s (%d)", nameOr(rsvpErrorDiffservTE, val, "unknown"), val)
			case alen == 4:
				b.printf(", Unknown Error Value (%d)", val)
			}
		case class == 3 && (ctype == 2 || ctype == 4):
			if short(20) {
				return
			}
			b.printf("%s  Previous/Next Interface: %s, Logical Interface Handle: 0x%08x", ident, host(o[:16]), be.Uint32(o[16:]))
			hexdump = true
		case class == 15 && ctype == 2:
			if short(16) {
				return
			}
			b.printf("%s  IPv6 Receiver Address: %s", ident, host(o[:16]))
		case class == 195 && (ctype == 1 || ctype == 2):
			alen, fam := 4, "IPv4"
			if ctype == 2 {
				alen, fam = 16, "IPv6"
			}
			if short(alen) {
				return
			}
			b.printf("%s  %s Notify Node Address: %s", ident, fam, host(o[:alen]))
		case class == 63 && ctype == 7:
			for q := o; len(q) >= 8; q = q[8:] {
				b.printf("%s  PLR-ID: %s, Avoid-Node-ID: %s", ident, host(q[:4]), host(q[4:8]))
			}
		case (class == 66 || class == 125) && ctype == 1:
			if short(4) {
				return
			}
			b.printf("%s  CT: %d", ident, be.Uint32(o)&7)
		case class == 205 && (ctype == 1 || ctype == 7):
			if (ctype == 1 && short(20)) || short(16) {
				return
			}
			bw := float64(math.Float32frombits(be.Uint32(o[4:])) * 8 / 1000000) // C float arithmetic
			b.printf("%s  Setup Priority: %d, Holding Priority: %d, Hop-limit: %d, Bandwidth: %s Mbps", ident, o[0], o[1], o[2], cFloat(fmt.Sprintf("%.10g", bw)))
			if ctype == 1 {
				b.printf("%s  Include-any: 0x%08x, Exclude-any: 0x%08x, Include-all: 0x%08x", ident, be.Uint32(o[8:]), be.Uint32(o[12:]), be.Uint32(o[16:]))
			} else {
				b.printf("%s  Include Colors: 0x%08x, Exclude Colors: 0x%08x", ident, be.Uint32(o[8:]), be.Uint32(o[12:]))
			}
		case (class == 23 || class == 24 || class == 25) && (ctype == 1 || ctype == 2):
			if short(4) {
				return
			}
			b.printf("%s  Flags [0x%02x], epoch: %d", ident, o[0], uint32(o[1])<<16|uint32(o[2])<<8|uint32(o[3]))
			for q := o[4:]; len(q) >= 4; q = q[4:] {
				b.printf("%s    Message-ID 0x%08x (%d)", ident, be.Uint32(q), be.Uint32(q))
			}
		case class == 196 && ctype == 1:
			if short(4) {
				return
			}
			b.printf("%s  Flags [%s]", ident, bits32(be.Uint32(o), rsvpAdminFlags, "none"))
		case class == 5 && ctype == 1:
			if short(4) {
				return
			}
			b.printf("%s  Refresh Period: %dms", ident, be.Uint32(o))
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, o, "\n\t    ", len(o))
			}
		}
		if d.p.opts.Verbose > 1 || hexdump {
			unknownData(b, o, "\n\t    ", len(o))
		}
		p, tlen = p[olen:], tlen-olen
	}
}

// rsvpIntServ prints one IntServ parameter (RFC 2210) and returns its
// length, 0 when it does not fit.
func (d *dissector) rsvpIntServ(q []byte) int {
	b := d.b
	be := binary.BigEndian
	if len(q) < 4 {
		return 0
	}
	id, plen := q[0], int(be.Uint16(q[2:]))<<2
	b.printf("\n\t      Parameter ID: %s (%d), length: %d, Flags: [0x%02x]", nameOr(rsvpIntServParams, id, "unknown"), id, plen, q[1])
	if len(q) < plen+4 {
		return 0
	}
	v := q[4 : 4+plen]
	f := func(p []byte) float64 { return float64(math.Float32frombits(be.Uint32(p))) }
	g := func(x float64) string {
		if math.IsNaN(x) && math.Signbit(x) {
			return "-nan"
		}
		return cFloat(fmt.Sprintf("%.10g", x))
	}
	switch id {
	case 4:
		if plen == 4 {
			b.printf("\n\t\tIS hop count: %d", be.Uint32(v))
		}
	case 6:
		if plen == 4 {
			b.printf("\n\t\tPath b/w estimate: %s Mbps", g(f(v)/125000))
		}
	case 8:
		if plen == 4 {
			b.str("\n\t\tMinimum path latency: ")
			if x := be.Uint32(v); x == 0xffffffff {
				b.str("don't care")
			} else {
				b.printf("%d", x)
			}
		}
	case 10:
		if plen == 4 {
			b.printf("\n\t\tComposed MTU: %d bytes", be.Uint32(v))
		}
	case 127:
		if plen == 20 {
			b.printf("\n\t\tToken Bucket Rate: %s Mbps\n\t\tToken Bucket Size: %s bytes\n\t\tPeak Data Rate: %s Mbps\n\t\tMinimum Policed Unit: %d bytes\n\t\tMaximum Packet Size: %d bytes",
				g(f(v)/125000), g(f(v[4:])), g(f(v[8:])/125000), be.Uint32(v[12:]), be.Uint32(v[16:]))
		}
	case 130:
		if plen == 8 {
			b.printf("\n\t\tRate: %s Mbps\n\t\tSlack Term: %d", g(f(v)/125000), be.Uint32(v[4:]))
		}
	case 133, 134, 135, 136:
		if plen == 4 {
			b.printf("\n\t\tValue: %d", be.Uint32(v))
		}
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t\t", plen)
		}
	}
	return plen + 4
}

// cFloat spells Go's infinities and NaN as C's printf does.
func cFloat(s string) string {
	switch s {
	case "+Inf":
		return "inf"
	case "-Inf":
		return "-inf"
	case "NaN":
		return "nan"
	}
	return s
}
