package printer

import "time"

// timestamp prints the time stamp in the format -t...-ttttt select.
func (p *Printer) timestamp(b *buf, t time.Time) {
	if p.first.IsZero() {
		p.first = t
		p.prev = t
	}
	switch p.opts.Timestamp {
	case 0: // time of day, the default: digits appended without fmt,
		// which cost a fifth of a printed packet's CPU.
		hour, minute, sec := t.In(p.opts.Location).Clock()
		b.s = appendDigits(b.s, hour, 2)
		b.s = append(b.s, ':')
		b.s = appendDigits(b.s, minute, 2)
		b.s = append(b.s, ':')
		b.s = appendDigits(b.s, sec, 2)
		b.s = append(b.s, '.')
		p.fraction(b, t)
		b.str(" ")
	case 1: // none
	case 2: // seconds since the epoch
		b.printf("%d.", t.Unix())
		p.fraction(b, t)
		b.str(" ")
	case 3: // since the previous packet
		p.delta(b, t.Sub(p.prev))
	case 4: // date and time of day
		lt := t.In(p.opts.Location)
		b.printf("%04d-%02d-%02d %02d:%02d:%02d.", lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second())
		p.fraction(b, lt)
		b.str(" ")
	case 5: // since the first packet
		p.delta(b, t.Sub(p.first))
	}
	p.prev = t
}

func (p *Printer) fraction(b *buf, t time.Time) {
	if p.opts.Nano {
		b.s = appendDigits(b.s, t.Nanosecond(), 9)
	} else {
		b.s = appendDigits(b.s, t.Nanosecond()/1000, 6)
	}
}

// appendDigits appends v (0 <= v < 10^n) as exactly n decimal digits.
func appendDigits(dst []byte, v, n int) []byte {
	var d [9]byte
	for i := n - 1; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, d[:n]...)
}

// delta prints a duration as tcpdump's ts_format does: a sign column (a
// space, or '-' when time went backwards), then HH:MM:SS.frac.
func (p *Printer) delta(b *buf, d time.Duration) {
	sign := " "
	if d < 0 {
		sign, d = "-", -d
	}
	sec := int64(d / time.Second)
	ns := int64(d % time.Second)
	b.printf("%s%02d:%02d:%02d.", sign, sec/3600, (sec%3600)/60, sec%60)
	if p.opts.Nano {
		b.printf("%09d ", ns)
	} else {
		b.printf("%06d ", ns/1000)
	}
}
