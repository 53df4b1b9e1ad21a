// Package printer writes packets as tcpdump writes them: one line per packet
// (time stamp, link layer with -e, then the protocols as far as they are
// decoded), and the hex/ASCII dumps of -x, -xx, -X, -XX and -A in tcpdump's
// exact layout.
//
// The headers are decoded with github.com/gopacket/gopacket's layers; the
// text, the order of the fields and the handling of truncated captures
// follow tcpdump 4.99's printers, so that `gocap -n -r F` and
// `tcpdump -n -r F` can be compared line by line. The protocols decoded are
// Ethernet, 802.1Q/802.1ad VLAN tags, MPLS, ARP/RARP, IPv4, IPv6 (with its
// extension headers), TCP, UDP, ICMP, ICMPv6 and DNS; anything else gets
// tcpdump's generic line (e.g. "ethertype Unknown (0x88b5)" followed by a hex
// dump, or "ip-proto-N LEN").
//
// Name resolution: with Options.Numeric false, ports are named from
// /etc/services and hosts from /etc/hosts; the printer never sends DNS
// queries (tcpdump does, which is slow and leaks what is captured).
package printer
