package main

import (
	"fmt"
	"io"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/bpf/translate"
	"github.com/gocap/gocap/linktype"
)

// dumpFilter is -d/-dd/-ddd and --ebpf: compile, print, exit. Without -i it
// opens nothing and needs no privileges (offline semantics, EN10MB unless
// -y); with -i it compiles as for a live capture on that interface.
func dumpFilter(w io.Writer, o *options) error {
	lt, explicit, err := linkTypeOption(o)
	if err != nil {
		return err
	}
	live := len(o.interfaces) > 0
	if !explicit {
		lt = linktype.Ethernet
		if live {
			// The interface's link type, as libpcap maps its hardware
			// type (RAW for a tun, LINUX_SLL for GRE...).
			lt = interfaceLinkType(o.interfaces[0])
		}
	}
	prog, err := compileExpr(o, lt, o.snap(), live)
	if err != nil {
		return &runtimeError{err}
	}
	switch o.dump {
	case 1:
		io.WriteString(w, cbpf.Dump(prog))
	case 2:
		io.WriteString(w, cbpf.DumpC(prog))
	case 3:
		io.WriteString(w, cbpf.DumpDecimal(prog))
	}
	if !o.ebpf {
		return nil
	}
	target := translate.SocketFilter
	if o.hook == "tc" {
		target = translate.TC
	}
	insns, err := translate.Program(prog, translate.Options{Target: target})
	if err != nil {
		return &runtimeError{fmt.Errorf("translating the filter to eBPF for %v: %w (the capture falls back to classic BPF or userspace filtering)", target, err)}
	}
	if o.dump > 0 {
		io.WriteString(w, "\n")
	}
	io.WriteString(w, translate.Dump(insns, len(prog), target))
	return nil
}
