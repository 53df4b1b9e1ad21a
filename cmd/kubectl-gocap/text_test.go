package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/fleet"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// udp4 is an Ethernet/IPv4/UDP frame from src to dst, port 9999, with payload.
func udp4(src, dst byte, payload string) []byte {
	b := []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00}
	ip := []byte{0x45, 0, 0, byte(28 + len(payload)), 0, 1, 0, 0, 64, 17, 0, 0, 10, 199, 1, src, 10, 199, 1, dst}
	udp := []byte{0x9c, 0x40, 0x27, 0x0f, 0, byte(8 + len(payload)), 0, 0}
	return append(append(append(b, ip...), udp...), payload...)
}

func stream(t *testing.T, ts time.Time, data []byte) *bytes.Buffer {
	var b bytes.Buffer
	w, err := pcapng.NewWriter(&b, pcapng.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, Name: "eth0"})
	w.WritePacket(pcapng.Packet{Timestamp: ts, Data: data})
	w.Close()
	return &b
}

// TestTextOutput: the merged capture printed as text, each line naming
// the node's interface and the pod, in time order.
func TestTextOutput(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	tw := newTextWriter(&out, printer.Options{Numeric: true, Location: time.UTC})
	_, err := fleet.Merge(context.Background(), tw, []fleet.Stream{
		{Node: "n2", Pod: "default/b", R: stream(t, t0.Add(time.Millisecond), udp4(100, 10, "pong"))},
		{Node: "n1", Pod: "default/a", R: stream(t, t0, udp4(10, 100, "ping"))},
	}, fleet.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tw.Close()
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{
		"10:00:00.000000 n1:eth0 default/a IP 10.199.1.10.40000 > 10.199.1.100.9999: UDP, length 4",
		"10:00:00.001000 n2:eth0 default/b IP 10.199.1.100.40000 > 10.199.1.10.9999: UDP, length 4",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if podOf("node=n1\nPID: 4") != "" || podOf("node=n1 pod=x/y\nmore") != "x/y" {
		t.Error("podOf")
	}
}

// TestStdoutMixedLinkTypes: -w - takes a node's Linux cooked interface and
// a pod's Ethernet one in one stream.
func TestStdoutMixedLinkTypes(t *testing.T) {
	var out bytes.Buffer
	w, err := open(&flags{write: "-"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddInterface(pcapng.Interface{LinkType: linktype.LinuxSLL2, Name: "n1:any"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, Name: "n2:eth0"}); err != nil {
		t.Fatalf("a second link type on standard output: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := pcapng.Open(&out)
	if err != nil {
		t.Fatal(err)
	}
	r.ReadPacket()
	if ifs := r.Interfaces(); len(ifs) != 2 || ifs[0].LinkType != linktype.LinuxSLL2 || ifs[1].LinkType != linktype.Ethernet {
		t.Errorf("interfaces %+v", ifs)
	}
}
