package filter

import (
	"errors"
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Compile compiles a pcap-filter(7) expression to classic BPF.
//
// The stages are those of libpcap's pcap_compile: parse, generate code (with
// libpcap's block structure), optimize unless opts.NoOptimize (or unless the
// generated code is of a kind libpcap never optimizes, such as protochain's
// backward jump), then lay the blocks out as a linear program.
//
// Every error is an *Error (find it with errors.As), carrying the place in
// expr it is about; errors about the whole expression (an unsupported link
// type, a program too long for the kernel) have position -1.
func Compile(expr string, opts Options) (*Program, error) {
	p, err := compile(expr, opts)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = errorf(-1, "%v", err)
		}
		return nil, e.WithSource(expr)
	}
	return p, nil
}

func compile(expr string, opts Options) (*Program, error) {
	if !compiles(opts.LinkType) {
		return nil, fmt.Errorf("unknown data link type %d", int(opts.LinkType))
	}
	ast, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	root, noOpt, err := generate(ast, opts)
	if err != nil {
		return nil, err
	}
	if !opts.NoOptimize && !noOpt {
		root, err = optimize(root)
		if err != nil {
			return nil, err
		}
	}
	raw, err := linearize(root)
	if err != nil {
		return nil, err
	}
	if len(raw) > cbpf.MaxInstructions {
		return nil, fmt.Errorf("the filter compiles to %d instructions, more than the kernel's limit of %d", len(raw), cbpf.MaxInstructions)
	}
	return &Program{Raw: raw}, nil
}

// semanticError makes the *Error for a code-generation failure.
func semanticError(pos int, msg string) error {
	return errorf(pos, "%s", msg)
}
