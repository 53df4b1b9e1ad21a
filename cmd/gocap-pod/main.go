package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "pause":
		pause()
	case "capture":
		os.Exit(capture(os.Args[2:]))
	case "stop":
		if len(os.Args) != 3 {
			usage()
		}
		n, err := stop("/proc", os.Args[2])
		if err != nil {
			fmt.Fprintf(os.Stderr, "gocap-pod: %v\n", err)
			os.Exit(1)
		}
		if n == 0 {
			fmt.Fprintf(os.Stderr, "gocap-pod: no capture tagged %s here\n", os.Args[2])
		}
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gocap-pod pause | gocap-pod capture [--tag TAG] [--container ID] -- GOCAP ARGS... | gocap-pod stop TAG")
	os.Exit(2)
}

func pause() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM, syscall.SIGINT)
	<-c
}

func capture(args []string) int {
	var container string
	for len(args) > 0 && args[0] != "--" {
		switch {
		case args[0] == "--container" && len(args) > 1:
			container, args = args[1], args[2:]
		case args[0] == "--tag" && len(args) > 1:
			args = args[2:] // only for stop to find this process by

		default:
			fmt.Fprintf(os.Stderr, "gocap-pod: unknown argument %q\n", args[0])
			return 2
		}
	}
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "gocap-pod: capture: no command after --")
		return 2
	}
	args = args[1:]
	// The namespace is entered by this thread only; gocap, started from
	// it, is born in it.
	runtime.LockOSThread()
	if container != "" {
		if err := enterNetns(container); err != nil {
			fmt.Fprintf(os.Stderr, "gocap-pod: %v\n", err)
			return 1
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "gocap-pod: starting %s: %v\n", args[0], err)
		return 1
	}
	stdinDone := make(chan struct{})
	go func() {
		io.Copy(io.Discard, os.Stdin)
		close(stdinDone)
	}()
	go func() {
		select {
		case <-stdinDone:
		case <-sigs:
		}
		cmd.Process.Signal(syscall.SIGINT)
	}()
	err := cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocap-pod: %v\n", err)
		return 1
	}
	return 0
}

// enterNetns moves the calling thread into the network namespace of a
// process of container id.
func enterNetns(id string) error {
	pid, err := findContainerPid("/proc", id)
	if err != nil {
		return err
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
	if err != nil {
		return fmt.Errorf("container %s: opening the network namespace of its process %d: %w", short(id), pid, err)
	}
	defer f.Close()
	if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
		return fmt.Errorf("container %s: entering the network namespace of its process %d (needs CAP_SYS_ADMIN): %w", short(id), pid, err)
	}
	return nil
}

// findContainerPid returns the lowest pid under proc whose cgroup path
// names container id (cgroupfs: .../<id>; systemd: cri-containerd-<id>.scope).
func findContainerPid(proc, id string) (int, error) {
	if len(id) < 12 || strings.ContainsAny(id, "/\n") {
		return 0, fmt.Errorf("container id %q: not an id", id)
	}
	entries, err := os.ReadDir(proc)
	if err != nil {
		return 0, fmt.Errorf("listing processes: %w", err)
	}
	best := 0
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || (best != 0 && pid >= best) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(proc, e.Name(), "cgroup"))
		if err != nil {
			continue // gone meanwhile
		}
		if strings.Contains(string(b), id) {
			best = pid
		}
	}
	if best == 0 {
		return 0, fmt.Errorf("container %s: no process of it on this node (is the pod running here, and the capture pod hostPID?)", short(id))
	}
	return best, nil
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// stop interrupts every "gocap-pod capture --tag TAG" process under proc
// (the plugin's way to end a capture cleanly when closing the exec's
// standard input does not reach the process) and returns how many.
func stop(proc, tag string) (int, error) {
	entries, err := os.ReadDir(proc)
	if err != nil {
		return 0, fmt.Errorf("listing processes: %w", err)
	}
	want := "\x00capture\x00--tag\x00" + tag + "\x00"
	n := 0
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(proc, e.Name(), "cmdline"))
		if err != nil || !strings.Contains(string(b), want) {
			continue
		}
		if err := syscall.Kill(pid, syscall.SIGINT); err == nil {
			n++
		}
	}
	return n, nil
}
