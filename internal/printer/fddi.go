package printer

// FDDI (DLT_FDDI), as tcpdump's print-fddi.c prints it (addresses as
// captured: tcpdump does not bit-swap them on Linux).

func fddiFC(fc uint8) string {
	switch fc {
	case 0x40:
		return "void "
	case 0x80:
		return "nrt "
	case 0xc0:
		return "rt "
	case 0x41:
		return "info "
	case 0x4f:
		return "nsa "
	case 0xc2:
		return "beacon "
	case 0xc3:
		return "claim "
	}
	z := string(hexDigit(fc & 0x0f))
	switch fc & 0xf0 {
	case 0xc0:
		return "mac" + z + " "
	case 0x40:
		return "smt" + z + " "
	case 0x50:
		return "async" + z + " "
	case 0xd0:
		return "sync" + z + " "
	case 0x60:
		return "imp_async" + z + " "
	case 0xe0:
		return "imp_sync" + z + " "
	}
	return hex2(fc) + " "
}

func (d *dissector) fddiHeader(fc uint8, length int, src, dst []byte) {
	b := d.b
	if !d.p.opts.Quiet {
		b.str(fddiFC(fc))
	}
	b.printf("%s > %s, length %d: ", macString(src), macString(dst), length)
}

func (d *dissector) fddi(p []byte, length int) int {
	b := d.b
	if len(p) < 13 {
		b.trunc("fddi")
		return len(p)
	}
	fc, dst, src := p[0], p[1:7], p[7:13]
	if d.p.opts.LinkHeader {
		d.fddiHeader(fc, length, src, dst)
	}
	q, l := p[13:], length-13
	switch fc & 0xf0 {
	case 0x50:
		n := d.llcPayload(q, l, &llcAddrs{src: macString(src), dst: macString(dst)})
		if n < 0 {
			if !d.p.suppressDefault() {
				hexASCII(b, "\n\t", q, 0)
			}
			n = -n
		}
		return 13 + n
	case 0x40:
		b.str("<SMT printer not yet implemented>")
	default:
		if !d.p.opts.LinkHeader {
			d.fddiHeader(fc, length, src, dst)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", q, 0)
		}
	}
	return 13
}
