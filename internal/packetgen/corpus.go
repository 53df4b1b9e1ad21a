package packetgen

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
)

// Corpus returns seeds.N (default DefaultN) Ethernet frames built from the
// seeds: every kind of frame the package knows, VLAN-tagged frames both
// with the tag in the bytes and with the tag stripped into the metadata
// (as the kernel delivers them), and truncated captures (Data shorter than
// Meta.WireLen). The result depends only on the seeds. Seeds.Fields are
// not applied here, since their offsets depend on the link type: apply
// them with WithFields after Reencap.
func Corpus(seeds Seeds) []Frame {
	n := seeds.N
	if n <= 0 {
		n = DefaultN
	}
	g := &gen{r: rand.New(rand.NewPCG(seeds.Seed, 0x9e3779b97f4a7c15)), s: &seeds}
	out := make([]Frame, 0, n+2)
	for len(out) < n {
		f := g.ethernet(0, nil)
		g.meta(&f)
		out = append(out, f)
		if tagged(f.Data) && g.chance(2) {
			out = append(out, stripVLAN(f))
		}
		if g.chance(12) && len(f.Data) > 1 {
			out = append(out, truncate(f, 1+g.r.IntN(len(f.Data)-1)))
		}
	}
	return out[:n]
}

// meta fills in the kernel metadata of an Ethernet frame.
func (g *gen) meta(f *Frame) {
	m := &f.Meta
	switch dst := f.Data[:6]; {
	case slices.Equal(dst, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}):
		m.PktType = 1
	case dst[0]&1 != 0:
		m.PktType = 2
	default:
		m.PktType = []uint8{0, 0, 3, 4}[g.r.IntN(4)]
	}
	m.IfIndex = uint32(1 + g.r.IntN(8))
	if c, ok := seeded(g, g.s.Consts); ok && g.chance(2) {
		m.IfIndex = c
	}
	m.HAType = 1
	m.Mark = uint32(g.r.IntN(4))
	m.Queue = uint16(g.r.IntN(4))
	m.RXHash = g.r.Uint32()
	m.CPU = uint32(g.r.IntN(2))
	m.Random = g.r.Uint32()
	m.NetOff = 14
	m.PayOffset = uint32(14 + g.r.IntN(60))
	m.Protocol = skbProtocol(f.Data)
}

// skbProtocol is what the kernel puts in skb->protocol for a frame.
func skbProtocol(data []byte) uint16 {
	if len(data) < 14 {
		return 0
	}
	t := binary.BigEndian.Uint16(data[12:])
	if t > 1500 {
		return t
	}
	if len(data) >= 16 && data[14] == 0xff && data[15] == 0xff {
		return 0x0001 // ETH_P_802_3
	}
	return 0x0004 // ETH_P_802_2
}

func tagged(data []byte) bool {
	if len(data) < 18 {
		return false
	}
	switch binary.BigEndian.Uint16(data[12:]) {
	case 0x8100, 0x88a8, 0x9100:
		return true
	}
	return false
}

// stripVLAN moves the outer VLAN tag of a frame into its metadata, as a
// NIC with VLAN offload or the kernel's receive path does.
func stripVLAN(f Frame) Frame {
	data := make([]byte, 0, len(f.Data)-4)
	data = append(append(data, f.Data[:12]...), f.Data[16:]...)
	out := Frame{Data: data, Meta: f.Meta, Desc: f.Desc + "(stripped)"}
	out.Meta.VLANPresent = true
	out.Meta.VLANTPID = binary.BigEndian.Uint16(f.Data[12:])
	out.Meta.VLANTCI = binary.BigEndian.Uint16(f.Data[14:])
	out.Meta.Protocol = skbProtocol(data)
	if out.Meta.WireLen != 0 {
		out.Meta.WireLen -= 4
	}
	return out
}

func truncate(f Frame, caplen int) Frame {
	out := Frame{Data: f.Data[:caplen:caplen], Meta: f.Meta, Desc: f.Desc + "(truncated)"}
	if out.Meta.WireLen == 0 {
		out.Meta.WireLen = uint32(len(f.Data))
	}
	return out
}

// WithFields returns n copies of frames (chosen deterministically from
// seed) with one to three of fields written into each: the values a
// program compares packet bytes with, at the offsets it loads them from.
// Complete frames too short for a field are lengthened (up to maxExtend
// bytes); truncated captures keep their length.
func WithFields(frames []Frame, fields []Field, n int, seed uint64) []Frame {
	if len(frames) == 0 || len(fields) == 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed, 0x85ebca6b))
	out := make([]Frame, 0, n)
	for i := 0; i < n; i++ {
		src := frames[r.IntN(len(frames))]
		f := Frame{Data: slices.Clone(src.Data), Meta: src.Meta, Desc: src.Desc + "(fields)"}
		// Mostly a run of consecutive fields (one path through the
		// program), sometimes a random few; now and then a value is off by
		// one, to test the boundaries of comparisons.
		var pickFields []Field
		if r.IntN(3) > 0 {
			i := r.IntN(len(fields))
			pickFields = fields[i:min(len(fields), i+1+r.IntN(8))]
		} else {
			for j := 1 + r.IntN(3); j > 0; j-- {
				pickFields = append(pickFields, fields[r.IntN(len(fields))])
			}
		}
		for _, fl := range pickFields {
			switch r.IntN(8) {
			case 0:
				fl.Value++
			case 1:
				fl.Value--
			}
			if end := int(fl.Off) + fl.Size; end > len(f.Data) && end <= maxExtend && f.Meta.WireLen == 0 {
				// Lengthen a complete frame so that far-away fields
				// (tcp[171], ip[0xab]) exist.
				f.Data = append(f.Data, make([]byte, end-len(f.Data)+r.IntN(8))...)
			}
			setField(f.Data, fl)
		}
		out = append(out, f)
	}
	return out
}

// maxExtend bounds the length WithFields gives a frame.
const maxExtend = 1600

func setField(data []byte, fl Field) {
	end := uint64(fl.Off) + uint64(fl.Size)
	if end > uint64(len(data)) {
		return
	}
	b := data[fl.Off:end]
	var old uint32
	switch fl.Size {
	case 1:
		old = uint32(b[0])
	case 2:
		old = uint32(binary.BigEndian.Uint16(b))
	case 4:
		old = binary.BigEndian.Uint32(b)
	default:
		return
	}
	v := fl.Value
	if fl.Mask != 0 {
		v = old&^fl.Mask | v&fl.Mask
	}
	switch fl.Size {
	case 1:
		b[0] = byte(v)
	case 2:
		binary.BigEndian.PutUint16(b, uint16(v))
	case 4:
		binary.BigEndian.PutUint32(b, v)
	}
}
