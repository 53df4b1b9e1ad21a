package printer

import "testing"

// tcpdump 4.99.3 has no QUIC printer (it came with 4.99's successor): UDP
// 443 prints as "UDP, length N" there and here. The frames keep it so.
func init() {
	transportCases = append(transportCases, transportCase{name: "quic", frames: func(t testing.TB) []frameSpec {
		initial := cat([]byte{0xc3}, be32b(1), []byte{8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x41, 0x00}, make([]byte, 40))
		short := cat([]byte{0x43, 1, 2, 3, 4, 5, 6, 7, 8}, make([]byte, 30))
		return full(udpFrame(t, false, 50000, 443, initial), udpFrame(t, true, 443, 50000, initial), udpFrame(t, false, 443, 50000, short))
	}})
}
