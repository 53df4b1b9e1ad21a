package capture

import (
	"time"

	"github.com/gocap/gocap/linktype"
)

// Direction is the way a packet went, from the kernel's sll_pkttype.
type Direction uint8

// The directions, numbered as the kernel's PACKET_* packet types.
const (
	DirIncoming  Direction = 0 // PACKET_HOST: addressed to this host
	DirBroadcast Direction = 1 // PACKET_BROADCAST
	DirMulticast Direction = 2 // PACKET_MULTICAST
	DirOtherHost Direction = 3 // PACKET_OTHERHOST: seen in promiscuous mode
	DirOutgoing  Direction = 4 // PACKET_OUTGOING: sent by this host
	DirUnknown   Direction = 255
)

func (d Direction) String() string {
	switch d {
	case DirIncoming:
		return "In"
	case DirBroadcast:
		return "B"
	case DirMulticast:
		return "M"
	case DirOtherHost:
		return "P"
	case DirOutgoing:
		return "Out"
	}
	return "?"
}

// Inbound reports whether the packet was received (anything but outgoing).
func (d Direction) Inbound() bool { return d != DirOutgoing && d != DirUnknown }

// Packet is one captured packet. Data is owned by the receiver.
type Packet struct {
	// Timestamp is when the kernel saw the packet, with nanosecond
	// resolution.
	Timestamp time.Time
	// Data holds the captured bytes (at most the snap length), in the
	// format of linktype.Type, with the VLAN tag re-inserted.
	Data []byte
	// Length is the original length on the wire, including a re-inserted
	// VLAN tag or synthesized cooked header, as libpcap reports it.
	Length int
	// LinkType is the format of Data.
	LinkType linktype.Type
	// IfIndex and IfName identify the interface the packet was seen on;
	// Interface is its position in Source.Interfaces.
	IfIndex   int
	IfName    string
	Interface int
	// Direction comes from the kernel's packet type.
	Direction Direction
	// SocketCookie is the cookie of the local socket that sent the packet
	// (bpf_get_socket_cookie), when Options.SocketCookies asked for it
	// and the engine can tell (the tc engine, on packets sent from this
	// host); 0 otherwise.
	SocketCookie uint64
}

// CapLen is the number of captured bytes.
func (p *Packet) CapLen() int { return len(p.Data) }

// Stats are the counters of a capture, as libpcap's pcap_stats.
type Stats struct {
	// Received counts packets that passed the kernel filter, including the
	// ones dropped because the ring was full (ps_recv).
	Received uint64
	// Dropped counts packets the kernel could not store (ps_drop): ring
	// full, or for the tc engine ring-buffer reservation failures.
	Dropped uint64
	// FreezeQueue counts times the TPACKET_V3 ring froze because no block
	// was free (tp_freeze_q_cnt).
	FreezeQueue uint64
	// Matched counts packets delivered to the reader after every filter
	// (kernel and userspace) and the direction check.
	Matched uint64
	// IfDropped counts packets the interface dropped (ps_ifdrop); zero
	// where unknown.
	IfDropped uint64
}

func (s Stats) add(o Stats) Stats {
	return Stats{
		Received:    s.Received + o.Received,
		Dropped:     s.Dropped + o.Dropped,
		FreezeQueue: s.FreezeQueue + o.FreezeQueue,
		Matched:     s.Matched + o.Matched,
		IfDropped:   s.IfDropped + o.IfDropped,
	}
}
