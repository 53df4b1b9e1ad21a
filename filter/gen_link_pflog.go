package filter

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// OpenBSD pflog's header fields (struct pfloghdr) and the primitives that
// test them (gencode.c: gen_pf_ifname, gen_pf_ruleset, gen_pf_rnr,
// gen_pf_srnr, gen_pf_reason, gen_pf_action).
const (
	pflogActionOffset  = 2
	pflogReasonOffset  = 3
	pflogIfnameOffset  = 4
	pflogRulesetOffset = 20
	pflogNameLen       = 16
	pflogRulenrOffset  = 36
	pflogSubrulenrOff  = 40
	pflogDirOffset     = 60
	pfIn               = 1
	pfOut              = 2
)

func (g *gen) pfKeyword(k *Keyword) *gblock {
	kw := k.Word
	switch kw {
	case "on", "ifname":
		kw = "ifname"
	case "rset", "ruleset":
		kw = "ruleset"
	case "rnr", "rulenum":
		kw = "rnr"
	case "srnr", "subrulenum":
		kw = "srnr"
	}
	if g.linktype != linktype.PFLog {
		g.fail("'%s' supported only on PFLOG linktype", kw)
	}
	switch kw {
	case "ifname":
		if len(k.Arg) >= pflogNameLen {
			g.failValue("ifname interface name too long")
		}
		return g.bcmp(orLinkHdr, pflogIfnameOffset, []byte(k.Arg))
	case "ruleset":
		if len(k.Arg) >= pflogNameLen {
			g.failValue("ruleset name too long")
		}
		return g.bcmp(orLinkHdr, pflogRulesetOffset, []byte(k.Arg))
	case "rnr":
		return g.cmp(orLinkHdr, pflogRulenrOffset, cbpf.SizeW, k.Number)
	case "srnr":
		return g.cmp(orLinkHdr, pflogSubrulenrOff, cbpf.SizeW, k.Number)
	case "reason":
		return g.cmp(orLinkHdr, pflogReasonOffset, cbpf.SizeB, k.Number)
	}
	return g.cmp(orLinkHdr, pflogActionOffset, cbpf.SizeB, k.Number)
}
