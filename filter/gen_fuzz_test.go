package filter

import (
	"testing"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// FuzzCompile feeds arbitrary expressions through the whole compiler on
// every link type libpcap names (and numbers it does not), offline and
// live, with and without the optimizer; the seeds are the conformance
// corpus's expressions on their own link types and a few on every link
// type. Nothing may panic or hang; a rejected expression must come back
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
		f.Add(s, uint8(0), uint16(linktype.Ethernet))
	}
	for _, lt := range linktype.All() {
		for i, s := range []string{"", "link[0] = 1", "ip", "tcp port 80", "host 1.2.3.4", "link broadcast", "inbound"} {
			f.Add(s, uint8(i), uint16(lt))
		}
	}
	if cases, err := readConfCases(); err == nil {
		seen := map[string]bool{}
		for i, c := range cases {
			lt, err := linktype.Parse(c.DLT)
			if c.Expr != nil && err == nil && !seen[c.DLT+*c.Expr] {
				seen[c.DLT+*c.Expr] = true
				f.Add(*c.Expr, uint8(i), uint16(lt))
			}
		}
	}
	res := NewMapResolver()
	res.Hosts["h"] = nil
	f.Fuzz(func(t *testing.T, src string, sel uint8, lt uint16) {
		if len(src) > 512 {
			return
		}
		o := Options{
			LinkType:   linktype.Type(lt),
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
