package printer

import (
	"encoding/binary"
	"net"
)

// msdp prints MSDP messages (RFC 3618, TCP 639) as tcpdump's msdp_print:
// the message types, with -v their lengths, with -vv the IP packet an
// SA message carries.
func (d *dissector) msdp(p []byte, length int) {
	b := d.b
	b.str(": msdp")
	if len(p) < 3 {
		d.truncJmp("msdp")
		return
	}
	typ, l := p[0], int(binary.BigEndian.Uint16(p[1:]))
	if l > 1500 || l < 3 || typ == 0 || typ > 7 {
		b.trunc("msdp") // not a message start: tcpdump calls it truncated
		return
	}
	off := 0
	for length != 0 {
		if off+3 > len(p) {
			d.truncJmp("msdp")
			return
		}
		typ, l = p[off], int(binary.BigEndian.Uint16(p[off+1:]))
		if l > 1400 || d.p.opts.Verbose > 0 {
			b.printf(" [len %d]", l)
		}
		if l < 3 || length < l {
			b.trunc("msdp")
			return
		}
		off += 3
		length -= 3
		switch typ {
		case 1, 3:
			if typ == 1 {
				b.str(" SA")
			} else {
				b.str(" SA-Response")
			}
			if off >= len(p) {
				d.truncJmp("msdp")
				return
			}
			n := int(p[off])
			b.printf(" %d entries", n)
			if n*12+8 < l {
				b.str(" [w/data]")
				if d.p.opts.Verbose > 1 {
					b.str(" ")
					at := off + n*12 + 8 - 3
					var ip []byte
					if at <= len(p) {
						ip = p[at:]
					}
					d.ip4(ip, l-(n*12+8))
				}
			}
		case 2:
			b.str(" SA-Request")
			if off+5 > len(p) {
				d.truncJmp("msdp")
				return
			}
			b.printf(" for %s", d.p.host(net.IP(p[off+1:off+5])))
		case 4:
			b.str(" Keepalive")
			if l != 3 {
				b.printf("[len=%d] ", l)
			}
		case 5:
			b.str(" Notification")
		default:
			b.printf(" [type=%d len=%d]", typ, l)
		}
		off += l - 3
		length -= l - 3
	}
}
