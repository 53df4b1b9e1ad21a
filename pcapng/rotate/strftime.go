package rotate

import (
	"fmt"
	"strings"
	"time"
)

var (
	shortDays   = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	shortMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// Strftime formats t as C's strftime(3) does in the C locale, for the
// conversions tcpdump users put in -w names with -G. The E and O modifiers
// are accepted and ignored; an unknown conversion is copied literally, as
// glibc does.
func Strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		c = format[i]
		if (c == 'E' || c == 'O') && i+1 < len(format) {
			i++
			c = format[i]
		}
		if !conversion(&b, c, t) {
			b.WriteByte('%')
			b.WriteByte(c)
		}
	}
	return b.String()
}

func conversion(b *strings.Builder, c byte, t time.Time) bool {
	num := func(v, width int, pad byte) {
		s := fmt.Sprint(v)
		for i := len(s); i < width; i++ {
			b.WriteByte(pad)
		}
		b.WriteString(s)
	}
	hour12 := t.Hour() % 12
	if hour12 == 0 {
		hour12 = 12
	}
	isoYear, isoWeek := t.ISOWeek()
	switch c {
	case 'a':
		b.WriteString(shortDays[t.Weekday()])
	case 'A':
		b.WriteString(t.Weekday().String())
	case 'b', 'h':
		b.WriteString(shortMonths[t.Month()-1])
	case 'B':
		b.WriteString(t.Month().String())
	case 'c':
		b.WriteString(Strftime("%a %b %e %H:%M:%S %Y", t))
	case 'C':
		num(t.Year()/100, 2, '0')
	case 'd':
		num(t.Day(), 2, '0')
	case 'D':
		b.WriteString(Strftime("%m/%d/%y", t))
	case 'e':
		num(t.Day(), 2, ' ')
	case 'F':
		b.WriteString(Strftime("%Y-%m-%d", t))
	case 'g':
		num(isoYear%100, 2, '0')
	case 'G':
		num(isoYear, 0, '0')
	case 'H':
		num(t.Hour(), 2, '0')
	case 'I':
		num(hour12, 2, '0')
	case 'j':
		num(t.YearDay(), 3, '0')
	case 'k':
		num(t.Hour(), 2, ' ')
	case 'l':
		num(hour12, 2, ' ')
	case 'm':
		num(int(t.Month()), 2, '0')
	case 'M':
		num(t.Minute(), 2, '0')
	case 'n':
		b.WriteByte('\n')
	case 'p':
		if t.Hour() < 12 {
			b.WriteString("AM")
		} else {
			b.WriteString("PM")
		}
	case 'P':
		if t.Hour() < 12 {
			b.WriteString("am")
		} else {
			b.WriteString("pm")
		}
	case 'r':
		b.WriteString(Strftime("%I:%M:%S %p", t))
	case 'R':
		b.WriteString(Strftime("%H:%M", t))
	case 's':
		num(int(t.Unix()), 0, '0')
	case 'S':
		num(t.Second(), 2, '0')
	case 't':
		b.WriteByte('\t')
	case 'T':
		b.WriteString(Strftime("%H:%M:%S", t))
	case 'u':
		num((int(t.Weekday())+6)%7+1, 0, '0')
	case 'U':
		num((t.YearDay()+6-int(t.Weekday()))/7, 2, '0')
	case 'V':
		num(isoWeek, 2, '0')
	case 'w':
		num(int(t.Weekday()), 0, '0')
	case 'W':
		num((t.YearDay()+6-(int(t.Weekday())+6)%7)/7, 2, '0')
	case 'x':
		b.WriteString(Strftime("%m/%d/%y", t))
	case 'X':
		b.WriteString(Strftime("%H:%M:%S", t))
	case 'y':
		num(t.Year()%100, 2, '0')
	case 'Y':
		num(t.Year(), 0, '0')
	case 'z':
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		b.WriteByte(sign)
		num(off/3600, 2, '0')
		num(off%3600/60, 2, '0')
	case 'Z':
		name, _ := t.Zone()
		b.WriteString(name)
	case '%':
		b.WriteByte('%')
	default:
		return false
	}
	return true
}
