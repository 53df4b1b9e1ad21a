package filter

import (
	"github.com/gocap/gocap/linktype"
)

// linkOffsets are a link type's header layout as libpcap's init_linktype
// sets it: where the link-layer type field is (offsetNotSet when there is
// none), where the payload starts, and where the network layer starts
// after an 802.2 LLC+SNAP header (nl) or a bare 802.2 header (nlNoSNAP).
// hdr is the fixed prefix before the link-layer header (netANALYZER);
// varHdr marks a variable-length prefix (radio headers), varPl a
// variable-length link-layer header (802.11, pflog).
type linkOffsets struct {
	linkType, linkPl, nl, nlNoSNAP uint32
	hdr                            uint32
	varHdr, varPl                  bool
}

// The SS7 field offsets of MTP2-family link types (off_li ... off_sls).
type ss7Offsets struct {
	li, liHSL, sio, opc, dpc, sls uint32
}

const (
	// DLTs from here up to highMatchingMax accept raw link[] filters
	// even when libpcap knows nothing else of their headers
	// (DLT_HIGH_MATCHING_MIN/MAX).
	highMatchingMin = 104
	highMatchingMax = 302
	// SunATM pseudo-header positions (sunatmpos.h).
	sunatmVPIPos     = 1
	sunatmVCIPos     = 2
	sunatmProtoPos   = 0
	sunatmPktBeginPs = 4
)

var (
	// onlyRaw is a link type whose headers libpcap cannot look into.
	onlyRaw = linkOffsets{linkType: offsetNotSet, linkPl: offsetNotSet, nl: offsetNotSet, nlNoSNAP: offsetNotSet}
	// ieee80211 is 802.11 and its radio-header variants.
	ieee80211 = linkOffsets{linkType: 24, linkPl: 0, varPl: true, nl: 8, nlNoSNAP: 3}
	// juniperPlain: Juniper link types with a payload at 4.
	juniperPlain = linkOffsets{linkType: 4, linkPl: 4, nl: 0, nlNoSNAP: offsetNotSet}
	// juniperOpaque: Juniper link types with only a cookie.
	juniperOpaque8 = linkOffsets{linkType: 8, linkPl: offsetNotSet, nl: offsetNotSet, nlNoSNAP: offsetNotSet}
)

// linkLayouts is init_linktype's table.
var linkLayouts = map[linktype.Type]linkOffsets{
	linktype.ARCnet:                 {linkType: 2, linkPl: 6},
	linktype.ARCnetLinux:            {linkType: 4, linkPl: 8},
	linktype.Ethernet:               {linkType: 12, linkPl: 14, nlNoSNAP: 3},
	linktype.SLIP:                   {linkType: offsetNotSet, linkPl: 16},
	linktype.SLIPBSDOS:              {linkType: offsetNotSet, linkPl: 24},
	linktype.Null:                   {linkType: 0, linkPl: 4},
	linktype.Loop:                   {linkType: 0, linkPl: 4},
	linktype.Enc:                    {linkType: 0, linkPl: 12},
	linktype.PPP:                    {linkType: 2, linkPl: 4},
	linktype.PPPPPPD:                {linkType: 2, linkPl: 4},
	linktype.CiscoHDLC:              {linkType: 2, linkPl: 4},
	linktype.PPPSerial:              {linkType: 2, linkPl: 4},
	linktype.PPPoE:                  {linkType: 6, linkPl: 8},
	linktype.PPPBSDOS:               {linkType: 5, linkPl: 24},
	linktype.FDDI:                   {linkType: 13, linkPl: 13, nl: 8, nlNoSNAP: 3},
	linktype.IEEE802:                {linkType: 14, linkPl: 14, nl: 8, nlNoSNAP: 3},
	linktype.PrismHeader:            withVarHdr(ieee80211),
	linktype.IEEE80211RadioAVS:      withVarHdr(ieee80211),
	linktype.IEEE80211Radio:         withVarHdr(ieee80211),
	linktype.IEEE80211:              ieee80211,
	linktype.PPI:                    withVarHdr(ieee80211),
	linktype.ATMRFC1483:             {linkType: 0, linkPl: 0, nl: 8, nlNoSNAP: 3},
	linktype.ATMCLIP:                {linkType: 0, linkPl: 0, nl: 8, nlNoSNAP: 3},
	linktype.SunATM:                 {linkType: sunatmPktBeginPs, linkPl: sunatmPktBeginPs, nl: 8, nlNoSNAP: 3},
	linktype.Raw:                    {linkType: offsetNotSet, linkPl: 0},
	linktype.IPv4:                   {linkType: offsetNotSet, linkPl: 0},
	linktype.IPv6:                   {linkType: offsetNotSet, linkPl: 0},
	linktype.LinuxSLL:               {linkType: 14, linkPl: 16},
	linktype.LinuxSLL2:              {linkType: 0, linkPl: 20},
	linktype.LocalTalk:              {linkType: offsetNotSet, linkPl: 0},
	linktype.IPOverFC:               {linkType: 16, linkPl: 16, nl: 8, nlNoSNAP: 3},
	linktype.FrameRelay:             {linkType: offsetNotSet, linkPl: 0},
	linktype.MFR:                    {linkType: offsetNotSet, linkPl: 0, nl: 4},
	linktype.AppleIPOverIEEE1394:    {linkType: 16, linkPl: 18},
	linktype.SymantecFirewall:       {linkType: 6, linkPl: 44},
	linktype.PFLog:                  {linkType: 0, linkPl: 0, varPl: true},
	linktype.JuniperMFR:             juniperPlain,
	linktype.JuniperMLFR:            juniperPlain,
	linktype.JuniperMLPPP:           juniperPlain,
	linktype.JuniperPPP:             juniperPlain,
	linktype.JuniperCHDLC:           juniperPlain,
	linktype.JuniperFrameRelay:      juniperPlain,
	linktype.JuniperATM1:            {linkType: 4, linkPl: 4, nlNoSNAP: 10},
	linktype.JuniperATM2:            {linkType: 8, linkPl: 8, nlNoSNAP: 10},
	linktype.JuniperPPPoE:           {linkType: 16, linkPl: 14, nl: 18, nlNoSNAP: 21},
	linktype.JuniperEther:           {linkType: 16, linkPl: 14, nl: 18, nlNoSNAP: 21},
	linktype.JuniperPPPoEATM:        {linkType: 4, linkPl: 6, nlNoSNAP: offsetNotSet},
	linktype.JuniperGGSN:            {linkType: 6, linkPl: 12, nlNoSNAP: offsetNotSet},
	linktype.JuniperES:              {linkType: 6, linkPl: offsetNotSet, nl: offsetNotSet, nlNoSNAP: offsetNotSet},
	linktype.JuniperMonitor:         {linkType: 12, linkPl: 12, nlNoSNAP: offsetNotSet},
	linktype.BACnetMSTP:             onlyRaw,
	linktype.JuniperServices:        {linkType: 12, linkPl: offsetNotSet, nl: offsetNotSet, nlNoSNAP: offsetNotSet},
	linktype.JuniperVP:              {linkType: 18, linkPl: offsetNotSet, nl: offsetNotSet, nlNoSNAP: offsetNotSet},
	linktype.JuniperST:              {linkType: 18, linkPl: offsetNotSet, nl: offsetNotSet, nlNoSNAP: offsetNotSet},
	linktype.JuniperISM:             juniperOpaque8,
	linktype.JuniperVS:              juniperOpaque8,
	linktype.JuniperSRXE2E:          juniperOpaque8,
	linktype.JuniperFibreChannel:    juniperOpaque8,
	linktype.JuniperATMCEMIC:        juniperOpaque8,
	linktype.MTP2:                   onlyRaw,
	linktype.MTP2WithPHdr:           onlyRaw,
	linktype.ERF:                    onlyRaw,
	linktype.PFSync:                 {linkType: offsetNotSet, linkPl: 4},
	linktype.AX25KISS:               onlyRaw,
	linktype.IPNet:                  {linkType: 1, linkPl: 24, nlNoSNAP: offsetNotSet},
	linktype.NetAnalyzer:            {hdr: 4, linkType: 4 + 12, linkPl: 4 + 14, nlNoSNAP: 3},
	linktype.NetAnalyzerTransparent: {hdr: 12, linkType: 12 + 12, linkPl: 12 + 14, nlNoSNAP: 3},
	linktype.DSATagBRCM:             {linkType: 16, linkPl: 18, nlNoSNAP: 3},
	linktype.DSATagDSA:              {linkType: 16, linkPl: 18, nlNoSNAP: 3},
	linktype.Ethernet3MB:            onlyRaw,
	linktype.AX25:                   onlyRaw,
	linktype.ProNET:                 onlyRaw,
	linktype.Chaos:                  onlyRaw,
	linktype.RedbackSmartEdge:       onlyRaw,
}

// ss7Layouts are the SS7 field offsets of the MTP2 family.
var ss7Layouts = map[linktype.Type]ss7Offsets{
	linktype.MTP2:         {li: 2, liHSL: 4, sio: 3, opc: 4, dpc: 4, sls: 7},
	linktype.MTP2WithPHdr: {li: 6, liHSL: 8, sio: 7, opc: 8, dpc: 8, sls: 11},
	linktype.ERF:          {li: 22, liHSL: 24, sio: 23, opc: 24, dpc: 24, sls: 27},
}

// isEthernetLike reports whether lt is Ethernet, maybe behind a fixed
// pseudo-header or with a switch tag inside: the link types libpcap
// compiles as Ethernet.
func isEthernetLike(lt linktype.Type) bool {
	switch lt {
	case linktype.Ethernet, linktype.NetAnalyzer, linktype.NetAnalyzerTransparent, linktype.DSATagBRCM, linktype.DSATagDSA:
		return true
	}
	return false
}

func withVarHdr(o linkOffsets) linkOffsets {
	o.varHdr = true
	return o
}

// initLinktype is libpcap's init_linktype: the offsets of the link type's
// headers. A link type libpcap does not know is an error even for an empty
// expression, as in pcap_compile.
func (g *gen) initLinktype() {
	lt := g.opts.LinkType
	g.outermostlinktype = lt
	g.prevlinktype = lt
	g.linktype = lt
	g.offOutermostLinkHdr = absOffset{reg: -1}
	g.offPrevLinkHdr = absOffset{reg: -1}
	g.offLinkHdr = absOffset{reg: -1}
	g.offLinkPl = absOffset{reg: -1}
	g.offLinkType = absOffset{reg: -1}
	g.ss7 = ss7Offsets{offsetNotSet, offsetNotSet, offsetNotSet, offsetNotSet, offsetNotSet, offsetNotSet}
	l, ok := linkLayouts[lt]
	if !ok {
		if lt < highMatchingMin || lt > highMatchingMax {
			g.fail("unknown data link type %d", int(lt))
		}
		l = onlyRaw
	}
	g.offLinkHdr.constPart = l.hdr
	g.offLinkHdr.isVariable = l.varHdr
	g.offLinkType.constPart = l.linkType
	g.offLinkPl.constPart = l.linkPl
	g.offLinkPl.isVariable = l.varPl
	g.offNL, g.offNLNoSNAP = l.nl, l.nlNoSNAP
	if o, ok := ss7Layouts[lt]; ok {
		g.ss7 = o
	}
	g.offOutermostLinkHdr = g.offLinkHdr
	g.offPrevLinkHdr = g.offLinkHdr
}
