package printer

import "encoding/binary"

// ldp prints the first LDP PDU header (RFC 5036), as tcpdump does without
// -v; a segment holding only a common and a message header prints nothing.
func (d *dissector) ldp(data []byte, length int) {
	b := d.b
	if length <= 18 {
		return
	}
	sep := ""
	if d.p.opts.Verbose > 0 {
		sep = "\n\t"
	}
	if len(data) < 10 {
		d.truncJmp("ldp")
		return
	}
	if v := binary.BigEndian.Uint16(data); v != 1 {
		b.printf("%sLDP version %d packet not supported", sep, v)
		return
	}
	pdu := binary.BigEndian.Uint16(data[2:])
	if pdu < 6 {
		b.printf("%sLDP, pdu-length: %d (too short, < 6)", sep, pdu)
		return
	}
	b.printf("%sLDP, Label-Space-ID: %s:%d, pdu-length: %d", sep, d.p.host(data[4:8]), binary.BigEndian.Uint16(data[8:]), pdu)
}
