package printer

import "encoding/binary"

var pptpCtrlTypes = []string{"NOT_DEFINED", "SCCRQ", "SCCRP", "StopCCRQ", "StopCCRP", "ECHORQ",
	"ECHORP", "OCRQ", "OCRP", "ICRQ", "ICRP", "ICCN", "CCRQ", "CDN", "WEN", "SLI"}

var pptpErrCodes = map[uint32]string{0: "None", 1: "Not-Connected", 2: "Bad-Format", 3: "Bad-Value",
	4: "No-Resource", 5: "Bad-Call-ID", 6: "PAC-Error"}

// pptpResultCodes are the result code names by control message type.
var pptpResultCodes = map[int]map[uint32]string{
	2: {1: "Successful channel establishment", 2: "General error", 3: "Command channel already exists",
		4: "Requester is not authorized to establish a command channel",
		5: "The protocol version of the requester is not supported"},
	4:  {1: "OK", 2: "General Error"},
	6:  {1: "OK", 2: "General Error"},
	8:  {1: "Connected", 2: "General Error", 3: "No Carrier", 4: "Busy", 5: "No Dial Tone", 6: "Time-out", 7: "Do Not Accept"},
	10: {1: "Connect", 2: "General Error", 3: "Do Not Accept"},
	13: {1: "Lost Carrier", 2: "General Error", 3: "Admin Shutdown", 4: "Request"},
}

var pptpBearerTypes = map[uint32]string{1: "A", 2: "D", 3: "Any"}
var pptpFramingTypes = map[uint32]string{1: "A", 2: "S", 3: "E"}
var pptpStopReasons = map[uint32]string{1: "None", 2: "Stop-Protocol", 3: "Stop-Local-Shutdown"}

// pptpField is one element of a control message's body: how it is
// printed and how many bytes it takes.
type pptpField struct {
	kind byte // 'n' number, 'x' hex, 'r' reserved, 's' string, 'c' result code, 'e' error code, 't' table, 'v' version, 'f' framing cap, 'b' bearer cap
	size int
	name string
	tab  map[uint32]string
	// limit names the length field that bounds a string (at most size).
	limit string
}

// pptpBodies lays out each control message after the 12-byte header
// (RFC 2637 section 2), in tcpdump's print order.
var pptpBodies = func() map[int][]pptpField {
	n := func(size int, name string) pptpField { return pptpField{kind: 'n', size: size, name: name} }
	r := func(size int) pptpField { return pptpField{kind: 'r', size: size} }
	s := func(size int, name string) pptpField { return pptpField{kind: 's', size: size, name: name} }
	sl := func(name, limit string) pptpField { return pptpField{kind: 's', size: 64, name: name, limit: limit} }
	t := func(name string, tab map[uint32]string) pptpField {
		return pptpField{kind: 't', size: 4, name: name, tab: tab}
	}
	reason := pptpField{kind: 't', size: 1, name: "REASON", tab: pptpStopReasons}
	res := pptpField{kind: 'c', size: 1}
	errc := pptpField{kind: 'e', size: 1}
	ver := pptpField{kind: 'v', size: 2}
	fcap := pptpField{kind: 'f', size: 4}
	bcap := pptpField{kind: 'b', size: 4}
	callID, peer := n(2, "CALL_ID"), n(2, "PEER_CALL_ID")
	win, delay := n(2, "RECV_WIN"), n(2, "PROC_DELAY")
	return map[int][]pptpField{
		1:  {ver, r(2), fcap, bcap, n(2, "MAX_CHAN"), n(2, "FIRM_REV"), s(64, "HOSTNAME"), s(64, "VENDOR")},
		2:  {ver, res, errc, fcap, bcap, n(2, "MAX_CHAN"), n(2, "FIRM_REV"), s(64, "HOSTNAME"), s(64, "VENDOR")},
		3:  {reason, r(1), r(2)},
		4:  {res, errc, r(2)},
		5:  {n(4, "ID")},
		6:  {n(4, "ID"), res, errc, r(2)},
		7:  {callID, n(2, "CALL_SER_NUM"), n(4, "MIN_BPS"), n(4, "MAX_BPS"), t("BEARER_TYPE", pptpBearerTypes), t("FRAME_TYPE", pptpFramingTypes), win, delay, n(2, "PHONE_NO_LEN"), r(2), sl("PHONE_NO", "PHONE_NO_LEN"), s(64, "SUB_ADDR")},
		8:  {callID, peer, res, errc, n(2, "CAUSE_CODE"), n(4, "CONN_SPEED"), win, delay, n(4, "PHY_CHAN_ID")},
		9:  {callID, n(2, "CALL_SER_NUM"), t("BEARER_TYPE", pptpBearerTypes), n(4, "PHY_CHAN_ID"), n(2, "DIALED_NO_LEN"), n(2, "DIALING_NO_LEN"), sl("DIALED_NO", "DIALED_NO_LEN"), sl("DIALING_NO", "DIALING_NO_LEN"), s(64, "SUB_ADDR")},
		10: {callID, peer, res, errc, win, delay, r(2)},
		11: {peer, r(2), n(4, "CONN_SPEED"), win, delay, t("FRAME_TYPE", pptpFramingTypes)},
		12: {callID, r(2)},
		13: {callID, res, errc, n(2, "CAUSE_CODE"), r(2), s(128, "CALL_STATS")},
		14: {peer, r(2), n(4, "CRC_ERR"), n(4, "FRAMING_ERR"), n(4, "HARDWARE_OVERRUN"), n(4, "BUFFER_OVERRUN"), n(4, "TIMEOUT_ERR"), n(4, "ALIGN_ERR")},
		15: {peer, r(2), {kind: 'x', size: 4, name: "SEND_ACCM"}, {kind: 'x', size: 4, name: "RECV_ACCM"}},
	}
}()

// pptp prints a PPTP control connection message as tcpdump's pptp_print
// (RFC 2637).
func (d *dissector) pptp(p []byte) {
	b := d.b
	verbose := d.p.opts.Verbose > 0
	be := binary.BigEndian
	b.str(": pptp")
	get := func(off, n int) (uint32, bool) {
		if off+n > len(p) {
			d.truncJmp("pptp")
			return 0, false
		}
		var v uint32
		for _, c := range p[off : off+n] {
			v = v<<8 | uint32(c)
		}
		return v, true
	}
	if verbose {
		if len(p) < 2 {
			d.truncJmp("pptp")
			return
		}
		b.printf(" Length=%d", be.Uint16(p))
		if len(p) < 4 {
			d.truncJmp("pptp")
			return
		}
		switch be.Uint16(p[2:]) {
		case 1:
			b.str(" CTRL-MSG")
		case 2:
			b.str(" MGMT-MSG")
		default:
			b.str(" UNKNOWN-MSG-TYPE")
		}
	}
	mc, ok := get(4, 4)
	if !ok {
		return
	}
	if mc != 0x1a2b3c4d {
		b.printf(" UNEXPECTED Magic-Cookie!!(%08x)", mc)
	}
	if verbose || mc != 0x1a2b3c4d {
		b.printf(" Magic-Cookie=%08x", mc)
	}
	typ, ok := get(8, 2)
	if !ok {
		return
	}
	if int(typ) < len(pptpCtrlTypes) {
		b.printf(" CTRL_MSGTYPE=%s", pptpCtrlTypes[typ])
	} else {
		b.printf(" UNKNOWN_CTRL_MSGTYPE(%d)", typ)
	}
	fields := append([]pptpField{{kind: 'r', size: 2}}, pptpBodies[int(typ)]...)
	off := 10
	var lens [2]uint32 // the last two length fields seen
	for _, f := range fields {
		if f.kind == 's' {
			b.printf(" %s(", f.name)
			n := f.size
			if f.limit != "" {
				l := lens[0]
				if f.limit == "DIALING_NO_LEN" {
					l = lens[1]
				}
				n = min(n, int(l))
			}
			// tcpdump's nd_printjnp: up to a NUL or n bytes, ending
			// the packet where the capture does.
			for i := 0; i < n; i++ {
				if off+i >= len(p) {
					d.truncJmp("pptp")
					return
				}
				if p[off+i] == 0 {
					break
				}
				printn(b, p[off+i:off+i+1])
			}
			b.str(")")
			off += f.size
			continue
		}
		if f.kind == 'f' {
			b.str(" FRAME_CAP(") // printed before the value is read
		}
		v, ok := get(off, f.size)
		if !ok {
			return
		}
		off += f.size
		switch f.kind {
		case 'n':
			b.printf(" %s(%d)", f.name, v)
			switch f.name {
			case "PHONE_NO_LEN", "DIALED_NO_LEN":
				lens[0] = v
			case "DIALING_NO_LEN":
				lens[1] = v
			}
		case 'x':
			b.printf(" %s(0x%08x)", f.name, v)
		case 'r':
			if v != 0 {
				b.printf(" [ERROR: reserved=%d must be zero]", v)
			}
		case 'v':
			b.printf(" PROTO_VER(%d.%d)", v>>8, v&0xff)
		case 'f':
			if v&1 != 0 {
				b.str("A")
			}
			if v&2 != 0 {
				b.str("S")
			}
			b.str(")")
		case 'b':
			b.str(" BEARER_CAP(")
			if v&2 != 0 {
				b.str("D")
			}
			if v&1 != 0 {
				b.str("A")
			}
			b.str(")")
		case 't':
			if f.name == "REASON" {
				b.printf(" REASON(%d", v)
				if verbose {
					b.str(":" + nameOr(f.tab, v, "?"))
				}
				b.str(")")
			} else {
				b.printf(" %s(%s)", f.name, nameOr(f.tab, v, "?"))
			}
		case 'c':
			b.printf(" RESULT_CODE(%d", v)
			if verbose {
				b.str(":" + nameOr(pptpResultCodes[int(typ)], v, "?"))
			}
			b.str(")")
		case 'e':
			b.printf(" ERR_CODE(%d", v)
			if verbose {
				b.str(":" + nameOr(pptpErrCodes, v, "?"))
			}
			b.str(")")
		}
	}
}
