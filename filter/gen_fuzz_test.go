package filter

import (
	"testing"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// FuzzCompile feeds arbitrary expressions through the whole compiler on
// every supported link type, offline and live, with and without the
// optimizer. Nothing may panic or hang; a rejected expression must come back
// as an error, an accepted one as a program that ends in a return and whose
// jumps stay inside it (libpcap's protochain loop aside, which jumps back).
func FuzzCompile(f *testing.F) {
	seeds := []string{
		"", "tcp port 80", "host 1.2.3.4 or net 10/8", "vlan and vlan 10 and ip",
		"geneve 5 and tcp", "vxlan and ether host 1:2:3:4:5:6", "mpls 3 and mpls and ip6",
		"pppoes 7 and ip and udp port 53", "ip[2:2] - len / 2 > tcp[0] % 3", "protochain 6",
		"inbound or ifindex 3", "ip broadcast or ip6 multicast", "llc s or stp", "batadv 15 unicast",
		"not (ip and (tcp or udp)) or arp", "ether proto \\ip6 and ip proto \\udp",
	}
	for _, s := range seeds {
		f.Add(s, uint8(0))
	}
	if cases, err := readConfCases(); err == nil {
		seen := map[string]bool{}
		for i, c := range cases {
			if c.Expr != nil && !seen[*c.Expr] {
				seen[*c.Expr] = true
				f.Add(*c.Expr, uint8(i))
			}
		}
	}
	lts := []linktype.Type{linktype.Ethernet, linktype.Null, linktype.Raw, linktype.Loop, linktype.LinuxSLL,
		linktype.IPv4, linktype.IPv6, linktype.LinuxSLL2}
	res := NewMapResolver()
	res.Hosts["h"] = nil
	f.Fuzz(func(t *testing.T, src string, sel uint8) {
		if len(src) > 512 {
			return
		}
		o := Options{
			LinkType:   lts[int(sel)%len(lts)],
			Linux:      sel&0x08 != 0,
			NoOptimize: sel&0x10 != 0,
			Netmask:    0xffffff00,
			Resolver:   res,
		}
		p, err := Compile(src, o)
		if err != nil {
			return
		}
		n := len(p.Raw)
		if n == 0 || n > cbpf.MaxInstructions {
			t.Fatalf("%q: program of %d instructions", src, n)
		}
		if p.Raw[n-1].Op&0x07 != cbpf.ClassRET {
			t.Fatalf("%q: program does not end with a return", src)
		}
		for pc, r := range p.Raw {
			if r.Op&0x07 != cbpf.ClassJMP {
				continue
			}
			if r.Op == cbpf.ClassJMP|cbpf.JA {
				if t2 := pc + 1 + int(int32(r.K)); t2 < 0 || t2 >= n {
					t.Fatalf("%q: ja at %d leaves the program", src, pc)
				}
				continue
			}
			if pc+1+int(r.Jt) >= n || pc+1+int(r.Jf) >= n {
				t.Fatalf("%q: jump at %d leaves the program", src, pc)
			}
		}
	})
}
