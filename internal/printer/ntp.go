package printer

import (
	"encoding/binary"
	"time"
)

var ntpModes = []string{"unspecified", "symmetric active", "symmetric passive", "Client", "Server", "Broadcast", "Control Message", "Reserved"}

var ntpLeap = map[byte]string{0: "", 0x40: "+1s", 0x80: "-1s", 0xc0: "clock unsynchronized"}

// ntpTimeLen is the length of a time message without extensions or MAC.
const ntpTimeLen = 48

// ntp prints NTP (RFC 5905) as ntp_print does: a summary line, and with
// -v the time message fields or the control message header.
func (d *dissector) ntp(data []byte, length int) {
	if len(data) < 1 {
		d.b.trunc("ntp")
		return
	}
	mode := data[0] & 7
	d.b.printf("NTPv%d, %s, length %d", (data[0]>>3)&7, ntpModes[mode], length)
	if d.p.opts.Verbose == 0 {
		return
	}
	li := data[0] & 0xc0
	d.b.printf("\n\tLeap indicator: %s (%d)", ntpLeap[li], li)
	switch mode {
	case 0, 1, 2, 3, 4, 5:
		d.ntpTime(data, length)
	case 6:
		d.ntpControl(data, length)
	}
}

func (d *dissector) ntpTime(data []byte, length int) {
	b := d.b
	if length < ntpTimeLen {
		b.str(" (invalid)")
		if len(data) < length {
			d.truncJmp("ntp")
		}
		return
	}
	if len(data) < 4 {
		d.truncJmp("ntp")
		return
	}
	stratum := data[1]
	sname := "reserved"
	switch {
	case stratum == 0:
		sname = "unspecified"
	case stratum == 1:
		sname = "primary reference"
	case stratum <= 15:
		sname = "secondary reference"
	}
	b.printf(", Stratum %d (%s)", stratum, sname)
	poll := int8(data[2])
	b.printf(", poll %d", poll)
	if poll > -32 && poll < 32 {
		if poll >= 0 {
			b.printf(" (%ds)", uint32(1)<<poll)
		} else {
			b.printf(" (1/%ds)", uint32(1)<<-poll)
		}
	}
	b.printf(", precision %d", int8(data[3]))
	if len(data) < ntpTimeLen {
		// The fields below are read one by one; print up to the cut.
		d.ntpTimeFields(data)
		return
	}
	d.ntpTimeFields(data)
	switch be := binary.BigEndian; {
	case length == ntpTimeLen+4:
		if len(data) < length {
			d.truncJmp("ntp")
			return
		}
		b.printf("\n\tKey id: %d", be.Uint32(data[48:]))
	case length == ntpTimeLen+4+16 || length == ntpTimeLen+4+20:
		if len(data) < 52 {
			d.truncJmp("ntp")
			return
		}
		b.printf("\n\tKey id: %d", be.Uint32(data[48:]))
		if len(data) < length {
			d.truncJmp("ntp")
			return
		}
		b.str("\n\tAuthentication: ")
		for i := 52; i < length; i += 4 {
			b.printf("%08x", be.Uint32(data[i:]))
		}
	case length > ntpTimeLen:
		b.printf("\n\t(%d more bytes after the header)", length-ntpTimeLen)
	}
}

// ntpTimeFields prints the delays, reference ID and time stamps of a time
// message, ending the packet where the capture ends.
func (d *dissector) ntpTimeFields(data []byte) {
	b := d.b
	need := func(n int) bool {
		if len(data) < n {
			d.truncJmp("ntp")
			return false
		}
		return true
	}
	be := binary.BigEndian
	sfix := func(off int) {
		f := int(float64(be.Uint16(data[off+2:])) / 65536.0 * 1000000.0)
		b.printf("%d.%06d", be.Uint16(data[off:]), f)
	}
	b.str("\n\tRoot Delay: ")
	if !need(8) {
		return
	}
	sfix(4)
	b.str(", Root dispersion: ")
	if !need(12) {
		return
	}
	sfix(8)
	b.str(", Reference-ID: ")
	if !need(16) {
		return
	}
	switch data[1] {
	case 0:
		b.str("(unspec)")
	case 1:
		printn(b, data[12:16])
	default:
		b.printf("0x%08x", be.Uint32(data[12:]))
	}
	for _, f := range []struct {
		label string
		off   int
	}{{"\n\t  Reference Timestamp:  ", 16}, {"\n\t  Originator Timestamp: ", 24},
		{"\n\t  Receive Timestamp:    ", 32}, {"\n\t  Transmit Timestamp:   ", 40}} {
		b.str(f.label)
		if !need(f.off + 8) {
			return
		}
		ntpTimestamp(b, data[f.off:])
	}
	b.str("\n\t    Originator - Receive Timestamp:  ")
	ntpDelta(b, data[24:], data[32:])
	b.str("\n\t    Originator - Transmit Timestamp: ")
	ntpDelta(b, data[24:], data[40:])
}

// ntpFraction is a 32-bit binary fraction in parts per billion, computed
// in floating point as tcpdump does (so the last digit agrees).
func ntpFraction(f uint32) uint32 {
	return uint32(float64(f) / 4294967296.0 * 1000000000.0)
}

// ntpTimestamp prints a 64-bit NTP time stamp, with the UTC time when the
// seconds are not zero (era 0: before 1970 for small values).
func ntpTimestamp(b *buf, ts []byte) {
	sec := binary.BigEndian.Uint32(ts)
	b.printf("%d.%09d", sec, ntpFraction(binary.BigEndian.Uint32(ts[4:])))
	if sec != 0 {
		t := time.Unix(int64(sec)-2208988800, 0).UTC()
		b.str(" (" + t.Format("2006-01-02T15:04:05Z") + ")")
	}
}

// ntpDelta prints the signed difference of two time stamps (new - old),
// or the new one when the old is zero.
func ntpDelta(b *buf, old, new []byte) {
	be := binary.BigEndian
	ou, ouf := be.Uint32(old), be.Uint32(old[4:])
	u, uf := be.Uint32(new), be.Uint32(new[4:])
	if ou == 0 && ouf == 0 {
		ntpTimestamp(b, new)
		return
	}
	neg := false
	switch {
	case u > ou:
		borrow := ouf > uf
		u, uf = u-ou, uf-ouf
		if borrow {
			u--
		}
	case u < ou:
		neg = true
		borrow := uf > ouf
		u, uf = ou-u, ouf-uf
		if borrow {
			u--
		}
	default:
		u = 0
		if uf > ouf {
			uf -= ouf
		} else {
			neg = true
			uf = ouf - uf
		}
	}
	sign := "+"
	if neg {
		sign = "-"
	}
	b.printf("%s%d.%09d", sign, u, ntpFraction(uf))
}

// ntpControl prints a mode 6 control message header.
func (d *dissector) ntpControl(data []byte, length int) {
	b := d.b
	if len(data) < 12 {
		d.truncJmp("ntp")
		return
	}
	c := data[1]
	pick := func(bit byte, yes, no string) string {
		if c&bit != 0 {
			return yes
		}
		return no
	}
	b.printf(", %s, %s, %s, OpCode=%d\n", pick(0x80, "Response", "Request"), pick(0x40, "Error", "OK"), pick(0x20, "More", "Last"), c&0x1f)
	be := binary.BigEndian
	b.printf("\tSequence=%d", be.Uint16(data[2:]))
	if st := be.Uint16(data[4:]); st == 0 {
		b.str(", Status=0")
	} else {
		b.printf(", Status=%#x", st)
	}
	count := int(be.Uint16(data[10:]))
	b.printf(", Assoc.=%d, Offset=%d, Count=%d", be.Uint16(data[6:]), be.Uint16(data[8:]), count)
	if 12+count > length {
		b.str(" (invalid)")
		if len(data) < length {
			d.truncJmp("ntp")
		}
		return
	}
	if count != 0 {
		if len(data) < 12+count {
			d.truncJmp("ntp")
			return
		}
		b.str("\n\tTO-BE-DONE: data not interpreted")
	}
}
