package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// k8sCommand is the plugin `gocap k8s ARGS` hands over to: the fleet
// capture lives in its own command so that gocap does not link
// k8s.io/client-go (its package initialisation would cost every capture).
const k8sCommand = "kubectl-gocap"

// findK8s looks for kubectl-gocap beside the gocap executable self, then
// on PATH.
func findK8s(self string) (string, error) {
	if self != "" {
		p := filepath.Join(filepath.Dir(self), k8sCommand)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	if p, err := exec.LookPath(k8sCommand); err == nil {
		return p, nil
	}
	where := "on PATH"
	if self != "" {
		where = "beside " + self + " or on PATH"
	}
	return "", &runtimeError{fmt.Errorf("k8s: the fleet capture's command %s is not installed %s "+
		"(go install github.com/gocap/gocap/cmd/kubectl-gocap; to filter on a host named k8s, write \"host k8s\")", k8sCommand, where)}
}

// runK8s replaces gocap with kubectl-gocap ARGS; it returns only on error.
func runK8s(args []string) error {
	self, _ := os.Executable()
	p, err := findK8s(self)
	if err != nil {
		return err
	}
	if err := syscall.Exec(p, append([]string{k8sCommand}, args...), os.Environ()); err != nil {
		return &runtimeError{fmt.Errorf("k8s: running %s: %w", p, err)}
	}
	return nil
}
