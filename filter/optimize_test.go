package filter

import (
	"encoding/binary"
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

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
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
		}
		pkts := directedPackets(rng, [][]bpf.RawInstruction{p.unopt, p.lopt, got}, 24)
		for _, pk := range pkts {
			packets++
			want, _, err1 := cbpf.Run(p.unopt, pk.data, &pk.meta)
			lib, libN, err2 := cbpf.Run(p.lopt, pk.data, &pk.meta)
			ours, ourN, err3 := cbpf.Run(got, pk.data, &pk.meta)
			if err1 != nil && err2 != nil && err3 != nil {
				// protochain's loop: a backward jump no kernel runs.
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
	t.Logf("dynamic cost: %d instructions executed, libpcap %d (%.4f×)", ourExec, theirExec, float64(ourExec)/float64(theirExec))

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
			if in.Op&0x07 == classLD && (in.Op&0xe0 == modeABS || in.Op&0xe0 == modeIND) && in.K < 0x10000 {
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
			if s.Op&0x07 == classJMP {
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

type decision struct {
	op    uint16 // jump op (JEQ, JGT, JGE, JSET with K source)
	k     uint32
	taken bool
	from  origin
}

// traceDecisions runs prog over pk like a socket filter, recording the
// comparisons of packet fields it makes.
func traceDecisions(prog []bpf.RawInstruction, pk *testPacket) []decision {
	var (
		a, x uint32
		mem  [scratchSlots]uint32
		ao   origin
		memO [scratchSlots]origin
		out  []decision
		data = pk.data
	)
	load := func(off int, size int) (uint32, bool) {
		if off < 0 || off+size > len(data) {
			return 0, false
		}
		switch size {
		case 1:
			return uint32(data[off]), true
		case 2:
			return uint32(binary.BigEndian.Uint16(data[off:])), true
		}
		return binary.BigEndian.Uint32(data[off:]), true
	}
	sizeOf := map[uint16]int{sizeB: 1, sizeH: 2, sizeW: 4}
	for pc := 0; pc < len(prog); pc++ {
		in := prog[pc]
		switch in.Op & 0x07 {
		case classLD:
			switch in.Op & 0xe0 {
			case modeIMM:
				a, ao = in.K, origin{}
			case modeLEN:
				a, ao = uint32(len(data)), origin{}
			case modeMEM:
				a, ao = mem[in.K&15], memO[in.K&15]
			case modeABS, modeIND:
				off := int(int32(in.K))
				if in.Op&0xe0 == modeIND {
					off = int(int32(x + in.K))
				}
				if in.Op&0xe0 == modeABS && in.K >= skfAdOff {
					anc := int(in.K - skfAdOff)
					a, ao = ancValue(anc, &pk.meta), origin{ok: true, anc: anc, mask: ^uint32(0)}
					break
				}
				v, ok := load(off, sizeOf[in.Op&0x18])
				if !ok {
					// Out of bounds: a decision to lengthen the packet.
					out = append(out, decision{op: 0xffff, from: origin{ok: true, anc: -1, off: off, size: sizeOf[in.Op&0x18]}})
					return out
				}
				a, ao = v, origin{ok: true, anc: -1, off: off, size: sizeOf[in.Op&0x18], mask: ^uint32(0)}
			}
		case classLDX:
			switch in.Op & 0xe0 {
			case modeIMM:
				x = in.K
			case modeLEN:
				x = uint32(len(data))
			case modeMEM:
				x = mem[in.K&15]
			case modeMSH:
				v, ok := load(int(in.K), 1)
				if !ok {
					return out
				}
				x = 4 * (v & 0xf)
			}
		case classST:
			mem[in.K&15], memO[in.K&15] = a, ao
		case classSTX:
			mem[in.K&15], memO[in.K&15] = x, origin{}
		case classALU:
			v := in.K
			if in.Op&srcX != 0 {
				v = x
			}
			switch in.Op & 0xf0 {
			case aluADD:
				a += v
			case aluSUB:
				a -= v
			case aluMUL:
				a *= v
			case aluDIV:
				if v == 0 {
					return out
				}
				a /= v
			case aluMOD:
				if v == 0 {
					return out
				}
				a %= v
			case aluOR:
				a |= v
			case aluAND:
				a &= v
			case aluXOR:
				a ^= v
			case aluLSH:
				a <<= v & 31
			case aluRSH:
				a >>= v & 31
			case aluNEG:
				a = -a
			}
			if in.Op&0xf0 == aluAND && in.Op&srcX == 0 && ao.ok {
				ao.mask &= in.K
			} else {
				ao = origin{}
			}
		case classMISC:
			if in.Op&0xf8 == miscTAX {
				x = a
			} else {
				a, ao = x, origin{}
			}
		case classRET:
			return out
		case classJMP:
			if in.Op == classJMP|jmpJA {
				pc += int(in.K)
				continue
			}
			v := in.K
			if in.Op&srcX != 0 {
				v = x
			}
			var taken bool
			switch in.Op & 0xf0 {
			case jmpJEQ:
				taken = a == v
			case jmpJGT:
				taken = a > v
			case jmpJGE:
				taken = a >= v
			case jmpJSET:
				taken = a&v != 0
			}
			if ao.ok {
				out = append(out, decision{op: in.Op &^ srcX, k: v, taken: taken, from: ao})
			}
			if taken {
				pc += int(in.Jt)
			} else {
				pc += int(in.Jf)
			}
		}
	}
	return out
}

func ancValue(anc int, m *cbpf.Metadata) uint32 {
	switch anc {
	case skfAdProtocol:
		return uint32(m.Protocol)
	case skfAdPktType:
		return uint32(m.PktType)
	case skfAdIfindex:
		return m.IfIndex
	case skfAdVlanTag:
		return uint32(m.VLANTCI)
	case skfAdVlanTagPresent:
		if m.VLANPresent {
			return 1
		}
		return 0
	case skfAdVlanTPID:
		return uint32(m.VLANTPID)
	}
	return 0
}

// flipDecision changes the packet so that decision d goes the other way.
func flipDecision(rng *rand.Rand, pk *testPacket, d decision, truncate bool) bool {
	var v uint32
	switch d.op & 0xf0 {
	case jmpJEQ:
		if d.taken {
			v = d.k ^ lowBit(d.from.mask)
		} else {
			v = d.k
		}
	case jmpJGT:
		if d.taken {
			v = d.k
		} else {
			v = d.k + 1
		}
	case jmpJGE:
		if d.taken {
			v = d.k - 1
		} else {
			v = d.k
		}
	case jmpJSET:
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
	if d.op == 0xffff {
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
		case skfAdProtocol:
			m.Protocol = uint16(v)
		case skfAdPktType:
			m.PktType = uint8(v)
		case skfAdIfindex:
			m.IfIndex = v
		case skfAdVlanTag:
			m.VLANTCI = uint16(v)
		case skfAdVlanTagPresent:
			m.VLANPresent = v != 0
		case skfAdVlanTPID:
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
