package printer

import "encoding/binary"

// LocalTalk (DLT_LTALK): the LLAP header and AppleTalk DDP's addresses,
// as tcpdump's print-llap.c and print-atalk.c print them. DDP payloads
// (NBP, ATP, EIGRP) are named by type, not decoded.

var ddpTypes = map[uint8]string{1: "rtmp", 5: "rtmpReq", 4: "echo", 22: "IP", 23: "ARP", 24: "KLAP"}

func (d *dissector) ddpPayload(typ uint8, length int) {
	name, ok := ddpTypes[typ]
	if !ok {
		name = "#" + itoa(int(typ))
	}
	d.b.printf(" at-%s %d", name, length)
}

// atAddr is tcpdump's ataddr_string without a names file.
func atAddr(net uint16, node uint8) string {
	if node == 255 {
		return itoa(int(net))
	}
	return itoa(int(net)) + "." + itoa(int(node))
}

// ltalk is ltalk_if_print: a header length of 0 from llap means the
// capture was cut short, and the whole capture counts as header.
func (d *dissector) ltalk(p []byte, length int) int {
	if n := d.llap(p, length); n != 0 {
		return n
	}
	return len(p)
}

func (d *dissector) llap(p []byte, length int) int {
	b := d.b
	if length < 3 {
		b.printf(" [|llap %d]", length)
		return length
	}
	if len(p) < 3 {
		b.trunc("llap")
		return 0
	}
	dst, src, typ := p[0], p[1], p[2]
	q, l := p[3:], length-3
	switch typ {
	case 1: // short DDP
		if l < 5 {
			b.printf(" [|sddp %d]", l)
			return l
		}
		if len(q) < 5 {
			b.str(" [|sddp]")
			return 0
		}
		b.printf("%s.%d > %s.%d:", atAddr(0, src), q[3], atAddr(0, dst), q[2])
		d.ddpPayload(q[4], l-5)
		return 8
	case 2: // DDP
		if l < 13 {
			b.printf(" [|ddp %d]", l)
			return l
		}
		if len(q) < 13 {
			b.str(" [|ddp]")
			return 0
		}
		b.printf("%s.%d > %s.%d:", atAddr(binary.BigEndian.Uint16(q[6:]), q[9]), q[11],
			atAddr(binary.BigEndian.Uint16(q[4:]), q[8]), q[10])
		d.ddpPayload(q[12], l-13)
		return 16
	}
	b.printf("%d > %d at-lap#%d %d", src, dst, typ, l)
	return 3
}
