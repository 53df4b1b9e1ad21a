package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/gopacket/gopacket/pcapgo"
)

// Result holds one tool's figures, each the median over the runs.
type Result struct {
	Tool           string
	Error          string  `json:",omitempty"`
	Sent           int     // frames sent in the max-rate run
	Captured       int     // frames in the output file
	KernelDrops    int     // as the tool reported
	SendRate       float64 // frames/s the generator reached unpaced
	CPUSecPerMpkt  float64 // user+system CPU seconds of the tool per million frames sent
	PeakRSSMiB     float64
	ZeroLossRate   int  // highest swept rate with nothing lost
	ZeroLossCapped bool // every swept rate was loss-free: the figure is a lower bound
	StartupMS      float64
	FirstPacketMS  float64
}

type run1 struct {
	sent, captured, drops int
	rate, cpuPerM, rssMiB float64
}

func runAll(e *env, c config) ([]Result, error) {
	all := knownTools(c.gocap)
	var results []Result
	overhead := netnsExecOverhead()
	for _, name := range c.tools {
		t, ok := all[name]
		if !ok {
			return results, fmt.Errorf("unknown tool %q", name)
		}
		r := Result{Tool: name}
		if err := available(t); err != nil {
			r.Error = "not available: " + err.Error()
			results = append(results, r)
			continue
		}
		var runs []run1
		var zl []int
		var st, fp []float64
		for i := 0; i < c.runs; i++ {
			m, err := throughput(e, t, c, c.packets, 0, i)
			if err != nil {
				r.Error = err.Error()
				break
			}
			runs = append(runs, m)
			z, capped, err := sweep(e, t, c, i)
			if err != nil {
				r.Error = err.Error()
				break
			}
			r.ZeroLossCapped = r.ZeroLossCapped || capped
			zl = append(zl, z)
			s, f, err := startup(e, t, c, i)
			if err != nil {
				r.Error = err.Error()
				break
			}
			st = append(st, s-overhead)
			fp = append(fp, f-overhead)
		}
		if len(runs) > 0 {
			r.Sent = medianInt(pick(runs, func(m run1) int { return m.sent }))
			r.Captured = medianInt(pick(runs, func(m run1) int { return m.captured }))
			r.KernelDrops = medianInt(pick(runs, func(m run1) int { return m.drops }))
			r.SendRate = medianF(pickF(runs, func(m run1) float64 { return m.rate }))
			r.CPUSecPerMpkt = medianF(pickF(runs, func(m run1) float64 { return m.cpuPerM }))
			r.PeakRSSMiB = medianF(pickF(runs, func(m run1) float64 { return m.rssMiB }))
		}
		if len(zl) > 0 {
			r.ZeroLossRate = medianInt(zl)
		}
		if len(st) > 0 {
			r.StartupMS = medianF(st)
			r.FirstPacketMS = medianF(fp)
		}
		results = append(results, r)
		fmt.Fprintf(os.Stderr, "capbench: %s done: %+v\n", name, r)
	}
	return results, nil
}

// throughput sends count frames at rate (0: unpaced) while t captures.
func throughput(e *env, t tool, c config, count, rate, n int) (run1, error) {
	s, err := start(t, e.tmpfs, c.filter, false, n)
	if err != nil {
		return run1{}, err
	}
	time.Sleep(200 * time.Millisecond)
	sent, elapsed, gerr := e.send(count, rate)
	ru, serr := s.stop()
	defer os.Remove(s.out)
	if gerr != nil {
		return run1{}, gerr
	}
	if serr != nil {
		return run1{}, fmt.Errorf("%s: %w", t.name, serr)
	}
	captured, err := countPackets(s.out)
	if err != nil {
		return run1{}, fmt.Errorf("%s: reading its file: %w (stderr: %s)", t.name, err, s.stderr.String())
	}
	drops, _ := t.drops(s.stderr.String())
	m := run1{sent: sent, captured: captured, drops: drops}
	if elapsed > 0 {
		m.rate = float64(sent) / elapsed.Seconds()
	}
	if ru != nil {
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		m.cpuPerM = cpu.Seconds() / float64(sent) * 1e6
		m.rssMiB = float64(ru.Maxrss) / 1024
	}
	return m, nil
}

// sweep finds the highest rate of c.rates with no frame lost, refining
// between the last good and the first bad rate by bisection.
func sweep(e *env, t tool, c config, n int) (best int, capped bool, err error) {
	lossless := func(rate int) (bool, error) {
		count := max(rate*2, 20000) // two seconds of traffic
		count = min(count, c.packets*2)
		m, err := throughput(e, t, c, count, rate, n)
		if err != nil {
			return false, err
		}
		return m.captured == m.sent && m.drops == 0, nil
	}
	bad := 0
	for _, r := range c.rates {
		ok, err := lossless(r)
		if err != nil {
			return best, false, err
		}
		if !ok {
			bad = r
			break
		}
		best = r
	}
	if bad == 0 {
		return best, true, nil
	}
	lo, hi := best, bad
	for i := 0; i < 3 && hi-lo > lo/10+1000; i++ {
		mid := (lo + hi) / 2
		ok, err := lossless(mid)
		if err != nil {
			return lo, false, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, false, nil
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
			if _, _, err := e.send(200, 1000); err != nil {
				genErr <- err
				return
			}
		}
	}()
	defer func() { close(done); <-genErr }()
	time.Sleep(50 * time.Millisecond)
	s, err := start(t, e.tmpfs, c.filter, true, 1000+n)
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
	if _, err := s.stop(); err != nil {
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
