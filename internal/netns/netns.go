package netns

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// runDir is where iproute2 keeps its named namespaces.
const runDir = "/run/netns"

// uniqueSuffix returns n random hex characters.
func uniqueSuffix(n int) string {
	b := make([]byte, (n+1)/2)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return hex.EncodeToString(b)[:n]
}

// New creates a namespace named prefix plus a random suffix, with its
// loopback up, and deletes it when the test ends.
func New(t testing.TB, prefix string) string {
	t.Helper()
	name := prefix + uniqueSuffix(8)
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add %s: %v: %s", name, err, out)
	}
	t.Cleanup(func() { Delete(name) })
	if err := IP(name, "link", "set", "lo", "up"); err != nil {
		t.Fatal(err)
	}
	return name
}

// Delete removes a namespace; errors are ignored because the namespace may be
// gone already. Interfaces inside it (veths) are destroyed with it.
func Delete(name string) {
	_ = exec.Command("ip", "netns", "del", name).Run()
}

// Command returns a command that runs name with args inside namespace ns
// (through `ip netns exec`).
func Command(ns, name string, args ...string) *exec.Cmd {
	return exec.Command("ip", append([]string{"netns", "exec", ns, name}, args...)...)
}

// IP runs `ip args...` inside namespace ns and reports its output on failure.
func IP(ns string, args ...string) error {
	out, err := exec.Command("ip", append([]string{"-n", ns}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip -n %s %s: %w: %s", ns, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// Sysctl writes a sysctl inside namespace ns, e.g.
// Sysctl(ns, "net.ipv6.conf.all.disable_ipv6", "1").
func Sysctl(ns, key, value string) error {
	out, err := Command(ns, "sysctl", "-qw", key+"="+value).CombinedOutput()
	if err != nil {
		return fmt.Errorf("sysctl %s=%s in %s: %w: %s", key, value, ns, err, out)
	}
	return nil
}

// Run executes fn on a locked OS thread switched into namespace ns, and
// switches the thread back afterwards. Goroutines started by fn run in the
// original namespace; file descriptors opened by fn keep ns.
func Run(ns string, fn func() error) error {
	runtime.LockOSThread()
	orig, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("netns: open current namespace: %w", err)
	}
	defer orig.Close()
	target, err := os.Open(filepath.Join(runDir, ns))
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("netns: open namespace %s: %w", ns, err)
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("netns: enter %s: %w", ns, err)
	}
	fnErr := fn()
	if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
		// The thread is stuck in the wrong namespace: leave it locked so
		// that the runtime discards it when this goroutine exits.
		return fmt.Errorf("netns: leave %s: %w (thread abandoned)", ns, err)
	}
	runtime.UnlockOSThread()
	return fnErr
}
