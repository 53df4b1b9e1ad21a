package printer

import (
	"encoding/binary"

	"github.com/gocap/gocap/internal/printer/testframes"
)

// Frames of the capture systems' pseudo-headers: BSD loopback (NULL,
// LOOP), NFLOG, IPNET, PFLOG, SLIP.

func familyFrames(le bool, v6 []uint32) []testframes.Frame {
	i := 0
	return linkFrames(func(p netPayload) []byte {
		af := uint32(2)
		switch p.etype {
		case 0x86dd:
			af = v6[i%len(v6)]
			i++
		case 0x0806:
			af = []uint32{99, 23, 0x00010000}[i%3]
		}
		if le {
			return binary.LittleEndian.AppendUint32(nil, af)
		}
		return be32(af)
	})
}

func nflogFrames() []testframes.Frame {
	tlv := func(typ uint16, v []byte) []byte {
		t := binary.LittleEndian.AppendUint16(nil, uint16(4+len(v)))
		t = binary.LittleEndian.AppendUint16(t, typ)
		t = append(t, v...)
		for len(t)%4 != 0 {
			t = append(t, 0)
		}
		return t
	}
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		fam := byte(2)
		switch p.etype {
		case 0x86dd:
			fam = 10
		case 0x0806:
			fam = 7
		}
		i++
		h := cat([]byte{fam, 0}, be16(uint16(i)), tlv(1, []byte{0x08, 0, 3, 0}), tlv(10, []byte("drop\x00")))
		if i%3 == 0 {
			h = cat(h, tlv(4, be32(2)), tlv(8, []byte{0, 6, 0, 0, 2, 0, 0, 0, 0, 0x0a, 0, 0}))
		}
		pl := binary.LittleEndian.AppendUint16(nil, uint16(4+p.length))
		return cat(h, binary.LittleEndian.AppendUint16(pl, 9))
	})
	return append(fs, rawFrames(
		[]byte{2, 1, 0, 1, 8, 0, 1, 0},
		[]byte{2, 0, 0, 1, 8, 0},
		[]byte{2, 0, 0, 1, 3, 0, 1, 0, 1, 2, 3, 4},
		[]byte{2, 0},
	)...)
}

func ipnetFrames() []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		fam := byte(2)
		switch p.etype {
		case 0x86dd:
			fam = 26
		case 0x0806:
			fam = 9
		}
		i++
		return cat([]byte{1, fam}, be16(0), be32(uint32(p.length)), be32(2), be32(0), be32(uint32(i)), be32(0xffffffff))
	})
	return append(fs, rawFrames(make([]byte, 10))...)
}

func pflogFrames() []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		af := byte(2)
		switch p.etype {
		case 0x86dd:
			af = []byte{24, 28, 30, 10}[i%4]
		case 0x0806:
			af = 7
		}
		i++
		h := make([]byte, 64)
		h[0], h[1], h[2], h[3] = 61, af, byte(i%12), byte(i%16)
		copy(h[4:], "em0")
		if i%2 == 0 {
			copy(h[4:], "vlan12\x01\xc3abcdefghij")
		}
		copy(h[20:], "anchor/x")
		binary.BigEndian.PutUint32(h[36:], uint32(i))
		binary.BigEndian.PutUint32(h[40:], 0xffffffff)
		if i%3 == 0 {
			binary.BigEndian.PutUint32(h[40:], 7)
		}
		h[60] = byte(i % 4)
		return h
	})
	short := make([]byte, 64)
	short[0] = 61
	return append(fs, rawFrames([]byte{44, 2, 0, 0}, short[:50])...)
}

func slipFrames() []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		if p.etype == 0x0806 {
			return nil
		}
		i++
		h := make([]byte, 16)
		h[0] = byte(i % 2)
		switch i % 4 {
		case 0:
			h[1] = 0x45
		case 1:
			h[1], h[10] = 0x75, byte(i)
		case 2:
			copy(h[1:], []byte{0xc5, 7, 0x12, 0x34, 1, 0, 1, 2})
		case 3:
			copy(h[1:], []byte{0xaf, 0x12, 0x34, 0, 0x80, 0, 9})
		}
		if i%7 == 0 {
			h[0] = 9
		}
		if i%11 == 0 {
			h[1] = 0x2b
		}
		return h
	})
	return append(fs, rawFrames(make([]byte, 10), cat([]byte{0, 0x40}, make([]byte, 14)), cat([]byte{1, 0x40}, make([]byte, 14), []byte{0x15, 0}))...)
}
