package printer

import (
	"bytes"
	"encoding/binary"
	"net"
	"strconv"
	"strings"
)

// ISAKMP, IKEv1 and IKEv2 (UDP 500, and 4500 after the non-ESP marker) as
// tcpdump's isakmp_print: the header line (phase, initiator or responder
// from a cache of initiator cookies, exchange type, flags) and with -v the
// payload chain, each payload on its own indented line. A payload's length
// is checked against the captured bytes before it is printed; the SA,
// proposal and transform nesting is bounded by ikeMaxDepth.

const ikeMaxDepth = 16

var (
	ikeNPStr = []string{"none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash",
		"sig", "nonce", "n", "d", "vid",
		"pay14", "pay15", "pay16", "pay17", "pay18",
		"pay19", "pay20", "pay21", "pay22", "pay23",
		"pay24", "pay25", "pay26", "pay27", "pay28",
		"pay29", "pay30", "pay31", "pay32",
		"v2sa", "v2ke", "v2IDi", "v2IDr", "v2cert",
		"v2cr", "v2auth", "v2nonce", "v2n", "v2d",
		"v2vid", "v2TSi", "v2TSr", "v2e", "v2cp",
		"v2eap"}
	ikeEtypeStr = func() []string {
		t := make([]string, 38)
		copy(t, []string{"none", "base", "ident", "auth", "agg", "inf"})
		t[32], t[33] = "oakley-quick", "oakley-newgroup"
		t[34], t[35], t[36], t[37] = "ikev2_init", "ikev2_auth", "child_sa", "inf2"
		return t
	}()
	ikeProtoIDStr  = []string{"", "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp"}
	ikeV1PMap      = []string{"", "ike"}
	ikeV2TTypeMap  = []string{"", "encr", "prf", "integ", "dh", "esn"}
	ikeAHPMap      = []string{"", "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512"}
	ikePRFPMap     = []string{"", "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"}
	ikeIntegPMap   = []string{"", "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc"}
	ikeESNPMap     = []string{"no-esn", "esn"}
	ikeDHPMap      = []string{"", "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", "iana-grp06", "iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12", "iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192"}
	ikeESPPMap     = []string{"", "1des-iv64", "1des", "3des", "rc5", "idea", "cast", "blowfish", "3idea", "1des-iv32", "rc4", "null", "aes"}
	ikeIPCompPMap  = []string{"", "oui", "deflate", "lzs"}
	ikeCertStr     = []string{"none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl", "spki", "x509attr"}
	ikeIPsecIDType = []string{"", "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6", "IPv6net", "IPv4range", "IPv6range", "ASN1 DN", "ASN1 GN", "keyid"}
	ikeV2Auth      = []string{"invalid", "rsasig", "shared-secret", "dsssig"}
	ikeNotifyError = []string{"", "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED", "SITUATION-NOT-SUPPORTED",
		"INVALID-COOKIE", "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION", "INVALID-EXCHANGE-TYPE",
		"INVALID-FLAGS", "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID", "INVALID-SPI",
		"INVALID-TRANSFORM-ID", "ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN", "BAD-PROPOSAL-SYNTAX",
		"PAYLOAD-MALFORMED", "INVALID-KEY-INFORMATION", "INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING",
		"INVALID-CERTIFICATE", "CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY", "INVALID-HASH-INFORMATION",
		"AUTHENTICATION-FAILED", "INVALID-SIGNATURE", "ADDRESS-NOTIFICATION", "NOTIFY-SA-LIFETIME",
		"CERTIFICATE-UNAVAILABLE", "UNSUPPORTED-EXCHANGE-TYPE", "UNEQUAL-PAYLOAD-LENGTHS"}
	ikeIPsecNotifyStatus = []string{"RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT"}
	ikeV2Notify          = map[uint16]struct {
		name    string
		showSPI bool
	}{
		1: {"unsupported_critical_payload", false}, 4: {"invalid_ike_spi", true},
		5: {"invalid_major_version", false}, 7: {"invalid_syntax", true}, 9: {"invalid_message_id", true},
		11: {"invalid_spi", true}, 14: {"no_protocol_chosen", true}, 17: {"invalid_ke_payload", true},
		24: {"authentication_failed", true}, 34: {"single_pair_required", true},
		35: {"no_additional_sas", false}, 36: {"internal_address_failure", false},
		37: {"failed:cp_required", false}, 39: {"invalid_selectors", false},
		16384: {"initial_contact", false}, 16385: {"set_window_size", false},
		16386: {"additional_ts_possible", false}, 16387: {"ipcomp_supported", false},
		16388: {"nat_detection_source_ip", true}, 16389: {"nat_detection_destination_ip", true},
		16390: {"cookie", true}, 16391: {"use_transport_mode", false},
		16392: {"http_cert_lookup_supported", false}, 16393: {"rekey_sa", true},
		16394: {"tfc_padding_not_supported", false}, 16395: {"non_first_fragment_also", false},
	}
)

// ikeAttrMap names a DOI's attribute types and their basic values.
type ikeAttrMap struct {
	name   string
	values []string
}

var (
	ikeGroupDesc = append([]string{}, ikeDHPMap...)
	ikeIPsecTMap = []ikeAttrMap{{}, {"lifetype", []string{"", "sec", "kb"}}, {"life", nil},
		{"group desc", ikeGroupDesc}, {"enc mode", []string{"", "tunnel", "transport"}},
		{"auth", []string{"", "hmac-md5", "hmac-sha1", "1des-mac", "keyed"}},
		{"keylen", nil}, {"rounds", nil}, {"dictsize", nil}, {"privalg", nil}}
	ikeEncrTMap   = []ikeAttrMap{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {"keylen", nil}}
	ikeOakleyTMap = []ikeAttrMap{{}, {"enc", []string{"", "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"}},
		{"hash", []string{"", "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"}},
		{"auth", []string{"", "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"}},
		{"group desc", ikeGroupDesc}, {"group type", []string{"", "MODP", "ECP", "EC2N"}},
		{"group prime", nil}, {"group gen1", nil}, {"group gen2", nil}, {"group curve A", nil},
		{"group curve B", nil}, {"lifetype", []string{"", "sec", "kb"}}, {"lifeduration", nil},
		{"prf", nil}, {"keylen", nil}, {"field", nil}, {"order", nil}}
)

// ikeCookies is tcpdump's cache of initiator cookies with the addresses
// of the exchange's first packet, which tell initiator from responder.
type ikeCookies struct {
	next    int
	entries [20]struct {
		cookie       [8]byte
		version      int
		iaddr, raddr []byte
	}
}

func (c *ikeCookies) find(ck []byte) int {
	for i := range c.entries {
		if bytes.Equal(c.entries[i].cookie[:], ck) {
			return i
		}
	}
	return -1
}

func (c *ikeCookies) record(ck []byte, info *ipInfo) {
	if i := c.find(ck); i >= 0 {
		c.next = (i + 1) % len(c.entries)
		return
	}
	e := &c.entries[c.next]
	e.version = 4
	if info.v6 {
		e.version = 6
	}
	e.iaddr = append(e.iaddr[:0], info.src...)
	e.raddr = append(e.raddr[:0], info.dst...)
	copy(e.cookie[:], ck)
	c.next = (c.next + 1) % len(c.entries)
}

func (c *ikeCookies) side(i int, info *ipInfo, initiator bool) bool {
	e := &c.entries[i]
	v := 4
	if info.v6 {
		v = 6
	}
	if e.version != v {
		return false
	}
	if initiator {
		return bytes.Equal(info.src, e.iaddr)
	}
	return bytes.Equal(info.src, e.raddr)
}

// ikeDec holds one message's captured bytes (data ends where tcpdump's
// snapshot end is).
type ikeDec struct {
	d    *dissector
	b    *buf
	data []byte
	v    int
	v2   bool
}

func (k *ikeDec) u8(i int) byte {
	if i < 0 || i >= len(k.data) {
		panic(truncPanic{})
	}
	return k.data[i]
}

func (k *ikeDec) be16(i int) int {
	return int(k.u8(i))<<8 | int(k.u8(i+1))
}

func (k *ikeDec) be32(i int) uint32 {
	if i < 0 || i+4 > len(k.data) {
		panic(truncPanic{})
	}
	return binary.BigEndian.Uint32(k.data[i:])
}

func (k *ikeDec) have(i, n int) bool {
	return i >= 0 && n >= 0 && i <= len(k.data) && n <= len(k.data)-i
}

func (k *ikeDec) raw(i, n int) bool {
	if !k.have(i, n) {
		return false
	}
	for _, c := range k.data[i : i+n] {
		k.b.s = append(k.b.s, hexDigit(c>>4), hexDigit(c&15))
	}
	return true
}

func ikeStr(v int, tab []string) string {
	if v >= 0 && v < len(tab) && tab[v] != "" {
		return tab[v]
	}
	return "#" + strconv.Itoa(v)
}

func npStr(np int) string { return ikeStr(np, ikeNPStr) }

func (k *ikeDec) trunc(np int) int {
	k.b.str(" [|" + npStr(np) + "]")
	return -1
}

// isakmp prints an ISAKMP message of length bytes.
func (d *dissector) isakmp(data []byte, length int, info *ipInfo) {
	k := &ikeDec{d: d, b: d.b, data: data, v: d.p.opts.Verbose}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(truncPanic); !ok {
				panic(r)
			}
			d.truncJmp("isakmp")
		}
	}()
	k.message(length, info)
}

func (k *ikeDec) message(length int, info *ipInfo) {
	b := k.b
	if len(k.data) < 28 {
		b.trunc("isakmp")
		return
	}
	data := k.data
	b.str("isakmp")
	major, minor := data[17]>>4, data[17]&0x0f
	if k.v > 0 {
		b.printf(" %d.%d", major, minor)
		b.str(" msgid ")
		k.raw(20, 4)
	}
	if k.v > 1 {
		b.str(" cookie ")
		k.raw(0, 8)
		b.str("->")
		k.raw(8, 8)
	}
	b.str(":")
	if major != 1 && major != 2 {
		return
	}
	k.v2 = major == 2
	msgid := binary.BigEndian.Uint32(data[20:])
	phase := 1
	if msgid != 0 {
		phase = 2
	}
	flags := data[19]
	if !k.v2 {
		if phase == 1 {
			b.str(" phase 1")
		} else {
			b.str(" phase 2/others")
		}
		c := &k.d.p.ike
		if i := c.find(data[:8]); i < 0 {
			if bytes.Equal(data[8:16], make([]byte, 8)) {
				b.str(" I")
				if info != nil {
					c.record(data[:8], info)
				}
			} else {
				b.str(" ?")
			}
		} else {
			switch {
			case info != nil && c.side(i, info, true):
				b.str(" I")
			case info != nil && c.side(i, info, false):
				b.str(" R")
			default:
				b.str(" ?")
			}
		}
		b.str(" " + ikeStr(int(data[18]), ikeEtypeStr))
		if flags != 0 {
			b.str("[")
			if flags&1 != 0 {
				b.str("E")
			}
			if flags&2 != 0 {
				b.str("C")
			}
			b.str("]")
		}
	} else {
		if phase == 1 {
			b.str(" parent_sa")
		} else {
			b.str(" child_sa ")
		}
		b.str(" " + ikeStr(int(data[18]), ikeEtypeStr))
		if flags != 0 {
			b.str("[")
			if flags&0x08 != 0 {
				b.str("I")
			}
			if flags&0x10 != 0 {
				b.str("V")
			}
			if flags&0x20 != 0 {
				b.str("R")
			}
			b.str("]")
		}
	}
	if k.v == 0 {
		return
	}
	b.str(":")
	np := int(data[16])
	if flags&1 != 0 {
		b.str(" [encrypted " + npStr(np) + "]")
	} else {
		k.subPrint(np, 28, phase, 0, 0, 0)
	}
	if l := binary.BigEndian.Uint32(data[24:]); l != uint32(length) {
		b.printf(" (len mismatch: isakmp %d/ip %d)", l, uint32(length))
	}
}

// subPrint prints the chain of payloads starting with type np at ext; it
// returns the offset after the last, or -1. Each payload advances by its
// length, which is more than 4 and was captured.
func (k *ikeDec) subPrint(np, ext, phase int, doi uint32, proto byte, depth int) int {
	b := k.b
	cp := ext
	if depth > ikeMaxDepth {
		return k.trunc(np)
	}
	for np != 0 {
		if !k.have(ext, 4) {
			return k.trunc(np)
		}
		itemLen := k.be16(ext + 2)
		if !k.have(ext, itemLen) {
			return k.trunc(np)
		}
		depth++
		b.str("\n")
		for i := 0; i < depth; i++ {
			b.str("    ")
		}
		b.str("(")
		cp = k.sub0(np, ext, phase, doi, proto, depth)
		b.str(")")
		depth--
		if cp < 0 {
			return -1
		}
		np = int(k.u8(ext))
		ext = cp
	}
	return cp
}

func (k *ikeDec) sub0(np, ext, phase int, doi uint32, proto byte, depth int) int {
	if !k.have(ext, 4) {
		k.b.trunc("isakmp")
		return -1
	}
	itemLen := k.be16(ext + 2)
	if itemLen <= 4 {
		return -1
	}
	switch np {
	case 1:
		return k.v1SA(ext, phase, proto, depth)
	case 2:
		return k.v1P(ext, phase, doi, depth)
	case 3:
		return k.v1T(ext, itemLen, proto)
	case 4:
		return k.v1Data(np, ext, itemLen, " key len=")
	case 5:
		return k.v1ID(ext, itemLen)
	case 6, 7:
		return k.v1Cert(np, ext, itemLen)
	case 8, 9, 13:
		return k.v1Data(np, ext, itemLen, " len=")
	case 10:
		return k.v1Nonce(ext, itemLen)
	case 11:
		return k.v1N(ext, itemLen)
	case 12:
		return k.v1D(ext, itemLen)
	case 33:
		return k.v2SA(np, ext, depth)
	case 34:
		return k.v2KE(np, ext, itemLen)
	case 35, 36:
		return k.v2ID(np, ext, itemLen)
	case 37, 38, 42, 44, 45, 47, 48:
		return k.v2Gen(np, ext, itemLen)
	case 39:
		return k.v2Auth(np, ext, itemLen)
	case 40:
		return k.v2Nonce(np, ext, itemLen)
	case 41:
		return k.v2N(ext, itemLen)
	case 43:
		return k.v2VID(np, ext, itemLen)
	case 46:
		if k.v2 {
			return k.v2E(np, ext, itemLen)
		}
	}
	k.b.str(npStr(np))
	return ext + itemLen
}

// attr prints one data attribute (RFC 2408 3.3), named through m when
// given; it returns the offset after it (past end when it overruns end).
func (k *ikeDec) attr(p, end int, m []ikeAttrMap) int {
	b := k.b
	total := 4
	if k.u8(p)&0x80 == 0 {
		total = 4 + k.be16(p+2)
	}
	if end < p+total {
		b.str("[|attr]")
		return end + 1
	}
	b.str("(")
	t := k.be16(p) & 0x7fff
	if m != nil && t < len(m) && m[t].name != "" {
		b.str("type=" + m[t].name + " ")
	} else {
		b.printf("type=#%d ", t)
	}
	if k.u8(p)&0x80 != 0 {
		b.str("value=")
		v := k.be16(p + 2)
		if m != nil && t < len(m) && v < len(m[t].values) && m[t].values[v] != "" {
			b.str(m[t].values[v])
		} else {
			k.raw(p+2, 2)
		}
	} else {
		b.printf("len=%d value=", total-4)
		if !k.raw(p+4, total-4) {
			b.str(")")
			return -1
		}
	}
	b.str(")")
	return p + total
}

func (k *ikeDec) attrs(cp, end int, m []ikeAttrMap) int {
	for cp < len(k.data) && cp < end {
		if cp = k.attr(cp, end, m); cp < 0 {
			return -1
		}
	}
	return cp
}

// someData is ike_show_somedata: the first 10 and last 20 bytes up to
// the captured end.
func (k *ikeDec) someData(cp int) bool {
	ep := len(k.data)
	end, elen := ep-20, 20
	n := ep - cp
	if n > 10 {
		n = 10
	}
	if end < cp+n {
		end = cp + n
		elen = ep - end
	}
	k.b.str(" data=(")
	if !k.raw(cp, n) {
		return false
	}
	k.b.str("...")
	if elen != 0 && !k.raw(end, elen) {
		return false
	}
	k.b.str(")")
	return true
}

func (k *ikeDec) v1SA(ext, phase int, proto byte, depth int) int {
	b := k.b
	b.str("sa:")
	if !k.have(ext, 12) {
		return k.trunc(1)
	}
	doi, sit := k.be32(ext+4), k.be32(ext+8)
	if doi != 1 {
		b.printf(" doi=%d situation=%d", doi, sit)
		return ext + 12
	}
	b.str(" doi=ipsec situation=")
	t := false
	if sit&1 != 0 {
		b.str("identity")
		t = true
	}
	if sit&2 != 0 {
		if t {
			b.str("+")
		}
		b.str("secrecy")
		t = true
	}
	if sit&4 != 0 {
		if t {
			b.str("+")
		}
		b.str("integrity")
	}
	np := ext + 12
	if sit != 1 {
		// tcpdump reads the "ident" from the DOI field.
		b.printf(" ident=%d", k.be32(ext+4))
		np += 4
	}
	if !k.have(np, 4) {
		return k.trunc(1)
	}
	return k.subPrint(2, np, phase, doi, proto, depth)
}

func (k *ikeDec) v1P(ext, phase int, doi uint32, depth int) int {
	b := k.b
	b.str("p:")
	if !k.have(ext, 8) {
		return k.trunc(2)
	}
	prot := k.data[ext+5]
	b.printf(" #%d protoid=%s transform=%d", k.data[ext+4], ikeStr(int(prot), ikeProtoIDStr), k.data[ext+7])
	spi := int(k.data[ext+6])
	if spi != 0 {
		b.str(" spi=")
		if !k.raw(ext+8, spi) {
			return k.trunc(2)
		}
	}
	next := ext + 8 + spi
	if !k.have(next, 4) {
		return k.trunc(2)
	}
	return k.subPrint(3, next, phase, doi, prot, depth)
}

func (k *ikeDec) v1T(ext, itemLen int, proto byte) int {
	b := k.b
	b.str("t:")
	if !k.have(ext, 8) {
		return k.trunc(3)
	}
	var ids []string
	var m []ikeAttrMap
	switch proto {
	case 1:
		ids, m = ikeV1PMap, ikeOakleyTMap
	case 2:
		ids, m = ikeAHPMap, ikeIPsecTMap
	case 3:
		ids, m = ikeESPPMap, ikeIPsecTMap
	case 4:
		ids, m = ikeIPCompPMap, ikeIPsecTMap
	}
	tno, tid := k.data[ext+4], int(k.data[ext+5])
	if ids != nil {
		b.printf(" #%d id=%s ", tno, ikeStr(tid, ids))
	} else {
		b.printf(" #%d id=%d ", tno, tid)
	}
	end := ext + itemLen
	cp := k.attrs(ext+8, end, m)
	if cp < 0 {
		return k.trunc(3)
	}
	if len(k.data) < end {
		b.str("...")
	}
	return cp
}

// v1Data prints the payloads that are only data (KE, hash, signature,
// vendor ID): the length, and with -vvv the bytes.
func (k *ikeDec) v1Data(np, ext, itemLen int, label string) int {
	k.b.str(npStr(np) + ":")
	if !k.have(ext, 4) {
		return k.trunc(np)
	}
	k.b.printf("%s%d", label, itemLen-4)
	if k.v > 2 && itemLen > 4 {
		k.b.str(" ")
		if !k.raw(ext+4, itemLen-4) {
			return k.trunc(np)
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v1Cert(np, ext, itemLen int) int {
	k.b.str(npStr(np) + ":")
	if !k.have(ext, 6) {
		return k.trunc(np)
	}
	k.b.printf(" len=%d type=%s", itemLen-4, ikeStr(int(k.data[ext+4]), ikeCertStr))
	if k.v > 2 && itemLen > 4 {
		k.b.str(" ")
		if !k.raw(ext+4, itemLen-4) {
			return k.trunc(np)
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v1Nonce(ext, itemLen int) int {
	b := k.b
	b.str("nonce:")
	if !k.have(ext, 4) {
		return k.trunc(10)
	}
	b.printf(" n len=%d", itemLen-4)
	if itemLen > 4 {
		if k.v > 2 {
			b.str(" ")
			if !k.raw(ext+4, itemLen-4) {
				return k.trunc(10)
			}
		} else if k.v > 1 {
			b.str(" ")
			if !k.someData(ext + 4) {
				return k.trunc(10)
			}
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v1ID(ext, itemLen int) int {
	b := k.b
	b.str("id:")
	if !k.have(ext, 8) {
		return k.trunc(5)
	}
	data, n := -1, 0
	if itemLen > 8 {
		data, n = ext+8, itemLen-8
	}
	typ := int(k.data[ext+4])
	b.str(" idtype=" + ikeStr(typ, ikeIPsecIDType))
	proto := k.data[ext+5]
	if name := ipProtoName(proto); !k.d.p.opts.Numeric && proto != 0 && name != "" {
		b.str(" protoid=" + name)
	} else {
		b.printf(" protoid=%d", proto)
	}
	b.printf(" port=%d", k.be16(ext+6))
	if n != 0 {
		if !k.have(data, n) {
			return k.trunc(5)
		}
		v := k.data[data : data+n]
		host := func(ip []byte) string { return k.d.p.host(net.IP(ip)) }
		switch typ {
		case 1:
			if n < 4 {
				b.printf(" len=%d [bad: < 4]", n)
			} else {
				b.printf(" len=%d %s", n, host(v[:4]))
			}
			n = 0
		case 2, 3:
			b.printf(" len=%d ", n)
			for _, c := range v {
				fnPrintChar(b, c)
			}
			n = 0
		case 4:
			if n < 8 {
				b.printf(" len=%d [bad: < 8]", n)
			} else {
				b.printf(" len=%d %s/%d.%d.%d.%d", n, host(v[:4]), v[4], v[5], v[6], v[7])
			}
			n = 0
		case 5:
			if n < 16 {
				b.printf(" len=%d [bad: < 16]", n)
			} else {
				b.printf(" len=%d %s", n, host(v[:16]))
			}
			n = 0
		case 6:
			if n < 32 {
				b.printf(" len=%d [bad: < 32]", n)
			} else {
				b.printf(" len=%d %s/0x%x", n, host(v[:16]), v[16:32])
			}
			n = 0
		case 7:
			if n < 8 {
				b.printf(" len=%d [bad: < 8]", n)
			} else {
				b.printf(" len=%d %s-%s", n, host(v[:4]), host(v[4:8]))
			}
			n = 0
		case 8:
			if n < 32 {
				b.printf(" len=%d [bad: < 32]", n)
			} else {
				b.printf(" len=%d %s-%s", n, host(v[:16]), host(v[16:32]))
			}
			n = 0
		}
	}
	if data >= 0 && n != 0 {
		b.printf(" len=%d", n)
		if k.v > 2 {
			b.str(" ")
			if !k.raw(data, n) {
				return k.trunc(5)
			}
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v1N(ext, itemLen int) int {
	b := k.b
	b.str("n:")
	if !k.have(ext, 12) {
		return k.trunc(11)
	}
	doi, proto, spi, typ := k.be32(ext+4), int(k.data[ext+8]), int(k.data[ext+9]), k.be16(ext+10)
	ipsec := doi == 1
	if !ipsec {
		b.printf(" doi=%d proto=%d", doi, proto)
	} else {
		b.str(" doi=ipsec proto=" + ikeStr(proto, ikeProtoIDStr))
	}
	switch {
	case typ < 8192:
		b.str(" type=" + ikeStr(typ, ikeNotifyError))
	case typ < 16384 && ipsec:
		b.str(" type=" + ikeStr(typ-8192, []string{"RESERVED"}))
	case typ < 16384:
		b.printf(" type=#%d", typ)
	case typ < 24576:
		b.str(" type=" + ikeStr(typ-16384, []string{"CONNECTED"}))
	case typ < 32768 && ipsec:
		b.str(" type=" + ikeStr(typ-24576, ikeIPsecNotifyStatus))
	default:
		b.printf(" type=#%d", typ)
	}
	if spi != 0 {
		b.str(" spi=")
		if !k.raw(ext+12, spi) {
			return k.trunc(11)
		}
	}
	cp := ext + 12 + spi
	if !ipsec {
		return cp
	}
	end := ext + itemLen
	if cp < len(k.data) {
		switch typ {
		case 24576:
			b.str(" attrs=(")
			for cp < len(k.data) && cp < end {
				if cp = k.attr(cp, end, ikeOakleyTMap); cp < 0 {
					b.str(")")
					return k.trunc(11)
				}
			}
			b.str(")")
		case 24577:
			b.str(" status=(replay detection ")
			if k.be32(cp) != 0 {
				b.str("en")
			} else {
				b.str("dis")
			}
			b.str("abled)")
		default:
			if k.v > 3 {
				b.str(" data=(")
				if !k.raw(cp, len(k.data)-cp) {
					return k.trunc(11)
				}
				b.str(")")
			} else if !k.someData(cp) {
				return k.trunc(11)
			}
		}
	}
	return end
}

func (k *ikeDec) v1D(ext, itemLen int) int {
	b := k.b
	b.str("d:")
	if !k.have(ext, 12) {
		return k.trunc(12)
	}
	doi, proto := k.be32(ext+4), int(k.data[ext+8])
	if doi != 1 {
		b.printf(" doi=%d proto=%d", doi, proto)
	} else {
		b.str(" doi=ipsec proto=" + ikeStr(proto, ikeProtoIDStr))
	}
	spi, num := int(k.data[ext+9]), k.be16(ext+10)
	b.printf(" spilen=%d nspi=%d spi=", spi, num)
	if spi == 0 && num > itemLen {
		// Empty SPIs cost no bytes: bound the commas by the payload.
		num = itemLen
	}
	q := ext + 12
	for i := 0; i < num; i++ {
		if i != 0 {
			b.str(",")
		}
		if !k.raw(q, spi) {
			return k.trunc(12)
		}
		q += spi
	}
	return q
}

func (k *ikeDec) v2Pay(name string, critical byte) {
	k.b.str(name)
	if critical&0x80 != 0 {
		k.b.str("[C]")
	}
	k.b.str(":")
}

func (k *ikeDec) v2Gen(np, ext, itemLen int) int {
	if !k.have(ext, 4) {
		return k.trunc(np)
	}
	k.v2Pay(npStr(np), k.data[ext+1])
	k.b.printf(" len=%d", itemLen-4)
	if k.v > 2 && itemLen > 4 {
		k.b.str(" ")
		if !k.raw(ext+4, itemLen-4) {
			return k.trunc(np)
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v2VID(np, ext, itemLen int) int {
	if !k.have(ext, 4) {
		return k.trunc(np)
	}
	k.v2Pay(npStr(np), k.data[ext+1])
	n := itemLen - 4
	k.b.printf(" len=%d vid=", n)
	if !k.have(ext+4, n) {
		return k.trunc(np)
	}
	for _, c := range k.data[ext+4 : ext+4+n] {
		if isPrint(c) {
			k.b.s = append(k.b.s, c)
		} else {
			k.b.str(".")
		}
	}
	if k.v > 2 && n > 4 {
		k.b.str(" ")
		k.raw(ext+4, n)
	}
	return ext + itemLen
}

func (k *ikeDec) v2E(np, ext, itemLen int) int {
	if !k.have(ext, 4) {
		return k.trunc(np)
	}
	k.v2Pay(npStr(np), k.data[ext+1])
	n := itemLen - 4
	k.b.printf(" len=%d", n)
	if k.v > 2 && n > 4 {
		k.b.str(" ")
		if !k.raw(ext+4, n) {
			return k.trunc(np)
		}
	}
	if !k.have(ext+4, n) {
		return k.trunc(np)
	}
	return -1 // the encrypted payload is last; its next type is inside
}

func (k *ikeDec) v2KE(np, ext, itemLen int) int {
	if !k.have(ext, 8) {
		return k.trunc(np)
	}
	k.v2Pay(npStr(np), k.data[ext+1])
	if itemLen < 8 {
		k.b.printf(" len=%d < 8", itemLen)
		return ext + itemLen
	}
	k.b.printf(" len=%d group=%s", itemLen-8, ikeStr(k.be16(ext+4), ikeDHPMap))
	if k.v > 2 && itemLen > 8 {
		k.b.str(" ")
		if !k.raw(ext+8, itemLen-8) {
			return k.trunc(np)
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v2ID(np, ext, itemLen int) int {
	b := k.b
	if !k.have(ext, 8) {
		return k.trunc(np)
	}
	k.v2Pay(npStr(np), k.data[ext+1])
	b.printf(" len=%d", itemLen-4)
	if k.v > 2 && itemLen > 4 {
		b.str(" ")
		if !k.raw(ext+4, itemLen-4) {
			return k.trunc(np)
		}
	}
	n := itemLen - 8
	if n < 0 {
		n = 1 << 40 // tcpdump's unsigned length wraps: never captured
	}
	ascii, hex := false, false
	switch k.data[ext+4] {
	case 1:
		b.str(" ipv4:")
		hex = true
	case 2:
		b.str(" fqdn:")
		ascii = true
	case 3:
		b.str(" rfc822:")
		ascii = true
	case 5:
		b.str(" ipv6:")
		hex = true
	case 9:
		b.str(" dn:")
		hex = true
	case 10:
		b.str(" gn:")
		hex = true
	case 11:
		b.str(" keyid:")
		hex = true
	}
	if ascii {
		if !k.have(ext+8, n) {
			return k.trunc(np)
		}
		for _, c := range k.data[ext+8 : ext+8+n] {
			if isPrint(c) {
				b.s = append(b.s, c)
			} else {
				b.str(".")
			}
		}
	}
	if hex && !k.raw(ext+8, n) {
		return k.trunc(np)
	}
	return ext + itemLen
}

func (k *ikeDec) v2Auth(np, ext, itemLen int) int {
	b := k.b
	if !k.have(ext, 8) {
		return k.trunc(np)
	}
	k.v2Pay(npStr(np), k.data[ext+1])
	b.printf(" len=%d method=%s", itemLen-4, ikeStr(int(k.data[ext+4]), ikeV2Auth))
	if itemLen > 4 {
		if k.v > 1 {
			b.str(" authdata=(")
			n := itemLen - 8
			if n < 0 || !k.raw(ext+8, n) {
				return k.trunc(np)
			}
			b.str(") ")
		} else if k.v > 0 && !k.someData(ext+8) {
			return k.trunc(np)
		}
	}
	return ext + itemLen
}

func (k *ikeDec) v2Nonce(np, ext, itemLen int) int {
	b := k.b
	if !k.have(ext, 4) {
		return k.trunc(np)
	}
	k.v2Pay("nonce", k.data[ext+1])
	b.printf(" len=%d", itemLen-4)
	if k.v > 1 && itemLen > 4 {
		b.str(" nonce=(")
		if !k.raw(ext+4, itemLen-4) {
			return k.trunc(np)
		}
		b.str(") ")
	} else if k.v > 0 && itemLen > 4 && !k.someData(ext+4) {
		return k.trunc(np)
	}
	return ext + itemLen
}

func (k *ikeDec) v2N(ext, itemLen int) int {
	b := k.b
	if !k.have(ext, 8) {
		return k.trunc(11)
	}
	k.v2Pay("n", k.data[ext+1])
	b.str(" prot_id=" + ikeStr(int(k.data[ext+4]), ikeProtoIDStr))
	typ := uint16(k.be16(ext + 6))
	showSPI, someData := true, false
	name := ""
	if n, ok := ikeV2Notify[typ]; ok {
		name, showSPI = n.name, n.showSPI
		someData = typ == 16390
	} else {
		switch {
		case typ < 8192:
			name = "error"
		case typ < 16384:
			name = "private-error"
		case typ < 40960:
			name = "status"
		default:
			name = "private-status"
		}
	}
	b.printf(" type=%d(%s)", typ, name)
	spi := int(k.data[ext+5])
	if showSPI && spi != 0 {
		b.str(" spi=")
		if !k.raw(ext+8, spi) {
			return k.trunc(11)
		}
	}
	cp := ext + 8 + spi
	if ep := len(k.data); cp < ep {
		if k.v > 3 || (someData && ep-cp < 30) {
			b.str(" data=(")
			if !k.raw(cp, ep-cp) {
				return k.trunc(11)
			}
			b.str(")")
		} else if someData && !k.someData(cp) {
			return k.trunc(11)
		}
	}
	return ext + itemLen
}

func (k *ikeDec) indent(depth int) {
	k.b.str("\n")
	k.b.str(strings.Repeat("    ", depth))
	k.b.str("(")
}

func (k *ikeDec) v2SA(tpay, ext1, depth int) int {
	b := k.b
	if !k.have(ext1, 4) {
		return k.trunc(tpay)
	}
	k.v2Pay("sa", k.data[ext1+1])
	saLen := k.be16(ext1+2) - 4
	b.printf(" len=%d", saLen)
	cp := ext1 + 4
	ext := cp
	pcount := 0
	for np := 2; np != 0; np = int(k.u8(ext)) {
		pcount++
		ext = cp
		if saLen < 4 {
			b.str(" [|" + npStr(tpay) + "]")
			return cp + saLen
		}
		if !k.have(ext, 4) {
			return k.trunc(tpay)
		}
		itemLen := k.be16(ext + 2)
		if itemLen <= 4 {
			return k.trunc(tpay)
		}
		if saLen < itemLen {
			b.str(" [|" + npStr(tpay) + "]")
			return cp + saLen
		}
		if !k.have(cp, itemLen) {
			return k.trunc(tpay)
		}
		k.indent(depth + 1)
		if np == 2 {
			if cp = k.v2P(ext, itemLen, depth+1); cp < 0 {
				return -1
			}
		} else {
			b.str(npStr(np))
			cp += itemLen
		}
		b.str(")")
		saLen -= itemLen
	}
	return cp
}

func (k *ikeDec) v2P(ext, propLen, depth int) int {
	b := k.b
	if !k.have(ext, 8) {
		return k.trunc(2)
	}
	k.v2Pay("p", k.data[ext+1])
	left := propLen - 4
	b.printf(" #%d protoid=%s transform=%d len=%d", k.data[ext+4], ikeStr(int(k.data[ext+5]), ikeProtoIDStr), k.data[ext+7], propLen)
	cp := ext + 8
	if spi := int(k.data[ext+6]); spi != 0 {
		if left < spi {
			b.str(" [|p]")
			return cp + left
		}
		b.str(" spi=")
		if !k.raw(cp, spi) {
			return k.trunc(2)
		}
		cp += spi
		left -= spi
	}
	tcount := 0
	t := cp
	for np := 3; np != 0; np = int(k.u8(t)) {
		tcount++
		t = cp
		if left < 4 {
			b.str(" [|p]")
			return cp + left
		}
		if !k.have(t, 4) {
			return k.trunc(2)
		}
		itemLen := k.be16(t + 2)
		if itemLen <= 4 {
			return k.trunc(2)
		}
		if left < itemLen {
			b.str(" [|p]")
			return cp + left
		}
		if !k.have(cp, itemLen) {
			return k.trunc(2)
		}
		k.indent(depth + 1)
		if np == 3 {
			if cp = k.v2T(tcount, t, itemLen); cp < 0 {
				return -1
			}
		} else {
			b.str(npStr(np))
			cp += itemLen
		}
		b.str(")")
		left -= itemLen
	}
	return cp
}

func (k *ikeDec) v2T(tcount, ext, itemLen int) int {
	b := k.b
	if !k.have(ext, 8) {
		return k.trunc(3)
	}
	k.v2Pay("t", k.data[ext+1])
	tid := k.be16(ext + 6)
	ttype := int(k.data[ext+4])
	var ids []string
	var m []ikeAttrMap
	switch ttype {
	case 1:
		ids, m = ikeESPPMap, ikeEncrTMap
	case 2:
		ids = ikePRFPMap
	case 3:
		ids = ikeIntegPMap
	case 4:
		ids = ikeDHPMap
	case 5:
		ids = ikeESNPMap
	}
	if ids != nil {
		b.printf(" #%d type=%s id=%s ", tcount, ikeStr(ttype, ikeV2TTypeMap), ikeStr(tid, ids))
	} else {
		b.printf(" #%d type=%s id=%d ", tcount, ikeStr(ttype, ikeV2TTypeMap), tid)
	}
	end := ext + itemLen
	cp := k.attrs(ext+8, end, m)
	if cp < 0 {
		return k.trunc(3)
	}
	if len(k.data) < end {
		b.str("...")
	}
	return cp
}

// ipProtoName is the /etc/protocols name tcpdump prints without -n.
func ipProtoName(p byte) string {
	switch p {
	case 1:
		return "icmp"
	case 6:
		return "tcp"
	case 17:
		return "udp"
	case 47:
		return "gre"
	case 50:
		return "esp"
	case 51:
		return "ah"
	case 58:
		return "ipv6-icmp"
	}
	return ""
}
