package pcapng

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
)

const stdoutChildEnv = "GOCAP_PCAPNG_STDOUT_CHILD"

// `gocap -w - | tcpdump -r -`: a child writes to standard output through
// Create("-") with two Ethernet interfaces of different snap lengths (and a
// refused third of another link type); libpcap must read the whole stream.
func TestStdoutToTcpdump(t *testing.T) {
	if os.Getenv(stdoutChildEnv) != "" {
		stdoutChild()
		return
	}
	for _, reader := range [][]string{
		{"tcpdump", "-nn", "-r", "-"},
		{"tshark", "-r", "-"},
	} {
		path := testenv.RequireTool(t, reader[0])
		child := exec.Command(os.Args[0], "-test.run=^TestStdoutToTcpdump$")
		child.Env = append(os.Environ(), stdoutChildEnv+"=1")
		child.Stderr = os.Stderr
		rd := exec.Command(path, reader[1:]...)
		pipe, err := child.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		rd.Stdin = pipe
		var out, stderr strings.Builder
		rd.Stdout, rd.Stderr = &out, &stderr
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		if err := rd.Start(); err != nil {
			t.Fatal(err)
		}
		if err := child.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
		if err := rd.Wait(); err != nil {
			t.Fatalf("%s: %v: %s", reader[0], err, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 50 {
			t.Errorf("%s read %d packets from the stream, want 50:\n%s%s", reader[0], len(lines), out.String(), stderr.String())
		}
		for _, l := range strings.Split(stderr.String(), "\n") {
			if l != "" && !strings.HasPrefix(l, "reading from file") && !strings.HasPrefix(l, "Running as user") {
				t.Errorf("%s: %s", reader[0], l)
			}
		}
	}
}

func stdoutChild() {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(1)
	}
	w, err := Create("-", FormatAuto, WriterOptions{FlushEachPacket: true})
	if err != nil {
		fail(err)
	}
	a, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "veth-gc6a"})
	if err != nil {
		fail(err)
	}
	b, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 96, Name: "veth-gc6b"})
	if err != nil {
		fail(err)
	}
	if _, err := w.AddInterface(Interface{LinkType: linktype.LinuxSLL2, Name: "any"}); !errors.Is(err, ErrMixedLinkTypes) {
		fail(fmt.Errorf("adding a second link type on stdout: %v, want ErrMixedLinkTypes", err))
	}
	for i := 0; i < 50; i++ {
		id := a
		if i%2 == 1 {
			id = b
		}
		if err := w.WritePacket(Packet{InterfaceID: id, Timestamp: time.Unix(1_700_000_000, int64(i)), Data: frame(500, i)}); err != nil {
			fail(err)
		}
	}
	if err := w.Close(); err != nil {
		fail(err)
	}
	// Exit before the test framework prints "PASS" into the stream.
	os.Exit(0)
}
