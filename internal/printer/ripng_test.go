package printer

import (
	"net"
	"testing"
)

func ripngEntry(prefix string, tag uint16, plen, metric byte) []byte {
	return cat(net.ParseIP(prefix).To16(), be16b(tag), []byte{plen, metric})
}

func init() {
	transportCases = append(transportCases, transportCase{name: "ripng", frames: func(t testing.TB) []frameSpec {
		resp := cat([]byte{2, 1, 0, 0}, ripngEntry("2001:db8::", 0, 32, 1), ripngEntry("2001:db8:1::", 7, 48, 16), ripngEntry("::", 0, 0, 0))
		req := cat([]byte{1, 1, 0, 0}, ripngEntry("2001:db8::", 3, 32, 5), ripngEntry("2001:db8:2::", 0, 64, 0))
		dump := cat([]byte{1, 1, 0, 0}, ripngEntry("::", 0, 0, 16))
		return append(full(
			udpFrame(t, true, 521, 521, resp), udpFrame(t, true, 521, 521, req), udpFrame(t, true, 521, 521, dump),
			udpFrame(t, true, 521, 521, cat(resp, []byte{1, 2, 3})), udpFrame(t, true, 521, 521, cat(req, []byte{1})),
			udpFrame(t, true, 521, 521, []byte{2, 2, 0, 0}), udpFrame(t, true, 521, 521, []byte{9, 1, 0, 0}),
			udpFrame(t, true, 521, 521, []byte{2, 1}), udpFrame(t, true, 521, 521, []byte{2, 1, 0, 0}),
			udpFrame(t, false, 521, 521, resp), udpFrame(t, true, 1000, 521, cat([]byte{1, 1, 0, 0}, ripngEntry("::", 0, 0, 15))),
		), cutAt(udpFrame(t, true, 521, 521, resp), 62+30), cutAt(udpFrame(t, true, 521, 521, dump), 62+10), cutAt(udpFrame(t, true, 521, 521, resp), 62+1),
			cutAt(udpFrame(t, true, 521, 521, resp), 62+2), cutAt(udpFrame(t, true, 521, 521, resp), 62+3)) // header cut: a FuzzPrint finding
	}})
}
