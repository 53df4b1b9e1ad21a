package printer

import (
	"bufio"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// Names turns addresses and ports into names. Implementations must answer
// from local data: the printer runs for every packet.
type Names interface {
	Host(ip net.IP) (string, bool)
	Port(proto string, port uint16) (string, bool) // proto is "tcp" or "udp"
}

// host formats an address, named unless -n.
func (p *Printer) host(ip net.IP) string {
	if p.names != nil {
		if s, ok := p.names.Host(ip); ok {
			return s
		}
	}
	if v4 := ip.To4(); v4 != nil && len(ip) == 4 {
		return v4.String()
	}
	if len(ip) == 16 {
		return ip6String(ip)
	}
	return ip.String()
}

// ip6String formats an IPv6 address as inet_ntop does (tcpdump's
// ip6addr_string): the longest run of two or more zero groups as "::",
// and the last 32 bits dotted after a zero first 96 bits (IPv4-compatible)
// or ::ffff: (IPv4-mapped), where Go's net.IP differs.
func ip6String(ip net.IP) string {
	var w [8]uint16
	for i := range w {
		w[i] = uint16(ip[2*i])<<8 | uint16(ip[2*i+1])
	}
	bestBase, bestLen, curBase, curLen := -1, 0, -1, 0
	for i := 0; i < 8; i++ {
		if w[i] == 0 {
			if curBase < 0 {
				curBase, curLen = i, 1
			} else {
				curLen++
			}
			continue
		}
		if curBase >= 0 && curLen > bestLen {
			bestBase, bestLen = curBase, curLen
		}
		curBase = -1
	}
	if curBase >= 0 && curLen > bestLen {
		bestBase, bestLen = curBase, curLen
	}
	if bestLen < 2 {
		bestBase = -1
	}
	s := make([]byte, 0, 46)
	for i := 0; i < 8; i++ {
		if bestBase >= 0 && i >= bestBase && i < bestBase+bestLen {
			if i == bestBase {
				s = append(s, ':')
			}
			continue
		}
		if i != 0 {
			s = append(s, ':')
		}
		if i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)) {
			s = append(s, net.IP(ip[12:16]).String()...)
			break
		}
		s = strconv.AppendUint(s, uint64(w[i]), 16)
	}
	if bestBase >= 0 && bestBase+bestLen == 8 {
		s = append(s, ':')
	}
	return string(s)
}

// port formats a port number, named unless -n.
func (p *Printer) port(proto string, port uint16) string {
	if p.names != nil {
		if s, ok := p.names.Port(proto, port); ok {
			return s
		}
	}
	return strconv.Itoa(int(port))
}

func itoa(v int) string { return strconv.Itoa(v) }

// fileNames reads /etc/hosts and /etc/services once.
type fileNames struct {
	once  sync.Once
	hosts map[string]string
	ports map[string]string // "tcp/80" -> "http"
}

var defaultNames = &fileNames{}

func systemNames() Names { return defaultNames }

func (f *fileNames) load() {
	f.hosts = map[string]string{}
	f.ports = map[string]string{}
	if fh, err := os.Open("/etc/hosts"); err == nil {
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line, _, _ := strings.Cut(sc.Text(), "#")
			fields := strings.Fields(line)
			if len(fields) < 2 {
				continue
			}
			ip := net.ParseIP(fields[0])
			if ip == nil {
				continue
			}
			if _, dup := f.hosts[ip.String()]; !dup {
				f.hosts[ip.String()] = fields[1]
			}
		}
		fh.Close()
	}
	if fh, err := os.Open("/etc/services"); err == nil {
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line, _, _ := strings.Cut(sc.Text(), "#")
			fields := strings.Fields(line)
			if len(fields) < 2 {
				continue
			}
			if _, dup := f.ports[fields[1]]; !dup {
				f.ports[fields[1]] = fields[0]
			}
		}
		fh.Close()
	}
}

func (f *fileNames) Host(ip net.IP) (string, bool) {
	f.once.Do(f.load)
	s, ok := f.hosts[ip.String()]
	return s, ok
}

func (f *fileNames) Port(proto string, port uint16) (string, bool) {
	f.once.Do(f.load)
	s, ok := f.ports[strconv.Itoa(int(port))+"/"+proto]
	return s, ok
}

var (
	protoOnce  sync.Once
	protoNames map[uint8]string
)

// protocolNames reads /etc/protocols once, as getprotobynumber would.
func protocolNames() map[uint8]string {
	protoOnce.Do(func() {
		protoNames = map[uint8]string{}
		fh, err := os.Open("/etc/protocols")
		if err != nil {
			return
		}
		defer fh.Close()
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line, _, _ := strings.Cut(sc.Text(), "#")
			fields := strings.Fields(line)
			if len(fields) < 2 {
				continue
			}
			n, err := strconv.Atoi(fields[1])
			if err != nil || n < 0 || n > 255 {
				continue
			}
			if _, dup := protoNames[uint8(n)]; !dup {
				protoNames[uint8(n)] = fields[0]
			}
		}
	})
	return protoNames
}
