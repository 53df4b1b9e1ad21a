package main

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/gocap/gocap/attribution"
	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"github.com/gocap/gocap/pcapng/rotate"
)

// sink is where packets go once captured or read from a file: written
// with -w, printed, and counted (the count is --count's, -c's and the exit
// summary's). Live capture and -r share it.
type sink struct {
	e   *env
	o   *options
	w   pcapng.PacketWriter
	pr  *printer.Printer
	att *liveAttribution // live only: process attribution, or nil
	// cookers rewrite each interface's packets as LINUX_SLL2 when -w
	// holds one link type and the interfaces have several (live only).
	cookers []*cooker
	// outID is the writer's interface for a packet.
	outID func(pkt *capture.Packet) (int, error)
	// multi: several interfaces, so printed lines name theirs.
	multi      bool
	captured   *atomic.Uint64
	showStatus bool
	written    *atomic.Int64
}

// errFileLimit stops a capture when -W's last file is full.
var errFileLimit = errors.New("maximum file limit reached")

// deliver writes, prints and counts one packet. rec, when not nil, is the
// packet as a file recorded it, which -w writes as it is (with its flags
// and comments). It returns errFileLimit when nothing more can be written.
func (s *sink) deliver(pkt *capture.Packet, rec *pcapng.Packet) error {
	var owner *attribution.Process
	if s.att != nil {
		var keep bool
		if owner, keep = s.att.owner(pkt); !keep {
			return nil
		}
	}
	if s.w != nil {
		if err := s.write(pkt, rec, owner); err != nil {
			return err
		}
	}
	// Counted once written, so that the usrdeliv of a file closed by
	// rotation before this packet does not include it.
	s.captured.Add(1)
	if s.pr != nil {
		pp := &printer.Packet{Time: pkt.Timestamp, Data: pkt.Data, Length: pkt.Length, LinkType: pkt.LinkType}
		if s.multi && pkt.LinkType != linktype.LinuxSLL2 {
			pp.Interface = pkt.IfName
		}
		if owner != nil {
			pp.Process = s.att.label(owner)
		}
		if err := s.pr.Print(pp); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
	}
	return nil
}

func (s *sink) write(pkt *capture.Packet, rec *pcapng.Packet, owner *attribution.Process) error {
	id, err := s.outID(pkt)
	if err != nil {
		return fmt.Errorf("writing %s: %w", s.o.writeFile, err)
	}
	var out pcapng.Packet
	if rec != nil {
		out = *rec
		out.InterfaceID = id
	} else {
		data, length := pkt.Data, pkt.Length
		if s.cookers != nil {
			data, length = s.cookers[pkt.Interface].cook(pkt)
		}
		dir, recp := pkt.RecordDirection()
		out = pcapng.Packet{
			InterfaceID:    id,
			Timestamp:      pkt.Timestamp,
			Data:           data,
			OriginalLength: length,
			Direction:      dir,
			Reception:      recp,
			Comment:        s.att.comment(owner),
		}
	}
	err = s.w.WritePacket(out)
	if errors.Is(err, rotate.ErrFileLimit) {
		fmt.Fprintf(s.e.stderr, "Maximum file limit reached: %d\n", s.o.fileCount)
		return errFileLimit
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", s.o.writeFile, err)
	}
	if s.showStatus {
		s.written.Store(s.w.Size())
	}
	return nil
}

// more reports whether -c allows another packet.
func (s *sink) more() bool { return s.o.count == 0 || s.captured.Load() < uint64(s.o.count) }
