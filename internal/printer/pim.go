package printer

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

var pimv1Types = map[uint8]string{0: "Query", 1: "Register", 2: "Register-Stop", 3: "Join/Prune",
	4: "RP-reachable", 5: "Assert", 6: "Graft", 7: "Graft-ACK", 8: "Mode"}
