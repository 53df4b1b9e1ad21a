package attribution

import (
	"encoding/binary"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/internal/testenv"
)

func TestContainerFromCgroup(t *testing.T) {
	id := strings.Repeat("3f2a1b0c9d8e", 5) + "abcd"
	for _, c := range []struct{ path, id, runtime string }{
		{"/system.slice/docker-" + id + ".scope", id, "docker"},
		{"/docker/" + id, id, "docker"},
		{"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1.slice/cri-containerd-" + id + ".scope", id, "containerd"},
		{"/kubepods/besteffort/pod1234/" + id, id, "containerd"},
		{"/kubepods.slice/kubepods-pod1.slice/crio-" + id + ".scope", id, "cri-o"},
		{"/machine.slice/libpod-" + id + ".scope/container", id, "podman"},
		{"/libpod_parent/libpod-" + id, id, "podman"},
		{"/user.slice/user-1000.slice/session-2.scope", "", ""},
		{"/", "", ""},
		{"/docker/" + id[:63], "", ""},
	} {
		gotID, gotRT := ContainerFromCgroup(c.path)
		if gotID != c.id || gotRT != c.runtime {
			t.Errorf("ContainerFromCgroup(%q) = %q, %q; want %q, %q", c.path, gotID, gotRT, c.id, c.runtime)
		}
	}
}

// ipv4 builds an IPv4 packet with an L4 header.
func ipv4(src, dst string, proto byte, l4 []byte) []byte {
	b := make([]byte, 20, 20+len(l4))
	b[0] = 0x45
	binary.BigEndian.PutUint16(b[2:], uint16(20+len(l4)))
	b[8], b[9] = 64, proto
	s, d := netip.MustParseAddr(src).As4(), netip.MustParseAddr(dst).As4()
	copy(b[12:], s[:])
	copy(b[16:], d[:])
	return append(b, l4...)
}

func ipv6(src, dst string, proto byte, l4 []byte) []byte {
	b := make([]byte, 40, 40+len(l4))
	b[0] = 0x60
	binary.BigEndian.PutUint16(b[4:], uint16(len(l4)))
	b[6], b[7] = proto, 64
	s, d := netip.MustParseAddr(src).As16(), netip.MustParseAddr(dst).As16()
	copy(b[8:], s[:])
	copy(b[24:], d[:])
	return append(b, l4...)
}

func tcpHeader(sport, dport uint16, flags byte) []byte {
	h := make([]byte, 20)
	binary.BigEndian.PutUint16(h[0:], sport)
	binary.BigEndian.PutUint16(h[2:], dport)
	h[12], h[13] = 5<<4, flags
	return h
}

func TestParseFlow(t *testing.T) {
	syn := ipv4("10.0.0.1", "10.0.0.2", protoTCP, tcpHeader(40000, 80, 0x02))
	k, isSyn, ok := parseFlow(syn)
	if !ok || !isSyn {
		t.Fatalf("SYN: ok %v syn %v", ok, isSyn)
	}
	if got := binary.BigEndian.Uint16(k[flowLPort:]); got != 40000 {
		t.Errorf("local port %d", got)
	}
	r := k.reversed()
	if got := binary.BigEndian.Uint16(r[flowLPort:]); got != 80 {
		t.Errorf("reversed local port %d", got)
	}
	if r.reversed() != k {
		t.Error("reversing twice changes the flow")
	}
	if _, isSyn, _ := parseFlow(ipv4("10.0.0.1", "10.0.0.2", protoTCP, tcpHeader(1, 2, 0x12))); isSyn {
		t.Error("SYN-ACK taken for a new connection")
	}
	echo := ipv6("fd00::1", "fd00::2", protoICMPv6, []byte{128, 0, 0, 0, 0x12, 0x34, 0, 1})
	k, _, ok = parseFlow(echo)
	if !ok || binary.BigEndian.Uint16(k[flowLPort:]) != 0x1234 {
		t.Fatalf("echo request: ok %v key %x", ok, k)
	}
	if r := k.reversed(); binary.BigEndian.Uint16(r[flowLPort:]) != 0x1234 {
		t.Error("reversed echo lost its identifier")
	}
	frag := ipv4("10.0.0.1", "10.0.0.2", protoUDP, []byte{0, 1, 0, 2, 0, 8, 0, 0})
	frag[7] = 1 // fragment offset 8
	for name, p := range map[string][]byte{
		"fragment":    frag,
		"unreachable": ipv4("10.0.0.1", "10.0.0.2", protoICMP, []byte{3, 3, 0, 0, 0, 0, 0, 0}),
		"truncated":   ipv4("10.0.0.1", "10.0.0.2", protoTCP, []byte{1, 2}),
		"empty":       nil,
		"gre":         ipv4("10.0.0.1", "10.0.0.2", 47, make([]byte, 8)),
		"short v6":    make([]byte, 39),
	} {
		if _, _, ok := parseFlow(p); ok {
			t.Errorf("%s: parsed as a flow", name)
		}
	}
}

// TestTrackerTCP connects two sockets in a namespace the test creates and
// looks up the packets of the connection, in both directions, and one of a
// listener's inbound connection before it is answered.
func TestTrackerTCP(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBPF(t)
	pair := netns.NewPair(t, "gocapatt", netip.MustParsePrefix("10.199.140.0/24"))
	var tr *Tracker
	var ln net.Listener
	err := pair.Run(pair.NS1, func() error {
		var err error
		if tr, err = Open(Options{}); err != nil {
			return err
		}
		ln, err = net.Listen("tcp4", "0.0.0.0:0")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	defer ln.Close()
	lport := uint16(ln.Addr().(*net.TCPAddr).Port)
	var conn net.Conn
	err = pair.Run(pair.NS2, func() error {
		var err error
		conn, err = net.DialTimeout("tcp4", net.JoinHostPort(pair.Addr1.Addr().String(), strconv.Itoa(int(lport))), 5*time.Second)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if _, err := srv.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	comm, _ := os.ReadFile("/proc/self/comm")
	want := strings.TrimSpace(string(comm))
	a1, a2 := pair.Addr1.Addr().String(), pair.Addr2.Addr().String()
	cport := uint16(conn.LocalAddr().(*net.TCPAddr).Port)
	now := time.Now()
	for name, pkt := range map[string][]byte{
		"inbound SYN":  ipv4(a2, a1, protoTCP, tcpHeader(cport, lport, 0x02)),
		"outbound ACK": ipv4(a1, a2, protoTCP, tcpHeader(lport, cport, 0x18)),
		"inbound ACK":  ipv4(a2, a1, protoTCP, tcpHeader(cport, lport, 0x10)),
	} {
		p := tr.LookupIP(pkt, now)
		if p == nil {
			t.Errorf("%s: not attributed", name)
			continue
		}
		if p.PID != os.Getpid() || p.Comm != want {
			t.Errorf("%s: attributed to %s, want %s.%d", name, p, want, os.Getpid())
		}
	}
	// A flow no local socket owns.
	if p := tr.LookupIP(ipv4(a2, a1, protoUDP, []byte{0, 9, 0, 9, 0, 8, 0, 0}), now); p != nil {
		t.Errorf("unowned UDP flow attributed to %s", p)
	}
}

// TestSocketsInUse: the counts that let Open skip sock_diag dumps read 0
// in a namespace without sockets, and a listener both counts and is
// dumped (the dumps skipped are only ever empty ones).
func TestSocketsInUse(t *testing.T) {
	testenv.RequireRoot(t)
	pair := netns.NewPair(t, "gocapuse", netip.MustParsePrefix("10.199.141.0/24"))
	err := pair.Run(pair.NS1, func() error {
		use := socketsInUse()
		for _, kind := range []string{"TCP", "UDP", "TCP6", "UDP6"} {
			if n, ok := use[kind]; !ok || n != 0 {
				t.Errorf("fresh namespace: %s in use %d (read %v)", kind, n, ok)
			}
		}
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer ln.Close()
		if n := socketsInUse()["TCP"]; n != 1 {
			t.Errorf("TCP in use %d with one listener", n)
		}
		socks, err := diagSockets()
		if err != nil {
			return err
		}
		port := uint16(ln.Addr().(*net.TCPAddr).Port)
		if len(socks) != 1 || !socks[0].listen || binary.BigEndian.Uint16(socks[0].flow[flowLPort:]) != port {
			t.Errorf("dumped %+v, want the listener on port %d", socks, port)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
