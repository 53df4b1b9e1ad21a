package printer

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Arista's vendor-specific Ethernet type (0xd28b) as tcpdump's
// arista_ethertype_print: a TapAgg timestamp header (64-bit TAI/UTC
// seconds and nanoseconds, or 48-bit) between the addresses and the
// frame's real Ethernet type.

var aristaTimescales = map[byte]string{0: "TAI", 1: "UTC"}

var aristaFormats = map[byte]string{1: "64-bit", 2: "48-bit"}

var aristaHwInfo = map[byte]string{0: "R/R2", 1: "R3"}

// arista prints the Arista header in p (length bytes on the wire, in a
// frame of orig bytes whose addresses hdr prints). With ok it returns the
// bytes of the header and of the Ethernet type after it, and that type;
// without, the bytes the link header counts (tcpdump's hdrlen).
func (d *dissector) arista(p []byte, length, orig int, hdr func()) (n int, next uint16, ok bool) {
	b := d.b
	if len(p) < 2 || length < 2 {
		b.str("[|arista]")
		return min(len(p), length), 0, false
	}
	d.etherTypeText(0xd28b)
	b.printf(", length %d: ", orig)
	unknown := func() (int, uint16, bool) {
		if !d.p.opts.LinkHeader {
			hdr()
			d.etherTypeText(0xd28b)
			b.printf(", length %d: ", orig)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p, 0)
		}
		return 0, 0, false
	}
	sub := binary.BigEndian.Uint16(p)
	name := "Unknown"
	if sub == 1 {
		name = "Timestamp"
	}
	b.printf("SubType %s (0x%04x), ", name, sub)
	if sub != 1 {
		return unknown()
	}
	if len(p) < 3 {
		d.truncJmp("arista")
		return 0, 0, false
	}
	b.printf("Timescale %s (%d), ", nameOr(aristaTimescales, p[2], "Unknown"), p[2])
	if len(p) < 4 {
		d.truncJmp("arista")
		return 0, 0, false
	}
	format, hw := p[3]>>4, p[3]&0x0f
	b.printf("Format %s (%d), HwInfo %s (%d), Timestamp ", nameOr(aristaFormats, format, "Unknown"), format,
		nameOr(aristaHwInfo, hw, "Unknown"), hw)
	switch format {
	case 1:
		if len(p) < 12 {
			d.truncJmp("arista")
			return 0, 0, false
		}
		// tcpdump adds the whole seconds in the nanoseconds field in
		// 32 bits, where they wrap.
		secs, ns := binary.BigEndian.Uint32(p[4:]), binary.BigEndian.Uint32(p[8:])
		secs += ns / 1e9
		b.printf("%s.%09d", time.Unix(int64(secs), 0).UTC().Format("2006-01-02 15:04:05"), ns%1e9)
		n = 12
	case 2:
		if len(p) < 10 {
			d.truncJmp("arista")
			return 0, 0, false
		}
		secs, ns := uint64(binary.BigEndian.Uint16(p[4:])), binary.BigEndian.Uint32(p[6:])
		secs += uint64(ns / 1e9)
		b.str(fmt.Sprintf("%d.%09d", secs, ns%1e9))
		n = 10
	default:
		return unknown()
	}
	b.str(": ")
	if len(p) < n+2 {
		d.truncJmp("arista")
		return 0, 0, false
	}
	return n + 2, binary.BigEndian.Uint16(p[n:]), true
}
