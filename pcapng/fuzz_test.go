package pcapng

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/gocap/gocap/linktype"
)

var update = flag.Bool("update", false, "rewrite the fixtures in testdata/pcapng")

// handmade builds the fixture with every block type the reader knows.
func handmade(bo byteOrder) []byte {
	b := &ngBuilder{bo: bo}
	b.shb(opt{optSHBUserAppl, []byte("gocap handmade fixture")})
	b.idb(linktype.Ethernet, 65535, opt{optIfName, []byte("eth0")}, opt{optIfTSResol, []byte{0x80 | 20}}, opt{optIfTSOffset, b.u64(1)})
	b.idb(linktype.Raw, 1500, opt{optIfTSResol, []byte{3}})
	b.block(blockNRB, cat(b.u16(1), b.u16(8), []byte{10, 199, 6, 1, 'a', 0, 0, 0}, b.u32(0)))
	b.epb(0, 3<<20|1<<19, frame(60, 1), 60, opt{optEPBFlags, b.u32(1 | 1<<2)}, opt{optComment, []byte("c")})
	b.epb(1, 1234567, frame(80, 2)[14:], 66, opt{optEPBDropCount, b.u64(9)})
	b.spb(60, frame(60, 3))
	b.pb(1, 2, 999, frame(50, 4)[14:], 36)
	b.block(0x40000BAD, cat(b.u32(32473), []byte("custom")))
	b.block(blockISB, cat(b.u32(0), b.ts(5<<20), b.opts(opt{optISBIfRecv, b.u64(4)}, opt{optISBEndTime, b.ts(6 << 20)})))
	b.shb()
	b.idb(linktype.LinuxSLL2, 0)
	b.epb(0, 1_700_000_000_000_000, frame(64, 5), 64)
	return b.out
}

// The fixtures in testdata/pcapng are generated: -update rewrites them, and
// without it the test checks they are current.
func TestFixtures(t *testing.T) {
	s := newSample(20)
	fixtures := map[string][]byte{
		"handmade-le.pcapng": handmade(binary.LittleEndian),
		"handmade-be.pcapng": handmade(binary.BigEndian),
		"gocap-sample.pcapng": s.write(t, FormatPcapng, WriterOptions{
			Hardware: "fixture", OS: "Linux", UserApplication: "gocap fixture"}),
	}
	for name, data := range fixtures {
		path := filepath.Join("..", "testdata", "pcapng", name)
		if *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./pcapng -run Fixtures -update)", err)
		}
		if !bytes.Equal(old, data) {
			t.Errorf("%s is stale: run go test ./pcapng -run Fixtures -update", path)
		}
		if _, err := readFile(data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzReader: whatever the input, the reader returns packets or an error
// with an offset inside the input, never panics, and never hands out more
// bytes than it was given.
func FuzzReader(f *testing.F) {
	for _, path := range corpusFiles(f) {
		data, err := os.ReadFile(path)
		if err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add(handmade(binary.BigEndian))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(bytes.NewReader(data))
		if err != nil {
			checkFuzzError(t, err, data)
			return
		}
		for n := 0; n < 10000; n++ {
			p, err := r.ReadPacket()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkFuzzError(t, err, data)
				return
			}
			if len(p.Data) > len(data) {
				t.Fatalf("packet of %d bytes from %d bytes of input", len(p.Data), len(data))
			}
			ifs := r.Interfaces()
			if p.InterfaceID < 0 || p.InterfaceID >= len(ifs) || ifs[p.InterfaceID].LinkType != p.LinkType {
				t.Fatalf("packet on interface %d (%v) of %d", p.InterfaceID, p.LinkType, len(ifs))
			}
			_, _ = r.Statistics(p.InterfaceID)
		}
	})
}

func checkFuzzError(t *testing.T, err error, data []byte) {
	var fe *FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v is not a *FormatError", err)
	}
	if fe.Offset < 0 || fe.Offset > int64(len(data)) {
		t.Fatalf("error offset %d outside the %d-byte input: %v", fe.Offset, len(data), err)
	}
}

// FuzzRoundTrip: any packet the writer accepts reads back identically with
// our reader and with gopacket's.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello"), int64(1_700_000_000_123_456_789), uint8(1), uint8(4), "comment", uint64(3), uint32(0), uint32(0))
	f.Add([]byte{}, int64(0), uint8(0), uint8(0), "", uint64(0), uint32(1500), uint32(64))
	f.Add(frame(1500, 1), int64(-5), uint8(2), uint8(9), "ünïcode\x00", uint64(1)<<63, uint32(10), uint32(100))
	f.Fuzz(func(t *testing.T, data []byte, ns int64, dir, rec uint8, comment string, drops uint64, orig, snap uint32) {
		p := Packet{Timestamp: time.Unix(0, ns), Data: data, OriginalLength: int(orig), Direction: Direction(dir % 3),
			Reception: Reception(rec % 5), Comment: comment, DropCount: drops, Flags: uint32(dir) << 24}
		if len(comment) > maxStringOption || p.Flags&0x1f != 0 {
			return
		}
		var buf bytes.Buffer
		w, err := NewWriter(&buf, WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: snap}); err != nil {
			t.Fatal(err)
		}
		if err := w.WritePacket(p); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		// What the file should say: data cut to the snap length, the
		// original length at least the captured one, times before 1970
		// clamped to the epoch.
		want := p
		want.LinkType = linktype.Ethernet
		if snap != 0 && uint32(len(want.Data)) > snap {
			want.Data = want.Data[:snap]
		}
		want.OriginalLength = max(p.WireLength(), len(want.Data))
		if ns < 0 {
			want.Timestamp = time.Unix(0, 0)
		}
		_, got := readAll(t, buf.Bytes())
		if len(got) != 1 {
			t.Fatalf("read %d packets", len(got))
		}
		if d := packetDiff(got[0], want); d != "" {
			t.Fatal(d)
		}
		gr, err := pcapgo.NewNgReader(bytes.NewReader(buf.Bytes()), pcapgo.DefaultNgReaderOptions)
		if err != nil {
			t.Fatal(err)
		}
		gd, ci, opts, err := gr.ReadPacketDataWithOptions()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gd, want.Data) || !ci.Timestamp.Equal(want.Timestamp) || ci.Length != want.OriginalLength {
			t.Fatalf("gopacket reads %d bytes at %v, length %d", len(gd), ci.Timestamp, ci.Length)
		}
		if comment != "" && (len(opts.Comments) != 1 || opts.Comments[0] != comment) {
			t.Fatalf("gopacket reads comments %q", opts.Comments)
		}
	})
}
