package pcapng

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocap/gocap/linktype"
)

// BenchmarkWriter measures writer throughput: packets/s and MB/s of packet
// data for minimum-size and full-size Ethernet frames, pcapng and pcap,
// into io.Discard (the cost of the format alone) and into a file in
// $TMPDIR (with the write system calls and the page cache).
func BenchmarkWriter(b *testing.B) {
	for _, sink := range []string{"discard", "file"} {
		for _, size := range []int{64, 1500} {
			for _, f := range []Format{FormatPcapng, FormatPcap} {
				benchmarkWriter(b, sink, f, size)
			}
		}
	}
}

func benchmarkWriter(b *testing.B, sink string, f Format, size int) {
	b.Run(fmt.Sprintf("%s/%v/%dB", sink, f, size), func(b *testing.B) {
		var out io.Writer = io.Discard
		if sink == "file" {
			file, err := os.Create(filepath.Join(b.TempDir(), "bench"))
			if err != nil {
				b.Fatal(err)
			}
			defer file.Close()
			out = file
		}
		w, err := NewPacketWriter(out, f, WriterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		id, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "eth0"})
		if err != nil {
			b.Fatal(err)
		}
		p := Packet{InterfaceID: id, Timestamp: t0, Data: frame(size, 1), Direction: DirectionInbound, Reception: ReceptionUnicast}
		b.SetBytes(int64(size))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := w.WritePacket(p); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
	})
}

// BenchmarkReader measures reading back what the writer wrote.
func BenchmarkReader(b *testing.B) {
	for _, size := range []int{64, 1500} {
		b.Run(fmt.Sprintf("pcapng/%dB", size), func(b *testing.B) {
			s := sample{ifaces: []Interface{{LinkType: linktype.Ethernet, Name: "eth0"}}}
			for i := 0; i < 10000; i++ {
				s.packets = append(s.packets, Packet{Timestamp: t0, Data: frame(size, i), Direction: DirectionInbound})
			}
			data := s.write(b, FormatPcapng, WriterOptions{})
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			var r Reader
			for i := 0; i < b.N; i++ {
				if i%10000 == 0 {
					var err error
					if r, err = Open(bytesReader(data)); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := r.ReadPacket(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
		})
	}
}
