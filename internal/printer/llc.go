package printer

import "encoding/binary"

// IEEE 802.2 LLC and SNAP, as tcpdump's llc_print and snap_print print
// them for the link layers that carry LLC (802.11, FDDI, Token Ring, ATM
// RFC 1483, Frame Relay's bridged frames).

// llcSAPs are the service access point names.
var llcSAPs = map[uint8]string{
	0x00: "Null", 0xff: "Global", 0x02: "802.1B I", 0x03: "802.1B G", 0x06: "IP",
	0x04: "SNA", 0x0e: "ProWay NM", 0x42: "STP", 0x4e: "RS511", 0x7e: "ISO8208",
	0x8e: "ProWay", 0xaa: "SNAP", 0xe0: "IPX", 0xf0: "NetBeui", 0xfe: "OSI",
}

// llcCommands are the unnumbered frames' commands (poll bit cleared).
var llcCommands = map[uint16]string{
	0x03: "ui", 0xe3: "test", 0xaf: "xid", 0x63: "ua", 0x43: "disc", 0x0f: "dm",
	0x6f: "sabme", 0x87: "frmr",
}

// llcFlags names the command/response bit with the poll/final bit.
var llcFlags = map[uint16]string{
	0: "Command", 1: "Response", 0x10: "Poll", 0x11: "Final", 0x100: "Poll", 0x101: "Final",
}

var llcSupervisory = map[uint16]string{0: "Receiver Ready", 1: "Receiver not Ready", 2: "Reject"}

// ouiNames are the SNAP organization codes tcpdump names.
var ouiNames = map[uint32]string{
	0x000000: "Ethernet", 0x00000c: "Cisco", 0x0000f8: "Cisco bridged", 0x0080c2: "Ethernet bridged",
	0x00a03e: "ATM Forum", 0x00e02f: "DOCSIS Spanning Tree", 0x080007: "Appletalk",
	0x009069: "Juniper", 0x080009: "Hewlett-Packard", 0x00904c: "Broadcom",
	0x0019a7: "ITU-T", 0x000ff0: "Nortel", 0x00120f: "IEEE 802.3 Private", 0x001394: "Nortel",
}

// snapPIDs name the protocol IDs of the OUIs whose IDs are not Ethernet types.
var snapPIDs = map[uint32]map[uint16]string{
	0x00000c: {0x2000: "CDP", 0x2003: "VTP", 0x2004: "DTP", 0x0111: "UDLD", 0x010b: "PVST", 0x010c: "VLAN Bridge"},
	0x0080c2: {0x0001: "Ethernet + FCS", 0x0007: "Ethernet w/o FCS", 0x0002: "802.4 + FCS", 0x0008: "802.4 w/o FCS",
		0x0003: "Token Ring + FCS", 0x0009: "Token Ring w/o FCS", 0x0004: "FDDI + FCS", 0x000a: "FDDI w/o FCS",
		0x0005: "802.6 + FCS", 0x000b: "802.6 w/o FCS", 0x000e: "BPDU"},
}

// snapPIDName is tcpdump's tok2str(oui_to_struct_tok(oui), "Unknown", pid).
func snapPIDName(oui uint32, pid uint16) string {
	switch oui {
	case 0x000000, 0x0000f8, 0x080007:
		return etherTypeName(pid)
	}
	return nameOr(snapPIDs[oui], pid, "Unknown")
}

// osiNLPIDs name the OSI network-layer protocols after an LLC header.
var osiNLPIDs = map[uint8]string{0x81: "CLNP", 0x82: "ES-IS", 0x83: "IS-IS"}

// llcAddrs are the link-layer addresses llc_print prints when it cannot
// decode what follows and -e did not print them already; nil for link
// layers without addresses.
type llcAddrs struct{ src, dst string }

// llcPayload prints an 802.2 frame, and returns the length of the LLC
// (and SNAP) header, negative when it could not decode the payload (the
// caller then dumps it in hex), as tcpdump's llc_print does.
func (d *dissector) llcPayload(data []byte, length int, addrs *llcAddrs) int {
	b, e := d.b, d.p.opts.LinkHeader
	caplen := len(data)
	if caplen < 3 || length < 3 {
		b.trunc("llc")
		hexASCII(b, "\n\t", data, 0)
		return min(caplen, length)
	}
	dsapField, ssapField := data[0], data[1]
	control := uint16(data[2])
	isU := control&3 == 3
	hdrlen := 3
	if !isU {
		if caplen < 4 || length < 4 {
			b.trunc("llc")
			hexASCII(b, "\n\t", data, 0)
			return min(caplen, length)
		}
		control = binary.LittleEndian.Uint16(data[2:])
		hdrlen = 4
	}
	if dsapField == 0xff && ssapField == 0xff {
		// Novell "raw" 802.3 IPX, bridged.
		if e {
			b.str("IPX 802.3: ")
		}
		d.ipx(data)
		return 0
	}
	dsap, ssap := dsapField&^1, ssapField&^1
	if e {
		ig := "Individual"
		if dsapField&1 != 0 {
			ig = "Group"
		}
		b.printf("LLC, dsap %s (0x%02x) %s, ssap %s (0x%02x) %s", nameOr(llcSAPs, dsap, "Unknown"), dsap, ig,
			nameOr(llcSAPs, ssap, "Unknown"), ssap, nameOr(llcFlags, uint16(ssapField&1), "Unknown"))
		if isU {
			b.printf(", ctrl 0x%02x: ", control)
		} else {
			b.printf(", ctrl 0x%04x: ", control)
		}
	}
	p, plen := data[hdrlen:], length-hdrlen
	switch {
	case ssap == 0xaa && dsap == 0xaa && control == 3:
		if !d.snap(p, plen, addrs) {
			return -(hdrlen + 5)
		}
		return hdrlen + 5
	case ssap == 0x42 && dsap == 0x42 && control == 3:
		d.stp(p, plen)
		return hdrlen
	case ssap == 0x06 && dsap == 0x06 && control == 3:
		d.ip4(p, plen)
		return hdrlen
	case ssap == 0xfe && dsap == 0xfe && control == 3:
		// OSI (IS-IS, CLNP, ES-IS): tcpdump decodes these in detail;
		// gocap names the protocol on one line.
		d.osi(p, plen)
		return hdrlen
	case ssap == 0xe0 && dsap == 0xe0 && control == 3:
		if e {
			b.str("IPX 802.2: ")
		}
		d.ipx(p)
		return hdrlen
	case d.p.opts.SMB && ssap == 0xf0 && dsap == 0xf0 && (control&1 == 0 || control == 3):
		d.netbeui(control, p, plen)
		return hdrlen
	}
	if !e {
		if ssap == dsap {
			if addrs == nil {
				b.printf("%s ", sapName(dsap, "DSAP"))
			} else {
				b.printf("%s > %s %s ", addrs.src, addrs.dst, sapName(dsap, "DSAP"))
			}
		} else if addrs == nil {
			b.printf("%s > %s ", sapName(ssap, "SSAP"), sapName(dsap, "DSAP"))
		} else {
			b.printf("%s %s > %s %s ", addrs.src, sapName(ssap, "SSAP"), addrs.dst, sapName(dsap, "DSAP"))
		}
	}
	flags := nameOr(llcFlags, uint16(ssapField&1)|control&0x10, "?")
	if isU {
		cmd := control & 0xef
		name, ok := llcCommands[cmd]
		if !ok {
			name = hex2(uint8(cmd))
		}
		b.printf("Unnumbered, %s, Flags [%s], length %d", name, flags, length)
		if control&^0x10 == 0xaf && plen > 0 {
			if len(p) < 1 {
				b.trunc("llc")
				return hdrlen
			}
			if p[0] == 0x81 {
				if len(p) < 3 || plen < 3 {
					b.trunc("llc")
					hexASCII(b, "\n\t", p, 0)
				} else {
					b.printf(": %02x %02x", p[1], p[2])
				}
				return hdrlen
			}
		}
		return -hdrlen
	}
	flags = nameOr(llcFlags, uint16(ssapField&1)|control&0x100, "?")
	if control&3 == 1 {
		b.printf("Supervisory, %s, rcv seq %d, Flags [%s], length %d",
			nameOr(llcSupervisory, (control>>2)&3, "?"), (control>>9)&0x7f, flags, length)
		return hdrlen
	}
	b.printf("Information, send seq %d, rcv seq %d, Flags [%s], length %d",
		(control>>1)&0x7f, (control>>9)&0x7f, flags, length)
	return -hdrlen
}

func sapName(sap uint8, what string) string {
	if s, ok := llcSAPs[sap]; ok {
		return s
	}
	return "Unknown " + what + " 0x" + hex2(sap)
}

func hex2(v uint8) string { return string([]byte{hexDigit(v >> 4), hexDigit(v & 15)}) }

// snap prints a SNAP header and what follows; false means tcpdump's
// snap_print did not know the payload.
func (d *dissector) snap(data []byte, length int, addrs *llcAddrs) bool {
	b := d.b
	if len(data) < 5 || length < 5 {
		b.trunc("snap")
		return true
	}
	oui := uint32(data[0])<<16 | uint32(data[1])<<8 | uint32(data[2])
	et := binary.BigEndian.Uint16(data[3:])
	if d.p.opts.LinkHeader {
		kind := "pid"
		if oui == 0 {
			kind = "ethertype"
		}
		b.printf("oui %s (0x%06x), %s %s (0x%04x), length %d: ", nameOr(ouiNames, oui, "Unknown"), oui,
			kind, snapPIDName(oui, et), et, length-5)
	}
	p, plen := data[5:], length-5
	switch oui {
	case 0x000000, 0x0000f8:
		if d.snapEtherType(et, p, plen, addrs) {
			return true
		}
	case 0x080007:
		if et == 0x809b && d.snapEtherType(et, p, plen, nil) {
			return true
		}
	case 0x00000c:
		switch et {
		case 0x2000:
			d.cdp(p, plen)
			return true
		case 0x010b:
			d.stp(p, plen)
			return true
		}
	case 0x0080c2:
		switch et {
		case 0x0001, 0x0007: // bridged Ethernet, after 2 bytes of padding
			if len(p) < 2 {
				b.trunc("snap")
				return true
			}
			d.ethernetBridged(p[2:], plen-2)
			return true
		}
	}
	if !d.p.opts.LinkHeader {
		if addrs != nil {
			b.printf("%s > %s ", addrs.src, addrs.dst)
		}
		if oui == 0 {
			b.printf("SNAP, ethertype %s (0x%04x), length %d: ", etherTypeName(et), et, plen)
		} else {
			b.printf("SNAP, oui %s (0x%06x), pid %s (0x%04x), length %d: ", nameOr(ouiNames, oui, "Unknown"), oui,
				snapPIDName(oui, et), et, plen)
		}
	}
	return false
}

// snapEtherType is ethertype_print for a SNAP payload: it reports whether
// the type was printed (the types tcpdump decodes that gocap does not are
// summarized on one line, as on Ethernet).
func (d *dissector) snapEtherType(et uint16, data []byte, length int, addrs *llcAddrs) bool {
	if d.etherType(et, data, length, addrs) {
		return true
	}
	if summarized[et] {
		d.b.printf("%s, length %d", etherTypeName(et), length)
		return true
	}
	return false
}

// ethernetBridged prints an Ethernet frame carried inside another link
// layer (RFC 1483/2684 bridged frames): ether_print with the caplen and
// length of the inner frame.
func (d *dissector) ethernetBridged(data []byte, length int) {
	saved := d.wireLen
	d.wireLen = length
	d.ethernet(data, length)
	d.wireLen = saved
}
