package printer

import "encoding/binary"

// ARCnet, BSD (DLT_ARCNET) and Linux (DLT_ARCNET_LINUX) headers, as
// tcpdump's print-arcnet.c prints them.

var arcTypes = map[uint8]string{
	0xf0: "oldip", 0xf1: "oldarp", 0xd4: "ip", 0xd5: "arp", 0xd6: "rarp", 0xdd: "atalk",
	0xf7: "banyan", 0xfa: "ipx", 0xc4: "ipv6", 0x80: "diag",
}

// arcnetHeader is arcnet_print; typ is the byte it reads as the type
// (for Linux headers, tcpdump reads the offset field's first byte).
func (d *dissector) arcnetHeader(src, dst, typ uint8, length int, phds bool, flag uint8, seqid uint16) {
	b := d.b
	if d.p.opts.Quiet {
		b.printf("%02x %02x %d: ", src, dst, length)
		return
	}
	name, ok := arcTypes[typ]
	if !ok {
		name = hex2(typ)
	}
	switch {
	case !phds:
		b.printf("%02x %02x %s %d: ", src, dst, name, length)
	case flag == 0:
		b.printf("%02x %02x %s seqid %04x %d: ", src, dst, name, seqid, length)
	case flag&1 != 0:
		b.printf("%02x %02x %s seqid %04x (first of %d fragments) %d: ", src, dst, name, seqid, (int(flag)+3)/2, length)
	default:
		b.printf("%02x %02x %s seqid %04x (fragment %d) %d: ", src, dst, name, seqid, flag/2+1, length)
	}
}

// arcnetPayload is arcnet_encap_print; false for a type it does not know.
func (d *dissector) arcnetPayload(typ uint8, p []byte, length int) bool {
	switch typ {
	case 0xf0, 0xd4:
		d.ip4(p, length)
	case 0xc4:
		d.ip6(p, length)
	case 0xf1, 0xd5, 0xd6:
		d.arp(p, length)
	case 0xfa:
		d.ipx(p)
	default:
		return false
	}
	return true
}

func (d *dissector) arcnet(p []byte, length int) int {
	b := d.b
	if len(p) < 3 {
		d.truncJmp("arcnet")
		return len(p)
	}
	typ := p[2]
	phds := true
	hdr := 0
	var flag uint8
	var seqid uint16
	switch typ {
	case 0xf0, 0xf1, 0x80:
		phds, hdr = false, 3
	}
	if phds {
		if len(p) < 6 {
			d.arcnetHeader(p[0], p[1], typ, length, false, 0, 0)
			b.str(" phds")
			d.truncJmp("arcnet")
			return len(p)
		}
		flag = p[3]
		if flag == 0xff {
			if len(p) < 10 {
				d.arcnetHeader(p[0], p[1], typ, length, false, 0, 0)
				b.str(" phds extended")
				d.truncJmp("arcnet")
				return len(p)
			}
			flag = p[7]
			seqid = binary.BigEndian.Uint16(p[8:])
			hdr = 10
		} else {
			seqid = binary.BigEndian.Uint16(p[4:])
			hdr = 6
		}
	}
	if d.p.opts.LinkHeader {
		d.arcnetHeader(p[0], p[1], typ, length, phds, flag, seqid)
	}
	if phds && flag != 0 && flag&1 == 0 {
		return hdr // a middle fragment
	}
	if !d.arcnetPayload(typ, p[hdr:], length-hdr) {
		// tcpdump dumps it whatever -x, -X or -q say.
		hexASCII(b, "\n\t", p[hdr:], 0)
	}
	return hdr
}

func (d *dissector) arcnetLinux(p []byte, length int) int {
	b := d.b
	if len(p) < 5 {
		d.truncJmp("arcnet_linux")
		return len(p)
	}
	typ := p[4]
	hdr := 5
	switch typ {
	case 0xf0, 0xf1, 0x80:
	default:
		hdr = 8
		if len(p) < 8 {
			d.truncJmp("arcnet_linux")
			return len(p)
		}
		// tcpdump reads a sequence number past the 8-byte header.
		if len(p) < 12 {
			d.truncJmp("arcnet_linux")
			return len(p)
		}
	}
	if d.p.opts.LinkHeader {
		d.arcnetHeader(p[0], p[1], p[2], length, false, 0, 0)
	}
	if !d.arcnetPayload(typ, p[hdr:], length-hdr) {
		hexASCII(b, "\n\t", p[hdr:], 0)
	}
	return hdr
}
