// Package packetgen generates the deterministic packet corpus the filter,
// optimizer and translator tests run programs over: Ethernet frames of
// every kind a pcap filter can ask about (802.1Q/QinQ, MPLS, PPPoE, ARP,
// IPv4 with options and fragments, IPv6 with extension headers, TCP, UDP,
// ICMP, SCTP, IGMP, PIM, GRE, VXLAN, Geneve, LLC/SNAP, DECnet, AppleTalk,
// truncated captures), with their kernel metadata for the Linux ancillary
// loads, and re-encapsulations for the other supported link types.
//
// Frames draw addresses, ports and other values from Seeds, harvested from
// the expressions and programs under test, so that filters actually match
// some of them; the rest is random. The same Seeds always give the same
// corpus.
package packetgen
