package printer

import "encoding/binary"

// MACsec (IEEE 802.1AE, Ethernet type 0x88e5) as tcpdump's macsec_print:
// the SecTAG with -e (or always, before an encrypted payload's hex dump);
// an unencrypted payload is decoded by its inner Ethernet type.

const macsecICVLen = 16

var macsecFlags = []bitName{{0x08, "E"}, {0x04, "C"}, {0x40, "S"}, {0x10, "B"}, {0x20, "I"}}

// macsecHeader prints the SecTAG's fields.
func (d *dissector) macsecHeader(tag []byte, sl int) {
	b := d.b
	var fl string
	for _, f := range macsecFlags {
		if uint32(tag[0])&f.bit != 0 {
			fl += f.name
		}
	}
	if fl == "" {
		fl = "none"
	}
	b.printf("an %d, pn %d, flags %s", tag[0]&3, binary.BigEndian.Uint32(tag[2:]), fl)
	if sl != 0 {
		b.printf(", sl %d", sl)
	}
	if tag[0]&0x20 != 0 {
		b.printf(", sci %016x", binary.BigEndian.Uint64(tag[6:]))
	}
	b.str(", ")
}

// macsec prints the SecTAG at data (an Ethernet frame's payload, src and
// dst its addresses). When the payload can be decoded it returns the
// SecTAG's length, the payload (ICV and padding cut off), its length and
// ok; otherwise the bytes it consumed and !ok.
func (d *dissector) macsec(data []byte, length int, src, dst string) (n int, payload []byte, plen int, ok bool) {
	b := d.b
	if len(data) < 6 || length < 6 {
		b.trunc("macsec")
		return len(data), nil, 0, false
	}
	tagLen := 6
	if data[0]&0x20 != 0 {
		tagLen = 14
		if len(data) < 14 || length < 14 {
			b.trunc("macsec")
			return len(data), nil, 0, false
		}
	}
	if data[1]&^0x3f != 0 || data[0]&0x80 != 0 {
		b.str(" (invalid)")
		return len(data), nil, 0, false
	}
	sl := int(data[1] & 0x3f)
	if d.p.opts.LinkHeader {
		d.macsecHeader(data, sl)
	}
	tag := data
	data, length = data[tagLen:], length-tagLen
	if tag[0]&0x0c != 0 {
		if !d.p.opts.LinkHeader {
			b.printf("%s > %s 802.1AE MACsec, ", src, dst)
			d.macsecHeader(tag, sl)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", data, 0)
		}
		return tagLen, nil, 0, false
	}
	if length < macsecICVLen || len(data) < macsecICVLen {
		b.trunc("macsec")
		return tagLen + len(data), nil, 0, false
	}
	length -= macsecICVLen
	data = data[:len(data)-macsecICVLen]
	if sl != 0 {
		if sl > length || sl > len(data) {
			b.trunc("macsec")
			return tagLen + len(data), nil, 0, false
		}
		length, data = sl, data[:sl]
	}
	return tagLen, data, length, true
}
