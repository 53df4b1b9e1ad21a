package printer

import (
	"encoding/binary"

	"github.com/gocap/gocap/internal/printer/testframes"
)

// Frames of usbmon, ATM, ARCnet, IP over Fibre Channel and IEEE 1394,
// LocalTalk, and of link types tcpdump 4.99.3 does not print
// (SocketCAN, netlink), where both print UNSUPPORTED.

func usbFrames(mmapped bool) []testframes.Frame {
	var ds [][]byte
	i := 0
	for _, transfer := range []byte{0, 1, 2, 3, 7} {
		for _, event := range []byte{'S', 'C', 'E', 'X'} {
			i++
			h := make([]byte, 48)
			binary.LittleEndian.PutUint64(h, uint64(0xffff8800000000+i))
			h[8], h[9], h[10], h[11] = event, transfer, byte(0x80|i%16), byte(i)
			binary.LittleEndian.PutUint16(h[12:], uint16(i%4))
			binary.LittleEndian.PutUint32(h[36:], 8)
			if mmapped {
				h = append(h, make([]byte, 16)...)
			}
			ds = append(ds, cat(h, []byte{0x80, 6, 0, 1, 0, 0, 0x40, 0}))
		}
	}
	ds = append(ds, make([]byte, 20))
	return rawFrames(ds...)
}

func atmFrames(dlt int) []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		i++
		snap := cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0}, be16(p.etype))
		switch dlt {
		case 123:
			return cat([]byte{byte(i%2)<<7 | 0x02, byte(i % 3), 0, byte(32 + i)}, snap)
		case 19:
			if p.etype == 0x0800 && i%2 == 0 {
				return []byte{}
			}
			return snap
		}
		if i%3 == 0 {
			return cat(make([]byte, 20), snap)
		}
		return snap
	})
	udp := netPayloads()[12].data
	switch dlt {
	case 123:
		fs = append(fs, rawFrames(
			cat([]byte{0x01, 0, 0, 40, 0, 0}, wlanB, wlanA, be16(0x0800), udp),
			[]byte{0x02, 0, 0, 2, 1, 2, 3},
			[]byte{0x02, 0, 0, 5, 0x09, 3, 0, 0, 7, 0x05, 0, 0},
			[]byte{0x02, 0, 0, 5, 0x09, 3, 0, 0, 7, 0x33, 0, 0},
			[]byte{0x02, 0, 0, 5, 0x07, 3},
			[]byte{0x02, 0, 0, 5, 0x09, 3},
			[]byte{0x02, 0, 0, 1, 1, 2, 3},
			cat([]byte{0x82, 1, 0, 5}, []byte{0xf0, 0xf0, 0x08, 0x06, 1, 2}),
			[]byte{0x02, 0},
		)...)
	case 100:
		fs = append(fs, rawFrames(
			cat([]byte{0x06, 0x06, 0x03}, udp),
			cat([]byte{0xaa, 0xaa, 0x03, 0, 0x80, 0xc2, 0, 7, 0, 0}, wlanB, wlanA, be16(0x0800), udp),
			[]byte{0x01, 0x02, 0x03, 0x04},
		)...)
	}
	return fs
}

func arcnetFrames(linux bool) []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		i++
		var typ byte
		switch p.etype {
		case 0x0800:
			typ = []byte{0xd4, 0xf0}[i%2]
		case 0x86dd:
			typ = 0xc4
		default:
			typ = []byte{0xd5, 0xf1}[i%2]
		}
		if linux {
			if typ == 0xf0 || typ == 0xf1 {
				return []byte{0x50, 0xbe, 0x00, byte(i), typ}
			}
			return []byte{0x50, 0xbe, 0x00, byte(i), typ, 0, 0, 0}
		}
		if typ == 0xf0 || typ == 0xf1 {
			return []byte{0x50, 0xbe, typ}
		}
		if i%4 == 0 {
			return []byte{0x50, 0xbe, typ, 0xff, 0, 0, typ, 0, 0x12, 0x34}
		}
		return []byte{0x50, 0xbe, typ, byte(i % 3), 0x12, byte(i)}
	})
	if linux {
		return append(fs, rawFrames([]byte{1, 2, 0, 0, 0x80, 9, 9}, []byte{1, 2, 0, 0, 0x33, 0, 0, 0, 1, 2, 3, 4}, []byte{1, 2, 3})...)
	}
	return append(fs, rawFrames([]byte{1, 2, 0x80, 9}, []byte{1, 2, 0xd4, 2, 0, 1, 4, 5}, []byte{1, 2, 0x33, 0xff, 0}, []byte{1, 2})...)
}

func ipfcFrames() []testframes.Frame {
	fs := linkFrames(func(p netPayload) []byte {
		return cat([]byte{0x10, 0}, wlanB, []byte{0x10, 0}, wlanA, []byte{0xaa, 0xaa, 0x03, 0, 0, 0}, be16(p.etype))
	})
	return append(fs, rawFrames(cat([]byte{0x10, 0}, wlanB, []byte{0x10, 0}, wlanA, []byte{0xf0, 0xf0, 0x08, 0x06, 1}), make([]byte, 9))...)
}

func ap1394Frames() []testframes.Frame {
	a := []byte{0x00, 0x0a, 0x95, 0xff, 0xfe, 0x12, 0x34, 0x56}
	bb := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	fs := linkFrames(func(p netPayload) []byte { return cat(bb, a, be16(p.etype)) })
	return append(fs, rawFrames(cat(bb, a, be16(0x88b5), []byte{1, 2, 3}), make([]byte, 10))...)
}

func ltalkFrames() []testframes.Frame {
	var ds [][]byte
	for i, typ := range []byte{1, 4, 5, 6, 22, 99} {
		ds = append(ds,
			cat([]byte{0xff, byte(10 + i), 2}, be16(uint16(13+8)), be16(0), be16(uint16(1000+i)), be16(2000), []byte{255, byte(i), 6, 253, typ}, make([]byte, 8)),
			cat([]byte{byte(20 + i), byte(30 + i), 1}, be16(5+6), []byte{2, 3, typ}, make([]byte, 6)),
		)
	}
	ds = append(ds, []byte{1, 2, 9, 5, 5}, []byte{1, 2, 2, 0}, []byte{1, 2, 1}, []byte{1, 2})
	return rawFrames(ds...)
}

func ipoibFrames() []testframes.Frame {
	fs := linkFrames(func(p netPayload) []byte {
		h := make([]byte, 44)
		copy(h[20:], wlanA)
		copy(h[40:], be16(p.etype))
		return h
	})
	unknown := make([]byte, 48)
	copy(unknown[40:], be16(0x88b5))
	return append(fs, rawFrames(unknown, make([]byte, 30))...)
}

func vsockFrames() []testframes.Frame {
	var ds [][]byte
	for i, op := range []uint16{1, 2, 3, 4, 4, 0, 9} {
		h := binary.LittleEndian.AppendUint64(nil, 3)
		h = binary.LittleEndian.AppendUint64(h, 2)
		h = binary.LittleEndian.AppendUint32(h, 1024)
		h = binary.LittleEndian.AppendUint32(h, 1234+uint32(i))
		h = binary.LittleEndian.AppendUint16(h, op)
		transport := []uint16{2, 2, 2, 2, 1, 0, 7}[i]
		h = binary.LittleEndian.AppendUint16(h, transport)
		h = binary.LittleEndian.AppendUint16(h, 44)
		h = append(h, 0, 0)
		if transport == 2 {
			v := binary.LittleEndian.AppendUint64(nil, 3)
			v = binary.LittleEndian.AppendUint64(v, 2)
			v = binary.LittleEndian.AppendUint32(v, 1024)
			v = binary.LittleEndian.AppendUint32(v, 1234)
			v = binary.LittleEndian.AppendUint32(v, 6)
			v = binary.LittleEndian.AppendUint16(v, uint16(1+i%2))
			v = binary.LittleEndian.AppendUint16(v, uint16(i+1))
			v = binary.LittleEndian.AppendUint32(v, uint32(i))
			v = binary.LittleEndian.AppendUint32(v, 262144)
			v = binary.LittleEndian.AppendUint32(v, 0)
			h = append(h, v...)
		}
		if op == 4 {
			h = append(h, []byte("hello, vsock payload!")...)
		}
		ds = append(ds, h)
	}
	ds = append(ds, ds[0][:40], ds[0][:20])
	return rawFrames(ds...)
}

// sllLLCFrames are Linux cooked (v1 and v2) frames with 802.2 LLC,
// raw 802.3 IPX and unknown small protocol values.
func sllLLCFrames(v2 bool) []testframes.Frame {
	var ds [][]byte
	bodies := map[uint16][][]byte{
		4: {cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00}, netPayloads()[12].data), {0xf0, 0xf0, 0x08, 0x06, 1, 2},
			{0x04, 0x05, 0xbf, 0x81, 1, 2}, {0xe0, 0xe0, 0x03, 0xff, 0xff, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 4, 0x52, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 4, 0x53}},
		1: {{0xff, 0xff, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 4, 0x52, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 4, 0x53}},
		7: {{1, 2, 3, 4}},
	}
	for _, proto := range []uint16{4, 1, 7} {
		for _, body := range bodies[proto] {
			var h []byte
			if v2 {
				h = cat(be16(proto), []byte{0, 0}, be32(1), []byte{0, 1, 0, 6}, wlanA, []byte{0, 0})
			} else {
				h = cat([]byte{0, 0, 0, 1, 0, 6}, wlanA, []byte{0, 0}, be16(proto))
			}
			ds = append(ds, cat(h, body))
		}
	}
	return rawFrames(ds...)
}

func netAnalyzerFrames(hdr []byte) []testframes.Frame {
	fs := linkFrames(func(p netPayload) []byte { return cat(hdr, wlanB, wlanA, be16(p.etype)) })
	return append(fs, rawFrames(hdr[:2])...)
}

func bluetoothFrames() []testframes.Frame {
	return rawFrames(cat(be32(1), []byte{0x04, 0x0e, 0x04, 0x01, 0x03, 0x0c, 0x00}), cat(be32(0), []byte{0x01, 0x03, 0x0c, 0x00}), []byte{0, 0})
}

func symantecFrames() []testframes.Frame {
	hdr := func(et uint16) []byte { return cat(make([]byte, 6), be16(et), make([]byte, 36)) }
	fs := linkFrames(func(p netPayload) []byte { return hdr(p.etype) })
	return append(fs, rawFrames(cat(hdr(100), []byte{1, 2}), cat(hdr(0x88b5), []byte{1, 2}), make([]byte, 20))...)
}

func slipBSDOSFrames() []testframes.Frame {
	fs := linkFrames(func(p netPayload) []byte {
		if p.etype != 0x0800 {
			return nil
		}
		return make([]byte, 16)
	})
	return append(fs, rawFrames(make([]byte, 10))...)
}

func mfrFrames() []testframes.Frame {
	udp := netPayloads()[12].data
	ie := func(t byte, v []byte) []byte { return cat([]byte{t, byte(2 + len(v))}, v) }
	ctrl := func(msg byte, ies ...[]byte) []byte { return cat([]byte{0xe1, 0, msg}, cat(ies...)) }
	return rawFrames(
		cat([]byte{0xc1, 0x05}, q922Addr(100, 0), []byte{0x03, 0xcc}, udp),
		cat([]byte{0x81, 0x06}, q922Addr(100, 0), []byte{0x03, 0xcc}, udp),
		cat([]byte{0x41, 0x07}, udp[:20]),
		cat([]byte{0x01, 0x08}, udp[:20]),
		ctrl(1, ie(1, []byte("bundle-1\x00")), ie(2, []byte("link-a")), ie(3, be32(0xcafe)), ie(5, make([]byte, 8)), ie(7, []byte{1, 2})),
		ctrl(4, ie(3, be32(7)), ie(3, []byte{1, 2})),
		ctrl(9, ie(0, nil)),
		ctrl(2, ie(5, make([]byte, 16))),
		[]byte{0xe1, 0},
		[]byte{0xc1},
		cat(q922Addr(100, 0), []byte{0x03, 0xb1, 0xc1, 0x23}, udp[:10]),
	)
}

func pktapFrames() []testframes.Frame {
	hdr := func(rectype, dlt uint32) []byte {
		h := make([]byte, 108)
		binary.LittleEndian.PutUint32(h, 108)
		binary.LittleEndian.PutUint32(h[4:], rectype)
		binary.LittleEndian.PutUint32(h[8:], dlt)
		copy(h[12:], "en0")
		return h
	}
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		i++
		if i%2 == 0 && p.etype != 0x0806 {
			return hdr(1, 12)
		}
		return cat(hdr(1, 1), wlanB, wlanA, be16(p.etype))
	})
	small, big := hdr(1, 1), hdr(1, 1)
	binary.LittleEndian.PutUint32(small, 20)
	binary.LittleEndian.PutUint32(big, 200)
	return append(fs, rawFrames(hdr(0, 1), cat(hdr(1, 147), []byte{1, 2, 3}), hdr(1, 1)[:50], small, big)...)
}
