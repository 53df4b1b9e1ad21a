package printer

import "encoding/binary"

// Transparent Inter-Process Communication (Ethernet type 0x88ca) as
// tcpdump's tipc_print: one line per message (addresses, header and
// message sizes, user and type) for payload, internal and neighbour
// detection messages; -v adds a line of link-level fields.

var tipcUsers = map[uint32]string{0: "Low Importance Data payload", 1: "Medium Importance Data payload",
	2: "High Importance Data payload", 3: "Critical Importance Data payload", 5: "Broadcast Link Protocol internal",
	6: "Message Bundler Protocol internal", 7: "Link State Protocol internal", 8: "Connection Manager internal",
	10: "Link Changeover Protocol internal", 11: "Name Table Update Protocol internal",
	12: "Message Fragmentation Protocol internal", 13: "Neighbor Detection Protocol internal"}

// tipcMsgTypes keeps tcpdump's names, two of which are swapped.
var tipcMsgTypes = map[uint32]string{0: "CONN_MSG", 1: "MCAST_MSG", 2: "NAMED_MSG", 3: "DIRECT_MSG"}

var tipcLinkConfTypes = map[uint32]string{0: "Link request", 1: "Link response"}

// tipcAddr is a TIPC network address as zone.cluster.node.
func tipcAddr(a uint32) string {
	return itoa(int(a>>24)) + "." + itoa(int(a>>12&0xfff)) + "." + itoa(int(a&0xfff))
}

func (d *dissector) tipc(p []byte) {
	b := d.b
	word := func(i int) uint32 { return binary.BigEndian.Uint32(p[4*i:]) }
	// words reports whether the first n words were captured; tcpdump
	// reads each field before it prints the line that holds it.
	words := func(n int) bool {
		if len(p) < 4*n {
			d.truncJmp("tipc")
			return false
		}
		return true
	}
	if !words(1) {
		return
	}
	w0 := word(0)
	user := w0 >> 25 & 0x0f
	ver, hsize, msize := w0>>29, w0>>21&0x0f, w0&0x1ffff
	userName := nameOr(tipcUsers, user, "unknown")
	switch user {
	case 0, 1, 2, 3, 8, 11:
		if !words(6) {
			return
		}
		w1, prev, origPort, destPort := word(1), word(3), word(4), word(5)
		mtype := nameOr(tipcMsgTypes, w1>>29, "Unknown")
		if hsize <= 6 {
			b.printf("TIPC v%d.0 %s:%d > %d, headerlength %d bytes, MessageSize %d bytes, %s, messageType %s",
				ver, tipcAddr(prev), origPort, destPort, hsize*4, msize, userName, mtype)
			return
		}
		if !words(8) {
			return
		}
		b.printf("TIPC v%d.0 %s:%d > %s:%d, headerlength %d bytes, MessageSize %d bytes, %s, messageType %s",
			ver, tipcAddr(word(6)), origPort, tipcAddr(word(7)), destPort, hsize*4, msize, userName, mtype)
		if d.p.opts.Verbose > 0 {
			w2 := word(2)
			b.printf("\n\tPrevious Node %s, Broadcast Ack %d, Link Ack %d, Link Sequence %d",
				tipcAddr(prev), w1&0xffff, w2>>16, w2&0xffff)
		}
	case 13:
		if !words(4) {
			return
		}
		w1 := word(1)
		b.printf("TIPC v%d.0 %s > %s, headerlength %d bytes, MessageSize %d bytes, %s, messageType %s",
			ver, tipcAddr(word(3)), tipcAddr(word(2)), hsize*4, msize, userName, nameOr(tipcLinkConfTypes, w1>>29, "Unknown"))
		if d.p.opts.Verbose > 0 {
			if !words(6) {
				return
			}
			b.printf("\n\tNodeSignature %d, network_id %d, media_id %d", w1&0xffff, word(4), word(5)&0xff)
		}
	case 5, 6, 7, 10, 12:
		if !words(8) {
			return
		}
		w1 := word(1)
		b.printf("TIPC v%d.0 %s > %s, headerlength %d bytes, MessageSize %d bytes, %s, messageType %s (0x%08x)",
			ver, tipcAddr(word(6)), tipcAddr(word(7)), hsize*4, msize, userName, nameOr(tipcMsgTypes, w1>>29, "Unknown"), w1)
		if d.p.opts.Verbose > 0 {
			if !words(10) {
				return
			}
			w2, w4, w5, w9 := word(2), word(4), word(5), word(9)
			b.printf("\n\tPrevious Node %s, Session No. %d, Broadcast Ack %d, Sequence Gap %d,  Broadcast Gap After %d, "+
				"Broadcast Gap To %d, Last Sent Packet No. %d, Next sent Packet No. %d, Transport Sequence %d, msg_count %d, Link Tolerance %d",
				tipcAddr(word(3)), w5>>16, w1&0xffff, w1>>16&0x1fff, w2>>16, w2&0xffff, w4>>16, w4&0xffff, word(8), w9>>16, w9&0xffff)
		}
	}
}
