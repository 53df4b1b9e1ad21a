package printer

import (
	"encoding/binary"
	"net"
)

// RADIUS (RFC 2865, 2866, 5176, 4675) as tcpdump's radius_print: the code,
// id and length, and with -v the authenticator and every attribute (-vv:
// with a hex dump).

var radiusPorts = map[uint16]bool{1645: true, 1646: true, 1812: true, 1813: true, 1700: true, 3799: true}

var radiusCodes = map[byte]string{1: "Access-Request", 2: "Access-Accept", 3: "Access-Reject",
	4: "Accounting-Request", 5: "Accounting-Response", 6: "Accounting-Status", 7: "Password-Request",
	8: "Password-Accept", 9: "Password-Reject", 10: "Accounting-Message", 11: "Access-Challenge",
	12: "Status-Server", 13: "Status-Client", 21: "Resource-Free-Request", 22: "Resource-Free-Response",
	23: "Resource-Query-Request", 24: "Resource-Query-Response", 25: "Alternate-Resource-Reclaim-Request",
	26: "NAS-Reboot-Request", 27: "NAS-Reboot-Response", 29: "Next-Passcode", 30: "New-Pin",
	31: "Terminate-Session", 32: "Password-Expired", 33: "Event-Request", 34: "Event-Response",
	40: "Disconnect-Request", 41: "Disconnect-ACK", 42: "Disconnect-NAK", 43: "CoA-Request",
	44: "CoA-ACK", 45: "CoA-NAK", 50: "IP-Address-Allocate", 51: "IP-Address-Release",
	52: "Protocol-Error", 250: "Experimental-use", 253: "Reserved"}

// radiusValue is how an attribute's value prints.
type radiusValue int

const (
	radNone radiusValue = iota
	radString
	radNumber
	radAddress
	radAddress6
	radVendor
)

type radiusAttr struct {
	name  string
	value radiusValue
	// names of the numeric values, from first (usually 1).
	names []string
	first int
}

var radiusAttrs = map[byte]radiusAttr{
	1: {"User-Name", radString, nil, 0}, 2: {"User-Password", radNone, nil, 0},
	3: {"CHAP-Password", radNone, nil, 0}, 4: {"NAS-IP-Address", radAddress, nil, 0},
	5: {"NAS-Port", radNumber, nil, 0},
	6: {"Service-Type", radNumber, []string{"Login", "Framed", "Callback Login", "Callback Framed",
		"Outbound", "Administrative", "NAS Prompt", "Authenticate Only", "Callback NAS Prompt",
		"Call Check", "Callback Administrative"}, 1},
	7: {"Framed-Protocol", radNumber, []string{"PPP", "SLIP", "ARAP", "Gandalf proprietary",
		"Xylogics IPX/SLIP", "X.75 Synchronous"}, 1},
	8: {"Framed-IP-Address", radAddress, nil, 0}, 9: {"Framed-IP-Network", radAddress, nil, 0},
	10: {"Framed-Routing", radNumber, []string{"None", "Send", "Listen", "Send&Listen"}, 0},
	11: {"Filter-Id", radString, nil, 0}, 12: {"Framed-MTU", radNumber, nil, 0},
	13: {"Framed-Compression", radNumber, []string{"None", "VJ TCP/IP", "IPX", "Stac-LZS"}, 0},
	14: {"Login-IP-Host", radAddress, nil, 0},
	15: {"Login-Service", radNumber, []string{"Telnet", "Rlogin", "TCP Clear", "PortMaster",
		"LAT", "X.25-PAD", "X.25-T3POS", "Unassigned", "TCP Clear Quiet"}, 0},
	16: {"Login-TCP-Port", radNumber, nil, 0}, 18: {"Reply-Message", radString, nil, 0},
	19: {"Callback-Number", radString, nil, 0}, 20: {"Callback-ID", radString, nil, 0},
	22: {"Framed-Route", radString, nil, 0}, 23: {"Framed-IPX-Network", radNumber, nil, 0},
	24: {"State", radString, nil, 0}, 25: {"Class", radString, nil, 0},
	26: {"Vendor-Specific", radVendor, nil, 0}, 27: {"Session-Timeout", radNumber, nil, 0},
	28: {"Idle-Timeout", radNumber, nil, 0},
	29: {"Termination-Action", radNumber, []string{"Default", "RADIUS-Request"}, 0},
	30: {"Called-Station-Id", radString, nil, 0}, 31: {"Calling-Station-Id", radString, nil, 0},
	32: {"NAS-Identifier", radString, nil, 0}, 33: {"Proxy-State", radString, nil, 0},
	34: {"Login-LAT-Service", radString, nil, 0}, 35: {"Login-LAT-Node", radString, nil, 0},
	36: {"Login-LAT-Group", radString, nil, 0}, 37: {"Framed-AppleTalk-Link", radNumber, nil, 0},
	38: {"Framed-AppleTalk-Network", radNumber, nil, 0}, 39: {"Framed-AppleTalk-Zone", radString, nil, 0},
	40: {"Acct-Status-Type", radNumber, []string{"Start", "Stop", "Interim-Update", "Unassigned",
		"Unassigned", "Unassigned", "Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop",
		"Tunnel-Reject", "Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed"}, 1},
	41: {"Acct-Delay-Time", radNumber, nil, 0}, 42: {"Acct-Input-Octets", radNumber, nil, 0},
	43: {"Acct-Output-Octets", radNumber, nil, 0}, 44: {"Acct-Session-Id", radString, nil, 0},
	45: {"Acct-Authentic", radNumber, []string{"RADIUS", "Local", "Remote"}, 1},
	46: {"Acct-Session-Time", radNumber, nil, 0}, 47: {"Acct-Input-Packets", radNumber, nil, 0},
	48: {"Acct-Output-Packets", radNumber, nil, 0},
	49: {"Acct-Terminate-Cause", radNumber, []string{"User Request", "Lost Carrier", "Lost Service",
		"Idle Timeout", "Session Timeout", "Admin Reset", "Admin Reboot", "Port Error", "NAS Error",
		"NAS Request", "NAS Reboot", "Port Unneeded", "Port Preempted", "Port Suspended",
		"Service Unavailable", "Callback", "User Error", "Host Request"}, 1},
	50: {"Acct-Multi-Session-Id", radString, nil, 0}, 51: {"Acct-Link-Count", radNumber, nil, 0},
	52: {"Acct-Input-Gigawords", radNumber, nil, 0}, 53: {"Acct-Output-Gigawords", radNumber, nil, 0},
	55: {"Event-Timestamp", radNone, nil, 0}, 56: {"Egress-VLANID", radNumber, nil, 0},
	57: {"Ingress-Filters", radNumber, []string{"Enabled", "Disabled"}, 1},
	58: {"Egress-VLAN-Name", radString, nil, 0}, 59: {"User-Priority-Table", radNone, nil, 0},
	60: {"CHAP-Challenge", radString, nil, 0},
	61: {"NAS-Port-Type", radNumber, []string{"Async", "Sync", "ISDN Sync", "ISDN Async V.120",
		"ISDN Async V.110", "Virtual", "PIAFS", "HDLC Clear Channel", "X.25", "X.75", "G.3 Fax",
		"SDSL", "ADSL-CAP", "ADSL-DMT", "ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other",
		"Wireless - IEEE 802.11"}, 0},
	62: {"Port-Limit", radNumber, nil, 0}, 63: {"Login-LAT-Port", radString, nil, 0},
	77: {"Connect-Info", radString, nil, 0}, 79: {"EAP-Message", radString, nil, 0},
	80: {"Message-Authenticator", radString, nil, 0}, 85: {"Acct-Interim-Interval", radNumber, nil, 0},
	87: {"NAS-Port-Id", radString, nil, 0}, 88: {"Framed-Pool", radString, nil, 0},
	95: {"NAS-IPv6-Address", radAddress6, nil, 0},
}

var radiusVLANTags = map[byte]string{0x31: "Tagged", 0x32: "Untagged"}

var smiVendors = map[uint32]string{9: "Cisco", 311: "Microsoft", 2636: "Juniper Networks, Inc.", 3561: "The Broadband Forum"}

func (d *dissector) radius(data []byte, length int) {
	b := d.b
	if len(data) < 20 {
		d.truncJmp("radius")
		return
	}
	code, id := data[0], data[1]
	l := int(binary.BigEndian.Uint16(data[2:]))
	if l < 20 {
		b.trunc("radius")
		return
	}
	if l > length {
		l = length
	}
	if d.p.opts.Verbose == 0 {
		b.printf("RADIUS, %s (%d), id: 0x%02x length: %d", nameOr(radiusCodes, code, "Unknown Command"), code, id, l)
		return
	}
	b.printf("RADIUS, length: %d\n\t%s (%d), id: 0x%02x, Authenticator: ", l, nameOr(radiusCodes, code, "Unknown Command"), code, id)
	for _, c := range data[4:20] {
		b.printf("%02x", c)
	}
	if l <= 20 {
		return
	}
	attrs := data[20:min(l, len(data))]
	for rest := l - 20; rest > 0; {
		if rest < 2 || len(attrs) < 2 {
			d.truncJmp("radius")
			return
		}
		typ, alen := attrs[0], int(attrs[1])
		a, known := radiusAttrs[typ]
		name := a.name
		if !known {
			name = "Unknown"
		}
		b.printf("\n\t  %s Attribute (%d), length: %d", name, typ, alen)
		if alen < 2 {
			b.str(" (bogus, must be >= 2)")
			return
		}
		if alen > rest {
			b.str(", (bogus, goes past end of packet)")
			return
		}
		b.str(", Value: ")
		if alen > len(attrs) {
			d.truncJmp("radius")
			return
		}
		v := attrs[2:alen]
		if alen > 2 {
			d.radiusValue(typ, a, v)
		}
		if d.p.opts.Verbose > 1 {
			unknownData(b, v, "\n\t    ", alen-2)
		}
		attrs, rest = attrs[alen:], rest-alen
	}
}

// printable prints bytes as tcpdump's RADIUS strings do: up to a NUL,
// other unprintable bytes as '.'.
func printable(b *buf, v []byte, stopAtNUL bool) {
	for _, c := range v {
		if c == 0 && stopAtNUL {
			return
		}
		if isPrint(c) {
			b.s = append(b.s, c)
		} else {
			b.s = append(b.s, '.')
		}
	}
}

func (d *dissector) radiusValue(typ byte, a radiusAttr, v []byte) {
	b := d.b
	be := binary.BigEndian
	switch a.value {
	case radString:
		if typ == 58 && len(v) > 0 {
			b.printf("%s (0x%02x) ", nameOr(radiusVLANTags, v[0], "Unknown tag"), v[0])
			v = v[1:]
		}
		printable(b, v, true)
	case radNumber:
		if len(v) != 4 {
			b.printf("ERROR: length %d != 4", len(v))
			return
		}
		n := be.Uint32(v)
		switch {
		case a.names != nil:
			if int(n) >= a.first && int(n) < a.first+len(a.names) {
				b.str(a.names[int(n)-a.first])
			} else {
				b.printf("#%d", n)
			}
		case typ == 27 || typ == 28 || typ == 41 || typ == 46 || typ == 85:
			switch {
			case n < 60:
				b.printf("%02d secs", n)
			case n < 3600:
				b.printf("%02d:%02d min", n/60, n%60)
			default:
				b.printf("%02d:%02d:%02d hours", n/3600, n%3600/60, n%60)
			}
		case typ == 56:
			b.printf("%s (0x%02x) %d", nameOr(radiusVLANTags, v[0], "Unknown tag"), v[0], n&0xffffff)
		default:
			b.printf("%d", n)
		}
	case radAddress:
		if len(v) != 4 {
			b.printf("ERROR: length %d != 4", len(v))
			return
		}
		if typ == 8 && (be.Uint32(v) == 0xffffffff || be.Uint32(v) == 0xfffffffe) {
			if be.Uint32(v) == 0xffffffff {
				b.str("User Selected")
			} else {
				b.str("NAS Select")
			}
			return
		}
		b.str(d.p.host(v))
	case radAddress6:
		if len(v) != 16 {
			b.printf("ERROR: length %d != 16", len(v))
			return
		}
		b.str(net.IP(v).String())
	case radVendor:
		if len(v) < 4 {
			b.trunc("radius")
			return
		}
		vendor := be.Uint32(v)
		b.printf("Vendor: %s (%d)", nameOr(smiVendors, vendor, "Unknown"), vendor)
		for v = v[4:]; len(v) >= 2; {
			vt, vl := v[0], int(v[1])
			if vl < 2 {
				b.printf("\n\t    Vendor Attribute: %d, Length: %d (bogus, must be >= 2)", vt, vl)
				return
			}
			if vl > len(v) {
				b.printf("\n\t    Vendor Attribute: %d, Length: %d (bogus, goes past end of vendor-specific attribute)", vt, vl)
				return
			}
			b.printf("\n\t    Vendor Attribute: %d, Length: %d, Value: ", vt, vl-2)
			printable(b, v[2:vl], false)
			v = v[vl:]
		}
	}
}
