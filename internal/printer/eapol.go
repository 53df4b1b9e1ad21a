package printer

import "encoding/binary"

var eapolTypes = map[uint8]string{0: "EAP packet", 1: "EAPOL start", 2: "EAPOL logoff", 3: "EAPOL key", 4: "Encapsulated ASF alert"}

// eapol prints the 802.1X header line.
func (d *dissector) eapol(data []byte) {
	b := d.b
	if len(data) < 4 {
		d.truncJmp("eap")
		return
	}
	length := int(binary.BigEndian.Uint16(data[2:]))
	b.printf("%s (%d) v%d, len %d", nameOr(eapolTypes, data[1], "unknown"), data[1], data[0], length)
	if d.p.opts.Verbose == 0 || data[1] != 0 {
		return
	}
	if length == 0 {
		b.str(", empty")
		return
	}
	b.str(", ")
	d.eap(data[4:])
}

var eapCodes = map[byte]string{1: "Request", 2: "Response", 3: "Success", 4: "Failure"}

var eapTypes = map[byte]string{1: "Identity", 2: "Notification", 3: "Nak", 4: "MD5-challenge", 5: "OTP",
	6: "GTC", 13: "TLS", 17: "LEAP", 18: "SIM", 21: "TTLS", 23: "AKA", 25: "PEAP", 26: "MSCHAPv2",
	43: "FAST", 254: "Expanded types", 255: "Experimental"}

var eapAKASubtypes = map[byte]string{1: "Challenge", 2: "Authentication-Reject", 4: "Synchronization-Failure",
	5: "Identity", 10: "Start", 11: "Challenge", 12: "Notification", 13: "Reauthentication", 14: "Client-Error"}

var eapTLSFlags = []bitName{{0x80, "L bit"}, {0x40, "More fragments bit"}, {0x20, "Start bit"}}

// eap prints an EAP packet (RFC 3748) as tcpdump's eap_print.
func (d *dissector) eap(p []byte) {
	b := d.b
	if len(p) < 4 {
		d.truncJmp("eap")
		return
	}
	code, l := p[0], int(binary.BigEndian.Uint16(p[2:]))
	b.printf("%s (%d), id %d, len %d", nameOr(eapCodes, code, "unknown"), code, p[1], l)
	if len(p) < l {
		d.truncJmp("eap")
		return
	}
	if (code != 1 && code != 2) || l < 5 {
		return
	}
	typ := p[4]
	b.printf("\n\t\t Type %s (%d)", nameOr(eapTypes, typ, "unknown"), typ)
	switch typ {
	case 1, 2:
		if l > 5 {
			b.str(map[byte]string{1: ", Identity: ", 2: ", Notification: "}[typ])
			d.printjnp(p[5:l], l-5, "eap")
		}
	case 3:
		for _, t := range p[5:l] {
			b.printf(" %s (%d),", nameOr(eapTypes, t, "unknown"), t)
		}
	case 13, 21, 43:
		if l < 6 {
			d.truncJmp("eap")
			return
		}
		f := p[5]
		switch typ {
		case 21:
			b.printf(" TTLSv%d", f&7)
		case 43:
			b.printf(" FASTv%d", f&7)
		}
		b.printf(" flags [%s] 0x%02x", bits32(uint32(f), eapTLSFlags, "none"), f)
		if f&0x80 != 0 {
			if l < 10 {
				d.truncJmp("eap")
				return
			}
			b.printf(" len %d", binary.BigEndian.Uint32(p[6:]))
		}
	case 18, 23:
		if l < 6 {
			d.truncJmp("eap")
			return
		}
		b.printf(" subtype [%s] 0x%02x", nameOr(eapAKASubtypes, p[5], "unknown"), p[5])
	}
}
