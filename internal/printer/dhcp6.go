package printer

import (
	"encoding/binary"
	"net"
)

// DHCPv6 (RFC 8415) as tcpdump's dhcp6_print: "dhcp6 TYPE", and with -v
// the transaction ID (relay addresses) and the options.

var dhcp6Messages = map[byte]string{1: "solicit", 2: "advertise", 3: "request", 4: "confirm", 5: "renew",
	6: "rebind", 7: "reply", 8: "release", 9: "decline", 10: "reconfigure", 11: "inf-req", 12: "relay-fwd",
	13: "relay-reply", 14: "leasequery", 15: "leasequery-reply", 16: "leasequery-done", 17: "leasequery-data"}

var dhcp6Status = map[uint16]string{0: "Success", 1: "UnspecFail", 2: "NoAddrsAvail", 3: "NoBinding",
	4: "NotOnLink", 5: "UseMulticast", 6: "NoPrefixAvail", 7: "UnknownQueryType", 8: "MalformedQuery",
	9: "NotConfigured", 10: "NotAllowed"}

func (d *dissector) dhcp6(data []byte, length int) {
	b := d.b
	b.str("dhcp6")
	if len(data) > length {
		data = data[:max(length, 0)]
	}
	if len(data) < 4 {
		d.truncJmp("dhcp6")
		return
	}
	typ := data[0]
	name := nameOrf(dhcp6Messages, typ, "msgtype-%d")
	if d.p.opts.Verbose == 0 {
		b.str(" " + name)
		return
	}
	b.str(" " + name + " (")
	if typ != 12 && typ != 13 {
		b.printf("xid=%x", binary.BigEndian.Uint32(data)&0xffffff)
		d.dhcp6Options(data[4:])
	} else {
		if len(data) < 34 {
			d.truncJmp("dhcp6")
			return
		}
		b.printf("linkaddr=%s peeraddr=%s", net.IP(data[2:18]), net.IP(data[18:34]))
		d.dhcp6Options(data[34:])
	}
	b.str(")")
}

// dhcp6Options prints options as dhcp6opt_print; false when the packet
// ended (the marker is printed).
func (d *dissector) dhcp6Options(p []byte) bool {
	b := d.b
	be := binary.BigEndian
	for len(p) > 0 {
		if len(p) < 4 {
			b.trunc("dhcp6")
			return false
		}
		code, l := be.Uint16(p), int(be.Uint16(p[2:]))
		if len(p) < 4+l {
			b.trunc("dhcp6")
			return false
		}
		v := p[4 : 4+l]
		p = p[4+l:]
		// fixedPart says whether an option that holds options after n
		// bytes of its own is long enough ("?" when it is not); nested
		// prints those options and closes it.
		fixedPart := func(name string, n int) bool {
			if l < n {
				b.str(" (" + name + " ?)")
				return false
			}
			return true
		}
		nested := func(n int) {
			if l > n {
				d.dhcp6Options(v[n:])
			}
			b.str(")")
		}
		switch code {
		case 1, 2:
			b.str(" (" + map[uint16]string{1: "client-ID", 2: "server-ID"}[code])
			d.dhcp6DUID(v)
			b.str(")")
		case 3, 25:
			name := map[uint16]string{3: "IA_NA", 25: "IA_PD"}[code]
			if !fixedPart(name, 12) {
				continue
			}
			b.printf(" (%s IAID:%d T1:%d T2:%d", name, be.Uint32(v), be.Uint32(v[4:]), be.Uint32(v[8:]))
			nested(12)
		case 4:
			if !fixedPart("IA_TA", 4) {
				continue
			}
			b.printf(" (IA_TA IAID:%d", be.Uint32(v))
			nested(4)
		case 5:
			if !fixedPart("IA_ADDR", 24) {
				continue
			}
			b.printf(" (IA_ADDR %s pltime:%d vltime:%d", net.IP(v[:16]), be.Uint32(v[16:]), be.Uint32(v[20:]))
			nested(24)
		case 6:
			if l%2 != 0 {
				b.str(" (option-request ?)")
				continue
			}
			b.str(" (option-request")
			for i := 0; i < l; i += 2 {
				b.str(" " + dhcp6OptionName(be.Uint16(v[i:])))
			}
			b.str(")")
		case 7:
			if l != 1 {
				b.str(" (preference ?)")
				continue
			}
			b.printf(" (preference %d)", v[0])
		case 8:
			if l != 2 {
				b.str(" (elapsed_time ?)")
				continue
			}
			b.printf(" (elapsed-time %d)", be.Uint16(v))
		case 13:
			if l < 2 {
				b.str(" (status-code ?)")
				continue
			}
			st := be.Uint16(v)
			b.printf(" (status-code %s)", nameOrf(dhcp6Status, st, "status-%d"))
		case 14:
			if l == 0 {
				b.str(" (rapid-commit)")
			} else {
				b.str(" (rapid-commit ?)")
			}
		case 23, 24:
			name := map[uint16]string{23: "DNS-server", 24: "DNS-search-list"}[code]
			if code == 23 {
				if l%16 != 0 {
					b.str(" (" + name + " ?)")
					continue
				}
				b.str(" (" + name)
				for i := 0; i < l; i += 16 {
					b.str(" " + net.IP(v[i:i+16]).String())
				}
				b.str(")")
				continue
			}
			b.str(" (" + name)
			m := dnsMsg{v}
			for off := 0; off < l; {
				n, next, err := m.name(off)
				b.str(" " + n)
				if err != nil {
					break
				}
				off = next
			}
			b.str(")")
		case 26:
			if !fixedPart("IA_PD-prefix", 25) {
				continue
			}
			b.printf(" (IA_PD-prefix %s/%d pltime:%d vltime:%d", net.IP(v[9:25]), v[8], be.Uint32(v), be.Uint32(v[4:]))
			nested(25)
		case 18, 38:
			b.printf(" (%s ", dhcp6OptionName(code))
			for i := 0; i < l && i < 10; i++ {
				b.printf("%02x", v[i])
			}
			b.str("...)")
		default:
			b.printf(" (%s)", dhcp6OptionName(code))
		}
	}
	return true
}

var dhcp6OptionNames = map[uint16]string{1: "client-ID", 2: "server-ID", 3: "IA_NA", 4: "IA_TA", 5: "IA_ADDR",
	6: "option-request", 7: "preference", 8: "elapsed-time", 9: "relay-msg", 11: "authentication",
	12: "server-unicast", 13: "status-code", 14: "rapid-commit", 15: "user-class", 16: "vendor-class",
	17: "vendor-specific-info", 18: "interface-ID", 19: "reconfigure-message", 20: "reconfigure-accept",
	21: "SIP-servers-domain", 22: "SIP-servers-address", 23: "DNS-server", 24: "DNS-search-list",
	25: "IA_PD", 26: "IA_PD-prefix", 27: "NIS-server", 28: "NIS+-server", 29: "NIS-domain-name",
	30: "NIS+-domain-name", 31: "SNTP-servers", 32: "information-refresh-time", 33: "BCMCS-domain-name-list",
	34: "BCMCS-server", 39: "client-FQDN", 41: "Posix-timezone", 42: "POSIX-timezone",
	56: "NTP-server", 82: "SOL_MAX_RT", 83: "INF_MAX_RT"}

func dhcp6OptionName(c uint16) string {
	return nameOrf(dhcp6OptionNames, c, "opt_%d")
}

// dhcp6DUID prints a DUID (RFC 8415 11).
func (d *dissector) dhcp6DUID(v []byte) {
	b := d.b
	be := binary.BigEndian
	hex := func(x []byte) {
		for _, c := range x {
			b.printf("%02x", c)
		}
	}
	if len(v) < 2 {
		b.str(" ?")
		return
	}
	switch be.Uint16(v) {
	case 1:
		if len(v) >= 8 {
			b.printf(" hwaddr/time type %d time %d ", be.Uint16(v[2:]), be.Uint32(v[4:]))
			hex(v[8:])
		} else {
			b.str(" ?")
		}
	case 2:
		if len(v) >= 6 {
			b.printf(" vid ")
			hex(v[2:])
		} else {
			b.str(" ?")
		}
	case 3:
		if len(v) >= 4 {
			b.printf(" hwaddr type %d ", be.Uint16(v[2:]))
			hex(v[4:])
		} else {
			b.str(" ?")
		}
	default:
		b.printf(" type %d", be.Uint16(v))
	}
}
