package pcapng

import (
	"fmt"
	"io"
	"time"
)

// WriterOptions configure both writers.
type WriterOptions struct {
	// Hardware, OS and UserApplication fill shb_hardware, shb_os and
	// shb_userappl; empty means the host's CPU, "Linux <release>" and
	// "gocap <Version>". Comment is the section's opt_comment.
	Hardware, OS, UserApplication, Comment string
	// FlushEachPacket writes every packet out at once (-U): a reader at
	// the other end of a pipe sees it immediately.
	FlushEachPacket bool
	// BufferSize is the size at which the buffer is written out; 0 means
	// 256 KiB.
	BufferSize int
	// LibpcapCompatible makes a pcapng stream readable by libpcap (tcpdump
	// -r): every interface must have the first one's link type
	// (AddInterface fails with ErrMixedLinkTypes otherwise) and all are
	// declared with the first one's snap length. See doc.go.
	LibpcapCompatible bool
	// Micro selects microsecond timestamps for classic pcap (magic
	// 0xa1b2c3d4); the default is nanoseconds (0xa1b23c4d).
	Micro bool
}

// Writer writes a pcapng file: one section, interfaces declared as they
// come, Enhanced Packet Blocks, and Interface Statistics Blocks at Close.
type Writer struct {
	output
	ifaces []writerIface
}

type writerIface struct {
	Interface
	nanos bool    // if_tsresol 9; otherwise 6
	stats *Stats  // latest WriteStatistics, written at Close
	enc   Encoder // lays out its records for WriteRecords
}

var _ PacketWriter = (*Writer)(nil)

// NewWriter starts a pcapng section on w. The Section Header Block is
// buffered like everything else: call Flush to push it out early.
func NewWriter(w io.Writer, opts WriterOptions) (*Writer, error) {
	nw := &Writer{output: newOutput(w, FormatPcapng, opts)}
	if opts.Hardware == "" {
		nw.opts.Hardware = cachedHardware()
	}
	if opts.OS == "" {
		nw.opts.OS = cachedOS()
	}
	if opts.UserApplication == "" {
		nw.opts.UserApplication = "gocap " + Version
	}
	buf, start := beginBlock(nw.b.buf, blockSHB)
	buf = ne.AppendUint32(buf, byteOrderMagic)
	buf = ne.AppendUint16(buf, 1)          // major
	buf = ne.AppendUint16(buf, 0)          // minor
	buf = ne.AppendUint64(buf, ^uint64(0)) // section length not given
	buf = appendStringOption(buf, optSHBHardware, clip(nw.opts.Hardware))
	buf = appendStringOption(buf, optSHBOS, clip(nw.opts.OS))
	buf = appendStringOption(buf, optSHBUserAppl, clip(nw.opts.UserApplication))
	if opts.Comment != "" {
		buf = appendStringOption(buf, optComment, clip(opts.Comment))
	}
	nw.b.buf = finishBlock(buf, start, true)
	if err := nw.b.endBlock(); err != nil {
		return nil, err
	}
	return nw, nil
}

func clip(s string) string {
	if len(s) > maxStringOption {
		return s[:maxStringOption]
	}
	return s
}

func (w *Writer) Format() Format { return FormatPcapng }

// AddInterface writes an Interface Description Block; interfaces may be
// added at any point of the capture.
func (w *Writer) AddInterface(ifc Interface) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return 0, err
	}
	if ifc.LinkType < 0 || fileValue(ifc.LinkType) > 0xffff {
		return 0, fmt.Errorf("pcapng: interface %q: link type %d does not fit the 16-bit IDB field", ifc.Name, int(ifc.LinkType))
	}
	wi := writerIface{Interface: ifc, nanos: true}
	switch ifc.TSResol {
	case 0, 9:
		wi.TSResol = 9
	case 6:
		wi.nanos = false
	default:
		return 0, fmt.Errorf("pcapng: interface %q: unsupported if_tsresol %d for writing (want 6 or 9)", ifc.Name, ifc.TSResol)
	}
	if w.opts.LibpcapCompatible && len(w.ifaces) > 0 {
		first := w.ifaces[0]
		if ifc.LinkType != first.LinkType {
			return 0, fmt.Errorf("pcapng: interface %q has link type %v, the first interface %v: %w",
				ifc.Name, ifc.LinkType, first.LinkType, ErrMixedLinkTypes)
		}
		wi.SnapLen = first.SnapLen
	}
	wi.enc = Encoder{pcapng: true, id: uint32(len(w.ifaces)), snapLen: wi.SnapLen, nanos: wi.nanos, tsOffset: wi.TSOffset}
	buf, start := beginBlock(w.b.buf, blockIDB)
	buf = ne.AppendUint16(buf, uint16(fileValue(ifc.LinkType)))
	buf = ne.AppendUint16(buf, 0)
	buf = ne.AppendUint32(buf, wi.SnapLen)
	if ifc.Name != "" {
		buf = appendStringOption(buf, optIfName, clip(ifc.Name))
	}
	if ifc.Description != "" {
		buf = appendStringOption(buf, optIfDescription, clip(ifc.Description))
	}
	buf = appendByteOption(buf, optIfTSResol, wi.TSResol)
	if ifc.Speed != 0 {
		buf = appendUint64Option(buf, optIfSpeed, ifc.Speed)
	}
	if ifc.Filter != "" {
		// The first byte says what the filter is: 0 is a libpcap
		// filter string.
		f := clip(ifc.Filter)
		buf = ne.AppendUint16(buf, optIfFilter)
		buf = ne.AppendUint16(buf, uint16(1+len(f)))
		buf = append(buf, 0)
		buf = append(buf, f...)
		for i := 1 + len(f); i%4 != 0; i++ {
			buf = append(buf, 0)
		}
	}
	if ifc.OS != "" {
		buf = appendStringOption(buf, optIfOS, clip(ifc.OS))
	}
	if ifc.FCSLen > 0 && ifc.FCSLen < 256 {
		buf = appendByteOption(buf, optIfFCSLen, byte(ifc.FCSLen))
	}
	if ifc.TSOffset != 0 {
		buf = appendUint64Option(buf, optIfTSOffset, uint64(ifc.TSOffset))
	}
	if ifc.Hardware != "" {
		buf = appendStringOption(buf, optIfHardware, clip(ifc.Hardware))
	}
	w.b.buf = finishBlock(buf, start, true)
	w.ifaces = append(w.ifaces, wi)
	if err := w.b.endBlock(); err != nil {
		return 0, err
	}
	if w.opts.FlushEachPacket {
		if err := w.b.flush(); err != nil {
			return 0, err
		}
	}
	return len(w.ifaces) - 1, nil
}

// ticks converts t to the interface's timestamp units, less if_tsoffset.
// Times before the epoch (or the offset) are written as 0.
func (wi *writerIface) ticks(t time.Time) uint64 {
	sec := t.Unix() - wi.TSOffset
	if sec < 0 {
		return 0
	}
	if wi.nanos {
		return uint64(sec)*1e9 + uint64(t.Nanosecond())
	}
	return uint64(sec)*1e6 + uint64(t.Nanosecond()/1000)
}

func (w *Writer) iface(id int) (*writerIface, error) {
	if id < 0 || id >= len(w.ifaces) {
		return nil, fmt.Errorf("pcapng: no interface with id %d (%d declared)", id, len(w.ifaces))
	}
	return &w.ifaces[id], nil
}

// WritePacket appends an Enhanced Packet Block: a batch of one, with the
// same lock, checks and flush.
func (w *Writer) WritePacket(p Packet) error {
	one := [1]Packet{p}
	_, err := w.WritePackets(one[:])
	return err
}

// WritePackets implements BatchWriter.
func (w *Writer) WritePackets(ps []Packet) (int, error) {
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

// appendPacket appends p's Enhanced Packet Block, with the options it
// needs and no others.
func (w *Writer) appendPacket(p *Packet) error {
	if uint(p.InterfaceID) >= uint(len(w.ifaces)) {
		_, err := w.iface(p.InterfaceID)
		return err
	}
	wi := &w.ifaces[p.InterfaceID]
	data := p.Data
	if wi.SnapLen != 0 && uint32(len(data)) > wi.SnapLen {
		data = data[:wi.SnapLen]
	}
	orig := p.WireLength()
	if orig < len(data) {
		orig = len(data)
	}
	flags := epbFlags(p.Flags, p.Direction, p.Reception)
	if p.DropCount != 0 || p.Comment != "" {
		return w.appendPacketOptions(p, wi, data, orig, flags)
	}
	w.b.buf = appendEPB(w.b.buf, uint32(p.InterfaceID), wi.ticks(p.Timestamp), data, orig, flags)
	return w.b.endBlock()
}

// epbHeaderLen is an Enhanced Packet Block's length up to the packet data.
const epbHeaderLen = 28

// appendPacketOptions appends an Enhanced Packet Block with a drop count or
// a comment.
func (w *Writer) appendPacketOptions(p *Packet, wi *writerIface, data []byte, orig int, flags uint32) error {
	ts := wi.ticks(p.Timestamp)
	buf, start := beginBlock(w.b.buf, blockEPB)
	buf = ne.AppendUint32(buf, uint32(p.InterfaceID))
	buf = ne.AppendUint32(buf, uint32(ts>>32))
	buf = ne.AppendUint32(buf, uint32(ts))
	buf = ne.AppendUint32(buf, uint32(len(data)))
	buf = ne.AppendUint32(buf, uint32(orig))
	buf = appendPadded(buf, data)
	opts := false
	if flags != 0 {
		buf = appendUint32Option(buf, optEPBFlags, flags)
		opts = true
	}
	if p.DropCount != 0 {
		buf = appendUint64Option(buf, optEPBDropCount, p.DropCount)
		opts = true
	}
	if p.Comment != "" {
		buf = appendStringOption(buf, optComment, clip(p.Comment))
		opts = true
	}
	w.b.buf = finishBlock(buf, start, opts)
	return w.b.endBlock()
}

// WriteStatistics records the interface's counters; Close writes them as an
// Interface Statistics Block. A later call replaces an earlier one.
func (w *Writer) WriteStatistics(id int, s Stats) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	wi, err := w.iface(id)
	if err != nil {
		return err
	}
	wi.stats = &s
	return nil
}

func (w *Writer) writeISB(id int, wi *writerIface) {
	s := wi.stats
	present := s.Present
	if present == 0 {
		present = StatAll
		if s.Start.IsZero() {
			present &^= StatStart
		}
		if s.End.IsZero() {
			present &^= StatEnd
		}
	}
	when := s.Timestamp
	if when.IsZero() {
		when = time.Now()
	}
	ts := wi.ticks(when)
	buf, start := beginBlock(w.b.buf, blockISB)
	buf = ne.AppendUint32(buf, uint32(id))
	buf = ne.AppendUint32(buf, uint32(ts>>32))
	buf = ne.AppendUint32(buf, uint32(ts))
	if present&StatStart != 0 {
		buf = appendTimestampOption(buf, optISBStartTime, wi.ticks(s.Start))
	}
	if present&StatEnd != 0 {
		buf = appendTimestampOption(buf, optISBEndTime, wi.ticks(s.End))
	}
	counters := []struct {
		f    StatField
		code uint16
		v    uint64
	}{
		{StatReceived, optISBIfRecv, s.Received},
		{StatDropped, optISBIfDrop, s.Dropped},
		{StatFilterAccept, optISBFilterAccept, s.FilterAccept},
		{StatOSDrop, optISBOSDrop, s.OSDrop},
		{StatUserDelivered, optISBUsrDeliv, s.UserDelivered},
	}
	for _, c := range counters {
		if present&c.f != 0 {
			buf = appendUint64Option(buf, c.code, c.v)
		}
	}
	w.b.buf = finishBlock(buf, start, present != 0)
	w.b.ends = append(w.b.ends, len(w.b.buf))
}

// Close writes an Interface Statistics Block for every interface that has
// statistics, then flushes. It is what a SIGINT/SIGTERM handler must call
// before exiting. Calling Close again returns nil.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	if err := w.b.err; err != nil {
		w.closed = true
		return err
	}
	for i := range w.ifaces {
		if w.ifaces[i].stats != nil {
			w.writeISB(i, &w.ifaces[i])
		}
	}
	w.closed = true
	return w.b.flush()
}
