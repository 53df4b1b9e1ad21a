package printer

import (
	"encoding/binary"
)

// The Ethernet Configuration Testing Protocol (loopback, Ethernet type
// 0x9000) as tcpdump's loopback_print: the skip count, then the message
// it points at (a reply with its receipt number, or data to forward).

var ctpFunctions = map[uint16]string{1: "Reply", 2: "Forward Data"}

func (d *dissector) ctp(p []byte, length int) {
	b := d.b
	b.str("Loopback")
	// need checks that n bytes from at were captured; tcpdump's printer
	// ends the packet's printing where they were not.
	need := func(at, n int) bool {
		if at+n > len(p) {
			d.truncJmp("loopback")
			return false
		}
		return true
	}
	invalid := func(at, n int) {
		b.str(" (invalid)")
		need(at, n)
	}
	if length < 2 {
		invalid(0, length)
		return
	}
	if !need(0, 2) {
		return
	}
	skip := int(binary.LittleEndian.Uint16(p))
	at, n := 2, length-2
	b.printf(", skipCount %d", skip)
	if skip%8 != 0 {
		b.str(" (bogus)")
	}
	if skip > n {
		invalid(at, n)
		return
	}
	if !need(at, skip) {
		return
	}
	at, n = at+skip, n-skip
	if n < 2 {
		invalid(at, n)
		return
	}
	if !need(at, 2) {
		return
	}
	fn := binary.LittleEndian.Uint16(p[at:])
	at, n = at+2, n-2
	b.printf(", %s", nameOrf(ctpFunctions, fn, " invalid (%d)"))
	switch fn {
	case 1:
		if n < 2 {
			invalid(at, n)
			return
		}
		if !need(at, 2) {
			return
		}
		b.printf(", receipt number %d", binary.LittleEndian.Uint16(p[at:]))
		at, n = at+2, n-2
		b.printf(", data (%d octets)", n)
	case 2:
		if n < 6 {
			invalid(at, n)
			return
		}
		if !need(at, 6) {
			return
		}
		b.printf(", forwarding address %s", macString(p[at:at+6]))
		at, n = at+6, n-6
		b.printf(", data (%d octets)", n)
	}
	need(at, n)
}
