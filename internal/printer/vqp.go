package printer

import (
	"encoding/binary"
	"net"
)

// VQP, Cisco's VLAN Query Protocol (UDP port 1589), as tcpdump's
// print-vqp.c prints it: the message type and error code, and with -v
// the sequence number and the objects.

var vqpMessages = map[byte]string{1: "Request, Join Port", 2: "Response, VLAN", 3: "Request, Reconfirm", 4: "Response, Reconfirm"}

var vqpErrors = map[byte]string{0: "No error", 3: "Access denied", 4: "Shutdown port", 5: "Wrong VTP domain"}

var vqpObjects = map[uint32]string{0x0c01: "Client IP Address", 0x0c02: "Port Name", 0x0c03: "VLAN Name",
	0x0c04: "VTP Domain", 0x0c05: "Ethernet Packet", 0x0c06: "MAC Null", 0x0c08: "MAC Address"}

func (d *dissector) vqp(p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	if len(p) < 8 {
		d.truncJmp("vqp")
		return
	}
	if length < 8 {
		b.str(" (invalid)")
		return
	}
	if p[0] != 1 {
		b.printf("VQP version %d packet not supported", p[0])
		return
	}
	msg := nameOr(vqpMessages, p[1], "unknown ("+itoa(int(p[1]))+")")
	errc := nameOr(vqpErrors, p[2], "unknown")
	if d.p.opts.Verbose < 1 {
		b.printf("VQPv%d %s Message, error-code %s (%d), length %d", p[0], msg, errc, p[2], length)
		return
	}
	nitems := int(p[3])
	b.printf("\n\tVQPv%d, %s Message, error-code %s (%d), seq 0x%08x, items %d, length %d", p[0], msg, errc, p[2], be.Uint32(p[4:]), nitems, length)
	off, left := 8, length-8
	for nitems != 0 && left != 0 {
		if off+6 > len(p) {
			d.truncJmp("vqp")
			return
		}
		if left < 6 {
			b.str(" (invalid)")
			return
		}
		typ, olen := be.Uint32(p[off:]), int(be.Uint16(p[off+4:]))
		off, left = off+6, left-6
		b.printf("\n\t  %s Object (0x%08x), length %d, value: ", nameOr(vqpObjects, typ, "Unknown"), typ, olen)
		if typ == 0 || olen == 0 {
			return
		}
		if off+olen > len(p) {
			d.truncJmp("vqp")
			return
		}
		if olen > left {
			b.str(" (invalid)")
			return
		}
		v := p[off : off+olen]
		switch typ {
		case 0x0c01:
			if olen != 4 {
				b.str(" (invalid)")
				return
			}
			b.printf("%s (0x%08x)", d.p.host(net.IP(append([]byte{}, v...))), be.Uint32(v))
		case 0x0c02, 0x0c03, 0x0c04, 0x0c05:
			printJNP(b, v)
		case 0x0c06, 0x0c08:
			if olen != 6 {
				b.str(" (invalid)")
				return
			}
			b.str(net.HardwareAddr(v).String())
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, v, "\n\t    ", olen)
			}
		}
		off, left = off+olen, left-olen
		nitems--
	}
}
