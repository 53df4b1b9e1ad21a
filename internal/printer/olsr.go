package printer

import (
	"encoding/binary"
	"math/bits"
	"net"
)

// OLSR (RFC 3626, UDP 698) as tcpdump's olsr_print: the packet line; -v
// every message with HELLO links and neighbours, TC, MID, HNA (smart
// gateways) and name service entries.

var olsrTypes = map[byte]string{1: "Hello", 2: "TC", 3: "MID", 4: "HNA", 128: "Powerinfo", 130: "Nameservice", 201: "Hello-LQ", 202: "TC-LQ"}

var olsrLinkTypes = map[byte]string{0: "Unspecified", 1: "Asymmetric", 2: "Symmetric", 3: "Lost"}

var olsrNeighborTypes = map[byte]string{0: "Not-Neighbor", 1: "Symmetric", 2: "Symmetric-MPR"}

// olsrTime is the mantissa/exponent time (RFC 3626 section 18.3).
func olsrTime(me byte) float64 {
	return 0.0625 * (1 + float64(me>>4)/16) * float64(uint32(1)<<(me&0xf))
}

func olsrGWSpeed(v byte) uint32 {
	if v == 0 {
		return 0
	}
	if v == 0xff {
		return 320000000
	}
	s := uint32(v>>3) + 1
	for e := v & 7; e > 0; e-- {
		s *= 10
	}
	return s
}

// mask6Len is tcpdump's mask62plen: the leading one bits of an IPv6
// mask, up to the first octet that is not all ones (an octet that is not
// a prefix of ones adds nothing).
func mask6Len(m []byte) int {
	n := 0
	for _, c := range m {
		if l := bits.LeadingZeros8(^c); c<<l == 0 {
			n += l
		}
		if c != 0xff {
			break
		}
	}
	return n
}

func (d *dissector) olsr(data []byte, length int, v6 bool) {
	b := d.b
	be := binary.BigEndian
	trunc := func() { b.trunc("olsr") }
	ver := 4
	if v6 {
		ver = 6
	}
	b.printf("OLSRv%d", ver)
	if length < 4 || len(data) < 4 {
		trunc()
		return
	}
	if pl := int(be.Uint16(data)); pl < length {
		length = pl
	}
	b.printf(", seq 0x%04x, length %d", be.Uint16(data[2:]), length)
	if d.p.opts.Verbose < 1 {
		return
	}
	alen := 4
	if v6 {
		alen = 16
	}
	addr := func(p []byte) string { return d.p.host(net.IP(p[:alen])) }
	hdr := 8 + alen
	for off := 4; off < length; {
		if off+hdr > len(data) {
			trunc()
			return
		}
		m := data[off:]
		typ, mlen := m[0], int(be.Uint16(m[2:]))
		if typ == 0 || mlen == 0 {
			return
		}
		valid := mlen >= hdr && mlen <= length
		inv := ""
		if !valid {
			inv = " (invalid)"
		}
		b.printf("\n\t%s Message (0x%02x), originator %s, ttl %d, hop %d\n\t  vtime %.3fs, msg-seq 0x%04x, length %d%s",
			nameOr(olsrTypes, typ, "Unknown"), typ, addr(m[4:]), m[4+alen], m[5+alen], olsrTime(m[1]), be.Uint16(m[6+alen:]), mlen, inv)
		if !valid {
			return
		}
		p, tlen := m[hdr:], mlen-hdr
		if len(p) > tlen {
			p = p[:tlen]
		}
		if !d.olsrMessage(typ, p, tlen, alen, addr) {
			trunc()
			return
		}
		off += mlen
	}
}

// olsrMessage prints one message's body; false when it is cut short.
func (d *dissector) olsrMessage(typ byte, p []byte, tlen, alen int, addr func([]byte) string) bool {
	b := d.b
	be := binary.BigEndian
	neighbors := func(q []byte, n int, lq bool) bool {
		if !lq {
			b.str("\n\t      neighbor\n\t\t")
			for ; n >= 4; n -= 4 {
				if len(q) < 4 {
					return false
				}
				b.printf("%s ", d.p.host(net.IP(q[:4])))
				q = q[4:]
			}
			return true
		}
		for ; n >= alen+4; n -= alen + 4 {
			if len(q) < alen+4 {
				return false
			}
			b.printf("\n\t      neighbor %s, link-quality %.2f%%, neighbor-link-quality %.2f%%", addr(q),
				float64(q[alen])/2.55, float64(q[alen+1])/2.55)
			q = q[alen+4:]
		}
		return true
	}
	switch typ {
	case 1, 201:
		if tlen < 4 || len(p) < 4 {
			return false
		}
		b.printf("\n\t  hello-time %.3fs, MPR willingness %d", olsrTime(p[2]), p[3])
		p, tlen = p[4:], tlen-4
		for tlen >= 4 {
			if len(p) < 4 {
				return false
			}
			hl := int(be.Uint16(p[2:]))
			ok := hl <= tlen && hl >= 4
			inv := ""
			if !ok {
				inv = " (invalid)"
			}
			b.printf("\n\t    link-type %s, neighbor-type %s, len %d%s", nameOr(olsrLinkTypes, p[0]&3, "Unknown"),
				nameOr(olsrNeighborTypes, p[0]>>2, "Unknown"), hl, inv)
			if !ok {
				break
			}
			p, tlen, hl = p[4:], tlen-4, hl-4
			if len(p) < hl {
				return false
			}
			if !neighbors(p, hl, typ == 201) {
				return false
			}
			p, tlen = p[hl:], tlen-hl
		}
	case 2, 202:
		if tlen < 4 || len(p) < 4 {
			return false
		}
		b.printf("\n\t    advertised neighbor seq 0x%04x", be.Uint16(p))
		return neighbors(p[4:], tlen-4, typ == 202)
	case 3:
		for ; tlen >= alen; tlen -= alen {
			if len(p) < alen {
				return false
			}
			b.printf("\n\t  interface address %s", addr(p))
			p = p[alen:]
		}
	case 4:
		if alen == 16 {
			b.printf("\n\t  Advertised networks (total %d)", tlen/32)
			for tlen >= 32 {
				if len(p) < 32 {
					return false
				}
				// tcpdump numbers every network #0.
				b.printf("\n\t    #0: %s/%d", addr(p), mask6Len(p[16:32]))
				p, tlen = p[32:], tlen-32
			}
			return true
		}
		b.printf("\n\t  Advertised networks (total %d)", tlen/8)
		for col := 0; tlen >= 8; col = (col + 1) % 4 {
			if len(p) < 8 {
				return false
			}
			sep := ", "
			if col == 0 {
				sep = "\n\t    "
			}
			mask := p[4:8]
			if !nonzero(p[:4]) && mask[0] == 0 && mask[1] != 0 {
				f := mask[1]
				flag := func(bit byte, s string) string {
					if f&bit != 0 {
						return s
					}
					return ""
				}
				var up, down uint32
				if f&1 != 0 {
					up, down = olsrGWSpeed(mask[2]), olsrGWSpeed(mask[3])
				}
				b.printf("%sSmart-Gateway:%s%s%s%s%s %d/%d", sep, flag(1, " LINKSPEED"), flag(2, " IPV4"), flag(4, " IPV4-NAT"),
					flag(8, " IPV6"), flag(16, " IPv6-PREFIX"), up, down)
			} else {
				b.printf("%s%s/%d", sep, d.p.host(net.IP(p[:4])), uint32(maskLen(be.Uint32(mask))))
			}
			p, tlen = p[8:], tlen-8
		}
	case 130:
		if len(p) < 4 && tlen >= 4 {
			return false
		}
		entries := 0
		if len(p) >= 4 {
			entries = int(be.Uint16(p[2:]))
		}
		valid := entries > 0 && entries*(4+alen) <= tlen
		if tlen < 4 {
			return false
		}
		inv := ""
		if !valid {
			inv = " (invalid)"
		}
		b.printf("\n\t  Version %d, Entries %d%s", be.Uint16(p), entries, inv)
		if !valid {
			return true
		}
		p, tlen = p[4:], tlen-4
		for i := 0; i < entries; i++ {
			if tlen < 4 {
				break
			}
			if len(p) < 4 {
				return false
			}
			et, el := be.Uint16(p), int(be.Uint16(p[2:]))
			p, tlen = p[4:], tlen-4
			ok := el > 0 && alen+el <= tlen
			inv := ""
			if !ok {
				inv = " (invalid)"
			}
			b.printf("\n\t    #%d: type 0x%04x, length %d%s", i, et, el, inv)
			if !ok {
				break
			}
			pad := (4 - el%4) % 4
			if tlen < alen+el+pad || len(p) < alen+el+pad {
				return false
			}
			b.printf(", address %s, name \"", addr(p))
			printn(b, p[alen:alen+el])
			b.str("\"")
			p, tlen = p[alen+el+pad:], tlen-alen-el-pad
		}
	default:
		unknownData(b, p, "\n\t    ", tlen)
	}
	return true
}
