package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/attribution"
	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/internal/testenv"
)

// The attribution tests run small traffic programs: this test binary,
// started through a symbolic link whose name (the process's comm) says
// what to do.
const attribHelperEnv = "GOCAP_ATTRIB_HELPER"

func init() {
	if os.Getenv(attribHelperEnv) == "1" {
		os.Exit(runAttribHelper(filepath.Base(os.Args[0]), os.Args[1:]))
	}
}

// runAttribHelper is one traffic program. Servers print READY and run until
// killed; clients print their local PORT (ping: ID) and exit when done.
func runAttribHelper(role string, args []string) int {
	fail := func(err error) int { fmt.Fprintln(os.Stderr, role, err); return 1 }
	switch strings.TrimRight(role, "0123456789") {
	case "tcpsrv":
		lc := net.ListenConfig{}
		lc.SetMultipathTCP(false) // a plain TCP listener, as most servers have
		ln, err := lc.Listen(context.Background(), "tcp", args[0])
		if err != nil {
			return fail(err)
		}
		fmt.Println("READY")
		for {
			c, err := ln.Accept()
			if err != nil {
				return fail(err)
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	case "udpsrv":
		pc, err := net.ListenPacket("udp", args[0])
		if err != nil {
			return fail(err)
		}
		fmt.Println("READY")
		buf := make([]byte, 2048)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return fail(err)
			}
			pc.WriteTo(buf[:n], from)
		}
	case "tcpcli", "cmdcli":
		n, _ := strconv.Atoi(args[1])
		gap, _ := time.ParseDuration(args[2])
		c, err := net.DialTimeout("tcp", args[0], 5*time.Second)
		if err != nil {
			return fail(err)
		}
		fmt.Println("PORT", c.LocalAddr().(*net.TCPAddr).Port)
		msg := make([]byte, 100)
		for i := 0; i < n; i++ {
			if _, err := c.Write(msg); err != nil {
				return fail(err)
			}
			if _, err := io.ReadFull(c, msg); err != nil {
				return fail(err)
			}
			time.Sleep(gap)
		}
		c.Close()
	case "udpcli":
		n, _ := strconv.Atoi(args[1])
		dst, err := net.ResolveUDPAddr("udp", args[0])
		if err != nil {
			return fail(err)
		}
		pc, err := net.ListenUDP("udp", nil)
		if err != nil {
			return fail(err)
		}
		fmt.Println("PORT", pc.LocalAddr().(*net.UDPAddr).Port)
		buf := make([]byte, 100)
		for i := 0; i < n; i++ {
			pc.WriteTo(buf, dst)
			pc.SetReadDeadline(time.Now().Add(time.Second))
			pc.ReadFrom(buf)
		}
	case "pinger":
		n, _ := strconv.Atoi(args[1])
		if err := ping(netip.MustParseAddr(args[0]), n); err != nil {
			return fail(err)
		}
	default:
		return fail(fmt.Errorf("unknown helper"))
	}
	return 0
}

// ping sends n echo requests from a ping socket (SOCK_DGRAM, IPPROTO_ICMP)
// and waits for each reply; it prints the socket's echo identifier.
func ping(dst netip.Addr, n int) error {
	family, proto, typ := unix.AF_INET, unix.IPPROTO_ICMP, byte(8)
	var sa unix.Sockaddr
	if dst.Is6() {
		family, proto, typ = unix.AF_INET6, unix.IPPROTO_ICMPV6, 128
		sa = &unix.SockaddrInet6{Addr: dst.As16()}
	} else {
		sa = &unix.SockaddrInet4{Addr: dst.As4()}
	}
	fd, err := unix.Socket(family, unix.SOCK_DGRAM, proto)
	if err != nil {
		return fmt.Errorf("ping socket: %w", err)
	}
	defer unix.Close(fd)
	unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &unix.Timeval{Sec: 1})
	buf := make([]byte, 1500)
	for i := 0; i < n; i++ {
		req := []byte{typ, 0, 0, 0, 0, 0, 0, byte(i + 1), 'g', 'o', 'c', 'a', 'p'}
		if err := unix.Sendto(fd, req, 0, sa); err != nil {
			return fmt.Errorf("ping: %w", err)
		}
		if i == 0 {
			local, err := unix.Getsockname(fd)
			if err != nil {
				return err
			}
			switch a := local.(type) {
			case *unix.SockaddrInet4:
				fmt.Println("ID", a.Port)
			case *unix.SockaddrInet6:
				fmt.Println("ID", a.Port)
			}
		}
		unix.Recvfrom(fd, buf, 0)
	}
	return nil
}

// attribNet is the test network: gocap captures in A; B is the far side.
type attribNet struct {
	pair           *netns.Pair
	a4, b4, a6, b6 netip.Addr
	bin            string // directory of the helper links
	mu             sync.Mutex
	procs          []*exec.Cmd
}

func newAttribNet(t *testing.T, subnet int) *attribNet {
	t.Helper()
	testenv.RequireRoot(t)
	testenv.RequireBPF(t)
	testenv.RequireTool(t, "ip")
	pair := netns.NewPair(t, "gocapatt", netip.MustParsePrefix(fmt.Sprintf("10.199.%d.0/24", subnet)))
	n := &attribNet{pair: pair, a4: pair.Addr1.Addr(), b4: pair.Addr2.Addr(),
		a6: netip.MustParseAddr(fmt.Sprintf("fd00:10:199:%d::1", subnet)), b6: netip.MustParseAddr(fmt.Sprintf("fd00:10:199:%d::2", subnet))}
	for _, side := range []struct {
		ns, ifc string
		addr    netip.Addr
	}{{pair.NS1, pair.If1, n.a6}, {pair.NS2, pair.If2, n.b6}} {
		for _, kv := range [][2]string{
			{"net.ipv6.conf.all.disable_ipv6", "0"}, {"net.ipv6.conf." + side.ifc + ".disable_ipv6", "0"},
			{"net.ipv4.ping_group_range", "0 2147483647"},
		} {
			if err := netns.Sysctl(side.ns, kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		if err := netns.IP(side.ns, "addr", "add", side.addr.String()+"/64", "dev", side.ifc, "nodad"); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	n.bin = t.TempDir()
	for _, role := range []string{"tcpsrv", "udpsrv", "tcpcli", "udpcli", "pinger", "cmdcli"} {
		if err := os.Symlink(self, filepath.Join(n.bin, role)); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		for _, c := range n.procs {
			c.Process.Kill()
			c.Wait()
		}
	})
	return n
}

// start runs a helper in ns and returns it with its first output line.
func (n *attribNet) start(t *testing.T, ns, role string, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd, line, err := n.tryStart(ns, role, args...)
	if err != nil {
		t.Fatal(err)
	}
	return cmd, line
}

// tryStart is start for other goroutines than the test's.
func (n *attribNet) tryStart(ns, role string, args ...string) (*exec.Cmd, string, error) {
	cmd := netns.Command(ns, filepath.Join(n.bin, role), args...)
	cmd.Env = append(os.Environ(), attribHelperEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	n.mu.Lock()
	n.procs = append(n.procs, cmd)
	n.mu.Unlock()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Wait()
		return nil, "", fmt.Errorf("%s %v: no output: %v", role, args, err)
	}
	go io.Copy(io.Discard, out)
	return cmd, strings.TrimSpace(line), nil
}

// owner is a local process expected to own some packets.
type owner struct {
	pid  int
	comm string
}

// expectations maps local endpoints in A ("tcp4/6001", "icmp6/17") to
// their owners.
type expectations struct {
	mu sync.Mutex
	m  map[string]owner
}

func (e *expectations) add(key string, cmd *exec.Cmd, comm string) {
	e.mu.Lock()
	e.m[key] = owner{cmd.Process.Pid, comm}
	e.mu.Unlock()
}

// clientKey is the expectation key of a client's output line.
func clientKey(proto string, v6 bool, line string) string {
	f := strings.Fields(line)
	ver := "4"
	if v6 {
		ver = "6"
	}
	return proto + ver + "/" + f[len(f)-1]
}

func joinHostPort(a netip.Addr, port int) string { return netip.AddrPortFrom(a, uint16(port)).String() }

// startGocapIn starts gocap in namespace ns and waits until it listens.
func startGocapIn(t *testing.T, ns string, env []string, args ...string) (*exec.Cmd, *syncBuffer, *syncBuffer) {
	t.Helper()
	cmd := netns.Command(ns, gocapBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	outR, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errR, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	listening := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			stdout.WriteLine(sc.Text())
		}
	}()
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(errR)
		for sc.Scan() {
			stderr.WriteLine(sc.Text())
			if strings.Contains(sc.Text(), "listening on") {
				once.Do(func() { close(listening) })
			}
		}
		once.Do(func() { close(listening) })
	}()
	t.Cleanup(func() { cmd.Process.Kill(); wg.Wait() })
	select {
	case <-listening:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("gocap did not start listening: %s", stderr.String())
	}
	return cmd, stdout, stderr
}

// stopGocap interrupts gocap and waits for it to write everything out.
func stopGocap(t *testing.T, cmd *exec.Cmd, stderr *syncBuffer) {
	t.Helper()
	time.Sleep(300 * time.Millisecond) // let the last packets reach the ring
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("gocap: %v: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("gocap did not stop: %s", stderr.String())
	}
}

// packetLine is one line of gocap -n output: time, attribution, and the
// rest of tcpdump's line.
var packetLine = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d+ (?:([a-z]+)\.(\d+) )?(IP6?|ARP,) (.*)$`)

var (
	portFlow = regexp.MustCompile(`^(\S+)\.(\d+) > (\S+)\.(\d+): (Flags|UDP)`)
	echoFlow = regexp.MustCompile(`^(\S+) > (\S+): ICMP6?,? echo (request|reply), id (\d+)`)
)

// TestAttribution: processes in a namespace the test creates, some started
// before gocap and some after, some short-lived, exchange TCP, UDP and
// ICMP echo (ping sockets) over IPv4 and IPv6 in both directions with
// processes in a second namespace; gocap captures in the first. Every
// packet whose socket is local must be attributed to its process, and no
// packet to a wrong one; the pcapng comments must say what the text says.
func TestAttribution(t *testing.T) {
	for i, hook := range []string{"socket", "tc"} {
		t.Run(hook, func(t *testing.T) { testAttribution(t, hook, 141+2*i) })
	}
}

func testAttribution(t *testing.T, hook string, subnet int) {
	n := newAttribNet(t, subnet)
	A, B := n.pair.NS1, n.pair.NS2
	exp := &expectations{m: map[string]owner{}}

	// Before gocap: servers on both sides, and a connection from A that
	// stays open and busy while gocap starts.
	n.start(t, B, "tcpsrv", "[::]:7001")
	n.start(t, B, "udpsrv", "[::]:7002")
	srv, _ := n.start(t, A, "tcpsrv", "[::]:6001")
	exp.add("tcp4/6001", srv, "tcpsrv")
	exp.add("tcp6/6001", srv, "tcpsrv")
	usrv, _ := n.start(t, A, "udpsrv", joinHostPort(n.a4, 6002))
	exp.add("udp4/6002", usrv, "udpsrv")
	usrv6, _ := n.start(t, A, "udpsrv", joinHostPort(n.a6, 6003))
	exp.add("udp6/6003", usrv6, "udpsrv")
	keep, line := n.start(t, A, "tcpcli", joinHostPort(n.b4, 7001), "25", "80ms")
	exp.add(clientKey("tcp", false, line), keep, "tcpcli")

	out := filepath.Join(t.TempDir(), "attrib.pcapng")
	gocap, stdout, stderr := startGocapIn(t, A, nil, "--hook", hook, "-i", n.pair.If1, "-n", "--context", "process", "-w", out, "--print", "-U")

	// After gocap: clients on both sides, several short-lived.
	var wg sync.WaitGroup
	run := func(ns, role, key string, v6 bool, args ...string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd, line, err := n.tryStart(ns, role, args...)
			if err != nil {
				t.Error(err)
				return
			}
			if ns == A {
				if key == "" {
					key = role
				}
				exp.add(clientKey(key, v6, line), cmd, role)
			}
			cmd.Wait()
		}()
	}
	for i := 0; i < 3; i++ {
		run(A, "tcpcli", "tcp", false, joinHostPort(n.b4, 7001), "3", "5ms")
		run(B, "tcpcli", "", false, joinHostPort(n.a4, 6001), "3", "5ms")
	}
	run(A, "tcpcli", "tcp", true, joinHostPort(n.b6, 7001), "5", "10ms")
	run(B, "tcpcli", "", true, joinHostPort(n.a6, 6001), "5", "10ms")
	run(A, "udpcli", "udp", false, joinHostPort(n.b4, 7002), "8")
	run(A, "udpcli", "udp", true, joinHostPort(n.b6, 7002), "8")
	run(B, "udpcli", "", false, joinHostPort(n.a4, 6002), "8")
	run(B, "udpcli", "", true, joinHostPort(n.a6, 6003), "8")
	run(A, "pinger", "icmp", false, n.b4.String(), "4")
	run(A, "pinger", "icmp", true, n.b6.String(), "4")
	run(B, "pinger", "", false, n.a4.String(), "4") // answered by A's kernel: no local socket
	wg.Wait()
	keep.Wait()
	stopGocap(t, gocap, stderr)

	// Check each packet against the expectations.
	aAddrs := map[string]bool{n.a4.String(): true, n.a6.String(): true}
	var labels []string
	var local, attributed, wrong, unowned int
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		m := packetLine.FindStringSubmatch(l)
		if m == nil {
			if strings.HasPrefix(l, "\t") || strings.HasPrefix(l, " ") {
				continue
			}
			t.Fatalf("unexpected output line %q", l)
		}
		label := ""
		if m[1] != "" {
			label = m[1] + "." + m[2]
		}
		labels = append(labels, label)
		ver := "4"
		if m[3] == "IP6" {
			ver = "6"
		}
		key := ""
		if f := portFlow.FindStringSubmatch(m[4]); f != nil {
			proto := "tcp"
			if f[5] == "UDP" {
				proto = "udp"
			}
			port := f[4]
			if aAddrs[f[1]] {
				port = f[2]
			}
			key = proto + ver + "/" + port
		} else if f := echoFlow.FindStringSubmatch(m[4]); f != nil {
			initiator := f[1]
			if f[3] == "reply" {
				initiator = f[2]
			}
			if aAddrs[initiator] {
				key = "icmp" + ver + "/" + f[4]
			}
		}
		want, ok := exp.m[key]
		switch {
		case ok:
			local++
			if label == fmt.Sprintf("%s.%d", want.comm, want.pid) {
				attributed++
			} else if label != "" {
				wrong++
				t.Errorf("%s: attributed to %s, want %s.%d", l, label, want.comm, want.pid)
			} else if local-attributed < 5 {
				t.Logf("not attributed: %s", l)
			}
		case label != "":
			wrong++
			t.Errorf("%s: attributed to %s, but no local socket owns it", l, label)
		default:
			unowned++
		}
	}
	ratio := float64(attributed) / float64(max(local, 1))
	t.Logf("%d packets with a local socket, %d attributed (%.2f%%), %d wrong; %d without a local socket",
		local, attributed, 100*ratio, wrong, unowned)
	if local < 100 {
		t.Errorf("only %d packets with a local socket captured: %s", local, stderr.String())
	}
	if ratio < 0.999 {
		t.Errorf("%.2f%% of the packets with a local socket attributed, want >= 99.9%%", 100*ratio)
	}

	// The pcapng comments say the same, packet for packet.
	tshark := testenv.RequireTool(t, "tshark")
	cmd := exec.Command(tshark, "-r", out, "-T", "fields", "-e", "frame.comment")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	comments := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(comments) != len(labels) {
		t.Fatalf("tshark reads %d packets, the text has %d", len(comments), len(labels))
	}
	commentRE := regexp.MustCompile(`^PID: (\d+), Cmd: ([^,]+), UID: \d+`)
	for i, c := range comments {
		want := ""
		if m := commentRE.FindStringSubmatch(c); m != nil {
			want = m[2] + "." + m[1]
		} else if c != "" {
			t.Errorf("packet %d: comment %q", i+1, c)
		}
		if want != labels[i] {
			t.Errorf("packet %d: comment %q, text %q", i+1, c, labels[i])
		}
	}
}

// TestAttributionCommand: gocap -- COMMAND captures the command's packets
// and no other process's, while others send over the same interface.
func TestAttributionCommand(t *testing.T) {
	n := newAttribNet(t, 140)
	A, B := n.pair.NS1, n.pair.NS2
	n.start(t, B, "tcpsrv", "[::]:7001")
	n.start(t, B, "udpsrv", "[::]:7002")

	// Others sending from A all along.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, c := range [][]string{{"tcpcli", joinHostPort(n.b4, 7001), "1", "1ms"}, {"udpcli", joinHostPort(n.b4, 7002), "2"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				cmd, _, err := n.tryStart(A, c[0], c[1:]...)
				if err != nil {
					t.Error(err)
					return
				}
				cmd.Wait()
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()

	out := filepath.Join(t.TempDir(), "cmd.pcapng")
	cmdArgs := []string{"-i", n.pair.If1, "-n", "-w", out, "--print", "--",
		filepath.Join(n.bin, "cmdcli"), joinHostPort(n.b4, 7001), "20", "10ms"}
	cmd := netns.Command(A, gocapBinary(t), cmdArgs...)
	cmd.Env = append(os.Environ(), attribHelperEnv+"=1")
	res, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gocap -- cmdcli: %v: %s", err, res)
	}
	text := string(res)
	portLine := regexp.MustCompile(`(?m)^PORT (\d+)$`).FindStringSubmatch(text)
	if portLine == nil {
		t.Fatalf("no PORT line from the command: %s", text)
	}
	port := portLine[1]
	var pkts, syn int
	for _, l := range strings.Split(text, "\n") {
		m := packetLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		pkts++
		if m[1] != "cmdcli" {
			t.Errorf("packet of another process: %s", l)
		}
		f := portFlow.FindStringSubmatch(m[4])
		if f == nil || (f[2] != port && f[4] != port) {
			t.Errorf("packet not of the command's connection (port %s): %s", port, l)
		}
		if strings.Contains(l, "Flags [S]") {
			syn++
		}
	}
	// 20 exchanges: at least 20 requests and 20 answers, and the SYN.
	if pkts < 40 || syn != 1 {
		t.Errorf("%d packets of the command, %d SYN; want >= 40 and the connection's first packet:\n%s", pkts, syn, text)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join("/sys/fs/cgroup/unified", fmt.Sprintf("gocap.%d", cmd.Process.Pid))); err == nil {
		t.Error("the command's cgroup was left behind")
	}
}

// TestAttributionSelect: --pid (twice) keeps the packets of those processes
// only, while others send too; written straight to a file (the batched
// write path), each with its comment.
func TestAttributionSelect(t *testing.T) {
	n := newAttribNet(t, 139)
	A, B := n.pair.NS1, n.pair.NS2
	tsrv, _ := n.start(t, A, "tcpsrv", "[::]:6001")
	usrv, _ := n.start(t, A, "udpsrv", "[::]:6002")
	n.start(t, B, "udpsrv", "[::]:7002")
	want := map[string]bool{strconv.Itoa(tsrv.Process.Pid): true, strconv.Itoa(usrv.Process.Pid): true}
	out := filepath.Join(t.TempDir(), "select.pcapng")
	gocap, _, stderr := startGocapIn(t, A, nil, "-i", n.pair.If1, "-n", "-w", out,
		"--pid", strconv.Itoa(tsrv.Process.Pid), "--pid", strconv.Itoa(usrv.Process.Pid))
	for _, c := range [][]string{
		{B, "tcpcli", joinHostPort(n.a4, 6001), "3", "1ms"},
		{B, "udpcli", joinHostPort(n.a4, 6002), "3"},
		{A, "udpcli", joinHostPort(n.b4, 7002), "3"}, // not selected
	} {
		cmd, _ := n.start(t, c[0], c[1], c[2:]...)
		cmd.Wait()
	}
	stopGocap(t, gocap, stderr)
	tshark := testenv.RequireTool(t, "tshark")
	cmd := exec.Command(tshark, "-r", out, "-T", "fields", "-e", "frame.comment")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	seen := map[string]int{}
	pidRE := regexp.MustCompile(`^PID: (\d+), Cmd: `)
	for _, c := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		m := pidRE.FindStringSubmatch(c)
		if m == nil || !want[m[1]] {
			t.Errorf("selected packet with comment %q", c)
			continue
		}
		seen[m[1]]++
	}
	if len(seen) != 2 {
		t.Errorf("packets of %v, want both selected processes", seen)
	}
}

// TestAttributionCommandUser: with -Z, gocap -- COMMAND runs the command as
// that user and, though gocap itself then runs as the user too, leaves no
// cgroup behind (the keeper removes it).
func TestAttributionCommandUser(t *testing.T) {
	n := newAttribNet(t, 142)
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Skipf("no user nobody: %v", err)
	}
	root, err := attribution.CgroupRoot()
	if err != nil {
		t.Fatal(err)
	}
	before := commandCgroups(t, root)
	out := filepath.Join(t.TempDir(), "z.pcapng")
	cmd := netns.Command(n.pair.NS1, gocapBinary(t), "-Z", "nobody", "-i", n.pair.If1, "-w", out, "--", "/bin/sh", "-c", "id -u")
	res, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gocap -Z nobody -- sh: %v: %s", err, res)
	}
	if !regexp.MustCompile(`(?m)^` + nobody.Uid + `$`).Match(res) {
		t.Errorf("the command did not run as nobody (uid %s): %s", nobody.Uid, res)
	}
	for dir := range commandCgroups(t, root) {
		if !before[dir] {
			t.Errorf("cgroup %s left behind", dir)
		}
	}
}

// commandCgroups lists the cgroups gocap made for commands.
func commandCgroups(t *testing.T, root string) map[string]bool {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(root, "gocap.*"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, d := range dirs {
		m[d] = true
	}
	return m
}
