package filter

import (
	"net"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadResolverFixtures(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fx.json")
	data := `{"hosts": ["10.1.2.3 a.example A2", "fd00::1 a.example", "bogus"],
	"ethers": ["aa:00:04:00:14:0e e.example", "zz e2"],
	"networks": ["net-a 10.20.0.0", "net-b 10.20"]}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := LoadResolverFixtures(path)
	if err != nil {
		t.Fatal(err)
	}
	ips, err := r.LookupHost("A.EXAMPLE")
	if err != nil || len(ips) != 2 || !ips[0].Equal(net.ParseIP("10.1.2.3")) || !ips[1].Equal(net.ParseIP("fd00::1")) {
		t.Errorf("LookupHost = %v, %v", ips, err)
	}
	if _, err := r.LookupHost("nope"); err == nil {
		t.Error("LookupHost(nope) succeeded")
	}
	if mac, err := r.LookupEther("e.example"); err != nil || mac.String() != "aa:00:04:00:14:0e" {
		t.Errorf("LookupEther = %v, %v", mac, err)
	}
	if _, err := r.LookupEther("e2"); err == nil {
		t.Error("malformed ethers line accepted")
	}
	for name, want := range map[string]uint32{"net-a": 0x0a140000, "net-b": 0x0a14} {
		if n, err := r.LookupNetwork(name); err != nil || n != want {
			t.Errorf("LookupNetwork(%s) = %#x, %v; want %#x", name, n, err, want)
		}
	}
	if p, err := r.LookupPort("domain", "udp"); err != nil || p != 53 {
		t.Errorf("LookupPort(domain/udp) = %d, %v", p, err)
	}
	if _, err := r.LookupPort("smtp", "udp"); err == nil {
		t.Error("smtp/udp resolved; it is a TCP-only service")
	}
	if p, err := r.LookupProtocol("udp"); err != nil || p != 17 {
		t.Errorf("LookupProtocol(udp) = %d, %v", p, err)
	}
}

// TestSystemResolver checks the system databases the way libpcap reads
// them; the entries asserted exist on every Linux system (or come from the
// built-in fallbacks).
func TestSystemResolver(t *testing.T) {
	r := SystemResolver()
	if ips, err := r.LookupHost("localhost"); err != nil || len(ips) == 0 {
		t.Errorf("LookupHost(localhost) = %v, %v", ips, err)
	}
	if p, err := r.LookupPort("ssh", "tcp"); err != nil || p != 22 {
		t.Errorf("LookupPort(ssh/tcp) = %d, %v", p, err)
	}
	if p, err := r.LookupProtocol("tcp"); err != nil || p != 6 {
		t.Errorf("LookupProtocol(tcp) = %d, %v", p, err)
	}
	if _, err := r.LookupPort("no-such-service-gocap", "tcp"); err == nil {
		t.Error("unknown service resolved")
	}
	if _, err := r.LookupEther("no-such-host-gocap.invalid"); err == nil {
		t.Error("unknown ethers name resolved")
	}
}
