package printer

import (
	"encoding/binary"
)

// ETSI GeoNetworking (Ethernet type 0x8947, 0x0707 before) as tcpdump's
// geonet_print: the common header, the long position vector, and a BTP
// header with the ITS PDU header after it; -v dumps the rest in hex.

var geonetMsgTypes = map[byte]string{0: "CAM", 1: "DENM", 101: "TPEGM", 102: "TSPDM", 103: "VPM", 104: "SRM",
	105: "SLAM", 106: "ecoCAM", 107: "ITM", 150: "SA"}

var geonetNextHeaders = map[byte]string{0: "Any", 1: "BTP-A", 2: "BTP-B", 3: "IPv6"}

// geonetHeaderTypes name header type<<4|subtype.
var geonetHeaderTypes = map[byte]string{0x00: "Any", 0x10: "Beacon", 0x20: "GeoUnicast",
	0x30: "GeoAnycastCircle", 0x31: "GeoAnycastRect", 0x32: "GeoAnycastElipse",
	0x40: "GeoBroadcastCircle", 0x41: "GeoBroadcastRect", 0x42: "GeoBroadcastElipse",
	0x50: "TopoScopeBcast-SH", 0x51: "TopoScopeBcast-MH", 0x60: "LocService-Request", 0x61: "LocService-Reply"}

// geonetExtLen is the extended header's length tcpdump skips, by header
// type<<4|subtype; for the others it prints nothing after the common
// header.
var geonetExtLen = map[byte]int{0x00: 0, 0x10: 0, 0x50: 0, 0x51: 32}

func (d *dissector) geonet(p []byte, length int, addrs *llcAddrs) {
	b := d.b
	b.str("GeoNet ")
	if addrs != nil {
		b.str("src:" + addrs.src)
	}
	b.str("; ")
	if length < 36 {
		b.printf(" (common header length %d < 36) (invalid)", length)
		return
	}
	short := func(n int) bool {
		if len(p) < n {
			d.truncJmp("geonet")
			return true
		}
		return false
	}
	if short(8) {
		return
	}
	ver, next := p[0]>>4, p[0]&0x0f
	ht, hst := p[1]>>4, p[1]&0x0f
	hkey := p[1]
	if ht > 6 {
		hkey = 0xff
	}
	switch ht {
	case 0, 1, 2:
		hkey = ht << 4 // the subtype does not matter
	}
	b.printf("v:%d NH:%d-%s HT:%d-%d-%s HopLim:%d Payload:%d ", ver, next, nameOr(geonetNextHeaders, next, "Unknown"),
		ht, hst, nameOr(geonetHeaderTypes, hkey, "Unknown"), p[7], binary.BigEndian.Uint16(p[4:]))
	if short(16) {
		return
	}
	b.str("GN_ADDR:")
	for i, c := range p[8:16] {
		if i > 0 {
			b.str(":")
		}
		b.str(hex2(c))
	}
	b.str(" ")
	if short(24) {
		return
	}
	b.printf("lat:%d ", binary.BigEndian.Uint32(p[20:]))
	if short(28) {
		return
	}
	b.printf("lon:%d", binary.BigEndian.Uint32(p[24:]))
	if short(36) {
		return
	}
	p, length = p[36:], length-36
	if ext, ok := geonetExtLen[hkey]; ok {
		if length < ext {
			b.printf(" (header size %d > %d) (invalid)", ext, length)
			return
		}
		if len(p) < ext {
			d.truncJmp("geonet")
			return
		}
		p, length = p[ext:], length-ext
		if next == 1 || next == 2 {
			if length < 4 {
				b.printf(" (BTP length %d < 4) (invalid)", length)
				return
			}
			if len(p) < 2 {
				d.truncJmp("geonet")
				return
			}
			b.printf("; BTP Dst:%d", binary.BigEndian.Uint16(p))
			if len(p) < 4 {
				d.truncJmp("geonet")
				return
			}
			b.printf(" Src:%d", binary.BigEndian.Uint16(p[2:]))
			p, length = p[4:], length-4
			if length >= 2 {
				if len(p) < 1 {
					d.truncJmp("geonet")
					return
				}
				b.printf("; ItsPduHeader v:%d", p[0])
				if len(p) < 2 {
					d.truncJmp("geonet")
					return
				}
				b.printf(" t:%d-%s", p[1], nameOrf(geonetMsgTypes, p[1], "unknown (%d)"))
			}
		}
	}
	if d.p.opts.Verbose > 0 {
		d.defaultPrint(p, length, "geonet")
	}
}

// defaultPrint is tcpdump's ND_DEFAULTPRINT from a printer: length bytes
// in hex and ASCII, those captured, then the truncation marker of proto
// when some were not (where tcpdump's dump ends the packet's printing).
func (d *dissector) defaultPrint(p []byte, length int, proto string) {
	if length < 0 {
		length = 0
	}
	if length <= len(p) {
		hexASCII(d.b, "\n\t", p[:length], 0)
		return
	}
	hexASCII(d.b, "\n\t", p, 0)
	d.truncJmp(proto)
}
