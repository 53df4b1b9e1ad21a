package printer

import (
	"net"
	"testing"
)

func olsrMsg(v6 bool, typ byte, orig string, body []byte) []byte {
	a := net.ParseIP(orig).To4()
	if v6 {
		a = net.ParseIP(orig).To16()
	}
	h := cat([]byte{typ, 0x86}, be16b(0), a, []byte{255, 1}, be16b(0x1234), body)
	h[2], h[3] = byte(len(h)>>8), byte(len(h))
	return h
}

func olsrPacket(msgs ...[]byte) []byte {
	p := cat(be16b(0), be16b(0x42), cat(msgs...))
	p[0], p[1] = byte(len(p)>>8), byte(len(p))
	return p
}

func init() {
	transportCases = append(transportCases, transportCase{name: "olsr", frames: func(t testing.TB) []frameSpec {
		a4 := func(s string) []byte { return net.ParseIP(s).To4() }
		a6 := func(s string) []byte { return net.ParseIP(s).To16() }
		hello := cat([]byte{0, 0, 0x25, 3}, []byte{0x06, 0}, be16b(4+4*5), a4("10.1.0.1"), a4("10.1.0.2"), a4("10.1.0.3"), a4("10.1.0.4"), a4("10.1.0.5"),
			[]byte{0x0b, 0}, be16b(4), []byte{0x02, 0}, be16b(99))
		helloLQ := cat([]byte{0, 0, 0x25, 3}, []byte{0x06, 0}, be16b(4+8), a4("10.1.0.1"), []byte{255, 128, 0, 0})
		tc := cat(be16b(7), be16b(0), a4("10.2.0.1"), a4("10.2.0.2"))
		tcLQ := cat(be16b(7), be16b(0), a4("10.2.0.1"), []byte{100, 200, 0, 0})
		mid := cat(a4("10.3.0.1"), a4("10.3.0.2"))
		hna := cat(a4("10.4.0.0"), a4("255.255.0.0"), a4("0.0.0.0"), []byte{0, 0x1f, 0x42, 0xff}, a4("10.5.0.0"), a4("255.0.255.0"),
			a4("10.6.0.0"), a4("255.255.255.0"), a4("10.7.0.0"), a4("255.255.255.255"))
		ns := cat(be16b(1), be16b(2), be16b(1), be16b(5), a4("10.8.0.1"), []byte("host1\x00\x00\x00"), be16b(2), be16b(4), a4("10.8.0.2"), []byte("svc\x01"))
		hna6 := cat(a6("2001:db8::"), a6("ffff:ffff::"), a6("2001:db8:1::"), a6("ffff:0:ffff::"))
		return append(full(
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 1, "10.0.0.1", hello))),
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 201, "10.0.0.1", helloLQ), olsrMsg(false, 2, "10.0.0.2", tc))),
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 202, "10.0.0.1", tcLQ), olsrMsg(false, 3, "10.0.0.2", mid), olsrMsg(false, 4, "10.0.0.3", hna))),
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 130, "10.0.0.1", ns), olsrMsg(false, 128, "10.0.0.1", []byte{1, 2, 3, 4}))),
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 130, "10.0.0.1", cat(be16b(1), be16b(9))))),
			udpFrame(t, true, 698, 698, olsrPacket(olsrMsg(true, 4, "fd00::1", hna6), olsrMsg(true, 3, "fd00::1", a6("fd00::9")),
				olsrMsg(true, 201, "fd00::1", cat([]byte{0, 0, 0x25, 3}, []byte{0x06, 0}, be16b(4+20), a6("fd00::2"), []byte{255, 128, 0, 0})))),
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 0, "10.0.0.1", nil))),
			udpFrame(t, false, 698, 698, cat(olsrPacket(olsrMsg(false, 1, "10.0.0.1", hello)), []byte{1, 0, 0, 200})),
			udpFrame(t, false, 698, 698, []byte{0, 1}),
			udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 1, "10.0.0.1", []byte{0, 0}))),
			udpFrame(t, false, 698, 698, olsrPacket([]byte{2, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7, 8})),
		), cutAt(udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 1, "10.0.0.1", hello))), 42+30),
			cutAt(udpFrame(t, false, 698, 698, olsrPacket(olsrMsg(false, 1, "10.0.0.1", hello))), 42+10))
	}})
}
