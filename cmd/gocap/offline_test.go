package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// writeFrames stores frames as a pcap in the test's directory.
func writeFrames(t *testing.T, name string, fs []testframes.Frame) string {
	t.Helper()
	var buf bytes.Buffer
	if err := testframes.WritePcap(&buf, fs); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var tsLine = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{6} `)

// packetLines counts the lines that start a packet (with a time stamp).
func packetLines(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if tsLine.MatchString(l) {
			n++
		}
	}
	return n
}

func TestReadFile(t *testing.T) {
	frames := testframes.Fixed()
	path := writeFrames(t, "fixed.pcap", frames)
	r := runGocap(t, nil, "-n", "-r", path)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "reading from file " + path + ", link-type EN10MB (Ethernet), snapshot length 262144\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if got := packetLines(r.stdout); got != len(frames) {
		t.Errorf("%d packet lines, want %d:\n%s", got, len(frames), r.stdout)
	}
	// The same file on standard input.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r2 := runGocap(t, bytes.NewReader(data), "-n", "-r", "-")
	if r2.code != exitOK || r2.stdout != r.stdout {
		t.Errorf("-r - differs from -r FILE (exit %d): %s", r2.code, r2.stderr)
	}
}

// matching counts the frames a filter selects, with the compiler and the
// interpreter used directly: the reference for the command line.
func matching(t *testing.T, expr string, fs []testframes.Frame) int {
	t.Helper()
	prog, err := filter.Compile(expr, filter.Options{LinkType: linktype.Ethernet, SnapLen: 262144})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range fs {
		ret, _, err := cbpf.Run(prog.Raw, f.Data, &cbpf.Metadata{WireLen: uint32(f.Length)})
		if err != nil {
			t.Fatal(err)
		}
		if ret > 0 {
			n++
		}
	}
	return n
}

// decodedUDP counts frames whose IP header, as gopacket decodes it, says
// UDP: an independent check that the filter path really filters.
func decodedUDP(fs []testframes.Frame) int {
	n := 0
	for _, f := range fs {
		p := gopacket.NewPacket(f.Data, layers.LayerTypeEthernet, gopacket.Default)
		if ip, ok := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4); ok && ip.Protocol == layers.IPProtocolUDP {
			n++
		} else if ip, ok := p.Layer(layers.LayerTypeIPv6).(*layers.IPv6); ok && ip.NextHeader == layers.IPProtocolUDP {
			n++
		}
	}
	return n
}

func TestReadFileFilterCountWrite(t *testing.T) {
	frames := append(testframes.Fixed(), testframes.Random(7, 200)...)
	path := writeFrames(t, "mixed.pcap", frames)

	for _, expr := range []string{"udp", "tcp[tcpflags] & tcp-syn != 0", "icmp or icmp6", "arp", "vlan", "ip6 and tcp"} {
		want := matching(t, expr, frames)
		r := runGocap(t, nil, append([]string{"-n", "-r", path}, strings.Fields(expr)...)...)
		if r.code != exitOK {
			t.Fatalf("%s: exit %d: %s", expr, r.code, r.stderr)
		}
		if got := packetLines(r.stdout); got != want {
			t.Errorf("filter %q printed %d packets, want %d", expr, got, want)
		}
		r = runGocap(t, nil, append([]string{"--count", "-r", path}, strings.Fields(expr)...)...)
		if wantOut := strconv.Itoa(want) + " packets\n"; r.code != exitOK || r.stdout != wantOut {
			t.Errorf("--count %q: exit %d, stdout %q, want %q", expr, r.code, r.stdout, wantOut)
		}
	}
	// gopacket's own decoding agrees on what is UDP, over the frames it
	// decodes (whole ones, without MPLS, which the filter does not enter).
	var whole []testframes.Frame
	for _, f := range frames {
		p := gopacket.NewPacket(f.Data, layers.LayerTypeEthernet, gopacket.Default)
		if len(f.Data) == f.Length && p.Layer(layers.LayerTypeMPLS) == nil {
			whole = append(whole, f)
		}
	}
	if got, want := matching(t, "udp or (vlan and udp)", whole), decodedUDP(whole); got != want {
		t.Errorf("filter selects %d UDP frames, gopacket decodes %d", got, want)
	}

	// -c stops after N packets.
	r := runGocap(t, nil, "-n", "-c", "3", "-r", path)
	if got := packetLines(r.stdout); r.code != exitOK || got != 3 {
		t.Errorf("-c 3: exit %d, %d packets", r.code, got)
	}

	// -w writes what the filter selects; it reads back identically.
	for _, name := range []string{"out.pcapng", "out.pcap"} {
		out := filepath.Join(t.TempDir(), name)
		r = runGocap(t, nil, "-r", path, "-w", out, "tcp")
		if r.code != exitOK || r.stdout != "" {
			t.Fatalf("-w %s: exit %d, stdout %q, stderr %s", name, r.code, r.stdout, r.stderr)
		}
		got := readAll(t, out)
		var want []testframes.Frame
		prog, _ := filter.Compile("tcp", filter.Options{LinkType: linktype.Ethernet})
		for _, f := range frames {
			if ret, _, _ := cbpf.Run(prog.Raw, f.Data, &cbpf.Metadata{WireLen: uint32(f.Length)}); ret > 0 {
				want = append(want, f)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("-w %s: %d packets written, want %d", name, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i].Data, want[i].Data) || got[i].WireLength() != want[i].Length || !got[i].Timestamp.Equal(want[i].Time) {
				t.Errorf("-w %s: packet %d differs", name, i)
				break
			}
		}
		// Reading the written file prints what reading the original with
		// the same filter printed.
		again := runGocap(t, nil, "-n", "-r", out)
		orig := runGocap(t, nil, "-n", "-r", path, "tcp")
		if again.code != exitOK || again.stdout != orig.stdout || !strings.HasPrefix(again.stderr, "reading from file "+out+", link-type EN10MB (Ethernet)") {
			t.Errorf("-r %s: exit %d, stderr %q; text differs from the original's: %v", name, again.code, again.stderr, again.stdout != orig.stdout)
		}
		f, _ := os.Open(out)
		rd, err := pcapng.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		wantFormat := pcapng.FormatPcapng
		if strings.HasSuffix(name, ".pcap") {
			wantFormat = pcapng.FormatPcap
		}
		if rd.Format() != wantFormat {
			t.Errorf("-w %s wrote %v", name, rd.Format())
		}
		f.Close()
	}

	// --print prints while writing; -w - writes the capture to stdout.
	out := filepath.Join(t.TempDir(), "p.pcapng")
	r = runGocap(t, nil, "-n", "-r", path, "-w", out, "--print", "udp")
	if want := matching(t, "udp", frames); r.code != exitOK || packetLines(r.stdout) != want {
		t.Errorf("--print: exit %d, %d packets printed, want %d", r.code, packetLines(r.stdout), want)
	}
	r = runGocap(t, nil, "-r", path, "-w", "-", "arp")
	rd, err := pcapng.Open(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatalf("-w -: %v", err)
	}
	n := 0
	for {
		if _, err := rd.ReadPacket(); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			break
		}
		n++
	}
	if want := matching(t, "arp", frames); n != want {
		t.Errorf("-w - wrote %d packets, want %d", n, want)
	}
}

func readAll(t *testing.T, path string) []pcapng.Packet {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	var ps []pcapng.Packet
	for {
		p, err := r.ReadPacket()
		if errors.Is(err, io.EOF) {
			return ps
		}
		if err != nil {
			t.Fatal(err)
		}
		p.Data = append([]byte(nil), p.Data...)
		ps = append(ps, p)
	}
}

func TestDump(t *testing.T) {
	for _, expr := range []string{"tcp port 443", "ip and not udp", "vlan 100 and host 10.0.0.1", ""} {
		prog, err := filter.Compile(expr, filter.Options{LinkType: linktype.Ethernet})
		if err != nil {
			t.Fatal(err)
		}
		for level, want := range map[string]string{"-d": cbpf.Dump(prog.Raw), "-dd": cbpf.DumpC(prog.Raw), "-ddd": cbpf.DumpDecimal(prog.Raw)} {
			r := runGocap(t, nil, append([]string{level}, strings.Fields(expr)...)...)
			if r.code != exitOK || r.stdout != want {
				t.Errorf("%s %q: exit %d\n got: %s\nwant: %s\nstderr: %s", level, expr, r.code, r.stdout, want, r.stderr)
			}
		}
		// -ddd reads back into the same program.
		r := runGocap(t, nil, append([]string{"-ddd"}, strings.Fields(expr)...)...)
		back, err := cbpf.ParseDecimal(r.stdout)
		if err != nil || len(back) != len(prog.Raw) {
			t.Errorf("-ddd %q does not parse back: %v", expr, err)
		}
	}
	// -O, -y and -s reach the compiler.
	noOpt, _ := filter.Compile("tcp or udp", filter.Options{LinkType: linktype.LinuxSLL2, SnapLen: 96, NoOptimize: true})
	r := runGocap(t, nil, "-ddd", "-O", "-y", "LINUX_SLL2", "-s", "96", "tcp", "or", "udp")
	if r.stdout != cbpf.DumpDecimal(noOpt.Raw) {
		t.Errorf("-ddd -O -y LINUX_SLL2 -s 96:\n got %s\nwant %s", r.stdout, cbpf.DumpDecimal(noOpt.Raw))
	}
	// The expression may come from -F.
	ff := filepath.Join(t.TempDir(), "f")
	os.WriteFile(ff, []byte("tcp port 443 # https\n"), 0o644)
	r1 := runGocap(t, nil, "-d", "-F", ff)
	r2 := runGocap(t, nil, "-d", "tcp port 443")
	if r1.code != exitOK || r1.stdout != r2.stdout {
		t.Errorf("-F gives %q, the command line %q", r1.stdout, r2.stdout)
	}
	// --ebpf prints the translation with both instruction counts.
	r = runGocap(t, nil, "--ebpf", "tcp", "port", "22")
	if r.code != exitOK || !strings.Contains(r.stdout, "eBPF for socket-filter") || !strings.Contains(r.stdout, "classic BPF instructions") {
		t.Errorf("--ebpf: exit %d, %q %s", r.code, r.stdout, r.stderr)
	}
}

// TestRewriteSectionsAndResolutions: -r of a pcapng file of two sections
// (as two concatenated files are), whose first declares a binary
// if_tsresol and an if_tsoffset, written again with -w: every packet keeps
// its time stamp, bytes and link type, each on an interface of its own.
func TestRewriteSectionsAndResolutions(t *testing.T) {
	for _, name := range []string{"handmade-le.pcapng", "handmade-be.pcapng"} {
		in := filepath.Join("..", "..", "testdata", "pcapng", name)
		out := filepath.Join(t.TempDir(), "out.pcapng")
		if r := runGocap(t, nil, "-r", in, "-w", out); r.code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, r.code, r.stderr)
		}
		want, got := readAll(t, in), readAll(t, out)
		if len(got) != len(want) {
			t.Fatalf("%s: %d packets written, want %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i].LinkType != want[i].LinkType || !got[i].Timestamp.Equal(want[i].Timestamp) || !bytes.Equal(got[i].Data, want[i].Data) {
				t.Errorf("%s: packet %d: %v %v, want %v %v", name, i, got[i].LinkType, got[i].Timestamp, want[i].LinkType, want[i].Timestamp)
			}
		}
	}
}
