// Package testenv decides whether a test that needs privileges or an
// external tool can run here. Without the prerequisite the test is skipped
// with a clear message, except under GOCAP_TEST_STRICT=1 (always set in CI),
// where a missing prerequisite fails the test: a skip is not a pass.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Strict reports whether GOCAP_TEST_STRICT=1 is set.
func Strict() bool { return os.Getenv("GOCAP_TEST_STRICT") == "1" }

// Skip skips the test with the reason, or fails it in strict mode.
func Skip(t testing.TB, format string, args ...any) {
	t.Helper()
	if Strict() {
		t.Fatalf("GOCAP_TEST_STRICT=1 forbids skipping: "+format, args...)
	}
	t.Skipf(format, args...)
}

// RequireRoot skips (or fails, in strict mode) unless running as root.
func RequireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		Skip(t, "needs root (CAP_NET_ADMIN, CAP_NET_RAW, CAP_BPF)")
	}
}

// RequireTool returns the path of an external program, skipping (or failing,
// in strict mode) when it is not installed.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Skip(t, "needs %s (installed by .ci/run): %v", name, err)
	}
	return p
}

// Short reports testing.Short(); long-running property tests cut their
// iteration counts with it, never their checks.
func Short() bool { return testing.Short() }
