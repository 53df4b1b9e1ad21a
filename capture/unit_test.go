package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"os"
	"testing"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

func TestFixCooked(t *testing.T) {
	cases := []struct {
		in   bpf.RawInstruction
		want uint32
		ok   bool
	}{
		{bpf.RawInstruction{Op: 0x28, K: 0}, (cbpf.SKFAdOff + cbpf.SKFAdProtocol), true}, // ldh [0]: protocol
		{bpf.RawInstruction{Op: 0x20, K: 4}, (cbpf.SKFAdOff + cbpf.SKFAdIfIndex), true},  // ld [4]: ifindex
		{bpf.RawInstruction{Op: 0x30, K: 10}, (cbpf.SKFAdOff + cbpf.SKFAdPktType), true}, // ldb [10]: packet type
		{bpf.RawInstruction{Op: 0x30, K: 29}, 9, true},                                   // ldb [29]: IPv4 protocol
		{bpf.RawInstruction{Op: 0xb1, K: 20}, 0, true},                                   // ldxb 4*([20]&0xf)
		{bpf.RawInstruction{Op: 0x48, K: 22}, 2, true},                                   // ldh [x+22]
		{bpf.RawInstruction{Op: 0x20, K: (cbpf.SKFAdOff + cbpf.SKFAdPktType)}, (cbpf.SKFAdOff + cbpf.SKFAdPktType), true},
		{bpf.RawInstruction{Op: 0x30, K: 11}, 0, false}, // ldb [11]: address length
		{bpf.RawInstruction{Op: 0x20, K: 12}, 0, false}, // address
	}
	for _, c := range cases {
		got, ok := fixCooked([]bpf.RawInstruction{c.in, {Op: 0x06, K: 1}})
		if ok != c.ok {
			t.Errorf("%+v: ok = %v", c.in, ok)
			continue
		}
		if ok && (got[0].K != c.want || got[0].Op != c.in.Op) {
			t.Errorf("%+v: got %+v, want k=%#x", c.in, got[0], c.want)
		}
	}
	// Non-loads are left alone.
	p := []bpf.RawInstruction{{Op: 0x15, Jt: 1, K: 4}, {Op: 0x06, K: 7}, {Op: 0x06, K: 0}}
	if got, ok := fixCooked(p); !ok || !slicesEqual(got, p) {
		t.Errorf("non-loads changed: %+v", got)
	}
}

func slicesEqual(a, b []bpf.RawInstruction) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWithDirection(t *testing.T) {
	vm := func(prog []bpf.RawInstruction, pktType uint8) uint32 {
		// The prefix reads the packet type; interpret it by hand.
		if prog[0].K != (cbpf.SKFAdOff+cbpf.SKFAdPktType) || prog[1].K != uint32(DirOutgoing) {
			t.Fatalf("unexpected prefix %+v", prog[:3])
		}
		next := 2 + int(prog[1].Jf)
		if pktType == uint8(DirOutgoing) {
			next = 2 + int(prog[1].Jt)
		}
		return prog[next].K
	}
	base := acceptAll(96)
	if got := withDirection(base, DirInOut); !slicesEqual(got, base) {
		t.Error("inout changed the program")
	}
	in, out := withDirection(base, DirIn), withDirection(base, DirOut)
	for _, c := range []struct {
		prog    []bpf.RawInstruction
		pktType uint8
		want    uint32
	}{{in, 0, 96}, {in, 4, 0}, {in, 1, 96}, {out, 4, 96}, {out, 0, 0}, {out, 3, 0}} {
		if got := vm(c.prog, c.pktType); got != c.want {
			t.Errorf("pkttype %d: ret %d, want %d", c.pktType, got, c.want)
		}
	}
}

func TestOutgoingPktType(t *testing.T) {
	p := []bpf.RawInstruction{{Op: 0x20, K: (cbpf.SKFAdOff + cbpf.SKFAdPktType)}, {Op: 0x30, K: (cbpf.SKFAdOff + cbpf.SKFAdPktType)}, {Op: 0x20, K: 12}, {Op: 0x06, K: 1}}
	got := outgoingPktType(p)
	for i := 0; i < 2; i++ {
		if got[i] != (bpf.RawInstruction{Op: 0x00, K: 4}) {
			t.Errorf("insn %d: %+v, want ld #4", i, got[i])
		}
	}
	if got[2] != p[2] || p[0].Op != 0x20 {
		t.Error("other instructions or the input changed")
	}
}

// TestRingBufferSize checks -B as the tc engine's BPF ring buffer size: its
// own default, a power-of-two number of pages at least as large as asked,
// 1 MiB at least unless less is asked for.
func TestRingBufferSize(t *testing.T) {
	page := os.Getpagesize()
	for _, c := range []struct{ buf, want int }{
		{0, DefaultTCBufferSize},
		{3 << 20, 4 << 20},
		{1 << 20, 1 << 20},
		{page, page},
		{page + 1, 2 * page},
		{1, page},
		{DefaultBufferSize, DefaultBufferSize},
	} {
		if got := ringBufferSize(&Options{BufferSize: c.buf}); got != c.want {
			t.Errorf("-B %d bytes: ring buffer of %d, want %d", c.buf, got, c.want)
		}
	}
	if (&Options{}).bufferSize() != DefaultBufferSize {
		t.Errorf("socket engine's default ring: %d, want %d", (&Options{}).bufferSize(), DefaultBufferSize)
	}
}

func TestRingGeometry(t *testing.T) {
	page := os.Getpagesize()
	for _, c := range []struct{ buf, snap int }{{2 << 20, 262144 + 24}, {2 << 20, 224}, {16 << 10, 152}, {1, 65535}, {64 << 20, 1500}, {8 << 20, 262144}} {
		for _, immediate := range []bool{true, false} {
			bs, bn := ringGeometry(c.buf, c.snap, immediate)
			if bs%page != 0 || bs&(bs-1) != 0 {
				t.Errorf("%+v: block size %d not a power-of-two number of pages", c, bs)
			}
			if bs < min(c.snap, 65535)+ringOverhead {
				t.Errorf("%+v: block size %d cannot hold a snap-length packet", c, bs)
			}
			if bn < 2 {
				t.Errorf("%+v: %d blocks", c, bn)
			}
			if c.buf >= 4*bs && bs*bn > c.buf {
				t.Errorf("%+v: ring %d larger than the buffer", c, bs*bn)
			}
			fits := bs/2 >= min(c.snap, 65535)+ringOverhead+4 // a smaller block would do
			switch {
			case immediate && bs > page && fits:
				t.Errorf("%+v immediate: block size %d larger than needed", c, bs)
			case !immediate && bs < bulkBlockSize && c.buf >= 2*bs*4:
				t.Errorf("%+v: block size %d, want %d when the buffer holds 4 of them", c, bs, bulkBlockSize)
			case !immediate && fits && bs > bulkBlockSize:
				t.Errorf("%+v: block size %d larger than needed", c, bs)
			case !immediate && fits && c.buf < 4*bs:
				t.Errorf("%+v: %d blocks of %d, want at least 4", c, bn, bs)
			}
		}
	}
}

// buildBlock lays out a TPACKET_V3 block as the kernel does.
func buildBlock(frames []frame) []byte {
	block := make([]byte, 1<<16)
	off := 48
	binary.NativeEndian.PutUint32(block[blockNumPktsOff:], uint32(len(frames)))
	binary.NativeEndian.PutUint32(block[blockFirstPktOff:], uint32(off))
	for i, f := range frames {
		h := block[off:]
		mac := sockaddrLLOff + 32
		binary.NativeEndian.PutUint32(h[4:], f.sec)
		binary.NativeEndian.PutUint32(h[8:], f.nsec)
		binary.NativeEndian.PutUint32(h[12:], uint32(len(f.data)))
		binary.NativeEndian.PutUint32(h[16:], f.wireLen)
		binary.NativeEndian.PutUint32(h[20:], f.status)
		binary.NativeEndian.PutUint16(h[24:], uint16(mac))
		binary.NativeEndian.PutUint32(h[32:], f.vlanTCI)
		binary.NativeEndian.PutUint16(h[36:], f.vlanTPID)
		sll := h[sockaddrLLOff:]
		binary.BigEndian.PutUint16(sll[2:], f.protocol)
		binary.NativeEndian.PutUint32(sll[4:], uint32(f.ifIndex))
		binary.NativeEndian.PutUint16(sll[8:], f.haType)
		sll[10], sll[11] = f.pktType, f.addrLen
		copy(sll[12:], f.addr[:])
		copy(h[mac:], f.data)
		next := (mac + len(f.data) + 15) &^ 15
		if i < len(frames)-1 {
			binary.NativeEndian.PutUint32(h[0:], uint32(next))
		}
		off += next
	}
	return block
}

// TestDecode: VLAN re-insertion with the right TPID, cooked headers,
// snap length, direction and userspace filtering, on blocks laid out as the
// kernel lays them out.
func TestDecode(t *testing.T) {
	ipFrame := append(eth(macBcast, macOther, 0x0800), ipv4(17, ipSrc, ipDst, udp(1, 9, make([]byte, 100)))...)
	tagged := func(tpid, tci uint16) []byte {
		b := append([]byte{}, ipFrame[:12]...)
		b = be16(be16(b, tpid), tci)
		return append(b, ipFrame[12:]...)
	}
	eth1 := &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 1000, warn: io.Discard}
	cases := []struct {
		name    string
		h       *sockHandle
		f       frame
		want    []byte
		wireLen int
		dir     Direction
		drop    bool
	}{
		{name: "plain", h: eth1, f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3, pktType: 1}, want: ipFrame, wireLen: len(ipFrame), dir: DirBroadcast},
		{name: "vlan-8100", h: eth1, f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3, vlanTCI: 0x2064, status: 0x10}, want: tagged(0x8100, 0x2064), wireLen: len(ipFrame) + 4},
		{name: "vlan-88a8", h: eth1, f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3, vlanTCI: 5, vlanTPID: 0x88a8, status: 0x50}, want: tagged(0x88a8, 5), wireLen: len(ipFrame) + 4},
		{name: "vlan-0-valid", h: eth1, f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3, status: 0x10}, want: tagged(0x8100, 0), wireLen: len(ipFrame) + 4},
		{name: "snap", h: &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 40, warn: io.Discard},
			f: frame{data: ipFrame[:40], wireLen: 1514, ifIndex: 3, vlanTCI: 7, status: 0x10}, want: tagged(0x8100, 7)[:40], wireLen: 1518},
		{name: "out-filtered", h: &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 1000, dir: DirIn, warn: io.Discard},
			f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3, pktType: 4}, drop: true},
		{name: "cooked", h: &sockHandle{name: "any", cooked: true, linkType: linktype.LinuxSLL2, snapLen: 1000, names: map[int]string{7: "veth7"}, warn: io.Discard},
			f:    frame{data: ipFrame[14:], wireLen: uint32(len(ipFrame) - 14), ifIndex: 7, pktType: 4, protocol: 0x0800, haType: 1, addrLen: 6, addr: [8]byte{2, 0, 0, 0, 0, 0x99}},
			want: append([]byte{8, 0, 0, 0, 0, 0, 0, 7, 0, 1, 4, 6, 2, 0, 0, 0, 0, 0x99, 0, 0}, ipFrame[14:]...), wireLen: len(ipFrame) - 14 + 20, dir: DirOutgoing},
		// A userspace program on the cooked packet (it reads the address
		// length, which the kernel cannot provide): halen == 6 → keep 24.
		{name: "cooked-userspace", h: &sockHandle{name: "any", cooked: true, linkType: linktype.LinuxSLL2, snapLen: 1000, warn: io.Discard,
			user: &userFilter{onCooked: true, prog: []bpf.RawInstruction{{Op: 0x30, K: 11}, {Op: 0x15, Jf: 1, K: 6}, {Op: 0x06, K: 24}, {Op: 0x06, K: 0}}}},
			f:    frame{data: ipFrame[14:], wireLen: uint32(len(ipFrame) - 14), ifIndex: 7, protocol: 0x0800, haType: 1, addrLen: 6},
			want: append([]byte{8, 0, 0, 0, 0, 0, 0, 7, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0}, ipFrame[14:18]...), wireLen: len(ipFrame) - 14 + 20},
		{name: "cooked-userspace-reject", h: &sockHandle{name: "any", cooked: true, linkType: linktype.LinuxSLL2, snapLen: 1000, warn: io.Discard,
			user: &userFilter{onCooked: true, prog: []bpf.RawInstruction{{Op: 0x30, K: 11}, {Op: 0x15, Jf: 1, K: 6}, {Op: 0x06, K: 24}, {Op: 0x06, K: 0}}}},
			f: frame{data: ipFrame[14:], wireLen: uint32(len(ipFrame) - 14), ifIndex: 7, protocol: 0x0800, addrLen: 4}, drop: true},
		// Userspace filter with the kernel's view: "vlan" through the
		// ancillary load sees the stripped tag.
		{name: "userspace-vlan-ancillary", h: &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 1000, warn: io.Discard,
			user: &userFilter{prog: []bpf.RawInstruction{{Op: 0x20, K: cbpf.SKFAdOff + 48}, {Op: 0x15, Jt: 1, K: 0}, {Op: 0x06, K: 1000}, {Op: 0x06, K: 0}}}},
			f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3, vlanTCI: 9, status: 0x10}, want: tagged(0x8100, 9), wireLen: len(ipFrame) + 4},
		{name: "userspace-vlan-ancillary-untagged", h: &sockHandle{name: "eth0", ifIndex: 3, linkType: linktype.Ethernet, snapLen: 1000, warn: io.Discard,
			user: &userFilter{prog: []bpf.RawInstruction{{Op: 0x20, K: cbpf.SKFAdOff + 48}, {Op: 0x15, Jt: 1, K: 0}, {Op: 0x06, K: 1000}, {Op: 0x06, K: 0}}}},
			f: frame{data: ipFrame, wireLen: uint32(len(ipFrame)), ifIndex: 3}, drop: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.f.sec, c.f.nsec = 1700000000, 123456789
			pkts, err := c.h.decodeBlock(buildBlock([]frame{c.f, c.f}))
			if err != nil {
				t.Fatal(err)
			}
			if c.drop {
				if len(pkts) != 0 {
					t.Fatalf("delivered %d packets, want none", len(pkts))
				}
				return
			}
			if len(pkts) != 2 {
				t.Fatalf("delivered %d packets, want 2", len(pkts))
			}
			p := pkts[1]
			if !bytes.Equal(p.Data, c.want) {
				t.Errorf("data\n got  %x\n want %x", p.Data, c.want)
			}
			if p.Length != c.wireLen || p.Direction != c.dir || p.Timestamp.UnixNano() != 1700000000123456789 {
				t.Errorf("length %d dir %v ts %v, want %d %v", p.Length, p.Direction, p.Timestamp, c.wireLen, c.dir)
			}
			if p.IfIndex != c.f.ifIndex || (c.h.names != nil && p.IfName != c.h.names[c.f.ifIndex]) {
				t.Errorf("interface %d %q", p.IfIndex, p.IfName)
			}
		})
	}
}

// TestDecodeCorrupt: a corrupt block is an error, not a panic.
func TestDecodeCorrupt(t *testing.T) {
	h := &sockHandle{name: "eth0", linkType: linktype.Ethernet, snapLen: 100, warn: io.Discard}
	block := buildBlock([]frame{{data: make([]byte, 60), wireLen: 60}})
	binary.NativeEndian.PutUint32(block[blockFirstPktOff:], uint32(len(block)-8))
	if _, err := h.decodeBlock(block); err == nil {
		t.Error("bad first-packet offset accepted")
	}
	block = buildBlock([]frame{{data: make([]byte, 60), wireLen: 60}})
	binary.NativeEndian.PutUint32(block[48+12:], 1<<20) // snaplen past the block
	if _, err := h.decodeBlock(block); err == nil {
		t.Error("caplen past the block accepted")
	}
}

func TestTCDecode(t *testing.T) {
	e := &tcEngine{snapLen: 64, pos: map[int]int{5: 0}, ifaces: []Interface{{Name: "veth5", Index: 5}}, monoToReal: 1000}
	r := &tcReader{e: e, lastIndex: -1}
	decode := func(rec []byte) (Packet, error) {
		var p Packet
		err := r.packet(rec, &p)
		return p, err
	}
	frameBytes := append(eth(macBcast, macOther, 0x0800), ipv4(17, ipSrc, ipDst, udp(1, 9, make([]byte, 100)))...)
	rec := func(capLen int, vlan bool, pktType byte) []byte {
		r := make([]byte, recHeaderLen)
		binary.NativeEndian.PutUint64(r[recTime:], 5000)
		binary.NativeEndian.PutUint32(r[recIfIndex:], 5)
		binary.NativeEndian.PutUint32(r[recWireLen:], uint32(len(frameBytes)))
		binary.NativeEndian.PutUint16(r[recCapLen:], uint16(capLen))
		binary.NativeEndian.PutUint16(r[recVlanTCI:], 0x3007)
		binary.NativeEndian.PutUint16(r[recVlanProto:], htons(0x88a8))
		binary.NativeEndian.PutUint64(r[recCookie:], 0x1122334455)
		r[recFlags] = pktType
		if vlan {
			r[recFlags+1] = 1
		}
		return append(r, frameBytes[:capLen]...)
	}
	p, err := decode(rec(64, true, 4))
	if err != nil {
		t.Fatal(err)
	}
	want := append(append(append([]byte{}, frameBytes[:12]...), 0x88, 0xa8, 0x30, 0x07), frameBytes[12:60]...)
	if !bytes.Equal(p.Data, want) || p.Length != len(frameBytes)+4 || p.Direction != DirOutgoing || p.IfName != "veth5" || p.Timestamp.UnixNano() != 6000 || p.SocketCookie != 0x1122334455 {
		t.Errorf("decoded %+v\nwant data %x", p, want)
	}
	p, err = decode(rec(30, false, 0))
	if err != nil || !bytes.Equal(p.Data, frameBytes[:30]) || p.Length != len(frameBytes) || p.Direction != DirIncoming {
		t.Errorf("decoded %+v, %v", p, err)
	}
	if _, err := decode(rec(30, false, 0)[:40]); err == nil {
		t.Error("short record accepted")
	}
	if _, err := decode(make([]byte, 8)); err == nil {
		t.Error("record without header accepted")
	}
}

// FuzzDecodeBlock: whatever the ring holds, decoding never panics.
func FuzzDecodeBlock(f *testing.F) {
	f.Add(buildBlock([]frame{{data: make([]byte, 60), wireLen: 60, vlanTCI: 3, status: 0x10}})[:512])
	f.Add(buildBlock([]frame{{data: make([]byte, 20), wireLen: 20}, {data: make([]byte, 9), wireLen: 90}})[:512])
	f.Fuzz(func(t *testing.T, block []byte) {
		if len(block) < 64 {
			return
		}
		for _, h := range []*sockHandle{
			{name: "eth0", linkType: linktype.Ethernet, snapLen: 100, warn: io.Discard},
			{name: "any", cooked: true, linkType: linktype.LinuxSLL2, snapLen: 100, warn: io.Discard},
		} {
			_, _ = h.decodeBlock(block)
		}
	})
}

// decodeBlock reads one ring block through the socket engine's reader, as
// a block the kernel was still filling at Stop (it is not released),
// copying each packet as ReadPacket does.
func (h *sockHandle) decodeBlock(block []byte) ([]Packet, error) {
	r := &sockReader{stopped: func() bool { return true }, draining: true}
	r.start(h, block, true)
	var out []Packet
	for {
		p, err := r.next(context.Background())
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		p.Data = bytes.Clone(p.Data)
		out = append(out, p)
	}
}

// TestDrainRetiredFillingBlock: at Stop the reader reads the block the
// kernel is still filling in place; when the block timer retires that same
// block while (or after) it is read, its packets are not delivered twice.
func TestDrainRetiredFillingBlock(t *testing.T) {
	block := buildBlock([]frame{{data: make([]byte, 60), wireLen: 60}, {data: make([]byte, 60), wireLen: 60}})
	mem := make([]byte, 2*len(block))
	copy(mem, block)
	h := &sockHandle{name: "eth0", linkType: linktype.Ethernet, snapLen: 100, warn: io.Discard,
		ring: &ring{mem: mem, blockSize: len(block), blockNr: 2}}
	r := &sockReader{handles: []*sockHandle{h}, stopped: func() bool { return true }, draining: true}
	var got int
	for {
		_, err := r.next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got++
		if got > 4 {
			break
		}
		// The timer fires: the kernel hands the block over.
		binary.NativeEndian.PutUint32(mem[blockStatusOff:], tpStatusUser)
	}
	if got != 2 {
		t.Fatalf("delivered %d packets from a block of 2", got)
	}
}
