package printer

import "encoding/binary"

// vxlan prints RFC 7348 VXLAN and the frame it carries, on a new line as
// tcpdump does.
func (d *dissector) vxlan(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		b.trunc("vxlan")
		return
	}
	flags := data[0]
	b.str("VXLAN, flags [")
	if flags&0x08 != 0 {
		b.str("I")
	} else {
		b.str(".")
	}
	b.printf("] (0x%02x), vni %d\n", flags, binary.BigEndian.Uint32(data[4:])>>8)
	d.ethernet(data[8:], length-8)
}
