package packetgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// TestCorpusDissects has tshark dissect the corpus: the frames must be
// what they claim to be, so every protocol the corpus promises is
// recognised in some frames.
func TestCorpusDissects(t *testing.T) {
	tshark := testenv.RequireTool(t, "tshark")
	frames := Corpus(Seeds{Seed: 7})
	path := filepath.Join(t.TempDir(), "corpus.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	ts := time.Unix(1700000000, 0)
	for _, fr := range frames {
		if fr.Meta.VLANPresent {
			continue // tshark would not know the tag was there
		}
		length := len(fr.Data)
		if fr.Meta.WireLen != 0 {
			length = int(fr.Meta.WireLen)
		}
		ci := gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(fr.Data), Length: length}
		if err := w.WritePacket(ci, fr.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tshark, "-n", "-r", path, "-T", "fields", "-e", "frame.protocols").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	count := map[string]int{}
	for _, line := range strings.Split(string(out), "\n") {
		for _, p := range strings.Split(line, ":") {
			count[p]++
		}
	}
	for _, want := range []string{"eth", "vlan", "mpls", "pppoed", "pppoes", "ppp", "arp", "ip", "ipv6",
		"tcp", "udp", "icmp", "icmpv6", "sctp", "igmp", "pim", "gre", "vxlan", "geneve", "llc", "stp",
		"ipx", "netbios", "clnp", "esis", "isis", "ddp", "aarp", "ah", "esp", "ipv6.hopopts",
		"ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "vrrp", "ethertype"} {
		if count[want] < 3 {
			t.Errorf("tshark finds %q in %d frames", want, count[want])
		}
	}
	if testing.Verbose() {
		t.Logf("protocols: %v", count)
	}
}
