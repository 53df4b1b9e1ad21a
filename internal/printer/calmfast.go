package printer

// ISO CALM FAST (Ethernet type 0x1111) as tcpdump's calm_fast_print:
// the source address and the two network references; -v dumps the rest.
func (d *dissector) calmFast(p []byte, length int, addrs *llcAddrs) {
	b := d.b
	b.str("CALM FAST")
	if addrs != nil {
		b.str(" src:" + addrs.src)
	}
	b.str("; ")
	if length < 2 {
		b.printf(" (length %d < 2) (invalid)", length)
		if len(p) < length {
			d.truncJmp("calm_fast")
		}
		return
	}
	if len(p) < 1 {
		d.truncJmp("calm_fast")
		return
	}
	b.printf("SrcNwref:%d; ", p[0])
	if len(p) < 2 {
		d.truncJmp("calm_fast")
		return
	}
	b.printf("DstNwref:%d; ", p[1])
	if d.p.opts.Verbose > 0 {
		d.defaultPrint(p[2:], length-2, "calm_fast")
	}
}
