package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"syscall"
	"time"

	"github.com/gopacket/gopacket/pcapgo"
)

// Result holds one tool's figures, each the median over the runs.
type Result struct {
	Tool              string
	Error             string  `json:",omitempty"`
	Sent              int     // frames sent in the unpaced run
	Captured          int     // frames in the output file
	KernelDrops       int     // as the tool reported
	LostBeforeCapture int     // dropped by the kernel before any capture socket (veth, backlog)
	SendRate          float64 // frames/s the generator reached unpaced
	CPUSecPerMpkt     float64 // user+system CPU seconds of the tool per million frames captured
	PeakRSSMiB        float64
	LossFreeUnpaced   bool    // nothing lost at the generator's full rate, every round
	ZeroLossRate      float64 // highest rate (frames/s, as reached) with nothing lost, CPU-limited tool
	ZeroLossCapped    bool    // the machine, not the tool, ended the sweep: a lower bound
	StartupMS         float64
	FirstPacketMS     float64
	FixedCPUms        float64 // CPU of a run without traffic: start, settle, exit (-fixed)
	// Per round, in order: CPU s per million frames, zero-loss rate.
	CPURounds      []float64
	ZeroLossRounds []float64
	// Per round with -fixed: the fixed cost (ms), and CPU s per million
	// frames beyond it (the unpaced run's CPU less that round's fixed cost).
	FixedRounds    []float64
	MarginalRounds []float64
}

type run1 struct {
	sent, captured, drops, lostBefore int
	rate, cpuPerM, rssMiB             float64
	cpu                               time.Duration
}

// runAll measures every tool c.runs times, in rounds: each round measures
// every tool once, so that a change in the machine's state affects all
// tools alike, and each round starts one tool further down the list, so
// that no tool is always the one to run first (the first runs of a mix
// have cost up to a third more CPU per packet than its later rounds, for
// reasons of the machine's: BENCHMARKS.md, "Figures move between runs").
func runAll(e *env, c config, mix string) ([]Result, error) {
	all := knownTools(c.gocap)
	addFanoutTools(all, c)
	overhead := netnsExecOverhead()
	type acc struct {
		runs   []run1
		zl     []float64
		st, fp []float64
		fixed  []float64 // ms
		marg   []float64 // s per Mpkt
		capped bool
		err    string
	}
	accs := make([]acc, len(c.tools))
	for _, name := range c.tools {
		if _, ok := all[name]; !ok {
			return nil, fmt.Errorf("unknown tool %q", name)
		}
	}
	for i := 0; i < c.runs; i++ {
		for j := range c.tools {
			k := (i + j) % len(c.tools)
			name := c.tools[k]
			t, a := all[name], &accs[k]
			if a.err != "" {
				continue
			}
			if err := available(t); err != nil {
				a.err = "not available: " + err.Error()
				continue
			}
			m, err := throughput(e, t, c, c.gen, mix, c.packets, 0, i, quota{})
			if err != nil {
				a.err = err.Error()
				continue
			}
			a.runs = append(a.runs, m)
			var z float64
			var capped bool
			// The text rows are there for their CPU per packet (issue 12's
			// goal 3): no sweep, which would take as long as a file row's.
			if c.sweep && !t.text {
				z, capped, err = sweep(e, t, c, mix, i)
				if err != nil {
					a.err = err.Error()
					continue
				}
				a.capped = a.capped || capped
				a.zl = append(a.zl, z)
			}
			var fixedMS float64
			if c.fixed {
				cpu, err := fixedCost(e, t, c, i)
				if err != nil {
					a.err = err.Error()
					continue
				}
				fixedMS = float64(cpu.Microseconds()) / 1000
				a.fixed = append(a.fixed, fixedMS)
				if m.captured > 0 {
					a.marg = append(a.marg, (m.cpu-cpu).Seconds()/float64(m.captured)*1e6)
				}
			}
			var s, f float64
			if c.startup && !t.text {
				s, f, err = startup(e, t, c, i)
				if err != nil {
					a.err = err.Error()
					continue
				}
				s, f = s-overhead, f-overhead
				a.st = append(a.st, s)
				a.fp = append(a.fp, f)
			}
			fmt.Fprintf(os.Stderr, "capbench: %s mix, round %d %s: %+v zero-loss %.0f (capped %v) start-up %.1f/%.1f ms fixed %.1f ms\n", mix, i+1, name, m, z, capped, s, f, fixedMS)
		}
	}
	var results []Result
	for k, name := range c.tools {
		a := accs[k]
		r := Result{Tool: name, Error: a.err, ZeroLossCapped: a.capped, LossFreeUnpaced: len(a.runs) > 0}
		for _, m := range a.runs {
			if m.captured+m.lostBefore < m.sent || m.drops > 0 {
				r.LossFreeUnpaced = false
			}
		}
		if len(a.runs) > 0 {
			r.Sent = medianInt(pick(a.runs, func(m run1) int { return m.sent }))
			r.Captured = medianInt(pick(a.runs, func(m run1) int { return m.captured }))
			r.KernelDrops = medianInt(pick(a.runs, func(m run1) int { return m.drops }))
			r.LostBeforeCapture = medianInt(pick(a.runs, func(m run1) int { return m.lostBefore }))
			r.SendRate = medianF(pickF(a.runs, func(m run1) float64 { return m.rate }))
			r.CPUSecPerMpkt = medianF(pickF(a.runs, func(m run1) float64 { return m.cpuPerM }))
			r.PeakRSSMiB = medianF(pickF(a.runs, func(m run1) float64 { return m.rssMiB }))
			r.CPURounds = pickF(a.runs, func(m run1) float64 { return m.cpuPerM })
		}
		r.ZeroLossRounds = a.zl
		if len(a.zl) > 0 {
			r.ZeroLossRate = medianF(a.zl)
		}
		r.FixedRounds, r.MarginalRounds = a.fixed, a.marg
		if len(a.fixed) > 0 {
			r.FixedCPUms = medianF(a.fixed)
		}
		if len(a.st) > 0 {
			r.StartupMS = medianF(a.st)
			r.FirstPacketMS = medianF(a.fp)
		}
		results = append(results, r)
	}
	return results, nil
}

// throughput sends count frames at rate (0: unpaced) while t captures,
// confined by limit if its fraction is > 0.
func throughput(e *env, t tool, c config, gen, mix string, count, rate, n int, limit quota) (run1, error) {
	s, err := start(t, e.tmpfs, c.filter, false, n, limit)
	if err != nil {
		return run1{}, err
	}
	time.Sleep(200 * time.Millisecond)
	before := e.lostBeforeCapture()
	sent, elapsed, gerr := e.send(gen, mix, count, rate, c.senders)
	ru, hwm, serr := s.stop(c.settle)
	lostBefore := e.lostBeforeCapture() - before
	defer os.Remove(s.out)
	if gerr != nil {
		return run1{}, gerr
	}
	if serr != nil {
		return run1{}, fmt.Errorf("%s: %w", t.name, serr)
	}
	var captured int
	if t.text {
		var ok bool
		if captured, ok = regexpCount(tcpdumpCaptured)(s.stderr.String()); !ok {
			return run1{}, fmt.Errorf("%s: no \"packets captured\" in its summary (stderr: %s)", t.name, s.stderr.String())
		}
	} else if captured, err = countPackets(s.out); err != nil {
		return run1{}, fmt.Errorf("%s: reading its file: %w (stderr: %s)", t.name, err, s.stderr.String())
	}
	drops, _ := t.drops(s.stderr.String())
	m := run1{sent: sent, captured: captured, drops: drops, lostBefore: lostBefore}
	if elapsed > 0 {
		m.rate = float64(sent) / elapsed.Seconds()
	}
	if ru != nil && captured > 0 {
		cpu := rusageCPU(ru)
		m.cpu = cpu
		m.cpuPerM = cpu.Seconds() / float64(captured) * 1e6
		m.rssMiB = float64(hwm) / 1024
	}
	return m, nil
}

// fixedCost is what t costs without traffic: started and stopped as in an
// unpaced run (the same wait before the traffic and the same settle after),
// in a run that sends nothing — its start, its idle wake-ups and its exit,
// which an unpaced run's CPU per packet spreads over its frames.
func fixedCost(e *env, t tool, c config, n int) (time.Duration, error) {
	s, err := start(t, e.tmpfs, c.filter, false, n, quota{})
	if err != nil {
		return 0, err
	}
	defer os.Remove(s.out)
	time.Sleep(200 * time.Millisecond)
	ru, _, err := s.stop(c.settle)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", t.name, err)
	}
	if ru == nil {
		return 0, fmt.Errorf("%s: no resource usage", t.name)
	}
	return rusageCPU(ru), nil
}

// rusageCPU is a process's user and system CPU time.
func rusageCPU(ru *syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sweep finds the highest rate with no frame lost while the tool may use
// c.cpuLimit of one core (without a limit every tool keeps up with any rate
// a generator on the same two cores reaches, and the sweep would measure
// the machine): it goes up c.rates and
// then bisects between the last good and the first bad rate. A rate is
// good when the tool wrote every frame sent; the figure is the rate the
// generator reached there. When the kernel dropped frames before any
// capture socket (the generator outran the veth), the machine has reached
// its limit, not the tool: the sweep ends there and the figure is a lower
// bound.
func sweep(e *env, t tool, c config, mix string, n int) (best float64, capped bool, err error) {
	type verdict int
	const (
		good verdict = iota
		toolLost
		machineLost
	)
	try := func(rate int) (verdict, float64, error) {
		count := max(rate*2, 20000) // two seconds of traffic
		count = min(count, c.packets*2)
		m, err := throughput(e, t, c, c.sweepGen, mix, count, rate, n, sweepQuota(c.cpuLimit, t.readers))
		if err != nil {
			return toolLost, 0, err
		}
		switch {
		case m.captured+m.lostBefore < m.sent || m.drops > 0:
			return toolLost, m.rate, nil
		case m.lostBefore > 0:
			return machineLost, m.rate, nil
		}
		return good, m.rate, nil
	}
	lo, hi := 0, 0
	for _, r := range c.rates {
		v, reached, err := try(r)
		if err != nil {
			return best, false, err
		}
		if v == machineLost {
			return best, true, nil
		}
		if v == toolLost {
			hi = r
			break
		}
		lo, best = r, max(best, reached)
		if reached < 0.9*float64(r) {
			return best, true, nil // the generator cannot go faster
		}
	}
	if hi == 0 {
		return best, true, nil
	}
	// Five halvings: from a bracket of twice the rate to within about 3%
	// (three left the figures of tools a few percent apart on the same step).
	for i := 0; i < 5 && hi-lo > lo/32+1000; i++ {
		mid := (lo + hi) / 2
		v, reached, err := try(mid)
		if err != nil {
			return best, false, err
		}
		switch v {
		case good:
			lo, best = mid, max(best, reached)
		case toolLost:
			hi = mid
		case machineLost:
			return best, true, nil
		}
	}
	return best, false, nil
}

// startup measures, in milliseconds from the exec, when the tool says it is
// listening (its filter is attached) and when the first packet is in its
// file, while the generator sends a frame every millisecond.
func startup(e *env, t tool, c config, n int) (listening, firstPacket float64, err error) {
	done := make(chan struct{})
	genErr := make(chan error, 1)
	go func() {
		defer close(genErr)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, _, err := e.send(genSocket, mixDefault, 200, 1000, 1); err != nil {
				genErr <- err
				return
			}
		}
	}()
	defer func() { close(done); <-genErr }()
	time.Sleep(50 * time.Millisecond)
	s, err := start(t, e.tmpfs, c.filter, true, 1000+n, quota{})
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(s.out)
	listening = float64(s.ready.Sub(s.started).Microseconds()) / 1000
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if k, _ := countPackets(s.out); k > 0 {
			firstPacket = float64(time.Since(s.started).Microseconds()) / 1000
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, _, err := s.stop(0); err != nil {
		return 0, 0, fmt.Errorf("%s: %w", t.name, err)
	}
	if firstPacket == 0 {
		return 0, 0, fmt.Errorf("%s wrote no packet within 5s of starting", t.name)
	}
	return listening, firstPacket, nil
}

// netnsExecOverhead is what `ip netns exec` itself costs before the tool
// runs, subtracted from the start-up figures.
func netnsExecOverhead() float64 {
	var ds []float64
	for i := 0; i < 5; i++ {
		t0 := time.Now()
		if err := run("ip", "netns", "exec", nsCap, "true"); err != nil {
			return 0
		}
		ds = append(ds, float64(time.Since(t0).Microseconds())/1000)
	}
	return medianF(ds)
}

// countPackets counts the packets of a pcap or pcapng file, tolerating a
// truncated last record (the file may still be being written).
func countPackets(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	magic, err := br.Peek(4)
	if err != nil {
		return 0, err
	}
	n := 0
	if string(magic) == "\x0a\x0d\x0d\x0a" {
		r, err := pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return 0, err
		}
		for {
			if _, _, err := r.ZeroCopyReadPacketData(); err != nil {
				if err == io.EOF || err == io.ErrUnexpectedEOF {
					return n, nil
				}
				return n, nil
			}
			n++
		}
	}
	r, err := pcapgo.NewReader(br)
	if err != nil {
		return 0, err
	}
	for {
		if _, _, err := r.ZeroCopyReadPacketData(); err != nil {
			return n, nil
		}
		n++
	}
}

func pick(rs []run1, f func(run1) int) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func pickF(rs []run1, f func(run1) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func medianInt(v []int) int {
	s := append([]int(nil), v...)
	sort.Ints(s)
	return s[len(s)/2]
}

func medianF(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
