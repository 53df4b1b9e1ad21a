package pcapng

import "testing"

func TestLinkTypeMapping(t *testing.T) {
	for _, tc := range []struct {
		dlt  int
		file LinkType
	}{
		{0, LinkTypeNull}, {1, LinkTypeEthernet}, {12, LinkTypeRaw}, {108, LinkTypeLoop},
		{113, LinkTypeLinuxSLL}, {228, LinkTypeIPv4}, {229, LinkTypeIPv6}, {276, LinkTypeLinuxSLL2},
	} {
		if got := FromDLT(tc.dlt); got != tc.file {
			t.Errorf("FromDLT(%d) = %d, want %d", tc.dlt, got, tc.file)
		}
		if got := tc.file.DLT(); got != tc.dlt {
			t.Errorf("%v.DLT() = %d, want %d", tc.file, got, tc.dlt)
		}
	}
}

func TestHostOS(t *testing.T) {
	if os := HostOS(); len(os) < 7 || os[:6] != "Linux " {
		t.Errorf("HostOS() = %q, want Linux <release>", os)
	}
}
