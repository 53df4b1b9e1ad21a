// Command capbench measures capture tools side by side on one machine, in one
// run: gocap (socket engine and tc engine), tcpdump and, when installed,
// dumpcap. Two network namespaces joined by a veth pair carry a fixed mix of
// frames from a generator to the capturing tool, which writes to a file on a
// tmpfs. See bench/README.md for what is measured and how.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The namespaces and the CPU-limit cgroup are named after the process, so
// that two capbench runs on one machine do not remove each other's.
var (
	nsGen  = fmt.Sprintf("gocapbench-gen-%d", os.Getpid())
	nsCap  = fmt.Sprintf("gocapbench-cap-%d", os.Getpid())
	cgroup = fmt.Sprintf("capbench-tool-%d", os.Getpid())
)

const (
	ifGen   = "gbgen0"
	ifCap   = "gbcap0"
	genAddr = "10.199.50.1/24"
	capAddr = "10.199.50.2/24"

	// dstMAC is where the generator's frames go: not the capture
	// interface's address but another host's, as on a mirror port, so
	// that the capture namespace's IP stack drops each frame at the
	// door. Frames to its own address it would route, and with
	// forwarding off the route to 10.199.50.99 is an uncached one,
	// allocated and freed through RCU per frame, on the two CPUs the
	// tools are measured on: a quarter of what sending and receiving
	// cost (2,000,000 frames of the default mix, no tool: 1.94 s to the
	// own address, 1.48 s to this one; 2026-12-05).
	dstMAC = "02:00:00:00:00:99"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "gen":
			os.Exit(genMain(os.Args[2:]))
		case "paced":
			os.Exit(pacedMain(os.Args[2:]))
		}
	}
	os.Exit(benchMain(os.Args[1:]))
}

// genMain is the generator's entry point inside the sender namespace; it
// prints "sent N elapsed_ns" for the orchestrator.
func genMain(args []string) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	ifname := fs.String("i", ifGen, "interface")
	dst := fs.String("dst", "", "destination MAC")
	count := fs.Int("n", 100000, "frames to send")
	rate := fs.Int("rate", 0, "frames per second (0: as fast as possible)")
	senders := fs.Int("senders", 1, "sending threads, each with its own socket")
	mix := fs.String("mix", mixDefault, "traffic mix: "+mixNames)
	flows := fs.Int("flows", 1, "flows (source ports) the frame mix takes turns among")
	injecting := fs.Bool("inject", false, "inject the frames into the interface's receive path (XDP live frames) instead of sending them")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	mac, err := net.ParseMAC(*dst)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: -dst:", err)
		return 2
	}
	var sent int
	var elapsed time.Duration
	if *injecting {
		sent, elapsed, err = inject(*ifname, *mix, mac, *count, *rate, *flows)
	} else {
		sent, elapsed, err = generate(*ifname, *mix, mac, *count, *rate, *senders, *flows)
	}
	fmt.Printf("sent %d %d\n", sent, elapsed.Nanoseconds())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

type config struct {
	gocap    string
	tools    []string
	mixes    []string
	sweep    bool // measure the zero-loss rate
	startup  bool // measure start-up
	fixed    bool // measure each tool's CPU for a run without traffic
	packets  int
	runs     int
	filter   string
	rates    []int
	jsonOut  string
	senders  int
	gen      string // the unpaced runs' generator
	sweepGen string // the sweeps' generator
	flows    int
	settle   time.Duration
	cpuLimit float64
}

func benchMain(args []string) int {
	fs := flag.NewFlagSet("capbench", flag.ContinueOnError)
	var c config
	var tools, rates, mixes string
	fs.StringVar(&c.gocap, "gocap", "./gocap", "path of the gocap binary")
	fs.StringVar(&tools, "tools", strings.Join(defaultTools, ","), "tools to measure, comma-separated (missing ones are reported and left out); known: "+strings.Join(toolNames(), ", ")+", and gocap-fanoutN (gocap --fanout N, its sweep limited to N times -cpu-limit)")
	fs.StringVar(&mixes, "mix", mixSmall+","+mixDefault, "traffic mixes, comma-separated: small (64-byte UDP only), default (64-byte UDP, 1514-byte TCP, VLAN-tagged UDP), large (1514-byte TCP only)")
	fs.BoolVar(&c.sweep, "sweep", true, "measure the zero-loss rate (the longest part)")
	fs.BoolVar(&c.startup, "startup", true, "measure start-up")
	fs.BoolVar(&c.fixed, "fixed", true, "measure each tool's fixed cost: its CPU for a run without traffic (start, the settle wait, exit), and its CPU per packet beyond it")
	fs.IntVar(&c.packets, "packets", 200000, "frames per throughput run")
	fs.IntVar(&c.runs, "runs", 3, "runs per measurement (the median is reported)")
	fs.StringVar(&c.filter, "filter", "udp or tcp or vlan", "filter expression every tool uses")
	fs.StringVar(&rates, "rates", "25000,50000,100000,150000,200000,300000,400000,600000", "rates (frames/s) of the zero-loss sweep, ascending")
	fs.Float64Var(&c.cpuLimit, "cpu-limit", 0.1, "fraction of one core each tool may use during the zero-loss sweep (cgroup cpu quota)")
	fs.StringVar(&c.jsonOut, "json", "", "also write the results as JSON to this file")
	fs.IntVar(&c.flows, "flows", 1, "flows (UDP/TCP source ports) the generator's frame mix takes turns among; a fanout by flow hash needs several")
	fs.StringVar(&c.gen, "gen", genSocket, "generator of the unpaced runs: "+genSocket+" (AF_PACKET sendmmsg over the veth, -senders threads) or "+genInject+" (one thread injecting frames into the capture interface's receive path with XDP live frames, inject.go)")
	fs.StringVar(&c.sweepGen, "sweep-gen", genInject, "generator of the zero-loss sweeps, "+genSocket+" or "+genInject+" (which outruns a tool at -cpu-limit on 64-byte frames; the socket generator does not on two CPUs)")
	fs.IntVar(&c.senders, "senders", 2, "generator threads (one per core loads the machine as a busy host would: the capture then competes for CPU)")
	fs.DurationVar(&c.settle, "settle", 2500*time.Millisecond, "wait after the last frame before stopping a tool (longer than every tool's block timeout: tcpdump's is 1 s, and it does not read a partly filled block at exit)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c.tools = strings.Split(tools, ",")
	c.mixes = strings.Split(mixes, ",")
	for _, m := range c.mixes {
		if _, err := frameMix(m, nil, nil, 1); err != nil {
			fmt.Fprintln(os.Stderr, "capbench: -mix:", err)
			return 2
		}
	}
	known := knownTools(c.gocap)
	addFanoutTools(known, c)
	for _, name := range c.tools {
		if _, ok := known[name]; !ok {
			fmt.Fprintf(os.Stderr, "capbench: unknown tool %q (known: %s)\n", name, strings.Join(toolNames(), ", "))
			return 2
		}
	}
	for _, r := range strings.Split(rates, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(r))
		if err != nil || v <= 0 {
			fmt.Fprintf(os.Stderr, "capbench: bad rate %q\n", r)
			return 2
		}
		c.rates = append(c.rates, v)
	}
	for _, g := range []string{c.gen, c.sweepGen} {
		if g != genSocket && g != genInject {
			fmt.Fprintf(os.Stderr, "capbench: generator %q is neither %s nor %s\n", g, genSocket, genInject)
			return 2
		}
	}
	env, err := setup(c.flows)
	if err != nil {
		fmt.Fprintln(os.Stderr, "capbench:", err)
		return 1
	}
	defer env.teardown()

	began := time.Now()
	all := map[string][]Result{}
	printMachine(os.Stdout, c)
	for _, mix := range c.mixes {
		var results []Result
		results, err = runAll(env, c, mix)
		if err != nil {
			fmt.Fprintln(os.Stderr, "capbench:", err)
		}
		all[mix] = results
		printReport(os.Stdout, c, mix, results)
		printFanoutReport(os.Stdout, c, results)
		if err != nil {
			break
		}
	}
	fmt.Fprintf(os.Stdout, "\ncapbench took %s\n", time.Since(began).Round(time.Second))
	if c.jsonOut != "" {
		data, _ := json.MarshalIndent(all, "", "  ")
		if werr := os.WriteFile(c.jsonOut, data, 0o644); werr != nil {
			fmt.Fprintln(os.Stderr, "capbench:", werr)
		}
	}
	if err != nil {
		return 1
	}
	return 0
}

// env is the benchmark's network: two namespaces, a veth pair, a tmpfs.
type env struct {
	flows int // the generator's -flows
	tmpfs string
	self  string
}

func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// setup makes the benchmark's network and tmpfs, for a generator taking
// turns among flows. Interrupted from then on, capbench removes them, and
// the CPU-limit cgroup, all the same; the caller's teardown does that on
// the way out. On an error nothing is left to remove.
func setup(flows int) (*env, error) {
	if os.Geteuid() != 0 {
		return nil, errors.New("must run as root (it creates network namespaces)")
	}
	e, err := makeEnv(flows)
	if err != nil {
		e.teardown()
		return nil, err
	}
	return e, nil
}

// makeEnv is setup's work; on an error it returns what it made so far.
func makeEnv(flows int) (*env, error) {
	e := &env{flows: flows}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-sigs
		fmt.Fprintln(os.Stderr, "capbench: interrupted; removing the namespaces and the tmpfs")
		e.teardown()
		os.Exit(1)
	}()
	self, err := os.Executable()
	if err != nil {
		return e, err
	}
	e.self = self
	steps := [][]string{
		{"ip", "netns", "add", nsGen},
		{"ip", "netns", "add", nsCap},
		{"ip", "link", "add", ifGen, "netns", nsGen, "type", "veth", "peer", "name", ifCap, "netns", nsCap},
		{"ip", "-n", nsGen, "addr", "add", genAddr, "dev", ifGen},
		{"ip", "-n", nsCap, "addr", "add", capAddr, "dev", ifCap},
		{"ip", "-n", nsGen, "link", "set", ifGen, "up"},
		{"ip", "-n", nsCap, "link", "set", ifCap, "up"},
		{"ip", "-n", nsGen, "link", "set", "lo", "up"},
		{"ip", "-n", nsCap, "link", "set", "lo", "up"},
	}
	for _, s := range steps {
		if err := run(s[0], s[1:]...); err != nil {
			return e, err
		}
	}
	dir, err := os.MkdirTemp("", "capbench-tmpfs-")
	if err != nil {
		return e, err
	}
	if err := run("mount", "-t", "tmpfs", "-o", "size=3g", "tmpfs", dir); err != nil {
		os.Remove(dir)
		return e, err
	}
	e.tmpfs = dir
	return e, nil
}

// lostBeforeCapture reads the veth pair's drop counters: frames the kernel
// dropped between the generator and the capture socket (the sender's
// veth counts frames its peer's backlog refused as tx_dropped), which no
// capture tool could have seen.
func (e *env) lostBeforeCapture() int {
	n := 0
	for _, c := range []struct{ ns, dev, counter string }{{nsGen, ifGen, "tx_dropped"}, {nsCap, ifCap, "rx_dropped"}} {
		out, err := exec.Command("ip", "netns", "exec", c.ns, "cat", "/sys/class/net/"+c.dev+"/statistics/"+c.counter).Output()
		if err != nil {
			continue
		}
		v, _ := strconv.Atoi(strings.TrimSpace(string(out)))
		n += v
	}
	return n
}

func (e *env) teardown() {
	removeCPULimit()
	_ = exec.Command("ip", "netns", "del", nsGen).Run()
	_ = exec.Command("ip", "netns", "del", nsCap).Run()
	if e.tmpfs != "" {
		_ = exec.Command("umount", e.tmpfs).Run()
		os.Remove(e.tmpfs)
	}
}

// send runs the generator in the sender namespace.
func (e *env) send(gen, mix string, count, rate, senders int) (sent int, elapsed time.Duration, err error) {
	netns, where := nsGen, []string{"-i", ifGen}
	if gen == genInject {
		netns, where = nsCap, []string{"-i", ifCap, "-inject"}
	}
	args := append([]string{"netns", "exec", netns, e.self, "gen"}, where...)
	args = append(args, "-dst", dstMAC, "-mix", mix, "-n", strconv.Itoa(count), "-rate", strconv.Itoa(rate),
		"-senders", strconv.Itoa(senders), "-flows", strconv.Itoa(e.flows))
	out, err := exec.Command("ip", args...).Output()
	var ns int64
	if _, serr := fmt.Sscanf(string(out), "sent %d %d", &sent, &ns); serr != nil && err == nil {
		err = fmt.Errorf("generator printed %q: %w", out, serr)
	}
	return sent, time.Duration(ns), err
}
