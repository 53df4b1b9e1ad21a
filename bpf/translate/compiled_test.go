package translate

import (
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
)

// compiledExprs are expressions for gocap's own compiler (source (b) of
// the differential test, beside libpcap's expected programs).
var compiledExprs = append([]string{
	"ip", "ip6", "arp", "tcp", "udp", "icmp", "icmp6", "vlan", "vlan 100", "vlan and vlan 20",
	"mpls", "pppoes", "host 192.0.2.1", "src net 10.0.0.0/8", "dst port 80", "portrange 1000-2000",
	"ether broadcast", "ether multicast", "ip broadcast", "greater 100", "less 60", "len > 200",
	"tcp[13] & 2 != 0", "ip[2:2] > 576", "udp[8:4] = 0xdeadbeef", "ip[0] & 0xf > 5",
	"inbound", "outbound", "ifindex 1", "ip proto 47", "ip6 protochain 6", "protochain 17",
	"not ip and not arp", "(tcp or udp) and port 53", "ether src 02:00:00:00:00:01",
}, benchFilters...)

// TestCompiledDifferential compiles expressions with gocap's compiler
// (offline and live-Linux, optimized and not), translates them for tc and
// compares test runs with the reference interpreters, as
// TestConformanceDifferential does for libpcap's programs. Expressions the
// compiler refuses are logged, not failed (they are the compiler's tests'
// business).
func TestCompiledDifferential(t *testing.T) {
	testenv.RequireBPF(t)
	rng := rand.New(rand.NewPCG(13, 17))
	real := realPackets()[1]
	extra := benchPackets()
	var compiled, refused, runs, matches int
	for _, expr := range compiledExprs {
		for _, opts := range []filter.Options{
			{LinkType: linktype.Ethernet},
			{LinkType: linktype.Ethernet, Linux: true},
			{LinkType: linktype.Ethernet, Linux: true, NoOptimize: true},
		} {
			cp, err := filter.Compile(expr, opts)
			if err != nil {
				refused++
				t.Logf("%q (linux %v): compiler: %v", expr, opts.Linux, err)
				continue
			}
			compiled++
			prog := cp.Raw
			p, err := loadTranslated(prog, Options{Target: TC})
			if err != nil {
				t.Fatalf("%q (linux %v, unoptimized %v): %v\n%s", expr, opts.Linux, opts.NoOptimize, err, progString(prog))
			}
			for _, pkt := range append(packets(rng, prog, real, 64), extra...) {
				if !testRunnable(pkt) {
					continue
				}
				mark := rng.Uint32()
				meta := testRunMeta(pkt, mark)
				want, err := reference(prog, pkt, &meta)
				if err != nil {
					t.Fatalf("%q: reference: %v", expr, err)
				}
				got, err := testRun(p, pkt, mark)
				if err != nil {
					t.Fatalf("%q: test run: %v", expr, err)
				}
				runs++
				if want != 0 {
					matches++
				}
				if got != want {
					t.Errorf("%q (linux %v, unoptimized %v): packet %s: eBPF %d, reference %d\n%s",
						expr, opts.Linux, opts.NoOptimize, hex.EncodeToString(pkt), got, want, progString(prog))
				}
			}
			p.Close()
		}
	}
	if compiled == 0 {
		t.Fatal("the compiler compiled none of the expressions")
	}
	t.Logf("%d programs from filter.Compile (%d refused), %d test runs, %d matched", compiled, refused, runs, matches)
}
