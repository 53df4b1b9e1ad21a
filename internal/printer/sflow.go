package printer

import (
	"encoding/binary"
	"net"
)

// sFlow version 5 (UDP 6343) as tcpdump's sflow_print: the datagram
// header at the default verbosity; with -v every sample and its flow or
// counter records (the records tcpdump knows in detail, the others in hex
// at -v only).

var sflowSampleFormats = map[uint32]string{1: "flow sample", 2: "counter sample", 3: "expanded flow sample", 4: "expanded counter sample"}

var sflowFlowTypes = map[uint32]string{1: "Raw packet", 2: "Ethernet frame", 3: "IPv4 Data", 4: "IPv6 Data",
	1001: "Extended Switch data", 1002: "Extended Router data", 1003: "Extended Gateway data", 1004: "Extended User data",
	1005: "Extended URL data", 1006: "Extended MPLS data", 1007: "Extended NAT data", 1008: "Extended MPLS tunnel",
	1009: "Extended MPLS VC", 1010: "Extended MPLS FEC", 1011: "Extended MPLS LVP FEC", 1012: "Extended VLAN Tunnel"}

var sflowCounterTypes = map[uint32]string{1: "Generic counter", 2: "Ethernet counter", 3: "Token ring counter",
	4: "100 BaseVG counter", 5: "Vlan counter", 1001: "Processor counter"}

var sflowDirections = map[uint32]string{0: "unknown", 1: "full-duplex", 2: "half-duplex", 3: "in", 4: "out"}

var sflowRawProtocols = map[uint32]string{1: "Ethernet", 11: "IPv4", 12: "IPv6"}

// sflow decoding stops with tcpdump's " (invalid)" where a length in the
// datagram is too small, and with a truncation mark where the capture is.
type sflowResult int

const (
	sflowOK sflowResult = iota
	sflowInvalid
	sflowTrunc
)

// sflowReader reads big-endian fields of a record known to be captured.
type sflowReader []byte

// sflowNeed says whether n bytes are there: within the length the
// datagram declares (tlen), and captured (p).
func sflowNeed(p []byte, tlen, n int) sflowResult {
	switch {
	case tlen < n:
		return sflowInvalid
	case len(p) < n:
		return sflowTrunc
	}
	return sflowOK
}

func (r sflowReader) u32(off int) uint32 { return binary.BigEndian.Uint32(r[off:]) }
func (r sflowReader) u64(off int) uint64 { return binary.BigEndian.Uint64(r[off:]) }

func (d *dissector) sflow(data []byte, length int) {
	b := d.b
	if len(data) < 28 {
		d.truncJmp("sflow")
		return
	}
	h := sflowReader(data)
	if v := h.u32(0); v != 5 {
		b.printf("sFlow version %d packet not supported", v)
		return
	}
	// The agent address is 4 or 16 bytes: the fields after it move.
	ipv, agent, hs := "IPv4", "", 28
	if h.u32(4) == 1 {
		agent = net.IP(data[8:12]).String()
	} else {
		ipv, hs = "IPv6", 40
		if len(data) < hs {
			d.truncJmp("sflow")
			return
		}
		agent = ip6String(net.IP(data[8:24]))
	}
	h = h[hs-16:]
	if d.p.opts.Verbose < 1 {
		b.printf("sFlowv5, %s agent %s, agent-id %d, length %d", ipv, agent, h.u32(0), length)
		return
	}
	nsamples := h.u32(12)
	b.printf("sFlowv5, %s agent %s, agent-id %d, seqnum %d, uptime %d, samples %d, length %d",
		ipv, agent, h.u32(0), h.u32(4), h.u32(8), nsamples, length)
	p := data[hs:]
	tlen := length - hs
	for ; nsamples > 0 && tlen > 0; nsamples-- {
		if len(p) < 8 {
			d.truncJmp("sflow")
			return
		}
		if tlen < 8 {
			b.str(" (invalid)")
			return
		}
		typ, slen := sflowReader(p).u32(0)&0xfff, sflowReader(p).u32(4)
		p, tlen = p[8:], tlen-8
		b.printf("\n\t%s (%d), length %d,", nameOr(sflowSampleFormats, typ, "Unknown"), typ, slen)
		if typ == 0 || slen == 0 {
			return
		}
		if uint32(tlen) < slen {
			b.str(" (invalid)")
			return
		}
		if uint32(len(p)) < slen {
			d.truncJmp("sflow")
			return
		}
		n := int(slen)
		ok := sflowOK
		switch typ {
		case 1:
			ok = d.sflowFlowSample(p, tlen, false)
		case 2:
			ok = d.sflowCounterSample(p, tlen, false)
		case 3:
			ok = d.sflowFlowSample(p, tlen, true)
		case 4:
			ok = d.sflowCounterSample(p, tlen, true)
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, p, "\n\t    ", n)
			}
		}
		switch ok {
		case sflowInvalid:
			b.str(" (invalid)")
			return
		case sflowTrunc:
			d.truncJmp("sflow")
			return
		}
		p, tlen = p[n:], tlen-n
	}
}

// sflowFlowSample prints a (compact or expanded) flow sample and its
// records; it reports false where tcpdump gives up with a truncation mark.
func (d *dissector) sflowFlowSample(p []byte, tlen int, expanded bool) sflowResult {
	b := d.b
	size := 32
	if expanded {
		size = 44
	}
	if r := sflowNeed(p, tlen, size); r != sflowOK {
		return r
	}
	r := sflowReader(p)
	var records uint32
	if expanded {
		records = r.u32(40)
		b.printf(" seqnum %d, type %d, idx %d, rate %d, pool %d, drops %d, records %d",
			r.u32(0), r.u32(4), r.u32(8), r.u32(12), r.u32(16), r.u32(20), records)
	} else {
		records = r.u32(28)
		b.printf(" seqnum %d, type %d, idx %d, rate %d, pool %d, drops %d, input %d output %d records %d",
			r.u32(0), p[4], r.u32(4)&0xffffff, r.u32(8), r.u32(12), r.u32(16), r.u32(20), r.u32(24), records)
	}
	p, tlen = p[size:], tlen-size
	for ; records > 0; records-- {
		typ, ent, flen, res := d.sflowRecordHeader(p, tlen, 12, sflowFlowTypes, "\n\t    enterprise %d %s (%d) length %d")
		if res != sflowOK {
			return res
		}
		p, tlen = p[8:], tlen-8
		if ent == 0 {
			q := sflowReader(p)
			switch typ {
			case 1:
				if r := sflowNeed(p, tlen, 16); r != sflowOK {
					return r
				}
				b.printf("\n\t      protocol %s (%d), length %d, stripped bytes %d, header_size %d",
					nameOr(sflowRawProtocols, q.u32(0), "Unknown"), q.u32(0), q.u32(4), q.u32(8), q.u32(12))
			case 2:
				if r := sflowNeed(p, tlen, 24); r != sflowOK {
					return r
				}
				b.printf("\n\t      frame len %d, type %d", q.u32(0), q.u32(20))
			case 1001:
				if r := sflowNeed(p, tlen, 16); r != sflowOK {
					return r
				}
				b.printf("\n\t      src vlan %d, src pri %d, dst vlan %d, dst pri %d", q.u32(0), q.u32(4), q.u32(8), q.u32(12))
			case 3, 4, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012:
			default:
				if d.p.opts.Verbose <= 1 {
					unknownData(b, p, "\n\t\t", int(flen))
				}
			}
		}
		if uint32(len(p)) < flen {
			return sflowTrunc
		}
		p, tlen = p[flen:], tlen-int(flen)
	}
	return sflowOK
}

// sflowRecordHeader reads and prints the header of a flow or counter
// record (its data format: enterprise and type; its length) as format
// says, and checks the length against tlen, what is left of the sample.
func (d *dissector) sflowRecordHeader(p []byte, tlen int, entShift uint, names map[uint32]string, format string) (typ, ent, rlen uint32, res sflowResult) {
	if tlen < 8 {
		return 0, 0, 0, sflowInvalid
	}
	if len(p) < 8 {
		return 0, 0, 0, sflowTrunc
	}
	f := sflowReader(p).u32(0)
	typ, ent, rlen = f&0xfff, f>>entShift, sflowReader(p).u32(4)
	name := "Unknown"
	if ent == 0 {
		name = nameOr(names, typ, "Unknown")
	}
	d.b.printf(format, ent, name, typ, rlen)
	if uint32(tlen-8) < rlen {
		return typ, ent, rlen, sflowInvalid
	}
	return typ, ent, rlen, sflowOK
}

// sflowCounterSample prints a (compact or expanded) counter sample and
// its records.
func (d *dissector) sflowCounterSample(p []byte, tlen int, expanded bool) sflowResult {
	b := d.b
	size := 12
	if expanded {
		size = 16
	}
	if r := sflowNeed(p, tlen, size); r != sflowOK {
		return r
	}
	r := sflowReader(p)
	var records uint32
	if expanded {
		records = r.u32(12)
		b.printf(" seqnum %d, type %d, idx %d, records %d", r.u32(0), r.u32(4), r.u32(8), records)
	} else {
		records = r.u32(8)
		b.printf(" seqnum %d, type %d, idx %d, records %d", r.u32(0), p[4], r.u32(4)&0xffffff, records)
	}
	p, tlen = p[size:], tlen-size
	for ; records > 0; records-- {
		// tcpdump takes a counter record's enterprise from bit 20, a flow
		// record's from bit 12.
		typ, ent, clen, res := d.sflowRecordHeader(p, tlen, 20, sflowCounterTypes, "\n\t    enterprise %d, %s (%d) length %d")
		if res != sflowOK {
			return res
		}
		p, tlen = p[8:], tlen-8
		if ent == 0 {
			if r := d.sflowCounter(p, tlen, typ, int(clen)); r != sflowOK {
				return r
			}
		}
		if uint32(len(p)) < clen {
			return sflowTrunc
		}
		p, tlen = p[clen:], tlen-int(clen)
	}
	return sflowOK
}

// sflowCounterLen is the length of each counter record format sflowCounter
// decodes.
var sflowCounterLen = map[uint32]int{1: 88, 2: 52, 4: 80, 5: 28, 1001: 28}

// sflowCounter prints one counter record of a known format; tlen is what
// is left of the sample (tcpdump checks the record against that, not
// against the record's own length).
func (d *dissector) sflowCounter(p []byte, tlen int, typ uint32, clen int) sflowResult {
	b := d.b
	need := sflowCounterLen[typ]
	if r := sflowNeed(p, tlen, need); r != sflowOK {
		return r
	}
	q := sflowReader(p)
	switch typ {
	case 1:
		st := q.u32(20)
		b.printf("\n\t      ifindex %d, iftype %d, ifspeed %d, ifdirection %d (%s)", q.u32(0), q.u32(4), q.u64(8), q.u32(16),
			nameOr(sflowDirections, q.u32(16), "Unknown"))
		b.printf("\n\t      ifstatus %d, adminstatus: %s, operstatus: %s", st, upDown(st&1 != 0), upDown(st&2 != 0))
		b.printf("\n\t      In octets %d, unicast pkts %d, multicast pkts %d, broadcast pkts %d, discards %d",
			q.u64(24), q.u32(32), q.u32(36), q.u32(40), q.u32(44))
		b.printf("\n\t      In errors %d, unknown protos %d", q.u32(48), q.u32(52))
		b.printf("\n\t      Out octets %d, unicast pkts %d, multicast pkts %d, broadcast pkts %d, discards %d",
			q.u64(56), q.u32(64), q.u32(68), q.u32(72), q.u32(76))
		b.printf("\n\t      Out errors %d, promisc mode %d", q.u32(80), q.u32(84))
	case 2:
		b.printf("\n\t      align errors %d, fcs errors %d, single collision %d, multiple collision %d, test error %d",
			q.u32(0), q.u32(4), q.u32(8), q.u32(12), q.u32(16))
		b.printf("\n\t      deferred %d, late collision %d, excessive collision %d, mac trans error %d",
			q.u32(20), q.u32(24), q.u32(28), q.u32(32))
		b.printf("\n\t      carrier error %d, frames too long %d, mac receive errors %d, symbol errors %d",
			q.u32(36), q.u32(40), q.u32(44), q.u32(48))
	case 3:
	case 4:
		b.printf("\n\t      in high prio frames %d, in high prio octets %d", q.u32(0), q.u64(4))
		b.printf("\n\t      in norm prio frames %d, in norm prio octets %d", q.u32(12), q.u64(16))
		b.printf("\n\t      in ipm errors %d, oversized %d, in data errors %d, null addressed frames %d",
			q.u32(24), q.u32(28), q.u32(32), q.u32(36))
		b.printf("\n\t      out high prio frames %d, out high prio octets %d, trans into frames %d", q.u32(40), q.u64(44), q.u32(52))
		b.printf("\n\t      in hc high prio octets %d, in hc norm prio octets %d, out hc high prio octets %d", q.u64(56), q.u64(64), q.u64(72))
	case 5:
		b.printf("\n\t      vlan_id %d, octets %d, unicast_pkt %d, multicast_pkt %d, broadcast_pkt %d, discards %d",
			q.u32(0), q.u64(4), q.u32(12), q.u32(16), q.u32(20), q.u32(24))
	case 1001:
		b.printf("\n\t      5sec %d, 1min %d, 5min %d, total_mem %d, total_mem %d", q.u32(0), q.u32(4), q.u32(8), q.u64(12), q.u64(20))
	default:
		if d.p.opts.Verbose <= 1 {
			unknownData(b, p, "\n\t\t", clen)
		}
	}
	return sflowOK
}

func upDown(up bool) string {
	if up {
		return "up"
	}
	return "down"
}
