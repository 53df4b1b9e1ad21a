package printer

import (
	"encoding/binary"
	"net"
)

// LSP-PING, MPLS echo request and reply (RFC 8029, UDP 3503), as
// tcpdump's lspping_print: the message type and sequence number; with -v
// the common header and the TLVs (Target FEC Stack sub-TLVs, Downstream
// Mapping, BFD discriminator, vendor enterprise code), with -vv a hex dump
// of every TLV and sub-TLV besides.

var lsppingMsgTypes = map[byte]string{1: "MPLS Echo Request", 2: "MPLS Echo Reply"}

var lsppingReplyModes = map[byte]string{1: "Do not reply", 2: "Reply via an IPv4/IPv6 UDP packet",
	3: "Reply via an IPv4/IPv6 UDP packet with Router Alert", 4: "Reply via application level control channel"}

var lsppingReturnCodes = map[byte]string{0: "No return code or return code contained in the Error Code TLV",
	1: "Malformed echo request received", 2: "One or more of the TLVs was not understood",
	3: "Replying router is an egress for the FEC at stack depth", 4: "Replying router has no mapping for the FEC at stack depth",
	5: "Reserved", 6: "Reserved", 7: "Reserved", 8: "Label switched at stack-depth",
	9: "Label switched but no MPLS forwarding at stack-depth", 10: "Mapping for this FEC is not the given label at stack depth",
	11: "No label entry at stack-depth", 12: "Protocol not associated with interface at FEC stack depth",
	13: "Premature termination of ping due to label stack shrinking to a single label"}

var lsppingTLVs = map[uint16]string{1: "Target FEC Stack", 2: "Downstream Mapping", 3: "Pad", 9: "Error Code",
	5: "Vendor Enterprise Code", 7: "Interface Label Stack", 10: "Reply TOS Byte", 15: "BFD Discriminator",
	0xfc00: "Vendor Private Code"}

var lsppingFECSubTLVs = map[uint16]string{1: "LDP IPv4 prefix", 2: "LDP IPv6 prefix", 3: "RSVP IPv4 Session Query",
	4: "RSVP IPv6 Session Query", 5: "Reserved", 6: "VPN IPv4 prefix", 7: "VPN IPv6 prefix", 8: "L2 VPN endpoint",
	9: "FEC 128 pseudowire (old)", 10: "FEC 128 pseudowire", 12: "BGP labeled IPv4 prefix", 13: "BGP labeled IPv6 prefix"}

// lsppingAddrTypes names the Downstream Mapping address types as
// tcpdump 4.99 does (both IPv6 types "IPv6").
var lsppingAddrTypes = map[byte]string{1: "IPv4", 2: "Unnumbered IPv4", 3: "IPv6", 4: "IPv6"}

// lsppingVendors are the SMI enterprise numbers tcpdump 4.99 names in the
// Vendor Enterprise Code TLV (each checked against it; its table may hold
// a few more, which gocap prints as Unknown).
var lsppingVendors = map[uint32]string{9: "Cisco", 11: "Hewlett Packard", 166: "Shiva", 311: "Microsoft", 429: "3Com",
	529: "Ascend", 1584: "Bay Networks", 1991: "Foundry", 2180: "Versanet", 2352: "Redback", 2636: "Juniper Networks",
	3076: "Cisco VPN 3000", 3224: "Netscreen", 3309: "Nomadix", 3561: "The Broadband Forum", 4329: "Siemens",
	4874: "Unisphere Networks", 5535: "3rd Generation Partnership Project 2 (3GPP2)", 8164: "Starent Networks",
	8744: "Colubris", 10415: "3GPP", 12356: "Fortinet", 14122: "Wi-Fi Alliance"}

// mplsPWTypes are the pseudowire types of RFC 4446.
var mplsPWTypes = map[uint16]string{0: "Reserved", 1: "Frame Relay DLCI (Martini Mode)", 2: "ATM AAL5 SDU VCC transport",
	3: "ATM transparent cell transport", 4: "Ethernet VLAN", 5: "Ethernet", 6: "Cisco-HDLC", 7: "PPP",
	8: "SONET/SDH Circuit Emulation Service over MPLS", 9: "ATM n-to-one VCC cell transport",
	10: "ATM n-to-one VPC cell transport", 11: "IP Layer2 Transport", 12: "ATM one-to-one VCC Cell Mode",
	13: "ATM one-to-one VPC Cell Mode", 14: "ATM AAL5 PDU VCC transport", 15: "Frame-Relay Port mode",
	16: "SONET/SDH Circuit Emulation over Packet", 17: "Structure-agnostic E1 over Packet",
	18: "Structure-agnostic T1 (DS1) over Packet", 19: "Structure-agnostic E3 over Packet",
	20: "Structure-agnostic T3 (DS3) over Packet", 21: "CESoPSN basic mode", 22: "TDMoIP basic mode",
	23: "CESoPSN TDM with CAS", 24: "TDMoIP TDM with CAS", 25: "Frame Relay DLCI", 0x40: "IP-interworking"}

func (d *dissector) lspping(data []byte, length int) {
	b := d.b
	be := binary.BigEndian
	if length < 32 {
		b.str("\n\t\t packet is too short")
		return
	}
	if len(data) < 32 {
		d.truncJmp("lspping")
		return
	}
	if v := be.Uint16(data); v != 1 {
		b.printf("LSP-PING version %d packet not supported", v)
		return
	}
	msg := data[4]
	if d.p.opts.Verbose < 1 {
		b.printf("LSP-PINGv1, %s, seq %d, length: %d", nameOr(lsppingMsgTypes, msg, "unknown ("+itoa(int(msg))+")"), be.Uint32(data[12:]), length)
		return
	}
	b.printf("\n\tLSP-PINGv1, msg-type: %s (%d), length: %d\n\t  reply-mode: %s (%d)",
		nameOr(lsppingMsgTypes, msg, "unknown"), msg, length, nameOr(lsppingReplyModes, data[5], "unknown"), data[5])
	rc, sub := data[6], data[7]
	switch rc {
	case 3, 4, 8, 10, 11, 12:
		b.printf("\n\t  Return Code: %s %d (%d)\n\t  Return Subcode: (%d)", nameOr(lsppingReturnCodes, rc, "unknown"), sub, rc, sub)
	default:
		b.printf("\n\t  Return Code: %s (%d)\n\t  Return Subcode: (%d)", nameOr(lsppingReturnCodes, rc, "unknown"), rc, sub)
	}
	b.printf("\n\t  Sender Handle: 0x%08x, Sequence: %d", be.Uint32(data[8:]), be.Uint32(data[12:]))
	b.str("\n\t  Sender Timestamp: ")
	ntpTimestamp(b, data[16:24])
	b.str(" Receiver Timestamp: ")
	if be.Uint32(data[24:]) != 0 && be.Uint32(data[28:]) != 0 {
		ntpTimestamp(b, data[24:32])
	} else {
		b.str("no timestamp")
	}
	p, tlen := data[32:], length-32
	for tlen != 0 {
		if tlen < 4 {
			b.str("\n\t\t packet is too short")
			return
		}
		if len(p) < 4 {
			d.truncJmp("lspping")
			return
		}
		typ, tl := be.Uint16(p), int(be.Uint16(p[2:]))
		b.printf("\n\t  %s TLV (%d), length: %d", nameOr(lsppingTLVs, typ, "Unknown"), typ, tl)
		if tl == 0 {
			p, tlen = p[4:], tlen-4
			continue
		}
		if tlen < tl+4 {
			b.str("\n\t\t packet is too short")
			return
		}
		if len(p) < tl+4 {
			d.truncJmp("lspping")
			return
		}
		v := p[4 : 4+tl]
		hexdump, stop := d.lsppingTLV(typ, v)
		if stop {
			return
		}
		if d.p.opts.Verbose > 1 || hexdump {
			unknownData(b, v, "\n\t    ", tl)
		}
		if tl%4 != 0 {
			tl += 4 - tl%4
			if tlen < tl+4 {
				b.str("\n\t\t packet is too short")
				return
			}
		}
		if len(p) < tl+4 {
			// the padding was not captured: the next read stops
			d.truncJmp("lspping")
			return
		}
		p, tlen = p[tl+4:], tlen-tl-4
	}
}

// lsppingTLV prints one TLV's value v (captured in full); it reports
// whether tcpdump dumps the TLV in hex as well, and whether printing of
// the packet ends here.
func (d *dissector) lsppingTLV(typ uint16, v []byte) (hexdump, stop bool) {
	b := d.b
	be := binary.BigEndian
	short := func() (bool, bool) {
		b.str("\n\t      TLV is too short")
		return true, false
	}
	switch typ {
	case 1:
		// tcpdump 4.99 moves past a sub-TLV's value but not its header
		// while counting both off what is left: t runs behind rem.
		for t, rem := v, len(v); rem != 0; {
			if rem < 4 {
				return short()
			}
			st, sl := be.Uint16(t), int(be.Uint16(t[2:]))
			if rem < sl+4 {
				return short()
			}
			s := t[4 : 4+sl]
			b.printf("\n\t    %s subTLV (%d), length: %d", nameOr(lsppingFECSubTLVs, st, "Unknown"), st, sl)
			subHex := false
			want := func(n int) bool {
				if sl != n {
					b.printf("\n\t      invalid subTLV length, should be %d", n)
					subHex = true
					return false
				}
				return true
			}
			switch st {
			case 1, 12:
				if want(5) {
					b.printf("\n\t      %s/%d", net.IP(s[:4]).String(), s[4])
				}
			case 2, 13:
				if want(17) {
					b.printf("\n\t      %s/%d", ip6String(net.IP(s[:16])), s[16])
				}
			case 3:
				if want(20) {
					b.printf("\n\t      tunnel end-point %s, tunnel sender %s, lsp-id 0x%04x\n\t      tunnel-id 0x%04x, extended tunnel-id %s",
						net.IP(s[:4]).String(), net.IP(s[12:16]).String(), be.Uint16(s[18:]), be.Uint16(s[6:]), net.IP(s[8:12]).String())
				}
			case 4:
				if want(56) {
					b.printf("\n\t      tunnel end-point %s, tunnel sender %s, lsp-id 0x%04x\n\t      tunnel-id 0x%04x, extended tunnel-id %s",
						ip6String(net.IP(s[:16])), ip6String(net.IP(s[36:52])), be.Uint16(s[54:]), be.Uint16(s[18:]), ip6String(net.IP(s[20:36])))
				}
			case 6:
				if want(13) {
					b.printf("\n\t      RD: %s, %s/%d", bgpRD(s[:8]), net.IP(s[8:12]).String(), s[12])
				}
			case 7:
				if want(25) {
					b.printf("\n\t      RD: %s, %s/%d", bgpRD(s[:8]), ip6String(net.IP(s[8:24])), s[24])
				}
			case 8:
				if want(14) {
					enc := be.Uint16(s[12:])
					b.printf("\n\t      RD: %s, Sender VE ID: %d, Receiver VE ID: %d\n\t      Encapsulation Type: %s (%d)",
						bgpRD(s[:8]), be.Uint16(s[8:]), be.Uint16(s[10:]), nameOr(mplsPWTypes, enc, "unknown"), enc)
				}
			case 9:
				if want(10) {
					pw := be.Uint16(s[8:])
					b.printf("\n\t      Remote PE: %s\n\t      PW ID: 0x%08x, PW Type: %s (%d)",
						net.IP(s[:4]).String(), be.Uint32(s[4:]), nameOr(mplsPWTypes, pw, "unknown"), pw)
				}
			case 10:
				if want(14) {
					pw := be.Uint16(s[12:])
					b.printf("\n\t      Sender PE: %s, Remote PE: %s\n\t      PW ID: 0x%08x, PW Type: %s (%d)",
						net.IP(s[:4]).String(), net.IP(s[4:8]).String(), be.Uint32(s[8:]), nameOr(mplsPWTypes, pw, "unknown"), pw)
				}
			default:
				subHex = true
			}
			if d.p.opts.Verbose > 1 || subHex {
				unknownData(b, s, "\n\t      ", sl)
			}
			if sl%4 != 0 {
				sl += 4 - sl%4
				if rem < sl+4 {
					b.str("\n\t\t TLV is too short")
					return false, true
				}
			}
			t, rem = t[sl:], rem-sl-4
		}
	case 2:
		if len(v) < 4 {
			return short()
		}
		at := v[2]
		b.printf("\n\t    MTU: %d, Address-Type: %s (%d)", be.Uint16(v), nameOr(lsppingAddrTypes, at, "unknown"), at)
		n := 4
		switch at {
		case 1, 2:
			if len(v) < 12 {
				return short()
			}
			if at == 1 {
				b.printf("\n\t    Downstream IP: %s\n\t    Downstream Interface IP: %s", net.IP(v[4:8]).String(), net.IP(v[8:12]).String())
			} else {
				b.printf("\n\t    Downstream IP: %s\n\t    Downstream Interface Index: 0x%08x", net.IP(v[4:8]).String(), be.Uint32(v[8:]))
			}
			n = 12
		case 3:
			if len(v) < 36 {
				return short()
			}
			b.printf("\n\t    Downstream IP: %s\n\t    Downstream Interface IP: %s", ip6String(net.IP(v[4:20])), ip6String(net.IP(v[20:36])))
			n = 36
		case 4:
			if len(v) < 24 {
				return short()
			}
			b.printf("\n\t    Downstream IP: %s\n\t    Downstream Interface Index: 0x%08x", ip6String(net.IP(v[4:20])), be.Uint32(v[20:]))
			n = 24
		}
		if len(v)-n < 4 {
			return short()
		}
		return true, false
	case 15:
		if len(v) < 4 {
			return short()
		}
		b.printf("\n\t    BFD Discriminator 0x%08x", be.Uint32(v))
	case 5:
		if len(v) < 4 {
			return short()
		}
		id := be.Uint32(v)
		b.printf("\n\t    Vendor: %s (0x%04x)", nameOr(lsppingVendors, id, "Unknown"), id)
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t    ", len(v))
		}
	}
	return false, false
}
