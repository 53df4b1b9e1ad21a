package filter

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/conformance"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/packetgen"
	"github.com/gocap/gocap/linktype"
)

var longOptimizeTests = flag.Bool("long", false, "run the optimizer property test for a long time (GOCAP_OPT_LONG=duration also works)")

// optimizeProgram is the path under test: rebuild libpcap's unoptimized
// program as a graph, optimize it, lay it out.
func optimizeProgram(prog []bpf.RawInstruction) ([]bpf.RawInstruction, error) {
	root, err := buildCFG(prog)
	if err != nil {
		return nil, err
	}
	opt, err := optimize(root)
	if err != nil {
		return nil, err
	}
	return linearize(opt)
}

// optPair is one block of the corpus: libpcap's unoptimized and optimized
// programs for the same expression.
type optPair struct {
	name        string
	dlt         string
	unopt, lopt []bpf.RawInstruction
	rejectsAll  bool // libpcap's optimizer rejects it (no optimized case)
}

func loadOptPairs(t testing.TB) []optPair {
	cases := loadAcceptCases(t)
	opt := make(map[string]*conformanceCase)
	for _, c := range cases {
		if c.Optimized {
			opt[c.pairKey()] = c
		}
	}
	var out []optPair
	for _, c := range cases {
		if c.Optimized {
			continue
		}
		p := optPair{name: c.Name, dlt: c.DLT, unopt: c.program(), rejectsAll: c.OptimizerRejects}
		if o := opt[c.pairKey()]; o != nil {
			p.lopt = o.program()
		} else if !c.OptimizerRejects {
			continue
		}
		out = append(out, p)
	}
	return out
}

// optimizeRatchet is the stored baseline for the conformance figures; the
// test fails if a change makes them worse. Regenerate by hand after an
// improvement (the test prints the new figures).
var optimizeRatchet = filepath.Join("testdata", "optimize", "ratchet.txt")

type optRatchet struct {
	notLonger int // cases where ours <= libpcap's
	total     int // our total instruction count
}

func readRatchet(t *testing.T) optRatchet {
	data, err := os.ReadFile(optimizeRatchet)
	if err != nil {
		t.Fatalf("reading ratchet: %v", err)
	}
	var r optRatchet
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		v, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatalf("%s: %q: %v", optimizeRatchet, line, err)
		}
		switch f[0] {
		case "not_longer":
			r.notLonger = v
		case "total":
			r.total = v
		}
	}
	return r
}

// TestOptimizeConformance optimizes libpcap's unoptimized program of every
// accept case and compares the result with libpcap's optimized program:
// length (ours no longer on as many cases as the ratchet says, total no
// larger) and behaviour (identical return value on every packet of a
// generated corpus, for ours against both of libpcap's programs), and
// reports the dynamic cost.
func TestOptimizeConformance(t *testing.T) {
	pairs := loadOptPairs(t)
	var (
		n, notLonger, identical, ourTotal, theirTotal   int
		rejectOK, rejectMissed                          int
		longer                                          []string
		behaviourDiffs                                  int
		packets                                         int
		ourExec, theirExec                              int
		libpcapUnsound, unrunnable, inherited, ourVsLib int
		noOpt, noOptOurs, noOptTheirs                   int
		corpusOurs, corpusTheirs, corpusPkts            int
	)
	rng := newTestRand(1)
	for _, p := range pairs {
		got, err := optimizeProgram(p.unopt)
		if p.rejectsAll {
			if err != nil && errors.Is(err, errRejectsAll) {
				rejectOK++
			} else {
				rejectMissed++
				t.Logf("%s: libpcap's optimizer rejects all packets, ours: %v", p.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		if equalProgs(p.unopt, p.lopt) && hasLocalJumps(p.unopt) {
			// libpcap's no_optimize (protochain, geneve): Compile does
			// not optimize these either.
			noOpt++
			noOptOurs += len(got)
			noOptTheirs += len(p.lopt)
			got = p.unopt
		}
		n++
		ourTotal += len(got)
		theirTotal += len(p.lopt)
		if len(got) <= len(p.lopt) {
			notLonger++
		} else {
			longer = append(longer, fmt.Sprintf("%s %d>%d", p.name, len(got), len(p.lopt)))
		}
		if equalProgs(got, p.lopt) {
			identical++
		} else if testing.Verbose() {
			t.Logf("not identical: %s (%d vs %d)\n ours %v\n libpcap %v", p.name, len(got), len(p.lopt), got, p.lopt)
		}
		pkts := directedPackets(rng, [][]bpf.RawInstruction{p.unopt, p.lopt, got}, 24)
		corpus := corpusPackets(t, p, pairs)
		for i, pk := range corpus {
			_, n1, err1 := cbpf.Run(got, pk.data, &pk.meta)
			_, n2, err2 := cbpf.Run(p.lopt, pk.data, &pk.meta)
			if err1 == nil && err2 == nil && i < corpusFramesForCost {
				corpusOurs += n1
				corpusTheirs += n2
				corpusPkts++
			}
		}
		pkts = append(pkts, corpus...)
		for _, pk := range pkts {
			packets++
			want, _, err1 := cbpf.Run(p.unopt, pk.data, &pk.meta)
			lib, libN, err2 := cbpf.Run(p.lopt, pk.data, &pk.meta)
			ours, ourN, err3 := cbpf.Run(got, pk.data, &pk.meta)
			if err1 != nil && err2 != nil && err3 != nil {
				// protochain's loop (a backward jump no kernel runs) that
				// the directed search made run past the step bound.
				unrunnable++
				break
			}
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("%s: interpreter: %v %v %v", p.name, err1, err2, err3)
			}
			ourExec += ourN
			theirExec += libN
			if lib != want {
				libpcapUnsound++
			}
			if ours != lib {
				ourVsLib++
			}
			if ours != want && ours == lib {
				// libpcap's optimizer does the same (it reorders
				// loads, which matters only for truncated packets).
				inherited++
				if inherited <= 3 {
					t.Logf("%s: packet %x: optimized returns %d, unoptimized %d, as libpcap's optimized program does",
						p.name, pk.data, ours, want)
				}
			} else if ours != want {
				behaviourDiffs++
				if behaviourDiffs <= 10 {
					t.Errorf("%s: packet %x (meta %+v): optimized returns %d, unoptimized %d (libpcap's optimized: %d)",
						p.name, pk.data, pk.meta, ours, want, lib)
				}
			}
		}
	}
	sort.Strings(longer)
	for _, l := range longer {
		t.Logf("longer than libpcap: %s", l)
	}
	t.Logf("optimized cases: %d; ours no longer than libpcap's: %d (%.2f%%); identical: %d",
		n, notLonger, 100*float64(notLonger)/float64(n), identical)
	t.Logf("total instructions: ours %d, libpcap %d (%.4f×)", ourTotal, theirTotal, float64(ourTotal)/float64(theirTotal))
	t.Logf("rejects-all cases: %d detected, %d missed", rejectOK, rejectMissed)
	t.Logf("libpcap does not optimize %d cases (protochain, geneve); optimized anyway they would take %d instructions instead of %d",
		noOpt, noOptOurs, noOptTheirs)
	t.Logf("behaviour: %d packets; differences from the unoptimized program: %d of our own, %d shared with libpcap's optimized program (which differs on %d); ours vs libpcap's optimized: %d",
		packets, behaviourDiffs, inherited, libpcapUnsound, ourVsLib)
	t.Logf("cases not runnable (backward jumps): %d", unrunnable)
	t.Logf("dynamic cost (directed packets): %d instructions executed, libpcap %d (%.4f×)", ourExec, theirExec, float64(ourExec)/float64(theirExec))
	if corpusPkts > 0 {
		t.Logf("dynamic cost (packetgen corpus, %d runs): %.3f instructions per packet, libpcap %.3f (%.4f×)",
			corpusPkts, float64(corpusOurs)/float64(corpusPkts), float64(corpusTheirs)/float64(corpusPkts), float64(corpusOurs)/float64(corpusTheirs))
	}

	r := readRatchet(t)
	if notLonger < r.notLonger {
		t.Errorf("cases no longer than libpcap's fell to %d (ratchet %d)", notLonger, r.notLonger)
	}
	if ourTotal > r.total {
		t.Errorf("total instruction count rose to %d (ratchet %d)", ourTotal, r.total)
	}
	if rejectMissed > 0 {
		t.Errorf("%d rejects-all cases missed", rejectMissed)
	}
}

func newTestRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)) }

// dltNumbers maps the corpus's link type names to DLT values packetgen
// knows.
var dltNumbers = map[string]int{
	"EN10MB": packetgen.DLTEthernet, "LINUX_SLL": packetgen.DLTLinuxSLL, "LINUX_SLL2": packetgen.DLTLinuxSLL2,
	"RAW": packetgen.DLTRaw, "IPV4": packetgen.DLTIPv4, "IPV6": packetgen.DLTIPv6, "NULL": packetgen.DLTNull, "LOOP": packetgen.DLTLoop,
}

// corpusFramesForCost is how many corpus frames per case count in the
// dynamic cost (the shared frames, not those with the case's fields).
const corpusFramesForCost = 200

var corpusCache = map[string][]packetgen.Frame{}

// corpusPackets returns packetgen frames for a case: frames of the case's
// link type built from the constants of every program of that link type,
// then frames carrying the case's own compared fields.
func corpusPackets(t testing.TB, p optPair, all []optPair) []testPacket {
	dlt, ok := dltNumbers[p.dlt]
	if !ok {
		return nil
	}
	frames, ok := corpusCache[p.dlt]
	if !ok {
		var progs [][]bpf.RawInstruction
		for _, q := range all {
			if q.dlt == p.dlt {
				progs = append(progs, q.unopt)
			}
		}
		seeds := packetgen.SeedsFromPrograms(progs)
		seeds.N = 2000
		seeds.Seed = 11
		frames = packetgen.ReencapAll(packetgen.Corpus(seeds), dlt)
		corpusCache[p.dlt] = frames
	}
	var out []testPacket
	for i := 0; i < corpusFramesForCost && i < len(frames); i++ {
		f := frames[(i*7919+len(p.name))%len(frames)]
		out = append(out, testPacket{data: f.Data, meta: f.Meta})
	}
	own := packetgen.SeedsFromPrograms([][]bpf.RawInstruction{p.unopt})
	for _, f := range packetgen.WithFields(frames, own.Fields, 48, uint64(len(p.name))) {
		out = append(out, testPacket{data: f.Data, meta: f.Meta})
	}
	return out
}

// testPacket is a frame and what the kernel knows about it.
type testPacket struct {
	data []byte
	meta cbpf.Metadata
}

// directedPackets generates packets for a set of programs: random frames,
// then, repeatedly, one comparison on the path a program takes is made to
// go the other way by writing the compared constant into the packet (or
// the metadata) — a cheap concolic search that reaches deep paths.
func directedPackets(rng *rand.Rand, progs [][]bpf.RawInstruction, bases int) []testPacket {
	maxOff := 64
	for _, p := range progs {
		for _, in := range p {
			if in.Op&cbpf.ClassMask == cbpf.ClassLD && (in.Op&cbpf.ModeMask == cbpf.ModeABS || in.Op&cbpf.ModeMask == cbpf.ModeIND) && in.K < 0x10000 {
				maxOff = max(maxOff, int(in.K)+4)
			}
		}
	}
	var out []testPacket
	for i := 0; i < bases; i++ {
		p := progs[i%len(progs)]
		size := rng.IntN(maxOff + 64)
		if rng.IntN(4) == 0 {
			size = maxOff + 80
		}
		pk := testPacket{data: make([]byte, size)}
		if rng.IntN(3) != 0 {
			for j := range pk.data {
				pk.data[j] = byte(rng.Uint32())
			}
		}
		if len(pk.data) > 14 && rng.IntN(2) == 0 {
			pk.data[14] = 0x45 // plausible IPv4 header length for ldxb 4*([14]&0xf)
		}
		if len(pk.data) > 0 && rng.IntN(4) == 0 {
			pk.data[0] = 0x45
		}
		pk.meta = cbpf.Metadata{
			VLANPresent: rng.IntN(2) == 0,
			VLANTCI:     uint16(rng.Uint32()),
			VLANTPID:    0x8100,
			PktType:     uint8(rng.IntN(5)),
			IfIndex:     uint32(rng.IntN(4)),
			Protocol:    uint16(rng.Uint32()),
		}
		truncate := rng.IntN(5) == 0
		for iter := 0; iter < 8; iter++ {
			out = append(out, clonePacket(pk))
			ds := traceDecisions(p, &pk)
			if len(ds) == 0 {
				break
			}
			d := ds[rng.IntN(len(ds))]
			if !flipDecision(rng, &pk, d, truncate) {
				continue
			}
			p = progs[rng.IntN(len(progs))]
		}
		out = append(out, clonePacket(pk))
	}
	return out
}

// hasLocalJumps reports whether a program has jumps inside libpcap blocks.
func hasLocalJumps(prog []bpf.RawInstruction) bool {
	root, err := buildCFG(prog)
	if err != nil {
		return false
	}
	blocks, err := postorder(root)
	if err != nil {
		return false
	}
	for _, b := range blocks {
		for _, s := range b.Stmts {
			if s.Op&cbpf.ClassMask == cbpf.ClassJMP {
				return true
			}
		}
	}
	return false
}

func clonePacket(p testPacket) testPacket {
	p.data = append([]byte(nil), p.data...)
	return p
}

// origin is where the accumulator's value came from: size bytes at off in
// the packet (masked), or an ancillary field.
type origin struct {
	ok   bool
	anc  int // -1 for packet data, else the SKF_AD_* offset
	off  int
	size int
	mask uint32
}

// Pseudo-decisions: a load past the end of the packet (which a longer
// packet would satisfy), and any other run-time abort (division by zero).
const (
	opGrow  = 0xffff
	opAbort = 0xfffe
)

// aborts reports whether prog ends early on pk (a load out of bounds, a
// division by zero): the optimizer, like libpcap's, may remove or reorder
// such loads, so results on these packets are compared separately.
func aborts(prog []bpf.RawInstruction, pk *testPacket) bool {
	r, err := cbpf.Execute(prog, pk.data, cbpf.RunOptions{Meta: &pk.meta})
	return err != nil || r.Aborted
}

type decision struct {
	op    uint16 // jump op (JEQ, JGT, JGE, JSET with K source)
	k     uint32
	taken bool
	from  origin
}

// traceDecisions runs prog over pk like a socket filter, recording the
// comparisons of packet fields it makes. It follows where A's value came
// from (a packet field or ancillary value, maybe masked) along the
// interpreter's trace.
func traceDecisions(prog []bpf.RawInstruction, pk *testPacket) []decision {
	var (
		ao   origin
		memO [cbpf.MemWords]origin
		out  []decision
	)
	size := map[uint16]int{cbpf.SizeB: 1, cbpf.SizeH: 2, cbpf.SizeW: 4}
	trace := func(st cbpf.Step) {
		in := st.Ins
		switch in.Op & cbpf.ClassMask {
		case cbpf.ClassLD:
			switch in.Op & cbpf.ModeMask {
			case cbpf.ModeIMM, cbpf.ModeLEN:
				ao = origin{}
			case cbpf.ModeMEM:
				ao = memO[in.K&15]
			case cbpf.ModeABS, cbpf.ModeIND:
				off := in.K
				if in.Op&cbpf.ModeMask == cbpf.ModeIND {
					off = st.X + in.K
				}
				if anc, ok := cbpf.Ancillary(in.K); ok && in.Op&cbpf.ModeMask == cbpf.ModeABS {
					ao = origin{ok: true, anc: int(anc), mask: ^uint32(0)}
					break
				}
				from := origin{ok: int32(off) >= 0, anc: -1, off: int(int32(off)), size: size[in.Op&cbpf.SizeMask], mask: ^uint32(0)}
				if st.End {
					// Out of bounds: a decision to lengthen the packet.
					out = append(out, decision{op: opGrow, from: from})
				}
				ao = from
			}
		case cbpf.ClassLDX:
			if st.End {
				out = append(out, decision{op: opAbort})
			}
		case cbpf.ClassST:
			memO[in.K&15] = ao
		case cbpf.ClassSTX:
			memO[in.K&15] = origin{}
		case cbpf.ClassALU:
			if st.End {
				out = append(out, decision{op: opAbort})
			}
			if in.Op&cbpf.OpMask == cbpf.AND && in.Op&cbpf.SrcX == 0 && ao.ok {
				ao.mask &= in.K
			} else {
				ao = origin{}
			}
		case cbpf.ClassMISC:
			if in.Op == cbpf.ClassMISC|cbpf.TXA {
				ao = origin{}
			}
		case cbpf.ClassJMP:
			if in.Op == cbpf.ClassJMP|cbpf.JA || !ao.ok {
				break
			}
			v := in.K
			if in.Op&cbpf.SrcX != 0 {
				v = st.X
			}
			out = append(out, decision{op: in.Op &^ cbpf.SrcX, k: v, taken: st.Taken, from: ao})
		}
	}
	_, _ = cbpf.Execute(prog, pk.data, cbpf.RunOptions{Meta: &pk.meta, Trace: trace}) // an error ends the trace too
	return out
}

// flipDecision changes the packet so that decision d goes the other way.
func flipDecision(rng *rand.Rand, pk *testPacket, d decision, truncate bool) bool {
	var v uint32
	switch d.op & cbpf.OpMask {
	case cbpf.JEQ:
		if d.taken {
			v = d.k ^ lowBit(d.from.mask)
		} else {
			v = d.k
		}
	case cbpf.JGT:
		if d.taken {
			v = d.k
		} else {
			v = d.k + 1
		}
	case cbpf.JGE:
		if d.taken {
			v = d.k - 1
		} else {
			v = d.k
		}
	case cbpf.JSET:
		if d.taken {
			v = 0
		} else {
			v = d.k & d.from.mask
			if v == 0 {
				v = d.k
			}
			if rng.IntN(2) == 0 {
				v = lowBit(v)
			}
		}
	}
	if d.op == opAbort {
		return false
	}
	if d.op == opGrow {
		// Lengthen the packet so that the load succeeds.
		if truncate {
			return false
		}
		need := d.from.off + d.from.size
		if need <= len(pk.data) || need > 1<<16 || d.from.off < 0 {
			return false
		}
		grown := make([]byte, need+rng.IntN(32))
		copy(grown, pk.data)
		for i := len(pk.data); i < len(grown); i++ {
			grown[i] = byte(rng.Uint32())
		}
		pk.data = grown
		return true
	}
	if d.from.anc >= 0 {
		m := &pk.meta
		switch d.from.anc {
		case cbpf.SKFAdProtocol:
			m.Protocol = uint16(v)
		case cbpf.SKFAdPktType:
			m.PktType = uint8(v)
		case cbpf.SKFAdIfIndex:
			m.IfIndex = v
		case cbpf.SKFAdVLANTag:
			m.VLANTCI = uint16(v)
		case cbpf.SKFAdVLANTagPresent:
			m.VLANPresent = v != 0
		case cbpf.SKFAdVLANTPID:
			m.VLANTPID = uint16(v)
		default:
			return false
		}
		return true
	}
	off, size := d.from.off, d.from.size
	if off < 0 || off+size > len(pk.data) {
		return false
	}
	var old uint32
	switch size {
	case 1:
		old = uint32(pk.data[off])
	case 2:
		old = uint32(binary.BigEndian.Uint16(pk.data[off:]))
	default:
		old = binary.BigEndian.Uint32(pk.data[off:])
	}
	nv := old&^d.from.mask | v&d.from.mask
	switch size {
	case 1:
		pk.data[off] = byte(nv)
	case 2:
		binary.BigEndian.PutUint16(pk.data[off:], uint16(nv))
	default:
		binary.BigEndian.PutUint32(pk.data[off:], nv)
	}
	return true
}

func lowBit(m uint32) uint32 {
	if m == 0 {
		return 1
	}
	return m & -m
}

// propertyBudget is how long TestOptimizeProperty runs: a few seconds
// normally, longer by hand with -long (10 minutes) or GOCAP_OPT_LONG=<duration>.
func propertyBudget(t *testing.T) time.Duration {
	if v := os.Getenv("GOCAP_OPT_LONG"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("GOCAP_OPT_LONG: %v", err)
		}
		return d
	}
	if *longOptimizeTests {
		return 10 * time.Minute
	}
	if testing.Short() {
		return time.Second
	}
	return 4 * time.Second
}

// propStats counts what the property test saw.
type propStats struct {
	programs, skipped, rejectsAll, packets, aborted, diffs int
	unoptLen, optLen                                       int
}

// checkEquivalent runs both programs over packets generated for them and
// reports packets where they disagree. Packets on which the unoptimized
// program aborts (a load past the end, a division by zero) are only counted:
// libpcap's optimizer, which ours reproduces, may drop or reorder such
// loads.
func checkEquivalent(t *testing.T, st *propStats, rng *rand.Rand, what string, unopt, opt []bpf.RawInstruction) {
	t.Helper()
	for _, pk := range directedPackets(rng, [][]bpf.RawInstruction{unopt, opt}, 16) {
		st.packets++
		want, _, err1 := cbpf.Run(unopt, pk.data, &pk.meta)
		got, _, err2 := cbpf.Run(opt, pk.data, &pk.meta)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: interpreter: %v, %v\nunopt %v\nopt %v", what, err1, err2, unopt, opt)
		}
		if want == got {
			continue
		}
		if aborts(unopt, &pk) {
			st.aborted++
			continue
		}
		st.diffs++
		if st.diffs <= 5 {
			t.Errorf("%s: packet %x (meta %+v): optimized returns %d, unoptimized %d\nunoptimized: %v\noptimized:   %v",
				what, pk.data, pk.meta, got, want, unopt, opt)
		}
	}
}

// checkRejectsAll verifies a "rejects all packets" verdict on packets.
func checkRejectsAll(t *testing.T, st *propStats, rng *rand.Rand, what string, unopt []bpf.RawInstruction) {
	t.Helper()
	st.rejectsAll++
	for _, pk := range directedPackets(rng, [][]bpf.RawInstruction{unopt}, 16) {
		st.packets++
		if r, _, _ := cbpf.Run(unopt, pk.data, &pk.meta); r != 0 {
			st.diffs++
			t.Errorf("%s: optimizer says it rejects all packets, but packet %x gets %d", what, pk.data, r)
			return
		}
	}
}

// TestOptimizeProperty checks optimized against unoptimized programs on
// generated packets, for random filter expressions (through Compile) and
// for random control-flow graphs (shapes and statement mixes the code
// generator never makes: scratch memory, arithmetic, register transfers).
func TestOptimizeProperty(t *testing.T) {
	budget := propertyBudget(t)
	deadline := time.Now().Add(budget)
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("GOCAP_OPT_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("GOCAP_OPT_SEED: %v", err)
		}
	}
	t.Logf("seed %d (replay with GOCAP_OPT_SEED)", seed)
	rng := newTestRand(seed)
	var ex, gr propStats
	for i := 0; time.Now().Before(deadline); i++ {
		// Random expressions.
		expr := randomExpr(rng, 4)
		lt := []linktype.Type{linktype.Ethernet, linktype.Ethernet, linktype.Raw, linktype.LinuxSLL}[rng.IntN(4)]
		unopt, err := Compile(expr, Options{LinkType: lt, NoOptimize: true})
		if err != nil {
			ex.skipped++
		} else {
			ex.programs++
			opt, err := Compile(expr, Options{LinkType: lt})
			switch {
			case err != nil && strings.Contains(err.Error(), "rejects all packets"):
				checkRejectsAll(t, &ex, rng, expr, unopt.Raw)
			case err != nil:
				t.Errorf("%q: optimized compile fails: %v (unoptimized compiles)", expr, err)
			default:
				ex.unoptLen += unopt.Len()
				ex.optLen += opt.Len()
				checkEquivalent(t, &ex, rng, fmt.Sprintf("%q (%v)", expr, lt), unopt.Raw, opt.Raw)
			}
		}
		// Random graphs.
		root := randomCFG(rng)
		unoptRaw, err := linearize(root)
		if err != nil {
			t.Fatalf("linearize of a random graph: %v", err)
		}
		optRoot, err := optimize(root)
		switch {
		case errors.Is(err, errRejectsAll):
			gr.programs++
			checkRejectsAll(t, &gr, rng, "random graph", unoptRaw)
		case err != nil:
			gr.skipped++ // division or modulus by zero, shift too far: libpcap's errors
		default:
			gr.programs++
			optRaw, err := linearize(optRoot)
			if err != nil {
				t.Fatalf("linearize of an optimized random graph: %v", err)
			}
			again, err := linearize(root)
			if err != nil || !equalProgs(again, unoptRaw) {
				t.Fatalf("optimize modified its input graph")
			}
			gr.unoptLen += len(unoptRaw)
			gr.optLen += len(optRaw)
			checkEquivalent(t, &gr, rng, "random graph", unoptRaw, optRaw)
		}
		if t.Failed() {
			break
		}
	}
	for _, r := range []struct {
		name string
		st   propStats
	}{{"expressions", ex}, {"random graphs", gr}} {
		t.Logf("%s: %d programs (%d skipped: invalid), %d rejecting all, %d packets, %d differences, %d packets where the unoptimized program aborts differ (allowed); %d → %d instructions",
			r.name, r.st.programs, r.st.skipped, r.st.rejectsAll, r.st.packets, r.st.diffs, r.st.aborted, r.st.unoptLen, r.st.optLen)
	}
	t.Logf("ran for %v", budget)
}

// randomExpr returns a random filter expression: and/or/not trees over
// primitives whose constants come from small pools, so that terms overlap
// the way the optimizer likes (and hates).
func randomExpr(rng *rand.Rand, depth int) string {
	if depth == 0 || rng.IntN(10) < 3 {
		return randomPrimitive(rng)
	}
	switch rng.IntN(10) {
	case 0, 1:
		return "not " + randomExprParen(rng, depth-1)
	case 2:
		return "(" + randomExpr(rng, depth-1) + ")"
	case 3, 4, 5:
		return randomExprParen(rng, depth-1) + " and " + randomExprParen(rng, depth-1)
	default:
		return randomExprParen(rng, depth-1) + " or " + randomExprParen(rng, depth-1)
	}
}

func randomExprParen(rng *rand.Rand, depth int) string {
	e := randomExpr(rng, depth)
	if strings.Contains(e, " ") && rng.IntN(3) != 0 {
		return "(" + e + ")"
	}
	return e
}

func optPick(rng *rand.Rand, xs ...string) string { return xs[rng.IntN(len(xs))] }

func randomPrimitive(rng *rand.Rand) string {
	port := func() string { return optPick(rng, "22", "53", "80", "443", "8080", "1") }
	host := func() string { return optPick(rng, "10.0.0.1", "10.0.0.2", "192.168.1.1", "10.1.2.3") }
	num := func() string { return optPick(rng, "0", "1", "2", "5", "6", "17", "20", "64", "100", "255", "0x800") }
	dir := func() string { return optPick(rng, "", "src ", "dst ", "src or dst ", "src and dst ") }
	switch rng.IntN(22) {
	case 0:
		return optPick(rng, "tcp", "udp", "icmp", "ip", "ip6", "arp", "rarp", "sctp", "icmp6", "igmp", "vrrp", "pim", "ah", "esp")
	case 1:
		return dir() + "port " + port()
	case 2:
		return optPick(rng, "tcp ", "udp ", "sctp ", "") + dir() + "port " + port()
	case 3:
		return dir() + "portrange " + port() + "-" + optPick(rng, "1024", "65535", "100")
	case 4:
		return dir() + "host " + host()
	case 5:
		return dir() + "net " + optPick(rng, "10.0.0.0/8", "10.0.0.0/24", "192.168.0.0/16", "10.1", "0.0.0.0/0")
	case 6:
		return optPick(rng, "ip6 host ::1", "ip6 net 2001:db8::/32", "host fe80::1", "ip6 src net fe80::/10")
	case 7:
		return optPick(rng, "ether host 00:11:22:33:44:55", "ether src ff:ff:ff:ff:ff:ff", "ether broadcast", "ether multicast", "ip multicast", "ip6 multicast")
	case 8:
		return optPick(rng, "ip proto ", "ip6 proto ", "proto ") + optPick(rng, "6", "17", "1", "58", "tcp", "udp")
	case 9:
		return optPick(rng, "less ", "greater ", "len > ", "len = ", "len <= ") + num()
	case 10:
		return optPick(rng, "tcp[13] & 2 != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn", "ip[0] & 0xf > 5",
			"icmp[icmptype] == icmp-echo", "ip[2:2] - 20 > 100", "udp[8:2] * 2 + 1 < 500", "ip[6:2] & 0x1fff == 0")
	case 11:
		return optPick(rng, "(ip[0] + ip[1]) % 3 = 1", "ether[12:2] >> 4 = 0x80", "-ip[1] < 5", "ip[1] ^ 3 = 1",
			"ip[9] / 2 = 3", "len - 14 >= 40", "ip[0] | 1 = 0x45", "tcp[0:2] = tcp[2:2]", "ip[8] * ip[9] > 100")
	case 12:
		return optPick(rng, "ip[", "tcp[", "udp[", "ether[", "icmp[", "ip6[") + num() + optPick(rng, "", ":2", ":4", ":1") + "] " +
			optPick(rng, "=", "!=", ">", "<", ">=", "<=") + " " + num()
	case 13:
		return optPick(rng, "vlan", "vlan 10", "vlan 20", "mpls", "mpls 100", "pppoes", "pppoes 5", "pppoed")
	case 14:
		return optPick(rng, "vxlan", "geneve", "vxlan 5", "geneve 7")
	case 15:
		return "ether proto " + optPick(rng, "0x800", "0x86dd", "0x806", "\\ip", "\\arp")
	case 16:
		return optPick(rng, "ip broadcast", "gateway 10.0.0.1", "ip protochain 6", "llc", "stp", "ipx", "iso", "decnet", "atalk")
	case 17:
		return optPick(rng, "icmp6[icmp6type] == icmp6-echo", "icmp[0] = 8", "tcp[tcpflags] & tcp-fin != 0")
	case 18:
		return optPick(rng, "tcp ", "udp ") + optPick(rng, "src ", "dst ") + "port " + port() + " or " + port()
	case 19:
		return "host " + host() + " and not " + host()
	case 20:
		return optPick(rng, "1 = 1", "0 = 1", "len = len", "2 > 1")
	default:
		return num() + " " + optPick(rng, "=", ">", "&") + " " + num()
	}
}

// randomCFG builds a random valid graph: up to a dozen branch blocks over a
// mix of loads, stores, arithmetic and register transfers, sharing
// successors, ending in a few returns (including "ret a").
func randomCFG(rng *rand.Rand) *block {
	consts := []uint32{0, 1, 2, 4, 6, 17, 0x45, 0x800, 0xff, 0xffffffff}
	c := func() uint32 { return consts[rng.IntN(len(consts))] }
	rets := []*block{
		{ID: 100, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetK, K: 0}},
		{ID: 101, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetK, K: 262144}},
		{ID: 102, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetK, K: 1}},
		{ID: 103, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetA}},
	}
	n := 1 + rng.IntN(12)
	blocks := make([]*block, n)
	succ := func(i int) *block {
		// Any later block or a return.
		if i+1 < n && rng.IntN(3) != 0 {
			return blocks[i+1+rng.IntN(n-i-1)]
		}
		return rets[rng.IntN(len(rets))]
	}
	for i := n - 1; i >= 0; i-- {
		b := &block{ID: i}
		for j := rng.IntN(6); j > 0; j-- {
			b.Stmts = append(b.Stmts, randomStmt(rng, c))
		}
		ops := []uint16{cbpf.JEQ, cbpf.JEQ, cbpf.JGT, cbpf.JGE, cbpf.JSET}
		b.Cond = stmt{Op: cbpf.ClassJMP | ops[rng.IntN(len(ops))], K: c()}
		if rng.IntN(6) == 0 {
			b.Cond.Op |= cbpf.SrcX
		}
		b.True, b.False = succ(i), succ(i)
		blocks[i] = b
	}
	return blocks[0]
}

func randomStmt(rng *rand.Rand, c func() uint32) stmt {
	sizes := []uint16{cbpf.SizeB, cbpf.SizeH, cbpf.SizeW}
	switch rng.IntN(16) {
	case 0, 1:
		return stmt{Op: cbpf.ClassLD | cbpf.ModeABS | sizes[rng.IntN(3)], K: uint32(rng.IntN(40))}
	case 2:
		return stmt{Op: cbpf.ClassLD | cbpf.ModeIND | sizes[rng.IntN(3)], K: uint32(rng.IntN(24))}
	case 3:
		return stmt{Op: cbpf.ClassLDX | cbpf.ModeMSH | cbpf.SizeB, K: []uint32{0, 14}[rng.IntN(2)]}
	case 4:
		return stmt{Op: cbpf.ClassLD | cbpf.ModeIMM, K: c()}
	case 5:
		return stmt{Op: cbpf.ClassLDX | cbpf.ModeIMM, K: c() & 31}
	case 6:
		return stmt{Op: cbpf.ClassLD | cbpf.ModeMEM, K: uint32(rng.IntN(3))}
	case 7:
		return stmt{Op: cbpf.ClassLDX | cbpf.ModeMEM, K: uint32(rng.IntN(3))}
	case 8:
		return stmt{Op: cbpf.ClassST, K: uint32(rng.IntN(3))}
	case 9:
		return stmt{Op: cbpf.ClassSTX, K: uint32(rng.IntN(3))}
	case 10, 11:
		ops := []uint16{cbpf.ADD, cbpf.SUB, cbpf.MUL, cbpf.AND, cbpf.OR, cbpf.XOR, cbpf.DIV, cbpf.MOD, cbpf.LSH, cbpf.RSH}
		op := ops[rng.IntN(len(ops))]
		k := c()
		switch op {
		case cbpf.DIV, cbpf.MOD:
			if k == 0 {
				k = 3
			}
		case cbpf.LSH, cbpf.RSH:
			k &= 31
		}
		return stmt{Op: cbpf.ClassALU | op, K: k}
	case 12:
		ops := []uint16{cbpf.ADD, cbpf.SUB, cbpf.MUL, cbpf.AND, cbpf.OR, cbpf.XOR, cbpf.DIV, cbpf.MOD}
		return stmt{Op: cbpf.ClassALU | ops[rng.IntN(len(ops))] | cbpf.SrcX}
	case 13:
		return stmt{Op: cbpf.ClassMISC | cbpf.TAX}
	case 14:
		return stmt{Op: cbpf.ClassMISC | cbpf.TXA}
	default:
		if rng.IntN(2) == 0 {
			return stmt{Op: cbpf.ClassALU | cbpf.NEG}
		}
		return stmt{Op: cbpf.ClassLD | cbpf.ModeLEN}
	}
}

// TestOptimizeCases covers rules on small graphs: each graph is optimized,
// the result compared with the expected program and, on packets, with the
// input.
func TestOptimizeCases(t *testing.T) {
	ret := func(id int, k uint32) *block { return &block{ID: id, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetK, K: k}} }
	retAcc := &block{ID: 90, Cond: stmt{Op: cbpf.ClassRET | cbpf.RetA}}
	ldb := func(k uint32) stmt { return stmt{Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: k} }
	jeq := func(k uint32) stmt { return stmt{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, K: k} }
	tests := []struct {
		name    string
		root    *block
		want    []bpf.RawInstruction // nil: only check behaviour
		wantErr error
	}{
		{
			// Both branches to "ret a": the loads that compute A stay.
			name: "ret a keeps its statements",
			root: &block{ID: 0, Stmts: []stmt{ldb(3)}, Cond: jeq(1), True: retAcc, False: retAcc},
			want: []bpf.RawInstruction{{Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: 3}, {Op: cbpf.ClassRET | cbpf.RetA}},
		},
		{
			// The same test twice: the second is decided by the first.
			name: "repeated test",
			root: &block{ID: 0, Stmts: []stmt{ldb(3)}, Cond: jeq(1),
				True:  &block{ID: 1, Stmts: []stmt{ldb(3)}, Cond: jeq(1), True: ret(2, 1), False: ret(3, 0)},
				False: ret(3, 0)},
			want: []bpf.RawInstruction{{Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: 3}, {Op: cbpf.ClassJMP | cbpf.JEQ, K: 1, Jf: 1}, {Op: cbpf.ClassRET, K: 1}, {Op: cbpf.ClassRET}},
		},
		{
			name: "contradiction rejects all",
			root: &block{ID: 0, Stmts: []stmt{ldb(3)}, Cond: jeq(1),
				True:  &block{ID: 1, Stmts: []stmt{ldb(3)}, Cond: jeq(2), True: ret(2, 1), False: ret(3, 0)},
				False: ret(4, 0)},
			wantErr: errRejectsAll,
		},
		{
			// A block with block-local jumps (as the Linux vlan test has)
			// is kept as it is.
			name: "block-local jumps are opaque",
			root: &block{ID: 0, Stmts: []stmt{
				ldb(0),
				{Op: cbpf.ClassJMP | cbpf.JEQ, K: 1, JT: 0, JF: 2},
				ldb(1),
				{Op: cbpf.ClassJMP | cbpf.JA, K: 1},
				ldb(2),
			}, Cond: jeq(7), True: ret(1, 1), False: ret(2, 0)},
			want: []bpf.RawInstruction{
				{Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: 0}, {Op: cbpf.ClassJMP | cbpf.JEQ, K: 1, Jf: 2}, {Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: 1},
				{Op: cbpf.ClassJMP | cbpf.JA, K: 1}, {Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: 2}, {Op: cbpf.ClassJMP | cbpf.JEQ, K: 7, Jf: 1},
				{Op: cbpf.ClassRET, K: 1}, {Op: cbpf.ClassRET},
			},
		},
		{
			// libpcap takes "jset #0xffffffff" as always true; it is not
			// when A is 0.
			name: "jset all ones is a real test",
			root: &block{ID: 0, Stmts: []stmt{ldb(0), {Op: cbpf.ClassALU | cbpf.AND, K: 0xffffffff}}, Cond: jeq(0), True: ret(1, 1), False: ret(2, 0)},
			want: []bpf.RawInstruction{{Op: cbpf.ClassLD | cbpf.ModeABS | cbpf.SizeB, K: 0}, {Op: cbpf.ClassJMP | cbpf.JSET, K: 0xffffffff, Jf: 1}, {Op: cbpf.ClassRET}, {Op: cbpf.ClassRET, K: 1}},
		},
	}
	rng := newTestRand(3)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := linearize(tt.root)
			if err != nil {
				t.Fatal(err)
			}
			out, err := optimize(tt.root)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := linearize(out)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != nil && !equalProgs(got, tt.want) {
				t.Errorf("got  %v\nwant %v\n%s", got, tt.want, dumpCFG(out))
			}
			var st propStats
			checkEquivalent(t, &st, rng, tt.name, in, got)
		})
	}
}

// FuzzOptimizeProgram feeds arbitrary classic BPF programs (8 bytes per
// instruction, struct sock_filter's layout in little endian) through
// buildCFG, linearize and optimize: no panic, no hang, and where a program
// is accepted, the rebuilt and the optimized programs agree with it on
// generated packets.
func FuzzOptimizeProgram(f *testing.F) {
	enc := func(prog []bpf.RawInstruction) []byte {
		var out []byte
		for _, in := range prog {
			out = binary.LittleEndian.AppendUint16(out, in.Op)
			out = append(out, in.Jt, in.Jf)
			out = binary.LittleEndian.AppendUint32(out, in.K)
		}
		return out
	}
	if cases, err := loadAcceptCasesFile(); err == nil {
		for i, c := range cases {
			if i%40 == 0 {
				f.Add(enc(c.program()))
			}
		}
	}
	rng := newTestRand(5)
	for i := 0; i < 20; i++ {
		if p, err := linearize(randomCFG(rng)); err == nil {
			f.Add(enc(p))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var prog []bpf.RawInstruction
		for len(data) >= 8 && len(prog) < 512 {
			prog = append(prog, bpf.RawInstruction{
				Op: binary.LittleEndian.Uint16(data), Jt: data[2], Jf: data[3], K: binary.LittleEndian.Uint32(data[4:]),
			})
			data = data[8:]
		}
		root, err := buildCFG(prog)
		if err != nil {
			return
		}
		rebuilt, err := linearize(root)
		if err != nil {
			return // copies of shared code can exceed the limit
		}
		rng := newTestRand(uint64(len(prog)))
		pkts := directedPackets(rng, [][]bpf.RawInstruction{prog}, 6)
		for _, pk := range pkts {
			want, _, err1 := cbpf.Run(prog, pk.data, &pk.meta)
			got, _, err2 := cbpf.Run(rebuilt, pk.data, &pk.meta)
			if err1 != nil {
				return // not runnable (backward jump, ...)
			}
			if err2 != nil || got != want {
				t.Fatalf("rebuilt program differs on %x: %d (%v), original %d\noriginal %v\nrebuilt  %v", pk.data, got, err2, want, prog, rebuilt)
			}
		}
		opt, err := optimize(root)
		if err != nil {
			if errors.Is(err, errRejectsAll) {
				for _, pk := range pkts {
					if r, _, _ := cbpf.Run(prog, pk.data, &pk.meta); r != 0 && !aborts(prog, &pk) {
						t.Fatalf("rejects-all verdict, but %x gets %d\n%v", pk.data, r, prog)
					}
				}
			}
			return
		}
		optRaw, err := linearize(opt)
		if err != nil {
			t.Fatalf("linearize after optimize: %v", err)
		}
		for _, pk := range pkts {
			want, _, _ := cbpf.Run(prog, pk.data, &pk.meta)
			got, _, err := cbpf.Run(optRaw, pk.data, &pk.meta)
			if err != nil || (got != want && !aborts(prog, &pk)) {
				t.Fatalf("optimized program differs on %x: %d (%v), original %d\noriginal  %v\noptimized %v", pk.data, got, err, want, prog, optRaw)
			}
		}
	})
}

// loadAcceptCasesFile reads the accept cases without a testing.TB (for fuzz
// seeds), returning an error when the corpus is not there.
func loadAcceptCasesFile() ([]*conformanceCase, error) {
	cases, err := conformance.ReadCases(conformance.FilterTests, func(c *conformanceCase) bool { return c.Kind == "accept" })
	out := make([]*conformanceCase, len(cases))
	for i := range cases {
		out[i] = &cases[i]
	}
	return out, err
}

// TestOptimizeRegressions replays programs and packets on which the
// optimizer once changed the result (testdata/optimize/regress_*.txt: a
// "program [{op jt jf k} ...]" line and "packet <hex>" lines).
func TestOptimizeRegressions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "optimize", "regress_*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no regression files: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var prog []bpf.RawInstruction
		var pkts [][]byte
		for _, line := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasPrefix(line, "program "):
				for _, f := range strings.Split(line[len("program "):], "} {") {
					var in bpf.RawInstruction
					if _, err := fmt.Sscanf(strings.Trim(f, "[]{} "), "%d %d %d %d", &in.Op, &in.Jt, &in.Jf, &in.K); err != nil {
						t.Fatalf("%s: %q: %v", file, f, err)
					}
					prog = append(prog, in)
				}
			case strings.HasPrefix(line, "packet "):
				p, err := hex.DecodeString(strings.TrimSpace(line[len("packet "):]))
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				pkts = append(pkts, p)
			}
		}
		got, err := optimizeProgram(prog)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, p := range pkts {
			want, _, _ := cbpf.Run(prog, p, nil)
			if r, _, _ := cbpf.Run(got, p, nil); r != want {
				t.Errorf("%s: optimized program returns %d, unoptimized %d", file, r, want)
			}
		}
	}
}
