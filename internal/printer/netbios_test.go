package printer

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// nbName is a NetBIOS name in RFC 1002's first-level encoding: a length
// of 32, the 16 bytes (name padded with spaces, then the type) as
// nibbles 'A'..'P', then the empty scope.
func nbName(name string, typ byte) []byte {
	raw := []byte(name)
	for len(raw) < 15 {
		raw = append(raw, ' ')
	}
	raw = append(raw[:15], typ)
	out := []byte{32}
	for _, c := range raw {
		out = append(out, 'A'+c>>4, 'A'+c&15)
	}
	return append(out, 0)
}

func nbLE32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// nbnsMsg is a name service message: id, flags, the four counts, body.
func nbnsMsg(id, flags uint16, qd, an, ns, ar uint16, body ...[]byte) []byte {
	return cat(be16b(id), be16b(flags), be16b(qd), be16b(an), be16b(ns), be16b(ar), cat(body...))
}

func nbnsFrames() [][]byte {
	q := cat(nbName("WORKGROUP", 0x1d), be16b(0x20), be16b(1))
	rr := func(name []byte, typ uint16, rdata []byte) []byte {
		return cat(name, be16b(typ), be16b(1), be32b(300000), be16b(uint16(len(rdata))), rdata)
	}
	addr := cat(be16b(0x6000), []byte{10, 1, 2, 3})
	stat := cat([]byte{3},
		[]byte("HOST1          \x00"), be16b(0x0400),
		[]byte("HOST1          \x20"), be16b(0x8400),
		[]byte("WORKGROUP      \x1e"), be16b(0x861e),
		make([]byte, 46))
	return [][]byte{
		testframes.UDP4(137, 137, nbnsMsg(0x8a1b, 0x0110, 1, 0, 0, 0, q)),
		testframes.UDP4(137, 137, nbnsMsg(0x8a1c, 0x0100, 1, 0, 0, 0, cat(nbName("HOST1", 0x20), be16b(0x21), be16b(1)))),
		testframes.UDP4(137, 40000, nbnsMsg(0x8a1b, 0x8580, 0, 1, 0, 0, rr(nbName("HOST1", 0x20), 0x20, addr))),
		testframes.UDP4(137, 40000, nbnsMsg(0x8a1c, 0x8400, 0, 1, 0, 0, rr(nbName("*", 0), 0x21, stat))),
		testframes.UDP4(137, 137, nbnsMsg(0x10, 0x2910, 1, 0, 0, 1, cat(nbName("HOST1", 0x00), be16b(0x20), be16b(1)),
			cat([]byte{0xc0, 0x0c}, be16b(0x20), be16b(1), be32b(300000), be16b(6), addr))),
		testframes.UDP4(137, 137, nbnsMsg(0x11, 0xad83, 0, 1, 0, 0, rr(nbName("HOST1", 0x00), 0x20, addr))),
		testframes.UDP4(137, 137, nbnsMsg(0x12, 0x3010, 1, 0, 0, 1, cat(nbName("HOST1", 0x03), be16b(0x20), be16b(1)),
			rr([]byte{0xc0, 0x0c}, 0x20, addr))),
		testframes.UDP4(137, 137, nbnsMsg(0x13, 0xbc00, 0, 1, 0, 0, rr(nbName("HOST1", 0x1b), 0x20, be16b(0x2910)))),
		testframes.UDP4(137, 137, nbnsMsg(0x14, 0x4010, 1, 0, 0, 0, cat(nbName("HOST1", 0x1e), be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, nbnsMsg(0x15, 0x4810, 1, 0, 0, 0, cat(nbName("HOST1", 0x41), be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, nbnsMsg(0x16, 0x7810, 1, 0, 0, 0, cat(nbName("HOST1", 0x41), be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, nbnsMsg(0x17, 0x1810, 1, 0, 0, 0, cat(nbName("HOST1", 0x41), be16b(0x20), be16b(1)))),
		// malformed: counts over 100, a name with bad characters, an odd
		// record length, a name type with the top bit set, trailing data.
		testframes.UDP4(137, 137, nbnsMsg(0x20, 0x0110, 101, 0, 0, 0, q)),
		testframes.UDP4(137, 137, nbnsMsg(0x21, 0x0110, 1, 0, 0, 0, cat([]byte{32}, []byte("EEFFGGzzEEFFGGHHEEFFGGHHEEFFGGHH"), []byte{0}, be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, nbnsMsg(0x22, 0x8500, 0, 1, 0, 0, rr(nbName("HOST1", 0x20), 0x20, []byte{1, 2, 3, 4}))),
		testframes.UDP4(137, 137, nbnsMsg(0x23, 0x0110, 1, 0, 0, 0, cat(nbName("HOST1", 0x9b), be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, nbnsMsg(0x24, 0x0110, 1, 0, 0, 0, q, []byte{1, 2, 3, 4, 5})),
		testframes.UDP4(137, 137, nbnsMsg(0x25, 0x0110, 2, 0, 0, 0, q)),
		testframes.UDP4(137, 137, nbnsMsg(0x26, 0x0110, 1, 0, 0, 0, cat([]byte{0xc0, 0x00}, be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, nbnsMsg(0x27, 0x0110, 1, 0, 0, 0, cat([]byte{4}, []byte("EEFF"), []byte{0}, be16b(0x20), be16b(1)))),
		testframes.UDP4(137, 137, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
		testframes.UDP4(137, 137, nil),
	}
}

// smbMsg is an SMB message: the header (command, flags, error class and
// code, flags2), the word count and words, the byte count and bytes.
func smbMsg(cmd, flags byte, errClass byte, errCode uint16, flags2 uint16, words []byte, bytes []byte) []byte {
	h := cat([]byte("\xffSMB"), []byte{cmd, errClass, 0}, le16(errCode), []byte{flags}, le16(flags2), make([]byte, 12),
		le16(1), le16(0x1234), le16(100), le16(7))
	return cat(h, []byte{byte(len(words) / 2)}, words, le16(uint16(len(bytes))), bytes)
}

// nbss is a NetBIOS session message of type typ around body.
func nbss(typ byte, body []byte) []byte {
	return cat([]byte{typ, 0}, be16b(uint16(len(body))), body)
}

// smbFrames are SMB messages over TCP ports 139 and 445 and NetBIOS
// datagrams on UDP 138, well-formed and malformed.
func smbFrames() [][]byte {
	negReq := smbMsg(0x72, 0x18, 0, 0, 0xc853, nil, []byte("\x02PC NETWORK PROGRAM 1.0\x00\x02LANMAN1.0\x00\x02NT LM 0.12\x00"))
	negRep := smbMsg(0x72, 0x98, 0, 0, 0xc853, cat(le16(2), []byte{3}, le16(50), le16(1), nbLE32(16644), nbLE32(65536), nbLE32(0), nbLE32(0xe3fd),
		le32s(0xd0b5a000, 0x01d7e8a3), le16(0), []byte{0}), nil)
	sessReq := smbMsg(0x73, 0x18, 0, 0, 0x0001, cat([]byte{0xff, 0}, le16(0), le16(4356), le16(50), le16(0), nbLE32(0), le16(0), le16(0), nbLE32(0), nbLE32(0xd4)),
		[]byte("\x00Unix\x00Samba\x00"))
	tconRep := smbMsg(0x75, 0x98, 0, 0, 0x0001, cat([]byte{0xff, 0}, le16(0)), []byte("IPC\x00"))
	errRep := smbMsg(0x2e, 0x98, 1, 2, 0x0001, nil, nil)
	ntErr := smbMsg(0xa2, 0x98, 0x34, 0xc000, 0xc001, nil, nil)
	echo := smbMsg(0x2b, 0x18, 0, 0, 0, le16(1), []byte("ping"))
	unknown := smbMsg(0xee, 0x18, 0, 0, 0, le16(9), nil)
	chained := smbMsg(0x73, 0x18, 0, 0, 0x0001, cat([]byte{0x75, 0}, le16(20), le16(4356), le16(50), le16(0), nbLE32(0), le16(0), le16(0), nbLE32(0), nbLE32(0xd4)), nil)
	announce := cat([]byte{1}, le16(3), []byte{0}, le16(60000), []byte("HOST1\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
		[]byte{4, 9}, nbLE32(0x1003), le16(0x010f), le16(0xaa55), []byte("comment\x00"))
	browse := cat(be16b(0x1102), be16b(0x54), []byte{10, 0, 0, 101}, be16b(138), be16b(193), be16b(0), nbName("HOST1", 0), nbName("WORKGROUP", 0x1d),
		smbMsg(0x25, 0, 0, 0, 0, cat(le16(0), le16(uint16(len(announce))), le16(0), le16(0), []byte{0, 0}, le16(0), nbLE32(0), le16(0), le16(0), le16(0), le16(uint16(len(announce))), le16(86), []byte{3, 0}, le16(1), le16(1), le16(2)),
			cat([]byte("\\MAILSLOT\\BROWSE\x00"), announce)))
	return [][]byte{
		testframes.TCP4(40000, 445, cat([]byte{0}, []byte{0, 0, byte(len(negReq))}, negReq)),
		testframes.TCP4(445, 40000, cat([]byte{0}, []byte{0, 0, byte(len(negRep))}, negRep)),
		testframes.TCP4(40000, 445, cat([]byte{0, 0, 0, byte(len(sessReq))}, sessReq)),
		testframes.TCP4(445, 40000, cat([]byte{0, 0, 0, byte(len(tconRep))}, tconRep)),
		testframes.TCP4(445, 40000, cat([]byte{0, 0, 0, byte(len(errRep))}, errRep)),
		testframes.TCP4(445, 40000, cat([]byte{0, 0, 0, byte(len(ntErr))}, ntErr)),
		testframes.TCP4(40000, 445, cat([]byte{0, 0, 0, byte(len(echo))}, echo)),
		testframes.TCP4(40000, 445, cat([]byte{0, 0, 0, byte(len(unknown))}, unknown)),
		testframes.TCP4(40000, 445, cat([]byte{0, 0, 0, byte(len(chained))}, chained)),
		testframes.TCP4(40000, 445, cat([]byte{0, 0, 1, 0}, negReq)),
		testframes.TCP4(40000, 445, []byte("\x00\x00\x00\x40\xfeSMB@\x00\x01\x00")),
		testframes.TCP4(40000, 445, []byte{0, 0}),
		testframes.TCP4(40000, 139, nbss(0x81, cat(nbName("SERVER", 0x20), nbName("CLIENT", 0)))),
		testframes.TCP4(139, 40000, nbss(0x82, nil)),
		testframes.TCP4(139, 40000, nbss(0x83, []byte{0x82})),
		testframes.TCP4(139, 40000, nbss(0x83, []byte{0x8f})),
		testframes.TCP4(139, 40000, nbss(0x85, nil)),
		testframes.TCP4(139, 40000, nbss(0x99, []byte{1, 2, 3})),
		testframes.TCP4(40000, 139, nbss(0, negReq)),
		testframes.TCP4(139, 40000, nbss(0, negRep)),
		testframes.TCP4(139, 40000, nbss(0, []byte("continuation data"))),
		testframes.TCP4(139, 40000, cat([]byte{0, 0, 1, 0}, negRep)),
		testframes.TCP4(139, 40000, []byte{0x83, 0, 0, 0}),
		testframes.UDP4(138, 138, browse),
		testframes.UDP4(138, 138, browse[:20]),
		testframes.UDP4(138, 138, nil),
		nbfFrame(0x03, cat(le16(44), le16(0xefff), []byte{0x08, 0, 0, 0, 0, 0, 0, 0}, []byte("WORKGROUP      \x1d"), []byte("HOST1          \x00"), negReq)),
		nbfFrame(0x03, cat(le16(44), le16(0xefff), []byte{0x0a, 0, 0, 0, 0, 0, 0, 0}, []byte("SERVER         \x20"), []byte("HOST1          \x00"))),
		nbfFrame(0x03, cat(le16(14), le16(0xefff), []byte{0x1f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
		nbfFrame(0x03, cat(le16(14), le16(0xefff), []byte{0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
		nbfFrame(0x03, []byte{1, 2, 3}),
	}
}

// nbfFrame is an 802.3 frame with an LLC header for the NetBEUI SAPs.
func nbfFrame(control byte, body []byte) []byte {
	llc := cat([]byte{0xf0, 0xf0, control}, body)
	return cat([]byte{3, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}, be16b(uint16(len(llc))), llc)
}

// smbSamples are lines tcpdump built with --enable-smb prints for frames
// of smbFrames and nbnsFrames (the shapes of tcpdump's tests
// nbns-valgrind.out, ipx.out and print-smb.c), and with which options.
var smbSamples = []struct {
	verbose int
	frame   int // index in smbFrames (-1 - i: in nbnsFrames)
	want    string
}{
	{0, -1, "IP 10.199.7.1.137 > 10.199.7.2.137: NBT UDP PACKET(137): QUERY; REQUEST; BROADCAST"},
	{1, -3, "NBT UDP PACKET(137): QUERY; POSITIVE; RESPONSE; UNICAST"},
	{0, -6, "NBT UDP PACKET(137): REGISTRATION; NEGATIVE; RESPONSE; UNICAST"},
	{2, -1, "\n>>> NBT UDP PACKET(137): QUERY; REQUEST; BROADCAST\nTrnID=0x8A1B\nOpCode=0\nNmFlags=0x11\nRcode=0\nQueryCount=1\nAnswerCount=0\nAuthorityCount=0\nAddressRecCount=0\nQuestionRecords:\nName=WORKGROUP       NameType=0x1D (Master Browser)\nQuestionType=0x20\nQuestionClass=0x1\n\n"},
	{2, -3, "ResourceLength=6\nResourceData=\nAddrType=0x6000\nAddress=10 (0xa).1 (0x1).2 (0x2).3 (0x3)\n"},
	{2, -4, "NumNames=0x3\nName=HOST1           NameType=0x00 (Workstation)\tB <ACTIVE> \nName=HOST1           NameType=0x20 (Server)\t<GROUP> B <ACTIVE> \n"},
	{2, -13, "AddressRecCount=0\nCorrupt packet??\n"},
	{2, -16, "QuestionRecords:\nName= [|nbt_udp137]\n"},
	{0, 0, ", length 86 SMB PACKET: SMBnegprot (REQUEST)\n\n"},
	{1, 1, " SMB PACKET: SMBnegprot (REPLY)\n"},
	{0, 10, " SMB-over-TCP packet:(raw data or continuation?)\n"},
	{0, 9, " WARNING: Packet is continued in later TCP segments\nSMB PACKET: SMBnegprot (REQUEST)\n"},
	{0, 11, ", length 2 [|smb_tcp]"},
	{2, 0, "SMB PACKET: SMBnegprot (REQUEST)\nSMB Command   =  0x72\nError class   =  0x0\nError code    =  0 (0x0)\nFlags1        =  0x18\nFlags2        =  0x53\nTree ID       =  1 (0x1)\nProc ID       =  4660 (0x1234)\nUID           =  100 (0x64)\nMID           =  7 (0x7)\nWord Count    =  0 (0x0)\nsmb_bcc=47\nDialect=PC NETWORK PROGRAM 1.0\nDialect=LANMAN1.0\nDialect=NT LM 0.12\n"},
	{2, 4, "SMBError = ERRDOS - ERRbadfile (File not found.)\n"},
	{2, 5, "NTError = STATUS_OBJECT_NAME_NOT_FOUND\n"},
	{2, 6, "Word Count    =  1 (0x1)\nReverbCount=1 (0x1)\nsmb_bcc=4\nsmb_buf[]=\n[000] 70 69 6E 67                                       ping \n"},
	{2, 7, "SMB PACKET: SMBunknown (REQUEST)\n"},
	{2, 8, "\nSMB PACKET: SMBtconX (REQUEST) (CHAINED)\nBad andX offset: 20 <= 32\n"},
	{0, 12, ", length 72 NBT Session Packet: Session Request"},
	{0, 14, ", length 5 NBT Session Packet:  [|nbt_tcp]"},
	{2, 15, "Reason=0x8F\nUnspecified error 0x8F\n"},
	{0, 16, "NBT Session Packet: Session Keepalive"},
	{0, 17, "NBT Session Packet: Unknown packet type 0x99Data: (6 bytes)\n[000] 00 00 03 01 02 03 "},
	{0, 22, "NBT Session Packet:  [|nbt_tcp]"},
	{2, 12, "\n>>> NBT Session Packet\nNBT Session Request\nFlags=0x0\nLength=68 (0x44)\nDestination=SERVER          NameType=0x20 (Server)\nSource=CLIENT          NameType=0x00 (Workstation)\n\n"},
	{2, 14, "NBT SessionReject\nFlags=0x0\nLength=1 (0x1)\nReason=0x82\nCalled name not present\n"},
	{2, 18, "\n>>> NBT Session Packet\nNBT Session Message\nFlags=0x0\nLength=82 (0x52)\n\nSMB PACKET: SMBnegprot (REQUEST)\n"},
	{2, 20, "NBT Session Message\nFlags=0x0\nLength=17 (0x11)\nSession packet:(raw data or continuation?)\n"},
	{2, 21, "Length=256 (0x100)\nWARNING: Packet is continued in later TCP segments\n"},
	{0, 23, "IP 10.199.7.1.138 > 10.199.7.2.138: NBT UDP PACKET(138)\n"},
	{2, 23, "\n>>> NBT UDP PACKET(138) Res=0x1102 ID=0x54 IP=10 (0xa).0 (0x0).0 (0x0).101 (0x65) Port=138 (0x8a) Length=193 (0xc1) Res2=0x0\nSourceName=HOST1           NameType=0x00 (Workstation)\nDestName=WORKGROUP       NameType=0x1D (Master Browser)\n\nSMB PACKET: SMBtrans (REQUEST)\n"},
	{2, 23, "smb_bcc=57\nName=\\MAILSLOT\\BROWSE\nBROWSE PACKET\nBROWSE PACKET:\nType=0x1 (HostAnnouncement)\nUpdateCount=0x3\nRes1=0x0\nAnnounceInterval=60000 (0xea60)\nName=HOST1           NameType=0x00 (Workstation)\nMajorVersion=0x4\nMinorVersion=0x9\nServerType=0x1003\nElectionVersion=0x10F\nBrowserConstant=0xAA55\nData: (8 bytes)\n"},
	{0, 26, "NBF Packet: Datagram\n"},
	{2, 26, "\n>>> NBF Packet\nType=0x3 Length=44 (0x2c) Signature=0xEFFF Command=0x8\nDatagram:\nDestination=WORKGROUP       NameType=0x1D (Master Browser)\nSource=HOST1           NameType=0x00 (Workstation)\n\nSMB PACKET: SMBnegprot (REQUEST)\n"},
	{0, 27, "NBF Packet: Name Query, Name=SERVER          NameType=0x20 (Server)\n"},
	{2, 28, "Command=0x1F\nSession Alive:\n\n"},
	{0, 29, "NBF Packet: Unknown NBF Command\n"},
	{0, 30, ".000000  [|netbeui]\n"},
	{2, 24, "\n>>> NBT UDP PACKET(138) Res=0x1102 ID=0x54 IP=10 (0xa).0 (0x0).0 (0x0).101 (0x65) Port=138 (0x8a) Length=193 (0xc1) Res2=0x0\nSourceName= [|nbt_udp138]\n"},
}

func TestNetBIOSVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	nbns := nbnsFrames()
	smb := smbFrames()
	var cuts []testframes.Frame
	for _, n := range []int{42 + 5, 42 + 12, 42 + 13, 42 + 30, 42 + 45, 42 + 50, 42 + 52} {
		cuts = append(cuts, snap(nbns[0], n))
	}
	for _, n := range []int{42 + 60, 42 + 62, 42 + 70, 42 + 75, 42 + 90, 42 + 100} {
		cuts = append(cuts, snap(nbns[3], n), snap(nbns[4], n))
	}
	for _, i := range []int{0, 1, 2, 18, 19, 23} {
		for _, n := range []int{54 + 2, 54 + 6, 54 + 20, 54 + 40, 54 + 70} {
			cuts = append(cuts, snap(smb[i], n))
		}
	}
	for i := range cuts {
		cuts[i].Time = rawFrames(nil)[0].Time
	}
	// tcpdump 4.99's default build (the installed one) leaves SMB out:
	// gocap's default must print these as it does.
	cases := []struct {
		name   string
		frames []testframes.Frame
	}{
		{"nbns", rawFrames(nbns...)},
		{"smb", rawFrames(smb...)},
		{"cut", cuts},
	}
	for _, c := range cases {
		same, total := compareLinkFlags(t, tcpdump, "netbios-"+c.name, 1, c.frames, depthFlagSets)
		t.Logf("%s: %d of %d lines identical", c.name, same, total)
	}
}

// printSMB prints frames with SMB printing on.
func printSMB(t testing.TB, verbose int, fs ...testframes.Frame) string {
	var out bytes.Buffer
	p := New(&out, Options{Numeric: true, Verbose: verbose, SMB: true, Location: time.UTC})
	for _, f := range fs {
		if err := p.Print(&Packet{Time: f.Time, Data: f.Data, Length: f.Length, LinkType: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestNetBIOSSMB checks the output of the SMB printers (Options.SMB)
// against the lines tcpdump built with --enable-smb prints: the installed
// tcpdump has no SMB printing to compare with.
func TestNetBIOSSMB(t *testing.T) {
	nbns, smb := nbnsFrames(), smbFrames()
	for _, s := range smbSamples {
		d := nbns[0]
		if s.frame < 0 {
			d = nbns[-1-s.frame]
		} else {
			d = smb[s.frame]
		}
		got := printSMB(t, s.verbose, rawFrames(d)...)
		if !strings.Contains(got, s.want) {
			t.Errorf("frame %d -v×%d: want %q in\n%s", s.frame, s.verbose, s.want, got)
		}
	}
	// A TRANSACT2 reply is printed as the subcommand of the request before
	// it (tcpdump keeps it from packet to packet).
	qfsReq := smbMsg(0x32, 0x18, 0, 0, 0x0001, cat(le16(2), le16(0), le16(0), le16(1024), []byte{0, 0}, le16(0), nbLE32(0), le16(0),
		le16(2), le16(68), le16(0), le16(0), []byte{1, 0}, le16(3)), cat([]byte{0, 0, 0}, le16(0x105)))
	qfsRep := smbMsg(0x32, 0x98, 0, 0, 0x0001, cat(le16(0), le16(16), le16(0), le16(0), le16(0), le16(0), le16(16), le16(56), le16(0), []byte{0, 0}),
		cat([]byte{0}, nbLE32(0x2f), nbLE32(255), nbLE32(4), []byte("NTFS")))
	got := printSMB(t, 2, rawFrames(testframes.TCP4(40000, 445, cat([]byte{0, 0, 0, byte(len(qfsReq))}, qfsReq)),
		testframes.TCP4(445, 40000, cat([]byte{0, 0, 0, byte(len(qfsRep))}, qfsRep)))...)
	for _, want := range []string{
		"TRANSACT2_QFSINFO param_length=2 data_length=0\n",
		"SetupCnt=1 (0x1)\nsmb_bcc=5\nInfoLevel=261 (0x105)\n",
		"TRANSACT2_QFSINFO param_length=0 data_length=16\n",
		"SetupCnt=0 (0x0)\nsmb_bcc=17\nCapabilities=0x2F\nMaxFileLen=255 (0xff)\nVolNameLen=4\nVolume=NTFS\ndata:\n[000] 2F 00 00 00 FF 00 00 00  04 00 00 00 4E 54 46 53  /^@^@^@M-^?^@^@^@ ^D^@^@^@NTFS\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in\n%s", want, got)
		}
	}
	// Every frame, cut anywhere, at every verbosity: no panic, output ends
	// with the packet.
	for _, d := range append(nbns, smb...) {
		for n := 14; n <= len(d); n++ {
			for v := 0; v < 4; v++ {
				printSMB(t, v, snap(d, n))
			}
		}
	}
}

// TestNetBIOSIPXCorpus prints tcpdump's ipx.pcap with SMB printing on and
// compares the NetBIOS-over-IPX packets with tcpdump's tests/ipx.out (the
// output of tcpdump built with SMB support).
func TestNetBIOSIPXCorpus(t *testing.T) {
	path := "../../../shared/corpus/tcpdump/ipx.pcap"
	pkts, err := readCapture(path)
	if err != nil {
		testenv.Skip(t, "no %s: %v", path, err)
	}
	var out bytes.Buffer
	p := New(&out, Options{Numeric: true, SMB: true, Location: time.UTC})
	for _, k := range pkts {
		if err := p.Print(k); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"10:06:31.884337 IPX a8f87967.00:00:00:00:00:01.0455 > 00000000.ff:ff:ff:ff:ff:ff.0455: ipx-netbios 162\n" +
			">>> IPX transport Data: (34 bytes)\n" +
			"[000] 00 0B 41 44 4D 49 4E 54  45 53 54 20 20 20 20 20  ^@^KADMINT EST     \n" +
			"[010] 20 00 01 02 5F 5F 4D 53  42 52 4F 57 53 45 5F 5F   ^@^A^B__MS BROWSE__\n" +
			"[020] 02 01                                             ^B^A \n" +
			"SMB PACKET: SMBtrans (REQUEST)\n\n\n" +
			"10:06:37.582596 IPX 00000000.00:03:47:1b:c1:a8.0453",
		"10:11:40.073983 IPX 00000000.00:13:20:61:83:a3.0553 > 00000000.ff:ff:ff:ff:ff:ff.0553: ipx-nwlink-dgm 187\n" +
			">>> IPX transport Data: (68 bytes)\n" +
			"[000] 00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ^@^@^@^@^@^@^@^@ ^@^@^@^@^@^@^@^@\n" +
			"[010] 00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ^@^@^@^@^@^@^@^@ ^@^@^@^@^@^@^@^@\n" +
			"[020] FC 02 00 00 49 4E 44 49  41 2D 49 54 20 20 20 20  M-|^B^@^@INDI A-IT    \n" +
			"[030] 20 20 20 00 41 56 45 53  48 20 20 20 20 20 20 20     ^@AVES H       \n" +
			"[040] 20 20 20 00                                          ^@ \n" +
			"SMB PACKET: SMBtrans (REQUEST)\n\n\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("want\n%s\nin\n%s", want, out.String())
		}
	}
	if n := strings.Count(out.String(), "SMB PACKET: SMBtrans (REQUEST)"); n != 6 {
		t.Errorf("%d SMBtrans packets, tcpdump's ipx.out has 6", n)
	}
}

// FuzzNetBIOS prints NetBIOS and SMB payloads over each of their ports
// with SMB printing on, at every verbosity: no panic, no hang.
func FuzzNetBIOS(f *testing.F) {
	for _, d := range append(nbnsFrames(), smbFrames()...) {
		if d[12] == 8 && len(d) > 42 { // IPv4
			f.Add(d[42:], uint16(0))
		} else if len(d) > 17 { // 802.2 NetBEUI
			f.Add(d[17:], uint16(4))
		}
	}
	ports := []uint16{137, 138, 139, 445, 0}
	f.Fuzz(func(t *testing.T, payload []byte, sel uint16) {
		port := ports[int(sel)%len(ports)]
		var d []byte
		switch port {
		case 0:
			d = nbfFrame(byte(sel>>8), payload)
		case 139, 445:
			d = testframes.TCP4(40000, port, payload)
		default:
			d = testframes.UDP4(port, port, payload)
		}
		for v := 0; v < 4; v++ {
			printSMB(t, v, rawFrames(d)...)
		}
	})
}
