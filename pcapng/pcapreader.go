package pcapng

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"
)

// pcapReader reads classic pcap, either byte order, micro- or nanosecond,
// and Kuznetzov's modified pcap.
type pcapReader struct {
	c        *cursor
	bo       binary.ByteOrder
	nanos    bool
	modified bool
	iface    Interface
	hdr      [24]byte
	err      error // sticky
}

func newPcapReader(c *cursor) (*pcapReader, error) {
	r := &pcapReader{c: c}
	var h [24]byte
	if err := c.readHeader(h[:]); err != nil {
		return nil, r.errorf(0, err, "truncated file header (%d of 24 bytes)", c.off)
	}
	r.bo = binary.LittleEndian
	if m := binary.BigEndian.Uint32(h[:]); m == magicMicro || m == magicNano || m == magicModified {
		r.bo = binary.BigEndian
	}
	switch r.bo.Uint32(h[:]) {
	case magicNano:
		r.nanos = true
	case magicModified:
		r.modified = true
	}
	major, minor := r.bo.Uint16(h[4:]), r.bo.Uint16(h[6:])
	switch {
	case major < 2:
		return nil, r.errorf(4, nil, "archaic pcap savefile format (version %d.%d)", major, minor)
	case major != 2 || minor > 4:
		return nil, r.errorf(4, nil, "unsupported pcap savefile version %d.%d", major, minor)
	}
	snap := r.bo.Uint32(h[16:])
	lt := r.bo.Uint32(h[20:])
	// The link-type field: type in bits 0-15, reserved 16-25 (zero),
	// FCS length in 28-31 when bit 26 says it is there.
	if lt&0x03ff0000 != 0 {
		return nil, r.errorf(20, nil, "link-type field %#08x has reserved bits set", lt)
	}
	r.iface = Interface{LinkType: fromFile(lt & 0xffff), SnapLen: snap, TSResol: 6, FCSLen: -1}
	if r.nanos {
		r.iface.TSResol = 9
	}
	if lt&0x04000000 != 0 {
		r.iface.FCSLen = int(lt>>28) * 2 // the field counts 16-bit words
	}
	return r, nil
}

func (r *pcapReader) errorf(off int64, err error, format string, args ...any) error {
	return &FormatError{Format: FormatPcap, Offset: off, Msg: fmt.Sprintf(format, args...), Err: err}
}

func (r *pcapReader) Format() Format               { return FormatPcap }
func (r *pcapReader) Interfaces() []Interface      { return []Interface{r.iface} }
func (r *pcapReader) Statistics(int) (Stats, bool) { return Stats{}, false }
func (r *pcapReader) Section() Section             { return Section{} }
func (r *pcapReader) ByteOrder() binary.ByteOrder  { return r.bo }

// ReadPacket returns the next record; an error is final, as for pcapng.
func (r *pcapReader) ReadPacket() (Packet, error) {
	if r.err != nil {
		return Packet{}, r.err
	}
	p, err := r.read()
	if err != nil {
		r.err = err
	}
	return p, err
}

func (r *pcapReader) read() (Packet, error) {
	start := r.c.off
	h := r.hdr[:16]
	if r.modified {
		h = r.hdr[:24]
	}
	if err := r.c.readHeader(h); err != nil {
		if err == io.EOF {
			return Packet{}, err
		}
		return Packet{}, r.errorf(start, err, "truncated record header (%d of %d bytes)", r.c.off-start, len(h))
	}
	sec, frac := r.bo.Uint32(h[0:]), r.bo.Uint32(h[4:])
	caplen, origlen := r.bo.Uint32(h[8:]), r.bo.Uint32(h[12:])
	if caplen > maxRecordSize {
		return Packet{}, r.errorf(start, nil, "record capture length %d exceeds the %d-byte limit", caplen, maxRecordSize)
	}
	data, err := r.c.read(int(caplen))
	if err != nil {
		return Packet{}, r.errorf(start, err, "truncated record (%d of %d data bytes)", len(data), caplen)
	}
	// A record longer than the file's snapshot length (old writers set the
	// header's field wrong) keeps only the snapshot length, as libpcap
	// reads it: what a filter and the printer see is the same as tcpdump's.
	if snap := r.iface.SnapLen; snap > 0 && snap <= defaultSnapLen && caplen > snap {
		data = data[:snap]
	}
	ns := int64(frac)
	if !r.nanos {
		ns *= 1000
	}
	p := Packet{
		Timestamp:      time.Unix(int64(sec), ns),
		Data:           data,
		OriginalLength: int(origlen),
		LinkType:       r.iface.LinkType,
	}
	if r.modified {
		// Linux sll_pkttype: HOST, BROADCAST, MULTICAST, OTHERHOST, OUTGOING.
		switch h[22] {
		case 0:
			p.Direction, p.Reception = DirectionInbound, ReceptionUnicast
		case 1:
			p.Direction, p.Reception = DirectionInbound, ReceptionBroadcast
		case 2:
			p.Direction, p.Reception = DirectionInbound, ReceptionMulticast
		case 3:
			p.Direction, p.Reception = DirectionInbound, ReceptionPromiscuous
		case 4:
			p.Direction = DirectionOutbound
		}
	}
	return p, nil
}
