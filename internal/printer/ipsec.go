package printer

import "encoding/binary"

// udpEncap is RFC 3948 UDP encapsulation (port 4500): a NAT keep-alive,
// IKE after the non-ESP marker, or ESP.
func (d *dissector) udpEncap(data []byte, length int, info *ipInfo) {
	b := d.b
	if length == 1 {
		if len(data) < 1 {
			d.truncJmp("isakmp_rfc3948")
			return
		}
		if data[0] == 0xff {
			b.str("isakmp-nat-keep-alive")
			return
		}
	}
	if length < 4 {
		b.trunc("isakmp_rfc3948")
		return
	}
	if len(data) < 4 {
		d.truncJmp("isakmp_rfc3948")
		return
	}
	if binary.BigEndian.Uint32(data) == 0 {
		b.str("NONESP-encap: ")
		d.isakmp(data[4:], length-4, info)
		return
	}
	b.str("UDP-encap: ")
	if len(data) <= 8 {
		// esp_print's explicit check (no longjmp), which wants more
		// than the 8 header bytes.
		b.trunc("esp")
		return
	}
	b.printf("ESP(spi=0x%08x,seq=0x%x), length %d", binary.BigEndian.Uint32(data), binary.BigEndian.Uint32(data[4:]), length)
}

// ah prints an IPsec Authentication Header and returns its length (0 when
// truncated: the marker is printed).
func (d *dissector) ah(data []byte) int {
	b := d.b
	if len(data) < 12 {
		d.truncJmp("ah")
		return 0
	}
	// The length field counts 32-bit words minus 2 (RFC 4302): the fixed
	// 12 bytes and the ICV; a value below 1 makes a header shorter than
	// its own fixed part, which tcpdump prints as it is.
	hdrLen := (int(data[1]) + 2) * 4
	b.str("AH(")
	if d.p.opts.Verbose > 0 {
		b.printf("length=%d(%d-bytes),", data[1], hdrLen)
	}
	b.printf("spi=0x%08x,seq=0x%x", binary.BigEndian.Uint32(data[4:]), binary.BigEndian.Uint32(data[8:]))
	if len(data) < hdrLen {
		b.str(")")
		d.b.trunc("ah")
		return 0
	}
	b.str(",icv=0x")
	for i := 12; i < hdrLen; i++ {
		b.printf("%02x", data[i])
	}
	b.str("): ")
	return hdrLen
}
