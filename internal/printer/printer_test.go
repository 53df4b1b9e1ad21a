package printer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/linktype"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func render(t *testing.T, o Options, fs []testframes.Frame) string {
	t.Helper()
	var out bytes.Buffer
	o.Location = time.UTC
	p := New(&out, o)
	for _, f := range fs {
		if err := p.Print(&Packet{Time: f.Time, Data: f.Data, Length: f.Length, LinkType: linktype.Ethernet}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestGolden pins the output for the generated frames. The golden files
// were checked byte for byte against tcpdump 4.99.3's output for the same
// pcap (cmd/gocap's TestTcpdumpExactGenerated keeps checking against a live
// tcpdump); -update rewrites them from gocap's output.
func TestGolden(t *testing.T) {
	frames := testframes.Fixed()
	tests := []struct {
		name string
		o    Options
	}{
		{"default", Options{Numeric: true}},
		{"v", Options{Numeric: true, Verbose: 1}},
		{"vv", Options{Numeric: true, Verbose: 2}},
		{"e", Options{Numeric: true, LinkHeader: true}},
		{"q", Options{Numeric: true, Quiet: true}},
		{"X", Options{Numeric: true, HexASCII: 1}},
		{"XX", Options{Numeric: true, HexASCII: 2}},
		{"x", Options{Numeric: true, Hex: 1}},
		{"A", Options{Numeric: true, ASCII: 1}},
		{"tttt-number", Options{Numeric: true, Timestamp: 4, Number: true}},
		{"S", Options{Numeric: true, AbsoluteSeq: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.o, frames)
			path := filepath.Join("testdata", "fixed-"+tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n%s", path, diffLine(string(want), got))
			}
		})
	}
}

func diffLine(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\nwant: " + a + "\n got: " + b
		}
	}
	return ""
}

func TestHexDumps(t *testing.T) {
	data := []byte("\x45\x00\x00\x54abcdefghijklmnopq\r\nz\x01")
	tests := []struct {
		name string
		f    func(b *buf)
		want string
	}{
		{"X", func(b *buf) { hexASCII(b, "\n\t", data, 0) },
			"\n\t0x0000:  4500 0054 6162 6364 6566 6768 696a 6b6c  E..Tabcdefghijkl" +
				"\n\t0x0010:  6d6e 6f70 710d 0a7a 01                   mnopq..z."},
		{"x", func(b *buf) { hexOnly(b, "\n\t", data, 0) },
			"\n\t0x0000:  4500 0054 6162 6364 6566 6768 696a 6b6c" +
				"\n\t0x0010:  6d6e 6f70 710d 0a7a 01"},
		{"x-even", func(b *buf) { hexOnly(b, "\n\t", data[:16], 0) },
			"\n\t0x0000:  4500 0054 6162 6364 6566 6768 696a 6b6c"},
		{"A", func(b *buf) { asciiDump(b, data) }, "\nE..Tabcdefghijklmnopq\nz."},
		{"A-cr-middle", func(b *buf) { asciiDump(b, []byte("a\rbcd")) }, "\na.bcd"},
		{"X-empty", func(b *buf) { hexASCII(b, "\n\t", nil, 0) }, ""},
	}
	for _, tt := range tests {
		b := &buf{}
		tt.f(b)
		if string(b.s) != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, b.s, tt.want)
		}
	}
}

func TestTimestamps(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC)
	times := []time.Time{t0, t0.Add(1500 * time.Millisecond), t0.Add(3723 * time.Second)}
	tests := []struct {
		o    Options
		want []string
	}{
		{Options{}, []string{"03:04:05.123456 ", "03:04:06.623456 ", "04:06:08.123456 "}},
		{Options{Nano: true}, []string{"03:04:05.123456789 ", "03:04:06.623456789 ", "04:06:08.123456789 "}},
		{Options{Timestamp: 1}, []string{"", "", ""}},
		{Options{Timestamp: 2}, []string{"1767323045.123456 ", "1767323046.623456 ", "1767326768.123456 "}},
		{Options{Timestamp: 3}, []string{" 00:00:00.000000 ", " 00:00:01.500000 ", " 01:02:01.500000 "}},
		{Options{Timestamp: 4}, []string{"2026-01-02 03:04:05.123456 ", "2026-01-02 03:04:06.623456 ", "2026-01-02 04:06:08.123456 "}},
		{Options{Timestamp: 5}, []string{" 00:00:00.000000 ", " 00:00:01.500000 ", " 01:02:03.000000 "}},
	}
	for _, tt := range tests {
		tt.o.Location = time.UTC
		p := New(nil, tt.o)
		for i, ts := range times {
			b := &buf{}
			p.timestamp(b, ts)
			if string(b.s) != tt.want[i] {
				t.Errorf("-t x%d nano=%v packet %d: %q, want %q", tt.o.Timestamp, tt.o.Nano, i, b.s, tt.want[i])
			}
		}
	}
}

func TestTCPFlags(t *testing.T) {
	for f, want := range map[uint8]string{0: "none", 0x02: "S", 0x12: "S.", 0x18: "P.", 0x11: "F.", 0x04: "R", 0xc2: "SEW", 0x38: "P.U", 0xff: "FSRP.UEW"} {
		if got := tcpFlags(f); got != want {
			t.Errorf("tcpFlags(%#x) = %q, want %q", f, got, want)
		}
	}
}

// TestNoPanic feeds every prefix of every frame, and random bytes, through
// every link type: truncated input must never crash the printer.
func TestNoPanic(t *testing.T) {
	frames := append(testframes.Fixed(), testframes.Random(5, 30)...)
	var out bytes.Buffer
	for _, lt := range []linktype.Type{linktype.Ethernet, linktype.Raw, linktype.IPv4, linktype.IPv6, linktype.Null, linktype.Loop, linktype.LinuxSLL, linktype.LinuxSLL2, 147} {
		for _, o := range []Options{{Numeric: true}, {Numeric: true, Verbose: 3, LinkHeader: true, HexASCII: 1}} {
			p := New(&out, o)
			for _, f := range frames {
				for n := 0; n <= len(f.Data); n++ {
					if err := p.Print(&Packet{Time: f.Time, Data: f.Data[:n], Length: f.Length, LinkType: lt}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}
