package printer

import "encoding/binary"

// Switch tags inside Ethernet frames: Marvell DSA and EDSA
// (DLT_DSA_TAG_DSA, DLT_DSA_TAG_EDSA) and Broadcom's tag after the
// addresses or in front of the frame (DLT_DSA_TAG_BRCM,
// DLT_DSA_TAG_BRCM_PREPEND), as tcpdump's print-dsa.c and
// print-brcmtag.c print them.

var dsaModes = []string{"To CPU", "From CPU", "To Sniffer", "Forward"}

var dsaCodes = map[uint8]string{0: "BPDU (MGMT) Trap", 1: "Frame2Reg", 2: "IGMP/MLD Trap", 3: "Policy Trap", 4: "ARP Mirror", 5: "Policy Mirror"}

// dsaTagCommon prints the 4-byte DSA tag shared by DSA and EDSA.
func (d *dissector) dsaTagCommon(p []byte) {
	b := d.b
	mode := p[0] >> 6
	tagged := p[0]&0x20 != 0
	dev, port := p[0]&0x1f, p[1]>>3
	trunk := p[1]&0x04 != 0
	vid := uint16(p[2]&0x0f)<<8 | uint16(p[3])
	if d.p.opts.LinkHeader {
		b.printf("mode %s, ", dsaModes[mode])
		switch mode {
		case 3:
			kind := "port"
			if trunk {
				kind = "trunk"
			}
			b.printf("dev %d, %s %d, ", dev, kind, port)
		case 1:
			b.printf("target dev %d, port %d, ", dev, port)
		case 0:
			b.printf("source dev %d, port %d, ", dev, port)
			code := (p[1]&0x06)>>1<<1 | (p[2]&0x10)>>4
			b.printf("code %s, ", nameOr(dsaCodes, code, "reserved"))
		case 2:
			b.printf("source dev %d, port %d, ", dev, port)
			if trunk {
				b.str("ingress sniff, ")
			} else {
				b.str("egress sniff, ")
			}
		}
		if tagged {
			b.str("tagged, ")
		} else {
			b.str("untagged, ")
		}
		if p[1]&0x01 != 0 {
			b.str("CFI, ")
		}
		b.printf("VID %d, FPri %d, ", vid, p[2]>>5)
		return
	}
	switch mode {
	case 3:
		kind := "port"
		if trunk {
			kind = "trunk"
		}
		b.printf("Forward %s %d.%d, ", kind, dev, port)
	case 1:
		b.printf("CPU > port %d.%d, ", dev, port)
	case 0:
		b.printf("port %d.%d > CPU, ", dev, port)
	case 2:
		dir := "Tx"
		if trunk {
			dir = "Rx"
		}
		b.printf("port %d.%d > %s Sniffer, ", dev, port, dir)
	}
	t := 'u'
	if tagged {
		t = 't'
	}
	b.printf("VLAN %d%c, ", vid, t)
}

func (d *dissector) dsaTag(p []byte) {
	if d.p.opts.LinkHeader {
		d.b.str("Marvell DSA ")
	} else {
		d.b.str("DSA ")
	}
	d.dsaTagCommon(p)
}

func (d *dissector) edsaTag(p []byte) {
	et := binary.BigEndian.Uint16(p)
	if d.p.opts.LinkHeader {
		d.b.printf("Marvell EDSA ethertype 0x%04x (%s), rsvd %d %d, ", et, etherTypeName(et), p[2], p[3])
	} else {
		d.b.printf("EDSA 0x%04x, ", et)
	}
	d.dsaTagCommon(p[4:])
}

var brcmTE = []string{"None", "Untag", "Header", "Reserved"}

var brcmRC = map[uint8]string{1: "mirror", 2: "MAC learning", 4: "switching", 8: "prot term", 16: "prot snoop", 32: "exception"}

func (d *dissector) brcmTag(p []byte) {
	b := d.b
	op := "EG"
	if p[0] != 0 {
		op = "IG"
	}
	b.printf("BRCM tag OP: %s", op)
	if p[0]&0x20 != 0 {
		b.printf(", TC: %d, TE: %s, TS: %d, DST map: 0x%04x", (p[1]>>2)&7, brcmTE[p[1]&3], p[1]>>7,
			(uint16(p[2])<<8|uint16(p[3]))&0x1ff)
	} else {
		b.printf(", CID: %d, RC: %s, TC: %d, port: %d", p[1], nameOr(brcmRC, p[2], "reserved"), (p[3]>>5)&7, p[3]&0x1f)
	}
	b.str(", ")
}

// brcmPrepend prints a frame with Broadcom's tag in front of it.
func (d *dissector) brcmPrepend(p []byte, length int) int {
	if len(p) < 4 {
		d.truncJmp("brcm-tag-prepend")
		return len(p)
	}
	if length < 4 {
		d.b.trunc("brcm-tag-prepend")
		return length
	}
	if d.p.opts.LinkHeader {
		d.brcmTag(p)
	}
	saved := d.wireLen
	d.wireLen = length - 4
	n := d.ethernet(p[4:], length-4)
	d.wireLen = saved
	return 4 + n
}
