package attribution

import (
	"strings"
	"testing"
)

// FuzzParseFlow: captured packets are untrusted input. Parsing never
// panics, and a flow reversed twice is itself.
func FuzzParseFlow(f *testing.F) {
	f.Add(ipv4("10.0.0.1", "10.0.0.2", protoTCP, tcpHeader(40000, 80, 0x02)))
	f.Add(ipv6("fd00::1", "fd00::2", protoICMPv6, []byte{128, 0, 0, 0, 0x12, 0x34, 0, 1}))
	f.Add(ipv4("10.0.0.1", "10.0.0.2", protoICMP, []byte{8, 0, 0, 0, 0, 7, 0, 1}))
	f.Add([]byte{0x4f})
	f.Fuzz(func(t *testing.T, b []byte) {
		k, _, ok := parseFlow(b)
		if !ok {
			return
		}
		if k.reversed().reversed() != k {
			t.Fatalf("reversing twice changes %x", k)
		}
		if len(k.endpoints(1)) == 0 {
			t.Fatal("no endpoints")
		}
	})
}

// FuzzContainerFromCgroup: cgroup paths come from procfs; any string is
// handled, and an id found is a substring of the path.
func FuzzContainerFromCgroup(f *testing.F) {
	f.Add("/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope")
	f.Add("/kubepods/besteffort/pod1/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
	f.Add("")
	f.Fuzz(func(t *testing.T, path string) {
		id, _ := ContainerFromCgroup(path)
		if id != "" && (len(id) != 64 || !strings.Contains(path, id)) {
			t.Fatalf("id %q from %q", id, path)
		}
	})
}
