package printer

import (
	"encoding/binary"
	"net"
	"strings"
)

// CDP (Cisco Discovery Protocol) as tcpdump 4.99.3's cdp_print: the
// version, TTL and device ID; -v every TLV by name with its value.

var cdpTLVs = map[uint16]string{0x01: "Device-ID", 0x02: "Address", 0x03: "Port-ID", 0x04: "Capability",
	0x05: "Version String", 0x06: "Platform", 0x07: "Prefixes", 0x08: "Protocol-Hello option",
	0x09: "VTP Management Domain", 0x0a: "Native VLAN ID", 0x0b: "Duplex", 0x0e: "ATA-186 VoIP VLAN request",
	0x0f: "ATA-186 VoIP VLAN assignment", 0x10: "power consumption", 0x11: "MTU",
	0x12: "AVVID trust bitmap", 0x13: "AVVID untrusted ports CoS", 0x14: "sysName", 0x15: "sysObjectID",
	0x16: "Management Addresses", 0x17: "Physical Location"}

var cdpCaps = []bitName{{0x01, "Router"}, {0x02, "Transparent Bridge"}, {0x04, "Source Route Bridge"},
	{0x08, "L2 Switch"}, {0x10, "L3 capable"}, {0x20, "IGMP snooping"}, {0x40, "L1 capable"}}

func (d *dissector) cdp(p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	if len(p) > length {
		p = p[:max(length, 0)]
	}
	if len(p) < 4 {
		d.truncJmp("cdp")
		return
	}
	v := d.p.opts.Verbose > 0
	b.printf("CDPv%d, ttl: %ds", p[0], p[1])
	if v {
		b.printf(", checksum: 0x%04x (unverified), length %d", be.Uint16(p[2:]), length)
	}
	rest := length - 4
	for q := p[4:]; len(q) > 0 && rest > 0; {
		if len(q) < 4 {
			d.truncJmp("cdp")
			return
		}
		typ, l := be.Uint16(q), int(be.Uint16(q[2:]))
		if l < 4 {
			if v {
				b.printf("\n\t%s (0x%02x), TLV length: %d byte%s (too short)", nameOr(cdpTLVs, typ, "unknown field type"), typ, l, plural(l))
			} else {
				b.printf(", %s TLV length %d too short", nameOr(cdpTLVs, typ, "unknown field type"), l)
			}
			b.str(" (invalid)")
			return
		}
		if l > rest {
			b.printf(" (TLV length %d > %d) (invalid)", l, rest)
			return
		}
		if l > len(q) {
			if v {
				b.printf("\n\t%s (0x%02x), value length: %d byte%s: ", nameOr(cdpTLVs, typ, "unknown field type"), typ, l-4, plural(l-4))
			}
			d.truncJmp("cdp")
			return
		}
		val := q[4:l]
		q, rest = q[l:], rest-l
		if !v {
			if typ == 1 {
				b.str(", Device-ID '")
				printn(b, val)
				b.str("'")
			} else {
				unknownData(b, val, "\n\t  ", len(val))
			}
			continue
		}
		name, known := cdpTLVs[typ]
		if !known {
			name = "unknown field type"
		}
		b.printf("\n\t%s (0x%02x), value length: %d byte%s: ", name, typ, len(val), plural(len(val)))
		if !d.cdpValue(typ, val) {
			unknownData(b, val, "\n\t  ", len(val))
		}
	}
	if !v {
		b.printf(", length %d", length)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cdpValue prints a TLV's value; false when tcpdump dumps it in hex.
func (d *dissector) cdpValue(typ uint16, v []byte) bool {
	b := d.b
	be := binary.BigEndian
	switch typ {
	case 0x01, 0x03, 0x06, 0x09, 0x14, 0x17:
		b.str("'")
		printn(b, v)
		b.str("'")
	case 0x02, 0x16:
		if len(v) < 4 {
			return false
		}
		n := int(be.Uint32(v))
		q := v[4:]
		for i := 0; i < n; i++ {
			if len(q) < 2 {
				return true
			}
			pt, pl := q[0], int(q[1])
			if len(q) < 2+pl+2 {
				return true
			}
			proto := q[2 : 2+pl]
			al := int(be.Uint16(q[2+pl:]))
			if len(q) < 4+pl+al {
				return true
			}
			a := q[4+pl : 4+pl+al]
			switch {
			case pt == 1 && pl == 1 && proto[0] == 0xcc && al == 4:
				b.printf("IPv4 (%d) %s", pt, net.IP(a))
			case pt == 2 && pl == 8 && string(proto) == "\xaa\xaa\x03\x00\x00\x00\x86\xdd" && al == 16:
				b.printf("IPv6 (%d) %s", pt, net.IP(a))
			default:
				b.printf("pt=0x%02x, pl=%d, pb=", pt, pl)
				for _, c := range proto {
					b.printf("%02x", c)
				}
				b.printf(", al=%d, a=", al)
				for _, c := range a {
					b.printf("%02x", c)
				}
			}
			q = q[4+pl+al:]
			if i+1 < n {
				b.str(", ")
			}
		}
	case 0x04:
		if len(v) < 4 {
			return false
		}
		c := be.Uint32(v)
		b.printf("(0x%08x): %s", c, bits32(c, cdpCaps, "none"))
	case 0x05:
		b.str("\n\t  ")
		b.str(strings.ReplaceAll(string(v), "\n", "\n\t  "))
	case 0x0a:
		if len(v) < 2 {
			return false
		}
		b.printf("%d", be.Uint16(v))
	case 0x0b:
		if len(v) < 1 {
			return false
		}
		if v[0] != 0 {
			b.str("full")
		} else {
			b.str("half")
		}
	case 0x11:
		if len(v) < 4 {
			return false
		}
		b.printf("%d bytes", be.Uint32(v))
	case 0x10:
		if len(v) < 2 {
			return false
		}
		b.printf("%1.2fW", float64(be.Uint16(v))/1000)
	default:
		return false
	}
	return true
}
