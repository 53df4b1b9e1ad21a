package linktype_test

import (
	"fmt"
	"testing"

	"github.com/gocap/gocap/linktype"
)

func TestParseString(t *testing.T) {
	seen := map[string]bool{}
	for _, lt := range linktype.All() {
		name := lt.String()
		if seen[name] {
			t.Errorf("name %s used twice", name)
		}
		seen[name] = true
		for _, in := range []string{name, "DLT_" + name, "dlt_" + name} {
			if got, err := linktype.Parse(in); err != nil || got != lt {
				t.Errorf("Parse(%q) = %d, %v; want %d", in, got, err, lt)
			}
		}
		if lt.Description() == "" {
			t.Errorf("%s has no description", lt)
		}
	}
	for in, want := range map[string]linktype.Type{
		"EN10MB": linktype.Ethernet, "raw": linktype.Raw, "Linux_SLL2": linktype.LinuxSLL2,
		"IEEE802_11_RADIO": linktype.IEEE80211Radio, "12": linktype.Raw, "DLT 147": 147,
	} {
		if got, err := linktype.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "ETHERNET2", "DLT_", "-1", "1x"} {
		if _, err := linktype.Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
	if s := linktype.Type(147).String(); s != "DLT 147" {
		t.Errorf("String of an unnamed value = %q", s)
	}
	if linktype.Raw != 12 || linktype.Ethernet != 1 || linktype.LinuxSLL2 != 276 {
		t.Error("DLT values changed")
	}
}

func Example() {
	lt, err := linktype.Parse("dlt_ieee802_11_radio")
	if err != nil {
		panic(err)
	}
	fmt.Println(int(lt), lt, lt.Description())
	// Output: 127 IEEE802_11_RADIO 802.11 plus radiotap header
}
