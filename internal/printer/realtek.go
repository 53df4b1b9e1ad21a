package printer

import (
	"encoding/binary"
)

// Realtek's protocols (Ethernet type 0x8899) as tcpdump's rtl_print: the
// frame's addresses, then RRCP (Realtek Remote Control Protocol) queries
// and replies, REP, RLDP or the switch tags the first byte names.

var rrcpOpcodes = map[byte]string{0: "hello", 1: "get", 2: "set"}

// rtl prints a Realtek frame; addrs are the Ethernet addresses (nil when
// the frame came without, as in a cooked capture).
func (d *dissector) rtl(p []byte, addrs *llcAddrs) {
	b := d.b
	if addrs != nil {
		b.printf("%s > %s, ", addrs.src, addrs.dst)
	}
	if len(p) < 1 {
		d.truncJmp("rtl")
		return
	}
	switch proto := p[0]; {
	case proto == 1:
		d.rrcp(p)
	case proto == 2:
		b.str("REP")
	case proto == 3 || proto == 0x23:
		b.str("RLDP")
	case proto == 4:
		b.str("Realtek 8-byte DSA tag")
	case proto&0xf0 == 0x90:
		b.str("Realtek RTL8306 4-byte DSA tag")
	case proto&0xf0 == 0xa0:
		b.str("Realtek RTL8366RB 4-byte DSA tag")
	default:
		b.printf("Realtek unknown type 0x%02x", proto)
	}
}

func (d *dissector) rrcp(p []byte) {
	b := d.b
	short := func(n int) bool {
		if len(p) < n {
			d.truncJmp("rrcp")
			return true
		}
		return false
	}
	if short(2) {
		return
	}
	op, reply := p[1]&0x7f, p[1]&0x80 != 0
	kind := "query"
	if reply {
		kind = "reply"
	}
	b.printf("RRCP %s: %s", kind, nameOrf(rrcpOpcodes, op, "unknown opcode (0x%02x)"))
	getSet := op == 1 || op == 2
	if getSet {
		if short(10) {
			return
		}
		b.printf(" addr=0x%04x, data=0x%08x", binary.LittleEndian.Uint16(p[4:]), binary.LittleEndian.Uint32(p[6:]))
	}
	if short(4) {
		return
	}
	b.printf(", auth=0x%04x", binary.BigEndian.Uint16(p[2:]))
	switch {
	case op == 0 && reply:
		if short(18) {
			return
		}
		b.printf(" downlink_port=%d, uplink_port=%d, uplink_mac=%s, vendor_id=%08x ,chip_id=%04x ", p[4], p[5],
			macString(p[6:12]), binary.BigEndian.Uint32(p[14:]), binary.BigEndian.Uint16(p[12:]))
	case getSet:
		if short(18) {
			return
		}
		b.printf(", cookie=0x%08x%08x ", binary.BigEndian.Uint32(p[14:]), binary.BigEndian.Uint32(p[10:]))
	}
}
