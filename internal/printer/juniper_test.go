package printer

import (
	"encoding/binary"
	"testing"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/internal/testenv"
)

// TestJuniperVsTcpdump prints generated frames of every Juniper link type
// tcpdump decodes and compares each line with tcpdump's.
func TestJuniperVsTcpdump(t *testing.T) {
	tcpdump := testenv.RequireTool(t, "tcpdump")
	for _, c := range juniperCases() {
		t.Run(c.name, func(t *testing.T) {
			same, total := compareLink(t, tcpdump, c.name, c.lt, c.frames)
			t.Logf("%s: %d of %d lines identical to tcpdump's", c.name, same, total)
		})
	}
}

// jnx is a Juniper header: the magic, the flags, and the extension TLVs
// when the flags ask for them.
func jnx(flags byte, tlvs ...[]byte) []byte {
	h := []byte{'M', 'G', 'C', flags}
	if flags&0x80 != 0 {
		ext := cat(tlvs...)
		h = append(h, be16(uint16(len(ext)))...)
		h = append(h, ext...)
	}
	return h
}

// jnxTLVs are extension TLVs of every kind tcpdump names (little-endian
// values below type 128, big-endian above).
var jnxTLVs = [][]byte{
	{1, 4, 7, 0, 0, 0}, {2, 3, 'g', 'e', '0'}, {3, 1, 1}, {4, 2, 0x10, 0x01}, {5, 1, 3}, {6, 1, 14},
	{7, 1, 99}, {8, 2, 28, 0}, {130, 2, 1, 2}, {9, 5, 1, 2, 3, 4, 5},
}

// ipOnly keeps the IPv4 and IPv6 payloads.
func ipOnly(h func(p netPayload, i int) []byte) func(p netPayload) []byte {
	i := 0
	return func(p netPayload) []byte {
		if p.etype != 0x0800 && p.etype != 0x86dd {
			return nil
		}
		i++
		return h(p, i)
	}
}

func inOut(i int) byte { return byte(i % 2) }

func juniperCases() []linkCase {
	eth := func(p netPayload) []byte { return cat(wlanA, wlanB, be16(p.etype)) }
	udp := netPayloads()[12].data
	var cases []linkCase
	add := func(name string, lt uint32, fs ...[]testframes.Frame) {
		var all []testframes.Frame
		for _, f := range fs {
			all = append(all, f...)
		}
		cases = append(cases, linkCase{name, lt, all})
	}
	i := 0
	add("juniper_ether", 178, linkFrames(func(p netPayload) []byte {
		i++
		switch i % 4 {
		case 0:
			return cat(jnx(0x80|inOut(i), jnxTLVs...), eth(p))
		case 1:
			return cat(jnx(0x40|0x04|inOut(i)), eth(p))
		}
		return cat(jnx(inOut(i)), eth(p))
	}), rawFrames(
		cat(jnx(0x03), []byte{0, 0, 0, 0}, udp),
		cat(jnx(0x82, []byte{1, 1, 5}), []byte{9, 9, 9, 9}, []byte{0x99, 1, 2}),
		cat([]byte{'M', 'G', 'D', 1}, udp),
		[]byte{'M', 'G', 'C'},
		cat(jnx(0x80, []byte{1, 9, 1}), eth(netPayloads()[0])),
		cat(jnx(0x80, []byte{0, 0}), eth(netPayloads()[0]), netPayloads()[0].data),
		cat(jnx(0x01), wlanA, wlanB, be16(0x9999), []byte{1, 2, 3}),
	))
	add("juniper_ppp", 179, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		proto := []byte{0, 0x21}
		if p.etype == 0x86dd {
			proto = []byte{0, 0x57}
		}
		if i%2 == 0 {
			return cat(jnx(inOut(i)), []byte{0xff, 0x03}, proto)
		}
		return cat(jnx(inOut(i)), proto)
	})))
	add("juniper_chdlc", 181, linkFrames(func(p netPayload) []byte {
		return cat(jnx(1), []byte{0x0f, 0}, be16(p.etype))
	}))
	add("juniper_frelay", 180, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		nlpid := byte(0xcc)
		if p.etype == 0x86dd {
			nlpid = 0x8e
		}
		return cat(jnx(inOut(i)), []byte{0x18, 0x41, 0x03, nlpid})
	})))
	add("juniper_pppoe", 167, linkFrames(func(p netPayload) []byte { return cat(jnx(1), eth(p)) }))
	add("juniper_pppoe_atm", 168, linkFrames(func(p netPayload) []byte { return cat(jnx(0), be16(p.etype)) }),
		rawFrames(cat(jnx(0), be16(0x9999), udp), cat(jnx(0), []byte{8})))
	add("juniper_ggsn", 133, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		proto := byte(2)
		if p.etype == 0x86dd {
			proto = 6
		}
		return cat(jnx(inOut(i)), []byte{7, 0, proto, 0, 0, byte(i), 0, 0})
	})), rawFrames(cat(jnx(1), []byte{7, 0, 1, 0, 0, 9, 0, 0}, udp)))
	es := func(typ byte) []byte {
		return cat([]byte{0, 5, 64, typ}, []byte{0, 0, 1, 0}, []byte{10, 199, 0, 1}, []byte{10, 199, 0, 2})
	}
	add("juniper_es", 132, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		if p.etype != 0x0800 {
			return nil
		}
		switch i % 3 {
		case 0:
			return cat(jnx(1), es(1))
		case 1:
			return cat(jnx(1), es(3), make([]byte, 16))
		}
		return cat(jnx(0), es(5), make([]byte, 16))
	})), rawFrames(cat(jnx(1), es(9), udp), cat(jnx(1), es(1)[:10])))
	add("juniper_monitor", 164, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		return cat(jnx(inOut(i)), []byte{1, 0, 0, 3, 0, 0, 0, byte(i)})
	})), rawFrames(cat(jnx(1), make([]byte, 8), []byte{0x30, 1, 2, 3, 4, 5, 6, 7, 8})))
	add("juniper_services", 136, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		return cat(jnx(inOut(i)), []byte{3, 0x21, 0, 9, 0, 0, 1, byte(i)})
	})))
	add("juniper_mlppp", 130, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		proto := []byte{0, 0x21}
		lsq := byte(0x00)
		if p.etype == 0x86dd {
			proto, lsq = []byte{0, 0x57}, 0x10
		}
		switch i % 4 {
		case 0:
			return cat(jnx(1), []byte{0, 5}, []byte{0xff, 0x03}, proto)
		case 1:
			return cat(jnx(0), []byte{0x54, 3, 0, 0}, proto)
		case 2:
			return cat(jnx(1), []byte{0x47, 0, 0, 0, 0, lsq, 0x01, 0x28})
		}
		return cat(jnx(0), []byte{0, 9}, proto)
	})))
	add("juniper_mfr", 134, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		nlpid := byte(0xcc)
		lsq := byte(0x00)
		if p.etype == 0x86dd {
			nlpid, lsq = 0x8e, 0x10
		}
		switch i % 3 {
		case 0:
			return cat(jnx(1), []byte{0, 0, 0, byte(i % 2)}, []byte{0x03, nlpid})
		case 1:
			return cat(jnx(0), []byte{0x47, 0, 0, 0, 0, lsq, 0x01, 0x28})
		}
		return cat(jnx(1), []byte{0x54, 2, 0, 0, 0, 0}, []byte{0x03, nlpid})
	})), rawFrames(cat(jnx(1), []byte{0xc0, 0x01, 0x00, 0x00, 0x00, 0x00}), cat(jnx(0), []byte{0, 0, 0, 2}, be16(0x1234), udp)))
	add("juniper_mlfr", 131, linkFrames(ipOnly(func(p netPayload, i int) []byte {
		nlpid := byte(0xcc)
		if p.etype == 0x86dd {
			nlpid = 0x8e
		}
		if i%2 == 0 {
			return cat(jnx(1), []byte{0, byte(i)}, []byte{0x03, nlpid})
		}
		return cat(jnx(0), []byte{0x54, 4, 0, 0}, []byte{0x03, nlpid})
	})), rawFrames(cat(jnx(1), []byte{0, 1}, be16(0x4567), udp)))
	snap := func(et uint16) []byte { return cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0}, be16(et)) }
	cells := oamCells()
	add("juniper_atm1", 137, rawFrames(func() [][]byte {
		var ds [][]byte
		for i, c := range cells {
			ds = append(ds, cat(jnx(byte(i%2)), []byte{0x80, 0, 1, 5}, c))
		}
		return ds
	}()...), linkFrames(func(p netPayload) []byte {
		i++
		if i%2 == 0 && p.etype != 0x0806 {
			return cat(jnx(1), []byte{0, 0, 1, byte(i)})
		}
		return cat(jnx(0), []byte{0, 0, 1, byte(i)}, snap(p.etype))
	}), rawFrames(cat(jnx(1), []byte{0, 0, 1, 1}, []byte{0x03, 0xcc}, udp), cat(jnx(1), []byte{0, 0, 1, 1}, []byte{0x99, 1, 2, 3})))
	add("juniper_atm2", 135, linkFrames(func(p netPayload) []byte {
		i++
		switch {
		case p.etype == 0x0806:
			return cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0}, snap(p.etype))
		case i%3 == 0:
			return cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0})
		case i%3 == 1 && p.etype == 0x0800:
			return cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0}, []byte{0, 0x21})
		}
		return cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0}, snap(p.etype))
	}), rawFrames(func() [][]byte {
		var ds [][]byte
		for i, c := range cells {
			cw := [][]byte{{0, 0, 0, 0}, {0x08, 0, 0, 0}, {0x08, 0x38, 0, 0}, {0x01, 2, 3, 4}}[i%4]
			ds = append(ds, cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0x10}, cw, c))
		}
		return ds
	}()...), rawFrames(
		cat(jnx(0), []byte{0, 0, 0, 1, 0, 0, 0, 0}, wlanA, wlanB, be16(0x0800), udp),
		cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0}, []byte{0x03, 0xcc}, udp),
		cat(jnx(1), []byte{0, 0, 0, 1, 0, 0, 0, 0}, []byte{0xc0, 0x21, 1, 1, 0, 4}),
	))
	return cases
}

// oamCells are ATM OAM cells without HEC (a 4-byte cell header, then 48
// bytes): fault-management loopback, AIS and RDI, continuity check,
// performance management, activation, system management; F4 and F5; a
// right and a wrong CRC-10; and cut short.
func oamCells() [][]byte {
	var cs [][]byte
	for i, tf := range []byte{0x18, 0x10, 0x11, 0x14, 0x21, 0x80, 0xf3, 0x18, 0x35} {
		vci := []uint32{3, 4, 32}[i%3]
		hdr := binary.BigEndian.AppendUint32(nil, uint32(i+1)<<20|vci<<4|uint32(i%8)<<1|uint32(i%2))
		payload := make([]byte, 48)
		payload[0] = tf
		for j := 1; j < 46; j++ {
			payload[j] = byte(j * (i + 3))
		}
		payload[46] = 0
		if i != 7 {
			// The CRC-10 that makes the whole payload's remainder 0.
			for crc := uint16(0); crc < 1024; crc++ {
				payload[46], payload[47] = byte(crc>>8)|payload[46]&0xfc, byte(crc)
				if crc10(payload) == 0 {
					break
				}
			}
		}
		cs = append(cs, cat(hdr, payload))
	}
	cs = append(cs, cs[0][:30], cs[1][:5])
	return cs
}
