// Package netns gives privileged tests throw-away network namespaces joined
// by a veth pair, and ways to run code inside them.
//
// Every namespace and interface gets a unique name built from a caller's
// prefix, and is removed by t.Cleanup even when the test fails, so tests of
// different packages can share a machine (and CI) without interfering.
//
//	p := netns.NewPair(t, "gocapcap", netip.MustParsePrefix("10.199.1.0/24"))
//	err := p.Run(p.NS2, func() error { /* sockets opened here live in NS2 */ })
//	out, err := p.Command(p.NS1, "ping", "-c1", p.Addr2.Addr().String()).Output()
//
// Sockets keep the namespace they were created in, so a socket opened in a
// Run callback can be used afterwards from any goroutine.
package netns
