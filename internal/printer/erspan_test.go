package printer

// tcpdump 4.99.3 has no ERSPAN decoder: GRE protocol 0x88be (types I and
// II) prints as gre-proto-0x88be, and so does gocap; the frames keep it so.

import "testing"

func init() {
	transportCases = append(transportCases, transportCase{name: "erspan", frames: func(t testing.TB) []frameSpec {
		inner := udpFrame(t, false, 1234, 5678, []byte("mirrored"))
		gre := func(flags uint16, rest ...[]byte) []byte {
			return ip4Frame(t, 47, cat(be16b(flags), be16b(0x88be), cat(rest...)))
		}
		t2 := func(en, cos uint32, tr bool, vlan, sid uint32) []byte {
			h := 1<<28 | vlan<<16 | cos<<13 | en<<11 | sid
			if tr {
				h |= 1 << 10
			}
			return be32b(h)
		}
		return append(full(
			gre(0, inner),
			gre(0x1000, be32b(7), t2(0, 3, false, 0, 100), be32b(0x12345), inner),
			gre(0x1000, be32b(8), t2(1, 1, true, 10, 101), be32b(5), inner),
			gre(0x1000, be32b(9), t2(2, 7, false, 20, 102), be32b(6), inner),
			gre(0x1000, be32b(10), t2(3, 0, false, 30, 103), be32b(7), inner),
			gre(0x1000, be32b(11), be32b(2<<28|5), be32b(7), inner),
			gre(0x3000, be32b(0xabcd), be32b(12), t2(0, 3, false, 0, 100), be32b(1), inner),
			gre(0x1000, be32b(13), t2(0, 0, false, 0, 1)),
			gre(0x1000, be32b(14), []byte{0x10, 0}),
			gre(0x1000, be32b(15)),
		), cutAt(gre(0x1000, be32b(7), t2(0, 3, false, 0, 100), be32b(0x12345), inner), 34+8+6))
	}})
}
