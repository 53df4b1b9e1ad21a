package printer

import (
	"encoding/binary"

	"github.com/gocap/gocap/internal/printer/testframes"
)

var (
	wlanA     = []byte{0x02, 0, 0, 0, 0, 0x0a}
	wlanB     = []byte{0x02, 0, 0, 0, 0, 0x0b}
	wlanAP    = []byte{0x02, 0, 0, 0, 0, 0x01}
	wlanBcast = []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
)

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// wlanHdr builds an 802.11 header: frame control (type, subtype, flags
// byte), duration and the addresses given.
func wlanHdr(typ, sub int, flags byte, addrs ...[]byte) []byte {
	h := []byte{byte(sub<<4 | typ<<2), flags, 0x3a, 0x01}
	for i, a := range addrs {
		h = append(h, a...)
		if i == 2 {
			h = append(h, 0x10, 0x32) // sequence control
		}
	}
	return h
}

func le16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }

func ie(id byte, v []byte) []byte { return append([]byte{id, byte(len(v))}, v...) }

// wlanBodies are management, control and odd data frames.
func wlanBodies() [][]byte {
	elems := cat(ie(0, []byte("gocap-net")), ie(1, []byte{0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24}), ie(3, []byte{6}),
		ie(5, []byte{0, 1, 0, 0}), ie(221, []byte{0, 0x50, 0xf2, 1}))
	fixedBeacon := cat(make([]byte, 8), le16(100), le16(0x0411))
	mgmt := func(sub int, flags byte, body []byte) []byte {
		return cat(wlanHdr(0, sub, flags, wlanBcast, wlanAP, wlanAP), body)
	}
	mgmtTo := func(sub int, body []byte) []byte { return cat(wlanHdr(0, sub, 0, wlanA, wlanAP, wlanAP), body) }
	beacon := mgmt(8, 0, cat(fixedBeacon, elems))
	snap := []byte{0xaa, 0xaa, 0x03, 0, 0, 0}
	return [][]byte{
		beacon,
		mgmt(8, 0, cat(make([]byte, 8), le16(100), le16(0x0002), ie(0, []byte("odd\x01\x9fname\x00x")))),
		beacon[:40], // elements cut short
		mgmt(4, 0, cat(ie(0, nil), ie(1, []byte{2, 4, 11, 22}))),
		mgmtTo(5, cat(fixedBeacon, elems)),
		mgmtTo(0, cat(le16(0x0411), le16(10), elems)),
		mgmtTo(1, cat(le16(0x0011), le16(0), le16(0xc001), elems)),
		mgmtTo(3, cat(le16(0x0001), le16(17), le16(0xc002))),
		mgmtTo(2, cat(le16(0x0411), le16(10), wlanB, elems)),
		mgmtTo(11, cat(le16(0), le16(1), le16(0))),
		mgmtTo(11, cat(le16(0), le16(2), le16(0))),
		mgmtTo(11, cat(le16(1), le16(2), le16(0), ie(16, make([]byte, 128)))),
		mgmtTo(11, cat(le16(1), le16(3), le16(15))),
		mgmtTo(11, cat(le16(7), le16(3), le16(200))),
		mgmtTo(12, le16(3)),
		mgmtTo(12, le16(99)),
		mgmtTo(10, le16(8)),
		mgmtTo(9, nil),
		mgmtTo(13, []byte{3, 0, 1, 2, 3}),
		mgmtTo(13, []byte{7, 1}),
		mgmtTo(13, []byte{15, 1}),
		mgmtTo(13, []byte{127, 9}),
		mgmtTo(13, []byte{44, 9}),
		mgmtTo(14, []byte{1, 2}),
		mgmt(8, 0x40, cat([]byte{1, 2, 3, 0x40}, make([]byte, 20))),
		wlanHdr(1, 11, 0, wlanA, wlanB),                                 // RTS
		wlanHdr(1, 12, 0, wlanA),                                        // CTS
		wlanHdr(1, 13, 0x10, wlanB),                                     // ACK
		{0xa4, 0x10, 0x01, 0xc0, 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0x0a}, // PS-Poll
		cat(wlanHdr(1, 8, 0, wlanA, wlanB), le16(4), le16(0x120)),       // BAR
		cat(wlanHdr(1, 9, 0, wlanA, wlanB), make([]byte, 12)),           // BA
		wlanHdr(1, 14, 0, wlanBcast, wlanAP),                            // CF-End
		wlanHdr(1, 15, 0, wlanBcast, wlanAP),                            // CF-End+CF-Ack
		cat(wlanHdr(1, 7, 0, wlanA), make([]byte, 6)),                   // control wrapper
		wlanHdr(1, 3, 0, wlanA),                                         // unknown control subtype
		cat([]byte{0x0c, 0, 0, 0}, make([]byte, 20)),                    // reserved type
		wlanHdr(2, 4, 0x11, wlanAP, wlanA, wlanB),                       // null data, power management
		cat(wlanHdr(2, 12, 0x01, wlanAP, wlanA, wlanB), le16(0)),        // QoS null
		cat(wlanHdr(2, 0, 0x41, wlanAP, wlanA, wlanB), []byte{0x11, 0x22, 0x33, 0x20, 0, 0, 0, 0}, make([]byte, 30)),       // protected
		cat(wlanHdr(2, 0, 0x02, wlanB, wlanAP, wlanA), snap, []byte{0x88, 0xb5}, make([]byte, 20)),                         // unknown ethertype
		cat(wlanHdr(2, 0, 0x02, wlanB, wlanAP, wlanA), []byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x12, 0x34}, make([]byte, 20)), // Cisco, unknown PID
		cat(wlanHdr(2, 0, 0, wlanB, wlanA, wlanAP), []byte{0xf0, 0xf0, 0x08, 0x06}, make([]byte, 10)),                      // NetBEUI I-frame
		cat(wlanHdr(2, 0, 0, wlanB, wlanA, wlanAP), []byte{0xf0, 0xf1, 0x09, 0x06}),                                        // supervisory
		cat(wlanHdr(2, 0, 0, wlanB, wlanA, wlanAP), []byte{0x04, 0x05, 0xbf, 0x81, 1, 2}),                                  // XID
		cat(wlanHdr(2, 0, 0, wlanB, wlanA, wlanAP), []byte{0x04, 0x06, 0xe3, 1, 2}),                                        // TEST
		cat(wlanHdr(2, 0, 0x03, wlanAP, wlanB, wlanA, wlanA), []byte{0xaa}),                                                // LLC cut short
	}
}

// wlanFrames are data frames carrying each network payload (with every
// To DS / From DS combination and QoS), then wlanBodies, each after the
// radio header prefix.
func wlanFrames(prefix []byte) []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		i++
		flags := byte(i % 4)
		addrs := [][]byte{wlanB, wlanAP, wlanA}
		if flags == 3 {
			addrs = append(addrs, wlanA)
		}
		sub := 0
		if i%3 == 0 {
			sub = 8
		}
		h := wlanHdr(2, sub, flags, addrs...)
		if sub == 8 {
			h = append(h, 0, 0)
		}
		return cat(prefix, h, []byte{0xaa, 0xaa, 0x03, 0, 0, 0, byte(p.etype >> 8), byte(p.etype)})
	})
	more := rawFrames(wlanBodies()...)
	for j := range more {
		more[j].Data = cat(prefix, more[j].Data)
		more[j].Length = len(more[j].Data)
		more[j].Time = more[j].Time.Add(1e9)
	}
	return append(fs, more...)
}

func avsHeader() []byte {
	h := make([]byte, 64)
	binary.BigEndian.PutUint32(h, 0x80211001)
	binary.BigEndian.PutUint32(h[4:], 64)
	return h
}

// radiotapHeader builds a radiotap header from presence words and the
// field bytes (already aligned by the caller).
func radiotapHeader(present []uint32, fields []byte) []byte {
	h := []byte{0, 0, 0, 0}
	for _, p := range present {
		h = binary.LittleEndian.AppendUint32(h, p)
	}
	h = append(h, fields...)
	binary.LittleEndian.PutUint16(h[2:], uint16(len(h)))
	return h
}

// radiotapFrames are 802.11 frames behind radiotap headers with the fields
// tcpdump prints: the usual Linux set, FCS and padding flags, 11n MCS, VHT,
// extended bitmaps, vendor namespaces, truncated and unknown fields.
func radiotapFrames() []testframes.Frame {
	linux := radiotapHeader([]uint32{1<<1 | 1<<2 | 1<<3 | 1<<5 | 1<<11 | 1<<14},
		[]byte{0x00, 0x02, 0x6c, 0x09, 0xa0, 0x00, 0xc4, 0x01, 0, 0})
	fs := wlanFrames(linux)
	bodies := wlanBodies()
	beacon := bodies[0]
	data := cat(wlanHdr(2, 0, 0x01, wlanAP, wlanA, wlanB), []byte{0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00},
		netPayloads()[12].data)
	fcs := []byte{0xde, 0xad, 0xbe, 0xef}
	u64 := func(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }
	hdrs := [][]byte{
		// TSFT, flags (short preamble, FCS), rate, channel 5 GHz 11a, dBm signal/noise, antenna, dB signal.
		radiotapHeader([]uint32{1<<0 | 1<<1 | 1<<2 | 1<<3 | 1<<5 | 1<<6 | 1<<11 | 1<<12},
			cat(u64(123456789), []byte{0x12, 0x0c}, le16(5180), le16(0x140), []byte{0xc4, 0xa0, 1, 30})),
		// Every flag, FHSS, lock quality, TX attenuation, dB TX attenuation, dBm TX power, dB noise, RX flags.
		radiotapHeader([]uint32{1<<1 | 1<<4 | 1<<7 | 1<<8 | 1<<9 | 1<<10 | 1<<13 | 1<<14},
			[]byte{0x4f, 3, 7, 0, 40, 0, 5, 0, 6, 0xf6, 9, 0, 0, 0}),
		// MCS with channel (11n), HT40+, short GI, greenfield, LDPC, STBC.
		radiotapHeader([]uint32{1<<3 | 1<<19}, cat(le16(2437), le16(0x0480), []byte{0x3f, 0x7d, 15})),
		radiotapHeader([]uint32{1 << 19}, []byte{0x07, 0x01, 32}),
		radiotapHeader([]uint32{1 << 19}, []byte{0x03, 0x00, 76}),
		radiotapHeader([]uint32{1 << 19}, []byte{0x02, 0x00, 99}),
		// XChannel together with Channel (the latter skipped), A-MPDU status.
		radiotapHeader([]uint32{1<<3 | 1<<18 | 1<<20}, cat(le16(2412), le16(0xa0), binary.LittleEndian.AppendUint32(nil, 0x100c0),
			le16(2412), []byte{1, 20}, binary.LittleEndian.AppendUint32(nil, 7), le16(0), []byte{0, 0})),
		// VHT: two users, 80 MHz, short GI.
		radiotapHeader([]uint32{1 << 21}, cat(le16(0x44), []byte{0x04, 4, 0x91, 0x72, 0, 0, 0x02, 0}, le16(0))),
		// Rate as MCS index, extended bitmap (second word in the radiotap namespace).
		radiotapHeader([]uint32{1<<2 | 1<<31, 1 << 2}, []byte{0x85}),
		// Vendor namespace skipped, then back to radiotap.
		radiotapHeader([]uint32{1<<2 | 1<<30 | 1<<31, 1<<0 | 1<<29 | 1<<31, 1 << 11},
			[]byte{0x16, 0, 0x00, 0x11, 0x22, 1, 4, 0, 9, 9, 9, 9, 3}),
		// A field tcpdump does not know stops the header.
		radiotapHeader([]uint32{1<<2 | 1<<15 | 1<<11}, []byte{4, 0, 0, 1}),
		// Fields cut short by the header length.
		radiotapHeader([]uint32{1<<0 | 1<<2}, []byte{0, 0, 0, 0, 1, 2}),
		// Atheros padding between the header and the body.
		radiotapHeader([]uint32{1 << 1}, []byte{0x20}),
	}
	var extra [][]byte
	for i, h := range hdrs {
		body := beacon
		if i%2 == 1 {
			body = data
		}
		if i == len(hdrs)-1 {
			body = cat(wlanHdr(2, 8, 0x01, wlanAP, wlanA, wlanB), []byte{0, 0, 0, 0}, data[24:])
		}
		f := cat(h, body)
		if i == 0 {
			f = cat(f, fcs)
		}
		extra = append(extra, f)
	}
	// Truncated and malformed radiotap headers.
	extra = append(extra, []byte{0, 0, 6, 0, 0, 0, 0, 0}, []byte{0, 0, 40, 0, 2, 0, 0, 0}, []byte{0, 0, 8},
		radiotapHeader([]uint32{1 << 31}, nil))
	more := rawFrames(extra...)
	for j := range more {
		more[j].Time = more[j].Time.Add(2e9)
	}
	return append(fs, more...)
}
