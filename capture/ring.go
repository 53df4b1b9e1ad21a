package capture

import (
	"encoding/binary"
	"fmt"
	"os"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TPACKET_V3 layout constants (linux/if_packet.h).
const (
	blockStatusOff   = 8  // tpacket_block_desc.hdr.bh1.block_status
	blockNumPktsOff  = 12 // .num_pkts
	blockFirstPktOff = 16 // .offset_to_first_pkt
	tpStatusKernel   = 0
	tpStatusUser     = 1
	// sockaddr_ll follows the tpacket3_hdr, aligned to TPACKET_ALIGNMENT.
	sockaddrLLOff = (unix.SizeofTpacket3Hdr + unix.TPACKET_ALIGNMENT - 1) &^ (unix.TPACKET_ALIGNMENT - 1)
	// ringOverhead is what a packet costs in a block besides its bytes: the
	// tpacket3_hdr, the sockaddr_ll, alignment and the room the kernel
	// leaves for a cooked header.
	ringOverhead = 128
	// bulkBlockSize is the block size a ring with a block timeout aims at.
	// The kernel allocates each block as one physically contiguous run of
	// pages and zeroes it. On a VM whose guest reports free memory to the
	// host, larger runs are more often memory the host has taken back, and
	// zeroing faults every page in again (about 8 µs a page): a 16 MiB
	// ring in 512 KiB blocks took 12–14 ms to make on a freshly booted
	// machine, in 128 KiB blocks 2 ms (BenchmarkRingSetup, BENCHMARKS.md).
	// A block is also a wake-up, one per closed block, which at capture
	// rates costs more than the packets in it; the readers keep the small
	// blocks from costing four times the wake-ups by napping while the
	// rings are busy (busyNap).
	bulkBlockSize = 128 << 10
	// immediateTimeout: a block timeout below it is immediate mode's, in
	// which a block closes after a millisecond whatever it holds, and the
	// reader must look at it at once.
	immediateTimeout = 10 * time.Millisecond
)

// ring is a TPACKET_V3 receive ring mapped into memory.
type ring struct {
	mem       []byte
	blockSize int
	blockNr   int
	cur       int  // next block to read
	bulk      bool // blocks close when full, not at once: its reader may nap (busyNap)
}

// ringGeometry chooses block size and count. A block must hold one
// snap-length packet (the kernel truncates a packet to its block); packets
// are assumed to be at most 64 KiB (the IP and GSO limit) when sizing
// blocks for larger snap lengths. Beyond that the two modes want opposite
// things:
//   - with a block timeout (the default), blocks close when full, and
//     each closed block signals the reader: blocks of bulkBlockSize, as
//     long as the buffer still holds four of them;
//   - in immediate mode blocks close after a millisecond whatever their
//     size, often with a single packet: the number of blocks is the number
//     of such packets the ring absorbs while the reader is delayed, so
//     blocks stay as small as they can be.
func ringGeometry(bufferSize, snapLen int, immediate bool) (blockSize, blockNr int) {
	page := os.Getpagesize()
	frame := min(snapLen, 65535) + ringOverhead + 4 // +4: VLAN tag room
	blockSize = page
	for blockSize < frame {
		blockSize <<= 1
	}
	for !immediate && blockSize < bulkBlockSize && 2*blockSize*4 <= bufferSize {
		blockSize <<= 1
	}
	blockNr = bufferSize / blockSize
	if blockNr < 2 {
		blockNr = 2
	}
	return blockSize, blockNr
}

// setupRing switches fd to TPACKET_V3 and maps a receive ring.
func setupRing(fd, bufferSize, snapLen int, timeout time.Duration) (*ring, error) {
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return nil, fmt.Errorf("setsockopt PACKET_VERSION TPACKET_V3: %w", err)
	}
	immediate := timeout < immediateTimeout
	bs, bn := ringGeometry(bufferSize, snapLen, immediate)
	tov := uint32(timeout / time.Millisecond)
	if tov == 0 {
		tov = 1
	}
	req := unix.TpacketReq3{
		Block_size:     uint32(bs),
		Block_nr:       uint32(bn),
		Frame_size:     uint32(bs), // unused by V3 beyond the kernel's sanity checks
		Frame_nr:       uint32(bn),
		Retire_blk_tov: tov,
	}
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		return nil, fmt.Errorf("setsockopt PACKET_RX_RING (%d blocks of %d bytes): %w", bn, bs, err)
	}
	// The kernel maps every page of the ring at mmap time (packet_mmap),
	// and the pages are its own, never swapped: MAP_POPULATE or
	// MAP_LOCKED would only walk them all again (libpcap asks for
	// neither).
	mem, err := unix.Mmap(fd, 0, bs*bn, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap ring of %d bytes: %w", bs*bn, err)
	}
	return &ring{mem: mem, blockSize: bs, blockNr: bn, bulk: !immediate}, nil
}

func (r *ring) close() {
	if r.mem != nil {
		_ = unix.Munmap(r.mem)
		r.mem = nil
	}
}

// statusWord returns the block_status word of block i for atomic access.
func (r *ring) statusWord(i int) *uint32 {
	return (*uint32)(unsafe.Pointer(&r.mem[i*r.blockSize+blockStatusOff]))
}

// ready returns the current block when the kernel has handed it to us.
func (r *ring) ready() ([]byte, bool) {
	if atomic.LoadUint32(r.statusWord(r.cur))&tpStatusUser == 0 {
		return nil, false
	}
	return r.mem[r.cur*r.blockSize : (r.cur+1)*r.blockSize], true
}

// filling returns the current block while the kernel still owns it, if it
// holds packets. Only safe once no packet can arrive any more (see
// sockReader); the block is not handed back.
func (r *ring) filling() ([]byte, bool) {
	block := r.mem[r.cur*r.blockSize : (r.cur+1)*r.blockSize]
	if atomic.LoadUint32(r.statusWord(r.cur))&tpStatusUser != 0 {
		return block, true
	}
	n := atomic.LoadUint32((*uint32)(unsafe.Pointer(&block[blockNumPktsOff])))
	return block, n > 0
}

// release gives the current block back to the kernel and moves on.
func (r *ring) release() {
	// Clear the packet count: a released block the kernel has not opened
	// again yet (the queue was frozen) must not look like a block being
	// filled to filling(). The kernel resets it when it opens the block.
	atomic.StoreUint32((*uint32)(unsafe.Pointer(&r.mem[r.cur*r.blockSize+blockNumPktsOff])), 0)
	atomic.StoreUint32(r.statusWord(r.cur), tpStatusKernel)
	r.cur = (r.cur + 1) % r.blockNr
}

// frame is one packet's slot in a block, decoded.
type frame struct {
	sec, nsec uint32
	snapLen   uint32
	wireLen   uint32
	status    uint32
	vlanTCI   uint32
	vlanTPID  uint16
	data      []byte // snapLen bytes from tp_mac
	ifIndex   int
	pktType   uint8
	haType    uint16
	protocol  uint16 // network byte order value as read big-endian
	addrLen   uint8
	addr      [8]byte
}

// frameIter walks the packets of a ring block in place. It validates
// offsets, so that a corrupt ring ends the walk with an error instead of a
// panic.
type frameIter struct {
	block []byte
	off   int
	ahead int // plainFrame asked for the cache lines up to here
	i, n  uint32
	err   error
}

func newFrameIter(block []byte) frameIter {
	if len(block) < blockFirstPktOff+4 {
		return frameIter{err: fmt.Errorf("corrupt ring block: %d bytes", len(block))}
	}
	return frameIter{
		block: block,
		off:   int(binary.NativeEndian.Uint32(block[blockFirstPktOff:])),
		n:     binary.NativeEndian.Uint32(block[blockNumPktsOff:]),
	}
}

// next decodes the next packet into f. It returns false at the end of the
// block, or when the block is corrupt (it.err then says how).
func (it *frameIter) next(f *frame) bool {
	if it.i >= it.n || it.err != nil {
		return false
	}
	off, block := it.off, it.block
	if off <= 0 || off+sockaddrLLOff+20 > len(block) {
		it.err = fmt.Errorf("corrupt ring block: packet %d at offset %d of %d", it.i, off, len(block))
		return false
	}
	h := block[off:]
	next := binary.NativeEndian.Uint32(h[0:])
	f.sec = binary.NativeEndian.Uint32(h[4:])
	f.nsec = binary.NativeEndian.Uint32(h[8:])
	f.snapLen = binary.NativeEndian.Uint32(h[12:])
	f.wireLen = binary.NativeEndian.Uint32(h[16:])
	f.status = binary.NativeEndian.Uint32(h[20:])
	mac := int(binary.NativeEndian.Uint16(h[24:]))
	f.vlanTCI = binary.NativeEndian.Uint32(h[32:])
	f.vlanTPID = binary.NativeEndian.Uint16(h[36:])
	if mac+int(f.snapLen) > len(h) {
		it.err = fmt.Errorf("corrupt ring block: mac offset %d + caplen %d > %d", mac, f.snapLen, len(h))
		return false
	}
	f.data = h[mac : mac+int(f.snapLen)]
	// struct sockaddr_ll: family(2) protocol(2, BE) ifindex(4)
	// hatype(2) pkttype(1) halen(1) addr(8)
	sll := h[sockaddrLLOff:]
	f.protocol = binary.BigEndian.Uint16(sll[2:])
	f.ifIndex = int(int32(binary.NativeEndian.Uint32(sll[4:])))
	f.haType = binary.NativeEndian.Uint16(sll[8:])
	f.pktType = sll[10]
	f.addrLen = sll[11]
	copy(f.addr[:], sll[12:20])
	it.i++
	if next == 0 {
		it.i = it.n
	} else {
		it.off += int(next)
	}
	return true
}
