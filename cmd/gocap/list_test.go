package main

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocap/gocap/capture"
)

func TestListInterfaces(t *testing.T) {
	r := runGocap(t, nil, "-D")
	if r.code != exitOK {
		t.Fatalf("-D: exit %d: %s", r.code, r.stderr)
	}
	// Every network namespace has lo (index 1), and "any" is always listed.
	if !strings.Contains(r.stdout, "1.lo [Up, Running, Loopback] link-type EN10MB (Ethernet)\n") &&
		!strings.Contains(r.stdout, "1.lo [Loopback] link-type EN10MB (Ethernet)\n") {
		t.Errorf("-D does not list lo:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "any (Pseudo-device that captures on all interfaces) [Up, Running] link-type LINUX_SLL2 (Linux cooked v2)") {
		t.Errorf("-D does not list any:\n%s", r.stdout)
	}
	// -L writes to standard error, as tcpdump does.
	r = runGocap(t, nil, "-L", "-i", "lo")
	if want := "Data link types for lo (use option -y to set):\n  EN10MB (Ethernet)\n"; r.code != exitOK || r.stderr != want || r.stdout != "" {
		t.Errorf("-L -i lo: exit %d, %q %q, want %q", r.code, r.stdout, r.stderr, want)
	}
	r = runGocap(t, nil, "-L", "-i", "any")
	if want := "Data link types for any (use option -y to set):\n  LINUX_SLL (Linux cooked v1)\n  LINUX_SLL2 (Linux cooked v2)\n"; r.stderr != want {
		t.Errorf("-L -i any: %q, want %q", r.stderr, want)
	}
	r = runGocap(t, nil, "-L", "-i", "gocapnosuch0")
	if r.code != exitRuntime || !strings.Contains(r.stderr, "gocap -D") {
		t.Errorf("-L on a missing interface: exit %d, %q", r.code, r.stderr)
	}
}

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestStatusLine(t *testing.T) {
	var out lockedBuf
	var captured atomic.Uint64
	var written atomic.Int64
	captured.Store(42)
	written.Store(3 << 20)
	stop := statusLine(&out, 20*time.Millisecond, func() capture.Stats { return capture.Stats{Dropped: 7} }, &captured, &written)
	time.Sleep(70 * time.Millisecond)
	stop()
	s := out.String()
	if !strings.Contains(s, "\r\033[K42 packets captured, 7 dropped by kernel, 3.0 MiB written") {
		t.Errorf("status line %q", s)
	}
	if !strings.HasSuffix(s, "\r\033[K") {
		t.Errorf("status line not cleared at the end: %q", s)
	}
}
