package printer

import "encoding/binary"

// Linux usbmon captures (DLT_USB_LINUX, DLT_USB_LINUX_MMAPPED), as
// tcpdump's print-usb.c summarizes them.

// usbDirection is tcpdump's get_direction: 1 "from" the device, 2 "to".
func usbDirection(transfer, event uint8) int {
	switch transfer {
	case 0, 2, 3: // isochronous, control, bulk
		switch event {
		case 'S':
			return 2
		case 'C', 'E':
			return 1
		}
	case 1: // interrupt
		switch event {
		case 'S':
			return 1
		case 'C', 'E':
			return 2
		}
	}
	return -1
}

// usb prints the usbmon header (48 bytes, or 64 for the memory-mapped
// form): transfer and event types, direction, bus:device:endpoint.
func (d *dissector) usb(p []byte, hdrLen int) int {
	b := d.b
	if len(p) < hdrLen {
		d.truncJmp("usb_linux_" + itoa(hdrLen) + "_byte")
		return len(p)
	}
	b.str("USB")
	if d.p.opts.Quiet {
		return hdrLen
	}
	b.str(" ")
	transfer, event := p[9], p[8]
	switch transfer {
	case 0:
		b.str("ISOCHRONOUS")
	case 1:
		b.str("INTERRUPT")
	case 2:
		b.str("CONTROL")
	case 3:
		b.str("BULK")
	default:
		b.str(" ?")
	}
	switch event {
	case 'S':
		b.str(" SUBMIT")
	case 'C':
		b.str(" COMPLETE")
	case 'E':
		b.str(" ERROR")
	default:
		b.str(" ?")
	}
	switch usbDirection(transfer, event) {
	case 1:
		b.str(" from")
	case 2:
		b.str(" to")
	}
	// The bus number is in the capturing host's byte order, which tcpdump
	// reads in its own (little-endian here).
	b.printf(" %d:%d:%d", binary.LittleEndian.Uint16(p[12:]), p[11], p[10]&0x7f)
	return hdrLen
}
