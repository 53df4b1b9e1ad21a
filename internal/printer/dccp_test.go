package printer

import (
	"encoding/binary"
	"net"
	"testing"
)

// dccpPacket is a DCCP packet of type typ (48-bit sequence numbers when
// ext) with the type's fields, options and payload, its checksum set for
// the addresses (IPv4 or IPv6) when sum.
func dccpPacket(v6 bool, typ byte, ext bool, cscov byte, fields, opts, payload []byte) []byte {
	var h []byte
	if ext {
		h = cat(be16b(5001), be16b(5002), []byte{0, 0x30 | cscov, 0, 0, typ<<1 | 1, 0}, be16b(0x0102), be32b(0x03040506))
	} else {
		h = cat(be16b(5001), be16b(5002), []byte{0, 0x30 | cscov, 0, 0, typ << 1, 0x0a, 0x0b, 0x0c})
	}
	h = append(h, fields...)
	h = append(h, opts...)
	h[4] = byte(len(h) / 4)
	pkt := cat(h, payload)
	var pseudo []byte
	if v6 {
		pseudo = cat(net.IP(tSrc6).To16(), net.IP(tDst6).To16())
	} else {
		pseudo = cat(tSrc4.To4(), tDst4.To4())
	}
	info := &ipInfo{pseudo: pseudo}
	cov := len(pkt)
	if cscov != 0 && (int(h[4])+int(cscov)-1)*4 < cov {
		cov = (int(h[4]) + int(cscov) - 1) * 4
	}
	binary.BigEndian.PutUint16(pkt[6:], checksum(pkt[:cov], pseudoSum(info, 33, len(pkt))))
	return pkt
}

func init() {
	transportCases = append(transportCases, transportCase{name: "dccp", frames: func(t testing.TB) []frameSpec {
		ack := cat(be16b(0), be16b(0x0001), be32b(0x00020003))
		ack24 := []byte{0, 0x0d, 0x0e, 0x0f}
		opts := cat([]byte{0, 2, 1}, []byte{32, 4, 1, 2}, []byte{33, 3, 9}, []byte{34, 5, 2, 1, 0}, []byte{35, 3, 12}, []byte{36, 4, 0xab, 0xcd},
			[]byte{37, 3, 7}, []byte{38, 3, 0x55}, []byte{39, 3, 0x66}, []byte{40, 4, 1, 2}, []byte{41, 6}, be32b(1234),
			[]byte{42, 6}, be32b(77), []byte{42, 8}, be32b(78), be16b(9), []byte{42, 10}, be32b(79), be32b(10), []byte{43, 4}, be16b(11),
			[]byte{43, 6}, be32b(12), []byte{44, 6}, be32b(0xdeadbeef), []byte{128, 4}, be16b(5), []byte{129, 6}, be32b(6), []byte{130, 3, 1},
			[]byte{41, 5, 1, 2, 3}, []byte{42, 7, 1, 2, 3, 4, 5}, []byte{43, 5, 1, 2, 3}, []byte{99, 2}, []byte{0, 0, 0})
		var specs []frameSpec
		add := func(b []byte) { specs = append(specs, frameSpec{data: b}) }
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), opts, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 1, true, 0, cat(ack, be32b(43)), nil, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 2, true, 0, nil, nil, []byte("payload"))))
		add(ip4Frame(t, 33, dccpPacket(false, 2, false, 0, nil, []byte{0, 0, 0, 0}, []byte("payload"))))
		for typ := byte(3); typ <= 15; typ++ {
			if typ == 7 {
				continue
			}
			add(ip4Frame(t, 33, dccpPacket(false, typ, true, 0, ack, []byte{41, 6, 0, 0, 0, 1, 0, 0}, []byte("data"))))
			add(ip4Frame(t, 33, dccpPacket(false, typ, false, 1, ack24, nil, []byte("data"))))
		}
		for _, code := range []byte{0, 1, 5, 11, 12, 200} {
			add(ip4Frame(t, 33, dccpPacket(false, 7, true, 0, cat(ack, []byte{code, 1, 2, 3}), nil, nil)))
		}
		add(ip6Frame(t, 33, dccpPacket(true, 4, true, 2, ack, []byte{37, 2, 0, 0}, []byte("v6 payload here"))))
		bad := dccpPacket(false, 3, true, 0, ack, nil, nil)
		bad[7] ^= 1
		add(ip4Frame(t, 33, bad))
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), []byte{32, 1, 0, 0}, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), []byte{0, 41, 9, 0}, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), []byte{130, 1, 0, 0}, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), []byte{130, 9, 0, 0}, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), []byte{32, 2, 35, 2}, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 0, true, 0, nil, nil, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 1, true, 0, ack, nil, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 7, true, 0, ack, nil, nil)))
		add(ip4Frame(t, 33, dccpPacket(false, 3, true, 0, nil, nil, nil)))
		add(ip4Frame(t, 33, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
		add(ip4Frame(t, 33, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}))
		add(ip4Frame(t, 33, cat([]byte{1, 2, 3, 4, 200, 6, 7, 8, 3 << 1, 10, 11, 12}, ack24)))
		full := ip4Frame(t, 33, dccpPacket(false, 0, true, 0, be32b(42), opts, nil))
		specs = append(specs, cutAt(full, 34+8), cutAt(full, 34+14), cutAt(full, 34+18), cutAt(full, 34+20+7), cutAt(full, 34+20+40))
		dack := ip4Frame(t, 33, dccpPacket(false, 4, true, 0, ack, nil, nil))
		specs = append(specs, cutAt(dack, 34+18), cutAt(dack, 34+22))
		return specs
	}})
}
