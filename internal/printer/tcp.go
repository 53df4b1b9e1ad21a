package printer

import (
	"bytes"
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// tcpKey names a connection in a direction-independent way, as tcpdump
// orders the two ends (by port, then by address).
type tcpKey struct {
	src, dst string // 4 or 16 raw bytes
	ports    uint32
}

// tcpSeq holds the initial sequence numbers tcpdump subtracts to print
// relative ones.
type tcpSeq struct{ seq, ack uint32 }

var tcpOptionNames = map[byte]string{
	0: "eol", 1: "nop", 2: "mss", 3: "wscale", 4: "sackOK", 5: "sack", 6: "echo",
	7: "echoreply", 8: "TS", 11: "cc", 12: "ccnew", 13: "", 19: "md5", 20: "scps",
	27: "quickstart", 28: "uto", 29: "tcp-ao", 30: "mptcp", 34: "tfo", 254: "exp",
}

// tcp prints a TCP segment as tcpdump's tcp_print does. length is the
// segment length according to the IP header.
func (d *dissector) tcp(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	if len(data) < 4 {
		b.printf("%s > %s:", info.srcString(p), info.dstString(p))
		b.trunc("tcp")
		return
	}
	sport := binary.BigEndian.Uint16(data)
	dport := binary.BigEndian.Uint16(data[2:])
	if info.proto != 6 && info.proto != 0 {
		// After IPv6 extension headers (or AH) the addresses are printed
		// already: tcp_print prints only the ports.
		b.printf("%s > %s: ", p.port("tcp", sport), p.port("tcp", dport))
	} else {
		b.printf("%s.%s > %s.%s: ", info.srcString(p), p.port("tcp", sport), info.dstString(p), p.port("tcp", dport))
	}
	if len(data) < 20 {
		b.trunc("tcp")
		return
	}
	hlen := int(data[12]>>4) * 4
	if hlen < 20 {
		b.printf(" tcp %d [bad hdr length %d - too short, < 20]", length-hlen, hlen)
		return
	}
	// gopacket decodes the fixed header; it wants the options captured too,
	// which tcpdump does not, so the fields come from a copy cut at 20.
	var t layers.TCP
	if err := t.DecodeFromBytes(fixedTCPHeader(data), gopacket.NilDecodeFeedback); err != nil {
		b.trunc("tcp")
		return
	}
	seq, ack, win, urp := t.Seq, t.Ack, t.Window, t.Urgent
	if p.opts.Quiet {
		b.printf("tcp %d", length-hlen)
		if hlen > length {
			b.printf(" [bad hdr length %d - too long, > %d]", hlen, length)
		}
		return
	}
	flags := data[13]
	b.str("Flags [" + tcpFlags(flags) + "]")
	var thseq, thack uint32
	rev := false
	if !p.opts.AbsoluteSeq && flags&0x10 != 0 {
		src, dst := string(info.src), string(info.dst)
		if sport > dport {
			rev = true
		} else if sport == dport && bytes.Compare(info.src, info.dst) > 0 {
			rev = true
		}
		k := tcpKey{src: src, dst: dst, ports: uint32(sport)<<16 | uint32(dport)}
		if rev {
			k = tcpKey{src: dst, dst: src, ports: uint32(dport)<<16 | uint32(sport)}
		}
		if info.v6 {
			k.src, k.dst = "6"+k.src, "6"+k.dst
		}
		th, ok := p.tcpSeqs[k]
		if !ok || flags&0x02 != 0 {
			th = &tcpSeq{}
			if rev {
				th.ack, th.seq = seq, ack-1
			} else {
				th.seq, th.ack = seq, ack-1
			}
			p.tcpSeqs[k] = th
		} else if rev {
			seq -= th.ack
			ack -= th.seq
		} else {
			seq -= th.seq
			ack -= th.ack
		}
		thseq, thack = th.seq, th.ack
	}
	if hlen > length {
		b.printf(" [bad hdr length %d - too long, > %d]", hlen, length)
		return
	}
	if p.opts.Verbose > 0 && !info.fragmented && len(data) >= length {
		sum := checksum(data[:length], pseudoSum(info, 6, length))
		have := binary.BigEndian.Uint16(data[16:])
		b.printf(", cksum 0x%04x", have)
		if sum != 0 {
			b.printf(" (incorrect -> 0x%04x)", shouldBe(have, sum))
		} else {
			b.str(" (correct)")
		}
	}
	plen := length - hlen
	if p.opts.Verbose > 1 || plen > 0 || flags&0x07 != 0 {
		b.printf(", seq %d", seq)
		if plen > 0 {
			b.printf(":%d", seq+uint32(plen))
		}
	}
	if flags&0x10 != 0 {
		b.printf(", ack %d", ack)
	}
	b.printf(", win %d", win)
	if flags&0x20 != 0 {
		b.printf(", urg %d", urp)
	}
	if hlen > 20 {
		ok, early := tcpOptions(p, b, data, hlen, length, rev, thseq, thack)
		if early {
			d.early = true
		}
		if !ok {
			return
		}
	}
	b.printf(", length %d", plen)
	// The segment's data as captured (the header itself may be cut short
	// after an end-of-options).
	var seg []byte
	if hlen <= len(data) {
		seg = data[hlen:]
	}
	// tcp_print hands a reset's data to the application printers unless
	// -v prints it as RST data.
	appData := flags&0x04 == 0 || p.opts.Verbose == 0
	if plen > 0 && appData {
		d.tcpPortApps(info, sport, dport, seg, plen)
	}
	if flags&0x04 != 0 && p.opts.Verbose > 0 && plen > 0 {
		// RFC 1122 allows diagnostic text in a reset: tcpdump shows it.
		rst := seg
		n := plen
		if len(rst) < plen {
			b.str(" [!RST") // not all of it was captured
		} else {
			b.str(" [RST")
		}
		if n > 30 {
			n = 30
			b.str("+")
		}
		b.str(" ")
		if n > len(rst) {
			n = len(rst)
		}
		printn(b, rst[:n])
		b.str("]")
	}
}

// printn is tcpdump's nd_printn: M- for bytes above 0x7f, ^X for
// control characters.
func printn(b *buf, s []byte) {
	for _, c := range s {
		if c > 0x7f {
			c &= 0x7f
			b.str("M-")
		}
		if c < 0x20 || c == 0x7f {
			c ^= 0x40
			b.str("^")
		}
		b.s = append(b.s, c)
	}
}

// tcpOptions prints ", options [...]" (length is the segment's, from the
// IP header); ok false means the packet ended
// inside them (the truncation marker is printed). early reports tcpdump's
// longjmp exit (a kind/length byte not captured), which prints no '>'.
func tcpOptions(p *Printer, b *buf, data []byte, hlen, length int, rev bool, thseq, thack uint32) (ok, early bool) {
	b.str(", options [")
	left := hlen - 20
	cp := 20
	sep := false
	proto := "tcp" // mptcp once an MPTCP option was printed (tcpdump's ndo_protocol)
	trunc := func() (bool, bool) {
		b.trunc(proto)
		if sep {
			b.str(">")
		}
		return false, false
	}
	jmp := func() (bool, bool) {
		b.trunc(proto)
		return false, true
	}
	for left > 0 {
		if sep {
			b.str(",")
		}
		if cp >= len(data) {
			return jmp()
		}
		opt := data[cp]
		cp++
		l := 1
		if opt != 0 && opt != 1 {
			if cp >= len(data) {
				return jmp()
			}
			l = int(data[cp])
			cp++
			if l < 2 || l > left {
				b.str("[bad opt]")
				if sep {
					b.str("]")
				}
				return false, false
			}
			left--
		}
		left--
		if s, ok := tcpOptionNames[opt]; ok {
			b.str(s)
		} else {
			b.printf("unknown-%d", opt)
		}
		datalen := 0
		need := func(n int) bool { return n <= left && cp+n <= len(data) }
		bad := false
		switch opt {
		case 2:
			datalen = 2
			if !need(2) {
				bad = true
				break
			}
			b.printf(" %d", binary.BigEndian.Uint16(data[cp:]))
		case 3:
			datalen = 1
			if !need(1) {
				bad = true
				break
			}
			b.printf(" %d", data[cp])
		case 5:
			datalen = l - 2
			if datalen%8 != 0 {
				b.str(" invalid sack")
				break
			}
			b.printf(" %d ", datalen/8)
			for i := 0; i < datalen; i += 8 {
				if !need(i + 8) {
					bad = true
					break
				}
				s := binary.BigEndian.Uint32(data[cp+i:])
				e := binary.BigEndian.Uint32(data[cp+i+4:])
				if rev {
					s -= thseq
					e -= thseq
				} else {
					s -= thack
					e -= thack
				}
				b.printf("{%d:%d}", s, e)
			}
		case 6, 7, 11, 12, 13:
			datalen = 4
			if !need(4) {
				bad = true
				break
			}
			b.printf(" %d", binary.BigEndian.Uint32(data[cp:]))
		case 8:
			datalen = 8
			if !need(8) {
				bad = true
				break
			}
			b.printf(" val %d ecr %d", binary.BigEndian.Uint32(data[cp:]), binary.BigEndian.Uint32(data[cp+4:]))
		case 0, 1, 4:
		case 19:
			// tcpdump cannot check the signature without -M's secret.
			datalen = 16
			if !need(16) {
				bad = true
				break
			}
			if len(data) < length {
				b.str(" snaplen too short, can't check - ")
			} else {
				b.str(" shared secret not supplied with -M, can't check - ")
			}
			for _, c := range data[cp : cp+16] {
				b.printf("%02x", c)
			}
		case 20:
			datalen = 2
			if !need(2) {
				bad = true
				break
			}
			b.printf(" cap %02x id %d", data[cp], data[cp+1])
		case 29:
			datalen = l - 2
			if datalen < 2 {
				b.str(" (invalid)")
				break
			}
			for i := 0; i < datalen; i++ {
				if i == 2 {
					b.str(" mac 0x")
				}
				if !need(i + 1) {
					bad = true
					break
				}
				switch i {
				case 0:
					b.printf(" keyid %d", data[cp])
				case 1:
					b.printf(" rnextkeyid %d", data[cp+1])
				default:
					b.printf("%02x", data[cp+i])
				}
			}
		case 30, 34, 254:
			datalen = l - 2
			if !need(datalen) {
				bad = true
				break
			}
			if opt == 30 {
				proto = "mptcp"
			}
			if !tcpOptionExtra(p, b, opt, data[cp:cp+datalen], data[13]) {
				b.str("[bad opt]")
				if sep {
					b.str("]")
				}
				return false, false
			}
		case 28:
			datalen = 2
			if !need(2) {
				bad = true
				break
			}
			v := binary.BigEndian.Uint16(data[cp:])
			b.printf(" 0x%x", v)
			if v&1 != 0 {
				v = (v >> 1) * 60
			} else {
				v >>= 1
			}
			b.printf(" %d", v)
		default:
			datalen = l - 2
			if datalen > 0 {
				b.str(" 0x")
			}
			for i := 0; i < datalen; i++ {
				if !need(i + 1) {
					bad = true
					break
				}
				b.printf("%02x", data[cp+i])
			}
		}
		if bad {
			// tcpdump's LENCHECK: beyond the header is a bad option,
			// beyond the capture a truncation.
			if datalen <= left && cp+datalen > len(data) {
				return trunc()
			}
			b.str("[bad opt]")
			if sep {
				b.str("]")
			}
			return false, false
		}
		cp += datalen
		left -= datalen
		datalen++
		if opt != 0 && opt != 1 {
			datalen++
		}
		if datalen != l {
			b.printf("[len %d]", l)
		}
		sep = true
		if opt == 0 {
			break
		}
	}
	b.str("]")
	return true, false
}

// tcpFlags is tcpdump's bittok2str_nosep over its flag table.
func tcpFlags(f uint8) string {
	const order = "FSRP.UEW"
	bits := []uint8{0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80}
	var s []byte
	for i, bit := range bits {
		if f&bit != 0 {
			s = append(s, order[i])
		}
	}
	if len(s) == 0 {
		return "none"
	}
	return string(s)
}

// fixedTCPHeader returns the first 20 bytes of a TCP header with the data
// offset set to 5, so that gopacket decodes them whatever the options.
func fixedTCPHeader(data []byte) []byte {
	var h [20]byte
	copy(h[:], data[:20])
	h[12] = 5<<4 | h[12]&0x0f
	return h[:]
}

// sshBanner prints an SSH identification string ("SSH-2.0-...") up to its
// CR LF, as tcpdump's ssh_print does; other SSH data prints nothing.
func sshBanner(b *buf, data []byte, length int) {
	if length < len(data) {
		data = data[:length]
	}
	if len(data) < 4 || string(data[:4]) != "SSH-" {
		return
	}
	i := 0
	for ; i < len(data); i++ {
		if data[i] == '\n' {
			break
		}
		if data[i] == '\r' {
			if i+1 >= len(data) {
				return
			}
			if data[i+1] == '\n' {
				break
			}
		}
	}
	if i == len(data) {
		return
	}
	b.str(": SSH: ")
	b.s = append(b.s, data[:i]...)
}
