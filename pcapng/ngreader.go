package pcapng

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"
)

// ngReader reads pcapng: any number of sections, each in its own byte
// order, each with its own interfaces.
type ngReader struct {
	c         *cursor
	bo        binary.ByteOrder
	section   Section
	sections  int // section headers read
	ifaces    []ngIface
	start     int64 // offset of the block being read
	hdr       [12]byte
	blockType uint32
	err       error // sticky
}

type ngIface struct {
	Interface
	ts    tsConv
	stats *Stats
}

func newNgReader(c *cursor) (*ngReader, error) {
	r := &ngReader{c: c}
	// The first block must be a Section Header Block: read it now so that
	// Open reports a bad header at once.
	if err := r.readBlock(true); err != nil {
		if err == io.EOF {
			err = r.errorf(0, io.ErrUnexpectedEOF, "empty input")
		}
		return nil, err
	}
	return r, nil
}

func (r *ngReader) errorf(off int64, err error, format string, args ...any) error {
	return &FormatError{Format: FormatPcapng, Offset: off, Msg: fmt.Sprintf(format, args...), Err: err}
}

func (r *ngReader) Format() Format              { return FormatPcapng }
func (r *ngReader) Section() Section            { return r.section }
func (r *ngReader) ByteOrder() binary.ByteOrder { return r.bo }

func (r *ngReader) Interfaces() []Interface {
	out := make([]Interface, len(r.ifaces))
	for i := range r.ifaces {
		out[i] = r.ifaces[i].Interface
	}
	return out
}

func (r *ngReader) Statistics(id int) (Stats, bool) {
	if id < 0 || id >= len(r.ifaces) || r.ifaces[id].stats == nil {
		return Stats{}, false
	}
	return *r.ifaces[id].stats, true
}

// ReadPacket reads blocks until one carries a packet. An error is final:
// later calls return it again rather than read from the middle of a block.
func (r *ngReader) ReadPacket() (Packet, error) {
	if r.err != nil {
		return Packet{}, r.err
	}
	for {
		p, ok, err := r.next()
		if err != nil {
			r.err = err
			return Packet{}, err
		}
		if ok {
			return p, nil
		}
	}
}

// readBlock reads one block's header, body and trailer, leaving the body in
// r.c.buf. With first set, only a Section Header Block is acceptable.
func (r *ngReader) readBlock(first bool) error {
	r.start = r.c.off
	h := r.hdr[:8]
	if err := r.c.readHeader(h); err != nil {
		if err == io.EOF {
			return io.EOF
		}
		return r.errorf(r.start, err, "truncated block header")
	}
	typ := binary.LittleEndian.Uint32(h) // the SHB type reads the same both ways
	if typ == blockSHB {
		bom := r.hdr[8:12]
		if err := r.c.readHeader(bom); err != nil {
			return r.errorf(r.start, noEOF(err), "truncated section header")
		}
		switch {
		case binary.LittleEndian.Uint32(bom) == byteOrderMagic:
			r.bo = binary.LittleEndian
		case binary.BigEndian.Uint32(bom) == byteOrderMagic:
			r.bo = binary.BigEndian
		default:
			return r.errorf(r.start, nil, "section header has a bad byte-order magic %#08x", binary.BigEndian.Uint32(bom))
		}
	} else if first {
		return r.errorf(r.start, nil, "file does not start with a section header block (type %#08x)", typ)
	}
	typ = r.bo.Uint32(h)
	length := r.bo.Uint32(h[4:])
	fixed := uint32(12)
	if typ == blockSHB {
		fixed = 28
	}
	switch {
	case length < fixed:
		return r.errorf(r.start, nil, "block type %#x has length %d, less than its minimum %d", typ, length, fixed)
	case length%4 != 0:
		return r.errorf(r.start, nil, "block type %#x has length %d, not a multiple of 4", typ, length)
	case length > maxBlockSize:
		return r.errorf(r.start, nil, "block type %#x has length %d, more than the %d-byte limit", typ, length, maxBlockSize)
	}
	consumed := uint32(8)
	if typ == blockSHB {
		consumed = 12
	}
	// Body and trailing length together.
	body, err := r.c.read(int(length - consumed))
	if err != nil {
		return r.errorf(r.start, err, "truncated block type %#x (%d of %d bytes)", typ, int(consumed)+len(body), length)
	}
	trailer := r.bo.Uint32(body[len(body)-4:])
	if trailer != length {
		return r.errorf(r.start, nil, "block type %#x: total length %d in header and %d in trailer differ", typ, length, trailer)
	}
	r.c.buf = body[:len(body)-4]
	r.blockType = typ
	if typ == blockSHB {
		return r.parseSHB(r.c.buf)
	}
	return nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// next reads one block; ok says it was a packet.
func (r *ngReader) next() (Packet, bool, error) {
	if err := r.readBlock(false); err != nil {
		return Packet{}, false, err
	}
	body := r.c.buf
	switch r.blockType {
	case blockSHB:
		return Packet{}, false, nil // parsed by readBlock
	case blockIDB:
		return Packet{}, false, r.parseIDB(body)
	case blockEPB:
		p, err := r.parseEPB(body)
		return p, err == nil, err
	case blockSPB:
		p, err := r.parseSPB(body)
		return p, err == nil, err
	case blockPB:
		p, err := r.parsePB(body)
		return p, err == nil, err
	case blockISB:
		return Packet{}, false, r.parseISB(body)
	default:
		// Name resolution, decryption secrets, custom, journal and
		// unknown blocks: their length is all we need to skip them.
		return Packet{}, false, nil
	}
}

// options calls f for each option of a block; opts is the options area.
func (r *ngReader) options(opts []byte, f func(code uint16, val []byte) error) error {
	for len(opts) > 0 {
		if len(opts) < 4 {
			return r.errorf(r.start, nil, "%d stray bytes after the last option", len(opts))
		}
		code, n := r.bo.Uint16(opts), int(r.bo.Uint16(opts[2:]))
		if code == optEndOfOpt {
			return nil
		}
		if 4+n > len(opts) {
			return r.errorf(r.start, nil, "option %d of length %d overruns its block", code, n)
		}
		if err := f(code, opts[4:4+n]); err != nil {
			return err
		}
		opts = opts[min(4+pad4(n), len(opts)):]
	}
	return nil
}

func (r *ngReader) parseSHB(body []byte) error {
	// body starts after the byte-order magic.
	s := Section{Index: r.sections, Major: r.bo.Uint16(body), Minor: r.bo.Uint16(body[2:])}
	r.sections++
	if s.Major != 1 || (s.Minor != 0 && s.Minor != 2) {
		return r.errorf(r.start, nil, "unsupported pcapng version %d.%d", s.Major, s.Minor)
	}
	// A new section forgets the previous one's interfaces.
	r.ifaces = r.ifaces[:0]
	var comments []string
	err := r.options(body[12:], func(code uint16, v []byte) error {
		switch code {
		case optComment:
			comments = append(comments, string(v))
		case optSHBHardware:
			s.Hardware = string(v)
		case optSHBOS:
			s.OS = string(v)
		case optSHBUserAppl:
			s.UserApplication = string(v)
		}
		return nil
	})
	s.Comment = strings.Join(comments, "\n")
	r.section = s
	return err
}

func (r *ngReader) parseIDB(body []byte) error {
	if len(body) < 8 {
		return r.errorf(r.start, nil, "interface description block too short (%d bytes)", len(body))
	}
	ifc := ngIface{Interface: Interface{
		LinkType: fromFile(uint32(r.bo.Uint16(body))),
		SnapLen:  r.bo.Uint32(body[4:]),
		TSResol:  6,
		FCSLen:   -1,
	}}
	err := r.options(body[8:], func(code uint16, v []byte) error {
		switch code {
		case optIfName:
			ifc.Name = string(v)
		case optIfDescription:
			ifc.Description = string(v)
		case optIfFilter:
			if len(v) > 0 && v[0] == 0 {
				ifc.Filter = string(v[1:])
			}
		case optIfOS:
			ifc.OS = string(v)
		case optIfHardware:
			ifc.Hardware = string(v)
		case optIfTSResol:
			if len(v) != 1 {
				return r.errorf(r.start, nil, "if_tsresol has length %d, want 1", len(v))
			}
			ifc.TSResol = v[0]
		case optIfTSOffset:
			if len(v) != 8 {
				return r.errorf(r.start, nil, "if_tsoffset has length %d, want 8", len(v))
			}
			ifc.TSOffset = int64(r.bo.Uint64(v))
		case optIfSpeed:
			if len(v) == 8 {
				ifc.Speed = r.bo.Uint64(v)
			}
		case optIfFCSLen:
			if len(v) == 1 {
				ifc.FCSLen = int(v[0])
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if ifc.ts, err = newTSConv(ifc.TSResol, ifc.TSOffset); err != nil {
		return r.errorf(r.start, nil, "interface %d: %v", len(r.ifaces), err)
	}
	r.ifaces = append(r.ifaces, ifc)
	return nil
}

func (r *ngReader) iface(id uint32, what string) (*ngIface, error) {
	if id >= uint32(len(r.ifaces)) {
		return nil, r.errorf(r.start, nil, "%s refers to interface %d, but the section declares %d", what, id, len(r.ifaces))
	}
	return &r.ifaces[id], nil
}

func (r *ngReader) packetFlags(p *Packet, v []byte) error {
	if len(v) != 4 {
		return r.errorf(r.start, nil, "epb_flags has length %d, want 4", len(v))
	}
	f := r.bo.Uint32(v)
	p.Direction = Direction(f & flagDirectionMask)
	p.Reception = Reception(f & flagReceptionMask >> flagReceptionShift)
	p.Flags = f &^ (flagDirectionMask | flagReceptionMask)
	return nil
}

// packetOptions reads an EPB's or (epb false) an obsolete PB's options; both
// keep their flags in option 2, only the EPB has epb_dropcount.
func (r *ngReader) packetOptions(p *Packet, opts []byte, epb bool) error {
	var comments []string
	err := r.options(opts, func(code uint16, v []byte) error {
		switch code {
		case optComment:
			comments = append(comments, string(v))
		case optEPBFlags:
			return r.packetFlags(p, v)
		case optEPBDropCount:
			if epb && len(v) == 8 {
				p.DropCount = r.bo.Uint64(v)
			}
		}
		return nil
	})
	if len(comments) > 0 {
		p.Comment = strings.Join(comments, "\n")
	}
	return err
}

// packetData checks a captured length against what the block holds.
func (r *ngReader) packetData(body []byte, fixed int, caplen uint32) ([]byte, []byte, error) {
	room := len(body) - fixed
	if uint64(caplen) > uint64(room) {
		return nil, nil, r.errorf(r.start, nil, "captured length %d overruns the block (%d bytes of data room)", caplen, room)
	}
	data := body[fixed : fixed+int(caplen)]
	opts := body[min(fixed+pad4(int(caplen)), len(body)):]
	return data, opts, nil
}

func (r *ngReader) parseEPB(body []byte) (Packet, error) {
	if len(body) < 20 {
		return Packet{}, r.errorf(r.start, nil, "enhanced packet block too short (%d bytes)", len(body))
	}
	id := r.bo.Uint32(body)
	ifc, err := r.iface(id, "enhanced packet block")
	if err != nil {
		return Packet{}, err
	}
	ts := uint64(r.bo.Uint32(body[4:]))<<32 | uint64(r.bo.Uint32(body[8:]))
	data, opts, err := r.packetData(body, 20, r.bo.Uint32(body[12:]))
	if err != nil {
		return Packet{}, err
	}
	p := Packet{
		InterfaceID:    int(id),
		Timestamp:      ifc.ts.time(ts),
		Data:           data,
		OriginalLength: int(r.bo.Uint32(body[16:])),
		LinkType:       ifc.LinkType,
	}
	return p, r.packetOptions(&p, opts, true)
}

func (r *ngReader) parsePB(body []byte) (Packet, error) {
	if len(body) < 20 {
		return Packet{}, r.errorf(r.start, nil, "packet block too short (%d bytes)", len(body))
	}
	id := uint32(r.bo.Uint16(body))
	ifc, err := r.iface(id, "packet block")
	if err != nil {
		return Packet{}, err
	}
	ts := uint64(r.bo.Uint32(body[4:]))<<32 | uint64(r.bo.Uint32(body[8:]))
	data, opts, err := r.packetData(body, 20, r.bo.Uint32(body[12:]))
	if err != nil {
		return Packet{}, err
	}
	p := Packet{
		InterfaceID:    int(id),
		Timestamp:      ifc.ts.time(ts),
		Data:           data,
		OriginalLength: int(r.bo.Uint32(body[16:])),
		DropCount:      uint64(r.bo.Uint16(body[2:])),
		LinkType:       ifc.LinkType,
	}
	if p.DropCount == 0xffff { // "not known"
		p.DropCount = 0
	}
	return p, r.packetOptions(&p, opts, false)
}

// parseSPB: a Simple Packet Block belongs to interface 0, has no
// timestamp, and holds min(original length, snap length) bytes.
func (r *ngReader) parseSPB(body []byte) (Packet, error) {
	if len(body) < 4 {
		return Packet{}, r.errorf(r.start, nil, "simple packet block too short (%d bytes)", len(body))
	}
	ifc, err := r.iface(0, "simple packet block")
	if err != nil {
		return Packet{}, err
	}
	orig := r.bo.Uint32(body)
	caplen := orig
	if ifc.SnapLen != 0 && caplen > ifc.SnapLen {
		caplen = ifc.SnapLen
	}
	if room := uint32(len(body) - 4); caplen > room {
		caplen = room
	}
	return Packet{
		Timestamp:      time.Unix(0, 0),
		Data:           body[4 : 4+caplen],
		OriginalLength: int(orig),
		LinkType:       ifc.LinkType,
	}, nil
}

func (r *ngReader) parseISB(body []byte) error {
	if len(body) < 12 {
		return r.errorf(r.start, nil, "interface statistics block too short (%d bytes)", len(body))
	}
	ifc, err := r.iface(r.bo.Uint32(body), "interface statistics block")
	if err != nil {
		return err
	}
	s := Stats{Timestamp: ifc.ts.time(uint64(r.bo.Uint32(body[4:]))<<32 | uint64(r.bo.Uint32(body[8:])))}
	err = r.options(body[12:], func(code uint16, v []byte) error {
		if code < optISBStartTime || code > optISBUsrDeliv {
			return nil
		}
		if len(v) != 8 {
			return r.errorf(r.start, nil, "statistics option %d has length %d, want 8", code, len(v))
		}
		u := r.bo.Uint64(v)
		switch code {
		case optISBStartTime, optISBEndTime:
			t := ifc.ts.time(uint64(r.bo.Uint32(v))<<32 | uint64(r.bo.Uint32(v[4:])))
			if code == optISBStartTime {
				s.Start, s.Present = t, s.Present|StatStart
			} else {
				s.End, s.Present = t, s.Present|StatEnd
			}
		case optISBIfRecv:
			s.Received, s.Present = u, s.Present|StatReceived
		case optISBIfDrop:
			s.Dropped, s.Present = u, s.Present|StatDropped
		case optISBFilterAccept:
			s.FilterAccept, s.Present = u, s.Present|StatFilterAccept
		case optISBOSDrop:
			s.OSDrop, s.Present = u, s.Present|StatOSDrop
		case optISBUsrDeliv:
			s.UserDelivered, s.Present = u, s.Present|StatUserDelivered
		}
		return nil
	})
	if err != nil {
		return err
	}
	ifc.stats = &s
	return nil
}
