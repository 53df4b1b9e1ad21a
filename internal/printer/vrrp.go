package printer

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
