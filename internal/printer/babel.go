package printer

import (
	"encoding/binary"
	"fmt"
	"net"
)

// Babel version 2 (RFC 8966) as tcpdump's babel_print: the TLV names on
// the summary line; -v the hello, IHU, router-ID, next-hop and
// acknowledgement TLVs with their timestamp sub-TLVs.

var babelNames = map[byte]string{0: "pad1", 1: "padN", 2: "ack-req", 3: "ack", 4: "hello", 5: "ihu",
	6: "router-id", 7: "nh", 8: "update", 9: "request", 10: "mhrequest", 11: "tspc", 12: "hmac",
	13: "ss-update", 14: "ss-request", 15: "ss-mh-request"}

func babelInterval(cs uint16) string {
	if cs == 0 {
		return "0"
	}
	return fmt.Sprintf("%d.%02ds", cs/100, cs%100)
}

func babelTimestamp(us uint32) string { return fmt.Sprintf("%d.%06ds", us/1000000, us%1000000) }

// babelAddress decodes an address of encoding ae from p; ok false when it
// does not fit.
func babelAddress(ae byte, p []byte) (string, int, bool) {
	switch ae {
	case 0:
		return "any", 0, true
	case 1:
		if len(p) < 4 {
			return "", 0, false
		}
		return net.IP(p[:4]).String(), 4, true
	case 2:
		if len(p) < 16 {
			return "", 0, false
		}
		return net.IP(p[:16]).String(), 16, true
	case 3:
		if len(p) < 8 {
			return "", 0, false
		}
		a := make(net.IP, 16)
		a[0], a[1] = 0xfe, 0x80
		copy(a[8:], p[:8])
		return a.String(), 8, true
	}
	return "", 0, false
}

func (d *dissector) babel(data []byte, length int) {
	b := d.b
	if len(data) < 4 {
		d.truncJmp("babel")
		return
	}
	b.str("babel")
	if data[0] != 42 {
		b.str(" invalid header")
		return
	}
	b.printf(" %d", data[1])
	if data[1] != 2 {
		b.str(" unknown version")
		return
	}
	blen := int(binary.BigEndian.Uint16(data[2:]))
	b.printf(" (%d)", blen)
	v := d.p.opts.Verbose > 0
	be := binary.BigEndian
	p := data[4:min(len(data), 4+blen)]
	for i := 0; i < blen; {
		if i >= len(p) {
			d.truncJmp("babel")
			return
		}
		typ := p[i]
		if typ == 0 {
			if v {
				b.str("\n\tPad 1")
			} else {
				b.str(" pad1")
			}
			i++
			continue
		}
		if i+2 > len(p) {
			d.truncJmp("babel")
			return
		}
		l := int(p[i+1])
		if i+2+l > len(p) {
			d.truncJmp("babel")
			return
		}
		m := p[i+2 : i+2+l]
		if !v {
			b.str(" " + nameOr(babelNames, typ, "unknown"))
			i += 2 + l
			continue
		}
		invalid := func() { b.str(" (invalid)") }
		switch typ {
		case 1:
			b.printf("\n\tPad %d", l+2)
		case 2:
			b.str("\n\tAcknowledgment Request ")
			if l < 6 {
				invalid()
				break
			}
			b.printf("%04x %s", be.Uint16(m[2:]), babelInterval(be.Uint16(m[4:])))
		case 3:
			b.str("\n\tAcknowledgment ")
			if l < 2 {
				invalid()
				break
			}
			b.printf("%04x", be.Uint16(m))
		case 4:
			b.str("\n\tHello ")
			if l < 6 {
				invalid()
				break
			}
			b.printf("seqno %d interval %s", be.Uint16(m[2:]), babelInterval(be.Uint16(m[4:])))
			d.babelSubTLVs(m[6:], false)
		case 5:
			b.str("\n\tIHU ")
			if l < 6 {
				invalid()
				break
			}
			addr, n, ok := babelAddress(m[0], m[6:])
			if !ok {
				invalid()
				break
			}
			b.printf("%s rxcost %d interval %s", addr, be.Uint16(m[2:]), babelInterval(be.Uint16(m[4:])))
			d.babelSubTLVs(m[6+n:], true)
		case 6:
			b.str("\n\tRouter Id")
			if l < 10 {
				invalid()
				break
			}
			b.printf(" %02x:%02x:%02x:%02x:%02x:%02x:%02x:%02x", m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9])
		case 7:
			b.str("\n\tNext Hop")
			if l < 2 {
				invalid()
				break
			}
			addr, _, ok := babelAddress(m[0], m[2:])
			if !ok {
				invalid()
				break
			}
			b.str(" " + addr)
		case 8:
			b.str("\n\tUpdate")
			if l < 10 {
				invalid()
				break
			}
			ae, plen, omitted := m[0], int(m[2]), int(m[3])
			bits := map[byte]int{1: 32, 2: 128, 3: 64}[ae]
			if ae == 0 || bits == 0 || plen > bits || omitted != 0 || len(m) < 10+(plen+7)/8 {
				invalid()
				break
			}
			addr := make(net.IP, bits/8)
			copy(addr, m[10:10+(plen+7)/8])
			if ae == 3 {
				ll := make(net.IP, 16)
				ll[0], ll[1] = 0xfe, 0x80
				copy(ll[8:], addr)
				addr, plen = ll, plen+64
			}
			b.printf(" %s/%d metric %d seqno %d interval %s", addr, plen, be.Uint16(m[8:]), be.Uint16(m[6:]), babelInterval(be.Uint16(m[4:])))
		default:
			b.printf("\n\tUnknown message type %d", typ)
		}
		i += 2 + l
	}
}

// babelSubTLVs prints the timestamp sub-TLV of a hello (one time stamp)
// or IHU (two).
func (d *dissector) babelSubTLVs(p []byte, ihu bool) {
	b := d.b
	for len(p) > 0 {
		t := p[0]
		if t == 0 {
			p = p[1:]
			continue
		}
		if len(p) < 2 || len(p) < 2+int(p[1]) {
			return
		}
		v := p[2 : 2+int(p[1])]
		p = p[2+int(p[1]):]
		if t&0x7f == 3 {
			if ihu {
				if len(v) < 8 {
					b.str(" (invalid)")
					return
				}
				b.printf(" sub-timestamp %s|%s", babelTimestamp(binary.BigEndian.Uint32(v)), babelTimestamp(binary.BigEndian.Uint32(v[4:])))
			} else {
				if len(v) < 4 {
					b.str(" (invalid)")
					return
				}
				b.printf(" sub-timestamp %s", babelTimestamp(binary.BigEndian.Uint32(v)))
			}
		}
	}
}
