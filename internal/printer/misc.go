package printer

import "encoding/binary"

// This file holds the short printers of protocols common enough in
// captures to be worth a line identical to tcpdump's.

// gre prints GRE version 0 (RFC 2784/2890) and what it carries.
func (d *dissector) gre(data []byte, length int) {
	b := d.b
	if len(data) < 4 {
		d.truncJmp("gre")
		return
	}
	flags := binary.BigEndian.Uint16(data)
	ver := flags & 7
	b.printf("GREv%d", ver)
	if ver != 0 {
		return
	}
	proto := binary.BigEndian.Uint16(data[2:])
	off := 4
	if flags&0xc000 != 0 {
		off += 4
	}
	if flags&0x2000 != 0 {
		if len(data) < off+4 {
			d.truncJmp("gre")
			return
		}
		b.printf(", key=0x%x", binary.BigEndian.Uint32(data[off:]))
		off += 4
	}
	if flags&0x1000 != 0 {
		if len(data) < off+4 {
			d.truncJmp("gre")
			return
		}
		b.printf(", seq %d", binary.BigEndian.Uint32(data[off:]))
		off += 4
	}
	b.printf(", length %d: ", length)
	if len(data) < off {
		d.truncJmp("gre")
		return
	}
	inner, ilen := data[off:], length-off
	switch proto {
	case 0x0800:
		d.ip4(inner, ilen)
	case 0x86dd:
		d.ip6(inner, ilen)
	case 0x8847:
		d.mpls(inner, ilen)
	case 0x6558:
		d.ethernet(inner, ilen)
	default:
		b.printf("gre-proto-0x%x", proto)
	}
}

// vrrp prints VRRP advertisements as vrrp_print does without -v.
func (d *dissector) vrrp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		d.truncJmp("vrrp")
		return
	}
	ver, typ := data[0]>>4, data[0]&0x0f
	b.printf("VRRPv%d, ", ver)
	if typ == 1 {
		b.str("Advertisement")
	} else {
		b.printf("unknown type (%d)", typ)
	}
	if ver < 2 || ver > 3 || typ != 1 {
		return
	}
	if len(data) < 6 {
		d.truncJmp("vrrp")
		return
	}
	b.printf(", vrid %d, prio %d", data[1], data[2])
	if ver == 2 {
		auth := map[byte]string{0: "none", 1: "simple", 2: "ah"}[data[4]]
		b.printf(", authtype %s, intvl %ds, length %d", auth, data[5], length)
		return
	}
	b.printf(", intvl %dcs, length %d", int(data[4]&0x0f)<<8|int(data[5]), length)
}

// udpEncap is RFC 3948 ESP in UDP (port 4500).
func (d *dissector) udpEncap(data []byte, length int) {
	b := d.b
	if len(data) >= 4 && binary.BigEndian.Uint32(data) == 0 {
		b.printf("NONESP-encap: isakmp, length %d", length-4)
		return
	}
	b.str("UDP-encap: ")
	if len(data) < 8 {
		d.truncJmp("esp")
		return
	}
	b.printf("ESP(spi=0x%08x,seq=0x%x), length %d", binary.BigEndian.Uint32(data), binary.BigEndian.Uint32(data[4:]), length)
}

var eapolTypes = map[uint8]string{0: "EAP packet", 1: "EAPOL start", 2: "EAPOL logoff", 3: "EAPOL key", 4: "Encapsulated ASF alert"}

// eapol prints the 802.1X header line.
func (d *dissector) eapol(data []byte) {
	b := d.b
	if len(data) < 4 {
		d.truncJmp("eap")
		return
	}
	b.printf("%s (%d) v%d, len %d", nameOr(eapolTypes, data[1], "unknown"), data[1], data[0], binary.BigEndian.Uint16(data[2:]))
}

// igmp prints IGMP as igmp_print does without -v.
func (d *dissector) igmp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		d.truncJmp("igmp")
		return
	}
	addr := func() (string, bool) {
		if len(data) < 8 {
			d.truncJmp("igmp")
			return "", false
		}
		return d.p.host(data[4:8]), true
	}
	switch data[0] {
	case 0x11:
		b.str("igmp query")
		if length >= 12 {
			b.str(" v3")
			if len(data) >= 8 && nonzero(data[4:8]) {
				g, _ := addr()
				b.printf(" [gaddr %s", g)
				if len(data) >= 12 {
					if n := binary.BigEndian.Uint16(data[10:]); n > 0 {
						b.printf(" { %d source(s) }", n)
					}
				}
				b.str("]")
			}
			return
		}
		if len(data) < 8 {
			d.truncJmp("igmp")
			return
		}
		if mrc := data[1]; mrc != 100 {
			b.printf(" [intvl %d]", mrc)
		}
		if nonzero(data[4:8]) {
			g, _ := addr()
			b.printf(" [gaddr %s]", g)
		}
		if length != 8 {
			b.printf(" [len %d]", length)
		}
	case 0x12, 0x16, 0x17:
		g, ok := addr()
		if !ok {
			return
		}
		b.printf("igmp %s %s", map[byte]string{0x12: "v1 report", 0x16: "v2 report", 0x17: "leave"}[data[0]], g)
	case 0x22:
		b.str("igmp v3 report")
		if len(data) < 8 {
			d.truncJmp("igmp")
			return
		}
		b.printf(", %d group record(s)", binary.BigEndian.Uint16(data[6:]))
	case 0x14:
		if len(data) < 2 {
			d.truncJmp("igmp")
			return
		}
		b.printf("igmp pimv1 %s", nameOr(pimv1Types, data[1], "[type "+itoa(int(data[1]))+"]"))
	default:
		b.printf("igmp-%d", data[0])
	}
}

var pimTypes = map[uint8]string{0: "Hello", 1: "Register", 2: "Register Stop", 3: "Join / Prune",
	4: "Bootstrap", 5: "Assert", 6: "Graft", 7: "Graft Acknowledgement", 8: "Candidate RP Advertisement"}

// pim prints the PIMv2 summary line (without -v).
func (d *dissector) pim(data []byte, length int) {
	if len(data) < 1 {
		d.truncJmp("pim")
		return
	}
	ver, typ := data[0]>>4, data[0]&0x0f
	if ver != 2 {
		d.b.printf("PIMv%d, length %d", ver, length)
		return
	}
	d.b.printf("PIMv%d, %s, length %d", ver, nameOr(pimTypes, typ, "Unknown Type"), length)
}

var ospfTypes = map[uint8]string{1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update", 5: "LS-Ack"}

// ospf prints the OSPFv2/v3 summary line (without -v).
func (d *dissector) ospf(data []byte, length int) {
	if len(data) < 2 {
		d.truncJmp("ospf")
		return
	}
	d.b.printf("OSPFv%d, %s, length %d", data[0], nameOr(ospfTypes, data[1], "unknown packet type ("+itoa(int(data[1]))+")"), length)
}

// ah prints an IPsec Authentication Header and returns its length (0 when
// truncated: the marker is printed).
func (d *dissector) ah(data []byte) int {
	b := d.b
	if len(data) < 12 {
		d.truncJmp("ah")
		return 0
	}
	sumlen := int(data[1]) << 2
	b.printf("AH(spi=0x%08x", binary.BigEndian.Uint32(data[4:]))
	if d.p.opts.Verbose > 0 {
		b.printf(",sumlen=%d", sumlen)
	}
	b.printf(",seq=0x%x", binary.BigEndian.Uint32(data[8:]))
	if len(data) < 8+sumlen {
		b.str(")")
		d.b.trunc("ah")
		return 0
	}
	b.str(",icv=0x")
	for _, c := range data[12 : 8+sumlen] {
		b.printf("%02x", c)
	}
	b.str("): ")
	return 8 + sumlen
}

var pimv1Types = map[uint8]string{0: "Query", 1: "Register", 2: "Register-Stop", 3: "Join/Prune",
	4: "RP-reachable", 5: "Assert", 6: "Graft", 7: "Graft-ACK", 8: "Mode"}

// bfd prints a BFD version 1 control or echo packet summary (RFC 5880).
func (d *dissector) bfd(data []byte, length int, port uint16) {
	b := d.b
	if len(data) < 2 {
		d.truncJmp("bfd")
		return
	}
	ver := data[0] >> 5
	if ver != 1 {
		b.printf("BFDv%d, length: %d", ver, length)
		return
	}
	kind := map[uint16]string{3784: "Control", 3785: "Echo", 4784: "Multihop Control"}[port]
	state := []string{"AdminDown", "Down", "Init", "Up"}[data[1]>>6]
	var fl []string
	for _, f := range []struct {
		bit  byte
		name string
	}{{0x20, "Poll"}, {0x10, "Final"}, {0x08, "Control Plane Independent"}, {0x04, "Authentication Present"}, {0x02, "Demand"}, {0x01, "Multipoint"}} {
		if data[1]&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	b.printf("BFDv%d, %s, State %s, Flags: [%s], length: %d", ver, kind, state, fs, length)
}

// ldp prints the first LDP PDU header (RFC 5036), as tcpdump does without
// -v; a segment holding only a common and a message header prints nothing.
func (d *dissector) ldp(data []byte, length int) {
	b := d.b
	if length <= 18 {
		return
	}
	sep := ""
	if d.p.opts.Verbose > 0 {
		sep = "\n\t"
	}
	if len(data) < 10 {
		d.truncJmp("ldp")
		return
	}
	if v := binary.BigEndian.Uint16(data); v != 1 {
		b.printf("%sLDP version %d packet not supported", sep, v)
		return
	}
	pdu := binary.BigEndian.Uint16(data[2:])
	if pdu < 6 {
		b.printf("%sLDP, pdu-length: %d (too short, < 6)", sep, pdu)
		return
	}
	b.printf("%sLDP, Label-Space-ID: %s:%d, pdu-length: %d", sep, d.p.host(data[4:8]), binary.BigEndian.Uint16(data[8:]), pdu)
}

var stpFlags = []struct {
	bit  byte
	name string
}{{0x01, "Topology change"}, {0x02, "Proposal"}, {0x10, "Learn"}, {0x20, "Forward"}, {0x40, "Agreement"}, {0x80, "Topology change ACK"}}

// mstp prints an 802.1s MSTP BPDU summary; ok is false for the other
// spanning-tree versions, which gocap leaves to the generic LLC line.
func (d *dissector) mstp(data []byte, length int) bool {
	if len(data) < 5 || data[0] != 0 || data[1] != 0 || data[2] != 3 || data[3] != 2 {
		return false
	}
	var fl []string
	for _, f := range stpFlags {
		if data[4]&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	d.b.printf("STP 802.1s, Rapid STP, CIST Flags [%s], length %d", fs, length)
	return true
}
