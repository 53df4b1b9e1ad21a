package printer

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"

	"github.com/gocap/gocap/linktype"
)

// dissector walks one packet. data is the whole captured packet; the
// printing functions get the slice that starts at their header and the
// length the enclosing header says it has (which may exceed what was
// captured).
type dissector struct {
	b       *buf
	p       *Printer
	data    []byte
	wireLen int
	// early records that tcpdump would have ended this packet's printing
	// with a longjmp (a truncated read outside an explicit check); its
	// -x/-X/-A dumps then include the link-layer header.
	early bool
	// hdlcDepth bounds PPP's un-escaping of escaped frames inside
	// escaped frames.
	hdlcDepth int
	// pppSerialFrame: the PPP printer runs for DLT_PPP_SERIAL (its
	// truncation marker names ppp_hdlc).
	pppSerialFrame bool
	// juniperProto is the Juniper printer's name in truncation markers.
	juniperProto string
}

// truncJmp marks data cut short where tcpdump's printer reads with its
// GET_ macros, which longjmp out of the whole packet (see early).
func (d *dissector) truncJmp(proto string) {
	d.early = true
	d.b.trunc(proto)
}

// link prints the link layer and everything above, and returns the length
// of the link-layer header (where -x and -X start).
func (d *dissector) link(linkType linktype.Type) int {
	if n, ok := d.linkLayer(linkType); ok {
		return n
	}
	// tcpdump's unsupported_if_print: the name, then the whole packet in
	// hex and ASCII; it counts no link header, so -x dumps it all again.
	d.b.str("UNSUPPORTED")
	hexASCII(d.b, "\n\t", d.data, 0)
	return 0
}

// linkLayer dispatches on the link type (DLT_ or LINKTYPE_ value, where
// they differ) and reports whether it has a printer for it.
func (d *dissector) linkLayer(linkType linktype.Type) (int, bool) {
	data, length := d.data, d.wireLen
	if d.p.opts.LinkHeader {
		switch linkType {
		case linktype.Raw, linktype.IPv4, linktype.IPv6:
			d.b.str("ip: ") // tcpdump's raw_if_print
		}
	}
	switch linkType {
	case linktype.Ethernet:
		return d.ethernet(data, length), true
	case linktype.Raw:
		d.rawIP(data, length)
		return 0, true
	case linktype.IPv4:
		d.ip4(data, length)
		return 0, true
	case linktype.IPv6:
		d.ip6(data, length)
		return 0, true
	case linktype.Null, linktype.Loop:
		return d.loopback(data), true
	case linktype.LinuxSLL:
		return d.sll(data), true
	case linktype.LinuxSLL2:
		return d.sll2(data), true
	case linktype.IEEE80211:
		return d.ieee80211(data, length, false, 0), true
	case linktype.IEEE80211Radio:
		return d.radiotap(data, length), true
	case linktype.IEEE80211RadioAVS:
		return d.avs(data, length), true
	case linktype.PrismHeader:
		return d.prism(data, length), true
	case linktype.PPI:
		return d.ppi(data, length), true
	case linktype.PPP, linktype.PPPPPPD:
		return d.pppIf(data, length), true
	case linktype.PPPSerial:
		return d.pppSerial(data, length), true
	case linktype.PPPBSDOS:
		// tcpdump decodes BSD/OS PPP only when built on BSD/OS: elsewhere
		// the line is empty.
		return 0, true
	case linktype.PPPoE:
		return d.pppoe(data, length), true
	case linktype.CiscoHDLC:
		return d.chdlc(data, length), true
	case linktype.Enc:
		return d.enc(data, length), true
	case linktype.SLIP:
		return d.slip(data, length), true
	case linktype.PFLog:
		return d.pflog(data, length), true
	case linktype.IPNet:
		return d.ipnet(data, length), true
	case linktype.NFLog:
		return d.nflog(data, length), true
	case linktype.FrameRelay:
		return d.frIf(data, length), true
	case linktype.MFR:
		return d.mfr(data, length), true
	case linktype.SLIPBSDOS:
		return d.slipBSDOS(data, length), true
	case linktype.FDDI:
		return d.fddi(data, length), true
	case linktype.IEEE802:
		return d.tokenRing(data, length), true
	case linktype.DSATagDSA:
		return d.ethernetTagged("dsa", data, length, 4, d.dsaTag), true
	case linktype.DSATagEDSA:
		return d.ethernetTagged("edsa", data, length, 8, d.edsaTag), true
	case linktype.DSATagBRCM:
		return d.ethernetTagged("brcm-tag", data, length, 4, d.brcmTag), true
	case linktype.DSATagBRCMPrepend:
		return d.brcmPrepend(data, length), true
	case linktype.USBLinux:
		return d.usb(data, 48), true
	case linktype.USBLinuxMMapped:
		return d.usb(data, 64), true
	case linktype.IPOverFC:
		return d.ipfc(data, length), true
	case linktype.AppleIPOverIEEE1394:
		return d.ap1394(data, length), true
	case linktype.SunATM:
		return d.sunATM(data, length), true
	case linktype.ATMRFC1483:
		return d.atmRFC1483(data, length), true
	case linktype.ATMCLIP:
		return d.clip(data, length), true
	case linktype.ARCnet:
		return d.arcnet(data, length), true
	case linktype.ARCnetLinux:
		return d.arcnetLinux(data, length), true
	case linktype.VSock:
		return d.vsock(data), true
	case linktype.NetAnalyzer:
		return d.netAnalyzer(data, length, 4), true
	case linktype.NetAnalyzerTransparent:
		return d.netAnalyzer(data, length, 12), true
	case linktype.BluetoothHCIH4WithPHdr:
		return d.bluetoothH4(data, length), true
	case linktype.SymantecFirewall:
		return d.symantec(data, length), true
	case linktype.PKTAP:
		return d.pktap(data, length), true
	case linktype.IPoIB:
		return d.ipoib(data, length), true
	case linktype.LocalTalk:
		return d.ltalk(data, length), true
	case linktype.JuniperATM1, linktype.JuniperATM2, linktype.JuniperMLPPP, linktype.JuniperMLFR,
		linktype.JuniperMFR, linktype.JuniperPPPoE, linktype.JuniperPPPoEATM, linktype.JuniperGGSN,
		linktype.JuniperMonitor, linktype.JuniperServices, linktype.JuniperES, linktype.JuniperEther,
		linktype.JuniperPPP, linktype.JuniperFrameRelay, linktype.JuniperCHDLC:
		return d.juniper(linkType, data, length), true
	case linktype.IEEE802154, linktype.IEEE802154NoFCS:
		return d.ieee802154(data), true
	case linktype.IEEE802154TAP:
		return d.ieee802154TAP(data), true
	}
	return 0, false
}

func (d *dissector) rawIP(data []byte, length int) {
	if len(data) < 1 {
		d.b.trunc("ip")
		return
	}
	switch data[0] >> 4 {
	case 4:
		d.ip4(data, length)
	case 6:
		d.ip6(data, length)
	default:
		d.b.printf("ip v%d", data[0]>>4)
	}
}

// macString formats a MAC address as tcpdump does without -n lookups.
func macString(hw []byte) string {
	if len(hw) == 6 {
		return net.HardwareAddr(hw).String()
	}
	if len(hw) == 0 {
		return "<none>"
	}
	s := make([]byte, 0, 3*len(hw))
	for i, c := range hw {
		if i > 0 {
			s = append(s, ':')
		}
		s = append(s, hexDigit(c>>4), hexDigit(c&15))
	}
	return string(s)
}

func (d *dissector) ethernet(data []byte, length int) int {
	return d.ethernetTagged("ether", data, length, 0, nil)
}

// ethernetTagged is tcpdump's ether_common_print: an Ethernet frame whose
// addresses may be followed by a switch tag of tagLen bytes (DSA, EDSA,
// Broadcom), printed by tag; proto names the link type in truncation
// markers.
func (d *dissector) ethernetTagged(proto string, data []byte, length int, tagLen int, tag func([]byte)) int {
	if len(data) < 14+tagLen {
		d.b.trunc(proto)
		return len(data)
	}
	orig := length
	dst, src := data[0:6], data[6:12]
	etype := binary.BigEndian.Uint16(data[12+tagLen:])
	hdr := func() {
		d.b.printf("%s > %s, ", macString(src), macString(dst))
	}
	if d.p.opts.LinkHeader {
		hdr()
	}
	if tag != nil {
		tag(data[12 : 12+tagLen])
	}
	hdrLen := 14 + tagLen
	data, length = data[hdrLen:], length-hdrLen
	addrs := &llcAddrs{src: macString(src), dst: macString(dst)}
	if etype <= 1500 {
		// 802.3 length field: LLC follows, as long as the field says.
		if d.p.opts.LinkHeader {
			d.b.printf("802.3, length %d: ", etype)
		}
		return hdrLen + d.llc(data[:min(len(data), int(etype))], int(etype), addrs)
	}
	if d.p.opts.LinkHeader && etype != 0xd28b { // Arista's printer prints it
		d.etherTypeText(etype)
		d.b.printf(", length %d: ", length+hdrLen)
	}
	if etype == 0x88e5 {
		n, inner, ilen, ok := d.macsec(data, length, addrs.src, addrs.dst)
		hdrLen += n
		if !ok {
			return hdrLen
		}
		if len(inner) < 2 {
			d.b.str(" (invalid)")
			return hdrLen
		}
		etype = binary.BigEndian.Uint16(inner)
		data, length = inner[2:], ilen-2
		hdrLen += 2
		if d.p.opts.LinkHeader && etype > 1500 {
			d.etherTypeText(etype)
			d.b.str(", ")
		}
	}
	// VLAN tags: tcpdump shows them only with -e.
vlans:
	for etype == 0x8100 || etype == 0x88a8 || etype == 0x9100 {
		if len(data) < 4 {
			d.b.trunc("vlan")
			return hdrLen + len(data) // tcpdump counts it all as link header
		}
		tci := binary.BigEndian.Uint16(data)
		next := binary.BigEndian.Uint16(data[2:])
		if d.p.opts.LinkHeader {
			d.b.printf("vlan %d, p %d", tci&0xfff, tci>>13)
			if tci&0x1000 != 0 {
				d.b.str(", DEI")
			}
			if next > 1500 {
				d.b.str(", ")
				d.etherTypeText(next)
				d.b.str(", ")
			} else {
				d.b.str(", ")
			}
		}
		etype = next
		data, length = data[4:], length-4
		hdrLen += 4
		if etype <= 1500 {
			if d.p.opts.LinkHeader {
				d.b.str("802.3")
			}
			return hdrLen + d.llc(data[:min(len(data), int(etype))], int(etype), addrs)
		}
	}
	if etype == 0xd28b {
		// An Arista header; the frame's Ethernet type follows it.
		n, next, ok := d.arista(data, length, orig, hdr)
		if !ok {
			return hdrLen + n
		}
		etype, data, length, hdrLen = next, data[n:], length-n, hdrLen+n
		if etype <= 1500 {
			if d.p.opts.LinkHeader {
				d.b.printf("802.3, length %d: ", min(int(etype), length))
			}
			return hdrLen + d.llc(data[:min(len(data), int(etype))], int(etype), addrs)
		}
		vlan := etype == 0x8100 || etype == 0x88a8 || etype == 0x9100
		if d.p.opts.LinkHeader && (!vlan || len(data) >= 4) {
			d.etherTypeText(etype)
			d.b.printf(", length %d: ", orig)
		}
		goto vlans
	}
	if !d.etherType(etype, data, length, addrs) {
		if _, ok := summarized[etype]; ok {
			// tcpdump decodes it in detail; gocap names it, on one line.
			d.b.printf("%s, length %d", etherTypeName(etype), length)
			return hdrLen
		}
		// Unknown: tcpdump prints the link header (if not already), then
		// the payload in hex.
		if !d.p.opts.LinkHeader {
			hdr()
			d.etherTypeText(etype)
			d.b.printf(", length %d: ", d.wireLen)
		}
		if !d.p.suppressDefault() {
			hexASCII(d.b, "\n\t", data, 0)
		}
	}
	return hdrLen
}

// etherTypeText is tcpdump's ether_type_print: shorter with -q.
func (d *dissector) etherTypeText(t uint16) {
	if d.p.opts.Quiet {
		if s, ok := etherTypes[t]; ok {
			d.b.str(s)
		} else {
			d.b.printf("Unknown Ethertype (0x%04x)", t)
		}
		return
	}
	d.b.printf("ethertype %s (0x%04x)", etherTypeName(t), t)
}

// etherType dispatches on an Ethernet type and reports whether it knew it.
// addrs are the frame's addresses when it has them (nil otherwise), for
// the printers that print them again (Realtek, GeoNet, CALM FAST).
func (d *dissector) etherType(etype uint16, data []byte, length int, addrs *llcAddrs) bool {
	switch etype {
	case 0x0800:
		d.ip4(data, length)
	case 0x86dd:
		d.ip6(data, length)
	case 0x0806, 0x8035:
		d.arp(data, length)
	case 0x8847, 0x8848:
		d.mpls(data, length)
	case 0x888e:
		d.eapol(data)
	case 0x88cc:
		d.lldp(data, length)
	case 0x8809:
		d.slow(data, length)
	case 0x894f:
		d.nsh(data, length)
	case 0x8137:
		d.ipx(data)
	case 0x6003:
		d.decnet(data, length)
	case 0x8863, 0x8864:
		d.pppoe(data, length)
	case 0x8902, 0xabcd:
		d.cfm(data, length)
	case 0x88a2:
		d.aoe(data, length)
	case 0x886f:
		d.msnlb(data)
	case 0x8899:
		d.rtl(data, addrs)
	case 0x8808:
		d.mpcp(data, length)
	case 0x88ca:
		d.tipc(data)
	case 0x8947, 0x0707:
		d.geonet(data, length, addrs)
	case 0x1111:
		d.calmFast(data, length, addrs)
	case 0x9000:
		d.ctp(data, length)
	default:
		return false
	}
	return true
}

// llc prints an 802.2 frame, dumping what it cannot decode, and returns
// the LLC (and SNAP) header's length.
func (d *dissector) llc(data []byte, length int, addrs *llcAddrs) int {
	n := d.llcPayload(data, length, addrs)
	if n < 0 {
		if !d.p.suppressDefault() {
			hexASCII(d.b, "\n\t", data, 0)
		}
		n = -n
	}
	return n
}

// loopback is tcpdump's null_if_print, for DLT_NULL and DLT_LOOP alike:
// the 4-byte family is read in the host's byte order (little-endian
// here) and byte-swapped when its upper half is not zero.
func (d *dissector) loopback(data []byte) int {
	if len(data) < 4 {
		d.b.trunc("null")
		return len(data)
	}
	family := binary.LittleEndian.Uint32(data)
	if family&0xffff0000 != 0 {
		family = binary.BigEndian.Uint32(data)
	}
	header := func(length int) {
		if d.p.opts.Quiet {
			if s, ok := bsdAFNames[family]; ok {
				d.b.str(s)
			} else {
				d.b.printf("Unknown AF %d", family)
			}
		} else {
			d.b.printf("AF %s (%d)", nameOr(bsdAFNames, family, "Unknown"), family)
		}
		d.b.printf(", length %d: ", length)
	}
	if d.p.opts.LinkHeader {
		header(d.wireLen)
	}
	switch family {
	case 2:
		d.ip4(data[4:], d.wireLen-4)
	case 24, 28, 30:
		d.ip6(data[4:], d.wireLen-4)
	case 23:
		d.ipx(data[4:])
	default:
		if !d.p.opts.LinkHeader {
			header(d.wireLen)
		}
		if !d.p.suppressDefault() {
			hexASCII(d.b, "\n\t", data[4:], 0)
		}
	}
	return 4
}

// bsdAFNames are the BSD address families tcpdump names.
var bsdAFNames = map[uint32]string{2: "IPv4", 7: "ISO", 16: "Appletalk", 23: "IPX", 24: "IPv6", 28: "IPv6", 30: "IPv6"}

var sllPacketTypes = map[uint16]string{0: "In", 1: "B", 2: "M", 3: "P", 4: "Out"}

// sllHeader is tcpdump's sll_print / sll2_print: the -e part of a cooked
// header (also printed, without -e, before the hex dump of an unknown type).
func (d *dissector) sllHeader(v2 bool, data []byte, length int) {
	b := d.b
	var proto uint16
	var addr []byte
	if v2 {
		proto = binary.BigEndian.Uint16(data)
		b.printf("ifindex %d ", binary.BigEndian.Uint32(data[4:]))
		if data[11] == 6 {
			addr = data[12:18]
		}
	} else {
		b.printf("%3s ", nameOr(sllPacketTypes, binary.BigEndian.Uint16(data), "?"))
		if binary.BigEndian.Uint16(data[4:]) == 6 {
			addr = data[6:12]
		}
		proto = binary.BigEndian.Uint16(data[14:])
	}
	if addr != nil {
		b.str(macString(addr) + " ")
	}
	if d.p.opts.Quiet {
		return
	}
	if proto <= 1500 {
		switch proto {
		case 1:
			b.str("802.3")
		case 4:
			b.str("802.2")
		default:
			b.printf("ethertype Unknown (0x%04x)", proto)
		}
	} else {
		b.printf("ethertype %s (0x%04x)", etherTypeName(proto), proto)
	}
	b.printf(", length %d: ", length)
}

func (d *dissector) sll(data []byte) int {
	if len(data) < 16 {
		d.truncJmp("sll")
		return len(data)
	}
	if d.p.opts.LinkHeader {
		d.sllHeader(false, data, d.wireLen)
	}
	return 16 + d.cookedPayload(false, data, binary.BigEndian.Uint16(data[14:]), data[16:], d.wireLen-16)
}

func (d *dissector) sll2(data []byte) int {
	if len(data) < 20 {
		d.truncJmp("sll2")
		return len(data)
	}
	ifindex := binary.BigEndian.Uint32(data[4:])
	name := "?"
	if ifi, err := net.InterfaceByIndex(int(ifindex)); err == nil {
		name = ifi.Name
	}
	d.b.printf("%-5s %-3s ", name, nameOr(sllPacketTypes, uint16(data[10]), "?"))
	if d.p.opts.LinkHeader {
		d.sllHeader(true, data, d.wireLen)
	}
	return 20 + d.cookedPayload(true, data, binary.BigEndian.Uint16(data), data[20:], d.wireLen-20)
}

// cookedPayload prints what follows a cooked header, with tcpdump's
// handling of an 802.1Q tag there; it returns the bytes of tags consumed.
func (d *dissector) cookedPayload(v2 bool, hdr []byte, proto uint16, data []byte, length int) int {
	extra := 0
	for proto == 0x8100 {
		if len(data) < 4 {
			d.b.trunc("vlan")
			return extra
		}
		if d.p.opts.LinkHeader {
			tci := binary.BigEndian.Uint16(data)
			d.b.printf("vlan %d, p %d", tci&0xfff, tci>>13)
			if tci&0x1000 != 0 {
				d.b.str(", DEI")
			}
			d.b.str(", ")
		}
		proto = binary.BigEndian.Uint16(data[2:])
		if proto <= 1500 {
			proto = 4 // LINUX_SLL_P_802_2
		}
		if !d.p.opts.Quiet {
			d.b.printf("ethertype %s, ", etherTypeName(proto))
		}
		data, length, extra = data[4:], length-4, extra+4
	}
	if proto <= 1500 {
		// sll_print's LINUX_SLL_P_802_3 (raw IPX) and _802_2 (LLC); what
		// it cannot decode there it dumps, without the cooked header.
		switch proto {
		case 1:
			d.ipx(data)
			return extra
		case 4:
			if n := d.llcPayload(data, length, nil); n >= 0 {
				return extra + n
			}
		}
		if !d.p.suppressDefault() {
			hexASCII(d.b, "\n\t", data, 0)
		}
		return extra
	}
	if !d.etherType(proto, data, length, nil) {
		if _, ok := summarized[proto]; ok {
			d.b.printf("%s, length %d", etherTypeName(proto), length)
			return extra
		}
		if !d.p.opts.LinkHeader {
			d.sllHeader(v2, hdr, d.wireLen)
		}
		if !d.p.suppressDefault() {
			hexASCII(d.b, "\n\t", data, 0)
		}
	}
	return extra
}

func nameOr[K comparable](m map[K]string, k K, def string) string {
	if s, ok := m[k]; ok {
		return s
	}
	return def
}

// nameOrf is nameOr with the default formatted from the key (tcpdump's
// tok2str), and only when the key has no name: no fmt work for the
// names found.
func nameOrf[K comparable](m map[K]string, k K, format string) string {
	if s, ok := m[k]; ok {
		return s
	}
	return fmt.Sprintf(format, k)
}

// summarized are Ethernet types tcpdump has a printer for and gocap does
// not decode: gocap prints "NAME, length N" (exactly tcpdump's line for
// LLDP) instead of the hex dump tcpdump keeps for types it does not know,
// so that the output keeps one line per packet.
var summarized = map[uint16]bool{
	0x809b: true, 0x80f3: true,
	0x88cc: true, 0x888e: true, 0x8809: true, 0x88e5: true, 0x88f7: true,
	0x880b: true, 0x6558: true,
}

var etherTypes = map[uint16]string{
	0x0800: "IPv4", 0x86dd: "IPv6", 0x0806: "ARP", 0x8035: "Reverse ARP",
	0x8100: "802.1Q", 0x88a8: "802.1Q-QinQ", 0x9100: "802.1Q-9100", 0x9200: "802.1Q-9200",
	0x8847: "MPLS unicast", 0x8848: "MPLS multicast", 0x8863: "PPPoE D", 0x8864: "PPPoE S",
	0x88cc: "LLDP", 0x888e: "EAPOL", 0x9000: "Loopback", 0x8137: "IPX", 0x88f7: "PTP",
	0x6003: "DN", 0x6004: "LAT", 0x809b: "Atalk", 0x80f3: "AARP", 0x880b: "PPP",
	0x8809: "Slow Protocols", 0x88e5: "802.1AE MACsec", 0x8902: "CFM", 0x6558: "TEB", 0x894f: "NSH",
	0x88a2: "AoE", 0x886f: "MS NLB heartbeat", 0xd28b: "Arista Vendor Specific Protocol", 0x8899: "Realtek protocols",
	0x8808: "MPCP", 0x88ca: "TIPC", 0x8947: "GeoNet", 0x0707: "GeoNet (old)", 0x1111: "CALM FAST", 0xabcd: "CFM (old)",
}

func etherTypeName(t uint16) string {
	if s, ok := etherTypes[t]; ok {
		return s
	}
	return "Unknown"
}

// Decodes reports whether the printer decodes the link layer of lt;
// tcpdump's -L marks the others "(printing not supported)".
func Decodes(lt linktype.Type) bool {
	p := New(io.Discard, Options{Numeric: true})
	d := dissector{b: &buf{o: &p.opts, p: p}, p: p}
	_, ok := d.linkLayer(lt)
	return ok
}
