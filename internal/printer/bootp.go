package printer

// bootp prints the BOOTP/DHCP summary line (without -v).
func (d *dissector) bootp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		b.trunc("bootp")
		return
	}
	op := data[0]
	switch op {
	case 1:
		b.str("BOOTP/DHCP, Request")
	case 2:
		b.str("BOOTP/DHCP, Reply")
	default:
		b.printf("BOOTP/DHCP, unknown (0x%02x)", op)
	}
	if len(data) < 34 {
		b.trunc("bootp")
		return
	}
	if data[1] == 1 && data[2] == 6 && op == 1 {
		b.str(" from " + macString(data[28:34]))
	}
	b.printf(", length %d", length)
}
