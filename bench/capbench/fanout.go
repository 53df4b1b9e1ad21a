package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// fanoutPrefix names gocap with --fanout N among the tools: gocap-fanout2
// is gocap --fanout 2, its zero-loss sweep limited to 2 × -cpu-limit (a
// quota per reader), so that its rate compares with gocap's single socket
// (gocap, or gocap-fanout1) and tcpdump's at -cpu-limit.
const fanoutPrefix = "gocap-fanout"

// addFanoutTools adds the gocap-fanoutN tools c.tools names.
func addFanoutTools(all map[string]tool, c config) {
	for _, name := range c.tools {
		n, err := strconv.Atoi(strings.TrimPrefix(name, fanoutPrefix))
		if !strings.HasPrefix(name, fanoutPrefix) || err != nil || n < 1 {
			continue
		}
		t := all["gocap"]
		t.name, t.readers = name, n
		gocap := c.gocap
		t.argv = func(out, filter string, flush bool) []string {
			a := []string{gocap, "--fanout", strconv.Itoa(n), "-i", ifCap, "-w", out}
			if flush {
				a = append(a, "-U")
			}
			return append(a, filter)
		}
		all[name] = t
	}
}

// printFanoutReport states the scaling: each gocap-fanoutN's zero-loss
// rate at N × the CPU limit against gocap's single socket and tcpdump's
// at the limit, from the same run.
func printFanoutReport(w io.Writer, c config, rs []Result) {
	find := func(name string) *Result {
		for i := range rs {
			if rs[i].Tool == name && rs[i].Error == "" {
				return &rs[i]
			}
		}
		return nil
	}
	one := find("gocap-fanout1")
	if one == nil {
		one = find("gocap")
	}
	tcpdump := find("tcpdump")
	var lines []string
	for _, r := range rs {
		n, err := strconv.Atoi(strings.TrimPrefix(r.Tool, fanoutPrefix))
		if !strings.HasPrefix(r.Tool, fanoutPrefix) || err != nil || r.Error != "" || n < 2 {
			continue
		}
		s := fmt.Sprintf("- %s (CPU limit %.0f%% of a core, %.0f%% per reader): zero-loss rate %.0f fps", r.Tool, c.cpuLimit*100*float64(n), c.cpuLimit*100, r.ZeroLossRate)
		if r.ZeroLossCapped {
			s += " (a lower bound: the machine ended the sweep)"
		}
		if one != nil {
			s += fmt.Sprintf(", %.2fx %s's at %.0f%% (goal ≥ %.1fx)", ratio(r.ZeroLossRate, one.ZeroLossRate), one.Tool, c.cpuLimit*100, 0.9*float64(n))
		}
		if tcpdump != nil {
			s += fmt.Sprintf(", %.2fx tcpdump's at %.0f%%", ratio(r.ZeroLossRate, tcpdump.ZeroLossRate), c.cpuLimit*100)
		}
		s += fmt.Sprintf("; CPU per packet %.3f s/Mpkt", r.CPUSecPerMpkt)
		if one != nil {
			s += fmt.Sprintf(" (%.2fx %s's)", ratio(r.CPUSecPerMpkt, one.CPUSecPerMpkt), one.Tool)
		}
		lines = append(lines, s)
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nfanout scaling (same run; the CPU limit is per reader):")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}
