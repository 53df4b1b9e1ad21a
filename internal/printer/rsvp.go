package printer

import "encoding/binary"

// RSVP (RFC 2205, IP protocol 46) as tcpdump's rsvp_print: the message
// type line; with -v the common header line (the objects that follow in
// tcpdump's -v output are not decoded yet).

var rsvpTypes = map[byte]string{1: "Path", 2: "Resv", 3: "PathErr", 4: "ResvErr", 5: "PathTear", 6: "ResvTear",
	7: "ResvConf", 12: "Bundle", 13: "Acknowledgement", 14: "Hello (Old)", 15: "Refresh", 20: "Hello"}

func (d *dissector) rsvp(data []byte, length int) {
	b := d.b
	if len(data) < 8 {
		b.trunc("rsvp")
		return
	}
	ver := data[0] >> 4
	if ver != 1 {
		b.printf("ERROR: RSVP version %d packet not supported", ver)
		return
	}
	typ := data[1]
	if d.p.opts.Verbose < 1 {
		b.printf("RSVPv%d %s Message, length: %d", ver, nameOr(rsvpTypes, typ, "unknown ("+itoa(int(typ))+")"), length)
		return
	}
	flags := "none"
	if data[0]&1 != 0 {
		flags = "Refresh reduction capable"
	}
	tlen := int(binary.BigEndian.Uint16(data[6:]))
	b.printf("\n\tRSVPv%d %s Message (%d), Flags: [%s], length: %d, ttl: %d, checksum: 0x%04x", ver,
		nameOr(rsvpTypes, typ, "unknown, type: "+itoa(int(typ))), typ, flags, tlen, data[4], binary.BigEndian.Uint16(data[2:]))
	if tlen < 8 {
		b.printf("ERROR: common header too short %d < 8", tlen)
	}
}
