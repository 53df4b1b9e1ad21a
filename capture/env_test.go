package capture

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/internal/testenv"
)

// nsPrefix names this package's test namespaces.
const nsPrefix = "gocapcap"

// newPair creates the capture test topology: frames are sent from NS1/If1
// and captured in NS2 on If2. Each test gets its own /24 of 10.199.1-9.
func newPair(t *testing.T, subnet int) *netns.Pair {
	t.Helper()
	testenv.RequireBPF(t)
	return netns.NewPair(t, nsPrefix, netip.MustParsePrefix(fmt.Sprintf("10.199.%d.0/24", subnet)))
}

// sender is an AF_PACKET socket bound to an interface in a namespace.
type sender struct {
	fd int
	sa *unix.SockaddrLinklayer
}

func newSender(t *testing.T, ns, ifname string) *sender {
	t.Helper()
	var s sender
	err := netns.Run(ns, func() error {
		info, err := lookupInterface(ifname)
		if err != nil {
			return err
		}
		s.fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		s.sa = &unix.SockaddrLinklayer{Ifindex: info.index}
		return nil
	})
	if err != nil {
		t.Fatalf("sender on %s in %s: %v", ifname, ns, err)
	}
	t.Cleanup(func() { unix.Close(s.fd) })
	return &s
}

func (s *sender) send(frame []byte) error {
	for {
		err := unix.Sendto(s.fd, frame, 0, s.sa)
		if errors.Is(err, unix.ENOBUFS) || errors.Is(err, unix.EAGAIN) {
			time.Sleep(50 * time.Microsecond)
			continue
		}
		return err
	}
}

// sendFrames sends the test frames: incoming ones from NS1, outgoing ones
// from the capturing side.
func sendFrames(t *testing.T, p *netns.Pair, frames []testFrame) {
	t.Helper()
	in, out := newSender(t, p.NS1, p.If1), newSender(t, p.NS2, p.If2)
	for _, f := range frames {
		s := in
		if f.out {
			s = out
		}
		if err := s.send(f.data); err != nil {
			t.Fatalf("send %s: %v", f.name, err)
		}
		time.Sleep(time.Millisecond)
	}
}

// tcpdumpProgram compiles expr with tcpdump for a live interface in ns,
// i.e. with libpcap's Linux code generation.
func tcpdumpProgram(t *testing.T, ns, ifname string, snap int, lt string, expr string) []bpf.RawInstruction {
	t.Helper()
	args := []string{"-ddd", "-i", ifname, "-s", strconv.Itoa(snap)}
	if lt != "" {
		args = append(args, "-y", lt)
	}
	if expr != "" {
		args = append(args, expr)
	}
	var stderr bytes.Buffer
	cmd := netns.Command(ns, "tcpdump", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tcpdump -ddd %q: %v: %s", expr, err, stderr.String())
	}
	return parseDDD(t, string(out))
}

func parseDDD(t *testing.T, text string) []bpf.RawInstruction {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	n, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || n != len(lines)-1 {
		t.Fatalf("bad -ddd output %q", text)
	}
	prog := make([]bpf.RawInstruction, n)
	for i, l := range lines[1:] {
		var op, jt, jf, k uint64
		if _, err := fmt.Sscan(l, &op, &jt, &jf, &k); err != nil {
			t.Fatalf("bad -ddd line %q: %v", l, err)
		}
		prog[i] = bpf.RawInstruction{Op: uint16(op), Jt: uint8(jt), Jf: uint8(jf), K: uint32(k)}
	}
	return prog
}

// tcpdumpRun is a tcpdump writing a pcap file in a namespace.
type tcpdumpRun struct {
	cmd    *exec.Cmd
	file   string
	stderr *bytes.Buffer
	done   chan struct{} // closed when tcpdump has exited
}

// startTcpdump starts tcpdump and waits until it says it is listening.
func startTcpdump(t *testing.T, ns string, args ...string) *tcpdumpRun {
	t.Helper()
	testenv.RequireTool(t, "tcpdump")
	file := filepath.Join(t.TempDir(), "tcpdump.pcap")
	all := append([]string{"-n", "-U", "--immediate-mode", "--time-stamp-precision", "nano", "-w", file}, args...)
	cmd := netns.Command(ns, "tcpdump", all...)
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatalf("start tcpdump: %v", err)
	}
	r := &tcpdumpRun{cmd: cmd, file: file, stderr: &bytes.Buffer{}}
	listening := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() {
			r.stderr.WriteString(sc.Text() + "\n")
			if !sent && strings.Contains(sc.Text(), "listening on") {
				listening <- true
				sent = true
			}
		}
		if !sent {
			listening <- false
		}
	}()
	r.done = make(chan struct{})
	go func() { _ = cmd.Wait(); pw.Close(); close(r.done) }()
	t.Cleanup(func() {
		select {
		case <-r.done:
		default:
			_ = cmd.Process.Kill()
			<-r.done
		}
	})
	select {
	case ok := <-listening:
		if !ok {
			<-r.done
			t.Fatalf("tcpdump %v did not start: %s", args, r.stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("tcpdump %v: no 'listening' after 10s", args)
	}
	return r
}

// waitFor waits until tcpdump has written n test frames (it writes each
// packet at once, -U) or timeout passes: tcpdump does not drain its ring on
// SIGINT, so stopping it early loses packets on a busy machine.
func (r *tcpdumpRun) waitFor(frames []testFrame, n int, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for {
		recs, err := readPcap(r.file)
		if err == nil && len(onlyTestRecords(frames, recs)) >= n {
			return
		}
		if time.Now().After(deadline) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stop interrupts tcpdump and returns what it wrote.
func (r *tcpdumpRun) stop(t *testing.T) []pcapRecord {
	t.Helper()
	_ = r.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
		t.Fatalf("tcpdump did not exit 5s after SIGINT")
	}
	recs, err := readPcap(r.file)
	if err != nil {
		t.Fatalf("read tcpdump output: %v (%s)", err, r.stderr.String())
	}
	return recs
}

type pcapRecord struct {
	ts       time.Time
	data     []byte
	origLen  int
	linkType int
}

// readPcap reads a classic pcap file (tcpdump -w), nanosecond or
// microsecond, little-endian as written on this machine.
func readPcap(path string) ([]pcapRecord, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 24 {
		return nil, fmt.Errorf("%s: short file (%d bytes)", path, len(b))
	}
	magic := binary.LittleEndian.Uint32(b)
	nano := magic == 0xa1b23c4d
	if !nano && magic != 0xa1b2c3d4 {
		return nil, fmt.Errorf("%s: magic %#x", path, magic)
	}
	lt := int(binary.LittleEndian.Uint32(b[20:]))
	var out []pcapRecord
	for off := 24; off+16 <= len(b); {
		sec := binary.LittleEndian.Uint32(b[off:])
		frac := binary.LittleEndian.Uint32(b[off+4:])
		incl := int(binary.LittleEndian.Uint32(b[off+8:]))
		orig := int(binary.LittleEndian.Uint32(b[off+12:]))
		off += 16
		if off+incl > len(b) {
			break // tcpdump was interrupted mid-record
		}
		if !nano {
			frac *= 1000
		}
		out = append(out, pcapRecord{ts: time.Unix(int64(sec), int64(frac)), data: b[off : off+incl], origLen: orig, linkType: lt})
		off += incl
	}
	return out, nil
}

// openIn opens a capture inside a namespace, with the test switches sw.
func openIn(t *testing.T, ns string, o Options, sw ...switches) *Live {
	t.Helper()
	if len(sw) > 0 {
		testSwitches = sw[0]
		defer func() { testSwitches = switches{} }()
	}
	var l *Live
	err := netns.Run(ns, func() (err error) {
		l, err = Open(o)
		return err
	})
	if err != nil {
		t.Fatalf("Open(%v): %v", o.Interfaces, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// collect stops the capture and returns everything it delivered, failing
// if stopping takes more than a second.
func collect(t *testing.T, l *Live) []Packet {
	t.Helper()
	return collectQuiet(t, l)
}

// collectQuiet is collect, callable from other goroutines.
func collectQuiet(t *testing.T, l *Live) []Packet {
	return collectDuring(t, l, func() {})
}

// collectDuring reads l while send runs, then as collect. Like tcpdump, a
// capture keeps packets only in the kernel's ring until they are read: in
// immediate mode, where each packet may take a block of its own, a reader
// that starts late finds at most one packet per block.
func collectDuring(t *testing.T, l *Live, send func()) []Packet {
	var pkts []Packet
	done := make(chan error, 1)
	go func() {
		for {
			p, err := l.ReadPacket(context.Background())
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				done <- err
				return
			}
			pkts = append(pkts, p)
		}
	}()
	send()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	l.Stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ReadPacket: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("capture did not end 5s after Stop")
		return nil
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Stop took %v, more than 1s", d)
	}
	return pkts
}

// frameName finds which test frame a captured packet is.
func frameName(frames []testFrame, data []byte) (testFrame, bool) {
	for _, f := range frames {
		if bytes.Contains(data, tag(f.name)) {
			return f, true
		}
	}
	return testFrame{}, false
}

// collectAll stops several captures at once and returns what each
// delivered.
func collectAll(t *testing.T, ls ...*Live) [][]Packet {
	t.Helper()
	out := make([][]Packet, len(ls))
	var wg sync.WaitGroup
	for i, l := range ls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = collectQuiet(t, l)
		}()
	}
	wg.Wait()
	return out
}
