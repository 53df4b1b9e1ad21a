package testenv

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// probeEnv makes a test binary that imports this package load one trivial
// BPF program and exit, before any test runs: the probe of RequireBPF.
const probeEnv = "GOCAP_TESTENV_BPF_PROBE"

func init() {
	if os.Getenv(probeEnv) != "1" {
		return
	}
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Type:         ebpf.SocketFilter,
		License:      "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	prog.Close()
	os.Exit(0)
}

var (
	bpfOnce sync.Once
	bpfErr  error
)

// bpfProbeLimit is far above what loading a two-instruction program takes
// (well under a millisecond) even on a loaded machine.
const bpfProbeLimit = 15 * time.Second

// RequireBPF skips (or fails, in strict mode) unless the kernel loads BPF
// programs. Beyond privileges it guards against a kernel whose BPF program
// allocator is deadlocked: there every program load — eBPF, and classic BPF
// attached with SO_ATTACH_FILTER, which the kernel converts and JIT-compiles —
// blocks forever in an uninterruptible sleep, and a test that tried would
// hang `go test` itself. The probe runs in a child process so that only the
// child can get stuck.
func RequireBPF(t testing.TB) {
	t.Helper()
	RequireRoot(t)
	bpfOnce.Do(func() { bpfErr = probeBPF() })
	if bpfErr != nil {
		Skip(t, "%v", bpfErr)
	}
}

func probeBPF() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("BPF probe: %w", err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), probeEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("BPF probe: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("the kernel refused a trivial BPF program: %v: %s", err, strings.TrimSpace(stderr.String()))
		}
		return nil
	case <-time.After(bpfProbeLimit):
		// A child stuck in the kernel cannot die until its system call
		// returns; it is left behind rather than waited for.
		_ = cmd.Process.Kill()
		return fmt.Errorf("loading a trivial BPF program did not complete within %v: %s", bpfProbeLimit, wedgeDiagnosis())
	}
}

// wedgeDiagnosis explains a hung program load from what /proc shows.
func wedgeDiagnosis() string {
	stuck := 0
	wchans, _ := filepath.Glob("/proc/[0-9]*/task/[0-9]*/wchan")
	for _, p := range wchans {
		b, err := os.ReadFile(p)
		if err == nil && bytes.HasPrefix(b, []byte("bpf_prog_pack")) {
			stuck++
		}
	}
	if stuck == 0 {
		return "the kernel is not answering bpf(BPF_PROG_LOAD)"
	}
	return fmt.Sprintf("%d kernel tasks are blocked in bpf_prog_pack_alloc/free: the kernel's BPF JIT "+
		"allocator is deadlocked (a kernel bug: it can happen when more program frees are queued on one CPU's "+
		"workqueue than it runs at once while a load needs that workqueue). No BPF program can be loaded on this "+
		"machine until it is rebooted", stuck)
}
