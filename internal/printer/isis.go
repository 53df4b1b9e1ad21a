package printer

import (
	"encoding/binary"
	"fmt"
	"net"
	"strings"
)

// isisLSPTypes are the IS types of an LSP's flags (ISO 10589), as
// tcpdump names them.
var isisLSPTypes = [4]string{"Unused 0x0 (invalid)", "L1 IS", "Unused 0x2 (invalid)", "L2 IS"}

// IS-IS (ISO 10589) PDU headers as tcpdump's isis_print: the PDU type and
// its identifiers on one line; -v prints the common header and the PDU
// header fields (the TLVs are not decoded).

var isisPDUs = map[byte]string{15: "L1 Lan IIH", 16: "L2 Lan IIH", 17: "p2p IIH", 18: "L1 LSP",
	20: "L2 LSP", 24: "L1 CSNP", 25: "L2 CSNP", 26: "L1 PSNP", 27: "L2 PSNP"}

var isisCircuitTypes = map[byte]string{1: "Level 1 only", 2: "Level 2 only", 3: "Level 1, Level 2"}

// isisID prints a system ID (6 bytes), node ID (7) or LSP ID (8).
func isisID(id []byte) string {
	s := fmt.Sprintf("%02x%02x.%02x%02x.%02x%02x", id[0], id[1], id[2], id[3], id[4], id[5])
	if len(id) > 6 {
		s += fmt.Sprintf(".%02x", id[6])
	}
	if len(id) > 7 {
		s += fmt.Sprintf("-%02x", id[7])
	}
	return s
}

// osi prints what follows an 802.2 header with the OSI SAPs: the network
// layer protocol ID, then IS-IS (other OSI protocols by name).
func (d *dissector) osi(p []byte, length int) {
	b := d.b
	if len(p) < 1 {
		d.truncJmp("osi")
		return
	}
	if p[0] != 0x83 {
		b.printf("%s, length %d", nameOr(osiNLPIDs, p[0], "OSI NLPID 0x"+hex2(p[0])), length)
		return
	}
	if d.p.opts.LinkHeader {
		b.str("OSI NLPID IS-IS (0x83): ")
	} else {
		b.str("IS-IS")
	}
	d.isis(p, length)
}

func (d *dissector) isis(p []byte, length int) {
	b := d.b
	sep := ", "
	if d.p.opts.LinkHeader {
		sep = ""
	}
	if len(p) < 8 {
		d.truncJmp("isis")
		return
	}
	fixed, version, idLen, typ, pduVer, maxArea := int(p[1]), p[2], p[3], p[4]&0x1f, p[5], p[7]
	if version != 1 {
		b.printf("version %d packet not supported", version)
		return
	}
	if idLen != 0 && idLen != 6 {
		b.printf("system ID length of %d is not supported", idLen)
		return
	}
	if pduVer != 1 {
		b.printf("version %d packet not supported", pduVer)
		return
	}
	if length < fixed {
		b.printf("fixed header length %d > packet length %d", fixed, length)
		return
	}
	if fixed < 8 {
		b.printf("fixed header length %d < minimum header size %d", fixed, 8)
		return
	}
	ma := maxArea
	if ma == 0 {
		ma = 3
	}
	if d.p.opts.Verbose == 0 {
		b.str(sep + nameOrf(isisPDUs, typ, "unknown PDU-Type %d"))
	} else {
		b.printf("%slength %d", sep, length)
		b.printf("\n\t%s, hlen: %d, v: %d, pdu-v: %d, sys-id-len: %d (%d), max-area: %d (%d)",
			nameOrf(isisPDUs, typ, "unknown, type %d"), fixed, version, pduVer, 6, idLen, ma, maxArea)
		if d.p.opts.Verbose > 1 {
			unknownData(b, p, "\n\t", 8)
		}
	}
	h := p[8:]
	need := func(n int) bool {
		if len(h) < n {
			d.truncJmp("isis")
			return false
		}
		return true
	}
	// header checks the PDU type's fixed header length, n after the
	// common header, and that it was captured.
	header := func(n int) bool {
		if fixed != 8+n {
			b.printf(", bogus fixed header length %d should be %d", fixed, 8+n)
			return false
		}
		return need(n)
	}
	be := binary.BigEndian
	v := d.p.opts.Verbose > 0
	switch typ {
	case 15, 16:
		if !header(19) {
			return
		}
		pduLen := int(be.Uint16(h[9:]))
		if !v {
			b.printf(", src-id %s, lan-id %s, prio %d, length %d", isisID(h[1:7]), isisID(h[12:19]), h[11]&0x7f, min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id: %s,  holding time: %ds, Flags: [%s]", isisID(h[1:7]), be.Uint16(h[7:]), nameOr(isisCircuitTypes, h[0]&3, "unknown circuit type 0x"+hex2(h[0])))
		b.printf("\n\t  lan-id:    %s, Priority: %d, PDU length: %d", isisID(h[12:19]), h[11]&0x7f, pduLen)
		d.isisTLVs(p, fixed, pduLen, length)
	case 17:
		if !header(12) {
			return
		}
		pduLen := int(be.Uint16(h[9:]))
		if !v {
			b.printf(", src-id %s, length %d", isisID(h[1:7]), min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id: %s, holding time: %ds, Flags: [%s]", isisID(h[1:7]), be.Uint16(h[7:]), nameOr(isisCircuitTypes, h[0]&3, "unknown circuit type 0x"+hex2(h[0])))
		b.printf("\n\t  circuit-id: 0x%02x, PDU length: %d", h[11], pduLen)
		d.isisTLVs(p, fixed, pduLen, length)
	case 18, 20:
		if !header(19) {
			return
		}
		pduLen := int(be.Uint16(h))
		if !v {
			b.printf(", lsp-id %s, seq 0x%08x, lifetime %5ds, length %d", isisID(h[4:12]), be.Uint32(h[12:]), be.Uint16(h[2:]), min(length, pduLen))
			return
		}
		b.printf("\n\t  lsp-id: %s, seq: 0x%08x, lifetime: %5ds", isisID(h[4:12]), be.Uint32(h[12:]), be.Uint16(h[2:]))
		sum := be.Uint16(h[16:])
		b.printf("\n\t  chksum: 0x%04x ", sum)
		switch {
		case sum == 0 || be.Uint16(h[2:]) == 0 || len(p) < pduLen || pduLen < 12:
			b.str("(unverified)")
		case fletcherOK(p[12:pduLen]):
			b.str("(correct)")
		default:
			b.str("(incorrect)")
		}
		tb := h[18]
		b.printf(", PDU length: %d, Flags: [ ", pduLen)
		if tb&0x04 != 0 {
			b.str("Overload bit set, ")
		}
		if tb&0x78 != 0 {
			for _, a := range []struct {
				bit  byte
				name string
			}{{0x08, "default "}, {0x10, "delay "}, {0x20, "expense "}, {0x40, "error "}} {
				if tb&a.bit != 0 {
					b.str(a.name)
				}
			}
			b.str("ATT bit set, ")
		}
		if tb&0x80 != 0 {
			b.str("P bit set, ")
		}
		b.str(isisLSPTypes[tb&3] + " ]")
		d.isisTLVs(p, fixed, pduLen, length)
	case 24, 25, 26, 27: // CSNP (with its LSP-ID range), PSNP
		csnp := typ < 26
		n := 9
		if csnp {
			n = 25
		}
		if !header(n) {
			return
		}
		pduLen := int(be.Uint16(h))
		if !v {
			b.printf(", src-id %s, length %d", isisID(h[2:9]), min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id:    %s, PDU length: %d", isisID(h[2:9]), pduLen)
		if csnp {
			b.printf("\n\t  start lsp-id: %s", isisID(h[9:17]))
			b.printf("\n\t  end lsp-id:   %s", isisID(h[17:25]))
		}
		d.isisTLVs(p, fixed, pduLen, length)
	default:
		if !v {
			b.printf(", length %d", length)
		}
	}
}

// fletcherOK verifies an ISO 8473 (Fletcher) checksum over data that
// holds it.
func fletcherOK(data []byte) bool {
	c0, c1 := 0, 0
	for _, x := range data {
		c0 = (c0 + int(x)) % 255
		c1 = (c1 + c0) % 255
	}
	return c0 == 0 && c1 == 0
}

var isisTLVNames = map[byte]string{1: "Area address(es)", 2: "IS Reachability", 3: "ES Neighbor(s)",
	4: "Partition DIS", 5: "Prefix Neighbors", 6: "IS Neighbor(s)", 8: "Padding", 9: "LSP entries",
	10: "Authentication", 12: "Checksum", 13: "Purge Originator Identifier", 14: "LSP Buffersize",
	22: "Extended IS Reachability", 128: "IPv4 Internal Reachability", 129: "Protocols supported",
	130: "IPv4 External Reachability", 131: "IDRP Information", 132: "IPv4 Interface address(es)",
	134: "Traffic Engineering Router ID", 135: "Extended IPv4 Reachability", 137: "Hostname",
	211: "Restart Signaling", 222: "Multi Topology IS Reachability", 229: "Multi Topology",
	232: "IPv6 Interface address(es)", 235: "Multi-Topology IPv4 Reachability",
	236: "IPv6 reachability", 237: "Multi-Topology IP6 Reachability", 240: "Point-to-point Adjacency State",
	242: "Router Capability"}

var isisRestartFlags = []bitName{{0x01, "Restart Request"}, {0x02, "Restart Acknowledgement"}, {0x04, "Suppress adjacency advertisement"}}

// isoNSAP prints an area address as tcpdump's isonsap_string.
func isoNSAP(a []byte) string {
	var sb strings.Builder
	for i, c := range a {
		fmt.Fprintf(&sb, "%02x", c)
		if i&1 == 0 && i+1 < len(a) {
			sb.WriteByte('.')
		}
	}
	return sb.String()
}

// isisMetrics prints the delay, expense and error metrics of a metric
// block that has them.
func (d *dissector) isisMetrics(m []byte, indent string) {
	for i, name := range []string{"Delay", "Expense", "Error"} {
		v := m[1+i]
		if v&0x80 == 0 {
			ie := "Internal"
			if v&0x40 != 0 {
				ie = "External"
			}
			d.b.printf("%s  %s Metric: %d, %s", indent, name, v&0x3f, ie)
		}
	}
}

// isisTLVs prints the TLVs after the fixed header (-v), as isis_print.
func (d *dissector) isisTLVs(p []byte, fixed, pduLen, length int) {
	b := d.b
	if d.p.opts.Verbose > 1 {
		unknownData(b, p[8:min(fixed, len(p))], "\n\t  ", fixed-8)
	}
	end := min(pduLen, length)
	off := fixed
	for off < end {
		if off+2 > len(p) || end-off < 2 {
			d.truncJmp("isis")
			return
		}
		typ, l := p[off], int(p[off+1])
		off += 2
		b.printf("\n\t    %s TLV #%d, length: %d", nameOr(isisTLVNames, typ, "unknown"), typ, l)
		if typ == 240 && end-off >= l && off+l > len(p) {
			// tcpdump reads the adjacency state TLV's fields as far
			// as they were captured before it finds the truncation.
			d.isisThreeWay(p[off:], l)
			d.truncJmp("isis")
			return
		}
		if end-off < l || off+l > len(p) {
			d.truncJmp("isis")
			return
		}
		t := p[off : off+l]
		ok := true
		switch typ {
		case 1:
			for q := t; len(q) > 0; {
				al := int(q[0])
				q = q[1:]
				if len(q) < al {
					ok = false
					break
				}
				b.printf("\n\t      Area address (length: %d): %s", al, isoNSAP(q[:al]))
				q = q[al:]
			}
		case 6:
			for q := t; len(q) > 0; q = q[min(6, len(q)):] {
				if len(q) < 6 {
					ok = false
					break
				}
				b.str("\n\t      SNPA: " + isisID(q[:6]))
			}
		case 8:
		case 13:
			if len(t) < 1 {
				break
			}
			if t[0] == 0 {
				b.str(" No Purge Originator System-ID")
				break
			}
			if len(t) >= 7 {
				b.str("\n\t      Purge Originator System-ID: " + isisID(t[1:7]))
			}
			if t[0] > 1 && len(t) >= 13 {
				b.str("\n\t      Received from System-ID: " + isisID(t[7:13]))
			}
		case 9:
			for q := t; len(q) > 0; q = q[min(16, len(q)):] {
				if len(q) < 16 {
					ok = false
					break
				}
				b.printf("\n\t      lsp-id: %s, seq: 0x%08x, lifetime: %5ds, chksum: 0x%04x", isisID(q[2:10]),
					binary.BigEndian.Uint32(q[10:]), binary.BigEndian.Uint16(q), binary.BigEndian.Uint16(q[14:]))
			}
		case 129:
			b.str("\n\t      NLPID(s): ")
			for i, c := range t {
				b.printf("%s (0x%02x)", nameOr(nlpidNames, uint16(c), "unknown"), c)
				if i+1 < len(t) {
					b.str(", ")
				}
			}
		case 132:
			for q := t; len(q) > 0; q = q[min(4, len(q)):] {
				if len(q) < 4 {
					ok = false
					break
				}
				b.str("\n\t      IPv4 interface address: " + d.p.host(q[:4]))
			}
		case 137:
			b.str("\n\t      Hostname: ")
			for _, c := range t {
				if c == 0 {
					break
				}
				printn(b, []byte{c})
			}
		case 211:
			if len(t) < 1 {
				break
			}
			b.printf("\n\t      Flags [%s]", bits32(uint32(t[0]), isisRestartFlags, "none"))
			if len(t) >= 3 {
				b.printf(", Remaining holding time %ds", binary.BigEndian.Uint16(t[1:]))
				if len(t) == 9 {
					b.str(", for " + isisID(t[3:9]))
				}
			}
		case 2:
			if len(t) < 1 {
				break
			}
			b.str("\n\t      " + nameOr(map[byte]string{0: "IsNotVirtual", 1: "IsVirtual"}, t[0], fmt.Sprintf("bogus virtual flag 0x%02x", t[0])))
			for q := t[1:]; len(q) > 0; q = q[min(11, len(q)):] {
				if len(q) < 11 {
					ok = false
					break
				}
				ie := "Internal"
				if q[0]&0x40 != 0 {
					ie = "External"
				}
				b.printf("\n\t      IS Neighbor: %s, Default Metric: %d, %s", isisID(q[4:11]), q[0]&0x3f, ie)
				d.isisMetrics(q, "\n\t\t")
			}
		case 128, 130:
			for q := t; len(q) > 0; q = q[min(12, len(q)):] {
				if len(q) < 12 {
					b.printf("short IPv4 Reachability (%d vs 12)", len(q))
					return
				}
				if pl := maskLen(binary.BigEndian.Uint32(q[8:])); pl < 0 {
					b.printf("\n\t      IPv4 prefix: %s mask %s", d.p.host(q[4:8]), d.p.host(q[8:12]))
				} else {
					b.printf("\n\t      IPv4 prefix: %15s/%d", d.p.host(q[4:8]), pl)
				}
				dist, ie := "up", "Internal"
				if q[0]&0x80 != 0 {
					dist = "down"
				}
				if q[0]&0x40 != 0 {
					ie = "External"
				}
				b.printf(", Distribution: %s, Metric: %d, %s", dist, q[0]&0x3f, ie)
				d.isisMetrics(q, "\n\t      ")
			}
		case 14:
			if len(t) < 2 {
				break
			}
			b.printf("\n\t      LSP Buffersize: %d", binary.BigEndian.Uint16(t))
		case 134:
			if len(t) < 4 {
				ok = false
				break
			}
			b.str("\n\t      Traffic Engineering Router ID: " + d.p.host(t[:4]))
		case 232:
			for q := t; len(q) > 0; q = q[min(16, len(q)):] {
				if len(q) < 16 {
					ok = false
					break
				}
				b.str("\n\t      IPv6 interface address: " + d.p.host(net.IP(q[:16])))
			}
		case 229:
			for q := t; len(q) >= 2; q = q[2:] {
				d.isisMT(q)
			}
		case 240:
			if !d.isisThreeWay(p[off:], l) {
				d.truncJmp("isis")
				return
			}
		case 22, 222, 135, 235, 236, 237:
			q := t
			if typ == 222 || typ == 235 || typ == 237 {
				if len(q) < 2 {
					ok = false
					break
				}
				d.isisMT(q)
				q = q[2:]
			}
			for len(q) > 0 { // each entry moves q on by its fixed part at least
				n := d.isisReachEntry(typ, q)
				if n <= 0 {
					ok = false
					break
				}
				q = q[n:]
			}
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, t, "\n\t\t", l)
			}
		}
		if !ok {
			b.trunc("isis")
			return
		}
		if d.p.opts.Verbose > 1 {
			unknownData(b, t, "\n\t      ", l)
		}
		off += l
	}
}

// isisThreeWay prints a point-to-point adjacency state TLV of l bytes
// (RFC 5303) from v, what was captured from its value on: the state, then
// the extended local circuit ID, the neighbor's system ID and its extended
// local circuit ID as far as l holds them. tcpdump tests l for each field
// at the field's fixed offset, so a 5-byte TLV shows only the neighbor's
// circuit ID, read past the TLV; so does gocap. False when a field it
// reads was not captured.
func (d *dissector) isisThreeWay(v []byte, l int) bool {
	if l < 1 {
		return true
	}
	if len(v) < 1 {
		return false
	}
	b := d.b
	be := binary.BigEndian
	b.printf("\n\t      Adjacency State: %s (%d)", nameOr(map[byte]string{0: "Up", 1: "Initializing", 2: "Down"}, v[0], "unknown"), v[0])
	n := l - 1
	if n > 4 {
		if len(v) < 5 {
			return false
		}
		b.printf("\n\t      Extended Local circuit-ID: 0x%08x", be.Uint32(v[1:]))
		n -= 4
	}
	if n >= 6 {
		if len(v) < 11 {
			return false
		}
		b.printf("\n\t      Neighbor System-ID: %s", isisID(v[5:11]))
		n -= 6
	}
	if n >= 4 {
		if len(v) < 15 {
			return false
		}
		b.printf("\n\t      Neighbor Extended Local circuit-ID: 0x%08x", be.Uint32(v[11:]))
	}
	return true
}

var isisMTIDs = map[uint16]string{0: "IPv4 unicast", 1: "In-Band Management", 2: "IPv6 unicast", 3: "Multicast",
	4095: "Development, Experimental or Proprietary"}

var isisMTFlags = []bitName{{0x4000, "ATT bit set"}, {0x8000, "Overload bit set"}}

// isisMT prints a multi-topology ID and its flags (RFC 5120) from q's
// first two bytes.
func (d *dissector) isisMT(q []byte) {
	v := binary.BigEndian.Uint16(q)
	flags := bits32(uint32(v), isisMTFlags, "none")
	d.b.printf("\n\t      %s Topology (0x%03x), Flags: [%s]", nameOr(isisMTIDs, v&0x0fff, "Reserved for IETF Consensus"), v&0x0fff, flags)
}

// isisReachEntry prints one entry of an extended IS (22, 222), IPv4 (135,
// 235) or IPv6 (236, 237) reachability TLV and returns its length; 0 when
// it is cut short.
func (d *dissector) isisReachEntry(typ byte, q []byte) int {
	b := d.b
	be := binary.BigEndian
	switch typ {
	case 22, 222:
		if len(q) < 11 {
			return 0
		}
		b.printf("\n\t      IS Neighbor: %s, Metric: %d", isisID(q[:7]), uint32(q[7])<<16|uint32(q[8])<<8|uint32(q[9]))
		return d.isisSubTLVs(q, 10)
	case 135, 235:
		if len(q) < 5 {
			return 0
		}
		if q[4]&0x3f > 32 {
			b.printf("\n\t      IPv4 prefix: bad bit length %d", q[4]&0x3f)
			return 0
		}
		plen := int(q[4] & 0x3f)
		n := 5 + (plen+7)/8
		if len(q) < n {
			return 0
		}
		var a [4]byte
		copy(a[:], q[5:n])
		dist := "up"
		if q[4]&0x80 != 0 {
			dist = "down"
		}
		b.printf("\n\t      IPv4 prefix: %15s/%d, Distribution: %s, Metric: %d", d.p.host(a[:]), plen, dist, be.Uint32(q))
		if q[4]&0x40 == 0 {
			return n
		}
		return d.isisSubTLVs(q, n)
	}
	if len(q) < 6 || q[5] > 128 {
		return 0
	}
	plen := int(q[5])
	n := 6 + (plen+7)/8
	if len(q) < n {
		return 0
	}
	var a [16]byte
	copy(a[:], q[6:n])
	dist, ie := "up", "Internal"
	if q[4]&0x80 != 0 {
		dist = "down"
	}
	if q[4]&0x40 != 0 {
		ie = "External"
	}
	b.printf("\n\t      IPv6 prefix: %s/%d, Distribution: %s, Metric: %d, %s", d.p.host(net.IP(a[:])), plen, dist, be.Uint32(q), ie)
	if q[4]&0x20 == 0 {
		return n
	}
	return d.isisSubTLVs(q, n)
}

// isisSubTLVs says whether a reachability entry whose sub-TLV length
// byte is at q[at] has sub-TLVs, and returns the entry's length with
// them; the sub-TLVs themselves are not decoded (tcpdump prints each).
// 0 when the entry is cut short.
func (d *dissector) isisSubTLVs(q []byte, at int) int {
	if at >= len(q) {
		return 0
	}
	n := int(q[at])
	if n == 0 {
		d.b.str(", no sub-TLVs present")
		return at + 1
	}
	d.b.printf(", sub-TLVs present (%d)", n)
	if at+1+n > len(q) {
		return 0
	}
	if !d.isisSubTLVList(q[at+1:at+1+n], at == 10) {
		return 0
	}
	return at + 1 + n
}

var isisISReachSubTLVs = map[byte]string{3: "Administrative groups", 4: "Link Local/Remote Identifier",
	5: "Link Remote Identifier", 6: "IPv4 interface address", 8: "IPv4 neighbor address",
	9: "Maximum link bandwidth", 10: "Reservation bandwidth", 18: "Traffic Engineering Metric"}

var isisPrefixSubTLVs = map[byte]string{1: "32-Bit Administrative tag", 2: "64-Bit Administrative tag"}

// isisSubTLVList prints the sub-TLVs of an IS reachability entry (is) or
// of a prefix; false when one runs past the list.
func (d *dissector) isisSubTLVList(p []byte, is bool) bool {
	b := d.b
	be := binary.BigEndian
	for len(p) > 0 { // each sub-TLV moves p on by its header at least
		if len(p) < 2 {
			return false
		}
		t, l := p[0], int(p[1])
		names := isisPrefixSubTLVs
		if is {
			names = isisISReachSubTLVs
		}
		b.printf("\n\t        %s subTLV #%d, length: %d", nameOr(names, t, "unknown"), t, l)
		if 2+l > len(p) {
			return false
		}
		v := p[2 : 2+l]
		switch {
		case is && (t == 3 || t == 4 || t == 5):
			if l >= 4 {
				b.printf(", 0x%08x", be.Uint32(v))
				if l == 8 {
					b.printf(", 0x%08x", be.Uint32(v[4:]))
				}
			}
		case is && (t == 6 || t == 8):
			if l >= 4 {
				b.str(", " + d.p.host(v[:4]))
			}
		case is && (t == 9 || t == 10):
			if l >= 4 {
				b.str(", " + ospfBandwidth(be.Uint32(v)))
			}
		case is && t == 18:
			if l >= 3 {
				b.printf(", %d", uint32(v[0])<<16|uint32(v[1])<<8|uint32(v[2]))
			}
		case !is && t == 1:
			for q := v; len(q) >= 4; q = q[4:] {
				b.printf(", 0x%08x (=%d)", be.Uint32(q), be.Uint32(q))
			}
		case !is && t == 2:
			for q := v; len(q) >= 8; q = q[8:] {
				b.printf(", 0x%08x%08x", be.Uint32(q), be.Uint32(q[4:]))
			}
		default:
			unknownData(b, v, "\n\t\t    ", l)
		}
		p = p[2+l:]
	}
	return true
}
