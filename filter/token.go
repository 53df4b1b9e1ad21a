package filter

// Tokens of the filter language. The set and the spellings follow libpcap
// master's scanner.l: every keyword there is a token kind here, aliases
// ("ether", "fddi", "tr", "wlan", "ppp", "slip" for "link") map to the same
// kind, and the named constants (icmptype, tcp-syn, ...) are NUM tokens.

type tokKind int

const (
	tEOF   tokKind = iota
	tError         // lexical error; token.msg says why
	tID            // name (token.str is the unescaped text)
	tNUM           // integer (token.num)
	tHID           // dotted IPv4, full or partial
	tHID6          // IPv6 address
	tEID           // MAC address
	tAID           // $-ARCnet address

	// punctuation and operators
	tLParen
	tRParen
	tLBrack
	tRBrack
	tColon
	tPlus
	tMinus
	tStar
	tSlash
	tPercent
	tAmp
	tPipe
	tCaret
	tLSH
	tRSH
	tGT
	tGEQ
	tEQ // = or ==
	tLEQ
	tLT
	tNEQ
	tNot // "not" or "!"
	tAnd // "and" or "&&"
	tOr  // "or" or "||"

	// keywords
	tPname // protocol name; token.proto says which
	tSRC
	tDST
	tADDR1
	tADDR2
	tADDR3
	tADDR4
	tRA
	tTA
	tHOST
	tNET
	tPORT
	tPORTRANGE
	tNETMASK
	tPROTO
	tPROTOCHAIN
	tGATEWAY
	tTYPE
	tSUBTYPE
	tDIR
	tLESS
	tGREATER
	tBYTE
	tBROADCAST
	tMULTICAST
	tLEN
	tINBOUND
	tOUTBOUND
	tIFINDEX
	tVLAN
	tMPLS
	tPPPOED
	tPPPOES
	tGENEVE
	tVXLAN
	tBATADV
	tLLC
	tATMType  // lane metac bcc oamf4ec oamf4sc sc ilmic
	tATMMulti // oam oamf4 connectmsg metaconnect
	tVPI
	tVCI
	tPFIfname
	tPFRset
	tPFRnr
	tPFSrnr
	tPFReason
	tPFAction
	tMTP2Type  // fisu lssu lsu msu hfisu hlssu hmsu
	tMTP3Field // sio opc dpc sls hsio hopc hdpc hsls
)

// token is one lexical token. pos/end are byte offsets of its text in the
// source.
type token struct {
	kind  tokKind
	pos   int
	end   int
	text  string // as written
	str   string // tID: name with the backslash escape removed
	num   uint32 // tNUM
	proto Proto  // tPname
	msg   string // tError
}

var tokNames = map[tokKind]string{
	tEOF: "end of expression", tError: "invalid token", tID: "name", tNUM: "number",
	tHID: "IPv4 address", tHID6: "IPv6 address", tEID: "MAC address", tAID: "ARCnet address",
	tLParen: "'('", tRParen: "')'", tLBrack: "'['", tRBrack: "']'", tColon: "':'",
	tPlus: "'+'", tMinus: "'-'", tStar: "'*'", tSlash: "'/'", tPercent: "'%'",
	tAmp: "'&'", tPipe: "'|'", tCaret: "'^'", tLSH: "'<<'", tRSH: "'>>'",
	tGT: "'>'", tGEQ: "'>='", tEQ: "'='", tLEQ: "'<='", tLT: "'<'", tNEQ: "'!='",
}

// describe names a token for error messages: its text when it has one.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of expression"
	case tError:
		return "'" + t.text + "'"
	}
	if t.text != "" {
		return "'" + t.text + "'"
	}
	if s, ok := tokNames[t.kind]; ok {
		return s
	}
	return "token"
}

// keywordTok is what a keyword spelling scans to.
type keywordTok struct {
	kind  tokKind
	proto Proto
}

// keywords maps every keyword spelling of scanner.l to its token.
var keywords = map[string]keywordTok{
	"dst": {kind: tDST}, "src": {kind: tSRC},

	"link": {tPname, ProtoLink}, "ether": {tPname, ProtoLink}, "ppp": {tPname, ProtoLink},
	"slip": {tPname, ProtoLink}, "fddi": {tPname, ProtoLink}, "tr": {tPname, ProtoLink},
	"wlan": {tPname, ProtoLink},
	"arp":  {tPname, ProtoARP}, "rarp": {tPname, ProtoRARP}, "ip": {tPname, ProtoIP},
	"sctp": {tPname, ProtoSCTP}, "tcp": {tPname, ProtoTCP}, "udp": {tPname, ProtoUDP},
	"icmp": {tPname, ProtoICMP}, "igmp": {tPname, ProtoIGMP}, "igrp": {tPname, ProtoIGRP},
	"pim": {tPname, ProtoPIM}, "vrrp": {tPname, ProtoVRRP}, "carp": {tPname, ProtoCARP},
	"radio": {tPname, ProtoRadio},
	"ip6":   {tPname, ProtoIPv6}, "icmp6": {tPname, ProtoICMPv6}, "ah": {tPname, ProtoAH},
	"esp":   {tPname, ProtoESP},
	"atalk": {tPname, ProtoAtalk}, "aarp": {tPname, ProtoAARP}, "decnet": {tPname, ProtoDecnet},
	"lat": {tPname, ProtoLAT}, "sca": {tPname, ProtoSCA}, "moprc": {tPname, ProtoMOPRC},
	"mopdl": {tPname, ProtoMOPDL},
	"iso":   {tPname, ProtoISO}, "esis": {tPname, ProtoESIS}, "es-is": {tPname, ProtoESIS},
	"isis": {tPname, ProtoISIS}, "is-is": {tPname, ProtoISIS},
	"l1": {tPname, ProtoISIS_L1}, "l2": {tPname, ProtoISIS_L2}, "iih": {tPname, ProtoISIS_IIH},
	"lsp": {tPname, ProtoISIS_LSP}, "snp": {tPname, ProtoISIS_SNP}, "csnp": {tPname, ProtoISIS_CSNP},
	"psnp": {tPname, ProtoISIS_PSNP},
	"clnp": {tPname, ProtoCLNP}, "stp": {tPname, ProtoSTP}, "ipx": {tPname, ProtoIPX},
	"netbeui": {tPname, ProtoNetbeui},

	"host": {kind: tHOST}, "net": {kind: tNET}, "mask": {kind: tNETMASK}, "port": {kind: tPORT},
	"portrange": {kind: tPORTRANGE}, "proto": {kind: tPROTO}, "protochain": {kind: tPROTOCHAIN},
	"gateway": {kind: tGATEWAY},

	"type": {kind: tTYPE}, "subtype": {kind: tSUBTYPE}, "direction": {kind: tDIR}, "dir": {kind: tDIR},
	"address1": {kind: tADDR1}, "addr1": {kind: tADDR1}, "address2": {kind: tADDR2}, "addr2": {kind: tADDR2},
	"address3": {kind: tADDR3}, "addr3": {kind: tADDR3}, "address4": {kind: tADDR4}, "addr4": {kind: tADDR4},
	"ra": {kind: tRA}, "ta": {kind: tTA},

	"less": {kind: tLESS}, "greater": {kind: tGREATER}, "byte": {kind: tBYTE},
	"broadcast": {kind: tBROADCAST}, "multicast": {kind: tMULTICAST},

	"and": {kind: tAnd}, "or": {kind: tOr}, "not": {kind: tNot},

	"len": {kind: tLEN}, "length": {kind: tLEN}, "inbound": {kind: tINBOUND}, "outbound": {kind: tOUTBOUND},
	"ifindex": {kind: tIFINDEX},
	"vlan":    {kind: tVLAN}, "mpls": {kind: tMPLS}, "pppoed": {kind: tPPPOED}, "pppoes": {kind: tPPPOES},
	"geneve": {kind: tGENEVE}, "vxlan": {kind: tVXLAN}, "batadv": {kind: tBATADV},

	"lane": {kind: tATMType}, "llc": {kind: tLLC}, "metac": {kind: tATMType}, "bcc": {kind: tATMType},
	"oam": {kind: tATMMulti}, "oamf4": {kind: tATMMulti}, "oamf4ec": {kind: tATMType},
	"oamf4sc": {kind: tATMType}, "sc": {kind: tATMType}, "ilmic": {kind: tATMType},
	"vpi": {kind: tVPI}, "vci": {kind: tVCI}, "connectmsg": {kind: tATMMulti},
	"metaconnect": {kind: tATMMulti},

	"on": {kind: tPFIfname}, "ifname": {kind: tPFIfname}, "rset": {kind: tPFRset},
	"ruleset": {kind: tPFRset}, "rnr": {kind: tPFRnr}, "rulenum": {kind: tPFRnr},
	"srnr": {kind: tPFSrnr}, "subrulenum": {kind: tPFSrnr}, "reason": {kind: tPFReason},
	"action": {kind: tPFAction},

	"fisu": {kind: tMTP2Type}, "lssu": {kind: tMTP2Type}, "lsu": {kind: tMTP2Type},
	"msu": {kind: tMTP2Type}, "hfisu": {kind: tMTP2Type}, "hlssu": {kind: tMTP2Type},
	"hmsu": {kind: tMTP2Type},
	"sio":  {kind: tMTP3Field}, "opc": {kind: tMTP3Field}, "dpc": {kind: tMTP3Field},
	"sls": {kind: tMTP3Field}, "hsio": {kind: tMTP3Field}, "hopc": {kind: tMTP3Field},
	"hdpc": {kind: tMTP3Field}, "hsls": {kind: tMTP3Field},
}

// namedConstants are the words scanner.l turns into NUM tokens.
var namedConstants = map[string]uint32{
	"icmptype": 0, "icmpcode": 1,
	"icmp-echoreply": 0, "icmp-unreach": 3, "icmp-sourcequench": 4, "icmp-redirect": 5,
	"icmp-echo": 8, "icmp-routeradvert": 9, "icmp-routersolicit": 10, "icmp-timxceed": 11,
	"icmp-paramprob": 12, "icmp-tstamp": 13, "icmp-tstampreply": 14, "icmp-ireq": 15,
	"icmp-ireqreply": 16, "icmp-maskreq": 17, "icmp-maskreply": 18,

	"icmp6type": 0, "icmp6code": 1,
	"icmp6-destinationunreach": 1, "icmp6-packettoobig": 2, "icmp6-timeexceeded": 3,
	"icmp6-parameterproblem": 4, "icmp6-echo": 128, "icmp6-echoreply": 129,
	"icmp6-multicastlistenerquery": 130, "icmp6-multicastlistenerreportv1": 131,
	"icmp6-multicastlistenerdone": 132, "icmp6-routersolicit": 133, "icmp6-routeradvert": 134,
	"icmp6-neighborsolicit": 135, "icmp6-neighboradvert": 136, "icmp6-redirect": 137,
	"icmp6-routerrenum": 138, "icmp6-nodeinformationquery": 139,
	"icmp6-nodeinformationresponse": 140, "icmp6-ineighbordiscoverysolicit": 141,
	"icmp6-ineighbordiscoveryadvert": 142, "icmp6-multicastlistenerreportv2": 143,
	"icmp6-homeagentdiscoveryrequest": 144, "icmp6-homeagentdiscoveryreply": 145,
	"icmp6-mobileprefixsolicit": 146, "icmp6-mobileprefixadvert": 147,
	"icmp6-certpathsolicit": 148, "icmp6-certpathadvert": 149,
	"icmp6-multicastrouteradvert": 151, "icmp6-multicastroutersolicit": 152,
	"icmp6-multicastrouterterm": 153,

	"tcpflags": 13, "tcp-fin": 0x01, "tcp-syn": 0x02, "tcp-rst": 0x04, "tcp-push": 0x08,
	"tcp-ack": 0x10, "tcp-urg": 0x20, "tcp-ece": 0x40, "tcp-cwr": 0x80,
}
