package printer

import (
	"encoding/binary"
)

// IEEE 802.3 slow protocols (Ethernet type 0x8809): LACP and Marker
// (802.3ad) and link OAM (802.3ah), as tcpdump's slow_print.

var slowSubtypes = map[byte]string{1: "LACP", 2: "MARKER", 3: "OAM"}

var slowTLVs = map[uint16]string{
	0x100: "Terminator", 0x101: "Actor Information", 0x102: "Partner Information", 0x103: "Collector Information",
	0x200: "Terminator", 0x201: "Marker Information",
}

var lacpStateFlags = []bitName{{0x01, "Activity"}, {0x02, "Timeout"}, {0x04, "Aggregation"}, {0x08, "Synchronization"},
	{0x10, "Collecting"}, {0x20, "Distributing"}, {0x40, "Default"}, {0x80, "Expired"}}

var oamFlags = []bitName{{0x01, "Link Fault"}, {0x02, "Dying Gasp"}, {0x04, "Critical Event"}, {0x08, "Local Evaluating"},
	{0x10, "Local Stable"}, {0x20, "Remote Evaluating"}, {0x40, "Remote Stable"}}

var oamCodes = map[byte]string{0: "Information", 1: "Event Notification", 2: "Variable Request", 3: "Variable Response",
	4: "Loopback Control", 0xfe: "Vendor Private"}

var oamInfoTypes = map[byte]string{0: "End of TLV marker", 1: "Local", 2: "Remote", 0xfe: "Organization specific"}

var oamLinkEvents = map[byte]string{0: "End of TLV marker", 1: "Errored Symbol Period Event", 2: "Errored Frame Event",
	3: "Errored Frame Period Event", 4: "Errored Frame Seconds Summary Event", 0xfe: "Organization specific"}

var oamConfigFlags = []bitName{{0x01, "Active"}, {0x02, "Unidirectional"}, {0x04, "Remote-Loopback"}, {0x08, "Link-Events"}, {0x10, "Variable-Retrieval"}}

func (d *dissector) slow(data []byte, length int) {
	b := d.b
	v := d.p.opts.Verbose
	if len(data) > length {
		data = data[:max(length, 0)]
	}
	tooShort := func() {
		if v == 0 {
			b.str(" (packet is too short)")
		} else {
			b.str("\n\t\t packet is too short")
		}
	}
	if length < 1 {
		tooShort()
		return
	}
	if len(data) < 1 {
		d.truncJmp("slow")
		return
	}
	sub := data[0]
	name := nameOrf(slowSubtypes, sub, "unknown (%d)")
	switch sub {
	case 1, 2:
		if length < 2 {
			tooShort()
			return
		}
		if len(data) < 2 {
			d.truncJmp("slow")
			return
		}
		if data[1] != 1 {
			b.printf("%s version %d packet not supported", name, data[1])
			return
		}
		b.printf("%sv%d, length %d", name, data[1], length)
	case 3:
		b.printf("%s, length %d", name, length)
	default:
		b.printf("%s, length %d", name, length)
		unknownData(b, data, "\n\t", length)
		return
	}
	if v == 0 {
		return
	}
	if sub == 3 {
		d.slowOAM(data[1:], length-1)
		return
	}
	d.lacpTLVs(data[2:], length-2, uint16(sub)<<8)
}

func (d *dissector) lacpTLVs(p []byte, tlen int, sub uint16) {
	b := d.b
	be := binary.BigEndian
	for tlen > 0 {
		if tlen < 2 {
			b.str("\n\t\t packet is too short")
			return
		}
		if len(p) < 2 {
			d.truncJmp("slow")
			return
		}
		typ, l := p[0], int(p[1])
		b.printf("\n\t%s TLV (0x%02x), length %d", nameOr(slowTLVs, sub+uint16(typ), "Unknown"), typ, l)
		if typ == 0 {
			return
		}
		if l < 2 {
			b.str("\n\t    ERROR: illegal length - should be >= 2")
			return
		}
		if tlen < l {
			b.str("\n\t\t packet is too short")
			return
		}
		if len(p) < l {
			d.truncJmp("slow")
			return
		}
		v := p[2:l]
		switch sub + uint16(typ) {
		case 0x101, 0x102:
			if len(v) != 18 {
				b.str("\n\t    ERROR: illegal length - should be 20")
				break
			}
			b.printf("\n\t  System %s, System Priority %d, Key %d, Port %d, Port Priority %d\n\t  State Flags [%s]",
				macString(v[2:8]), be.Uint16(v), be.Uint16(v[8:]), be.Uint16(v[12:]), be.Uint16(v[10:]),
				bits32(uint32(v[14]), lacpStateFlags, "none"))
		case 0x103:
			if len(v) != 14 {
				b.str("\n\t    ERROR: illegal length - should be 16")
				break
			}
			b.printf("\n\t  Max Delay %d", be.Uint16(v))
		case 0x201:
			if len(v) != 14 {
				b.str("\n\t    ERROR: illegal length - should be 16")
				break
			}
			b.printf("\n\t  Request System %s, Request Port %d, Request Transaction ID 0x%08x",
				macString(v[2:8]), be.Uint16(v), be.Uint32(v[8:]))
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, v, "\n\t  ", len(v))
			}
		}
		if d.p.opts.Verbose > 1 {
			unknownData(b, v, "\n\t  ", len(v))
		}
		p, tlen = p[l:], tlen-l
	}
}

func (d *dissector) slowOAM(p []byte, tlen int) {
	b := d.b
	be := binary.BigEndian
	tooShort := func() { b.str("\n\t\t packet is too short") }
	if tlen < 3 {
		tooShort()
		return
	}
	if len(p) < 3 {
		d.truncJmp("slow")
		return
	}
	code := p[2]
	b.printf("\n\tCode %s OAM PDU, Flags [%s]", nameOrf(oamCodes, code, "Unknown (%d)"),
		bits32(uint32(be.Uint16(p)), oamFlags, "none"))
	p, tlen = p[3:], tlen-3
	switch code {
	case 0, 1:
		if code == 1 {
			if tlen < 2 {
				tooShort()
				return
			}
			if len(p) < 2 {
				d.truncJmp("slow")
				return
			}
			b.printf("\n\t  Sequence Number %d", be.Uint16(p))
			p, tlen = p[2:], tlen-2
		}
		for tlen > 0 {
			if tlen < 2 {
				tooShort()
				return
			}
			if len(p) < 2 {
				d.truncJmp("slow")
				return
			}
			typ, l := p[0], int(p[1])
			if code == 0 {
				b.printf("\n\t  %s Information Type (%d), length %d", nameOr(oamInfoTypes, typ, "Reserved"), typ, l)
			} else {
				b.printf("\n\t  %s Link Event Type (%d), length %d", nameOr(oamLinkEvents, typ, "Reserved"), typ, l)
			}
			if typ == 0 {
				return
			}
			if l < 2 {
				b.str("\n\t    ERROR: illegal length - should be >= 2")
				return
			}
			if tlen < l {
				tooShort()
				return
			}
			if len(p) < l {
				d.truncJmp("slow")
				return
			}
			hexdump := true
			switch {
			case code == 0 && (typ == 1 || typ == 2):
				if l != 16 {
					b.str("\n\t    ERROR: illegal length - should be 16")
					break
				}
				hexdump = false
				oui := uint32(p[9])<<16 | uint32(p[10])<<8 | uint32(p[11])
				b.printf("\n\t    OAM-Version %d, Revision %d", p[2], be.Uint16(p[3:]))
				b.printf("\n\t    State-Parser-Action %s, State-MUX-Action %s",
					[]string{"forwarding", "looping back", "discarding", "reserved"}[p[5]&3],
					map[bool]string{false: "forwarding", true: "discarding"}[p[5]&4 != 0])
				b.printf("\n\t    OAM-Config Flags [%s], OAM-PDU-Config max-PDU size %d",
					bits32(uint32(p[6]), oamConfigFlags, "none"), be.Uint16(p[7:])&0x7ff)
				b.printf("\n\t    OUI %s (0x%06x), Vendor-Private 0x%08x", nameOr(ouiNames, oui, "Unknown"), oui, be.Uint32(p[12:]))
			case code == 1 && typ >= 1 && typ <= 4:
				if l != 40 {
					b.str("\n\t    ERROR: illegal length - should be 40")
					break
				}
				hexdump = false
				b.printf("\n\t    Timestamp %d ms, Errored Window %d\n\t    Errored Threshold %d\n\t    Errors %d\n\t    Error Running Total %d\n\t    Event Running Total %d",
					uint32(be.Uint16(p[2:]))*100, be.Uint64(p[4:]), be.Uint64(p[12:]), be.Uint64(p[20:]), be.Uint64(p[28:]), be.Uint32(p[36:]))
			}
			if d.p.opts.Verbose > 1 || hexdump {
				unknownData(b, p, "\n\t  ", l)
			}
			p, tlen = p[l:], tlen-l
		}
	case 4:
		if tlen < 1 {
			tooShort()
			return
		}
		if len(p) < 1 {
			d.truncJmp("slow")
			return
		}
		b.printf("\n\t  Command %s (%d)", nameOr(map[byte]string{1: "Enable OAM Remote Loopback", 2: "Disable OAM Remote Loopback"}, p[0], "Unknown"), p[0])
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, p, "\n\t  ", tlen)
		}
	}
}
