package attribution

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// existingSocket is a socket that was open before the kernel side was
// attached, as sock_diag (or /proc/net for ping sockets) reports it.
type existingSocket struct {
	flow   flowKey // local -> remote; remote zero when unconnected
	listen bool    // bound but not connected: an endpoint
	cookie uint64  // 0 for ping sockets (no sock_diag)
	inode  uint64
}

// inet_diag (linux/inet_diag.h) sizes.
const (
	sockDiagByFamily = 20
	inetDiagReqSize  = 56
	inetDiagMsgSize  = 72
)

// diagSockets dumps the TCP and UDP sockets of the calling thread's network
// namespace through NETLINK_SOCK_DIAG.
func diagSockets() ([]existingSocket, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return nil, fmt.Errorf("sock_diag netlink socket: %w", err)
	}
	defer unix.Close(fd)
	use := socketsInUse()
	var out []existingSocket
	for _, family := range []uint8{unix.AF_INET, unix.AF_INET6} {
		for _, proto := range []uint8{protoTCP, protoUDP} {
			kind := map[uint8]string{protoTCP: "TCP", protoUDP: "UDP"}[proto]
			if family == unix.AF_INET6 {
				kind += "6"
			}
			if n, known := use[kind]; known && n == 0 {
				continue
			}
			socks, err := diagDump(fd, family, proto)
			if err != nil {
				return nil, err
			}
			out = append(out, socks...)
		}
	}
	return out, nil
}

// socketsInUse reads how many sockets of each kind ("TCP", "UDP", "TCP6",
// "UDP6") the calling thread's network namespace has in the kernel's
// lookup tables (/proc/net/sockstat and sockstat6: listeners, bound and
// connected sockets, as sock_diag lists them). A kind with none needs no
// dump: a dump walks the host's whole table, every namespace's sockets,
// which costs milliseconds on a large machine. Kinds it cannot read are
// left out (and dumped).
func socketsInUse() map[string]int {
	use := map[string]int{}
	for _, name := range []string{"/proc/thread-self/net/sockstat", "/proc/thread-self/net/sockstat6"} {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			// "TCP: inuse 3 orphan 0 ...", "UDP6: inuse 1"
			f := strings.Fields(line)
			if len(f) < 3 || f[1] != "inuse" {
				continue
			}
			if n, err := strconv.Atoi(f[2]); err == nil {
				use[strings.TrimSuffix(f[0], ":")] = n
			}
		}
	}
	return use
}

func diagDump(fd int, family, proto uint8) ([]existingSocket, error) {
	req := make([]byte, unix.NLMSG_HDRLEN+inetDiagReqSize)
	binary.NativeEndian.PutUint32(req[0:], uint32(len(req)))
	binary.NativeEndian.PutUint16(req[4:], sockDiagByFamily)
	binary.NativeEndian.PutUint16(req[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	binary.NativeEndian.PutUint32(req[8:], 1)
	body := req[unix.NLMSG_HDRLEN:]
	body[0], body[1] = family, proto
	binary.NativeEndian.PutUint32(body[4:], 0xffffffff) // all states
	if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return nil, fmt.Errorf("sock_diag request: %w", err)
	}
	version := byte(4)
	if family == unix.AF_INET6 {
		version = 6
	}
	var out []existingSocket
	buf := make([]byte, 1<<16)
	for {
		n, _, err := unix.Recvfrom(fd, buf, 0)
		if err != nil {
			return nil, fmt.Errorf("sock_diag reply: %w", err)
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:n])
		if err != nil {
			return nil, fmt.Errorf("sock_diag reply: %w", err)
		}
		for _, m := range msgs {
			switch m.Header.Type {
			case unix.NLMSG_DONE:
				return out, nil
			case unix.NLMSG_ERROR:
				if len(m.Data) >= 4 {
					if e := int32(binary.NativeEndian.Uint32(m.Data)); e != 0 {
						return nil, fmt.Errorf("sock_diag: %w", unix.Errno(-e))
					}
				}
				return out, nil
			}
			if s, ok := parseDiagMsg(m.Data, proto, version); ok {
				out = append(out, s)
			}
		}
	}
}

// parseDiagMsg reads one inet_diag_msg: family, state, timer, retrans,
// then inet_diag_sockid (sport, dport, src[16], dst[16], if, cookie[2]),
// expires, rqueue, wqueue, uid, inode.
func parseDiagMsg(b []byte, proto, version byte) (existingSocket, bool) {
	if len(b) < inetDiagMsgSize {
		return existingSocket{}, false
	}
	var s existingSocket
	id := b[4:52]
	n := 16
	if version == 4 {
		n = 4
	}
	copy(s.flow[flowLocal:], id[4:4+n])
	copy(s.flow[flowRemote:], id[20:20+n])
	copy(s.flow[flowLPort:flowLPort+2], id[0:2])
	copy(s.flow[flowRPort:flowRPort+2], id[2:4])
	s.flow[flowProto], s.flow[flowVersion] = proto, version
	s.cookie = uint64(binary.NativeEndian.Uint32(id[40:])) | uint64(binary.NativeEndian.Uint32(id[44:]))<<32
	s.inode = uint64(binary.NativeEndian.Uint32(b[68:]))
	const tcpListen = 10
	state := b[1]
	s.listen = (proto == protoTCP && state == tcpListen) || (proto != protoTCP && allZero(id[20:36]) && id[2] == 0 && id[3] == 0)
	return s, true
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// pingSockets reads the ping (ICMP echo) sockets of the calling thread's
// network namespace from /proc/net/icmp and /proc/net/icmp6, which
// sock_diag does not cover: local address, identifier and inode.
func pingSockets() []existingSocket {
	var out []existingSocket
	for _, f := range []struct {
		path           string
		proto, version byte
		addrLen        int
	}{{"/proc/thread-self/net/icmp", protoICMP, 4, 4}, {"/proc/thread-self/net/icmp6", protoICMPv6, 6, 16}} {
		file, err := os.Open(f.path)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(file)
		sc.Scan() // header
		for sc.Scan() {
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			fields := strings.Fields(sc.Text())
			if len(fields) < 10 {
				continue
			}
			local := strings.SplitN(fields[1], ":", 2)
			if len(local) != 2 {
				continue
			}
			addr, err1 := hex.DecodeString(local[0])
			ident, err2 := strconv.ParseUint(local[1], 16, 16)
			inode, err3 := strconv.ParseUint(fields[9], 10, 64)
			if err1 != nil || err2 != nil || err3 != nil || len(addr) != f.addrLen {
				continue
			}
			var s existingSocket
			// /proc/net prints the address as native-endian 32-bit words.
			for i := 0; i+4 <= len(addr); i += 4 {
				w := binary.NativeEndian.Uint32(addr[i:])
				binary.BigEndian.PutUint32(s.flow[flowLocal+i:], w)
			}
			binary.BigEndian.PutUint16(s.flow[flowLPort:], uint16(ident))
			s.flow[flowProto], s.flow[flowVersion] = f.proto, f.version
			s.listen, s.inode = true, inode
			out = append(out, s)
		}
		file.Close()
	}
	return out
}

// socketOwners maps socket inodes to the processes holding them, from the
// fd directories of every process (the first holder found wins).
func socketOwners(want map[uint64]bool) map[uint64]int {
	owners := map[uint64]int{}
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return owners
	}
	for _, d := range procs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		fdDir := "/proc/" + d.Name() + "/fd"
		fds, err := os.ReadDir(fdDir)
		if err != nil {
			continue
		}
		for _, fd := range fds {
			target, err := os.Readlink(fdDir + "/" + fd.Name())
			if err != nil || !strings.HasPrefix(target, "socket:[") {
				continue
			}
			ino, err := strconv.ParseUint(strings.TrimSuffix(target[len("socket:["):], "]"), 10, 64)
			if err != nil || !want[ino] {
				continue
			}
			if _, ok := owners[ino]; !ok {
				owners[ino] = pid
			}
		}
	}
	return owners
}
