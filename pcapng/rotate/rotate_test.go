package rotate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

var t0 = time.Date(2026, 11, 22, 1, 2, 3, 0, time.UTC)

var testIfaces = []pcapng.Interface{
	{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6a", Filter: "udp"},
	{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6b", Filter: "udp"},
}

func packet(i int) pcapng.Packet {
	data := make([]byte, 400+i%300)
	for j := range data {
		data[j] = byte(i + j)
	}
	return pcapng.Packet{InterfaceID: i % 2, Timestamp: t0.Add(time.Duration(i) * time.Millisecond), Data: data,
		Direction: pcapng.DirectionInbound}
}

// clock is a fake -G clock that the test advances.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

type fileContent struct {
	packets []pcapng.Packet
	ifaces  []pcapng.Interface
	stats   map[int]pcapng.Stats
	size    int64
}

// readBack reads a rotated file completely; any error fails the test.
func readBack(t *testing.T, name string) fileContent {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pcapng.Open(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	fc := fileContent{stats: map[int]pcapng.Stats{}, size: int64(len(data))}
	for {
		p, err := r.ReadPacket()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p.Data = bytes.Clone(p.Data)
		fc.packets = append(fc.packets, p)
	}
	fc.ifaces = r.Interfaces()
	for id := range fc.ifaces {
		if s, ok := r.Statistics(id); ok {
			fc.stats[id] = s
		}
	}
	return fc
}

// checkComplete asserts what every rotated file must hold: both
// interfaces, re-declared, and their statistics at the end; tshark and
// capinfos must agree.
func checkComplete(t *testing.T, name string, fc fileContent) {
	t.Helper()
	if len(fc.ifaces) != len(testIfaces) || fc.ifaces[1].Name != testIfaces[1].Name {
		t.Errorf("%s: interfaces %+v", name, fc.ifaces)
	}
	if len(fc.stats) != len(testIfaces) {
		t.Errorf("%s: statistics for %d interfaces, want %d", name, len(fc.stats), len(testIfaces))
	}
}

func tsharkCount(t *testing.T, name string) int {
	t.Helper()
	tshark := testenv.RequireTool(t, "tshark")
	cmd := exec.Command(tshark, "-r", name, "-T", "fields", "-e", "frame.interface_name")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tshark -r %s: %v: %s", name, err, stderr.String())
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if l != "" && !strings.HasPrefix(l, "Running as user") {
			t.Errorf("tshark -r %s: %s", name, l)
		}
	}
	return strings.Count(out.String(), "\n")
}

func TestSizeRotation(t *testing.T) {
	for _, tc := range []struct {
		count int
		names func(i int) string // name of the i-th file opened
	}{
		{0, func(i int) string {
			if i == 0 {
				return "cap.pcapng"
			}
			return fmt.Sprintf("cap.pcapng%d", i)
		}},
		{3, func(i int) string { return fmt.Sprintf("cap.pcapng%d", i%3) }},
		{11, func(i int) string { return fmt.Sprintf("cap.pcapng%02d", i%11) }},
	} {
		t.Run(fmt.Sprintf("W=%d", tc.count), func(t *testing.T) {
			dir := t.TempDir()
			const limit = 20_000
			var cur int64 = 1000
			w, err := New(filepath.Join(dir, "cap.pcapng"), Options{
				FileSize: limit, FileCount: tc.count,
				Stats: func(id int) (pcapng.Stats, bool) {
					return pcapng.Stats{Received: uint64(cur + int64(id)), Dropped: 1}, true
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, ifc := range testIfaces {
				if _, err := w.AddInterface(ifc); err != nil {
					t.Fatal(err)
				}
			}
			const n = 600 // about 330 kB: 17 files
			perFile := map[string][]int{}
			for i := 0; i < n; i++ {
				if err := w.WritePacket(packet(i)); err != nil {
					t.Fatal(err)
				}
				name := filepath.Base(w.FileName())
				if len(w.Files()) > 1 && filepath.Base(w.Files()[len(w.Files())-2]) == name {
					t.Fatalf("rotated into the same name %s", name)
				}
				if len(perFile[name]) > 0 && perFile[name][len(perFile[name])-1] != i-1 {
					perFile[name] = nil // overwritten by the -W cycle
				}
				perFile[name] = append(perFile[name], i)
				cur++
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			files := w.Files()
			if len(files) < 10 {
				t.Fatalf("%d files for %d bytes with -C %d", len(files), n*550, limit)
			}
			for i, f := range files {
				if got, want := filepath.Base(f), tc.names(i); got != want {
					t.Fatalf("file %d is %s, want %s", i, got, want)
				}
			}
			entries, _ := os.ReadDir(dir)
			wantOnDisk := len(files)
			if tc.count > 0 {
				wantOnDisk = min(tc.count, len(files))
			}
			if len(entries) != wantOnDisk {
				t.Fatalf("%d files on disk, %d opened, -W %d", len(entries), len(files), tc.count)
			}
			total := 0
			for _, e := range entries {
				path := filepath.Join(dir, e.Name())
				fc := readBack(t, path)
				checkComplete(t, e.Name(), fc)
				want := perFile[e.Name()]
				if len(fc.packets) != len(want) {
					t.Fatalf("%s: %d packets, want %d", e.Name(), len(fc.packets), len(want))
				}
				for j, p := range fc.packets {
					if !bytes.Equal(p.Data, packet(want[j]).Data) {
						t.Fatalf("%s: packet %d is not packet %d", e.Name(), j, want[j])
					}
				}
				// Not late: a file holds at most one packet past the limit
				// (plus its statistics); not early: every file but the
				// current one went past it.
				if fc.size > limit+2000 {
					t.Errorf("%s: %d bytes with -C %d", e.Name(), fc.size, limit)
				}
				if path != w.FileName() && fc.size <= limit {
					t.Errorf("%s: rotated at %d bytes, before reaching -C %d", e.Name(), fc.size, limit)
				}
				// The statistics are those of the moment of rotation.
				lastPkt := want[len(want)-1]
				if s := fc.stats[1]; s.Received != uint64(1000+lastPkt+1+1) || s.Dropped != 1 {
					t.Errorf("%s: statistics %+v after packet %d", e.Name(), s, lastPkt)
				}
				total += len(fc.packets)
				if tc.count == 3 {
					if c := tsharkCount(t, path); c != len(fc.packets) {
						t.Errorf("%s: tshark reads %d packets, we %d", e.Name(), c, len(fc.packets))
					}
				}
			}
			if tc.count == 0 && total != n {
				t.Errorf("files hold %d packets, wrote %d", total, n)
			}
		})
	}
}

func TestTimeRotation(t *testing.T) {
	dir := t.TempDir()
	clk := &clock{now: t0}
	w, err := New(filepath.Join(dir, "cap-%Y%m%d-%H%M%S.pcapng"), Options{Interval: 2 * time.Second, FileCount: 3, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	for _, ifc := range testIfaces {
		w.AddInterface(ifc)
	}
	var err2 error
	i := 0
	for ; i < 1000; i++ {
		clk.now = t0.Add(time.Duration(i/10) * time.Second)
		if err2 = w.WritePacket(packet(i)); err2 != nil {
			break
		}
	}
	if !errors.Is(err2, ErrFileLimit) || i != 60 {
		t.Fatalf("stopped at packet %d with %v, want ErrFileLimit at 60", i, err2)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"cap-20261122-010203.pcapng", "cap-20261122-010205.pcapng", "cap-20261122-010207.pcapng"}
	files := w.Files()
	if len(files) != len(want) {
		t.Fatalf("files %v, want %v", files, want)
	}
	for k, f := range files {
		if filepath.Base(f) != want[k] {
			t.Errorf("file %d: %s, want %s", k, filepath.Base(f), want[k])
		}
		fc := readBack(t, f)
		if len(fc.ifaces) != 2 || len(fc.packets) != 20 || !bytes.Equal(fc.packets[0].Data, packet(20*k).Data) {
			t.Errorf("%s: %d interfaces, %d packets", f, len(fc.ifaces), len(fc.packets))
		}
		if c := tsharkCount(t, f); c != 20 {
			t.Errorf("%s: tshark reads %d packets", f, c)
		}
	}
}

// -G with -C: a strftime name plus a counter that restarts at every -G
// rotation, tcpdump's naming.
func TestTimeAndSizeRotation(t *testing.T) {
	dir := t.TempDir()
	clk := &clock{now: t0}
	w, err := New(filepath.Join(dir, "c%M%S.pcap"), Options{Interval: 10 * time.Second, FileSize: 5000, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(testIfaces[0])
	for i := 0; i < 60; i++ {
		clk.now = t0.Add(time.Duration(i/30) * 10 * time.Second)
		p := packet(i)
		p.InterfaceID = 0
		if err := w.WritePacket(p); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	var got []string
	for _, f := range w.Files() {
		got = append(got, filepath.Base(f))
		if fc := readBack(t, f); len(fc.packets) == 0 {
			t.Errorf("%s is empty", f)
		}
	}
	// 30 packets of ~550 bytes per 10 s: files of 10 packets each.
	want := "c0203.pcap c0203.pcap1 c0203.pcap2 c0213.pcap c0213.pcap1 c0213.pcap2"
	if strings.Join(got, " ") != want {
		t.Errorf("files %v, want %s", got, want)
	}
	if w.Format() != pcapng.FormatPcap {
		t.Errorf("format %v for a .pcap name", w.Format())
	}
}

func TestParseFileSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"1", 1_000_000}, {"250", 250_000_000}, {"10k", 10240}, {"3M", 3 << 20}, {"2g", 2 << 30},
		{"0", -1}, {"-5", -1}, {"", -1}, {"k", -1}, {"1.5", -1}, {"10kb", -1}, {"99999999999999999g", -1},
	} {
		got, err := ParseFileSize(tc.in)
		if tc.want < 0 && err == nil || tc.want >= 0 && (err != nil || got != tc.want) {
			t.Errorf("ParseFileSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}
