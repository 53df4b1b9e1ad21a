package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// printReport writes the results as a Markdown table with the gocap/tcpdump
// ratios from the same run, and the machine they were measured on.
func printReport(w io.Writer, c config, rs []Result) {
	kernel, _ := exec.Command("uname", "-r").Output()
	fmt.Fprintf(w, "machine: nproc=%d kernel=%s\n", runtime.NumCPU(), strings.TrimSpace(string(kernel)))
	fmt.Fprintf(w, "command: %s\n", strings.Join(os.Args, " "))
	fmt.Fprintf(w, "filter: %q, %d frames per unpaced run, %d sending threads, median of %d rounds; zero-loss sweep with each tool limited to %.0f%% of a core\n\n", c.filter, c.packets, c.senders, c.runs, c.cpuLimit*100)
	fmt.Fprintln(w, "| tool | captured/sent | kernel drops (tool) | lost before capture | generator rate (fps) | loss-free unpaced | zero-loss rate (fps, CPU-limited) | CPU s / Mpkt | peak RSS (MiB) | start-up to listening (ms) | to first packet (ms) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|")
	var tcpdump *Result
	for i := range rs {
		if rs[i].Tool == "tcpdump" && rs[i].Error == "" {
			tcpdump = &rs[i]
		}
	}
	for _, r := range rs {
		if r.Error != "" && r.Sent == 0 {
			fmt.Fprintf(w, "| %s | %s | | | | | | | | | |\n", r.Tool, r.Error)
			continue
		}
		zl := fmt.Sprintf("%.0f", r.ZeroLossRate)
		if r.ZeroLossCapped {
			zl = "≥ " + zl
		}
		fmt.Fprintf(w, "| %s | %d/%d | %d | %d | %.0f | %v | %s | %.3f | %.1f | %.1f | %.1f |\n", r.Tool, r.Captured, r.Sent,
			r.KernelDrops, r.LostBeforeCapture, r.SendRate, r.LossFreeUnpaced, zl, r.CPUSecPerMpkt, r.PeakRSSMiB, r.StartupMS, r.FirstPacketMS)
	}
	if tcpdump == nil {
		return
	}
	fmt.Fprintln(w, "\nratios to tcpdump (same run):")
	for _, r := range rs {
		if !strings.HasPrefix(r.Tool, "gocap") || r.Error != "" {
			continue
		}
		bound := ""
		if r.ZeroLossCapped || tcpdump.ZeroLossCapped {
			bound = " (a sweep ended by the machine: lower bounds, see the table)"
		}
		fmt.Fprintf(w, "- %s: zero-loss rate %.2fx%s (goal ≥ 1.5x), CPU per packet %.2fx (goal ≤ 0.7x), peak RSS %.1f MiB (goal ≤ 64), start-up %.1f ms (goal ≤ 50)\n",
			r.Tool, ratio(r.ZeroLossRate, tcpdump.ZeroLossRate), bound,
			ratio(r.CPUSecPerMpkt, tcpdump.CPUSecPerMpkt), r.PeakRSSMiB, r.StartupMS)
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
