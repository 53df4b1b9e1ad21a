package printer

import "encoding/binary"

// PTP version 2 (IEEE 1588) over UDP as tcpdump's ptp_print: the common
// header fields and the time stamps and port identities of the event and
// general messages.

var ptpMessages = map[byte]string{0: "sync msg", 1: "delay req msg", 2: "peer delay req msg",
	3: "peer delay resp msg", 8: "follow up msg", 9: "delay resp msg", 0xa: "pdelay resp fup msg",
	0xb: "announce msg", 0xc: "signalling msg", 0xd: "management msg"}

var ptpControls = map[byte]string{0: "Sync", 1: "Delay_Req", 2: "Follow_Up", 3: "Delay_Resp", 4: "Management", 5: "Other"}

var ptpFlags = []bitName{{0x0001, "l1 61"}, {0x0002, "l1 59"}, {0x0004, "utc reasonable"}, {0x0008, "timescale"},
	{0x0010, "time tracable"}, {0x0020, "frequency tracable"}, {0x0100, "alternate master"},
	{0x0200, "two step"}, {0x0400, "unicast"}, {0x4000, "profile specific 2"}, {0x8000, "security mask"}}

func (d *dissector) ptp(data []byte, length int) {
	b := d.b
	if len(data) < 2 {
		d.truncJmp("ptp")
		return
	}
	ver := data[1] & 0x0f
	b.printf("PTPv%d", ver)
	if ver != 2 {
		if ver == 1 {
			b.str(" (not implemented)")
		} else {
			b.str("ERROR: unknown-version\n")
		}
		return
	}
	if len(data) < 34 {
		d.truncJmp("ptp")
		return
	}
	be := binary.BigEndian
	compat := "no"
	if data[0]&0x10 != 0 {
		compat = "yes"
	}
	typ := data[0] & 0x0f
	b.printf(", v1 compat : %s, msg type : %s, length : %d, domain : %d, reserved1 : %d, Flags [%s]",
		compat, nameOr(ptpMessages, typ, "Reserved"), be.Uint16(data[2:]), data[4], data[5],
		bits32(uint32(be.Uint16(data[6:])), ptpFlags, "none"))
	corr := be.Uint64(data[8:])
	b.printf(", NS correction : %d, sub NS correction : %d, reserved2 : %d", corr>>16, corr&0xffff, be.Uint32(data[16:]))
	b.printf(", clock identity : 0x%x, port id : %d, seq id : %d, control : %d (%s), log message interval : %d",
		be.Uint64(data[20:]), be.Uint16(data[28:]), be.Uint16(data[30:]), data[32], nameOr(ptpControls, data[32], "Reserved"), data[33])
	body := data[34:]
	stamp := func(name string) bool {
		if len(body) < 10 {
			d.truncJmp("ptp")
			return false
		}
		secs := uint64(be.Uint16(body))<<32 | uint64(be.Uint32(body[2:]))
		b.printf(", %s : %d seconds, %d nanoseconds", name, secs, be.Uint32(body[6:]))
		body = body[10:]
		return true
	}
	port := func() {
		if len(body) < 10 {
			d.truncJmp("ptp")
			return
		}
		b.printf(", port identity : 0x%x, port id : %d", be.Uint64(body), be.Uint16(body[8:]))
		body = body[10:]
	}
	switch typ {
	case 0, 1:
		stamp("originTimeStamp")
	case 8:
		stamp("preciseOriginTimeStamp")
	case 9:
		if stamp("receiveTimeStamp") {
			port()
		}
	case 2:
		if stamp("preciseOriginTimeStamp") {
			port()
		}
	case 3:
		if stamp("receiveTimeStamp") {
			port()
		}
	case 0xa:
		if stamp("preciseOriginTimeStamp") {
			port()
		}
	case 0xc, 0xd:
		port()
	}
}
