package printer

import (
	"encoding/binary"
	"time"
)

// Frame Relay (DLT_FRELAY) with Q.933 signalling (LMI), as tcpdump's
// print-fr.c prints it.

var nlpidNames = map[uint16]string{
	0x00: "NULL", 0x08: "Q.933", 0x09: "LMI", 0x80: "SNAP", 0x81: "CLNP", 0x82: "ES-IS",
	0x83: "IS-IS", 0x84: "CONS", 0x85: "IDRP", 0xb1: "FRF.15", 0xc1: "ISIS_SPB", 0xcc: "IPv4",
	0xcf: "PPP", 0x8a: "X25 ES-IS", 0x8e: "IPv6",
}

// q922 parses a Q.922 address: its length, DLCI and flag bits; ret is 1
// on success, 0 for an invalid address and -1 when cut short.
func q922(p []byte, length int) (addrLen int, dlci, flags uint32, ret int) {
	if len(p) < 1 || length < 1 {
		return 0, 0, 0, -1
	}
	if p[0]&1 != 0 {
		return 0, 0, 0, 0
	}
	if len(p) < 2 || length < 2 {
		return 0, 0, 0, -1
	}
	addrLen = 2
	dlci = uint32(p[0]&0xfc)<<2 | uint32(p[1]&0xf0)>>4
	flags = uint32(p[0]&0x02)<<24 | uint32(p[1]&0x0e)<<16
	if p[1]&1 != 0 {
		return addrLen, dlci, flags, 1
	}
	q, l := p[2:], length-2
	if len(q) < 1 || l < 1 {
		return addrLen, dlci, flags, -1
	}
	addrLen++
	if q[0]&1 == 0 {
		dlci = dlci<<7 | uint32(q[0]>>1)
		addrLen++
		q, l = q[1:], l-1
	}
	if len(q) < 1 || l < 1 {
		return addrLen, dlci, flags, -1
	}
	if q[0]&1 == 0 {
		return addrLen, dlci, flags, 0
	}
	flags |= uint32(q[0] & 0x02)
	dlci = dlci<<6 | uint32(q[0]>>2)
	return addrLen, dlci, flags, 1
}

func frFlags(flags uint32) string {
	s := ""
	for _, f := range []struct {
		bit  uint32
		name string
	}{{0x02000000, "C!"}, {0x00020000, "DE"}, {0x00040000, "BECN"}, {0x00080000, "FECN"}, {0x02, "sdlcore"}} {
		if flags&f.bit != 0 {
			if s != "" {
				s += ", "
			}
			s += f.name
		}
	}
	if s == "" {
		return "none"
	}
	return s
}

func (d *dissector) frHeader(length, addrLen int, dlci, flags uint32, nlpid uint16) {
	b := d.b
	switch {
	case d.p.opts.Quiet:
		b.printf("Q.922, DLCI %d, length %d: ", dlci, length)
	case nlpid <= 0xff:
		b.printf("Q.922, hdr-len %d, DLCI %d, Flags [%s], NLPID %s (0x%02x), length %d: ",
			addrLen, dlci, frFlags(flags), nameOr(nlpidNames, nlpid, "unknown"), nlpid, length)
	default:
		name := etherTypeName(nlpid)
		if name == "Unknown" {
			name = "unknown"
		}
		b.printf("Q.922, hdr-len %d, DLCI %d, Flags [%s], cisco-ethertype %s (0x%04x), length %d: ",
			addrLen, dlci, frFlags(flags), name, nlpid, length)
	}
}

// frIf is tcpdump's fr_if_print.
func (d *dissector) frIf(p []byte, length int) int {
	if len(p) < 4 {
		d.b.trunc("fr")
		return len(p)
	}
	return d.fr(p, length)
}

// fr is tcpdump's fr_print.
func (d *dissector) fr(p []byte, length int) int {
	b := d.b
	addrLen, dlci, flags, ret := q922(p, length)
	if ret == -1 {
		b.trunc("fr")
		return 0
	}
	if ret == 0 {
		b.str("Q.922, invalid address")
		return 0
	}
	if len(p) < addrLen+1 {
		d.truncJmp("fr")
		return 0
	}
	if length < addrLen+1 {
		b.trunc("fr")
		return 0
	}
	if p[addrLen] != 0x03 && dlci != 0 {
		if len(p) < addrLen+2 || length < addrLen+2 {
			b.printf("UI %02x! ", p[addrLen])
		} else {
			et := binary.BigEndian.Uint16(p[addrLen:])
			if d.p.opts.LinkHeader {
				d.frHeader(length, addrLen, dlci, flags, et)
			}
			if d.snapEtherType(et, p[addrLen+2:], length-addrLen-2, nil) {
				return addrLen + 2
			}
			b.printf("UI %02x! ", p[addrLen])
		}
	}
	if len(p) < addrLen+2 {
		d.truncJmp("fr")
		return 0
	}
	if length < addrLen+2 {
		b.trunc("fr")
		return 0
	}
	var hdrLen int
	if p[addrLen+1] == 0 {
		if addrLen != 3 {
			b.str("Pad! ")
		}
		hdrLen = addrLen + 3
	} else {
		if addrLen == 3 {
			b.str("No pad! ")
		}
		hdrLen = addrLen + 2
	}
	if len(p) < hdrLen {
		d.truncJmp("fr")
		return 0
	}
	if length < hdrLen {
		b.trunc("fr")
		return 0
	}
	nlpid := uint16(p[hdrLen-1])
	if d.p.opts.LinkHeader {
		d.frHeader(length, addrLen, dlci, flags, nlpid)
	}
	q, l := p[hdrLen:], length-hdrLen
	switch nlpid {
	case 0xcc:
		d.ip4(q, l)
	case 0x8e:
		d.ip6(q, l)
	case 0x80:
		if !d.snap(q, l, nil) {
			if !d.p.opts.LinkHeader {
				d.frHeader(l+hdrLen, hdrLen, dlci, flags, nlpid)
			}
			if !d.p.suppressDefault() {
				hexASCII(b, "\n\t", p[:min(len(p), l+hdrLen)], 0)
			}
		}
	case 0x08:
		d.q933(q, l)
	case 0xcf:
		d.ppp(q, l)
	case 0xb1:
		d.frf15(q, l)
	case 0x81, 0x82, 0x83:
		// OSI (tcpdump's isoclns_print decodes it; gocap names it).
		b.printf("%s, length %d", osiNLPIDs[uint8(nlpid)], l+1)
	default:
		if !d.p.opts.LinkHeader {
			d.frHeader(l+hdrLen, addrLen, dlci, flags, nlpid)
		}
		if d.p.opts.Hex == 0 {
			hexASCII(b, "\n\t", q[:min(len(q), max(l, 0))], 0)
		}
	}
	return hdrLen
}

var q933Messages = map[uint8]string{
	0x00: "ESC to National", 0x01: "Alert", 0x02: "Call proceeding", 0x07: "Connect", 0x0f: "Connect ACK",
	0x03: "Progress", 0x05: "Setup", 0x45: "Disconnect", 0x4d: "Release", 0x5a: "Release Complete",
	0x46: "Restart", 0x4e: "Restart ACK", 0x7d: "Status Reply", 0x75: "Status Enquiry",
}

var q933IEs = map[uint8]string{
	0x01: "ANSI Report Type", 0x19: "ANSI Link Verify", 0x03: "ANSI Link Verify", 0x07: "ANSI PVC Status",
	0x51: "CCITT Report Type", 0x53: "CCITT Link Verify", 0x57: "CCITT PVC Status",
}

// q933 is tcpdump's q933_print (the LMI messages of Frame Relay).
func (d *dissector) q933(p []byte, length int) {
	b := d.b
	v, e := d.p.opts.Verbose, d.p.opts.LinkHeader
	if !e {
		b.str("Q.933")
	}
	sep := func() {
		if !e {
			b.str(", ")
		}
	}
	olen := length
	shortLen := func(n int) {
		sep()
		b.printf("length %d", n)
		b.trunc("q.933")
	}
	if length == 0 || len(p) < 1 {
		shortLen(length)
		return
	}
	refLen := int(p[0] & 0x0f)
	p, length = p[1:], length-1
	var ref []byte
	for i := 0; i < refLen; i++ {
		if length == 0 || len(p) < 1 {
			shortLen(olen)
			return
		}
		ref = append(ref, p[0])
		p, length = p[1:], length-1
	}
	if length == 0 || len(p) < 1 {
		shortLen(olen)
		return
	}
	msg := p[0]
	p, length = p[1:], length-1
	codeset, unshift, nonLocking := uint8(0), uint8(0), 0
	ansi := false
	if length != 0 {
		if len(p) < 1 {
			shortLen(olen)
			return
		}
		if ie := p[0]; ie&0xf0 == 0x90 {
			p, length = p[1:], length-1
			codeset = ie & 7
			if ie&0x08 == 0 {
				if codeset == 5 {
					ansi = true
				}
			} else {
				nonLocking, unshift = 1, 0
			}
		}
	}
	sep()
	if ansi {
		b.str("ANSI")
	} else {
		b.str("CCITT")
	}
	b.printf(", codeset %d", codeset)
	if refLen != 0 {
		if len(p) < 1 {
			d.truncJmp("q.933")
			return
		}
		if refLen > 1 || p[0] != 0 {
			b.str(", Call Ref: 0x")
			for _, c := range ref {
				b.printf("%02x", c)
			}
		}
	}
	if v > 0 {
		b.printf(", %s (0x%02x), length %d", nameOr(q933Messages, msg, "unknown message"), msg, olen)
	} else if s, ok := q933Messages[msg]; ok {
		b.printf(", %s", s)
	} else {
		b.printf(", unknown message 0x%02x", msg)
	}
	for length != 0 {
		switch nonLocking {
		case 1:
			nonLocking = 2
		case 2:
			codeset, nonLocking = unshift, 0
		}
		if len(p) < 1 {
			if v == 0 {
				b.printf(", length %d", olen)
			}
			b.trunc("q.933")
			return
		}
		ie := p[0]
		p, length = p[1:], length-1
		if ie&0x80 != 0 {
			if ie&0xf0 == 0x90 {
				if ie&0x08 == 0 {
					nonLocking = 0
				} else {
					nonLocking, unshift = 1, codeset
				}
				codeset = ie & 7
			}
			continue
		}
		if length == 0 || len(p) < 1 {
			if v == 0 {
				b.printf(", length %d", olen)
			}
			b.trunc("q.933")
			return
		}
		ielen := int(p[0])
		p, length = p[1:], length-1
		if v > 0 {
			name := "unknown"
			if codeset == 0 || codeset == 5 {
				name = nameOr(q933IEs, ie, "unknown")
			}
			b.printf("\n\t%s IE (0x%02x), length %d: ", name, ie, ielen)
		}
		if ie == 0 || ielen == 0 {
			return
		}
		if length < ielen || len(p) < ielen {
			if v == 0 {
				b.printf(", length %d", olen)
			}
			b.trunc("q.933")
			return
		}
		known := false
		if codeset == 0 || codeset == 5 {
			known = d.q933IE(ie, p[:ielen])
		}
		if known {
			if v > 1 {
				unknownData(b, p, "\n\t  ", ielen)
			}
		} else if v >= 1 {
			unknownData(b, p, "\n\t", ielen)
		}
		p, length = p[ielen:], length-ielen
	}
	if v == 0 {
		b.printf(", length %d", olen)
	}
}

// q933IE prints the LMI information elements of codesets 0 and 5.
func (d *dissector) q933IE(ie uint8, p []byte) bool {
	b := d.b
	v := d.p.opts.Verbose
	sep := func() {
		if v == 0 {
			b.str(", ")
		}
	}
	switch ie {
	case 0x01, 0x51:
		if v > 0 {
			names := map[uint8]string{0: "Full Status", 1: "Link verify", 2: "Async PVC Status"}
			b.printf("%s (%d)", nameOr(names, p[0], "unknown"), p[0])
		}
		return true
	case 0x03, 0x53, 0x19:
		sep()
		if len(p) < 2 {
			b.str("Invalid LINK VERIFY IE")
			return true
		}
		b.printf("TX Seq: %3d, RX Seq: %3d", p[0], p[1])
		return true
	case 0x07, 0x57:
		sep()
		n := len(p)
		if n < 3 || p[0]&0x80 != 0 || (n == 3 && p[1]&0x80 == 0) ||
			(n == 4 && (p[1]&0x80 != 0 || p[2]&0x80 == 0)) ||
			(n == 5 && (p[1]&0x80 != 0 || p[2]&0x80 != 0 || p[3]&0x80 == 0)) ||
			n > 5 || p[n-1]&0x80 == 0 {
			b.str("Invalid DLCI in PVC STATUS IE")
			return true
		}
		dlci := uint32(p[0]&0x3f)<<4 | uint32(p[1]&0x78)>>3
		if n == 4 {
			dlci = dlci<<6 | uint32(p[2]&0x7e)>>1
		} else if n == 5 {
			dlci = dlci<<13 | uint32(p[2]&0x7f) | uint32(p[3]&0x7e)>>1
		}
		status := "Inactive"
		if p[n-1]&0x2 != 0 {
			status = "Active"
		}
		newStr := ""
		if p[n-1]&0x8 != 0 {
			newStr = "New, "
		}
		b.printf("DLCI %d: status %s%s", dlci, newStr, status)
		return true
	}
	return false
}

var mfrMessages = map[uint8]string{1: "Add Link", 2: "Add Link ACK", 3: "Add Link Reject", 4: "Hello", 5: "Hello ACK", 6: "Remove Link", 7: "Remove Link ACK"}

var mfrIEs = map[uint8]string{1: "Bundle ID", 2: "Link ID", 3: "Magic Number", 5: "Timestamp", 6: "Vendor Extension", 7: "Cause"}

// frfFlags names the Begin, End and Control bits.
func frfFlags(f uint8) string {
	s := ""
	for _, x := range []struct {
		bit  uint8
		name string
	}{{0x80, "Begin"}, {0x40, "End"}, {0x20, "Control"}} {
		if f&x.bit != 0 {
			if s != "" {
				s += ", "
			}
			s += x.name
		}
	}
	if s == "" {
		return "none"
	}
	return s
}

// mfr is tcpdump's mfr_print (DLT_MFR, FRF.16 multilink Frame Relay).
func (d *dissector) mfr(p []byte, length int) int {
	b := d.b
	if len(p) < 2 {
		b.trunc("mfr")
		return len(p)
	}
	if length < 4 {
		b.printf("[length %d < 4] (invalid)", length)
		return length
	}
	if len(p) < 4 {
		b.trunc("mfr")
		return length
	}
	bec := p[0] & 0xe0
	if bec == 0xe0 && p[1] == 0 {
		msg, ok := mfrMessages[p[2]]
		if !ok {
			msg = "Unknown Message (0x" + hex2(p[2]) + ")"
		}
		b.printf("FRF.16 Control, Flags [%s], %s, length %d", frfFlags(bec), msg, length)
		if d.p.opts.Verbose == 0 {
			return 3
		}
		t, tlen := p[3:], length-3
		for tlen > 2 {
			if len(t) < 2 {
				b.trunc("mfr")
				return length
			}
			ie, ielen := t[0], int(t[1])
			b.printf("\n\tIE %s (%d), length %d: ", nameOr(mfrIEs, ie, "Unknown"), ie, ielen)
			if ie == 0 || ielen <= 2 {
				return 3
			}
			if len(t) < ielen {
				b.trunc("mfr")
				return length
			}
			v := t[2:ielen]
			ielen -= 2
			tlen -= 2
			switch ie {
			case 3:
				if ielen != 4 {
					b.printf("[IE data length %d != 4] (invalid)", ielen)
				} else {
					b.printf("0x%08x", binary.BigEndian.Uint32(v))
				}
			case 1, 2:
				for i := 0; i < ielen && i < 50; i++ {
					if v[i] == 0 {
						break
					}
					fnPrintChar(b, v[i])
				}
			case 5:
				if ielen == 16 {
					// A struct timeval in the capturing host's byte order,
					// printed as a time of day (tcpdump's ts_print).
					t := time.Unix(int64(binary.LittleEndian.Uint64(v)), int64(binary.LittleEndian.Uint64(v[8:]))*1000).In(d.p.opts.Location)
					b.printf("%02d:%02d:%02d.%06d ", t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1000)
					break
				}
				if ielen > 14 {
					b.printf("[Timestamp IE length %d > 14] (invalid)", ielen)
					break
				}
				fallthrough
			default:
				if d.p.opts.Verbose <= 1 {
					unknownData(b, v, "\n\t  ", ielen)
				}
			}
			if d.p.opts.Verbose > 1 {
				unknownData(b, v, "\n\t  ", ielen)
			}
			tlen -= ielen
			t = t[2+ielen:]
		}
		return 3
	}
	seq := uint16(p[0]&0x1e)<<7 | uint16(p[1])
	if bec == 0xc0 || bec == 0x80 {
		b.printf("FRF.16 Frag, seq %d, Flags [%s], ", seq, frfFlags(bec))
		d.fr(p[2:], length-2)
		return 2
	}
	b.printf("FRF.16 Frag, seq %d, Flags [%s]", seq, frfFlags(bec))
	unknownData(b, p, "\n\t", length)
	return 0
}

// frf15 is tcpdump's frf15_print (FRF.15 fragmentation inside Frame Relay).
func (d *dissector) frf15(p []byte, length int) {
	if length < 2 || len(p) < 2 {
		d.b.trunc("fr")
		return
	}
	kind := "End-to-End"
	if p[0]&0x01 != 0 {
		kind = "Interface"
	}
	d.b.printf("FRF.15, seq 0x%03x, Flags [%s],%s Fragmentation, length %d",
		uint16(p[0]&0x1e)<<7|uint16(p[1]), frfFlags(p[0]&0xe0), kind, length)
}
