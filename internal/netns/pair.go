package netns

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// Pair is two namespaces joined by a veth pair: If1 lives in NS1 with
// address Addr1, If2 in NS2 with Addr2. IPv6 is disabled on both ends so
// the link stays silent (no router or neighbour solicitations) until a test
// sends something.
type Pair struct {
	NS1, NS2       string
	If1, If2       string
	Index1, Index2 int
	MAC1, MAC2     net.HardwareAddr
	Addr1, Addr2   netip.Prefix
}

// NewPair creates the namespaces and the veth pair, assigns the first two
// host addresses of subnet (x.x.x.1 and x.x.x.2), brings everything up and
// registers the removal with t.Cleanup. prefix names the namespaces (use the
// prefix assigned to your package); subnet must be an IPv4 prefix.
func NewPair(t testing.TB, prefix string, subnet netip.Prefix) *Pair {
	t.Helper()
	if !subnet.Addr().Is4() {
		t.Fatalf("netns.NewPair: subnet %s is not IPv4", subnet)
	}
	p := &Pair{NS1: New(t, prefix), NS2: New(t, prefix)}
	id := uniqueSuffix(6)
	p.If1, p.If2 = "gv"+id+"a", "gv"+id+"b"
	base := subnet.Masked().Addr()
	a1 := base.Next()
	a2 := a1.Next()
	p.Addr1 = netip.PrefixFrom(a1, subnet.Bits())
	p.Addr2 = netip.PrefixFrom(a2, subnet.Bits())

	if err := IP(p.NS1, "link", "add", p.If1, "type", "veth", "peer", "name", p.If2, "netns", p.NS2); err != nil {
		t.Fatal(err)
	}
	for _, side := range []struct {
		ns, ifc string
		addr    netip.Prefix
	}{{p.NS1, p.If1, p.Addr1}, {p.NS2, p.If2, p.Addr2}} {
		if err := Sysctl(side.ns, "net.ipv6.conf.all.disable_ipv6", "1"); err != nil {
			t.Fatal(err)
		}
		if err := Sysctl(side.ns, "net.ipv6.conf.default.disable_ipv6", "1"); err != nil {
			t.Fatal(err)
		}
		if err := Sysctl(side.ns, "net.ipv6.conf."+side.ifc+".disable_ipv6", "1"); err != nil {
			t.Fatal(err)
		}
		if err := IP(side.ns, "addr", "add", side.addr.String(), "dev", side.ifc); err != nil {
			t.Fatal(err)
		}
		if err := IP(side.ns, "link", "set", side.ifc, "up"); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if p.Index1, p.MAC1, err = linkInfo(p.NS1, p.If1); err != nil {
		t.Fatal(err)
	}
	if p.Index2, p.MAC2, err = linkInfo(p.NS2, p.If2); err != nil {
		t.Fatal(err)
	}
	return p
}

// Run executes fn inside namespace ns (see the package function Run).
func (p *Pair) Run(ns string, fn func() error) error { return Run(ns, fn) }

// linkInfo reads the interface index and MAC address of ifname in ns.
func linkInfo(ns, ifname string) (int, net.HardwareAddr, error) {
	var (
		idx int
		mac net.HardwareAddr
	)
	err := Run(ns, func() error {
		// /sys reflects the namespace of whoever mounted it, so ask
		// the kernel through a socket-backed lookup instead.
		ifc, err := net.InterfaceByName(ifname)
		if err != nil {
			return err
		}
		idx, mac = ifc.Index, ifc.HardwareAddr
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("netns: look up %s in %s: %w", ifname, ns, err)
	}
	return idx, mac, nil
}

// Exists reports whether a namespace with that name exists (for tests that
// check their cleanup).
func Exists(name string) bool {
	_, err := os.Stat(runDir + "/" + name)
	return err == nil
}

// List returns the names of the existing namespaces that start with prefix.
func List(prefix string) []string {
	ents, _ := os.ReadDir(runDir)
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), prefix) {
			out = append(out, e.Name())
		}
	}
	return out
}
