package capture

import (
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
// must compile without live-Linux extensions, as tcpdump -r does).
type File struct {
	r       pcapng.Reader
	closer  io.Closer
	filter  CompileFunc
	snapLen int
	progs   map[linktype.Type][]bpf.RawInstruction
	stopped atomic.Bool
	read    atomic.Uint64
	matched atomic.Uint64
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
	return &File{r: pr, filter: filter, snapLen: snapLen, progs: map[linktype.Type][]bpf.RawInstruction{}}, nil
}

// Interfaces implements Source: the interfaces of the current section.
func (f *File) Interfaces() []Interface {
	var out []Interface
	for _, i := range f.r.Interfaces() {
		out = append(out, Interface{Name: i.Name, LinkType: i.LinkType, SnapLen: int(i.SnapLen), Filtering: "userspace"})
	}
	return out
}

// program returns the filter for a link type, compiling it on first use
// (pcapng files can mix link types).
func (f *File) program(lt linktype.Type) ([]bpf.RawInstruction, error) {
	if f.filter == nil {
		return nil, nil
	}
	if p, ok := f.progs[lt]; ok {
		return p, nil
	}
	p, err := f.filter(lt, DefaultSnapLen)
	if err != nil {
		return nil, fmt.Errorf("compile filter for %s: %w", lt, err)
	}
	f.progs[lt] = p
	return p, nil
}

// ReadPacket implements Source.
func (f *File) ReadPacket(ctx context.Context) (Packet, error) {
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
		lt := p.LinkType
		prog, err := f.program(lt)
		if err != nil {
			return Packet{}, err
		}
		data := p.Data
		if prog != nil {
			ret, _, err := cbpf.Run(prog, data, &cbpf.Metadata{WireLen: uint32(p.WireLength())})
			if err != nil {
				return Packet{}, fmt.Errorf("filter: %w", err)
			}
			if ret == 0 {
				continue
			}
			if int64(ret) < int64(len(data)) {
				data = data[:ret]
			}
		}
		if f.snapLen > 0 && len(data) > f.snapLen {
			data = data[:f.snapLen]
		}
		f.matched.Add(1)
		name := ""
		if ifs := f.r.Interfaces(); p.InterfaceID >= 0 && p.InterfaceID < len(ifs) {
			name = ifs[p.InterfaceID].Name
		}
		return Packet{
			Timestamp: p.Timestamp,
			Data:      append([]byte(nil), data...),
			Length:    p.WireLength(),
			LinkType:  lt,
			IfName:    name,
			Interface: p.InterfaceID,
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
