package main

import (
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
)

// TestSMBFlag: --smb turns on the NetBIOS and SMB printers; without it a
// name service query prints as tcpdump 4.99's default build prints it.
func TestSMBFlag(t *testing.T) {
	// A NetBIOS name query for "A" (type 0x20), broadcast.
	name := append([]byte{32, 'E', 'B'}, []byte(strings.Repeat("CA", 14)+"CA")...)
	name = append(name, 'C', 'A', 0)
	q := append([]byte{0x12, 0x34, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0}, name...)
	q = append(q, 0, 0x20, 0, 1)
	d := testframes.UDP4(137, 137, q)
	path := writeFrames(t, "nbns.pcap", []testframes.Frame{{Data: d, Length: len(d), Time: time.Unix(0, 0)}})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-n", "-r", path}, ": UDP, length 52\n"},
		{[]string{"-n", "--smb", "-r", path}, ": NBT UDP PACKET(137): QUERY; REQUEST; BROADCAST\n"},
	} {
		r := runGocap(t, nil, c.args...)
		if r.code != 0 || !strings.HasSuffix(r.stdout, c.want) {
			t.Errorf("gocap %v: exit %d, %q (stderr %q); want it to end %q", c.args, r.code, r.stdout, r.stderr, c.want)
		}
	}
}
