package printer

import "github.com/gocap/gocap/internal/printer/testframes"

// switchTagFrames are Ethernet frames with a switch tag of each mode after
// the addresses (tags cycles through the given tags).
func switchTagFrames(tags ...[]byte) []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		t := tags[i%len(tags)]
		i++
		return cat(wlanB, wlanA, t, be16(p.etype))
	})
	t := tags[0]
	return append(fs, rawFrames(
		cat(wlanB, wlanA, t, be16(0x88b5), make([]byte, 20)),
		cat(wlanB, wlanA, t, be16(0x8100), be16(0x2064), be16(0x0800), netPayloads()[12].data),
		cat(wlanB, wlanA, t, be16(8), []byte{0xf0, 0xf0, 0x08, 0x06, 1, 2, 3, 4}),
		cat(wlanB, wlanA, t[:1]),
	)...)
}

func dsaTags() [][]byte {
	return [][]byte{
		{0xc0, 0x10, 0x05, 0x39}, {0xe3, 0x2d, 0xa0, 0x07}, {0x41, 0x08, 0x00, 0x00}, {0x02, 0x1e, 0x10, 0x01},
		{0x00, 0x18, 0x00, 0x01}, {0x81, 0x1c, 0x60, 0x10}, {0x85, 0x18, 0x00, 0x00}, {0xc0, 0x11, 0x0f, 0xff},
	}
}

func edsaTags() [][]byte {
	var ts [][]byte
	for i, t := range dsaTags() {
		ts = append(ts, cat(be16(0xdada+uint16(i%2)*0x1000), []byte{0, byte(i % 2)}, t))
	}
	return ts
}

func brcmTags() [][]byte {
	return [][]byte{{0x20, 0x00, 0x00, 0x80}, {0x20, 0x9f, 0x01, 0xff}, {0x00, 0x03, 0x20, 0xa5}, {0x00, 0x00, 0x07, 0x1f}, {0x40, 0x02, 0x01, 0x02}}
}

func brcmPrependFrames() []testframes.Frame {
	i := 0
	tags := brcmTags()
	fs := linkFrames(func(p netPayload) []byte {
		t := tags[i%len(tags)]
		i++
		return cat(t, wlanB, wlanA, be16(p.etype))
	})
	return append(fs, rawFrames([]byte{0x20, 0}, cat(tags[0], wlanB, []byte{1}))...)
}
