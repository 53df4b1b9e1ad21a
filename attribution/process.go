package attribution

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Process is the owner of a socket: the task that created it, as the kernel
// reported it then, completed from procfs where the process still exists.
type Process struct {
	PID       int    // thread group id (the process id ps shows)
	TID       int    // the thread that created the socket
	PPID      int    // parent process id, 0 if unknown
	UID, GID  uint32 //
	Comm      string // command name (at most 15 bytes, as the kernel keeps it)
	CgroupID  uint64 // cgroup v2 id, 0 if unknown
	Cgroup    string // cgroup v2 path, "" if unknown
	Container string // container id from the cgroup path, "" if none
	Runtime   string // docker, containerd, cri-o or podman when Container is set
	NetNS     uint64 // network namespace cookie, 0 if unknown
}

// String is the short form printed after the interface name: "curl.4121".
func (p *Process) String() string {
	return p.Comm + "." + strconv.Itoa(p.PID)
}

// Details is the -v addition: "uid 1000, ppid 4100, container 3f2a1b0c9d8e".
func (p *Process) Details() string {
	s := "uid " + strconv.FormatUint(uint64(p.UID), 10)
	if p.PPID > 0 {
		s += ", ppid " + strconv.Itoa(p.PPID)
	}
	if p.Container != "" {
		s += ", container " + ShortID(p.Container)
	}
	return s
}

// Comment is the pcapng packet comment: "PID: 4121, Cmd: curl, UID: 1000,
// PPID: 4100, Cgroup: /user.slice, Container: 3f2a...".
func (p *Process) Comment() string {
	var b strings.Builder
	fmt.Fprintf(&b, "PID: %d, Cmd: %s, UID: %d", p.PID, p.Comm, p.UID)
	if p.PPID > 0 {
		fmt.Fprintf(&b, ", PPID: %d", p.PPID)
	}
	if p.Cgroup != "" {
		fmt.Fprintf(&b, ", Cgroup: %s", p.Cgroup)
	}
	if p.Container != "" {
		fmt.Fprintf(&b, ", Container: %s", p.Container)
	}
	return b.String()
}

// ShortID is the 12-character form of a container id, as docker ps shows it.
func ShortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// scopePattern is a systemd scope named for a container: docker-ID.scope,
// cri-containerd-ID.scope (containerd under Kubernetes), crio-ID.scope,
// libpod-ID.scope (podman); podman's cgroupfs driver names it libpod-ID.
// It and bareID are compiled when first used, not at every start of
// gocap: most captures attribute nothing.
var scopePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(docker|cri-containerd|crio|libpod)-([0-9a-f]{64})(?:\.scope)?$`)
})

var bareID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{64}$`) })

// runtimeOf names the runtime from the spelling of a scope prefix or a
// parent directory.
var runtimeOf = map[string]string{
	"docker":         "docker",
	"cri-containerd": "containerd",
	"crio":           "cri-o",
	"libpod":         "podman",
	"libpod_parent":  "podman",
	"kubepods":       "containerd",
}

// ContainerFromCgroup extracts the container id and runtime from a cgroup
// path, in the spellings of docker (docker-ID.scope, /docker/ID),
// containerd (cri-containerd-ID.scope, /kubepods/.../ID), cri-o
// (crio-ID.scope) and podman (libpod-ID.scope, /libpod_parent/libpod-ID).
// Both are "" when the path names no container. The innermost id wins.
func ContainerFromCgroup(path string) (id, runtime string) {
	elems := strings.Split(path, "/")
	for i := len(elems) - 1; i >= 0; i-- {
		e := elems[i]
		if m := scopePattern().FindStringSubmatch(e); m != nil {
			return m[2], runtimeOf[m[1]]
		}
		if !bareID().MatchString(e) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			parent := strings.TrimSuffix(elems[j], ".slice")
			if k := strings.IndexAny(parent, "-_."); k > 0 && runtimeOf[parent] == "" {
				parent = parent[:k]
			}
			if r := runtimeOf[parent]; r != "" {
				return e, r
			}
		}
		return e, ""
	}
	return "", ""
}

// procInfo completes p from /proc/PID: parent, and the container from any
// of the process's cgroup paths (v1 or v2: in hybrid mode a container's v2
// path may be the root while its v1 paths name it).
func procInfo(p *Process) {
	dir := "/proc/" + strconv.Itoa(p.PID)
	if b, err := os.ReadFile(dir + "/stat"); err == nil {
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		if i := bytes.LastIndexByte(b, ')'); i >= 0 {
			f := strings.Fields(string(b[i+1:]))
			if len(f) > 1 {
				p.PPID, _ = strconv.Atoi(f[1])
			}
		}
	}
	b, err := os.ReadFile(dir + "/cgroup")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		// hierarchy-ID:controllers:path
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		if parts[0] == "0" && parts[1] == "" && p.Cgroup == "" {
			p.Cgroup = parts[2]
		}
		if p.Container == "" {
			p.Container, p.Runtime = ContainerFromCgroup(parts[2])
		}
	}
}

// procComm reads a process's command name and ids for sockets found at
// start, which the kernel side never saw created.
func procProcess(pid int) (*Process, bool) {
	dir := "/proc/" + strconv.Itoa(pid)
	comm, err := os.ReadFile(dir + "/comm")
	if err != nil {
		return nil, false
	}
	p := &Process{PID: pid, TID: pid, Comm: strings.TrimSuffix(string(comm), "\n")}
	if b, err := os.ReadFile(dir + "/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			switch f[0] {
			case "Uid:":
				u, _ := strconv.ParseUint(f[1], 10, 32)
				p.UID = uint32(u)
			case "Gid:":
				g, _ := strconv.ParseUint(f[1], 10, 32)
				p.GID = uint32(g)
			}
		}
	}
	procInfo(p)
	return p, true
}
