package printer

import (
	"encoding/binary"
	"net"
)

// LWAPP, Cisco's Lightweight Access Point Protocol (RFC 5412), as
// tcpdump's print-lwapp.c prints it: control frames on UDP port 12223
// (to the controller with the access point's MAC address first), data
// frames on 12222; with -v the transport header and the control
// messages' headers, or the data frame in hex.

var lwappMessages = map[byte]string{1: "Discovery req", 2: "Discovery resp", 3: "Join req", 4: "Join resp",
	5: "Join ack", 6: "Join confirm", 10: "Configure req", 11: "Configure resp", 12: "Update req",
	13: "Update resp", 14: "WTP event req", 15: "WTP event resp", 16: "Change state event req",
	17: "Change state event resp", 22: "Echo req", 23: "Echo resp", 24: "Image data req",
	25: "Image data resp", 26: "Channel status req", 27: "Channel status resp", 30: "Key update req",
	31: "Key update resp", 32: "Primary discovery req", 33: "Primary discovery resp",
	34: "Data transfer req", 35: "Data transfer resp", 36: "Clear config ind", 37: "Wlan config req",
	38: "Wlan config resp", 39: "Mobile config req", 40: "Mobile config resp"}

// lwappFlags is the C, F and L bits as tcpdump's bittok2str lists them.
func lwappFlags(v byte) string {
	var s []string
	for _, f := range []struct {
		bit  byte
		name string
	}{{1, "Last Fragment Bit"}, {2, "Fragment Bit"}, {4, "Control Bit"}} {
		if v&f.bit != 0 {
			s = append(s, f.name)
		}
	}
	if len(s) == 0 {
		return "none"
	}
	return join(s, ", ")
}

func lwappKind(v byte) string {
	if v&4 != 0 {
		return "Control"
	}
	return "Data"
}

// lwappControl prints a control frame; apIdent: the access point's MAC
// address comes first.
func (d *dissector) lwappControl(p []byte, length int, apIdent bool) {
	b := d.b
	be := binary.BigEndian
	h := 0
	if apIdent {
		if len(p) < 6 {
			b.trunc("lwapp_control")
			return
		}
		h = 6
	}
	if len(p) < h+6 {
		b.trunc("lwapp_control")
		return
	}
	v := p[h]
	if v>>6 != 0 {
		b.printf("LWAPP version %d packet not supported", v>>6)
		return
	}
	if d.p.opts.Verbose < 1 {
		b.printf("LWAPPv%d, %s frame, Flags [%s], length %d", v>>6, lwappKind(v), lwappFlags(v&7), length)
		return
	}
	tlen := uint32(be.Uint16(p[h+2:]))
	b.printf("LWAPPv%d, %s frame, Radio-id %d, Flags [%s], Frag-id %d, length %d", v>>6, lwappKind(v), (v>>3)&7, lwappFlags(v&7), p[h+1], tlen)
	if apIdent {
		b.str("\n\tAP identity: " + net.HardwareAddr(p[:6]).String())
	}
	off := h + 6
	for tlen != 0 {
		if off+8 > len(p) {
			b.trunc("lwapp_control")
			return
		}
		msgLen := uint32(be.Uint16(p[off+2:]))
		if tlen < 8 || tlen < msgLen {
			b.str("\n\t  Msg goes past end of PDU")
			return
		}
		t := p[off]
		b.printf("\n\t  Msg type: %s (%d), Seqnum: %d, Msg len: %d, Session: 0x%08x", nameOr(lwappMessages, t, "Unknown"), t, p[off+1], msgLen, be.Uint32(p[off+4:]))
		if off+int(msgLen) > len(p) {
			b.trunc("lwapp_control")
			return
		}
		off += 8 + int(msgLen)
		tlen -= 8 + msgLen
	}
}

// lwappData prints a data frame.
func (d *dissector) lwappData(p []byte, length int) {
	b := d.b
	if len(p) < 6 {
		b.trunc("lwapp_data")
		return
	}
	v := p[0]
	if v>>6 != 0 {
		b.printf("LWAPP version %d packet not supported", v>>6)
		return
	}
	if d.p.opts.Verbose < 1 {
		b.printf("LWAPPv%d, %s frame, Flags [%s], length %d", v>>6, lwappKind(v), lwappFlags(v&7), length)
		return
	}
	tlen := int(binary.BigEndian.Uint16(p[2:]))
	if tlen < 6 {
		b.printf("LWAPPv%d, %s frame, Radio-id  %d, Flags [%s], length %d < transport header length", v>>6, lwappKind(v), (v>>3)&7, lwappFlags(v&7), tlen)
		return
	}
	b.printf("LWAPPv%d, %s frame, Radio-id  %d, Flags [%s], Frag-id  %d, length %d", v>>6, lwappKind(v), (v>>3)&7, lwappFlags(v&7), p[1], tlen)
	unknownData(b, p[6:], "\n\t", tlen-6)
}
