package printer

import (
	"encoding/binary"
)

// IEEE 802.3ah Multi-Point Control Protocol (Ethernet type 0x8808) as
// tcpdump's mpcp_print: the opcode, timestamp and length; -v adds the
// grants of a Gate, the queue reports of a Report and the registration
// messages' fields.

var mpcpOpcodes = map[uint16]string{1: "Pause", 2: "Gate", 3: "Report", 4: "Register Request", 5: "Register", 6: "Register ACK"}

var mpcpGrantFlags = []bitName{{0x08, "Discovery"}, {0x10, "Force Grant #1"}, {0x20, "Force Grant #2"},
	{0x40, "Force Grant #3"}, {0x80, "Force Grant #4"}}

var mpcpRegReqFlags = []bitName{{1, "Register"}, {3, "De-Register"}}

var mpcpRegFlags = []bitName{{1, "Re-Register"}, {2, "De-Register"}, {3, "ACK"}, {4, "NACK"}}

var mpcpReportBitmap = []bitName{{0x01, "Q0"}, {0x02, "Q1"}, {0x04, "Q2"}, {0x08, "Q3"}, {0x10, "Q4"},
	{0x20, "Q5"}, {0x40, "Q6"}, {0x80, "Q7"}}

var mpcpRegAckFlags = []bitName{{0, "NACK"}, {1, "ACK"}}

func (d *dissector) mpcp(p []byte, length int) {
	b := d.b
	short := func(n int) bool {
		if len(p) < n {
			d.truncJmp("mpcp")
			return true
		}
		return false
	}
	if short(6) {
		return
	}
	op := binary.BigEndian.Uint16(p)
	b.printf("MPCP, Opcode %s", nameOrf(mpcpOpcodes, op, "Unknown (%d)"))
	if op != 1 {
		b.printf(", Timestamp %d ticks", binary.BigEndian.Uint32(p[2:]))
	}
	b.printf(", length %d", length)
	if d.p.opts.Verbose == 0 {
		return
	}
	at := 6
	switch op {
	case 1:
	case 2:
		if short(at + 1) {
			return
		}
		n := int(p[at] & 7)
		b.printf("\n\tGrant Numbers %d, Flags [ %s ]", n, bits32(uint32(p[at]&0xf8), mpcpGrantFlags, "?"))
		at++
		for g := 1; g <= n; g++ {
			if short(at + 6) {
				return
			}
			b.printf("\n\tGrant #%d, Start-Time %d ticks, duration %d ticks", g, binary.BigEndian.Uint32(p[at:]), binary.BigEndian.Uint16(p[at+4:]))
			at += 6
		}
		if short(at + 2) {
			return
		}
		b.printf("\n\tSync-Time %d ticks", binary.BigEndian.Uint16(p[at:]))
	case 3:
		if short(at + 1) {
			return
		}
		sets := int(p[at])
		at++
		b.printf("\n\tTotal Queue-Sets %d", sets)
		// tcpdump reports one set fewer than the count, each numbered
		// with the count.
		for set := 1; set < sets; set++ {
			if short(at + 1) {
				return
			}
			bitmap := p[at]
			b.printf("\n\t  Queue-Set #%d, Report-Bitmap [ %s ]", sets, bits32(uint32(bitmap), mpcpReportBitmap, "Unknown"))
			at++
			for q := 1; bitmap != 0; q, bitmap = q+1, bitmap>>1 {
				if bitmap&1 != 0 {
					if short(at + 2) {
						return
					}
					b.printf("\n\t    Q%d Report, Duration %d ticks", q, binary.BigEndian.Uint16(p[at:]))
					at += 2
				}
			}
		}
	case 4:
		if short(at + 2) {
			return
		}
		b.printf("\n\tFlags [ %s ], Pending-Grants %d", bits32(uint32(p[at]), mpcpRegReqFlags, "Reserved"), p[at+1])
	case 5:
		if short(at + 6) {
			return
		}
		b.printf("\n\tAssigned-Port %d, Flags [ %s ]\n\tSync-Time %d ticks, Echoed-Pending-Grants %d",
			binary.BigEndian.Uint16(p[at:]), bits32(uint32(p[at+2]), mpcpRegFlags, "Reserved"),
			binary.BigEndian.Uint16(p[at+3:]), p[at+5])
	case 6:
		if short(at + 5) {
			return
		}
		b.printf("\n\tEchoed-Assigned-Port %d, Flags [ %s ]\n\tEchoed-Sync-Time %d ticks",
			binary.BigEndian.Uint16(p[at+1:]), bits32(uint32(p[at]), mpcpRegAckFlags, "Reserved"),
			binary.BigEndian.Uint16(p[at+3:]))
	default:
		unknownData(b, p, "\n\t", length)
	}
}
