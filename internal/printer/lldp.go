package printer

import (
	"encoding/binary"
	"fmt"
	"net"
)

// LLDP (IEEE 802.1AB) as tcpdump's lldp_print: "LLDP, length N" and the
// system name; -v prints every TLV (chassis and port IDs, TTL,
// descriptions, capabilities, management addresses, the IEEE 802.1 and
// 802.3 organization TLVs), -vv with a hex dump of each.

var lldpTLVs = map[int]string{0: "End", 1: "Chassis ID", 2: "Port ID", 3: "Time to Live",
	4: "Port Description", 5: "System Name", 6: "System Description", 7: "System Capabilities",
	8: "Management Address", 127: "Organization specific"}

var lldpChassisSubtypes = map[byte]string{1: "Chassis component", 2: "Interface alias",
	3: "Port component", 4: "MAC address", 5: "Network address", 6: "Interface name", 7: "Local"}

var lldpPortSubtypes = map[byte]string{1: "Interface alias", 2: "Port component", 3: "MAC address",
	4: "Network Address", 5: "Interface Name", 6: "Agent circuit ID", 7: "Local"}

var lldpCaps = []struct {
	bit  uint16
	name string
}{{0x01, "Other"}, {0x02, "Repeater"}, {0x04, "Bridge"}, {0x08, "WLAN AP"}, {0x10, "Router"},
	{0x20, "Telephone"}, {0x40, "Docsis"}, {0x80, "Station Only"}}

var lldpIntfNumbering = map[byte]string{1: "Unknown", 2: "Interface Index", 3: "System Port Number"}

var lldpOUIs = map[uint32]string{0x0080c2: "Ethernet bridged", 0x00120f: "IEEE 802.3 Private",
	0x0012bb: "TIA", 0x00000c: "Cisco", 0x00000e: "IANA", 0x001b21: "DCBX"}

var lldp8021Subtypes = map[byte]string{1: "Port VLAN Id", 2: "Port and Protocol VLAN ID", 3: "VLAN name",
	4: "Protocol Identity", 7: "Link aggregation", 8: "Congestion Notification", 9: "ETS Configuration",
	10: "ETS Recommendation", 11: "Priority Flow Control Configuration", 12: "Application Priority"}

var lldp8023Subtypes = map[byte]string{1: "MAC/PHY configuration/status", 2: "Power via MDI",
	3: "Link aggregation", 4: "Max frame size"}

var lldpPMDCaps = []struct {
	bit  uint16
	name string
}{{0x4000, "10BASE-T hdx"}, {0x2000, "10BASE-T fdx"}, {0x1000, "100BASE-T4"}, {0x0800, "100BASE-TX hdx"},
	{0x0400, "100BASE-TX fdx"}, {0x0200, "100BASE-T2 hdx"}, {0x0100, "100BASE-T2 fdx"},
	{0x0080, "Pause for fdx links"}, {0x0040, "Asym PAUSE for fdx"}, {0x0020, "Sym PAUSE for fdx"},
	{0x0010, "Asym and Sym PAUSE for fdx"}, {0x0008, "1000BASE-{X LX SX CX} hdx"},
	{0x0004, "1000BASE-{X LX SX CX} fdx"}, {0x0002, "1000BASE-T hdx"}, {0x0001, "1000BASE-T fdx"}}

var lldpAggregation = []struct {
	bit  uint16
	name string
}{{0x01, "supported"}, {0x02, "enabled"}}

func bitNames(v uint16, table []struct {
	bit  uint16
	name string
}, none string) string {
	var s []string
	for _, t := range table {
		if v&t.bit != 0 {
			s = append(s, t.name)
		}
	}
	if len(s) == 0 {
		return none
	}
	return join(s, ", ")
}

// lldpNetworkAddr is lldp_network_addr_print's text; ok false when the
// address is shorter than its family says.
func lldpNetworkAddr(v []byte) (string, bool) {
	if len(v) < 1 {
		return "", false
	}
	af := uint16(v[0])
	var s string
	switch af {
	case 1:
		if len(v) < 5 {
			return "", false
		}
		s = net.IP(v[1:5]).String()
	case 2:
		if len(v) < 17 {
			return "", false
		}
		s = net.IP(v[1:17]).String()
	case 6:
		if len(v) < 7 {
			return "", false
		}
		s = macString(v[1:7])
	default:
		return fmt.Sprintf("AFI %s (%d), no AF printer !", nameOr(bgpAFIs, af, "Unknown"), af), true
	}
	return fmt.Sprintf("AFI %s (%d): %s", nameOr(bgpAFIs, af, "Unknown"), af, s), true
}

func (d *dissector) lldp(data []byte, length int) {
	b := d.b
	v := d.p.opts.Verbose > 0
	b.printf("LLDP, length %d", length)
	length = max(length, 0) // a wire length shorter than the headers
	if len(data) > length {
		data = data[:length]
	}
	for len(data) >= 2 {
		tlv := binary.BigEndian.Uint16(data)
		typ, l := int(tlv>>9), int(tlv&0x1ff)
		data = data[2:]
		if v {
			b.printf("\n\t%s TLV (%d), length %d", nameOr(lldpTLVs, typ, "Unknown"), typ, l)
		}
		if typ == 0 || l == 0 {
			break
		}
		if l > len(data) {
			b.trunc("lldp")
			return
		}
		t := data[:l]
		hexdump := false
		switch typ {
		case 1, 2:
			if !v {
				break
			}
			if l < 2 {
				b.trunc("lldp")
				return
			}
			sub := t[0]
			names := lldpChassisSubtypes
			mac, addr := byte(4), byte(5)
			if typ == 2 {
				names, mac, addr = lldpPortSubtypes, 3, 4
			}
			b.printf("\n\t  Subtype %s (%d): ", nameOr(names, sub, "Unknown"), sub)
			switch {
			case sub == mac:
				if l < 7 {
					b.trunc("lldp")
					return
				}
				b.str(macString(t[1:7]))
			case sub == addr:
				s, ok := lldpNetworkAddr(t[1:])
				if !ok {
					b.trunc("lldp")
					return
				}
				b.str(s)
			case sub >= 1 && sub <= 7:
				d.printjnp(t[1:], l-1, "lldp")
			default:
				hexdump = true
			}
		case 3:
			if !v {
				break
			}
			if l < 2 {
				b.trunc("lldp")
				return
			}
			b.printf(": TTL %ds", binary.BigEndian.Uint16(t))
		case 4:
			if v {
				b.str(": ")
				d.printjnp(t, l, "lldp")
			}
		case 5:
			b.str(": ")
			d.printjnp(t, l, "lldp")
		case 6:
			if v {
				b.str("\n\t  ")
				d.printjnp(t, l, "lldp")
			}
		case 7:
			if !v {
				break
			}
			if l < 4 {
				b.trunc("lldp")
				return
			}
			c, e := binary.BigEndian.Uint16(t), binary.BigEndian.Uint16(t[2:])
			b.printf("\n\t  System  Capabilities [%s] (0x%04x)", bitNames(c, lldpCaps, "none"), c)
			b.printf("\n\t  Enabled Capabilities [%s] (0x%04x)", bitNames(e, lldpCaps, "none"), e)
		case 8:
			if v && !d.lldpMgmtAddr(t) {
				b.trunc("lldp")
				return
			}
		case 127:
			if !v {
				break
			}
			if l < 3 {
				b.trunc("lldp")
				return
			}
			oui := uint32(t[0])<<16 | uint32(t[1])<<8 | uint32(t[2])
			b.printf(": OUI %s (0x%06x)", nameOr(lldpOUIs, oui, "Unknown"), oui)
			switch oui {
			case 0x0080c2:
				hexdump = d.lldp8021(t)
			case 0x00120f:
				hexdump = d.lldp8023(t)
			default:
				hexdump = true
			}
		default:
			hexdump = true
		}
		if d.p.opts.Verbose > 1 || (v && hexdump) {
			unknownData(b, t, "\n\t  ", l)
		}
		data = data[l:]
	}
}

func (d *dissector) lldpMgmtAddr(t []byte) bool {
	b := d.b
	if len(t) < 1 {
		return false
	}
	alen := int(t[0])
	t = t[1:]
	if len(t) < alen {
		return false
	}
	s, ok := lldpNetworkAddr(t[:alen])
	if !ok {
		return false
	}
	b.printf("\n\t  Management Address length %d, %s", alen, s)
	t = t[alen:]
	if len(t) < 5 {
		return false
	}
	b.printf("\n\t  %s Interface Numbering (%d): %d", nameOr(lldpIntfNumbering, t[0], "Unknown"), t[0], binary.BigEndian.Uint32(t[1:]))
	t = t[5:]
	if len(t) > 0 {
		olen := int(t[0])
		if len(t) < 1+olen {
			return false
		}
		if olen > 0 {
			b.printf("\n\t  OID length %d", olen)
			d.printjnp(t[1:], olen, "lldp")
		}
	}
	return true
}

// lldp8021 prints an IEEE 802.1 organization TLV; true asks for a hex dump.
func (d *dissector) lldp8021(t []byte) bool {
	b := d.b
	if len(t) < 4 {
		return true
	}
	sub := t[3]
	b.printf("\n\t  %s Subtype (%d)", nameOr(lldp8021Subtypes, sub, "unknown"), sub)
	switch sub {
	case 1:
		if len(t) < 6 {
			return true
		}
		b.printf("\n\t    port vlan id (PVID): %d", binary.BigEndian.Uint16(t[4:]))
	case 2:
		if len(t) < 7 {
			return true
		}
		b.printf("\n\t    port and protocol vlan id (PPVID): %d, flags [%s] (0x%02x)", binary.BigEndian.Uint16(t[5:]),
			bitNames(uint16(t[4]), []struct {
				bit  uint16
				name string
			}{{0x02, "supported"}, {0x04, "enabled"}}, "none"), t[4])
	case 8:
		if len(t) < 6 {
			return true
		}
		for i, name := range []string{"Pre-Priority CNPV Indicator", "Pre-Priority Ready Indicator"} {
			b.str("\n\t    " + name + "\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ")
			for bit := 0; bit < 8; bit++ {
				b.printf("%-2d ", (t[4+i]>>bit)&1)
			}
		}
	case 12:
		if len(t) < 5 {
			return true
		}
		b.printf("\n\t    RES: %d", t[4])
		rest := t[5:]
		if len(rest)%3 != 0 {
			return true
		}
		if len(rest) > 0 {
			b.str("\n\t    Application Priority Table")
		}
		for ; len(rest) >= 3; rest = rest[3:] {
			v := rest[0]
			b.printf("\n\t      Priority: %d, RES: %d, Sel: %d, Protocol ID: %d", v>>5, (v>>3)&3, v&7, binary.BigEndian.Uint16(rest[1:]))
		}
	case 3:
		if len(t) < 6 {
			return true
		}
		b.printf("\n\t    vlan id (VID): %d", binary.BigEndian.Uint16(t[4:]))
		if len(t) < 7 {
			return true
		}
		n := int(t[6])
		if len(t) < 7+n {
			return true
		}
		b.str("\n\t    vlan name: ")
		d.printjnp(t[7:], n, "lldp")
	case 4:
		if len(t) < 5 {
			return true
		}
		n := int(t[4])
		if len(t) < 5+n {
			return true
		}
		b.str("\n\t    protocol identity: ")
		d.printjnp(t[5:], n, "lldp")
	default:
		return true
	}
	return false
}

// lldp8023 prints an IEEE 802.3 organization TLV; true asks for a hex dump.
func (d *dissector) lldp8023(t []byte) bool {
	b := d.b
	if len(t) < 4 {
		return true
	}
	sub := t[3]
	b.printf("\n\t  %s Subtype (%d)", nameOr(lldp8023Subtypes, sub, "unknown"), sub)
	be := binary.BigEndian
	switch sub {
	case 1:
		if len(t) < 9 {
			return true
		}
		b.printf("\n\t    autonegotiation [%s] (0x%02x)", bitNames(uint16(t[4]), lldpAggregation, "none"), t[4])
		b.printf("\n\t    PMD autoneg capability [%s] (0x%04x)", bitNames(be.Uint16(t[5:]), lldpPMDCaps, "unknown"), be.Uint16(t[5:]))
		mau := be.Uint16(t[7:])
		name := "unknown"
		if int(mau) >= 1 && int(mau) <= len(lldpMAUTypes) {
			name = lldpMAUTypes[mau-1]
		}
		b.printf("\n\t    MAU type %s (0x%04x)", name, mau)
	case 3:
		if len(t) < 9 {
			return true
		}
		b.printf("\n\t    aggregation status [%s], aggregation port ID %d", bitNames(uint16(t[4]), lldpAggregation, "none"), be.Uint32(t[5:]))
	case 4:
		if len(t) < 6 {
			return true
		}
		b.printf("\n\t    MTU size %d", be.Uint16(t[4:]))
	default:
		return true
	}
	return false
}

// lldpMAUTypes are the IEEE 802.3 MAU types from 1 (RFC 4836).
var lldpMAUTypes = []string{"AUI", "10BASE5", "FOIRL", "10BASE2", "10BASET duplex mode unknown",
	"10BASEFP", "10BASEFB", "10BASEFL duplex mode unknown", "10BROAD36", "10BASET hdx", "10BASET fdx",
	"10BASEFL hdx", "10BASEFL fdx", "100BASET4", "100BASETX hdx", "100BASETX fdx", "100BASEFX hdx",
	"100BASEFX fdx", "100BASET2 hdx", "100BASET2 fdx", "1000BASEX hdx", "1000BASEX fdx",
	"1000BASELX hdx", "1000BASELX fdx", "1000BASESX hdx", "1000BASESX fdx", "1000BASECX hdx",
	"1000BASECX fdx", "1000BASET hdx", "1000BASET fdx", "10GBASEX", "10GBASELX4", "10GBASER",
	"10GBASEER", "10GBASELR", "10GBASESR", "10GBASEW", "10GBASEEW", "10GBASELW", "10GBASESW"}
