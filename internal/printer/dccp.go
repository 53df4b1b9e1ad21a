package printer

import (
	"encoding/binary"
	"fmt"
)

// DCCP (RFC 4340) as tcpdump's dccp_print: the packet type and its
// fields, the acknowledgement number, with -v the CCVal, checksum
// coverage and checksum, with -vv the sequence number and options.

var dccpTypes = []string{"DCCP-Request", "DCCP-Response", "DCCP-Data", "DCCP-Ack", "DCCP-DataAck",
	"DCCP-CloseReq", "DCCP-Close", "DCCP-Reset", "DCCP-Sync", "DCCP-SyncAck"}

var dccpResetCodes = []string{"unspecified", "closed", "aborted", "no_connection", "packet_error", "option_error",
	"mandatory_error", "connection_refused", "bad_service_code", "too_busy", "bad_init_cookie", "aggression_penalty"}

var dccpFeatures = []string{"reserved", "ccid", "allow_short_seqno", "sequence_window", "ecn_incapable", "ack_ratio",
	"send_ack_vector", "send_ndp_count", "minimum checksum coverage", "check data checksum"}

var dccpOptions = map[byte]string{0: "nop", 1: "mandatory", 2: "slowreceiver", 32: "change_l", 33: "confirm_l",
	34: "change_r", 35: "confirm_r", 36: "initcookie", 37: "ndp_count", 38: "ack_vector0", 39: "ack_vector1",
	40: "data_dropped", 41: "timestamp", 42: "timestamp_echo", 43: "elapsed_time", 44: "data_checksum"}

// dccpExtra is the length of each type's fields after the generic header
// (Data has none; unknown types are not checked).
var dccpExtra = []int{4, 12, 0, 8, 8, 8, 8, 12, 8, 8}

func be48(p []byte) uint64 {
	return uint64(binary.BigEndian.Uint16(p))<<32 | uint64(binary.BigEndian.Uint32(p[2:]))
}
func be24(p []byte) uint64 { return uint64(p[0])<<16 | uint64(p[1])<<8 | uint64(p[2]) }

func (d *dissector) dccp(info *ipInfo, data []byte, length int) {
	b := d.b
	p := d.p
	be := binary.BigEndian
	if len(data) < 12 {
		d.b.trunc("dccp")
		return
	}
	if length < 12 {
		b.printf("truncated-dccp - %d bytes missing!", 12-length)
		return
	}
	ext := data[8]&1 != 0
	fixed := 12
	if ext {
		fixed = 16
	}
	if length < fixed {
		b.printf("truncated-dccp - %d bytes missing!", fixed-length)
		return
	}
	if len(data) < fixed {
		d.b.trunc("dccp")
		return
	}
	sport, dport := be.Uint16(data), be.Uint16(data[2:])
	hlen := int(data[4]) * 4
	b.printf("%s.%d > %s.%d: DCCP", info.srcString(p), sport, info.dstString(p), dport)
	if p.opts.Quiet {
		b.printf(" %d", uint32(length-hlen))
		if hlen > length {
			b.printf(" [bad hdr length %d - too long, > %d]", hlen, length)
		}
		return
	}
	if p.opts.Verbose > 0 {
		cscov := int(data[5] & 0xf)
		b.printf(" (CCVal %d, CsCov %d", data[5]>>4, cscov)
		if len(data) >= length {
			have := be.Uint16(data[6:])
			b.printf(", cksum 0x%04x ", have)
			cov := length
			if cscov != 0 {
				if c := (int(data[4]) + cscov - 1) * 4; c < cov {
					cov = c
				}
			}
			if sum := checksum(data[:cov], pseudoSum(info, 33, length)); sum != 0 {
				b.printf("(incorrect -> 0x%04x)", shouldBe(have, sum))
			} else {
				b.str("(correct)")
			}
		}
		b.str(")")
	}
	b.str(" ")
	typ := int(data[8]>>1) & 0xf
	if typ < len(dccpTypes) {
		name := dccpTypes[typ]
		fixed += dccpExtra[typ]
		if length < fixed {
			b.printf("truncated-%s - %d bytes missing!", name, fixed-length)
			return
		}
		switch typ {
		case 0, 1, 7:
			if len(data) < fixed {
				d.b.trunc("dccp")
				return
			}
		}
		switch typ {
		case 0:
			b.printf("%s (service=%d) ", name, be.Uint32(data[fixed-4:]))
		case 1:
			b.printf("%s (service=%d) ", name, be.Uint32(data[fixed-4:]))
		case 7:
			code := int(data[fixed-4])
			s := "invalid"
			if code < len(dccpResetCodes) {
				s = dccpResetCodes[code]
			}
			b.printf("%s (code=%s) ", name, s)
		default:
			b.str(name + " ")
		}
	} else {
		b.printf("unknown-type-%d ", typ)
	}
	if typ != 0 && typ != 2 {
		base := 12
		if ext {
			base = 16
		}
		if ext {
			if len(data) < base+8 {
				d.truncJmp("dccp")
				return
			}
			b.printf("(ack=%d) ", be48(data[base+2:]))
		} else {
			if len(data) < base+4 {
				d.truncJmp("dccp")
				return
			}
			b.printf("(ack=%d) ", be24(data[base+1:]))
		}
	}
	if p.opts.Verbose < 2 {
		return
	}
	if ext {
		b.printf("seq %d", be48(data[10:]))
	} else {
		b.printf("seq %d", be24(data[9:]))
	}
	if hlen <= fixed {
		return
	}
	b.str(" <")
	opts := data[min(fixed, len(data)):]
	left := hlen - fixed
	for {
		n := d.dccpOption(opts, left)
		if n < 0 {
			return // tcpdump's longjmp: no closing bracket
		}
		if n == 0 || left <= n {
			break
		}
		left -= n
		opts = opts[n:]
		b.str(", ")
	}
	b.str(">")
}

// dccpOption prints one option and returns its length, 0 to stop, -1
// when the capture ends inside it.
func (d *dissector) dccpOption(o []byte, left int) int {
	b := d.b
	if len(o) < 1 {
		d.b.trunc("dccp")
		return -1
	}
	t := o[0]
	name := nameOrf(dccpOptions, t, "Option %d")
	if t >= 128 {
		name = fmt.Sprintf("CCID option %d", t)
	}
	n := 1
	if t >= 32 {
		if len(o) < 2 {
			d.b.trunc("dccp")
			return -1
		}
		n = int(o[1])
		if n < 2 {
			b.str(name + " optlen too short")
			return 0
		}
	}
	if left < n {
		b.str(name + " optlen goes past header length")
		return 0
	}
	if len(o) < n {
		d.b.trunc("dccp")
		return 0
	}
	var v []byte
	if n >= 2 {
		v = o[2:n]
	}
	be := binary.BigEndian
	b.str(name)
	if t >= 128 {
		switch n {
		case 4:
			b.printf(" %d", be.Uint16(v))
		case 6:
			b.printf(" %d", be.Uint32(v))
		}
		return n
	}
	switch t {
	case 32, 33, 34, 35:
		if n < 3 {
			b.str(" optlen too short")
			return n
		}
		if v[0] < 10 {
			b.str(" " + dccpFeatures[v[0]])
			for _, c := range v[1:] {
				b.printf(" %d", c)
			}
		}
	case 36, 38, 39, 40:
		if n > 2 {
			b.printf(" 0x%x", v)
		}
	case 37:
		for _, c := range v {
			b.printf(" %d", c)
		}
	case 41:
		if n == 6 {
			b.printf(" %d", be.Uint32(v))
		} else {
			b.str(" [optlen != 6]")
		}
	case 42:
		switch n {
		case 6:
			b.printf(" %d", be.Uint32(v))
		case 8:
			b.printf(" %d (elapsed time %d)", be.Uint32(v), be.Uint16(v[4:]))
		case 10:
			b.printf(" %d (elapsed time %d)", be.Uint32(v), be.Uint32(v[4:]))
		default:
			b.str(" [optlen != 6 or 8 or 10]")
		}
	case 43:
		switch n {
		case 6:
			b.printf(" %d", be.Uint32(v))
		case 4:
			b.printf(" %d", be.Uint16(v))
		default:
			b.str(" [optlen != 4 or 6]")
		}
	case 44:
		if n > 2 {
			b.printf(" %x", v)
		}
	}
	return n
}
