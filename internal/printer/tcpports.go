package printer

import "encoding/binary"

// Ports of TCP application printers (tcpdump's tcp.h names).
const (
	pptpPort = 1723
	beepPort = 10288
	msdpPort = 639
	ldpPort  = 646
	nfsPort  = 2049
)

// tcpPortOrder lists the ports of tcp_print's else-if chain of
// application printers in tcpdump's order: a segment between two of them
// goes to the earlier one only. 6379 (Redis) holds its place in the chain
// although gocap has no RESP printer.
var tcpPortOrder = []uint16{23, 25, 43, 179, pptpPort, 6379, 22, 139, 445, beepPort,
	openflowPortOld, openflowPort, 21, 80, 8080, 554, 8554, 53, msdpPort, rpkiRTRPort,
	ldpPort, nfsPort}

// tcpFirstPort is the port of the segment's ends that tcp_print's chain
// tests first (0 when neither is in it). NetBIOS session and SMB (139,
// 445) are in the chain only in a tcpdump built with SMB.
func tcpFirstPort(sport, dport uint16, smb bool) uint16 {
	for _, p := range tcpPortOrder {
		if (p == 139 || p == 445) && !smb {
			continue
		}
		if sport == p || dport == p {
			return p
		}
	}
	return 0
}

// tcpPortApps prints a segment's data (plen > 0 bytes, seg as captured)
// with the application printer its ports choose, the first in
// tcpPortOrder.
func (d *dissector) tcpPortApps(info *ipInfo, sport, dport uint16, seg []byte, plen int) {
	b := d.b
	switch port := tcpFirstPort(sport, dport, d.p.opts.SMB); port {
	case 23:
		d.telnet(seg, plen)
	case 25, 43, 21, 80, 8080, 554, 8554:
		b.str(": ")
		d.text(tcpTextProtos[port], seg, plen)
	case 179:
		d.bgp(seg, plen)
	case pptpPort:
		d.pptp(seg)
	case 22:
		sshBanner(b, seg, plen)
	case 139:
		d.nbss(seg, plen)
	case 445:
		d.smbTCP(seg, plen)
	case beepPort:
		d.beep(seg, plen)
	case openflowPortOld, openflowPort:
		d.openflow(seg, plen)
	case 53:
		d.dnsOverTCP(seg, plen)
	case msdpPort:
		d.msdp(seg, plen)
	case rpkiRTRPort:
		d.rpkiRTR(seg, plen)
	case ldpPort:
		d.ldp(seg, plen)
	case nfsPort:
		if plen >= 4 && len(seg) >= 4 {
			// RPC record marking: the fragment length, then the message.
			frag := min(int(binary.BigEndian.Uint32(seg)&0x7fffffff), plen-4)
			d.nfs(seg[4:], frag, info, int(sport), int(dport), ": ")
		}
	}
}

// dnsOverTCP prints a DNS message after its two-byte length.
func (d *dissector) dnsOverTCP(seg []byte, plen int) {
	b := d.b
	switch {
	case plen < 2:
		b.printf(" [DNS over TCP: length %d < 2] (invalid)", plen)
	case len(seg) < 2:
		d.truncJmp("domain")
	case int(binary.BigEndian.Uint16(seg)) != plen-2:
		b.printf(" [prefix length(%d) != length(%d)] (invalid)", binary.BigEndian.Uint16(seg), plen-2)
	default:
		b.str(" ")
		d.dns(seg[2:], plen-2, false)
	}
}
