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
	b.printf("%s (%d) v%d, len %d", nameOr(eapolTypes, data[1], "unknown"), data[1], data[0], binary.BigEndian.Uint16(data[2:]))
}
