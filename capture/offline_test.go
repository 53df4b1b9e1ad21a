package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

const corpusDir = "../../shared/corpus/tcpdump"

// TestOfflineMatchesTcpdump reads the tcpdump corpus with filters and
// requires the packets tcpdump -r selects with the same (offline) program.
func TestOfflineMatchesTcpdump(t *testing.T) {
	testenv.RequireTool(t, "tcpdump")
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.pcap*"))
	if len(files) == 0 {
		testenv.Skip(t, "no capture corpus in %s", corpusDir)
	}
	exprs := []string{"", "tcp", "vlan", "ip6 or arp"}
	compared := 0
	for _, file := range files {
		for _, expr := range exprs {
			args := []string{"-ddd", "-r", file}
			if expr != "" {
				args = append(args, expr)
			}
			out, err := exec.Command("tcpdump", args...).Output()
			if err != nil {
				continue // filter not valid for this link type
			}
			prog := parseDDD(t, string(out))
			pcap := filepath.Join(t.TempDir(), "out.pcap")
			args = []string{"-r", file, "-w", pcap, "--time-stamp-precision", "nano"}
			if expr != "" {
				args = append(args, expr)
			}
			if out, err := exec.Command("tcpdump", args...).CombinedOutput(); err != nil {
				if strings.Contains(string(out), "truncated") || strings.Contains(string(out), "bad dump") {
					continue // corrupt on purpose
				}
				t.Fatalf("tcpdump %v: %v: %s", args, err, out)
			}
			want, err := readPcap(pcap)
			if err != nil {
				t.Fatal(err)
			}
			src, err := OpenFile(file, Fixed(prog), 0)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			var got []Packet
			for {
				p, err := src.ReadPacket(context.Background())
				if err != nil {
					if err != io.EOF && len(got) < len(want) {
						t.Errorf("%s %q: %v after %d packets", file, expr, err, len(got))
					}
					break
				}
				got = append(got, p)
			}
			src.Close()
			if len(got) != len(want) {
				t.Errorf("%s %q: gocap %d packets, tcpdump %d", filepath.Base(file), expr, len(got), len(want))
				continue
			}
			for i := range want {
				if !bytes.Equal(got[i].Data, want[i].data) || got[i].Length != want[i].origLen || !got[i].Timestamp.Equal(want[i].ts) {
					t.Errorf("%s %q: packet %d differs", filepath.Base(file), expr, i)
					break
				}
			}
			compared++
		}
	}
	t.Logf("%d file/filter pairs compared", compared)
	if compared < 50 {
		t.Errorf("only %d file/filter pairs compared", compared)
	}
}

func TestOfflineErrors(t *testing.T) {
	if _, err := OpenFile("/nonexistent/x.pcap", nil, 0); err == nil || !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := NewFile(strings.NewReader("not a capture file at all"), nil, 0); err == nil {
		t.Error("garbage accepted")
	}
	_ = strconv.Itoa
}

// TestFileRawLinkType reads a LINKTYPE_RAW (101) pcap through the library
// with a filter compiled for the link type File reports: the file's
// LINKTYPE_ value must arrive as DLT_RAW (12), which the compiler knows.
func TestFileRawLinkType(t *testing.T) {
	udp := []byte{0x45, 0, 0, 28, 0, 1, 0, 0, 64, 17, 0, 0, 10, 199, 0, 1, 10, 199, 0, 2, 0x30, 0x39, 0, 53, 0, 8, 0, 0}
	tcp := slices.Clone(udp)
	tcp[9] = 6
	var buf bytes.Buffer
	w := pcapng.NewPcapWriter(&buf, pcapng.WriterOptions{})
	if _, err := w.AddInterface(pcapng.Interface{LinkType: linktype.Raw}); err != nil {
		t.Fatal(err)
	}
	for _, d := range [][]byte{udp, tcp, udp} {
		if err := w.WritePacket(pcapng.Packet{Data: d}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := binary.NativeEndian.Uint32(buf.Bytes()[20:]); got != 101 {
		t.Fatalf("the pcap records link type %d, want LINKTYPE_RAW 101", got)
	}
	compile := func(lt linktype.Type, snap uint32) ([]bpf.RawInstruction, error) {
		p, err := filter.Compile("udp port 53", filter.Options{LinkType: lt, SnapLen: snap})
		if err != nil {
			return nil, err
		}
		return p.Raw, nil
	}
	src, err := NewFile(&buf, compile, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	n := 0
	for {
		p, err := src.ReadPacket(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.LinkType != linktype.Raw {
			t.Errorf("packet link type %v, want RAW", p.LinkType)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d packets matched, want 2", n)
	}
}
