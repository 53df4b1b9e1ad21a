package pcapng

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/gocap/gocap/linktype"
)

// TestLinkTypeMapping: files record LINKTYPE_ values, readers and writers
// convert from and to DLT_ values, and a file written with a DLT reads back
// as that DLT.
func TestLinkTypeMapping(t *testing.T) {
	for _, tc := range []struct {
		dlt  linktype.Type
		file uint32
	}{
		{linktype.Null, 0}, {linktype.Ethernet, 1}, {linktype.Raw, 101}, {linktype.ATMRFC1483, 100},
		{linktype.SLIPBSDOS, 102}, {linktype.PPPBSDOS, 103}, {linktype.ATMCLIP, 106},
		{linktype.Loop, 108}, {linktype.LinuxSLL, 113}, {linktype.IPv4, 228}, {linktype.IPv6, 229},
		{linktype.LinuxSLL2, 276}, {linktype.IEEE80211Radio, 127}, {linktype.Type(147), 147},
	} {
		if got := fileValue(tc.dlt); got != tc.file {
			t.Errorf("fileValue(%v) = %d, want %d", tc.dlt, got, tc.file)
		}
		if got := fromFile(tc.file); got != tc.dlt {
			t.Errorf("fromFile(%d) = %v, want %v", tc.file, got, tc.dlt)
		}
		for _, pcap := range []bool{false, true} {
			var buf bytes.Buffer
			var w PacketWriter = NewPcapWriter(&buf, WriterOptions{})
			if !pcap {
				ngw, err := NewWriter(&buf, WriterOptions{})
				if err != nil {
					t.Fatal(err)
				}
				w = ngw
			}
			if _, err := w.AddInterface(Interface{LinkType: tc.dlt}); err != nil {
				t.Fatal(err)
			}
			if err := w.WritePacket(Packet{Data: []byte{1, 2, 3}}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			raw := buf.Bytes()
			var recorded uint32
			if pcap {
				recorded = binary.NativeEndian.Uint32(raw[20:])
			} else {
				recorded = uint32(binary.NativeEndian.Uint16(raw[binary.NativeEndian.Uint32(raw[4:])+8:]))
			}
			if recorded != tc.file {
				t.Errorf("pcap=%v: %v recorded as %d, want %d", pcap, tc.dlt, recorded, tc.file)
			}
			r, err := Open(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			p, err := r.ReadPacket()
			if err != nil {
				t.Fatal(err)
			}
			if p.LinkType != tc.dlt || r.Interfaces()[0].LinkType != tc.dlt {
				t.Errorf("pcap=%v: %v read back as %v", pcap, tc.dlt, p.LinkType)
			}
		}
	}
}

func TestHostOS(t *testing.T) {
	if os := HostOS(); len(os) < 7 || os[:6] != "Linux " {
		t.Errorf("HostOS() = %q, want Linux <release>", os)
	}
}
