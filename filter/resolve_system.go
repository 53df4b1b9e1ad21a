package filter

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// SystemResolver returns the Resolver that consults the system databases as
// libpcap does through the C library: /etc/hosts then DNS for hosts,
// /etc/services (with libpcap's built-in fallbacks) for ports,
// /etc/protocols (with built-in fallbacks) for protocols, /etc/ethers and
// /etc/networks.
func SystemResolver() Resolver { return systemResolver{} }

type systemResolver struct{}

// fileDB caches a parsed system file; files are read once per process.
type fileDB[T any] struct {
	once sync.Once
	v    T
}

var (
	etcHosts    fileDB[map[string][]net.IP]
	etcEthers   fileDB[map[string]net.HardwareAddr]
	etcNetworks fileDB[map[string]uint32]
	etcServices fileDB[map[string]map[string]int]
	etcProtos   fileDB[map[string]int]
)

func readLines(path string, fn func(string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fn(sc.Text())
	}
}

func (systemResolver) LookupHost(name string) ([]net.IP, error) {
	etcHosts.once.Do(func() {
		etcHosts.v = map[string][]net.IP{}
		readLines("/etc/hosts", func(l string) { parseHostsLine(l, etcHosts.v) })
	})
	if a, ok := etcHosts.v[strings.ToLower(name)]; ok {
		return a, nil
	}
	ips, err := net.LookupIP(name)
	if err != nil {
		return nil, fmt.Errorf("looking up host %q: %w", name, err)
	}
	return ips, nil
}

func (systemResolver) LookupEther(name string) (net.HardwareAddr, error) {
	etcEthers.once.Do(func() {
		etcEthers.v = map[string]net.HardwareAddr{}
		readLines("/etc/ethers", func(l string) { parseEthersLine(l, etcEthers.v) })
	})
	if a, ok := etcEthers.v[strings.ToLower(name)]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("unknown ethernet host %q", name)
}

func (systemResolver) LookupNetwork(name string) (uint32, error) {
	etcNetworks.once.Do(func() {
		etcNetworks.v = map[string]uint32{}
		readLines("/etc/networks", func(l string) { parseNetworksLine(l, etcNetworks.v) })
	})
	if n, ok := etcNetworks.v[strings.ToLower(name)]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("unknown network %q", name)
}

func (systemResolver) LookupPort(name, proto string) (int, error) {
	etcServices.once.Do(func() {
		etcServices.v = map[string]map[string]int{}
		readLines("/etc/services", func(l string) {
			if i := strings.IndexByte(l, '#'); i >= 0 {
				l = l[:i]
			}
			f := strings.Fields(l)
			if len(f) < 2 {
				return
			}
			pp := strings.SplitN(f[1], "/", 2)
			if len(pp) != 2 {
				return
			}
			port, err := strconv.Atoi(pp[0])
			if err != nil || port < 0 || port > 65535 {
				return
			}
			for _, n := range append([]string{f[0]}, f[2:]...) {
				if etcServices.v[n] == nil {
					etcServices.v[n] = map[string]int{}
				}
				if _, dup := etcServices.v[n][pp[1]]; !dup {
					etcServices.v[n][pp[1]] = port
				}
			}
		})
	})
	if m, ok := etcServices.v[name]; ok {
		if p, ok := m[proto]; ok {
			return p, nil
		}
	}
	if p, ok := builtinPort(name, proto); ok {
		return p, nil
	}
	return 0, fmt.Errorf("unknown %s port %q", proto, name)
}

func (systemResolver) LookupProtocol(name string) (int, error) {
	etcProtos.once.Do(func() {
		etcProtos.v = map[string]int{}
		readLines("/etc/protocols", func(l string) {
			if i := strings.IndexByte(l, '#'); i >= 0 {
				l = l[:i]
			}
			f := strings.Fields(l)
			if len(f) < 2 {
				return
			}
			n, err := strconv.Atoi(f[1])
			if err != nil {
				return
			}
			for _, a := range append([]string{f[0]}, f[2:]...) {
				if _, dup := etcProtos.v[a]; !dup {
					etcProtos.v[a] = n
				}
			}
		})
	})
	if p, ok := etcProtos.v[name]; ok {
		return p, nil
	}
	if p, ok := builtinProtocols[name]; ok {
		return p, nil
	}
	return 0, fmt.Errorf("unknown protocol %q", name)
}

// builtinProtocols are the protocol names that work even without
// /etc/protocols (the names libpcap's own keywords imply, plus the common
// ones every system lists).
var builtinProtocols = map[string]int{
	"ip": 0, "hopopt": 0, "icmp": 1, "igmp": 2, "ggp": 3, "ipencap": 4, "st": 5, "tcp": 6,
	"egp": 8, "igp": 9, "igrp": 9, "pup": 12, "udp": 17, "hmp": 20, "xns-idp": 22,
	"rdp": 27, "iso-tp4": 29, "dccp": 33, "xtp": 36, "ddp": 37, "idpr-cmtp": 38,
	"ipv6": 41, "ipv6-route": 43, "ipv6-frag": 44, "idrp": 45, "rsvp": 46, "gre": 47,
	"esp": 50, "ah": 51, "skip": 57, "ipv6-icmp": 58, "icmp6": 58, "ipv6-nonxt": 59,
	"ipv6-opts": 60, "rspf": 73, "vmtp": 81, "eigrp": 88, "ospf": 89, "ax.25": 93,
	"ipip": 94, "etherip": 97, "encap": 98, "pim": 103, "ipcomp": 108, "vrrp": 112,
	"carp": 112, "l2tp": 115, "isis": 124, "sctp": 132, "fc": 133, "mobility-header": 135,
	"udplite": 136, "mpls-in-ip": 137, "manet": 138, "hip": 139, "shim6": 140,
	"wesp": 141, "rohc": 142, "ethernet": 143,
}

// builtinServices are well-known service names used when /etc/services
// lacks them (libpcap's fallbacks and the most common entries).
var builtinServices = map[string]int{
	"ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "domain": 53,
	"tftp": 69, "gopher": 70, "finger": 79, "http": 80, "www": 80, "kerberos": 88,
	"pop3": 110, "sunrpc": 111, "auth": 113, "nntp": 119, "ntp": 123,
	"netbios-ns": 137, "netbios-dgm": 138, "netbios-ssn": 139, "imap": 143,
	"snmp": 161, "snmp-trap": 162, "bgp": 179, "ldap": 389, "https": 443,
	"microsoft-ds": 445, "syslog": 514, "route": 520, "ldaps": 636, "nfs": 2049,
	"bootps": 67, "bootpc": 68, "isakmp": 500, "rip": 520,
}

// tcpOnly/udpOnly restrict a few built-in names to their protocol.
var builtinServiceProtos = map[string][]string{
	"ftp-data": {"tcp"}, "ftp": {"tcp"}, "ssh": {"tcp"}, "telnet": {"tcp"}, "smtp": {"tcp"},
	"tftp": {"udp"}, "gopher": {"tcp"}, "finger": {"tcp"}, "nntp": {"tcp"},
	"netbios-ssn": {"tcp"}, "bgp": {"tcp"}, "snmp": {"udp"}, "snmp-trap": {"udp"},
	"syslog": {"udp"}, "route": {"udp"}, "rip": {"udp"}, "bootps": {"udp"}, "bootpc": {"udp"},
	"isakmp": {"udp"}, "netbios-ns": {"udp"}, "netbios-dgm": {"udp"},
}

func builtinPort(name, proto string) (int, bool) {
	p, ok := builtinServices[name]
	if !ok {
		return 0, false
	}
	if protos, ok := builtinServiceProtos[name]; ok {
		for _, x := range protos {
			if x == proto {
				return p, true
			}
		}
		return 0, false
	}
	if proto == "sctp" {
		return 0, false
	}
	return p, true
}
