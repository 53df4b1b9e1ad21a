package printer

import (
	"bytes"
	"encoding/binary"
)

// NetBIOS over TCP/IP (RFC 1001/1002) and NetBIOS over IPX, as tcpdump
// built with SMB support (configure --enable-smb, ENABLE_SMB) prints
// them. tcpdump 4.99 leaves SMB printing out by default, and so does
// gocap: these printers run only with Options.SMB.

var smbMagic = []byte("\xffSMB")

var nbnsOpcodes = map[byte]string{0: "QUERY", 5: "REGISTRATION", 6: "RELEASE", 7: "WACK", 8: "REFRESH(8)",
	9: "REFRESH", 15: "MULTIHOMED REGISTRATION"}

// nbns prints a NetBIOS name service message (UDP port 137,
// nbt_udp137_print).
func (d *dissector) nbns(data []byte, length int) {
	b := d.b
	if len(data) < 12 {
		d.truncJmp("nbt_udp137")
		return
	}
	be := binary.BigEndian
	id := be.Uint16(data)
	response := data[2]>>7 != 0
	opcode := data[2] >> 3 & 0xf
	nmFlags := int(data[2]&7)<<4 | int(data[3]>>4)
	rcode := data[3] & 0xf
	qd, an, ns, ar := int(be.Uint16(data[4:])), int(be.Uint16(data[6:])), int(be.Uint16(data[8:])), int(be.Uint16(data[10:]))
	if length <= 0 {
		return
	}
	v := d.p.opts.Verbose
	if v > 1 {
		b.str("\n>>> ")
	}
	b.str("NBT UDP PACKET(137): ")
	b.str(nameOr(nbnsOpcodes, opcode, "OPUNKNOWN"))
	if response {
		if rcode != 0 {
			b.str("; NEGATIVE")
		} else {
			b.str("; POSITIVE")
		}
	}
	if response {
		b.str("; RESPONSE")
	} else {
		b.str("; REQUEST")
	}
	if nmFlags&1 != 0 {
		b.str("; BROADCAST")
	} else {
		b.str("; UNICAST")
	}
	if v < 2 {
		return
	}
	b.printf("\nTrnID=0x%X\nOpCode=%d\nNmFlags=0x%X\nRcode=%d\nQueryCount=%d\nAnswerCount=%d\nAuthorityCount=%d\nAddressRecCount=%d\n",
		id, opcode, nmFlags, rcode, qd, an, ns, ar)
	c := &smbCtx{d: d, pkt: data, proto: "nbt_udp137"}
	maxbuf := length
	p := 12
	total := an + ns + ar
	if qd > 100 || total > 100 {
		b.str("Corrupt packet??\n")
		return
	}
	out := func() { b.str("\n") }
	if qd > 0 {
		b.str("QuestionRecords:\n")
		for i := 0; i < qd; i++ {
			if p = c.fdata(p, "|Name=[n1]\nQuestionType=[rw]\nQuestionClass=[rw]\n#", maxbuf); p < 0 {
				out()
				return
			}
		}
	}
	if total > 0 {
		b.str("\nResourceRecords:\n")
		for i := 0; i < total; i++ {
			if p = c.fdata(p, "Name=[n1]\n#", maxbuf); p < 0 {
				out()
				return
			}
			if !c.has(p, 2) {
				d.truncJmp(c.proto)
				return
			}
			restype := be.Uint16(data[p:])
			if p = c.fdata(p, "ResType=[rw]\nResClass=[rw]\nTTL=[rU]\n", p+8); p < 0 {
				out()
				return
			}
			if !c.has(p, 2) {
				d.truncJmp(c.proto)
				return
			}
			rdlen := int(be.Uint16(data[p:]))
			b.printf("ResourceLength=%d\nResourceData=\n", rdlen)
			p += 2
			switch {
			case rdlen == 6:
				if p = c.fdata(p, "AddrType=[rw]\nAddress=[b.b.b.b]\n", p+rdlen); p < 0 {
					out()
					return
				}
			case restype == 0x21:
				if !c.has(p, 1) {
					d.truncJmp(c.proto)
					return
				}
				numnames := int(data[p])
				if p = c.fdata(p, "NumNames=[B]\n", p+1); p < 0 {
					out()
					return
				}
				for ; numnames > 0; numnames-- {
					if p = c.fdata(p, "Name=[n2]\t#", maxbuf); p < 0 {
						out()
						return
					}
					if !c.has(p, 1) {
						d.truncJmp(c.proto)
						return
					}
					if p >= maxbuf {
						out()
						return
					}
					f := data[p]
					if f&0x80 != 0 {
						b.str("<GROUP> ")
					}
					b.str([]string{"B ", "P ", "M ", "_ "}[f>>5&3])
					for _, x := range []struct {
						bit  byte
						name string
					}{{0x10, "<DEREGISTERING> "}, {0x08, "<CONFLICT> "}, {0x04, "<ACTIVE> "}, {0x02, "<PERMANENT> "}} {
						if f&x.bit != 0 {
							b.str(x.name)
						}
					}
					b.str("\n")
					p += 2
				}
			default:
				if p >= maxbuf {
					out()
					return
				}
				c.dataPrint(p, min(rdlen, length-p))
				p += rdlen
			}
		}
	}
	if p < maxbuf {
		c.fdata(p, "AdditionalData:\n", maxbuf)
	}
	out()
}

// nbdgm prints a NetBIOS datagram service message (UDP port 138,
// nbt_udp138_print), and the SMB it carries with -vv.
func (d *dissector) nbdgm(data []byte, length int) {
	b := d.b
	maxbuf := min(length, len(data))
	if maxbuf <= 0 {
		return
	}
	if d.p.opts.Verbose < 2 {
		b.str("NBT UDP PACKET(138)")
		return
	}
	c := &smbCtx{d: d, pkt: data, proto: "nbt_udp138"}
	p := c.fdata(0, "\n>>> NBT UDP PACKET(138) Res=[rw] ID=[rw] IP=[b.b.b.b] Port=[ru] Length=[ru] Res2=[rw]\nSourceName=[n1]\nDestName=[n1]\n#", maxbuf)
	if p >= 0 && p+3 < maxbuf && bytes.HasPrefix(data[p:], smbMagic) {
		c.pkt = data[:maxbuf]
		if !c.smb(p, maxbuf) {
			return
		}
	}
	b.str("\n")
}

var nbSessionRejects = map[byte]string{0x80: "Not listening on called name", 0x81: "Not listening for calling name",
	0x82: "Called name not present", 0x83: "Called name present, but insufficient resources"}

func nbReject(code byte) string {
	if s, ok := nbSessionRejects[code]; ok {
		return s
	}
	return "Unspecified error 0x" + hexUpper(code)
}

func hexUpper(v byte) string {
	const digits = "0123456789ABCDEF"
	if v < 16 {
		return string(digits[v])
	}
	return string([]byte{digits[v>>4], digits[v&15]})
}

// nbss prints a NetBIOS session service message (TCP port 139,
// nbt_tcp_print).
func (d *dissector) nbss(data []byte, length int) {
	b := d.b
	const proto = "nbt_tcp"
	if length < 4 || len(data) < 4 {
		d.truncJmp(proto)
		return
	}
	caplen := len(data)
	typ := data[0]
	nbLen := int(binary.BigEndian.Uint16(data[2:]))
	length -= 4
	caplen -= 4
	c := &smbCtx{d: d, pkt: data, proto: proto}
	maxbuf := len(data)
	if d.p.opts.Verbose < 2 {
		b.str(" NBT Session Packet: ")
		switch typ {
		case 0x00:
			b.str("Session Message")
		case 0x81:
			b.str("Session Request")
		case 0x82:
			b.str("Session Granted")
		case 0x83:
			if nbLen < 4 || length < 4 || caplen < 4 {
				d.truncJmp(proto)
				return
			}
			b.str("Session Reject, " + nbReject(data[4]))
		case 0x85:
			b.str("Session Keepalive")
		default:
			c.fdata(0, "Unknown packet type [rB]", maxbuf)
		}
		return
	}
	b.str("\n>>> NBT Session Packet\n")
	switch typ {
	case 0x00:
		p := c.fdata(0, "[P1]NBT Session Message\nFlags=[B]\nLength=[ru]\n", 4)
		if p < 0 {
			break
		}
		if nbLen >= 4 && caplen >= 4 && bytes.HasPrefix(data[4:], smbMagic) {
			if nbLen > caplen {
				if nbLen > length {
					b.str("WARNING: Packet is continued in later TCP segments\n")
				} else {
					b.printf("WARNING: Short packet. Try increasing the snap length by %d\n", nbLen-caplen)
				}
			}
			if !c.smb(4, min(maxbuf, 4+nbLen)) {
				return
			}
		} else {
			b.str("Session packet:(raw data or continuation?)\n")
		}
	case 0x81:
		c.fdata(0, "[P1]NBT Session Request\nFlags=[B]\nLength=[ru]\nDestination=[n1]\nSource=[n1]\n", maxbuf)
	case 0x82:
		c.fdata(0, "[P1]NBT Session Granted\nFlags=[B]\nLength=[ru]\n", maxbuf)
	case 0x83:
		if c.fdata(0, "[P1]NBT SessionReject\nFlags=[B]\nLength=[ru]\nReason=[B]\n", maxbuf) < 0 {
			break
		}
		if nbLen >= 1 && caplen >= 1 {
			b.str(nbReject(data[4]) + "\n")
		}
	case 0x85:
		c.fdata(0, "[P1]NBT Session Keepalive\nFlags=[B]\nLength=[ru]\n", maxbuf)
	default:
		c.fdata(0, "NBT - Unknown packet type\nType=[B]\n", maxbuf)
	}
	b.str("\n")
}

// smbTCP prints SMB over TCP port 445 (direct hosting, smb_tcp_print).
func (d *dissector) smbTCP(data []byte, length int) {
	b := d.b
	const proto = "smb_tcp"
	if length < 4 || len(data) < 4 {
		d.truncJmp(proto)
		return
	}
	caplen := len(data) - 4
	smbLen := int(data[1])<<16 | int(data[2])<<8 | int(data[3])
	length -= 4
	c := &smbCtx{d: d, pkt: data, proto: proto}
	if smbLen >= 4 && caplen >= 4 && bytes.HasPrefix(data[4:], smbMagic) {
		if smbLen > caplen {
			if smbLen > length {
				b.str(" WARNING: Packet is continued in later TCP segments\n")
			} else {
				b.printf(" WARNING: Short packet. Try increasing the snap length by %d\n", smbLen-caplen)
			}
		} else {
			b.str(" ")
		}
		c.smb(4, min(len(data), 4+smbLen))
		return
	}
	b.str(" SMB-over-TCP packet:(raw data or continuation?)\n")
}

// ipxNetBIOS prints the SMB in a NetBIOS-over-IPX datagram, after the
// bytes before it (ipx_netbios_print).
func (d *dissector) ipxNetBIOS(data []byte, length int) {
	maxbuf := min(length, len(data))
	if maxbuf < 0 {
		maxbuf = 0
	}
	c := &smbCtx{d: d, pkt: data[:maxbuf], proto: "ipx_netbios"}
	i := 0
	for ; i < 128; i++ {
		if i+4 > maxbuf {
			break
		}
		if bytes.Equal(data[i:i+4], smbMagic) {
			c.fdata(0, "\n>>> IPX transport ", i)
			if c.smb(i, maxbuf) {
				d.b.str("\n")
			}
			break
		}
	}
	if i == 128 {
		c.fdata(0, "\n>>> Unknown IPX ", maxbuf)
	}
}

// nbfCommand is a NetBEUI (NBF) command: its name and the formats of its
// fields below -vv (nonverbose) and with it.
type nbfCommand struct{ name, brief, full string }

const nbfSession = "\nRemoteSessionNumber=[B]\nLocalSessionNumber=[B]\n"

var nbfCommands = [0x20]nbfCommand{
	0x00: {"Add Group Name Query", ", [P23]Name to add=[n2]#", "[P5]ResponseCorrelator=[w]\n[P16]Name to add=[n2]\n"},
	0x01: {"Add Name Query", ", [P23]Name to add=[n2]#", "[P5]ResponseCorrelator=[w]\n[P16]Name to add=[n2]\n"},
	0x02: {"Name In Conflict", "", ""},
	0x03: {"Status Query", "", ""},
	0x07: {"Terminate Trace", "", ""},
	0x08: {"Datagram", "", "[P7]Destination=[n2]\nSource=[n2]\n"},
	0x09: {"Broadcast Datagram", "", "[P7]Destination=[n2]\nSource=[n2]\n"},
	0x0a: {"Name Query", ", [P7]Name=[n2]#", "[P1]SessionNumber=[B]\nNameType=[B][P2]\nResponseCorrelator=[w]\nName=[n2]\nName of sender=[n2]\n"},
	0x0d: {"Add Name Response", ", [P1]GroupName=[w] [P4]Destination=[n2] Source=[n2]#",
		"AddNameInProcess=[B]\nGroupName=[w]\nTransmitCorrelator=[w][P2]\nDestination=[n2]\nSource=[n2]\n"},
	0x0e: {"Name Recognized", "", "[P1]Data2=[w]\nTransmitCorrelator=[w]\nResponseCorelator=[w]\nDestination=[n2]\nSource=[n2]\n"},
	0x0f: {"Status Response", "", ""},
	0x13: {"Terminate Trace", "", ""},
	0x14: {"Data Ack", "", "[P3]TransmitCorrelator=[w][P2]" + nbfSession},
	0x15: {"Data First/Middle", "", "Flags=[{RECEIVE_CONTINUE|NO_ACK||PIGGYBACK_ACK_INCLUDED|}]\nResyncIndicator=[w][P2]\nResponseCorelator=[w]" + nbfSession},
	0x16: {"Data Only/Last", "", "Flags=[{|NO_ACK|PIGGYBACK_ACK_ALLOWED|PIGGYBACK_ACK_INCLUDED|}]\nResyncIndicator=[w][P2]\nResponseCorelator=[w]" + nbfSession},
	0x17: {"Session Confirm", "", "Data1=[B]\nData2=[w]\nTransmitCorrelator=[w]\nResponseCorelator=[w]" + nbfSession},
	0x18: {"Session End", "", "[P1]Data2=[w][P4]" + nbfSession},
	0x19: {"Session Initialize", "", "Data1=[B]\nData2=[w]\nTransmitCorrelator=[w]\nResponseCorelator=[w]" + nbfSession},
	0x1a: {"No Receive", "", "Flags=[{|SEND_NO_ACK}]\nDataBytesAccepted=[b][P4]" + nbfSession},
	0x1b: {"Receive Outstanding", "", "[P1]DataBytesAccepted=[b][P4]" + nbfSession},
	0x1c: {"Receive Continue", "", "[P2]TransmitCorrelator=[w]\n[P2]RemoteSessionNumber=[B]\nLocalSessionNumber=[B]\n"},
	0x1f: {"Session Alive", "", ""},
}

// netbeui prints a NetBEUI frame carried in 802.2 LLC with the NetBEUI
// SAPs (netbeui_print), and with -vv the SMB in its data.
func (d *dissector) netbeui(control uint16, data []byte, length int) {
	b := d.b
	maxbuf := min(length, len(data))
	if maxbuf < 0 {
		maxbuf = 0
	}
	if len(data) < 5 {
		d.truncJmp("netbeui")
		return
	}
	data = data[:maxbuf]
	n := int(binary.LittleEndian.Uint16(data))
	command := data[4]
	data2, truncated := n, false
	if data2 >= maxbuf {
		data2, truncated = maxbuf, true
	}
	c := &smbCtx{d: d, pkt: data, proto: "netbeui"}
	v := d.p.opts.Verbose
	var p int
	if v < 2 {
		b.str("NBF Packet: ")
		p = c.fdata(0, "[P5]#", maxbuf)
	} else {
		b.printf("\n>>> NBF Packet\nType=0x%X ", control)
		p = c.fdata(0, "Length=[u] Signature=[w] Command=[B]\n#", maxbuf)
	}
	if p < 0 {
		b.str("\n")
		return
	}
	var cmd nbfCommand
	if command < 0x20 {
		cmd = nbfCommands[command]
	}
	switch {
	case cmd.name == "" && v < 2:
		p = c.fdata(p, "Unknown NBF Command#", data2)
	case cmd.name == "":
		p = c.fdata(p, "Unknown NBF Command\n", data2)
	case v < 2:
		b.str(cmd.name)
		if cmd.brief != "" {
			p = c.fdata(p, cmd.brief, data2)
		}
	default:
		b.str(cmd.name + ":\n")
		if cmd.full != "" {
			p = c.fdata(p, cmd.full, data2)
		} else {
			b.str("\n")
		}
	}
	if v < 2 {
		return
	}
	if p >= 0 && !truncated && (command == 0x08 || command == 0x09 || command == 0x15 || command == 0x16) && data2+3 < maxbuf {
		for i := 0; i < 128 && data2+i+3 < maxbuf; i++ {
			if bytes.Equal(data[data2+i:data2+i+4], smbMagic) {
				if i > 0 {
					b.printf("found SMB packet at %d\n", i)
				}
				if !c.smb(data2+i, maxbuf) {
					return
				}
				break
			}
		}
	}
	b.str("\n")
}
