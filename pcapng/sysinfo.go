package pcapng

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Version is the gocap version written in shb_userappl ("gocap <Version>"):
// the main module's version when the binary was built from a tagged module,
// else "devel". cmd/gocap may set it at start-up (or via -ldflags -X).
var Version = buildVersion()

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// The host does not change during a capture; rotation asks once per file.
var (
	cachedHardware = sync.OnceValue(hostHardware)
	cachedOS       = sync.OnceValue(hostOS)
)

// hostHardware describes the CPU as dumpcap's shb_hardware does: the model
// name from /proc/cpuinfo, else the architecture.
func hostHardware() string {
	f, err := os.Open("/proc/cpuinfo")
	if err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v) + " (" + runtime.GOARCH + ")"
			}
		}
	}
	return runtime.GOARCH
}

// hostOS is "Linux <release>", from uname(2).
func hostOS() string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return runtime.GOOS
	}
	return unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:])
}

// HostOS is what shb_os says for this host ("Linux 6.18.0-..."); live
// captures put it in Interface.OS (if_os) too.
func HostOS() string { return cachedOS() }
