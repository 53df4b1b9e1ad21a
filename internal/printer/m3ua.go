package printer

import (
	"encoding/binary"
	"fmt"
)

// M3UA (RFC 4666) in SCTP DATA chunks with -vv, as tcpdump's m3ua_print:
// the message class and type, then each parameter's tag and value.

var m3uaClasses = map[byte]string{0: "Management", 1: "Transfer", 2: "SS7", 3: "ASP", 4: "ASP", 9: "Routing Key Management"}

var m3uaTypes = map[byte]map[byte]string{
	0: {0: "Error", 1: "Notify"},
	1: {1: "Data"},
	2: {1: "Destination Unavailable", 2: "Destination Available", 3: "Destination State Audit", 4: "Signalling Congestion",
		5: "Destination User Part Unavailable", 6: "Destination Restricted"},
	3: {1: "Up", 2: "Down", 3: "Heartbeat", 4: "Up Acknowledgement", 5: "Down Acknowledgement", 6: "Heartbeat Acknowledgement"},
	4: {1: "Active", 2: "Inactive", 3: "Active Acknowledgement", 4: "Inactive Acknowledgement"},
	9: {1: "Registration Request", 2: "Registration Response", 3: "Deregistration Request", 4: "Deregistration Response"},
}

var m3uaParams = map[uint16]string{0x0004: "INFO String", 0x0006: "Routing Context", 0x0007: "Diagnostic Info",
	0x0009: "Heartbeat Data", 0x000b: "Traffic Mode Type", 0x000c: "Error Code", 0x000d: "Status", 0x0011: "ASP Identifier",
	0x0012: "Affected Point Code", 0x0013: "Correlation ID", 0x0200: "Network Appearance", 0x0204: "User/Cause",
	0x0205: "Congestion Indications", 0x0206: "Concerned Destination", 0x0207: "Routing Key", 0x0208: "Registration Result",
	0x0209: "Deregistration Result", 0x020a: "Local Routing Key Identifier", 0x020b: "Destination Point Code",
	0x020c: "Service Indicators", 0x020e: "Originating Point Code List", 0x0210: "Protocol Data",
	0x0212: "Registration Status", 0x0213: "Deregistration Status"}

func (d *dissector) m3ua(p []byte, size int) {
	b := d.b
	be := binary.BigEndian
	if size < 8 {
		b.str(" (invalid)")
		return
	}
	if len(p) < 8 {
		d.truncJmp("m3ua")
		return
	}
	class, typ := p[2], p[3]
	b.str("\n\t\t")
	if name, ok := m3uaClasses[class]; ok {
		b.printf("%s %s Message", name, nameOr(m3uaTypes[class], typ, fmt.Sprintf("Unknown (0x%02x)", typ)))
	} else {
		b.printf("Unknown message class %d", class)
	}
	if l := be.Uint32(p[4:]); int(l) != size {
		b.printf("\n\t\t\t@@@@@@ Corrupted length %d of message @@@@@@", l)
		return
	}
	q, left := p[8:], size-8
	for left > 0 {
		if left < 4 {
			b.str(" (invalid)")
			return
		}
		if len(q) < 4 {
			d.truncJmp("m3ua")
			return
		}
		tag, l := be.Uint16(q), int(be.Uint16(q[2:]))
		b.printf("\n\t\t\t%s: ", nameOrf(m3uaParams, tag, "Unknown Parameter (0x%04x)"))
		if l < 4 {
			b.str(" (invalid)")
			return
		}
		switch tag {
		case 0x0200, 0x0006, 0x0013:
			if l-4 != 4 {
				b.str(" (invalid)")
				return
			}
			// tcpdump 4.99 prints the parameter's first four octets
			// (its tag and length), not its value.
			b.printf("0x%08x", be.Uint32(q))
		default:
			b.printf("(length %d)", l)
		}
		step := (l + 3) &^ 3
		if step > len(q) {
			if l > left {
				return
			}
			d.truncJmp("m3ua")
			return
		}
		q, left = q[step:], left-step
	}
}
