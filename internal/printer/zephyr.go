package printer

import (
	"math"
	"strings"
)

// Zephyr (UDP ports 2103 and 2104), as tcpdump's print-zephyr.c prints
// it: the notice kind, the sender, and what the class, instance and
// opcode say (subscriptions, locations, exposure, or "to <class,inst,
// recipient> op OPCODE"). Fields are NUL-terminated strings, printed as
// they are (unprintable bytes escaped).

var zephyrKinds = map[int32]string{0: "unsafe", 1: "unacked", 2: "acked", 3: "hm-ack", 4: "hm-ctl",
	5: "serv-ack", 6: "serv-nak", 7: "client-ack", 8: "stat"}

type zephyrParser struct {
	d    *dissector
	p    []byte
	off  int
	left int
	lose bool
	fail bool // the capture ended (tcpdump's longjmp)
}

// field returns the next NUL-terminated string; lose is set when the
// datagram ends first.
func (z *zephyrParser) field() string {
	if z.fail {
		return ""
	}
	start := z.off
	for {
		if z.left <= 0 {
			z.lose = true
			return ""
		}
		if z.off >= len(z.p) {
			z.d.truncJmp("zephyr")
			z.fail = true
			return ""
		}
		if z.p[z.off] == 0 {
			break
		}
		z.off++
		z.left--
	}
	s := string(z.p[start:z.off])
	z.off++
	z.left--
	return s
}

func (z *zephyrParser) intField() int32 {
	s := z.field()
	if z.lose || z.fail {
		return 0
	}
	return strtol16(s)
}

// strtol16 is C's strtol(s, 0, 16) stored in an int: leading space, a
// sign, an optional 0x, hex digits up to the first other byte; overflow
// clamps to the long's limits, whose low 32 bits are kept.
func strtol16(s string) int32 {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	hexv := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'f':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			return int(c-'A') + 10
		}
		return -1
	}
	if i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && hexv(s[i+2]) >= 0 {
		i += 2
	}
	var v uint64
	over := false
	for ; i < len(s) && hexv(s[i]) >= 0; i++ {
		if v > (math.MaxUint64-15)/16 {
			over = true
		}
		v = v*16 + uint64(hexv(s[i]))
	}
	var r int64
	switch {
	case !neg && (over || v > math.MaxInt64):
		r = math.MaxInt64
	case neg && (over || v > 1<<63):
		r = math.MinInt64
	case neg:
		r = -int64(v)
	default:
		r = int64(v)
	}
	return int32(r)
}

// zephyrLower is tcpdump's str_to_lower: at most 255 bytes, ASCII
// letters lowered.
func zephyrLower(s string) string {
	if len(s) > 255 {
		s = s[:255]
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// zephyrTriple is "<class,inst,recipient>" in tcpdump's 256-byte buffer.
func zephyrTriple(class, inst, recipient string) string {
	if recipient == "" {
		recipient = "*"
	}
	s := "<" + class + "," + inst + "," + recipient + ">"
	if len(s) > 255 {
		s = s[:255]
	}
	return s
}

func (d *dissector) zephyr(p []byte, length int) {
	b := d.b
	// tcpdump's output escapes the unprintable bytes of the strings.
	out := func(s string) { printn(b, []byte(s)) }
	z := &zephyrParser{d: d, p: p, left: int(int32(uint32(length)))}
	version := z.field()
	if z.fail {
		return
	}
	if z.lose {
		b.str(" (invalid)")
		return
	}
	if !strings.HasPrefix(version, "ZEPH") {
		return
	}
	_ = z.intField() // the number of fields
	kind := z.intField()
	z.field() // uid
	_ = z.intField()
	_ = z.intField()
	_ = z.intField()
	z.field() // authentication data
	class := z.field()
	inst := z.field()
	opcode := z.field()
	sender := z.field()
	recipient := z.field()
	z.field() // format
	_ = z.intField()
	_ = z.intField()
	z.field() // multi-uid
	if z.fail {
		return
	}
	if z.lose {
		b.str(" (invalid)")
		return
	}
	out(" zephyr")
	if !strings.HasPrefix(version[4:], "0.2") {
		out(" v" + version[4:])
		return
	}
	out(" " + nameOr(zephyrKinds, kind, "type "+itoa(int(kind))))
	if kind == 5 {
		ack := z.field()
		if z.fail {
			return
		}
		if !z.lose && ack != "SENT" {
			out("/" + zephyrLower(ack))
		}
	}
	if sender != "" {
		out(" " + sender)
	}
	switch class {
	case "USER_LOCATE":
		switch opcode {
		case "USER_HIDE":
			out(" hide")
		case "USER_UNHIDE":
			out(" unhide")
		default:
			out(" locate " + inst)
		}
		return
	case "ZEPHYR_ADMIN":
		out(" zephyr-admin " + zephyrLower(opcode))
		return
	case "ZEPHYR_CTL":
		switch inst {
		case "CLIENT":
			switch opcode {
			case "SUBSCRIBE", "SUBSCRIBE_NODEFS", "UNSUBSCRIBE":
				un, nodefs := "", ""
				if opcode != "SUBSCRIBE" {
					un = "un"
				}
				if opcode == "SUBSCRIBE_NODEFS" {
					nodefs = "-nodefs"
				}
				out(" " + un + "sub" + nodefs)
				if kind != 5 {
					c, i, r := z.field(), z.field(), z.field()
					if z.fail {
						return
					}
					if !z.lose {
						out(" " + zephyrTriple(c, i, r))
					}
				}
			case "GIMME":
				out(" ret")
			case "GIMMEDEFS":
				out(" gimme-defs")
			case "CLEARSUB":
				out(" clear-subs")
			default:
				out(" " + zephyrLower(opcode))
			}
			return
		case "HM":
			out(" " + zephyrLower(opcode))
			return
		case "REALM":
			switch opcode {
			case "ADD_SUBSCRIBE":
				out(" realm add-subs")
			case "REQ_SUBSCRIBE":
				out(" realm req-subs")
			case "RLM_SUBSCRIBE":
				out(" realm rlm-sub")
			case "RLM_UNSUBSCRIBE":
				out(" realm rlm-unsub")
			}
			return
		}
	case "HM_CTL":
		out(" hm_ctl " + zephyrLower(inst) + " " + zephyrLower(opcode))
		return
	case "HM_STAT":
		if inst == "HMST_CLIENT" && opcode == "GIMMESTATS" {
			out(" get-client-stats")
			return
		}
	case "WG_CTL":
		out(" wg_ctl " + zephyrLower(inst) + " " + zephyrLower(opcode))
		return
	case "LOGIN":
		switch opcode {
		case "USER_FLUSH":
			out(" flush_locs")
			return
		case "NONE", "OPSTAFF", "REALM-VISIBLE", "REALM-ANNOUNCED", "NET-VISIBLE", "NET-ANNOUNCED":
			out(" set-exposure " + zephyrLower(opcode))
			return
		}
	}
	out(" to " + zephyrTriple(class, inst, recipient))
	if opcode != "" {
		out(" op " + opcode)
	}
}
