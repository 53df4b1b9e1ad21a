package printer

import (
	"net"
	"testing"
)

func init() {
	transportCases = append(transportCases, transportCase{name: "aodv", frames: func(t testing.TB) []frameSpec {
		a4 := func(s string) []byte { return net.ParseIP(s).To4() }
		a6 := func(s string) []byte { return net.ParseIP(s).To16() }
		rreq4 := cat([]byte{1, 0xf8, 0, 3}, be32b(77), a4("10.199.1.1"), be32b(5), a4("10.199.1.2"), be32b(6))
		rrep4 := cat([]byte{2, 0xc0, 0x18, 2}, a4("10.199.1.1"), be32b(5), a4("10.199.1.2"), be32b(3000))
		rerr4 := cat([]byte{3, 0x80, 0, 2}, a4("10.199.1.3"), be32b(9), a4("10.199.1.4"), be32b(10))
		rreq6 := cat([]byte{1, 0, 0, 3}, be32b(77), a6("fd00::1"), be32b(5), a6("fd00::2"), be32b(6))
		rrep6 := cat([]byte{2, 0, 64, 2}, a6("fd00::1"), be32b(5), a6("fd00::2"), be32b(3000))
		rerr6 := cat([]byte{3, 0, 0, 1}, a6("fd00::3"), be32b(9))
		hello := cat([]byte{1, 4}, be32b(1000))
		return append(full(
			udpFrame(t, false, 654, 654, rreq4), udpFrame(t, false, 654, 654, rrep4), udpFrame(t, false, 654, 654, rerr4),
			udpFrame(t, false, 654, 654, cat(rreq4, hello)), udpFrame(t, false, 654, 654, cat(rrep4, hello)),
			udpFrame(t, false, 654, 654, cat(rrep4, []byte{1, 2, 0, 0})), udpFrame(t, false, 654, 654, cat(rrep4, []byte{1, 4, 0})),
			udpFrame(t, false, 654, 654, cat(rrep4, []byte{7, 2})),
			udpFrame(t, false, 654, 654, []byte{4, 0}), udpFrame(t, false, 654, 654, []byte{9, 0, 1}),
			udpFrame(t, false, 654, 654, rreq4[:20]), udpFrame(t, false, 654, 654, rerr4[:10]), udpFrame(t, false, 654, 654, rerr4[:3]),
			udpFrame(t, true, 654, 654, rreq6), udpFrame(t, true, 654, 654, rrep6), udpFrame(t, true, 654, 654, rerr6),
			udpFrame(t, true, 654, 654, cat(rrep6, hello)), udpFrame(t, true, 654, 654, rreq4), udpFrame(t, false, 654, 654, nil),
		), cutAt(udpFrame(t, false, 654, 654, rreq4), 42+10), cutAt(udpFrame(t, false, 654, 654, rerr4), 42+10),
			cutAt(udpFrame(t, false, 654, 654, cat(rrep4, hello)), 42+22))
	}})
}
