package printer

var ospfTypes = map[uint8]string{1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update", 5: "LS-Ack"}

// ospf prints the OSPFv2/v3 summary line (without -v).
func (d *dissector) ospf(data []byte, length int) {
	if len(data) < 2 {
		d.truncJmp("ospf")
		return
	}
	d.b.printf("OSPFv%d, %s, length %d", data[0], nameOr(ospfTypes, data[1], "unknown packet type ("+itoa(int(data[1]))+")"), length)
}
