package printer

import "time"

// timestamp prints the time stamp in the format -t...-ttttt select.
func (p *Printer) timestamp(b *buf, t time.Time) {
	if p.first.IsZero() {
		p.first = t
		p.prev = t
	}
	switch p.opts.Timestamp {
	case 0: // time of day
		lt := t.In(p.opts.Location)
		b.printf("%02d:%02d:%02d.", lt.Hour(), lt.Minute(), lt.Second())
		p.fraction(b, lt)
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
		b.printf("%09d", t.Nanosecond())
	} else {
		b.printf("%06d", t.Nanosecond()/1000)
	}
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
