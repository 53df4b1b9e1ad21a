package main

import (
	"testing"

	"github.com/cilium/ebpf"

	"github.com/gocap/gocap/internal/testenv"
)

// TestCounter loads the counting program for a filter and runs it on
// frames that match and frames that do not: the counter must count exactly
// the matching ones, and every frame must pass.
func TestCounter(t *testing.T) {
	testenv.RequireBPF(t)
	c, err := newCounter("udp dst port 53 or icmp")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	frames := []struct {
		data  []byte
		match bool
	}{
		{udpFrame(53), true},
		{udpFrame(54), false},
		{icmpFrame(), true},
		{udpFrame(53)[:30], false}, // truncated before the port
	}
	want := uint64(0)
	for round := 0; round < 3; round++ {
		for i, f := range frames {
			verdict, err := c.prog.Run(&ebpf.RunOptions{Data: f.data})
			if err != nil {
				t.Fatalf("frame %d: test run: %v", i, err)
			}
			if verdict != xdpPass {
				t.Fatalf("frame %d: verdict %d, want XDP_PASS", i, verdict)
			}
			if f.match {
				want++
			}
		}
	}
	got, err := c.Count()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("counted %d matches, want %d", got, want)
	}
}

func TestBadFilter(t *testing.T) {
	if _, err := newCounter("tcp port"); err == nil {
		t.Error("a broken expression was accepted")
	}
}

// ipv4Frame is an Ethernet frame carrying an IPv4 packet (10.199.0.1 to
// 10.199.0.2) with protocol proto and the given payload.
func ipv4Frame(proto byte, payload []byte) []byte {
	f := []byte{
		0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00, // Ethernet
		0x45, 0, 0, byte(20 + len(payload)), 0, 0, 0x40, 0, 64, proto, 0, 0,
		10, 199, 0, 1, 10, 199, 0, 2,
	}
	return append(f, payload...)
}

func udpFrame(dport uint16) []byte {
	return ipv4Frame(17, []byte{0x30, 0x39, byte(dport >> 8), byte(dport), 0, 8, 0, 0})
}

func icmpFrame() []byte {
	return ipv4Frame(1, []byte{8, 0, 0, 0, 0, 1, 0, 1})
}
