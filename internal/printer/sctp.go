package printer

import (
	"encoding/binary"
	"fmt"
)

var sctpChunks = map[uint8]string{
	0: "DATA", 1: "INIT", 2: "INIT ACK", 3: "SACK", 4: "HB REQ", 5: "HB ACK", 6: "ABORT",
	7: "SHUTDOWN", 8: "SHUTDOWN ACK", 9: "OP ERR", 10: "COOKIE ECHO", 11: "COOKIE ACK",
	12: "ECN ECHO", 13: "ECN CWR", 14: "SHUTDOWN COMPLETE", 15: "AUTH", 0x80: "ASCONF ACK",
	0xc1: "ASCONF", 0xc0: "FOR TSN", 0x82: "RE-CONFIG", 0x84: "PAD", 0x40: "I-DATA",
}

var sctpPPIDs = map[uint32]string{
	0: "0x0", 1: "IUA", 2: "M2UA", 3: "M3UA", 4: "SUA", 5: "M2PA", 6: "V5UA", 7: "H.248",
	8: "BICC", 9: "TALI", 10: "DUA", 11: "ASAP", 12: "ENRP", 13: "H.323", 14: "Q.IPC",
	15: "SIMCO", 16: "DDP Segment", 17: "DDP Stream", 18: "S1AP", 19: "RUA", 20: "HNBAP",
	21: "ForCES-HP", 22: "ForCES-MP", 23: "ForCES-LP", 24: "SBc-AP", 25: "NBAP", 27: "X2AP",
	28: "IRCP", 29: "LCS-AP", 30: "MPICH2", 31: "SABP", 32: "FGP", 33: "PPP",
	34: "CALCAPP", 35: "SSP", 36: "NPMP-CTRL", 37: "NPMP-DATA", 38: "ECHO", 39: "DPP",
	40: "ICMPv6", 41: "PPP", 46: "Diameter", 47: "Diameter-DTLS",
}

// sctp prints SCTP chunks briefly, as tcpdump's sctp_print does without -vv.
func (d *dissector) sctp(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	if len(data) < 12 {
		b.printf("%s > %s:", info.srcString(p), info.dstString(p))
		d.truncJmp("sctp")
		return
	}
	sport := binary.BigEndian.Uint16(data)
	dport := binary.BigEndian.Uint16(data[2:])
	b.printf("%s.%d > %s.%d: sctp", info.srcString(p), sport, info.dstString(p), dport)
	if length > len(data) {
		length = len(data)
	}
	sep := " ("
	if p.opts.Verbose >= 2 {
		sep = "\n\t"
	}
	off := 12
	for n := 1; off+4 <= length; n++ {
		typ, flags := data[off], data[off+1]
		clen := int(binary.BigEndian.Uint16(data[off+2:]))
		b.printf("%s%d) ", sep, n)
		b.printf("[%s] ", nameOr(sctpChunks, typ, fmt.Sprintf("Unknown chunk type: 0x%x", typ)))
		if clen < 4 {
			b.printf("[chunk length %d < 4]", clen)
			return
		}
		body := data[off+4:]
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
				d.truncJmp("sctp")
				return
			}
			ppid := binary.BigEndian.Uint32(body[8:])
			b.printf("[TSN: %d] [SID: %d] [SSEQ %d] [PPID %s] ", binary.BigEndian.Uint32(body),
				binary.BigEndian.Uint16(body[4:]), binary.BigEndian.Uint16(body[6:]), nameOr(sctpPPIDs, ppid, fmt.Sprintf("0x%x", ppid)))
		case 1, 2:
			if len(body) < 16 {
				d.truncJmp("sctp")
				return
			}
			b.printf("[init tag: %d] [rwnd: %d] [OS: %d] [MIS: %d] [init TSN: %d] ", binary.BigEndian.Uint32(body),
				binary.BigEndian.Uint32(body[4:]), binary.BigEndian.Uint16(body[8:]), binary.BigEndian.Uint16(body[10:]), binary.BigEndian.Uint32(body[12:]))
		case 3:
			if len(body) < 12 {
				d.truncJmp("sctp")
				return
			}
			b.printf("[cum ack %d] [a_rwnd %d] [#gap acks %d] [#dup tsns %d] ", binary.BigEndian.Uint32(body),
				binary.BigEndian.Uint32(body[4:]), binary.BigEndian.Uint16(body[8:]), binary.BigEndian.Uint16(body[10:]))
		}
		if p.opts.Verbose < 2 {
			sep = ", ("
		}
		off += (clen + 3) &^ 3
	}
}
