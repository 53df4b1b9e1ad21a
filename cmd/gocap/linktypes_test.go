package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/internal/testenv"
)

// Live capture on each kind of interface: -L lists what tcpdump (libpcap)
// lists, and a capture with a filter records the link type libpcap would,
// with headers tcpdump decodes and only packets the filter selects. The
// device kinds this kernel lacks (its modules, or the device types built
// in) are tested in a guest kernel booted by scripts/vmrun, whose Debian
// kernel has them as modules.

// linkDev is one kind of interface: how to make it in a namespace, the
// link type a capture records, and traffic that crosses it.
type linkDev struct {
	kind   string
	module string   // the kernel module that provides the device type
	args   []string // after "ip link add NAME"; nil for a setup of its own
	setup  func(t *testing.T, ns, name string) (cleanup func())
	addr   string // an address for the device, and the peer traffic goes to
	peer   string
	dlt    string // tcpdump's name of the link type the capture records
	// traffic sends packets across the device (called until gocap stops).
	traffic func(ns, name string, d *linkDev)
	filter  string
	want    string // a fragment of tcpdump's line for each captured packet
}

// udpTo sends a datagram to the device's peer address, out of the device.
func udpTo(ns, _ string, d *linkDev) {
	exec.Command("ip", "netns", "exec", ns, "bash", "-c", "echo hello > /dev/udp/"+d.peer+"/9999").Run()
}

func linkDevs() []linkDev {
	return []linkDev{
		{kind: "loopback", setup: func(*testing.T, string, string) func() { return nil }, addr: "", peer: "127.0.0.1",
			dlt: "EN10MB", traffic: udpTo, filter: "udp port 9999", want: "127.0.0.1.9999: UDP, length 6"},
		{kind: "veth", module: "veth", args: []string{"type", "veth", "peer", "name", "PEER"}, addr: "10.199.20.1/24", peer: "10.199.20.2",
			dlt: "EN10MB", traffic: udpTo, filter: "arp", want: "Request who-has 10.199.20.2 tell 10.199.20.1"},
		{kind: "bridge", module: "bridge", setup: bridgeSetup, addr: "10.199.21.1/24", peer: "10.199.21.2",
			dlt: "EN10MB", traffic: udpTo, filter: "arp", want: "Request who-has 10.199.21.2 tell 10.199.21.1"},
		{kind: "tun", module: "tun", setup: tunSetup, addr: "10.199.22.1/24", peer: "10.199.22.2",
			dlt: "RAW", traffic: udpTo, filter: "udp and dst host 10.199.22.2", want: "10.199.22.2.9999: UDP, length 6"},
		{kind: "ipip", module: "ipip", args: []string{"type", "ipip", "local", "10.199.23.1", "remote", "10.199.23.2"},
			addr: "10.199.24.1/24", peer: "10.199.24.2", dlt: "RAW", traffic: udpTo, filter: "udp port 9999", want: "10.199.24.2.9999: UDP, length 6"},
		{kind: "sit", module: "sit", args: []string{"type", "sit", "local", "10.199.23.1", "remote", "10.199.23.2"},
			addr: "10.199.25.1/24", peer: "10.199.25.2", dlt: "RAW", traffic: udpTo, filter: "ip and udp", want: "10.199.25.2.9999: UDP, length 6"},
		{kind: "gre", module: "ip_gre", args: []string{"type", "gre", "local", "10.199.23.1", "remote", "10.199.23.2"},
			addr: "10.199.26.1/24", peer: "10.199.26.2", dlt: "LINUX_SLL", traffic: udpTo, filter: "udp port 9999", want: "10.199.26.2.9999: UDP, length 6"},
		{kind: "ip6gre", module: "ip6_gre", args: []string{"type", "ip6gre", "local", "fd00:199::1", "remote", "fd00:199::2"},
			addr: "10.199.27.1/24", peer: "10.199.27.2", dlt: "LINUX_SLL", traffic: udpTo, filter: "ip and udp", want: "10.199.27.2.9999: UDP, length 6"},
		{kind: "wireguard", module: "wireguard", args: []string{"type", "wireguard"},
			addr: "10.199.28.1/24", peer: "10.199.28.2", dlt: "RAW", traffic: udpTo, filter: "udp", want: "10.199.28.2.9999: UDP, length 6"},
		{kind: "vcan", module: "vcan", args: []string{"type", "vcan"}, dlt: "CAN_SOCKETCAN", traffic: canFrame,
			filter: "link[0:4] = 0x123", want: "UNSUPPORTED"},
		{kind: "ppp", module: "ppp_generic", setup: pppSetup, addr: "10.199.29.1/32", peer: "10.199.29.2",
			dlt: "LINUX_SLL", traffic: udpTo, filter: "udp port 9999", want: "10.199.29.2.9999: UDP, length 6"},
		{kind: "hwsim", module: "mac80211_hwsim", setup: hwsimSetup, dlt: "IEEE802_11_RADIO", traffic: beacons,
			filter: "wlan addr2 02:00:00:00:01:00", want: "Beacon (gcap)"},
		{kind: "nlmon", module: "nlmon", args: []string{"type", "nlmon"}, dlt: "NETLINK", traffic: netlinkDump,
			filter: "link[14:2] = 0", want: "UNSUPPORTED"},
	}
}

// bridgeSetup makes a bridge with one veth port (a bridge without an
// active port has no carrier).
func bridgeSetup(t *testing.T, ns, name string) func() {
	ipOK(t, "-n", ns, "link", "add", name, "type", "bridge")
	ipOK(t, "-n", ns, "link", "add", name+"p", "type", "veth", "peer", "name", name+"q")
	ipOK(t, "-n", ns, "link", "set", name+"p", "master", name)
	ipOK(t, "-n", ns, "link", "set", name+"p", "up")
	ipOK(t, "-n", ns, "link", "set", name+"q", "up")
	return nil
}

// tunSetup makes a tun device and keeps its file open (a tun nobody has
// open has no carrier).
func tunSetup(t *testing.T, ns, name string) func() {
	var f *os.File
	err := inNetns(ns, func() error {
		fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err != nil {
			return err
		}
		ifr, err := unix.NewIfreq(name)
		if err != nil {
			return err
		}
		ifr.SetUint16(unix.IFF_TUN | unix.IFF_NO_PI)
		if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
			unix.Close(fd)
			return fmt.Errorf("TUNSETIFF: %w", err)
		}
		f = os.NewFile(uintptr(fd), "tun")
		return nil
	})
	if err != nil {
		t.Fatalf("tun: %v", err)
	}
	// Drain what the kernel sends into the tun.
	go io.Copy(io.Discard, f)
	return func() { f.Close() }
}

// pppSetup makes a PPP interface as pppd does, with PPPIOCNEWUNIT on
// /dev/ppp (no channel: what it sends is dropped after the capture
// sees it), renamed to the test's name.
func pppSetup(t *testing.T, ns, name string) func() {
	var f *os.File
	unit := 0
	err := inNetns(ns, func() error {
		fd, err := unix.Open("/dev/ppp", unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err != nil {
			return err
		}
		unit = -1
		if err := ioctlInt(fd, unix.PPPIOCNEWUNIT, &unit); err != nil {
			unix.Close(fd)
			return fmt.Errorf("PPPIOCNEWUNIT: %w", err)
		}
		f = os.NewFile(uintptr(fd), "ppp")
		return nil
	})
	if err != nil {
		t.Fatalf("ppp: %v", err)
	}
	ipOK(t, "-n", ns, "link", "set", fmt.Sprintf("ppp%d", unit), "name", name)
	return func() { f.Close() }
}

func ioctlInt(fd int, req uint, v *int) error {
	x := int32(*v)
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), uintptr(req), uintptr(unsafe.Pointer(&x)))
	*v = int(x)
	if e != 0 {
		return e
	}
	return nil
}

// hwsimSetup moves mac80211_hwsim's radio monitor (hwsim0, radiotap
// frames) into the namespace under the test's name.
func hwsimSetup(t *testing.T, ns, name string) func() {
	ipOK(t, "link", "set", "hwsim0", "netns", ns)
	ipOK(t, "-n", ns, "link", "set", "hwsim0", "name", name)
	return nil
}

// beacons sends two beacons out of the radio monitor (other packet
// sockets on it see them as outgoing): one from 02:00:00:00:01:00, which
// the filter selects, and one from another transmitter.
func beacons(ns, name string, _ *linkDev) {
	inNetns(ns, func() error {
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		ifc, err := net.InterfaceByName(name)
		if err != nil {
			return err
		}
		for _, ta := range []byte{0x02, 0x01} {
			radiotap := []byte{0, 0, 8, 0, 0, 0, 0, 0}
			hdr := []byte{0x80, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				2, 0, 0, 0, ta - 1, 0, 2, 0, 0, 0, ta - 1, 0, 0x10, 0}
			body := []byte{0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0x01, 0x04, 0, 4, 'g', 'c', 'a', 'p'}
			frame := append(append(radiotap, hdr...), body...)
			sa := &unix.SockaddrLinklayer{Ifindex: ifc.Index, Protocol: htons16(unix.ETH_P_ALL)}
			if err := unix.Sendto(fd, frame, 0, sa); err != nil {
				return err
			}
		}
		return nil
	})
}

func htons16(v uint16) uint16 { return v<<8 | v>>8 }

// canFrame writes a CAN frame on the device.
func canFrame(ns, name string, _ *linkDev) {
	inNetns(ns, func() error {
		fd, err := unix.Socket(unix.AF_CAN, unix.SOCK_RAW, unix.CAN_RAW)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		ifc, err := net.InterfaceByName(name)
		if err != nil {
			return err
		}
		if err := unix.Bind(fd, &unix.SockaddrCAN{Ifindex: ifc.Index}); err != nil {
			return err
		}
		// One the filter leaves out, one it selects.
		for _, id := range []uint32{0x456, 0x123} {
			frame := make([]byte, 16)
			binary.NativeEndian.PutUint32(frame, id)
			frame[4] = 4
			copy(frame[8:], "gcap")
			if _, err = unix.Write(fd, frame); err != nil {
				return err
			}
		}
		return nil
	})
}

// netlinkDump makes netlink traffic (a link dump) in the namespace.
func netlinkDump(ns, _ string, _ *linkDev) {
	exec.Command("ip", "-n", ns, "link", "show").Run()
}

// inNetns runs f on a thread of its own in the named network namespace;
// the thread ends with f (it is never unlocked).
func inNetns(ns string, f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		h, err := os.Open("/run/netns/" + ns)
		if err != nil {
			errc <- err
			return
		}
		defer h.Close()
		if err := unix.Setns(int(h.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		errc <- f()
	}()
	return <-errc
}

func ipOK(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %v: %v: %s", args, err, out)
	}
}

// TestLiveLinkTypes checks -L against tcpdump's and captures with a filter
// on every kind of interface this kernel makes; the kinds it cannot make
// go to a guest kernel (scripts/vmrun) in one boot.
func TestLiveLinkTypes(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBPF(t)
	testenv.RequireTool(t, "ip")
	testenv.RequireTool(t, "bash")
	tcpdump := testenv.RequireTool(t, "tcpdump")
	only := map[string]bool{}
	for _, k := range strings.Fields(os.Getenv("GOCAP_LINKTYPES_ONLY")) {
		only[k] = true
	}
	ns := fmt.Sprintf("llv%d", os.Getpid()%100000)
	ipOK(t, "netns", "add", ns)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
	ipOK(t, "-n", ns, "link", "set", "lo", "up")
	var missing []string
	for i, d := range linkDevs() {
		if len(only) > 0 && !only[d.kind] {
			continue
		}
		name := fmt.Sprintf("llv%d", i)
		if d.kind == "loopback" {
			name = "lo"
		}
		if !makeLinkDev(t, ns, name, &d) {
			missing = append(missing, d.kind)
			continue
		}
		t.Run(d.kind, func(t *testing.T) { checkLinkDev(t, tcpdump, ns, name, &d) })
		if d.kind == "veth" {
			t.Run("choose", func(t *testing.T) { checkChosenLinkType(t, tcpdump, ns, name) })
		}
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("GOCAP_IN_VM") == "1" {
		t.Fatalf("the guest kernel cannot make %v either", missing)
	}
	t.Logf("this kernel cannot make %v: testing them in a guest kernel", missing)
	runInGuest(t, missing)
}

// makeLinkDev creates the device in the namespace, loading its module
// when there are modules to load; false when the kernel has no such
// device type.
func makeLinkDev(t *testing.T, ns, name string, d *linkDev) bool {
	t.Helper()
	if d.module != "" {
		args := []string{d.module}
		if d.module == "mac80211_hwsim" {
			args = append(args, "radios=1")
		}
		exec.Command("modprobe", args...).Run()
	}
	if d.setup != nil {
		if _, err := os.Stat("/dev/net/tun"); d.kind == "tun" && err != nil {
			return false
		}
		if d.kind == "bridge" && exec.Command("ip", "-n", ns, "link", "add", name+"x", "type", "bridge").Run() != nil {
			return false
		}
		if _, err := os.Stat("/sys/class/net/hwsim0"); d.kind == "hwsim" && err != nil {
			return false
		}
		if _, err := os.Stat("/dev/ppp"); d.kind == "ppp" && err != nil {
			return false
		}
		exec.Command("ip", "-n", ns, "link", "del", name+"x").Run()
		if c := d.setup(t, ns, name); c != nil {
			t.Cleanup(c)
		}
	} else {
		args := append([]string{"-n", ns, "link", "add", name}, d.args...)
		for i, a := range args {
			if a == "PEER" {
				args[i] = name + "p"
			}
		}
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			if strings.Contains(string(out), "Unknown device type") || strings.Contains(string(out), "not supported") {
				return false
			}
			t.Fatalf("ip %v: %v: %s", args, err, out)
		}
	}
	if d.kind == "veth" {
		ipOK(t, "-n", ns, "link", "set", name+"p", "up")
	}
	if d.addr != "" {
		args := []string{"-n", ns, "addr", "add", d.addr, "dev", name}
		if d.kind == "ppp" {
			args = append(args, "peer", d.peer)
		}
		ipOK(t, args...)
	}
	if d.kind != "loopback" {
		ipOK(t, "-n", ns, "link", "set", name, "up")
	}
	return true
}

// checkLinkDev compares -L with tcpdump's, then captures three packets
// with the device's filter into a file and reads it with tcpdump: the
// link type it names, three packets that match the filter by libpcap's
// own compilation, and tcpdump's lines for them.
func checkLinkDev(t *testing.T, tcpdump, ns, name string, d *linkDev) {
	bin := gocapForLinkTests(t)
	got := nsRun(t, ns, bin, "-L", "-i", name)
	want := nsRun(t, ns, tcpdump, "-L", "-i", name)
	if got != want {
		t.Errorf("gocap -L -i %s (%s):\n%s\ntcpdump -L:\n%s", name, d.kind, got, want)
	}
	if d.filter != "" {
		// The filter compiled for the interface's link type, as
		// tcpdump -d compiles it (libpcap 1.10 pads some lines with
		// spaces that libpcap master, gocap's reference, no longer has).
		trim := func(s string) string {
			ls := strings.Split(s, "\n")
			for i := range ls {
				ls[i] = strings.TrimRight(ls[i], " ")
			}
			return strings.Join(ls, "\n")
		}
		if got, want := nsRun(t, ns, bin, "-d", "-i", name, d.filter), trim(nsRun(t, ns, tcpdump, "-d", "-i", name, d.filter)); got != want {
			t.Errorf("gocap -d -i %s %q:\n%s\ntcpdump -d:\n%s", name, d.filter, got, want)
		}
	}
	file, stderr := captureThree(t, ns, bin, []string{"-i", name}, d.filter, func() { d.traffic(ns, name, d) })
	if !strings.Contains(stderr, "link-type "+d.dlt+" ") {
		t.Errorf("gocap -i %s (%s): %q, want link-type %s", name, d.kind, stderr, d.dlt)
	}
	read := func(filter string) (string, string) {
		args := []string{"-n", "-r", file}
		if filter != "" {
			args = append(args, filter)
		}
		c := exec.Command(tcpdump, args...)
		var o, e bytes.Buffer
		c.Stdout, c.Stderr = &o, &e
		if err := c.Run(); err != nil {
			t.Fatalf("tcpdump %v: %v: %s", args, err, e.String())
		}
		return o.String(), e.String()
	}
	out, info := read(d.filter)
	if !strings.Contains(info, "link-type "+d.dlt+" ") {
		t.Errorf("tcpdump reads %s's file as %q, want link-type %s", d.kind, info, d.dlt)
	}
	// One line per packet, then (for link types tcpdump does not print)
	// its hex dump.
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, "\t") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 3 {
		t.Errorf("tcpdump -r with %q selects %d of gocap's 3 packets on %s:\n%s", d.filter, len(lines), d.kind, out)
	}
	for _, l := range lines {
		if !strings.Contains(l, d.want) {
			t.Errorf("%s: tcpdump prints %q, want %q in it", d.kind, l, d.want)
		}
	}
	// gocap prints the file as tcpdump does.
	r := runGocap(t, nil, "-n", "-r", file)
	all, _ := read("")
	if r.stdout != all {
		t.Errorf("gocap -r of %s's capture:\n%s\ntcpdump -r:\n%s", d.kind, r.stdout, all)
	}
	t.Logf("%s: -L and -d identical to tcpdump's; 3 packets as %s, each matching %q", d.kind, d.dlt, d.filter)
}

// captureThree runs gocap in the namespace until it has written three
// packets to a file, calling traffic meanwhile; it returns the file and
// gocap's standard error.
func captureThree(t *testing.T, ns, bin string, args []string, filter string, traffic func()) (string, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "capture.pcap")
	args = append(append([]string{"netns", "exec", ns, bin}, args...), "-c", "3", "--immediate-mode", "-w", file)
	if filter != "" {
		args = append(args, filter)
	}
	cmd := exec.Command("ip", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(90 * time.Second)
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("gocap %v: %v: %s", args, err, stderr.String())
			}
			return file, stderr.String()
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("gocap %v captured fewer than 3 packets in 90 s: %s", args, stderr.String())
		case <-time.After(200 * time.Millisecond):
			traffic()
		}
	}
}

// checkChosenLinkType is -y: Ethernet captured as DOCSIS, "any" as
// LINUX_SLL (with a filter adapted to its 16-byte header in the kernel),
// and a link type an interface does not offer refused.
func checkChosenLinkType(t *testing.T, tcpdump, ns, veth string) {
	bin := gocapForLinkTests(t)
	d := &linkDev{peer: "10.199.20.2"}
	file, stderr := captureThree(t, ns, bin, []string{"-i", veth, "-y", "DOCSIS"}, "", func() { udpTo(ns, veth, d) })
	if !strings.Contains(stderr, "link-type DOCSIS ") {
		t.Errorf("-y DOCSIS: %q", stderr)
	}
	out, err := exec.Command(tcpdump, "-r", file).CombinedOutput()
	if !strings.Contains(string(out), "link-type DOCSIS") {
		t.Errorf("tcpdump reads the -y DOCSIS capture as %q (%v)", out, err)
	}
	// The peer does not answer ARP: the datagrams stay queued, the
	// requests go out.
	file, stderr = captureThree(t, ns, bin, []string{"-i", "any", "-y", "LINUX_SLL"}, "arp", func() { udpTo(ns, veth, d) })
	if !strings.Contains(stderr, "link-type LINUX_SLL ") {
		t.Errorf("-i any -y LINUX_SLL: %q", stderr)
	}
	out, err = exec.Command(tcpdump, "-n", "-r", file, "arp").CombinedOutput()
	if err != nil || strings.Count(string(out), "Request who-has 10.199.20.2 tell 10.199.20.1") != 3 || !strings.Contains(string(out), "link-type LINUX_SLL ") {
		t.Errorf("tcpdump -r of the -y LINUX_SLL capture: %v:\n%s", err, out)
	}
	c := exec.Command("ip", "netns", "exec", ns, bin, "-i", "lo", "-y", "DOCSIS", "-c", "1")
	if out, err := c.CombinedOutput(); err == nil || !strings.Contains(string(out), "does not offer") {
		t.Errorf("-i lo -y DOCSIS: %v: %s", err, out)
	}
}

// nsRun runs a program in the namespace and returns its standard output
// and error (where -L writes).
func nsRun(t *testing.T, ns string, args ...string) string {
	t.Helper()
	c := exec.Command("ip", append([]string{"netns", "exec", ns}, args...)...)
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v: %s", args, err, out)
	}
	return string(out)
}

// gocapForLinkTests is the gocap binary: built here, or handed to the
// guest (whose /tmp is its own, and where building is slow).
func gocapForLinkTests(t *testing.T) string {
	if p := os.Getenv("GOCAP_LINKTYPES_GOCAP"); p != "" {
		return p
	}
	return gocapBinary(t)
}

// runInGuest boots the guest kernel once and runs this test there for the
// device kinds given, with the test binary and gocap copied where the
// guest sees them.
func runInGuest(t *testing.T, kinds []string) {
	vmrun, err := filepath.Abs("../../scripts/vmrun")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("qemu-system-x86_64"); err != nil {
		testenv.Skip(t, "device kinds %v need a guest kernel, and qemu-system-x86_64 is not installed (.ci/run installs it): %v", kinds, err)
	}
	if err := exec.Command(vmrun, "--check").Run(); err != nil {
		testenv.Skip(t, "device kinds %v need a guest kernel, which scripts/vmrun cannot boot here (%v; .ci/run installs its kernel)", kinds, err)
	}
	dir, err := os.MkdirTemp("/var/tmp", "gocap-linktypes")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	copyFile(t, self, filepath.Join(dir, "gocap.test"))
	copyFile(t, gocapBinary(t), filepath.Join(dir, "gocap"))
	cmd := exec.Command(vmrun, filepath.Join(dir, "gocap.test"), "-test.run", "^TestLiveLinkTypes$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "GOCAP_LINKTYPES_ONLY="+strings.Join(kinds, " "), "GOCAP_LINKTYPES_GOCAP="+filepath.Join(dir, "gocap"),
		"GOCAP_VM_MEM=2G")
	out, err := cmd.CombinedOutput()
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "---") || strings.Contains(l, "linktypes_test.go") || strings.Contains(l, "vmrun:") || strings.HasPrefix(l, "FAIL") || strings.HasPrefix(l, "ok") || strings.HasPrefix(l, "PASS") {
			t.Log("guest: " + strings.TrimSpace(l))
		}
	}
	if err != nil {
		t.Fatalf("the guest's run of TestLiveLinkTypes for %v failed: %v\n%s", kinds, err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestLiveLinkTypes") {
		t.Fatalf("the guest's run did not pass:\n%s", out)
	}
}

func copyFile(t *testing.T, from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}
