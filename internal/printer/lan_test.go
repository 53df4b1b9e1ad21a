package printer

import "github.com/gocap/gocap/internal/printer/testframes"

// LANs that carry 802.2 LLC: FDDI and Token Ring.

var lanSNAP = func(etype uint16) []byte { return cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0}, be16(etype)) }

func lanOddLLC() [][]byte {
	return [][]byte{
		{0xf0, 0xf0, 0x08, 0x06, 1, 2, 3},
		{0x04, 0x05, 0xbf, 0x81, 1, 2},
		cat(lanSNAP(0x88b5), make([]byte, 10)),
		{0xe0, 0xe0, 0x03, 0xff, 0xff, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 4, 0x52, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 4, 0x53},
	}
}

func fddiFrames() []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		i++
		return cat([]byte{0x50 | byte(i%8)}, wlanB, wlanA, lanSNAP(p.etype))
	})
	var more [][]byte
	for _, l := range lanOddLLC() {
		more = append(more, cat([]byte{0x57}, wlanB, wlanA, l))
	}
	for _, fc := range []byte{0x40, 0x80, 0xc0, 0x41, 0x4f, 0xc2, 0xc3, 0xc5, 0x43, 0xd1, 0x62, 0xe3, 0x23} {
		more = append(more, cat([]byte{fc}, wlanB, wlanA, []byte{1, 2, 3, 4}))
	}
	more = append(more, []byte{0x50, 1, 2, 3})
	return append(fs, rawFrames(more...)...)
}

func tokenRingFrames() []testframes.Frame {
	i := 0
	srcRouted := cat([]byte{0x82}, wlanA[1:])
	fs := linkFrames(func(p netPayload) []byte {
		i++
		switch i % 3 {
		case 0:
			return cat([]byte{0x10, 0x40}, wlanB, wlanA, lanSNAP(p.etype))
		case 1:
			return cat([]byte{0x10, 0x40}, wlanB, srcRouted, []byte{0x06, 0xb0, 0x12, 0x31, 0x45, 0x60}, lanSNAP(p.etype))
		}
		return cat([]byte{0x10, 0x40}, wlanB, srcRouted, []byte{0xc2, 0x90}, lanSNAP(p.etype))
	})
	var more [][]byte
	for _, l := range lanOddLLC() {
		more = append(more, cat([]byte{0x10, 0x40}, wlanB, wlanA, l))
	}
	more = append(more,
		cat([]byte{0x10, 0x01}, wlanB, wlanA, []byte{1, 2, 3, 4}),
		cat([]byte{0x10, 0x40}, wlanB, srcRouted, []byte{0x00, 0x10, 1, 2, 3, 4}),
		cat([]byte{0x10, 0x40}, wlanB, srcRouted, []byte{0x1f, 0x00, 1, 2}),
		cat([]byte{0x10, 0x40}, wlanB, srcRouted),
		[]byte{0x10, 0x40, 1, 2},
	)
	return append(fs, rawFrames(more...)...)
}
