package printer

// otv prints an OTV header (draft-hasmit-otv-04, UDP 8472) and the
// Ethernet frame it carries on a new line, as tcpdump's otv_print.
func (d *dissector) otv(data []byte, length int) {
	b := d.b
	b.str("OTV, ")
	if length < 8 {
		b.printf("[length %d < 8] (invalid)", length)
		return
	}
	if len(data) < 1 {
		d.truncJmp("otv")
		return
	}
	flag := "."
	if data[0]&0x08 != 0 {
		flag = "I"
	}
	b.printf("flags [%s] (0x%02x), ", flag, data[0])
	if len(data) < 4 {
		d.truncJmp("otv")
		return
	}
	b.printf("overlay %d, ", h2u24(data[1:]))
	if len(data) < 7 {
		d.truncJmp("otv")
		return
	}
	b.printf("instance %d\n", h2u24(data[4:]))
	if len(data) < 8 {
		d.truncJmp("otv")
		return
	}
	d.ethernet(data[8:], length-8)
}
