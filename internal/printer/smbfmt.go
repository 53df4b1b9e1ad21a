package printer

import (
	"encoding/binary"
	"math"
	"strings"
	"time"
)

// smbCtx is the state of one NetBIOS/SMB decode: the bytes captured from
// the start of the NetBIOS or SMB message (tcpdump's startbuf; names
// point into it, Unicode strings align to it), whether strings are
// UCS-2, whether the message is a request, and the length the last
// [l..] field read for [c] and [C].
type smbCtx struct {
	d         *dissector
	pkt       []byte
	unicode   bool
	request   bool
	stringlen uint32
	depth     int
	proto     string
}

// has reports whether n bytes at off were captured.
func (c *smbCtx) has(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(c.pkt) }

// fdata interprets one of tcpdump's SMB format strings (smb_fdata) over
// the bytes from off to maxbuf: text is printed, a field in brackets is
// read and printed, '|' stops at the end of the data, '*' repeats the
// rest, '#' stops, '%' skips to the end. At the outer level the bytes
// left are dumped. It returns where it stopped, or -1 when the capture
// ended inside a field.
func (c *smbCtx) fdata(off int, format string, maxbuf int) int {
	b := c.d.b
	for i := 0; i < len(format); {
		switch ch := format[i]; ch {
		case '*':
			rest := format[i+1:]
			for off < maxbuf {
				c.depth++
				off2 := c.fdata(off, rest, maxbuf)
				c.depth--
				if off2 < 0 {
					return -1
				}
				if off2 == off {
					return off
				}
				off = off2
			}
			return off
		case '|':
			i++
			if off >= maxbuf {
				return off
			}
		case '%':
			i++
			off = maxbuf
		case '#':
			return off
		case '[':
			i++
			if off >= maxbuf {
				return off
			}
			end := strings.IndexByte(format[i:], ']')
			if end < 0 {
				return off
			}
			off = c.field(off, format[i:i+end], maxbuf)
			if off < 0 {
				return -1
			}
			i += end + 1
		default:
			b.s = append(b.s, ch)
			i++
		}
	}
	if c.depth == 0 && off < maxbuf {
		n := maxbuf - off
		b.printf("Data: (%d bytes)\n", n)
		c.dataPrint(off, n)
		return off + n
	}
	return off
}

// number reads the decimal count after a format letter.
func fmtNumber(f string, i int) (int, int) {
	n := 0
	for i < len(f) && f[i] >= '0' && f[i] <= '9' {
		if n < 1<<20 {
			n = n*10 + int(f[i]-'0')
		}
		i++
	}
	return n, i
}

// field prints the fields of one bracketed format (smb_fdata1).
func (c *smbCtx) field(off int, f string, maxbuf int) int {
	b := c.d.b
	reverse := false
	const attribs = "READONLY|HIDDEN|SYSTEM|VOLUME|DIR|ARCHIVE|"
	u16 := func(o int) uint32 {
		if reverse {
			return uint32(binary.BigEndian.Uint16(c.pkt[o:]))
		}
		return uint32(binary.LittleEndian.Uint16(c.pkt[o:]))
	}
	u32 := func(o int) uint32 {
		if reverse {
			return binary.BigEndian.Uint32(c.pkt[o:])
		}
		return binary.LittleEndian.Uint32(c.pkt[o:])
	}
	trunc := func() int {
		b.trunc(c.proto)
		return -1
	}
	i := 0
	for i < len(f) && off < maxbuf {
		switch f[i] {
		case 'a', 'A':
			n := 1
			if f[i] == 'A' {
				n = 2
			}
			if !c.has(off, n) {
				return trunc()
			}
			v := uint32(c.pkt[off])
			if n == 2 {
				v = uint32(binary.LittleEndian.Uint16(c.pkt[off:]))
			}
			writeBits(b, v, attribs)
			off += n
			i++
		case '{':
			end := strings.IndexByte(f[i+1:], '}')
			if end < 0 {
				end = len(f) - i - 1
			}
			bits := f[i+1 : i+1+end]
			i += end + 2
			if !c.has(off, 1) {
				return trunc()
			}
			writeBits(b, uint32(c.pkt[off]), bits)
			off++
		case 'P':
			n, j := fmtNumber(f, i+1)
			if !c.has(off, n) {
				return trunc()
			}
			off += n
			i = j
		case 'r':
			reverse = !reverse
			i++
		case 'b':
			if !c.has(off, 1) {
				return trunc()
			}
			b.printf("%d (0x%x)", c.pkt[off], c.pkt[off])
			off++
			i++
		case 'd', 'u':
			if !c.has(off, 2) {
				return trunc()
			}
			v := u16(off)
			if f[i] == 'd' {
				b.printf("%d (0x%x)", int16(v), uint32(int32(int16(v))))
			} else {
				b.printf("%d (0x%x)", v, v)
			}
			off += 2
			i++
		case 'D', 'U':
			if !c.has(off, 4) {
				return trunc()
			}
			v := u32(off)
			if f[i] == 'D' {
				b.printf("%d (0x%x)", int32(v), v)
			} else {
				b.printf("%d (0x%x)", v, v)
			}
			off += 4
			i++
		case 'L', 'M':
			if !c.has(off, 8) {
				return trunc()
			}
			var v uint64
			if f[i] == 'L' {
				if reverse {
					v = binary.BigEndian.Uint64(c.pkt[off:])
				} else {
					v = binary.LittleEndian.Uint64(c.pkt[off:])
				}
			} else {
				v = uint64(u32(off))<<32 | uint64(u32(off+4))
			}
			b.printf("%d (0x%x)", v, v)
			off += 8
			i++
		case 'B':
			if !c.has(off, 1) {
				return trunc()
			}
			b.printf("0x%X", c.pkt[off])
			off++
			i++
		case 'w':
			if !c.has(off, 2) {
				return trunc()
			}
			b.printf("0x%X", u16(off))
			off += 2
			i++
		case 'W':
			if !c.has(off, 4) {
				return trunc()
			}
			b.printf("0x%X", u32(off))
			off += 4
			i++
		case 'l':
			i++
			if i < len(f) {
				n := map[byte]int{'b': 1, 'd': 2, 'u': 2, 'D': 4, 'U': 4}[f[i]]
				if n > 0 {
					if !c.has(off, n) {
						return trunc()
					}
					switch n {
					case 1:
						c.stringlen = uint32(c.pkt[off])
					case 2:
						c.stringlen = u16(off)
					default:
						c.stringlen = u32(off)
					}
					b.printf("%d", c.stringlen)
					off += n
				}
			}
			i++
		case 'S', 'R':
			var n uint32
			s, ok := c.unistr(off, &n, f[i] == 'S' && c.unicode)
			if !ok {
				return trunc()
			}
			b.str(s)
			off += int(n)
			i++
		case 'Z', 'Y':
			if !c.has(off, 1) {
				return trunc()
			}
			if t := c.pkt[off]; t != 4 && t != 2 {
				b.printf("Error! ASCIIZ buffer of type %d", t)
				return maxbuf
			}
			var n uint32
			s, ok := c.unistr(off+1, &n, f[i] == 'Z' && c.unicode)
			if !ok {
				return trunc()
			}
			b.str(s)
			off += int(n) + 1
			i++
		case 's':
			n, j := fmtNumber(f, i+1)
			if !c.has(off, n) {
				return trunc()
			}
			fixedString(b, c.pkt[off:off+n], n)
			off += n
			i = j
		case 'c':
			n := int(min(c.stringlen, math.MaxInt32))
			if !c.has(off, n) {
				return trunc()
			}
			fixedString(b, c.pkt[off:off+n], n)
			off += n
			_, i = fmtNumber(f, i+1)
		case 'C':
			n := c.stringlen
			s, ok := c.unistr(off, &n, c.unicode)
			if !ok {
				return trunc()
			}
			c.stringlen = n
			b.str(s)
			off += int(n)
			i++
		case 'h':
			n, j := fmtNumber(f, i+1)
			if !c.has(off, n) {
				return trunc()
			}
			for _, x := range c.pkt[off : off+n] {
				b.printf("%02x", x)
			}
			off += n
			i = j
		case 'n':
			t, j := fmtNumber(f, i+1)
			i = j
			switch t {
			case 1:
				name, typ := c.nameExtract(off, maxbuf)
				if typ < 0 {
					return trunc()
				}
				n := c.nameLen(off, maxbuf)
				if n < 0 {
					return trunc()
				}
				off += n
				b.printf("%-15.15s NameType=0x%02X (%s)", name, typ, nbNameType(typ))
			case 2:
				if !c.has(off, 16) {
					return trunc()
				}
				b.printf("%-15.15s NameType=0x%02X (%s)", cString(c.pkt[off:off+16]), c.pkt[off+15], nbNameType(int(c.pkt[off+15])))
				off += 16
			}
		case 'T':
			kind, j := fmtNumber(f, i+1)
			i = j
			var t int64
			switch kind {
			case 1, 2:
				if !c.has(off, 4) {
					return trunc()
				}
				x := binary.LittleEndian.Uint32(c.pkt[off:])
				if x != 0 && x != 0xffffffff {
					if kind == 2 {
						x = x<<16 | x>>16
					}
					t = c.dosDate(x)
				}
				off += 4
			case 3:
				if !c.has(off, 8) {
					return trunc()
				}
				t = longDate(c.pkt[off:])
				off += 8
			}
			if t != 0 {
				b.str(time.Unix(t, 0).In(c.d.p.opts.Location).Format("Mon Jan _2 15:04:05 2006\n"))
			} else {
				b.str("NULL\n")
			}
		default:
			b.s = append(b.s, f[i])
			i++
		}
	}
	if off >= maxbuf && i < len(f) {
		b.str("END OF BUFFER\n")
	}
	return off
}

// cString is s up to its first NUL.
func cString(s []byte) []byte {
	for i, c := range s {
		if c == 0 {
			return s[:i]
		}
	}
	return s
}

// fixedString is printf's %-N.Ns of a C string.
func fixedString(b *buf, s []byte, n int) {
	s = cString(s)
	if len(s) > n {
		s = s[:n]
	}
	b.s = append(b.s, s...)
	for i := len(s); i < n; i++ {
		b.s = append(b.s, ' ')
	}
}

// writeBits prints the name of each bit set in v, names separated by '|'
// from bit 0 up.
func writeBits(b *buf, v uint32, names string) {
	for i := 0; i < 32; i++ {
		j := strings.IndexByte(names, '|')
		if j < 0 {
			return
		}
		if j > 0 && v&(1<<i) != 0 {
			b.str(names[:j])
			b.str(" ")
		}
		names = names[j+1:]
	}
}

// unistr reads a string (ASCII or UCS-2, Unicode aligned to the message
// start): NUL-terminated when *n is 0, which then becomes the bytes
// read, or *n bytes long. Characters that do not print become '.'.
func (c *smbCtx) unistr(off int, n *uint32, unicode bool) (string, bool) {
	if unicode && off%2 != 0 {
		if !c.has(off, 1) {
			return "", false
		}
		off++
	}
	var size uint32
	if *n == 0 {
		p := off
		if !unicode {
			for {
				if !c.has(p, 1) {
					return "", false
				}
				*n++
				if c.pkt[p] == 0 {
					break
				}
				p++
			}
			size = *n - 1
		} else {
			for {
				if !c.has(p, 2) {
					return "", false
				}
				*n += 2
				if c.pkt[p] == 0 && c.pkt[p+1] == 0 {
					break
				}
				p += 2
			}
			size = *n - 2
		}
	} else {
		size = *n
	}
	var out []byte
	for size != 0 && len(out) < 1000 {
		if !unicode {
			if !c.has(off, 1) {
				return "", false
			}
			ch := c.pkt[off]
			if ch >= 0x20 && ch < 0x7f {
				out = append(out, ch)
			} else {
				if ch == 0 {
					break
				}
				out = append(out, '.')
			}
			off++
			size--
			continue
		}
		if !c.has(off, 2) {
			return "", false
		}
		lo, hi := c.pkt[off], c.pkt[off+1]
		if hi == 0 && lo >= 0x20 && lo < 0x7f {
			out = append(out, lo)
		} else {
			if lo == 0 && hi == 0 {
				break
			}
			out = append(out, '.')
		}
		off += 2
		if size == 1 {
			break
		}
		size -= 2
	}
	return string(out), true
}

// nameExtract decodes the first-level encoded NetBIOS name at off (or
// where its compression pointer points) and returns it with its type, a
// negative type when it runs past maxbuf or the capture.
func (c *smbCtx) nameExtract(off, maxbuf int) (string, int) {
	p := off
	if p >= maxbuf || !c.has(p, 1) {
		return "", -1
	}
	if c.pkt[p]&0xc0 == 0xc0 {
		if !c.has(p, 2) || p+1 >= maxbuf {
			return "", -1
		}
		l := int(binary.BigEndian.Uint16(c.pkt[p:]) & 0x3fff)
		if l == 0 {
			return "", -1
		}
		p = l
		if p >= maxbuf || !c.has(p, 1) {
			return "", -1
		}
	}
	n := int(c.pkt[p]) / 2
	p++
	if n > 30 || n < 1 {
		return "", 0
	}
	var out []byte
	for ; n > 0; n-- {
		if !c.has(p, 2) || p+1 >= maxbuf {
			return "", -1
		}
		hi, lo := c.pkt[p], c.pkt[p+1]
		if hi < 'A' || hi > 'P' || lo < 'A' || lo > 'P' {
			return string(cString(out)), 0
		}
		out = append(out, (hi-'A')<<4|(lo-'A'))
		p += 2
	}
	// tcpdump returns the last character as a (signed) char: a type of
	// 0x80 or more is taken for running past the buffer.
	typ := int(int8(out[len(out)-1]))
	return string(cString(out)), typ
}

// nameLen is the bytes the encoded name at off takes, -1 past the end.
func (c *smbCtx) nameLen(off, maxbuf int) int {
	s := off
	if s >= maxbuf || !c.has(s, 1) {
		return -1
	}
	if c.pkt[s]&0xc0 == 0xc0 {
		return 2
	}
	for c.pkt[s] != 0 {
		if s >= maxbuf {
			return -1
		}
		s += int(c.pkt[s]) + 1
		if !c.has(s, 1) {
			return -1
		}
	}
	return s - off + 1
}

func nbNameType(t int) string {
	switch t {
	case 0:
		return "Workstation"
	case 0x03:
		return "Client?"
	case 0x20:
		return "Server"
	case 0x1d:
		return "Master Browser"
	case 0x1b:
		return "Domain Controller"
	case 0x1e:
		return "Browser Server"
	}
	return "Unknown"
}

// dosDate is the Unix time of a packed DOS date and time, taken in the
// printer's time zone (tcpdump's mktime).
func (c *smbCtx) dosDate(x uint32) int64 {
	p0, p1, p2, p3 := x&0xff, x>>8&0xff, x>>16&0xff, x>>24
	sec := int(2 * (p0 & 0x1f))
	minute := int(p0>>5 + (p1&7)<<3)
	hour := int(p1 >> 3)
	day := int(p2 & 0x1f)
	mon := int(p2>>5+(p3&1)<<3) - 1
	year := int(p3>>1) + 80
	return time.Date(1900+year, time.Month(mon+1), day, hour, minute, sec, 0, c.d.p.opts.Location).Unix()
}

// longDate is the Unix time of an NT time (100 ns units since 1601), as
// tcpdump's approximation computes it.
func longDate(p []byte) int64 {
	d := (float64(binary.LittleEndian.Uint32(p[4:]))*256.0 + float64(p[3])) * (1.0e-7 * (1 << 24))
	d -= 369.0 * 365.25 * 24 * 60 * 60
	d += 3*24*60*60 + 6*60*60 + 2
	if d < 0 {
		return 0
	}
	return int64(d)
}

// dataPrint is tcpdump's smb_data_print: rows of 16 bytes in hex with
// their characters.
func (c *smbCtx) dataPrint(off, n int) {
	b := c.d.b
	if n <= 0 {
		return
	}
	asc := func(p []byte) { printn(b, p) }
	b.str("[000] ")
	i := 0
	for i < n {
		if !c.has(off+i, 1) {
			b.trunc(c.proto)
			return
		}
		b.printf("%02X ", c.pkt[off+i])
		i++
		if i%8 == 0 {
			b.str(" ")
		}
		if i%16 == 0 {
			asc(c.pkt[off+i-16 : off+i-8])
			b.str(" ")
			asc(c.pkt[off+i-8 : off+i])
			b.str("\n")
			if i < n {
				b.printf("[%03X] ", i)
			}
		}
	}
	if r := i % 16; r != 0 {
		pad := 16 - r
		b.str(" ")
		if pad > 8 {
			b.str(" ")
		}
		b.str(strings.Repeat("   ", pad))
		k := min(8, r)
		asc(c.pkt[off+i-r : off+i-r+k])
		b.str(" ")
		if r-k > 0 {
			asc(c.pkt[off+i-(r-k) : off+i])
		}
		b.str("\n")
	}
}
