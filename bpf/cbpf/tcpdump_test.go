package cbpf

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/testenv"
)

// TestTcpdumpOutput reads the installed tcpdump's -ddd output with
// ParseDecimal and prints it back in its -d, -dd and -ddd formats. The
// installed libpcap may be older than master, which no longer pads an
// operand-less mnemonic with blanks, so -d lines are compared without
// trailing blanks.
func TestTcpdumpOutput(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	run := func(flag, expr string) string {
		t.Helper()
		out, err := exec.Command(tcpdump, flag, "-y", "EN10MB", expr).Output()
		if err != nil {
			t.Fatalf("tcpdump %s %q: %v", flag, expr, err)
		}
		return string(out)
	}
	trim := func(s string) string {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		return strings.Join(lines, "\n")
	}
	for _, expr := range []string{
		"ip", "tcp port 80 and host 10.1.2.3", "vlan 7 and udp[8:2] > 300",
		"ether[0] + ether[1] * 3 - 2 / 1 % 7 = 2 or ip[2:2] & 0x1fff != 0 or len < 60",
		"ip6 protochain 6", "not arp and (icmp or icmp6) and ip[6] ^ 1 << 2 >> 1 | 4 = 5",
	} {
		prog, err := ParseDecimal(run("-ddd", expr))
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		if got, want := Dump(prog), trim(run("-d", expr)); got != want {
			t.Errorf("%q -d:\n%s\ntcpdump:\n%s", expr, got, want)
		}
		if got, want := DumpC(prog), run("-dd", expr); got != want {
			t.Errorf("%q -dd:\n%s\ntcpdump:\n%s", expr, got, want)
		}
		if got, want := DumpDecimal(prog), run("-ddd", expr); got != want {
			t.Errorf("%q -ddd:\n%s\ntcpdump:\n%s", expr, got, want)
		}
	}
}
