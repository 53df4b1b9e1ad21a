package printer

import (
	"encoding/binary"
	"fmt"
)

// OpenFlow runs over TCP on the IANA port and the older one tcpdump also
// recognises.
const (
	openflowPort    = 6653
	openflowPortOld = 6633
)

var openflowVersions = map[byte]string{1: "1.0", 2: "1.1", 3: "1.2", 4: "1.3", 5: "1.4", 6: "1.5"}

// openflowTypes10 and openflowTypes13 name the message types of OpenFlow
// 1.0 and 1.3, the versions whose messages tcpdump names.
var (
	openflowTypes10 = []string{"HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY", "VENDOR",
		"FEATURES_REQUEST", "FEATURES_REPLY", "GET_CONFIG_REQUEST", "GET_CONFIG_REPLY",
		"SET_CONFIG", "PACKET_IN", "FLOW_REMOVED", "PORT_STATUS", "PACKET_OUT", "FLOW_MOD",
		"PORT_MOD", "STATS_REQUEST", "STATS_REPLY", "BARRIER_REQUEST", "BARRIER_REPLY",
		"QUEUE_GET_CONFIG_REQUEST", "QUEUE_GET_CONFIG_REPLY"}
	openflowTypes13 = []string{"HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY", "EXPERIMENTER",
		"FEATURES_REQUEST", "FEATURES_REPLY", "GET_CONFIG_REQUEST", "GET_CONFIG_REPLY",
		"SET_CONFIG", "PACKET_IN", "FLOW_REMOVED", "PORT_STATUS", "PACKET_OUT", "FLOW_MOD",
		"GROUP_MOD", "PORT_MOD", "TABLE_MOD", "MULTIPART_REQUEST", "MULTIPART_REPLY",
		"BARRIER_REQUEST", "BARRIER_REPLY", "QUEUE_GET_CONFIG_REQUEST", "QUEUE_GET_CONFIG_REPLY",
		"ROLE_REQUEST", "ROLE_REPLY", "GET_ASYNC_REQUEST", "GET_ASYNC_REPLY", "SET_ASYNC",
		"METER_MOD"}
)

// openflow prints the header of every OpenFlow message in a TCP segment's
// data, one per line as tcpdump does without -v: the segment carries plen
// bytes, of which seg were captured. As tcpdump, it reads a header field
// by field: a header the segment ends in is "(end of TCP payload)", one
// the capture ends in is cut short ("[|openflow]", tcpdump's longjmp),
// and so is a message whose body the capture does not hold, as when it
// runs past the segment. One shorter than its header is invalid and ends
// the segment's messages. Message bodies (tcpdump's -v) are not decoded.
func (d *dissector) openflow(seg []byte, plen int) {
	b := d.b
	b.str(": OpenFlow")
	if len(seg) > plen {
		seg = seg[:plen]
	}
	rem := plen // the segment's bytes not yet read
	// field reads the next n header bytes, or says why it cannot.
	field := func(n int) ([]byte, bool) {
		switch {
		case rem < n:
			b.str(" (end of TCP payload)")
			if len(seg) < rem {
				d.truncJmp("openflow")
			}
			return nil, false
		case len(seg) < n:
			d.truncJmp("openflow")
			return nil, false
		}
		f := seg[:n]
		seg, rem = seg[n:], rem-n
		return f, true
	}
	for rem > 0 {
		f, ok := field(1)
		if !ok {
			return
		}
		version := f[0]
		b.str("\n\tversion ")
		b.str(nameOrf(openflowVersions, version, "unknown (0x%02x)"))
		if f, ok = field(1); !ok {
			return
		}
		b.str(", type ")
		b.str(openflowTypeName(version, f[0]))
		if f, ok = field(2); !ok {
			return
		}
		length := int(binary.BigEndian.Uint16(f))
		b.printf(", length %d", length)
		if length < openflowHeaderLen {
			b.str(" (too short!)")
		}
		if f, ok = field(4); !ok {
			return
		}
		b.printf(", xid 0x%08x", binary.BigEndian.Uint32(f))
		if length < openflowHeaderLen {
			b.str(" (invalid)")
			if len(seg) < rem {
				d.truncJmp("openflow")
			}
			return
		}
		// The declared body is checked against the capture, which ends
		// with the segment at the latest: a message that runs past the
		// segment is cut short too.
		body := length - openflowHeaderLen
		if len(seg) < body {
			d.truncJmp("openflow")
			return
		}
		seg, rem = seg[body:], rem-body
	}
}

// openflowHeaderLen is the length of the header every OpenFlow message
// starts with: version, type, length and transaction id.
const openflowHeaderLen = 8

func openflowTypeName(version, typ byte) string {
	var names []string
	switch version {
	case 1:
		names = openflowTypes10
	case 4:
		names = openflowTypes13
	}
	if int(typ) < len(names) {
		return names[typ]
	}
	return fmt.Sprintf("unknown (0x%02x)", typ)
}
