package translate

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/internal/testenv"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/bpf/cbpf"
)

// sentinel marks the last frame of a batch: a frame to an unused
// locally-administered address with an experimental EtherType.
var sentinelHdr = []byte{0x02, 0xbb, 0xbb, 0xbb, 0xbb, 0xbb, 0x02, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0x88, 0xb6}

// TestKernelClassicAgreement attaches each program twice to AF_PACKET
// sockets on one end of a veth pair — as classic BPF (SO_ATTACH_FILTER,
// the kernel's own path) and translated to an eBPF socket filter
// (SO_ATTACH_BPF) — sends frames from the other end, and requires both
// sockets to receive the same frames with the same (trimmed) lengths.
// Received frames carry real metadata: VLAN tags taken out of band by the
// receive path, pkt_type from the destination address, the device's
// ifindex, the CPU.
func TestKernelClassicAgreement(t *testing.T) {
	testenv.RequireBPF(t)
	pair := netns.NewPair(t, "gocapbpf", netip.MustParsePrefix("10.199.30.0/24"))
	rng := rand.New(rand.NewPCG(3, 5))

	// Programs: a sample of the conformance corpus (all the Linux-extension
	// cases, which use VLAN ancillary loads, and every 40th other case) and
	// random programs the kernel's checker accepts.
	var progs [][]bpf.RawInstruction
	var names []string
	for i, c := range loadCorpus(t) {
		prog := c.prog()
		info, _ := cbpf.Check(prog, cbpf.Libpcap)
		if info.BackwardJumps || c.DLT != "EN10MB" {
			continue
		}
		if info.Ancillary || i%40 == 0 {
			progs = append(progs, prog)
			names = append(names, c.Name)
		}
	}
	corpusN := len(progs)
	randomN := 160
	if testenv.Short() {
		randomN = 40
	}
	for i := 0; i < randomN; i++ {
		progs = append(progs, genProgram(rng, genOptions{kernel: true}))
		names = append(names, "random")
	}

	var sender int
	if err := pair.Run(pair.NS1, func() (err error) { sender, err = packetSocket(pair.Index1); return err }); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(sender)
	real := realPackets()[1]
	opts := Options{Target: SocketFilter, HAType: 1, HATypeKnown: true} // ARPHRD_ETHER
	const batch = 16
	var frames, delivered int
	for start := 0; start < len(progs); start += batch {
		group := progs[start:min(start+batch, len(progs))]
		type sockPair struct{ classic, ebpf int }
		socks := make([]sockPair, len(group))
		var watch int
		err := pair.Run(pair.NS2, func() error {
			var err error
			if watch, err = packetSocket(pair.Index2); err != nil {
				return err
			}
			for i, prog := range group {
				if socks[i].classic, err = packetSocket(pair.Index2); err != nil {
					return err
				}
				if socks[i].ebpf, err = packetSocket(pair.Index2); err != nil {
					return err
				}
				if err := attachClassic(socks[i].classic, prog); err != nil {
					t.Fatalf("%s: SO_ATTACH_FILTER: %v\n%s", names[start+i], err, progString(prog))
				}
				p, err := loadTranslated(prog, opts)
				if err != nil {
					t.Fatalf("%s: %v", names[start+i], err)
				}
				err = unix.SetsockoptInt(socks[i].ebpf, unix.SOL_SOCKET, unix.SO_ATTACH_BPF, p.FD())
				p.Close() // the socket holds its own reference
				if err != nil {
					t.Fatalf("SO_ATTACH_BPF: %v", err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Drop what arrived between bind and attach.
		for _, s := range socks {
			drain(s.classic)
			drain(s.ebpf)
		}
		drain(watch)

		var batchFrames [][]byte
		for _, prog := range group {
			batchFrames = append(batchFrames, vethFrames(rng, prog, real, pair.MAC2, 32)...)
		}
		for _, f := range batchFrames {
			if err := unix.Sendto(sender, f, 0, &unix.SockaddrLinklayer{Ifindex: pair.Index1, Halen: 6}); err != nil {
				t.Fatalf("send %d-byte frame: %v", len(f), err)
			}
		}
		sentinel := append(append([]byte(nil), sentinelHdr...), make([]byte, 50)...)
		if err := unix.Sendto(sender, sentinel, 0, &unix.SockaddrLinklayer{Ifindex: pair.Index1, Halen: 6}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, watch, sentinel)
		time.Sleep(20 * time.Millisecond) // the other sockets of the same delivery loop
		frames += len(batchFrames)
		for i, s := range socks {
			c, err1 := drain(s.classic)
			e, err2 := drain(s.ebpf)
			if err1 != nil || err2 != nil {
				t.Fatalf("recv: %v %v", err1, err2)
			}
			delivered += len(c)
			if !sameFrames(c, e) {
				t.Errorf("%s: classic socket received %d frames, eBPF socket %d; first difference %s\nprogram:\n%s",
					names[start+i], len(c), len(e), firstDiff(c, e), progString(group[i]))
			}
			unix.Close(s.classic)
			unix.Close(s.ebpf)
		}
		unix.Close(watch)
	}
	t.Logf("%d programs (%d from the corpus, %d random), %d frames sent, %d deliveries to the classic sockets, all matched by the eBPF sockets",
		len(progs), corpusN, len(progs)-corpusN, frames, delivered)
}

// vethFrames returns frames for prog: biased random ones, real ones, some
// with 802.1Q or 802.1ad tags that the receive path takes out of band, and
// some addressed to the receiver (PACKET_HOST) or broadcast.
func vethFrames(rng *rand.Rand, prog []bpf.RawInstruction, real [][]byte, dst []byte, n int) [][]byte {
	var out [][]byte
	var consts []uint32 // what the program compares A with
	for _, ins := range prog {
		if ins.Op&7 == cbpf.ClassJMP && ins.Op&0xf0 != cbpf.JA && ins.Op&cbpf.SrcX == 0 {
			consts = append(consts, ins.K)
		}
	}
	consts = append(consts, 0, 1)
	for _, p := range packets(rng, prog, real, n) {
		switch rng.IntN(4) {
		case 0:
			copy(p, dst)
		case 1:
			copy(p, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
		}
		if rng.IntN(2) == 0 {
			tpid := []uint16{0x8100, 0x88a8}[rng.IntN(2)]
			tag := make([]byte, 4)
			binary.BigEndian.PutUint16(tag, tpid)
			// Tag values the program looks for, or small ones that a
			// "ret a" turns into a visible trim length.
			tci := []uint32{consts[rng.IntN(len(consts))], consts[rng.IntN(len(consts))], rng.Uint32N(200), rng.Uint32()}[rng.IntN(4)]
			binary.BigEndian.PutUint16(tag[2:], uint16(tci))
			p = append(append(append([]byte(nil), p[:12]...), tag...), p[12:]...)
		}
		if bytes.Equal(p[:6], sentinelHdr[:6]) || len(p) > 1514 {
			continue
		}
		out = append(out, p)
	}
	return out
}

func waitFor(t *testing.T, fd int, frame []byte) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	buf := make([]byte, 4096)
	for time.Now().Before(deadline) {
		n, _, err := unix.Recvfrom(fd, buf, 0)
		if err == unix.EAGAIN {
			time.Sleep(time.Millisecond)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(buf[:n], frame) {
			return
		}
	}
	t.Fatal("sentinel frame never arrived")
}

func sameFrames(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func firstDiff(a, b [][]byte) string {
	for i := 0; i < max(len(a), len(b)); i++ {
		switch {
		case i >= len(a):
			return "eBPF only: " + hex.EncodeToString(b[i])
		case i >= len(b):
			return "classic only: " + hex.EncodeToString(a[i])
		case !bytes.Equal(a[i], b[i]):
			return "classic " + hex.EncodeToString(a[i]) + " eBPF " + hex.EncodeToString(b[i])
		}
	}
	return "none"
}

var _ = ebpf.SocketFilter
