package printer

import (
	"encoding/binary"
	"net"
)

// Cisco NetFlow versions 1, 5 and 6 as tcpdump's cnfp_print, which
// tcpdump runs only when told so (-T cnfp; Options.PacketType): the
// export header and each flow record on two lines.

// cnfp prints data, the UDP payload up to the end of the captured IP
// datagram.
func (d *dissector) cnfp(data []byte) {
	b := d.b
	be := binary.BigEndian
	if len(data) < 2 {
		d.truncJmp("cnfp")
		return
	}
	ver := be.Uint16(data)
	hdr, rec := 0, 48
	switch ver {
	case 1:
		hdr = 16
	case 5, 6:
		// tcpdump's version 5 record carries version 6's peer next hop:
		// it steps 52 bytes for both.
		hdr, rec = 24, 52
	default:
		b.printf("NetFlow v%x", ver)
		return
	}
	if len(data) < hdr {
		b.trunc("cnfp")
		return
	}
	// tcpdump reads the 16-bit record count as 32 bits, taking in the
	// first half of the uptime.
	n := be.Uint32(data[2:])
	up := be.Uint32(data[4:])
	b.printf("NetFlow v%x, %d.%03d uptime, %d.%09d, ", ver, up/1000, up%1000, be.Uint32(data[8:]), be.Uint32(data[12:]))
	if ver != 1 {
		b.printf("#%d, ", be.Uint32(data[16:]))
	}
	b.printf("%2d recs", n)
	for r := data[hdr:]; n != 0; n, r = n-1, r[rec:] {
		if len(r) < rec {
			b.trunc("cnfp")
			return
		}
		b.printf("\n  started %d.%03d, last %d.%03d", be.Uint32(r[24:])/1000, be.Uint32(r[24:])%1000,
			be.Uint32(r[28:])/1000, be.Uint32(r[28:])%1000)
		var proto, flags, tos byte
		src, dst := net.IP(r[:4]).String(), net.IP(r[4:8]).String()
		if ver == 1 {
			proto, tos, flags = r[38], r[39], r[40]
			b.printf("\n    %s:%d > %s:%d ", src, be.Uint16(r[32:]), dst, be.Uint16(r[34:]))
		} else {
			flags, proto, tos = r[37], r[38], r[39]
			b.printf("\n    %s/%d:%d:%d > %s/%d:%d:%d ", src, r[44], be.Uint16(r[40:]), be.Uint16(r[32:]),
				dst, r[45], be.Uint16(r[42:]), be.Uint16(r[34:]))
		}
		b.printf(">> %s\n    ", net.IP(r[8:12]).String())
		if name, ok := protocolNames()[proto]; ok && !d.p.opts.Numeric {
			b.str(name + " ")
		} else {
			b.printf("%d ", proto)
		}
		if proto == 6 {
			for _, f := range []struct {
				bit  byte
				name string
			}{{0x01, "F"}, {0x02, "S"}, {0x04, "R"}, {0x08, "P"}, {0x10, "A"}, {0x20, "U"}} {
				if flags&f.bit != 0 {
					b.str(f.name)
				}
			}
			if flags != 0 {
				b.str(" ")
			}
		}
		b.printf("tos %d, %d (%d octets) ", tos, be.Uint32(r[16:]), be.Uint32(r[20:]))
		if ver == 6 {
			fl := be.Uint16(r[46:])
			b.printf("(%d<>%d encaps)", fl>>8, fl&0xff)
		}
	}
}
