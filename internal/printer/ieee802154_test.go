package printer

import (
	"encoding/binary"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
)

// TestIEEE802154VsTcpdump prints generated IEEE 802.15.4 frames (with
// FCS, without, and behind the TAP pseudo-header) and compares each line
// with tcpdump's.
func TestIEEE802154VsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range wpanCases() {
		t.Run(c.name, func(t *testing.T) {
			same, total := compareLink(t, tcpdump, c.name, c.lt, c.frames)
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}

// wpanFC builds a frame control field: frame type, flag bits (security 3,
// pending 4, AR 5, PAN ID compression 6, seq suppression 8, IE 9), the
// destination and source addressing modes and the frame version.
func wpanFC(typ, flags, dst, src, version int) []byte {
	return le16(uint16(typ | flags | dst<<10 | version<<12 | src<<14))
}

var (
	wpanExtA = []byte{1, 2, 3, 4, 5, 6, 7, 8}
	wpanExtB = []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}
)

// wpanFrames are frames without FCS covering frame types, addressing modes,
// PAN ID compression (versions 0-2), security headers, IEs, beacons,
// commands, multipurpose frames and malformed ones.
func wpanFrames() [][]byte {
	pan := le16(0xabcd)
	payload := []byte("hello 802.15.4")
	const comp, sec, ie, noSeq = 1 << 6, 1 << 3, 1 << 9, 1 << 8
	var fs [][]byte
	add := func(parts ...[]byte) { fs = append(fs, cat(parts...)) }
	// Data frames, every addressing combination in versions 0, 1 and 2.
	for version := 0; version <= 2; version++ {
		for _, dst := range []int{0, 2, 3} {
			for _, src := range []int{0, 2, 3} {
				for _, flags := range []int{0, comp} {
					h := cat(wpanFC(1, flags|1<<5, dst, src, version), []byte{byte(dst*4 + src)})
					addr := func(mode int, a []byte) []byte {
						switch mode {
						case 2:
							return a[:2]
						case 3:
							return a
						}
						return nil
					}
					// Lay out what tcpdump's PAN ID rules expect: a destination
					// PAN when there is one, a source PAN unless compressed.
					h = cat(h, pan, addr(dst, wpanExtA), le16(0x1234), addr(src, wpanExtB))
					add(h, payload)
				}
			}
		}
	}
	// ACK, and a frame with sequence number suppression (v2 and, wrongly, v0).
	add(wpanFC(2, 0, 0, 0, 0), []byte{0x42})
	add(wpanFC(1, noSeq|comp, 2, 2, 2), pan, []byte{1, 0, 2, 0}, payload)
	add(wpanFC(1, noSeq, 2, 2, 0), pan, []byte{1, 0}, pan, []byte{2, 0}, payload)
	// Reserved addressing modes; reserved, fragment and extended types.
	add(wpanFC(1, 0, 1, 2, 0), []byte{1}, pan, []byte{1, 0})
	add(wpanFC(1, 0, 2, 1, 0), []byte{1}, pan, []byte{1, 0})
	add(wpanFC(4, 0, 2, 2, 0), []byte{1, 2, 3})
	add(wpanFC(6, 0, 2, 2, 0), []byte{1, 2, 3})
	add(wpanFC(7, 0, 2, 2, 0), []byte{1, 2, 3})
	// Security: levels and key identifier modes, with a MIC.
	for i, sc := range []byte{0x05, 0x0d, 0x16, 0x1f, 0x21, 0x03, 0x04} {
		aux := []byte{sc}
		if sc&0x20 == 0 {
			aux = append(aux, 0x10, 0x20, 0x30, byte(i))
		}
		switch (sc >> 3) & 3 {
		case 2:
			aux = append(aux, 0x34, 0x12, 0x78, 0x56)
		case 3:
			aux = append(aux, wpanExtB...)
		}
		if (sc>>3)&3 != 0 {
			aux = append(aux, 7)
		}
		add(wpanFC(1, sec|comp, 2, 2, 1), []byte{byte(i)}, pan, []byte{1, 0, 2, 0}, aux, payload, make([]byte, 16))
	}
	// Header IEs (a terminator with payload IEs after it) in version 2.
	hie := func(id, n int) []byte { return le16(uint16(id<<7 | n)) }
	pie := func(group, n int) []byte { return le16(uint16(1<<15 | group<<11 | n)) }
	add(wpanFC(1, ie|comp, 2, 2, 2), []byte{9}, pan, []byte{1, 0, 2, 0},
		hie(0x1a, 4), []byte{1, 0, 2, 0}, hie(0x1e, 2), []byte{3, 0}, hie(0x30, 0), hie(0x7e, 0),
		pie(1, 4), []byte{0x06, 0x1a, 0, 0}, pie(5, 2), []byte{1, 2}, pie(0xf, 0), payload)
	add(wpanFC(1, ie|comp, 2, 2, 2), []byte{9}, pan, []byte{1, 0, 2, 0}, hie(0x00, 3), []byte{1, 2, 3}, hie(0x7f, 0), payload)
	add(wpanFC(1, ie|comp, 2, 2, 2), []byte{9}, pan, []byte{1, 0, 2, 0}, le16(1<<15|5), []byte{1, 2, 3, 4, 5})
	add(wpanFC(1, ie|comp, 2, 2, 2), []byte{9}, pan, []byte{1, 0, 2, 0}, hie(0x7e, 0), le16(5), []byte{1})
	add(wpanFC(1, ie|comp|sec, 2, 2, 2), []byte{9}, pan, []byte{1, 0, 2, 0}, []byte{0x25}, hie(0x7e, 0), pie(1, 2), []byte{1, 2})
	// Beacons: plain, with GTS descriptors and pending addresses, version 2.
	add(wpanFC(0, 0, 0, 2, 0), []byte{1}, pan, []byte{0, 0}, le16(0xdfff), []byte{0, 0}, payload)
	add(wpanFC(0, 0, 0, 3, 0), []byte{2}, pan, wpanExtA, le16(0x4f12), []byte{0x82, 0x01, 0x34, 0x12, 0x21, 0x78, 0x56, 0x43},
		[]byte{0x12, 0x01, 0x00, 0x02, 0x00}, wpanExtB, payload)
	add(wpanFC(0, 0, 0, 2, 0), []byte{3}, pan, []byte{0, 0}, le16(0x0f), []byte{0x03, 0x00})
	add(wpanFC(0, 0, 0, 2, 0), []byte{3}, pan, []byte{0, 0}, le16(0x0f), []byte{0x00, 0x03, 1, 0})
	add(wpanFC(0, 0, 0, 2, 0), []byte{3}, pan, []byte{0, 0}, le16(0x0f))
	add(wpanFC(0, 0, 0, 2, 2), []byte{4}, pan, []byte{0, 0}, payload)
	// MAC commands.
	cmd := func(id byte, data ...byte) {
		add(wpanFC(3, comp, 2, 2, 1), []byte{id}, pan, []byte{1, 0, 2, 0}, []byte{id}, data)
	}
	cmd(0x01, 0xde)
	cmd(0x01, 0x00)
	cmd(0x01)
	cmd(0x01, 1, 2)
	cmd(0x02, 0x34, 0x12, 0x00)
	cmd(0x02, 0x34, 0x12, 0x03)
	cmd(0x02, 0x34, 0x12, 0x80)
	cmd(0x02, 0x34, 0x12, 0x44)
	cmd(0x02, 1)
	cmd(0x03, 1)
	cmd(0x03, 2)
	cmd(0x03, 0)
	cmd(0x04)
	cmd(0x07, 5, 6)
	cmd(0x08, 0xcd, 0xab, 0x00, 0x00, 11, 0x34, 0x12)
	cmd(0x08, 0xcd, 0xab, 0x00, 0x00, 11, 0x34, 0x12, 0x02)
	cmd(0x08, 0xcd, 0xab, 0x00, 0x00, 11, 0x34, 0x12, 0x81)
	cmd(0x08, 1)
	cmd(0x09, 0x33)
	cmd(0x09, 0x0f, 1)
	cmd(0x13, 1, 2, 3)
	cmd(0x0c, 4)
	cmd(0x31, 1)
	add(wpanFC(3, comp, 2, 2, 1), []byte{0}, pan, []byte{1, 0, 2, 0})
	// Multipurpose frames: short and long frame control.
	mp := func(flags, dst, src, version int) []byte {
		return le16(uint16(5 | flags | dst<<4 | src<<6 | version<<12))
	}
	add(mp(0, 2, 3, 0), []byte{7}, []byte{1, 0}, wpanExtB, payload)
	add(mp(1<<3|1<<8, 2, 2, 1), []byte{8}, pan, []byte{1, 0}, []byte{2, 0}, payload)
	add(mp(1<<3|1<<10, 3, 0, 1), pan, wpanExtA, payload)
	add(mp(1<<3|1<<9, 2, 2, 1), []byte{9}, []byte{1, 0}, []byte{2, 0}, []byte{0x05, 1, 0, 0, 0}, payload, make([]byte, 4))
	add(mp(1<<3|1<<15, 2, 2, 1), []byte{9}, []byte{1, 0}, []byte{2, 0}, hie(0x7f, 0), payload)
	add(mp(0, 1, 2, 0), []byte{7})
	// Cut short.
	add([]byte{0x41})
	add(wpanFC(1, comp, 2, 2, 1))
	add(wpanFC(1, comp, 3, 3, 1), []byte{1}, pan, wpanExtA[:4])
	add(wpanFC(1, 0, 2, 2, 1), []byte{1}, pan, []byte{1, 0}, pan[:1])
	return fs
}

// withFCS appends the 2-byte FCS to every other frame, the 4-byte one to
// every third, and leaves the rest without.
func withFCS(ds [][]byte) [][]byte {
	var out [][]byte
	for i, d := range ds {
		switch i % 3 {
		case 0:
			out = append(out, cat(d, le16(wpanCRC16(d))))
		case 1:
			out = append(out, cat(d, binary.LittleEndian.AppendUint32(nil, wpanCRC32(d))))
		default:
			out = append(out, d)
		}
	}
	return out
}

func wpanCases() []linkCase {
	plain := wpanFrames()
	var tap [][]byte
	for i, d := range withFCS(plain) {
		switch i % 5 {
		case 0:
			tap = append(tap, cat([]byte{0, 0, 12, 0, 1, 0, 4, 0}, le16(2), le16(0), d))
		case 1:
			tap = append(tap, cat([]byte{0, 0, 4, 0}, d))
		default:
			tap = append(tap, cat([]byte{0, 0, 8, 0, 3, 0, 1, 0}, d))
		}
	}
	tap = append(tap, []byte{0, 0, 4}, []byte{1, 0, 4, 0, 1, 2}, []byte{0, 0, 2, 0, 1, 2}, []byte{0, 0, 40, 0, 1, 2})
	return []linkCase{
		{"ieee802_15_4", 195, rawFrames(withFCS(plain)...)},
		{"ieee802_15_4_nofcs", 230, rawFrames(plain...)},
		{"ieee802_15_4_tap", 283, rawFrames(tap...)},
	}
}
