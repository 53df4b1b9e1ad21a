package printer

// IP over Fibre Channel (DLT_IP_OVER_FC, RFC 2625), as tcpdump's
// print-ipfc.c prints it: network headers whose low 48 bits are MAC
// addresses, then 802.2 LLC.

func (d *dissector) ipfc(p []byte, length int) int {
	b := d.b
	if len(p) < 16 {
		d.truncJmp("ipfc")
		return len(p)
	}
	dst, src := macString(p[2:8]), macString(p[10:16])
	if d.p.opts.LinkHeader {
		b.printf("%s > %s, length %d: ", src, dst, length)
	}
	return 16 + d.llc(p[16:], length-16, &llcAddrs{src: src, dst: dst})
}
