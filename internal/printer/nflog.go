package printer

import "encoding/binary"

// Linux netfilter NFLOG (DLT_NFLOG), as tcpdump's print-nflog.c prints it.

// nflog skips the TLVs up to the packet payload and prints the payload by
// the header's address family. TLV lengths and types are in the capturing
// host's byte order, which tcpdump reads in its own (little-endian here).
func (d *dissector) nflog(p []byte, length int) int {
	b := d.b
	if len(p) < 4 {
		b.trunc("nflog")
		return 4
	}
	family, version, rid := p[0], p[1], binary.BigEndian.Uint16(p[2:])
	if version != 0 {
		b.printf("version %d (unknown)", version)
		return 4
	}
	header := func(length int) {
		b.printf("version %d, resource ID %d", version, rid)
		names := map[uint8]string{2: "IPv4", 10: "IPv6"}
		if !d.p.opts.Quiet {
			b.printf(", family %s (%d)", nameOr(names, family, "Unknown"), family)
		} else if s, ok := names[family]; ok {
			b.printf(", %s", s)
		} else {
			b.printf(", Unknown NFLOG (0x%02x)", family)
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(length)
	}
	hsize := 4
	p, length = p[4:], length-4
	for length > 0 {
		if len(p) < 4 {
			b.trunc("nflog")
			return hsize
		}
		size := int(binary.LittleEndian.Uint16(p))
		if size%4 != 0 {
			size = (size + 4 - size%4) & 0xffff
		}
		if size < 4 || len(p) < size {
			b.trunc("nflog")
			return hsize
		}
		if binary.LittleEndian.Uint16(p[2:]) == 9 { // NFULA_PAYLOAD
			p, hsize, length = p[4:], hsize+4, length-4
			break
		}
		p, hsize, length = p[size:], hsize+size, length-size
	}
	switch family {
	case 2:
		d.ip4(p, length)
	case 10:
		d.ip6(p, length)
	default:
		if !d.p.opts.LinkHeader {
			header(length + 4)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p, 0)
		}
	}
	return hsize
}
