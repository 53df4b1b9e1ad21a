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
	return fs
}
