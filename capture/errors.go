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
// current network namespace. It asks about that interface alone, with
// ioctls on one socket: net.InterfaceByName dumps every link (RTM_GETLINK)
// to find one, and a capture looks its interface up more than once — on a
// node with hundreds of veths, a dump of hundreds of links each time.
func lookupInterface(name string) (ifaceInfo, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return ifaceInfo{}, fmt.Errorf("socket for interface ioctls: %w", err)
	}
	defer unix.Close(fd)
	info, err := interfaceByName(fd, name)
	if errors.Is(err, ErrNoSuchInterface) {
		var idx int
		if _, scanErr := fmt.Sscanf(name, "%d", &idx); scanErr == nil && fmt.Sprint(idx) == name {
			if byIndex, nameErr := interfaceName(fd, idx); nameErr == nil {
				info, err = interfaceByName(fd, byIndex)
			}
		}
	}
	if errors.Is(err, ErrNoSuchInterface) {
		return ifaceInfo{}, fmt.Errorf("%w %q (available: %s)", ErrNoSuchInterface, name, availableInterfaces())
	}
	return info, err
}

// interfaceByName is what SIOCGIFINDEX, SIOCGIFFLAGS and SIOCGIFHWADDR say
// about the named interface; ErrNoSuchInterface when there is none.
func interfaceByName(fd int, name string) (ifaceInfo, error) {
	ifr, err := unix.NewIfreq(name)
	if err != nil || strings.IndexByte(name, 0) >= 0 { // too long, or cut short by a NUL
		return ifaceInfo{}, ErrNoSuchInterface
	}
	ioctl := func(req uint) error {
		if err := unix.IoctlIfreq(fd, req, ifr); err != nil {
			if errors.Is(err, unix.ENODEV) {
				return ErrNoSuchInterface
			}
			return fmt.Errorf("interface %s: ioctl %#x: %w", name, req, err)
		}
		return nil
	}
	info := ifaceInfo{name: name}
	if err := ioctl(unix.SIOCGIFINDEX); err != nil {
		return ifaceInfo{}, err
	}
	info.index = int(ifr.Uint32())
	if err := ioctl(unix.SIOCGIFFLAGS); err != nil {
		return ifaceInfo{}, err
	}
	info.up = ifr.Uint16()&unix.IFF_UP != 0
	// struct sockaddr's sa_family, the first field of the union, is the
	// ARPHRD_* type.
	if err := ioctl(unix.SIOCGIFHWADDR); err != nil {
		return ifaceInfo{}, err
	}
	info.hwType = ifr.Uint16()
	return info, nil
}

// indexName is the name of the interface with index idx in the current
// network namespace, "" when there is none: interfaceName on a socket of
// its own.
func indexName(idx int) string {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer unix.Close(fd)
	name, err := interfaceName(fd, idx)
	if err != nil {
		return ""
	}
	return name
}

// interfaceName is the name of the interface with index idx (SIOCGIFNAME).
func interfaceName(fd, idx int) (string, error) {
	ifr, err := unix.NewIfreq("")
	if err != nil {
		return "", err
	}
	ifr.SetUint32(uint32(idx))
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFNAME, ifr); err != nil {
		return "", err
	}
	return ifr.Name(), nil
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
