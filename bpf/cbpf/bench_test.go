package cbpf

import (
	"encoding/binary"
	"testing"
)

// BenchmarkRun interprets "tcp port 80 and host 10.1.2.3" (tcpdump -ddd,
// 18 instructions) over a matching TCP/IPv4 frame.
func BenchmarkRun(b *testing.B) {
	prog, err := ParseDecimal("18,40 0 0 12,21 15 0 34525,21 0 14 2048,48 0 0 23,21 0 12 6,40 0 0 20," +
		"69 10 0 8191,177 0 0 14,72 0 0 14,21 2 0 80,72 0 0 16,21 0 5 80,32 0 0 26,21 2 0 167838211," +
		"32 0 0 30,21 0 1 167838211,6 0 0 262144,6 0 0 0")
	if err != nil {
		b.Fatal(err)
	}
	pkt := make([]byte, 74)
	binary.BigEndian.PutUint16(pkt[12:], 0x0800)
	pkt[14], pkt[23] = 0x45, 6
	copy(pkt[26:], []byte{10, 1, 2, 3})
	binary.BigEndian.PutUint16(pkt[36:], 80)
	var executed int
	for b.Loop() {
		ret, n, err := Run(prog, pkt, nil)
		if err != nil || ret != 262144 {
			b.Fatalf("Run = %d, %v", ret, err)
		}
		executed = n
	}
	b.ReportMetric(float64(executed), "insns/pkt")
}
