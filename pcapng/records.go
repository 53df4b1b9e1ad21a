package pcapng

import (
	"errors"
	"fmt"
	"slices"
)

// The bulk path: a producer of packets in bulk (a capture ring) appends
// records straight into a writer's buffer, with no Packet per packet. At
// capture rates the Packets (built, copied, converted back into a
// record's fields) cost the consumer more than encoding the records does
// (BENCHMARKS.md, issue 12).

// RecordWriter is implemented by the writers that take records from a
// RecordSource (pcapng's and classic pcap's).
type RecordWriter interface {
	// WriteRecords has src append records of the interface id to the
	// writer's buffer, once, and returns how many it appended. With
	// FlushEachPacket the output is flushed after them.
	WriteRecords(id int, src RecordSource) (int, error)
}

// A RecordSource appends records with an Encoder.
type RecordSource interface {
	// AppendRecords appends records to b with e's Append, and returns
	// the buffer and how many. It stops once len(b) reaches limit (the
	// writer flushes then) and may stop earlier; it appends at least one
	// record unless it has none.
	AppendRecords(e *Encoder, b []byte, limit int) ([]byte, int)
}

var (
	_ RecordWriter = (*Writer)(nil)
	_ RecordWriter = (*PcapWriter)(nil)
	_ RecordWriter = (*fileWriter)(nil)
)

// An Encoder lays out the records of one interface of one writer.
type Encoder struct {
	pcapng   bool
	id       uint32 // pcapng: the interface id
	snapLen  uint32 // 0: no limit
	micro    bool   // pcap: microsecond time stamps
	nanos    bool   // pcapng: if_tsresol 9
	tsOffset int64  // pcapng: if_tsoffset
}

// Append appends the record of a packet captured sec seconds and nsec
// nanoseconds after the epoch, whose wire length is origLen (at least
// len(data) is written), cut to the snap length. pcapng writes the
// direction and reception in epb_flags when either is known; classic pcap
// has no place for them.
func (e *Encoder) Append(b []byte, sec, nsec uint32, data []byte, origLen int, dir Direction, rec Reception) []byte {
	if e.snapLen != 0 && uint32(len(data)) > e.snapLen {
		data = data[:e.snapLen]
	}
	orig := max(origLen, len(data))
	if !e.pcapng {
		if e.micro {
			nsec /= 1000
		}
		return appendPcapRecord(b, sec, nsec, data, orig)
	}
	var ts uint64
	if s := int64(sec) - e.tsOffset; s >= 0 {
		ts = uint64(s)*1e6 + uint64(nsec/1000)
		if e.nanos {
			ts = uint64(s)*1e9 + uint64(nsec)
		}
	}
	return appendEPB(b, e.id, ts, data, orig, epbFlags(0, dir, rec))
}

// appendPcapRecord appends a classic pcap record: the 16-byte header
// (seconds, fraction, captured and original length), then the data.
func appendPcapRecord(b []byte, sec, frac uint32, data []byte, orig int) []byte {
	l, n := len(b), 16+len(data)
	if cap(b)-l < n {
		b = slices.Grow(b, n)
	}
	r := b[l : l+n]
	ne.PutUint32(r[0:], sec)
	ne.PutUint32(r[4:], frac)
	ne.PutUint32(r[8:], uint32(len(data)))
	ne.PutUint32(r[12:], uint32(orig))
	copy(r[16:], data)
	return b[:l+n]
}

// epbFlags is the epb_flags word: other's bits but direction and
// reception, which come from dir and rec.
func epbFlags(other uint32, dir Direction, rec Reception) uint32 {
	return other&^(flagDirectionMask|flagReceptionMask) |
		uint32(dir)&flagDirectionMask |
		uint32(rec)<<flagReceptionShift&flagReceptionMask
}

// appendEPB appends an Enhanced Packet Block with at most epb_flags (the
// options of every packet a capture writes), in one piece at fixed
// offsets: this runs once per captured packet.
func appendEPB(b []byte, id uint32, ts uint64, data []byte, orig int, flags uint32) []byte {
	padded := pad4(len(data))
	total := epbHeaderLen + padded + 4
	if flags != 0 {
		total += 12 // epb_flags (8), opt_endofopt (4)
	}
	l := len(b)
	if cap(b)-l < total {
		b = slices.Grow(b, total)
	}
	r := b[l : l+total]
	h := (*[epbHeaderLen]byte)(r)
	ne.PutUint32(h[0:], blockEPB)
	ne.PutUint32(h[4:], uint32(total))
	ne.PutUint32(h[8:], id)
	ne.PutUint32(h[12:], uint32(ts>>32))
	ne.PutUint32(h[16:], uint32(ts))
	ne.PutUint32(h[20:], uint32(len(data)))
	ne.PutUint32(h[24:], uint32(orig))
	body := r[epbHeaderLen:]
	if padded > len(data) {
		// The buffer is reused: zero the padding, a word the data then
		// partly covers.
		ne.PutUint32(body[padded-4:], 0)
	}
	copy(body, data)
	tail := body[padded:]
	if flags != 0 {
		o := (*[16]byte)(tail)
		ne.PutUint16(o[0:], optEPBFlags)
		ne.PutUint16(o[2:], 4)
		ne.PutUint32(o[4:], flags)
		ne.PutUint32(o[8:], 0) // opt_endofopt, length 0
		ne.PutUint32(o[12:], uint32(total))
		return b[:l+total]
	}
	ne.PutUint32(tail, uint32(total))
	return b[:l+total]
}

// recordLen is the length of the record or block at the start of b, as
// its header says (format's layout; b holds at least the header).
func recordLen(f Format, b []byte) int {
	if f == FormatPcap {
		return 16 + int(ne.Uint32(b[8:]))
	}
	return int(ne.Uint32(b[4:]))
}

// WriteRecords implements RecordWriter.
func (w *Writer) WriteRecords(id int, src RecordSource) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return 0, err
	}
	wi, err := w.iface(id)
	if err != nil {
		return 0, err
	}
	return w.b.appendRecords(&wi.enc, src, w.opts.FlushEachPacket)
}

// WriteRecords implements RecordWriter. id only has to be an interface's:
// classic pcap records do not say which.
func (w *PcapWriter) WriteRecords(id int, src RecordSource) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return 0, err
	}
	if id < 0 || id >= len(w.ifaces) {
		return 0, fmt.Errorf("pcap: no interface with id %d (%d declared)", id, len(w.ifaces))
	}
	return w.b.appendRecords(&w.enc, src, w.opts.FlushEachPacket)
}

// WriteRecords implements RecordWriter.
func (fw *fileWriter) WriteRecords(id int, src RecordSource) (int, error) {
	rw, ok := fw.PacketWriter.(RecordWriter)
	if !ok {
		return 0, errors.New("pcapng: this writer takes no records")
	}
	return rw.WriteRecords(id, src)
}

// appendRecords has src append records with e, and flushes when the buffer
// is full (or always, with flushEach).
func (b *blockBuffer) appendRecords(e *Encoder, src RecordSource, flushEach bool) (int, error) {
	start := len(b.buf)
	buf, n := src.AppendRecords(e, b.buf, b.limit)
	b.buf = buf
	if len(buf) > start {
		b.spans = append(b.spans, [2]int{start, len(buf)})
		b.ends = append(b.ends, len(buf))
	}
	if flushEach || len(b.buf) >= b.limit {
		return n, b.flush()
	}
	return n, nil
}
