package filter

import (
	"fmt"
	"strings"
)

// LinkType is a data link type, numbered as libpcap's DLT_ values on Linux.
type LinkType int

// The link types the compiler generates code for.
const (
	LinkTypeNull      LinkType = 0   // BSD loopback, host-byte-order family
	LinkTypeEthernet  LinkType = 1   // DLT_EN10MB
	LinkTypeRaw       LinkType = 12  // DLT_RAW on Linux: raw IPv4 or IPv6
	LinkTypeLoop      LinkType = 108 // OpenBSD loopback, network-byte-order family
	LinkTypeLinuxSLL  LinkType = 113 // Linux cooked capture v1
	LinkTypeIPv4      LinkType = 228
	LinkTypeIPv6      LinkType = 229
	LinkTypeLinuxSLL2 LinkType = 276 // Linux cooked capture v2
)

// linkTypeNames maps the DLT_ names (without the prefix) to values. It lists
// more than the supported types so that an unsupported one is named in the
// error rather than reported as unknown.
var linkTypeNames = map[string]LinkType{
	"NULL": 0, "EN10MB": 1, "EN3MB": 2, "AX25": 3, "PRONET": 4, "CHAOS": 5,
	"IEEE802": 6, "ARCNET": 7, "SLIP": 8, "PPP": 9, "FDDI": 10, "ATM_RFC1483": 11,
	"RAW": 12, "SLIP_BSDOS": 15, "PPP_BSDOS": 16, "ATM_CLIP": 19, "PPP_SERIAL": 50,
	"PPP_ETHER": 51, "SYMANTEC_FIREWALL": 99, "C_HDLC": 104, "IEEE802_11": 105,
	"FRELAY": 107, "LOOP": 108, "ENC": 109, "LINUX_SLL": 113, "LTALK": 114,
	"PFLOG": 117, "PRISM_HEADER": 119, "IP_OVER_FC": 122, "SUNATM": 123,
	"IEEE802_11_RADIO": 127, "ARCNET_LINUX": 129, "APPLE_IP_OVER_IEEE1394": 138,
	"MTP2_WITH_PHDR": 139, "MTP2": 140, "MTP3": 141, "SCCP": 142, "DOCSIS": 143,
	"LINUX_IRDA": 144, "IEEE802_11_RADIO_AVS": 163, "BACNET_MS_TP": 165,
	"PPP_PPPD": 166, "GPRS_LLC": 169, "LINUX_LAPD": 177, "BLUETOOTH_HCI_H4": 187,
	"USB_LINUX": 189, "PPI": 192, "IEEE802_15_4": 195, "SITA": 196, "ERF": 197,
	"IPMB_LINUX": 209, "IPNET": 226, "CAN_SOCKETCAN": 227, "IPV4": 228, "IPV6": 229,
	"NETANALYZER": 240, "NETANALYZER_TRANSPARENT": 241, "IPOIB": 242,
	"NFLOG": 239, "MPEG_2_TS": 243, "NG40": 244, "NFC_LLCP": 245, "INFINIBAND": 247,
	"SCTP": 248, "USBPCAP": 249, "RTAC_SERIAL": 250, "BLUETOOTH_LE_LL": 251,
	"NETLINK": 253, "BLUETOOTH_LINUX_MONITOR": 254, "PKTAP": 258, "EPON": 259,
	"IPMI_HPM_2": 260, "ZWAVE_R1_R2": 261, "ZWAVE_R3": 262, "WATTSTOPPER_DLM": 263,
	"ISO_14443": 264, "RDS": 265, "USB_DARWIN": 266, "SDLC": 268, "VSOCK": 271,
	"NORDIC_BLE": 272, "DOCSIS31_XRA31": 273, "ETHERNET_MPACKET": 274,
	"DISPLAYPORT_AUX": 275, "LINUX_SLL2": 276, "OPENVIZSLA": 278, "EBHSCR": 279,
	"VPP_DISPATCH": 280, "DSA_TAG_BRCM": 281, "DSA_TAG_BRCM_PREPEND": 282,
	"IEEE802_15_4_TAP": 283, "DSA_TAG_DSA": 284, "DSA_TAG_EDSA": 285, "ELEE": 286,
	"Z_WAVE_SERIAL": 287, "USB_2_0": 288, "ATSC_ALP": 289, "ETW": 290,
	"JUNIPER_MLPPP": 130, "JUNIPER_MLFR": 131, "JUNIPER_ES": 132, "JUNIPER_GGSN": 133,
	"JUNIPER_MFR": 134, "JUNIPER_ATM2": 135, "JUNIPER_SERVICES": 136,
	"JUNIPER_ATM1": 137, "JUNIPER_MONITOR": 164, "JUNIPER_PPPOE": 167,
	"JUNIPER_PPPOE_ATM": 168, "JUNIPER_PIC_PEER": 174, "JUNIPER_ETHER": 178,
	"JUNIPER_PPP": 179, "JUNIPER_FRELAY": 180, "JUNIPER_CHDLC": 181,
	"JUNIPER_VP": 183, "JUNIPER_ST": 200, "JUNIPER_ISM": 194,
	"JUNIPER_FIBRECHANNEL": 234, "JUNIPER_ATM_CEMIC": 238, "JUNIPER_SRX_E2E": 233,
	"JUNIPER_VS": 232, "ERSPAN": 299,
}

// ParseLinkType accepts a DLT name with or without the "DLT_" prefix, in any
// case, as tcpdump's -y does.
func ParseLinkType(name string) (LinkType, error) {
	n := strings.ToUpper(strings.TrimPrefix(strings.ToUpper(name), "DLT_"))
	if lt, ok := linkTypeNames[n]; ok {
		return lt, nil
	}
	return 0, fmt.Errorf("unknown link type %q", name)
}

// String returns the DLT name without its prefix, or "DLT <n>" for numbers
// this package has no name for.
func (lt LinkType) String() string {
	for name, v := range linkTypeNames {
		if v == lt {
			return name
		}
	}
	return fmt.Sprintf("DLT %d", int(lt))
}

// Supported reports whether the compiler generates code for the link type.
func (lt LinkType) Supported() bool {
	switch lt {
	case LinkTypeNull, LinkTypeEthernet, LinkTypeRaw, LinkTypeLoop, LinkTypeLinuxSLL,
		LinkTypeIPv4, LinkTypeIPv6, LinkTypeLinuxSLL2:
		return true
	}
	return false
}

// FileLinkType maps a pcap/pcapng file header LINKTYPE_ value to the DLT
// value used here (they differ only for a few historical types).
func FileLinkType(linktype uint32) LinkType {
	switch linktype {
	case 101: // LINKTYPE_RAW
		return LinkTypeRaw
	}
	return LinkType(linktype)
}

// FileLinkTypeValue is the inverse of FileLinkType: the LINKTYPE_ value a
// file should record for lt.
func FileLinkTypeValue(lt LinkType) uint32 {
	if lt == LinkTypeRaw {
		return 101
	}
	return uint32(lt)
}
