package printer

import (
	"encoding/binary"
)

var igmpv3RecordTypes = map[byte]string{1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}

// igmp prints IGMP (RFC 1112, 2236, 3376) as igmp_print does: queries,
// reports and leaves, version 3 group records (-v) and their sources
// (-vv), PIM version 1, and with -v a bad checksum.
func (d *dissector) igmp(data []byte, length int) {
	b := d.b
	if d.p.opts.Quiet {
		b.str("igmp")
		return
	}
	if len(data) < 1 {
		d.truncJmp("igmp")
		return
	}
	// need ends the packet when the capture stops before n bytes.
	need := func(n int) bool {
		if len(data) < n {
			d.truncJmp("igmp")
			return false
		}
		return true
	}
	addr := func(off int) string { return d.p.host(data[off : off+4]) }
	switch data[0] {
	case 0x11:
		b.str("igmp query")
		if length >= 12 {
			if !d.igmpv3Query(data, length) {
				return
			}
			break
		}
		if !need(2) {
			return
		}
		if data[1] != 0 {
			b.str(" v2")
			if data[1] != 100 {
				b.printf(" [max resp time %d]", data[1])
			}
		} else {
			b.str(" v1")
		}
		if !need(8) {
			return
		}
		if nonzero(data[4:8]) {
			b.printf(" [gaddr %s]", addr(4))
		}
		if length != 8 {
			b.printf(" [len %d]", length)
		}
	case 0x12:
		if !need(8) {
			return
		}
		b.printf("igmp v1 report %s", addr(4))
		if length != 8 {
			b.printf(" [len %d]", length)
		}
	case 0x16:
		if !need(8) {
			return
		}
		b.printf("igmp v2 report %s", addr(4))
	case 0x17:
		if !need(8) {
			return
		}
		b.printf("igmp leave %s", addr(4))
	case 0x22:
		b.str("igmp v3 report")
		if !d.igmpv3Report(data, length) {
			return
		}
	case 0x14:
		b.str("igmp pimv1")
		if !d.pimv1(data, length) {
			return
		}
	default:
		b.printf("igmp-%d", data[0])
	}
	if d.p.opts.Verbose > 0 && length >= 4 && len(data) >= length {
		if checksum(data[:length], 0) != 0 {
			b.printf(" bad igmp cksum %x!", binary.BigEndian.Uint16(data[2:]))
		}
	}
}

// igmpv3Query prints the rest of a version 3 query; false when the packet
// ended.
func (d *dissector) igmpv3Query(data []byte, length int) bool {
	b := d.b
	b.str(" v3")
	if len(data) < 12 {
		d.truncJmp("igmp")
		return false
	}
	mrc := int(data[1])
	mrt := mrc
	if mrc >= 128 {
		mrt = ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3)
	}
	if mrc != 100 {
		b.str(" [max resp time ")
		if mrt < 600 {
			b.printf("%.1fs", float64(mrt)*0.1)
		} else {
			b.str(relTime(uint32(mrt / 10)))
		}
		b.str("]")
	}
	if !nonzero(data[4:8]) {
		return true
	}
	b.printf(" [gaddr %s", d.p.host(data[4:8]))
	if n := int(binary.BigEndian.Uint16(data[10:])); n > 0 {
		switch {
		case length < 12+4*n:
			b.str(" [invalid number of sources]")
		case d.p.opts.Verbose > 1:
			b.str(" {")
			for i := 0; i < n; i++ {
				off := 12 + 4*i
				if off+4 > len(data) {
					d.truncJmp("igmp")
					return false
				}
				b.str(" " + d.p.host(data[off:off+4]))
			}
			b.str(" }")
		default:
			b.printf(", %d source(s)", n)
		}
	}
	b.str("]")
	return true
}

// igmpv3Report prints a version 3 report's group records (-v) and their
// sources (-vv); false when the packet ended.
func (d *dissector) igmpv3Report(data []byte, length int) bool {
	b := d.b
	if len(data) < 8 {
		d.truncJmp("igmp")
		return false
	}
	ngroups := int(binary.BigEndian.Uint16(data[6:]))
	b.printf(", %d group record(s)", ngroups)
	if d.p.opts.Verbose == 0 {
		return true
	}
	group := 8
	for i := 0; i < ngroups; i++ {
		if length < group+8 {
			b.str(" [invalid number of groups]")
			return true
		}
		if len(data) < group+8 {
			d.truncJmp("igmp")
			return false
		}
		b.printf(" [gaddr %s", d.p.host(data[group+4:group+8]))
		b.str(" " + nameOrf(igmpv3RecordTypes, data[group], " [v3-report-#%d]"))
		nsrcs := int(binary.BigEndian.Uint16(data[group+2:]))
		if length < group+8+4*nsrcs {
			b.printf(" [invalid number of sources %d]", nsrcs)
			return true
		}
		if d.p.opts.Verbose == 1 {
			b.printf(", %d source(s)", nsrcs)
		} else {
			b.str(" {")
			for j := 0; j < nsrcs; j++ {
				off := group + 8 + 4*j
				if off+4 > len(data) {
					d.truncJmp("igmp")
					return false
				}
				b.str(" " + d.p.host(data[off:off+4]))
			}
			b.str(" }")
		}
		group += 8 + 4*nsrcs
		b.str("]")
	}
	return true
}

// pimv1 prints a PIM version 1 message carried in IGMP (pimv1_print);
// false when the packet ended.
func (d *dissector) pimv1(data []byte, length int) bool {
	b := d.b
	if len(data) < 2 {
		d.truncJmp("pim")
		return false
	}
	typ := data[1]
	b.str(" " + nameOrf(pimv1Types, typ, "[type %d]"))
	need := func(n int) bool {
		if len(data) < n {
			d.truncJmp("pim")
			return false
		}
		return true
	}
	ip := func(off int) string { return d.p.host(data[off : off+4]) }
	v := d.p.opts.Verbose > 0
	switch typ {
	case 0: // query
		if len(data) > 8 {
			switch m := data[8] >> 4; m {
			case 0:
				b.str(" Dense-mode")
			case 1:
				b.str(" Sparse-mode")
			case 2:
				b.str(" Sparse-Dense-mode")
			default:
				b.printf(" mode-%d", m)
			}
		}
		if v {
			if !need(12) {
				return false
			}
			b.str(" (Hold-time " + relTime(uint32(binary.BigEndian.Uint16(data[10:]))) + ")")
		}
	case 1: // register
		if !need(28) {
			return false
		}
		b.printf(" for %s > %s", ip(20), ip(24))
	case 2: // register-stop
		if !need(16) {
			return false
		}
		b.printf(" for %s > %s", ip(8), ip(12))
	case 4: // RP-reachable
		if v {
			if !need(24) {
				return false
			}
			b.printf(" group %s", ip(8))
			if binary.BigEndian.Uint32(data[12:]) != 0xffffffff {
				b.printf("/%s", ip(12))
			}
			b.printf(" RP %s hold %s", ip(16), relTime(uint32(binary.BigEndian.Uint16(data[22:]))))
		}
	case 5: // assert
		if !need(28) {
			return false
		}
		b.printf(" for %s > %s", ip(16), ip(8))
		if binary.BigEndian.Uint32(data[12:]) != 0xffffffff {
			b.printf("/%s", ip(12))
		}
		tree := "SPT"
		if data[20]&0x80 != 0 {
			tree = "RP-tree"
		}
		b.printf(" %s pref %d metric %d", tree, binary.BigEndian.Uint32(data[20:])&0x7fffffff, binary.BigEndian.Uint32(data[24:]))
	}
	if !need(5) {
		return false
	}
	if ver := data[4] >> 4; ver != 1 {
		b.printf(" [v%d]", ver)
	}
	return true
}
