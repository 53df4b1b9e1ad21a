package testframes

import "github.com/gopacket/gopacket/layers"

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
	add("natt-nonesp-mm1", udp4(4500, 4500, append([]byte{0, 0, 0, 0}, mm1...)))
	for _, cut := range []int{1, 30, 60, 90, 140, 200} {
		snap("isakmp-mm1-snapped", udp4(500, 500, mm1), cut)
	}
	for _, cut := range []int{20, 50, 100, 200} {
		snap("ikev2-snapped", udp4(500, 500, v2init), cut)
	}
	snap("isakmp-hdr-snapped", udp4(500, 500, mm1), len(mm1)-20)
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
