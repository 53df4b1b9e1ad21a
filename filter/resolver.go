package filter

import "net"

// Resolver looks up the names a filter expression may contain. The system
// resolver reads /etc/hosts (then DNS), /etc/services, /etc/protocols,
// /etc/ethers and /etc/networks; tests substitute fixtures.
type Resolver interface {
	// LookupHost returns the addresses of a host name, IPv4 and IPv6.
	LookupHost(name string) ([]net.IP, error)
	// LookupPort returns the port number of a service name for proto
	// ("tcp", "udp" or "sctp"), or an error when the name is unknown for it.
	LookupPort(name, proto string) (int, error)
	// LookupProtocol returns the IP protocol number of a name.
	LookupProtocol(name string) (int, error)
	// LookupEther returns the MAC address of a host name (/etc/ethers).
	LookupEther(name string) (net.HardwareAddr, error)
	// LookupNetwork returns the network number of a name (/etc/networks),
	// in host order as getnetbyname() does (e.g. "10.1" → 0x0a01).
	LookupNetwork(name string) (uint32, error)
}
