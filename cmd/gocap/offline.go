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
	var filter capture.CompileFunc
	if o.expr != "" {
		filter = func(lt linktype.Type, snap uint32) ([]bpf.RawInstruction, error) {
			p, err := compileExpr(o, lt, snap, false)
			if err != nil {
				return nil, &compileError{err}
			}
			return p, nil
		}
	}
	name := o.readFile
	var in io.Reader = e.stdin
	if name != "-" {
		fh, err := os.Open(name)
		if err != nil {
			return &runtimeError{fmt.Errorf("-r: %w", err)}
		}
		defer fh.Close()
		in = fh
	}
	f, err := capture.NewFile(in, filter, 0)
	if err != nil {
		return &runtimeError{fmt.Errorf("reading %s: %w", name, err)}
	}
	defer f.Close()
	// offlineError keeps the messages of the compiler and the filter and
	// names the file in reading errors.
	offlineError := func(err error) error {
		var ce *compileError
		switch {
		case errors.As(err, &ce):
			return ce.err
		case errors.Is(err, capture.ErrFilterRun):
			return err
		}
		return fmt.Errorf("reading %s: %w", name, err)
	}
	// tcpdump's first line on stderr; a pcapng file may declare its first
	// interface only after other blocks, so it can come with the first packet.
	announced := false
	announce := func() error {
		ifc, ok := f.FileInterface(0)
		if !ok || announced {
			return nil
		}
		announced = true
		fmt.Fprintf(e.stderr, "reading from file %s, link-type %s, snapshot length %d\n", name,
			linkTypeText(ifc.LinkType), ifc.SnapLen)
		if o.expr == "" {
			return nil
		}
		// Compile before reading on, so a bad expression fails at once.
		return f.Compile(ifc.LinkType, ifc.SnapLen)
	}
	if err := announce(); err != nil {
		return &runtimeError{offlineError(err)}
	}

	var captured atomic.Uint64
	s := &sink{e: e, o: o, captured: &captured}
	if o.writeFile != "" {
		if s.w, err = openWriter(e, o, nil); err != nil {
			return &runtimeError{err}
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

	var loopErr error
	for s.more() {
		if e.ctx.Err() != nil {
			break
		}
		pkt, err := f.NextPacket(e.ctx)
		// Packets read so far may have declared the interface even when
		// the filter selected none of them.
		if aerr := announce(); err == nil {
			err = aerr
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			loopErr = offlineError(err)
			break
		}
		// The packet as the file holds it, whatever the filter returned.
		rec := f.Record()
		pkt.Data = rec.Data
		if err := s.deliver(&pkt, rec); err != nil {
			if !errors.Is(err, errFileLimit) {
				loopErr = err
			}
			break
		}
	}
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

// compileError marks the compiler's error, which -r shows as it is.
type compileError struct{ err error }

func (c *compileError) Error() string { return c.err.Error() }
func (c *compileError) Unwrap() error { return c.err }
