package printer

import (
	"encoding/binary"
	"net"
)

// rt6 prints an IPv6 routing header as tcpdump's rt6_print (types 0 and 2
// with their addresses, 4 the segment routing header) and returns its
// length; ok false when printing ends here. The transport checksums use
// the final destination the header names, as tcpdump's ip6_finddst.
func (d *dissector) rt6(p []byte, info *ipInfo) (hl int, ok bool) {
	b := d.b
	v := d.p.opts.Verbose > 0
	if len(p) < 3 {
		d.truncJmp("rt6")
		return 0, false
	}
	n, typ := int(p[1]), p[2]
	hl = (n + 1) * 8
	b.printf("RT6 (len=%d, type=%d", n, typ)
	if typ == 0 {
		b.str(" [Deprecated]")
	}
	if len(p) < 4 {
		d.truncJmp("rt6")
		return 0, false
	}
	b.printf(", segleft=%d", p[3])
	addrs := func(off, count int) bool {
		for i := 0; i < count; i++ {
			a := off + 16*i
			if a+16 > len(p) {
				d.truncJmp("rt6")
				return false
			}
			b.printf(", [%d]%s", i, d.p.host(net.IP(p[a:a+16])))
		}
		return true
	}
	var final []byte
	switch typ {
	case 0, 2:
		// tcpdump reads the reserved word whether or not it prints it.
		if len(p) < 8 {
			d.truncJmp("rt6")
			return 0, false
		}
		if v {
			b.printf(", rsv=0x%x", binary.BigEndian.Uint32(p[4:]))
		}
		if n%2 == 1 {
			b.printf(" (invalid length %d) (invalid)", n)
			return 0, false
		}
		count := n / 2
		if !addrs(8, count) {
			return 0, false
		}
		if count > 0 {
			final = p[8+16*(count-1) : 8+16*count]
		}
	case 4:
		if len(p) < 8 {
			d.truncJmp("rt6")
			return 0, false
		}
		last := int(p[4])
		b.printf(", last-entry=%d", last)
		if p[5] != 0 || v {
			b.printf(", flags=0x%x", p[5])
		}
		b.printf(", tag=%x", binary.BigEndian.Uint16(p[6:]))
		if !addrs(8, last+1) {
			return 0, false
		}
		final = p[8:24]
	default:
		b.str(" (unknown type) (invalid)")
		return 0, false
	}
	b.str(") ")
	if final != nil && len(info.pseudo) == 32 {
		info.pseudo = append(append([]byte{}, info.pseudo[:16]...), final...)
	}
	return hl, true
}
