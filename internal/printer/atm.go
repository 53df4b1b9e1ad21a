package printer

import "encoding/binary"

// ATM: SunATM's pseudo-header (DLT_SUNATM), RFC 1483 LLC encapsulation
// (DLT_ATM_RFC1483) and Linux Classical IP (DLT_ATM_CLIP), as tcpdump's
// print-atm.c, print-sunatm.c and print-cip.c print them.

// atmLLC prints an LLC-encapsulated PDU, dumping what it cannot decode.
func (d *dissector) atmLLC(p []byte, length int) int {
	return d.llc(p, length, nil)
}

// sunATM prints the 4-byte SunATM header's frame.
func (d *dissector) sunATM(p []byte, length int) int {
	b := d.b
	if len(p) >= 1 && d.p.opts.LinkHeader {
		if p[0]&0x80 != 0 {
			b.str("Tx: ")
		} else {
			b.str("Rx: ")
		}
	}
	if len(p) < 4 {
		d.truncJmp("sunatm")
		return len(p)
	}
	vpi, vci := p[1], binary.BigEndian.Uint16(p[2:])
	traffic := p[0] & 0x0f
	q, l := p[4:], length-4
	if d.p.opts.LinkHeader {
		b.printf("VPI:%d VCI:%d ", vpi, vci)
	}
	if vpi == 0 {
		switch vci {
		case 0x05:
			d.atmSignalling(q)
			return 4
		case 0x02:
			b.str("broadcast sig: ")
			return 4
		case 0x01:
			b.str("meta: ")
			return 4
		case 0x10:
			b.str("ilmi: ")
			return 4
		}
	}
	// tcpdump counts only the SunATM header as the link header.
	if traffic == 0x01 {
		// LANE: an LE header, then an Ethernet frame.
		if len(q) < 2 {
			d.truncJmp("lane")
			return 4
		}
		b.printf("lecid:%d ", binary.BigEndian.Uint16(q))
		saved := d.wireLen
		d.wireLen = l - 2
		d.ethernet(q[2:], l-2)
		d.wireLen = saved
		return 4
	}
	d.atmLLC(q, l)
	return 4
}

var q2931Messages = map[uint8]string{
	0x02: "Call_proceeding", 0x07: "Connect", 0x0f: "Connect_ack", 0x05: "Setup", 0x4d: "Release",
	0x5a: "Release_complete", 0x46: "Restart", 0x4e: "Restart_ack", 0x7d: "Status", 0x75: "Status_enquiry",
	0x80: "Add_party", 0x81: "Add_party_ack", 0x82: "Add_party_reject", 0x83: "Drop-party", 0x84: "Drop-party_ack",
}

// atmSignalling is tcpdump's sig_print (UNI signalling on VCI 5).
func (d *dissector) atmSignalling(p []byte) {
	b := d.b
	if len(p) < 1 {
		d.truncJmp("atm")
		return
	}
	if p[0] != 0x09 {
		b.printf("SSCOP, proto %d ", p[0])
		return
	}
	b.str("Q.2931")
	if len(p) < 6 {
		d.truncJmp("atm")
		return
	}
	if s, ok := q2931Messages[p[5]]; ok {
		b.printf(":%s ", s)
	} else {
		b.printf(":msgtype#%d ", p[5])
	}
	b.printf("CALL_REF:0x%06x", uint32(p[2])<<16|uint32(p[3])<<8|uint32(p[4]))
}

// atmRFC1483 prints an RFC 1483 PDU (or one behind a Fore 802.6 header).
func (d *dissector) atmRFC1483(p []byte, length int) int {
	b := d.b
	if len(p) < 1 {
		d.truncJmp("atm")
		return 0
	}
	if p[0] == 0x03 {
		if d.p.opts.LinkHeader {
			b.str("CNLPID ")
		}
		if len(p) > 1 {
			b.printf("%s, length %d", nameOr(osiNLPIDs, p[1], "OSI NLPID 0x"+hex2(p[1])), length-1)
		}
		return 1
	}
	if len(p) < 3 {
		d.truncJmp("atm")
		return 0
	}
	hdr := 0
	if llc := uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2]); llc != 0xaaaa03 && llc != 0xfefe03 && llc != 0x060603 {
		if len(p) < 20 {
			d.truncJmp("atm")
			return len(p)
		}
		if d.p.opts.LinkHeader {
			b.printf("%08x%08x %08x%08x ", binary.BigEndian.Uint32(p), binary.BigEndian.Uint32(p[4:]),
				binary.BigEndian.Uint32(p[8:]), binary.BigEndian.Uint32(p[12:]))
		}
		p, length, hdr = p[20:], length-20, 20
	}
	return hdr + d.atmLLC(p, length)
}

// clip prints a Linux Classical IP over ATM frame: LLC/SNAP, or bare IP.
func (d *dissector) clip(p []byte, length int) int {
	if d.p.opts.LinkHeader {
		d.b.printf("%d: ", length)
	}
	if len(p) < 6 {
		d.truncJmp("cip")
		return len(p)
	}
	if p[0] == 0xaa && p[1] == 0xaa && p[2] == 0x03 && p[3] == 0 && p[4] == 0 && p[5] == 0 {
		return d.atmLLC(p, length)
	}
	d.ip4(p, length)
	return 0
}
