package testframes

import (
	"bytes"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// Apps returns appFrames with time stamps, for tests that print them
// without -n (names of ports, SNMP objects).
func Apps() []Frame {
	return stamp(append(appFrames(), noHexFrames()...), time.Date(2026, 5, 6, 8, 0, 0, 0, time.UTC))
}

// noHexFrames are frames compared without -x/-X/-A only: gocap's hex
// dump of a frame that ends at the link-layer header differs from
// tcpdump's (which dumps the link-layer header after a truncation).
func noHexFrames() []Frame {
	ipCut := udp4(1, 2, []byte{1, 2, 3})
	// No byte of the IPv4 header captured: tcpdump fails before naming IP.
	return []Frame{{Name: "ip-no-header", Data: ipCut[:14], Length: len(ipCut)}}
}

// appFrames are the application protocols of printer's telnet.go,
// snmp.go, isakmp.go and nfs.go (and ports tcpdump 4.99.3 does not decode
// in its default build: NetBIOS, SMB, LLMNR, POP, IMAP), with truncated
// and malformed variants.
func appFrames() []Frame {
	var fs []Frame
	add := func(name string, b []byte) { fs = append(fs, Frame{Name: name, Data: b, Length: len(b)}) }
	snap := func(name string, b []byte, n int) {
		fs = append(fs, Frame{Name: name, Data: b[:len(b)-n], Length: len(b)})
	}

	// Telnet option negotiation.
	add("telnet-negotiate", tcp4(23, 40000, 1, []byte{255, 251, 1, 255, 253, 3, 'h', 'i', '\r', '\n'}))
	add("telnet-only-commands", tcp4(40000, 23, 1, []byte{255, 253, 1, 255, 254, 99, 255, 241, 255, 249, 255, 255}))
	add("telnet-sb-ttype", tcp4(23, 40000, 1, []byte{255, 250, 24, 1, 255, 240, 255, 250, 24, 0, 'x', 't', 'e', 'r', 'm', 255, 240}))
	add("telnet-sb-auth", tcp4(40000, 23, 1, []byte{255, 250, 37, 0, 2, 0, 255, 240, 255, 250, 38, 1, 5, 255, 240, 255, 250, 37, 9, 8, 255, 240}))
	add("telnet-sb-naws", tcp4(40000, 23, 1, []byte{255, 250, 31, 0, 80, 0, 24, 255, 240}))
	add("telnet-sb-unterminated", tcp4(40000, 23, 1, []byte{255, 250, 24, 1, 2, 3}))
	add("telnet-sb-iac-last", tcp4(40000, 23, 1, []byte{255, 250, 24, 1, 255}))
	add("telnet-bad-cmd", tcp4(40000, 23, 1, []byte{255, 3, 'x'}))
	add("telnet-text", tcp4(40000, 23, 1, []byte("ls\r\n")))
	snap("telnet-snapped", tcp4(23, 40000, 1, []byte{255, 251, 1, 255, 253, 3}), 2)
	snap("telnet-snapped-sb", tcp4(23, 40000, 1, []byte{255, 250, 24, 1, 255, 240}), 3)

	// Text protocols tcpdump prints (WHOIS) and ones it does not (POP, IMAP).
	add("whois-query", tcp4(40000, 43, 1, []byte("example.com\r\n")))
	add("whois-reply", tcp4(43, 40000, 1, []byte("Domain Name: EXAMPLE.COM\r\nRegistrar: x\r\n")))
	add("pop-user", tcp4(40000, 110, 1, []byte("USER bob\r\n")))
	add("imap-login", tcp4(40000, 143, 1, []byte("a1 LOGIN bob x\r\n")))

	// NetBIOS and SMB: tcpdump 4.99.3 as built without ENABLE_SMB (its
	// default) prints them as plain UDP/TCP; LLMNR (5355) likewise.
	nbName := []byte{0x20}
	for i := 0; i < 15; i++ {
		nbName = append(nbName, 'E', 'B')
	}
	nbName = append(nbName, 'C', 'A', 0)
	add("nbns-query", udp4(137, 137, append(append([]byte{0x12, 0x34, 1, 0x10, 0, 1, 0, 0, 0, 0, 0, 0}, nbName...), 0, 0x20, 0, 1)))
	add("nbdgm", udp4(138, 138, []byte{0x11, 0x02, 0, 1, 10, 0, 0, 1, 0, 138, 0, 10, 0, 0}))
	add("nbss", tcp4(40000, 139, 1, []byte{0x81, 0, 0, 4, 1, 2, 3, 4}))
	add("smb2-445", tcp4(40000, 445, 1, []byte{0, 0, 0, 8, 0xfe, 'S', 'M', 'B', 64, 0, 0, 0}))
	add("llmnr-query", udp4(40000, 5355, []byte{0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1}))

	// SNMP: v1, v2c and v3 messages, every PDU type, the value types, and
	// malformed encodings.
	oid := tlv(6, []byte{0x2b, 6, 1, 2, 1, 1, 1, 0})
	vb := func(name, val []byte) []byte { return tlv(0x30, cat(name, val)) }
	pdu := func(tag byte, reqID, st, idx []byte, vbs ...[]byte) []byte {
		return tlv(tag, cat(tlv(2, reqID), tlv(2, st), tlv(2, idx), tlv(0x30, cat(vbs...))))
	}
	msg := func(version byte, community string, p []byte) []byte {
		return tlv(0x30, cat(tlv(2, []byte{version}), tlv(4, []byte(community)), p))
	}
	null := []byte{5, 0}
	add("snmp-v1-get", udp4(40400, 161, msg(0, "public", pdu(0xa0, []byte{1}, []byte{0}, []byte{0}, vb(oid, null)))))
	add("snmp-v2c-getnext-community", udp4(40400, 161, msg(1, "private", pdu(0xa1, []byte{0x12, 0x34}, []byte{0}, []byte{0}, vb(oid, null), vb(tlv(6, []byte{0x2b, 6, 1, 4, 1, 0x82, 0x37, 1}), null)))))
	add("snmp-v2c-response", udp4(161, 40400, msg(1, "public", pdu(0xa2, []byte{0x12, 0x34}, []byte{0}, []byte{0},
		vb(oid, tlv(4, []byte("Linux box 6.18"))),
		vb(oid, tlv(2, []byte{0xff, 0x38})),
		vb(oid, tlv(0x40, []byte{10, 199, 0, 1})),
		vb(oid, tlv(0x41, []byte{0x01, 0x00, 0x00})),
		vb(oid, tlv(0x42, []byte{0xff, 0xff, 0xff, 0xff})),
		vb(oid, tlv(0x43, []byte{0x12, 0x34, 0x56})),
		vb(oid, tlv(0x46, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})),
		vb(oid, tlv(4, []byte{0, 1, 0xfe})),
		vb(oid, tlv(4, nil)),
		vb(oid, tlv(6, []byte{0x2b, 6, 1, 4, 1, 0x8f, 0xff, 0xff, 0xff, 0x7f})),
		vb(oid, []byte{0x80, 0}), vb(oid, []byte{0x81, 0}), vb(oid, []byte{0x82, 0}),
		vb(oid, tlv(0x44, []byte{1, 2})),
		vb(oid, tlv(0x40, []byte{1, 2, 3})),
		vb(oid, tlv(1, []byte{1})),
	))))
	add("snmp-v2c-error", udp4(161, 40400, msg(1, "public", pdu(0xa2, []byte{7}, []byte{2}, []byte{1}, vb(oid, null)))))
	add("snmp-error-odd", udp4(161, 40400, msg(1, "public", pdu(0xa2, []byte{7}, []byte{99}, []byte{0}, vb(oid, null)))))
	add("snmp-error-index-only", udp4(161, 40400, msg(1, "public", pdu(0xa2, []byte{7}, []byte{0}, []byte{3}, vb(oid, null)))))
	add("snmp-get-with-value", udp4(40400, 161, msg(1, "public", pdu(0xa0, []byte{7}, []byte{1}, []byte{2}, vb(oid, tlv(2, []byte{5}))))))
	add("snmp-set", udp4(40400, 161, msg(1, "public", pdu(0xa3, []byte{8}, []byte{0}, []byte{0}, vb(oid, tlv(4, []byte("new")))))))
	add("snmp-getbulk", udp4(40400, 161, msg(1, "public", pdu(0xa5, []byte{9}, []byte{0}, []byte{10}, vb(oid, null)))))
	add("snmp-inform", udp4(40400, 162, msg(1, "public", pdu(0xa6, []byte{9}, []byte{0}, []byte{0}, vb(oid, tlv(0x43, []byte{1}))))))
	add("snmp-v2trap", udp4(40400, 162, msg(1, "public", pdu(0xa7, []byte{9}, []byte{0}, []byte{0}, vb(oid, tlv(0x43, []byte{1}))))))
	add("snmp-report", udp4(40400, 162, msg(1, "public", pdu(0xa8, []byte{9}, []byte{0}, []byte{0}, vb(oid, tlv(0x41, []byte{1}))))))
	trap := func(generic, specific byte) []byte {
		return tlv(0xa4, cat(tlv(6, []byte{0x2b, 6, 1, 4, 1, 9}), tlv(0x40, []byte{10, 199, 0, 9}),
			tlv(2, []byte{generic}), tlv(2, []byte{specific}), tlv(0x43, []byte{0, 0xc8}),
			tlv(0x30, vb(oid, tlv(2, []byte{1})))))
	}
	add("snmp-v1-trap", udp4(40400, 162, msg(0, "public", trap(3, 0))))
	add("snmp-v1-trap-enterprise", udp4(40400, 162, msg(0, "traps", trap(6, 42))))
	add("snmp-v1-trap-odd", udp4(40400, 162, msg(0, "public", trap(9, 1))))
	add("snmp-v2-in-v1", udp4(40400, 161, msg(0, "public", pdu(0xa5, []byte{9}, []byte{0}, []byte{10}, vb(oid, null)))))
	add("snmp-v1-in-v2", udp4(40400, 162, msg(1, "public", trap(3, 0))))
	add("snmp-bad-version", udp4(40400, 161, msg(5, "public", nil)))
	v3 := func(flags byte, model byte) []byte {
		usm := tlv(0x30, cat(tlv(4, []byte{0x80, 0, 0x1f, 0x88}), tlv(2, []byte{3}), tlv(2, []byte{0x01, 0x00}),
			tlv(4, []byte("alice")), tlv(4, make([]byte, 12)), tlv(4, nil)))
		return tlv(0x30, cat(tlv(2, []byte{3}),
			tlv(0x30, cat(tlv(2, []byte{0x11}), tlv(2, []byte{0x05, 0xdc}), tlv(4, []byte{flags}), tlv(2, []byte{model}))),
			tlv(4, usm),
			tlv(0x30, cat(tlv(4, []byte{0x80, 0, 0x1f, 0x88}), tlv(4, []byte("ctx")),
				pdu(0xa0, []byte{3}, []byte{0}, []byte{0}, vb(oid, null))))))
	}
	add("snmp-v3", udp4(40400, 161, v3(5, 3)))
	add("snmp-v3-bad-flags", udp4(40400, 161, v3(2, 3)))
	add("snmp-v3-model", udp4(40400, 161, v3(0, 2)))
	add("snmp-long-length", udp4(40400, 161, []byte{0x30, 0x82, 0x00, 0x0b, 2, 1, 1, 4, 1, 'x', 0xa0, 0x81, 0x02, 2, 0}))
	add("snmp-len-too-long", udp4(40400, 161, []byte{0x30, 0x20, 2, 1, 1}))
	add("snmp-asnlen-short", udp4(40400, 161, []byte{0x30, 0x84, 1}))
	add("snmp-ext-tag", udp4(40400, 161, []byte{0x3f, 0x81, 0x01, 0}))
	add("snmp-bad-id", udp4(40400, 161, []byte{0x1e, 0}))
	add("snmp-not-seq", udp4(40400, 161, []byte{0x06, 3, 0x2b, 6, 1}))
	add("snmp-empty", udp4(40400, 161, nil))
	add("snmp-int-zero-len", udp4(40400, 161, []byte{0x30, 2, 2, 0}))
	add("snmp-private", udp4(40400, 161, []byte{0xc0, 1, 0}))
	add("snmp-constructed-set", udp4(40400, 161, []byte{0x31, 0}))
	add("snmp-no-pdu", udp4(40400, 161, msg(1, "public", tlv(2, []byte{1}))))
	add("snmp-extra", udp4(40400, 161, append(msg(1, "public", pdu(0xa0, []byte{1}, []byte{0}, []byte{0}, vb(oid, null))), 0, 0)))
	full := msg(1, "public", pdu(0xa2, []byte{1}, []byte{0}, []byte{0}, vb(oid, tlv(4, []byte("a long enough string")))))
	for _, cut := range []int{1, 10, 22, 30} {
		snap("snmp-snapped", udp4(161, 40400, full), cut)
	}

	// ISAKMP: an IKEv1 main mode (the responder's replies from the other
	// address), aggressive and quick mode, informational, IKEv2, NAT-T.
	ickA := []byte{0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8}
	rck := []byte{0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8}
	zero8 := make([]byte, 8)
	attrB := func(t, v uint16) []byte { return []byte{byte(0x80 | t>>8), byte(t), byte(v >> 8), byte(v)} }
	attrV := func(t uint16, v []byte) []byte { return cat([]byte{byte(t >> 8), byte(t), 0, byte(len(v))}, v) }
	transformV1 := func(next, no, id byte, attrs ...[]byte) []byte {
		return ikePay(next, cat([]byte{no, id, 0, 0}, cat(attrs...)))
	}
	proposal := func(next, no, proto byte, spi []byte, ts ...[]byte) []byte {
		return ikePay(next, cat([]byte{no, proto, byte(len(spi)), byte(len(ts))}, spi, cat(ts...)))
	}
	saV1 := func(next byte, sit uint32, props ...[]byte) []byte {
		b := []byte{0, 0, 0, 1, byte(sit >> 24), byte(sit >> 16), byte(sit >> 8), byte(sit)}
		if sit != 1 {
			b = append(b, 0, 0, 0, 0)
		}
		return ikePay(next, cat(b, cat(props...)))
	}
	oakley := proposal(0, 1, 1, nil,
		transformV1(3, 1, 1, attrB(1, 7), attrB(14, 128), attrB(2, 4), attrB(3, 1), attrB(4, 14), attrB(11, 1), attrV(12, []byte{0, 0, 0x70, 0x80})),
		transformV1(0, 2, 1, attrB(1, 5), attrB(2, 2), attrB(3, 65001), attrB(4, 2), attrB(99, 3)))
	vid := ikePay(13, []byte{0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45, 0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f})
	vid2 := ikePay(0, []byte("draft-ietf-ipsec-nat-t-ike-02\n"))
	mm1 := ikeMsg(ickA, zero8, 1, 0x10, 2, 0, 0, cat(saV1(13, 1, oakley), vid, vid2))
	add("isakmp-mm1", udp4(500, 500, mm1))
	mm2 := ikeMsg(ickA, rck, 1, 0x10, 2, 0, 0, saV1(0, 1, proposal(0, 1, 1, nil, transformV1(0, 1, 1, attrB(1, 7), attrB(2, 2)))))
	add("isakmp-mm2-responder", udp4r(500, 500, mm2))
	nonce := make([]byte, 32)
	for i := range nonce {
		nonce[i] = byte(i * 7)
	}
	mm3 := ikeMsg(ickA, rck, 4, 0x10, 2, 0, 0, cat(ikePay(10, make([]byte, 128)), ikePay(20, nonce), ikePay(20, make([]byte, 20)), ikePay(0, make([]byte, 20))))
	add("isakmp-mm3", udp4(500, 500, mm3))
	add("isakmp-mm5-encrypted", udp4(500, 500, ikeMsg(ickA, rck, 5, 0x10, 2, 1, 0, make([]byte, 60))))
	add("isakmp-unknown-cookie", udp4r(500, 500, ikeMsg([]byte{9, 9, 9, 9, 9, 9, 9, 9}, rck, 8, 0x10, 2, 0, 0, ikePay(0, []byte{1, 2, 3, 4}))))
	ickB := []byte{0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8}
	idFQDN := ikePay(10, cat([]byte{2, 17, 1, 0xf4}, []byte("vpn.example.com")))
	agg := ikeMsg(ickB, zero8, 1, 0x10, 4, 0, 0, cat(saV1(4, 1, oakley), ikePay(10, make([]byte, 16)), ikePay(5, nonce[:16]), idFQDN[:0], ikePay(0, cat([]byte{2, 17, 1, 0xf4}, []byte("vpn.example.com")))))
	add("isakmp-aggressive", udp4(500, 500, agg))
	esp := proposal(0, 1, 3, []byte{0xde, 0xad, 0xbe, 0xef},
		transformV1(0, 1, 12, attrB(1, 1), attrV(2, []byte{0, 0, 0x0e, 0x10}), attrB(4, 1), attrB(5, 2), attrB(6, 256)))
	qm := ikeMsg(ickA, rck, 8, 0x10, 32, 1, 0x01020304, cat(
		ikePay(1, make([]byte, 20)),
		saV1(10, 1, esp),
		ikePay(5, nonce[:16]),
		ikePay(5, cat([]byte{4, 0, 0, 0}, []byte{10, 199, 1, 0, 255, 255, 255, 0})),
		ikePay(0, cat([]byte{1, 6, 0, 80}, []byte{10, 199, 2, 1}))))
	add("isakmp-quick-mode", udp4(500, 500, qm))
	ids := cat(ikePay(5, cat([]byte{5, 0, 0, 0}, make([]byte, 16))),
		ikePay(5, cat([]byte{7, 0, 0, 0}, []byte{10, 0, 0, 1, 10, 0, 0, 9})),
		ikePay(5, cat([]byte{6, 0, 0, 0}, make([]byte, 32))),
		ikePay(5, cat([]byte{8, 0, 0, 0}, make([]byte, 32))),
		ikePay(5, cat([]byte{1, 0, 0, 0}, []byte{10, 0})),
		ikePay(5, cat([]byte{11, 0, 0, 0}, []byte("key-1"))),
		ikePay(6, cat([]byte{3, 0, 0, 0}, []byte("user@example.com"))),
		ikePay(7, []byte{4, 1, 2, 3}), ikePay(9, []byte{4}), ikePay(0, []byte{1, 2, 3}))
	add("isakmp-ids-certs", udp4(500, 500, ikeMsg(ickA, rck, 5, 0x10, 2, 0, 0, ids)))
	notify := func(next byte, doi uint32, proto byte, typ uint16, spi, data []byte) []byte {
		return ikePay(next, cat([]byte{byte(doi >> 24), byte(doi >> 16), byte(doi >> 8), byte(doi), proto, byte(len(spi)), byte(typ >> 8), byte(typ)}, spi, data))
	}
	del := func(next byte, doi uint32, proto byte, spis ...[]byte) []byte {
		sz := 0
		if len(spis) > 0 {
			sz = len(spis[0])
		}
		return ikePay(next, cat([]byte{byte(doi >> 24), byte(doi >> 16), byte(doi >> 8), byte(doi), proto, byte(sz), 0, byte(len(spis))}, cat(spis...)))
	}
	inf := ikeMsg(ickA, rck, 8, 0x10, 5, 0, 0x0a0b0c0d, cat(
		ikePay(11, make([]byte, 20)),
		notify(11, 1, 3, 24578, []byte{1, 2, 3, 4}, nil),
		notify(11, 1, 1, 14, cck(16), nil),
		notify(11, 1, 3, 24577, []byte{1, 2, 3, 4}, []byte{0, 0, 0, 1}),
		notify(11, 1, 3, 24576, []byte{1, 2, 3, 4}, cat(attrB(11, 1), attrV(12, []byte{0, 1, 0x51, 0x80}))),
		notify(11, 1, 3, 9000, nil, []byte("some data that goes on and on and on")),
		notify(11, 7, 3, 16384, nil, nil),
		notify(12, 1, 3, 40000, nil, nil),
		del(12, 1, 3, []byte{1, 2, 3, 4}, []byte{5, 6, 7, 8}),
		del(0, 2, 1, cck(16))))
	add("isakmp-informational", udp4(500, 500, inf))
	add("isakmp-commit-flag", udp4(500, 500, ikeMsg(ickA, rck, 8, 0x10, 32, 3, 5, make([]byte, 8))))
	add("isakmp-zero-payload", udp4(500, 500, ikeMsg(ickA, rck, 13, 0x10, 2, 0, 0, []byte{0, 0, 0, 4})))
	add("isakmp-bad-payload-len", udp4(500, 500, ikeMsg(ickA, rck, 13, 0x10, 2, 0, 0, []byte{0, 0, 0, 200, 1})))
	add("isakmp-unknown-payload", udp4(500, 500, ikeMsg(ickA, rck, 20, 0x10, 2, 0, 0, ikePay(0, []byte{1}))))
	add("isakmp-major-3", udp4(500, 500, ikeMsg(ickA, rck, 0, 0x31, 2, 0, 0, nil)))
	add("isakmp-short", udp4(500, 500, make([]byte, 20)))
	lenBad := ikeMsg(ickA, rck, 0, 0x10, 2, 0, 0, nil)
	lenBad[27] = 99
	add("isakmp-len-mismatch", udp4(500, 500, lenBad))
	add("isakmp-odd-etype", udp4(500, 500, ikeMsg(ickA, rck, 0, 0x10, 99, 0, 0, nil)))
	add("isakmp-user-port", udp4(7500, 7500, ikeMsg(ickA, rck, 0, 0x10, 6, 0, 0, nil)))

	// IKEv2.
	v2t := func(next, typ byte, id uint16, attrs ...[]byte) []byte {
		return ikePay(next, cat([]byte{typ, 0, byte(id >> 8), byte(id)}, cat(attrs...)))
	}
	v2prop := func(next, no, proto byte, spi []byte, ts ...[]byte) []byte {
		return ikePay(next, cat([]byte{no, proto, byte(len(spi)), byte(len(ts))}, spi, cat(ts...)))
	}
	v2sa := ikePay(34, cat(
		v2prop(2, 1, 1, nil, v2t(3, 1, 12, attrB(14, 256)), v2t(3, 2, 2), v2t(3, 3, 2), v2t(3, 4, 14), v2t(0, 9, 7)),
		v2prop(0, 2, 3, []byte{1, 2, 3, 4}, v2t(3, 1, 20, attrB(14, 128)), v2t(0, 5, 0))))
	v2ke := ikePay(40, cat([]byte{0, 14, 0, 0}, make([]byte, 64)))
	v2nonce := ikePay(41, nonce)
	v2n := func(next byte, typ uint16, spi, data []byte) []byte {
		return ikePay(next, cat([]byte{1, byte(len(spi)), byte(typ >> 8), byte(typ)}, spi, data))
	}
	v2init := ikeMsg(ickB, zero8, 33, 0x20, 34, 0x08, 0, cat(v2sa, v2ke, v2nonce,
		v2n(41, 16388, nil, make([]byte, 20)),
		v2n(41, 16390, nil, []byte{1, 2, 3, 4, 5, 6, 7, 8}),
		v2n(41, 14, []byte{9, 9, 9, 9}, nil),
		v2n(41, 5000, nil, nil),
		v2n(41, 10000, nil, nil),
		v2n(41, 30000, nil, nil),
		v2n(43, 50000, nil, nil),
		ikePay(0, []byte("strongSwan\x01"))))
	add("ikev2-sa-init", udp4(500, 500, v2init))
	v2resp := ikeMsg(ickB, rck, 38, 0x20, 34, 0x20, 0, cat(
		ikePay(37, []byte{4, 1, 2, 3, 4}), ikePay(0, cat([]byte{1, 0, 0, 0}, make([]byte, 4)))))
	add("ikev2-sa-init-response", udp4r(500, 500, v2resp))
	v2auth := ikeMsg(ickB, rck, 46, 0x20, 35, 0x08, 1, ikePay(35, make([]byte, 80)))
	add("ikev2-auth-encrypted", udp4(4500, 4500, append([]byte{0, 0, 0, 0}, v2auth...)))
	v2clear := ikeMsg(ickB, rck, 35, 0x20, 35, 0x08, 2, cat(
		ikePay(36, cat([]byte{2, 0, 0, 0}, []byte("client.example"))),
		ikePay(39, cat([]byte{1, 0, 0, 0}, []byte{10, 199, 0, 1})),
		ikePay(44, cat([]byte{3, 0, 0, 0}, []byte("a@b\x01"))),
		ikePay(44, cat([]byte{2, 0, 0, 0}, make([]byte, 8))),
		ikePay(45, []byte{1, 0, 0, 0}), ikePay(42, []byte{3, 4, 0, 1, 1, 2, 3, 4}), ikePay(47, []byte{1, 0, 0, 0}),
		ikePay(48, []byte{1, 0, 0, 0}), ikePay(0x3a, []byte{1})))
	v2clear[45] |= 0x80 // the first payload critical
	add("ikev2-auth-clear", udp4(500, 500, v2clear))
	add("ikev2-child-sa", udp4(500, 500, ikeMsg(ickB, rck, 0, 0x20, 36, 0x28, 7, nil)))
	add("natt-keepalive", udp4(4500, 4500, []byte{0xff}))
	add("natt-short", udp4(4500, 4500, []byte{0, 0}))
	add("natt-nonesp-empty", udp4(4500, 4500, []byte{0, 0, 0, 0}))
	add("natt-nonesp-short", udp4(4500, 4500, []byte{0, 0, 0, 0, 1, 2, 3}))
	add("natt-esp-short", udp4(4500, 4500, []byte{1, 2, 3, 4, 5}))
	add("natt-esp-8", udp4(4500, 4500, []byte{1, 2, 3, 4, 5, 6, 7, 8}))
	add("natt-esp-9", udp4(4500, 4500, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9}))
	snap("natt-keepalive-snapped", udp4(4500, 4500, []byte{0xff}), 1)
	add("natt-nonesp-mm1", udp4(4500, 4500, append([]byte{0, 0, 0, 0}, mm1...)))
	for _, cut := range []int{1, 30, 60, 90, 140, 200} {
		snap("isakmp-mm1-snapped", udp4(500, 500, mm1), cut)
	}
	for _, cut := range []int{20, 50, 100, 200} {
		snap("ikev2-snapped", udp4(500, 500, v2init), cut)
	}
	snap("isakmp-hdr-snapped", udp4(500, 500, mm1), len(mm1)-20)

	// NFS: calls from 10.199.7.1, replies from the server, both versions;
	// the replies are matched to their calls by transaction ID.
	u32 := func(vs ...uint32) []byte {
		var b []byte
		for _, v := range vs {
			b = append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
		}
		return b
	}
	authUnix := cat(u32(1, 24, 0x12345678, 4), []byte("host"), u32(0, 0, 0))
	call := func(xid, vers, proc uint32, args ...[]byte) []byte {
		return cat(u32(xid, 0, 2, 100003, vers, proc), authUnix, u32(0, 0), cat(args...))
	}
	reply := func(xid uint32, res ...[]byte) []byte { return cat(u32(xid, 1, 0, 0, 0, 0), cat(res...)) }
	linuxFH := []byte{1, 0, 7, 1, 0x9e, 0x2b, 0x4c, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99,
		0xaa, 0xbb, 0xcc, 0xdd, 0x02, 0x00, 0x00, 0x00, 0x10, 0x20, 0x30, 0x40}
	fh3 := func(h []byte) []byte { return cat(u32(uint32(len(h))), h) }
	name := func(s string) []byte {
		b := cat(u32(uint32(len(s))), []byte(s))
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return b
	}
	fattr3 := cat(u32(1, 0o100644, 1, 1000, 1000), u32(0, 4096), u32(0, 8192), u32(0, 0), u32(0, 0x801), u32(0, 0x1234),
		u32(1700000000, 5), u32(1700000001, 6), u32(1700000002, 7))
	post := cat(u32(1), fattr3)
	wcc := cat(u32(1), u32(0, 4096), u32(1700000000, 1, 1700000000, 2), post)
	cookie := u32(0, 0)
	nfsU := func(name string, sport uint16, b []byte) { add(name, udp4(sport, 2049, b)) }
	nfsR := func(name string, dport uint16, b []byte) { add(name, udp4r(2049, dport, b)) }
	nfsU("nfs3-getattr", 800, call(0x100, 3, 1, fh3(linuxFH)))
	nfsR("nfs3-getattr-reply", 800, reply(0x100, u32(0), fattr3))
	nfsU("nfs3-lookup", 800, call(0x101, 3, 3, fh3(linuxFH), name("passwd")))
	nfsR("nfs3-lookup-reply", 800, reply(0x101, u32(0), fh3(linuxFH), post, post))
	nfsU("nfs3-lookup-missing", 800, call(0x102, 3, 3, fh3(linuxFH), name("nope\x01")))
	nfsR("nfs3-lookup-enoent", 800, reply(0x102, u32(2), post))
	nfsU("nfs3-access", 800, call(0x103, 3, 4, fh3(linuxFH), u32(0x1f)))
	nfsR("nfs3-access-reply", 800, reply(0x103, u32(0), post, u32(0x1b)))
	nfsU("nfs3-access-full", 800, call(0x104, 3, 4, fh3(linuxFH), u32(0x3f)))
	nfsU("nfs3-access-odd", 800, call(0x105, 3, 4, fh3(linuxFH), u32(0x140)))
	nfsU("nfs3-read", 800, call(0x106, 3, 6, fh3(linuxFH), u32(0, 65536, 4096)))
	nfsR("nfs3-read-reply", 800, reply(0x106, u32(0), post, u32(4096, 1, 4096), make([]byte, 64)))
	nfsU("nfs3-write", 800, call(0x107, 3, 7, fh3(linuxFH), u32(0, 8192, 512, 2, 512), make([]byte, 32)))
	nfsR("nfs3-write-reply", 800, reply(0x107, u32(0), wcc, u32(512, 2, 0xcafe, 0xbabe)))
	nfsU("nfs3-create", 800, call(0x108, 3, 8, fh3(linuxFH), name("new.txt"), u32(0, 1, 0o644, 0, 0, 0, 0, 0)))
	nfsR("nfs3-create-reply", 800, reply(0x108, u32(0), u32(1), fh3(linuxFH), post, wcc))
	nfsU("nfs3-mkdir", 800, call(0x109, 3, 9, fh3(linuxFH), name("dir")))
	nfsR("nfs3-mkdir-exists", 800, reply(0x109, u32(17), wcc))
	nfsU("nfs3-symlink", 800, call(0x10a, 3, 10, fh3(linuxFH), name("ln"), u32(1, 0o777, 1, 0, 0, 0, 2, 5, 6, 0), name("target")))
	nfsR("nfs3-symlink-reply", 800, reply(0x10a, u32(0), u32(0)))
	nfsU("nfs3-mknod", 800, call(0x10b, 3, 11, fh3(linuxFH), name("dev"), u32(4), u32(1, 0o600, 0, 0, 0, 0, 0), u32(8, 1)))
	nfsU("nfs3-remove", 800, call(0x10c, 3, 12, fh3(linuxFH), name("old")))
	nfsR("nfs3-remove-reply", 800, reply(0x10c, u32(0), wcc))
	nfsU("nfs3-rename", 800, call(0x10d, 3, 14, fh3(linuxFH), name("a"), fh3(linuxFH), name("b")))
	nfsR("nfs3-rename-reply", 800, reply(0x10d, u32(0), wcc, wcc))
	nfsU("nfs3-link", 800, call(0x10e, 3, 15, fh3(linuxFH), fh3(linuxFH), name("hard")))
	nfsR("nfs3-link-reply", 800, reply(0x10e, u32(0), post, wcc))
	nfsU("nfs3-readlink", 800, call(0x10f, 3, 5, fh3(linuxFH)))
	nfsR("nfs3-readlink-reply", 800, reply(0x10f, u32(0), post, name("/etc/target")))
	nfsU("nfs3-readdir", 800, call(0x110, 3, 16, fh3(linuxFH), cookie, u32(1, 2), u32(4096)))
	nfsR("nfs3-readdir-reply", 800, reply(0x110, u32(0), post, u32(3, 4), u32(0, 1)))
	nfsU("nfs3-readdirplus", 800, call(0x111, 3, 17, fh3(linuxFH), cookie, u32(1, 2), u32(4096, 32768)))
	nfsR("nfs3-readdirplus-err", 800, reply(0x111, u32(10003), u32(0)))
	nfsU("nfs3-fsstat", 800, call(0x112, 3, 18, fh3(linuxFH)))
	nfsR("nfs3-fsstat-reply", 800, reply(0x112, u32(0), post, u32(0, 1000000, 0, 500000, 0, 400000, 0, 1000, 0, 900, 0, 800, 0)))
	nfsU("nfs3-fsinfo", 800, call(0x113, 3, 19, fh3(linuxFH)))
	nfsR("nfs3-fsinfo-reply", 800, reply(0x113, u32(0), u32(0), u32(1048576, 1048576, 4096, 1048576, 1048576, 4096, 4096, 0xffffffff, 0xffffffff, 0, 1, 0x1b)))
	nfsU("nfs3-pathconf", 800, call(0x114, 3, 20, fh3(linuxFH)))
	nfsR("nfs3-pathconf-reply", 800, reply(0x114, u32(0), u32(0), u32(32000, 255, 1, 1, 0, 1)))
	nfsU("nfs3-commit", 800, call(0x115, 3, 21, fh3(linuxFH), u32(0, 0, 0)))
	nfsR("nfs3-commit-reply", 800, reply(0x115, u32(0), wcc, u32(0xcafe, 0xbabe)))
	nfsU("nfs3-setattr", 800, call(0x116, 3, 2, fh3(linuxFH), u32(1, 0o600, 0, 0, 0, 0, 0, 0)))
	nfsR("nfs3-setattr-reply", 800, reply(0x116, u32(0), wcc))
	nfsU("nfs3-null", 800, call(0x117, 3, 0))
	nfsR("nfs3-null-reply", 800, reply(0x117))
	nfsU("nfs3-proc-99", 800, call(0x118, 3, 99))
	nfsU("nfs3-proc-22", 800, call(0x119, 3, 22))
	nfsU("nfs3-proc-25", 800, call(0x11a, 3, 25))
	nfsU("nfs2-proc-25", 800, call(0x11b, 2, 25))
	fattr2 := u32(2, 0o40755, 2, 0, 0, 512, 4096, 0, 1, 7, 99, 1700000000, 1, 1700000000, 2, 1700000000, 3)
	v2fh := make([]byte, 32)
	v2fh[0], v2fh[1], v2fh[12] = 3, 9, 42 // BSD 4.4 style
	nfsU("nfs2-getattr", 801, call(0x200, 2, 1, v2fh))
	nfsR("nfs2-getattr-reply", 801, reply(0x200, u32(0), fattr2))
	nfsU("nfs2-lookup", 801, call(0x201, 2, 4, v2fh, name("etc")))
	nfsR("nfs2-lookup-reply", 801, reply(0x201, u32(0), v2fh, fattr2))
	nfsU("nfs2-read", 801, call(0x202, 2, 6, v2fh, u32(0, 8192, 0)))
	nfsR("nfs2-read-reply", 801, reply(0x202, u32(0), fattr2, u32(0)))
	nfsU("nfs2-write", 801, call(0x203, 2, 8, v2fh, u32(0, 0, 100, 100)))
	nfsU("nfs2-readdir", 801, call(0x204, 2, 16, v2fh, u32(0, 1024)))
	nfsR("nfs2-readdir-reply", 801, reply(0x204, u32(0), u32(0x10, 20, 1)))
	nfsU("nfs2-statfs", 801, call(0x205, 2, 17, v2fh))
	nfsR("nfs2-statfs-reply", 801, reply(0x205, u32(0), u32(8192, 4096, 1000, 500, 400)))
	nfsU("nfs2-remove", 801, call(0x206, 2, 10, v2fh, name("x")))
	nfsR("nfs2-remove-err", 801, reply(0x206, u32(13)))
	nfsU("nfs2-root", 801, call(0x207, 2, 3, v2fh))
	nfsR("nfs-unmatched-reply", 801, reply(0x9999, u32(0)))
	nfsR("nfs-prog-unavail", 801, cat(u32(0x205, 1, 0, 0, 0, 1)))
	nfsR("nfs-denied-mismatch", 801, cat(u32(0x205, 1, 1, 0, 2, 2)))
	nfsR("nfs-denied-auth", 801, cat(u32(0x205, 1, 1, 1, 5)))
	nfsR("nfs-denied-auth-odd", 801, cat(u32(0x205, 1, 1, 1, 55)))
	nfsR("nfs-denied-odd", 801, cat(u32(0x205, 1, 1, 7)))
	nfsR("nfs-reply-odd-stat", 801, cat(u32(0x205, 1, 9)))
	add("nfs-call-from-server-port", udp4(2049, 2049, call(0x300, 3, 1, fh3(linuxFH))))
	// File handle layouts parsenfsfh guesses.
	for i, h := range [][]byte{
		{0, 0, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0, 0, 0, 1, 2},
		{0, 0, 1, 2, 3, 0, 0, 0, 12, 0, 0, 0, 0, 0, 1, 2},
		{0, 0, 1, 2, 0, 8, 0, 0, 0, 0, 0, 9, 0, 0, 1, 2},
		{0, 0, 1, 2, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 1, 2},
		{1, 2, 0, 0, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 9, 0},
		{1, 2, 0, 0, 5, 6, 7, 8, 9, 10, 9, 9, 9, 9, 9, 9},
		{1, 2, 0, 0, 5, 6, 7, 8, 9, 11, 9, 9, 9, 9, 9, 9},
		{1, 2, 3, 4, 5, 6, 7, 8, 12, 0, 9, 9, 9, 9, 9, 9},
		{1, 2, 3, 4, 0, 0, 0, 0, 0, 10, 9, 9, 9, 9, 9, 9},
		{1, 2, 3, 4, 0, 0, 0, 2, 0, 10, 9, 9, 9, 9, 9, 9},
		cat([]byte{1, 'D', 'K', 'A', '1', ' ', 'x', 0, 0, 0, 0, 0, 0, 0}, make([]byte, 14)),
		{1, 2, 3, 4, 5, 6, 7, 8},
		make([]byte, 40),
	} {
		h = append(h, make([]byte, (4-len(h)%4)%4)...)
		nfsU("nfs3-fh-layout", uint16(900+i), call(uint32(0x400+i), 3, 1, fh3(h)))
	}
	// NFS over TCP: the record mark, then the message.
	rec := func(m []byte) []byte { return cat(u32(0x80000000|uint32(len(m))), m) }
	add("nfs-tcp-call", tcp4(40500, 2049, 1, rec(call(0x500, 3, 1, fh3(linuxFH)))))
	add("nfs-tcp-reply", withTCP(swap4(ipv4(layers.IPProtocolTCP)), tcp(2049, 40500, 1, 1, "PA"), rec(reply(0x500, u32(0), fattr3)), eth(layers.EthernetTypeIPv4)))
	add("nfs-tcp-short", tcp4(40500, 2049, 1, []byte{0x80, 0, 0}))
	// Truncated and malformed.
	lk := call(0x600, 3, 3, fh3(linuxFH), name("passwd"))
	for _, cut := range []int{2, 6, 12, 30, len(lk) - 20} {
		snap("nfs-call-snapped", udp4(802, 2049, lk), cut)
	}
	nfsU("nfs-bad-fh-len", 803, call(0x601, 3, 1, u32(4000), linuxFH))
	nfsU("nfs-huge-name", 803, call(0x602, 3, 3, fh3(linuxFH), u32(0xfffffffe)))
	nfsU("nfs-big-cred", 803, cat(u32(0x603, 0, 2, 100003, 3, 1, 1, 0xffffffff), make([]byte, 40)))
	nfsU("nfs-short-call", 803, u32(0x604, 0, 2))
	// Over IPv6: the cookie and transaction-ID caches keep IPv6 addresses.
	udp6 := func(sport, dport uint16, b []byte) []byte {
		return withUDP(ipv6(layers.IPProtocolUDP), sport, dport, b, eth(layers.EthernetTypeIPv6))
	}
	udp6r := func(sport, dport uint16, b []byte) []byte {
		return withUDP(swap6(ipv6(layers.IPProtocolUDP)), sport, dport, b, eth(layers.EthernetTypeIPv6))
	}
	ickC := []byte{0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8}
	add("isakmp6-mm1", udp6(500, 500, ikeMsg(ickC, zero8, 13, 0x10, 2, 0, 0, vid2)))
	add("isakmp6-mm2", udp6r(500, 500, ikeMsg(ickC, rck, 13, 0x10, 2, 0, 0, vid2)))
	add("isakmp6-mm3", udp6(500, 500, ikeMsg(ickC, rck, 13, 0x10, 2, 0, 0, vid2)))
	add("nfs6-getattr", udp6(700, 2049, call(0x700, 3, 1, fh3(linuxFH))))
	add("nfs6-getattr-reply", udp6r(2049, 700, reply(0x700, u32(0), fattr3)))
	add("snmp6-get", udp6(40400, 161, msg(1, "public", pdu(0xa0, []byte{1}, []byte{0}, []byte{0}, vb(oid, null)))))
	// Reset segments: tcpdump hands their data to the application
	// printers unless -v prints it as RST data.
	rst := func(sport, dport uint16, b []byte) []byte {
		return withTCP(ipv4(layers.IPProtocolTCP), tcp(sport, dport, 1, 1, "RA"), b, eth(layers.EthernetTypeIPv4))
	}
	add("telnet-rst", rst(23, 40000, []byte{255, 251, 1}))
	add("whois-rst", rst(43, 40000, []byte("No match\r\n")))
	add("ssh-rst", rst(22, 40000, []byte("SSH-2.0-x\r\n")))
	add("bgp-rst", rst(179, 40000, append(bytes.Repeat([]byte{0xff}, 16), 0, 19, 4)))
	add("dns-tcp-rst", rst(53, 40000, append([]byte{0, 12, 0, 7}, make([]byte, 10)...)))
	add("nfs-tcp-rst", rst(40500, 2049, rec(call(0x501, 3, 1, fh3(linuxFH)))))
	// A UDP length shorter than the IP payload: the decoders read on to
	// the end of the datagram, as tcpdump's do.
	short := udp4(500, 500, ikeMsg(ickA, rck, 13, 0x10, 2, 0, 0, vid2))
	short[38], short[39] = 0, 8+19
	add("isakmp-udp-length-short", short)
	short = udp4(800, 2049, call(0x800, 3, 1, fh3(linuxFH)))
	short[38], short[39] = 0, 8+40
	add("nfs-udp-length-short", short)
	// IPv4-compatible and -mapped IPv6 addresses in IKE identities.
	add("isakmp-id-ipv6-forms", udp4(500, 500, ikeMsg(ickA, rck, 5, 0x10, 2, 0, 0, cat(
		ikePay(5, cat([]byte{5, 0, 0, 0}, make([]byte, 12), []byte{10, 1, 2, 3})),
		ikePay(0, cat([]byte{5, 0, 0, 0}, make([]byte, 10), []byte{0xff, 0xff, 10, 1, 2, 3}))))))
	// Both ports known: tcpdump 4.99.3's udp_print order decides.
	snmpGet := msg(1, "public", pdu(0xa0, []byte{1}, []byte{0}, []byte{0}, vb(oid, null)))
	add("order-snmp-dhcp6", udp4(161, 547, snmpGet))
	add("order-ntp-snmp", udp4(123, 162, snmpGet))
	add("order-isakmp-snmp", udp4(500, 161, mm2))
	add("order-isakmp-ntp", udp4(123, 500, mm2))
	add("order-natt-snmp", udp4(162, 4500, []byte{0xff}))
	add("order-isakmp-user-snmp", udp4(8500, 161, mm2))
	add("order-nfs-first", udp4(161, 2049, call(0x900, 3, 1, fh3(linuxFH))))
	add("order-ptp-last", udp4(319, 500, mm2))
	// ESP over IP: tcpdump wants more than the SPI and sequence number.
	espIP := IP4(50, []byte{0, 0, 1, 0, 0, 0, 0, 7, 1, 2})
	snap("esp-only-spi-seq", espIP, 2)
	snap("esp-one-more", espIP, 1)
	esp6 := IP6(50, []byte{0, 0, 1, 0, 0, 0, 0, 7, 1, 2})
	snap("esp6-only-spi-seq", esp6, 2)
	add("esp6", esp6)
	// One byte of the IPv4 header captured.
	ipCut := udp4(1, 2, []byte{1, 2, 3})
	fs = append(fs, Frame{Name: "ip-one-byte", Data: ipCut[:15], Length: len(ipCut)})
	rp := reply(0x100, u32(0), fattr3)
	for _, cut := range []int{4, 40, 80} {
		fs = append(fs, Frame{Name: "nfs-reply-snapped", Data: udp4r(2049, 800, rp)[:len(udp4r(2049, 800, rp))-cut], Length: len(udp4r(2049, 800, rp))})
	}
	return fs
}

// ikePay is an ISAKMP generic payload header (next payload, length) and
// its body.
func ikePay(next byte, body []byte) []byte {
	n := len(body) + 4
	return cat([]byte{next, 0, byte(n >> 8), byte(n)}, body)
}

// ikeMsg is an ISAKMP header and its payloads.
func ikeMsg(ick, rck []byte, np, version, etype, flags byte, msgid uint32, payloads []byte) []byte {
	n := 28 + len(payloads)
	return cat(ick, rck, []byte{np, version, etype, flags,
		byte(msgid >> 24), byte(msgid >> 16), byte(msgid >> 8), byte(msgid),
		byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}, payloads)
}

// cck is n bytes counting from 1.
func cck(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i + 1)
	}
	return b
}

// udp4r is udp4 from the other address.
func udp4r(sport, dport uint16, payload []byte) []byte {
	return withUDP(swap4(ipv4(layers.IPProtocolUDP)), sport, dport, payload, eth(layers.EthernetTypeIPv4))
}

// tlv is a BER element with a short or long-form length.
func tlv(tag byte, v []byte) []byte {
	switch {
	case len(v) < 0x80:
		return append([]byte{tag, byte(len(v))}, v...)
	case len(v) < 0x100:
		return append([]byte{tag, 0x81, byte(len(v))}, v...)
	default:
		return append([]byte{tag, 0x82, byte(len(v) >> 8), byte(len(v))}, v...)
	}
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}
