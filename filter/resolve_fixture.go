package filter

import (
	"fmt"
	"net"
	"strings"
)

// MapResolver is a Resolver backed by maps, for tests and for programs that
// want name resolution without touching the system. Missing names are
// errors. Port and protocol lookups fall back to the built-in tables of
// SystemResolver when Ports/Protocols have no entry.
type MapResolver struct {
	Hosts     map[string][]net.IP
	Ethers    map[string]net.HardwareAddr
	Networks  map[string]uint32
	Ports     map[string]map[string]int // name → proto ("tcp", "udp", "sctp") → port
	Protocols map[string]int
}

// NewMapResolver returns an empty MapResolver.
func NewMapResolver() *MapResolver {
	return &MapResolver{
		Hosts:     map[string][]net.IP{},
		Ethers:    map[string]net.HardwareAddr{},
		Networks:  map[string]uint32{},
		Ports:     map[string]map[string]int{},
		Protocols: map[string]int{},
	}
}

func (r *MapResolver) LookupHost(name string) ([]net.IP, error) {
	if a, ok := r.Hosts[strings.ToLower(name)]; ok && len(a) > 0 {
		return a, nil
	}
	return nil, fmt.Errorf("unknown host %q", name)
}

func (r *MapResolver) LookupPort(name, proto string) (int, error) {
	if m, ok := r.Ports[name]; ok {
		if p, ok := m[proto]; ok {
			return p, nil
		}
		return 0, fmt.Errorf("unknown %s port %q", proto, name)
	}
	if p, ok := builtinPort(name, proto); ok {
		return p, nil
	}
	return 0, fmt.Errorf("unknown %s port %q", proto, name)
}

func (r *MapResolver) LookupProtocol(name string) (int, error) {
	if p, ok := r.Protocols[name]; ok {
		return p, nil
	}
	if p, ok := builtinProtocols[name]; ok {
		return p, nil
	}
	return 0, fmt.Errorf("unknown protocol %q", name)
}

func (r *MapResolver) LookupEther(name string) (net.HardwareAddr, error) {
	if a, ok := r.Ethers[strings.ToLower(name)]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("unknown ethernet host %q", name)
}

func (r *MapResolver) LookupNetwork(name string) (uint32, error) {
	if n, ok := r.Networks[strings.ToLower(name)]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("unknown network %q", name)
}

// parseHostsLine adds an /etc/hosts line ("addr name alias...").
func parseHostsLine(line string, m map[string][]net.IP) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return
	}
	ip := net.ParseIP(strings.SplitN(f[0], "%", 2)[0])
	if ip == nil {
		return
	}
	for _, name := range f[1:] {
		k := strings.ToLower(name)
		m[k] = append(m[k], ip)
	}
}

// parseEthersLine adds an /etc/ethers line ("mac name").
func parseEthersLine(line string, m map[string]net.HardwareAddr) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return
	}
	mac, ok := parseMAC(f[0])
	if !ok {
		return
	}
	k := strings.ToLower(f[1])
	if _, dup := m[k]; !dup {
		m[k] = net.HardwareAddr(mac)
	}
}

// parseNetworksLine adds an /etc/networks line ("name number alias...").
func parseNetworksLine(line string, m map[string]uint32) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return
	}
	n, ok := inetNetwork(f[1])
	if !ok {
		return
	}
	m[strings.ToLower(f[0])] = n
	for _, alias := range f[2:] {
		m[strings.ToLower(alias)] = n
	}
}

// inetNetwork parses a network number as inet_network(3) does: up to four
// dot-separated parts, each decimal, 0x hex or 0 octal, packed to the right.
func inetNetwork(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return 0, false
	}
	var v uint32
	for _, p := range parts {
		n, ok, errs := parseNumber(p)
		if !ok || errs != "" || n > 255 {
			return 0, false
		}
		v = v<<8 | n
	}
	return v, true
}
