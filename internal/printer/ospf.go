package printer

import (
	"encoding/binary"
	"fmt"
	"math"
	"net"
)

// OSPF version 2 (RFC 2328) and version 3 (RFC 5340) as tcpdump's
// ospf_print and ospf6_print: the summary line, and with -v the common
// header, hello and database description fields, link state requests,
// updates with their LSAs (version 2) and acknowledgements.

var ospfTypes = map[uint8]string{1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update", 5: "LS-Ack"}

type bitName struct {
	bit  uint32
	name string
}

// bits32 is tcpdump's bittok2str: the names of the entries all of whose
// bits are set in v (an entry of 0 never matches, one of several bits
// needs them all), or none.
func bits32(v uint32, table []bitName, none string) string {
	var s []string
	for _, t := range table {
		if t.bit != 0 && v&t.bit == t.bit {
			s = append(s, t.name)
		}
	}
	if len(s) == 0 {
		return none
	}
	return join(s, ", ")
}

var ospfOptions = []bitName{{0x01, "MultiTopology"}, {0x02, "External"}, {0x04, "Multicast"}, {0x08, "NSSA"},
	{0x10, "LLS"}, {0x20, "Demand Circuit"}, {0x40, "Opaque"}, {0x80, "Up/Down"}}

var ospf6Options = []bitName{{0x01, "V6"}, {0x02, "External"}, {0x04, "Deprecated"}, {0x08, "NSSA"},
	{0x10, "Router"}, {0x20, "Demand Circuit"}, {0x100, "AFs Support"}, {0x200, "LLS"}, {0x400, "Authentication Trailer"}}

var ospfDDFlags = []bitName{{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x08, "OOBResync"}}

var ospf6DDFlags = []bitName{{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x10, "IPv6 MTU"}}

var ospfAuthTypes = map[uint16]string{0: "none", 1: "simple", 2: "MD5"}

var ospfLSATypes = map[uint8]string{1: "Router", 2: "Network", 3: "Summary", 4: "ASBR Summary", 5: "External",
	6: "Multicast Group", 7: "NSSA", 9: "Link Local Opaque", 10: "Area Local Opaque", 11: "Domain Wide Opaque"}

var ospfOpaqueTypes = map[uint8]string{1: "Traffic Engineering", 3: "Graceful restart", 4: "Router Information"}

var ospfTopologies = map[uint32]string{0: "default", 1: "multicast", 2: "management"}

var ospfRouterFlags = []bitName{{0x01, "ABR"}, {0x02, "ASBR"}, {0x04, "Virtual"}, {0x08, "Wildcard"}, {0x10, "NSSA Translator"}}

func (d *dissector) ospf(data []byte, length int) {
	b := d.b
	if len(data) < 2 {
		d.truncJmp("ospf")
		return
	}
	ver, typ := data[0], data[1]
	// A cryptographic digest follows the packet: not part of it.
	if ver == 2 && len(data) >= 16 && binary.BigEndian.Uint16(data[14:]) == 2 {
		length -= 16
		data = data[:max(len(data)-16, 0)]
	}
	b.printf("OSPFv%d, %s, length %d", ver, nameOr(ospfTypes, typ, "unknown packet type ("+itoa(int(typ))+")"), length)
	if d.p.opts.Verbose == 0 || (ver != 2 && ver != 3) {
		return
	}
	hdr := 24
	if ver == 3 {
		hdr = 16
	}
	if length < hdr {
		b.printf(" [length %d < %d]", length, hdr)
		return
	}
	if len(data) < hdr {
		d.truncJmp("ospf")
		return
	}
	be := binary.BigEndian
	plen := int(be.Uint16(data[2:]))
	if plen != length {
		b.printf(" [len %d]", plen)
	}
	end := max(min(plen, length, len(data)), 0)
	b.printf("\n\tRouter-ID %s", d.p.host(data[4:8]))
	if nonzero(data[8:12]) {
		b.printf(", Area %s", d.p.host(data[8:12]))
	} else {
		b.str(", Backbone Area")
	}
	if ver == 3 {
		if data[14] != 0 {
			b.printf(", Instance %d", data[14])
		}
		d.ospf6(data[:end], typ)
		return
	}
	at := be.Uint16(data[14:])
	b.printf(", Authentication Type: %s (%d)", nameOr(ospfAuthTypes, at, "unknown"), at)
	switch at {
	case 0:
	case 1:
		b.str("\n\tSimple text password: ")
		for _, c := range data[16:24] {
			if c == 0 {
				break
			}
			printn(b, []byte{c})
		}
	case 2:
		b.printf("\n\tKey-ID: %d, Auth-Length: %d, Crypto Sequence Number: 0x%08x", data[18], data[19], be.Uint32(data[20:]))
	default:
		return
	}
	d.ospf2(data[:end], typ)
}

func (d *dissector) ospf2(p []byte, typ byte) {
	b := d.b
	be := binary.BigEndian
	need := func(n int) bool {
		if len(p) < n {
			d.truncJmp("ospf2")
			return false
		}
		return true
	}
	switch typ {
	case 1:
		if !need(44) {
			return
		}
		b.printf("\n\tOptions [%s]", bits32(uint32(p[30]), ospfOptions, "none"))
		b.printf("\n\t  Hello Timer %ds, Dead Timer %ds, Mask %s, Priority %d", be.Uint16(p[28:]), be.Uint32(p[32:]), d.p.host(p[24:28]), p[31])
		d.ospfHelloRouters(p, 36, len(p) > 44, "ospf2")
	case 2:
		if !need(32) {
			return
		}
		b.printf("\n\tOptions [%s], DD Flags [%s]", bits32(uint32(p[26]), ospfOptions, "none"), bits32(uint32(p[27]), ospfDDFlags, "none"))
		if mtu := be.Uint16(p[24:]); mtu != 0 {
			b.printf(", MTU: %d", mtu)
		}
		b.printf(", Sequence: 0x%08x", be.Uint32(p[28:]))
		for off := 32; off < len(p); off += 20 {
			if d.ospfLSAHeader(p[off:]) < 0 {
				return
			}
		}
	case 3:
		for off := 24; off < len(p); off += 12 {
			if off+12 > len(p) {
				b.trunc("ospf2")
				return
			}
			r := p[off : off+12]
			lt := be.Uint32(r)
			b.printf("\n\t  Advertising Router: %s, %s LSA (%d)", d.p.host(r[8:12]), nameOr(ospfLSATypes, uint8(lt), "unknown"), lt)
			if lt >= 9 && lt <= 11 {
				b.printf(", Opaque-Type: %s LSA (%d), Opaque-ID: %d", nameOr(ospfOpaqueTypes, r[4], "unknown"), r[4], be.Uint32(r[4:])&0xffffff)
			} else {
				b.printf(", LSA-ID: %s", d.p.host(r[4:8]))
			}
		}
	case 4:
		if !need(28) {
			return
		}
		n := be.Uint32(p[24:])
		s := "s"
		if n == 1 {
			s = ""
		}
		b.printf(", %d LSA%s", n, s)
		off := 28
		for i := uint32(1); i <= n; i++ {
			b.printf("\n\t  LSA #%d", i)
			next := d.ospfLSA(p, off)
			if next < 0 {
				return
			}
			off = next
		}
	case 5:
		for off := 24; ; off += 20 {
			if d.ospfLSAHeader(p[min(off, len(p)):]) < 0 {
				return
			}
		}
	}
}

// ospfLSAHeader prints an LSA header and returns the LSA's length, or -1
// when it is bogus or cut short (the packet then ends).
func (d *dissector) ospfLSAHeader(h []byte) int {
	b := d.b
	be := binary.BigEndian
	if len(h) < 20 {
		if len(h) > 0 {
			d.truncJmp("ospf2")
		} else {
			d.truncJmp("ospf2")
		}
		return -1
	}
	l := int(be.Uint16(h[18:]))
	if l < 20 {
		b.printf("\n\t    Bogus length %d < header (20 bytes)", l)
		return -1
	}
	b.printf("\n\t  Advertising Router %s, seq 0x%08x, age %ds, length %d", d.p.host(h[8:12]), be.Uint32(h[12:]), be.Uint16(h), l-20)
	lt := h[3]
	if lt >= 9 && lt <= 11 {
		b.printf("\n\t    %s LSA (%d), Opaque-Type %s LSA (%d), Opaque-ID %d", nameOr(ospfLSATypes, lt, "unknown"), lt,
			nameOr(ospfOpaqueTypes, h[4], "unknown"), h[4], be.Uint32(h[4:])&0xffffff)
	} else {
		b.printf("\n\t    %s LSA (%d), LSA-ID: %s", nameOr(ospfLSATypes, lt, "unknown"), lt, d.p.host(h[4:8]))
	}
	b.printf("\n\t    Options: [%s]", bits32(uint32(h[2]), ospfOptions, "none"))
	return l
}

// ospfLSA prints the LSA at off and returns the offset after it, or -1
// when the packet ended.
func (d *dissector) ospfLSA(p []byte, off int) int {
	b := d.b
	be := binary.BigEndian
	l := d.ospfLSAHeader(p[min(off, len(p)):])
	if l < 0 {
		return -1
	}
	end := off + l
	body := p[off+20 : min(end, len(p))]
	blen := l - 20
	trunc := func() int { d.truncJmp("ospf2"); return -1 }
	topo := func(tos uint32) string {
		return fmt.Sprintf("%s (%d)", nameOr(ospfTopologies, tos, "Unknown"), tos)
	}
	switch p[off+3] {
	case 1:
		if len(body) < 4 {
			return trunc()
		}
		b.printf("\n\t    Router LSA Options: [%s]", bits32(uint32(body[0]), ospfRouterFlags, "none"))
		n := int(be.Uint16(body[2:]))
		q := 4
		for i := 0; i < n; i++ {
			if q+12 > len(body) {
				return trunc()
			}
			lk := body[q : q+12]
			id, data := d.p.host(lk[0:4]), d.p.host(lk[4:8])
			switch lk[8] {
			case 4:
				b.printf("\n\t      Virtual Link: Neighbor Router-ID: %s, Interface Address: %s", id, data)
			case 1:
				b.printf("\n\t      Neighbor Router-ID: %s, Interface Address: %s", id, data)
			case 2:
				b.printf("\n\t      Neighbor Network-ID: %s, Interface Address: %s", id, data)
			case 3:
				b.printf("\n\t      Stub Network: %s, Mask: %s", id, data)
			default:
				b.printf("\n\t      Unknown Router Link Type (%d)", lk[8])
				return end
			}
			ntos := int(lk[9])
			b.printf("\n\t\ttopology %s, metric %d", topo(0), be.Uint16(lk[10:]))
			for t := 0; t < ntos; t++ {
				at := q + 12 + 4*t
				if at+4 > len(body) {
					return trunc()
				}
				b.printf("\n\t\ttopology %s, metric %d", topo(uint32(body[at])), be.Uint16(body[at+2:]))
			}
			q += 12 + 4*ntos
		}
	case 2:
		if len(body) < 4 {
			return trunc()
		}
		b.printf("\n\t    Mask %s\n\t    Connected Routers:", d.p.host(body[:4]))
		for q := 4; q < blen; q += 4 {
			if q+4 > len(body) {
				return trunc()
			}
			b.str("\n\t      " + d.p.host(body[q:q+4]))
		}
	case 3, 4:
		if len(body) < 8 {
			return trunc()
		}
		if p[off+3] == 3 {
			b.printf("\n\t    Mask %s", d.p.host(body[:4]))
		}
		for q := 4; q < blen; q += 4 {
			if q+4 > len(body) {
				return trunc()
			}
			v := be.Uint32(body[q:])
			b.printf("\n\t\ttopology %s metric %d", topo((v&0x7f000000)>>24), v&0xffffff)
		}
	case 5, 7:
		if len(body) < 16 {
			return trunc()
		}
		b.printf("\n\t    Mask %s", d.p.host(body[:4]))
		for q := 4; q < blen; q += 12 {
			if q+4 > len(body) {
				return trunc()
			}
			v := be.Uint32(body[q:])
			typ := 1
			if v&0x80000000 != 0 {
				typ = 2
			}
			b.printf("\n\t\ttopology %s, type %d, metric", topo((v&0x7f000000)>>24), typ)
			if v&0xffffff == 0xffffff {
				b.str(" infinite")
			} else {
				b.printf(" %d", v&0xffffff)
			}
			if q+8 > len(body) {
				return trunc()
			}
			if nonzero(body[q+4 : q+8]) {
				b.printf(", forward %s", d.p.host(body[q+4:q+8]))
			}
			if q+12 > len(body) {
				return trunc()
			}
			if nonzero(body[q+8 : q+12]) {
				b.printf(", tag %s", d.p.host(body[q+8:q+12]))
			}
		}
	case 6:
		for q := 0; q < blen; q += 8 { // each vertex moves q on
			if q+4 > len(body) {
				return trunc()
			}
			switch vt := be.Uint32(body[q:]); vt {
			case 1, 2:
				if q+8 > len(body) {
					return trunc()
				}
				what := "Router Router-ID"
				if vt == 2 {
					what = "Network Designated Router"
				}
				b.printf("\n\t    %s %s", what, d.p.host(body[q+4:q+8]))
			default:
				b.printf("\n\t    unknown VertexType (%d)", vt)
			}
		}
	case 9, 10, 11:
		if p[off+4] == 4 {
			if !d.ospfRouterInfo(body[:min(blen, len(body))], blen) {
				return -1
			}
			break
		}
		if p[off+4] == 3 {
			if !d.ospfGrace(body, uint32(blen)) {
				return end
			}
			break
		}
		if p[off+4] == 1 {
			if len(body) < blen {
				return trunc()
			}
			if !d.ospfTE(body[:blen]) {
				return end
			}
			return end
		}
		if d.p.opts.Verbose <= 1 {
			unknownData(b, body, "\n\t      ", blen)
		}
	}
	if d.p.opts.Verbose > 1 {
		unknownData(b, body, "\n\t    ", blen)
	}
	return end
}

// ospf6 prints the OSPFv3 message after the common header.
func (d *dissector) ospf6(p []byte, typ byte) {
	b := d.b
	be := binary.BigEndian
	vv := d.p.opts.Verbose > 1
	need := func(n int) bool {
		if len(p) < n {
			d.truncJmp("ospf3")
			return false
		}
		return true
	}
	switch typ {
	case 1:
		if !need(36) {
			return
		}
		b.printf("\n\tOptions [%s]", bits32(be.Uint32(p[20:])&0xffffff, ospf6Options, "none"))
		b.printf("\n\t  Hello Timer %ds, Dead Timer %ds, Interface-ID %s, Priority %d", be.Uint16(p[24:]), be.Uint16(p[26:]), d.p.host(p[16:20]), p[20])
		d.ospfHelloRouters(p, 28, vv, "ospf3")
	case 2:
		if !need(28) {
			return
		}
		b.printf("\n\tOptions [%s]", bits32(be.Uint32(p[16:])&0xffffff, ospf6Options, "none"))
		b.printf(", DD Flags [%s], MTU %d, DD-Sequence 0x%08x", bits32(uint32(p[23]), ospf6DDFlags, "none"), be.Uint16(p[20:]), be.Uint32(p[24:]))
		if vv {
			for off := 28; off < len(p); off += 20 {
				if d.ospf6LSAHeader(p[off:]) < 0 {
					return
				}
			}
		}
	case 3:
		if !vv {
			return
		}
		for off := 16; off < len(p); off += 12 {
			if off+12 > len(p) {
				d.truncJmp("ospf3")
				return
			}
			b.printf("\n\t  Advertising Router %s", d.p.host(p[off+8:off+12]))
			d.ospf6LSType(be.Uint16(p[off+2:]), p[off+4:off+8])
		}
	case 4:
		if !vv {
			return
		}
		if !need(20) {
			return
		}
		off := 20
		for n := be.Uint32(p[16:]); n > 0; n-- {
			next := d.ospf6LSA(p, off)
			if next < 0 {
				return
			}
			off = next
		}
	case 5:
		if vv {
			for off := 16; off < len(p); off += 20 {
				if d.ospf6LSAHeader(p[off:]) < 0 {
					return
				}
			}
		}
	}
}

var ospf6LSATypes = map[uint16]string{1: "Router", 2: "Network", 3: "Inter-Area Prefix", 4: "Inter-Area Router",
	5: "External", 6: "Deprecated", 7: "NSSA", 8: "Link", 9: "Intra-Area Prefix", 10: "Intra-Area TE",
	11: "Grace", 12: "RI"}

var ospf6Scopes = map[uint16]string{0: "Link Local", 0x2000: "Area Local", 0x4000: "Domain Wide"}

var ospf6PrefixOptions = []bitName{{0x01, "No Unicast"}, {0x02, "Local address"}, {0x04, "Multicast"},
	{0x08, "Propagate"}, {0x10, "Down"}}

func (d *dissector) ospf6LSType(t uint16, id []byte) {
	u := ""
	if t&0x8000 != 0 {
		u = ", transitive"
	}
	d.b.printf("\n\t    %s LSA (%d), %s Scope%s, LSA-ID %s", nameOr(ospf6LSATypes, t&0x1fff, "Unknown"), t&0x1fff,
		nameOr(ospf6Scopes, t&0x6000, "Unknown"), u, d.p.host(id))
}

// ospf6LSAHeader prints an OSPFv3 LSA header and returns the LSA's
// length, -1 when cut short.
func (d *dissector) ospf6LSAHeader(h []byte) int {
	be := binary.BigEndian
	if len(h) < 20 {
		d.truncJmp("ospf3")
		return -1
	}
	l := int(be.Uint16(h[18:]))
	d.b.printf("\n\t  Advertising Router %s, seq 0x%08x, age %ds, length %d", d.p.host(h[8:12]), be.Uint32(h[12:]), be.Uint16(h), l-20)
	d.ospf6LSType(be.Uint16(h[2:]), h[4:8])
	return l
}

// ospf6Prefix prints an LSA prefix and returns its length, -1 when cut.
func (d *dissector) ospf6Prefix(p []byte) int {
	if len(p) < 4 {
		d.truncJmp("ospf3")
		return -1
	}
	plen := int(p[0])
	if plen > 128 {
		d.b.printf(" bogus prefixlen /%d", plen)
		return -1
	}
	words := (plen + 31) / 32
	if len(p) < 4+4*words {
		d.truncJmp("ospf3")
		return -1
	}
	addr := make(net.IP, 16)
	copy(addr, p[4:4+4*words])
	d.b.printf("\n\t\t%s/%d", addr, plen)
	if p[1] != 0 {
		d.b.printf(", Options [%s]", bits32(uint32(p[1]), ospf6PrefixOptions, "none"))
	}
	d.b.printf(", metric %d", binary.BigEndian.Uint16(p[2:]))
	return 4 + 4*words
}

// ospf6LSA prints the LSA at off and returns the offset after it, -1 when
// the packet ended.
func (d *dissector) ospf6LSA(p []byte, off int) int {
	b := d.b
	be := binary.BigEndian
	l := d.ospf6LSAHeader(p[min(off, len(p)):])
	if l < 0 {
		return -1
	}
	if l < 20 {
		return -1
	}
	end := off + l
	// What was captured of the body is printed as far as it goes (a
	// record at a time), then the truncation.
	body := p[min(off+20, len(p)):min(end, len(p))]
	cut := end > len(p)
	prefixes := func(q []byte, n int) bool {
		for ; n > 0; n-- {
			k := d.ospf6Prefix(q)
			if k < 0 {
				return false
			}
			q = q[k:]
		}
		return true
	}
	switch be.Uint16(p[off+2:]) & 0x7fff {
	case 0x4005:
		if len(body) < 4 {
			break
		}
		fl := body[0]
		b.printf("\n\t     Flags [%s] metric %d", bits32(uint32(fl), ospf6ExternalFlags, "none"), be.Uint32(body)&0xffffff)
		k := d.ospf6Prefix(body[4:])
		if k < 0 {
			return -1
		}
		q := body[4+k:]
		if fl&0x02 != 0 {
			if len(q) < 16 {
				break
			}
			b.str(" forward " + d.p.host(net.IP(q[:16])))
			q = q[16:]
		}
		if fl&0x01 != 0 {
			if len(q) < 4 {
				break
			}
			b.str(" tag " + d.p.host(q[:4]))
			q = q[4:]
		}
		if be.Uint16(body[6:]) != 0 {
			if len(q) < 4 {
				break
			}
			b.str(" RefLSID: " + d.p.host(q[:4]))
		}
	case 0x000b:
		if !d.ospfGrace(body, uint32(l-20)) {
			d.truncJmp("ospf3")
			return -1
		}
	case 0x2001:
		if len(body) < 4 {
			return end
		}
		b.printf("\n\t      Options [%s], RLA-Flags [%s]", bits32(be.Uint32(body)&0xffffff, ospf6Options, "none"), bits32(uint32(body[0]), ospf6RouterFlags, "none"))
		for q := body[4:]; len(q) >= 16; q = q[16:] {
			what := ""
			switch q[0] {
			case 1:
				what = "Neighbor Router-ID"
			case 2:
				what = "Neighbor Network-ID"
			case 4:
				what = "Virtual Link: Neighbor Router-ID"
			default:
				b.printf("\n\t      Unknown Router Links Type 0x%02x", q[0])
				return end
			}
			b.printf("\n\t      %s %s\n\t      Neighbor Interface-ID %s, Interface %s, metric %d", what, d.p.host(q[12:16]),
				d.p.host(q[8:12]), d.p.host(q[4:8]), be.Uint16(q[2:]))
		}
	case 0x2002:
		if len(body) < 4 {
			return end
		}
		b.printf("\n\t      Options [%s]\n\t      Connected Routers:", bits32(be.Uint32(body)&0xffffff, ospf6Options, "none"))
		for q := body[4:]; len(q) >= 4; q = q[4:] {
			b.str("\n\t\t" + d.p.host(q[:4]))
		}
	case 0x2003:
		if len(body) < 4 {
			return end
		}
		b.printf(", metric %d", be.Uint32(body)&0xffffff)
		for q := body[4:]; len(q) > 0; {
			k := d.ospf6Prefix(q)
			if k < 0 {
				return -1
			}
			q = q[k:]
		}
	case 0x0008:
		if len(body) < 24 {
			return end
		}
		n := int(be.Uint32(body[20:]))
		b.printf("\n\t      Options [%s]\n\t      Priority %d, Link-local address %s, Prefixes %d:",
			bits32(be.Uint32(body)&0xffffff, ospf6Options, "none"), body[0], net.IP(body[4:20]), n)
		if !prefixes(body[24:], n) {
			return -1
		}
	case 0x2009:
		if len(body) < 12 {
			return end
		}
		n := int(be.Uint16(body))
		d.ospf6LSType(be.Uint16(body[2:]), body[4:8])
		b.printf("\n\t      Prefixes %d:", n)
		if !prefixes(body[12:], n) {
			return -1
		}
	default:
		unknownData(b, body, "\n\t      ", len(body))
	}
	if cut {
		d.truncJmp("ospf3")
		return -1
	}
	return end
}

// ospf6RouterFlags are an OSPFv3 router LSA's flags (RFC 5340).
var ospf6RouterFlags = []bitName{{0x01, "ABR"}, {0x02, "External"}, {0x04, "Virtual-Link Endpoint"}, {0x08, "Deprecated"}, {0x10, "NSSA Translator"}}

// ospf6ExternalFlags are an AS-external LSA's flags.
var ospf6ExternalFlags = []bitName{{0x02, "Forwarding"}, {0x01, "Tag"}}

var ospfGraceTLVs = map[uint16]string{1: "Grace Period", 2: "Graceful restart Reason", 3: "IPv4 interface address"}

var ospfGraceReasons = map[byte]string{0: "Unknown", 1: "Software Restart", 2: "Software Reload/Upgrade", 3: "Control Processor Switch"}

// ospfGrace prints a grace LSA's TLVs (RFC 3623, 5187), p captured of its
// blen bytes; false where tcpdump gives up on the LSA (a bogus length, a
// zero type or length, or a truncation). blen is unsigned as tcpdump's:
// a padded TLV past the LSA wraps it and the TLVs go on while captured.
func (d *dissector) ospfGrace(p []byte, blen uint32) bool {
	b := d.b
	be := binary.BigEndian
	for blen > 0 { // each TLV takes its 4-byte header at least from p
		if len(p) < 4 {
			return false
		}
		if blen < 4 {
			b.printf("\n\t    Remaining LS length %d < 4", blen)
			return false
		}
		typ, l := be.Uint16(p), uint32(be.Uint16(p[2:]))
		b.printf("\n\t    %s TLV (%d), length %d, value: ", nameOr(ospfGraceTLVs, typ, "unknown"), typ, l)
		p, blen = p[4:], blen-4
		if l > blen {
			b.printf("\n\t    Bogus length %d > %d", l, blen)
			return false
		}
		if typ == 0 || l == 0 || uint32(len(p)) < l {
			return false
		}
		v := p[:l]
		switch {
		case typ == 1 && l == 4:
			b.printf("%ds", be.Uint32(v))
		case typ == 2 && l == 1:
			b.printf("%s (%d)", nameOr(ospfGraceReasons, v[0], "Unknown"), v[0])
		case typ == 3 && l == 4:
			b.str(d.p.host(v))
		case typ >= 1 && typ <= 3:
			b.printf("\n\t    Bogus length %d != %d", l, map[uint16]int{1: 4, 2: 1, 3: 4}[typ])
			return false
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, v, "\n\t      ", int(l))
			}
		}
		pad := (l + 3) &^ 3
		p, blen = p[min(int(pad), len(p)):], blen-pad
	}
	return true
}

var ospfTETLVs = map[uint16]string{1: "Router Address", 2: "Link"}

var ospfTESubTLVs = map[uint16]string{1: "Link Type", 2: "Link ID", 3: "Local Interface IP address",
	4: "Remote Interface IP address", 5: "Traffic Engineering Metric", 6: "Maximum Bandwidth",
	7: "Maximum Reservable Bandwidth", 8: "Unreserved Bandwidth", 9: "Administrative Group",
	11: "Link Local/Remote Identifier", 14: "Link Protection Type", 15: "Interface Switching Capability",
	16: "Shared Risk Link Group", 17: "Bandwidth Constraints"}

// ospfBandwidth prints an IEEE float of bytes per second in Mbps, in
// single precision as tcpdump computes it.
func ospfBandwidth(v uint32) string {
	f := math.Float32frombits(v) * 8 / 1000000
	return fmt.Sprintf("%.3f Mbps", float64(f))
}

// ospfTE prints a traffic engineering opaque LSA (RFC 3630); false when
// it is malformed.
func (d *dissector) ospfTE(p []byte) bool {
	b := d.b
	be := binary.BigEndian
	for len(p) > 0 {
		if len(p) < 4 {
			return false
		}
		typ, l := be.Uint16(p), int(be.Uint16(p[2:]))
		p = p[4:]
		b.printf("\n\t    %s TLV (%d), length: %d", nameOr(ospfTETLVs, typ, "unknown"), typ, l)
		if l > len(p) {
			b.printf("\n\t    Bogus length %d > %d", l, len(p))
			return false
		}
		if typ == 0 || l == 0 {
			return false
		}
		t := p[:l]
		switch typ {
		case 2:
			for len(t) > 0 {
				if len(t) < 4 {
					b.printf("\n\t    Remaining TLV length %d < 4", len(t))
					return false
				}
				st, sl := be.Uint16(t), int(be.Uint16(t[2:]))
				t = t[4:]
				if st == 0 || sl == 0 {
					b.str(" (invalid)")
					return false
				}
				b.printf("\n\t      %s subTLV (%d), length: %d", nameOr(ospfTESubTLVs, st, "unknown"), st, sl)
				if len(t) < sl {
					b.printf("\n\t    Remaining TLV length %d < %d", len(t)+4, sl+4)
					return false
				}
				v := t[:sl]
				switch st {
				case 9:
					if sl != 4 {
						b.str(" != 4 (invalid)")
						return false
					}
					b.printf(", 0x%08x", be.Uint32(v))
				case 2, 11:
					if sl != 4 && sl != 8 {
						b.str(" != 4 && != 8 (invalid)")
						return false
					}
					b.printf(", %s (0x%08x)", d.p.host(v[:4]), be.Uint32(v))
					if sl == 8 {
						b.printf(", %s (0x%08x)", d.p.host(v[4:8]), be.Uint32(v[4:]))
					}
				case 3, 4:
					if sl != 4 {
						b.str(" != 4 (invalid)")
						return false
					}
					b.str(", " + d.p.host(v))
				case 6, 7:
					if sl != 4 {
						b.str(" != 4 (invalid)")
						return false
					}
					b.str(", " + ospfBandwidth(be.Uint32(v)))
				case 8:
					if sl != 32 {
						b.str(" != 32 (invalid)")
						return false
					}
					for c := 0; c < 8; c++ {
						b.printf("\n\t\tTE-Class %d: %s", c, ospfBandwidth(be.Uint32(v[4*c:])))
					}
				case 5:
					if sl != 4 {
						b.str(" != 4 (invalid)")
						return false
					}
					b.printf(", Metric %d", be.Uint32(v))
				case 1:
					b.printf(", %s (%d)", nameOr(map[byte]string{1: "Point-to-point", 2: "Multi-Access"}, v[0], "unknown"), v[0])
				case 15:
					if sl < 36 {
						b.str(" < 36 (invalid)")
						return false
					}
					b.printf("\n\t\tInterface Switching Capability: %s", nameOr(gmplsSwitchCaps, v[0], "Unknown"))
					b.printf("\n\t\tLSP Encoding: %s", nameOr(gmplsEncodings, v[1], "Unknown"))
					b.str("\n\t\tMax LSP Bandwidth:")
					for l := 0; l < 8; l++ {
						b.printf("\n\t\t  priority level %d: %s", l, ospfBandwidth(be.Uint32(v[4+4*l:])))
					}
				case 16:
					if n := sl / 4; n > 0 {
						b.str("\n\t\t  Shared risk group: ")
						for i := 0; i < n; i++ {
							if i > 0 {
								b.str(", ")
							}
							b.printf("%d", be.Uint32(v[4*i:]))
						}
					}
				default:
					if d.p.opts.Verbose <= 1 {
						unknownData(b, v, "\n\t\t", sl)
					}
				}
				if sl%4 != 0 {
					sl += 4 - sl%4
				}
				t = t[min(sl, len(t)):]
			}
		case 1:
			if l < 4 {
				b.printf("\n\t    TLV length %d < 4", l)
				return false
			}
			b.str(", " + d.p.host(t[:4]))
		default:
			if d.p.opts.Verbose <= 1 {
				unknownData(b, t, "\n\t      ", l)
			}
		}
		if l%4 != 0 {
			l += 4 - l%4
		}
		p = p[min(l, len(p)):]
	}
	return true
}

var gmplsSwitchCaps = map[byte]string{1: "Packet-Switch Capable-1", 2: "Packet-Switch Capable-2",
	3: "Packet-Switch Capable-3", 4: "Packet-Switch Capable-4", 51: "Layer-2 Switch Capable",
	100: "Time-Division-Multiplex", 150: "Lambda-Switch Capable", 200: "Fiber-Switch Capable"}

var gmplsEncodings = map[byte]string{1: "Packet", 2: "Ethernet V2/DIX", 3: "ANSI/ETSI PDH", 4: "Reserved",
	5: "SDH ITU-T G.707/SONET ANSI T1.105", 6: "Reserved", 7: "Digital Wrapper", 8: "Lambda (photonic)",
	9: "Fiber", 10: "Reserved", 11: "FiberChannel"}

// ospfHelloRouters prints a hello's designated and backup designated
// routers (at dr in p, when set) and, when list is true, its neighbor
// list after them.
func (d *dissector) ospfHelloRouters(p []byte, dr int, list bool, proto string) {
	b := d.b
	if nonzero(p[dr : dr+4]) {
		b.printf("\n\t  Designated Router %s", d.p.host(p[dr:dr+4]))
	}
	if nonzero(p[dr+4 : dr+8]) {
		b.printf(", Backup Designated Router %s", d.p.host(p[dr+4:dr+8]))
	}
	if !list {
		return
	}
	b.str("\n\t  Neighbor List:")
	for off := dr + 8; off < len(p); off += 4 {
		if off+4 > len(p) {
			d.truncJmp(proto)
			return
		}
		b.str("\n\t    " + d.p.host(p[off:off+4]))
	}
}

// ospfRICaps are the router informational capabilities (RFC 7770).
var ospfRICaps = []bitName{{1, "Reserved"}, {2, "Reserved"}, {4, "Reserved"}, {8, "Reserved"}, {0x10, "graceful restart capable"},
	{0x20, "graceful restart helper"}, {0x40, "Stub router support"}, {0x80, "Traffic engineering"},
	{0x100, "p2p over LAN"}, {0x200, "path computation server"}}

// ospfRouterInfo prints a router information opaque LSA's TLVs (RFC
// 7770), p captured of its blen bytes; false when the capture ended.
func (d *dissector) ospfRouterInfo(p []byte, blen int) bool {
	b := d.b
	be := binary.BigEndian
	for off := 0; off < blen; { // each TLV moves off on by its header at least
		if off+4 > len(p) {
			d.truncJmp("ospf2")
			return false
		}
		typ, l := be.Uint16(p[off:]), int(be.Uint16(p[off+2:]))
		name := "unknown"
		if typ == 1 {
			name = "Router Capabilities"
		}
		b.printf("\n\t    %s TLV (%d), length: %d, value: ", name, typ, l)
		off += 4
		if off+l > len(p) {
			d.truncJmp("ospf2")
			return false
		}
		v := p[off : off+l]
		if typ == 1 && l >= 4 {
			b.str("Capabilities: " + bits32(be.Uint32(v), ospfRICaps, "Unknown"))
		} else if d.p.opts.Verbose <= 1 {
			unknownData(b, v, "\n\t      ", l)
		}
		off += l
	}
	return true
}
