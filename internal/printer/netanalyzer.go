package printer

// Hilscher netANALYZER (DLT_NETANALYZER, DLT_NETANALYZER_TRANSPARENT):
// Ethernet behind a 4-byte pseudo-header (and, transparent, the preamble
// and start delimiter), as tcpdump's print-netanalyzer.c prints it.

func (d *dissector) netAnalyzer(p []byte, length, hdrLen int) int {
	if len(p) < hdrLen {
		if hdrLen == 4 {
			d.truncJmp("netanalyzer")
		} else {
			d.truncJmp("netanalyzer_transparent")
		}
		return len(p)
	}
	saved := d.wireLen
	d.wireLen = length - hdrLen
	n := d.ethernet(p[hdrLen:], length-hdrLen)
	d.wireLen = saved
	return hdrLen + n
}
