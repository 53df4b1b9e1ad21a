// Command gocap captures and prints network packets with tcpdump's command
// line: the same options, the same filter language and a tcpdump-style text
// output, written in Go without libpcap. See README.md and gocap --help.
//
// The files: options.go parses the command line (pflag, with tcpdump's
// counted and clustered short options), main.go dispatches, dump.go is
// -d/-dd/-ddd/--ebpf, offline.go is -r, live.go is a live capture with its
// exit summary and status line, livefile.go what a live capture records in
// pcapng (interface descriptions, statistics) and its "listening on" line,
// cooked.go rewrites packets as LINUX_SLL2 when -w - or pcap gets
// interfaces of different link types, output.go builds the printer and the
// -w writer, list.go is -D/-L, system.go holds terminals, the default
// interface and -Z.
//
// Every run goes through run(env, args), so tests drive the whole command
// in-process; the tests that need another network namespace or user build
// the binary.
package main
