package printer

import (
	"encoding/binary"
)

// SCTP (RFC 4960) as tcpdump 4.99's sctp_print: every chunk named, DATA,
// INIT, INIT ACK and SACK (gap blocks and duplicate TSNs) decoded, the
// DATA payload in hex with -vv.

var sctpChunks = map[uint8]string{
	0: "DATA", 1: "INIT", 2: "INIT ACK", 3: "SACK", 4: "HB REQ", 5: "HB ACK", 6: "ABORT",
	7: "SHUTDOWN", 8: "SHUTDOWN ACK", 9: "OP ERR", 10: "COOKIE ECHO", 11: "COOKIE ACK",
	12: "ECN ECHO", 13: "ECN CWR", 14: "SHUTDOWN COMPLETE",
	0xc0: "FOR CUM TSN", 0xc1: "REL CTRL", 0xc2: "REL CTRL ACK",
}

var sctpPPIDs = map[uint32]string{
	1: "ISDN Q.921", 2: "M2UA", 3: "M3UA", 4: "SUA", 5: "M2PA", 6: "V5.2", 7: "H.248",
	8: "BICC", 9: "TALI", 10: "DUA", 11: "ASAP", 12: "ENRP", 13: "H.323", 14: "Q.IPC",
	15: "SIMCO", 16: "DDPSC", 17: "DDPSSC", 18: "S1AP", 19: "RUA", 20: "HNBAP",
	21: "ForCES HP", 22: "ForCES MP", 23: "ForCES LP", 24: "SBc-AP", 25: "NBAP", 27: "X2AP",
}

// sctpForCES names the ForCES channels' ports.
var sctpForCES = map[uint16]string{6704: "ForCES HP", 6705: "ForCES MP", 6706: "ForCES LP"}

func (d *dissector) sctp(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	be := binary.BigEndian
	if length < 12 {
		b.printf("truncated-sctp - %d bytes missing!", 12-length)
		return
	}
	if len(data) < 12 {
		d.b.trunc("sctp")
		return
	}
	sport, dport := be.Uint16(data), be.Uint16(data[2:])
	b.printf("%s.%d > %s.%d: sctp", info.srcString(p), sport, info.dstString(p), dport)
	forces := false
	for _, port := range []uint16{sport, dport} {
		if s, ok := sctpForCES[port]; ok {
			b.printf("[%s]", s)
			forces = true
		}
	}
	if len(data) > length {
		data = data[:length]
	}
	// The remaining length wraps around as tcpdump's unsigned counter
	// does; every turn of the loop consumes at least 4 captured bytes.
	rem := uint32(length - 12)
	off := 12
	sep := " ("
	if p.opts.Verbose >= 2 {
		sep = "\n\t"
	}
	for n := 1; rem != 0; n++ {
		if rem < 4 {
			b.printf("%s%d) [chunk descriptor cut off at end of packet]", sep, n)
			return
		}
		if off+4 > len(data) {
			d.b.trunc("sctp")
			return
		}
		typ, flags := data[off], data[off+1]
		clen := int(be.Uint16(data[off+2:]))
		if clen < 4 {
			b.printf("%s%d) [Bad chunk length %d, < size of chunk descriptor]", sep, n, clen)
			return
		}
		align := (4 - clen%4) % 4
		if rem < uint32(align) {
			b.printf("%s%d) [Bad chunk length %d, > remaining data in packet]", sep, n, clen)
			return
		}
		if off+clen > len(data) {
			d.b.trunc("sctp")
			return
		}
		body := data[off+4 : off+clen]
		b.printf("%s%d) [%s] ", sep, n, nameOrf(sctpChunks, typ, "Unknown chunk type: 0x%x"))
		bogus := func() { b.printf("bogus chunk length %d]", clen) }
		switch typ {
		case 0:
			if flags&4 != 0 {
				b.str("(U)")
			}
			if flags&2 != 0 {
				b.str("(B)")
			}
			if flags&1 != 0 {
				b.str("(E)")
			}
			if flags&7 != 0 {
				b.str(" ")
			}
			if len(body) < 12 {
				bogus()
				return
			}
			ppid := be.Uint32(body[8:])
			b.printf("[TSN: %d] [SID: %d] [SSEQ %d] [PPID %s] ", be.Uint32(body), be.Uint16(body[4:]), be.Uint16(body[6:]),
				nameOrf(sctpPPIDs, ppid, "0x%x"))
			if ppid >= 21 && ppid <= 23 {
				forces = true
			}
			payload := body[12:]
			if len(payload) == 0 {
				bogus()
				return
			}
			// ForCES payloads have a decoder of their own in tcpdump,
			// which gocap does not have.
			if forces {
				d.forces(payload, len(payload))
			} else if p.opts.Verbose >= 2 && ppid == 3 {
				d.m3ua(payload, len(payload))
			} else if p.opts.Verbose >= 2 {
				b.str("[Payload")
				if !p.suppressDefault() {
					b.str(":")
					hexASCII(b, "\n\t", payload, 0)
				}
				b.str("]")
			}
		case 1, 2:
			if len(body) < 16 {
				bogus()
				return
			}
			b.printf("[init tag: %d] [rwnd: %d] [OS: %d] [MIS: %d] [init TSN: %d] ", be.Uint32(body),
				be.Uint32(body[4:]), be.Uint16(body[8:]), be.Uint16(body[10:]), be.Uint32(body[12:]))
		case 3:
			if len(body) < 12 {
				bogus()
				return
			}
			cum := be.Uint32(body)
			gaps, dups := int(be.Uint16(body[8:])), int(be.Uint16(body[10:]))
			b.printf("[cum ack %d] [a_rwnd %d] [#gap acks %d] [#dup tsns %d] ", cum, be.Uint32(body[4:]), gaps, dups)
			q := body[12:]
			for i := 0; i < gaps && len(q) != 0; i++ {
				if len(q) < 4 {
					bogus()
					return
				}
				b.printf("\n\t\t[gap ack block #%d: start = %d, end = %d] ", i+1, cum+uint32(be.Uint16(q)), cum+uint32(be.Uint16(q[2:])))
				q = q[4:]
			}
			for i := 0; i < dups && len(q) != 0; i++ {
				if len(q) < 4 {
					bogus()
					return
				}
				b.printf("\n\t\t[dup TSN #%d: %d] ", i+1, be.Uint32(q))
				q = q[4:]
			}
		}
		off += clen
		rem -= uint32(clen)
		if p.opts.Verbose < 2 {
			sep = ", ("
		}
		if align != 0 {
			if off+align > len(data) {
				d.b.trunc("sctp")
				return
			}
			off += align
			rem -= uint32(align)
		}
	}
}
