package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Exit statuses, as tcpdump's.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

// runtimeError is a failure after the command line was understood: exit 1.
type runtimeError struct{ err error }

func (e *runtimeError) Error() string { return e.err.Error() }
func (e *runtimeError) Unwrap() error { return e.err }

// env is what a run of gocap sees of the outside world, so that tests can
// run it in-process.
type env struct {
	ctx    context.Context // cancelled on SIGINT/SIGTERM
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stderrTerminal reports whether stderr is a terminal (the status line
	// is only printed then).
	stderrTerminal bool
	// loc is the time zone of printed time stamps (nil: time.Local).
	loc *time.Location
}

func main() {
	if cgroupKeeper() { // gocap -Z ... -- COMMAND's helper (attribution.go)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{ctx: ctx, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stderrTerminal: isTerminal(os.Stderr)}
	os.Exit(run(e, os.Args[1:]))
}

// run executes one gocap command line and returns its exit status.
func run(e *env, args []string) int {
	if e.ctx == nil {
		e.ctx = context.Background()
	}
	if len(args) > 0 && args[0] == "k8s" {
		return report(e.stderr, runK8s(args[1:]))
	}
	o, err := parseArgs(args)
	if err == nil {
		for _, w := range o.warnings {
			fmt.Fprintf(e.stderr, "gocap: warning: %s\n", w)
		}
		err = dispatch(e, o)
	}
	return report(e.stderr, err)
}

// report prints err on stderr and maps it to an exit status.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "gocap: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitRuntime
}

// dispatch picks what the command line asks for, in tcpdump's order of
// precedence.
func dispatch(e *env, o *options) error {
	switch {
	case o.help:
		printUsage(e.stdout)
		return nil
	case o.version:
		printVersion(e.stdout)
		return nil
	}
	if err := checkCombinations(o); err != nil {
		return err
	}
	switch {
	case o.listIfaces:
		return listInterfaces(e.stdout)
	case o.listLinks:
		return listLinkTypes(e.stderr, o) // tcpdump writes -L to stderr
	case o.dump > 0 || o.ebpf:
		return dumpFilter(e.stdout, o)
	case o.readFile != "":
		return readOffline(e, o)
	}
	return captureLive(e, o)
}

// checkCombinations rejects option sets that contradict each other.
func checkCombinations(o *options) error {
	if o.readFile != "" && len(o.interfaces) > 0 {
		return usagef("-r and -i both given: read a file (-r) or capture from interfaces (-i), not both")
	}
	if o.readFile != "" && o.readFile == o.writeFile && o.readFile != "-" {
		return usagef("-r and -w name the same file %q: writing would destroy what is being read", o.readFile)
	}
	if (o.fileSize > 0 || o.rotateSecs > 0 || o.fileCount > 0) && o.writeFile == "" {
		return usagef("-C, -G and -W rotate the output file: they need -w FILE")
	}
	if o.writeFile == "-" && (o.fileSize > 0 || o.rotateSecs > 0) {
		return usagef("-C/-G rotate files, and -w - writes to standard output: choose one")
	}
	if o.fileCount > 0 && o.fileSize == 0 && o.rotateSecs == 0 {
		return usagef("-W limits the number of rotated files: use it with -C or -G")
	}
	if o.countOnly && o.readFile == "" && o.dump == 0 && !o.ebpf && !o.listIfaces && !o.listLinks {
		return usagef("--count counts the packets of a file: use it with -r FILE")
	}
	if o.countOnly && o.writeFile != "" {
		return usagef("--count prints how many packets match, it cannot be combined with -w")
	}
	if o.print && o.writeFile == "" {
		return usagef("--print prints packets while writing them with -w: give -w FILE too")
	}
	return nil
}
