package testframes

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"net"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// udp4 is an Ethernet/IPv4/UDP frame between the fixed addresses.
func udp4(sport, dport uint16, payload []byte) []byte {
	return withUDP(ipv4(layers.IPProtocolUDP), sport, dport, payload, eth(layers.EthernetTypeIPv4))
}

// UDP4 is an Ethernet/IPv4/UDP frame carrying payload, for tests that
// craft application messages.
func UDP4(sport, dport uint16, payload []byte) []byte { return udp4(sport, dport, payload) }

// tcp4 is an Ethernet/IPv4/TCP segment (PSH|ACK) carrying payload.
func tcp4(sport, dport uint16, seq uint32, payload []byte) []byte {
	return withTCP(ipv4(layers.IPProtocolTCP), tcp(sport, dport, seq, 1, "PA"), payload, eth(layers.EthernetTypeIPv4))
}

// DNSForwardPointers is a DNS message whose question name is a compression
// pointer forwards, to a run of labels that ends in a pointer back to
// itself, and whose answers (an of them) point there too: a name reader
// that follows pointers without requiring them to point backwards loops
// (or, with a hop limit, does hops × run length work per name).
func DNSForwardPointers(response bool, an int) []byte {
	const hdr = 12
	qEnd := hdr + 2 + 4
	rrLen := 2 + 10 + 4
	region := qEnd + an*rrLen
	m := make([]byte, region)
	binary.BigEndian.PutUint16(m[0:], 0x5151)
	if response {
		binary.BigEndian.PutUint16(m[2:], 0x8180)
	} else {
		binary.BigEndian.PutUint16(m[2:], 0x0100)
	}
	binary.BigEndian.PutUint16(m[4:], 1)
	binary.BigEndian.PutUint16(m[6:], uint16(an))
	ptr := 0xc000 | uint16(region)
	binary.BigEndian.PutUint16(m[hdr:], ptr)
	binary.BigEndian.PutUint32(m[hdr+2:], 0x00010001) // A IN
	for i := 0; i < an; i++ {
		rr := m[qEnd+i*rrLen:]
		binary.BigEndian.PutUint16(rr, ptr)
		binary.BigEndian.PutUint32(rr[2:], 0x00010001)
		binary.BigEndian.PutUint32(rr[6:], 60)
		binary.BigEndian.PutUint16(rr[10:], 4)
		copy(rr[12:], []byte{10, 199, 0, byte(i)})
	}
	for i := 0; i < 8; i++ {
		label := make([]byte, 63)
		for j := range label {
			label[j] = 'a' + byte(i)
		}
		m = append(append(m, 63), label...)
	}
	return append(m, byte(ptr>>8), byte(ptr))
}

// Protocols returns frames of the application and routing protocols the
// printer decodes beyond the transport layer, and hostile variants of
// them, for comparison with tcpdump.
func Protocols() []Frame {
	var fs []Frame
	add := func(name string, b []byte) { fs = append(fs, Frame{Name: name, Data: b, Length: len(b)}) }

	add("dns-fwdptr-query", udp4(40000, 53, DNSForwardPointers(false, 0)))
	add("dns-fwdptr-response", udp4(53, 40000, DNSForwardPointers(true, 20)))
	fwd := DNSForwardPointers(true, 3)
	add("dns-fwdptr-tcp", tcp4(53, 40000, 1, append([]byte{byte(len(fwd) >> 8), byte(len(fwd))}, fwd...)))

	// Text protocols over TCP.
	get := "GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: gocap-test\r\nAccept: */*\r\n\r\n"
	add("http-get", tcp4(40100, 80, 1, []byte(get)))
	add("http-response", tcp4(80, 40100, 1, []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello")))
	add("http-body", tcp4(80, 40100, 200, []byte("more body bytes without a status line\r\n")))
	add("http-binary", tcp4(80, 40100, 300, []byte{0x17, 0x03, 0x03, 0x00, 0x20, 1, 2, 3}))
	add("http-post-8080", tcp4(40101, 8080, 1, []byte("post /form HTTP/1.0\r\nContent-Length: 3\r\n\r\na=b")))
	add("http-no-eol", tcp4(40102, 80, 1, []byte("GET /partial HTTP/1.1\r\nHost: exa")))
	add("http-lf-only", tcp4(40103, 80, 1, []byte("HEAD / HTTP/1.0\nHost: x\n\n")))
	add("http-tab", tcp4(40104, 80, 1, []byte("GET\t/ HTTP/1.0\r\n\r\n")))
	snapped := tcp4(40105, 80, 1, []byte(get))
	fs = append(fs, Frame{Name: "http-snapped", Data: snapped[:54+30], Length: len(snapped)})
	add("rtsp-describe", tcp4(40106, 554, 1, []byte("DESCRIBE rtsp://example.com/media.mp4 RTSP/1.0\r\nCSeq: 2\r\n\r\n")))
	add("rtsp-reply", tcp4(554, 40106, 1, []byte("RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n")))
	add("ftp-greeting", tcp4(21, 40107, 1, []byte("220 FTP server ready\r\n")))
	add("ftp-user", tcp4(40107, 21, 1, []byte("USER anonymous\r\n")))
	add("smtp-ehlo", tcp4(40108, 25, 1, []byte("EHLO client.example\r\n")))
	add("smtp-reply", tcp4(25, 40108, 1, []byte("250-server.example\r\n250 8BITMIME\r\n")))

	// TFTP.
	add("tftp-rrq", udp4(40200, 69, []byte("\x00\x01file1\x00octet\x00")))
	add("tftp-wrq-options", udp4(40200, 69, []byte("\x00\x02dir/f\x00netascii\x00blksize\x001428\x00tsize\x000\x00")))
	add("tftp-oack", udp4(69, 40200, []byte("\x00\x06blksize\x001428\x00")))
	add("tftp-data", udp4(69, 40200, []byte("\x00\x03\x00\x07data")))
	add("tftp-ack", udp4(40200, 69, []byte("\x00\x04\x00\x07")))
	add("tftp-error", udp4(69, 40200, []byte("\x00\x05\x00\x01File not found\x00")))
	add("tftp-error-unknown", udp4(69, 40200, []byte("\x00\x05\x00\x63odd\x00")))
	add("tftp-bad-opcode", udp4(40200, 69, []byte("\x00\x09xx")))
	add("tftp-no-nul", udp4(40200, 69, []byte("\x00\x01file1")))
	add("tftp-short", udp4(40200, 69, []byte("\x00")))
	add("tftp-rrq-no-mode", udp4(40200, 69, []byte("\x00\x01f\x00")))

	// BFD control packets: plain, each authentication type, echo, multihop.
	bfd := func(flags byte, auth []byte) []byte {
		m := []byte{0x20 | 3, flags, 3, byte(24 + len(auth)), 0, 0, 0, 7, 0, 0, 0, 9,
			0, 0x0f, 0x42, 0x40, 0, 0x0f, 0x42, 0x40, 0, 0, 0xc3, 0x50}
		return append(m, auth...)
	}
	add("bfd-control", udp4(40300, 3784, bfd(0xc0|0x20, nil)))
	add("bfd-md5", udp4(40300, 3784, bfd(0x44, append([]byte{2, 24, 5, 0, 0, 0, 1, 2}, make([]byte, 16)...))))
	add("bfd-sha1", udp4(40300, 3784, bfd(0x44, append([]byte{5, 28, 5, 0, 0, 0, 1, 3}, make([]byte, 20)...))))
	add("bfd-md5-badlen", udp4(40300, 3784, bfd(0x44, append([]byte{3, 20, 5, 0, 0, 0, 1, 2}, make([]byte, 12)...))))
	add("bfd-password-badlen", udp4(40300, 3784, bfd(0x84, []byte{1, 2, 0, 'x'})))
	add("bfd-password-long", udp4(40300, 3784, bfd(0x84, append([]byte{1, 20, 4}, "0123456789abcdefg"...))))
	add("bfd-password-short", udp4(40300, 3784, bfd(0x84, []byte{1, 3})))
	add("bfd-sha1-badlen", udp4(40300, 3784, bfd(0x84, []byte{4, 3, 1, 0})))
	add("bfd-echo", udp4(3785, 3785, []byte("echo-payload-0123")))
	add("bfd-multihop", udp4(40300, 4784, bfd(0xc8, nil)))
	add("bfd-v0", udp4(40300, 3784, []byte{0x00, 0xc0, 3, 24}))
	add("bfd-short", udp4(40300, 3784, bfd(0xc0, nil)[:20]))

	// NTP: server replies of each stratum kind, a MAC, extension bytes,
	// control messages, a short message.
	ntp := func(status, stratum byte, poll, prec int8, extra int) []byte {
		m := make([]byte, 48+extra)
		m[0], m[1], m[2], m[3] = status, stratum, byte(poll), byte(prec)
		binary.BigEndian.PutUint32(m[4:], 0x00012345)
		binary.BigEndian.PutUint32(m[8:], 0x0000a000)
		copy(m[12:], []byte{192, 0, 2, 1})
		for i, ts := range []uint64{0xe9a1b2c3_80000000, 0xe9a1b2c4_12345678, 0xe9a1b2c4_9abcdef0, 0xe9a1b2c3_fedcba98} {
			binary.BigEndian.PutUint64(m[16+8*i:], ts)
		}
		for i := 48; i < len(m); i++ {
			m[i] = byte(i)
		}
		return m
	}
	add("ntp-server-stratum2", udp4(123, 40400, ntp(0x24, 2, 10, -20, 0)))
	gps := ntp(0x1c, 1, 4, -29, 0)
	copy(gps[12:], "GPS\x00")
	add("ntp-server-primary", udp4(123, 40400, gps))
	add("ntp-unsync-negative-poll", udp4(40400, 123, ntp(0xe3, 0, -6, 32, 0)))
	add("ntp-stratum16", udp4(123, 40400, ntp(0x24, 16, 40, 0, 0)))
	add("ntp-info-query", udp4(123, 40400, ntp(0x24, 254, 6, 0, 0)))
	add("ntp-keyid", udp4(123, 40400, ntp(0x24, 3, 6, 0, 4)))
	add("ntp-md5", udp4(123, 40400, ntp(0x24, 3, 6, 0, 20)))
	add("ntp-sha1", udp4(123, 40400, ntp(0x24, 3, 6, 0, 24)))
	add("ntp-extension", udp4(123, 40400, ntp(0x24, 3, 6, 0, 12)))
	add("ntp-short", udp4(123, 40400, ntp(0x24, 3, 6, 0, 0)[:30]))
	add("ntp-control-request", udp4(40400, 123, []byte{0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}))
	add("ntp-control-response", udp4(123, 40400, append([]byte{0x16, 0xa2, 0, 1, 0x06, 0x15, 0, 3, 0, 0, 0, 4}, "abcd"...)))
	add("ntp-control-bad-count", udp4(123, 40400, []byte{0x16, 0xc2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9}))

	// DNS records of the common types, in every section, EDNS options,
	// multicast DNS and LLMNR.
	rr := func(name string, t layers.DNSType) layers.DNSResourceRecord {
		return layers.DNSResourceRecord{Name: []byte(name), Type: t, Class: layers.DNSClassIN, TTL: 3725}
	}
	a := rr("www.example.com", layers.DNSTypeA)
	a.IP = net.IP{192, 0, 2, 80}
	aaaa := rr("www.example.com", layers.DNSTypeAAAA)
	aaaa.IP = net.ParseIP("2001:db8::80")
	cname := rr("alias.example.com", layers.DNSTypeCNAME)
	cname.CNAME = []byte("www.example.com")
	mx := rr("example.com", layers.DNSTypeMX)
	mx.MX = layers.DNSMX{Preference: 10, Name: []byte("mail.example.com")}
	txt := rr("example.com", layers.DNSTypeTXT)
	txt.TXTs = [][]byte{[]byte("v=spf1 -all"), []byte("quote\"and\x01ctl")}
	srv := rr("_sip._udp.example.com", layers.DNSTypeSRV)
	srv.SRV = layers.DNSSRV{Priority: 1, Weight: 2, Port: 5060, Name: []byte("sip.example.com")}
	ns1 := rr("example.com", layers.DNSTypeNS)
	ns1.NS = []byte("ns1.example.com")
	soa := rr("example.com", layers.DNSTypeSOA)
	soa.SOA = layers.DNSSOA{MName: []byte("ns1.example.com"), RName: []byte("hostmaster.example.com"),
		Serial: 2026010101, Refresh: 7200, Retry: 900, Expire: 1209600, Minimum: 300}
	ptr := rr("80.2.0.192.in-addr.arpa", layers.DNSTypePTR)
	ptr.PTR = []byte("www.example.com")
	chaos := rr("version.bind", layers.DNSTypeTXT)
	chaos.Class = layers.DNSClass(3)
	chaos.TXTs = [][]byte{[]byte("9.18")}
	opt := layers.DNSResourceRecord{Type: layers.DNSTypeOPT, Class: 1232, TTL: 0x8000, OPT: []layers.DNSOPT{
		{Code: layers.DNSOptionCodeCookie, Data: []byte{1, 2, 3, 4, 5, 6, 7, 8}},
		{Code: layers.DNSOptionCodeEDNSClientSubnet, Data: []byte{0, 1, 24, 0, 198, 51, 100}},
		{Code: layers.DNSOptionCode(11), Data: []byte{0, 150}},
		{Code: layers.DNSOptionCode(12), Data: make([]byte, 7)},
		{Code: layers.DNSOptionCode(3)},
		{Code: layers.DNSOptionCode(65001), Data: []byte{0xab}},
	}}
	q := func(name string, t layers.DNSType) []layers.DNSQuestion {
		return []layers.DNSQuestion{{Name: []byte(name), Type: t, Class: layers.DNSClassIN}}
	}
	msg := func(m *layers.DNS) []byte { return serialize(m) }
	add("dns-a-aaaa", udp4(53, 40500, msg(&layers.DNS{ID: 1, QR: true, RD: true, RA: true, Questions: q("www.example.com", layers.DNSTypeA),
		Answers: []layers.DNSResourceRecord{a, aaaa}, Authorities: []layers.DNSResourceRecord{ns1}, Additionals: []layers.DNSResourceRecord{opt}})))
	add("dns-cname-mx-txt", udp4(53, 40500, msg(&layers.DNS{ID: 2, QR: true, AA: true, RD: true, RA: true, Questions: q("alias.example.com", layers.DNSType(255)),
		Answers: []layers.DNSResourceRecord{cname, mx, txt, srv, ptr}})))
	add("dns-nxdomain-soa", udp4(53, 40500, msg(&layers.DNS{ID: 3, QR: true, RD: true, RA: true, ResponseCode: layers.DNSResponseCodeNXDomain,
		Questions: q("nope.example.com", layers.DNSTypeA), Authorities: []layers.DNSResourceRecord{soa}})))
	add("dns-query-edns", udp4(40500, 53, msg(&layers.DNS{ID: 4, RD: true, Questions: q("www.example.com", layers.DNSTypeAAAA),
		Additionals: []layers.DNSResourceRecord{opt}})))
	add("dns-query-two", udp4(40500, 53, msg(&layers.DNS{ID: 5, Questions: append(q("a.example", layers.DNSTypeMX), q("b.example", layers.DNSTypeSRV)...)})))
	add("dns-chaos", udp4(53, 40500, msg(&layers.DNS{ID: 6, QR: true, Questions: []layers.DNSQuestion{{Name: []byte("version.bind"), Type: layers.DNSTypeTXT, Class: layers.DNSClass(3)}},
		Answers: []layers.DNSResourceRecord{chaos}})))
	full := msg(&layers.DNS{ID: 7, QR: true, RD: true, RA: true, Questions: q("www.example.com", layers.DNSTypeA), Answers: []layers.DNSResourceRecord{a, aaaa, a}})
	add("dns-answers-cut", udp4(53, 40500, full[:len(full)-20]))
	mdnsQ := msg(&layers.DNS{Questions: []layers.DNSQuestion{{Name: []byte("_ipp._tcp.local"), Type: layers.DNSTypePTR, Class: layers.DNSClass(0x8001)}}})
	add("mdns-query", udp4(5353, 5353, mdnsQ))
	mptr := rr("_ipp._tcp.local", layers.DNSTypePTR)
	mptr.Class = layers.DNSClass(0x8001)
	mptr.PTR = []byte("printer._ipp._tcp.local")
	add("mdns-response", udp4(5353, 5353, msg(&layers.DNS{QR: true, AA: true, Answers: []layers.DNSResourceRecord{mptr}})))
	add("llmnr-query", udp4(40501, 5355, msg(&layers.DNS{ID: 8, Questions: q("host", layers.DNSTypeA)})))

	// IGMP of every version, PIM version 1 in IGMP, PIM version 2.
	igmp := func(m []byte, fixSum bool) []byte {
		if fixSum {
			binary.BigEndian.PutUint16(m[2:], inetChecksum(m))
		}
		return serialize(eth(layers.EthernetTypeIPv4), ipv4(layers.IPProtocolIGMP), gopacket.Payload(m))
	}
	add("igmp-v1-query", igmp([]byte{0x11, 0, 0, 0, 0, 0, 0, 0}, true))
	add("igmp-v2-query", igmp([]byte{0x11, 100, 0, 0, 0, 0, 0, 0}, true))
	add("igmp-v2-group-query", igmp([]byte{0x11, 10, 0, 0, 239, 1, 2, 3}, true))
	add("igmp-v3-query", igmp([]byte{0x11, 100, 0, 0, 0, 0, 0, 0, 2, 125, 0, 0}, true))
	add("igmp-v3-group-query", igmp([]byte{0x11, 200, 0, 0, 239, 1, 2, 3, 2, 125, 0, 2, 10, 0, 0, 1, 10, 0, 0, 2}, true))
	add("igmp-v3-query-short-mrt", igmp([]byte{0x11, 50, 0, 0, 239, 1, 2, 3, 2, 125, 0, 0}, true))
	add("igmp-v1-report", igmp([]byte{0x12, 0, 0, 0, 239, 1, 2, 3}, true))
	add("igmp-v2-report", igmp([]byte{0x16, 0, 0, 0, 239, 1, 2, 3}, true))
	add("igmp-leave", igmp([]byte{0x17, 0, 0, 0, 239, 1, 2, 3}, true))
	add("igmp-v2-report-badsum", igmp([]byte{0x16, 0, 0x12, 0x34, 239, 1, 2, 3}, false))
	add("igmp-v3-report", igmp([]byte{0x22, 0, 0, 0, 0, 0, 0, 2,
		4, 0, 0, 0, 239, 1, 1, 1,
		1, 0, 0, 2, 239, 2, 2, 2, 10, 0, 0, 1, 10, 0, 0, 2}, true))
	add("igmp-v3-report-bad-count", igmp([]byte{0x22, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 239, 1, 1, 1}, true))
	add("igmp-unknown", igmp([]byte{0x30, 0, 0, 0, 0, 0, 0, 0}, true))
	add("pimv1-query", igmp([]byte{0x14, 0, 0, 0, 0x10, 0, 0, 0, 0x10, 0, 0, 105}, true))
	add("pimv1-register", igmp(append([]byte{0x14, 1, 0, 0, 0x10, 0, 0, 0, 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0}, 10, 0, 0, 1, 239, 1, 1, 1), true))
	add("pimv1-assert", igmp([]byte{0x14, 5, 0, 0, 0x20, 0, 0, 0, 239, 1, 1, 1, 255, 255, 255, 0, 10, 0, 0, 1, 0x80, 0, 0, 5, 0, 0, 0, 7}, true))
	pim2 := func(m []byte) []byte {
		binary.BigEndian.PutUint16(m[2:], inetChecksum(m))
		return serialize(eth(layers.EthernetTypeIPv4), ipv4(layers.IPProtocol(103)), gopacket.Payload(m))
	}
	add("pim-hello", pim2([]byte{0x20, 0, 0, 0, 0, 1, 0, 2, 0, 105, 0, 2, 0, 4, 0x81, 0xf4, 0x09, 0xc4,
		0, 19, 0, 4, 0, 0, 0, 1, 0, 20, 0, 4, 1, 2, 3, 4, 0, 24, 0, 6, 1, 0, 10, 0, 0, 9, 0, 99, 0, 1, 7}))
	add("pim-join", pim2([]byte{0x23, 0, 0, 0, 1, 0, 10, 0, 0, 1, 0, 2, 0, 210,
		1, 0, 0, 32, 239, 1, 1, 1, 0, 1, 0, 1, 1, 0, 7, 32, 10, 0, 0, 5, 1, 0, 4, 24, 10, 0, 1, 0,
		1, 0, 0, 24, 239, 2, 0, 0, 0, 0, 0, 0}))
	add("pim-assert", pim2([]byte{0x25, 0, 0, 0, 1, 0, 0, 32, 239, 1, 1, 1, 1, 0, 10, 0, 0, 1, 0x80, 0, 0, 9, 0, 0, 0, 3}))
	inner := ipv4(layers.IPProtocolUDP)
	inner.DstIP = net.IP{239, 1, 1, 1}
	add("pim-register", pim2(append([]byte{0x21, 0, 0, 0, 0x40, 0, 0, 0}, withUDP(inner, 1000, 2000, []byte("data"))...)))
	add("pim-register-stop", pim2([]byte{0x22, 0, 0, 0, 1, 0, 0, 32, 239, 1, 1, 1, 1, 0, 10, 0, 0, 1}))
	add("pim-bad-cksum", serialize(eth(layers.EthernetTypeIPv4), ipv4(layers.IPProtocol(103)), gopacket.Payload([]byte{0x20, 0, 0x12, 0x34, 0, 1, 0, 2, 0, 105})))
	add("pim-unknown", pim2([]byte{0x2c, 0, 0, 0, 1, 2}))

	// BGP messages.
	bgp := func(typ byte, body ...byte) []byte {
		m := append(bytes.Repeat([]byte{0xff}, 16), 0, 0, typ)
		m = append(m, body...)
		binary.BigEndian.PutUint16(m[16:], uint16(len(m)))
		return m
	}
	open := bgp(1, 4, 0xfd, 0xe9, 0, 90, 192, 0, 2, 1, 30,
		2, 28, 1, 4, 0, 1, 0, 1, 2, 0, 65, 4, 0, 1, 0, 1, 64, 6, 0x80, 0x78, 0, 1, 1, 0x80, 0x49, 2, 0xab, 0xcd, 70, 0)
	add("bgp-open", tcp4(40600, 179, 1, open))
	add("bgp-keepalive-twice", tcp4(179, 40600, 1, append(bgp(4), bgp(4)...)))
	add("bgp-notification", tcp4(179, 40600, 40, bgp(3, 6, 2)))
	update := bgp(2, 0, 4, 24, 10, 1, 2,
		0, 63,
		0x40, 1, 1, 0,
		0x40, 2, 10, 2, 2, 0xfd, 0xe9, 0, 174, 1, 2, 0, 1, 0, 2,
		0x40, 3, 4, 192, 0, 2, 1,
		0x80, 4, 4, 0, 0, 0, 7,
		0x40, 5, 4, 0, 0, 0, 100,
		0xc0, 7, 6, 0xfd, 0xe9, 192, 0, 2, 9,
		0xc0, 8, 8, 0xfd, 0xe9, 0, 1, 0xff, 0xff, 0xff, 0x01,
		0xc0, 99, 2, 0xaa, 0xbb,
		24, 198, 51, 100, 25, 203, 0, 113, 128, 0)
	add("bgp-update", tcp4(40600, 179, 80, update))
	add("bgp-update-rr", tcp4(40600, 179, 200, bgp(2, 0, 0, 0, 40,
		0x40, 1, 1, 2,
		0x40, 2, 0,
		0x80, 9, 4, 10, 0, 0, 1,
		0x80, 10, 8, 10, 0, 0, 2, 10, 0, 0, 3,
		0xc0, 32, 12, 0, 0, 0xfd, 0xe9, 0, 0, 0, 1, 0, 0, 0, 2,
		8, 10)))
	add("bgp-attrs-too-short", tcp4(40600, 179, 250, bgp(2, 0, 0, 0, 5, 0x40, 1, 9, 0, 0, 24, 10, 0, 0)))
	add("bgp-end-of-rib", tcp4(40600, 179, 300, bgp(2, 0, 0, 0, 0)))
	add("bgp-cut", tcp4(40600, 179, 400, update[:40]))

	// RADIUS accounting and access messages.
	radius := func(code, id byte, attrs ...byte) []byte {
		m := append([]byte{code, id, 0, 0}, bytes.Repeat([]byte{0xa5}, 16)...)
		m = append(m, attrs...)
		binary.BigEndian.PutUint16(m[2:], uint16(len(m)))
		return m
	}
	add("radius-accounting", udp4(40700, 1813, radius(4, 7,
		40, 6, 0, 0, 0, 1, 44, 6, 'a', 'b', 'c', 'd', 46, 6, 0, 0, 0x0e, 0x10, 61, 6, 0, 0, 0, 15,
		8, 6, 10, 1, 2, 3, 31, 19, '0', '0', '-', '1', '1', '-', '2', '2', '-', '3', '3', '-', '4', '4', '-', '5', '5',
		6, 6, 0, 0, 0, 2, 7, 6, 0, 0, 0, 1, 49, 6, 0, 0, 0, 99, 5, 6, 0, 0, 0, 0,
		26, 14, 0, 0, 0, 9, 1, 8, 'x', '=', 'y', 0, 1, 2, 200, 4, 1, 2)))
	add("radius-reject-bogus", udp4(1812, 40700, radius(3, 8, 18, 7, 'n', 'o', '!', 0, 'x', 1, 1)))
	add("radius-coa", udp4(40700, 3799, radius(43, 9, 1, 5, 'b', 'o', 'b', 27, 6, 0, 0, 0, 0)))

	// Spanning tree BPDUs over 802.3/LLC.
	llc := func(dst net.HardwareAddr, payload []byte) []byte {
		f := append(append(append([]byte{}, dst...), macA...), byte((len(payload)+3)>>8), byte(len(payload)+3), 0x42, 0x42, 0x03)
		f = append(f, payload...)
		for len(f) < 60 {
			f = append(f, 0)
		}
		return f
	}
	stpDst := net.HardwareAddr{0x01, 0x80, 0xc2, 0, 0, 0}
	config := []byte{0, 0, 0, 0, 0x81, 0x80, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0, 0, 4,
		0x80, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x80, 0x01, 0, 0x80, 0x14, 0, 0x02, 0, 0x0f, 0}
	add("stp-config", llc(stpDst, config))
	add("stp-tcn", llc(stpDst, []byte{0, 0, 0, 0x80}))
	rstp := append([]byte{0, 0, 2, 2, 0x3c}, config[5:]...)
	add("rstp", llc(stpDst, append(rstp, 0)))
	add("stp-unknown-version", llc(stpDst, []byte{0, 0, 7, 0}))
	add("stp-short-config", llc(stpDst, config[:20]))

	// LLDP.
	tlv := func(typ int, v ...byte) []byte {
		h := uint16(typ)<<9 | uint16(len(v))
		return append([]byte{byte(h >> 8), byte(h)}, v...)
	}
	var lldp []byte
	for _, t := range [][]byte{
		tlv(1, append([]byte{4}, macA...)...),
		tlv(2, append([]byte{5}, "eth0"...)...),
		tlv(3, 0, 120),
		tlv(4, []byte("uplink port")...),
		tlv(5, []byte("switch1.example")...),
		tlv(6, []byte("Linux 6.18 \x01ctl")...),
		tlv(7, 0, 0x14, 0, 0x10),
		tlv(8, 5, 1, 10, 199, 7, 1, 2, 0, 0, 0, 3, 0),
		tlv(127, 0x00, 0x80, 0xc2, 1, 0, 100),
		tlv(127, 0x00, 0x80, 0xc2, 3, 0, 100, 5, 'u', 's', 'e', 'r', 's'),
		tlv(127, 0x00, 0x12, 0x0f, 1, 3, 0x6c, 0x01, 0x00, 0x10),
		tlv(127, 0x00, 0x12, 0x0f, 4, 0x05, 0xee),
		tlv(127, 0x00, 0x12, 0x0f, 3, 3, 0, 0, 0, 7),
		tlv(127, 0xaa, 0xbb, 0xcc, 1, 2),
		tlv(9, 1, 2, 3),
		tlv(0),
	} {
		lldp = append(lldp, t...)
	}
	lldpEth := &layers.Ethernet{SrcMAC: macA, DstMAC: net.HardwareAddr{0x01, 0x80, 0xc2, 0, 0, 0x0e}, EthernetType: layers.EthernetType(0x88cc)}
	add("lldp", serialize(lldpEth, gopacket.Payload(lldp)))
	add("lldp-cut", serialize(lldpEth, gopacket.Payload(lldp))[:60])

	// DHCP.
	dopt := func(t layers.DHCPOpt, v ...byte) layers.DHCPOption { return layers.NewDHCPOption(t, v) }
	discover := &layers.DHCPv4{Operation: layers.DHCPOpRequest, HardwareType: layers.LinkTypeEthernet, HardwareLen: 6,
		Xid: 0x3903f326, Flags: 0x8000, ClientHWAddr: macA, Options: layers.DHCPOptions{
			dopt(53, 1), dopt(61, append([]byte{1}, macA...)...), dopt(50, 10, 199, 7, 9), dopt(12, []byte("laptop")...),
			dopt(55, 1, 3, 6, 15, 119, 121, 252, 42), dopt(57, 0x05, 0xdc), dopt(60, []byte("MSFT 5.0")...),
			dopt(81, 0, 0, 0, 'l', 'a', 'p'), dopt(77, 3, 'a', 'b', 'c'), dopt(200, 1, 2, 3, 4),
		}}
	add("dhcp-discover", udp4(68, 67, serialize(discover)))
	offer := &layers.DHCPv4{Operation: layers.DHCPOpReply, HardwareType: layers.LinkTypeEthernet, HardwareLen: 6,
		Xid: 0x3903f326, YourClientIP: net.IP{10, 199, 7, 9}, NextServerIP: net.IP{10, 199, 7, 2}, RelayAgentIP: net.IP{10, 199, 0, 1},
		ClientHWAddr: macA, ServerName: []byte("boot-server"), File: []byte("pxelinux.0"), Options: layers.DHCPOptions{
			dopt(53, 2), dopt(54, 10, 199, 7, 2), dopt(51, 0, 1, 0x51, 0x80), dopt(1, 255, 255, 255, 0),
			dopt(3, 10, 199, 7, 1), dopt(6, 10, 199, 7, 1, 8, 8, 8, 8), dopt(15, []byte("example.com")...),
			dopt(121, 24, 10, 1, 2, 10, 199, 7, 1, 0, 10, 199, 7, 1), dopt(46, 8), dopt(19, 0), dopt(28, 10, 199, 7, 255),
			dopt(82, 1, 4, 'e', 't', 'h', '0', 2, 2, 0xab, 0xcd, 9, 1, 0), dopt(2, 0xff, 0xff, 0xc7, 0xc0),
		}}
	add("dhcp-offer", udp4(67, 68, serialize(offer)))
	add("dhcp-ack-cut", udp4(67, 68, serialize(offer))[:300])
	bootp := &layers.DHCPv4{Operation: layers.DHCPOpRequest, HardwareType: layers.LinkTypeEthernet, HardwareLen: 6, ClientHWAddr: macA, ClientIP: net.IP{10, 199, 7, 5}, Secs: 3}
	bp := serialize(bootp)
	add("bootp-no-cookie", udp4(68, 67, bp[:236]))

	// OSPFv2.
	ospf := func(typ byte, auth uint16, body ...byte) []byte {
		m := append([]byte{2, typ, 0, 0, 10, 0, 0, 1, 0, 0, 0, 1, 0, 0, byte(auth >> 8), byte(auth)}, make([]byte, 8)...)
		if auth == 1 {
			copy(m[16:], "secret")
		}
		if auth == 2 {
			copy(m[16:], []byte{0, 0, 7, 16, 0, 0, 0, 42})
		}
		m = append(m, body...)
		binary.BigEndian.PutUint16(m[2:], uint16(len(m)))
		if auth == 2 {
			m = append(m, bytes.Repeat([]byte{0xd5}, 16)...)
		}
		if auth != 2 {
			binary.BigEndian.PutUint16(m[12:], inetChecksum(append(m[:16:16], m[24:]...)))
		}
		return serialize(eth(layers.EthernetTypeIPv4), ipv4(layers.IPProtocol(89)), gopacket.Payload(m))
	}
	lsaHdr := func(typ byte, id, adv []byte, length int) []byte {
		h := append([]byte{0, 30, 0x22, typ}, id...)
		h = append(h, adv...)
		return append(h, 0x80, 0, 0, 3, 0, 0, byte(length>>8), byte(length))
	}
	ip := func(a, b, c, d byte) []byte { return []byte{a, b, c, d} }
	add("ospf-hello", ospf(1, 1, 255, 255, 255, 0, 0, 10, 0x12, 1, 0, 0, 0, 40, 10, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 2, 10, 0, 0, 3))
	add("ospf-dd", ospf(2, 0, append([]byte{0x05, 0xdc, 0x42, 0x07, 0, 0, 0x12, 0x34}, lsaHdr(1, ip(10, 0, 0, 1), ip(10, 0, 0, 1), 36)...)...))
	add("ospf-lsr", ospf(3, 2, 0, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 2, 0, 0, 0, 10, 1, 0, 0, 5, 10, 0, 0, 2))
	router := append(lsaHdr(1, ip(10, 0, 0, 1), ip(10, 0, 0, 1), 52), 0x03, 0, 0, 2,
		10, 0, 0, 2, 10, 1, 1, 1, 1, 0, 0, 10,
		10, 1, 1, 0, 255, 255, 255, 0, 3, 1, 0, 10, 1, 0, 0, 20)
	network := append(lsaHdr(2, ip(10, 1, 1, 1), ip(10, 0, 0, 1), 32), 255, 255, 255, 0, 10, 0, 0, 1, 10, 0, 0, 2)
	summary := append(lsaHdr(3, ip(10, 2, 0, 0), ip(10, 0, 0, 1), 28), 255, 255, 0, 0, 0, 0, 0, 30)
	external := append(lsaHdr(5, ip(0, 0, 0, 0), ip(10, 0, 0, 1), 36), 0, 0, 0, 0, 0x80, 0, 0, 1, 10, 0, 0, 9, 0, 0, 0, 7)
	lsu := append([]byte{0, 0, 0, 4}, router...)
	lsu = append(append(append(lsu, network...), summary...), external...)
	add("ospf-lsu", ospf(4, 0, lsu...))
	add("ospf-lsack", ospf(5, 0, append(lsaHdr(2, ip(10, 1, 1, 1), ip(10, 0, 0, 1), 32), lsaHdr(3, ip(10, 2, 0, 0), ip(10, 0, 0, 1), 28)...)...))

	// RIP.
	add("ripv2-response", udp4(520, 520, []byte{2, 2, 0, 0,
		0, 2, 0, 7, 10, 1, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
		0, 2, 0, 0, 10, 2, 3, 0, 255, 255, 255, 0, 10, 199, 7, 9, 0, 0, 0, 16}))
	add("ripv2-auth", udp4(520, 520, append([]byte{2, 2, 0, 0, 0xff, 0xff, 0, 2}, []byte("secret\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")...)))
	add("ripv1-request", udp4(520, 520, []byte{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16}))
	add("ripv1-response", udp4(520, 520, []byte{2, 1, 0, 0, 0, 2, 0, 0, 10, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}))

	// DHCPv6.
	udp6 := func(sport, dport uint16, payload []byte) []byte {
		return withUDP(ipv6(layers.IPProtocolUDP), sport, dport, payload, eth(layers.EthernetTypeIPv6))
	}
	o6 := func(code uint16, v ...byte) []byte {
		return append([]byte{byte(code >> 8), byte(code), byte(len(v) >> 8), byte(len(v))}, v...)
	}
	cat := func(parts ...[]byte) []byte {
		var r []byte
		for _, p := range parts {
			r = append(r, p...)
		}
		return r
	}
	duid := append([]byte{0, 1, 0, 1, 0x2a, 0x2b, 0x2c, 0x2d}, macA...)
	iaaddr := o6(5, append(ip6B.To16(), 0, 0, 0x0e, 0x10, 0, 0, 0x1c, 0x20)...)
	add("dhcp6-solicit", udp6(546, 547, cat([]byte{1, 0x12, 0x34, 0x56}, o6(1, duid...), o6(6, 0, 23, 0, 24, 0, 56), o6(8, 0, 0),
		o6(3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), o6(14), o6(25, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0))))
	add("dhcp6-reply", udp6(547, 546, cat([]byte{7, 0x12, 0x34, 0x56}, o6(1, duid...), o6(2, 0, 3, 0, 1, 0x02, 0, 0, 0, 0, 0x0b),
		o6(3, cat([]byte{0, 0, 0, 1, 0, 0, 7, 8, 0, 0, 0x0b, 0x40}, iaaddr)...), o6(23, ip6A.To16()...),
		o6(24, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0), o6(13, 0, 0, 'o', 'k'), o6(7, 255), o6(99, 1, 2))))
	add("dhcp6-relay", udp6(547, 547, cat([]byte{12, 0}, ip6A.To16(), ip6B.To16(), o6(18, 'e', 't', 'h'))))
	add("dhcp6-cut", udp6(546, 547, cat([]byte{1, 0x12, 0x34, 0x56}, o6(1, duid...)))[:80])

	// HSRP.
	add("hsrp-hello", udp4(1985, 1985, append([]byte{0, 0, 16, 3, 10, 100, 1, 0}, append([]byte("cisco\x00\x00\x00"), 10, 199, 7, 254)...)))
	add("hsrp-coup", udp4(1985, 1985, append([]byte{0, 1, 4, 3, 10, 120, 2, 5}, append([]byte("abcdefgh"), 10, 199, 7, 253)...)))
	add("hsrp-v2", udp4(1985, 1985, []byte{2, 0, 0, 0}))

	// CDP over 802.3/SNAP.
	cdp, _ := hex.DecodeString("01000ccccccc02000000000a00bfaaaa0300000c200002b4000000010013737769746368312e6578616d706c65" +
		"00020011000000010101cc00040ac70701000300164769676162697445746865726e6574302f3100040008000000280005" +
		"0033436973636f20494f5320536f6674776172652c2056657273696f6e2031352e320a436f6d70696c656420746f646179" +
		"00060012636973636f2057532d43323936300009000a767470646f6d000a00060064000b00050100160011000000010101" +
		"cc00040ac70702009900060102")
	add("cdp", cdp)
	fs = append(fs, Frame{Name: "cdp-snapped", Data: cdp[:60], Length: len(cdp)})

	// PTPv2.
	ptpHdr := func(typ byte, n int) []byte {
		h := []byte{typ, 2, 0, byte(34 + n), 0, 0, 0x02, 0x00, 0, 0, 0, 0, 0, 1, 0x80, 0, 0, 0, 0, 0,
			0xa0, 0x36, 0x9f, 0xff, 0xfe, 0x85, 0x6e, 0x8a, 0, 1, 0, 7, 2, 0xfd}
		for i := 0; i < n; i++ {
			h = append(h, byte(i+1))
		}
		return h
	}
	add("ptp-follow-up", udp4(320, 320, ptpHdr(8, 10)))
	add("ptp-pdelay-req", udp4(319, 319, ptpHdr(2, 20)))
	add("ptp-pdelay-resp", udp4(319, 319, ptpHdr(3, 20)))
	add("ptp-pdelay-resp-fu", udp4(320, 320, ptpHdr(0xa, 20)))
	add("ptp-signaling", udp4(320, 320, ptpHdr(0xc, 10)))
	allFlags := ptpHdr(0, 10)
	allFlags[6], allFlags[7] = 0xe7, 0x3f
	add("ptp-all-flags", udp4(319, 319, allFlags))
	fs = append(fs, appFrames()...)
	return stamp(fs, time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
}

// TCP4 is an Ethernet/IPv4/TCP segment (PSH|ACK) carrying payload.
func TCP4(sport, dport uint16, payload []byte) []byte { return tcp4(sport, dport, 1, payload) }

// inetChecksum is the Internet checksum of m (its checksum field zero).
func inetChecksum(m []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(m); i += 2 {
		sum += uint32(m[i])<<8 | uint32(m[i+1])
	}
	if len(m)%2 == 1 {
		sum += uint32(m[len(m)-1]) << 8
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return ^uint16(sum)
}
