package printer

import (
	"encoding/binary"
	"net"
)

var eigrpOpcodes = map[byte]string{1: "Update", 3: "Query", 4: "Reply", 5: "Hello", 6: "IPX SAP", 7: "Probe"}

var eigrpTLVs = map[uint16]string{0x0001: "General Parameters", 0x0002: "Authentication", 0x0003: "Sequence",
	0x0004: "Software Version", 0x0005: "Next Multicast Sequence", 0x0102: "IP Internal routes",
	0x0103: "IP External routes", 0x0202: "AppleTalk Internal routes", 0x0203: "AppleTalk External routes",
	0x0204: "AppleTalk Cable setup", 0x0302: "IPX Internal routes", 0x0303: "IPX External routes"}

var eigrpExtProtos = map[byte]string{1: "IGRP", 2: "EIGRP", 3: "Static", 4: "RIP", 5: "Hello", 6: "OSPF",
	7: "IS-IS", 8: "EGP", 9: "BGP", 10: "IDRP", 11: "Connected"}

// eigrpTLVMin is each decoded TLV's value size (tcpdump's structures).
var eigrpTLVMin = map[uint16]int{0x0001: 8, 0x0004: 4, 0x0102: 22, 0x0103: 42, 0x0202: 24, 0x0203: 40, 0x0204: 8}

// eigrp prints an EIGRP packet (IP protocol 88) as tcpdump's eigrp_print.
func (d *dissector) eigrp(p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	if len(p) < 20 {
		b.trunc("eigrp")
		return
	}
	if p[0] != 2 {
		b.printf("EIGRP version %d packet not supported", p[0])
		return
	}
	op := p[1]
	if d.p.opts.Verbose < 1 {
		b.printf("EIGRP %s, length: %d", nameOrf(eigrpOpcodes, op, "unknown (%d)"), length)
		return
	}
	if length < 20 {
		b.printf("EIGRP %s, length: %d (too short, < 20)", nameOrf(eigrpOpcodes, op, "unknown (%d)"), length)
		return
	}
	tlen := length - 20
	var fl []string
	flags := be.Uint32(p[4:])
	for _, f := range []struct {
		bit  uint32
		name string
	}{{1, "Init"}, {2, "Conditionally Received"}, {4, "Restart"}, {8, "End-of-Table"}} {
		if flags&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	b.printf("\n\tEIGRP v%d, opcode: %s (%d), chksum: 0x%04x, Flags: [%s]\n\tseq: 0x%08x, ack: 0x%08x, VRID: %d, AS: %d, length: %d",
		p[0], nameOrf(eigrpOpcodes, op, "unknown, type: %d"), op, be.Uint16(p[2:]), fs,
		be.Uint32(p[8:]), be.Uint32(p[12:]), be.Uint16(p[16:]), be.Uint16(p[18:]), tlen)
	off := 20
	for tlen > 0 {
		if off+4 > len(p) {
			b.trunc("eigrp")
			return
		}
		typ, l := be.Uint16(p[off:]), int(be.Uint16(p[off+2:]))
		if l < 4 || l > tlen {
			unknownDataAt(b, p, off+4, "\n\t    ", tlen)
			return
		}
		b.printf("\n\t  %s TLV (0x%04x), length: %d", nameOr(eigrpTLVs, typ, "Unknown"), typ, l)
		if off+l > len(p) {
			b.trunc("eigrp")
			return
		}
		v := p[off+4:] // may run past the TLV, as tcpdump's reads do
		vlen := l - 4
		if min, ok := eigrpTLVMin[typ]; ok && vlen < min {
			b.printf(" (too short, < %d)", min+4)
		} else if !d.eigrpTLV(typ, v, vlen) {
			return
		}
		if d.p.opts.Verbose > 1 {
			unknownData(b, v, "\n\t    ", vlen)
		}
		off += l
		tlen -= l
	}
}

// eigrpTLV prints one TLV's value; false means the capture ended.
func (d *dissector) eigrpTLV(typ uint16, v []byte, vlen int) bool {
	b := d.b
	be := binary.BigEndian
	metrics := func(m []byte) {
		b.printf("\n\t      delay %d ms, bandwidth %d Kbps, mtu %d, hop %d, reliability %d, load %d",
			be.Uint32(m)/100, be.Uint32(m[4:]), uint32(m[8])<<16|uint32(m[9])<<8|uint32(m[10]), m[11], m[12], m[13])
	}
	switch typ {
	case 0x0001:
		b.printf("\n\t    holdtime: %ds, k1 %d, k2 %d, k3 %d, k4 %d, k5 %d", be.Uint16(v[6:]), v[0], v[1], v[2], v[3], v[4])
	case 0x0004:
		b.printf("\n\t    IOS version: %d.%d, EIGRP version %d.%d", v[0], v[1], v[2], v[3])
	case 0x0102, 0x0103:
		at := 20 // the prefix length's offset
		if typ == 0x0103 {
			at = 40
		}
		bits := int(v[at])
		if bits > 32 {
			b.printf("\n\t    illegal prefix length %d", bits)
			return true
		}
		n := (bits + 7) / 8
		if at+1+n > len(v) {
			d.truncJmp("eigrp")
			return false
		}
		var prefix [4]byte
		copy(prefix[:], v[at+1:at+1+n])
		b.printf("\n\t    IPv4 prefix: %15s/%d, nexthop: ", d.p.host(net.IP(prefix[:])), bits)
		if be.Uint32(v) == 0 {
			b.str("self")
		} else {
			b.str(d.p.host(net.IP(v[:4])))
		}
		if typ == 0x0102 {
			metrics(v[4:])
			return true
		}
		b.printf("\n\t      origin-router %s, origin-as %d, origin-proto %s, flags [0x%02x], tag 0x%08x, metric %d",
			d.p.host(net.IP(v[4:8])), be.Uint32(v[8:]), nameOr(eigrpExtProtos, v[22], "unknown"), v[23], be.Uint32(v[12:]), be.Uint32(v[16:]))
		metrics(v[24:])
	case 0x0204:
		b.printf("\n\t    Cable-range: %d-%d, Router-ID %d", be.Uint16(v), be.Uint16(v[2:]), be.Uint32(v[4:]))
	case 0x0202, 0x0203:
		cable := 20
		if typ == 0x0203 {
			cable = 36
		}
		b.printf("\n\t     Cable-Range: %d-%d, nexthop: ", be.Uint16(v[cable:]), be.Uint16(v[cable+2:]))
		if be.Uint32(v) == 0 {
			b.str("self")
		} else {
			b.printf("%d.%d", be.Uint16(v), be.Uint16(v[2:]))
		}
		if typ == 0x0202 {
			metrics(v[4:])
			return true
		}
		b.printf("\n\t      origin-router %d, origin-as %d, origin-proto %s, flags [0x%02x], tag 0x%08x, metric %d",
			be.Uint32(v[4:]), be.Uint32(v[8:]), nameOr(eigrpExtProtos, v[16], "unknown"), v[17], be.Uint32(v[12:]), be.Uint16(v[18:]))
		metrics(v[20:])
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t    ", vlen)
		}
	}
	return true
}
