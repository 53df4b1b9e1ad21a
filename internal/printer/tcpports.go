package printer

// Ports of TCP application printers (tcpdump's tcp.h names).
const (
	pptpPort = 1723
	beepPort = 10288
	msdpPort = 639
)

// tcpPortOrder lists the ports of tcp_print's else-if chain of
// application printers in tcpdump's order: a segment between two of them
// goes to the earlier one only.
var tcpPortOrder = []uint16{23, 25, 43, 179, pptpPort, 6379, 22, 139, 445, beepPort,
	openflowPortOld, openflowPort, 21, 80, 8080, 554, 8554, 53, msdpPort, rpkiRTRPort}

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

// tcpPortApps runs the application printers chosen by port that share
// tcpPortOrder (the other ones are called from tcp directly).
func (d *dissector) tcpPortApps(sport, dport uint16, seg []byte, plen int) {
	switch tcpFirstPort(sport, dport, d.p.opts.SMB) {
	case pptpPort:
		d.pptp(seg)
	case beepPort:
		d.beep(seg, plen)
	case msdpPort:
		d.msdp(seg, plen)
	case rpkiRTRPort:
		d.rpkiRTR(seg, plen)
	case 139:
		if d.p.opts.SMB {
			d.nbss(seg, plen)
		}
	case 445:
		if d.p.opts.SMB {
			d.smbTCP(seg, plen)
		}
	}
}
