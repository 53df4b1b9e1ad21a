package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/gocap/gocap/fleet"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/pcapng"
	"github.com/gocap/gocap/pcapng/rotate"
)

const usage = `usage: kubectl gocap [selection] [capture options] [-w FILE] [expression]
       kubectl gocap cleanup [--all] [--capture-namespace NS]

Captures on the selected nodes and pods at once and writes one merged pcapng:
one interface per (node, interface), packets in time order, the node and pod
in each packet's comment, each node's statistics. Without -w it prints the
packets as gocap does (numeric), each line naming node:interface and pod.
Ctrl-C, -c or --duration end the capture; the capture pods are deleted at the
end.

Selection (at least one):
      --node NAME           a node (repeatable): its own interfaces (-i, default any)
      --node-selector SEL   nodes by label
  -n, --namespace NS        namespace of --pod and -l (default "default")
      --pod NAME            a pod (repeatable): its network namespace (-i, default eth0)
  -l, --selector SEL        pods by label
Capture:
  -i IFACE                  interface in each node or pod
  -c COUNT                  stop after COUNT packets in all
  -s SNAPLEN                snapshot length
      --duration D          stop after D (e.g. 30s)
  -w FILE                   the merged pcapng ("-": standard output)
  -C SIZE  -G SECONDS  -W N rotate the merged file as gocap/tcpdump do
Text output (without -w): -v -e -q -x -X -A -t as gocap's
Cluster:
      --kubeconfig FILE  --context NAME
      --image REF           capture image (default ` + fleet.DefaultImage + `)
      --capture-namespace NS  where capture pods run (default "default")
      --merge-window D      how long a packet waits for a silent node (default 1s)
      --no-progress         no progress lines on standard error
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type flags struct {
	o                   fleet.Options
	kubeconfig, context string
	write               string
	fileSize            int64
	interval            int
	fileCount           int
	quiet, all, help    bool
	text                printer.Options
	ascii               bool
}

func parse(args []string) (*flags, []string, error) {
	f := &flags{}
	fs := pflag.NewFlagSet("kubectl-gocap", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SetInterspersed(true)
	fs.StringArrayVar(&f.o.Nodes, "node", nil, "")
	fs.StringVar(&f.o.NodeSelector, "node-selector", "", "")
	fs.StringVarP(&f.o.Namespace, "namespace", "n", "", "")
	fs.StringArrayVar(&f.o.Pods, "pod", nil, "")
	fs.StringVarP(&f.o.PodSelector, "selector", "l", "", "")
	fs.StringVarP(&f.o.Interface, "interface", "i", "", "")
	fs.Uint64VarP(&f.o.Count, "count", "c", 0, "")
	fs.IntVarP(&f.o.Snaplen, "snapshot-length", "s", 0, "")
	fs.DurationVar(&f.o.Duration, "duration", 0, "")
	fs.StringVarP(&f.write, "write", "w", "", "")
	fs.Int64VarP(&f.fileSize, "file-size", "C", 0, "")
	fs.IntVarP(&f.interval, "rotate-seconds", "G", 0, "")
	fs.IntVarP(&f.fileCount, "file-count", "W", 0, "")
	fs.StringVar(&f.kubeconfig, "kubeconfig", "", "")
	fs.StringVar(&f.context, "context", "", "")
	fs.StringVar(&f.o.Image, "image", "", "")
	fs.StringVar(&f.o.CaptureNamespace, "capture-namespace", "", "")
	fs.DurationVar(&f.o.Window, "merge-window", 0, "")
	fs.BoolVar(&f.quiet, "no-progress", false, "")
	fs.CountVarP(&f.text.Verbose, "verbose", "v", "")
	fs.BoolVarP(&f.text.LinkHeader, "link-header", "e", false, "")
	fs.BoolVarP(&f.text.Quiet, "quick", "q", false, "")
	fs.CountVarP(&f.text.Hex, "hex", "x", "")
	fs.CountVarP(&f.text.HexASCII, "hex-ascii", "X", "")
	fs.BoolVarP(&f.ascii, "ascii", "A", false, "")
	fs.CountVarP(&f.text.Timestamp, "timestamps", "t", "")
	fs.BoolVar(&f.all, "all", false, "")
	fs.BoolVarP(&f.help, "help", "h", false, "")
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	return f, fs.Args(), nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, rest, err := parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "kubectl-gocap: %v\n%s", err, usage)
		return 2
	}
	if f.help {
		fmt.Fprint(stderr, usage)
		return 0
	}
	cleanup := len(rest) > 0 && rest[0] == "cleanup"
	if !cleanup {
		f.o.Filter = rest
	}
	cfg, cs, err := client(f.kubeconfig, f.context)
	if err != nil {
		fmt.Fprintf(stderr, "kubectl-gocap: %v\n", err)
		return 1
	}
	if cleanup {
		ns := f.o.CaptureNamespace
		if ns == "" {
			ns = "default"
		}
		gone, err := fleet.Cleanup(ctx, cs, ns, f.all)
		for _, p := range gone {
			fmt.Fprintf(stderr, "kubectl-gocap: deleted %s/%s\n", ns, p)
		}
		if err != nil {
			fmt.Fprintf(stderr, "kubectl-gocap: %v\n", err)
			return 1
		}
		return 0
	}
	if !f.quiet {
		f.o.Progress = stderr
	}
	w, err := open(f, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "kubectl-gocap: %v\n", err)
		return 1
	}
	res, err := fleet.Run(ctx, cfg, cs, &f.o, w)
	if cerr := w.Close(); err == nil && cerr != nil {
		err = cerr
	}
	status := 0
	if res != nil {
		status = summary(stderr, res)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		var pe *fleet.PermissionError
		if errors.As(err, &pe) {
			fmt.Fprintf(stderr, "kubectl-gocap: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "kubectl-gocap: %v\n", err)
		return 1
	}
	return status
}

func client(kubeconfig, context string) (*rest.Config, *kubernetes.Clientset, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = kubeconfig
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{CurrentContext: context}).ClientConfig()
	if err != nil {
		return nil, nil, fmt.Errorf("kubeconfig: %w", err)
	}
	// One pod create, watch, lease renewal and exec per node: client-go's
	// default 5 requests a second would take 20 s to start 100 nodes.
	cfg.QPS, cfg.Burst = 50, 200
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("kubernetes client: %w", err)
	}
	return cfg, cs, nil
}

// open is the merged output: a pcapng file, standard output (flushed per
// packet, for `| wireshark -k -i -`), rotated files (-C/-G/-W), or text
// without -w.
func open(f *flags, stdout io.Writer) (pcapng.PacketWriter, error) {
	if f.write == "" {
		if f.fileSize > 0 || f.interval > 0 {
			return nil, errors.New("-C and -G need -w")
		}
		o := f.text
		o.Numeric = true // -n is the namespace here, as in kubectl
		if f.ascii {
			o.ASCII = 1
		}
		return newTextWriter(stdout, o), nil
	}
	opts := pcapng.WriterOptions{UserApplication: "kubectl-gocap " + pcapng.Version, FlushEachPacket: f.write == "-"}
	if f.fileSize > 0 || f.interval > 0 {
		if f.write == "-" {
			return nil, errors.New("-C and -G need a file name for -w")
		}
		return rotate.New(f.write, rotate.Options{FileSize: f.fileSize * 1000000, Interval: time.Duration(f.interval) * time.Second,
			FileCount: f.fileCount, Format: pcapng.FormatPcapng, Writer: opts})
	}
	if f.write == "-" {
		// Not pcapng.Create's libpcap-compatible stream: nodes' "any"
		// (Linux cooked) and pods' eth0 (Ethernet) may be merged, which
		// Wireshark reads and libpcap refuses. Captures of one link type
		// (and one -s) still read with tcpdump -r -.
		return pcapng.NewWriter(stdout, opts)
	}
	return pcapng.Create(f.write, pcapng.FormatPcapng, opts)
}

// summary prints each target's outcome and returns the exit status: 1 when
// a target failed.
func summary(w io.Writer, r *fleet.Result) int {
	status := 0
	for _, t := range r.Targets {
		if t.Err != nil {
			status = 1
			fmt.Fprintf(w, "kubectl-gocap: %s: FAILED after %d packets: %v\n", t.Target, t.Packets, t.Err)
			continue
		}
		fmt.Fprintf(w, "kubectl-gocap: %s: %d packets on %s\n", t.Target, t.Packets, strings.Join(t.Interfaces, ", "))
	}
	first := "no packet"
	if r.FirstAfter > 0 {
		first = "first packet after " + r.FirstAfter.Round(time.Millisecond).String()
	}
	fmt.Fprintf(w, "kubectl-gocap: run %s: %d packets merged (%s, %d late); %d capture pod(s) deleted\n", r.Run, r.Packets, first, r.Late, len(r.Deleted))
	if len(r.LeftOver) > 0 {
		status = 1
		fmt.Fprintf(w, "kubectl-gocap: could not delete capture pods %s: run kubectl gocap cleanup --all\n", strings.Join(r.LeftOver, " "))
	}
	return status
}
