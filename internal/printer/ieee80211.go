package printer

import (
	"encoding/binary"
	"net"
)

// IEEE 802.11 frames (DLT_IEEE802_11) and the radio headers in front of
// them: radiotap (DLT_IEEE802_11_RADIO), AVS, Prism and PPI, printed as
// tcpdump's print-802_11.c and print-ppi.c print them.

// 802.11 frame types.
const (
	wlanMgmt = 0
	wlanCtrl = 1
	wlanData = 2
)

var wlanMgmtSubtypes = map[uint16]string{
	0: "Assoc Request", 1: "Assoc Response", 2: "ReAssoc Request", 3: "ReAssoc Response",
	4: "Probe Request", 5: "Probe Response", 8: "Beacon", 9: "ATIM", 10: "Disassociation",
	11: "Authentication", 12: "DeAuthentication", 13: "Action",
}

var wlanCtrlSubtypes = map[uint16]string{
	7: "Control Wrapper", 8: "BAR", 9: "BA", 10: "Power Save-Poll", 11: "Request-To-Send",
	12: "Clear-To-Send", 13: "Acknowledgment", 14: "CF-End", 15: "CF-End+CF-Ack",
}

// wlanCtrlHeaderLen is the header length of each control subtype.
var wlanCtrlHeaderLen = map[uint16]int{7: 16, 8: 20, 9: 10, 10: 16, 11: 16, 12: 10, 13: 10, 14: 16, 15: 16}

var wlanAuthAlgs = []string{"Open System", "Shared Key", "EAP"}

func wlanAddr(p []byte) string { return net.HardwareAddr(p[:6]).String() }

// wlanHeaderLen is tcpdump's extract_header_length; 0 (after printing why)
// for an unknown type or control subtype.
func (d *dissector) wlanHeaderLen(fc uint16) int {
	typ, sub := (fc>>2)&3, (fc>>4)&15
	switch typ {
	case wlanMgmt:
		return 24
	case wlanCtrl:
		if n, ok := wlanCtrlHeaderLen[sub]; ok {
			return n
		}
		d.b.printf("unknown 802.11 ctrl frame subtype (%d)", sub)
		return 0
	case wlanData:
		n := 24
		if fc&0x300 == 0x300 {
			n = 30
		}
		if sub&8 != 0 {
			n += 2
		}
		return n
	}
	d.b.printf("unknown 802.11 frame type (%d)", typ)
	return 0
}

// ieee80211 prints an 802.11 frame and returns the length of its header
// (with the LLC/SNAP header of a data frame): tcpdump's ieee802_11_print.
// pad is radiotap's "data pad" flag, fcsLen the FCS length at the end.
func (d *dissector) ieee80211(data []byte, length int, pad bool, fcsLen int) int {
	b := d.b
	caplen := len(data)
	if length < fcsLen {
		b.trunc("802.11")
		return caplen
	}
	length -= fcsLen
	if caplen > length {
		caplen = max(length, 0)
		data = data[:caplen]
	}
	if caplen < 2 {
		b.trunc("802.11")
		return len(data)
	}
	fc := binary.LittleEndian.Uint16(data)
	hdrlen := d.wlanHeaderLen(fc)
	if hdrlen == 0 {
		return 0
	}
	if pad {
		hdrlen = (hdrlen + 3) &^ 3
	}
	if caplen < hdrlen {
		b.trunc("802.11")
		return hdrlen
	}
	if d.p.opts.LinkHeader {
		d.wlanHeader(fc, data)
	}
	body, blen := data[hdrlen:], length-hdrlen
	switch (fc >> 2) & 3 {
	case wlanMgmt:
		if !d.wlanMgmtBody(fc, data[10:16], body, blen) {
			b.trunc("802.11")
		}
	case wlanCtrl:
		d.wlanCtrlBody(fc, data)
	case wlanData:
		sub := (fc >> 4) & 15
		if sub&4 != 0 {
			return hdrlen // no data
		}
		if fc&0x4000 != 0 {
			b.str("Data")
			if !d.wep(body) {
				b.trunc("802.11")
			}
			return hdrlen
		}
		src, dst := wlanDataAddrs(fc, data)
		n := d.llcPayload(body, blen, &llcAddrs{src: wlanAddr(src), dst: wlanAddr(dst)})
		if n < 0 {
			if !d.p.suppressDefault() {
				hexASCII(b, "\n\t", body, 0)
			}
			n = -n
		}
		hdrlen += n
	}
	return hdrlen
}

// wlanDataAddrs picks a data frame's source and destination by its
// To DS / From DS bits.
func wlanDataAddrs(fc uint16, p []byte) (src, dst []byte) {
	switch fc & 0x300 {
	case 0:
		return p[10:], p[4:]
	case 0x200:
		return p[16:], p[4:]
	case 0x100:
		return p[10:], p[16:]
	}
	return p[24:], p[16:]
}

// wlanHeader is the -e part: flags and duration with -v, then the addresses.
func (d *dissector) wlanHeader(fc uint16, p []byte) {
	b := d.b
	if d.p.opts.Verbose > 0 {
		for _, f := range []struct {
			bit  uint16
			name string
		}{{0x2000, "More Data "}, {0x400, "More Fragments "}, {0x1000, "Pwr Mgmt "}, {0x800, "Retry "},
			{0x8000, "Strictly Ordered "}, {0x4000, "Protected "}} {
			if fc&f.bit != 0 {
				b.str(f.name)
			}
		}
		if (fc>>2)&3 != wlanCtrl || (fc>>4)&15 != 10 {
			b.printf("%dus ", binary.LittleEndian.Uint16(p[2:]))
		}
	}
	sub := (fc >> 4) & 15
	switch (fc >> 2) & 3 {
	case wlanMgmt:
		b.printf("BSSID:%s DA:%s SA:%s ", wlanAddr(p[16:]), wlanAddr(p[4:]), wlanAddr(p[10:]))
	case wlanCtrl:
		switch sub {
		case 8:
			b.printf(" RA:%s TA:%s CTL(%x) SEQ(%d) ", wlanAddr(p[4:]), wlanAddr(p[10:]),
				binary.LittleEndian.Uint16(p[16:]), binary.LittleEndian.Uint16(p[18:]))
		case 9, 12, 13:
			b.printf("RA:%s ", wlanAddr(p[4:]))
		case 10:
			b.printf("BSSID:%s TA:%s ", wlanAddr(p[4:]), wlanAddr(p[10:]))
		case 11:
			b.printf("RA:%s TA:%s ", wlanAddr(p[4:]), wlanAddr(p[10:]))
		case 14, 15:
			b.printf("RA:%s BSSID:%s ", wlanAddr(p[4:]), wlanAddr(p[10:]))
		}
	case wlanData:
		if sub&3 != 0 || sub&8 != 0 {
			b.str("CF ")
			switch sub & 3 {
			case 3:
				b.str("Ack/Poll")
			case 1:
				b.str("Ack")
			case 2:
				b.str("Poll")
			}
			if sub&8 != 0 {
				b.str("+QoS")
			}
			b.str(" ")
		}
		a1, a2, a3 := wlanAddr(p[4:]), wlanAddr(p[10:]), wlanAddr(p[16:])
		switch fc & 0x300 {
		case 0:
			b.printf("DA:%s SA:%s BSSID:%s ", a1, a2, a3)
		case 0x200:
			b.printf("DA:%s BSSID:%s SA:%s ", a1, a2, a3)
		case 0x100:
			b.printf("BSSID:%s SA:%s DA:%s ", a1, a2, a3)
		default:
			b.printf("RA:%s TA:%s DA:%s SA:%s ", a1, a2, a3, wlanAddr(p[24:]))
		}
	}
}

// wep prints the WEP/CCMP IV of a protected frame; false when truncated.
func (d *dissector) wep(p []byte) bool {
	if len(p) < 4 {
		return false
	}
	iv := binary.LittleEndian.Uint32(p)
	d.b.printf(" IV:%3x Pad %x KeyID %x", iv&0xffffff, (iv>>24)&0x3f, (iv>>30)&3)
	return true
}

func (d *dissector) wlanCtrlBody(fc uint16, p []byte) {
	b, e := d.b, d.p.opts.LinkHeader
	sub := (fc >> 4) & 15
	b.str(wlanCtrlSubtypes[sub])
	switch sub {
	case 8:
		if !e {
			b.printf(" RA:%s TA:%s CTL(%x) SEQ(%d) ", wlanAddr(p[4:]), wlanAddr(p[10:]),
				binary.LittleEndian.Uint16(p[16:]), binary.LittleEndian.Uint16(p[18:]))
		}
	case 10:
		b.printf(" AID(%x)", binary.LittleEndian.Uint16(p[2:]))
	case 11:
		if !e {
			b.printf(" TA:%s ", wlanAddr(p[10:]))
		}
	case 9, 12, 13, 14, 15:
		if !e {
			b.printf(" RA:%s ", wlanAddr(p[4:]))
		}
	}
}

// wlanElements are the information elements tcpdump shows: the first
// SSID, non-empty rate set and DS channel of a management frame.
type wlanElements struct {
	ssid, rates   []byte
	hasSSID       bool
	hasRates      bool
	hasDS         bool
	channel       uint8
	capability    uint16
	capabilitySet bool
}

// parse is tcpdump's parse_elements; false when the elements are cut
// short (by the capture or by the frame's length) or malformed.
func (w *wlanElements) parse(p []byte, length int) bool {
	off := 0
	for length != 0 {
		if len(p)-off < 2 || length < 2 {
			return false
		}
		id, elen := p[off], int(p[off+1])
		if len(p)-off-2 < elen || length < elen+2 {
			return false
		}
		v := p[off+2 : off+2+elen]
		switch id {
		case 0:
			if elen > 32 {
				return false
			}
			if !w.hasSSID {
				w.ssid, w.hasSSID = v, true
			}
		case 1:
			if elen > 16 {
				return false
			}
			if !w.hasRates && elen != 0 {
				w.rates, w.hasRates = v, true
			}
		case 3:
			if elen == 1 && !w.hasDS {
				w.channel, w.hasDS = v[0], true
			}
		case 5:
			if elen > 3 && elen-3 > 251 {
				return false
			}
		case 16:
			if elen > 253 {
				return false
			}
		}
		off += 2 + elen
		length -= 2 + elen
	}
	return true
}

func (d *dissector) wlanSSID(w *wlanElements) {
	if !w.hasSSID {
		return
	}
	d.b.str(" (")
	for _, c := range w.ssid {
		if c == 0 {
			break
		}
		fnPrintChar(d.b, c)
	}
	d.b.str(")")
}

// fnPrintChar is tcpdump's fn_print_char: M- for 8-bit bytes, ^ for
// control characters.
func fnPrintChar(b *buf, c byte) {
	if c >= 0x80 {
		c &= 0x7f
		b.str("M-")
	}
	if c < 0x20 || c == 0x7f {
		c ^= 0x40
		b.str("^")
	}
	b.s = append(b.s, c)
}

func (d *dissector) wlanRates(w *wlanElements) {
	if !w.hasRates {
		return
	}
	sep := " ["
	for _, r := range w.rates {
		suffix := ""
		if r&0x80 != 0 {
			suffix = "*"
		}
		d.b.printf("%s%2.1f%s", sep, 0.5*float64(r&0x7f), suffix)
		sep = " "
	}
	d.b.str(" Mbit]")
}

func (d *dissector) wlanChannel(w *wlanElements) {
	if w.hasDS {
		d.b.printf(" CH: %d", w.channel)
	}
	if w.capability&0x10 != 0 {
		d.b.str(", PRIVACY")
	}
}

// wlanMgmtBody prints a management frame's subtype and body; false means
// tcpdump would mark it truncated.
func (d *dissector) wlanMgmtBody(fc uint16, src []byte, p []byte, length int) bool {
	b := d.b
	sub := (fc >> 4) & 15
	if s, ok := wlanMgmtSubtypes[sub]; ok {
		b.str(s)
	} else {
		b.printf("Unhandled Management subtype(%x)", sub)
	}
	if fc&0x4000 != 0 {
		return d.wep(p)
	}
	fixed := func(n int) bool { return len(p) >= n && length >= n }
	var w wlanElements
	switch sub {
	case 0: // association request
		if !fixed(4) {
			return false
		}
		ok := w.parse(p[4:], length-4)
		d.wlanSSID(&w)
		d.wlanRates(&w)
		return ok
	case 1, 3: // (re)association response
		if !fixed(6) {
			return false
		}
		capInfo := binary.LittleEndian.Uint16(p)
		status := binary.LittleEndian.Uint16(p[2:])
		aid := binary.LittleEndian.Uint16(p[4:])
		ok := w.parse(p[6:], length-6)
		priv := ""
		if capInfo&0x10 != 0 {
			priv = " PRIVACY "
		}
		b.printf(" AID(%x) :%s: %s", (aid<<2)>>2, priv, tableText(wlanStatus, status, "n/a"))
		return ok
	case 2: // reassociation request
		if !fixed(10) {
			return false
		}
		ok := w.parse(p[10:], length-10)
		d.wlanSSID(&w)
		b.printf(" AP : %s", wlanAddr(p[4:]))
		return ok
	case 4: // probe request
		ok := w.parse(p, length)
		d.wlanSSID(&w)
		d.wlanRates(&w)
		return ok
	case 5, 8: // probe response, beacon
		if !fixed(12) {
			return false
		}
		w.capability = binary.LittleEndian.Uint16(p[10:])
		ok := w.parse(p[12:], length-12)
		d.wlanSSID(&w)
		d.wlanRates(&w)
		if sub == 8 {
			if w.capability&1 != 0 {
				b.str(" ESS")
			} else {
				b.str(" IBSS")
			}
		}
		d.wlanChannel(&w)
		return ok
	case 10: // disassociation
		if !fixed(2) {
			return false
		}
		b.printf(": %s", tableText(wlanReasons, binary.LittleEndian.Uint16(p), "Reserved"))
		return true
	case 11: // authentication
		if !fixed(6) {
			return false
		}
		alg := binary.LittleEndian.Uint16(p)
		seq := binary.LittleEndian.Uint16(p[2:])
		status := binary.LittleEndian.Uint16(p[4:])
		ok := w.parse(p[6:], length-6)
		algName := "Reserved"
		if int(alg) < len(wlanAuthAlgs) {
			algName = wlanAuthAlgs[alg]
		}
		statusText := ""
		if seq%2 == 1 {
			statusText = tableText(wlanStatus, status, "n/a")
		}
		if alg == 1 && (seq == 2 || seq == 3) {
			b.printf(" (%s)-%x [Challenge Text] %s", algName, seq, statusText)
		} else {
			b.printf(" (%s)-%x: %s", algName, seq, statusText)
		}
		return ok
	case 12: // deauthentication
		if !fixed(2) {
			return false
		}
		reason := tableText(wlanReasons, binary.LittleEndian.Uint16(p), "Reserved")
		if d.p.opts.LinkHeader {
			b.printf(": %s", reason)
		} else {
			b.printf(" (%s): %s", wlanAddr(src), reason)
		}
		return true
	case 13: // action
		if !fixed(2) {
			return false
		}
		if d.p.opts.LinkHeader {
			b.str(": ")
		} else {
			b.printf(" (%s): ", wlanAddr(src))
		}
		d.wlanAction(p[0], p[1])
		return true
	}
	return true
}

func (d *dissector) wlanAction(category, action uint8) {
	b := d.b
	name := func(names ...string) {
		if int(action) < len(names) && names[action] != "" {
			b.str(names[action])
		} else {
			b.printf("Act#%d", action)
		}
	}
	switch category {
	case 0:
		b.printf("Spectrum Management Act#%d", action)
	case 1:
		b.printf("QoS Act#%d", action)
	case 2:
		b.printf("DLS Act#%d", action)
	case 3:
		b.str("BA ")
		name("ADDBA Request", "ADDBA Response", "DELBA")
	case 7:
		b.str("HT ")
		name("TxChWidth", "MIMOPwrSave")
	case 13:
		b.str("MeshAction ")
		name("MeshLink", "HWMP", "Gate Announcement", "Congestion Control", "MCCA Setup Request",
			"MCCA Setup Reply", "MCCA Advertisement Request", "MCCA Advertisement", "MCCA Teardown",
			"TBTT Adjustment Request", "TBTT Adjustment Response")
	case 14:
		b.str("MultiohopAction ")
		name("Proxy Update", "Proxy Update Confirmation")
	case 15:
		b.str("SelfprotectAction ")
		name("", "Peering Open", "Peering Confirm", "Peering Close", "Group Key Inform", "Group Key Acknowledge")
	case 127:
		b.printf("Vendor Act#%d", action)
	default:
		b.printf("Reserved(%d) Act#%d", category, action)
	}
}

func tableText(t []string, i uint16, def string) string {
	if int(i) < len(t) {
		return t[i]
	}
	return def
}

// wlanStatus are the status codes' texts, as tcpdump 4.99 words them.
var wlanStatus = []string{
	"Successful", "Unspecified failure", "TDLS wakeup schedule rejected but alternative schedule provided",
	"TDLS wakeup schedule rejected", "Reserved", "Security disabled", "Unacceptable lifetime",
	"Not in same BSS", "Reserved", "Reserved",
	"Cannot Support all requested capabilities in the Capability Information field",
	"Reassociation denied due to inability to confirm that association exists",
	"Association denied due to reason outside the scope of this standard",
	"Responding STA does not support the specified authentication algorithm",
	"Received an Authentication frame with authentication transaction sequence number out of expected sequence",
	"Authentication rejected because of challenge failure",
	"Authentication rejected due to timeout waiting for next frame in sequence",
	"Association denied because AP is unable to handle additional associated STAs",
	"Association denied due to requesting STA not supporting all of the data rates in the BSSBasicRateSet parameter, the Basic HT-MCS Set field of the HT Operation parameter, or the Basic VHT-MCS and NSS Set field in the VHT Operation parameter",
	"Association denied due to requesting STA not supporting the short preamble option",
	"Reserved", "Reserved",
	"Association request rejected because Spectrum Management capability is required",
	"Association request rejected because the information in the Power Capability element is unacceptable",
	"Association request rejected because the information in the Supported Channels element is unacceptable",
	"Association denied due to requesting STA not supporting the Short Slot Time option",
	"Reserved",
	"Association denied because the requested STA does not support HT features",
	"R0KH unreachable",
	"Association denied because the requesting STA does not support the phased coexistence operation (PCO) transition time required by the AP",
	"Association request rejected temporarily; try again later",
	"Robust management frame policy violation",
	"Unspecified, QoS-related failure",
	"Association denied because QoS AP or PCP has insufficient bandwidth to handle another QoS STA",
	"Association denied due to excessive frame loss rates and/or poor conditions on current operating channel",
	"Association (with QoS BSS) denied because the requesting STA does not support the QoS facility",
	"Reserved",
	"The request has been declined",
	"The request has not been successful as one or more parameters have invalid values",
	"The allocation or TS has not been created because the request cannot be honored; however, a suggested TSPEC/DMG TSPEC is provided so that the initiating STA can attempt to set another allocation or TS with the suggested changes to the TSPEC/DMG TSPEC",
	"Invalid element, i.e., an element defined in this standard for which the content does not meet the specifications in Clause 9",
	"Invalid group cipher", "Invalid pairwise cipher", "Invalid AKMP", "Unsupported RSNE version",
	"Invalid RSNE capabilities", "Cipher suite rejected because of security policy",
	"The TS or allocation has not been created; however, the HC or PCP might be capable of creating a TS or allocation, in response to a request, after the time indicated in the TS Delay element",
	"Direct Link is not allowed in the BSS by policy",
	"The Destination STA is not present within this BSS",
	"The Destination STA is not a QoS STA",
	"Association denied because the listen interval is too large",
	"Invalid FT Action frame count", "Invalid pairwise master key identifier (PMKID)", "Invalid MDE", "Invalid FTE",
	"Requested TCLAS processing is not supported by the AP or PCP",
	"The AP or PCP has insufficient TCLAS processing resources to satisfy the request",
	"The TS has not been created because the request cannot be honored; however, the HC or PCP suggests that the STA transition to a different BSS to set up the TS",
	"GAS Advertisement Protocol not supported", "No outstanding GAS request",
	"GAS Response not received from the Advertisement Server",
	"STA timed out waiting for GAS Query Response",
	"LARGE GAS Response is larger than query response length limit",
	"Request refused because home network does not support request",
	"Advertisement Server in the network is not currently reachable",
	"Reserved",
	"Request refused due to permissions received via SSPN interface",
	"Request refused because the AP or PCP does not support unauthenticated access",
	"Reserved", "Reserved", "Reserved",
	"Invalid contents of RSNE", "U-APSD coexistence is not supported",
	"Requested U-APSD coexistence mode is not supported",
	"Requested Interval/Duration value cannot be supported with U-APSD coexistence",
	"Authentication is rejected because an Anti-Clogging Token is required",
	"Authentication is rejected because the offered finite cyclic group is not supported",
	"The TBTT adjustment request has not been successful because the STA could not find an alternative TBTT",
	"Transmission failure", "Requested TCLAS Not Supported", "TCLAS Resources Exhausted",
	"Rejected with Suggested BSS transition", "Reject with recommended schedule",
	"Reject because no wakeup schedule specified",
	"Success, the destination STA is in power save mode",
	"FST pending, in process of admitting FST session", "Performing FST now",
	"FST pending, gap(s) in block ack window", "Reject because of U-PID setting",
	"Reserved", "Reserved",
	"(Re)Association refused for some external reason",
	"(Re)Association refused because of memory limits at the AP",
	"(Re)Association refused because emergency services are not supported at the AP",
	"GAS query response not yet received",
	"Reject since the request is for transition to a frequency band subject to DSE procedures and FST Initiator is a dependent STA",
	"Requested TCLAS processing has been terminated by the AP",
	"The TS schedule conflicts with an existing schedule; an alternative schedule is provided",
	"The association has been denied; however, one or more Multi-band elements are included that can be used by the receiving STA to join the BSS",
	"The request failed due to a reservation conflict",
	"The request failed due to exceeded MAF limit",
	"The request failed due to exceeded MCCA track limit",
	"Association denied because the information in theSpectrum Management field is unacceptable",
	"Association denied because the requesting STA does not support VHT features",
	"Enablement denied",
	"Enablement denied due to restriction from an authorized GDB",
	"Authorization deenabled",
}

// wlanReasons are the reason codes' texts, as tcpdump 4.99 words them.
var wlanReasons = []string{
	"Reserved", "Unspecified reason", "Previous authentication no longer valid",
	"Deauthenticated because sending STA is leaving (or has left) IBSS or ESS",
	"Disassociated due to inactivity",
	"Disassociated because AP is unable to handle all currently  associated STAs",
	"Class 2 frame received from nonauthenticated STA",
	"Class 3 frame received from nonassociated STA",
	"Disassociated because sending STA is leaving (or has left) BSS",
	"STA requesting (re)association is not authenticated with responding STA",
	"Disassociated because the information in the Power Capability element is unacceptable",
	"Disassociated because the information in the Supported Channels element is unacceptable",
	"Disassociated due to BSS transition management",
	"Invalid element, i.e., an element defined in this standard for which the content does not meet the specifications in Clause 9",
	"Message integrity code (MIC) failure", "4-Way Handshake timeout", "Group key handshake timeout",
	"Information element in 4-Way Handshake different from (Re)Association Request/Probe Response/Beacon frame",
	"Invalid group cipher", "Invalid pairwise cipher", "Invalid AKMP", "Unsupported RSNE version",
	"Invalid RSNE capabilities", "IEEE 802.1X authentication failed",
	"Cipher suite rejected because of the security policy",
	"TDLS direct-link teardown due to TDLS peer STA unreachable via the TDLS direct link",
	"TDLS direct-link teardown for unspecified reason",
	"Disassociated because session terminated by SSP request",
	"Disassociated because of lack of SSP roaming agreement",
	"Requested service rejected because of SSP cipher suite or AKM requirement",
	"Requested service not authorized in this location",
	"TS deleted because QoS AP lacks sufficient bandwidth for this QoS STA due to a change in BSS service characteristics or operational mode (e.g. an HT BSS change from 40 MHz channel to 20 MHz channel)",
	"Disassociated for unspecified, QoS-related reason",
	"Disassociated because QoS AP lacks sufficient bandwidth for this QoS STA",
	"Disassociated because of excessive number of frames that need to be acknowledged, but are not acknowledged due to AP transmissions and/or poor channel conditions",
	"Disassociated because STA is transmitting outside the limits of its TXOPs",
	"Requested from peer STA as the STA is leaving the BSS (or resetting)",
	"Requested from peer STA as it does not want to use the mechanism",
	"Requested from peer STA as the STA received frames using the mechanism for which a set up is required",
	"Requested from peer STA due to time out",
	"Reserved", "Reserved", "Reserved", "Reserved", "Reserved",
	"Peer STA does not support the requested cipher suite",
	"In a DLS Teardown frame: The teardown was initiated by the DLS peer. In a Disassociation frame: Disassociated because authorized access limit reached",
	"In a DLS Teardown frame: The teardown was initiated by the AP. In a Disassociation frame: Disassociated due to external service requirements",
	"Invalid FT Action frame count", "Invalid pairwise master key identifier (PMKID)", "Invalid MDE", "Invalid FTE",
	"Mesh peering canceled for unknown reasons",
	"The mesh STA has reached the supported maximum number of peer mesh STAs",
	"The received information violates the Mesh Configuration policy configured in the mesh STA profile",
	"The mesh STA has received a Mesh Peering Close frame requesting to close the mesh peering",
	"The mesh STA has resent dot11MeshMaxRetries Mesh Peering Open frames, without receiving a Mesh Peering Confirm frame",
	"The confirmTimer for the mesh peering instance times out",
	"The mesh STA fails to unwrap the GTK or the values in the wrapped contents do not match",
	"The mesh STA receives inconsistent information about the mesh parameters between mesh peering Management frames",
	"The mesh STA fails the authenticated mesh peering exchange because due to failure in selecting either the pairwise ciphersuite or group ciphersuite",
	"The mesh STA does not have proxy information for this external destination",
	"The mesh STA does not have forwarding information for this destination",
	"The mesh STA determines that the link to the next hop of an active path in its forwarding information is no longer usable",
	"The Deauthentication frame was sent because the MAC address of the STA already exists in the mesh BSS",
	"The mesh STA performs channel switch to meet regulatory requirements",
	"The mesh STA performs channel switching with unspecified reason",
}
