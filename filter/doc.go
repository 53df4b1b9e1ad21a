// Package filter compiles pcap-filter(7) expressions to classic BPF.
//
// It is a small compiler with visible stages, one file (or group of files)
// each:
//
//	scanner.go   text → tokens (with byte positions)
//	parser.go    tokens → AST (ast.go), libpcap master's grammar, qualifier inheritance
//	gen*.go      AST → control-flow graph of basic blocks (cfg.go), libpcap's gencode semantics
//	optimize*.go CFG → smaller CFG (libpcap's data-flow optimizer, and more)
//	linearize.go CFG → linear classic BPF (golang.org/x/net/bpf values)
//
// Compile runs all stages. Offline semantics are those of pcap_open_dead();
// Options.Linux selects what libpcap generates for a live Linux capture
// (ancillary loads for vlan, inbound/outbound, ifindex).
package filter
