package printer

import "strings"

// This file prints the line-oriented text protocols tcpdump recognises by
// port (its txtproto_print): HTTP and RTSP print their request or response
// line, the others their first line; -v prints every text line.

// textProto is one text protocol: its name as printed, and for HTTP-like
// protocols the request methods that mark a message start (nil: every
// segment is printed).
type textProto struct {
	name     string
	commands []string
	// respSecond: the response code is the second token ("HTTP/1.1 200"),
	// not the first (FTP's "220 ...").
	respSecond bool
}

var (
	httpProto = &textProto{name: "HTTP", respSecond: true, commands: []string{
		"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
		"MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
		"UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND",
		"CHECKOUT", "CHECKOUT", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
		"UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT",
		"VERSION-CONTROL", "BASELINE-CONTROL"}}
	rtspProto = &textProto{name: "RTSP", respSecond: true, commands: []string{
		"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD",
		"REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"}}
	ftpProto   = &textProto{name: "FTP"}
	smtpProto  = &textProto{name: "SMTP"}
	whoisProto = &textProto{name: "WHOIS"}
)

// tcpTextProtos are the text protocols over TCP by well-known port.
var tcpTextProtos = map[uint16]*textProto{
	80: httpProto, 8080: httpProto, 554: rtspProto, 8554: rtspProto, 21: ftpProto, 25: smtpProto,
	43: whoisProto,
}

const maxTextToken = 128

// isPrint is ASCII printable (space included), as ND_ASCII_ISPRINT.
func isPrint(c byte) bool { return c >= 0x20 && c <= 0x7e }

// fetchToken returns the token at idx and the index of the next one
// (after blanks), or ok false when there is none: a non-printable byte,
// the end of the captured data or an overlong token.
func fetchToken(data []byte, idx, length int) (string, int, bool) {
	start := idx
	for ; idx < length; idx++ {
		if idx >= len(data) {
			return "", 0, false
		}
		if c := data[idx]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			break
		} else if !isPrint(c) {
			return "", 0, false
		}
		if idx-start+2 > maxTextToken+1 {
			return "", 0, false
		}
	}
	if idx == start {
		return "", 0, false
	}
	tok := string(data[start:idx])
	for ; idx < length && idx < len(data); idx++ {
		c := data[idx]
		if c == '\r' || c == '\n' || !isPrint(c) || (c != ' ' && c != '\t') {
			break
		}
	}
	return tok, idx, true
}

// textLine prints the line at idx after prefix and returns the index
// after its end of line, or 0 when it is not a text line (binary data, a
// lone CR) or has no end in the data (then it is printed with the
// truncation marker).
func (d *dissector) textLine(t *textProto, prefix string, data []byte, idx, length int) int {
	start := idx
	for idx < length {
		if idx >= len(data) {
			d.truncJmp(strings.ToLower(t.name))
			return 0
		}
		c := data[idx]
		switch {
		case c == '\n':
			d.b.str(prefix)
			d.b.s = append(d.b.s, data[start:idx]...)
			return idx + 1
		case c == '\r':
			if idx+1 >= length {
				return 0
			}
			if idx+1 >= len(data) {
				d.truncJmp(strings.ToLower(t.name))
				return 0
			}
			if data[idx+1] != '\n' {
				return 0
			}
			d.b.str(prefix)
			d.b.s = append(d.b.s, data[start:idx]...)
			return idx + 2
		case !isPrint(c) && c != '\t':
			return 0
		}
		idx++
	}
	d.b.str(prefix)
	d.b.s = append(d.b.s, data[start:idx]...)
	d.b.trunc(strings.ToLower(t.name))
	return 0
}

// text prints a text protocol's segment data (length bytes, of which data
// were captured), after tcpdump's ": ".
func (d *dissector) text(t *textProto, data []byte, length int) {
	show := t.commands == nil
	if !show {
		if tok, idx, ok := fetchToken(data, 0, length); ok {
			for _, c := range t.commands {
				if strings.EqualFold(tok, c) {
					show = true
					break
				}
			}
			if t.respSecond {
				tok, idx, ok = fetchToken(data, idx, length)
			}
			if ok && len(tok) == 3 && isDigit(tok[0]) && isDigit(tok[1]) && isDigit(tok[2]) {
				show = true
			}
		}
	}
	d.b.str(t.name)
	if !show {
		return
	}
	if d.p.opts.Verbose == 0 {
		d.textLine(t, ": ", data, 0, length)
		return
	}
	d.b.printf(", length: %d", length)
	for idx := 0; idx < length; {
		next := d.textLine(t, "\n\t", data, idx, length)
		if next == 0 {
			break
		}
		idx = next
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
