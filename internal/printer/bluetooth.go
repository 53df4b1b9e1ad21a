package printer

import "encoding/binary"

// Bluetooth HCI H4 (DLT_BLUETOOTH_HCI_H4_WITH_PHDR): tcpdump's print-bt.c
// names it, shows the direction with -e and dumps the HCI packet.

func (d *dissector) bluetoothH4(p []byte, length int) int {
	b := d.b
	b.str("bluetooth")
	if len(p) < 4 {
		d.truncJmp("bluetooth")
		return len(p)
	}
	if d.p.opts.LinkHeader {
		dir := "out"
		if binary.BigEndian.Uint32(p)&1 != 0 {
			dir = "in"
		}
		b.printf(", hci length %d, direction %s", length-4, dir)
	}
	if !d.p.suppressDefault() {
		hexASCII(b, "\n\t", p[4:], 0)
	}
	return 4
}
