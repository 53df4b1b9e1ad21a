package filter

import (
	"strings"

	"github.com/gocap/gocap/bpf/cbpf"
)

// SS7 over MTP2 (DLT_MTP2, MTP2_WITH_PHDR, ERF): the signal unit types
// and the MTP3 routing label fields, in their normal and high-speed (h)
// forms (gencode.c: gen_mtp2type_abbrev, gen_mtp3field_code).

// mtpKeyword compiles one MTP2/MTP3 keyword.
func (g *gen) mtpKeyword(k *Keyword) *gblock {
	word := strings.ToLower(k.Word)
	switch word {
	case "lsu":
		word = "lssu"
	case "hlsu":
		word = "hlssu"
	}
	if g.ss7.sio == offsetNotSet {
		g.fail("'%s' supported only on SS7", word)
	}
	switch word {
	case "fisu":
		return g.ncmp(orPacket, g.ss7.li, cbpf.SizeB, 0x3f, cbpf.JEQ, false, 0)
	case "lssu":
		b0 := g.ncmp(orPacket, g.ss7.li, cbpf.SizeB, 0x3f, cbpf.JGT, true, 2)
		b1 := g.ncmp(orPacket, g.ss7.li, cbpf.SizeB, 0x3f, cbpf.JGT, false, 0)
		genAnd(b1, b0)
		return b0
	case "msu":
		return g.ncmp(orPacket, g.ss7.li, cbpf.SizeB, 0x3f, cbpf.JGT, false, 2)
	case "hfisu":
		return g.ncmp(orPacket, g.ss7.liHSL, cbpf.SizeH, 0xff80, cbpf.JEQ, false, 0)
	case "hlssu":
		b0 := g.ncmp(orPacket, g.ss7.liHSL, cbpf.SizeH, 0xff80, cbpf.JGT, true, 0x0100)
		b1 := g.ncmp(orPacket, g.ss7.liHSL, cbpf.SizeH, 0xff80, cbpf.JGT, false, 0)
		genAnd(b1, b0)
		return b0
	case "hmsu":
		return g.ncmp(orPacket, g.ss7.liHSL, cbpf.SizeH, 0xff80, cbpf.JGT, false, 0x0100)
	}
	return g.fieldValues(k, func(v uint32, jtype uint16, reverse bool) *gblock {
		return g.mtp3Field(word, v, jtype, reverse)
	})
}

// fieldValues applies a field test to a keyword's value forms (atmvalue,
// mtp3value): one number, a relation, or a list of numbers or'ed.
func (g *gen) fieldValues(k *Keyword, field func(v uint32, jtype uint16, reverse bool) *gblock) *gblock {
	if len(k.Values) > 0 {
		var b *gblock
		for _, v := range k.Values {
			b1 := field(v, cbpf.JEQ, false)
			if b != nil {
				genOr(b, b1)
			}
			b = b1
		}
		return b
	}
	if !k.HasRel {
		return field(k.Number, cbpf.JEQ, false)
	}
	switch k.RelOp {
	case RelGT:
		return field(k.Number, cbpf.JGT, false)
	case RelGE:
		return field(k.Number, cbpf.JGE, false)
	case RelLE:
		return field(k.Number, cbpf.JGT, true)
	case RelLT:
		return field(k.Number, cbpf.JGE, true)
	case RelNE:
		return field(k.Number, cbpf.JEQ, true)
	}
	return field(k.Number, cbpf.JEQ, false)
}

// mtp3Field is gen_mtp3field_code: the routing label's fields are
// little-endian bit fields, so the value is rearranged to the bytes the
// load sees.
func (g *gen) mtp3Field(word string, v uint32, jtype uint16, reverse bool) *gblock {
	high := strings.HasPrefix(word, "h")
	extra := uint32(0)
	if high {
		extra = 3 // the high-speed link's longer header
	}
	switch strings.TrimPrefix(word, "h") {
	case "sio":
		g.assertMaxval(word, v, 255)
		return g.ncmp(orPacket, g.ss7.sio+extra, cbpf.SizeB, 0xffffffff, jtype, reverse, v)
	case "opc":
		g.assertMaxval(word, v, 0x3fff)
		v = (v&0x3c00)>>10 + (v&0x03fc)<<6 + (v&0x0003)<<22
		return g.ncmp(orPacket, g.ss7.opc+extra, cbpf.SizeW, 0x00c0ff0f, jtype, reverse, v)
	case "dpc":
		g.assertMaxval(word, v, 0x3fff)
		v = (v&0x00ff)<<8 + (v&0x3f00)>>8
		return g.ncmp(orPacket, g.ss7.dpc+extra, cbpf.SizeH, 0xff3f, jtype, reverse, v)
	case "sls":
		g.assertMaxval(word, v, 15)
		v = (v & 0x0f) << 4
		return g.ncmp(orPacket, g.ss7.sls+extra, cbpf.SizeB, 0xf0, jtype, reverse, v)
	}
	g.fail("syntax error in filter expression")
	return nil
}
