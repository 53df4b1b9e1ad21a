package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// liveNet is a veth pair between two network namespaces the test creates:
// gocap captures on the "a" end (10.199.7.1), traffic comes from "b"
// (10.199.7.2).
type liveNet struct {
	nsA, nsB, ifA string
}

func newLiveNet(t *testing.T) *liveNet {
	t.Helper()
	testenv.RequireBPF(t)
	testenv.RequireTool(t, "ip")
	testenv.RequireTool(t, "bash")
	id := os.Getpid() % 100000
	n := &liveNet{nsA: fmt.Sprintf("gc7a%d", id), nsB: fmt.Sprintf("gc7b%d", id), ifA: fmt.Sprintf("gc7va%d", id)}
	ifB := fmt.Sprintf("gc7vb%d", id)
	t.Cleanup(func() {
		exec.Command("ip", "netns", "del", n.nsA).Run()
		exec.Command("ip", "netns", "del", n.nsB).Run()
	})
	for _, args := range [][]string{
		{"netns", "add", n.nsA}, {"netns", "add", n.nsB},
		{"link", "add", n.ifA, "netns", n.nsA, "type", "veth", "peer", "name", ifB, "netns", n.nsB},
		{"-n", n.nsA, "addr", "add", "10.199.7.1/24", "dev", n.ifA},
		{"-n", n.nsB, "addr", "add", "10.199.7.2/24", "dev", ifB},
		{"-n", n.nsA, "link", "set", n.ifA, "up"}, {"-n", n.nsB, "link", "set", ifB, "up"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v: %s", args, err, out)
		}
	}
	return n
}

// sendUDP sends one datagram "hello" from b to a's port 9999.
func (n *liveNet) sendUDP() {
	exec.Command("ip", "netns", "exec", n.nsB, "bash", "-c", "echo hello > /dev/udp/10.199.7.1/9999").Run()
}

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// gocapBinary builds gocap once for the tests that need a process (live
// capture in another network namespace, signals).
func gocapBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gocap-test")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "gocap")
		out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = fmt.Errorf("go build: %v: %s", err, out)
		}
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

// startGocap runs gocap in namespace a and waits for its "listening" line.
func (n *liveNet) startGocap(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer, *syncBuffer) {
	t.Helper()
	bin := gocapBinary(t)
	cmd := exec.Command("ip", append([]string{"netns", "exec", n.nsA, bin}, args...)...)
	var stdout bytes.Buffer
	stderr := &syncBuffer{}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = &stdout, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	listening := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := sync.Once{}
		for sc.Scan() {
			stderr.WriteLine(sc.Text())
			if strings.Contains(sc.Text(), "listening on") {
				once.Do(func() { close(listening) })
			}
		}
		once.Do(func() { close(listening) })
	}()
	select {
	case <-listening:
	case <-time.After(60 * time.Second): // generous: loading eBPF on a busy 2-core CI machine
		cmd.Process.Kill()
		t.Fatalf("gocap did not start listening within a minute: %s", stderr.String())
	}
	return cmd, &stdout, stderr
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) WriteLine(l string) { s.mu.Lock(); s.b.WriteString(l + "\n"); s.mu.Unlock() }
func (s *syncBuffer) String() string     { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// waitSending sends datagrams until the command exits.
func (n *liveNet) waitSending(t *testing.T, cmd *exec.Cmd) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case err := <-done:
			return err
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("gocap did not stop")
		case <-time.After(100 * time.Millisecond):
			n.sendUDP()
		}
	}
}

func TestLiveCount(t *testing.T) {
	n := newLiveNet(t)
	cmd, stdout, stderr := n.startGocap(t, "-n", "-i", n.ifA, "-c", "3", "udp", "port", "9999")
	if err := n.waitSending(t, cmd); err != nil {
		t.Fatalf("gocap: %v: %s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), stdout.String())
	}
	for _, l := range lines {
		if !strings.Contains(l, " IP 10.199.7.2.") || !strings.HasSuffix(l, " > 10.199.7.1.9999: UDP, length 6") {
			t.Errorf("unexpected line %q", l)
		}
	}
	// tcpdump's lines: the first without the program name after the
	// "verbose output suppressed" note.
	for _, want := range []string{"gocap: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on " + n.ifA + ", link-type EN10MB (Ethernet), snapshot length 262144 bytes\n",
		"3 packets captured\n", "packets received by filter\n", "packets dropped by kernel\n"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

// TestLiveSignalWrite: SIGINT stops a capture to a file cleanly: exit 0,
// the summary printed, the file complete with what was captured.
func TestLiveSignalWrite(t *testing.T) {
	n := newLiveNet(t)
	out := filepath.Join(t.TempDir(), "live.pcapng")
	cmd, _, stderr := n.startGocap(t, "-i", n.ifA, "-w", out, "udp")
	for i := 0; i < 3; i++ {
		n.sendUDP()
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // the ring's block timeout
	start := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("gocap after SIGINT: %v: %s", err, stderr.String())
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopping took %v", d)
	}
	ps := readAll(t, out)
	if len(ps) < 3 {
		t.Fatalf("%d packets in %s, want at least 3", len(ps), out)
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("%d packets captured", len(ps))) {
		t.Errorf("summary does not match the file's %d packets:\n%s", len(ps), stderr.String())
	}
}

// TestLiveDropPrivileges: -Z switches to the user once the socket is
// open, keeping no capabilities, and the capture goes on.
func TestLiveDropPrivileges(t *testing.T) {
	n := newLiveNet(t)
	cmd, stdout, stderr := n.startGocap(t, "-n", "-Z", "nobody", "-i", n.ifA, "-c", "1", "udp")
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	var uid, capEff string
	for _, l := range strings.Split(string(status), "\n") {
		if f := strings.Fields(l); len(f) >= 2 {
			switch f[0] {
			case "Uid:":
				uid = f[1]
			case "CapEff:":
				capEff = f[1]
			}
		}
	}
	if err := n.waitSending(t, cmd); err != nil {
		t.Fatalf("gocap: %v: %s", err, stderr.String())
	}
	if uid != "65534" || strings.Trim(capEff, "0") != "" {
		t.Errorf("after -Z nobody: uid %s, CapEff %s; want 65534 and none", uid, capEff)
	}
	if !strings.Contains(stdout.String(), "UDP, length 6") {
		t.Errorf("no packet captured after dropping privileges: %q %s", stdout.String(), stderr.String())
	}
}

// TestUnprivilegedRead runs gocap as nobody: reading a file, filtering
// it, writing part of it and dumping a filter need no privileges.
func TestUnprivilegedRead(t *testing.T) {
	testenv.RequireRoot(t) // to switch to nobody
	// t.TempDir and the binary's directory may lie in a private one
	// (scripts/test's $GOTMPDIR is 0700): work where nobody can reach.
	dir := nobodyDir(t)
	bin := filepath.Join(dir, "gocap")
	exe, err := os.ReadFile(gocapBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	frames := append(testframes.Fixed(), testframes.Random(3, 50)...)
	in := filepath.Join(dir, "in.pcap")
	var buf bytes.Buffer
	if err := testframes.WritePcap(&buf, frames); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(in, buf.Bytes(), 0o644)
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if err != nil {
			err = fmt.Errorf("%v: %s", err, errb.String())
		}
		return out.String(), err
	}
	out, err := run("-n", "-r", in, "tcp")
	if err != nil {
		t.Fatalf("gocap -r as nobody: %v", err)
	}
	if got, want := packetLines(out), matching(t, "tcp", frames); got != want {
		t.Errorf("as nobody: %d packets printed, want %d", got, want)
	}
	if _, err := run("-r", in, "-w", filepath.Join(dir, "out.pcapng"), "udp"); err != nil {
		t.Errorf("gocap -r -w as nobody: %v", err)
	}
	if got, want := len(readAll(t, filepath.Join(dir, "out.pcapng"))), matching(t, "udp", frames); got != want {
		t.Errorf("as nobody: %d packets written, want %d", got, want)
	}
	if out, err := run("-d", "tcp", "port", "80"); err != nil || !strings.Contains(out, "ret") {
		t.Errorf("gocap -d as nobody: %q, %v", out, err)
	}
}

// nobodyDir is a directory user nobody can enter and write, under /var/tmp
// (or /tmp), removed after the test.
func nobodyDir(t *testing.T) string {
	t.Helper()
	base := "/var/tmp"
	if st, err := os.Stat(base); err != nil || !st.IsDir() {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "gocap-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}
