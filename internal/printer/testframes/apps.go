package testframes

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
	return fs
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
