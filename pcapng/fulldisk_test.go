package pcapng

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
)

// tinyFS mounts a 64 KiB tmpfs on a fresh directory, unmounted at the end.
func tinyFS(t *testing.T) string {
	testenv.RequireRoot(t)
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		testenv.Skip(t, "mounting a tmpfs: %v", err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, 0); err != nil {
			t.Errorf("unmounting %s: %v", dir, err)
		}
	})
	return dir
}

// Writing until the disk is full ends with an error that wraps ENOSPC and
// says how far the file is valid; the file then reads back cleanly up to
// its last complete block, with exactly the packets written before it.
func TestFullDisk(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts WriterOptions
	}{
		{"full.pcapng", WriterOptions{}},
		{"unbuffered.pcapng", WriterOptions{FlushEachPacket: true}},
		{"full.pcap", WriterOptions{}},
		{"small-buffer.pcapng", WriterOptions{BufferSize: 5000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tinyFS(t)
			path := filepath.Join(dir, tc.name)
			w, err := Create(path, FormatAuto, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			id, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6a"})
			if err != nil {
				t.Fatal(err)
			}
			var werr error
			var written []Packet
			for i := 0; i < 10000 && werr == nil; i++ {
				p := Packet{InterfaceID: id, Timestamp: t0.Add(time.Duration(i) * time.Microsecond), Data: frame(1000+i%500, i)}
				werr = w.WritePacket(p)
				written = append(written, p)
			}
			if werr == nil {
				werr = w.Flush()
			}
			if !errors.Is(werr, syscall.ENOSPC) || !strings.Contains(werr.Error(), "valid up to byte") {
				t.Fatalf("error %v, want ENOSPC with the valid length", werr)
			}
			t.Logf("%s: %v", tc.name, werr)
			if err := w.WritePacket(written[0]); !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("a write after the failure returned %v, want the same error", err)
			}
			if err := w.Close(); !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("Close after the failure returned %v", err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := readFile(data)
			if err != nil {
				t.Fatalf("the file after ENOSPC does not read cleanly: %v", err)
			}
			if len(got) == 0 || len(got) >= len(written) {
				t.Fatalf("read %d packets back, wrote %d before the error", len(got), len(written))
			}
			for i := range got {
				written[i].LinkType = linktype.Ethernet
				written[i].OriginalLength = len(written[i].Data)
				if d := packetDiff(got[i], written[i]); d != "" {
					t.Fatalf("packet %d: %s", i, d)
				}
			}
			t.Logf("%s: %d packets (%d bytes) survive", tc.name, len(got), len(data))
			if testenv.Strict() || toolPresent("tshark") {
				out := runTool(t, nil, "tshark", "-r", path, "-T", "fields", "-e", "frame.number")
				if n := strings.Count(out, "\n"); n != len(got) {
					t.Errorf("tshark reads %d packets, want %d", n, len(got))
				}
			}
		})
	}
}

func toolPresent(name string) bool {
	_, err := execLookPath(name)
	return err == nil
}

var execLookPath = exec.LookPath

// A file opened for appending (`gocap -w - >> log`) is never truncated: we
// do not know where our output starts in it.
func TestFullDiskAppendNotTruncated(t *testing.T) {
	dir := tinyFS(t)
	path := filepath.Join(dir, "append")
	if err := os.WriteFile(path, []byte("earlier data, not ours"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := NewWriter(f, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(Interface{LinkType: linktype.Ethernet})
	for i := 0; i < 1000 && err == nil; i++ {
		err = w.WritePacket(Packet{Timestamp: t0, Data: frame(1000, i)})
	}
	if err == nil {
		err = w.Close()
	}
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "partial block") {
		t.Fatalf("error %v, want ENOSPC reporting a partial block", err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "earlier data, not ours") || len(data) < 60000 {
		t.Fatalf("the appended-to file was cut to %d bytes", len(data))
	}
}
