package printer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// fuzzOptionSets are the output options that change how a packet is
// decoded or dumped: tcpdump's -v, -vv, -vvv, -e, -x, -xx, -X, -XX, -A, -AA,
// -q, -S and a few combinations.
var fuzzOptionSets = []Options{
	{}, {Verbose: 1}, {Verbose: 2}, {Verbose: 3}, {LinkHeader: true}, {Hex: 1}, {Hex: 2},
	{HexASCII: 1}, {HexASCII: 2}, {ASCII: 1}, {ASCII: 2}, {Quiet: true}, {AbsoluteSeq: true},
	{LinkHeader: true, Verbose: 2}, {Quiet: true, LinkHeader: true}, {AbsoluteSeq: true, Verbose: 1},
}

// fuzzLinkTypes are the link types the printer decodes; the fuzz target
// also takes any other DLT value.
var fuzzLinkTypes = []linktype.Type{linktype.Ethernet, linktype.Raw, linktype.IPv4, linktype.IPv6, linktype.Null, linktype.Loop,
	linktype.LinuxSLL, linktype.LinuxSLL2}

// fuzzOptions decodes the fuzzer's flag word: the low four bits pick an
// option set, the next bits a shorter wire length (files may claim any).
func fuzzOptions(flags uint16) Options {
	o := fuzzOptionSets[int(flags&0x0f)%len(fuzzOptionSets)]
	o.Numeric = true
	o.Location = time.UTC
	return o
}

// slowDecode is the time after which one packet's decode is a finding. A
// slow first run is retried a few times, so that a descheduled fuzzer
// process is not reported.
const slowDecode = 5 * time.Millisecond

func printTimed(t testing.TB, o Options, pkt *Packet) time.Duration {
	t.Helper()
	p := New(io.Discard, o)
	start := time.Now()
	if err := p.Print(pkt); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// FuzzPrint feeds arbitrary bytes to the printer, for every link type and
// every option set above: no panic, and no packet may take longer than
// slowDecode to print (the printer's work must be bounded by the bytes it
// reads, whatever the header counts and pointers say). The seed corpus holds
// the generated frames, the frames of every decoded protocol, the captures
// of ../shared/corpus/tcpdump when present, and the regression inputs in
// testdata/fuzz/FuzzPrint.
func FuzzPrint(f *testing.F) {
	for _, fr := range testframes.Fixed() {
		f.Add(fr.Data, uint16(linktype.Ethernet), uint16(0))
	}
	for i, fr := range testframes.Protocols() {
		f.Add(fr.Data, uint16(linktype.Ethernet), uint16(i))
	}
	for _, c := range depthCases() {
		for i, fr := range c.frames {
			f.Add(fr.Data, uint16(linktype.Ethernet), uint16(i))
		}
	}
	for _, c := range transportCases {
		for i, s := range c.frames(f) {
			d := s.data
			if s.snap > 0 && s.snap < len(d) {
				d = d[:s.snap]
			}
			f.Add(d, uint16(linktype.Ethernet), uint16(i))
		}
	}
	for i, lt := range fuzzLinkTypes {
		f.Add([]byte{0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17}, uint16(lt), uint16(i))
	}
	// DECnet (short data header + NSP) and IPX over 802.2.
	eth := []byte{0xaa, 0, 4, 0, 1, 4, 0xaa, 0, 4, 0, 1, 4}
	f.Add(append(append(append([]byte{}, eth...), 0x60, 0x03, 0x12, 0x00, 0x02, 0x01, 0x04, 0x01, 0x04, 0x00), 0x60, 0x04, 0x20, 0x03, 0x20, 0x00, 0x80, 0x01, 0xa0, 0x01, 0x00), uint16(linktype.Ethernet), uint16(1))
	f.Add(append(append(append([]byte{}, eth...), 0x00, 0x30, 0xe0, 0xe0, 0x03, 0xff, 0xff, 0x00, 0x2e), make([]byte, 40)...), uint16(linktype.Ethernet), uint16(0))
	// Juniper and IEEE 802.15.4 frames (a sample of each case).
	for _, c := range allLinkCases()[len(linkCases()):] {
		for j, fr := range c.frames {
			if j%10 == 0 {
				f.Add(fr.Data, uint16(fileDLT(f, c.lt)), uint16(j))
			}
		}
	}
	for i, pkt := range corpusPackets(f) {
		if i%4 == 0 { // a sample: the seeds run in every go test
			f.Add(pkt.Data, uint16(pkt.LinkType), uint16(i))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, lt uint16, flags uint16) {
		o := fuzzOptions(flags)
		// Files can claim any original length, smaller than the capture too
		// (which the printer refuses as tcpdump does).
		wire := len(data)
		switch flags >> 4 & 3 {
		case 1:
			wire = len(data) / 2
		case 2:
			wire = len(data) + int(flags>>6)
		}
		pkt := &Packet{Data: data, Length: wire, LinkType: linktype.Type(lt)}
		// The fastest of a few runs: on a shared machine one run can lose
		// the CPU for longer than the bound.
		fastest := printTimed(t, o, pkt)
		for i := 0; i < 4 && fastest > slowDecode; i++ {
			fastest = min(fastest, printTimed(t, o, pkt))
		}
		if fastest > slowDecode {
			t.Errorf("link type %d, %+v: %v at best to print %d bytes", lt, o, fastest, len(data))
		}
	})
}

// corpusPackets reads the packets of the captures of tcpdump's test suite
// in ../shared/corpus/tcpdump (none when the directory is missing).
func corpusPackets(t testing.TB) []*Packet {
	paths, _ := filepath.Glob("../../../shared/corpus/tcpdump/*.pcap*")
	var pkts []*Packet
	for _, path := range paths {
		ps, err := readCapture(path)
		if err != nil {
			t.Logf("%s: %v", path, err)
		}
		pkts = append(pkts, ps...)
	}
	return pkts
}

// readCapture reads every packet of a pcap or pcapng file (up to a read
// error, which it returns with the packets before it).
func readCapture(path string) ([]*Packet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := pcapng.Open(f)
	if err != nil {
		return nil, err
	}
	var pkts []*Packet
	for {
		p, err := r.ReadPacket()
		if errors.Is(err, io.EOF) {
			return pkts, nil
		}
		if err != nil {
			return pkts, err
		}
		pkts = append(pkts, &Packet{Time: p.Timestamp, Data: bytes.Clone(p.Data), Length: p.WireLength(),
			LinkType: p.LinkType})
	}
}

// TestCorpusPrintTime prints every capture of tcpdump's test suite with
// every option set: none may take more than a second (the printer's work
// is bounded by the bytes it reads; a capture that takes longer holds a
// packet that makes it loop).
func TestCorpusPrintTime(t *testing.T) {
	paths, _ := filepath.Glob("../../../shared/corpus/tcpdump/*.pcap*")
	if len(paths) == 0 {
		t.Skip("no captures in ../shared/corpus/tcpdump")
	}
	for _, path := range paths {
		pkts, err := readCapture(path)
		if err != nil {
			t.Logf("%s: %v (printing the packets before the error)", filepath.Base(path), err)
		}
		for _, o := range fuzzOptionSets {
			o.Numeric = true
			o.Location = time.UTC
			p := New(io.Discard, o)
			start := time.Now()
			for _, pkt := range pkts {
				if err := p.Print(pkt); err != nil {
					t.Fatal(err)
				}
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("%s with %+v: %v to print", filepath.Base(path), o, d)
			}
		}
	}
}
