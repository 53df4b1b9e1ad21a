package translate

import (
	"encoding/binary"
	"errors"
	"os/exec"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gocap/gocap/linktype"
	"golang.org/x/net/bpf"
)

// Typical capture filters, compiled by gocap's compiler for live Linux
// capture on Ethernet (vlan through ancillary loads, as libpcap does there).
var benchFilters = []string{
	"tcp port 443",
	"host 10.0.0.1 and udp",
	"vlan 10 and ip",
	"ip6 and tcp",
	"port 53",
	"icmp or arp",
	"tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
	"net 192.168.0.0/16 and not port 22",
	"ip6 protochain 17",
}

// benchPackets are typical frames: a TCP SYN to port 443, a DNS query, an
// IPv6 TCP segment and an ARP request.
func benchPackets() [][]byte {
	eth := func(etype uint16) []byte {
		h := []byte{0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0, 0}
		binary.BigEndian.PutUint16(h[12:], etype)
		return h
	}
	ip4 := func(proto byte, src, dst [4]byte, l4 []byte) []byte {
		h := make([]byte, 20)
		h[0], h[8], h[9] = 0x45, 64, proto
		binary.BigEndian.PutUint16(h[2:], uint16(20+len(l4)))
		copy(h[12:], src[:])
		copy(h[16:], dst[:])
		return append(h, l4...)
	}
	tcp := func(sport, dport uint16, flags byte) []byte {
		h := make([]byte, 20)
		binary.BigEndian.PutUint16(h, sport)
		binary.BigEndian.PutUint16(h[2:], dport)
		h[12], h[13] = 0x50, flags
		return h
	}
	udp := func(sport, dport uint16, payload int) []byte {
		h := make([]byte, 8+payload)
		binary.BigEndian.PutUint16(h, sport)
		binary.BigEndian.PutUint16(h[2:], dport)
		binary.BigEndian.PutUint16(h[4:], uint16(8+payload))
		return h
	}
	ip6 := make([]byte, 40)
	ip6[0], ip6[6], ip6[7] = 0x60, 6, 64
	binary.BigEndian.PutUint16(ip6[4:], 20)
	ip6[8], ip6[24] = 0x20, 0x20
	arp := []byte{0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2}
	return [][]byte{
		append(eth(0x0800), ip4(6, [4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}, tcp(40000, 443, 0x02))...),
		append(eth(0x0800), ip4(17, [4]byte{192, 168, 1, 5}, [4]byte{8, 8, 8, 8}, udp(50000, 53, 32))...),
		append(append(eth(0x86dd), ip6...), tcp(40000, 80, 0x10)...),
		append(eth(0x0806), arp...),
	}
}

func compileBench(b *testing.B, expr string) []bpf.RawInstruction {
	b.Helper()
	p, err := filter.Compile(expr, filter.Options{LinkType: linktype.Ethernet, Linux: true})
	if err != nil {
		b.Skipf("%q: compiler: %v", expr, err)
	}
	return p.Raw
}

// BenchmarkFilter measures the run time per packet of translated typical
// filters in the kernel (SCHED_CLS, BPF_PROG_TEST_RUN repeated b.N times
// per packet; Program.Benchmark reports the in-kernel time per run, without
// the syscall). Metrics: ns/pkt averaged over benchPackets, the eBPF and
// classic instruction counts, and classic instructions executed per packet
// (bpf/cbpf's count).
//
//	go test -run '^$' -bench BenchmarkFilter ./bpf/
func BenchmarkFilter(b *testing.B) {
	testenv.RequireBPF(b)
	pkts := benchPackets()
	for _, expr := range benchFilters {
		b.Run(expr, func(b *testing.B) {
			benchProgram(b, compileBench(b, expr), pkts)
		})
	}
}

// BenchmarkFilterVsLibpcap compares gocap's programs with libpcap's for the
// typical filters: both compiled with offline semantics (as tcpdump -d
// prints them, libpcap's from the installed tcpdump -ddd), both translated
// to eBPF and run in the kernel over benchPackets. Per program: ns/pkt,
// classic instructions, and classic instructions executed per packet.
//
//	go test -run '^$' -bench BenchmarkFilterVsLibpcap ./bpf/
func BenchmarkFilterVsLibpcap(b *testing.B) {
	testenv.RequireBPF(b)
	tcpdump := testenv.RequireTool(b, "tcpdump")
	pkts := benchPackets()
	for _, expr := range benchFilters {
		ours, err := filter.Compile(expr, filter.Options{LinkType: linktype.Ethernet})
		if err != nil {
			b.Fatalf("%q: %v", expr, err)
		}
		out, err := exec.Command(tcpdump, "-ddd", "-y", "EN10MB", expr).Output()
		if err != nil {
			b.Fatalf("tcpdump -ddd %q: %v", expr, err)
		}
		theirs, err := cbpf.ParseDecimal(string(out))
		if err != nil {
			b.Fatalf("tcpdump -ddd %q: %v", expr, err)
		}
		for _, c := range []struct {
			name string
			prog []bpf.RawInstruction
		}{{"gocap", ours.Raw}, {"libpcap", theirs}} {
			b.Run(expr+"/"+c.name, func(b *testing.B) {
				benchProgram(b, c.prog, pkts)
			})
		}
	}
}

// benchProgram translates prog for the tc target, runs it b.N times per
// packet in the kernel and reports ns/pkt and the instruction counts.
func benchProgram(b *testing.B, prog []bpf.RawInstruction, pkts [][]byte) {
	insns, err := Program(prog, Options{Target: TC})
	if err != nil {
		b.Fatal(err)
	}
	throttleLoad()
	p, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SchedCLS, Instructions: insns, License: "GPL"})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	executed := 0
	for _, pkt := range pkts {
		meta := testRunMeta(pkt, 0)
		_, n, err := cbpf.Run(prog, pkt, &meta)
		if err != nil {
			n = 0 // cbpf.Run refuses loops (protochain): no count
		}
		executed += n
	}
	b.ResetTimer()
	var total float64
	for _, pkt := range pkts {
		_, d, err := p.Benchmark(pkt, b.N, nil)
		if err != nil {
			b.Fatal(err)
		}
		total += float64(d.Nanoseconds())
	}
	b.ReportMetric(total/float64(len(pkts)), "ns/pkt")
	b.ReportMetric(float64(len(insns)), "ebpf-insns")
	b.ReportMetric(float64(len(prog)), "cbpf-insns")
	b.ReportMetric(float64(executed)/float64(len(pkts)), "cbpf-executed/pkt")
}

// BenchmarkInstructionRatio translates the whole conformance corpus (every
// accept program) for each target; ns/op is the time of one pass, and the
// metrics give the eBPF/classic instruction ratio: of the totals, and the
// mean and maximum per program. No privileges needed.
//
//	go test -run '^$' -bench BenchmarkInstructionRatio ./bpf/
func BenchmarkInstructionRatio(b *testing.B) {
	var progs [][]bpf.RawInstruction
	for _, c := range loadCorpus(b) {
		progs = append(progs, c.prog())
	}
	for _, tg := range []Target{SocketFilter, TC, XDP} {
		b.Run(tg.String(), func(b *testing.B) {
			var classic, translated, n int
			var sum, worst float64
			for i := 0; i < b.N; i++ {
				classic, translated, n, sum, worst = 0, 0, 0, 0, 0
				for _, prog := range progs {
					insns, err := Program(prog, Options{Target: tg})
					if errors.Is(err, ErrUnsupported) {
						continue
					}
					if err != nil {
						b.Fatal(err)
					}
					r := float64(len(insns)) / float64(len(prog))
					classic += len(prog)
					translated += len(insns)
					sum += r
					worst = max(worst, r)
					n++
				}
			}
			b.ReportMetric(float64(translated)/float64(classic), "ebpf/cbpf")
			b.ReportMetric(sum/float64(n), "mean-ebpf/cbpf")
			b.ReportMetric(worst, "max-ebpf/cbpf")
			b.ReportMetric(float64(n), "programs")
		})
	}
}
