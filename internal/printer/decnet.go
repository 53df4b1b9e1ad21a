package printer

import (
	"encoding/binary"
	"fmt"
)

// DECnet Phase IV routing and NSP, as tcpdump's print-decnet.c prints them
// (a common sight in old captures, and a good share of tcpdump's own test
// captures).

func dnAddr(v uint16) string { return fmt.Sprintf("%d.%d", v>>10, v&0x3ff) }

var dnReasons = map[uint16]string{
	0: "object rejected connect", 1: "insufficient resources", 2: "unrecognized node name",
	3: "node is shutting down", 4: "unrecognized object", 5: "invalid object name format",
	6: "object too busy", 7: "protocol error discovered", 8: "third party abort",
	9: "user abort", 10: "invalid node name format", 11: "local node shutting down",
	32: "insufficient local resources", 33: "insufficient remote user resources",
	34: "invalid access control information", 36: "bad ACCOUNT information",
	38: "no response from object", 39: "node unreachable", 41: "no link terminate",
	42: "disconnect complete", 43: "bad image data in connect", 44: "cryptographic service mismatch",
}

// decnet prints a DECnet routing-layer message (Ethernet type 0x6003).
func (d *dissector) decnet(data []byte, length int) {
	b := d.b
	le16 := func(p []byte, off int) (uint16, bool) {
		if off+2 > len(p) {
			d.truncJmp("decnet")
			return 0, false
		}
		return binary.LittleEndian.Uint16(p[off:]), true
	}
	if len(data) < 3 {
		d.truncJmp("decnet")
		return
	}
	pktlen := int(binary.LittleEndian.Uint16(data))
	if pktlen < 6 {
		b.printf("[|decnet] (length %d < 6)", pktlen)
		return
	}
	if pktlen > length-2 {
		b.printf("[|decnet] (length %d > %d)", pktlen, length-2)
		return
	}
	p := data[2:]
	if len(p) > pktlen {
		p = p[:pktlen]
	}
	rest := pktlen
	flags := p[0]
	if flags&0x80 != 0 { // padding before the message
		pad := int(flags & 0x7f)
		if d.p.opts.Verbose > 0 {
			b.printf("[pad:%d] ", pad)
		}
		if pad >= len(p) {
			d.truncJmp("decnet")
			return
		}
		p, rest = p[pad:], rest-pad
		flags = p[0]
	}
	if flags&0x40 != 0 {
		b.str("future-version-decnet")
		return
	}
	if flags&1 != 0 {
		d.decnetControl(p, flags)
		return
	}
	var src, dst uint16
	var hops, hdr int
	var ok bool
	switch flags & 7 {
	case 6: // long
		if dst, ok = le16(p, 7); !ok {
			return
		}
		if src, ok = le16(p, 15); !ok {
			return
		}
		if len(p) < 19 {
			d.truncJmp("decnet")
			return
		}
		hops, hdr = int(p[18]), 21
	case 2: // short
		if dst, ok = le16(p, 1); !ok {
			return
		}
		if src, ok = le16(p, 3); !ok {
			return
		}
		if len(p) < 6 {
			d.truncJmp("decnet")
			return
		}
		hops, hdr = int(p[5]&0x3f)+1, 6
	default:
		b.str("unknown message flags under mask")
		return
	}
	b.printf("%s > %s %d ", dnAddr(src), dnAddr(dst), pktlen)
	if d.p.opts.Verbose > 0 {
		if flags&8 != 0 {
			b.str("RQR ")
		}
		if flags&16 != 0 {
			b.str("RTS ")
		}
		if flags&32 != 0 {
			b.str("IE ")
		}
		b.printf("%d hops ", hops)
	}
	if hdr > len(p) {
		d.truncJmp("decnet")
		return
	}
	d.nsp(p[hdr:], rest-hdr)
}

func (d *dissector) decnetControl(p []byte, flags byte) {
	b := d.b
	need := func(n int) bool {
		if len(p) < n {
			d.truncJmp("decnet")
			return false
		}
		return true
	}
	info := func(v byte) {
		b.str([]string{"reserved-ntype? ", "l2rout ", "l1rout ", "endnode "}[v&3])
		if v&4 != 0 {
			b.str("verif ")
		}
		if v&8 != 0 {
			b.str("nomcast ")
		}
		if v&16 != 0 {
			b.str("blo ")
		}
	}
	le := func(off int) uint16 { return binary.LittleEndian.Uint16(p[off:]) }
	switch flags & 0x0e {
	case 0x0c: // endnode hello
		b.str("endnode-hello ")
		if !need(32) {
			return
		}
		info(p[10])
		b.printf("vers %d eco %d ueco %d src %s blksize %d rtr %s hello %d data %o",
			p[1], p[2], p[3], dnAddr(le(8)), le(11), dnAddr(le(26)), le(28), p[31])
	case 0x0a: // router hello
		b.str("router-hello ")
		if !need(18) {
			return
		}
		info(p[10])
		b.printf("vers %d eco %d ueco %d src %s blksize %d pri %d hello %d",
			p[1], p[2], p[3], dnAddr(le(8)), le(11), p[13], le(15))
	case 0x02:
		b.str("verification ")
		if !need(4) {
			return
		}
		b.printf("src %s fcnval %o", dnAddr(le(1)), p[3])
	case 0x04:
		b.str("test ")
		if !need(4) {
			return
		}
		b.printf("src %s data %o", dnAddr(le(1)), p[3])
	default:
		b.str("unknown control message")
	}
}

// nsp prints an NSP message (DECnet's transport).
func (d *dissector) nsp(p []byte, nsplen int) {
	b := d.b
	if nsplen < 5 {
		b.printf(" (nsplen %d < 5) (invalid)", nsplen)
		return
	}
	if len(p) < 5 {
		d.truncJmp("decnet")
		return
	}
	flags := p[0]
	dst := binary.LittleEndian.Uint16(p[1:])
	src := binary.LittleEndian.Uint16(p[3:])
	seq := func(i int) (uint16, bool) {
		if 5+2*i+2 > len(p) {
			d.truncJmp("decnet")
			return 0, false
		}
		return binary.LittleEndian.Uint16(p[5+2*i:]), true
	}
	// acks prints the ack fields; other names the second one ("oack" or
	// "ackdat"); it returns the next sequence word index and value.
	acks := func(other string, wantSeg bool) bool {
		v, ok := seq(0)
		if !ok {
			return false
		}
		i := 0
		if v&0x8000 != 0 {
			if v&0x9000 == 0x9000 {
				b.printf("nak %d ", v&0xfff)
			} else {
				b.printf("ack %d ", v&0xfff)
			}
			i++
			if v, ok = seq(i); !ok {
				return false
			}
			if v&0xa000 == 0xa000 {
				if v&0xb000 == 0xb000 {
					b.printf("%s %d ", map[string]string{"oack": "onak", "ackdat": "nakdat"}[other], v&0xfff)
				} else {
					b.printf("%s %d ", other, v&0xfff)
				}
				i++
				if wantSeg {
					if v, ok = seq(i); !ok {
						return false
					}
				}
			}
		}
		if wantSeg {
			b.printf("seg %d ", v&0xfff)
		}
		return true
	}
	cos := func(s byte) {
		switch s & 0x0c {
		case 0x04:
			b.str("seg ")
		case 0x08:
			b.str("msg ")
		case 0x0c:
			b.str("crypt ")
		}
	}
	ver := func(i byte) { b.str([]string{"ver 3.2 ", "ver 3.1 ", "ver 4.0 ", "ver 4.1 "}[i&3]) }
	reason := func(r uint16) { b.str(nameOrf(dnReasons, r, "reason-%d") + " ") }
	sub := flags & 0x70
	switch flags & 0x0c {
	case 0x00: // data
		switch sub {
		case 0x00, 0x20, 0x40, 0x60:
			b.printf("data %d>%d ", src, dst)
			acks("oack", true)
		case 0x30: // ILS + interrupt
			b.str("intr ")
			acks("ackdat", true)
		case 0x10:
			b.printf("link-service %d>%d ", src, dst)
			if !acks("ackdat", true) {
				return
			}
			if len(p) < 13 {
				d.truncJmp("decnet")
				return
			}
			ls, fc := p[11], p[12]
			switch ls & 0x0c {
			case 0:
				b.printf("dat seg count %d ", fc)
				switch ls & 3 {
				case 1:
					b.str("donotsend-data ")
				case 2:
					b.str("send-data ")
				case 3:
					b.printf("reserved-fcmod? %x", ls)
				}
			case 4:
				b.printf("intr req count %d ", fc)
			default:
				b.printf("reserved-fcval-int? %x", ls)
			}
		default:
			b.printf("reserved-subtype? %x %d > %d", flags, src, dst)
		}
	case 0x04: // acknowledgement
		switch sub {
		case 0x00:
			b.printf("data-ack %d>%d ", src, dst)
			acks("oack", false)
		case 0x10:
			b.printf("ils-ack %d>%d ", src, dst)
			acks("ackdat", false)
		case 0x20:
			b.printf("conn-ack %d", dst)
		default:
			b.printf("reserved-acktype? %x %d > %d", flags, src, dst)
		}
	case 0x08: // control
		switch sub {
		case 0x10, 0x50:
			if sub == 0x10 {
				b.str("conn-initiate ")
			} else {
				b.str("retrans-conn-initiate ")
			}
			b.printf("%d>%d ", src, dst)
			if len(p) < 9 {
				d.truncJmp("decnet")
				return
			}
			cos(p[5])
			ver(p[6])
			b.printf("segsize %d ", binary.LittleEndian.Uint16(p[7:]))
		case 0x20:
			b.printf("conn-confirm %d>%d ", src, dst)
			if len(p) < 10 {
				d.truncJmp("decnet")
				return
			}
			cos(p[5])
			ver(p[6])
			b.printf("segsize %d ", binary.LittleEndian.Uint16(p[7:]))
			if p[9] != 0 {
				b.printf("optlen %d ", p[9])
			}
		case 0x30:
			b.printf("disconn-initiate %d>%d ", src, dst)
			if len(p) < 8 {
				d.truncJmp("decnet")
				return
			}
			reason(binary.LittleEndian.Uint16(p[5:]))
			if p[7] != 0 {
				b.printf("optlen %d ", p[7])
			}
		case 0x40:
			b.printf("disconn-confirm %d>%d ", src, dst)
			if len(p) < 7 {
				d.truncJmp("decnet")
				return
			}
			reason(binary.LittleEndian.Uint16(p[5:]))
		default:
			b.printf("reserved-ctltype? %x %d > %d", flags, src, dst)
		}
	default:
		b.printf("reserved-type? %x %d > %d", flags, src, dst)
	}
}
