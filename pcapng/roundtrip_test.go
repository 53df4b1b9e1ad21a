package pcapng

import (
	"bytes"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/gocap/gocap/linktype"
)

func TestRoundTripPcapng(t *testing.T) {
	s := newSample(200)
	data := s.write(t, FormatPcapng, WriterOptions{Comment: "round trip"})
	r, got := readAll(t, data)

	if len(got) != len(s.packets) {
		t.Fatalf("read %d packets, wrote %d", len(got), len(s.packets))
	}
	for i := range got {
		if d := packetDiff(got[i], s.packets[i]); d != "" {
			t.Errorf("packet %d: %s", i, d)
		}
	}
	ifs := r.Interfaces()
	if len(ifs) != len(s.ifaces) {
		t.Fatalf("read %d interfaces, wrote %d", len(ifs), len(s.ifaces))
	}
	for i, want := range s.ifaces {
		want.TSResol, want.FCSLen = 9, -1
		if !reflect.DeepEqual(ifs[i], want) {
			t.Errorf("interface %d:\n got %+v\nwant %+v", i, ifs[i], want)
		}
		st, ok := r.Statistics(i)
		if !ok {
			t.Fatalf("interface %d: no statistics", i)
		}
		ws := s.stats[i]
		ws.Present = StatAll
		if ws.Start.IsZero() {
			ws.Present &^= StatStart | StatEnd
		}
		if d := statsDiff(st, ws); d != "" {
			t.Errorf("statistics %d: %s", i, d)
		}
	}
	sec := r.Section()
	if sec.UserApplication != "gocap "+Version || sec.OS == "" || sec.Hardware == "" || sec.Comment != "round trip" {
		t.Errorf("section header: %+v", sec)
	}
}

// The same file through gopacket's independent reader.
func TestRoundTripPcapngGopacket(t *testing.T) {
	s := newSample(200)
	data := s.write(t, FormatPcapng, WriterOptions{})
	var stats = map[int]pcapgo.NgInterfaceStatistics{}
	r, err := pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.NgReaderOptions{
		WantMixedLinkType:  true,
		StatisticsCallback: func(id int, st pcapgo.NgInterfaceStatistics) { stats[id] = st },
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range s.packets {
		data, ci, opts, err := r.ReadPacketDataWithOptions()
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if !bytes.Equal(data, want.Data) || !ci.Timestamp.Equal(want.Timestamp) ||
			ci.CaptureLength != len(want.Data) || ci.Length != want.WireLength() || ci.InterfaceIndex != want.InterfaceID {
			t.Errorf("packet %d: gopacket read %v %d/%d if %d, want %v %d/%d if %d", i,
				ci.Timestamp, ci.CaptureLength, ci.Length, ci.InterfaceIndex,
				want.Timestamp, len(want.Data), want.WireLength(), want.InterfaceID)
		}
		var flags uint32
		if opts.Flags != nil {
			flags = opts.Flags.ToUint32()
		}
		if wantFlags := uint32(want.Direction) | uint32(want.Reception)<<2; flags != wantFlags {
			t.Errorf("packet %d: epb_flags %#x, want %#x", i, flags, wantFlags)
		}
		var drops uint64
		if opts.DropCount != nil {
			drops = *opts.DropCount
		}
		if drops != want.DropCount {
			t.Errorf("packet %d: dropcount %d, want %d", i, drops, want.DropCount)
		}
		if want.Comment != "" && (len(opts.Comments) != 1 || opts.Comments[0] != want.Comment) {
			t.Errorf("packet %d: comments %q, want %q", i, opts.Comments, want.Comment)
		}
	}
	if _, _, err := r.ReadPacketData(); err != io.EOF {
		t.Fatalf("after the last packet: %v, want EOF", err)
	}
	if r.NInterfaces() != len(s.ifaces) {
		t.Fatalf("gopacket sees %d interfaces", r.NInterfaces())
	}
	for i, want := range s.ifaces {
		got, _ := r.Interface(i)
		if got.Name != want.Name || got.Description != want.Description || got.Filter != want.Filter ||
			got.OS != want.OS || uint32(got.LinkType) != uint32(want.LinkType) || got.SnapLength != want.SnapLen {
			t.Errorf("interface %d: gopacket read %+v", i, got)
		}
		st := stats[i]
		ws := s.stats[i]
		if st.PacketsReceived != ws.Received || st.PacketsDropped != ws.Dropped || !st.LastUpdate.Equal(ws.Timestamp) ||
			!st.StartTime.Equal(ws.Start) && !ws.Start.IsZero() {
			t.Errorf("statistics %d: gopacket read %+v, want %+v", i, st, ws)
		}
	}
}

func TestRoundTripPcap(t *testing.T) {
	for _, micro := range []bool{false, true} {
		s := newSample(100)
		s.ifaces = s.ifaces[:1]
		delete(s.stats, 1)
		for i := range s.packets {
			s.packets[i].InterfaceID = 0
		}
		data := s.write(t, FormatPcap, WriterOptions{Micro: micro})
		magic := ne.Uint32(data)
		if micro && magic != magicMicro || !micro && magic != magicNano {
			t.Fatalf("micro=%v: magic %#x", micro, magic)
		}
		_, got := readAll(t, data)
		gr, err := pcapgo.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if uint32(gr.LinkType()) != uint32(linktype.Ethernet) || gr.Snaplen() != 262144 {
			t.Errorf("gopacket: link type %v snaplen %d", gr.LinkType(), gr.Snaplen())
		}
		if len(got) != len(s.packets) {
			t.Fatalf("read %d packets, wrote %d", len(got), len(s.packets))
		}
		for i, want := range s.packets {
			wantTS := want.Timestamp
			if micro {
				wantTS = wantTS.Truncate(time.Microsecond)
			}
			g := got[i]
			if !bytes.Equal(g.Data, want.Data) || !g.Timestamp.Equal(wantTS) || g.WireLength() != want.WireLength() ||
				g.LinkType != linktype.Ethernet || g.InterfaceID != 0 {
				t.Errorf("micro=%v packet %d: got %v %d/%d, want %v %d/%d", micro, i,
					g.Timestamp, len(g.Data), g.WireLength(), wantTS, len(want.Data), want.WireLength())
			}
			gd, ci, err := gr.ReadPacketData()
			if err != nil {
				t.Fatalf("gopacket packet %d: %v", i, err)
			}
			if !bytes.Equal(gd, want.Data) || !ci.Timestamp.Equal(wantTS) || ci.Length != want.WireLength() {
				t.Errorf("micro=%v gopacket packet %d: %v %d/%d", micro, i, ci.Timestamp, ci.CaptureLength, ci.Length)
			}
		}
	}
}

// Classic pcap holds one link type; pcapng in libpcap-compatible mode too.
func TestMixedLinkTypes(t *testing.T) {
	eth := Interface{LinkType: linktype.Ethernet, SnapLen: 1000, Name: "a"}
	sll := Interface{LinkType: linktype.LinuxSLL2, SnapLen: 2000, Name: "b"}
	for _, tc := range []struct {
		name   string
		format Format
		opts   WriterOptions
		mixed  bool
	}{
		{"pcapng", FormatPcapng, WriterOptions{}, true},
		{"pcapng-libpcap", FormatPcapng, WriterOptions{LibpcapCompatible: true}, false},
		{"pcap", FormatPcap, WriterOptions{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewPacketWriter(&buf, tc.format, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.AddInterface(eth); err != nil {
				t.Fatal(err)
			}
			_, err = w.AddInterface(sll)
			if tc.mixed != (err == nil) {
				t.Fatalf("second link type: err = %v, mixed allowed = %v", err, tc.mixed)
			}
			if err != nil && !errorsIs(err, ErrMixedLinkTypes) {
				t.Fatalf("error %v does not wrap ErrMixedLinkTypes", err)
			}
			// Same link type, other snap length: libpcap-compatible
			// output declares the first one's.
			id, err := w.AddInterface(Interface{LinkType: linktype.Ethernet, SnapLen: 5000, Name: "c"})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.WritePacket(Packet{InterfaceID: id, Timestamp: t0, Data: frame(1500, 1)}); err != nil {
				t.Fatal(err)
			}
			w.Close()
			r, pkts := readAll(t, buf.Bytes())
			ifs := r.Interfaces()
			last := ifs[len(ifs)-1]
			wantSnap := uint32(5000)
			if !tc.mixed {
				wantSnap = 1000
			}
			if last.SnapLen != wantSnap || len(pkts) != 1 || len(pkts[0].Data) != min(1500, int(wantSnap)) || pkts[0].WireLength() != 1500 {
				t.Fatalf("snaplen %d, packet %d/%d", last.SnapLen, len(pkts[0].Data), pkts[0].WireLength())
			}
		})
	}
}

// Microsecond interfaces and if_tsoffset: timestamps come back truncated
// to the interface's resolution, offset applied both ways.
func TestRoundTripResolutions(t *testing.T) {
	for _, ifc := range []Interface{
		{LinkType: linktype.Ethernet, TSResol: 6},
		{LinkType: linktype.Ethernet, TSResol: 9, TSOffset: 1_600_000_000},
		{LinkType: linktype.Ethernet, TSResol: 6, TSOffset: -5},
	} {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, WriterOptions{})
		if _, err := w.AddInterface(ifc); err != nil {
			t.Fatal(err)
		}
		ts := time.Unix(1_700_000_000, 987654321)
		w.WritePacket(Packet{Timestamp: ts, Data: frame(60, 0)})
		w.Close()
		r, pkts := readAll(t, buf.Bytes())
		want := ts
		if ifc.TSResol == 6 {
			want = ts.Truncate(time.Microsecond)
		}
		if len(pkts) != 1 || !pkts[0].Timestamp.Equal(want) {
			t.Errorf("%+v: read %v, want %v", ifc, pkts[0].Timestamp, want)
		}
		if got := r.Interfaces()[0]; got.TSResol != ifc.TSResol || got.TSOffset != ifc.TSOffset {
			t.Errorf("%+v: interface reads back as %+v", ifc, got)
		}
	}
	if _, err := (&Writer{}).AddInterface(Interface{TSResol: 3}); err == nil {
		t.Error("if_tsresol 3 accepted for writing")
	}
}
