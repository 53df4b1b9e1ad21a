package pcapng

import (
	"fmt"
	"io"
	"time"
)

// Classic pcap magic numbers, as written in the file's first four bytes.
const (
	magicMicro = 0xa1b2c3d4
	magicNano  = 0xa1b23c4d
	// Alexey Kuznetzov's modified pcap: 8 more bytes per record header.
	magicModified = 0xa1b2cd34
)

// defaultSnapLen is what a classic pcap header says when no snap length was
// given (libpcap's MAXIMUM_SNAPLEN).
const defaultSnapLen = 262144

// PcapWriter writes classic pcap: one link type, one snap length, and no
// room for interface names, directions, comments or statistics.
type PcapWriter struct {
	output
	ifaces  []Interface
	snaplen uint32
	enc     Encoder // lays out the records for WriteRecords
}

var _ PacketWriter = (*PcapWriter)(nil)

// NewPcapWriter returns a classic pcap writer. The file header is written
// with the first interface, which fixes the link type and snap length.
func NewPcapWriter(w io.Writer, opts WriterOptions) *PcapWriter {
	return &PcapWriter{output: newOutput(w, FormatPcap, opts)}
}

func (w *PcapWriter) Format() Format { return FormatPcap }

// AddInterface writes the file header for the first interface; later ones
// must have the same link type, and share the first one's snap length.
func (w *PcapWriter) AddInterface(ifc Interface) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return 0, err
	}
	if len(w.ifaces) > 0 {
		if ifc.LinkType != w.ifaces[0].LinkType {
			return 0, fmt.Errorf("pcap: interface %q has link type %v, the file %v: %w",
				ifc.Name, ifc.LinkType, w.ifaces[0].LinkType, ErrMixedLinkTypes)
		}
		w.ifaces = append(w.ifaces, ifc)
		return len(w.ifaces) - 1, nil
	}
	w.snaplen = ifc.SnapLen
	if w.snaplen == 0 {
		w.snaplen = defaultSnapLen
	}
	w.enc = Encoder{snapLen: w.snaplen, micro: w.opts.Micro}
	magic := uint32(magicNano)
	if w.opts.Micro {
		magic = magicMicro
	}
	buf := w.b.buf
	buf = ne.AppendUint32(buf, magic)
	buf = ne.AppendUint16(buf, 2) // version 2.4
	buf = ne.AppendUint16(buf, 4)
	buf = ne.AppendUint32(buf, 0) // thiszone
	buf = ne.AppendUint32(buf, 0) // sigfigs
	buf = ne.AppendUint32(buf, w.snaplen)
	buf = ne.AppendUint32(buf, fileValue(ifc.LinkType))
	w.b.buf = buf
	w.ifaces = append(w.ifaces, ifc)
	if err := w.b.endBlock(); err != nil {
		return 0, err
	}
	if w.opts.FlushEachPacket {
		if err := w.b.flush(); err != nil {
			return 0, err
		}
	}
	return 0, nil
}

// WritePacket appends a record: a batch of one, with the same lock,
// checks and flush. Direction, reception, comments and drop counts have
// no place in classic pcap and are dropped.
func (w *PcapWriter) WritePacket(p Packet) error {
	one := [1]Packet{p}
	_, err := w.WritePackets(one[:])
	return err
}

// WritePackets implements BatchWriter.
func (w *PcapWriter) WritePackets(ps []Packet) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return 0, err
	}
	for i := range ps {
		if err := w.appendPacket(&ps[i]); err != nil {
			return i, err
		}
	}
	return len(ps), w.flushEach()
}

// appendPacket appends p's record: the 16-byte header, then the data.
func (w *PcapWriter) appendPacket(p *Packet) error {
	if p.InterfaceID < 0 || p.InterfaceID >= len(w.ifaces) {
		return fmt.Errorf("pcap: no interface with id %d (%d declared)", p.InterfaceID, len(w.ifaces))
	}
	data := p.Data
	if uint32(len(data)) > w.snaplen {
		data = data[:w.snaplen]
	}
	orig := p.WireLength()
	if orig < len(data) {
		orig = len(data)
	}
	sec, frac := splitTime(p.Timestamp, w.opts.Micro)
	w.b.buf = appendPcapRecord(w.b.buf, sec, frac, data, orig)
	return w.b.endBlock()
}

// splitTime gives a record's 32-bit seconds and fraction; times outside
// 1970..2106 are clamped, as the format cannot hold them.
func splitTime(t time.Time, micro bool) (uint32, uint32) {
	sec := t.Unix()
	switch {
	case sec < 0:
		return 0, 0
	case sec > 0xffffffff:
		sec = 0xffffffff
	}
	frac := uint32(t.Nanosecond())
	if micro {
		frac /= 1000
	}
	return uint32(sec), frac
}

// WriteStatistics is accepted and ignored: classic pcap has no statistics.
func (w *PcapWriter) WriteStatistics(id int, s Stats) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	if id < 0 || id >= len(w.ifaces) {
		return fmt.Errorf("pcap: no interface with id %d (%d declared)", id, len(w.ifaces))
	}
	return nil
}

// Close flushes. A file whose interface never came has no header and is
// left empty.
func (w *PcapWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	return w.b.flush()
}
