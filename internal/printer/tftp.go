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

// tftp prints a TFTP message (RFC 1350, options RFC 2347) as tftp_print.
func (d *dissector) tftp(data []byte, length int) {
	b := d.b
	b.printf("TFTP, length %d", length)
	if length < 2 {
		b.trunc("tftp")
		return
	}
	if len(data) < 2 {
		d.truncJmp("tftp")
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
	switch op {
	case 1, 2:
		if length <= 0 {
			b.trunc("tftp")
			return
		}
		b.str(" \"")
		n := printz(b, data, length)
		b.str("\"")
		if n == 0 {
			b.trunc("tftp")
			return
		}
		data, length = data[n:], length-n
		if length <= 0 {
			b.trunc("tftp")
			return
		}
		b.str(" ")
		if n = printz(b, data, length); n == 0 {
			b.trunc("tftp")
			return
		}
		data, length = data[n:], length-n
		options()
	case 6:
		options()
	case 3, 4:
		if length < 2 {
			b.trunc("tftp")
			return
		}
		if len(data) < 2 {
			d.truncJmp("tftp")
			return
		}
		b.printf(" block %d", binary.BigEndian.Uint16(data))
	case 5:
		if length < 2 {
			b.trunc("tftp")
			return
		}
		if len(data) < 2 {
			d.truncJmp("tftp")
			return
		}
		code := binary.BigEndian.Uint16(data)
		b.str(" " + nameOr(tftpErrors, code, "tftp-err-#"+itoa(int(code))+" \""))
		data, length = data[2:], length-2
		if length <= 0 {
			b.trunc("tftp")
			return
		}
		b.str(" \"")
		n := printz(b, data, length)
		b.str("\"")
		if n == 0 {
			b.trunc("tftp")
		}
	}
}
