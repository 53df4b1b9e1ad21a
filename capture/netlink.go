package capture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// A minimal rtnetlink client for the clsact fallback of the tc engine:
// create a clsact qdisc if there is none, add and delete one cls_bpf filter.
// The socket is opened in the capture's network namespace and keeps it.

const (
	tcHClsact     = 0xfffffff1 // TC_H_CLSACT, also the ingress qdisc parent
	tcHMinIngress = 0xfff2
	tcHMinEgress  = 0xfff3
	tcaKind       = 1
	tcaOptions    = 2
	tcaBPFFD      = 6
	tcaBPFName    = 7
	tcaBPFFlags   = 8
	tcaBPFActDir  = 1 // TCA_BPF_FLAG_ACT_DIRECT
	sizeofTcmsg   = 20
)

type rtnl struct {
	fd  int
	seq atomic.Uint32
}

func openRtnl() (*rtnl, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	return &rtnl{fd: fd}, nil
}

func (n *rtnl) close() { unix.Close(n.fd) }

// attr appends a netlink attribute, padded to 4 bytes.
func attr(b []byte, typ uint16, val []byte) []byte {
	l := 4 + len(val)
	b = binary.NativeEndian.AppendUint16(b, uint16(l))
	b = binary.NativeEndian.AppendUint16(b, typ)
	b = append(b, val...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func cstr(s string) []byte { return append([]byte(s), 0) }

func u32(v uint32) []byte { return binary.NativeEndian.AppendUint32(nil, v) }

// tcmsg builds struct tcmsg.
func tcmsg(ifindex int, handle, parent, info uint32) []byte {
	b := make([]byte, sizeofTcmsg)
	b[0] = unix.AF_UNSPEC
	binary.NativeEndian.PutUint32(b[4:], uint32(int32(ifindex)))
	binary.NativeEndian.PutUint32(b[8:], handle)
	binary.NativeEndian.PutUint32(b[12:], parent)
	binary.NativeEndian.PutUint32(b[16:], info)
	return b
}

// request sends one message and waits for its acknowledgement.
func (n *rtnl) request(typ uint16, flags uint16, body []byte) error {
	seq := n.seq.Add(1)
	msg := make([]byte, unix.NLMSG_HDRLEN, unix.NLMSG_HDRLEN+len(body))
	binary.NativeEndian.PutUint32(msg[0:], uint32(unix.NLMSG_HDRLEN+len(body)))
	binary.NativeEndian.PutUint16(msg[4:], typ)
	binary.NativeEndian.PutUint16(msg[6:], flags|unix.NLM_F_REQUEST|unix.NLM_F_ACK)
	binary.NativeEndian.PutUint32(msg[8:], seq)
	msg = append(msg, body...)
	if err := unix.Sendto(n.fd, msg, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return fmt.Errorf("netlink send: %w", err)
	}
	buf := make([]byte, 1<<16)
	for {
		nr, _, err := unix.Recvfrom(n.fd, buf, 0)
		if err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			return fmt.Errorf("netlink receive: %w", err)
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:nr])
		if err != nil {
			return fmt.Errorf("netlink parse: %w", err)
		}
		for _, m := range msgs {
			if m.Header.Seq != seq || m.Header.Type != unix.NLMSG_ERROR {
				continue
			}
			if len(m.Data) < 4 {
				return errors.New("netlink: short error message")
			}
			if code := int32(binary.NativeEndian.Uint32(m.Data)); code != 0 {
				return unix.Errno(-code)
			}
			return nil
		}
	}
}

// addClsact creates the clsact qdisc on ifindex; it reports false (and no
// error) when one is there already.
func (n *rtnl) addClsact(ifindex int) (bool, error) {
	body := attr(tcmsg(ifindex, 0xffff0000, tcHClsact, 0), tcaKind, cstr("clsact"))
	err := n.request(unix.RTM_NEWQDISC, unix.NLM_F_CREATE|unix.NLM_F_EXCL, body)
	if errors.Is(err, unix.EEXIST) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("add clsact qdisc: %w", err)
	}
	return true, nil
}

func (n *rtnl) delClsact(ifindex int) error {
	body := attr(tcmsg(ifindex, 0xffff0000, tcHClsact, 0), tcaKind, cstr("clsact"))
	return n.request(unix.RTM_DELQDISC, 0, body)
}

// clsFilter identifies a cls_bpf filter the engine added.
type clsFilter struct {
	ifindex int
	parent  uint32
	prio    uint16
}

func (f clsFilter) msg() []byte {
	info := uint32(f.prio)<<16 | uint32(htons(ethPAll))
	return tcmsg(f.ifindex, 1, f.parent, info)
}

// addBPFFilter attaches a direct-action cls_bpf filter with the program
// fd, at the first free priority from 1 on, so it runs before filters
// that were already there (it never changes a packet's fate).
func (n *rtnl) addBPFFilter(ifindex int, egress bool, progFD int, name string) (clsFilter, error) {
	f := clsFilter{ifindex: ifindex, parent: tcHClsact&0xffff0000 | tcHMinIngress}
	if egress {
		f.parent = tcHClsact&0xffff0000 | tcHMinEgress
	}
	var opts []byte
	opts = attr(opts, tcaBPFFD, u32(uint32(progFD)))
	opts = attr(opts, tcaBPFName, cstr(name))
	opts = attr(opts, tcaBPFFlags, u32(tcaBPFActDir))
	var lastErr error
	for prio := uint16(1); prio < 64; prio++ {
		f.prio = prio
		body := attr(f.msg(), tcaKind, cstr("bpf"))
		body = attr(body, tcaOptions|unix.NLA_F_NESTED, opts)
		err := n.request(unix.RTM_NEWTFILTER, unix.NLM_F_CREATE|unix.NLM_F_EXCL, body)
		if err == nil {
			return f, nil
		}
		lastErr = err
		if !errors.Is(err, unix.EEXIST) && !errors.Is(err, unix.EINVAL) {
			break // EINVAL: that priority holds another kind or protocol
		}
	}
	return clsFilter{}, fmt.Errorf("add bpf filter: %w", lastErr)
}

func (n *rtnl) delFilter(f clsFilter) error {
	body := attr(f.msg(), tcaKind, cstr("bpf"))
	return n.request(unix.RTM_DELTFILTER, 0, body)
}

// hasFilters reports whether any filter is attached under parent (used
// before removing a clsact qdisc the engine created: if someone added
// filters meanwhile, the qdisc stays).
func (n *rtnl) hasFilters(ifindex int, parent uint32) (bool, error) {
	seq := n.seq.Add(1)
	body := tcmsg(ifindex, 0, parent, 0)
	msg := make([]byte, unix.NLMSG_HDRLEN, unix.NLMSG_HDRLEN+len(body))
	binary.NativeEndian.PutUint32(msg[0:], uint32(unix.NLMSG_HDRLEN+len(body)))
	binary.NativeEndian.PutUint16(msg[4:], unix.RTM_GETTFILTER)
	binary.NativeEndian.PutUint16(msg[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	binary.NativeEndian.PutUint32(msg[8:], seq)
	msg = append(msg, body...)
	if err := unix.Sendto(n.fd, msg, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return false, err
	}
	found := false
	buf := make([]byte, 1<<16)
	for {
		nr, _, err := unix.Recvfrom(n.fd, buf, 0)
		if err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			return false, err
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:nr])
		if err != nil {
			return false, err
		}
		for _, m := range msgs {
			if m.Header.Seq != seq {
				continue
			}
			switch m.Header.Type {
			case unix.NLMSG_DONE:
				return found, nil
			case unix.NLMSG_ERROR:
				if len(m.Data) >= 4 {
					if code := int32(binary.NativeEndian.Uint32(m.Data)); code != 0 {
						return false, unix.Errno(-code)
					}
				}
				return found, nil
			case unix.RTM_NEWTFILTER:
				found = true
			}
		}
	}
}
