package printer

import "encoding/binary"

var vrrpAuthTypes = map[byte]string{0: "none", 1: "simple", 2: "ah"}

// vrrp prints VRRP advertisements (RFC 3768 version 2, RFC 5798 version
// 3) as vrrp_print does; -v adds the checksum check, the addresses and a
// simple password.
func (d *dissector) vrrp(info *ipInfo, data []byte, length int) {
	b := d.b
	b.str("VRRP") // tcpdump names the protocol before it reads the version
	if len(data) < 1 {
		d.truncJmp("vrrp")
		return
	}
	ver, typ := data[0]>>4, data[0]&0x0f
	b.printf("v%d, ", ver)
	if typ == 1 {
		b.str("Advertisement")
	} else {
		b.printf("unknown type (%d)", typ)
	}
	if info.ttl != 255 {
		b.printf(", (ttl %d)", info.ttl)
	}
	if ver < 2 || ver > 3 || typ != 1 {
		return
	}
	// Field by field, as tcpdump reads them.
	if len(data) < 3 {
		d.truncJmp("vrrp")
		return
	}
	b.printf(", vrid %d, prio %d", data[1], data[2])
	if ver == 2 && len(data) >= 5 {
		b.printf(", authtype %s", nameOr(vrrpAuthTypes, data[4], "#"+itoa(int(data[4]))))
	}
	if len(data) < 6 {
		d.truncJmp("vrrp")
		return
	}
	if ver == 2 {
		b.printf(", intvl %ds, length %d", data[5], length)
	} else {
		b.printf(", intvl %dcs, length %d", int(data[4]&0x0f)<<8|int(data[5]), length)
	}
	if d.p.opts.Verbose == 0 {
		return
	}
	naddrs := int(data[3])
	if len(data) >= length && length >= 8 {
		var sum uint16
		if ver == 2 {
			sum = checksum(data[:length], 0)
		} else {
			sum = checksum(data[:length], pseudoSum(info, 112, length))
		}
		if sum != 0 {
			b.printf(", (bad vrrp cksum %x)", binary.BigEndian.Uint16(data[6:]))
		}
	}
	b.str(", addrs")
	if naddrs > 1 {
		b.printf("(%d)", naddrs)
	}
	b.str(":")
	sep := " "
	off, alen := 8, 4
	if info.v6 {
		alen = 16
	}
	for i := 0; i < naddrs; i++ {
		if off+alen > len(data) {
			d.truncJmp("vrrp")
			return
		}
		b.str(sep + d.p.host(data[off:off+alen]))
		sep = ","
		off += alen
	}
	if ver == 2 && data[4] == 1 {
		b.str(" auth \"")
		if !d.printjnp(data[min(off, len(data)):], 8, "vrrp") {
			return
		}
		b.str("\"")
	}
}

// printjnp prints up to n bytes of data, stopping at a NUL, as tcpdump's
// nd_printjnp; it ends the packet (false) when data was cut short first.
func (d *dissector) printjnp(data []byte, n int, proto string) bool {
	for i := 0; i < n; i++ {
		if i >= len(data) {
			d.truncJmp(proto)
			return false
		}
		if data[i] == 0 {
			return true
		}
		printn(d.b, data[i:i+1])
	}
	return true
}
