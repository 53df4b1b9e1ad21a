package printer

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
