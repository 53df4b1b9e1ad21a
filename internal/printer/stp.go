package printer

var stpFlags = []struct {
	bit  byte
	name string
}{{0x01, "Topology change"}, {0x02, "Proposal"}, {0x10, "Learn"}, {0x20, "Forward"}, {0x40, "Agreement"}, {0x80, "Topology change ACK"}}

// mstp prints an 802.1s MSTP BPDU summary; ok is false for the other
// spanning-tree versions, which gocap leaves to the generic LLC line.
func (d *dissector) mstp(data []byte, length int) bool {
	if len(data) < 5 || data[0] != 0 || data[1] != 0 || data[2] != 3 || data[3] != 2 {
		return false
	}
	var fl []string
	for _, f := range stpFlags {
		if data[4]&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	d.b.printf("STP 802.1s, Rapid STP, CIST Flags [%s], length %d", fs, length)
	return true
}
