package capture

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// WriteNext writes the next packets, at least one and at most max (no
// limit if max <= 0), to w as records, and returns how many: what
// NextPackets followed by w's WritePackets would write, for a consumer that
// only writes (gocap -w). ids maps a packet's Interface to its interface id
// in w. The socket engine appends the packets of a plain ring block
// (one interface, not cooked, no filter in user space), and the tc engine
// the records its ring buffer holds, straight from the ring to w's
// buffer, with no Packet for each: at capture rates that is
// half of what the consumer costs per packet (BENCHMARKS.md, issue 12).
// The direction is recorded as Packet.RecordDirection says.
func (l *Live) WriteNext(ctx context.Context, w pcapng.RecordWriter, ids []int, max int) (int, error) {
	if !l.enter() {
		return 0, io.EOF
	}
	defer l.reading.RUnlock()
	if max <= 0 || max > len(l.batch.ps) {
		max = len(l.batch.ps)
	}
	if rr, ok := l.src.(recordReader); ok {
		n, err := rr.writeRecords(w, ids, max)
		if err != nil {
			return n, &WriteError{err}
		}
		if n > 0 {
			return n, nil
		}
		if rr.recordsOnly() {
			// The wait's first packet as a Packet; the rest of what it
			// brought straight from the ring, on the next call.
			max = 1
		}
	}
	n, err := l.nextPackets(ctx, l.batch.ps[:max])
	if err != nil {
		return 0, err
	}
	if n, err = l.batch.write(w, ids, l.batch.ps[:n]); err != nil {
		return n, &WriteError{err}
	}
	return n, nil
}

// recordReader is a reader that can write records straight from its ring.
type recordReader interface {
	// writeRecords writes up to max packets that are ready, without
	// waiting, to w; 0 when it has none it can write so (WriteNext
	// then takes the way through Packets, which waits and drains).
	writeRecords(w pcapng.RecordWriter, ids []int, max int) (int, error)
	// recordsOnly reports whether writeRecords writes every packet the
	// reader has (every socket plain): after a wait, WriteNext then takes
	// one packet through Packets, not a batch of them.
	recordsOnly() bool
}

// writeRecords implements recordReader: the rest of a plain block.
func (r *sockReader) writeRecords(w pcapng.RecordWriter, ids []int, max int) (int, error) {
	h := r.cur
	if h == nil || !h.plain() || r.frames.i >= r.frames.n || r.frames.err != nil {
		return 0, nil
	}
	r.limit = max
	n, err := w.WriteRecords(ids[h.pos], r)
	h.matched.Add(uint64(n))
	return n, err
}

// recordsOnly implements recordReader.
func (r *sockReader) recordsOnly() bool {
	for _, h := range r.handles {
		if !h.plain() {
			return false
		}
	}
	return true
}

// A WriteError is WriteNext's when its writer failed (not the capture).
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// RecordDirection is what gocap records of p's direction in a pcapng file
// (epb_flags):
//   - a packet whose link-layer header does not say it (Ethernet, raw IP,
//     ...) gets the direction and reception the kernel's packet type
//     gives, which Wireshark shows and filters on;
//   - a cooked (LINUX_SLL2) packet gets none: its header's packet type says
//     all of it, and is what tcpdump prints as In/Out/B/M/P and Wireshark
//     as "Packet type".
func (p *Packet) RecordDirection() (pcapng.Direction, pcapng.Reception) {
	if p.LinkType == linktype.LinuxSLL2 {
		return pcapng.DirectionUnknown, pcapng.ReceptionUnspecified
	}
	return p.Direction.record()
}

// record is d in pcapng's terms.
func (d Direction) record() (pcapng.Direction, pcapng.Reception) {
	switch d {
	case DirOutgoing:
		return pcapng.DirectionOutbound, pcapng.ReceptionUnspecified
	case DirIncoming:
		return pcapng.DirectionInbound, pcapng.ReceptionUnicast
	case DirBroadcast:
		return pcapng.DirectionInbound, pcapng.ReceptionBroadcast
	case DirMulticast:
		return pcapng.DirectionInbound, pcapng.ReceptionMulticast
	case DirOtherHost:
		return pcapng.DirectionInbound, pcapng.ReceptionPromiscuous
	case DirUnknown:
		return pcapng.DirectionUnknown, pcapng.ReceptionUnspecified
	}
	// PACKET_LOOPBACK and the like: received, by no address of ours.
	return pcapng.DirectionInbound, pcapng.ReceptionUnspecified
}

// packetRecords writes Packets as records: WriteNext's way for the packets
// that are not read straight from a ring.
type packetRecords struct {
	ps   [256]Packet
	todo []Packet // what AppendRecords is to append: one interface's
}

// write writes ps, a run of packets of one interface at a time.
func (pr *packetRecords) write(w pcapng.RecordWriter, ids []int, ps []Packet) (int, error) {
	done := 0
	for len(ps) > 0 {
		run := 1
		for run < len(ps) && ps[run].Interface == ps[0].Interface {
			run++
		}
		pr.todo = ps[:run]
		for len(pr.todo) > 0 {
			n, err := w.WriteRecords(ids[ps[0].Interface], pr)
			done += n
			if err != nil {
				pr.todo = nil
				return done, err
			}
		}
		ps = ps[run:]
	}
	return done, nil
}

// AppendRecords implements pcapng.RecordSource.
func (pr *packetRecords) AppendRecords(e *pcapng.Encoder, b []byte, limit int) ([]byte, int) {
	n := 0
	for n < len(pr.todo) && len(b) < limit {
		p := &pr.todo[n]
		dir, rec := p.RecordDirection()
		sec, nsec := p.Timestamp.Unix(), p.Timestamp.Nanosecond()
		b = e.Append(b, uint32(min(max(sec, 0), 0xffffffff)), uint32(nsec), p.Data, p.Length, dir, rec)
		n++
	}
	pr.todo = pr.todo[n:]
	return b, n
}

// AppendRecords implements pcapng.RecordSource for WriteNext: the rest of
// the plain block being read (sockHandle.plain), up to r.limit packets,
// straight from the ring. As batchPlain, it reads ahead of the frame it
// works on; errors are left in r.frames for next to report.
func (r *sockReader) AppendRecords(e *pcapng.Encoder, b []byte, limit int) ([]byte, int) {
	h, it := r.cur, &r.frames
	n := 0
	for n < r.limit && len(b) < limit {
		fh, data, ok := it.plainFrame()
		if !ok {
			break
		}
		r.scratch = r.scratch[:0]
		data, length, dir, keep := h.framePacket(fh, data, &r.scratch)
		if !keep {
			continue
		}
		d, rec := dir.record()
		b = e.Append(b, binary.NativeEndian.Uint32(fh[4:]), binary.NativeEndian.Uint32(fh[8:]), data, length, d, rec)
		n++
	}
	return b, n
}

// plainFrame reads the frame at it's position for a plain socket
// (sockHandle.plain) and moves past it: its tpacket3 header, up to the
// packet type, and its bytes in the ring. It asks for the cache lines a
// few frames ahead, so that the misses on frames the kernel wrote on
// another CPU overlap with the work. It returns false at the end of the
// block, or when the block is corrupt (it.err then says how).
func (it *frameIter) plainFrame() (*[plainHeaderLen]byte, []byte, bool) {
	if it.i >= it.n || it.err != nil {
		return nil, nil, false
	}
	block, off := it.block, it.off
	if off <= 0 || off > len(block)-plainHeaderLen {
		it.err = fmt.Errorf("corrupt ring block: packet %d at offset %d of %d", it.i, off, len(block))
		return nil, nil, false
	}
	hdr := block[off:]
	fh := (*[plainHeaderLen]byte)(hdr)
	next := int(binary.NativeEndian.Uint32(fh[0:]))
	if off+prefetchDistance > it.ahead {
		// A chunk at a time: a call per frame would cost more than
		// the misses it saves on small frames.
		end := min(off+prefetchDistance+prefetchChunk, len(block))
		prefetch(block[max(it.ahead, off):end])
		it.ahead = end
	}
	snap := int(binary.NativeEndian.Uint32(fh[12:]))
	mac := int(binary.NativeEndian.Uint16(fh[24:]))
	if mac+snap > len(hdr) {
		it.err = fmt.Errorf("corrupt ring block: mac offset %d + caplen %d > %d", mac, snap, len(hdr))
		return nil, nil, false
	}
	it.i++
	if next == 0 {
		it.i = it.n
	} else {
		it.off += next
	}
	return fh, hdr[mac : mac+snap], true
}

// prefetchDistance is how far ahead of the frame it reads plainFrame has
// asked for the ring's cache lines (a few small frames), prefetchChunk how
// much it asks for at a time.
const prefetchDistance = 1024
const prefetchChunk = 512

// framePacket is what a plain socket (sockHandle.plain) makes of a frame in
// its ring (tpacket3 header fh, bytes data): the packet's bytes, with a
// VLAN tag the kernel took off put back (retagged) and cut to the snap
// length, its wire length and its direction; keep is false when -Q drops
// it. Small enough to be inlined in the loops that call it per packet.
func (h *sockHandle) framePacket(fh *[plainHeaderLen]byte, data []byte, buf *[]byte) (pkt []byte, length int, dir Direction, keep bool) {
	dir = Direction(fh[sockaddrLLOff+10])
	if !h.keeps(dir) {
		return nil, 0, dir, false
	}
	length = int(binary.NativeEndian.Uint32(fh[16:]))
	if binary.NativeEndian.Uint32(fh[32:]) != 0 || binary.NativeEndian.Uint32(fh[20:])&unix.TP_STATUS_VLAN_VALID != 0 {
		data, length = h.retagged(fh, data, length, buf)
	}
	if len(data) > h.snapLen {
		data = data[:h.snapLen]
	}
	return data, length, dir, true
}

// retagged is framePacket's for a frame the kernel took a VLAN tag off:
// on Ethernet the tag is put back, built at the end of *buf (whose earlier
// bytes stay where they are: a full buffer is replaced, not moved).
func (h *sockHandle) retagged(fh *[plainHeaderLen]byte, data []byte, length int, buf *[]byte) ([]byte, int) {
	tpid, tci, ok := vlanTag(fh)
	if !ok || h.linkType != linktype.Ethernet || len(data) < 12 {
		return data, length
	}
	*buf = arenaRoom(*buf, len(data)+4)
	start := len(*buf)
	*buf = retag(*buf, data, tpid, tci)
	return (*buf)[start:], length + 4
}

// fillPacket fills p, field by field, with a plain socket's packet
// (framePacket's) from the frame whose tpacket3 header is fh.
func (h *sockHandle) fillPacket(p *Packet, fh *[plainHeaderLen]byte, data []byte, length int, dir Direction) {
	p.IfName = h.name
	p.Timestamp = time.Unix(int64(binary.NativeEndian.Uint32(fh[4:])), int64(binary.NativeEndian.Uint32(fh[8:])))
	p.Data = data
	p.Length = length
	p.LinkType = h.linkType
	p.IfIndex = h.ifIndex
	p.Interface = h.pos
	p.Direction = dir
}

// vlanTag is the 802.1Q tag the kernel took off a frame, from its tpacket3
// header: libpcap's VLAN_VALID (a non-zero TCI or the valid flag), and the
// TPID the kernel kept (0x8100 when it kept none).
func vlanTag(fh *[plainHeaderLen]byte) (tpid, tci uint16, ok bool) {
	status := binary.NativeEndian.Uint32(fh[20:])
	t := binary.NativeEndian.Uint32(fh[32:])
	if t == 0 && status&unix.TP_STATUS_VLAN_VALID == 0 {
		return 0, 0, false
	}
	tpid = 0x8100
	if p := binary.NativeEndian.Uint16(fh[36:]); p != 0 || status&unix.TP_STATUS_VLAN_TPID_VALID != 0 {
		tpid = p
	}
	return tpid, uint16(t), true
}

// arenaRoom returns arena with room for need more bytes: arena itself when
// it has it, else an empty buffer twice its size (at least 64 KiB and
// need). The bytes built in the old one are not moved: the packets that
// point into it keep it alive, and an arena that has grown until a batch
// fits no longer allocates.
func arenaRoom(arena []byte, need int) []byte {
	if cap(arena)-len(arena) >= need {
		return arena
	}
	return make([]byte, 0, max(2*cap(arena), 64<<10, need))
}

// retag appends to dst an Ethernet frame with its 802.1Q tag put back after
// the MAC addresses (data holds at least them).
func retag(dst, data []byte, tpid, tci uint16) []byte {
	dst = append(dst, data[:12]...)
	dst = binary.BigEndian.AppendUint16(dst, tpid)
	dst = binary.BigEndian.AppendUint16(dst, tci)
	return append(dst, data[12:]...)
}
