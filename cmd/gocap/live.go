package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"github.com/gocap/gocap/pcapng/rotate"
	"golang.org/x/net/bpf"
)

// captureLive is a live capture: open the interfaces with the filter in the
// kernel, then print or write packets until -c, SIGINT/SIGTERM, or an error;
// then the exit summary.
func captureLive(e *env, o *options) error {
	if onlyWrites(o) {
		defer runtime.GOMAXPROCS(oneProcessor())
	}
	copts, err := liveOptions(e, o)
	if err != nil {
		return err
	}
	// Attribution starts watching sockets before the capture opens, so
	// that every socket the capture sees packets of is known.
	att, err := openAttribution(e, o)
	if err != nil {
		return &runtimeError{err}
	}
	defer att.Close()
	copts.SocketCookies = att != nil
	live, err := capture.Open(copts)
	if err != nil {
		return &runtimeError{captureError(err)}
	}
	defer live.Close()

	var captured atomic.Uint64
	stats := &liveStats{start: time.Now(), stats: live.Stats, captured: &captured}
	out, ctx, err := openLiveOutput(e, o, live.Interfaces(), att, stats)
	if err != nil {
		return &runtimeError{err}
	}
	// The filter is attached and the output open: from here on every
	// packet the interfaces see is captured.
	printListening(e, o, live.Interfaces())

	loopErr := runLive(e, o, ctx, live, att, out, &captured)
	live.Stop()
	att.finish(e)
	if err := out.close(o, stats); err != nil && loopErr == nil {
		loopErr = err
	}
	printSummary(e.stderr, captured.Load(), live.Stats())
	if o.verbose > 0 {
		printSocketStats(e.stderr, live.SocketStats())
	}
	if loopErr != nil {
		return &runtimeError{loopErr}
	}
	return nil
}

// onlyWrites reports whether the capture's packets only go to a file: no
// printing beside -w, no attribution. All of such a capture's work is then
// one goroutine's (a ring block read, encoded and written; the kernel does
// the rest), which oneProcessor suits.
func onlyWrites(o *options) bool {
	return o.writeFile != "" && !o.print && !o.attr.enabled()
}

// oneProcessor lets one goroutine run at a time (GOMAXPROCS 1) and returns
// the setting before, unless the environment's GOMAXPROCS decides. With a
// second P idle, each wake-up of the reader and each long system call
// (the ring's setup, the socket's close) starts a thread spinning for work
// that is not there, or hands the P over to one: an idle capture's
// task-clock, 30 runs alternating with the build before, 9.88 -> 9.14 ms
// with --pcap, 14.28 -> 13.62 ms with --hook tc (BENCHMARKS.md, "Fixed
// cost").
func oneProcessor() int {
	if os.Getenv("GOMAXPROCS") != "" {
		return runtime.GOMAXPROCS(0)
	}
	return runtime.GOMAXPROCS(1)
}

// liveOptions turns the command line into the capture's options: the
// interfaces, -y's check against them, direction, engine, fanout, and the
// filter, compiled once up front so that a bad expression is reported
// with the compiler's message before any socket is opened.
func liveOptions(e *env, o *options) (capture.Options, error) {
	names := o.interfaces
	if len(names) == 0 {
		def, err := defaultInterface()
		if err != nil {
			return capture.Options{}, &runtimeError{err}
		}
		names = []string{def}
	}
	// The link type of the first interface (its default, or -y's), for
	// compiling the filter before anything is opened.
	captureLinkType, _, err := capture.InterfaceLinkTypes(names[0])
	if err != nil {
		return capture.Options{}, &runtimeError{captureError(err)}
	}
	lt, explicit, err := linkTypeOption(o)
	if err != nil {
		return capture.Options{}, err
	}
	if explicit {
		for _, name := range names {
			if _, offered, err := capture.InterfaceLinkTypes(name); err == nil && !slices.Contains(offered, lt) {
				return capture.Options{}, usagef("-y %s: %s does not offer it (see gocap -L -i %s)", o.linkType, name, name)
			}
		}
		captureLinkType = lt
	}
	copts := capture.Options{
		Interfaces:  names,
		SnapLen:     int(o.snap()),
		BufferSize:  o.bufferKiB * 1024,
		Immediate:   o.immediate,
		NoPromisc:   o.noPromisc,
		Warnings:    prefixWriter{w: e.stderr},
		VerifierLog: o.verbose > 0,
	}
	if explicit {
		copts.LinkType = lt
	}
	switch o.direction {
	case "in":
		copts.Direction = capture.DirIn
	case "out":
		copts.Direction = capture.DirOut
	}
	if o.hook == "tc" {
		copts.Hook = capture.HookTC
	}
	if err := setFanout(o, &copts); err != nil {
		return capture.Options{}, err
	}
	if o.expr != "" {
		// Compiled here to report a bad expression before any socket
		// opens; the capture asks again for its link type, usually the
		// same one, and gets this program without a second compile.
		checked, err := compileExpr(o, captureLinkType, o.snap(), true)
		if err != nil {
			return capture.Options{}, &runtimeError{err}
		}
		copts.Filter = func(lt linktype.Type, snap uint32) ([]bpf.RawInstruction, error) {
			if lt == captureLinkType && snap == o.snap() {
				return slices.Clone(checked), nil
			}
			return compileExpr(o, lt, snap, true)
		}
	}
	return copts, nil
}

// liveOutput is where a live capture's packets go: the -w writer (with an
// output interface per captured one, and cookers when every packet is
// written as LINUX_SLL2), the printer, or both.
type liveOutput struct {
	w       pcapng.PacketWriter
	pr      *printer.Printer
	cookers []*cooker // per interface, when every packet is written cooked
	outIDs  []int     // capture interface -> writer interface
	status  bool      // the status line on a terminal's stderr
	written atomic.Int64
}

// openLiveOutput opens the -w writer, then starts gocap -- COMMAND and
// drops privileges (-Z) once the files are open, then sets up the printer
// and the writer's interfaces. The context it returns ends with the
// command or a signal.
func openLiveOutput(e *env, o *options, ifaces []capture.Interface, att *liveAttribution, stats *liveStats) (out *liveOutput, ctx context.Context, err error) {
	out = &liveOutput{outIDs: make([]int, len(ifaces))}
	if o.writeFile != "" {
		if out.w, err = openWriter(e, o, stats.forInterface); err != nil {
			return nil, nil, err
		}
		defer func() {
			if err != nil {
				out.w.Close()
			}
		}()
	}
	// gocap -- COMMAND: the command starts once the capture is open.
	if ctx, err = att.startCommand(e.ctx, e, o); err != nil {
		return nil, nil, err
	}
	if o.user != "" {
		if err = dropPrivileges(o.user); err != nil {
			return nil, nil, err
		}
	}
	if o.writeFile == "" || o.print {
		w := e.stdout
		if o.writeFile == "-" {
			w = e.stderr
		}
		out.pr = newPrinter(e, w, o)
		if o.lineBuf || o.packetBuf || isTerminalWriter(w) {
			out.pr.SetLineBuffered(true)
		}
	}
	if out.w == nil {
		return out, ctx, nil
	}
	if singleLinkTypeOutput(o) && mixedLinkTypes(ifaces) {
		fmt.Fprintf(e.stderr, "gocap: the interfaces have different link types, which -w %s holds one of: writing every packet as LINUX_SLL2 (Linux cooked v2), as -i any captures\n", o.writeFile)
		for _, ifc := range ifaces {
			out.cookers = append(out.cookers, newCooker(ifc))
		}
	}
	for i, ifc := range ifaces {
		desc := liveInterface(ifc, o.expr)
		if out.cookers != nil {
			desc.LinkType = linktype.LinuxSLL2
		}
		if out.outIDs[i], err = out.w.AddInterface(desc); err != nil {
			return nil, nil, fmt.Errorf("writing %s: %w", o.writeFile, err)
		}
	}
	out.status = e.stderrTerminal && o.writeFile != "-"
	return out, ctx, nil
}

// runLive reads until -c, the end of ctx (a signal or the command's exit:
// the capture stops, and what it already holds is still read), or an
// error: in batches when packets only go to a writer that takes them,
// packet by packet otherwise.
func runLive(e *env, o *options, ctx context.Context, live *capture.Live, att *liveAttribution, out *liveOutput, captured *atomic.Uint64) error {
	if out.status {
		defer statusLine(e.stderr, time.Second, live.Stats, captured, &out.written)()
	}
	readCtx, cancelRead := context.WithCancel(context.Background())
	defer cancelRead()
	go func() {
		select {
		case <-ctx.Done():
			live.Stop()
		case <-readCtx.Done():
		}
	}()
	if bw, ok := out.w.(pcapng.BatchWriter); ok && out.pr == nil && out.cookers == nil {
		return writeBatches(live, readCtx, bw, att, o, out.outIDs, captured, out.status, &out.written)
	}
	return readEach(live, readCtx, &sink{e: e, o: o, w: out.w, pr: out.pr, att: att, cookers: out.cookers,
		outID:    func(pkt *capture.Packet) (int, error) { return out.outIDs[pkt.Interface], nil },
		multi:    len(out.outIDs) > 1,
		captured: captured, showStatus: out.status, written: &out.written})
}

// close flushes the printer and ends the file with the capture's final
// counters (a rotating writer asks for them itself for every file it
// closes).
func (out *liveOutput) close(o *options, stats *liveStats) error {
	var err error
	if out.pr != nil {
		if ferr := out.pr.Flush(); ferr != nil {
			err = fmt.Errorf("writing the output: %w", ferr)
		}
	}
	if out.w == nil {
		return err
	}
	// After -W's last file nothing more can be written, and the error
	// says nothing new.
	if serr := out.w.WriteStatistics(out.outIDs[0], stats.now()); serr != nil && err == nil && !errors.Is(serr, rotate.ErrFileLimit) {
		err = fmt.Errorf("writing the statistics to %s: %w", o.writeFile, serr)
	}
	if cerr := out.w.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("closing %s: %w", o.writeFile, cerr)
	}
	return err
}

// readEach reads packet by packet into the sink: the general loop, for
// printing, for writers that take one packet at a time (rotation), for
// packets rewritten as cooked and for process attribution.
func readEach(live *capture.Live, readCtx context.Context, s *sink) error {
	for s.more() {
		// Each packet is written or printed before the next is read, so
		// it need not be copied out of the capture's buffer.
		pkt, err := live.NextPacket(readCtx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return captureError(err)
		}
		if err := s.deliver(&pkt, nil); err != nil {
			if errors.Is(err, errFileLimit) {
				return nil
			}
			return err
		}
	}
	return nil
}

// batchSize is how many packets writeBatches takes from the ring per call.
const batchSize = 256

// writeBatches is the loop of a capture that only writes to a file or a
// pipe: the packets of a ring block go to the writer in batches, so that
// the per-packet work is the ring walk and the record's encoding, with one
// call, lock and counter update per batch. Each batch is written before
// the next is read, so nothing is copied out of the ring.
func writeBatches(live *capture.Live, readCtx context.Context, w pcapng.BatchWriter, att *liveAttribution, o *options, outIDs []int,
	captured *atomic.Uint64, showStatus bool, written *atomic.Int64) error {
	var in [batchSize]capture.Packet
	var out [batchSize]pcapng.Packet
	for o.count == 0 || captured.Load() < uint64(o.count) {
		want := batchSize
		if o.count > 0 {
			want = int(min(int64(want), o.count-int64(captured.Load())))
		}
		if rw, ok := w.(pcapng.RecordWriter); ok && att == nil {
			// Straight from the ring into the writer's buffer.
			k, err := live.WriteNext(readCtx, rw, outIDs, want)
			captured.Add(uint64(k))
			if errors.Is(err, io.EOF) {
				return nil
			}
			if we := (*capture.WriteError)(nil); errors.As(err, &we) {
				return fmt.Errorf("writing %s: %w", o.writeFile, we.Err)
			}
			if err != nil {
				return captureError(err)
			}
			if showStatus {
				written.Store(w.(pcapng.PacketWriter).Size())
			}
			continue
		}
		n, err := live.NextPackets(readCtx, in[:want])
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return captureError(err)
		}
		m := 0 // packets kept: all of them unless processes are selected
		for i := range in[:n] {
			// Field by field: the fields not set here stay zero.
			pkt, rec := &in[i], &out[m]
			if att != nil {
				owner, keep := att.owner(pkt)
				if !keep {
					continue
				}
				rec.Comment = att.comment(owner)
			}
			m++
			rec.InterfaceID = outIDs[pkt.Interface]
			rec.Timestamp, rec.Data, rec.OriginalLength = pkt.Timestamp, pkt.Data, pkt.Length
			rec.Direction, rec.Reception = pkt.RecordDirection()
		}
		k, err := w.WritePackets(out[:m])
		// Counted once written, as in readEach.
		captured.Add(uint64(k))
		if err != nil {
			return fmt.Errorf("writing %s: %w", o.writeFile, err)
		}
		if showStatus {
			written.Store(w.(pcapng.PacketWriter).Size())
		}
	}
	return nil
}

// printSummary is tcpdump's exit summary.
func printSummary(w io.Writer, captured uint64, st capture.Stats) {
	fmt.Fprintf(w, "%d packet%s captured\n", captured, plural(captured))
	fmt.Fprintf(w, "%d packet%s received by filter\n", st.Received, plural(st.Received))
	fmt.Fprintf(w, "%d packet%s dropped by kernel\n", st.Dropped, plural(st.Dropped))
	if st.IfDropped > 0 {
		fmt.Fprintf(w, "%d packet%s dropped by interface\n", st.IfDropped, plural(st.IfDropped))
	}
}

// statusLine prints "N packets captured, D dropped, B bytes written" over
// itself about once a second; the returned function stops it and clears
// the line.
func statusLine(w io.Writer, every time.Duration, stats func() capture.Stats, captured *atomic.Uint64, written *atomic.Int64) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-t.C:
				st := stats()
				fmt.Fprintf(w, "\r\033[K%d packets captured, %d dropped by kernel, %s written",
					captured.Load(), st.Dropped, byteCount(written.Load()))
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

func byteCount(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// captureError adds what to do to the capture package's errors.
func captureError(err error) error {
	switch {
	case errors.Is(err, capture.ErrPermission):
		return err // already names the capability and how to grant it
	case errors.Is(err, capture.ErrNoSuchInterface):
		return fmt.Errorf("%w; list the interfaces with gocap -D", err)
	case errors.Is(err, capture.ErrInterfaceDown):
		return fmt.Errorf("%w; bring it up (ip link set IFACE up) or choose another with -i", err)
	}
	return err
}

// prefixWriter prefixes each warning with "gocap: warning: ".
type prefixWriter struct{ w io.Writer }

func (p prefixWriter) Write(b []byte) (int, error) {
	s := strings.TrimRight(string(b), "\n")
	if _, err := fmt.Fprintf(p.w, "gocap: warning: %s\n", s); err != nil {
		return 0, err
	}
	return len(b), nil
}
