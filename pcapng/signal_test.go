package pcapng

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gocap/gocap/linktype"
)

const signalChildEnv = "GOCAP_PCAPNG_SIGNAL_CHILD"

// What cmd/gocap must do on SIGINT, done by a child process: stop writing,
// record the final statistics, Close. The file must then read completely in
// tshark and capinfos, statistics block included, with no warning.
func TestSignalLeavesCompleteFile(t *testing.T) {
	if path := os.Getenv(signalChildEnv); path != "" {
		signalChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), "sigint.pcapng")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalLeavesCompleteFile$")
	cmd.Env = append(os.Environ(), signalChildEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "writing" {
		t.Fatalf("child did not start writing: %q", sc.Text())
	}
	time.Sleep(200 * time.Millisecond) // mid-capture, buffer part full
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var written int
	for sc.Scan() {
		if n, ok := strings.CutPrefix(sc.Text(), "packets "); ok {
			written, _ = strconv.Atoi(n)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if written == 0 {
		t.Fatal("child wrote no packets")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, pkts := readAll(t, data)
	if len(pkts) != written {
		t.Fatalf("file holds %d packets, child wrote %d", len(pkts), written)
	}
	if st, ok := r.Statistics(0); !ok || st.Received != uint64(written) || st.UserDelivered != uint64(written) {
		t.Fatalf("statistics %+v (present %v), want %d received", st, ok, written)
	}
	out := runTool(t, nil, "tshark", "-r", path, "-T", "fields", "-e", "frame.number")
	if n := strings.Count(out, "\n"); n != written {
		t.Errorf("tshark reads %d packets, child wrote %d", n, written)
	}
	info := runTool(t, nil, "capinfos", "-M", path)
	if !strings.Contains(info, "Number of stat entries = 1") || !strings.Contains(info, fmt.Sprintf("Number of packets:   %d", written)) {
		t.Errorf("capinfos:\n%s", info)
	}
	t.Logf("%d packets, %d bytes, complete after SIGINT", written, len(data))
}

func signalChild(path string) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	w, err := Create(path, FormatAuto, WriterOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	id, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6a", Filter: "udp"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	fmt.Println("writing")
	n := 0
	for {
		select {
		case <-sigs:
			w.WriteStatistics(id, Stats{Start: start, End: time.Now(), Received: uint64(n), FilterAccept: uint64(n), UserDelivered: uint64(n)})
			if err := w.Close(); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			fmt.Printf("packets %d\n", n)
			os.Exit(0)
		default:
		}
		if err := w.WritePacket(Packet{InterfaceID: id, Timestamp: time.Now(), Data: frame(100+n%1000, n), Direction: DirectionInbound}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		n++
		if n%100 == 0 {
			time.Sleep(time.Millisecond) // a capture's pace, not a busy loop
		}
	}
}
