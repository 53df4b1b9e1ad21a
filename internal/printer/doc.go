// Package printer writes packets as tcpdump writes them: one line per packet
// (time stamp, link layer with -e, then the protocols as far as they are
// decoded), and the hex/ASCII dumps of -x, -xx, -X, -XX and -A in tcpdump's
// exact layout.
//
// Link layers (Ethernet, Linux cooked, 802.11 with its radio headers, PPP,
// HDLC, Frame Relay, the Juniper family and the rest of README's list) and
// the protocols above them are decoded one file per protocol (ip.go,
// tcp.go, dns.go, bgp.go, sflow.go, cfm.go, smb.go...): the text, the order
// of the fields, what each verbosity adds and the handling of truncated or
// malformed packets follow tcpdump 4.99's printers, so that `gocap -n -r F`
// and `tcpdump -n -r F` can be compared line by line; the *_test.go files
// compare them so over generated frames and tcpdump's own captures. The
// IP, TCP, UDP and ICMP headers are read with gopacket's layers; the rest
// with the package's own readers.
// Anything else gets tcpdump's generic line (e.g. "ethertype Unknown
// (0x88b5)" followed by a hex dump, or "ip-proto-N LEN"). Options.SMB turns
// on the NetBIOS and SMB printers, which tcpdump 4.99 builds only with
// --enable-smb; Options.PacketType is -T (cnfp, carp).
//
// Name resolution: with Options.Numeric false, ports are named from
// /etc/services and hosts from /etc/hosts; the printer never sends DNS
// queries (tcpdump does, which is slow and leaks what is captured).
package printer
