package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"golang.org/x/net/bpf"
)

// readOffline is -r: read a pcap or pcapng file (or stdin), filter it in
// userspace with offline semantics, and print it, count it, or write it
// with -w. It needs no privileges.
func readOffline(e *env, o *options) error {
	var in io.Reader
	name := o.readFile
	if name == "-" {
		in = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return &runtimeError{fmt.Errorf("-r: %w", err)}
		}
		defer f.Close()
		in = f
	}
	r, err := pcapng.Open(in)
	if err != nil {
		return &runtimeError{fmt.Errorf("reading %s: %w", name, err)}
	}
	// tcpdump's first line on stderr; a pcapng file may declare its first
	// interface only after other blocks, so it can come with the first packet.
	announced := false
	announce := func(ifc pcapng.Interface) {
		if !announced {
			announced = true
			fmt.Fprintf(e.stderr, "reading from file %s, link-type %s, snapshot length %d\n", name,
				linkTypeText(ifc.LinkType), ifc.SnapLen)
		}
	}
	ifaces := r.Interfaces()
	if len(ifaces) > 0 {
		announce(ifaces[0])
	}

	// The filter is compiled per link type: a pcapng file may mix them.
	progs := map[linktype.Type][]bpf.RawInstruction{}
	filterFor := func(lt linktype.Type, snap uint32) ([]bpf.RawInstruction, error) {
		if o.expr == "" {
			return nil, nil
		}
		if p, ok := progs[lt]; ok {
			return p, nil
		}
		p, err := compileExpr(o, lt, snap, false)
		if err != nil {
			return nil, err
		}
		progs[lt] = p
		return p, nil
	}
	if len(ifaces) > 0 {
		// Compile before reading, so a bad expression fails at once.
		if _, err := filterFor(linktype.Type(ifaces[0].LinkType), ifaces[0].SnapLen); err != nil {
			return &runtimeError{err}
		}
	}

	var w pcapng.PacketWriter
	outIDs := map[int]int{} // reader interface id -> writer id
	if o.writeFile != "" {
		if w, err = openWriter(e, o, nil); err != nil {
			return &runtimeError{err}
		}
	}
	var pr *printer.Printer
	if !o.countOnly && (o.writeFile == "" || o.print) {
		out := e.stdout
		if o.writeFile == "-" {
			out = e.stderr // stdout carries the capture
		}
		pr = newPrinter(e, out, o)
	}

	var matched uint64
	var loopErr error
	for o.count == 0 || matched < uint64(o.count) {
		if e.ctx.Err() != nil {
			break
		}
		pkt, err := r.ReadPacket()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			loopErr = fmt.Errorf("reading %s: %w", name, err)
			break
		}
		announce(interfaceOf(r, pkt.InterfaceID, pkt.LinkType))
		lt := pkt.LinkType
		prog, err := filterFor(lt, snapOf(r, pkt.InterfaceID))
		if err != nil {
			loopErr = err
			break
		}
		if prog != nil {
			ret, _, err := cbpf.Run(prog, pkt.Data, &cbpf.Metadata{WireLen: uint32(pkt.WireLength())})
			if err != nil {
				loopErr = fmt.Errorf("running the filter: %w", err)
				break
			}
			if ret == 0 {
				continue
			}
		}
		matched++
		if w != nil {
			id, ok := outIDs[pkt.InterfaceID]
			if !ok {
				ifc := interfaceOf(r, pkt.InterfaceID, pkt.LinkType)
				ifc.Filter = o.expr
				if id, err = w.AddInterface(ifc); err != nil {
					loopErr = fmt.Errorf("writing %s: %w", o.writeFile, err)
					break
				}
				outIDs[pkt.InterfaceID] = id
			}
			out := pkt
			out.InterfaceID = id
			if err := w.WritePacket(out); err != nil {
				loopErr = fmt.Errorf("writing %s: %w", o.writeFile, err)
				break
			}
		}
		if pr != nil {
			if err := pr.Print(&printer.Packet{Time: pkt.Timestamp, Data: pkt.Data, Length: pkt.WireLength(), LinkType: lt}); err != nil {
				loopErr = fmt.Errorf("writing the output: %w", err)
				break
			}
		}
	}
	if pr != nil {
		if err := pr.Flush(); err != nil && loopErr == nil {
			loopErr = fmt.Errorf("writing the output: %w", err)
		}
	}
	if w != nil {
		if err := w.Close(); err != nil && loopErr == nil {
			loopErr = fmt.Errorf("closing %s: %w", o.writeFile, err)
		}
	}
	if o.countOnly {
		fmt.Fprintf(e.stdout, "%d packet%s\n", matched, plural(matched))
	}
	if loopErr != nil {
		return &runtimeError{loopErr}
	}
	return nil
}

func snapOf(r pcapng.Reader, id int) uint32 {
	ifs := r.Interfaces()
	if id >= 0 && id < len(ifs) {
		return ifs[id].SnapLen
	}
	return 0
}

func interfaceOf(r pcapng.Reader, id int, lt linktype.Type) pcapng.Interface {
	ifs := r.Interfaces()
	if id >= 0 && id < len(ifs) {
		return ifs[id]
	}
	return pcapng.Interface{LinkType: lt}
}
