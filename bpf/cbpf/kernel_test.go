package cbpf

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// The kernel is the oracle of this package: these tests attach programs
// with SO_ATTACH_FILTER and compare the kernel's verdicts with Validate's
// and its results with Run's.

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func attach(fd int, prog []bpf.RawInstruction) error {
	f := make([]unix.SockFilter, len(prog))
	for i, in := range prog {
		f[i] = unix.SockFilter{Code: in.Op, Jt: in.Jt, Jf: in.Jf, K: in.K}
	}
	fp := unix.SockFprog{Len: uint16(len(f))}
	if len(f) > 0 {
		fp.Filter = &f[0]
	}
	return unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fp)
}

// pace slows a loop of attaches down: every replaced program is freed by a
// deferred kernel work item, and a burst of hundreds of them is what the
// JIT deadlock above needs.
func pace(n int) {
	if n%16 == 15 {
		time.Sleep(20 * time.Millisecond)
	}
}

// invalidProgram breaks a valid program in one of the ways Validate checks.
func invalidProgram(r *rand.Rand, prog []bpf.RawInstruction) []bpf.RawInstruction {
	p := append([]bpf.RawInstruction(nil), prog...)
	i := r.IntN(len(p))
	switch r.IntN(8) {
	case 0:
		p[i].Op = uint16(r.IntN(256))
	case 1:
		p[i] = bpf.RawInstruction{Op: ClassALU | DIV | SrcK}
	case 2:
		p[i] = bpf.RawInstruction{Op: ClassALU | LSH | SrcK, K: 32 + uint32(r.IntN(40))}
	case 3:
		p[i] = bpf.RawInstruction{Op: ClassST, K: 16 + uint32(r.IntN(3))}
	case 4:
		p[i] = bpf.RawInstruction{Op: ClassJMP | JEQ, Jt: uint8(len(p) - i - 1 + r.IntN(3))}
	case 5:
		p[i] = bpf.RawInstruction{Op: ClassLD | ModeMEM, K: uint32(r.IntN(16))}
	case 6:
		p[i] = bpf.RawInstruction{Op: ClassLD | SizeB | ModeABS, K: SKFAdOff + uint32(r.IntN(80))}
	default:
		p = p[:len(p)-1]
	}
	return p
}

// TestValidateAgreesWithKernel: Validate accepts exactly the programs the
// kernel's SO_ATTACH_FILTER accepts. It needs no privilege.
func TestValidateAgreesWithKernel(t *testing.T) {
	testenv.RequireBPF(t)
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	r := rand.New(rand.NewPCG(11, 12))
	n := 400
	if testing.Short() {
		n = 150
	}
	accepted := 0
	for i := 0; i < n; i++ {
		prog := randomProgram(r, 2+r.IntN(30), true)
		if r.IntN(2) == 0 {
			prog = invalidProgram(r, prog)
		}
		ours := Validate(prog)
		kernel := attach(fd, prog)
		if kernel != nil && !errors.Is(kernel, unix.EINVAL) {
			t.Fatalf("SO_ATTACH_FILTER: %v", kernel)
		}
		if (ours == nil) != (kernel == nil) {
			t.Fatalf("Validate says %v, the kernel %v:\n%s", ours, kernel, Dump(prog))
		}
		if ours == nil {
			accepted++
			pace(accepted)
		}
	}
	for _, prog := range [][]bpf.RawInstruction{nil, make([]bpf.RawInstruction, MaxInstructions+1)} {
		if Validate(prog) == nil || attach(fd, prog) == nil {
			t.Errorf("program of %d instructions accepted", len(prog))
		}
	}
	t.Logf("%d programs, %d valid: verdicts agree", n, accepted)
}

// loopback creates a network namespace for the calling (locked) thread and
// brings its lo up. The namespace disappears with the thread, which the
// runtime ends when the test's goroutine exits still locked.
func loopback(t *testing.T) {
	runtime.LockOSThread() // never unlocked: the thread must not be reused
	if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
		testenv.Skip(t, "unshare(CLONE_NEWNET): %v", err)
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		t.Fatal(err)
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		t.Fatal(err)
	}
}

const sentinelType = 0x88b5 // IEEE local experimental EtherType

// observable wraps a random program so that the kernel's result can be
// read back from a packet socket: sentinel frames are accepted whole, every
// RET A goes through an epilogue that makes the return value a length of 1
// to 256, and RET k becomes ret (k&0xff)+1 (ret 0 stays: a drop).
func observable(prog []bpf.RawInstruction) []bpf.RawInstruction {
	out := []bpf.RawInstruction{
		{Op: ClassLD | SizeH | ModeABS, K: 12},
		{Op: ClassJMP | JEQ, Jt: 0, Jf: 1, K: sentinelType},
		{Op: ClassRET | RetK, K: 0xffff},
		{Op: ClassLD | ModeIMM, K: 0},
	}
	base := len(out)
	epilogue := base + len(prog)
	for i, in := range prog {
		switch in.Op {
		case ClassRET | RetA:
			in = bpf.RawInstruction{Op: ClassJMP | JA, K: uint32(epilogue - (base + i) - 1)}
		case ClassRET | RetK:
			if in.K != 0 {
				in.K = in.K&0xff + 1
			}
		}
		out = append(out, in)
	}
	return append(out,
		bpf.RawInstruction{Op: ClassALU | AND | SrcK, K: 0xff},
		bpf.RawInstruction{Op: ClassALU | ADD | SrcK, K: 1},
		bpf.RawInstruction{Op: ClassRET | RetA})
}

// TestRunAgreesWithKernel runs random valid programs in the kernel, as
// socket filters on a packet socket in a private network namespace, over
// random frames sent on its loopback device, and compares what arrives
// with Run: dropped, or trimmed to the returned length.
func TestRunAgreesWithKernel(t *testing.T) {
	testenv.RequireBPF(t)
	loopback(t)
	const lo = 1 // lo is the first device of a new namespace
	rx, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, int(htons(unix.ETH_P_ALL)))
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(rx)
	if err := unix.Bind(rx, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: lo}); err != nil {
		t.Fatal(err)
	}
	if err := unix.SetsockoptInt(rx, unix.SOL_PACKET, unix.PACKET_IGNORE_OUTGOING, 1); err != nil {
		t.Fatal(err)
	}
	if err := unix.SetsockoptTimeval(rx, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &unix.Timeval{Sec: 2}); err != nil {
		t.Fatal(err)
	}
	tx, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(tx)
	to := &unix.SockaddrLinklayer{Ifindex: lo, Halen: 6}

	sentinel := make([]byte, 60)
	binary.BigEndian.PutUint16(sentinel[12:], sentinelType)
	buf := make([]byte, 2048)
	// send transmits a frame and returns the length of the filtered copy
	// that arrives (0 when the filter dropped it).
	send := func(frame []byte) int {
		t.Helper()
		if err := unix.Sendto(tx, frame, 0, to); err != nil {
			t.Fatalf("sendto: %v", err)
		}
		if err := unix.Sendto(tx, sentinel, 0, to); err != nil {
			t.Fatalf("sendto: %v", err)
		}
		got, frames := 0, 0
		for {
			n, _, err := unix.Recvfrom(rx, buf, 0)
			if err != nil {
				t.Fatalf("recvfrom (waiting for the sentinel): %v", err)
			}
			if n == len(sentinel) && binary.BigEndian.Uint16(buf[12:]) == sentinelType {
				if frames > 1 {
					t.Fatalf("%d frames arrived for one sent", frames)
				}
				return got
			}
			got = n
			frames++
		}
	}

	r := rand.New(rand.NewPCG(21, 22))
	// Ancillary fields whose values are known on a namespace's lo.
	known := map[uint32]bool{SKFAdProtocol: true, SKFAdPktType: true, SKFAdIfIndex: true,
		SKFAdHAType: true, SKFAdMark: true, SKFAdQueue: true, SKFAdALUXorX: true, SKFAdVLANTag: true,
		SKFAdVLANTagPresent: true, SKFAdVLANTPID: true, SKFAdNLAttr: true, SKFAdNLAttrNest: true}
	programs, packets := 150, 20
	if testing.Short() {
		programs = 40
	}
	ran := 0
	deadline := time.Now().Add(60 * time.Second)
	for ran < programs && time.Now().Before(deadline) {
		prog := randomProgram(r, 2+r.IntN(40), true)
		usable := Validate(prog) == nil
		for _, in := range prog {
			if off, ok := Ancillary(in.K); ok && in.Op&0xe7 == ClassLD|ModeABS && !known[off] {
				usable = false
			}
		}
		if !usable {
			continue
		}
		full := observable(prog)
		pace(ran)
		if err := attach(rx, full); err != nil {
			t.Fatalf("kernel rejects a program Validate accepts: %v\n%s", err, Dump(full))
		}
		for p := 0; p < packets; p++ {
			frame := kernelFrame(r)
			meta := &Metadata{NetOff: 14, IfIndex: lo, HAType: unix.ARPHRD_LOOPBACK, Protocol: ethProtocol(frame)}
			want, _, err := Run(full, frame, meta)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if int(want) > len(frame) {
				want = uint32(len(frame))
			}
			if got := send(frame); got != int(want) {
				t.Fatalf("frame % x: kernel delivers %d bytes, Run says %d\n%s", frame, got, want, Dump(full))
			}
		}
		ran++
	}
	if ran < programs/2 {
		t.Fatalf("only %d programs ran in time", ran)
	}
	t.Logf("%d programs × %d frames agree with the kernel", ran, packets)
}

// kernelFrame is a random frame addressed to lo (so that its pkt_type is
// PACKET_HOST), without VLAN tags (the receive path would strip them) and
// not IP or ARP (the stack could answer it).
func kernelFrame(r *rand.Rand) []byte {
	f := make([]byte, 14+r.IntN(120))
	for i := 12; i < len(f); i++ {
		f[i] = byte(r.Uint32())
	}
	for {
		switch binary.BigEndian.Uint16(f[12:]) {
		case 0x8100, 0x88a8, 0x9100, sentinelType, 0x0800, 0x86dd, 0x0806:
			f[12] = byte(r.Uint32())
			continue
		}
		break
	}
	return f
}

// ethProtocol is the skb->protocol eth_type_trans gives a frame.
func ethProtocol(f []byte) uint16 {
	t := binary.BigEndian.Uint16(f[12:])
	switch {
	case t >= 0x0600:
		return t
	case len(f) >= 16 && f[14] == 0xff && f[15] == 0xff:
		return unix.ETH_P_802_3
	}
	return unix.ETH_P_802_2
}
