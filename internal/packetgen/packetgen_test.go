package packetgen

import (
	"encoding/binary"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
	"golang.org/x/net/bpf"
)

func TestCorpusSizeAndDeterminism(t *testing.T) {
	start := time.Now()
	a := Corpus(Seeds{Seed: 1})
	t.Logf("%d frames in %v", len(a), time.Since(start))
	if len(a) != DefaultN || len(a) < 10000 {
		t.Fatalf("got %d frames", len(a))
	}
	b := Corpus(Seeds{Seed: 1})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seeds, different corpus")
	}
	c := Corpus(Seeds{Seed: 2, N: 100})
	if len(c) != 100 || reflect.DeepEqual(a[:100], c) {
		t.Fatal("seed does not change the corpus or N is ignored")
	}
}

// TestCorpusVariety checks that every kind of frame the issue lists is
// there, in a corpus with no seeds.
func TestCorpusVariety(t *testing.T) {
	frames := Corpus(Seeds{Seed: 7})
	count := map[string]int{}
	for _, f := range frames {
		for _, part := range strings.Split(f.Desc, "/") {
			count[part]++
		}
		if f.Meta.VLANPresent {
			count["vlan-present"]++
		}
		if f.Meta.WireLen > uint32(len(f.Data)) {
			count["truncated"]++
		}
		if len(f.Data) >= 14 {
			d := f.Data
			switch binary.BigEndian.Uint16(d[12:]) {
			case 0x88a8:
				count["qinq-88a8"]++
			case 0x9100:
				count["qinq-9100"]++
			}
		}
		if len(f.Data) < 6 {
			continue
		}
		if f.Data[0] == 0xff && f.Data[1] == 0xff {
			count["broadcast"]++
		} else if f.Data[0]&1 != 0 {
			count["multicast"]++
		}
	}
	for _, want := range []string{"eth", "vlan", "qinq-88a8", "qinq-9100", "mpls", "pppoed", "pppoes", "arp", "rarp",
		"ipv4", "ipv6", "llc", "stp", "ipx", "ipx-raw", "netbeui", "clnp", "esis", "isis", "snap", "decnet",
		"atalk", "aarp", "vlan-present", "truncated", "broadcast", "multicast", "ethertype"} {
		if count[want] < 10 {
			t.Errorf("only %d frames of kind %q", count[want], want)
		}
	}
	// Transport and tunnel variety, by bytes: IPv4 protocol field.
	protos := map[byte]int{}
	fragments, options, vxlan, geneve := 0, 0, 0, 0
	for _, f := range frames {
		d := f.Data
		if len(d) < 34 || binary.BigEndian.Uint16(d[12:]) != 0x0800 {
			continue
		}
		protos[d[23]]++
		if binary.BigEndian.Uint16(d[20:])&0x3fff != 0 {
			fragments++
		}
		if d[14]&0x0f > 5 {
			options++
		}
		if d[23] == 17 && d[14] == 0x45 && len(d) >= 38 {
			switch binary.BigEndian.Uint16(d[36:]) {
			case 4789:
				vxlan++
			case 6081:
				geneve++
			}
		}
	}
	for _, p := range []byte{1, 2, 6, 17, 47, 50, 51, 103, 112, 132} {
		if protos[p] < 5 {
			t.Errorf("only %d IPv4 frames with protocol %d", protos[p], p)
		}
	}
	if fragments < 50 || options < 50 || vxlan < 10 || geneve < 10 {
		t.Errorf("fragments %d, options %d, vxlan %d, geneve %d", fragments, options, vxlan, geneve)
	}
}

func TestSeedsFromPrograms(t *testing.T) {
	// tcpdump -dd 'ip host 10.1.2.3 and tcp port 8080'-like fragments.
	prog := []bpf.RawInstruction{
		{Op: 0x28, K: 12}, {Op: 0x15, Jt: 0, Jf: 5, K: 0x800},
		{Op: 0x20, K: 26}, {Op: 0x15, Jt: 2, Jf: 0, K: 0x0a010203},
		{Op: 0xb1, K: 14}, {Op: 0x48, K: 16}, {Op: 0x15, Jt: 0, Jf: 1, K: 8080},
		{Op: 0x30, K: 14}, {Op: 0x54, K: 0xf0}, {Op: 0x15, Jt: 0, Jf: 1, K: 0x40},
		{Op: 0x06, K: 262144}, {Op: 0x06, K: 0},
	}
	s := SeedsFromPrograms([][]bpf.RawInstruction{prog})
	has := func(f Field) bool {
		for _, g := range s.Fields {
			if g == f {
				return true
			}
		}
		return false
	}
	for _, f := range []Field{{Off: 12, Size: 2, Value: 0x800}, {Off: 26, Size: 4, Value: 0x0a010203},
		{Off: 36, Size: 2, Value: 8080}, {Off: 14, Size: 1, Value: 0x40, Mask: 0xf0}} {
		if !has(f) {
			t.Errorf("field %+v not harvested: %+v", f, s.Fields)
		}
	}
	found := false
	for _, ip := range s.IPv4 {
		found = found || ip.Equal(net.IPv4(10, 1, 2, 3))
	}
	if !found {
		t.Errorf("10.1.2.3 not among %v", s.IPv4)
	}
	// The seeded corpus contains frames that match.
	s.Seed, s.N = 5, 2000
	frames := Corpus(s)
	frames = append(frames, WithFields(frames, s.Fields, 2000, 9)...)
	matched := 0
	for _, f := range frames {
		if v, _, err := cbpf.Run(prog, f.Data, &f.Meta); err != nil {
			t.Fatal(err)
		} else if v != 0 {
			matched++
		}
	}
	if matched == 0 {
		t.Error("no frame matches the program the seeds came from")
	}
	t.Logf("%d of %d frames match", matched, len(frames))
}

func TestReencap(t *testing.T) {
	frames := Corpus(Seeds{Seed: 3, N: 3000})
	for _, dlt := range []int{DLTEthernet, DLTLinuxSLL, DLTLinuxSLL2, DLTRaw, DLTIPv4, DLTIPv6, DLTNull, DLTLoop} {
		out := ReencapAll(frames, dlt)
		if len(out) < 300 {
			t.Errorf("DLT %d: only %d frames", dlt, len(out))
		}
	}
	// Every other link type gets frames too: its own header when the
	// generator knows it, the frame's bytes otherwise.
	for _, lt := range linktype.All() {
		if out := ReencapAll(frames, int(lt)); len(out) < 300 {
			t.Errorf("%v: only %d frames", lt, len(out))
		}
	}
	// FDDI carries an Ethernet II frame's type behind LLC/SNAP.
	for _, g := range frames {
		if binary.BigEndian.Uint16(g.Data[12:]) != 0x0800 {
			continue
		}
		fd, ok := Reencap(g, int(linktype.FDDI))
		if !ok || fd.Data[13] != 0xaa || binary.BigEndian.Uint16(fd.Data[19:]) != 0x0800 {
			t.Errorf("FDDI frame %x", fd.Data)
		}
		break
	}
	// One IPv4 frame through each encapsulation.
	var f Frame
	for _, g := range frames {
		if binary.BigEndian.Uint16(g.Data[12:]) == 0x0800 && g.Meta.WireLen == 0 {
			f = g
			break
		}
	}
	ip := f.Data[14:]
	check := func(name string, g Frame, ok bool, hdr []byte) {
		t.Helper()
		if !ok || string(g.Data) != string(append(append([]byte{}, hdr...), ip...)) {
			t.Errorf("%s: got % x", name, g.Data[:min(len(g.Data), 24)])
		}
		if g.Meta.NetOff != uint32(len(hdr)) {
			t.Errorf("%s: NetOff %d", name, g.Meta.NetOff)
		}
	}
	g, ok := Raw(f)
	check("raw", g, ok, nil)
	g, ok = RawIPv4(f)
	check("ipv4", g, ok, nil)
	if _, ok := RawIPv6(f); ok {
		t.Error("IPv4 frame as DLT_IPV6")
	}
	g, ok = Null(f, false)
	check("null le", g, ok, []byte{2, 0, 0, 0})
	g, ok = Null(f, true)
	check("null be", g, ok, []byte{0, 0, 0, 2})
	g, ok = Loop(f)
	check("loop", g, ok, []byte{0, 0, 0, 2})
	g, ok = LinuxSLL(f)
	sll := append([]byte{0, f.Meta.PktType, 0, 1, 0, 6}, f.Data[6:12]...)
	check("sll", g, ok, append(append(sll, 0, 0), 0x08, 0x00))
	g, ok = LinuxSLL2(f)
	sll2 := []byte{0x08, 0x00, 0, 0, 0, 0, 0, byte(f.Meta.IfIndex), 0, 1, f.Meta.PktType, 6}
	check("sll2", g, ok, append(append(sll2, f.Data[6:12]...), 0, 0))
}

func BenchmarkCorpus(b *testing.B) {
	for b.Loop() {
		Corpus(Seeds{Seed: 1})
	}
}
