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

// flowSig is a flowKey as five machine words, in the same memory layout:
// the per-packet form, which is built, compared and hashed word by word
// (the key's bytes are what the kernel maps take). A struct, not an array:
// it is passed and returned in registers.
type flowSig struct {
	local0, local1, remote0, remote1 uint64
	rest                             uint64 // ports, protocol, version
}

// key is the flow in the kernel maps' layout.
func (s *flowSig) key() flowKey {
	var k flowKey
	ne := binary.NativeEndian
	ne.PutUint64(k[0:], s.local0)
	ne.PutUint64(k[8:], s.local1)
	ne.PutUint64(k[16:], s.remote0)
	ne.PutUint64(k[24:], s.remote1)
	ne.PutUint64(k[32:], s.rest)
	return k
}

// slot is the place of the flow with these words in a table of
// 1<<recentBits entries.
func slot(local0, local1, remote0, remote1, rest uint64) int {
	return int((local0 ^ local1 ^ remote0 ^ remote1 ^ rest) * 0x9e3779b97f4a7c15 >> (64 - recentBits))
}

// bigEndian: the words' memory order (flowSig mirrors flowKey's bytes).
var bigEndian = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

// word is the machine word whose memory holds the bytes of lo (loaded in
// native order) followed by b4, b5 and two zero bytes. Built with shifts:
// bytes stored to memory and loaded back as a word would stall the load.
func word(lo uint32, b4, b5 byte) uint64 {
	if bigEndian {
		return uint64(lo)<<32 | uint64(b4)<<24 | uint64(b5)<<16
	}
	return uint64(lo) | uint64(b4)<<32 | uint64(b5)<<40
}

// parseFlow reads the flow of an IPv4 or IPv6 packet oriented with its
// source as the local end, and whether it is a TCP SYN without ACK (a new
// connection, whose ports may have been used before by another socket).
// ok is false for packets that carry no ports: fragments after the first,
// ICMP other than echo, other protocols, truncated headers.
func parseFlow(ip []byte) (k flowKey, syn, ok bool) {
	s, syn, ok := parseSig(ip)
	return s.key(), syn, ok
}

// parseSig is parseFlow in words.
func parseSig(ip []byte) (s flowSig, syn, ok bool) {
	s.local0, s.local1, s.remote0, s.remote1, s.rest, syn, ok = parseWords(ip)
	return s, syn, ok
}

// parseWords is parseSig's work, the words apart: the compiler keeps a
// struct of five words in memory, and reading it back in 16-byte pieces
// right after its 8-byte stores stalls (a fifth of LookupIP's time), while
// seven results fit in registers.
func parseWords(ip []byte) (local0, local1, remote0, remote1, rest uint64, syn, ok bool) {
	if len(ip) < 1 {
		return
	}
	var proto, version byte
	var l4 []byte
	switch ip[0] >> 4 {
	case 4:
		ihl := int(ip[0]&0xf) * 4
		if ihl < 20 || len(ip) < ihl || binary.BigEndian.Uint16(ip[6:8])&0x1fff != 0 {
			return 0, 0, 0, 0, 0, false, false
		}
		proto, version = ip[9], 4
		ne := binary.NativeEndian
		local0, remote0 = word(ne.Uint32(ip[12:16]), 0, 0), word(ne.Uint32(ip[16:20]), 0, 0)
		l4 = ip[ihl:]
	case 6:
		if len(ip) < 40 {
			return 0, 0, 0, 0, 0, false, false
		}
		proto, version = ip[6], 6
		ne := binary.NativeEndian
		local0, local1 = ne.Uint64(ip[8:16]), ne.Uint64(ip[16:24])
		remote0, remote1 = ne.Uint64(ip[24:32]), ne.Uint64(ip[32:40])
		l4 = ip[40:]
	default:
		return 0, 0, 0, 0, 0, false, false
	}
	// The last word: ports (or the echo identifier), protocol, version.
	var ports uint32
	switch proto {
	case protoTCP, protoUDP, protoUDPLite, protoSCTP:
		if len(l4) < 4 {
			return 0, 0, 0, 0, 0, false, false
		}
		ports = binary.NativeEndian.Uint32(l4[:4])
		if proto == protoTCP && len(l4) >= 14 {
			syn = l4[13]&0x12 == 0x02 // SYN without ACK
		}
	case protoICMP, protoICMPv6:
		if len(l4) < 6 || !isEcho(proto, l4[0]) {
			return 0, 0, 0, 0, 0, false, false
		}
		ports = uint32(binary.NativeEndian.Uint16(l4[4:6]))
		if bigEndian {
			ports <<= 16
		}
	default:
		return 0, 0, 0, 0, 0, false, false
	}
	return local0, local1, remote0, remote1, word(ports, proto, version), syn, true
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
