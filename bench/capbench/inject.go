package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"runtime"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// The injecting generator (-gen inject) hands frames to the capture
// interface's receive path from inside the kernel: it runs an XDP program
// in live-frame mode (BPF_PROG_RUN with BPF_F_TEST_XDP_LIVE_FRAMES), with
// the capture interface as the frames' ingress and XDP_PASS as the
// verdict, and the kernel builds each frame into an skb from a recycled
// page and passes it up as if the interface had received it
// (netif_receive_skb_list): the capture sockets' taps, tc ingress and IP
// see what they see of a frame from the veth. What it saves against the
// socket generator is the sending half, which is most of what that costs
// per frame on this machine's two CPUs: the system call and the skb's
// allocation and copy, and the veth's transmit and backlog (BENCHMARKS.md,
// "What limits the rest"). The receiving half — each capture socket's copy
// into its ring, tc, ip_rcv — runs in the generator's thread as before.

// injectBatch is the kernel's largest live-frame batch (TEST_XDP_MAX_BATCH):
// the pages of one BPF_PROG_RUN are a pool of this many, recycled.
const injectBatch = 256

// injectChunk is the most frames one BPF_PROG_RUN sends, a few ms: a
// signal interrupts a run only between batches, and a run that returns
// EINTR does not say how many it sent, so that the count stays exact only
// if nothing interrupts; the generator blocks the signals it can.
const injectChunk = 16 * injectBatch

// injectProgram returns the XDP program each live frame runs through. A
// recycled page keeps what the stack left in it — the receive path moves
// a VLAN-tagged frame's addresses over its tag when it takes the tag out —
// so the program writes the frame's headers back from its template,
// chosen by the frame's length (the templates' lengths differ), up to and
// with the source port, which it sets to the next of flows (40000 + k):
// the flows take turns frame by frame as in the socket generator's cycle,
// while each run repeats one template.
func injectProgram(templates [][]byte, flows int) (*ebpf.Program, *ebpf.Map, error) {
	counter, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
	if err != nil {
		return nil, nil, fmt.Errorf("counter map: %w", err)
	}
	const pass = 2 // XDP_PASS
	insns := asm.Instructions{
		// r6 = data, r7 = data_end
		asm.LoadMem(asm.R6, asm.R1, 0, asm.Word),
		asm.LoadMem(asm.R7, asm.R1, 4, asm.Word),
		// r0 = &counter[0]
		asm.StoreImm(asm.RFP, -4, 0, asm.Word),
		asm.LoadMapPtr(asm.R1, counter.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -4),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "pass"),
		// r8 = the port, 40000 + counter++ % flows, in network order
		asm.LoadMem(asm.R8, asm.R0, 0, asm.DWord),
		asm.Mov.Reg(asm.R4, asm.R8),
		asm.Add.Imm(asm.R4, 1),
		asm.StoreMem(asm.R0, 0, asm.R4, asm.DWord),
		asm.Mod.Imm(asm.R8, int32(max(flows, 1))),
		asm.Add.Imm(asm.R8, 40000),
		asm.HostTo(asm.BE, asm.R8, asm.Half),
		// r4 = the frame's length
		asm.Mov.Reg(asm.R4, asm.R7),
		asm.Sub.Reg(asm.R4, asm.R6),
	}
	seen := map[int]bool{}
	for i, t := range templates {
		if seen[len(t)] {
			counter.Close()
			return nil, nil, fmt.Errorf("two templates of %d bytes", len(t))
		}
		seen[len(t)] = true
		sport := 34 // Ethernet, IPv4
		if binary.BigEndian.Uint16(t[12:]) == 0x8100 {
			sport += 4
		}
		next := fmt.Sprintf("template%d", i+1)
		insns = append(insns,
			asm.JNE.Imm(asm.R4, int32(len(t)), next),
			asm.Mov.Reg(asm.R5, asm.R6),
			asm.Add.Imm(asm.R5, int32(sport+2)),
			asm.JGT.Reg(asm.R5, asm.R7, "pass"),
		)
		off := 0
		for ; off+4 <= sport; off += 4 {
			insns = append(insns, asm.StoreImm(asm.R6, int16(off), int64(int32(binary.LittleEndian.Uint32(t[off:]))), asm.Word))
		}
		if off < sport { // sport is even: two bytes left
			insns = append(insns, asm.StoreImm(asm.R6, int16(off), int64(binary.LittleEndian.Uint16(t[off:])), asm.Half))
		}
		insns = append(insns,
			asm.StoreMem(asm.R6, int16(sport), asm.R8, asm.Half),
			asm.Ja.Label("pass"),
			asm.Mov.Imm(asm.R0, 0).WithSymbol(next), // a label for the next comparison
		)
	}
	insns = append(insns,
		asm.Mov.Imm(asm.R0, pass).WithSymbol("pass"),
		asm.Return(),
	)
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name:         "capbench_inject",
		Type:         ebpf.XDP,
		License:      "GPL",
		Instructions: insns,
	})
	if err != nil {
		counter.Close()
		return nil, nil, fmt.Errorf("loading the XDP program: %w", err)
	}
	return prog, counter, nil
}

// progRunAttr is union bpf_attr's part for BPF_PROG_RUN.
type progRunAttr struct {
	progFd      uint32
	retval      uint32
	dataSizeIn  uint32
	dataSizeOut uint32
	dataIn      uint64
	dataOut     uint64
	repeat      uint32
	duration    uint32
	ctxSizeIn   uint32
	ctxSizeOut  uint32
	ctxIn       uint64
	ctxOut      uint64
	flags       uint32
	cpu         uint32
	batchSize   uint32
	_           uint32
}

// xdpMD is struct xdp_md, the XDP program's context.
type xdpMD struct {
	data, dataEnd, dataMeta, ingressIfindex, rxQueueIndex, egressIfindex uint32
}

// inject sends count frames of mix into ifname's receive path at rate
// frames/s (0: as fast as it can) and returns how many it sent and how
// long it took.
func inject(ifname, mix string, dstMAC net.HardwareAddr, count, rate, flows int) (int, time.Duration, error) {
	ifc, err := net.InterfaceByName(ifname)
	if err != nil {
		return 0, 0, fmt.Errorf("generator: %w", err)
	}
	// The socket generator's cycle for one flow: the program sets the
	// flow, so each distinct frame is a template, sent in runs of as many
	// as the cycle has of it (weight) times a step.
	cycle, err := frameMix(mix, dstMAC, ifc.HardwareAddr, 1)
	if err != nil {
		return 0, 0, fmt.Errorf("generator: %w", err)
	}
	var templates [][]byte
	var weights []int
	index := map[string]int{}
	for _, f := range cycle {
		i, ok := index[string(f)]
		if !ok {
			i = len(templates)
			index[string(f)] = i
			templates = append(templates, f)
			weights = append(weights, 0)
		}
		weights[i]++
	}
	prog, counter, err := injectProgram(templates, flows)
	if err != nil {
		return 0, 0, fmt.Errorf("generator: %w", err)
	}
	defer prog.Close()
	defer counter.Close()
	// Each run puts the program into the kernel's XDP dispatcher and takes
	// it out again, waiting for an RCU grace period each time (28 ms per
	// run here), unless an interface already runs it: attached in generic
	// mode to the namespace's loopback, where no frame goes through it, it
	// stays in the dispatcher while the generator runs.
	lo, err := net.InterfaceByName("lo")
	if err != nil {
		return 0, 0, fmt.Errorf("generator: %w", err)
	}
	l, err := link.AttachXDP(link.XDPOptions{Program: prog, Interface: lo.Index, Flags: link.XDPGenericMode})
	if err != nil {
		return 0, 0, fmt.Errorf("generator: attaching the XDP program to lo: %w", err)
	}
	defer l.Close()

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// Runs are cut short only by a pending signal; block what can be.
	var all, old unix.Sigset_t
	for i := range all.Val {
		all.Val[i] = ^uint64(0)
	}
	_ = unix.PthreadSigmask(unix.SIG_BLOCK, &all, &old)
	defer unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)

	// A step of the cycle's frames, a run per template: as many as one run
	// may take, or at a rate about a millisecond's worth, for even pacing.
	step := max(min(injectChunk, count/8)/len(cycle), 1) // eight cycles at least, in the mix's proportions
	if rate > 0 {
		step = max(min(step, rate/1000/len(cycle)), 1)
	}
	start := time.Now()
	sent := 0
	for sent < count {
		for i, f := range templates {
			n := min(weights[i]*step, count-sent)
			if n == 0 {
				break
			}
			if err := injectRun(prog, f, ifc.Index, n); err != nil {
				return sent, time.Since(start), fmt.Errorf("generator: %w", err)
			}
			sent += n
		}
		if rate > 0 {
			due := start.Add(time.Duration(float64(sent) / float64(rate) * float64(time.Second)))
			for d := time.Until(due); d > 0; d = time.Until(due) {
				if d > 200*time.Microsecond {
					time.Sleep(d - 100*time.Microsecond)
				}
			}
		}
	}
	return sent, time.Since(start), nil
}

// injectRun passes n copies of frame (each with the program's next source
// port) into ifindex's receive path, in one BPF_PROG_RUN.
func injectRun(prog *ebpf.Program, frame []byte, ifindex, n int) error {
	md := xdpMD{dataEnd: uint32(len(frame)), ingressIfindex: uint32(ifindex)}
	attr := progRunAttr{
		progFd:     uint32(prog.FD()),
		dataSizeIn: uint32(len(frame)),
		dataIn:     uint64(uintptr(unsafe.Pointer(&frame[0]))),
		repeat:     uint32(n),
		ctxSizeIn:  uint32(unsafe.Sizeof(md)),
		ctxIn:      uint64(uintptr(unsafe.Pointer(&md))),
		flags:      unix.BPF_F_TEST_XDP_LIVE_FRAMES,
		batchSize:  injectBatch,
	}
	_, _, errno := unix.Syscall(unix.SYS_BPF, unix.BPF_PROG_TEST_RUN, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
	runtime.KeepAlive(frame)
	runtime.KeepAlive(&md)
	if errno != 0 {
		if errors.Is(errno, unix.EINTR) {
			return fmt.Errorf("live-frame run interrupted: how many of its %d frames went is unknown", n)
		}
		return fmt.Errorf("live-frame run (BPF_PROG_RUN): %w", errno)
	}
	return nil
}
