package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// readOffline is -r: read a pcap or pcapng file (or stdin) through
// capture.File, which filters it in userspace with offline semantics, and
// deliver the packets to the sink live capture uses: print them, count
// them, or write them with -w. It needs no privileges.
func readOffline(e *env, o *options) error {
	in, closeIn, err := openSavefile(e, o.readFile)
	if err != nil {
		return &runtimeError{err}
	}
	defer closeIn()
	f, err := capture.NewFile(in, offlineFilter(o), 0)
	if err != nil {
		return &runtimeError{fmt.Errorf("reading %s: %w", o.readFile, err)}
	}
	defer f.Close()
	r := &offlineReader{e: e, o: o, f: f}
	if err := r.announce(); err != nil {
		return &runtimeError{r.error(err)}
	}
	var captured atomic.Uint64
	s, err := offlineSink(e, o, f, &captured)
	if err != nil {
		return &runtimeError{err}
	}
	loopErr := r.deliverAll(s)
	if s.pr != nil {
		if err := s.pr.Flush(); err != nil && loopErr == nil {
			loopErr = fmt.Errorf("writing the output: %w", err)
		}
	}
	if s.w != nil {
		if err := s.w.Close(); err != nil && loopErr == nil {
			loopErr = fmt.Errorf("closing %s: %w", o.writeFile, err)
		}
	}
	if o.countOnly {
		n := captured.Load()
		fmt.Fprintf(e.stdout, "%d packet%s\n", n, plural(n))
	}
	if loopErr != nil {
		return &runtimeError{loopErr}
	}
	return nil
}

// openSavefile opens -r's file, or stdin for "-".
func openSavefile(e *env, name string) (io.Reader, func(), error) {
	if name == "-" {
		return e.stdin, func() {}, nil
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("-r: %w", err)
	}
	return fh, func() { fh.Close() }, nil
}

// offlineFilter compiles the expression with offline semantics for each
// link type the file declares; nil without an expression.
func offlineFilter(o *options) capture.CompileFunc {
	if o.expr == "" {
		return nil
	}
	return func(lt linktype.Type, snap uint32) ([]bpf.RawInstruction, error) {
		p, err := compileExpr(o, lt, snap, false)
		if err != nil {
			return nil, &compileError{err}
		}
		return p, nil
	}
}

// offlineSink is the sink of -r: the -w writer, which gets an interface
// for each of the file's interfaces as its first packet comes, and the
// printer unless only writing or counting.
func offlineSink(e *env, o *options, f *capture.File, captured *atomic.Uint64) (*sink, error) {
	s := &sink{e: e, o: o, captured: captured}
	if o.writeFile != "" {
		var err error
		if s.w, err = openWriter(e, o, nil); err != nil {
			return nil, err
		}
		outIDs := map[int]int{} // file interface -> writer interface
		s.outID = func(pkt *capture.Packet) (int, error) {
			if id, ok := outIDs[pkt.Interface]; ok {
				return id, nil
			}
			ifc, ok := f.FileInterface(pkt.Interface)
			if !ok {
				ifc = pcapng.Interface{LinkType: pkt.LinkType}
			}
			ifc = ifc.Writable()
			ifc.Filter = o.expr
			id, err := s.w.AddInterface(ifc)
			outIDs[pkt.Interface] = id
			return id, err
		}
	}
	if !o.countOnly && (o.writeFile == "" || o.print) {
		out := e.stdout
		if o.writeFile == "-" {
			out = e.stderr // stdout carries the capture
		}
		s.pr = newPrinter(e, out, o)
	}
	return s, nil
}

// offlineReader reads -r's packets and says tcpdump's first line.
type offlineReader struct {
	e         *env
	o         *options
	f         *capture.File
	announced bool
}

// announce prints tcpdump's "reading from file" line on stderr once the
// file has declared its first interface (a pcapng file may declare it
// only after other blocks, so it can come with the first packet), and
// compiles the filter for it, so that a bad expression fails at once.
func (r *offlineReader) announce() error {
	ifc, ok := r.f.FileInterface(0)
	if !ok || r.announced {
		return nil
	}
	r.announced = true
	fmt.Fprintf(r.e.stderr, "reading from file %s, link-type %s, snapshot length %d\n", r.o.readFile,
		linkTypeText(ifc.LinkType), ifc.SnapLen)
	if r.o.expr == "" {
		return nil
	}
	return r.f.Compile(ifc.LinkType, ifc.SnapLen)
}

// error keeps the messages of the compiler and the filter and names the
// file in reading errors.
func (r *offlineReader) error(err error) error {
	var ce *compileError
	switch {
	case errors.As(err, &ce):
		return ce.err
	case errors.Is(err, capture.ErrFilterRun):
		return err
	}
	return fmt.Errorf("reading %s: %w", r.o.readFile, err)
}

// deliverAll hands every packet the filter selects to the sink, as the
// file holds it, until the end of the file, -c, -W's last file or a
// signal.
func (r *offlineReader) deliverAll(s *sink) error {
	for s.more() {
		if r.e.ctx.Err() != nil {
			return nil
		}
		pkt, err := r.f.NextPacket(r.e.ctx)
		// Packets read so far may have declared the interface even when
		// the filter selected none of them.
		if aerr := r.announce(); err == nil {
			err = aerr
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return r.error(err)
		}
		// The packet as the file holds it, whatever the filter returned.
		rec := r.f.Record()
		pkt.Data = rec.Data
		if err := s.deliver(&pkt, rec); err != nil {
			if errors.Is(err, errFileLimit) {
				return nil
			}
			return err
		}
	}
	return nil
}

// compileError marks the compiler's error, which -r shows as it is.
type compileError struct{ err error }

func (c *compileError) Error() string { return c.err.Error() }
func (c *compileError) Unwrap() error { return c.err }
