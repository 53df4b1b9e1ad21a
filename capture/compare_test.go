package capture

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// compareCase is one filter of the tcpdump comparison.
type compareCase struct {
	expr string
	dir  DirectionFilter // -Q
}

var compareCases = []compareCase{
	{expr: ""},
	{expr: "tcp"},
	{expr: "udp"},
	{expr: "icmp"},
	{expr: "arp"},
	{expr: "ip6"},
	{expr: "ip6 and tcp"},
	{expr: "vlan"},
	{expr: "vlan 100"},
	{expr: "vlan and udp"},
	{expr: "vlan 200 and vlan 300"},
	{expr: "mpls"},
	{expr: "mpls 1000 and udp"},
	{expr: "pppoes"},
	{expr: "pppoes and udp port 53"},
	{expr: "pppoed"},
	{expr: "tcp port 80"},
	{expr: "udp port 53"},
	{expr: "host 10.199.1.50"},
	{expr: "src host 10.199.1.11 and tcp"},
	{expr: "ether broadcast"},
	{expr: "ether multicast"},
	{expr: "ether host 02:00:00:00:00:99"},
	{expr: "greater 1000"},
	{expr: "less 100"},
	{expr: "inbound"},
	{expr: "outbound"},
	{expr: "not ip"},
	{expr: "tcp[tcpflags] & tcp-syn != 0"},
	{expr: "udp", dir: DirIn},
	{expr: "", dir: DirOut},
}

func (c compareCase) String() string {
	s := c.expr
	if s == "" {
		s = "(all)"
	}
	switch c.dir {
	case DirIn:
		s += " -Q in"
	case DirOut:
		s += " -Q out"
	}
	return s
}

func (c compareCase) tcpdumpArgs() []string {
	var a []string
	switch c.dir {
	case DirIn:
		a = append(a, "-Q", "in")
	case DirOut:
		a = append(a, "-Q", "out")
	}
	if c.expr != "" {
		a = append(a, c.expr)
	}
	return a
}

// TestCompareTcpdump captures the test frames with gocap and tcpdump side by
// side, for every filter, and requires the same packets: bytes (VLAN tags
// re-inserted), original lengths, timestamps; and the right directions.
func TestCompareTcpdump(t *testing.T) {
	p := newPair(t, 1)
	frames := testFrames(p.MAC1, p.MAC2)
	const snap = 200
	modes := []struct {
		name string
		mode FilterMode
		place string
	}{
		{"ebpf", FilterAuto, placeEBPF.String()},
		{"classic", FilterClassic, placeClassic.String()},
		{"userspace", FilterUserspace, placeUserspace.String()},
	}
	for _, m := range modes {
		for _, c := range compareCases {
			if m.mode == FilterUserspace && c.dir != DirInOut {
				continue
			}
			t.Run(m.name+"/"+c.String(), func(t *testing.T) {
				prog := tcpdumpProgram(t, p.NS2, p.If2, snap, "", c.expr)
				td := startTcpdump(t, p.NS2, append([]string{"-i", p.If2, "-s", fmt.Sprint(snap)}, c.tcpdumpArgs()...)...)
				l := openIn(t, p.NS2, Options{
					Interfaces: []string{p.If2}, SnapLen: snap, Filter: Fixed(prog),
					Direction: c.dir, FilterMode: m.mode, Immediate: true,
				})
				// libpcap filters the first ring blocks after setting a
				// filter in userspace too, where ancillary loads (inbound,
				// outbound) fail: give tcpdump primer frames to spend
				// those blocks on, then compare only the test frames.
				if got := l.Interfaces()[0].Filtering; got != m.place {
					t.Fatalf("filter runs in %s, want %s", got, m.place)
				}
				sendFrames(t, p, primers(p.MAC1, p.MAC2))
				time.Sleep(30 * time.Millisecond)
				sendFrames(t, p, frames)
				time.Sleep(50 * time.Millisecond)
				want := onlyTestRecords(frames, td.stop(t))
				got := onlyTestPackets(frames, collect(t, l))
				comparePackets(t, frames, want, got, snap)
				if st := l.Stats(); st.Matched < uint64(len(got)) || st.Received < st.Matched {
					t.Errorf("Stats %+v, %d test packets delivered", st, len(got))
				}
			})
		}
	}
}

func comparePackets(t *testing.T, frames []testFrame, want []pcapRecord, got []Packet, snap int) {
	t.Helper()
	if len(want) == 0 && len(got) == 0 {
		return
	}
	names := func() string {
		var g, w []string
		for _, p := range got {
			f, _ := frameName(frames, p.Data)
			g = append(g, f.name)
		}
		for _, r := range want {
			f, _ := frameName(frames, r.data)
			w = append(w, f.name)
		}
		return fmt.Sprintf("gocap:   %s\ntcpdump: %s", strings.Join(g, " "), strings.Join(w, " "))
	}
	if len(want) != len(got) {
		t.Fatalf("gocap captured %d packets, tcpdump %d\n%s", len(got), len(want), names())
	}
	for i := range want {
		w, g := want[i], got[i]
		if !bytes.Equal(w.data, g.Data) {
			t.Errorf("packet %d: bytes differ\n gocap   %x\n tcpdump %x\n%s", i, g.Data, w.data, names())
			continue
		}
		if w.origLen != g.Length {
			t.Errorf("packet %d: original length gocap %d, tcpdump %d", i, g.Length, w.origLen)
		}
		if !w.ts.Equal(g.Timestamp) {
			t.Errorf("packet %d: timestamp gocap %v, tcpdump %v", i, g.Timestamp, w.ts)
		}
		if len(g.Data) > snap {
			t.Errorf("packet %d: %d bytes captured, snap length %d", i, len(g.Data), snap)
		}
		f, ok := frameName(frames, g.Data)
		if !ok {
			t.Errorf("packet %d is not a test frame: %x", i, g.Data)
			continue
		}
		if g.Direction != f.dir {
			t.Errorf("packet %d (%s): direction %v, want %v", i, f.name, g.Direction, f.dir)
		}
		wantLen := len(f.data)
		if g.Length != wantLen {
			t.Errorf("packet %d (%s): length %d, sent %d bytes", i, f.name, g.Length, wantLen)
		}
		if n := min(len(f.data), snap); !bytes.Equal(g.Data, f.data[:n]) {
			t.Errorf("packet %d (%s): bytes differ from what was sent\n got  %x\n sent %x", i, f.name, g.Data, f.data[:n])
		}
	}
}

// primers are frames that are not test frames, one each way.
func primers(mac1, mac2 net.HardwareAddr) []testFrame {
	return []testFrame{
		{name: "primer-in", data: append(eth(mac2, mac1, 0x0800), ipv4(17, ipSrc, ipDst, udp(1, 1, []byte("primer")))...)},
		{name: "primer-out", out: true, data: append(eth(mac1, mac2, 0x0800), ipv4(17, ipDst, ipSrc, udp(1, 1, []byte("primer")))...)},
	}
}

func onlyTestRecords(frames []testFrame, recs []pcapRecord) []pcapRecord {
	var out []pcapRecord
	for _, r := range recs {
		if _, ok := frameName(frames, r.data); ok {
			out = append(out, r)
		}
	}
	return out
}

func onlyTestPackets(frames []testFrame, pkts []Packet) []Packet {
	var out []Packet
	for _, p := range pkts {
		if _, ok := frameName(frames, p.Data); ok {
			out = append(out, p)
		}
	}
	return out
}
