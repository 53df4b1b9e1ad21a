package cbpf

// Metadata is what the kernel knows about a packet besides its bytes: the
// sk_buff fields the ancillary loads (SKF_AD_*) read, and the header offsets
// the negative-offset loads use. The zero value describes a packet with no
// VLAN tag, pkttype PACKET_HOST, link-layer header at byte 0.
type Metadata struct {
	// WireLen is the packet's length on the wire (skb->len), what LD LEN
	// loads; 0 means len(pkt). It may exceed len(pkt) for truncated captures.
	WireLen uint32

	// Protocol is skb->protocol in host order (the EtherType, e.g. 0x0800).
	Protocol uint16
	// PktType is skb->pkt_type: 0 host, 1 broadcast, 2 multicast,
	// 3 otherhost, 4 outgoing.
	PktType uint8
	// IfIndex is the receiving device's index; HAType its ARPHRD_ type.
	IfIndex uint32
	HAType  uint16
	// NoDevice makes IFINDEX and HATYPE loads end the program with 0, as the
	// kernel does for an skb without a device.
	NoDevice bool
	Mark     uint32
	// Queue is skb->queue_mapping.
	Queue  uint16
	RXHash uint32
	CPU    uint32

	// VLANPresent reports an out-of-band (accelerated or stripped) VLAN tag;
	// the bytes passed to Run then lack it, as the kernel's do.
	VLANPresent bool
	// VLANTCI is the whole tag control information (priority, DEI, id).
	VLANTCI uint16
	// VLANTPID is the tag's protocol identifier (0x8100, 0x88a8, ...).
	VLANTPID uint16

	// PayOffset is what SKF_AD_PAY_OFFSET returns (the kernel computes it
	// with its flow dissector: the offset of the transport payload).
	PayOffset uint32
	// Random is what SKF_AD_RANDOM returns, fixed so runs are repeatable.
	Random uint32

	// LLOff and NetOff are the offsets in pkt of the link-layer and network
	// headers, the bases of SKF_LL_OFF and SKF_NET_OFF loads. NetOff zero
	// with LLOff zero means "no network header known": SKF_NET_OFF loads
	// then read from offset 0 too.
	LLOff  uint32
	NetOff uint32
}

var zeroMetadata Metadata
