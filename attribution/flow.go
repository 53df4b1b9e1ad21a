package attribution

import "encoding/binary"

// flowKey is a flow oriented from a local socket's point of view, in the
// kernel map's layout (see progs.go).
type flowKey [flowKeySize]byte

// endpointKey is a bound local address and port in a network namespace, in
// the kernel map's layout.
type endpointKey [epKeySize]byte

// IP protocol numbers the flows carry ports (or an echo identifier) for.
const (
	protoICMP    = 1
	protoTCP     = 6
	protoUDP     = 17
	protoICMPv6  = 58
	protoSCTP    = 132
	protoUDPLite = 136
)

// parseFlow reads the flow of an IPv4 or IPv6 packet oriented with its
// source as the local end, and whether it is a TCP SYN without ACK (a new
// connection, whose ports may have been used before by another socket).
// ok is false for packets that carry no ports: fragments after the first,
// ICMP other than echo, other protocols, truncated headers.
func parseFlow(ip []byte) (k flowKey, syn, ok bool) {
	if len(ip) < 1 {
		return k, false, false
	}
	var proto byte
	var l4 []byte
	switch ip[0] >> 4 {
	case 4:
		ihl := int(ip[0]&0xf) * 4
		if ihl < 20 || len(ip) < ihl || binary.BigEndian.Uint16(ip[6:8])&0x1fff != 0 {
			return k, false, false
		}
		proto = ip[9]
		copy(k[flowLocal:], ip[12:16])
		copy(k[flowRemote:], ip[16:20])
		k[flowVersion] = 4
		l4 = ip[ihl:]
	case 6:
		if len(ip) < 40 {
			return k, false, false
		}
		proto = ip[6]
		copy(k[flowLocal:], ip[8:24])
		copy(k[flowRemote:], ip[24:40])
		k[flowVersion] = 6
		l4 = ip[40:]
	default:
		return k, false, false
	}
	k[flowProto] = proto
	switch proto {
	case protoTCP, protoUDP, protoUDPLite, protoSCTP:
		if len(l4) < 4 {
			return k, false, false
		}
		copy(k[flowLPort:flowLPort+4], l4[:4])
		if proto == protoTCP && len(l4) >= 14 {
			syn = l4[13]&0x12 == 0x02 // SYN without ACK
		}
	case protoICMP, protoICMPv6:
		if len(l4) < 6 || !isEcho(proto, l4[0]) {
			return k, false, false
		}
		copy(k[flowLPort:flowLPort+2], l4[4:6])
	default:
		return k, false, false
	}
	return k, syn, true
}

func isEcho(proto, typ byte) bool {
	if proto == protoICMP {
		return typ == 8 || typ == 0
	}
	return typ == 128 || typ == 129
}

// reversed is the flow seen from the other end. An ICMP echo identifier
// belongs to the ping socket at whichever end is local, so it stays.
func (k flowKey) reversed() flowKey {
	var r flowKey
	copy(r[flowLocal:flowLocal+16], k[flowRemote:flowRemote+16])
	copy(r[flowRemote:flowRemote+16], k[flowLocal:flowLocal+16])
	if p := k[flowProto]; p == protoICMP || p == protoICMPv6 {
		copy(r[flowLPort:flowLPort+4], k[flowLPort:flowLPort+4])
	} else {
		copy(r[flowLPort:flowLPort+2], k[flowRPort:flowRPort+2])
		copy(r[flowRPort:flowRPort+2], k[flowLPort:flowLPort+2])
	}
	r[flowProto], r[flowVersion] = k[flowProto], k[flowVersion]
	return r
}

// endpoints are the bound addresses that could own the flow's local end,
// most specific first: the address itself, then the wildcard; for IPv4 also
// a dual-stack IPv6 socket, bound to the mapped address or to [::].
func (k flowKey) endpoints(netns uint64) []endpointKey {
	mk := func(version byte, addr []byte) endpointKey {
		var e endpointKey
		binary.NativeEndian.PutUint64(e[epNetNS:], netns)
		copy(e[epAddr:epAddr+16], addr)
		copy(e[epPort:epPort+2], k[flowLPort:flowLPort+2])
		e[epProto], e[epVersion] = k[flowProto], version
		return e
	}
	local := k[flowLocal : flowLocal+16]
	if k[flowVersion] == 6 {
		return []endpointKey{mk(6, local), mk(6, nil)}
	}
	mapped := make([]byte, 16)
	mapped[10], mapped[11] = 0xff, 0xff
	copy(mapped[12:], local[:4])
	return []endpointKey{mk(4, local[:4]), mk(4, nil), mk(6, mapped), mk(6, nil)}
}
