package printer

import "encoding/binary"

// IEEE 802.5 Token Ring (DLT_IEEE802), with source routing, as tcpdump's
// print-token.c prints it.

var (
	trBroadcast    = []string{"Non-Broadcast", "Non-Broadcast", "Non-Broadcast", "Non-Broadcast", "All-routes", "All-routes", "Single-route", "Single-route"}
	trDirection    = []string{"Forward", "Backward"}
	trLargestFrame = []string{"516", "1500", "2052", "4472", "8144", "11407", "17800", "??"}
)

func (d *dissector) tokenHeader(p []byte, length int, src, dst []byte) {
	if !d.p.opts.Quiet {
		d.b.printf("%02x %02x ", p[0], p[1])
	}
	d.b.printf("%s > %s, length %d: ", macString(src), macString(dst), length)
}

func (d *dissector) tokenRing(p []byte, length int) int {
	b := d.b
	if len(p) < 14 {
		b.trunc("token-ring")
		return len(p)
	}
	dst := p[2:8]
	src := append([]byte(nil), p[8:14]...)
	routeLen := 0
	if src[0]&0x80 != 0 {
		src[0] &= 0x7f
		if d.p.opts.LinkHeader {
			d.tokenHeader(p, length, src, dst)
		}
		if len(p) < 16 {
			b.trunc("token-ring")
			return len(p)
		}
		rcf := binary.BigEndian.Uint16(p[14:])
		routeLen = int(rcf&0x1f00) >> 8
		if len(p) < 14+routeLen {
			b.trunc("token-ring")
			return len(p)
		}
		segs := (routeLen - 2) / 2
		seg := func(i int) (uint16, bool) {
			off := 16 + 2*i
			if off+2 > len(p) {
				d.truncJmp("token-ring")
				return 0, false
			}
			return binary.BigEndian.Uint16(p[off:]), true
		}
		if d.p.opts.Verbose > 0 {
			b.printf("%s %s", trBroadcast[(rcf&0xe000)>>13], trDirection[(rcf&0x80)>>7])
		} else {
			b.printf("rt = %x", rcf)
		}
		for i := 0; i < segs; i++ {
			s, ok := seg(i)
			if !ok {
				return len(p)
			}
			if d.p.opts.Verbose > 0 {
				b.printf(" [%d:%d]", (s&0xfff0)>>4, s&0x0f)
			} else {
				b.printf(":%x", s)
			}
		}
		b.printf(" (%s) ", trLargestFrame[(rcf&0x70)>>4])
	} else if d.p.opts.LinkHeader {
		d.tokenHeader(p, length, src, dst)
	}
	hdr := 14 + routeLen
	q, l := p[hdr:], length-hdr
	if (p[1]&0xc0)>>6 == 1 {
		n := d.llcPayload(q, l, &llcAddrs{src: macString(src), dst: macString(dst)})
		if n < 0 {
			if !d.p.suppressDefault() {
				hexASCII(b, "\n\t", q, 0)
			}
			n = -n
		}
		return hdr + n
	}
	if !d.p.opts.LinkHeader {
		d.tokenHeader(p, length, src, dst)
	}
	if !d.p.suppressDefault() {
		hexASCII(b, "\n\t", q, 0)
	}
	return hdr
}
