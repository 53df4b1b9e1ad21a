package filter

import (
	"strings"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// batman-adv (B.A.T.M.A.N. Advanced mesh) over Ethernet: "batadv [version
// [type]]". For the unicast and broadcast packet types the offsets move to
// the encapsulated Ethernet frame, like libpcap's batadv support.

const ethertypeBatman = 0x4305

// batman-adv packet types by compatibility version.
var batadvTypes = map[uint32]map[string]uint32{
	14: {"iv_ogm": 0x01, "icmp": 0x02, "unicast": 0x03, "bcast": 0x04, "vis": 0x05,
		"unicast_frag": 0x06, "tt_query": 0x07, "roam_adv": 0x08, "unicast_4addr": 0x09,
		"coded": 0x0a},
	15: {"iv_ogm": 0x00, "bcast": 0x01, "coded": 0x02, "elp": 0x03, "ogm2": 0x04,
		"unicast": 0x40, "unicast_frag": 0x41, "unicast_4addr": 0x42, "icmp": 0x43,
		"unicast_tvlv": 0x44},
}

// batadvInnerOffset is the header length before the encapsulated Ethernet
// frame for the types that carry one (unicast: 10 bytes, broadcast: 14).
var batadvInnerOffset = map[uint32]map[uint32]uint32{
	14: {0x03: 10, 0x04: 14},
	15: {0x40: 10, 0x01: 14},
}

func (g *gen) batadv(k *Keyword) *gblock {
	b0 := g.linktypeTest(ethertypeBatman)
	if !k.HasNumber {
		return b0
	}
	version := k.Number
	types, ok := batadvTypes[version]
	if !ok {
		g.fail("batman-adv compatibility version number %d unsupported", version)
	}
	b1 := g.cmp(orLinkPl, 1, cbpf.SizeB, version)
	genAnd(b0, b1)
	b0 = b1
	typ := k.Number2
	switch {
	case k.Arg != "":
		v, ok := types[strings.ToLower(k.Arg)]
		if !ok {
			g.fail("invalid batman-adv packet type value \"%s\"", k.Arg)
		}
		typ = v
	case k.Arg2 == "":
		return b0
	}
	if typ > 0xff {
		g.fail("invalid batman-adv packet type value %d", typ)
	}
	b1 = g.cmp(orLinkPl, 0, cbpf.SizeB, typ)
	genAnd(b0, b1)
	b0 = b1
	if off, ok := batadvInnerOffset[version][typ]; ok {
		g.pushLinkHdr(linktype.Ethernet, g.offLinkPl.isVariable, g.offLinkPl.constPart+g.offNL+off, g.offLinkPl.reg)
		g.offLinkType.constPart = g.offLinkHdr.constPart + 12
		g.offLinkPl.constPart = g.offLinkHdr.constPart + 14
		g.offNL = 0
		g.offNLNoSNAP = 3
	}
	return b0
}
