package filter

import (
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Compile compiles a pcap-filter(7) expression to classic BPF.
//
// The stages are those of libpcap's pcap_compile: parse, generate code (with
// libpcap's block structure), optimize unless opts.NoOptimize (or unless the
// generated code is of a kind libpcap never optimizes, such as protochain's
// backward jump), then lay the blocks out as a linear program. Errors are
// *Error values carrying the column of the offending input.
func Compile(expr string, opts Options) (*Program, error) {
	if !compiles(opts.LinkType) {
		return nil, fmt.Errorf("unknown data link type %d", int(opts.LinkType))
	}
	ast, err := Parse(expr)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e.WithSource(expr)
		}
		return nil, err
	}
	root, noOpt, err := generate(ast, opts)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e.WithSource(expr)
		}
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
		return nil, fmt.Errorf("program has %d instructions, more than the kernel's limit of %d", len(raw), cbpf.MaxInstructions)
	}
	return &Program{Raw: raw}, nil
}

// semanticError makes the *Error for a code-generation failure.
func semanticError(pos int, msg string) error {
	return errorf(pos, "%s", msg)
}
