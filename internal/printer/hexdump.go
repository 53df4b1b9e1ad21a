package printer

// The dumps reproduce tcpdump's hex_print_with_offset,
// hex_and_ascii_print_with_offset and ascii_print layouts: 16 bytes a line,
// in groups of two, the offset as 0x%04x.

const hexStuffPerLine = 5 * 8 // " xxxx" per 16-bit word, 8 words

func isGraph(c byte) bool { return c > 0x20 && c < 0x7f }

// hexASCII is -X: hex and ASCII side by side.
func hexASCII(b *buf, indent string, data []byte, off int) {
	var hex []byte
	var asc []byte
	flushLine := func() {
		b.str(indent)
		b.printf("0x%04x: %-*s  %s", off, hexStuffPerLine, hex, asc)
		hex, asc = hex[:0], asc[:0]
		off += 16
	}
	words := 0
	i := 0
	for ; i+1 < len(data); i += 2 {
		hex = append(hex, ' ', hexDigit(data[i]>>4), hexDigit(data[i]&15), hexDigit(data[i+1]>>4), hexDigit(data[i+1]&15))
		asc = append(asc, graph(data[i]), graph(data[i+1]))
		words++
		if words == 8 {
			flushLine()
			words = 0
		}
	}
	if i < len(data) {
		hex = append(hex, ' ', hexDigit(data[i]>>4), hexDigit(data[i]&15))
		asc = append(asc, graph(data[i]))
		words++
	}
	if words > 0 {
		flushLine()
	}
}

// hexOnly is -x: hex without ASCII.
func hexOnly(b *buf, indent string, data []byte, off int) {
	i, w := 0, 0
	for ; i+1 < len(data); i += 2 {
		if w%8 == 0 {
			b.str(indent)
			b.printf("0x%04x: ", off)
			off += 16
		}
		w++
		b.s = append(b.s, ' ', hexDigit(data[i]>>4), hexDigit(data[i]&15), hexDigit(data[i+1]>>4), hexDigit(data[i+1]&15))
	}
	if i < len(data) {
		if w%8 == 0 {
			b.str(indent)
			b.printf("0x%04x: ", off)
		}
		b.s = append(b.s, ' ', hexDigit(data[i]>>4), hexDigit(data[i]&15))
	}
}

// asciiDump is -A: the bytes as text, unprintable ones as '.', a CR
// before LF dropped.
func asciiDump(b *buf, data []byte) {
	b.str("\n")
	for i, c := range data {
		switch {
		case c == '\r':
			// tcpdump drops a CR before LF, and (a quirk kept for
			// identical output) a CR among the last two bytes.
			if len(data)-i-1 > 1 && data[i+1] != '\n' {
				b.s = append(b.s, '.')
			}
		case isGraph(c) || c == '\t' || c == ' ' || c == '\n':
			b.s = append(b.s, c)
		default:
			b.s = append(b.s, '.')
		}
	}
}

func graph(c byte) byte {
	if isGraph(c) {
		return c
	}
	return '.'
}

func hexDigit(v byte) byte { return "0123456789abcdef"[v&15] }
