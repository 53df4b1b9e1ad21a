package printer

var ntpModes = []string{"unspecified", "symmetric active", "symmetric passive", "Client", "Server", "Broadcast", "Control Message", "Reserved"}

// ntp prints the NTP summary line (without -v).
func (d *dissector) ntp(data []byte, length int) {
	if len(data) < 1 {
		d.b.trunc("ntp")
		return
	}
	d.b.printf("NTPv%d, %s, length %d", (data[0]>>3)&7, ntpModes[data[0]&7], length)
}
