package printer

import "encoding/binary"

// OpenBSD's IPsec encapsulation interface (DLT_ENC), as tcpdump's
// print-enc.c prints it.

// enc prints the 12-byte enc header (family and flags in the capturing
// host's byte order, which tcpdump reads in its own, little-endian here)
// and the IP packet after it.
func (d *dissector) enc(p []byte, length int) int {
	b := d.b
	if len(p) < 12 {
		d.truncJmp("enc")
		return len(p)
	}
	af := binary.LittleEndian.Uint32(p)
	flags := binary.LittleEndian.Uint32(p[8:])
	if flags == 0 {
		b.str("(unprotected): ")
	} else {
		b.str("(")
	}
	for _, f := range []struct {
		bit  uint32
		name string
	}{{0x0800, "authentic"}, {0x0400, "confidential"}} {
		if flags&f.bit != 0 {
			if flags == f.bit {
				b.str(f.name + "): ")
			} else {
				b.str(f.name + ",")
			}
			flags &^= f.bit
		}
	}
	b.printf("SPI 0x%08x: ", binary.BigEndian.Uint32(p[4:]))
	switch af {
	case 2:
		d.ip4(p[12:], length-12)
	case 24, 28, 30: // BSD's AF_INET6 values (tcpdump's BSD_AFNUM_INET6_*)
		d.ip6(p[12:], length-12)
	}
	return 12
}
