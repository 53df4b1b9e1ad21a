package printer

import "encoding/binary"

var tftpOpcodes = map[uint16]string{1: "RRQ", 2: "WRQ", 3: "DATA", 4: "ACK", 5: "ERROR", 6: "OACK"}

var tftpErrors = map[uint16]string{0: "EUNDEF", 1: "ENOTFOUND", 2: "EACCESS", 3: "ENOSPACE",
	4: "EBADOP", 5: "EBADID", 6: "EEXISTS", 7: "ENOUSER"}

// printz prints the NUL-terminated string at the start of data (at most n
// bytes) as tcpdump's nd_printztn, and returns the bytes it took with the
// NUL, or 0 when there is no NUL within them.
func printz(b *buf, data []byte, n int) int {
	if n > len(data) {
		n = len(data)
	}
	for i := 0; i < n; i++ {
		if data[i] == 0 {
			return i + 1
		}
		printn(b, data[i:i+1])
	}
	return 0
}

// need2 checks that n bytes are there by the length the protocol was
// given (else tcpdump's truncation marker) and were captured (else the
// marker that ends the packet).
func (d *dissector) need2(data []byte, length, n int, proto string) bool {
	if length < n {
		d.b.trunc(proto)
		return false
	}
	if len(data) < n {
		d.truncJmp(proto)
		return false
	}
	return true
}

// tftp prints a TFTP message (RFC 1350, options RFC 2347) as tftp_print.
func (d *dissector) tftp(data []byte, length int) {
	b := d.b
	b.printf("TFTP, length %d", length)
	if !d.need2(data, length, 2, "tftp") {
		return
	}
	op := binary.BigEndian.Uint16(data)
	name, ok := tftpOpcodes[op]
	if !ok {
		b.printf(", tftp-#%d", op)
		return
	}
	b.str(", " + name)
	data, length = data[2:], length-2
	// options prints the NUL-terminated strings up to the end of the message.
	options := func() bool {
		for length > 0 {
			if len(data) < 1 {
				d.truncJmp("tftp")
				return false
			}
			if data[0] != 0 {
				b.str(" ")
			}
			n := printz(b, data, length)
			if n == 0 {
				b.trunc("tftp")
				return false
			}
			data, length = data[n:], length-n
		}
		return true
	}
	// quoted prints the NUL-terminated string that comes next in quotes.
	quoted := func() bool {
		if length <= 0 {
			b.trunc("tftp")
			return false
		}
		b.str(" \"")
		n := printz(b, data, length)
		b.str("\"")
		if n == 0 {
			b.trunc("tftp")
			return false
		}
		data, length = data[n:], length-n
		return true
	}
	switch op {
	case 1, 2:
		if !quoted() {
			return
		}
		if length <= 0 {
			b.trunc("tftp")
			return
		}
		b.str(" ")
		n := printz(b, data, length)
		if n == 0 {
			b.trunc("tftp")
			return
		}
		data, length = data[n:], length-n
		options()
	case 6:
		options()
	case 3, 4:
		if !d.need2(data, length, 2, "tftp") {
			return
		}
		b.printf(" block %d", binary.BigEndian.Uint16(data))
	case 5:
		if !d.need2(data, length, 2, "tftp") {
			return
		}
		code := binary.BigEndian.Uint16(data)
		b.str(" " + nameOr(tftpErrors, code, "tftp-err-#"+itoa(int(code))+" \""))
		data, length = data[2:], length-2
		quoted()
	}
}
