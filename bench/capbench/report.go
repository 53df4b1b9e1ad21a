package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// printMachine says what the figures were measured on and how.
func printMachine(w io.Writer, c config) {
	kernel, _ := exec.Command("uname", "-r").Output()
	model := ""
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(w, "machine: %d CPUs (%s), Linux %s, %s; load average at start %s\n", runtime.NumCPU(), model,
		strings.TrimSpace(string(kernel)), runtime.Version(), strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Fprintf(w, "command: %s\n", strings.Join(os.Args, " "))
}

// genDescription says what a generator does, for the report.
func genDescription(gen string, senders int) string {
	if gen == genInject {
		return "one thread injecting frames into the capture interface's receive path, XDP live frames"
	}
	return fmt.Sprintf("%d threads sending over the veth, up to 64 frames per sendmmsg", senders)
}

// printReport writes one mix's results as a Markdown table, then each gocap
// row's ratios to its reference tool (tcpdump writing pcap, or printing),
// round by round and their median.
func printReport(w io.Writer, c config, mix string, rs []Result) {
	fmt.Fprintf(w, "\n## mix %s\n\n", mix)
	fmt.Fprintf(w, "filter: %q, %d frames per unpaced run (generator: %s), median of %d rounds", c.filter, c.packets, genDescription(c.gen, c.senders), c.runs)
	if c.sweep {
		fmt.Fprintf(w, "; zero-loss sweep with each tool limited to %.0f%% of a core (granted per %d ms; generator: %s)", c.cpuLimit*100, quotaPeriod(c.cpuLimit)/1000, genDescription(c.sweepGen, c.senders))
	}
	fmt.Fprintln(w, "\n\n| tool | captured/sent | kernel drops (tool) | lost before capture | generator rate (fps) | loss-free unpaced | zero-loss rate (fps, CPU-limited) | CPU s / Mpkt | fixed CPU (ms a run) | peak RSS (MiB) | start-up to listening (ms) | to first packet (ms) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	byName := map[string]*Result{}
	for i, r := range rs {
		if r.Error == "" {
			byName[r.Tool] = &rs[i]
		}
		if r.Error != "" && r.Sent == 0 {
			fmt.Fprintf(w, "| %s | %s | | | | | | | | | | |\n", r.Tool, r.Error)
			continue
		}
		zl := "-"
		if c.sweep && len(r.ZeroLossRounds) > 0 {
			zl = fmt.Sprintf("%.0f", r.ZeroLossRate)
			if r.ZeroLossCapped {
				zl = "≥ " + zl
			}
		}
		st, fp := "-", "-"
		if r.StartupMS != 0 || r.FirstPacketMS != 0 {
			st, fp = fmt.Sprintf("%.1f", r.StartupMS), fmt.Sprintf("%.1f", r.FirstPacketMS)
		}
		fixed := "-"
		if len(r.FixedRounds) > 0 {
			fixed = fmt.Sprintf("%.1f", r.FixedCPUms)
		}
		fmt.Fprintf(w, "| %s | %d/%d | %d | %d | %.0f | %v | %s | %.3f | %s | %.1f | %s | %s |\n", r.Tool, r.Captured, r.Sent,
			r.KernelDrops, r.LostBeforeCapture, r.SendRate, r.LossFreeUnpaced, zl, r.CPUSecPerMpkt, fixed, r.PeakRSSMiB, st, fp)
	}
	// A tool that failed after its first round keeps the rounds it has,
	// and its ratios are left out: say why.
	for _, r := range rs {
		if r.Error != "" && r.Sent != 0 {
			fmt.Fprintf(w, "\n%s stopped early: %s\n", r.Tool, r.Error)
		}
	}
	fmt.Fprintf(w, "\nratios (mix %s; per round, then the median of the rounds' ratios):\n", mix)
	all := knownTools(c.gocap)
	for _, r := range rs {
		ref := byName[all[r.Tool].ref]
		if ref == nil || r.Error != "" {
			continue
		}
		cpu := roundRatios(r.CPURounds, ref.CPURounds)
		fmt.Fprintf(w, "- %s / %s: CPU per packet %s → median %.2fx", r.Tool, ref.Tool, formatRatios(cpu), medianF(cpu))
		if c.sweep && len(r.ZeroLossRounds) > 0 && len(ref.ZeroLossRounds) > 0 {
			zl := roundRatios(r.ZeroLossRounds, ref.ZeroLossRounds)
			bound := ""
			if r.ZeroLossCapped || ref.ZeroLossCapped {
				bound = " (a sweep ended by the machine: lower bounds, see the table)"
			}
			fmt.Fprintf(w, "; zero-loss rate %s → median %.2fx%s", formatRatios(zl), medianF(zl), bound)
		}
		if len(r.FixedRounds) > 0 && len(ref.FixedRounds) > 0 {
			marg := roundRatios(r.MarginalRounds, ref.MarginalRounds)
			fmt.Fprintf(w, "; beyond the fixed cost (%.1f against %.1f ms a run) %s → median %.2fx", r.FixedCPUms, ref.FixedCPUms, formatRatios(marg), medianF(marg))
		}
		fmt.Fprintf(w, "; peak RSS %.1f MiB\n", r.PeakRSSMiB)
	}
}

// roundRatios divides round by round (a round measures every tool once).
func roundRatios(a, b []float64) []float64 {
	var out []float64
	for i := 0; i < len(a) && i < len(b); i++ {
		out = append(out, ratio(a[i], b[i]))
	}
	if len(out) == 0 {
		out = append(out, 0)
	}
	return out
}

func formatRatios(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(s, ", ")
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
