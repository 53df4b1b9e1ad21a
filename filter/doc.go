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
// The link-layer code is in gen_link*.go: the header layout of every link
// type libpcap knows (gen_link_init.go), the prologue computing the
// variable-length ones (gen_link_vloff.go), and the link types' own
// primitives (802.11, SS7/MTP, SunATM, pflog). Options.LinkType is a
// linktype.Type.
//
// Compile runs all stages. Offline semantics are those of pcap_open_dead();
// Options.Linux selects what libpcap generates for a live Linux capture
// (ancillary loads for vlan, inbound/outbound, ifindex).
package filter
