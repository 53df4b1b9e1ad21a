package printer

// vxlanGPE prints a VXLAN Generic Protocol Extension header
// (draft-ietf-nvo3-vxlan-gpe, UDP 4790) and what its next-protocol field
// says it carries (IPv4, IPv6, Ethernet, NSH; tcpdump 4.99 knows no other), as tcpdump's
// vxlan_gpe_print.
func (d *dissector) vxlanGPE(data []byte, length int) {
	b := d.b
	b.str("VXLAN-GPE, ")
	if length < 8 {
		b.printf(" (len %d < 8) (invalid)", length)
		return
	}
	if len(data) < 1 {
		d.truncJmp("vxlan_gpe")
		return
	}
	flags := data[0]
	var fl []byte
	for _, f := range []struct {
		bit  byte
		name byte
	}{{0x08, 'I'}, {0x04, 'P'}, {0x01, 'O'}} {
		if flags&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	if len(fl) == 0 {
		fl = []byte("none")
	}
	b.printf("flags [%s], ", fl)
	if len(data) < 8 {
		d.truncJmp("vxlan_gpe")
		return
	}
	next := data[3]
	b.printf("vni %d", h2u24(data[4:]))
	if d.p.opts.Verbose > 0 {
		b.str("\n    ")
	} else {
		b.str(": ")
	}
	p, n := data[8:], length-8
	switch next {
	case 1:
		d.ip4(p, n)
	case 2:
		d.ip6(p, n)
	case 3:
		d.ethernet(p, n)
	case 4:
		d.nsh(p, n)
	default:
		b.str("ERROR: unknown-next-protocol (invalid)")
	}
}
