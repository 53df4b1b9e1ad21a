package main

import (
	"fmt"

	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
	"golang.org/x/net/bpf"
)

// compileExpr compiles the filter expression for one link type. linux
// selects live-Linux code generation (what runs in the kernel on a live
// capture); offline reading uses libpcap's offline semantics.
func compileExpr(o *options, lt linktype.Type, snapLen uint32, linux bool) ([]bpf.RawInstruction, error) {
	if snapLen == 0 {
		snapLen = filter.DefaultSnapLen
	}
	prog, err := filter.Compile(o.expr, filter.Options{
		LinkType:   lt,
		SnapLen:    snapLen,
		NoOptimize: o.noOptimize,
		Linux:      linux,
	})
	if err != nil {
		return nil, fmt.Errorf("filter expression %q: %w", o.expr, err)
	}
	return prog.Raw, nil
}

// linkTypeOption is -y as a linktype.Type; ok is false when -y is absent.
func linkTypeOption(o *options) (linktype.Type, bool, error) {
	if o.linkType == "" {
		return 0, false, nil
	}
	lt, err := linktype.Parse(o.linkType)
	if err != nil {
		return 0, false, usagef("%v for -y: use a DLT name such as EN10MB, LINUX_SLL2 or RAW", err)
	}
	return lt, true, nil
}

// snapLen is -s, with tcpdump's meaning of 0 (the default, 262144).
func (o *options) snap() uint32 {
	if o.snapLen == 0 {
		return filter.DefaultSnapLen
	}
	return uint32(o.snapLen)
}
