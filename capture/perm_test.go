package capture

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
)

// TestPermissionErrors runs Open as an unprivileged user (the test binary
// re-executed as nobody) and checks that the errors name the capability.
func TestPermissionErrors(t *testing.T) {
	if mode := os.Getenv("GOCAP_CAPTURE_NOPRIV"); mode != "" {
		hook := HookSocket
		if mode == "tc" {
			hook = HookTC
		}
		_, err := Open(Options{Interfaces: []string{"lo"}, Hook: hook})
		fmt.Printf("ERR:%v\nISPERM:%v\n", err, errors.Is(err, ErrPermission))
		return
	}
	testenv.RequireBPF(t)
	// The go test work directory is private to root: copy the binary to
	// a directory nobody can read.
	dir, err := os.MkdirTemp("", "gocapcap-perm")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "capture.test")
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ mode, capName string }{{"socket", "CAP_NET_RAW"}, {"tc", "CAP_BPF"}} {
		cmd := exec.Command(bin, "-test.run=^TestPermissionErrors$", "-test.v")
		cmd.Env = append(os.Environ(), "GOCAP_CAPTURE_NOPRIV="+c.mode, "GOCAP_TEST_STRICT=0")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: helper failed: %v: %s", c.mode, err, out)
		}
		s := string(out)
		if !strings.Contains(s, "ISPERM:true") || !strings.Contains(s, c.capName) {
			t.Errorf("%s engine without privileges: %s", c.mode, s)
		}
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
