// Command xdpcount counts the packets an interface receives that match a
// tcpdump filter expression, in an XDP program of its own into which the
// filter is compiled: the way an eBPF tool (pwru, ptcpdump, xdpcap, ...)
// can accept tcpdump filters without libpcap, cgo or clang.
//
//	sudo go run ./examples/xdpcount -i eth0 -t 10s 'tcp port 443'
//
// The program is written with github.com/cilium/ebpf/asm: it keeps the
// packet pointers in registers of its choosing, lets gocap's translator
// emit the filter between them (translate.Emit with DirectLoads), and on a
// match adds one to a per-CPU counter. Every packet passes (XDP_PASS).
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"

	"github.com/gocap/gocap/bpf/translate"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
)

func main() {
	iface := flag.String("i", "", "interface to count on")
	wait := flag.Duration("t", 10*time.Second, "how long to count")
	flag.Parse()
	if *iface == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: xdpcount -i IFACE [-t DURATION] EXPRESSION")
		os.Exit(2)
	}
	if err := run(*iface, strings.Join(flag.Args(), " "), *wait); err != nil {
		fmt.Fprintln(os.Stderr, "xdpcount:", err)
		os.Exit(1)
	}
}

func run(ifname, expr string, wait time.Duration) error {
	ifc, err := net.InterfaceByName(ifname)
	if err != nil {
		return err
	}
	c, err := newCounter(expr)
	if err != nil {
		return err
	}
	defer c.Close()
	l, err := link.AttachXDP(link.XDPOptions{Program: c.prog, Interface: ifc.Index})
	if err != nil {
		return fmt.Errorf("attach to %s: %w", ifname, err)
	}
	defer l.Close()
	time.Sleep(wait)
	n, err := c.Count()
	if err != nil {
		return err
	}
	fmt.Printf("%d packets matched %q on %s in %v\n", n, expr, ifname, wait)
	return nil
}

// counter is an XDP program counting the packets a filter matches.
type counter struct {
	prog  *ebpf.Program
	count *ebpf.Map // per-CPU array of one uint64
}

// xdpPass is the XDP verdict that lets the packet continue.
const xdpPass = 2

// Registers the host program keeps its state in; the filter fragment
// leaves them alone (it clobbers R0-R5 and its X register).
const (
	regCtx     = asm.R6
	regData    = asm.R8
	regDataEnd = asm.R9
)

// newCounter compiles expr for Ethernet and builds the counting program.
func newCounter(expr string) (*counter, error) {
	compiled, err := filter.Compile(expr, filter.Options{LinkType: linktype.Ethernet})
	if err != nil {
		var fe *filter.Error
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("filter %q: %w", expr, fe)
		}
		return nil, err
	}
	count, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.PerCPUArray, KeySize: 4, ValueSize: 8, MaxEntries: 1})
	if err != nil {
		return nil, fmt.Errorf("counter map: %w", err)
	}
	frag, err := translate.Emit(compiled.Raw, translate.Config{
		Access:  translate.DirectLoads,
		Context: translate.ContextXDP, Ctx: regCtx,
		Data: regData, DataEnd: regDataEnd, X: asm.R7,
		Result: asm.R0, Match: "match", NoMatch: "pass",
		Stack: -translate.StackSize,
	})
	if err != nil {
		count.Close()
		return nil, fmt.Errorf("translate %q: %w", expr, err)
	}
	const key = -translate.StackSize - 8 // below the fragment's stack area
	insns := asm.Instructions{
		asm.Mov.Reg(regCtx, asm.R1),
		asm.LoadMem(regData, regCtx, 0, asm.Word),    // xdp_md.data
		asm.LoadMem(regDataEnd, regCtx, 4, asm.Word), // xdp_md.data_end
	}
	insns = append(insns, frag...)
	insns = append(insns,
		// match: count[0]++ (per CPU, so no atomic operation is needed).
		asm.StoreImm(asm.RFP, key, 0, asm.Word).WithSymbol("match"),
		asm.LoadMapPtr(asm.R1, count.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, key),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "pass"),
		asm.LoadMem(asm.R1, asm.R0, 0, asm.DWord),
		asm.Add.Imm(asm.R1, 1),
		asm.StoreMem(asm.R0, 0, asm.R1, asm.DWord),
		asm.Mov.Imm(asm.R0, xdpPass).WithSymbol("pass"),
		asm.Return(),
	)
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.XDP, Instructions: insns, License: "GPL"})
	if err != nil {
		count.Close()
		return nil, fmt.Errorf("load: %w", err)
	}
	return &counter{prog: prog, count: count}, nil
}

// Count returns the number of matching packets so far, summed over CPUs.
func (c *counter) Count() (uint64, error) {
	var perCPU []uint64
	if err := c.count.Lookup(uint32(0), &perCPU); err != nil {
		return 0, err
	}
	var n uint64
	for _, v := range perCPU {
		n += v
	}
	return n, nil
}

func (c *counter) Close() {
	c.prog.Close()
	c.count.Close()
}
