package printer

import "encoding/binary"

// SOME/IP, AUTOSAR's Scalable service-Oriented MiddlewarE over IP (UDP and
// TCP port 30490), as tcpdump's print-someip.c prints its header.

var someipMessageTypes = map[byte]string{0x00: "REQUEST", 0x01: "REQUEST_NO_RETURN", 0x02: "NOTIFICATION",
	0x80: "RESPONSE", 0x81: "ERROR", 0x20: "TP_REQUEST", 0x21: "TP_REQUEST_NO_RETURN",
	0x22: "TP_NOTIFICATION", 0xa0: "TP_RESPONSE", 0xa1: "TP_ERROR"}

var someipReturnCodes = map[byte]string{0x00: "E_OK", 0x01: "E_NOT_OK", 0x02: "E_UNKNOWN_SERVICE",
	0x03: "E_UNKNOWN_METHOD", 0x04: "E_NOT_READY", 0x05: "E_NOT_REACHABLE", 0x06: "E_TIMEOUT",
	0x07: "E_WRONG_PROTOCOL_VERSION", 0x08: "E_WRONG_INTERFACE_VERSION", 0x09: "E_MALFORMED_MESSAGE",
	0x0a: "E_WRONG_MESSAGE_TYPE", 0x0b: "E_E2E_REPEATED", 0x0c: "E_E2E_WRONG_SEQUENCE", 0x0d: "E_E2E",
	0x0e: "E_E2E_NOT_AVAILABLE", 0x0f: "E_E2E_NO_NEW_DATA"}

func (d *dissector) someip(p []byte, length int) {
	b := d.b
	be := binary.BigEndian
	b.str("SOMEIP")
	if length < 16 {
		b.str(" (invalid)")
		return
	}
	if len(p) < 4 {
		d.truncJmp("someip")
		return
	}
	id := be.Uint32(p)
	kind := "method"
	if id&0x8000 != 0 {
		kind = "event"
	}
	b.printf(", service %d, %s %d", id>>16, kind, id&0x7fff)
	if len(p) < 8 {
		d.truncJmp("someip")
		return
	}
	b.printf(", len %d", be.Uint32(p[4:]))
	if len(p) < 12 {
		d.truncJmp("someip")
		return
	}
	req := be.Uint32(p[8:])
	b.printf(", client %d, session %d", req>>16, req&0xffff)
	for i, f := range []func(c byte){
		func(c byte) { b.printf(", pver %d", c) },
		func(c byte) { b.printf(", iver %d", c) },
		func(c byte) { b.str(", msgtype " + nameOr(someipMessageTypes, c, "Unknown")) },
		// tcpdump 4.99 ends the line with a newline of its own (an empty
		// line follows).
		func(c byte) { b.str(", retcode " + nameOr(someipReturnCodes, c, "Unknown") + "\n") },
	} {
		if len(p) < 13+i {
			d.truncJmp("someip")
			return
		}
		f(p[12+i])
	}
}
