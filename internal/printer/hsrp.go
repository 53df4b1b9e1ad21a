package printer

import "fmt"

// HSRP version 0 (RFC 2281) as tcpdump's hsrp_print.

var hsrpOps = []string{"hello", "coup", "resign"}

var hsrpStates = map[byte]string{0: "initial", 1: "learn", 2: "listen", 4: "speak", 8: "standby", 16: "active"}

func (d *dissector) hsrp(data []byte, length int) {
	b := d.b
	if len(data) < 1 {
		d.truncJmp("hsrp")
		return
	}
	b.printf("HSRPv%d", data[0])
	if data[0] != 0 {
		return
	}
	if len(data) < 8 {
		d.truncJmp("hsrp")
		return
	}
	op := fmt.Sprintf("unknown (%d)", data[1])
	if int(data[1]) < len(hsrpOps) {
		op = hsrpOps[data[1]]
	}
	b.printf("-%s %d: state=%s group=%d ", op, length, nameOrf(hsrpStates, data[2], "Unknown (%d)"), data[6])
	if data[7] != 0 {
		b.printf("[reserved=%d!] ", data[7])
	}
	if len(data) < 20 {
		d.truncJmp("hsrp")
		return
	}
	b.str("addr=" + d.p.host(data[16:20]))
	if d.p.opts.Verbose > 0 {
		b.printf(" hellotime=%s holdtime=%s priority=%d auth=\"", relTime(uint32(data[3])), relTime(uint32(data[4])), data[5])
		for _, c := range data[8:16] {
			if c == 0 {
				break
			}
			printn(b, []byte{c})
		}
		b.str("\"")
	}
}
