package capture

import (
	"errors"
	"net"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// TestLookupInterface: the ioctls say what the link dump says, for every
// interface of the namespace, by name and by number; names that are no
// interface's, including one a NUL would cut down to "lo", are
// ErrNoSuchInterface.
func TestLookupInterface(t *testing.T) {
	ifs, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ifc := range ifs {
		if got := indexName(ifc.Index); got != ifc.Name {
			t.Errorf("indexName(%d) = %q, want %q", ifc.Index, got, ifc.Name)
		}
		want := ifaceInfo{name: ifc.Name, index: ifc.Index, up: ifc.Flags&net.FlagUp != 0}
		for _, name := range []string{ifc.Name, strconv.Itoa(ifc.Index)} {
			got, err := lookupInterface(name)
			if err != nil {
				t.Errorf("%q: %v", name, err)
				continue
			}
			hw := got.hwType
			got.hwType = 0
			if got != want {
				t.Errorf("%q: %+v, want %+v", name, got, want)
			}
			if ifc.Flags&net.FlagLoopback != 0 && hw != unix.ARPHRD_LOOPBACK {
				t.Errorf("%q: hardware type %d, want ARPHRD_LOOPBACK", name, hw)
			}
			if ifc.Flags&net.FlagLoopback == 0 && hw == unix.ARPHRD_LOOPBACK {
				t.Errorf("%q: hardware type ARPHRD_LOOPBACK on an interface that is not a loopback", name)
			}
		}
	}
	if got := indexName(999999); got != "" {
		t.Errorf("indexName(999999) = %q, want none", got)
	}
	for _, name := range []string{"nosuch0", "lo\x00x", "", "0", "999999", "a-name-far-too-long-for-linux"} {
		if _, err := lookupInterface(name); !errors.Is(err, ErrNoSuchInterface) {
			t.Errorf("%q: %v, want ErrNoSuchInterface", name, err)
		}
	}
}
