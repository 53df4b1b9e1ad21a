package printer

import (
	"encoding/binary"
	"fmt"
)

// IEEE 802.15.4 (DLT_IEEE802_15_4, _NOFCS and _TAP), as tcpdump's
// print-802_15_4.c prints it: the frame type, sequence number, addresses
// with their PAN IDs, the auxiliary security header, the header and
// payload information element lists, MAC command and beacon fields, then
// the payload in hex. The FCS is recognised (4 or 2 bytes) by its CRC.
// Not decoded: the contents of individual IEs that tcpdump shows only
// with -vvvv (gocap shows their bytes as with -vvv).

var wpanFrameTypes = [8]string{"Beacon", "Data", "ACK", "Command", "Reserved", "Multipurpose", "Fragment", "Extended"}

var wpanCommands = map[uint8]string{
	0x01: "Association Request command", 0x02: "Association Response command",
	0x03: "Disassociation Notification command", 0x04: "Data Request command",
	0x05: "PAN ID Conflict Notification command", 0x06: "Orphan Notification command",
	0x07: "Beacon Request command", 0x08: "Coordinator realignment command", 0x09: "GTS request command",
	0x0a: "TRLE Management Request command", 0x0b: "TRLE Management Response command",
	0x13: "DSME Association Request command", 0x14: "DSME Association Response command",
	0x15: "DSME GTS Request command", 0x16: "DSME GTS Response command", 0x17: "DSME GTS Notify command",
	0x18: "DSME Information Request command", 0x19: "DSME Information Response command",
	0x1a: "DSME Beacon Allocation Notification command", 0x1b: "DSME Beacon Collision Notification command",
	0x1c: "DSME Link Report command", 0x20: "RIT Data Request command", 0x21: "DBS Request command",
	0x22: "DBS Response command", 0x23: "RIT Data Response command", 0x24: "Vendor Specific command",
}

var wpanHeaderIEs = map[int]string{
	0x00: "Vendor Specific Header IE", 0x1a: "LE CSL IE", 0x1b: "LE RIT IE", 0x1c: "DSME PAN descriptor IE",
	0x1d: "Rendezvous Time IE", 0x1e: "Time Correction IE", 0x21: "Extended DSME PAN descriptor IE",
	0x22: "Fragment Sequence Context Description IE", 0x23: "Simplified Superframe Specification IE",
	0x24: "Simplified GTS Specification IE", 0x25: "LECIM Capabilities IE", 0x26: "TRLE Descriptor IE",
	0x27: "RCC Capabilities IE", 0x28: "RCCN Descriptor IE", 0x29: "Global Time IE", 0x2a: "Omnibus Header IE",
	0x2b: "DA IE", 0x7e: "Header Termination 1 IE", 0x7f: "Header Termination 2 IE",
}

var wpanPayloadIEs = map[int]string{
	0: "ESDU IE", 1: "MLME IE", 2: "Vendor Specific Nested IE", 3: "Multiplexed IE (802.15.9)",
	4: "Omnibus Payload Group IE", 5: "IETF IE", 0xf: "List termination",
}

// wpan walks one 802.15.4 frame. caplen follows tcpdump's unsigned
// arithmetic: it may drop below zero (a huge value in C), after which the
// next read runs off the captured data.
type wpan struct {
	d      *dissector
	p      []byte // from the current position to the end of the capture
	caplen int
}

func (w *wpan) has(n int) bool { return w.caplen < 0 || w.caplen >= n }

// get returns n bytes at off, or false (and tcpdump's longjmp) when the
// capture ends first.
func (w *wpan) get(off, n int) ([]byte, bool) {
	if off < 0 || off+n > len(w.p) {
		w.d.truncJmp("802.15.4")
		return nil, false
	}
	return w.p[off : off+n], true
}

func (w *wpan) u8(off int) (int, bool) {
	v, ok := w.get(off, 1)
	if !ok {
		return 0, false
	}
	return int(v[0]), true
}

func (w *wpan) le16(off int) (int, bool) {
	v, ok := w.get(off, 2)
	if !ok {
		return 0, false
	}
	return int(binary.LittleEndian.Uint16(v)), true
}

func (w *wpan) skip(n int) {
	w.p = w.p[min(n, len(w.p)):]
	w.caplen -= n
}

// addr prints a short (2) or extended (8, shown most significant byte
// first) address, or "none".
func (w *wpan) addr(off, n int) bool {
	switch n {
	case 0:
		w.d.b.str("none")
	case 2:
		v, ok := w.le16(off)
		if !ok {
			return false
		}
		w.d.b.printf("%04x", v)
	case 8:
		v, ok := w.get(off, 8)
		if !ok {
			return false
		}
		w.d.b.str(le64Addr(v))
	}
	return true
}

func le64Addr(v []byte) string {
	s := make([]byte, 0, 23)
	for i := len(v) - 1; i >= 0; i-- {
		s = append(s, hexDigit(v[i]>>4), hexDigit(v[i]&15))
		if i > 0 {
			s = append(s, ':')
		}
	}
	return string(s)
}

// ieee802154 is tcpdump's ieee802_15_4_if_print.
func (d *dissector) ieee802154(data []byte) int {
	return d.wpanFrame(data)
}

// ieee802154TAP is tcpdump's ieee802_15_4_tap_if_print: a TLV
// pseudo-header whose length is in its bytes 2-3, then the frame.
func (d *dissector) ieee802154TAP(data []byte) int {
	if len(data) < 4 {
		d.b.trunc("802.15.4_tap")
		return len(data)
	}
	n := int(binary.LittleEndian.Uint16(data[2:]))
	if data[0] != 0 || n < 4 {
		d.b.str(" (invalid)")
		return 0
	}
	if len(data) < n {
		d.b.trunc("802.15.4_tap")
		return len(data)
	}
	r := d.wpanFrame(data[n:])
	if d.early {
		// tcpdump has counted the pseudo-header already: its dumps
		// start after it even when the frame was cut short.
		d.early = false
		return n
	}
	return r + n
}

// wpanFrame is tcpdump's ieee802_15_4_print; it returns what tcpdump
// counts as the link-layer header: 1 for a frame printed in full.
func (d *dissector) wpanFrame(p []byte) int {
	if len(p) < 2 {
		d.b.trunc("802.15.4")
		return len(p)
	}
	fc := int(binary.LittleEndian.Uint16(p))
	ft := fc & 7
	d.b.printf("IEEE 802.15.4 %s packet ", wpanFrameTypes[ft])
	w := &wpan{d: d, p: p, caplen: len(p)}
	switch ft {
	case 0, 1, 2, 3:
		return w.std(fc)
	case 5:
		return w.multipurpose(fc)
	}
	return 0
}

func bit(v, n int) bool { return (v>>n)&1 != 0 }

// fcs strips a 4- or 2-byte FCS whose CRC matches; minLen is the length
// below which tcpdump does not look (std frames test the 4-byte FCS from
// 4 bytes, multipurpose ones from 5).
func (w *wpan) fcs(multipurpose bool) (fcs, crc uint32) {
	n := len(w.p)
	if n < 3 || (!multipurpose && n < 4) {
		return 0, 0
	}
	if !multipurpose || n > 4 {
		fcs = binary.LittleEndian.Uint32(w.p[n-4:])
		crc = wpanCRC32(w.p[:n-4])
		if crc == fcs {
			w.caplen -= 4
			return
		}
	}
	fcs = uint32(binary.LittleEndian.Uint16(w.p[n-2:]))
	crc = uint32(wpanCRC16(w.p[:n-2]))
	if crc == fcs {
		w.caplen -= 2
	}
	return
}

func wpanAddrLen(mode int) int {
	return [4]int{0, -1, 2, 8}[mode&3]
}

// std is tcpdump's ieee802_15_4_std_frames (beacon, data, ACK, command).
func (w *wpan) std(fc int) int {
	d := w.d
	b := d.b
	v := d.p.opts.Verbose
	fcs, crc := w.fcs(false)
	version, ft := (fc>>12)&3, fc&7
	b.printf("v%d ", version)
	if v > 2 {
		for _, f := range []struct {
			bit  int
			name string
		}{{3, "Security Enabled, "}, {4, "Frame Pending, "}, {5, "AR, "}, {6, "PAN ID Compression, "},
			{8, "Sequence Number Suppression, "}, {9, "IE present, "}} {
			if bit(fc, f.bit) {
				b.str(f.name)
			}
		}
	}
	if bit(fc, 8) {
		if version < 2 {
			b.str("[ERROR: Sequence number suppressed on frames where version < 2]")
		}
		if v > 0 {
			b.str("seq suppressed ")
		}
		w.skip(2)
	} else {
		seq, ok := w.u8(2)
		if !ok {
			return 0
		}
		w.skip(3)
		if v > 0 {
			b.printf("seq %02x ", seq)
		}
	}
	dstLen, srcLen := wpanAddrLen(fc>>10), wpanAddrLen(fc>>14)
	if srcLen < 0 {
		b.str("[ERROR: Invalid src address mode]")
		return 0
	}
	if dstLen < 0 {
		b.str("[ERROR: Invalid dst address mode]")
		return 0
	}
	comp := bit(fc, 6)
	dstPAN, srcPAN := true, !comp
	if version < 2 && comp && (dstLen <= 0 || srcLen <= 0) {
		b.str("[ERROR: PAN ID Compression != 0, and only one address with frame version < 2]")
	}
	if dstLen <= 0 {
		dstPAN = false
	}
	if srcLen <= 0 {
		srcPAN = false
	}
	if version >= 2 {
		switch {
		case comp && srcLen == 0 && dstLen == 0:
			dstPAN = true
		case comp && (srcLen == 0) != (dstLen == 0):
			dstPAN, srcPAN = false, false
		case comp && srcLen == 8 && dstLen == 8:
			dstPAN, srcPAN = false, false
		case !comp && srcLen == 8 && dstLen == 8:
			dstPAN, srcPAN = true, false
		}
		if !comp && srcLen == 8 && dstLen == 2 {
			srcPAN = false // tcpdump's allowance for broken 6TiSCH stacks
		}
	}
	if !w.panAddr(dstPAN, dstLen, "[ERROR: Truncated before dst_pan]") {
		return 0
	}
	b.str(" < ")
	if !w.panAddr(srcPAN, srcLen, "[ERROR: Truncated before dst_pan]") {
		return 0
	}
	b.str(" ")
	level := 0
	if bit(fc, 3) {
		n, ok := w.auxSecurity(&level)
		if !ok {
			return 0
		}
		w.skip(n)
	}
	mic, ok := w.mic(level)
	if !ok {
		return 0
	}
	payloadIEs := false
	if bit(fc, 9) {
		n, ok := w.headerIEs(&payloadIEs)
		if !ok {
			return 0
		}
		w.skip(n)
	}
	if payloadIEs && !w.payloadIEs(level) {
		return 0
	}
	if !w.trailer(mic, fcs, crc) {
		return 0
	}
	switch ft {
	case 0:
		if version < 2 && !w.beacon() {
			if d.early {
				return 0
			}
			return 1 // tcpdump leaves the payload unprinted
		}
	case 3:
		if !w.has(1) {
			b.str("[ERROR: Truncated before Command ID]")
			break
		}
		id, ok := w.u8(0)
		if !ok {
			return 0
		}
		if id >= 0x30 {
			b.printf("Command ID = Reserved 0x%02x ", id)
		} else {
			b.printf("Command ID = %s ", nameOr(wpanCommands, uint8(id), fmt.Sprintf("Reserved 0x%02x", id)))
		}
		w.skip(1)
		if w.caplen != 0 {
			n, ok := w.command(uint8(id))
			if d.early {
				return 0
			}
			if ok {
				w.skip(n)
			}
		}
	}
	w.defaultPrint()
	if d.early {
		return 0
	}
	return 1
}

// panAddr prints a PAN ID (or "-") and an address.
func (w *wpan) panAddr(pan bool, n int, panErr string) bool {
	b := w.d.b
	if pan {
		if !w.has(2) {
			b.str(panErr)
			return false
		}
		v, ok := w.le16(0)
		if !ok {
			return false
		}
		b.printf("%04x:", v)
		w.skip(2)
	} else {
		b.str("-:")
	}
	if !w.has(n) {
		b.str("[ERROR: Truncated before dst_addr]")
		return false
	}
	if !w.addr(0, n) {
		return false
	}
	w.skip(n)
	return true
}

// mic takes the message integrity code of the security level off the end.
func (w *wpan) mic(level int) ([]byte, bool) {
	n := [8]int{0, 4, 8, 16, 0, 4, 8, 16}[level&7]
	if n == 0 {
		return nil, true
	}
	if !w.has(n) {
		w.d.b.str("[ERROR: Truncated before MIC]")
		return nil, false
	}
	w.caplen -= n
	if w.caplen < 0 || w.caplen+n > len(w.p) {
		return nil, true
	}
	return w.p[w.caplen : w.caplen+n], true
}

// trailer prints the MIC and FCS (-vvv).
func (w *wpan) trailer(mic []byte, fcs, crc uint32) bool {
	b := w.d.b
	if w.d.p.opts.Verbose <= 2 {
		return true
	}
	if len(mic) > 0 {
		b.str("\n\tMIC ")
		for _, c := range mic {
			b.str(hex2(c))
		}
		b.str(" ")
	}
	if crc == fcs {
		b.printf("FCS %x ", fcs)
	} else {
		b.printf("wrong FCS %x vs %x (assume no FCS stored) ", fcs, crc)
	}
	return true
}

// defaultPrint is ND_DEFAULTPRINT on what is left.
func (w *wpan) defaultPrint() {
	if w.d.early || w.d.p.suppressDefault() {
		return
	}
	if w.caplen < 0 || w.caplen > len(w.p) {
		hexASCII(w.d.b, "\n\t", w.p, 0)
		w.d.truncJmp("802.15.4")
		return
	}
	hexASCII(w.d.b, "\n\t", w.p[:w.caplen], 0)
}

// auxSecurity is tcpdump's ieee802_15_4_print_aux_sec_header.
func (w *wpan) auxSecurity(level *int) (int, bool) {
	b, v := w.d.b, w.d.p.opts.Verbose
	if !w.has(1) {
		b.str("[ERROR: Truncated before Aux Security Header]")
		return 0, false
	}
	sc, ok := w.u8(0)
	if !ok {
		return 0, false
	}
	*level = sc & 7
	mode := (sc >> 3) & 3
	off, caplen := 1, w.caplen-1
	has := func(n int) bool { return caplen < 0 || caplen >= n }
	if v > 0 {
		b.printf("\n\tSecurity Level %d, Key Id Mode %d, ", *level, mode)
	}
	if !bit(sc, 5) {
		if !has(4) {
			b.str("[ERROR: Truncated before Frame Counter]")
			return 0, false
		}
		if v > 1 {
			c, ok := w.get(off, 4)
			if !ok {
				return 0, false
			}
			b.printf("Frame Counter 0x%08x ", binary.LittleEndian.Uint32(c))
		}
		off, caplen = off+4, caplen-4
	}
	switch mode {
	case 0:
		if v > 1 {
			b.str("Implicit")
		}
		return off, true
	case 2:
		if !has(4) {
			b.str("[ERROR: Truncated before Key Source]")
			return 0, false
		}
		if v > 1 {
			x, ok1 := w.le16(off)
			y, ok2 := w.le16(off + 2)
			if !ok1 || !ok2 {
				return 0, false
			}
			// tcpdump's format is "0x%04x:%0x4x".
			b.printf("KeySource 0x%04x:%x4x, ", x, y)
		}
		off, caplen = off+4, caplen-4
	case 3:
		if !has(8) {
			b.str("[ERROR: Truncated before Key Source]")
			return 0, false
		}
		if v > 1 {
			k, ok := w.get(off, 8)
			if !ok {
				return 0, false
			}
			b.printf("KeySource %s, ", le64Addr(k))
		}
		// tcpdump steps over 4 bytes of the 8-byte source.
		off, caplen = off+4, caplen-4
	}
	if !has(1) {
		b.str("[ERROR: Truncated before Key Index]")
		return 0, false
	}
	if v > 1 {
		k, ok := w.u8(off)
		if !ok {
			return 0, false
		}
		b.printf("KeyIndex 0x%02x, ", k)
	}
	return off + 1, true
}

// ieData prints an IE's bytes as "IE Data = xx xx ".
func (w *wpan) ieData(off, n int) bool {
	if n == 0 {
		return true
	}
	v, ok := w.get(off, n)
	if !ok {
		return false
	}
	w.d.b.str("IE Data = ")
	for _, c := range v {
		w.d.b.printf("%02x ", c)
	}
	return true
}

// headerIEs is tcpdump's ieee802_15_4_print_header_ie_list.
func (w *wpan) headerIEs(payload *bool) (int, bool) {
	b := w.d.b
	n, off, caplen := 0, 0, w.caplen
	for {
		if caplen >= 0 && caplen < 2 {
			b.str("[ERROR: Truncated header IE]")
			return 0, false
		}
		ie, ok := w.le16(off)
		if !ok {
			return 0, false
		}
		if bit(ie, 15) {
			b.str("[ERROR: Header IE with type 1] ")
		}
		ieLen, id := ie&0x7f, (ie>>7)&0xff
		name := nameOrf(wpanHeaderIEs, id, "Reserved 0x%02x")
		if id > 127 {
			b.printf("Reserved Element ID %02x, length = %d ", id, ieLen)
		} else if ieLen == 0 {
			b.printf("\n\t%s [", name)
		} else {
			b.printf("\n\t%s [ length = %d, ", name, ieLen)
		}
		if caplen >= 0 && caplen < ieLen {
			b.str("[ERROR: Truncated IE data]")
			return 0, false
		}
		off += 2
		if !w.ieData(off, ieLen) {
			return 0, false
		}
		b.str("] ")
		n += 2 + ieLen
		off += ieLen
		caplen -= 2 + ieLen
		if id == 0x7e {
			*payload = true
			break
		}
		if id == 0x7f || caplen == 0 {
			break
		}
	}
	return n, true
}

// payloadIEs is tcpdump's ieee802_15_4_print_payload_ie_list (or its
// refusal for encrypted ones).
func (w *wpan) payloadIEs(level int) bool {
	b := w.d.b
	if level >= 4 {
		b.str("Payload IEs present, but encrypted, cannot print ")
		return true
	}
	n, off, caplen := 0, 0, w.caplen
	for {
		if caplen >= 0 && caplen < 2 {
			b.str("[ERROR: Truncated header IE]")
			return false
		}
		ie, ok := w.le16(off)
		if !ok {
			return false
		}
		if !bit(ie, 15) {
			b.str("[ERROR: Payload IE with type 0] ")
		}
		ieLen, group := ie&0x3ff, (ie>>11)&0xf
		off += 2
		name := nameOrf(wpanPayloadIEs, group, "Reserved 0x%02x")
		if ieLen == 0 {
			b.printf("\n\t%s [", name)
		} else {
			b.printf("\n\t%s [ length = %d, ", name, ieLen)
		}
		if caplen >= 0 && caplen < ieLen {
			b.str("[ERROR: Truncated IE data]")
			return false
		}
		if !w.ieData(off, ieLen) {
			return false
		}
		b.str("]\n\t")
		n += 2 + ieLen
		off += ieLen
		caplen -= 2 + ieLen
		if group == 0xf || caplen == 0 {
			break
		}
	}
	w.skip(n)
	return true
}

// beacon prints a (pre-2015) beacon's superframe specification, GTS and
// pending addresses.
func (w *wpan) beacon() bool {
	b, v := w.d.b, w.d.p.opts.Verbose
	if !w.has(2) {
		b.str("[ERROR: Truncated before beacon information]")
		return false
	}
	ss, ok := w.le16(0)
	if !ok {
		return false
	}
	w.superframe(ss)
	w.skip(2)
	if !w.has(1) {
		b.str("[ERROR: Truncated before GTS info]")
		return false
	}
	spec, ok := w.u8(0)
	if !ok {
		return false
	}
	if cnt := spec & 7; cnt == 0 {
		if v > 0 {
			b.printf("\n\tGTS Descriptor Count = %d, ", cnt)
		}
		w.skip(1)
	} else {
		n := 2 + cnt*3
		if !w.has(n) {
			b.str(" [ERROR: Truncated GTS Info List]")
			return false
		}
		if v >= 2 {
			mask, ok := w.u8(1)
			if !ok {
				return false
			}
			b.printf("GTS Descriptor Count = %d, GTS Directions Mask = %02x, [ ", cnt, mask&0x7f)
			for i := 0; i < cnt; i++ {
				b.str("[ ")
				if !w.addr(2+i*3, 2) {
					return false
				}
				s, ok := w.u8(2 + i*3 + 1)
				if !ok {
					return false
				}
				b.printf(", Start slot = %d, Length = %d ] ", s&0xf, s>>4&0xf)
			}
			b.str("]")
		}
		w.skip(n)
	}
	if !w.has(1) {
		b.str("[ERROR: Truncated before pending addresses]")
		return false
	}
	pas, ok := w.u8(0)
	if !ok {
		return false
	}
	sCnt, eCnt := pas&7, (pas>>4)&7
	n := 1 + sCnt*2 + eCnt*8
	if v > 0 {
		b.printf("\n\tPending address list, # short addresses = %d, # extended addresses = %d", sCnt, eCnt)
	}
	if !w.has(n) {
		b.str(" [ERROR: Pending address list truncated]")
		return false
	}
	if v >= 2 {
		if sCnt != 0 {
			b.str(", Short address list = [ ")
			for i := 0; i < sCnt; i++ {
				if !w.addr(1+i*2, 2) {
					return false
				}
				b.str(" ")
			}
			b.str("]")
		}
		if eCnt != 0 {
			b.str(", Extended address list = [ ")
			for i := 0; i < eCnt; i++ {
				if !w.addr(1+sCnt*2+i*8, 8) {
					return false
				}
				b.str(" ")
			}
			b.str("]")
		}
	}
	w.skip(n)
	return true
}

// superframe prints a superframe specification (-v).
func (w *wpan) superframe(ss int) {
	b := w.d.b
	if w.d.p.opts.Verbose < 1 {
		return
	}
	b.printf("\n\tBeacon order = %d, Superframe order = %d, Final CAP Slot = %d", ss&0xf, (ss>>4)&0xf, (ss>>8)&0xf)
	if bit(ss, 12) {
		b.str(", BLE enabled")
	}
	if bit(ss, 14) {
		b.str(", PAN Coordinator")
	}
	if bit(ss, 15) {
		b.str(", Association Permit")
	}
}

// command is tcpdump's ieee802_15_4_print_command_data: the bytes it
// consumed, false when it found the command malformed.
func (w *wpan) command(id uint8) (int, bool) {
	b := w.d.b
	n := w.caplen
	switch id {
	case 0x01:
		if n != 1 {
			b.str("Invalid Association request command length")
			return 0, false
		}
		c, ok := w.u8(0)
		if !ok {
			return 0, false
		}
		if c&0x02 != 0 {
			b.str("FFD, ")
		} else {
			b.str("RFD, ")
		}
		for _, f := range []struct {
			bit  int
			name string
		}{{0x04, "AC powered, "}, {0x08, "Receiver on when idle, "}, {0x10, "Fast association, "},
			{0x40, "Security supported, "}, {0x80, "Allocate address, "}} {
			if c&f.bit != 0 {
				b.str(f.name)
			}
		}
		return n, true
	case 0x02:
		if n != 3 {
			b.str("Invalid Association response command length")
			return 0, false
		}
		b.str("Short address = ")
		if !w.addr(0, 2) {
			return 0, false
		}
		s, ok := w.u8(2)
		if !ok {
			return 0, false
		}
		switch s {
		case 0:
			b.str(", Association successful")
		case 1:
			b.str(", PAN at capacity")
		case 2:
			b.str(", PAN access denied")
		case 3:
			b.str(", Hooping sequence offset duplication")
		case 0x80:
			b.str(", Fast association successful")
		default:
			b.printf(", Status = 0x%02x", s)
		}
		return n, true
	case 0x03:
		if n != 1 {
			b.str("Invalid Disassociation Notification command length")
			return 0, false
		}
		r, ok := w.u8(0)
		if !ok {
			return 0, false
		}
		switch r {
		case 0:
			b.str("Reserved")
		case 1:
			b.str("Reason = The coordinator wishes the device to leave PAN")
		case 2:
			b.str("Reason = The device wishes to leave the PAN")
		default:
			// tcpdump reads the reason from the wrong byte.
			x, ok := w.u8(2)
			if !ok {
				return 0, false
			}
			b.printf("Reason = 0x%02x", x)
		}
		return n, true
	case 0x04, 0x05, 0x06, 0x07:
		return 0, true
	case 0x08:
		if n < 7 || n > 8 {
			b.str("Invalid Coordinator Realignment command length")
			return 0, false
		}
		pan, ok := w.le16(0)
		if !ok {
			return 0, false
		}
		b.printf("Pan ID = 0x%04x, Coordinator short address = ", pan)
		if !w.addr(2, 2) {
			return 0, false
		}
		ch, ok := w.u8(4)
		if !ok {
			return 0, false
		}
		page := 0x80
		if n == 8 {
			if page, ok = w.u8(7); !ok {
				return 0, false
			}
		}
		if bit(page, 7) {
			b.printf(", Channel Number = %d", ch|(page&0x7f)<<8)
		} else {
			b.printf(", Channel Number = %d, page = %d", ch, page)
		}
		b.str(", Short address = ")
		if !w.addr(5, 2) {
			return 0, false
		}
		return n, true
	case 0x09:
		if n != 1 {
			b.str("Invalid GTS Request command length")
			return 0, false
		}
		g, ok := w.u8(0)
		if !ok {
			return 0, false
		}
		dir, alloc := "Transmit-only GTS", "GTS deallocations"
		if bit(g, 4) {
			dir = "Receive-only GTS"
		}
		if bit(g, 5) {
			alloc = "GTS allocation"
		}
		b.printf("GTS Length = %d, %s, %s", g&0xf, dir, alloc)
		return n, true
	}
	b.str("Command Data = ")
	for i := 0; i < n; i++ {
		c, ok := w.u8(i)
		if !ok {
			return 0, false
		}
		b.printf("%02x ", c)
	}
	return 0, true
}

// multipurpose is tcpdump's ieee802_15_4_mp_frame.
func (w *wpan) multipurpose(fc int) int {
	d := w.d
	b := d.b
	v := d.p.opts.Verbose
	fcs, crc := w.fcs(true)
	panPresent, iePresent, secure := false, false, false
	if bit(fc, 3) {
		b.printf("v%d ", (fc>>12)&3)
		panPresent, iePresent, secure = bit(fc, 8), bit(fc, 15), bit(fc, 9)
		if v > 2 {
			for _, f := range []struct {
				on   bool
				name string
			}{{secure, "Security Enabled, "}, {bit(fc, 11), "Frame Pending, "}, {bit(fc, 14), "AR, "},
				{panPresent, "PAN ID Present, "}, {bit(fc, 10), "Sequence Number Suppression, "}, {iePresent, "IE present, "}} {
				if f.on {
					b.str(f.name)
				}
			}
		}
		if bit(fc, 10) {
			w.skip(2)
		} else {
			seq, ok := w.u8(2)
			if !ok {
				return 0
			}
			w.skip(3)
			if v > 0 {
				b.printf("seq %02x ", seq)
			}
		}
	} else {
		seq, ok := w.u8(1)
		if !ok {
			return 0
		}
		w.skip(2)
		if v > 0 {
			b.printf("seq %02x ", seq)
		}
	}
	dstLen, srcLen := wpanAddrLen(fc>>4), wpanAddrLen(fc>>6)
	if srcLen < 0 {
		b.str("[ERROR: Invalid src address mode]")
		return 0
	}
	if dstLen < 0 {
		b.str("[ERROR: Invalid dst address mode]")
		return 0
	}
	if !w.panAddr(panPresent, dstLen, "[ERROR: Truncated before dst_pan]") {
		return 0
	}
	b.str(" <  -:")
	if !w.has(srcLen) {
		b.str("[ERROR: Truncated before dst_addr]")
		return 0
	}
	if !w.addr(0, srcLen) {
		return 0
	}
	b.str(" ")
	w.skip(srcLen)
	level := 0
	if secure {
		n, ok := w.auxSecurity(&level)
		if !ok {
			return 0
		}
		w.skip(n)
	}
	mic, ok := w.mic(level)
	if !ok {
		return 0
	}
	payloadIEs := false
	if iePresent {
		n, ok := w.headerIEs(&payloadIEs)
		if !ok {
			return 0
		}
		w.skip(n)
	}
	if payloadIEs && !w.payloadIEs(level) {
		return 0
	}
	w.trailer(mic, fcs, crc)
	w.defaultPrint()
	if d.early {
		return 0
	}
	return 1
}

// wpanCRC16 is the 802.15.4 CRC-16: CCITT polynomial, initial value 0,
// bits reflected in and out.
func wpanCRC16(p []byte) uint16 {
	var crc uint16
	for _, c := range p {
		for i := 0; i < 8; i++ {
			if (crc^uint16(c>>i))&1 != 0 {
				crc = crc>>1 ^ 0x8408
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

// wpanCRC32 is the 802.15.4 CRC-32: the 802.3 polynomial, initial value
// 0, bits reflected in and out, no final inversion.
func wpanCRC32(p []byte) uint32 {
	var crc uint32
	for _, c := range p {
		for i := 0; i < 8; i++ {
			if (crc^uint32(c>>i))&1 != 0 {
				crc = crc>>1 ^ 0xedb88320
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}
