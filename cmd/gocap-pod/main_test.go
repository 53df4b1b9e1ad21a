package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindContainerPid(t *testing.T) {
	proc := t.TempDir()
	id := "4f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615243"
	write := func(pid, cg string) {
		os.MkdirAll(filepath.Join(proc, pid), 0o755)
		os.WriteFile(filepath.Join(proc, pid, "cgroup"), []byte(cg), 0o644)
	}
	write("1", "0::/init.scope\n")
	write("977", "12:pids:/kubepods/besteffort/pod1234/"+id+"\n")
	write("412", "12:pids:/kubepods/besteffort/pod1234/"+id+"\n")
	write("88", "0::/kubepods.slice/cri-containerd-0000"+id[4:]+".scope\n")
	os.MkdirAll(filepath.Join(proc, "self"), 0o755)
	pid, err := findContainerPid(proc, id)
	if err != nil || pid != 412 {
		t.Fatalf("pid %d, err %v; want 412", pid, err)
	}
	if _, err := findContainerPid(proc, strings.Repeat("a", 64)); err == nil || !strings.Contains(err.Error(), "no process") {
		t.Errorf("missing container: %v", err)
	}
	if _, err := findContainerPid(proc, "../x"); err == nil {
		t.Error("a path accepted as an id")
	}
}
