package pcapng

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
)

// runTool runs a capture reader and fails on any diagnostic it prints
// (tshark and capinfos warn about malformed files on stderr; the note about
// running as root is the only line tolerated).
func runTool(t *testing.T, stdin []byte, name string, args ...string) string {
	t.Helper()
	path := testenv.RequireTool(t, name)
	cmd := exec.Command(path, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	err := cmd.Run()
	for _, line := range strings.Split(errb.String(), "\n") {
		if line == "" || strings.HasPrefix(line, "Running as user") || strings.HasPrefix(line, "reading from file") {
			continue
		}
		t.Errorf("%s %s: stderr: %s", name, strings.Join(args, " "), line)
	}
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String()
}

func writeSampleFile(t *testing.T, s sample, name string, f Format, opts WriterOptions) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, s.write(t, f, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tshark reads every packet with the right interface, direction,
// reception type, lengths, timestamp, drop count and comment.
func TestTsharkReadsPcapng(t *testing.T) {
	s := newSample(120)
	path := writeSampleFile(t, s, "sample.pcapng", FormatPcapng, WriterOptions{})
	out := runTool(t, nil, "tshark", "-r", path, "-T", "fields", "-E", "separator=|",
		"-e", "frame.interface_name", "-e", "frame.packet_flags_direction", "-e", "frame.packet_flags_reception_type",
		"-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch", "-e", "frame.drop_count", "-e", "frame.comment",
		"-e", "udp.srcport")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(s.packets) {
		t.Fatalf("tshark shows %d packets, wrote %d", len(lines), len(s.packets))
	}
	for i, line := range lines {
		p := s.packets[i]
		drops := ""
		if p.DropCount != 0 {
			drops = strconv.FormatUint(p.DropCount, 10)
		}
		// Without direction and reception no epb_flags are written, and
		// tshark shows no flag fields.
		dir, rec := fmt.Sprintf("0x%08x", uint32(p.Direction)), strconv.Itoa(int(p.Reception))
		if p.Direction == DirectionUnknown && p.Reception == ReceptionUnspecified {
			dir, rec = "", ""
		}
		want := strings.Join([]string{
			s.ifaces[p.InterfaceID].Name,
			dir,
			rec,
			strconv.Itoa(p.WireLength()),
			strconv.Itoa(len(p.Data)),
			fmt.Sprintf("%d.%09d", p.Timestamp.Unix(), p.Timestamp.Nanosecond()),
			drops,
			p.Comment,
			"40000",
		}, "|")
		if line != want {
			t.Errorf("packet %d: tshark shows\n %s\nwant\n %s", i, line, want)
		}
	}
}

// capinfos sees the section header, both interfaces with their names,
// descriptions and filters, and one statistics block each.
func TestCapinfosReadsPcapng(t *testing.T) {
	s := newSample(50)
	path := writeSampleFile(t, s, "sample.pcapng", FormatPcapng, WriterOptions{})
	out := runTool(t, nil, "capinfos", "-M", path)
	for _, want := range []string{
		"Number of packets:   50",
		"File type:           pcapng",
		"File timestamp precision:  nanoseconds (9)",
		"Capture application: gocap " + Version,
		"Capture oper-sys:    Linux",
		"Number of interfaces in file: 2",
		"Name = veth-gc6a", "Description = test veth", "Filter string = udp and not port 53",
		"Name = veth-gc6b", "Filter string = " + s.ifaces[1].Filter,
		"Operating system = Linux 6.18",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("capinfos output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Number of stat entries = 1"); n != 2 {
		t.Errorf("capinfos shows %d interfaces with one statistics block, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "Number of packets = 25"); n != 2 {
		t.Errorf("capinfos shows %d interfaces with 25 packets, want 2:\n%s", n, out)
	}
}

// tcpdump (libpcap) reads our classic pcap in both resolutions and our
// single-link-type pcapng, from a file and from a pipe.
func TestTcpdumpReads(t *testing.T) {
	s := newSample(40)
	for _, tc := range []struct {
		name   string
		format Format
		opts   WriterOptions
	}{
		{"nano.pcap", FormatPcap, WriterOptions{}},
		{"micro.pcap", FormatPcap, WriterOptions{Micro: true}},
		{"sample.pcapng", FormatPcapng, WriterOptions{}},
		{"stream.pcapng", FormatPcapng, WriterOptions{LibpcapCompatible: true, FlushEachPacket: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := s
			if tc.format == FormatPcap {
				s.ifaces = s.ifaces[:1]
				delete(s.stats, 1)
				s.packets = append([]Packet(nil), s.packets...)
				for i := range s.packets {
					s.packets[i].InterfaceID = 0
				}
			}
			path := writeSampleFile(t, s, tc.name, tc.format, tc.opts)
			args := []string{"-nn", "--nano", "-tt"}
			fromFile := runTool(t, nil, "tcpdump", append(args, "-r", path)...)
			data, _ := os.ReadFile(path)
			fromPipe := runTool(t, data, "tcpdump", append(args, "-r", "-")...)
			if fromFile != fromPipe {
				t.Errorf("tcpdump prints differently from a file and from a pipe")
			}
			lines := strings.Split(strings.TrimSpace(fromFile), "\n")
			if len(lines) != len(s.packets) {
				t.Fatalf("tcpdump prints %d packets, wrote %d:\n%s", len(lines), len(s.packets), fromFile)
			}
			for i, line := range lines {
				p := s.packets[i]
				frac := p.Timestamp.Nanosecond()
				if tc.opts.Micro {
					frac = frac / 1000 * 1000
				}
				want := fmt.Sprintf("%d.%09d IP 10.199.6.1.40000 > 10.199.6.2.9: UDP, length %d",
					p.Timestamp.Unix(), frac, len(p.Data)-42)
				if !strings.HasPrefix(line, want) {
					t.Errorf("packet %d: tcpdump prints\n %s\nwant\n %s", i, line, want)
				}
			}
		})
	}
}

// Why LibpcapCompatible exists: without it, interfaces with different snap
// lengths make libpcap stop reading, as doc.go says.
func TestTcpdumpRefusesMixedSnapLen(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, compat := range []bool{false, true} {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, WriterOptions{LibpcapCompatible: compat})
		w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 262144})
		w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 96})
		w.WritePacket(Packet{InterfaceID: 1, Timestamp: t0, Data: frame(60, 0)})
		w.Close()
		cmd := exec.Command(tcpdump, "-nn", "-r", "-")
		cmd.Stdin = &buf
		out, err := cmd.CombinedOutput()
		refused := err != nil && strings.Contains(string(out), "snapshot length")
		if refused == compat {
			t.Errorf("LibpcapCompatible=%v: tcpdump: %v\n%s", compat, err, out)
		}
	}
}

// Our reader agrees with tshark on every pcapng file we have — the
// handmade fixtures (both byte orders, binary if_tsresol, if_tsoffset,
// SPB, PB, several sections) and the shared corpus: same packets, same
// timestamps to the nanosecond, same lengths, same interface ids.
func TestReaderMatchesTshark(t *testing.T) {
	var files []string
	for _, f := range corpusFiles(t) {
		if strings.HasSuffix(f, ".pcapng") && !strings.Contains(f, "invalid") && !strings.Contains(f, "too-long") {
			files = append(files, f)
		}
	}
	if len(files) < 5 {
		t.Fatalf("only %d pcapng files", len(files))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ours, err := readFile(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out := runTool(t, nil, "tshark", "-r", path, "-T", "fields", "-E", "separator=|",
			"-e", "frame.interface_id", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len")
		var theirs []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line != "" && !strings.HasPrefix(line, "|") { // custom blocks show as frames without an interface
				theirs = append(theirs, line)
			}
		}
		if len(theirs) != len(ours) {
			t.Errorf("%s: tshark shows %d packets, we read %d", filepath.Base(path), len(theirs), len(ours))
			continue
		}
		for i, p := range ours {
			ts := fmt.Sprintf("%d.%09d", p.Timestamp.Unix(), p.Timestamp.Nanosecond())
			if p.Timestamp.Equal(time.Unix(0, 0)) {
				ts = "" // a Simple Packet Block has no timestamp
			}
			want := fmt.Sprintf("%d|%s|%d|%d", p.InterfaceID, ts, p.WireLength(), len(p.Data))
			if theirs[i] != want {
				t.Errorf("%s packet %d: tshark %s, we %s", filepath.Base(path), i, theirs[i], want)
			}
		}
	}
}
