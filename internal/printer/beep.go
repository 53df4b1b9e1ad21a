package printer

import "bytes"

// beepKinds are the BEEP frame headers tcpdump's beep_print looks for
// (RFC 3080), each compared over four bytes: "MSG" and "END" match only
// when a NUL follows, as tcpdump compares them with their terminator.
var beepKinds = []struct{ head, name string }{
	{"MSG\x00", "MSG"}, {"RPY ", "RPY"}, {"ERR ", "ERR"}, {"ANS ", "ANS"},
	{"NUL ", "NUL"}, {"SEQ ", "SEQ"}, {"END\x00", "END"},
}

// beep prints the kind of a BEEP frame (TCP 10288) as tcpdump does.
func (d *dissector) beep(p []byte, length int) {
	for _, k := range beepKinds {
		if len(p) >= 4 && length >= 4 && bytes.Equal(p[:4], []byte(k.head)) {
			d.b.str(" BEEP " + k.name)
			return
		}
	}
	d.b.str(" BEEP (payload or undecoded)")
}
