package printer

import (
	"encoding/binary"
	"fmt"
)

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
		b.str(sep + nameOr(isisPDUs, typ, fmt.Sprintf("unknown PDU-Type %d", typ)))
	} else {
		b.printf("%slength %d", sep, length)
		b.printf("\n\t%s, hlen: %d, v: %d, pdu-v: %d, sys-id-len: %d (%d), max-area: %d (%d)",
			nameOr(isisPDUs, typ, fmt.Sprintf("unknown, type %d", typ)), fixed, version, pduVer, 6, idLen, ma, maxArea)
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
	be := binary.BigEndian
	v := d.p.opts.Verbose > 0
	switch typ {
	case 15, 16:
		if fixed != 8+19 {
			b.printf(", bogus fixed header length %d should be %d", fixed, 8+19)
			return
		}
		if !need(19) {
			return
		}
		pduLen := int(be.Uint16(h[9:]))
		if !v {
			b.printf(", src-id %s, lan-id %s, prio %d, length %d", isisID(h[1:7]), isisID(h[12:19]), h[11]&0x7f, min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id: %s,  holding time: %ds, Flags: [%s]", isisID(h[1:7]), be.Uint16(h[7:]), nameOr(isisCircuitTypes, h[0]&3, "unknown circuit type 0x"+hex2(h[0])))
		b.printf("\n\t  lan-id:    %s, Priority: %d, PDU length: %d", isisID(h[12:19]), h[11]&0x7f, pduLen)
	case 17:
		if fixed != 8+12 {
			b.printf(", bogus fixed header length %d should be %d", fixed, 8+12)
			return
		}
		if !need(12) {
			return
		}
		pduLen := int(be.Uint16(h[9:]))
		if !v {
			b.printf(", src-id %s, length %d", isisID(h[1:7]), min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id: %s, holding time: %ds, Flags: [%s]", isisID(h[1:7]), be.Uint16(h[7:]), nameOr(isisCircuitTypes, h[0]&3, "unknown circuit type 0x"+hex2(h[0])))
		b.printf("\n\t  circuit-id: 0x%02x, PDU length: %d", h[11], pduLen)
	case 18, 20:
		if fixed != 8+19 {
			b.printf(", bogus fixed header length %d should be %d", fixed, 8+19)
			return
		}
		if !need(19) {
			return
		}
		pduLen := int(be.Uint16(h))
		if !v {
			b.printf(", lsp-id %s, seq 0x%08x, lifetime %5ds, length %d", isisID(h[4:12]), be.Uint32(h[12:]), be.Uint16(h[2:]), min(length, pduLen))
			return
		}
		b.printf("\n\t  lsp-id: %s, seq: 0x%08x, lifetime: %5ds", isisID(h[4:12]), be.Uint32(h[12:]), be.Uint16(h[2:]))
	case 24, 25:
		if fixed != 8+25 {
			b.printf(", bogus fixed header length %d should be %d", fixed, 8+25)
			return
		}
		if !need(25) {
			return
		}
		pduLen := int(be.Uint16(h))
		if !v {
			b.printf(", src-id %s, length %d", isisID(h[2:9]), min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id:    %s, PDU length: %d", isisID(h[2:9]), pduLen)
		b.printf("\n\t  start lsp-id: %s", isisID(h[9:17]))
		b.printf("\n\t  end lsp-id:   %s", isisID(h[17:25]))
	case 26, 27:
		if fixed != 8+9 {
			b.printf(", bogus fixed header length %d should be %d", fixed, 8+9)
			return
		}
		if !need(9) {
			return
		}
		pduLen := int(be.Uint16(h))
		if !v {
			b.printf(", src-id %s, length %d", isisID(h[2:9]), min(length, pduLen))
			return
		}
		b.printf("\n\t  source-id:    %s, PDU length: %d", isisID(h[2:9]), pduLen)
	default:
		if !v {
			b.printf(", length %d", length)
		}
	}
}
