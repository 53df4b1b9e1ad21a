package printer

import (
	"encoding/binary"
)

// ATA over Ethernet (Ethernet type 0x88a2) as tcpdump's aoe_print:
// "AoE length N, Ver 1, Flags: [...]"; -v adds the header fields and
// those of the four commands (issue ATA command, query config, MAC mask
// list, reserve/release).

var aoeCommands = map[byte]string{0: "Issue ATA Command", 1: "Query Config Information", 2: "MAC Mask List", 3: "Reserve/Release"}

var aoeFlags = []bitName{{0x08, "Response"}, {0x04, "Error"}, {0x02, "MBZ-1"}, {0x01, "MBZ-0"}}

var aoeErrors = map[byte]string{1: "Unrecognized command code", 2: "Bad argument parameter", 3: "Device unavailable",
	4: "Config string present", 5: "Unsupported version", 6: "Target is reserved"}

var aoeAFlags = []bitName{{0x80, "MBZ-7"}, {0x40, "Ext48"}, {0x20, "MBZ-5"}, {0x10, "Device"}, {0x08, "MBZ-3"},
	{0x04, "MBZ-2"}, {0x02, "Async"}, {0x01, "Write"}}

var aoeCCmds = map[byte]string{0: "read config string", 1: "test config string", 2: "test config string prefix",
	3: "set config string", 4: "force set config string"}

var aoeMCmds = map[byte]string{0: "Read Mac Mask List", 1: "Edit Mac Mask List"}

var aoeMErrors = map[byte]string{1: "Unspecified Error", 2: "Bad DCmd directive", 3: "Mask list full"}

var aoeDCmds = map[byte]string{0: "No Directive", 1: "Add mac address to mask list", 2: "Delete mac address from mask list"}

var aoeRCmds = map[byte]string{0: "Read reserve list", 1: "Set reserve list", 2: "Force set reserve list"}

// aoeInvalid is tcpdump's nd_print_invalid followed by a check that the
// rest of the PDU (n bytes of p) was captured.
func (d *dissector) aoeInvalid(p []byte, n int) {
	d.b.str(" (invalid)")
	if len(p) < n {
		d.truncJmp("aoe")
	}
}

func (d *dissector) aoe(p []byte, length int) {
	b := d.b
	b.printf("AoE length %d", length)
	if length < 1 {
		d.aoeInvalid(p, length)
		return
	}
	if len(p) < 1 {
		d.truncJmp("aoe")
		return
	}
	ver := p[0] >> 4
	b.printf(", Ver %d", ver)
	if ver != 1 {
		return
	}
	if length < 10 {
		d.aoeInvalid(p, length)
		return
	}
	flags := p[0] & 0x0f
	b.printf(", Flags: [%s]", bits32(uint32(flags), aoeFlags, "none"))
	if d.p.opts.Verbose == 0 {
		return
	}
	// Every field is read where tcpdump reads it: a field past the
	// capture ends the packet there.
	short := func(n int) bool {
		if len(p) < n {
			d.truncJmp("aoe")
			return true
		}
		return false
	}
	if flags&0x04 != 0 {
		if short(2) {
			return
		}
		b.printf("\n\tError: %s", nameOrf(aoeErrors, p[1], "Invalid (%d)"))
	}
	if short(4) {
		return
	}
	b.printf("\n\tMajor: 0x%04x", binary.BigEndian.Uint16(p[2:]))
	if short(5) {
		return
	}
	b.printf(", Minor: 0x%02x", p[4])
	if short(6) {
		return
	}
	cmd := p[5]
	b.printf(", Command: %s", nameOrf(aoeCommands, cmd, "Unknown (0x%02x)"))
	if short(10) {
		return
	}
	b.printf(", Tag: 0x%08x", binary.BigEndian.Uint32(p[6:]))
	arg, n := p[10:], length-10
	switch cmd {
	case 0:
		d.aoeIssue(arg, n)
	case 1:
		d.aoeQuery(arg, n)
	case 2:
		d.aoeMAC(arg, n)
	case 3:
		d.aoeReserve(arg, n)
	}
}

// aoeFields prints p's bytes one by one as tcpdump's GET_U_1 reads do,
// each with its format, and reports whether all were captured.
func (d *dissector) aoeFields(p []byte, formats ...string) bool {
	for i, f := range formats {
		if i >= len(p) {
			d.truncJmp("aoe")
			return false
		}
		d.b.printf(f, p[i])
	}
	return true
}

func (d *dissector) aoeIssue(p []byte, n int) {
	b := d.b
	if n < 12 {
		d.aoeInvalid(p, n)
		return
	}
	if len(p) < 1 {
		d.truncJmp("aoe")
		return
	}
	b.printf("\n\tAFlags: [%s]", bits32(uint32(p[0]), aoeAFlags, "none"))
	if !d.aoeFields(p[1:], ", Err/Feature: %d", ", Sector Count: %d", ", Cmd/Status: %d", "\n\tlba0: %d", ", lba1: %d",
		", lba2: %d", ", lba3: %d", ", lba4: %d", ", lba5: %d") {
		return
	}
	if len(p) < 12 {
		d.truncJmp("aoe")
		return
	}
	if n > 12 {
		b.printf("\n\tData: %d bytes", n-12)
	}
}

func (d *dissector) aoeQuery(p []byte, n int) {
	b := d.b
	if n < 8 {
		d.aoeInvalid(p, n)
		return
	}
	if len(p) < 2 {
		d.truncJmp("aoe")
		return
	}
	b.printf("\n\tBuffer Count: %d", binary.BigEndian.Uint16(p))
	if len(p) < 4 {
		d.truncJmp("aoe")
		return
	}
	b.printf(", Firmware Version: %d", binary.BigEndian.Uint16(p[2:]))
	if !d.aoeFields(p[4:], ", Sector Count: %d") {
		return
	}
	if len(p) < 6 {
		d.truncJmp("aoe")
		return
	}
	// tcpdump's text for an unknown CCmd is the format itself.
	b.printf(", AoE: %d, CCmd: %s", p[5]>>4, nameOr(aoeCCmds, p[5]&0x0f, "Unknown (0x02x)"))
	if len(p) < 8 {
		d.truncJmp("aoe")
		return
	}
	cslen := int(binary.BigEndian.Uint16(p[6:]))
	p, n = p[8:], n-8
	if cslen > 1024 || cslen > n {
		d.aoeInvalid(p, n)
		return
	}
	if cslen > 0 {
		b.printf("\n\tConfig String (length %d): ", cslen)
		for i := 0; i < cslen; i++ {
			if i >= len(p) {
				d.truncJmp("aoe")
				return
			}
			fnPrintChar(b, p[i])
		}
	}
}

func (d *dissector) aoeMAC(p []byte, n int) {
	b := d.b
	if n < 4 {
		d.aoeInvalid(p, n)
		return
	}
	if len(p) < 2 {
		d.truncJmp("aoe")
		return
	}
	b.printf("\n\tMCmd: %s", nameOrf(aoeMCmds, p[1], "Unknown (0x%02x)"))
	if len(p) < 3 {
		d.truncJmp("aoe")
		return
	}
	b.printf(", MError: %s", nameOrf(aoeMErrors, p[2], "Unknown (0x%02x)"))
	if len(p) < 4 {
		d.truncJmp("aoe")
		return
	}
	count := int(p[3])
	b.printf(", Dir Count: %d", count)
	p, n = p[4:], n-4
	if count*8 > n {
		d.aoeInvalid(p, n)
		return
	}
	for i := 0; i < count; i++ {
		if len(p) < 2 {
			d.truncJmp("aoe")
			return
		}
		b.printf("\n\t DCmd: %s", nameOrf(aoeDCmds, p[1], "Unknown (0x%02x)"))
		if len(p) < 8 {
			d.truncJmp("aoe")
			return
		}
		b.printf(", Ethernet Address: %s", macString(p[2:8]))
		p = p[8:]
	}
}

func (d *dissector) aoeReserve(p []byte, n int) {
	b := d.b
	if n < 2 || (n-2)%6 != 0 {
		d.aoeInvalid(p, n)
		return
	}
	if len(p) < 1 {
		d.truncJmp("aoe")
		return
	}
	b.printf("\n\tRCmd: %s", nameOrf(aoeRCmds, p[0], "Unknown (0x%02x)"))
	if len(p) < 2 {
		d.truncJmp("aoe")
		return
	}
	nmacs := int(p[1])
	b.printf(", NMacs: %d", nmacs)
	p, n = p[2:], n-2
	if nmacs*6 != n {
		d.aoeInvalid(p, n)
		return
	}
	for i := 0; i < nmacs; i++ {
		if len(p) < 6 {
			d.truncJmp("aoe")
			return
		}
		b.printf("\n\tEthernet Address %d: %s", i, macString(p[:6]))
		p = p[6:]
	}
}
