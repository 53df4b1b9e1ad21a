package capture

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
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
