package capture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/linktype"
)

// sllHeaderLen is the size of the LINUX_SLL (v1) header, which libpcap
// puts in front of what a cooked socket delivers for LINUX_SLL and the
// link types it captures cooked under their own name (NETLINK, LINUX_IRDA,
// LINUX_LAPD).
const sllHeaderLen = 16

// linkChoice is how an interface is captured: the link type, whether the
// socket is cooked (SOCK_DGRAM, a header synthesized in front of each
// packet), and the link types -y may pick instead.
type linkChoice struct {
	linkType linktype.Type
	list     []linktype.Type // the link types offered, linkType among them
	cooked   bool
	// warning is libpcap's for a hardware type it does not know.
	warning string
}

// Linux ARPHRD_ values libpcap maps (include/uapi/linux/if_arp.h).
const (
	arphrdNetrom     = 0
	arphrdEEther     = 2
	arphrdAX25       = 3
	arphrdPronet     = 4
	arphrdChaos      = 5
	arphrdIEEE802    = 6
	arphrdArcnet     = 7
	arphrdDLCI       = 15
	arphrdATM        = 19
	arphrdMetricom   = 23
	arphrdSlip       = 256
	arphrdCSlip      = 257
	arphrdSlip6      = 258
	arphrdCSlip6     = 259
	arphrdAdapt      = 264
	arphrdCAN        = 280
	arphrdPPP        = 512
	arphrdCisco      = 513
	arphrdRawHDLC    = 518
	arphrdTunnel     = 768
	arphrdFRAD       = 770
	arphrdLocalTalk  = 773
	arphrdFDDI       = 774
	arphrdSit        = 776
	arphrdIrDA       = 783
	arphrdFCPP       = 784
	arphrdFCAL       = 785
	arphrdFCPL       = 786
	arphrdFCFabric   = 787
	arphrdIEEE802TR  = 800
	arphrdIEEE80211  = 801
	arphrdPrism      = 802
	arphrdRadiotap   = 803
	arphrdIEEE802154 = 804
	arphrdNetlink    = 824
	arphrdVSockMon   = 826
	arphrdLAPD       = 8445
)

// mapHardwareType is libpcap's map_arphrd_to_dlt and setup_socket's
// choice of cooked mode (pcap-linux.c): the link type for an interface's
// ARPHRD_ type, the list -L shows, and cooked mode (as LINUX_SLL) for
// PPP, ATM and the types libpcap does not know (GRE and IPv6 tunnels,
// InfiniBand...). name matters for a few devices libpcap recognises by
// name.
func mapHardwareType(name string, hw uint16) linkChoice {
	raw := func(lt linktype.Type) linkChoice { return linkChoice{linkType: lt, list: []linktype.Type{lt}} }
	cooked := func(lt linktype.Type) linkChoice {
		return linkChoice{linkType: lt, list: []linktype.Type{lt}, cooked: true}
	}
	switch hw {
	case arphrdEther:
		switch {
		case strings.HasPrefix(name, "cdma_rmnet"):
			// Android's mobile interfaces say Ethernet but carry IP.
			return raw(linktype.Raw)
		case strings.HasPrefix(name, "isdn"), strings.HasPrefix(name, "isdY"):
			return cooked(linktype.LinuxSLL)
		case isWireless(name):
			return raw(linktype.Ethernet)
		}
		// An Ethernet may carry a Cisco CMTS's DOCSIS frames.
		return linkChoice{linkType: linktype.Ethernet, list: []linktype.Type{linktype.Ethernet, linktype.DOCSIS}}
	case arphrdFCPP, arphrdFCAL, arphrdFCPL, arphrdFCFabric:
		return linkChoice{linkType: linktype.FC2, list: []linktype.Type{linktype.FC2, linktype.FC2WithFrameDelims, linktype.IPOverFC}}
	}
	if lt, ok := rawHardwareTypes[hw]; ok {
		return raw(lt)
	}
	if lt, ok := cookedHardwareTypes[hw]; ok {
		return cooked(lt)
	}
	c := cooked(linktype.LinuxSLL)
	c.warning = fmt.Sprintf("arptype %d not supported by libpcap - falling back to cooked socket", hw)
	return c
}

// rawHardwareTypes are the ARPHRD_ types libpcap captures raw as one link
// type (mapHardwareType has the ones with a choice).
var rawHardwareTypes = map[uint16]linktype.Type{
	arphrdMetricom:   linktype.Ethernet,
	arphrdLoopback:   linktype.Ethernet,
	arphrdEEther:     linktype.Ethernet3MB,
	arphrdAX25:       linktype.AX25KISS,
	arphrdPronet:     linktype.ProNET,
	arphrdChaos:      linktype.Chaos,
	arphrdCAN:        linktype.CANSocketCAN,
	arphrdIEEE802TR:  linktype.IEEE802,
	arphrdIEEE802:    linktype.IEEE802,
	arphrdArcnet:     linktype.ARCnetLinux,
	arphrdFDDI:       linktype.FDDI,
	arphrdIEEE80211:  linktype.IEEE80211,
	arphrdPrism:      linktype.PrismHeader,
	arphrdRadiotap:   linktype.IEEE80211Radio,
	arphrdCisco:      linktype.CiscoHDLC,
	arphrdTunnel:     linktype.Raw,
	arphrdSit:        linktype.Raw,
	arphrdCSlip:      linktype.Raw,
	arphrdSlip6:      linktype.Raw,
	arphrdCSlip6:     linktype.Raw,
	arphrdAdapt:      linktype.Raw,
	arphrdSlip:       linktype.Raw,
	arphrdRawHDLC:    linktype.Raw,
	arphrdDLCI:       linktype.Raw,
	arphrdNone:       linktype.Raw,
	arphrdFRAD:       linktype.FrameRelay,
	arphrdLocalTalk:  linktype.LocalTalk,
	18:               linktype.IPOverFC, // RFC 4338 IP over Fibre Channel
	arphrdIEEE802154: linktype.IEEE802154NoFCS,
	arphrdVSockMon:   linktype.VSock,
}

// cookedHardwareTypes are the ARPHRD_ types libpcap captures cooked, as
// the link type given (netlink cooked, so that the header's protocol field
// carries the netlink family).
var cookedHardwareTypes = map[uint16]linktype.Type{
	arphrdATM:     linktype.LinuxSLL,
	arphrdPPP:     linktype.LinuxSLL,
	arphrdIrDA:    linktype.LinuxIrDA,
	arphrdLAPD:    linktype.LinuxLAPD,
	arphrdNetlink: linktype.Netlink,
}

// anyChoice is the "any" device's: cooked, LINUX_SLL2 unless -y asks for
// LINUX_SLL (libpcap offers both).
var anyChoice = linkChoice{linkType: linktype.LinuxSLL2, list: []linktype.Type{linktype.LinuxSLL, linktype.LinuxSLL2}, cooked: true}

// isWireless is libpcap's is_wifi: a sysfs wireless directory.
func isWireless(name string) bool {
	_, err := os.Stat("/sys/class/net/" + name + "/wireless")
	return err == nil
}

// ErrLinkType is returned by Open when Options.LinkType is not one of the
// interface's link types.
var ErrLinkType = errors.New("link type not offered by the interface")

// chooseLinkType applies Options.LinkType (zero keeps the default).
func chooseLinkType(c linkChoice, name string, want linktype.Type) (linkChoice, error) {
	if want == 0 || want == c.linkType {
		return c, nil
	}
	if !slices.Contains(c.list, want) {
		var names []string
		for _, lt := range c.list {
			names = append(names, lt.String())
		}
		return c, fmt.Errorf("%s: %w: %s (it offers %s; see gocap -L -i %s)", name, ErrLinkType, want, strings.Join(names, ", "), name)
	}
	c.linkType = want
	return c, nil
}

// InterfaceLinkTypes reports how a capture on the named interface (or
// "any") records its packets: the default link type first, then the
// others Options.LinkType may choose, in libpcap's order.
func InterfaceLinkTypes(name string) (def linktype.Type, list []linktype.Type, err error) {
	if name == "any" {
		return anyChoice.linkType, anyChoice.list, nil
	}
	info, err := lookupInterface(name)
	if err != nil {
		return 0, nil, err
	}
	c := mapHardwareType(info.name, info.hwType)
	return c.linkType, c.list, nil
}

// cookedLen is the size of the header a cooked handle synthesizes.
func (h *sockHandle) cookedLen() int {
	if h.linkType == linktype.LinuxSLL2 {
		return sll2HeaderLen
	}
	return sllHeaderLen
}

// cook appends the cooked header libpcap builds for the handle's link
// type, then the packet, to buf.
func (h *sockHandle) cook(buf []byte, f *frame, kdata []byte) []byte {
	if h.linkType == linktype.LinuxSLL2 {
		buf = binary.BigEndian.AppendUint16(buf, f.protocol)
		buf = binary.BigEndian.AppendUint16(buf, 0) // reserved
		buf = binary.BigEndian.AppendUint32(buf, uint32(f.ifIndex))
		buf = binary.BigEndian.AppendUint16(buf, f.haType)
		buf = append(buf, f.pktType, f.addrLen)
		buf = append(buf, f.addr[:]...)
		return append(buf, kdata...)
	}
	// LINUX_SLL: packet type, hardware type, address length, 8 bytes of
	// address, protocol.
	buf = binary.BigEndian.AppendUint16(buf, uint16(f.pktType))
	buf = binary.BigEndian.AppendUint16(buf, f.haType)
	buf = binary.BigEndian.AppendUint16(buf, uint16(f.addrLen))
	buf = append(buf, f.addr[:]...)
	buf = binary.BigEndian.AppendUint16(buf, f.protocol)
	return append(buf, kdata...)
}

// fixCookedFor adapts a program compiled for a cooked handle's link type
// to the kernel's view, as libpcap's fix_offset does: LINUX_SLL2 through
// fixCooked; LINUX_SLL and the link types captured cooked under their own
// name lose the 16-byte header, its packet type and protocol fields
// becoming ancillary loads. false means the program reads a field the
// kernel cannot provide.
func fixCookedFor(lt linktype.Type, prog []bpf.RawInstruction) ([]bpf.RawInstruction, bool) {
	if lt == linktype.LinuxSLL2 {
		return fixCooked(prog)
	}
	return uncookLoads(prog, sllHeaderLen, sllFields)
}

// canToNetworkOrder is libpcap's fix-up of a SocketCAN frame: the kernel
// hands over the CAN ID and flags in host byte order, LINKTYPE_CAN_SOCKETCAN
// has them big-endian. The frame is copied into *scratch.
func canToNetworkOrder(kdata []byte, scratch *[]byte) []byte {
	if len(kdata) < 4 {
		return kdata
	}
	buf := append((*scratch)[:0], kdata...)
	binary.BigEndian.PutUint32(buf, binary.NativeEndian.Uint32(kdata))
	*scratch = buf
	return buf
}
