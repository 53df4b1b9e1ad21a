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
// bytes, of which seg were captured.
func openflow(b *buf, seg []byte, plen int) {
	b.str(": OpenFlow")
	if len(seg) > plen {
		seg = seg[:plen]
	}
	for remaining := plen; remaining > 0; {
		if remaining < 8 {
			b.str(" (invalid)")
			return
		}
		if len(seg) < 8 {
			b.str(" [|openflow]")
			return
		}
		version, typ := seg[0], seg[1]
		length := int(binary.BigEndian.Uint16(seg[2:]))
		xid := binary.BigEndian.Uint32(seg[4:])
		vs, ok := openflowVersions[version]
		if !ok {
			vs = fmt.Sprintf("unknown (0x%02x)", version)
		}
		b.printf("\n\tversion %s, type %s, length %d, xid 0x%08x", vs, openflowTypeName(version, typ), length, xid)
		if length < 8 || length > remaining {
			b.str(" (invalid)")
			return
		}
		remaining -= length
		seg = seg[min(length, len(seg)):]
	}
}

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
