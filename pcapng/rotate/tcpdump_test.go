package rotate

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// tcpdump -r in -w out -C 1 -W n is the oracle for size rotation: with
// classic microsecond pcap, our files must be byte for byte tcpdump's —
// same names, same rotation points, same contents.
func TestSizeRotationMatchesTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pcap")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	src := pcapng.NewPcapWriter(f, pcapng.WriterOptions{Micro: true})
	src.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144})
	for i := 0; i < 3300; i++ { // about 3.6 MB: four files of 1 MB
		p := packet(i)
		p.InterfaceID = 0
		p.Data = append(p.Data, make([]byte, 600)...)
		if err := src.WritePacket(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, w := range []string{"", "3", "10"} {
		theirs := filepath.Join(dir, "tcpdump-W"+w)
		ours := filepath.Join(dir, "gocap-W"+w)
		os.Mkdir(theirs, 0o755)
		os.Mkdir(ours, 0o755)
		args := []string{"-Z", "root", "-r", in, "-w", filepath.Join(theirs, "out"), "-C", "1"}
		count := 0
		if w != "" {
			args = append(args, "-W", w)
			count, _ = strconv.Atoi(w)
		}
		if out, err := exec.Command(tcpdump, args...).CombinedOutput(); err != nil {
			t.Fatalf("tcpdump %v: %v\n%s", args, err, out)
		}
		rw, err := New(filepath.Join(ours, "out"), Options{FileSize: 1_000_000, FileCount: count, Format: pcapng.FormatPcap,
			Writer: pcapng.WriterOptions{Micro: true}})
		if err != nil {
			t.Fatal(err)
		}
		fh, _ := os.Open(in)
		r, err := pcapng.Open(fh)
		if err != nil {
			t.Fatal(err)
		}
		for _, ifc := range r.Interfaces() {
			rw.AddInterface(ifc)
		}
		for {
			p, err := r.ReadPacket()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := rw.WritePacket(p); err != nil {
				t.Fatal(err)
			}
		}
		fh.Close()
		if err := rw.Close(); err != nil {
			t.Fatal(err)
		}
		theirNames, ourNames := listDir(t, theirs), listDir(t, ours)
		if len(theirNames) < 3 || !equalStrings(theirNames, ourNames) {
			t.Fatalf("-W %q: tcpdump wrote %v, we %v", w, theirNames, ourNames)
		}
		for _, n := range theirNames {
			a, _ := os.ReadFile(filepath.Join(theirs, n))
			b, _ := os.ReadFile(filepath.Join(ours, n))
			if !bytes.Equal(a, b) {
				t.Errorf("-W %q: %s differs: tcpdump %d bytes, we %d", w, n, len(a), len(b))
			}
		}
		t.Logf("-W %q: %v identical to tcpdump's", w, theirNames)
	}
}

func listDir(t *testing.T, dir string) []string {
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }
