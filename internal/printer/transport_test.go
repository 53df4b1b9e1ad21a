package printer

import (
	"encoding/binary"
	"net"
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// The transport and signalling protocols (SCTP, DCCP, QUIC, RIPng, AODV,
// OLSR, RSVP, NSH, MACsec, LACP/Marker, ERSPAN, IPv6 mobility) compared
// with tcpdump over generated frames.

var transportFlagSets = [][]string{{"-n"}, {"-n", "-v"}, {"-n", "-vv"}, {"-n", "-e"}}

var (
	tSrcMAC = net.HardwareAddr{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}
	tDstMAC = net.HardwareAddr{0x00, 0x66, 0x77, 0x88, 0x99, 0xaa}
	tSrc4   = net.IP{10, 199, 0, 1}
	tDst4   = net.IP{10, 199, 0, 2}
	tSrc6   = net.ParseIP("fd00:199::1")
	tDst6   = net.ParseIP("fd00:199::2")
)

func tSerialize(t testing.TB, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		t.Fatal(err)
	}
	return append([]byte{}, buf.Bytes()...)
}

// etherFrame is an Ethernet frame of type etype to dst (nil: tDstMAC).
func etherFrame(dst net.HardwareAddr, etype uint16, payload []byte) []byte {
	if dst == nil {
		dst = tDstMAC
	}
	f := append(append(append([]byte{}, dst...), tSrcMAC...), byte(etype>>8), byte(etype))
	return append(f, payload...)
}

// ip4Frame is Ethernet/IPv4 carrying payload as protocol proto.
func ip4Frame(t testing.TB, proto uint8, payload []byte) []byte {
	return tSerialize(t, &layers.Ethernet{SrcMAC: tSrcMAC, DstMAC: tDstMAC, EthernetType: layers.EthernetTypeIPv4},
		&layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: layers.IPProtocol(proto), SrcIP: tSrc4, DstIP: tDst4},
		gopacket.Payload(payload))
}

// ip6Frame is Ethernet/IPv6 carrying payload after next header nh.
func ip6Frame(t testing.TB, nh uint8, payload []byte) []byte {
	return tSerialize(t, &layers.Ethernet{SrcMAC: tSrcMAC, DstMAC: tDstMAC, EthernetType: layers.EthernetTypeIPv6},
		&layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocol(nh), SrcIP: tSrc6, DstIP: tDst6},
		gopacket.Payload(payload))
}

// udpFrame is Ethernet/IPv4 (or IPv6)/UDP with a correct checksum.
func udpFrame(t testing.TB, v6 bool, sport, dport uint16, payload []byte) []byte {
	u := &layers.UDP{SrcPort: layers.UDPPort(sport), DstPort: layers.UDPPort(dport)}
	if v6 {
		ip := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolUDP, SrcIP: tSrc6, DstIP: tDst6}
		_ = u.SetNetworkLayerForChecksum(ip)
		return tSerialize(t, &layers.Ethernet{SrcMAC: tSrcMAC, DstMAC: tDstMAC, EthernetType: layers.EthernetTypeIPv6}, ip, u, gopacket.Payload(payload))
	}
	ip := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: tSrc4, DstIP: tDst4}
	_ = u.SetNetworkLayerForChecksum(ip)
	return tSerialize(t, &layers.Ethernet{SrcMAC: tSrcMAC, DstMAC: tDstMAC, EthernetType: layers.EthernetTypeIPv4}, ip, u, gopacket.Payload(payload))
}

// snapped keeps the first n bytes of a frame (its wire length unchanged).
type frameSpec struct {
	data []byte
	snap int
}

func transportFrames(specs ...frameSpec) []testframes.Frame {
	var ds [][]byte
	for _, s := range specs {
		ds = append(ds, s.data)
	}
	fs := rawFrames(ds...)
	for i, s := range specs {
		if s.snap > 0 && s.snap < len(s.data) {
			fs[i].Data = fs[i].Data[:s.snap]
		}
	}
	return fs
}

func full(ds ...[]byte) []frameSpec {
	var s []frameSpec
	for _, d := range ds {
		s = append(s, frameSpec{data: d})
	}
	return s
}

func cutAt(d []byte, n int) frameSpec { return frameSpec{data: d, snap: n} }

func be16b(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func be32b(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

type transportCase struct {
	name   string
	frames func(t testing.TB) []frameSpec
	flags  [][]string // more flag sets than transportFlagSets
}

// transportCases are registered by each protocol's test file.
var transportCases []transportCase

// TestTransportVsTcpdump prints each protocol's generated frames and
// compares every line with tcpdump's under -n, -nv, -nvv and -ne.
func TestTransportVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range transportCases {
		t.Run(c.name, func(t *testing.T) {
			fs := transportFrames(c.frames(t)...)
			same, total := compareLinkFlags(t, tcpdump, c.name, 1, fs, append(append([][]string{}, transportFlagSets...), c.flags...))
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}
