package pcapng

import (
	"time"

	"github.com/gocap/gocap/linktype"
)

// Direction is the packet's direction relative to the capturing host, as
// recorded in bits 0-1 of epb_flags.
type Direction uint8

const (
	DirectionUnknown  Direction = 0
	DirectionInbound  Direction = 1
	DirectionOutbound Direction = 2
)

func (d Direction) String() string {
	switch d {
	case DirectionInbound:
		return "inbound"
	case DirectionOutbound:
		return "outbound"
	case DirectionUnknown:
		return "unknown"
	}
	return "invalid"
}

// Reception is how the packet was addressed when received, as recorded in
// bits 2-4 of epb_flags.
type Reception uint8

const (
	ReceptionUnspecified Reception = 0
	ReceptionUnicast     Reception = 1
	ReceptionMulticast   Reception = 2
	ReceptionBroadcast   Reception = 3
	ReceptionPromiscuous Reception = 4
)

func (r Reception) String() string {
	switch r {
	case ReceptionUnspecified:
		return "unspecified"
	case ReceptionUnicast:
		return "unicast"
	case ReceptionMulticast:
		return "multicast"
	case ReceptionBroadcast:
		return "broadcast"
	case ReceptionPromiscuous:
		return "promiscuous"
	}
	return "invalid"
}

// Masks of the epb_flags word that Direction and Reception occupy.
const (
	flagDirectionMask  = 0x3
	flagReceptionMask  = 0x1c
	flagReceptionShift = 2
)

// Packet is one captured packet, as written by a PacketWriter and as
// returned by a Reader.
type Packet struct {
	// InterfaceID is the id AddInterface returned (writing) or the
	// section-local interface index (reading).
	InterfaceID int
	// Timestamp is kept to the nanosecond by pcapng and nanosecond pcap;
	// microsecond pcap truncates it.
	Timestamp time.Time
	// Data holds the captured bytes; its length is the capture length. A
	// Reader reuses the slice: it is valid until the next ReadPacket.
	Data []byte
	// OriginalLength is the length on the wire; 0 means len(Data).
	OriginalLength int
	Direction      Direction
	Reception      Reception
	// Flags carries the other epb_flags bits (FCS length in bits 5-8,
	// link-layer errors in 16-31); the Direction and Reception bits of
	// Flags are ignored when writing and cleared when reading.
	Flags uint32
	// DropCount is epb_dropcount: packets lost between the previous packet
	// of this interface and this one. It is written only when non-zero.
	DropCount uint64
	// Comment is opt_comment; several comments read back joined by "\n".
	Comment string

	// LinkType is the interface's link type; set by readers, ignored by
	// writers (the interface's own link type is what counts).
	LinkType linktype.Type
}

// CaptureLength is the number of bytes captured.
func (p *Packet) CaptureLength() int { return len(p.Data) }

// WireLength is OriginalLength, or the capture length when it is unset.
func (p *Packet) WireLength() int {
	if p.OriginalLength == 0 {
		return len(p.Data)
	}
	return p.OriginalLength
}

// Interface describes a capture interface, written as an Interface
// Description Block.
type Interface struct {
	LinkType    linktype.Type // a DLT_ value: files' LINKTYPE_ values are converted
	SnapLen     uint32        // 0 means unlimited (written as 0, as pcapng allows)
	Name        string        // if_name
	Description string        // if_description
	Filter      string        // if_filter: the pcap-filter expression
	OS          string        // if_os
	Hardware    string        // if_hardware
	// TSResol is if_tsresol as encoded in pcapng: bit 7 clear means
	// 10^-n seconds, set means 2^-n. Writers accept 0 (meaning 9,
	// nanoseconds), 6 and 9; readers report 6 when the option is absent.
	TSResol uint8
	// TSOffset is if_tsoffset in seconds, added to every timestamp.
	TSOffset int64
	// Speed is if_speed in bits per second; 0 means unknown and is not
	// written.
	Speed uint64
	// FCSLen is if_fcslen, the FCS bytes at the end of each frame; writers
	// write it when positive, readers report -1 when the file does not say.
	FCSLen int
}

// Writable returns a file's interface as a Writer can declare it for the
// packets a Reader read on it. Their time stamps are time.Time values, so:
// an if_tsresol other than micro- or nanoseconds (milliseconds, 2^-20 s,
// picoseconds...) becomes nanoseconds, which hold every one exactly; and
// the if_tsoffset goes, since the Reader has added it already (kept, a
// packet earlier than the offset, as a Simple Packet Block's missing
// time stamp is, could not be written).
func (ifc Interface) Writable() Interface {
	if ifc.TSResol != 6 {
		ifc.TSResol = 9
	}
	ifc.TSOffset = 0
	return ifc
}

// StatField names one counter of an Interface Statistics Block.
type StatField uint16

const (
	StatStart StatField = 1 << iota
	StatEnd
	StatReceived
	StatDropped
	StatFilterAccept
	StatOSDrop
	StatUserDelivered

	StatAll = StatStart | StatEnd | StatReceived | StatDropped | StatFilterAccept | StatOSDrop | StatUserDelivered
)

// Stats is the content of an Interface Statistics Block.
type Stats struct {
	// Timestamp is when the counters were taken; zero means now (writing).
	Timestamp time.Time
	Start     time.Time // isb_starttime
	End       time.Time // isb_endtime
	// Counters, as in libpcap's pcap_stat: Received is isb_ifrecv, Dropped
	// isb_ifdrop (by the interface/driver), FilterAccept isb_filteraccept,
	// OSDrop isb_osdrop (by the kernel's buffer), UserDelivered
	// isb_usrdeliv.
	Received      uint64
	Dropped       uint64
	FilterAccept  uint64
	OSDrop        uint64
	UserDelivered uint64
	// Present says which fields are known. Writing with Present == 0
	// writes every counter, and Start/End when they are not zero; a
	// Reader sets exactly the options it found.
	Present StatField
}

// Has reports whether the field f is known.
func (s *Stats) Has(f StatField) bool { return s.Present&f != 0 }
