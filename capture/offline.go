package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// File is a Source reading a pcap or pcapng capture file. The filter runs
// in userspace with offline semantics (the CompileFunc given to OpenFile
// must compile without live-Linux extensions, as tcpdump -r does), compiled
// for each link type the file holds with its interface's snapshot length,
// as pcap_compile does for a savefile.
type File struct {
	r       pcapng.Reader
	closer  io.Closer
	filter  CompileFunc
	snapLen int
	progs   map[progKey][]bpf.RawInstruction
	rec     pcapng.Packet // the record of the last packet
	ifaces  pcapng.FileInterfaces
	stopped atomic.Bool
	read    atomic.Uint64
	matched atomic.Uint64
}

// ErrFilterRun marks the error of a filter program that failed on a
// packet (a program gocap compiled never does).
var ErrFilterRun = errors.New("running the filter")

// progKey is what a compiled filter depends on.
type progKey struct {
	lt   linktype.Type
	snap uint32
}

// OpenFile opens a capture file for reading; "-" reads standard input.
// filter may be nil (everything matches); snapLen 0 keeps packets whole.
func OpenFile(path string, filter CompileFunc, snapLen int) (*File, error) {
	var rc io.ReadCloser = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err // *PathError names the file
		}
		rc = f
	}
	src, err := NewFile(rc, filter, snapLen)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	src.closer = rc
	return src, nil
}

// NewFile reads a capture from r.
func NewFile(r io.Reader, filter CompileFunc, snapLen int) (*File, error) {
	pr, err := pcapng.Open(r)
	if err != nil {
		return nil, err
	}
	return &File{r: pr, filter: filter, snapLen: snapLen, progs: map[progKey][]bpf.RawInstruction{}}, nil
}

// Interfaces implements Source: the interfaces of the current section
// known so far (a pcapng file may describe an interface just before its
// first packet).
func (f *File) Interfaces() []Interface {
	var out []Interface
	for _, i := range f.r.Interfaces() {
		out = append(out, Interface{Name: i.Name, LinkType: i.LinkType, SnapLen: int(i.SnapLen), Filtering: "userspace"})
	}
	return out
}

// FileInterface is the file's own description of interface id (its
// options, time stamp resolution, ...), for writing packets out as they
// were recorded. Packet.Interface numbers the interfaces across the
// file's sections (pcapng.FileInterfaces); before the first packet, id
// is the first section's.
func (f *File) FileInterface(id int) (pcapng.Interface, bool) {
	if f.ifaces.Len() > 0 {
		return f.ifaces.Interface(id)
	}
	ifs := f.r.Interfaces()
	if id < 0 || id >= len(ifs) {
		return pcapng.Interface{}, false
	}
	return ifs[id], true
}

// Record is the file's record of the packet NextPacket or ReadPacket
// returned last (flags, comments, drop count as stored), valid until the
// next call.
func (f *File) Record() *pcapng.Packet { return &f.rec }

// Compile compiles the filter for a link type and snapshot length, as
// ReadPacket will: a program can check the expression before reading.
func (f *File) Compile(lt linktype.Type, snap uint32) error {
	_, err := f.program(lt, snap)
	return err
}

// program returns the filter for a link type, compiling it on first use
// (pcapng files can mix link types).
func (f *File) program(lt linktype.Type, snap uint32) ([]bpf.RawInstruction, error) {
	if f.filter == nil {
		return nil, nil
	}
	key := progKey{lt, snap}
	if p, ok := f.progs[key]; ok {
		return p, nil
	}
	p, err := f.filter(lt, snap)
	if err != nil {
		return nil, fmt.Errorf("compile filter for %s: %w", lt, err)
	}
	f.progs[key] = p
	return p, nil
}

// ReadPacket implements Source.
func (f *File) ReadPacket(ctx context.Context) (Packet, error) {
	p, err := f.NextPacket(ctx)
	if err == nil {
		p.Data = bytes.Clone(p.Data)
	}
	return p, err
}

// NextPacket is ReadPacket without the copy: Data is valid until the next
// call of NextPacket or ReadPacket.
func (f *File) NextPacket(ctx context.Context) (Packet, error) {
	for {
		if f.stopped.Load() {
			return Packet{}, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return Packet{}, err
		}
		p, err := f.r.ReadPacket()
		if err != nil {
			return Packet{}, err
		}
		f.read.Add(1)
		var snap uint32
		name := ""
		id, _, ok := f.ifaces.Number(f.r, p.InterfaceID)
		if ifc, known := f.ifaces.Interface(id); ok && known {
			snap, name = ifc.SnapLen, ifc.Name
		}
		prog, err := f.program(p.LinkType, snap)
		if err != nil {
			return Packet{}, err
		}
		data := p.Data
		if prog != nil {
			ret, _, err := cbpf.Run(prog, data, &cbpf.Metadata{WireLen: uint32(p.WireLength())})
			if err != nil {
				return Packet{}, fmt.Errorf("%w: %w", ErrFilterRun, err)
			}
			if ret == 0 {
				continue
			}
			if int64(ret) < int64(len(data)) {
				// The program returns the snapshot length: a packet the
				// file holds beyond it is cut there, as libpcap cuts it
				// when it reads such a file.
				data = data[:ret]
			}
		}
		f.rec = p
		if f.snapLen > 0 && len(data) > f.snapLen {
			data = data[:f.snapLen]
		}
		f.matched.Add(1)
		return Packet{
			Timestamp: p.Timestamp,
			Data:      data,
			Length:    p.WireLength(),
			LinkType:  p.LinkType,
			IfName:    name,
			Interface: id,
			Direction: fileDirection(p.Direction, p.Reception),
		}, nil
	}
}

// fileDirection maps pcapng's epb_flags to a Direction.
func fileDirection(d pcapng.Direction, r pcapng.Reception) Direction {
	switch d {
	case pcapng.DirectionOutbound:
		return DirOutgoing
	case pcapng.DirectionInbound:
		switch r {
		case pcapng.ReceptionBroadcast:
			return DirBroadcast
		case pcapng.ReceptionMulticast:
			return DirMulticast
		case pcapng.ReceptionPromiscuous:
			return DirOtherHost
		}
		return DirIncoming
	}
	return DirUnknown
}

// Stats implements Source: Received counts packets read from the file,
// Matched those that passed the filter.
func (f *File) Stats() Stats {
	return Stats{Received: f.read.Load(), Matched: f.matched.Load()}
}

// Stop implements Source.
func (f *File) Stop() { f.stopped.Store(true) }

// Close implements Source.
func (f *File) Close() error {
	f.Stop()
	if f.closer != nil {
		err := f.closer.Close()
		f.closer = nil
		if err != nil && !errors.Is(err, os.ErrClosed) {
			return err
		}
	}
	return nil
}

// Interface check.
var (
	_ Source = (*Live)(nil)
	_ Source = (*File)(nil)
)
