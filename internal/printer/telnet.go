package printer

// Telnet (TCP port 23): the IAC command sequences at the start of a
// segment, as tcpdump's telnet_print prints them ("[telnet WILL ECHO, DO
// SUPPRESS GO AHEAD]"); the data after them is not printed.

const telnetIAC = 255

// telnetCmds are the command names from xEOF (236) to IAC (255).
var telnetCmds = [...]string{"EOF", "SUSP", "ABORT", "EOR", "SE", "NOP", "DMARK", "BRK", "IP", "AO",
	"AYT", "EC", "EL", "GA", "SB", "WILL", "WONT", "DO", "DONT", "IAC"}

// telnetOpts are the option names (RFC 855 and successors) up to NEW-ENVIRON.
var telnetOpts = [...]string{"BINARY", "ECHO", "RCP", "SUPPRESS GO AHEAD", "NAME",
	"STATUS", "TIMING MARK", "RCTE", "NAOL", "NAOP",
	"NAOCRD", "NAOHTS", "NAOHTD", "NAOFFD", "NAOVTS",
	"NAOVTD", "NAOLFD", "EXTEND ASCII", "LOGOUT", "BYTE MACRO",
	"DATA ENTRY TERMINAL", "SUPDUP", "SUPDUP OUTPUT",
	"SEND LOCATION", "TERMINAL TYPE", "END OF RECORD",
	"TACACS UID", "OUTPUT MARKING", "TTYLOC",
	"3270 REGIME", "X.3 PAD", "NAWS", "TSPEED", "LFLOW",
	"LINEMODE", "XDISPLOC", "OLD-ENVIRON", "AUTHENTICATION",
	"ENCRYPT", "NEW-ENVIRON"}

// Sub-negotiation qualifier names: the common ones, AUTHENTICATION's (37)
// and ENCRYPT's (38); "" is a hole printed as a number.
var (
	telnetSubCmds  = []string{"IS", "SEND", "INFO"}
	telnetAuthCmds = []string{"IS", "SEND", "REPLY", "NAME"}
	telnetAuthType = []string{"NULL", "KERBEROS_V4", "KERBEROS_V5", "SPX", "MINK",
		"SRP", "RSA", "SSL", "", "", "LOKI", "SSA", "KEA_SJ", "KEA_SJ_INTEG", "DSS", "NTLM"}
	telnetEncCmds = []string{"IS", "SUPPORT", "REPLY", "START", "END",
		"REQUEST-START", "REQUEST-END", "END_KEYID", "DEC_KEYID"}
	telnetEncType = []string{"NULL", "DES_CFB64", "DES_OFB64", "DES3_CFB64", "DES3_OFB64",
		"", "CAST5_40_CFB64", "CAST5_40_OFB64", "CAST128_CFB64", "CAST128_OFB64"}
)

// cHex is C's "%#x": 0 prints as "0".
func cHex(b *buf, v uint) {
	if v == 0 {
		b.str("0")
		return
	}
	b.printf("%#x", v)
}

func telnetName(b *buf, v byte, tab []string) {
	if int(v) < len(tab) && tab[v] != "" {
		b.str(tab[v])
		return
	}
	cHex(b, uint(v))
}

// telnetCommand parses (and with print, prints) the command at data[0]
// (an IAC) of at most length bytes. It returns the command's length, or
// -1 when the bytes are no command, or -2 when a byte it needs was not
// captured.
func telnetCommand(b *buf, data []byte, length uint32, print bool) int {
	i := 0
	get := func(at int) (byte, bool) {
		if at >= len(data) {
			return 0, false
		}
		return data[at], true
	}
	fetch := func() (byte, int) {
		if length < 1 {
			return 0, -1
		}
		c, ok := get(i)
		if !ok {
			return 0, -2
		}
		i++
		length--
		return c, 0
	}
	c, e := fetch()
	if e != 0 {
		return e
	}
	if c != telnetIAC {
		return -1
	}
	if c, e = fetch(); e != 0 {
		return e
	}
	if c == telnetIAC {
		if print {
			b.str("IAC IAC")
		}
		return i
	}
	if c < 236 {
		return -1
	}
	name := telnetCmds[c-236]
	switch c {
	case 254, 253, 252, 251, 250: // DONT DO WONT WILL SB
		x, e := fetch()
		if e != 0 {
			return e
		}
		if print {
			b.str(name)
			b.str(" ")
			if int(x) < len(telnetOpts) {
				b.str(telnetOpts[x])
			} else {
				cHex(b, uint(x))
			}
		}
		if c != 250 {
			return i
		}
		// IAC SB ... IAC SE: find the end within length.
		p := i
		for length > uint32(p+1-i) {
			c0, ok0 := get(p)
			c1, ok1 := get(p + 1)
			if !ok0 || !ok1 {
				return -2
			}
			if c0 == telnetIAC && c1 == 240 {
				break
			}
			p++
		}
		if cp, ok := get(p); !ok {
			return -2
		} else if cp != telnetIAC {
			return -1
		}
		qual := func(tab []string) int {
			if p <= i {
				return 0
			}
			q, e := fetch()
			if e != 0 {
				return e
			}
			if print {
				b.str(" ")
				telnetName(b, q, tab)
			}
			return 0
		}
		switch x {
		case 37:
			if e := qual(telnetAuthCmds); e != 0 {
				return e
			}
			if e := qual(telnetAuthType); e != 0 {
				return e
			}
		case 38:
			if e := qual(telnetEncCmds); e != 0 {
				return e
			}
			if e := qual(telnetEncType); e != 0 {
				return e
			}
		default:
			if e := qual(telnetSubCmds); e != 0 {
				return e
			}
		}
		for p > i {
			v, e := fetch()
			if e != 0 {
				return e
			}
			if print {
				b.str(" ")
				cHex(b, uint(v))
			}
		}
		if print {
			b.str(" SE")
		}
		return i + 2 // the IAC SE, not counted in length (as tcpdump)
	default:
		if print {
			b.str(name)
		}
		return i
	}
}

// telnet prints the Telnet commands at the start of a segment's data.
func (d *dissector) telnet(data []byte, plen int) {
	b := d.b
	length := uint32(plen)
	off := 0
	first := true
	hexMode := d.p.opts.HexASCII > 0 && d.p.opts.Verbose > 2
	for length > 0 {
		if off >= len(data) {
			d.truncJmp("telnet")
			return
		}
		if data[off] != telnetIAC {
			break
		}
		l := telnetCommand(b, data[off:], length, false)
		if l == -2 {
			d.truncJmp("telnet")
			return
		}
		if l < 0 {
			break
		}
		if hexMode {
			if first {
				b.str("\nTelnet:")
			}
			if end := off + l; end > len(data) {
				hexOnly(b, "\n", data[off:], off)
				d.truncJmp("telnet")
				return
			}
			hexOnly(b, "\n", data[off:off+l], off)
			if l > 8 {
				b.str("\n\t\t\t\t")
			} else {
				b.printf("%*s\t", (8-l)*3, "")
			}
		} else if first {
			b.str(" [telnet ")
		} else {
			b.str(", ")
		}
		telnetCommand(b, data[off:], length, true)
		first = false
		off += l
		length -= uint32(l)
	}
	if !first {
		if hexMode {
			b.str("\n")
		} else {
			b.str("]")
		}
	}
}
