package printer

import (
	"encoding/binary"
	"strings"

	"github.com/gocap/gocap/linktype"
)

// The radio headers in front of 802.11 frames: radiotap, AVS, Prism, PPI.

// cpack reads radiotap fields, each aligned to its own size from the
// start of the header, as tcpdump's cpack does.
type cpack struct {
	buf  []byte
	next int
}

func (c *cpack) reserve(size int) (int, bool) {
	at := c.next
	if m := at % size; m != 0 {
		at += size - m
	}
	if at+size > len(c.buf) {
		return 0, false
	}
	return at, true
}

func (c *cpack) u8() (uint8, bool) {
	at, ok := c.reserve(1)
	if !ok {
		return 0, false
	}
	c.next = at + 1
	return c.buf[at], true
}

func (c *cpack) u16() (uint16, bool) {
	at, ok := c.reserve(2)
	if !ok {
		return 0, false
	}
	c.next = at + 2
	return binary.LittleEndian.Uint16(c.buf[at:]), true
}

func (c *cpack) u32() (uint32, bool) {
	at, ok := c.reserve(4)
	if !ok {
		return 0, false
	}
	c.next = at + 4
	return binary.LittleEndian.Uint32(c.buf[at:]), true
}

func (c *cpack) u64() (uint64, bool) {
	at, ok := c.reserve(8)
	if !ok {
		return 0, false
	}
	c.next = at + 8
	return binary.LittleEndian.Uint64(c.buf[at:]), true
}

func (c *cpack) advance(n int) bool {
	if c.next+n > len(c.buf) {
		return false
	}
	c.next += n
	return true
}

// radiotap field numbers tcpdump looks at outside their own printing.
const (
	rtapFlags    = 1
	rtapXChannel = 18
	rtapMCS      = 19
)

// radiotapState carries what the fields tell the 802.11 printer.
type radiotapState struct {
	flags uint8
}

// radiotap prints a radiotap header and the 802.11 frame after it.
func (d *dissector) radiotap(data []byte, length int) int {
	b := d.b
	caplen := len(data)
	if caplen < 8 {
		b.trunc("802.11_radio")
		return caplen
	}
	hlen := int(binary.LittleEndian.Uint16(data[2:]))
	if hlen < 8 || caplen < hlen {
		b.trunc("802.11_radio")
		return caplen
	}
	c := &cpack{buf: data[:hlen], next: 8}
	last := 4
	for last+4 <= hlen && binary.LittleEndian.Uint32(data[last:])&(1<<31) != 0 {
		c.next += 4
		last += 4
	}
	if last+4 > hlen {
		b.trunc("802.11_radio")
		return caplen
	}
	var st radiotapState
	bit0, vendor, skip := 0, false, 0
words:
	for at := 4; at <= last; at += 4 {
		present := binary.LittleEndian.Uint32(data[at:])
		if vendor {
			if !c.advance(skip) {
				break
			}
			skip = 0
		} else if !d.radiotapNamespace(c, &st, present, bit0) {
			break
		}
		switch present & (3 << 29) {
		case 0:
			bit0 += 32
		case 1 << 29:
			bit0, vendor, skip = 0, false, 0
		case 1 << 30:
			bit0, vendor = 0, true
			if _, ok := c.reserve(2); !ok {
				b.trunc("802.11_radio")
				break
			}
			for range 4 {
				if _, ok := c.u8(); !ok {
					b.trunc("802.11_radio")
					continue words
				}
			}
			n, ok := c.u16()
			if !ok {
				b.trunc("802.11_radio")
				continue
			}
			skip = int(n)
		}
	}
	fcs := 0
	if st.flags&0x10 != 0 {
		fcs = 4
	}
	return hlen + d.ieee80211(data[hlen:], length-hlen, st.flags&0x20 != 0, fcs)
}

// radiotapNamespace prints the fields of one presence word of the
// radiotap namespace; false stops the header (a field tcpdump does not
// know, or one cut short).
func (d *dissector) radiotapNamespace(c *cpack, st *radiotapState, present uint32, bit0 int) bool {
	for bit := 0; bit < 29; bit++ {
		if present&(1<<bit) == 0 {
			continue
		}
		if !d.radiotapField(c, st, bit0+bit, present) {
			return false
		}
	}
	return true
}

func (d *dissector) radiotapField(c *cpack, st *radiotapState, bit int, present uint32) bool {
	b := d.b
	ok := true
	// read helpers that record a short header.
	u8 := func() uint8 {
		v, good := c.u8()
		ok = ok && good
		return v
	}
	u16 := func() uint16 {
		v, good := c.u16()
		ok = ok && good
		return v
	}
	u32 := func() uint32 {
		v, good := c.u32()
		ok = ok && good
		return v
	}
	trunc := func() bool {
		b.trunc("802.11_radio")
		return false
	}
	switch bit {
	case 0:
		v, good := c.u64()
		if !good {
			return trunc()
		}
		b.printf("%dus tsft ", v)
	case rtapFlags:
		f := u8()
		if !ok {
			return trunc()
		}
		st.flags = f
		for _, x := range []struct {
			bit  uint8
			name string
		}{{0x01, "cfp "}, {0x02, "short preamble "}, {0x04, "wep "}, {0x08, "fragmented "}, {0x40, "bad-fcs "}} {
			if f&x.bit != 0 {
				b.str(x.name)
			}
		}
	case 2:
		r := u8()
		if !ok {
			return trunc()
		}
		if r >= 0x80 && r <= 0x8f {
			b.printf("MCS %d ", r&0x7f)
		} else {
			b.printf("%2.1f Mb/s ", 0.5*float64(r))
		}
	case 3:
		freq, flags := u16(), u16()
		if !ok {
			return trunc()
		}
		if present&(1<<rtapXChannel) == 0 {
			d.radiotapChannel(freq, uint32(flags), present)
		}
	case 4:
		set, pat := u8(), u8()
		if !ok {
			return trunc()
		}
		b.printf("fhset %d fhpat %d ", set, pat)
	case 5, 6:
		v := int8(u8())
		if !ok {
			return trunc()
		}
		if bit == 5 {
			b.printf("%ddBm signal ", v)
		} else {
			b.printf("%ddBm noise ", v)
		}
	case 7:
		v := u16()
		if !ok {
			return trunc()
		}
		b.printf("%d sq ", v)
	case 8:
		v := int16(u16())
		if !ok {
			return trunc()
		}
		b.printf("%d tx power ", -int(v))
	case 9:
		// tcpdump reads this 16-bit field as one signed byte.
		v := int8(u8())
		if !ok {
			return trunc()
		}
		b.printf("%ddB tx attenuation ", -int(v))
	case 10:
		v := int8(u8())
		if !ok {
			return trunc()
		}
		b.printf("%ddBm tx power ", v)
	case 11:
		v := u8()
		if !ok {
			return trunc()
		}
		b.printf("antenna %d ", v)
	case 12, 13:
		v := u8()
		if !ok {
			return trunc()
		}
		if bit == 12 {
			b.printf("%ddB signal ", v)
		} else {
			b.printf("%ddB noise ", v)
		}
	case 14:
		u16()
		if !ok {
			return trunc()
		}
	case rtapXChannel:
		flags := u32()
		freq := u16()
		u8()
		u8()
		if !ok {
			return trunc()
		}
		d.radiotapChannel(freq, flags, present)
	case rtapMCS:
		known, flags, mcs := u8(), u8(), u8()
		if !ok {
			return trunc()
		}
		d.radiotapMCS(known, flags, mcs)
	case 20:
		u32()
		u16()
		u8()
		u8()
		if !ok {
			return trunc()
		}
	case 21:
		known := u16()
		flags, bw := u8(), u8()
		var mcsNSS [4]uint8
		for i := range mcsNSS {
			mcsNSS[i] = u8()
		}
		coding := u8()
		u8()
		u16()
		if !ok {
			return trunc()
		}
		for i, v := range mcsNSS {
			if v&0x0f == 0 {
				continue
			}
			b.printf("User %d MCS %d ", i, v>>4)
			if coding&(1<<i) != 0 {
				b.str("LDPC FEC ")
			} else {
				b.str("BCC FEC ")
			}
		}
		if known&0x40 != 0 {
			b.printf("%s ", vhtBandwidths[bw&0x1f])
		}
		if known&0x04 != 0 {
			if flags&0x04 != 0 {
				b.str("short GI ")
			} else {
				b.str("long GI ")
			}
		}
	default:
		b.printf("[bit %d] ", bit)
		return false
	}
	return true
}

func (d *dissector) radiotapChannel(freq uint16, flags uint32, present uint32) {
	b := d.b
	b.printf("%d MHz", freq)
	is := func(m uint32) bool { return flags&m == m }
	if present&(1<<rtapMCS) != 0 {
		b.str(" 11n")
	} else {
		const (
			turbo, cck, ofdm, ghz2, ghz5, dyn, gfsk = 0x10, 0x20, 0x40, 0x80, 0x100, 0x400, 0x800
			half, quarter                           = 0x4000, 0x8000
		)
		if is(ghz2 | gfsk) {
			b.str(" FHSS")
		}
		width := func(base string) {
			switch {
			case flags&half != 0:
				b.str(base + "/10Mhz")
			case flags&quarter != 0:
				b.str(base + "/5Mhz")
			default:
				b.str(base)
			}
		}
		if is(ghz5 | ofdm) {
			width(" 11a")
		}
		if is(ghz2|ofdm) || is(ghz2|dyn) {
			width(" 11g")
		} else if is(ghz2 | cck) {
			b.str(" 11b")
		}
		if flags&turbo != 0 {
			b.str(" Turbo")
		}
	}
	switch {
	case flags&0x10000 != 0:
		b.str(" ht/20")
	case flags&0x40000 != 0:
		b.str(" ht/40-")
	case flags&0x20000 != 0:
		b.str(" ht/40+")
	}
	b.str(" ")
}

// htRateUnits are the 802.11n MCS indexes' data rates at 20 MHz with the
// long guard interval, in units of 6.5 Mb/s (MCS 32 has no 20 MHz rate).
var htRateUnits = [77]uint8{
	1, 2, 3, 4, 6, 8, 9, 10, 2, 4, 6, 8, 12, 16, 18, 20,
	3, 6, 9, 12, 18, 24, 27, 30, 4, 8, 12, 16, 24, 32, 36, 40,
	0, 6, 8, 10, 9, 12, 15, 8, 10, 10, 12, 14, 14, 16, 12, 15,
	15, 18, 21, 21, 24, 10, 12, 14, 12, 14, 16, 18, 16, 18, 20, 20,
	22, 15, 18, 21, 18, 21, 24, 27, 24, 27, 30, 30, 33,
}

// htRate is the data rate of an MCS index (0 when not known).
func htRate(mcs uint8, bw40, shortGI bool) float64 {
	var r float64
	switch {
	case mcs == 32 && bw40:
		r = 6
	case bw40:
		r = float64(htRateUnits[mcs]) * 13.5
	default:
		r = float64(htRateUnits[mcs]) * 6.5
	}
	if shortGI {
		if mcs == 32 && bw40 {
			return 6.7
		}
		r /= 0.9
	}
	return r
}

var htBandwidths = [4]string{"20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)"}

func (d *dissector) radiotapMCS(known, flags, mcs uint8) {
	b := d.b
	if known&0x02 != 0 {
		var rate float64
		if mcs <= 76 && known&0x05 != 0 {
			rate = htRate(mcs, flags&3 == 1, flags&0x04 != 0)
		}
		if rate != 0 {
			b.printf("%.1f Mb/s MCS %d ", rate, mcs)
		} else {
			b.printf("MCS %d ", mcs)
		}
	}
	if known&0x01 != 0 {
		b.printf("%s ", htBandwidths[flags&3])
	}
	if known&0x04 != 0 {
		if flags&0x04 != 0 {
			b.str("short GI ")
		} else {
			b.str("long GI ")
		}
	}
	if known&0x08 != 0 {
		if flags&0x08 != 0 {
			b.str("greenfield ")
		} else {
			b.str("mixed ")
		}
	}
	if known&0x10 != 0 {
		if flags&0x10 != 0 {
			b.str("LDPC FEC ")
		} else {
			b.str("BCC FEC ")
		}
	}
	if known&0x20 != 0 {
		b.printf("RX-STBC%d ", (flags&0x60)>>5)
	}
}

// vhtBandwidths as tcpdump names them (its index 21 repeats "(UUU)").
var vhtBandwidths = [32]string{
	"20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)", "80 MHz", "80 MHz (L)", "80 MHz (U)",
	"80 MHz (LL)", "80 MHz (LU)", "80 MHz (UL)", "80 MHz (UU)", "160 MHz", "160 MHz (L)",
	"160 MHz (U)", "160 MHz (LL)", "160 MHz (LU)", "160 MHz (UL)", "160 MHz (UU)",
	"160 MHz (LLL)", "160 MHz (LLU)", "160 MHz (LUL)", "160 MHz (UUU)", "160 MHz (ULL)",
	"160 MHz (ULU)", "160 MHz (UUL)", "160 MHz (UUU)", "unknown (26)", "unknown (27)",
	"unknown (28)", "unknown (29)", "unknown (30)", "unknown (31)",
}

// avs prints an AVS capture header's frame.
func (d *dissector) avs(data []byte, length int) int {
	if len(data) < 8 {
		d.b.trunc("802.11_radio_avs")
		return len(data)
	}
	hlen := binary.BigEndian.Uint32(data[4:])
	if hlen < 8 || uint64(len(data)) < uint64(hlen) {
		d.b.trunc("802.11_radio_avs")
		return len(data)
	}
	n := int(hlen)
	return n + d.ieee80211(data[n:], length-n, false, 0)
}

// prism prints a Prism monitor-mode header's frame (or an AVS one, which
// Linux delivers under the same device type).
func (d *dissector) prism(data []byte, length int) int {
	if len(data) < 4 {
		d.b.trunc("prism")
		return len(data)
	}
	if m := binary.BigEndian.Uint32(data); m == 0x80211001 || m == 0x80211002 {
		return d.avs(data, length)
	}
	if len(data) < 144 {
		d.b.trunc("prism")
		return len(data)
	}
	return 144 + d.ieee80211(data[144:], length-144, false, 0)
}

// ppi prints a Per-Packet Information header and the frame it carries.
func (d *dissector) ppi(data []byte, length int) int {
	b := d.b
	if len(data) < 8 {
		b.trunc("ppi")
		return len(data)
	}
	hlen := int(binary.LittleEndian.Uint16(data[2:]))
	if hlen < 8 || hlen > 65532 {
		b.printf(" [length %d < 8 or > 65532] (invalid)", hlen)
		return len(data)
	}
	if len(data) < hlen {
		b.trunc("ppi")
		return len(data)
	}
	dlt := binary.LittleEndian.Uint32(data[4:])
	header := func(length int) {
		name := dltName(dlt)
		if d.p.opts.Quiet {
			b.str(name)
		} else {
			b.printf("V.%d DLT %s (%d) len %d", data[0], name, dlt, hlen)
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(length)
	}
	inner := &dissector{b: b, p: d.p, data: data[hlen:], wireLen: length - hlen}
	if n, ok := inner.linkLayer(linktype.Type(dlt)); ok {
		d.early = d.early || inner.early
		// tcpdump adds the inner header's length twice (print-ppi.c
		// returns it, and its caller adds it again): -x starts there.
		return hlen + 2*n
	}
	if !d.p.opts.LinkHeader {
		header(length)
	}
	if !d.p.suppressDefault() {
		hexASCII(b, "\n\t", data[hlen:], 0)
	}
	return hlen
}

// dltName is libpcap's pcap_datalink_val_to_name, "UNKNOWN" when it has none.
func dltName(dlt uint32) string {
	s := linktype.Type(dlt).String()
	if strings.HasPrefix(s, "DLT ") {
		return "UNKNOWN"
	}
	return s
}
