package attribution

import (
	"testing"
	"time"
)

// BenchmarkLookupIPCached is the per-packet cost of a flow already in the
// cache (a steady flow: the common case).
func BenchmarkLookupIPCached(b *testing.B) {
	t := &Tracker{cache: map[flowKey]cached{}}
	pkt := ipv4("10.0.0.1", "10.0.0.2", protoUDP, []byte{0, 1, 0, 2, 0, 8, 0, 0})
	k, _, _ := parseFlow(pkt)
	now := time.Now()
	t.cache[k] = cached{owner: &Process{PID: 1, Comm: "x"}, until: now.UnixNano() + int64(time.Hour)}
	b.ReportAllocs()
	for b.Loop() {
		if t.LookupIP(pkt, now) == nil {
			b.Fatal("not cached")
		}
	}
}
