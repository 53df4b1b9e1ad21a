package attribution

import (
	"testing"
	"time"
)

// benchTracker is a Tracker whose cache answers for pkts (owned by one
// process when owned, else by none), as after their flows' first packets.
func benchTracker(owned bool, pkts ...[]byte) *Tracker {
	t := &Tracker{cache: map[flowSig]cached{}, owners: map[uint64]*Process{}}
	var p *Process
	if owned {
		p = &Process{PID: 1, Comm: "x"}
	}
	until := time.Now().UnixNano() + int64(time.Hour)
	for _, pkt := range pkts {
		s, _, _ := parseSig(pkt)
		t.cache[s] = cached{owner: p, until: until}
	}
	return t
}

// BenchmarkLookupIPCached is the per-packet cost of a flow already in the
// cache (a steady flow: the common case).
func BenchmarkLookupIPCached(b *testing.B) {
	pkt := ipv4("10.0.0.1", "10.0.0.2", protoUDP, []byte{0, 1, 0, 2, 0, 8, 0, 0})
	t := benchTracker(true, pkt)
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if t.LookupIP(pkt, now) == nil {
			b.Fatal("not cached")
		}
	}
}

// BenchmarkLookupIPMix is capbench's default mix as attribution sees it:
// per ten packets six UDP, two TCP and two UDP of the same ports (their
// VLAN tag is gone at the IP header), no local socket owning any.
func BenchmarkLookupIPMix(b *testing.B) {
	udp := ipv4("10.199.50.1", "10.199.50.99", protoUDP, []byte{0x9c, 0x40, 0, 9, 0, 8, 0, 0})
	tcp := ipv4("10.199.50.1", "10.199.50.99", protoTCP, tcpHeader(40000, 9, 0x10))
	mix := [][]byte{udp, tcp, udp, udp, udp, udp, tcp, udp, udp, udp}
	t := benchTracker(false, udp, tcp)
	now := time.Now()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if t.LookupIP(mix[i], now) != nil {
			b.Fatal("attributed")
		}
		if i++; i == len(mix) {
			i = 0
		}
	}
}

// BenchmarkLookupPacketCookie is a packet whose socket cookie the tc
// engine recorded, of a socket already known.
func BenchmarkLookupPacketCookie(b *testing.B) {
	pkt := ipv4("10.0.0.1", "10.0.0.2", protoUDP, []byte{0, 1, 0, 2, 0, 8, 0, 0})
	t := benchTracker(false)
	t.owners[77] = &Process{PID: 1, Comm: "x"}
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if t.LookupPacket(pkt, 77, now) == nil {
			b.Fatal("not attributed")
		}
	}
}
