package printer

import (
	"encoding/binary"

	"github.com/gocap/gocap/internal/printer/testframes"
)

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// cp builds a control-protocol packet: code, id, length, data.
func cp(code, id byte, data []byte) []byte {
	return cat([]byte{code, id}, be16(uint16(4+len(data))), data)
}

// pppBodies are PPP payloads after the protocol field: control protocols,
// authentication, multilink, and the odd ones.
func pppBodies() [][]byte {
	lcpOpts := cat([]byte{1, 4, 0x05, 0xdc}, []byte{2, 6, 0, 0, 0, 0}, []byte{3, 5, 0xc2, 0x23, 5},
		[]byte{5, 6, 0x12, 0x34, 0x56, 0x78}, []byte{7, 2}, []byte{8, 2}, []byte{13, 3, 6}, []byte{17, 4, 0x05, 0xea},
		[]byte{19, 9, 3, 2, 0, 0, 0, 0, 0x0b}, []byte{4, 4, 0xc0, 0x25}, []byte{3, 4, 0xc0, 0x23}, []byte{23, 4, 0, 1},
		[]byte{0, 6, 0, 0, 0x0c, 1}, []byte{27, 4, 1, 2}, []byte{40, 3, 1})
	ipcpOpts := cat([]byte{3, 6, 10, 199, 7, 1}, []byte{129, 6, 10, 199, 7, 53}, []byte{131, 6, 0, 0, 0, 0},
		[]byte{2, 6, 0, 0x2d, 15, 1}, []byte{2, 18, 0, 0x61, 0, 15, 0, 1, 0, 2, 0, 3, 0, 4, 1, 2, 2, 2}, []byte{1, 10, 1, 2, 3, 4, 5, 6, 7, 8},
		[]byte{99, 4, 1, 2})
	proto := func(p uint16, body []byte) []byte { return cat(be16(p), body) }
	return [][]byte{
		proto(pppLCP, cp(1, 1, lcpOpts)),
		proto(pppLCP, cp(2, 1, lcpOpts[:4])),
		proto(pppLCP, cp(3, 2, []byte{1, 4, 0x05, 0xdc})),
		proto(pppLCP, cp(4, 3, []byte{1, 3, 5})),
		proto(pppLCP, cp(4, 3, []byte{1, 1})),
		proto(pppLCP, cp(1, 9, nil)),
		proto(pppLCP, cp(5, 4, []byte("bye"))),
		proto(pppLCP, cp(6, 4, nil)),
		proto(pppLCP, cp(7, 5, []byte{1, 2, 3, 4})),
		proto(pppLCP, cp(8, 6, cat(be16(0x8057), []byte{1, 2, 3, 4}))),
		proto(pppLCP, cp(9, 7, be32(0xcafe0001))),
		proto(pppLCP, cp(10, 7, cat(be32(0xcafe0002), []byte("trailing")))),
		proto(pppLCP, cp(11, 8, be32(0xcafe0003))),
		proto(pppLCP, cp(12, 9, cat(be32(1), []byte("hello peer")))),
		proto(pppLCP, cp(13, 10, cat(be32(1), be32(3600)))),
		proto(pppLCP, cp(0, 11, cat(be32(1), []byte{0, 0, 0x0c, 1}))),
		proto(pppLCP, cp(42, 12, []byte{9, 9})),
		cat(be16(pppLCP), []byte{1, 1, 0, 40, 1, 4}), // encoded length beyond the packet
		cat(be16(pppLCP), []byte{1, 1, 0, 2}),        // encoded length below 4
		proto(pppIPCP, cp(1, 1, ipcpOpts)),
		proto(pppIPCP, cp(2, 1, ipcpOpts[:6])),
		proto(pppIPv6CP, cp(1, 1, []byte{1, 10, 2, 0, 0, 0xff, 0xfe, 0, 0, 1, 7, 3, 0})),
		proto(pppCCP, cp(1, 1, []byte{26, 4, 0x78, 0, 21, 3, 0x2f, 24, 4, 0xe5, 3, 18, 6, 0, 0, 0, 1})),
		proto(pppCCP, cp(14, 2, nil)),
		proto(pppBACP, cp(1, 1, []byte{1, 6, 0, 0, 0, 9, 2, 2})),
		proto(pppMPLSCP, cp(1, 1, nil)),
		proto(pppOSICP, cp(1, 1, []byte{1, 2})),
		proto(pppCHAP, cat([]byte{1, 1}, be16(21), []byte{16}, make([]byte, 8), []byte("\x01\x02\x03\x04\x05\x06\x07\x08"), []byte("gw"))),
		proto(pppCHAP, cat([]byte{2, 1}, be16(25), []byte{16}, []byte("0123456789abcdef"), []byte("user"))),
		proto(pppCHAP, cat([]byte{3, 1}, be16(14), []byte("Welcome\x01\x80"))),
		proto(pppCHAP, cat([]byte{4, 1}, be16(4))),
		proto(pppCHAP, []byte{9, 1}),
		proto(pppPAP, cat([]byte{1, 2}, be16(16), []byte{4}, []byte("user"), []byte{6}, []byte("secret"))),
		proto(pppPAP, cat([]byte{2, 2}, be16(8), []byte{3}, []byte("ok!"))),
		proto(pppPAP, cat([]byte{3, 2}, be16(5), []byte{0})),
		proto(pppPAP, cat([]byte{1, 2}, be16(50), []byte{1})),
		proto(pppPAP, cat([]byte{1, 2}, be16(5), []byte{1})),
		proto(pppML, []byte{0xc0, 0x12, 0, 0x21, 0x45}),
		proto(pppML, []byte{0x00, 0x13}),
		proto(pppComp, []byte{1, 2, 3}),
		proto(0x002d, []byte{1, 2, 3, 4}),
		proto(0x4242, []byte{1, 2, 3, 4, 5}),
		proto(pppBAP, []byte{1, 2}),
		cat([]byte{0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21}, cp(9, 1, be32(7))),
	}
}

// pppFrames are the network payloads and pppBodies behind the headers
// each PPP link type's frames start with.
func pppFrames(hdrs ...[]byte) []testframes.Frame {
	i := 0
	fs := linkFrames(func(p netPayload) []byte {
		var proto []byte
		switch p.etype {
		case 0x0800:
			proto = be16(pppIP)
			if i%5 == 4 {
				proto = []byte{pppIP} // compressed protocol field
			}
		case 0x86dd:
			proto = be16(pppIPv6)
		default:
			return nil
		}
		h := hdrs[i%len(hdrs)]
		i++
		return cat(h, proto)
	})
	for j, body := range pppBodies() {
		fs = append(fs, rawFrames(cat(hdrs[j%len(hdrs)], body))...)
	}
	return fs
}

// pppoeFrames are PPPoE discovery and session frames (DLT_PPP_ETHER).
func pppoeFrames() []testframes.Frame {
	disc := func(code byte, sess uint16, tags []byte) []byte {
		return cat([]byte{0x11, code}, be16(sess), be16(uint16(len(tags))), tags)
	}
	tag := func(t uint16, v []byte) []byte { return cat(be16(t), be16(uint16(len(v))), v) }
	fs := linkFrames(func(p netPayload) []byte {
		if p.etype == 0x0806 {
			return nil
		}
		proto := pppIP
		if p.etype == 0x86dd {
			proto = pppIPv6
		}
		return cat([]byte{0x11, 0}, be16(0x1234), be16(uint16(p.length+2)), be16(uint16(proto)))
	})
	return append(fs, rawFrames(
		disc(0x09, 0, cat(tag(0x0101, nil), tag(0x0103, []byte{1, 2, 3, 4}))),
		disc(0x07, 0, cat(tag(0x0102, []byte("access-concentrator")), tag(0x0101, []byte("isp")), tag(0x0104, make([]byte, 16)))),
		disc(0x19, 0, cat(tag(0x0101, nil), tag(0x0105, []byte{0, 0, 0x0d, 0xe9, 1, 2}), tag(0x4242, []byte("xy")))),
		disc(0x65, 0x0042, tag(0x0101, []byte("isp"))),
		disc(0xa7, 0x0042, tag(0x0203, []byte("session closed by peer"))),
		disc(0xa7, 0x0042, cat(tag(0, nil), tag(0x0101, nil))),
		cat([]byte{0x11, 0x09, 0, 0, 0, 40}, tag(0x0101, nil)),
		cat([]byte{0x21, 0x55, 0, 0, 0, 0}),
		cat([]byte{0x11, 0, 0, 7, 0, 6}, be16(pppLCP), cp(9, 1, nil)[:4]),
		[]byte{0x11, 0},
	)...)
}

// chdlcFrames are Cisco HDLC frames: IP, IPv6, SLARP, MPLS, unknown.
func chdlcFrames() []testframes.Frame {
	fs := linkFrames(func(p netPayload) []byte {
		if p.etype == 0x0806 {
			return nil
		}
		return cat([]byte{0x0f, 0}, be16(p.etype))
	})
	slarp := func(code uint32, rest []byte) []byte { return cat([]byte{0x8f, 0, 0x80, 0x35}, be32(code), rest) }
	return append(fs, rawFrames(
		slarp(0, make([]byte, 10)),
		slarp(1, []byte{10, 199, 7, 1, 255, 255, 255, 252, 0, 0}),
		slarp(2, cat(be32(5), be32(4), be16(0xffff), be32(93784000))),
		slarp(2, cat(be32(5), be32(4), be16(0xffff), be32(1000), []byte{0, 0})),
		slarp(2, cat(be32(5), be32(4), be16(0xffff))),
		slarp(7, make([]byte, 14)),
		slarp(0, []byte{1}),
		cat([]byte{0x0f, 0, 0x88, 0x47}, be32(0x00064140|0x100|64), netPayloads()[12].data),
		cat([]byte{0x0f, 0, 0x12, 0x34}, []byte{1, 2, 3}),
		cat([]byte{0x42, 0, 0x08, 0x00}, netPayloads()[12].data),
		[]byte{0x0f, 0},
	)...)
}

// encFrames are OpenBSD enc(4) frames with each flag combination.
func encFrames() []testframes.Frame {
	i := 0
	return linkFrames(func(p netPayload) []byte {
		af := uint32(2)
		switch p.etype {
		case 0x86dd:
			af = []uint32{24, 28, 30, 10}[i%4]
		case 0x0806:
			af = 99
		}
		flags := []uint32{0, 0x0400, 0x0800, 0x0c00, 0x1000}[i%5]
		i++
		h := binary.LittleEndian.AppendUint32(nil, af)
		h = binary.BigEndian.AppendUint32(h, 0x1000+uint32(i))
		return binary.LittleEndian.AppendUint32(h, flags)
	})
}
