package printer

import "encoding/binary"

// Linux vsock monitoring (DLT_VSOCK, the vsockmon device), as tcpdump's
// print-vsock.c prints it. All fields are little-endian.

var (
	vsockTransports = map[uint16]string{0: "UNKNOWN", 1: "NO_INFO", 2: "VIRTIO"}
	vsockOps        = map[uint16]string{0: "UNKNOWN", 1: "CONNECT", 2: "DISCONNECT", 3: "CONTROL", 4: "PAYLOAD"}
	virtioOps       = map[uint16]string{0: "INVALID", 1: "REQUEST", 2: "RESPONSE", 3: "RST", 4: "SHUTDOWN", 5: "RW", 6: "CREDIT UPDATE", 7: "CREDIT REQUEST"}
)

// vsock prints the 32-byte vsockmon header (and, with -v, the virtio
// transport header after it); -x dumps from the transport header on.
func (d *dissector) vsock(p []byte) int {
	b := d.b
	n := len(p)
	if n < 32 {
		b.trunc("vsock")
		return n
	}
	le16, le32 := binary.LittleEndian.Uint16, binary.LittleEndian.Uint32
	transport, op := le16(p[26:]), le16(p[24:])
	if s, ok := vsockTransports[transport]; ok {
		b.str(s)
	} else {
		b.printf("Invalid transport (%d)", transport)
	}
	hdrSize := 32
	if transport == 2 {
		hdrSize += 44
	}
	short := false
	if d.p.opts.Verbose > 0 {
		if n < hdrSize {
			short = true
		} else {
			if transport == 2 {
				h := p[32:]
				b.printf(" (len %d", le32(h[24:]))
				if t := le16(h[28:]); t == 1 {
					b.str(", type STREAM")
				} else {
					b.printf(", type Invalid type (%d)", t)
				}
				if o, ok := virtioOps[le16(h[30:])]; ok {
					b.printf(", op %s", o)
				} else {
					b.printf(", op Invalid op (%d)", le16(h[30:]))
				}
				b.printf(", flags %x, buf_alloc %d, fwd_cnt %d)", le32(h[32:]), le32(h[36:]), le32(h[40:]))
			}
			b.str("\n\t")
		}
	} else {
		b.str(" ")
	}
	opName, ok := vsockOps[op]
	if !ok {
		opName = " invalid op (" + itoa(int(op)) + ")"
	}
	b.printf("%d.%d > %d.%d %s, length %d", binary.LittleEndian.Uint64(p), le32(p[16:]),
		binary.LittleEndian.Uint64(p[8:]), le32(p[20:]), opName, n)
	if short {
		b.trunc("vsock")
		return 32
	}
	if d.p.opts.Verbose > 1 && op == 4 {
		if n > hdrSize {
			b.str("\n")
			hexOnly(b, "\t", p[hdrSize:], 0)
		} else {
			b.trunc("vsock")
		}
	}
	return 32
}
