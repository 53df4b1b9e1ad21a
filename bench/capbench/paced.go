package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// pacedMain is `capbench paced`: one paced trial, outside the sweep, for
// finding out what ends a zero-loss sweep (BENCHMARKS.md, "What ends the
// zero-loss sweeps"). The tool after the flags runs in the capture
// namespace, limited as a sweep's trial is (-cpu-limit of a core, 0: no
// limit), while the generator sends -n frames at -rate; it prints the
// tool's CPU per frame over the sending, the periods it was throttled,
// and the tool's exit summary. In the tool's arguments {if} stands for
// the capture interface and {dir} for the benchmark's tmpfs.
func pacedMain(args []string) int {
	fs := flag.NewFlagSet("paced", flag.ContinueOnError)
	rate := fs.Int("rate", 400000, "frames per second")
	count := fs.Int("n", 800000, "frames to send")
	limit := fs.Float64("cpu-limit", 0, "fraction of one core the tool may use (0: no limit)")
	mix := fs.String("mix", mixDefault, "traffic mix: "+mixNames)
	flows := fs.Int("flows", 16, "flows the generator's frames take turns among")
	gen := fs.String("gen", genSocket, "generator: "+genSocket+" or "+genInject)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: capbench paced [flags] TOOL ARGS... ({if}: the capture interface, {dir}: the tmpfs)")
		fmt.Fprintln(fs.Output(), "  e.g. capbench paced -rate 420000 -n 840000 -cpu-limit 0.1 ./gocap --pcap -i {if} -w {dir}/out.pcap 'udp or tcp or vlan'")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	env, err := setup(*flows)
	if err != nil {
		fmt.Fprintln(os.Stderr, "capbench:", err)
		return 1
	}
	defer env.teardown()
	argv := []string{"netns", "exec", nsCap}
	for _, a := range fs.Args() {
		argv = append(argv, strings.NewReplacer("{if}", ifCap, "{dir}", env.tmpfs).Replace(a))
	}
	cmd := exec.Command("ip", argv...)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "capbench:", err)
		return 1
	}
	if *limit > 0 {
		if err := limitCPU(cmd.Process.Pid, sweepQuota(*limit, 1)); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			fmt.Fprintln(os.Stderr, "capbench:", err)
			return 1
		}
	}
	time.Sleep(1500 * time.Millisecond) // the tool's start-up is not the trial's
	cpu0, thr0 := threadsCPU(cmd.Process.Pid), throttled()
	_, _, serr := env.send(*gen, *mix, *count, *rate, 2)
	time.Sleep(2500 * time.Millisecond) // what the ring holds is read
	cpu1, thr1 := threadsCPU(cmd.Process.Pid), throttled()
	_ = cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if serr != nil {
		fmt.Fprintln(os.Stderr, "capbench: generator:", serr)
		return 1
	}
	var summary []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "captured") || strings.Contains(l, "dropped") {
			summary = append(summary, strings.TrimSpace(l))
		}
	}
	fmt.Printf("rate=%d frames=%d limit=%g: %d ns CPU per frame, throttled %d periods; %s\n",
		*rate, *count, *limit, (cpu1-cpu0)/time.Duration(*count), thr1-thr0, strings.Join(summary, ", "))
	return 0
}

// threadsCPU is the CPU time of the process's threads so far (the first
// field of each /proc/PID/task/TID/schedstat, in ns).
func threadsCPU(pid int) time.Duration {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	var sum time.Duration
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(data)); len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			sum += time.Duration(ns)
		}
	}
	return sum
}

// throttled is how many periods the CPU-limit cgroup has been throttled
// so far (cpu.stat's nr_throttled; 0 without the cgroup).
func throttled() int {
	for _, dir := range []string{"/sys/fs/cgroup/" + cgroup, "/sys/fs/cgroup/cpu/" + cgroup} {
		data, err := os.ReadFile(filepath.Join(dir, "cpu.stat"))
		if err != nil {
			continue
		}
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "nr_throttled "); ok {
				n, _ := strconv.Atoi(v)
				return n
			}
		}
	}
	return 0
}
