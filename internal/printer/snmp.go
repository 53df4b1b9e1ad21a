package printer

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
)

// SNMP (UDP ports 161 and 162) as tcpdump's snmp_print (built without
// libsmi): the BER-encoded message walked by a fixed sequence of element
// reads (version, community or the v3 header, the PDU, its variable
// bindings), never recursively; every element's length is checked against
// the bytes that enclose it. Object identifiers are numeric with -n and
// otherwise named through tcpdump's compiled-in MIB (snmpmib.go).

// BER element kinds (tcpdump's BE_ types).
const (
	beAny = iota
	beNull
	beOctet
	beOID
	beInt
	beUns
	beStr
	beSeq
	beInetAddr
	bePDU
	beUns64
	beNoSuchObject
	beNoSuchInst
	beEndOfMibView
)

// SNMP PDU tags (context class).
const (
	snmpGetReq     = 0
	snmpGetNextReq = 1
	snmpSetReq     = 3
	snmpTrap       = 4
	snmpGetBulkReq = 5
	snmpInformReq  = 6
	snmpV2Trap     = 7
	snmpReport     = 8
)

var (
	berUniversal = []string{"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID",
		"ObjectDes", "U-8", "U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set"}
	berApplication = []string{"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64"}
	berContext     = []string{"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
		"GetBulk", "Inform", "V2Trap", "Report"}
	berPrivate    = []string{"P-0"}
	berExceptions = []string{"noSuchObject", "noSuchInstance", "endOfMibView"}
	berClasses    = [][]string{berUniversal, berApplication, berContext, berPrivate}
	berForms      = "PC"

	snmpErrorStatus = []string{"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr",
		"noAccess", "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
		"inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
		"authorizationError", "notWritable", "inconsistentName"}
	snmpGenericTrap = []string{"coldStart", "warmStart", "linkDown", "linkUp",
		"authenticationFailure", "egpNeighborLoss", "enterpriseSpecific"}
	snmpVersions = []string{"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"}
)

// berElem is one parsed element (tcpdump's struct be).
type berElem struct {
	typ     int
	class   byte
	id      byte
	asnlen  uint32
	off     int // the contents' offset in the captured data
	integer int32
	uns     uint32
	uns64   uint64
}

// truncPanic unwinds a decoder when a byte it must read was not captured
// (tcpdump's longjmp from GET_ macros); the decoder's entry point
// recovers it and prints the protocol's marker.
type truncPanic struct{}

// snmpDec holds one message's captured bytes.
type snmpDec struct {
	d    *dissector
	b    *buf
	data []byte
	v    int
}

func (s *snmpDec) u8(at int) byte {
	if at < 0 || at >= len(s.data) {
		panic(truncPanic{})
	}
	return s.data[at]
}

// have reports whether n bytes at off were captured.
func (s *snmpDec) have(off int, n uint32) bool {
	return off >= 0 && off <= len(s.data) && uint64(len(s.data)-off) >= uint64(n)
}

// snmp prints an SNMP message of length bytes (data captured).
func (d *dissector) snmp(data []byte, length int) {
	s := &snmpDec{d: d, b: d.b, data: data, v: d.p.opts.Verbose}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(truncPanic); !ok {
				panic(r)
			}
			d.truncJmp("snmp")
		}
	}()
	s.message(uint32(length))
}

// parse reads the element at p within length bytes; it returns the bytes
// it spans, or -1 after printing why it cannot.
func (s *snmpDec) parse(p int, length uint32, e *berElem) int {
	b := s.b
	*e = berElem{typ: beAny}
	if length < 1 {
		b.str("[nothing to parse]")
		return -1
	}
	c := s.u8(p)
	id := c & 0x1f
	form := (c & 0x20) >> 5
	class := (c & 0xc0) >> 6
	p++
	length--
	hdr := 1
	if id == 0x1f {
		id = 0
		for s.u8(p)&0x80 != 0 {
			if length < 1 {
				b.str("[Xtagfield?]")
				return -1
			}
			id = id<<7 | s.u8(p)&0x7f
			length--
			hdr++
			p++
		}
		if length < 1 {
			b.str("[Xtagfield?]")
			return -1
		}
		id = id<<7 | s.u8(p)
		length--
		hdr++
		p++
	}
	e.class, e.id = class, id
	if length < 1 {
		b.str("[no asnlen]")
		return -1
	}
	e.asnlen = uint32(s.u8(p))
	p++
	length--
	hdr++
	if e.asnlen&0x80 != 0 {
		noct := e.asnlen % 0x80
		e.asnlen = 0
		if length < noct {
			b.printf("[asnlen? %d<%d]", int32(length), noct)
			return -1
		}
		if !s.have(p, noct) {
			b.trunc("snmp")
			return -1
		}
		for ; noct != 0; noct-- {
			e.asnlen = e.asnlen<<8 | uint32(s.data[p])
			p++
			length--
			hdr++
		}
	}
	if length < e.asnlen {
		b.printf("[len%d<asnlen%d]", int32(length), e.asnlen)
		return -1
	}
	names := berClasses[class]
	if int(id) >= len(names) {
		b.printf("[id?%c/x/%d]", berForms[form], id)
		return -1
	}
	if !s.have(p, e.asnlen) {
		b.trunc("snmp")
		return -1
	}
	e.off = p
	contents := s.data[p : p+int(e.asnlen)]
	if form == 0 {
		switch class {
		case 0:
			switch id {
			case 4:
				e.typ = beStr
			case 2:
				e.typ = beInt
				if e.asnlen == 0 {
					b.str("[asnlen=0]")
					return -1
				}
				var v uint32
				if contents[0]&0x80 != 0 {
					v = 0xffffffff
				}
				for _, c := range contents {
					v = v<<8 | uint32(c)
				}
				e.integer = int32(v)
			case 6:
				e.typ = beOID
			case 5:
				e.typ = beNull
			default:
				e.typ = beOctet
				b.str("[P/U/" + names[id] + "]")
			}
		case 1:
			switch id {
			case 0:
				e.typ = beInetAddr
			case 1, 2, 3:
				e.typ = beUns
				var v uint32
				for _, c := range contents {
					v = v<<8 + uint32(c)
				}
				e.uns = v
			case 6:
				e.typ = beUns64
				var v uint64
				for _, c := range contents {
					v = v<<8 + uint64(c)
				}
				e.uns64 = v
			default:
				e.typ = beOctet
				b.str("[P/A/" + names[id] + "]")
			}
		case 2:
			switch id {
			case 0:
				e.typ = beNoSuchObject
			case 1:
				e.typ = beNoSuchInst
			case 2:
				e.typ = beEndOfMibView
			}
		default:
			b.str("[P/x/" + names[id] + "]")
			e.typ = beOctet
		}
	} else {
		switch class {
		case 0:
			if id == 16 {
				e.typ = beSeq
			} else {
				e.typ = beOctet
				b.str("C/U/" + names[id])
			}
		case 2:
			e.typ = bePDU
		default:
			e.typ = beOctet
			b.str("C/x/" + names[id])
		}
	}
	return int(e.asnlen) + hdr
}

func (s *snmpDec) contents(e *berElem) []byte { return s.data[e.off : e.off+int(e.asnlen)] }

func (s *snmpDec) printOctets(e *berElem) {
	for _, c := range s.contents(e) {
		s.b.printf("_%.2x", c)
	}
}

func (s *snmpDec) printString(e *berElem) {
	str := s.contents(e)
	for _, c := range str {
		if !isPrint(c) {
			for i, c := range str {
				if i > 0 {
					s.b.str("_")
				}
				s.b.printf("%.2x", c)
			}
			return
		}
	}
	s.b.str("\"")
	s.b.s = append(s.b.s, str...)
	s.b.str("\"")
}

// print is asn1_print.
func (s *snmpDec) print(e *berElem) {
	b := s.b
	switch e.typ {
	case beOctet:
		s.printOctets(e)
	case beNull:
	case beOID:
		s.printOID(s.contents(e))
	case beInt:
		b.s = strconv.AppendInt(b.s, int64(e.integer), 10)
	case beUns:
		b.uint(uint64(e.uns))
	case beUns64:
		b.uint(e.uns64)
	case beStr:
		s.printString(e)
	case beSeq:
		b.printf("Seq(%d)", e.asnlen)
	case beInetAddr:
		if e.asnlen != 4 {
			b.str("[inetaddr len!=4]")
		}
		for i, c := range s.contents(e) {
			if i > 0 {
				b.str(".")
			}
			b.uint(uint64(c))
		}
	case beNoSuchObject, beNoSuchInst, beEndOfMibView:
		b.str("[" + berExceptions[e.id] + "]")
	case bePDU:
		b.printf("%s(%d)", berContext[e.id], e.asnlen)
	case beAny:
		b.str("[BE_ANY!?]")
	default:
		b.str("[be!?]")
	}
}

// expect parses an element that must be of type typ; otherwise it prints
// "[what]" and the element, and reports false.
func (s *snmpDec) expect(p int, length uint32, e *berElem, typ int, what string) (int, bool) {
	n := s.parse(p, length, e)
	if n < 0 {
		return n, false
	}
	if e.typ != typ {
		s.b.str("[" + what + "]")
		s.print(e)
		return n, false
	}
	return n, true
}

func (s *snmpDec) message(length uint32) {
	b := s.b
	b.str(" ")
	var e berElem
	n, ok := s.expect(0, length, &e, beSeq, "!init SEQ")
	if !ok {
		return
	}
	if uint32(n) < length {
		b.printf("[%d extra after iSEQ]", int32(length-uint32(n)))
	}
	p, length := e.off, e.asnlen
	n, ok = s.expect(p, length, &e, beInt, "version!=INT")
	if !ok {
		return
	}
	switch e.integer {
	case 0, 1, 3:
		if s.v > 0 {
			b.str("{ " + snmpVersions[e.integer] + " ")
		}
	default:
		b.printf("SNMP [version = %d]", e.integer)
		return
	}
	version := e.integer
	p += n
	length -= uint32(n)
	if version == 3 {
		s.v3msg(p, length)
	} else {
		s.community(p, length, version)
	}
	if s.v > 0 {
		b.str("} ")
	}
}

func (s *snmpDec) community(p int, length uint32, version int32) {
	var e berElem
	n, ok := s.expect(p, length, &e, beStr, "comm!=STR")
	if !ok {
		return
	}
	if string(s.contents(&e)) != "public" {
		s.b.str("C=")
		s.printString(&e)
		s.b.str(" ")
	}
	s.pdu(p+n, length-uint32(n), version)
}

func (s *snmpDec) pdu(p int, length uint32, version int32) {
	b := s.b
	var e berElem
	n := s.parse(p, length, &e)
	if n < 0 {
		return
	}
	if e.typ != bePDU {
		b.str("[no PDU]")
		return
	}
	if uint32(n) < length {
		b.printf("[%d extra after PDU]", int32(length-uint32(n)))
	}
	if s.v > 0 {
		b.str("{ ")
	}
	s.print(&e)
	b.str(" ")
	if version == 0 && (e.id == snmpGetBulkReq || e.id == snmpInformReq || e.id == snmpV2Trap || e.id == snmpReport) {
		b.str("[v2 PDU in v1 message]")
		return
	}
	if version == 1 && e.id == snmpTrap {
		b.str("[v1 PDU in v2 message]")
		return
	}
	if e.id == snmpTrap {
		s.trap(e.off, e.asnlen)
	} else {
		s.snmpPDU(e.id, e.off, e.asnlen)
	}
	if s.v > 0 {
		b.str(" } ")
	}
}

func (s *snmpDec) errorStatus(v int32) string {
	if v >= 0 && int(v) < len(snmpErrorStatus) {
		return snmpErrorStatus[v]
	}
	return "err=" + strconv.FormatUint(uint64(uint32(v)), 10)
}

func (s *snmpDec) snmpPDU(id byte, p int, length uint32) {
	b := s.b
	var e berElem
	n, ok := s.expect(p, length, &e, beInt, "reqId!=INT")
	if !ok {
		return
	}
	if s.v > 0 {
		b.printf("R=%d ", e.integer)
	}
	p += n
	length -= uint32(n)
	n, ok = s.expect(p, length, &e, beInt, "errorStatus!=INT")
	if !ok {
		return
	}
	strict := id == snmpGetReq || id == snmpGetNextReq || id == snmpSetReq || id == snmpInformReq ||
		id == snmpV2Trap || id == snmpReport
	var errStatus int32
	switch {
	case strict && e.integer != 0:
		b.str("[errorStatus(" + s.errorStatus(e.integer) + ")!=0]")
	case id == snmpGetBulkReq:
		b.printf(" N=%d", e.integer)
	case e.integer != 0:
		b.str(" " + s.errorStatus(e.integer))
		errStatus = e.integer
	}
	p += n
	length -= uint32(n)
	n, ok = s.expect(p, length, &e, beInt, "errorIndex!=INT")
	if !ok {
		return
	}
	switch {
	case strict && e.integer != 0:
		b.printf("[errorIndex(%d)!=0]", e.integer)
	case id == snmpGetBulkReq:
		b.printf(" M=%d", e.integer)
	case e.integer != 0:
		if errStatus == 0 {
			b.printf("[errorIndex(%d) w/o errorStatus]", e.integer)
		} else {
			b.printf("@%d", e.integer)
		}
	case errStatus != 0:
		b.str("[errorIndex==0]")
	}
	p += n
	length -= uint32(n)
	s.varbinds(id, p, length)
}

func (s *snmpDec) trap(p int, length uint32) {
	b := s.b
	b.str(" ")
	var e berElem
	n, ok := s.expect(p, length, &e, beOID, "enterprise!=OID")
	if !ok {
		return
	}
	s.print(&e)
	p += n
	length -= uint32(n)
	b.str(" ")
	if n, ok = s.expect(p, length, &e, beInetAddr, "agent-addr!=INETADDR"); !ok {
		return
	}
	s.print(&e)
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beInt, "generic-trap!=INT"); !ok {
		return
	}
	generic := e.integer
	if generic >= 0 && int(generic) < len(snmpGenericTrap) {
		b.str(" " + snmpGenericTrap[generic])
	} else {
		b.printf(" gt=%d", generic)
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beInt, "specific-trap!=INT"); !ok {
		return
	}
	if generic != 6 {
		if e.integer != 0 {
			b.printf("[specific-trap(%d)!=0]", e.integer)
		}
	} else {
		b.printf(" s=%d", e.integer)
	}
	p += n
	length -= uint32(n)
	b.str(" ")
	if n, ok = s.expect(p, length, &e, beUns, "time-stamp!=TIMETICKS"); !ok {
		return
	}
	s.print(&e)
	p += n
	length -= uint32(n)
	s.varbinds(snmpTrap, p, length)
}

// varbinds prints the variable bindings; each iteration consumes at least
// one element header of the list.
func (s *snmpDec) varbinds(id byte, p int, length uint32) {
	b := s.b
	var e berElem
	n, ok := s.expect(p, length, &e, beSeq, "!SEQ of varbind")
	if !ok {
		return
	}
	if uint32(n) < length {
		b.printf("[%d extra after SEQ of varbind]", int32(length-uint32(n)))
	}
	p, length = e.off, e.asnlen
	read := id == snmpGetReq || id == snmpGetNextReq || id == snmpGetBulkReq
	for length > 0 {
		b.str(" ")
		n, ok := s.expect(p, length, &e, beSeq, "!varbind")
		if !ok {
			return
		}
		vbEnd, vbLength := p+n, length-uint32(n)
		p, length = e.off, e.asnlen
		if n, ok = s.expect(p, length, &e, beOID, "objName!=OID"); !ok {
			return
		}
		s.print(&e)
		p += n
		length -= uint32(n)
		if !read {
			b.str("=")
		}
		if n = s.parse(p, length, &e); n < 0 {
			return
		}
		if e.typ != beNull {
			if read {
				b.str("[objVal!=NULL]")
			}
			s.print(&e)
		}
		p, length = vbEnd, vbLength
	}
}

func (s *snmpDec) v3msg(p int, length uint32) {
	b := s.b
	start, total := p, length
	var e berElem
	n, ok := s.expect(p, length, &e, beSeq, "!message")
	if !ok {
		return
	}
	hdrEnd := p + n
	p, length = e.off, e.asnlen
	if s.v > 0 {
		b.str("{ ")
	}
	if n, ok = s.expect(p, length, &e, beInt, "msgID!=INT"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beInt, "msgMaxSize!=INT"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beStr, "msgFlags!=STR"); !ok {
		return
	}
	if e.asnlen != 1 {
		b.printf("[msgFlags size %d]", e.asnlen)
		return
	}
	flags := s.data[e.off]
	switch flags {
	case 0, 1, 3, 4, 5, 7:
	default:
		b.printf("[msgFlags=0x%02X]", flags)
		return
	}
	p += n
	length -= uint32(n)
	b.str("F=")
	if flags&1 != 0 {
		b.str("a")
	}
	if flags&2 != 0 {
		b.str("p")
	}
	if flags&4 != 0 {
		b.str("r")
	}
	b.str(" ")
	if n, ok = s.expect(p, length, &e, beInt, "msgSecurityModel!=INT"); !ok {
		return
	}
	model := e.integer
	p += n
	length -= uint32(n)
	if uint32(n) < length {
		b.printf("[%d extra after message SEQ]", int32(length-uint32(n)))
	}
	if s.v > 0 {
		b.str("} ")
	}
	if model != 3 {
		b.printf("[security model %d]", model)
		return
	}
	if s.v > 0 {
		b.str("{ USM ")
	}
	// tcpdump continues after the header's last element, in the whole
	// message's length.
	_ = hdrEnd
	length = total - uint32(p-start)
	if n, ok = s.expect(p, length, &e, beStr, "msgSecurityParameters!=STR"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	s.usm(e.off, e.asnlen)
	if s.v > 0 {
		b.str("} ")
	}
	if s.v > 0 {
		b.str("{ ScopedPDU ")
	}
	s.scopedPDU(p, length)
	if s.v > 0 {
		b.str("} ")
	}
}

func (s *snmpDec) usm(p int, length uint32) {
	b := s.b
	var e berElem
	n, ok := s.expect(p, length, &e, beSeq, "!usm")
	if !ok {
		return
	}
	p, length = e.off, e.asnlen
	if n, ok = s.expect(p, length, &e, beStr, "msgAuthoritativeEngineID!=STR"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beInt, "msgAuthoritativeEngineBoots!=INT"); !ok {
		return
	}
	if s.v > 0 {
		b.printf("B=%d ", e.integer)
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beInt, "msgAuthoritativeEngineTime!=INT"); !ok {
		return
	}
	if s.v > 0 {
		b.printf("T=%d ", e.integer)
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beStr, "msgUserName!=STR"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	b.str("U=")
	s.printString(&e)
	b.str(" ")
	if n, ok = s.expect(p, length, &e, beStr, "msgAuthenticationParameters!=STR"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	if n, ok = s.expect(p, length, &e, beStr, "msgPrivacyParameters!=STR"); !ok {
		return
	}
	length -= uint32(n)
	if uint32(n) < length {
		b.printf("[%d extra after usm SEQ]", int32(length-uint32(n)))
	}
}

func (s *snmpDec) scopedPDU(p int, length uint32) {
	b := s.b
	var e berElem
	n, ok := s.expect(p, length, &e, beSeq, "!scoped PDU")
	if !ok {
		return
	}
	p, length = e.off, e.asnlen
	if n, ok = s.expect(p, length, &e, beStr, "contextEngineID!=STR"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	b.str("E=")
	s.printOctets(&e)
	b.str(" ")
	if n, ok = s.expect(p, length, &e, beStr, "contextName!=STR"); !ok {
		return
	}
	p += n
	length -= uint32(n)
	b.str("C=")
	s.printString(&e)
	b.str(" ")
	s.pdu(p, length, 3)
}

// mibNode is one object of snmpMIB; children by sub-identifier.
type mibNode struct {
	name     string
	children map[uint32]*mibNode
}

var (
	mibOnce sync.Once
	mibRoot map[uint32]*mibNode // the top level (iso)
)

func mibTree() map[uint32]*mibNode {
	mibOnce.Do(func() {
		root := &mibNode{}
		for _, line := range strings.Split(strings.TrimSpace(snmpMIB), "\n") {
			path, name, _ := strings.Cut(line, " ")
			n := root
			for _, sub := range strings.Split(path, ".") {
				v, _ := strconv.ParseUint(sub, 10, 32)
				if n.children == nil {
					n.children = map[uint32]*mibNode{}
				}
				c := n.children[uint32(v)]
				if c == nil {
					c = &mibNode{}
					n.children[uint32(v)] = c
				}
				n = c
			}
			n.name = name
		}
		mibRoot = root.children
	})
	return mibRoot
}

// snmpAbbrevs are the OID prefixes tcpdump abbreviates (as encoded), with
// their labels and the numeric path into the MIB.
var snmpAbbrevs = []struct {
	enc   []byte
	label string
	path  []uint32
}{
	{[]byte{0x2b, 6, 1, 2, 1}, "", []uint32{1, 3, 6, 1, 2, 1}},
	{[]byte{0x2b, 6, 1, 4, 1}, "E:", []uint32{1, 3, 6, 1, 4, 1}},
	{[]byte{0x2b, 6, 1, 3}, "X:", []uint32{1, 3, 6, 1, 3}},
	{[]byte{0x2b, 6, 1, 6, 3}, "S:", []uint32{1, 3, 6, 1, 6, 3}},
}

// printOID prints an object identifier as asn1_print: numerically with
// -n, otherwise through the MIB as far as its names reach, after an
// abbreviated prefix.
func (s *snmpDec) printOID(oid []byte) {
	b := s.b
	numeric := s.d.p.opts.Numeric
	var cur map[uint32]*mibNode
	first := -1
	if !numeric && len(oid) > 2 {
		for _, a := range snmpAbbrevs {
			if len(oid) >= len(a.enc) && bytes.Equal(oid[:len(a.enc)], a.enc) {
				cur = mibTree()
				for _, v := range a.path {
					if n := cur[v]; n != nil {
						cur = n.children
					} else {
						cur = nil
					}
				}
				oid = oid[len(a.enc):]
				b.str(a.label)
				first = 1
				break
			}
		}
	}
	put := func(v uint32, suppressDot bool) {
		if n := cur[v]; n != nil {
			if !suppressDot {
				b.str(".")
			}
			b.str(n.name)
			cur = n.children
			return
		}
		cur = nil
		if !suppressDot {
			b.str(".")
		}
		b.uint(uint64(v))
	}
	var o uint32
	for _, c := range oid {
		o = o<<7 + uint32(c&^0x80)
		if c&0x80 != 0 {
			continue
		}
		if first < 0 {
			if !numeric {
				cur = mibTree()
			}
			first = 0
			sub := o / 40
			if sub > 2 {
				sub = 2
			}
			put(sub, false)
			o -= sub * 40
		}
		put(o, first > 0)
		if first--; first < 0 {
			first = 0
		}
		o = 0
	}
}
