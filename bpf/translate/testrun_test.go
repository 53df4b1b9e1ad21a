package translate

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/gocap/gocap/bpf/cbpf"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// skbCtx is the prefix of struct __sk_buff that BPF_PROG_TEST_RUN lets a
// SCHED_CLS test run set (net/bpf/test_run.c, convert___skb_to_skb): mark,
// priority, ifindex and cb; every other field up to cb must be zero. The
// kernel derives protocol and pkt_type from the frame (eth_type_trans on
// the device), and leaves queue_mapping, hash and the VLAN fields zero.
type skbCtx struct {
	Len, PktType, Mark, QueueMapping, Protocol uint32
	VlanPresent, VlanTCI, VlanProto, Priority  uint32
	IngressIfindex, Ifindex, TCIndex           uint32
	CB                                         [5]uint32
}

// testRunMinLen is ETH_HLEN: SKB test runs refuse shorter data.
const testRunMinLen = 14

// loIfindex is the loopback device of the test's namespace, the device
// SCHED_CLS test runs use.
const loIfindex = 1

// arphrdLoopback is loopback's device type (ARPHRD_LOOPBACK).
const arphrdLoopback = 772

// progType maps a target to the program type it is loaded as.
func progType(tg Target) ebpf.ProgramType {
	switch tg {
	case TC:
		return ebpf.SchedCLS
	case XDP:
		return ebpf.XDP
	}
	return ebpf.SocketFilter
}

// maxLoadsPerSecond bounds how fast the tests load (and so free) eBPF
// programs. Freeing a JITed program is deferred to a per-CPU kworker that
// takes the kernel's bpf_prog_pack mutex; with more than ~1000 frees queued
// on one CPU while a JIT allocation holds that mutex and waits for a vmap
// purge queued behind them (system_wq's max_active), Linux 6.18 deadlocks
// every later program load until reboot. An unthrottled fuzz run (8000
// loads/s, pinned to one CPU) did exactly that during development.
const maxLoadsPerSecond = 400

var (
	loadMu    sync.Mutex
	loadTimes []time.Time
)

// throttleLoad waits until one more program load stays within
// maxLoadsPerSecond over the last second.
func throttleLoad() {
	loadMu.Lock()
	defer loadMu.Unlock()
	now := time.Now()
	if len(loadTimes) >= maxLoadsPerSecond {
		oldest := loadTimes[len(loadTimes)-maxLoadsPerSecond]
		if wait := time.Second - now.Sub(oldest); wait > 0 {
			time.Sleep(wait)
			now = time.Now()
		}
		loadTimes = loadTimes[len(loadTimes)-maxLoadsPerSecond+1:]
	}
	loadTimes = append(loadTimes, now)
}

// newProgram loads a program, throttled.
func newProgram(spec *ebpf.ProgramSpec, opts ebpf.ProgramOptions) (*ebpf.Program, error) {
	throttleLoad()
	return ebpf.NewProgramWithOptions(spec, opts)
}

// loadTranslated translates prog for tg and loads it into the kernel.
func loadTranslated(prog []bpf.RawInstruction, opts Options) (*ebpf.Program, error) {
	insns, err := Program(prog, opts)
	if err != nil {
		return nil, err
	}
	p, err := newProgram(&ebpf.ProgramSpec{
		Type:         progType(opts.Target),
		Instructions: insns,
		License:      "GPL",
	}, ebpf.ProgramOptions{LogDisabled: true})
	if err != nil {
		// Load again with the verifier log for the message.
		_, err2 := newProgram(&ebpf.ProgramSpec{
			Type: progType(opts.Target), Instructions: insns, License: "GPL",
		}, ebpf.ProgramOptions{LogLevel: ebpf.LogLevelBranch, LogSizeStart: 1 << 20})
		var ve *ebpf.VerifierError
		if errors.As(err2, &ve) {
			return nil, fmt.Errorf("verifier: %w\n%+v\nprogram:\n%v", err, ve, insns)
		}
		return nil, fmt.Errorf("load: %w\nprogram:\n%v", err, insns)
	}
	return p, nil
}

// testRunMeta is what a SCHED_CLS test run on loopback makes of a frame:
// eth_type_trans decides protocol and pkt_type, the network header follows
// the 14-byte Ethernet header, no VLAN tag is out of band. The CPU is not
// known (pinning the test to one CPU concentrates the kernel's deferred
// program frees there, see maxLoadsPerSecond), so test-run comparisons
// leave SKF_AD_CPU out; TestKernelClassicAgreement covers it.
func testRunMeta(pkt []byte, mark uint32) cbpf.Metadata {
	return cbpf.Metadata{
		Protocol: ethTypeTrans(pkt),
		PktType:  ethPktType(pkt),
		IfIndex:  loIfindex,
		HAType:   arphrdLoopback,
		Mark:     mark,
		NetOff:   14,
	}
}

// ethTypeTrans is the protocol eth_type_trans gives a frame.
func ethTypeTrans(pkt []byte) uint16 {
	proto := binary.BigEndian.Uint16(pkt[12:14])
	switch {
	case proto >= 0x0600:
		return proto
	case len(pkt) >= 16 && pkt[14] == 0xff && pkt[15] == 0xff:
		return 0x0001 // ETH_P_802_3: raw IPX
	}
	return 0x0004 // ETH_P_802_2
}

// ethPktType is the pkt_type eth_type_trans gives a frame arriving on
// loopback, whose address and broadcast address are all zeros.
func ethPktType(pkt []byte) uint8 {
	dst := pkt[:6]
	zero := true
	for _, b := range dst {
		zero = zero && b == 0
	}
	switch {
	case zero:
		return unix.PACKET_HOST
	case dst[0]&1 != 0:
		return unix.PACKET_MULTICAST
	}
	return unix.PACKET_OTHERHOST
}

// testRun runs a SCHED_CLS program over pkt with mark set in the context.
func testRun(p *ebpf.Program, pkt []byte, mark uint32) (uint32, error) {
	ctx := skbCtx{Mark: mark, Ifindex: loIfindex}
	return p.Run(&ebpf.RunOptions{Data: pkt, Context: ctx})
}

// testRunnable reports whether a SCHED_CLS test run accepts the frame:
// at least ETH_HLEN bytes, and for IPv4 and IPv6 EtherTypes a whole
// minimal network header after it (bpf_prog_test_run_skb pulls it and
// fails with EINVAL otherwise). Such frames are counted and skipped.
func testRunnable(pkt []byte) bool {
	if len(pkt) < testRunMinLen {
		return false
	}
	switch ethTypeTrans(pkt) {
	case 0x0800:
		return len(pkt) >= testRunMinLen+20
	case 0x86dd:
		return len(pkt) >= testRunMinLen+40
	}
	return true
}
