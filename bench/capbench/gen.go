package main

import (
	"encoding/binary"
	"fmt"
	"net"
	"runtime"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The generator runs inside the sender namespace (re-executed through
// `ip netns exec`) and writes prebuilt frames to an AF_PACKET socket bound to
// the veth, at a fixed rate or as fast as it can.

// The generators (-gen).
const (
	genSocket = "socket" // send, below
	genInject = "inject" // inject.go
)

// The traffic mixes (-mix).
const (
	// mixDefault: per cycle of ten frames six 64-byte UDP frames, two
	// 1514-byte TCP frames and two VLAN-tagged UDP frames.
	mixDefault = "default"
	// mixSmall: 64-byte UDP frames only, the packet-rate stress case.
	mixSmall = "small"
	// mixLarge: 1514-byte TCP frames only, a bulk transfer: the byte-rate
	// case, where a tool's CPU per packet is mostly the copy of its bytes
	// and the generator can send faster than one tool at 10% of a core
	// writes (the fanout's scaling, BENCHMARKS.md).
	mixLarge = "large"
)

// mixNames lists the mixes for flags' help and errors.
var mixNames = mixSmall + ", " + mixDefault + " or " + mixLarge

// frameMix is the cycle of frames the generator sends for mix ("64-byte"
// counts the frame check sequence the veth does not carry: 60 bytes sent).
// With flows > 1 the cycle repeats with that many source ports (flows, as a
// busy link carries them, which a fanout by flow hash spreads).
func frameMix(mix string, dstMAC, srcMAC net.HardwareAddr, flows int) ([][]byte, error) {
	var frames [][]byte
	for f := range max(flows, 1) {
		sport := uint16(40000 + f)
		udp := buildFrame(dstMAC, srcMAC, 0, 17, 60, sport)
		switch mix {
		case mixDefault:
			tcp := buildFrame(dstMAC, srcMAC, 0, 6, 1514, sport)
			vlan := buildFrame(dstMAC, srcMAC, 10, 17, 64, sport)
			frames = append(frames, udp, tcp, udp, vlan, udp, udp, tcp, udp, vlan, udp)
		case mixSmall:
			frames = append(frames, udp)
		case mixLarge:
			frames = append(frames, buildFrame(dstMAC, srcMAC, 0, 6, 1514, sport))
		default:
			return nil, fmt.Errorf("unknown mix %q (want %s)", mix, mixNames)
		}
	}
	return frames, nil
}

// buildFrame makes an Ethernet frame of frameLen bytes (without FCS) carrying
// IPv4 from 10.199.50.1 to 10.199.50.99 — an address inside the benchmark's
// own namespace that nothing answers, so the receiver sends no replies that
// would be captured too.
func buildFrame(dst, src net.HardwareAddr, vlanID int, proto byte, frameLen int, sport uint16) []byte {
	f := make([]byte, frameLen)
	copy(f[0:6], dst)
	copy(f[6:12], src)
	off := 12
	if vlanID > 0 {
		binary.BigEndian.PutUint16(f[off:], 0x8100)
		binary.BigEndian.PutUint16(f[off+2:], uint16(vlanID))
		off += 4
	}
	binary.BigEndian.PutUint16(f[off:], 0x0800)
	ip := f[off+2:]
	ipLen := len(ip)
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(ipLen))
	ip[8] = 64
	ip[9] = proto
	copy(ip[12:16], net.IPv4(10, 199, 50, 1).To4())
	copy(ip[16:20], net.IPv4(10, 199, 50, 99).To4())
	binary.BigEndian.PutUint16(ip[10:], ipChecksum(ip[:20]))
	l4 := ip[20:]
	binary.BigEndian.PutUint16(l4[0:], sport)
	binary.BigEndian.PutUint16(l4[2:], 9) // discard
	switch proto {
	case 17:
		binary.BigEndian.PutUint16(l4[4:], uint16(len(l4)))
	case 6:
		l4[12] = 5 << 4
		l4[13] = 0x18 // PSH|ACK
		binary.BigEndian.PutUint16(l4[14:], 65535)
	}
	return f
}

func ipChecksum(h []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(h); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(h[i:]))
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// generate sends count frames of mix on ifname at rate frames/s (0: unpaced) from
// senders threads, each with its own socket and an equal share of count and
// rate, and returns how many were sent and how long it took.
func generate(ifname, mix string, dstMAC net.HardwareAddr, count, rate, senders, flows int) (int, time.Duration, error) {
	ifc, err := net.InterfaceByName(ifname)
	if err != nil {
		return 0, 0, fmt.Errorf("generator: %w", err)
	}
	frames, err := frameMix(mix, dstMAC, ifc.HardwareAddr, flows)
	if err != nil {
		return 0, 0, fmt.Errorf("generator: %w", err)
	}
	senders = max(senders, 1)
	type result struct {
		sent int
		err  error
	}
	results := make(chan result, senders)
	start := time.Now()
	for i := 0; i < senders; i++ {
		n := count / senders
		if i < count%senders {
			n++
		}
		go func() {
			runtime.LockOSThread()
			sent, err := send(ifc.Index, frames, n, float64(rate)/float64(senders))
			results <- result{sent, err}
		}()
	}
	total := 0
	var firstErr error
	for i := 0; i < senders; i++ {
		r := <-results
		total += r.sent
		if firstErr == nil {
			firstErr = r.err
		}
	}
	return total, time.Since(start), firstErr
}

// send writes count frames of the mix to an AF_PACKET socket on ifIndex,
// rate frames/s (0: as fast as it can).
func send(ifIndex int, frames [][]byte, count int, rate float64) (int, error) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
	if err != nil {
		return 0, fmt.Errorf("generator: AF_PACKET socket: %w", err)
	}
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Ifindex: ifIndex}); err != nil {
		return 0, fmt.Errorf("generator: bind: %w", err)
	}
	// Bypassing the qdisc keeps the sender from dropping frames itself
	// under a flood, so "sent" means "handed to the veth".
	_ = unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_QDISC_BYPASS, 1)
	// Frames go out in batches of up to 64 per sendmmsg(2): a system
	// call per frame kept the generator below the rate the capture tools
	// sustain at -cpu-limit, so that the zero-loss sweep measured the
	// generator (bench/README.md).
	const batch = 64
	var iovs [batch]unix.Iovec
	var msgs [batch]unix.Mmsghdr
	for i := range msgs {
		msgs[i].Hdr.Iov = &iovs[i]
		msgs[i].Hdr.SetIovlen(1)
	}
	start := time.Now()
	sent := 0
	for sent < count {
		n := min(batch, count-sent)
		for i := 0; i < n; i++ {
			f := frames[(sent+i)%len(frames)]
			iovs[i].Base = &f[0]
			iovs[i].SetLen(len(f))
		}
		for done := 0; done < n; {
			r, _, errno := unix.Syscall6(unix.SYS_SENDMMSG, uintptr(fd), uintptr(unsafe.Pointer(&msgs[done])), uintptr(n-done), 0, 0, 0)
			switch {
			case errno == unix.ENOBUFS || errno == unix.EAGAIN:
				time.Sleep(10 * time.Microsecond)
			case errno != 0:
				return sent + done, fmt.Errorf("generator: sendmmsg: %w", errno)
			default:
				done += int(r)
			}
		}
		sent += n
		if rate > 0 {
			due := start.Add(time.Duration(float64(sent) / rate * float64(time.Second)))
			for d := time.Until(due); d > 0; d = time.Until(due) {
				if d > 200*time.Microsecond {
					time.Sleep(d - 100*time.Microsecond)
				}
			}
		}
	}
	return sent, nil
}
