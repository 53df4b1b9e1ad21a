package linktype

// The link types libpcap knows, numbered as its DLT_ values on Linux.
const (
	Null                   Type = 0   // DLT_NULL
	Ethernet               Type = 1   // DLT_EN10MB
	Ethernet3MB            Type = 2   // DLT_EN3MB
	AX25                   Type = 3   // DLT_AX25
	ProNET                 Type = 4   // DLT_PRONET
	Chaos                  Type = 5   // DLT_CHAOS
	IEEE802                Type = 6   // DLT_IEEE802
	ARCnet                 Type = 7   // DLT_ARCNET
	SLIP                   Type = 8   // DLT_SLIP
	PPP                    Type = 9   // DLT_PPP
	FDDI                   Type = 10  // DLT_FDDI
	ATMRFC1483             Type = 11  // DLT_ATM_RFC1483
	Raw                    Type = 12  // DLT_RAW
	SLIPBSDOS              Type = 15  // DLT_SLIP_BSDOS
	PPPBSDOS               Type = 16  // DLT_PPP_BSDOS
	ATMCLIP                Type = 19  // DLT_ATM_CLIP
	RedbackSmartEdge       Type = 32  // DLT_REDBACK_SMARTEDGE
	PPPSerial              Type = 50  // DLT_PPP_SERIAL
	PPPoE                  Type = 51  // DLT_PPP_ETHER
	SymantecFirewall       Type = 99  // DLT_SYMANTEC_FIREWALL
	CiscoHDLC              Type = 104 // DLT_C_HDLC
	IEEE80211              Type = 105 // DLT_IEEE802_11
	FrameRelay             Type = 107 // DLT_FRELAY
	Loop                   Type = 108 // DLT_LOOP
	Enc                    Type = 109 // DLT_ENC
	LinuxSLL               Type = 113 // DLT_LINUX_SLL
	LocalTalk              Type = 114 // DLT_LTALK
	PFLog                  Type = 117 // DLT_PFLOG
	PrismHeader            Type = 119 // DLT_PRISM_HEADER
	IPOverFC               Type = 122 // DLT_IP_OVER_FC
	SunATM                 Type = 123 // DLT_SUNATM
	IEEE80211Radio         Type = 127 // DLT_IEEE802_11_RADIO
	ARCnetLinux            Type = 129 // DLT_ARCNET_LINUX
	JuniperMLPPP           Type = 130 // DLT_JUNIPER_MLPPP
	JuniperMLFR            Type = 131 // DLT_JUNIPER_MLFR
	JuniperES              Type = 132 // DLT_JUNIPER_ES
	JuniperGGSN            Type = 133 // DLT_JUNIPER_GGSN
	JuniperMFR             Type = 134 // DLT_JUNIPER_MFR
	JuniperATM2            Type = 135 // DLT_JUNIPER_ATM2
	JuniperServices        Type = 136 // DLT_JUNIPER_SERVICES
	JuniperATM1            Type = 137 // DLT_JUNIPER_ATM1
	AppleIPOverIEEE1394    Type = 138 // DLT_APPLE_IP_OVER_IEEE1394
	MTP2WithPHdr           Type = 139 // DLT_MTP2_WITH_PHDR
	MTP2                   Type = 140 // DLT_MTP2
	MTP3                   Type = 141 // DLT_MTP3
	SCCP                   Type = 142 // DLT_SCCP
	DOCSIS                 Type = 143 // DLT_DOCSIS
	LinuxIrDA              Type = 144 // DLT_LINUX_IRDA
	IEEE80211RadioAVS      Type = 163 // DLT_IEEE802_11_RADIO_AVS
	JuniperMonitor         Type = 164 // DLT_JUNIPER_MONITOR
	BACnetMSTP             Type = 165 // DLT_BACNET_MS_TP
	PPPPPPD                Type = 166 // DLT_PPP_PPPD
	JuniperPPPoE           Type = 167 // DLT_JUNIPER_PPPOE
	JuniperPPPoEATM        Type = 168 // DLT_JUNIPER_PPPOE_ATM
	GPRSLLC                Type = 169 // DLT_GPRS_LLC
	GPFT                   Type = 170 // DLT_GPF_T
	GPFF                   Type = 171 // DLT_GPF_F
	JuniperPICPeer         Type = 174 // DLT_JUNIPER_PIC_PEER
	ERFEth                 Type = 175 // DLT_ERF_ETH
	ERFPOS                 Type = 176 // DLT_ERF_POS
	LinuxLAPD              Type = 177 // DLT_LINUX_LAPD
	JuniperEther           Type = 178 // DLT_JUNIPER_ETHER
	JuniperPPP             Type = 179 // DLT_JUNIPER_PPP
	JuniperFrameRelay      Type = 180 // DLT_JUNIPER_FRELAY
	JuniperCHDLC           Type = 181 // DLT_JUNIPER_CHDLC
	MFR                    Type = 182 // DLT_MFR
	JuniperVP              Type = 183 // DLT_JUNIPER_VP
	A429                   Type = 184 // DLT_A429
	A653ICM                Type = 185 // DLT_A653_ICM
	USBFreeBSD             Type = 186 // DLT_USB_FREEBSD
	BluetoothHCIH4         Type = 187 // DLT_BLUETOOTH_HCI_H4
	IEEE80216MACCPS        Type = 188 // DLT_IEEE802_16_MAC_CPS
	USBLinux               Type = 189 // DLT_USB_LINUX
	CAN20B                 Type = 190 // DLT_CAN20B
	IEEE802154Linux        Type = 191 // DLT_IEEE802_15_4_LINUX
	PPI                    Type = 192 // DLT_PPI
	IEEE80216MACCPSRadio   Type = 193 // DLT_IEEE802_16_MAC_CPS_RADIO
	JuniperISM             Type = 194 // DLT_JUNIPER_ISM
	IEEE802154             Type = 195 // DLT_IEEE802_15_4
	SITA                   Type = 196 // DLT_SITA
	ERF                    Type = 197 // DLT_ERF
	RAIF1                  Type = 198 // DLT_RAIF1
	IPMBKontron            Type = 199 // DLT_IPMB_KONTRON
	JuniperST              Type = 200 // DLT_JUNIPER_ST
	BluetoothHCIH4WithPHdr Type = 201 // DLT_BLUETOOTH_HCI_H4_WITH_PHDR
	AX25KISS               Type = 202 // DLT_AX25_KISS
	I2CLinux               Type = 209 // DLT_I2C_LINUX
	IEEE802154NonASKPHY    Type = 215 // DLT_IEEE802_15_4_NONASK_PHY
	LinuxEvdev             Type = 216 // DLT_LINUX_EVDEV
	MPLS                   Type = 219 // DLT_MPLS
	USBLinuxMMapped        Type = 220 // DLT_USB_LINUX_MMAPPED
	DECT                   Type = 221 // DLT_DECT
	AOS                    Type = 222 // DLT_AOS
	WirelessHART           Type = 223 // DLT_WIHART
	FC2                    Type = 224 // DLT_FC_2
	FC2WithFrameDelims     Type = 225 // DLT_FC_2_WITH_FRAME_DELIMS
	IPNet                  Type = 226 // DLT_IPNET
	CANSocketCAN           Type = 227 // DLT_CAN_SOCKETCAN
	IPv4                   Type = 228 // DLT_IPV4
	IPv6                   Type = 229 // DLT_IPV6
	IEEE802154NoFCS        Type = 230 // DLT_IEEE802_15_4_NOFCS
	DBus                   Type = 231 // DLT_DBUS
	JuniperVS              Type = 232 // DLT_JUNIPER_VS
	JuniperSRXE2E          Type = 233 // DLT_JUNIPER_SRX_E2E
	JuniperFibreChannel    Type = 234 // DLT_JUNIPER_FIBRECHANNEL
	DVBCI                  Type = 235 // DLT_DVB_CI
	MUX27010               Type = 236 // DLT_MUX27010
	STANAG5066DPDU         Type = 237 // DLT_STANAG_5066_D_PDU
	JuniperATMCEMIC        Type = 238 // DLT_JUNIPER_ATM_CEMIC
	NFLog                  Type = 239 // DLT_NFLOG
	NetAnalyzer            Type = 240 // DLT_NETANALYZER
	NetAnalyzerTransparent Type = 241 // DLT_NETANALYZER_TRANSPARENT
	IPoIB                  Type = 242 // DLT_IPOIB
	MPEG2TS                Type = 243 // DLT_MPEG_2_TS
	NG40                   Type = 244 // DLT_NG40
	NFCLLCP                Type = 245 // DLT_NFC_LLCP
	PFSync                 Type = 246 // DLT_PFSYNC
	InfiniBand             Type = 247 // DLT_INFINIBAND
	SCTP                   Type = 248 // DLT_SCTP
	USBPcap                Type = 249 // DLT_USBPCAP
	RTACSerial             Type = 250 // DLT_RTAC_SERIAL
	BluetoothLELL          Type = 251 // DLT_BLUETOOTH_LE_LL
	Netlink                Type = 253 // DLT_NETLINK
	BluetoothLinuxMonitor  Type = 254 // DLT_BLUETOOTH_LINUX_MONITOR
	BluetoothBREDRBB       Type = 255 // DLT_BLUETOOTH_BREDR_BB
	BluetoothLELLWithPHdr  Type = 256 // DLT_BLUETOOTH_LE_LL_WITH_PHDR
	ProfibusDL             Type = 257 // DLT_PROFIBUS_DL
	PKTAP                  Type = 258 // DLT_PKTAP
	EPON                   Type = 259 // DLT_EPON
	IPMIHPM2               Type = 260 // DLT_IPMI_HPM_2
	ZWaveR1R2              Type = 261 // DLT_ZWAVE_R1_R2
	ZWaveR3                Type = 262 // DLT_ZWAVE_R3
	WattStopperDLM         Type = 263 // DLT_WATTSTOPPER_DLM
	ISO14443               Type = 264 // DLT_ISO_14443
	RDS                    Type = 265 // DLT_RDS
	USBDarwin              Type = 266 // DLT_USB_DARWIN
	OpenFlow               Type = 267 // DLT_OPENFLOW
	SDLC                   Type = 268 // DLT_SDLC
	TILLNSniffer           Type = 269 // DLT_TI_LLN_SNIFFER
	VSock                  Type = 271 // DLT_VSOCK
	NordicBLE              Type = 272 // DLT_NORDIC_BLE
	DOCSIS31XRA31          Type = 273 // DLT_DOCSIS31_XRA31
	EthernetMPacket        Type = 274 // DLT_ETHERNET_MPACKET
	DisplayPortAUX         Type = 275 // DLT_DISPLAYPORT_AUX
	LinuxSLL2              Type = 276 // DLT_LINUX_SLL2
	OpenVizsla             Type = 278 // DLT_OPENVIZSLA
	EBHSCR                 Type = 279 // DLT_EBHSCR
	VPPDispatch            Type = 280 // DLT_VPP_DISPATCH
	DSATagBRCM             Type = 281 // DLT_DSA_TAG_BRCM
	DSATagBRCMPrepend      Type = 282 // DLT_DSA_TAG_BRCM_PREPEND
	IEEE802154TAP          Type = 283 // DLT_IEEE802_15_4_TAP
	DSATagDSA              Type = 284 // DLT_DSA_TAG_DSA
	DSATagEDSA             Type = 285 // DLT_DSA_TAG_EDSA
	ELEE                   Type = 286 // DLT_ELEE
	ZWaveSerial            Type = 287 // DLT_Z_WAVE_SERIAL
	USB20                  Type = 288 // DLT_USB_2_0
	ATSCALP                Type = 289 // DLT_ATSC_ALP
	ETW                    Type = 290 // DLT_ETW
	NetAnalyzerNG          Type = 291 // DLT_NETANALYZER_NG
	ZBOSSNCP               Type = 292 // DLT_ZBOSS_NCP
	USB20LowSpeed          Type = 293 // DLT_USB_2_0_LOW_SPEED
	USB20FullSpeed         Type = 294 // DLT_USB_2_0_FULL_SPEED
	USB20HighSpeed         Type = 295 // DLT_USB_2_0_HIGH_SPEED
	AuerswaldLog           Type = 296 // DLT_AUERSWALD_LOG
	ZWaveTAP               Type = 297 // DLT_ZWAVE_TAP
	SiLabsDebugChannel     Type = 298 // DLT_SILABS_DEBUG_CHANNEL
	FiRaUCI                Type = 299 // DLT_FIRA_UCI
	MDB                    Type = 300 // DLT_MDB
	DECTNR                 Type = 301 // DLT_DECT_NR
)

// table lists every Type with its libpcap name (DLT_ without the prefix)
// and description, in DLT order.
var table = [...]entry{
	{Null, "NULL", "BSD loopback"},
	{Ethernet, "EN10MB", "Ethernet"},
	{Ethernet3MB, "EN3MB", "Pre-standard 3 Mb Ethernet"},
	{AX25, "AX25", "AX.25"},
	{ProNET, "PRONET", "Proteon ProNET Token Ring"},
	{Chaos, "CHAOS", "Chaos"},
	{IEEE802, "IEEE802", "Token ring"},
	{ARCnet, "ARCNET", "BSD ARCNET"},
	{SLIP, "SLIP", "SLIP"},
	{PPP, "PPP", "PPP"},
	{FDDI, "FDDI", "FDDI"},
	{ATMRFC1483, "ATM_RFC1483", "RFC 1483 LLC-encapsulated ATM"},
	{Raw, "RAW", "Raw IP"},
	{SLIPBSDOS, "SLIP_BSDOS", "BSD/OS SLIP"},
	{PPPBSDOS, "PPP_BSDOS", "BSD/OS PPP"},
	{ATMCLIP, "ATM_CLIP", "Linux Classical IP-over-ATM"},
	{RedbackSmartEdge, "REDBACK_SMARTEDGE", "Redback SmartEdge 400/800"},
	{PPPSerial, "PPP_SERIAL", "PPP over serial"},
	{PPPoE, "PPP_ETHER", "PPPoE"},
	{SymantecFirewall, "SYMANTEC_FIREWALL", "Symantec Firewall"},
	{CiscoHDLC, "C_HDLC", "Cisco HDLC"},
	{IEEE80211, "IEEE802_11", "802.11"},
	{FrameRelay, "FRELAY", "Frame Relay"},
	{Loop, "LOOP", "OpenBSD loopback"},
	{Enc, "ENC", "OpenBSD encapsulated IP"},
	{LinuxSLL, "LINUX_SLL", "Linux cooked v1"},
	{LocalTalk, "LTALK", "Localtalk"},
	{PFLog, "PFLOG", "OpenBSD pflog file"},
	{PrismHeader, "PRISM_HEADER", "802.11 plus Prism header"},
	{IPOverFC, "IP_OVER_FC", "RFC 2625 IP-over-Fibre Channel"},
	{SunATM, "SUNATM", "Sun raw ATM"},
	{IEEE80211Radio, "IEEE802_11_RADIO", "802.11 plus radiotap header"},
	{ARCnetLinux, "ARCNET_LINUX", "Linux ARCNET"},
	{JuniperMLPPP, "JUNIPER_MLPPP", "Juniper Multi-Link PPP"},
	{JuniperMLFR, "JUNIPER_MLFR", "Juniper Multi-Link Frame Relay"},
	{JuniperES, "JUNIPER_ES", "Juniper Encryption Services PIC"},
	{JuniperGGSN, "JUNIPER_GGSN", "Juniper GGSN PIC"},
	{JuniperMFR, "JUNIPER_MFR", "Juniper FRF.16 Frame Relay"},
	{JuniperATM2, "JUNIPER_ATM2", "Juniper ATM2 PIC"},
	{JuniperServices, "JUNIPER_SERVICES", "Juniper Advanced Services PIC"},
	{JuniperATM1, "JUNIPER_ATM1", "Juniper ATM1 PIC"},
	{AppleIPOverIEEE1394, "APPLE_IP_OVER_IEEE1394", "Apple IP-over-IEEE 1394"},
	{MTP2WithPHdr, "MTP2_WITH_PHDR", "SS7 MTP2 with Pseudo-header"},
	{MTP2, "MTP2", "SS7 MTP2"},
	{MTP3, "MTP3", "SS7 MTP3"},
	{SCCP, "SCCP", "SS7 SCCP"},
	{DOCSIS, "DOCSIS", "DOCSIS"},
	{LinuxIrDA, "LINUX_IRDA", "Linux IrDA"},
	{IEEE80211RadioAVS, "IEEE802_11_RADIO_AVS", "802.11 plus AVS radio information header"},
	{JuniperMonitor, "JUNIPER_MONITOR", "Juniper Passive Monitor PIC"},
	{BACnetMSTP, "BACNET_MS_TP", "BACnet MS/TP"},
	{PPPPPPD, "PPP_PPPD", "PPP for pppd, with direction flag"},
	{JuniperPPPoE, "JUNIPER_PPPOE", "Juniper PPPoE"},
	{JuniperPPPoEATM, "JUNIPER_PPPOE_ATM", "Juniper PPPoE/ATM"},
	{GPRSLLC, "GPRS_LLC", "GPRS LLC"},
	{GPFT, "GPF_T", "GPF-T"},
	{GPFF, "GPF_F", "GPF-F"},
	{JuniperPICPeer, "JUNIPER_PIC_PEER", "Juniper PIC Peer"},
	{ERFEth, "ERF_ETH", "Ethernet with Endace ERF header"},
	{ERFPOS, "ERF_POS", "Packet-over-SONET with Endace ERF header"},
	{LinuxLAPD, "LINUX_LAPD", "Linux vISDN LAPD"},
	{JuniperEther, "JUNIPER_ETHER", "Juniper Ethernet"},
	{JuniperPPP, "JUNIPER_PPP", "Juniper PPP"},
	{JuniperFrameRelay, "JUNIPER_FRELAY", "Juniper Frame Relay"},
	{JuniperCHDLC, "JUNIPER_CHDLC", "Juniper C-HDLC"},
	{MFR, "MFR", "FRF.16 Frame Relay"},
	{JuniperVP, "JUNIPER_VP", "Juniper Voice PIC"},
	{A429, "A429", "Arinc 429"},
	{A653ICM, "A653_ICM", "Arinc 653 Interpartition Communication"},
	{USBFreeBSD, "USB_FREEBSD", "USB with FreeBSD header"},
	{BluetoothHCIH4, "BLUETOOTH_HCI_H4", "Bluetooth HCI UART transport layer"},
	{IEEE80216MACCPS, "IEEE802_16_MAC_CPS", "IEEE 802.16 MAC Common Part Sublayer"},
	{USBLinux, "USB_LINUX", "USB with Linux header"},
	{CAN20B, "CAN20B", "Controller Area Network (CAN) v. 2.0B"},
	{IEEE802154Linux, "IEEE802_15_4_LINUX", "IEEE 802.15.4 with Linux padding"},
	{PPI, "PPI", "Per-Packet Information"},
	{IEEE80216MACCPSRadio, "IEEE802_16_MAC_CPS_RADIO", "IEEE 802.16 MAC Common Part Sublayer plus radiotap header"},
	{JuniperISM, "JUNIPER_ISM", "Juniper Integrated Service Module"},
	{IEEE802154, "IEEE802_15_4", "IEEE 802.15.4 with FCS"},
	{SITA, "SITA", "SITA pseudo-header"},
	{ERF, "ERF", "Endace ERF header"},
	{RAIF1, "RAIF1", "Ethernet with u10 Networks pseudo-header"},
	{IPMBKontron, "IPMB_KONTRON", "IPMB with Kontron pseudo-header"},
	{JuniperST, "JUNIPER_ST", "Juniper Secure Tunnel"},
	{BluetoothHCIH4WithPHdr, "BLUETOOTH_HCI_H4_WITH_PHDR", "Bluetooth HCI UART transport layer plus pseudo-header"},
	{AX25KISS, "AX25_KISS", "AX.25 with KISS header"},
	{I2CLinux, "I2C_LINUX", "I2C with a Linux-specific header"},
	{IEEE802154NonASKPHY, "IEEE802_15_4_NONASK_PHY", "IEEE 802.15.4 with non-ASK PHY data"},
	{LinuxEvdev, "LINUX_EVDEV", "Linux evdev events"},
	{MPLS, "MPLS", "MPLS with label as link-layer header"},
	{USBLinuxMMapped, "USB_LINUX_MMAPPED", "USB with padded Linux header"},
	{DECT, "DECT", "DECT"},
	{AOS, "AOS", "AOS Space Data Link protocol"},
	{WirelessHART, "WIHART", "Wireless HART"},
	{FC2, "FC_2", "Fibre Channel FC-2"},
	{FC2WithFrameDelims, "FC_2_WITH_FRAME_DELIMS", "Fibre Channel FC-2 with frame delimiters"},
	{IPNet, "IPNET", "Solaris ipnet"},
	{CANSocketCAN, "CAN_SOCKETCAN", "CAN-bus with SocketCAN headers"},
	{IPv4, "IPV4", "Raw IPv4"},
	{IPv6, "IPV6", "Raw IPv6"},
	{IEEE802154NoFCS, "IEEE802_15_4_NOFCS", "IEEE 802.15.4 without FCS"},
	{DBus, "DBUS", "D-Bus"},
	{JuniperVS, "JUNIPER_VS", "Juniper Virtual Server"},
	{JuniperSRXE2E, "JUNIPER_SRX_E2E", "Juniper SRX E2E"},
	{JuniperFibreChannel, "JUNIPER_FIBRECHANNEL", "Juniper Fibre Channel"},
	{DVBCI, "DVB_CI", "DVB-CI"},
	{MUX27010, "MUX27010", "MUX27010"},
	{STANAG5066DPDU, "STANAG_5066_D_PDU", "STANAG 5066 D_PDUs"},
	{JuniperATMCEMIC, "JUNIPER_ATM_CEMIC", "Juniper ATM CEMIC"},
	{NFLog, "NFLOG", "Linux netfilter log messages"},
	{NetAnalyzer, "NETANALYZER", "Ethernet with Hilscher netANALYZER pseudo-header"},
	{NetAnalyzerTransparent, "NETANALYZER_TRANSPARENT", "Ethernet with Hilscher netANALYZER pseudo-header and with preamble and SFD"},
	{IPoIB, "IPOIB", "RFC 4391 IP-over-Infiniband"},
	{MPEG2TS, "MPEG_2_TS", "MPEG-2 transport stream"},
	{NG40, "NG40", "ng40 protocol tester Iub/Iur"},
	{NFCLLCP, "NFC_LLCP", "NFC LLCP PDUs with pseudo-header"},
	{PFSync, "PFSYNC", "Packet filter state syncing"},
	{InfiniBand, "INFINIBAND", "InfiniBand"},
	{SCTP, "SCTP", "SCTP"},
	{USBPcap, "USBPCAP", "USB with USBPcap header"},
	{RTACSerial, "RTAC_SERIAL", "Schweitzer Engineering Laboratories RTAC packets"},
	{BluetoothLELL, "BLUETOOTH_LE_LL", "Bluetooth Low Energy air interface"},
	{Netlink, "NETLINK", "Linux netlink"},
	{BluetoothLinuxMonitor, "BLUETOOTH_LINUX_MONITOR", "Bluetooth Linux Monitor"},
	{BluetoothBREDRBB, "BLUETOOTH_BREDR_BB", "Bluetooth Basic Rate/Enhanced Data Rate baseband packets"},
	{BluetoothLELLWithPHdr, "BLUETOOTH_LE_LL_WITH_PHDR", "Bluetooth Low Energy air interface with pseudo-header"},
	{ProfibusDL, "PROFIBUS_DL", "PROFIBUS data link layer"},
	{PKTAP, "PKTAP", "Apple DLT_PKTAP"},
	{EPON, "EPON", "Ethernet with 802.3 Clause 65 EPON preamble"},
	{IPMIHPM2, "IPMI_HPM_2", "IPMI trace packets"},
	{ZWaveR1R2, "ZWAVE_R1_R2", "Z-Wave RF profile R1 and R2 packets"},
	{ZWaveR3, "ZWAVE_R3", "Z-Wave RF profile R3 packets"},
	{WattStopperDLM, "WATTSTOPPER_DLM", "WattStopper Digital Lighting Management (DLM) and Legrand Nitoo Open protocol"},
	{ISO14443, "ISO_14443", "ISO 14443 messages"},
	{RDS, "RDS", "IEC 62106 Radio Data System groups"},
	{USBDarwin, "USB_DARWIN", "USB with Darwin header"},
	{OpenFlow, "OPENFLOW", "OpenBSD DLT_OPENFLOW"},
	{SDLC, "SDLC", "IBM SDLC frames"},
	{TILLNSniffer, "TI_LLN_SNIFFER", "TI LLN sniffer frames"},
	{VSock, "VSOCK", "Linux vsock"},
	{NordicBLE, "NORDIC_BLE", "Nordic Semiconductor Bluetooth LE sniffer frames"},
	{DOCSIS31XRA31, "DOCSIS31_XRA31", "Excentis XRA-31 DOCSIS 3.1 RF sniffer frames"},
	{EthernetMPacket, "ETHERNET_MPACKET", "802.3br mPackets"},
	{DisplayPortAUX, "DISPLAYPORT_AUX", "DisplayPort AUX channel monitoring data"},
	{LinuxSLL2, "LINUX_SLL2", "Linux cooked v2"},
	{OpenVizsla, "OPENVIZSLA", "OpenVizsla FPGA-based USB sniffer"},
	{EBHSCR, "EBHSCR", "Elektrobit High Speed Capture and Replay (EBHSCR)"},
	{VPPDispatch, "VPP_DISPATCH", "VPP graph dispatch tracer"},
	{DSATagBRCM, "DSA_TAG_BRCM", "Broadcom tag"},
	{DSATagBRCMPrepend, "DSA_TAG_BRCM_PREPEND", "Broadcom tag (prepended)"},
	{IEEE802154TAP, "IEEE802_15_4_TAP", "IEEE 802.15.4 with pseudo-header"},
	{DSATagDSA, "DSA_TAG_DSA", "Marvell DSA"},
	{DSATagEDSA, "DSA_TAG_EDSA", "Marvell EDSA"},
	{ELEE, "ELEE", "ELEE lawful intercept packets"},
	{ZWaveSerial, "Z_WAVE_SERIAL", "Z-Wave serial frames between host and chip"},
	{USB20, "USB_2_0", "USB 2.0/1.1/1.0 as transmitted over the cable"},
	{ATSCALP, "ATSC_ALP", "ATSC Link-Layer Protocol packets"},
	{ETW, "ETW", "Event Tracing for Windows messages"},
	{NetAnalyzerNG, "NETANALYZER_NG", "Hilscher netANALYZER NG pseudo-footer"},
	{ZBOSSNCP, "ZBOSS_NCP", "ZBOSS NCP protocol with pseudo-header"},
	{USB20LowSpeed, "USB_2_0_LOW_SPEED", "Low-Speed USB 2.0/1.1/1.0 as transmitted over the cable"},
	{USB20FullSpeed, "USB_2_0_FULL_SPEED", "Full-Speed USB 2.0/1.1/1.0 as transmitted over the cable"},
	{USB20HighSpeed, "USB_2_0_HIGH_SPEED", "High-Speed USB 2.0 as transmitted over the cable"},
	{AuerswaldLog, "AUERSWALD_LOG", "Auerswald Logger Protocol"},
	{ZWaveTAP, "ZWAVE_TAP", "Z-Wave packets with a TAP meta-data header"},
	{SiLabsDebugChannel, "SILABS_DEBUG_CHANNEL", "Silicon Labs debug channel protocol"},
	{FiRaUCI, "FIRA_UCI", "Ultra-wideband controller interface protocol"},
	{MDB, "MDB", "Multi-Drop Bus"},
	{DECTNR, "DECT_NR", "DECT New Radio"},
}
