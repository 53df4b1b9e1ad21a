package main

import (
	"encoding/binary"
	"os"
	"strconv"
	"strings"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// Writing interfaces of different link types to an output that holds one
// (-w -, kept readable by tcpdump -r -, and classic pcap): every packet is
// rewritten as LINUX_SLL2, the Linux cooked header `-i any` produces. The
// capture itself is unchanged (each interface filtered in the kernel for
// its own link type); only the link-layer header of what is written
// changes, into the one the kernel would have given a cooked socket.

// sll2HeaderLen is the size of a LINUX_SLL2 header.
const sll2HeaderLen = 20

// ARPHRD_ values of the interfaces whose frames are rewritten.
const (
	arphrdEther    = 1
	arphrdLoopback = 772
	arphrdNone     = 0xfffe
)

// singleLinkTypeOutput reports whether -w cannot hold interfaces of
// different link types.
func singleLinkTypeOutput(o *options) bool {
	if o.writeFile == "" {
		return false
	}
	if o.writeFile == "-" {
		return true
	}
	format := pcapng.FormatAuto
	if o.pcap {
		format = pcapng.FormatPcap
	}
	return pcapng.FormatForName(o.writeFile, format) == pcapng.FormatPcap
}

// mixedLinkTypes reports whether the interfaces differ in link type.
func mixedLinkTypes(ifaces []capture.Interface) bool {
	for _, ifc := range ifaces[1:] {
		if ifc.LinkType != ifaces[0].LinkType {
			return true
		}
	}
	return false
}

// cooker rewrites the packets of one interface as LINUX_SLL2.
type cooker struct {
	ifIndex int
	haType  uint16 // ARPHRD_* of the interface
	snapLen int
}

func newCooker(ifc capture.Interface) *cooker {
	c := &cooker{ifIndex: ifc.Index, haType: arphrdEther, snapLen: ifc.SnapLen}
	if ifc.LinkType == linktype.Raw {
		c.haType = arphrdNone
	}
	if b, err := os.ReadFile("/sys/class/net/" + ifc.Name + "/type"); err == nil {
		if t, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			c.haType = uint16(t)
		}
	}
	return c
}

// cook returns p's bytes and wire length as LINUX_SLL2. Packets already
// cooked are returned as they are. An Ethernet frame loses its 14-byte
// header to a 20-byte one: the ethertype (0x8100 and the tag after it
// for a VLAN frame, as libpcap's cooked captures keep it), the interface
// index, the hardware type, the packet type and the source address. The
// result is cut to the snap length again.
func (c *cooker) cook(p *capture.Packet) ([]byte, int) {
	var hdr [sll2HeaderLen]byte
	var payload []byte
	length := p.Length
	switch p.LinkType {
	case linktype.LinuxSLL2:
		return p.Data, p.Length
	case linktype.Ethernet:
		if len(p.Data) >= 14 {
			copy(hdr[0:2], p.Data[12:14])
			payload = p.Data[14:]
		}
		hdr[11] = 6 // sll2_halen
		copy(hdr[12:18], p.Data[min(6, len(p.Data)):min(12, len(p.Data))])
		length += sll2HeaderLen - 14
	case linktype.LinuxSLL:
		// A cooked v1 header (packet type, hardware type, address
		// length, address, protocol) rearranged as v2.
		if len(p.Data) < 16 {
			return p.Data, p.Length
		}
		copy(hdr[0:2], p.Data[14:16])
		binary.BigEndian.PutUint32(hdr[4:], uint32(c.ifIndex))
		copy(hdr[8:10], p.Data[2:4])
		hdr[10] = p.Data[1]
		hdr[11] = p.Data[5]
		copy(hdr[12:20], p.Data[6:14])
		out := append(append(make([]byte, 0, sll2HeaderLen+len(p.Data)-16), hdr[:]...), p.Data[16:]...)
		if c.snapLen > 0 && len(out) > c.snapLen {
			out = out[:c.snapLen]
		}
		return out, p.Length + sll2HeaderLen - 16
	case linktype.Raw:
		if len(p.Data) > 0 {
			proto := uint16(0x0800)
			if p.Data[0]>>4 == 6 {
				proto = 0x86dd
			}
			binary.BigEndian.PutUint16(hdr[0:], proto)
		}
		payload = p.Data
		length += sll2HeaderLen
	default:
		return p.Data, p.Length
	}
	binary.BigEndian.PutUint32(hdr[4:], uint32(c.ifIndex))
	binary.BigEndian.PutUint16(hdr[8:], c.haType)
	hdr[10] = uint8(p.Direction) // the kernel's PACKET_* type
	out := make([]byte, 0, sll2HeaderLen+len(payload))
	out = append(append(out, hdr[:]...), payload...)
	if c.snapLen > 0 && len(out) > c.snapLen {
		out = out[:c.snapLen]
	}
	return out, length
}
