package printer

import (
	"encoding/binary"

	"github.com/gocap/gocap/linktype"
)

// Apple's PKTAP (DLT_PKTAP): a little-endian header naming the link type
// of the packet after it, as tcpdump's print-pktap.c prints it.

func (d *dissector) pktap(p []byte, length int) int {
	b := d.b
	if len(p) < 108 {
		b.printf(" (packet too short, %d < 108) (invalid)", len(p))
		return 0
	}
	hlen := int(binary.LittleEndian.Uint32(p))
	dlt := binary.LittleEndian.Uint32(p[8:])
	if hlen < 108 {
		b.printf(" (pkt_len too small, %d < 108) (invalid)", hlen)
		return 0
	}
	if hlen > len(p) {
		b.printf(" (pkt_len too big, %d > %d) (invalid)", hlen, len(p))
		return 0
	}
	header := func(length int) {
		if d.p.opts.Quiet {
			b.str(dltName(dlt))
		} else {
			b.printf("DLT %s (%d) len %d", dltName(dlt), dlt, hlen)
		}
		b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(length)
	}
	switch binary.LittleEndian.Uint32(p[4:]) {
	case 0:
		b.str("no data")
	case 1:
		inner := &dissector{b: b, p: d.p, data: p[hlen:], wireLen: length - hlen}
		if n, ok := inner.linkLayer(linktype.Type(dlt)); ok {
			d.early = d.early || inner.early
			// As for PPI, tcpdump adds the inner header's length twice.
			return hlen + 2*n
		}
		if !d.p.opts.LinkHeader {
			header(length)
		}
		if !d.p.suppressDefault() {
			hexASCII(b, "\n\t", p[hlen:], 0)
		}
	}
	return hlen
}
