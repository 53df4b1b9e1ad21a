package pcapng

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/linktype"
)

// frame builds a well-formed Ethernet/IPv4/UDP frame of exactly size
// bytes (size >= 42), so that dissectors have nothing to complain about.
func frame(size int, seq int) []byte {
	b := make([]byte, size)
	copy(b[0:6], []byte{0x02, 0, 0, 0, 0, 0x02})
	copy(b[6:12], []byte{0x02, 0, 0, 0, 0, 0x01})
	binary.BigEndian.PutUint16(b[12:], 0x0800)
	ip := b[14:34]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(size-14))
	binary.BigEndian.PutUint16(ip[4:], uint16(seq))
	ip[8], ip[9] = 64, 17
	copy(ip[12:16], []byte{10, 199, 6, 1})
	copy(ip[16:20], []byte{10, 199, 6, 2})
	var sum uint32
	for i := 0; i < 20; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(ip[i:]))
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	udp := b[34:42]
	binary.BigEndian.PutUint16(udp[0:], 40000)
	binary.BigEndian.PutUint16(udp[2:], 9)
	binary.BigEndian.PutUint16(udp[4:], uint16(size-34))
	for i := 42; i < size; i++ {
		b[i] = byte(seq + i)
	}
	return b
}

// sample is a capture with everything the writer can express.
type sample struct {
	ifaces  []Interface
	packets []Packet
	stats   map[int]Stats
}

var t0 = time.Date(2026, 11, 22, 1, 2, 3, 456789123, time.UTC)

func newSample(n int) sample {
	s := sample{
		ifaces: []Interface{
			{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6a", Description: "test veth", Filter: "udp and not port 53", OS: "Linux 6.18"},
			{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6b", Filter: "ip host 10.199.6.2 or (tcp[tcpflags] & tcp-syn != 0)",
				Hardware: "virtio-net", Speed: 10_000_000_000},
		},
		stats: map[int]Stats{
			0: {Timestamp: t0.Add(time.Hour), Start: t0, End: t0.Add(time.Minute), Received: 1000, Dropped: 3, FilterAccept: 900, OSDrop: 7, UserDelivered: 890},
			1: {Timestamp: t0.Add(time.Hour), Received: 5, Dropped: 0, FilterAccept: 5, OSDrop: 0, UserDelivered: 5},
		},
	}
	for i := 0; i < n; i++ {
		size := 60 + (i*37)%1454
		p := Packet{
			InterfaceID: i % 2,
			Timestamp:   t0.Add(time.Duration(i) * 1234567 * time.Nanosecond),
			Data:        frame(size, i),
			Direction:   Direction(i % 3),
			Reception:   Reception(i % 5),
			LinkType:    linktype.Ethernet,
		}
		p.OriginalLength = size
		if i%7 == 3 {
			p.OriginalLength = size + 100 // truncated by a snap length
		}
		if i%5 == 2 {
			p.Comment = fmt.Sprintf("packet %d: ünïcode comment", i)
		}
		if i%11 == 4 {
			p.DropCount = uint64(i)
		}
		s.packets = append(s.packets, p)
	}
	return s
}

func (s sample) write(t testing.TB, f Format, opts WriterOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewPacketWriter(&buf, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	s.writeTo(t, w)
	return buf.Bytes()
}

func (s sample) writeTo(t testing.TB, w PacketWriter) {
	t.Helper()
	for i, ifc := range s.ifaces {
		id, err := w.AddInterface(ifc)
		if err != nil {
			t.Fatal(err)
		}
		if id != i {
			t.Fatalf("AddInterface returned id %d, want %d", id, i)
		}
	}
	for i, p := range s.packets {
		if err := w.WritePacket(p); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
	}
	for id, st := range s.stats {
		if err := w.WriteStatistics(id, st); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// readAll reads every packet, copying the data.
func readAll(t testing.TB, data []byte) (Reader, []Packet) {
	t.Helper()
	r, err := Open(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []Packet
	for {
		p, err := r.ReadPacket()
		if err != nil {
			if err.Error() == "EOF" {
				return r, out
			}
			t.Fatalf("packet %d: %v", len(out), err)
		}
		p.Data = bytes.Clone(p.Data)
		out = append(out, p)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// packetDiff describes how got differs from want ("" when equal), with
// timestamps compared as instants and data by content.
func packetDiff(got, want Packet) string {
	var d []string
	if !got.Timestamp.Equal(want.Timestamp) {
		d = append(d, fmt.Sprintf("timestamp %v, want %v", got.Timestamp, want.Timestamp))
	}
	if !bytes.Equal(got.Data, want.Data) {
		d = append(d, fmt.Sprintf("data (%d bytes) differs from want (%d bytes)", len(got.Data), len(want.Data)))
	}
	got.Timestamp, want.Timestamp = time.Time{}, time.Time{}
	got.Data, want.Data = nil, nil
	if !reflect.DeepEqual(got, want) {
		d = append(d, fmt.Sprintf("%+v, want %+v", got, want))
	}
	return strings.Join(d, "; ")
}

func statsDiff(got, want Stats) string {
	var d []string
	for _, ts := range []struct {
		name string
		g, w time.Time
	}{{"timestamp", got.Timestamp, want.Timestamp}, {"start", got.Start, want.Start}, {"end", got.End, want.End}} {
		if !ts.g.Equal(ts.w) {
			d = append(d, fmt.Sprintf("%s %v, want %v", ts.name, ts.g, ts.w))
		}
	}
	got.Timestamp, got.Start, got.End = time.Time{}, time.Time{}, time.Time{}
	want.Timestamp, want.Start, want.End = time.Time{}, time.Time{}, time.Time{}
	if got != want {
		d = append(d, fmt.Sprintf("%+v, want %+v", got, want))
	}
	return strings.Join(d, "; ")
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
