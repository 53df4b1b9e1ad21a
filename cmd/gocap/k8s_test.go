package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindK8s(t *testing.T) {
	dir := t.TempDir()
	self := filepath.Join(dir, "gocap")
	t.Setenv("PATH", t.TempDir())
	_, err := findK8s(self)
	if err == nil || !strings.Contains(err.Error(), "kubectl-gocap is not installed beside "+self+" or on PATH") {
		t.Fatalf("missing plugin: %v", err)
	}
	beside := filepath.Join(dir, "kubectl-gocap")
	if err := os.WriteFile(beside, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := findK8s(self); err != nil || p != beside {
		t.Fatalf("beside: %q %v", p, err)
	}
	onPath := t.TempDir()
	os.WriteFile(filepath.Join(onPath, "kubectl-gocap"), []byte("#!/bin/sh\n"), 0o755)
	t.Setenv("PATH", onPath)
	if p, err := findK8s(filepath.Join(t.TempDir(), "gocap")); err != nil || p != filepath.Join(onPath, "kubectl-gocap") {
		t.Fatalf("on PATH: %q %v", p, err)
	}
}

// TestRunK8sMissing: `gocap k8s` without the plugin is a clear error and
// exit status 1, through the whole command.
func TestRunK8sMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var out, errb strings.Builder
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	if code := run(e, []string{"k8s", "--node", "n1", "-w", "x.pcapng"}); code != exitRuntime {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	if !strings.Contains(errb.String(), "gocap: k8s: the fleet capture's command kubectl-gocap is not installed") {
		t.Errorf("stderr %q", errb.String())
	}
}
