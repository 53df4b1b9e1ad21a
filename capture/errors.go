package capture

import (
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"

	"golang.org/x/sys/unix"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrNoSuchInterface = errors.New("no such interface")
	ErrInterfaceDown   = errors.New("interface is not up")
	ErrPermission      = errors.New("permission denied")
	ErrClosed          = errors.New("capture closed")
)

// permissionError names the capabilities an operation needs.
func permissionError(op string, err error, caps ...string) error {
	return fmt.Errorf("%s: %w: needs %s (run as root, or grant it: setcap %s+ep on the binary): %w",
		op, ErrPermission, strings.Join(caps, " and "), strings.ToLower(strings.Join(caps, ",")), err)
}

// isPerm reports whether err is EPERM or EACCES.
func isPerm(err error) bool {
	return errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES)
}

// ifaceInfo is what the engines need to know about an interface.
type ifaceInfo struct {
	name   string
	index  int
	hwType uint16 // ARPHRD_*
	up     bool
}

// lookupInterface resolves a name (or a number, as tcpdump -i 2 does) in the
// current network namespace.
func lookupInterface(name string) (ifaceInfo, error) {
	ifc, err := net.InterfaceByName(name)
	if err != nil {
		var idx int
		if _, scanErr := fmt.Sscanf(name, "%d", &idx); scanErr == nil && fmt.Sprint(idx) == name {
			ifc, err = net.InterfaceByIndex(idx)
		}
	}
	if err != nil {
		return ifaceInfo{}, fmt.Errorf("%w %q (available: %s)", ErrNoSuchInterface, name, availableInterfaces())
	}
	hw, err := hardwareType(ifc.Name)
	if err != nil {
		return ifaceInfo{}, err
	}
	return ifaceInfo{name: ifc.Name, index: ifc.Index, hwType: hw, up: ifc.Flags&net.FlagUp != 0}, nil
}

// availableInterfaces lists the interface names for error messages.
func availableInterfaces() string {
	ifs, err := net.Interfaces()
	if err != nil || len(ifs) == 0 {
		return "none found"
	}
	names := make([]string, 0, len(ifs)+1)
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	sort.Strings(names)
	return strings.Join(append(names, "any"), ", ")
}

// hardwareType asks the kernel for the ARPHRD_ type of an interface.
func hardwareType(name string) (uint16, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return 0, fmt.Errorf("socket for SIOCGIFHWADDR: %w", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		return 0, fmt.Errorf("interface %q: %w", name, err)
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFHWADDR, ifr); err != nil {
		return 0, fmt.Errorf("SIOCGIFHWADDR %s: %w", name, err)
	}
	// struct sockaddr's sa_family is the first field of the union.
	return ifr.Uint16(), nil
}
