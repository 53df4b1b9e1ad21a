package printer

import "encoding/binary"

// bfd prints a BFD version 1 control or echo packet summary (RFC 5880).
func (d *dissector) bfd(data []byte, length int, port uint16) {
	b := d.b
	if len(data) < 2 {
		d.truncJmp("bfd")
		return
	}
	if port == 3785 {
		b.printf("BFD, Echo, length: %d", length)
		if d.p.opts.Verbose > 0 {
			unknownData(b, data, "\n\t", length)
		}
		return
	}
	if len(data) < 24 {
		d.truncJmp("bfd")
		return
	}
	ver := data[0] >> 5
	if ver != 1 {
		b.printf("BFDv%d, length: %d", ver, length)
		return
	}
	kind := map[uint16]string{3784: "Control", 3785: "Echo", 4784: "Multihop"}[port]
	state := []string{"AdminDown", "Down", "Init", "Up"}[data[1]>>6]
	var fl []string
	for _, f := range []struct {
		bit  byte
		name string
	}{{0x20, "Poll"}, {0x10, "Final"}, {0x08, "Control Plane Independent"}, {0x04, "Authentication Present"}, {0x02, "Demand"}, {0x01, "Multipoint"}} {
		if data[1]&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	fs := "none"
	if len(fl) > 0 {
		fs = join(fl, ", ")
	}
	if d.p.opts.Verbose == 0 {
		b.printf("BFDv%d, %s, State %s, Flags: [%s], length: %d", ver, kind, state, fs, length)
		return
	}
	if len(data) < 24 {
		d.truncJmp("bfd")
		return
	}
	diag := data[0] & 0x1f
	b.printf("BFDv%d, length: %d\n\t%s, State %s, Flags: [%s], Diagnostic: %s (0x%02x)", ver, length, kind, state, fs,
		nameOr(bfdDiagnostics, diag, "unknown"), diag)
	mult := uint32(data[2])
	be := binary.BigEndian
	b.printf("\n\tDetection Timer Multiplier: %d (%d ms Detection time), BFD Length: %d", mult, mult*(be.Uint32(data[16:])/1000), data[3])
	b.printf("\n\tMy Discriminator: 0x%08x, Your Discriminator: 0x%08x", be.Uint32(data[4:]), be.Uint32(data[8:]))
	b.printf("\n\t  Desired min Tx Interval:    %4d ms", be.Uint32(data[12:])/1000)
	b.printf("\n\t  Required min Rx Interval:   %4d ms", be.Uint32(data[16:])/1000)
	b.printf("\n\t  Required min Echo Interval: %4d ms", be.Uint32(data[20:])/1000)
	if data[1]&0x04 != 0 {
		d.bfdAuth(data[24:])
	}
}

var bfdDiagnostics = map[byte]string{0: "No Diagnostic", 1: "Control Detection Time Expired",
	2: "Echo Function Failed", 3: "Neighbor Signaled Session Down", 4: "Forwarding Plane Reset",
	5: "Path Down", 6: "Concatenated Path Down", 7: "Administratively Down", 8: "Reverse Concatenated Path Down"}

var bfdAuthTypes = map[byte]string{0: "Reserved", 1: "Simple Password", 2: "Keyed MD5",
	3: "Meticulous Keyed MD5", 4: "Keyed SHA1", 5: "Meticulous Keyed SHA1"}

// bfdAuth prints the authentication section (RFC 5880 4.2-4.4).
func (d *dissector) bfdAuth(data []byte) {
	b := d.b
	if len(data) < 4 {
		d.truncJmp("bfd")
		return
	}
	typ, alen := data[0], int(data[1])
	b.printf("\n\tAuthentication: %s (%d), length: %d", nameOr(bfdAuthTypes, typ, "Unknown"), typ, alen)
	b.printf("\n\t  Auth Key ID: %d", data[2])
	switch typ {
	case 1:
		if alen < 4 || alen > 19 {
			b.printf("[invalid length %d]", alen)
			return
		}
		b.str(", Password: ")
		if len(data) < alen {
			d.truncJmp("bfd")
			return
		}
		printn(b, data[3:alen])
	case 2, 3, 4, 5:
		want, digest := 24, "Digest"
		if typ >= 4 {
			want, digest = 28, "Hash"
		}
		if alen != want {
			b.printf("[invalid length %d]", alen)
			return
		}
		if len(data) < want {
			d.truncJmp("bfd")
			return
		}
		b.printf(", Sequence Number: 0x%08x", binary.BigEndian.Uint32(data[4:]))
		b.printf("\n\t  %s: ", digest)
		for _, c := range data[8:want] {
			b.printf("%02x", c)
		}
	}
}
