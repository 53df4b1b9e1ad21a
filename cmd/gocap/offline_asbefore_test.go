package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// TestOfflineAsBefore: -r through capture.File and the shared sink prints,
// counts and writes exactly what gocap's own reading loop did before, on
// every capture of tcpdump's test suite, with and without filters (some of
// which do not compile for some link types), printed in several ways and
// written out as pcapng and pcap.
func TestOfflineAsBefore(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/tcpdump/*.pcap*")
	if len(files) == 0 {
		t.Fatal("no captures in ../shared/corpus/tcpdump")
	}
	flagSets := [][]string{
		{"-n"}, {"-n", "-e", "-vv", "-x"}, {"-n", "-c", "3", "tcp or udp"}, {"--count", "ip or ip6 or arp"},
		{"-n", "-q", "not vlan"}, {"-n", "ether[0] & 1 = 0"}, {"-n", "wlan type data"},
	}
	compared := 0
	for _, file := range files {
		for i, flags := range flagSets {
			for _, w := range []string{"", "out.pcapng", "out.pcap"} {
				if w != "" && i > 1 {
					continue
				}
				args := append([]string{"-r", file}, flags...)
				dir := t.TempDir()
				if w != "" {
					args = append([]string{"-w", filepath.Join(dir, w)}, args...)
				}
				got, gotFile := offlineRun(t, args, readOffline, dir, w)
				want, wantFile := offlineRun(t, args, referenceOffline, dir, w)
				if got != want || !bytes.Equal(gotFile, wantFile) {
					t.Errorf("gocap %q:\n got %.300q\nwant %.300q (written files equal: %v)", args, got, want, bytes.Equal(gotFile, wantFile))
				}
				compared++
			}
		}
	}
	t.Logf("%d runs over %d captures compared", compared, len(files))
}

// offlineRun runs one -r with the given implementation and returns what it
// printed (stdout, stderr, exit error) and the file it wrote.
func offlineRun(t *testing.T, args []string, read func(*env, *options) error, dir, w string) (string, []byte) {
	t.Helper()
	o, err := parseArgs(args)
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: bytes.NewReader(nil), stdout: &out, stderr: &errb, loc: time.UTC}
	err = read(e, o)
	var written []byte
	if w != "" {
		written, _ = os.ReadFile(filepath.Join(dir, w))
		os.Remove(filepath.Join(dir, w))
	}
	return fmt.Sprintf("stdout %q stderr %q err %v", out.String(), errb.String(), err), written
}

// referenceOffline is -r as gocap read files before it went through
// capture.File and the sink it shares with live capture: the oracle of
// TestOfflineAsBefore.
func referenceOffline(e *env, o *options) error {
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
		announce(refInterfaceOf(r, pkt.InterfaceID, pkt.LinkType))
		lt := pkt.LinkType
		prog, err := filterFor(lt, refSnapOf(r, pkt.InterfaceID))
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
				ifc := refInterfaceOf(r, pkt.InterfaceID, pkt.LinkType)
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

func refSnapOf(r pcapng.Reader, id int) uint32 {
	ifs := r.Interfaces()
	if id >= 0 && id < len(ifs) {
		return ifs[id].SnapLen
	}
	return 0
}

func refInterfaceOf(r pcapng.Reader, id int, lt linktype.Type) pcapng.Interface {
	ifs := r.Interfaces()
	if id >= 0 && id < len(ifs) {
		return ifs[id]
	}
	return pcapng.Interface{LinkType: lt}
}
