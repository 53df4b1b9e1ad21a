package pcapng

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/gocap/gocap/linktype"
)

// Everything the reader must understand that our writer does not write:
// both byte orders, several sections, SPB, the obsolete Packet Block,
// if_tsresol in decimal and binary units, if_tsoffset, NRB/DSB/custom
// blocks, unknown options.
func TestReaderHandmade(t *testing.T) {
	for _, bo := range []byteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(fmt.Sprint(bo), func(t *testing.T) {
			b := &ngBuilder{bo: bo}
			f1, f2, f3 := frame(60, 1), frame(100, 2), frame(77, 3)
			b.shb(opt{optSHBUserAppl, []byte("handmade")}, opt{optComment, []byte("first")})
			b.block(blockNRB, cat(b.u16(1), b.u16(8), []byte{10, 199, 6, 1, 'a', 'b', 'c', 0}, b.u32(0)))
			b.idb(linktype.Ethernet, 65535, opt{optIfName, []byte("eth0")}, opt{optIfTSResol, []byte{3}},
				opt{optIfTSOffset, b.u64(1000)}, opt{99, []byte("unknown option")})
			b.idb(linktype.Raw, 0, opt{optIfTSResol, []byte{0x80 | 10}}) // 2^-10 s
			b.epb(0, 5123, f1, 60, opt{optEPBFlags, b.u32(2 | 3<<2 | 4<<5)}, opt{optComment, []byte("one")}, opt{optComment, []byte("two")})
			b.block(0x40000BAD, cat(b.u32(32473), []byte("custom, copy me")))
			b.block(0x00000BAD, cat(b.u32(32473), []byte("custom, drop me")))
			b.block(blockDSB, cat(b.u32(0x544c534b), b.u32(4), []byte("keys")))
			b.epb(1, 3<<10|512, f2[14:], 86)
			b.spb(77, f3) // SPB: captured min(77, snap length)
			b.pb(0, 7, 9999, f1, 60, opt{optPBFlags, b.u32(1)})
			b.block(blockISB, cat(b.u32(0), b.ts(6000), b.opts(opt{optISBIfRecv, b.u64(42)}, opt{optISBStartTime, b.ts(5000)})))
			// Second section: interface ids start again, default
			// microsecond resolution.
			b.shb()
			b.idb(linktype.LinuxSLL2, 1500, opt{optIfName, []byte("any")})
			b.epb(0, 1_700_000_000_123456, f2, 100)

			r, pkts := readAll(t, b.out)
			want := []Packet{
				{InterfaceID: 0, Timestamp: time.Unix(1005, 123e6), Data: f1, OriginalLength: 60, Direction: DirectionOutbound,
					Reception: ReceptionBroadcast, Flags: 4 << 5, Comment: "one\ntwo", LinkType: linktype.Ethernet},
				{InterfaceID: 1, Timestamp: time.Unix(3, 5e8), Data: f2[14:], OriginalLength: 86, LinkType: linktype.Raw},
				{InterfaceID: 0, Timestamp: time.Unix(0, 0), Data: f3, OriginalLength: 77, LinkType: linktype.Ethernet},
				{InterfaceID: 0, Timestamp: time.Unix(1009, 999e6), Data: f1, OriginalLength: 60, Direction: DirectionInbound,
					DropCount: 7, LinkType: linktype.Ethernet},
				{InterfaceID: 0, Timestamp: time.Unix(1_700_000_000, 123456e3), Data: f2, OriginalLength: 100, LinkType: linktype.LinuxSLL2},
			}
			if len(pkts) != len(want) {
				t.Fatalf("read %d packets, want %d", len(pkts), len(want))
			}
			for i := range want {
				if d := packetDiff(pkts[i], want[i]); d != "" {
					t.Errorf("packet %d: %s", i, d)
				}
			}
			if ifs := r.Interfaces(); len(ifs) != 1 || ifs[0].Name != "any" || ifs[0].SnapLen != 1500 {
				t.Errorf("second section's interfaces: %+v", ifs)
			}
			if r.ByteOrder() != binary.ByteOrder(bo) {
				t.Errorf("byte order %v", r.ByteOrder())
			}
		})
	}
}

// The ISB of the first section, read before the second begins.
func TestReaderStatisticsPerSection(t *testing.T) {
	b := &ngBuilder{bo: binary.LittleEndian}
	b.shb().idb(linktype.Ethernet, 0)
	b.block(blockISB, cat(b.u32(0), b.ts(6_000_000), b.opts(opt{optISBIfRecv, b.u64(42)}, opt{optISBOSDrop, b.u64(3)}, opt{optISBStartTime, b.ts(5_000_000)})))
	b.epb(0, 7_000_000, frame(60, 0), 60)
	r, err := Open(bytes.NewReader(b.out))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	st, ok := r.Statistics(0)
	want := Stats{Timestamp: time.Unix(6, 0), Start: time.Unix(5, 0), Received: 42, OSDrop: 3, Present: StatStart | StatReceived | StatOSDrop}
	if !ok || statsDiff(st, want) != "" {
		t.Fatalf("statistics %+v, want %+v (%s)", st, want, statsDiff(st, want))
	}
}

// Classic pcap in both byte orders and both resolutions, and the modified
// (Kuznetzov) variant.
func TestReaderPcapVariants(t *testing.T) {
	f := frame(98, 1)
	for _, tc := range []struct {
		bo    byteOrder
		magic uint32
		frac  uint32
		ns    int64
		hdr   int
	}{
		{binary.LittleEndian, magicMicro, 123456, 123456000, 16},
		{binary.BigEndian, magicMicro, 123456, 123456000, 16},
		{binary.LittleEndian, magicNano, 123456789, 123456789, 16},
		{binary.BigEndian, magicNano, 123456789, 123456789, 16},
		{binary.BigEndian, magicModified, 5, 5000, 24},
	} {
		bo := tc.bo
		var file []byte
		file = bo.AppendUint32(file, tc.magic)
		file = bo.AppendUint16(file, 2)
		file = bo.AppendUint16(file, 4)
		file = append(file, make([]byte, 8)...)
		file = bo.AppendUint32(file, 65535)
		file = bo.AppendUint32(file, uint32(linktype.Ethernet)|1<<26|2<<28) // FCS of 4 bytes
		for i := 0; i < 3; i++ {
			file = bo.AppendUint32(file, 1_700_000_000+uint32(i))
			file = bo.AppendUint32(file, tc.frac)
			file = bo.AppendUint32(file, uint32(len(f)))
			file = bo.AppendUint32(file, 1000)
			if tc.hdr == 24 {
				file = append(file, 0, 0, 0, 2, 8, 0, 4, 0) // ifindex 2, ETH_P_IP, PACKET_OUTGOING
			}
			file = append(file, f...)
		}
		r, pkts := readAll(t, file)
		if len(pkts) != 3 {
			t.Fatalf("%v %#x: %d packets", bo, tc.magic, len(pkts))
		}
		for i, p := range pkts {
			want := Packet{Timestamp: time.Unix(1_700_000_000+int64(i), tc.ns), Data: f, OriginalLength: 1000, LinkType: linktype.Ethernet}
			if tc.hdr == 24 {
				want.Direction = DirectionOutbound
			}
			if d := packetDiff(p, want); d != "" {
				t.Errorf("%v %#x packet %d: %s", bo, tc.magic, i, d)
			}
		}
		if ifs := r.Interfaces(); ifs[0].FCSLen != 4 || ifs[0].SnapLen != 65535 {
			t.Errorf("%v %#x: interface %+v", bo, tc.magic, ifs[0])
		}
	}
}

// corpusFiles lists the shared captures (read at test time, not copied).
func corpusFiles(t testing.TB) []string {
	var files []string
	for _, pat := range []string{
		"../../shared/corpus/tcpdump/*.pcap*",
		"../../shared/conformance/libpcap/tests/*.pcap*",
		"../../shared/conformance/libpcap/tests/*/*.pcap*",
		"../testdata/pcapng/*.pcap*",
	} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no capture files found under ../../shared")
	}
	return files
}

// Every capture in the shared corpus reads the same with our reader as
// with gopacket's; what gopacket rejects we must reject too, with an
// offset in the message.
// TestReaderPcapSnapLen: a record longer than the header's snapshot length
// keeps only that length, as libpcap reads it (tcpdump prints and filters
// 13 bytes of a 40-byte record in a file that says 13); a header of 0 or
// beyond libpcap's maximum limits nothing.
func TestReaderPcapSnapLen(t *testing.T) {
	f := frame(60, 1)
	for _, tc := range []struct {
		snap uint32
		want int
	}{{13, 13}, {60, 60}, {59, 59}, {0, 60}, {0xffffffff, 60}} {
		bo := binary.LittleEndian
		var file []byte
		file = bo.AppendUint32(file, magicMicro)
		file = bo.AppendUint16(file, 2)
		file = bo.AppendUint16(file, 4)
		file = append(file, make([]byte, 8)...)
		file = bo.AppendUint32(file, tc.snap)
		file = bo.AppendUint32(file, uint32(linktype.Ethernet))
		file = bo.AppendUint32(file, 1)
		file = bo.AppendUint32(file, 0)
		file = bo.AppendUint32(file, uint32(len(f)))
		file = bo.AppendUint32(file, uint32(len(f)))
		file = append(file, f...)
		_, pkts := readAll(t, file)
		if len(pkts) != 1 {
			t.Fatalf("snap %d: %d packets", tc.snap, len(pkts))
		}
		if got := pkts[0]; !bytes.Equal(got.Data, f[:tc.want]) || got.OriginalLength != len(f) {
			t.Errorf("snap %d: %d bytes of %d, want %d of %d", tc.snap, len(got.Data), got.OriginalLength, tc.want, len(f))
		}
	}
}

func TestReaderCorpus(t *testing.T) {
	var read, rejected int
	for _, path := range corpusFiles(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ours, oursErr := readFile(data)
		theirs, theirsErr := readFileGopacket(data)
		name := filepath.Base(path)
		// The top of libpcap's test directory holds the files libpcap
		// itself must refuse (bad versions, bad lengths, reserved bits).
		invalid := filepath.Base(filepath.Dir(path)) == "tests"
		if oursErr != nil {
			rejected++
			if !strings.Contains(oursErr.Error(), "offset ") {
				t.Errorf("%s: error without an offset: %v", name, oursErr)
			}
			if theirsErr == nil && !invalid {
				t.Errorf("%s: we reject (%v), gopacket reads %d packets", name, oursErr, len(theirs))
			}
			continue
		}
		if invalid {
			t.Errorf("%s: libpcap rejects this file, we read %d packets", name, len(ours))
		}
		read++
		if theirsErr != nil {
			t.Logf("%s: gopacket fails (%v), we read %d packets", name, theirsErr, len(ours))
		}
		if strings.HasPrefix(name, "handmade-") {
			// gopacket rounds binary if_tsresol units (4.5 s reads as
			// 4.499646464 s; tshark agrees with us); TestReaderHandmade
			// checks these exactly.
			continue
		}
		if r, err := Open(bytes.NewReader(data)); err == nil && r.Format() == FormatPcap {
			// gopacket keeps the bytes past a pcap file's snapshot
			// length; libpcap, and we, do not (TestReaderPcapSnapLen).
			if snap := int(r.Interfaces()[0].SnapLen); snap > 0 && snap <= defaultSnapLen {
				for i := range theirs {
					theirs[i].Data = theirs[i].Data[:min(len(theirs[i].Data), snap)]
				}
			}
		}
		n := min(len(ours), len(theirs))
		if theirsErr == nil && len(ours) != len(theirs) {
			t.Errorf("%s: %d packets, gopacket %d", name, len(ours), len(theirs))
		}
		for i := 0; i < n; i++ {
			if d := packetDiff(ours[i], theirs[i]); d != "" {
				t.Errorf("%s packet %d: %s", name, i, d)
				break
			}
		}
	}
	t.Logf("corpus: %d files read, %d rejected", read, rejected)
}

func readFile(data []byte) ([]Packet, error) {
	r, err := Open(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []Packet
	for {
		p, err := r.ReadPacket()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, Packet{Timestamp: p.Timestamp, Data: bytes.Clone(p.Data), OriginalLength: p.WireLength(), LinkType: p.LinkType, InterfaceID: p.InterfaceID})
	}
}

func readFileGopacket(data []byte) ([]Packet, error) {
	var out []Packet
	if len(data) >= 4 && binary.LittleEndian.Uint32(data) == blockSHB {
		r, err := pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.NgReaderOptions{WantMixedLinkType: true})
		if err != nil {
			return nil, err
		}
		for {
			d, ci, err := r.ReadPacketData()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return out, err
			}
			ifc, _ := r.Interface(ci.InterfaceIndex)
			out = append(out, Packet{Timestamp: ci.Timestamp, Data: d, OriginalLength: ci.Length, LinkType: fromFile(uint32(ifc.LinkType)), InterfaceID: ci.InterfaceIndex})
		}
	}
	r, err := pcapgo.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	for {
		d, ci, err := r.ReadPacketData()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, Packet{Timestamp: ci.Timestamp, Data: d, OriginalLength: ci.Length, LinkType: fromFile(uint32(r.LinkType()))})
	}
}

// Cutting a valid file anywhere gives every complete packet and then a
// truncation error carrying the offset of the cut block — never a panic.
func TestReaderTruncated(t *testing.T) {
	s := newSample(6)
	for _, f := range []Format{FormatPcapng, FormatPcap} {
		s := s
		if f == FormatPcap {
			s.ifaces = s.ifaces[:1]
			delete(s.stats, 1)
			for i := range s.packets {
				s.packets[i].InterfaceID = 0
			}
		}
		data := s.write(t, f, WriterOptions{})
		full, err := readFile(data)
		if err != nil {
			t.Fatal(err)
		}
		for cut := 0; cut < len(data); cut++ {
			pkts, err := readFile(data[:cut])
			if err == nil {
				// A cut exactly between blocks is a valid, shorter file.
				continue
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("%v cut at %d: error %v is not a *FormatError", f, cut, err)
			}
			if fe.Offset > int64(cut) || !errors.Is(err, io.ErrUnexpectedEOF) && cut > 0 {
				t.Fatalf("%v cut at %d: %v", f, cut, err)
			}
			if len(pkts) > len(full) {
				t.Fatalf("%v cut at %d: %d packets from a file of %d", f, cut, len(pkts), len(full))
			}
		}
	}
}

// Malformed headers give clear errors.
func TestReaderErrors(t *testing.T) {
	le := &ngBuilder{bo: binary.LittleEndian}
	good := (&ngBuilder{bo: binary.LittleEndian}).shb().idb(linktype.Ethernet, 100).epb(0, 1, frame(60, 0), 60).out
	mutate := func(off int, v uint32) []byte {
		d := bytes.Clone(good)
		binary.LittleEndian.PutUint32(d[off:], v)
		return d
	}
	shbLen := int(binary.LittleEndian.Uint32(good[4:]))
	idbLen := int(binary.LittleEndian.Uint32(good[shbLen+4:]))
	epb := shbLen + idbLen
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty input"},
		{"garbage", []byte("GET / HTTP/1.1\r\n"), "not a pcap or pcapng file"},
		{"bad BOM", mutate(8, 0x12345678), "byte-order magic"},
		{"version", mutate(12, 2), "unsupported pcapng version 2.0"},
		{"odd length", mutate(shbLen+4, uint32(idbLen+1)), "not a multiple of 4"},
		{"short block", mutate(shbLen+4, 8), "less than its minimum"},
		{"huge block", mutate(shbLen+4, 1<<30), "more than the"},
		{"trailer", mutate(epb-4, 1234), "in header and 1234 in trailer differ"},
		{"no interface", mutate(epb+8, 5), "refers to interface 5"},
		{"caplen", mutate(epb+20, 10000), "overruns the block"},
		{"packet first", cat(good[:shbLen], le.block(blockEPB, make([]byte, 20)).out), "refers to interface 0, but the section declares 0"},
		{"pcap archaic", []byte{0xd4, 0xc3, 0xb2, 0xa1, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0}, "archaic"},
		{"pcap huge record", append([]byte{0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0}, cat(make([]byte, 8), []byte{0, 0, 0, 0x40}, make([]byte, 4))...), "exceeds the"},
	} {
		_, err := readFile(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// A length field promising a 16 MiB block on a short input must not cost
// 16 MiB: the buffer grows only as data arrives.
func TestReaderBoundedAllocation(t *testing.T) {
	b := &ngBuilder{bo: binary.LittleEndian}
	b.shb().idb(linktype.Ethernet, 0)
	data := cat(b.out, b.u32(blockEPB), b.u32(maxBlockSize), make([]byte, 100))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 10; i++ {
		if _, err := readFile(data); err == nil || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("error %v, want truncation", err)
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / 10; per > 3*readChunk {
		t.Fatalf("reading a 16 MiB-claiming truncated block allocated %d bytes per file", per)
	}
}
