package printer

import (
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// TestAppsWithoutNumeric prints the frames of telnet.go, snmp.go,
// isakmp.go and nfs.go without -n, where tcpdump names ports and SNMP
// objects (its compiled-in MIB), and compares every line with tcpdump's
// (cmd/gocap's TestTcpdumpExactGenerated compares them with -n under
// every output option).
func TestAppsWithoutNumeric(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	same, total := compareLinkFlags(t, tcpdump, "apps", 1, testframes.Apps(), [][]string{{}, {"-v"}, {"-vv"}})
	t.Logf("%d of %d lines identical to tcpdump's", same, total)
}
