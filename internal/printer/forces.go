package printer

// ForCES (RFC 5810) over SCTP, as far as tcpdump's forces_print goes
// without -v: the message type. (With -v tcpdump decodes the header and
// TLVs, which gocap does not yet.)

var forcesTypes = map[byte]string{1: "Association Setup", 2: "Association TearDown", 3: "Config", 4: "Query",
	5: "Event Notification", 6: "Packet Redirect", 0x0f: "HeartBeat", 0x11: "Association Response",
	0x13: "Config Response", 0x14: "Query Response"}

func (d *dissector) forces(p []byte, length int) {
	if len(p) < 24 || length < 24 {
		return
	}
	if name, ok := forcesTypes[p[1]]; ok {
		d.b.printf("\n\tForCES %s ", name)
	}
}
