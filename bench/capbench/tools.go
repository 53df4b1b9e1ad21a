package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// tool is one capture program under test.
type tool struct {
	name string
	// argv builds the command line that captures filter on ifCap into out;
	// flush asks for per-packet flushing (start-up measurement).
	argv func(out, filter string, flush bool) []string
	ext  string
	// text: the tool prints packets (-n) to standard output, /dev/null,
	// and writes no file; its captured count comes from its exit summary.
	text bool
	// ref is the tool the ratios compare it with ("" for none).
	ref string
	// drops extracts the kernel drop count from what the tool printed on exit.
	drops func(stderr string) (int, bool)
	// readers is how many threads read the capture (gocap --fanout): the
	// zero-loss sweep's CPU limit is per reader. 0 means 1.
	readers int
}

var (
	tcpdumpDrops    = regexp.MustCompile(`(\d+) packets? dropped by kernel`)
	tcpdumpCaptured = regexp.MustCompile(`(\d+) packets? captured`)
	dumpcapDrops    = regexp.MustCompile(`Packets received/dropped on interface '[^']*': \d+/(\d+)`)
	readyLine       = regexp.MustCompile(`listening on|Capturing on`)
)

func regexpCount(re *regexp.Regexp) func(string) (int, bool) {
	return func(s string) (int, bool) {
		m := re.FindStringSubmatch(s)
		if m == nil {
			return 0, false
		}
		n, err := strconv.Atoi(m[1])
		return n, err == nil
	}
}

// defaultTools are measured unless -tools says otherwise: every gocap
// output beside tcpdump's, the tc engine and dumpcap.
var defaultTools = []string{"gocap", "gocap-pcap", "gocap-text", "gocap-tc", "tcpdump", "tcpdump-text", "dumpcap"}

func toolNames() []string {
	var names []string
	for n := range knownTools("gocap") {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func knownTools(gocap string) map[string]tool {
	flushFlag := func(flush bool, f string) []string {
		if flush {
			return []string{f}
		}
		return nil
	}
	writes := func(name, ext, ref string, prog ...string) tool {
		return tool{name: name, ext: ext, ref: ref, drops: regexpCount(tcpdumpDrops),
			argv: func(out, filter string, flush bool) []string {
				a := append(append([]string{}, prog...), "-i", ifCap, "-w", out)
				return append(append(a, flushFlag(flush, "-U")...), filter)
			}}
	}
	prints := func(name, ref, prog string) tool {
		return tool{name: name, text: true, ref: ref, drops: regexpCount(tcpdumpDrops),
			argv: func(_, filter string, _ bool) []string {
				return []string{prog, "-n", "-i", ifCap, filter}
			}}
	}
	return map[string]tool{
		"gocap":      writes("gocap", ".pcapng", "tcpdump", gocap),
		"gocap-pcap": writes("gocap-pcap", ".pcap", "tcpdump", gocap, "--pcap"),
		"gocap-tc":   writes("gocap-tc", ".pcapng", "tcpdump", gocap, "--hook", "tc"),
		// The tc engine writing the same bytes as tcpdump, as gocap-pcap
		// is the socket engine's.
		"gocap-tc-pcap": writes("gocap-tc-pcap", ".pcap", "tcpdump", gocap, "--hook", "tc", "--pcap"),
		"gocap-text":    prints("gocap-text", "tcpdump-text", gocap),
		// Process attribution on, compared with the same engine without it.
		"gocap-attrib":    writes("gocap-attrib", ".pcapng", "gocap", gocap, "--context", "process"),
		"gocap-tc-attrib": writes("gocap-tc-attrib", ".pcapng", "gocap-tc", gocap, "--hook", "tc", "--context", "process"),
		"tcpdump":         writes("tcpdump", ".pcap", "", "tcpdump"),
		"tcpdump-text":    prints("tcpdump-text", "", "tcpdump"),
		"dumpcap": {name: "dumpcap", ext: ".pcapng", ref: "tcpdump", drops: regexpCount(dumpcapDrops),
			argv: func(out, filter string, _ bool) []string {
				return []string{"dumpcap", "-q", "-i", ifCap, "-w", out, "-f", filter}
			}},
	}
}

// available reports whether the tool's program can be run.
func available(t tool) error {
	prog := t.argv("x", "", false)[0]
	if strings.Contains(prog, "/") {
		if _, err := os.Stat(prog); err != nil {
			return err
		}
		return nil
	}
	_, err := exec.LookPath(prog)
	return err
}

// session is one running capture.
type session struct {
	cmd     *exec.Cmd
	out     string
	stderr  *syncBuffer
	started time.Time
	ready   time.Time
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start launches the tool in the capture namespace and waits until it says
// it is listening. A quota with a fraction > 0 confines it to that much of
// one core.
func start(t tool, dir, filter string, flush bool, n int, limit quota) (*session, error) {
	out := filepath.Join(dir, fmt.Sprintf("%s-%d%s", t.name, n, t.ext))
	os.Remove(out)
	argv := append([]string{"netns", "exec", nsCap}, t.argv(out, filter, flush)...)
	cmd := exec.Command("ip", argv...)
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	s := &session{cmd: cmd, out: out, stderr: &syncBuffer{}}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	if limit.fraction > 0 {
		if err := limitCPU(cmd.Process.Pid, limit); err != nil {
			cmd.Process.Kill()
			return nil, err
		}
	}
	readyc := make(chan time.Time, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		signalled := false
		for sc.Scan() {
			line := sc.Text()
			s.stderr.Write([]byte(line + "\n"))
			if !signalled && readyLine.MatchString(line) {
				readyc <- time.Now()
				signalled = true
			}
		}
		io.Copy(io.Discard, pr)
	}()
	go func() {
		cmd.Wait()
		pw.Close()
	}()
	select {
	case s.ready = <-readyc:
		return s, nil
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		return nil, fmt.Errorf("%s did not start listening within 10s; stderr: %s", t.name, s.stderr.String())
	}
}

// stop waits settle (the tool has then read every block), interrupts the
// tool and returns its resource usage and its peak resident set in KiB
// (VmHWM, read just before the interrupt: wait4's ru_maxrss has proved
// unreliable for a process started through ip netns exec).
func (s *session) stop(settle time.Duration) (*syscall.Rusage, int, error) {
	time.Sleep(settle)
	waitQuiet(s.out, 300*time.Millisecond, 10*time.Second)
	hwm := peakRSS(s.cmd.Process.Pid)
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	deadline := time.Now().Add(15 * time.Second)
	for s.cmd.ProcessState == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		time.Sleep(100 * time.Millisecond)
		return nil, 0, fmt.Errorf("did not exit within 15s of SIGINT")
	}
	ru, _ := s.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return ru, hwm, nil
}

// peakRSS reads a process's VmHWM in KiB (0 if unreadable).
func peakRSS(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	return 0
}

func waitQuiet(path string, quiet, limit time.Duration) {
	end := time.Now().Add(limit)
	last := int64(-1)
	lastChange := time.Now()
	for time.Now().Before(end) {
		var size int64
		if st, err := os.Stat(path); err == nil {
			size = st.Size()
		}
		if size != last {
			last, lastChange = size, time.Now()
		} else if time.Since(lastChange) >= quiet {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// quota is a CPU limit: fraction of one core, granted per period.
type quota struct {
	fraction float64
	periodUS int
}

// sweepQuota is the limit of a sweep's trial for a tool with readers
// threads: fraction per reader, in periods chosen for fraction, so that
// every tool of a run is throttled in periods of the same length.
func sweepQuota(fraction float64, readers int) quota {
	return quota{fraction: fraction * float64(max(readers, 1)), periodUS: quotaPeriod(fraction)}
}

// quotaPeriod is the period for a limit of fraction: 10 ms, which keeps
// what a tool must buffer while throttled small (under 10 ms of traffic),
// or longer where the quota would otherwise be under the 1 ms the kernel
// accepts (cpu.cfs_quota_us, cpu.max): 20 ms for 5% of a core.
func quotaPeriod(fraction float64) int {
	const minQuota, period = 1000, 10000 // µs
	return max(period, int(math.Ceil(minQuota/fraction)))
}

// limitCPU moves the process (all its threads) into a cgroup that may use
// limit's fraction of one core per period.
func limitCPU(pid int, limit quota) error {
	period := limit.periodUS
	us := int(limit.fraction * float64(period))
	var files [][2]string
	dir := "/sys/fs/cgroup/" + cgroup
	if _, err := os.Stat("/sys/fs/cgroup/cgroup.controllers"); err == nil { // cgroup v2
		files = [][2]string{{"cpu.max", fmt.Sprintf("%d %d", us, period)}, {"cgroup.procs", strconv.Itoa(pid)}}
	} else {
		dir = "/sys/fs/cgroup/cpu/" + cgroup
		files = [][2]string{{"cpu.cfs_period_us", strconv.Itoa(period)}, {"cpu.cfs_quota_us", strconv.Itoa(us)}, {"cgroup.procs", strconv.Itoa(pid)}}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cpu limit: %w", err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f[0]), []byte(f[1]), 0o644); err != nil {
			return fmt.Errorf("cpu limit: %s: %w", f[0], err)
		}
	}
	return nil
}

// removeCPULimit removes the cgroup limitCPU made (empty by then).
func removeCPULimit() {
	_ = os.Remove("/sys/fs/cgroup/" + cgroup)
	_ = os.Remove("/sys/fs/cgroup/cpu/" + cgroup)
}
