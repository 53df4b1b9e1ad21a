package attribution

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// CgroupRoot returns where the cgroup v2 (unified) hierarchy is mounted:
// /sys/fs/cgroup on most systems, /sys/fs/cgroup/unified in hybrid mode
// (v1 controllers beside it).
func CgroupRoot() (string, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return "", fmt.Errorf("finding the cgroup v2 mount: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// ID parent major:minor root mountpoint options [optional...] - fstype source superoptions
		fields := strings.Fields(sc.Text())
		for i, fld := range fields {
			if fld == "-" && i+1 < len(fields) && fields[i+1] == "cgroup2" && len(fields) > 4 {
				return unescapeMount(fields[4]), nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("finding the cgroup v2 mount: %w", err)
	}
	return "", fmt.Errorf("%w: no cgroup v2 file system is mounted (mount -t cgroup2 none /sys/fs/cgroup/unified)", ErrUnsupported)
}

// UnifiedHierarchy returns the cgroup v2 hierarchy's root directory. When
// it is not mounted in this mount namespace (`ip netns exec` mounts a fresh
// /sys without it), it is mounted on a private temporary directory, which
// release unmounts and removes.
func UnifiedHierarchy() (root string, release func(), err error) {
	if root, err := CgroupRoot(); err == nil {
		return root, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "gocap-cgroup2-")
	if err != nil {
		return "", nil, fmt.Errorf("%w: no cgroup v2 mount, and no directory to mount one: %w", ErrUnsupported, err)
	}
	if err := unix.Mount("none", dir, "cgroup2", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		os.Remove(dir)
		return "", nil, fmt.Errorf("%w: no cgroup v2 file system is mounted, and mounting one failed: %w (needs CAP_SYS_ADMIN and a kernel with cgroup v2)", ErrUnsupported, err)
	}
	return dir, func() {
		unix.Unmount(dir, unix.MNT_DETACH)
		os.Remove(dir)
	}, nil
}

// unescapeMount undoes mountinfo's octal escapes (\040 for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			var v byte
			ok := true
			for _, c := range s[i+1 : i+4] {
				if c < '0' || c > '7' {
					ok = false
					break
				}
				v = v*8 + byte(c-'0')
			}
			if ok {
				b.WriteByte(v)
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// cgroupPaths maps cgroup v2 ids (the inode numbers of their directories,
// which bpf_get_current_cgroup_id returns) to paths relative to the root.
type cgroupPaths struct {
	root string
	mu   sync.Mutex
	byID map[uint64]string
}

// path returns the cgroup's path ("/" for the root), walking the hierarchy
// again when the id is new.
func (c *cgroupPaths) path(id uint64) string {
	if c == nil || c.root == "" || id == 0 {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.byID[id]; ok {
		return p
	}
	c.byID = map[uint64]string{}
	filepath.WalkDir(c.root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			rel, _ := filepath.Rel(c.root, p)
			c.byID[st.Ino] = "/" + strings.TrimPrefix(filepath.ToSlash(rel), ".")
		}
		return nil
	})
	return c.byID[id]
}

// CgroupID returns the id of the cgroup v2 directory dir, as
// bpf_get_current_cgroup_id reports it for the tasks inside.
func CgroupID(dir string) (uint64, error) {
	var st syscall.Stat_t
	if err := syscall.Stat(dir, &st); err != nil {
		return 0, fmt.Errorf("cgroup %s: %w", dir, err)
	}
	return st.Ino, nil
}
