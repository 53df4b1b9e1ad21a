package capture

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// ARPHRD_ values the socket engine maps to link types.
const (
	arphrdEther    = 1
	arphrdLoopback = 772
	arphrdNone     = 0xfffe
)

const ethPAll = 0x0003 // ETH_P_ALL

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// sockHandle is one AF_PACKET socket with its ring: one interface, or all
// of them for "any".
type sockHandle struct {
	name     string // interface name, or "any"
	ifIndex  int    // 0 for "any"
	hwType   uint16 // ARPHRD_*
	pos      int    // position in the capture's interface list
	fd       int
	ring     *ring
	cooked   bool
	linkType linktype.Type
	snapLen  int
	dir      DirectionFilter
	place    filterPlace
	user     *userFilter
	names    map[int]string // ifindex → name, for "any"
	warn     io.Writer

	mu      sync.Mutex
	stats   Stats         // kernel counters accumulated (PACKET_STATISTICS resets them)
	matched atomic.Uint64 // packets delivered to the consumer
}

// openSocket creates, filters, maps and binds the socket for one interface.
// The socket is created with protocol 0, which receives nothing until bind,
// and the filter goes on before bind: no packet reaches the ring unfiltered.
// With join (a fanout group, see fanout.go) the socket rejects everything
// until the caller installs the filter, and joins the group once bound.
func openSocket(ifc ifaceInfo, any bool, pos int, o *Options, names map[int]string, warn io.Writer, join func(fd int) error) (_ *sockHandle, err error) {
	h := &sockHandle{name: ifc.name, ifIndex: ifc.index, hwType: ifc.hwType, pos: pos, snapLen: o.snapLen(), dir: o.Direction, names: names, warn: warn}
	// The link type as libpcap maps the hardware type (linktypes.go).
	lc := anyChoice
	if any {
		h.name, h.ifIndex = "any", 0
	} else {
		lc = mapHardwareType(ifc.name, ifc.hwType)
	}
	if lc, err = chooseLinkType(lc, h.name, o.LinkType); err != nil {
		return nil, err
	}
	h.linkType, h.cooked = lc.linkType, lc.cooked
	typ := unix.SOCK_RAW
	if h.cooked {
		typ = unix.SOCK_DGRAM
	}
	if !any && !ifc.up {
		return nil, fmt.Errorf("%s: %w", ifc.name, ErrInterfaceDown)
	}
	if lc.warning != "" {
		fmt.Fprintf(warn, "warning: %s: %s\n", h.name, lc.warning)
	}
	h.fd, err = unix.Socket(unix.AF_PACKET, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		if isPerm(err) {
			return nil, permissionError(h.name+": open AF_PACKET socket", err, "CAP_NET_RAW")
		}
		return nil, fmt.Errorf("%s: open AF_PACKET socket: %w", h.name, err)
	}
	defer func() {
		if err != nil {
			h.close()
		}
	}()
	if join == nil {
		if err := h.installFilter(o, warn); err != nil {
			return nil, err
		}
	} else if err := attachClassic(h.fd, rejectAll); err != nil {
		return nil, fmt.Errorf("%s: %w", h.name, err)
	}
	if h.ring, err = setupRing(h.fd, o.bufferSize(), h.snapLen+sll2HeaderLen+4, o.timeout()); err != nil {
		return nil, fmt.Errorf("%s: %w", h.name, err)
	}
	sa := &unix.SockaddrLinklayer{Protocol: htons(ethPAll), Ifindex: h.ifIndex}
	if err := unix.Bind(h.fd, sa); err != nil {
		switch {
		case errors.Is(err, unix.ENETDOWN):
			return nil, fmt.Errorf("%s: %w", h.name, ErrInterfaceDown)
		case errors.Is(err, unix.ENODEV):
			return nil, fmt.Errorf("%w %q", ErrNoSuchInterface, h.name)
		}
		return nil, fmt.Errorf("%s: bind: %w", h.name, err)
	}
	if soErr, err := unix.GetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_ERROR); err == nil && soErr == int(unix.ENETDOWN) {
		return nil, fmt.Errorf("%s: %w", h.name, ErrInterfaceDown)
	}
	if join != nil {
		if err := join(h.fd); err != nil {
			return nil, fmt.Errorf("%s: join fanout group: %w", h.name, err)
		}
	}
	if !any && !o.NoPromisc {
		mreq := unix.PacketMreq{Ifindex: int32(h.ifIndex), Type: unix.PACKET_MR_PROMISC}
		if err := unix.SetsockoptPacketMreq(h.fd, unix.SOL_PACKET, unix.PACKET_ADD_MEMBERSHIP, &mreq); err != nil {
			return nil, fmt.Errorf("%s: enable promiscuous mode: %w", h.name, err)
		}
	}
	return h, nil
}

func (h *sockHandle) close() {
	if h.ring != nil {
		h.ring.close()
	}
	if h.fd > 0 {
		_ = unix.Close(h.fd)
		h.fd = -1
	}
}

// readStats folds the kernel's counters (reset by each read) into h.stats.
func (h *sockHandle) readStats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fd > 0 {
		if st, err := unix.GetsockoptTpacketStatsV3(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS); err == nil {
			// The kernel's tp_packets already includes tp_drops.
			h.stats.Received += uint64(st.Packets)
			h.stats.Dropped += uint64(st.Drops)
			h.stats.FreezeQueue += uint64(st.Freeze_q_cnt)
		}
	}
	s := h.stats
	s.Matched = h.matched.Load()
	return s
}

// keeps reports whether the direction filter (-Q) keeps a packet of
// direction d.
func (h *sockHandle) keeps(d Direction) bool {
	return !(h.dir == DirIn && d == DirOutgoing) && !(h.dir == DirOut && d != DirOutgoing)
}

// packet builds the user's view of one frame: userspace filter and -Q
// check, VLAN tag re-insertion or cooked header, snap length. Data is the
// ring's own bytes where it can be and otherwise built in *scratch (which
// is then set to it): either way it is valid only until the block is
// released or scratch is reused. The caller counts the packet in matched.
func (h *sockHandle) packet(f *frame, scratch *[]byte, p *Packet) bool {
	dir := Direction(f.pktType)
	if !h.keeps(dir) {
		return false
	}
	// libpcap's VLAN_VALID: a non-zero TCI or the valid flag.
	vlanValid := f.vlanTCI != 0 || f.status&unix.TP_STATUS_VLAN_VALID != 0
	tpid := uint16(0x8100)
	if f.vlanTPID != 0 || f.status&unix.TP_STATUS_VLAN_TPID_VALID != 0 {
		tpid = f.vlanTPID
	}
	kdata := f.data
	if h.linkType == linktype.CANSocketCAN {
		kdata = canToNetworkOrder(kdata, scratch)
	}
	limit := h.snapLen
	length := int(f.wireLen)
	var data []byte
	if h.cooked {
		data = h.cook(slices.Grow((*scratch)[:0], sll2HeaderLen+len(kdata)), f, kdata)
		*scratch = data
		length += h.cookedLen()
	}
	if h.user != nil {
		var ret uint32
		var err error
		if h.user.onCooked {
			ret, _, err = cbpf.Run(h.user.prog, data, &cbpf.Metadata{WireLen: f.wireLen + uint32(h.cookedLen())})
			// ret counts the synthesized header too.
			if int64(ret) < int64(len(data)) {
				limit = int(ret)
			}
		} else {
			meta := cbpf.Metadata{
				WireLen: f.wireLen, Protocol: f.protocol, PktType: f.pktType,
				IfIndex: uint32(f.ifIndex), HAType: f.haType,
				VLANPresent: vlanValid, VLANTCI: uint16(f.vlanTCI), VLANTPID: tpid,
			}
			ret, _, err = cbpf.Run(h.user.prog, kdata, &meta)
			if int64(ret) < int64(len(kdata)) {
				kdata = kdata[:ret]
				if h.cooked {
					data = data[:h.cookedLen()+len(kdata)]
				}
			}
		}
		if err != nil && !h.user.failed {
			h.user.failed = true
			fmt.Fprintf(h.warn, "warning: %s: userspace filter: %v\n", h.name, err)
		}
		if ret == 0 {
			return false
		}
	}
	switch {
	case h.cooked:
	case h.linkType == linktype.Ethernet && vlanValid && len(kdata) >= 12:
		*scratch = retag((*scratch)[:0], kdata, tpid, uint16(f.vlanTCI))
		data = *scratch
		length += 4
	default:
		data = kdata
	}
	if limit > h.snapLen {
		limit = h.snapLen
	}
	if len(data) > limit {
		data = data[:limit]
	}
	// Field by field into the caller's packet: at capture rates a
	// returned struct and its copy cost more than the rest.
	p.IfName = h.name
	if h.ifIndex == 0 {
		p.IfName = h.names[f.ifIndex]
	}
	p.Timestamp = time.Unix(int64(f.sec), int64(f.nsec))
	p.Data = data
	p.Length = length
	p.LinkType = h.linkType
	p.IfIndex = f.ifIndex
	p.Interface = h.pos
	p.Direction = dir
	return true
}
