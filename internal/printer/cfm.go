package printer

import (
	"encoding/binary"
	"net"
)

// IEEE 802.1ag Connectivity Fault Management (Ethernet type 0x8902) as
// tcpdump's cfm_print: "CFMv0 <opcode>, MD Level N, length N"; -v adds
// the first TLV offset, the CCM, LTM and LTR fields and every TLV, -vv a
// hex dump of each TLV.

var cfmOpcodes = map[byte]string{1: "Continuity Check Message", 2: "Loopback Reply", 3: "Loopback Message",
	4: "Linktrace Reply", 5: "Linktrace Message"}

var cfmMDFormats = map[byte]string{0: "IEEE 802.1", 1: "No MD Name present", 2: "DNS string",
	3: "MAC + 16Bit Integer", 4: "Character string"}

var cfmMAFormats = map[byte]string{0: "IEEE 802.1", 1: "Primary VID", 2: "Character string",
	3: "16Bit Integer", 4: "RFC2685 VPN-ID"}

var cfmLTMFlags = []bitName{{0x80, "Use Forwarding-DB only"}}

var cfmLTRFlags = []bitName{{0x80, "UseFDB Only"}, {0x40, "FwdYes"}, {0x20, "Terminal MEP"}}

var cfmLTRActions = map[byte]string{1: "Exact Match", 2: "Filtering DB", 3: "MIP CCM DB"}

var cfmTLVs = map[byte]string{0: "End", 1: "Sender ID", 2: "Port status", 3: "Interface status", 4: "Data",
	5: "Reply Ingress", 6: "Reply Egress", 31: "Organization Specific"}

var cfmPortStatus = map[byte]string{1: "Blocked", 2: "Up"}

var cfmIfStatus = map[byte]string{1: "Up", 2: "Down", 3: "Testing", 5: "Dormant", 6: "not present", 7: "lower Layer down"}

var cfmChassisTypes = map[byte]string{0: "Reserved", 1: "Chassis component", 2: "Interface alias",
	3: "Port component", 4: "MAC address", 5: "Network address", 6: "Interface name", 7: "Locally assigned"}

// cfmIntervals are the CCM interval field's timer bases in seconds, as
// the single-precision values tcpdump keeps.
var cfmIntervals = [8]float32{0, 0.003333, 0.01, 0.1, 1, 10, 60, 600}

func (d *dissector) cfm(p []byte, length int) {
	b := d.b
	tooShort := func() { b.str("\n\t\t packet is too short") }
	if length < 4 {
		tooShort()
		return
	}
	if len(p) < 4 {
		b.trunc("cfm")
		return
	}
	if p[0]&0x1f != 0 {
		b.printf("CFMv%d not supported, length %d", p[0]&0x1f, length)
		return
	}
	b.printf("CFMv0 %s, MD Level %d, length %d", nameOrf(cfmOpcodes, p[1], "unknown (%d)"), p[0]>>5, length)
	if d.p.opts.Verbose < 1 {
		return
	}
	opcode, flags, fto := p[1], p[2], int(p[3])
	b.printf("\n\tFirst TLV offset %d", fto)
	t := p[4:]
	tlen := length - 4
	if fto > tlen {
		b.printf(" (too large, must be <= %d)", tlen)
		return
	}
	switch opcode {
	case 1:
		if fto < 70 {
			b.str(" (too small 1, must be >= 70)")
			return
		}
		if tlen < 70 {
			tooShort()
			return
		}
		if len(t) < 70 {
			b.trunc("cfm")
			return
		}
		if !d.cfmCCM(t, flags) {
			return
		}
	case 4, 5:
		// tcpdump numbers the complaints 4 for LTM and 5 for LTR.
		size, num := 17, 4
		if opcode == 4 {
			size, num = 6, 5
		}
		if fto < size {
			b.printf(" (too small %d, must be >= %d)", num, size)
			return
		}
		if tlen < size {
			tooShort()
			return
		}
		if len(t) < size {
			b.trunc("cfm")
			return
		}
		table := cfmLTMFlags
		if opcode == 4 {
			table = cfmLTRFlags
		}
		b.printf(", Flags [%s]", bits32(uint32(flags), table, "none"))
		b.printf("\n\t  Transaction-ID 0x%08x, ttl %d", binary.BigEndian.Uint32(t), t[4])
		if opcode == 5 {
			b.printf("\n\t  Original-MAC %s, Target-MAC %s", macString(t[5:11]), macString(t[11:17]))
		} else {
			b.printf("\n\t  Replay-Action %s (%d)", nameOr(cfmLTRActions, t[5], "Unknown"), t[5])
		}
	default:
		unknownData(b, t, "\n\t  ", tlen-fto)
	}
	if fto > len(t) {
		// The next read, the first TLV's type, is past the capture.
		d.truncJmp("cfm")
		return
	}
	t = t[fto:]
	tlen -= fto
	for tlen > 0 {
		if len(t) < 1 {
			d.truncJmp("cfm")
			return
		}
		typ := t[0]
		b.printf("\n\t%s TLV (0x%02x)", nameOr(cfmTLVs, typ, "Unknown"), typ)
		if typ == 0 {
			return
		}
		if tlen < 3 {
			tooShort()
			return
		}
		if len(t) < 3 {
			b.trunc("cfm")
			return
		}
		tl := int(binary.BigEndian.Uint16(t[1:]))
		b.printf(", length %d", tl)
		t, tlen = t[3:], tlen-3
		if tlen < tl {
			tooShort()
			return
		}
		if len(t) < tl {
			b.trunc("cfm")
			return
		}
		v := t[:tl]
		hexdump := false
		step, dump := tl, tl // where the next TLV starts; the hex dump's length
		switch typ {
		case 2, 3:
			if tl < 1 {
				b.str(" (too short, must be >= 1)")
				return
			}
			table := cfmPortStatus
			if typ == 3 {
				table = cfmIfStatus
			}
			b.printf(", Status: %s (%d)", nameOr(table, v[0], "Unknown"), v[0])
		case 31:
			if tl < 4 {
				b.str(" (too short, must be >= 4)")
				return
			}
			oui := uint32(v[0])<<16 | uint32(v[1])<<8 | uint32(v[2])
			b.printf(", Vendor: %s (%d), Sub-Type %d", nameOr(ouiNames, oui, "Unknown"), oui, v[3])
			hexdump = true
		case 1:
			var next cfmNext
			var used int
			hexdump, next, used, dump = d.cfmSenderID(v)
			step = used + dump
			if next == cfmStop {
				return
			}
			if next == cfmSkip {
				t, tlen = t[step:], tlen-step
				continue
			}
		default:
			hexdump = true
		}
		if hexdump || d.p.opts.Verbose > 1 {
			unknownData(b, v, "\n\t  ", dump)
		}
		t, tlen = t[step:], tlen-step
	}
}

// cfmNext is what follows a Sender ID TLV's fields.
type cfmNext int

const (
	cfmGoOn cfmNext = iota // the optional hex dump, then the next TLV
	cfmSkip                // the next TLV, without a hex dump
	cfmStop                // nothing: tcpdump ends the packet's printing
)

// cfmCCM prints a Continuity Check Message's fields (70 bytes captured);
// false when tcpdump stops there.
func (d *dissector) cfmCCM(t []byte, flags byte) bool {
	b := d.b
	iv := flags & 7
	rdi := ""
	if flags&0x80 != 0 {
		rdi = ", RDI"
	}
	b.printf(", Flags [CCM Interval %d%s]", iv, rdi)
	if iv != 0 {
		base := float64(cfmIntervals[iv])
		b.printf("\n\t  CCM Interval %.3fs, min CCM Lifetime %.3fs, max CCM Lifetime %.3fs", base, base*3.25, base*3.5)
	}
	b.printf("\n\t  Sequence Number 0x%08x, MA-End-Point-ID 0x%04x", binary.BigEndian.Uint32(t), binary.BigEndian.Uint16(t[4:]))
	names := t[6:54]
	rem := 48
	mdf := names[0]
	names, rem = names[1:], rem-1
	if mdf != 1 {
		mdl := int(names[0])
		names, rem = names[1:], rem-1
		b.printf("\n\t  MD Name Format %s (%d), MD Name length %d", nameOr(cfmMDFormats, mdf, "Unknown"), mdf, mdl)
		if mdl > rem-3 {
			b.printf(" (too large, must be <= %d)", rem-2)
			return false
		}
		b.str("\n\t  MD Name: ")
		name := names[:mdl]
		switch mdf {
		case 2, 4:
			printJNP(b, name)
		case 3:
			if mdl == 6 {
				b.printf("\n\t  MAC %s", macString(name))
			} else {
				b.str("\n\t  MAC (length invalid)")
			}
		default:
			unknownData(b, name, "\n\t    ", mdl)
		}
		names, rem = names[mdl:], rem-mdl
	} else {
		b.printf("\n\t  MD Name Format %s (%d)", nameOr(cfmMDFormats, mdf, "Unknown"), mdf)
	}
	maf, mal := names[0], int(names[1])
	names, rem = names[2:], rem-2
	b.printf("\n\t  MA Name-Format %s (%d), MA name length %d", nameOr(cfmMAFormats, maf, "Unknown"), maf, mal)
	if mal > rem {
		b.printf(" (too large, must be <= %d)", rem)
		return false
	}
	b.str("\n\t  MA Name: ")
	if maf == 2 {
		printJNP(b, names[:mal])
	} else {
		unknownData(b, names[:mal], "\n\t    ", mal)
	}
	return true
}

// cfmSenderID prints a Sender ID TLV's value v (all captured). It reports
// whether a hex dump is due and what follows, with tcpdump's count of the
// bytes it stepped over (used) and of those it still counts in the TLV
// (rest): the next TLV starts used+rest bytes on, which is one byte short
// of the TLV's end when a chassis ID does not fit.
func (d *dissector) cfmSenderID(v []byte) (hexdump bool, next cfmNext, used, rest int) {
	b := d.b
	if len(v) < 1 {
		b.str(" (too short, must be >= 1)")
		return false, cfmSkip, 0, 0
	}
	rest = len(v)
	cl := int(v[0])
	used, rest = 1, rest-1
	if cl != 0 {
		if rest < 1 {
			b.str("\n\t  (TLV too short)")
			return false, cfmSkip, used, rest
		}
		ct := v[used]
		rest--
		b.printf("\n\t  Chassis-ID Type %s (%d), Chassis-ID length %d", nameOr(cfmChassisTypes, ct, "Unknown"), ct, cl)
		if rest < cl {
			b.str("\n\t  (TLV too short)")
			return false, cfmSkip, used, rest
		}
		id := v[used+1 : used+1+cl]
		switch ct {
		case 4:
			if cl != 6 {
				b.str(" (invalid MAC address length)")
				hexdump = true
				break
			}
			b.printf("\n\t  MAC %s", macString(id))
		case 5:
			hexdump = d.cfmNetworkAddr(id)
		case 1, 2, 3, 6, 7:
			printJNP(b, id)
		default:
			hexdump = true
		}
		rest -= cl
		used += 1 + cl
	}
	if rest == 0 {
		return hexdump, cfmGoOn, used, rest
	}
	dl := int(v[used])
	used, rest = used+1, rest-1
	b.printf("\n\t  Management Address Domain Length %d", dl)
	if dl == 0 {
		return hexdump, cfmGoOn, used, rest
	}
	if rest < dl {
		b.str("\n\t  (TLV too short)")
		return false, cfmSkip, used, rest
	}
	rest -= dl
	hexOnly(b, "\n\t  Management Address Domain: ", v[used:used+dl], 0)
	used += dl
	if rest < 1 {
		b.str(" (Management Address Length is missing)")
		return true, cfmGoOn, used, rest
	}
	al := int(v[used])
	used, rest = used+1, rest-1
	b.printf("\n\t  Management Address Length %d", al)
	if al != 0 {
		if rest < al {
			b.str("\n\t  (TLV too short)")
			return false, cfmStop, used, rest
		}
		hexOnly(b, "\n\t  Management Address: ", v[used:used+al], 0)
		used, rest = used+al, rest-al
	}
	return hexdump, cfmGoOn, used, rest
}

// cfmNetworkAddr is cfm_network_addr_print; true asks for a hex dump.
func (d *dissector) cfmNetworkAddr(a []byte) bool {
	b := d.b
	if len(a) < 1 {
		b.str("\n\t  Network Address Type (invalid, no data")
		return false
	}
	af := uint16(a[0])
	b.printf("\n\t  Network Address Type %s (%d)", nameOr(bgpAFIs, af, "Unknown"), af)
	switch af {
	case 1:
		if len(a) != 5 {
			b.printf("(invalid IPv4 address length %d)", len(a)-1)
			return true
		}
		b.printf(", %s", d.p.host(net.IP(a[1:5])))
	case 2:
		if len(a) != 17 {
			b.printf("(invalid IPv6 address length %d)", len(a)-1)
			return true
		}
		b.printf(", %s", d.p.host(net.IP(a[1:17])))
	default:
		return true
	}
	return false
}
