package printer

import (
	"encoding/binary"
	"net"
)

// BOOTP and DHCPv4 (RFC 951, 2131, 2132) as tcpdump's bootp_print: the
// summary line, and with -v the header fields and every option.

// dhcpOptions name the options; the first character is how the value
// prints, as in tcpdump's table: i addresses, l/L 32-bit numbers, s
// 16-bit numbers, b bytes, B booleans, a text, p address pairs, x hex,
// $ a special printer, ' ' nothing.
var dhcpOptions = map[byte]string{
	0: " PAD", 1: "iSubnet-Mask", 2: "LTime-Zone", 3: "iDefault-Gateway", 4: "iTime-Server",
	5: "iIEN-Name-Server", 6: "iDomain-Name-Server", 7: "iLOG", 8: "iCS", 9: "iLPR-Server",
	10: "iIM", 11: "iRL", 12: "aHostname", 13: "sBS", 255: " END", 14: "aDP", 15: "aDomain-Name",
	16: "iSS", 17: "aRP", 18: "aEP", 19: "BIPF", 20: "BSRT", 21: "pPF", 22: "sRSZ", 23: "bTTL",
	24: "lMTU-Timeout", 25: "sMTU-Table", 26: "sMTU", 27: "BLSN", 28: "iBR", 29: "BMD", 30: "BMS",
	31: "BRouter-Discovery", 32: "iRSA", 33: "pStatic-Route", 34: "BUT", 35: "lAT", 36: "BIE",
	37: "bTT", 38: "lKI", 39: "BKG", 40: "aYD", 41: "iYS", 42: "iNTP", 43: "bVendor-Option",
	44: "iNetbios-Name-Server", 45: "iWDD", 46: "$Netbios-Node", 47: "aNetbios-Scope", 48: "iXFS",
	49: "iXDM", 50: "iRequested-IP", 51: "lLease-Time", 52: "$OO", 53: " DHCP-Message",
	54: "iServer-ID", 55: "bParameter-Request", 56: "aMSG", 57: "sMSZ", 58: "lRN", 59: "lRB",
	60: "aVendor-Class", 61: "$Client-ID", 64: "aN+D", 65: "iN+S", 66: "aTFTP", 67: "aBF",
	68: "iMH", 69: "iSMTP", 70: "iPOP3", 71: "iNNTP", 72: "iWWW", 73: "iFG", 74: "iIRC",
	75: "iSTS", 76: "iSTDA", 77: "$User-Class", 78: "bSLP-DA", 79: "bSLP-SCOPE", 80: "aSLP-NA",
	81: "$FQDN", 82: "$Agent-Information", 90: "bAUTH", 98: "aUAP", 116: "BNOAUTO",
	117: "sNSSEARCH", 118: "iSUBNET", 121: "$Classless-Static-Route", 150: "iTFTP-Server-Address",
	249: "$Classless-Static-Route-Microsoft",
}

var dhcpMessages = map[byte]string{1: "Discover", 2: "Offer", 3: "Request", 4: "Decline", 5: "ACK",
	6: "NACK", 7: "Release", 8: "Inform", 9: "Force Renew", 10: "Lease Query", 11: "Lease Unassigned",
	12: "Lease Unknown", 13: "Lease Active"}

var dhcpNetbiosNode = map[byte]string{1: "b-node", 2: "p-node", 4: "m-node", 8: "h-node"}

var dhcpOverload = map[byte]string{1: "file", 2: "sname", 3: "file+sname"}

var dhcpHWTypes = map[byte]string{1: "ether", 6: "ieee802", 7: "arcnet", 15: "frelay", 17: "strip", 24: "ieee1394"}

var dhcpAgentSubopts = map[byte]string{1: "Circuit-ID", 2: "Remote-ID", 6: "Subscriber-ID"}

func dhcpOption(tag byte) string {
	if s, ok := dhcpOptions[tag]; ok {
		return s
	}
	return "?Unknown"
}

func (d *dissector) bootp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		d.truncJmp("bootp")
		return
	}
	op := data[0]
	switch op {
	case 1:
		b.str("BOOTP/DHCP, Request")
	case 2:
		b.str("BOOTP/DHCP, Reply")
	default:
		b.printf("BOOTP/DHCP, unknown (0x%02x)", op)
	}
	if len(data) < 34 {
		d.truncJmp("bootp")
		return
	}
	htype, hlen := data[1], data[2]
	if htype == 1 && hlen == 6 && op == 1 {
		b.str(" from " + macString(data[28:34]))
	}
	b.printf(", length %d", length)
	if d.p.opts.Verbose == 0 {
		return
	}
	be := binary.BigEndian
	if htype != 1 {
		b.printf(", htype %d", htype)
	}
	if htype != 1 || hlen != 6 {
		b.printf(", hlen %d", hlen)
	}
	if data[3] != 0 {
		b.printf(", hops %d", data[3])
	}
	if x := be.Uint32(data[4:]); x != 0 {
		b.printf(", xid 0x%x", x)
	}
	if s := be.Uint16(data[8:]); s != 0 {
		b.printf(", secs %d", s)
	}
	flags := be.Uint16(data[10:])
	if flags&0x8000 != 0 {
		b.str(", Flags [Broadcast]")
	} else {
		b.str(", Flags [none]")
	}
	if d.p.opts.Verbose > 1 {
		b.printf(" (0x%04x)", flags)
	}
	for _, a := range []struct {
		off  int
		name string
	}{{12, "Client-IP"}, {16, "Your-IP"}, {20, "Server-IP"}, {24, "Gateway-IP"}} {
		if nonzero(data[a.off : a.off+4]) {
			b.printf("\n\t  %s %s", a.name, d.p.host(data[a.off:a.off+4]))
		}
	}
	if htype == 1 && hlen == 6 {
		b.str("\n\t  Client-Ethernet-Address " + macString(data[28:34]))
	}
	for _, f := range []struct {
		off, n int
		name   string
	}{{44, 64, "sname"}, {108, 128, "file"}} {
		if len(data) < f.off+1 {
			d.truncJmp("bootp")
			return
		}
		if data[f.off] == 0 {
			continue
		}
		b.printf("\n\t  %s \"", f.name)
		n := printz(b, data[f.off:], f.n)
		b.str("\"")
		if n == 0 {
			b.trunc("bootp")
			return
		}
	}
	if len(data) < 240 {
		b.trunc("bootp")
		return
	}
	if be.Uint32(data[236:]) == 0x63825363 {
		d.dhcpOptions(data[236:])
	} else if v := be.Uint32(data[236:]); v != 0 {
		b.printf("\n\t  Vend-#0x%x", v)
	}
}

// dhcpOptions prints the RFC 1048 vendor extensions from the magic cookie
// on, as rfc1048_print.
func (d *dissector) dhcpOptions(p []byte) {
	b := d.b
	b.str("\n\t  Vendor-rfc1048 Extensions")
	b.printf("\n\t    Magic Cookie 0x%08x", binary.BigEndian.Uint32(p))
	p = p[4:]
	v3 := d.p.opts.Verbose > 2
	for len(p) > 0 {
		tag := p[0]
		p = p[1:]
		if (tag == 0 || tag == 255) && !v3 {
			if tag == 255 {
				return
			}
			continue
		}
		name := dhcpOption(tag)
		format, name := name[0], name[1:]
		n := 0
		if tag != 0 && tag != 255 {
			if len(p) < 1 {
				d.truncJmp("bootp")
				return
			}
			n = int(p[0])
			p = p[1:]
		}
		sep := ""
		if n > 0 {
			sep = ": "
		}
		b.printf("\n\t    %s (%d), length %d%s", name, tag, n, sep)
		if tag == 0 && v3 {
			count := 1
			for len(p) > 0 && p[0] == 0 {
				p = p[1:]
				count++
			}
			if count > 1 {
				b.printf(", occurs %d", count)
			}
		}
		if n > len(p) {
			b.trunc("bootp")
			return
		}
		v := p[:n]
		p = p[n:]
		if tag == 53 && n == 1 {
			b.str(nameOrf(dhcpMessages, v[0], "Unknown (%d)"))
			continue
		}
		if tag == 55 {
			for i, t := range v {
				if i%4 == 0 {
					b.str("\n\t      ")
				} else {
					b.str(", ")
				}
				b.printf("%s (%d)", dhcpOption(t)[1:], t)
			}
			continue
		}
		if format == '?' {
			switch {
			case n&1 != 0:
				format = 'b'
			case n&2 != 0:
				format = 's'
			default:
				format = 'l'
			}
		}
		left := d.dhcpValue(tag, format, v)
		if left > 0 {
			b.printf("\n\t  trailing data length %d", left)
		}
	}
}

// dhcpValue prints an option's value and returns the bytes it left.
func (d *dissector) dhcpValue(tag, format byte, v []byte) int {
	b := d.b
	be := binary.BigEndian
	first := true
	comma := func(s string) {
		if !first {
			b.str(s)
		}
		first = false
	}
	switch format {
	case 'a':
		b.str("\"")
		printn(b, v)
		b.str("\"")
		return 0
	case 'i', 'l', 'L':
		for ; len(v) >= 4; v = v[4:] {
			comma(",")
			switch format {
			case 'i':
				b.str(d.p.host(v[:4]))
			case 'L':
				b.printf("%d", int32(be.Uint32(v)))
			default:
				b.printf("%d", be.Uint32(v))
			}
		}
		return len(v)
	case 'p':
		for ; len(v) >= 8; v = v[8:] {
			comma(",")
			b.printf("(%s:%s)", d.p.host(v[:4]), d.p.host(v[4:8]))
		}
		return len(v)
	case 's':
		for ; len(v) >= 2; v = v[2:] {
			comma(",")
			b.printf("%d", be.Uint16(v))
		}
		return len(v)
	case 'B':
		for _, c := range v {
			comma(",")
			switch c {
			case 0:
				b.str("N")
			case 1:
				b.str("Y")
			default:
				b.printf("%d?", c)
			}
		}
		return 0
	case '$':
		return d.dhcpSpecial(tag, v)
	default: // 'b', 'x'
		for _, c := range v {
			if format == 'x' {
				comma(":")
				b.printf("%02x", c)
			} else {
				comma(".")
				b.printf("%d", c)
			}
		}
		return 0
	}
}

func (d *dissector) dhcpSpecial(tag byte, v []byte) int {
	b := d.b
	switch tag {
	case 46, 52:
		if len(v) < 1 {
			b.str("[ERROR: length < 1 bytes]")
			return 0
		}
		names := dhcpNetbiosNode
		if tag == 52 {
			names = dhcpOverload
		}
		b.str(nameOr(names, v[0], "#"+itoa(int(v[0]))))
		return len(v) - 1
	case 81:
		if len(v) < 3 {
			b.str("[ERROR: length < 3 bytes]")
			return 0
		}
		if v[0]&0xf0 != 0 {
			b.printf("[ERROR: MBZ nibble 0x%x != 0] ", (v[0]&0xf0)>>4)
		}
		if v[0]&0x0f != 0 {
			fl := ""
			for _, f := range []struct {
				bit byte
				c   string
			}{{1, "S"}, {2, "O"}, {4, "E"}, {8, "N"}} {
				if v[0]&f.bit != 0 {
					fl += f.c
				}
			}
			b.printf("[%s] ", fl)
		}
		if v[1] != 0 || v[2] != 0 {
			b.printf("%d/%d ", v[1], v[2])
		}
		b.str("\"")
		printn(b, v[3:])
		b.str("\"")
		return 0
	case 61:
		if len(v) < 1 {
			b.str("[ERROR: length < 1 bytes]")
			return 0
		}
		if v[0] == 0 {
			b.str("\"")
			printn(b, v[1:])
			b.str("\"")
			return 0
		}
		if s, ok := dhcpHWTypes[v[0]]; ok {
			b.str(s + " ")
		} else {
			b.printf("hardware-type %d, ", v[0])
		}
		for i, c := range v[1:] {
			if i > 0 {
				b.str(":")
			}
			b.printf("%02x", c)
		}
		return 0
	case 82:
		for len(v) >= 2 {
			sub, l := v[0], int(v[1])
			v = v[2:]
			if l > len(v) {
				b.printf("\n\t      %s SubOption %d, length %d: length goes past end of option", nameOr(dhcpAgentSubopts, sub, "Unknown"), sub, l)
				return 0
			}
			b.printf("\n\t      %s SubOption %d, length %d: ", nameOr(dhcpAgentSubopts, sub, "Unknown"), sub, l)
			switch sub {
			case 1, 2, 6:
				printn(b, v[:l])
			default:
				unknownData(b, v[:l], "\n\t\t", l)
			}
			v = v[l:]
		}
		return len(v)
	case 121, 249:
		if len(v) < 5 {
			b.str("[ERROR: length < 5 bytes]")
			return 0
		}
		for len(v) > 0 {
			width := int(v[0])
			v = v[1:]
			if width > 32 {
				b.printf("[ERROR: Mask width (%d) > 32]", width)
				return 0
			}
			sig := (width + 7) / 8
			if len(v) < sig+4 {
				b.printf("[ERROR: Remaining length (%d) < %d bytes]", len(v), sig+4)
				return 0
			}
			b.str("(")
			if width == 0 {
				b.str("default")
			} else {
				for i := 0; i < 4; i++ {
					if i > 0 {
						b.str(".")
					}
					if i < sig {
						b.printf("%d", v[i])
					} else {
						b.str("0")
					}
				}
				b.printf("/%d", width)
			}
			b.printf(":%s)", net.IP(v[sig:sig+4]))
			v = v[sig+4:]
			if len(v) > 0 {
				b.str(",")
			}
		}
		return 0
	case 77:
		if len(v) < 1 {
			b.str("[ERROR: length < 1 bytes]")
			return 0
		}
		for i := 0; len(v) > 0; i++ {
			l := int(v[0])
			v = v[1:]
			b.printf("\n\t      instance#%d: ", i+1)
			if l == 0 {
				b.str("[ERROR: suboption length must be non-zero]")
				return 0
			}
			if len(v) < l {
				b.str("[ERROR: invalid option]")
				return 0
			}
			b.str("\"")
			printn(b, v[:l])
			b.printf("\", length %d", l)
			v = v[l:]
		}
		return 0
	}
	b.printf("[unknown special tag %d, size %d]", tag, len(v))
	return 0
}
