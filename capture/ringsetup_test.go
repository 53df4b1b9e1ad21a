package capture

import (
	"flag"
	"fmt"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/internal/testenv"
)

var ringSetupPause = flag.Duration("ringsetup.pause", 0,
	"BenchmarkRingSetup: pause between rings, untimed (3s lets the guest report the freed pages to the host)")

// BenchmarkRingSetup: the CPU it takes to make and map a TPACKET_V3 ring,
// by ring and block size (half, once and twice the default ring; blocks
// from the smallest that holds a 64 KiB packet to 1 MiB). The kernel
// allocates each block as one contiguous run of pages and zeroes it; on a
// VM that reports free memory to its host, large runs often come from
// memory the host has taken back, and every page faults in again — run
// with -ringsetup.pause 3s, as between two captures (BENCHMARKS.md, "Ring
// blocks"). Reports cpu-ms per ring.
func BenchmarkRingSetup(b *testing.B) {
	testenv.RequireRoot(b)
	for _, size := range []int{DefaultBufferSize / 2, DefaultBufferSize, 2 * DefaultBufferSize} {
		for _, block := range []int{128 << 10, 256 << 10, 512 << 10, 1 << 20} {
			b.Run(fmt.Sprintf("%dMiB/block%dKiB", size>>20, block>>10), func(b *testing.B) {
				var cpu int64
				for b.Loop() {
					if *ringSetupPause > 0 {
						b.StopTimer()
						time.Sleep(*ringSetupPause)
						b.StartTimer()
					}
					c0 := cpuTime()
					mapRing(b, size, block)
					cpu += cpuTime() - c0
				}
				b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// mapRing makes a ring of size bytes in blocks of block bytes on a packet
// socket bound to no interface, maps it, and closes both again.
func mapRing(tb testing.TB, size, block int) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer unix.Close(fd)
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		tb.Fatal(err)
	}
	req := unix.TpacketReq3{Block_size: uint32(block), Block_nr: uint32(size / block),
		Frame_size: uint32(block), Frame_nr: uint32(size / block), Retire_blk_tov: 50}
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		tb.Fatal(err)
	}
	mem, err := unix.Mmap(fd, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		tb.Fatal(err)
	}
	_ = unix.Munmap(mem)
}
