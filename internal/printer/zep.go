package printer

import (
	"encoding/binary"
	"time"
)

// ZEP, the ZigBee Encapsulation Protocol (UDP port 17754), as tcpdump's
// print-zep.c prints it: the v1 or v2 header on the UDP line, then the
// IEEE 802.15.4 frame it carries on the next.

func (d *dissector) zep(p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	b.str("ZEP")
	// has reports whether n bytes were captured, ending the packet (as
	// tcpdump's GET_ macros do) when not.
	has := func(n int) bool {
		if len(p) < n {
			d.truncJmp("zep")
			return false
		}
		return true
	}
	lcheck := func(min int) bool {
		if length < min {
			b.printf(" [len %d < %d] (invalid)", length, min)
			return false
		}
		return true
	}
	if !has(1) || (p[0] == 'E' && !has(2)) {
		return
	}
	if p[0] != 'E' || p[1] != 'X' {
		if !has(2) {
			return
		}
		b.str(" [Preamble Code: ")
		fnPrintChar(b, p[0])
		fnPrintChar(b, p[1])
		b.str("] (invalid)")
		return
	}
	if !has(3) {
		return
	}
	version := p[2]
	b.printf("v%d ", version)
	var inner, hdr int
	switch {
	case version == 1:
		if !lcheck(16) || !has(6) {
			return
		}
		b.printf("Channel ID %d, Device ID 0x%04x, ", p[3], be.Uint16(p[4:]))
		if !has(7) {
			return
		}
		if p[6] != 0 {
			b.str("CRC, ")
		} else {
			if !has(8) {
				return
			}
			b.printf("LQI %d, ", p[7])
		}
		if !has(16) {
			return
		}
		inner, hdr = int(p[15]), 16
		b.printf("inner len = %d", inner)
	default:
		if !has(4) {
			return
		}
		if p[3] == 2 {
			if !lcheck(8) || !has(8) {
				return
			}
			b.printf("ACK, seq# = %d", be.Uint32(p[4:]))
			hdr = 8
			break
		}
		if !lcheck(32) || !has(7) {
			return
		}
		b.printf("Type %d, Channel ID %d, Device ID 0x%04x, ", p[3], p[4], be.Uint16(p[5:]))
		if !has(8) {
			return
		}
		if p[7] != 0 {
			b.str("CRC, ")
		} else {
			if !has(9) {
				return
			}
			b.printf("LQI %d, ", p[8])
		}
		if !has(17) {
			return
		}
		d.zepTime(p[9:17])
		if !has(32) {
			return
		}
		inner, hdr = int(p[31]), 32
		b.printf(", seq# = %d, inner len = %d", be.Uint32(p[17:]), inner)
	}
	// The rest, as tcpdump's unsigned length (which wraps below zero).
	rest := uint32(length) - uint32(hdr)
	p = p[hdr:]
	proto := "zep" // tcpdump's marker names the last printer that ran
	if inner != 0 {
		proto = "802.15.4"
		b.str("\n\t")
		if inner > len(p) {
			d.zepFrameCut(p, inner)
			return
		}
		ok := d.wpanFrame(p[:inner]) != 0
		if d.early {
			return
		}
		if ok {
			if uint64(rest) > uint64(len(p)) {
				d.truncJmp(proto)
				return
			}
			rest = 0
		}
	}
	if d.p.suppressDefault() || rest == 0 {
		return
	}
	if uint64(rest) > uint64(len(p)) {
		hexASCII(b, "\n\t", p, 0)
		d.truncJmp(proto)
		return
	}
	hexASCII(b, "\n\t", p[:rest], 0)
}

// zepFrameCut is the 802.15.4 printer on a frame whose claimed length
// runs past the capture: tcpdump reads its FCS at the claimed end first
// (from 4 bytes on), which ends the packet.
func (d *dissector) zepFrameCut(p []byte, inner int) {
	if len(p) >= 2 {
		fc := int(binary.LittleEndian.Uint16(p))
		d.b.printf("IEEE 802.15.4 %s packet ", wpanFrameTypes[fc&7])
		if inner < 4 {
			// Too short for an FCS: the header is read up to the
			// capture's end.
			w := &wpan{d: d, p: p, caplen: inner}
			switch fc & 7 {
			case 0, 1, 2, 3:
				w.std(fc)
			case 5:
				w.multipurpose(fc)
			}
			if !d.early {
				d.truncJmp("802.15.4")
			}
			return
		}
	}
	d.truncJmp("802.15.4")
}

// zepTime prints an NTP time stamp and, when not zero, the local time it
// names.
func (d *dissector) zepTime(p []byte) {
	i := binary.BigEndian.Uint32(p)
	uf := binary.BigEndian.Uint32(p[4:])
	ff := float32(uf)
	ff = float32(float64(ff) / 4294967296.0)
	f := uint32(float64(ff) * 1000000000.0)
	d.b.printf("%d.%09d", i, int32(f))
	if i != 0 {
		secs := int64(i - 2208988800)
		d.b.str(" (" + time.Unix(secs, 0).In(d.p.opts.Location).Format("2006/01/02 15:04:05") + ")")
	}
}
