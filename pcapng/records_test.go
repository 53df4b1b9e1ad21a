package pcapng

import (
	"bytes"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/gocap/gocap/linktype"
)

// frames is a RecordSource over packets: what a capture ring is to
// WriteRecords.
type frames struct {
	ps []Packet
}

func (f *frames) AppendRecords(e *Encoder, b []byte, limit int) ([]byte, int) {
	n := 0
	for n < len(f.ps) && len(b) < limit {
		p := &f.ps[n]
		b = e.Append(b, uint32(p.Timestamp.Unix()), uint32(p.Timestamp.Nanosecond()), p.Data, p.OriginalLength, p.Direction, p.Reception)
		n++
	}
	f.ps = f.ps[n:]
	return b, n
}

func recordPackets(n int) []Packet {
	ps := make([]Packet, n)
	for i := range ps {
		ps[i] = Packet{Timestamp: t0.Add(time.Duration(i) * 1234567), Data: frame(60+i%1500, i), OriginalLength: 60 + i%1500 + i%3,
			Direction: Direction(i % 3), Reception: Reception(i % 5)}
	}
	return ps
}

// TestWriteRecordsAsWritePacket: records appended with an Encoder are byte
// for byte what WritePacket writes for the same packets, in both formats,
// with microsecond pcap, a snap length, and nanosecond or microsecond
// pcapng interfaces.
func TestWriteRecordsAsWritePacket(t *testing.T) {
	ps := recordPackets(3000)
	for _, f := range []Format{FormatPcap, FormatPcapng} {
		for _, c := range []struct {
			micro   bool
			snap    uint32
			tsresol uint8
		}{{false, 0, 0}, {true, 100, 6}, {false, 1000, 9}} {
			name := fmt.Sprintf("%v/%+v", f, c)
			open := func() (*bytes.Buffer, PacketWriter) {
				var buf bytes.Buffer
				w, err := NewPacketWriter(&buf, f, WriterOptions{Micro: c.micro, BufferSize: 5000})
				if err != nil {
					t.Fatal(err)
				}
				for range 2 {
					if _, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: c.snap, TSResol: c.tsresol, Name: "eth0"}); err != nil {
						t.Fatal(err)
					}
				}
				return &buf, w
			}
			wantBuf, want := open()
			for _, p := range ps {
				p.InterfaceID = 1
				if err := want.WritePacket(p); err != nil {
					t.Fatal(err)
				}
			}
			gotBuf, got := open()
			src := &frames{ps: ps}
			calls := 0
			for len(src.ps) > 0 {
				if _, err := got.(RecordWriter).WriteRecords(1, src); err != nil {
					t.Fatal(err)
				}
				calls++
			}
			for _, w := range []PacketWriter{want, got} {
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			}
			if calls < 2 {
				t.Errorf("%s: %d WriteRecords calls: the source did not stop at the buffer's limit", name, calls)
			}
			if !bytes.Equal(gotBuf.Bytes(), wantBuf.Bytes()) {
				t.Errorf("%s: WriteRecords wrote %d bytes, WritePacket %d: they differ", name, gotBuf.Len(), wantBuf.Len())
			}
		}
	}
}

// TestWriteRecordsShortWrite: a write that fails inside a run of records
// cuts the output back to the last whole record, as for blocks written one
// by one.
func TestWriteRecordsShortWrite(t *testing.T) {
	for _, f := range []Format{FormatPcap, FormatPcapng} {
		for _, limit := range []int{1000, 5000, 30001} {
			bp := &brokenPipe{limit: limit}
			w, err := NewPacketWriter(bp, f, WriterOptions{BufferSize: 4096})
			if err != nil {
				t.Fatal(err)
			}
			if _, err = w.AddInterface(Interface{LinkType: linktype.Ethernet, Name: "eth0"}); err != nil {
				t.Fatal(err)
			}
			src := &frames{ps: recordPackets(200)}
			for err == nil && len(src.ps) > 0 {
				_, err = w.(RecordWriter).WriteRecords(0, src)
			}
			if err == nil {
				err = w.Close()
			}
			if !errors.Is(err, syscall.EPIPE) {
				t.Fatalf("%v, limit %d: error %v, want EPIPE", f, limit, err)
			}
			valid := validLength(t, err)
			// The records are at most 1,600 bytes: the last whole one
			// ends at most that far before the limit.
			if valid > limit || valid <= limit-1600 {
				t.Fatalf("%v, limit %d: valid up to %d", f, limit, valid)
			}
			ps, rerr := readFile(bp.data[:valid])
			if rerr != nil {
				t.Fatalf("%v, limit %d: the first %d bytes do not read cleanly: %v", f, limit, valid, rerr)
			}
			if len(ps) == 0 {
				t.Fatalf("%v, limit %d: no packet in the valid part", f, limit)
			}
		}
	}
}
