package filter

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// Variable-length link-layer headers: the prologue that computes, once per
// packet, the offsets kept in scratch registers (gencode.c:
// insert_compute_vloffsets and the gen_load_*_llprefixlen functions).

// stmtList builds a statement list with jumps to other statements of the
// list, or to next (the statement after the list), resolved to relative
// offsets at the end.
type stmtList struct {
	s       []stmt
	targets map[int][2]int // statement index -> jt, jf target index (-1: next)
}

const toNext = -1

func (l *stmtList) add(op uint16, k uint32) int {
	l.s = append(l.s, stmt{Op: op, K: k})
	return len(l.s) - 1
}

// jump adds a conditional jump whose targets are statement indexes (or
// toNext); a target of 0 means the following statement.
func (l *stmtList) jump(op uint16, k uint32) int {
	i := l.add(op, k)
	if l.targets == nil {
		l.targets = map[int][2]int{}
	}
	l.targets[i] = [2]int{i + 1, i + 1}
	return i
}

func (l *stmtList) setJT(i, target int) { t := l.targets[i]; t[0] = target; l.targets[i] = t }
func (l *stmtList) setJF(i, target int) { t := l.targets[i]; t[1] = target; l.targets[i] = t }

func (l *stmtList) resolve() []stmt {
	end := len(l.s)
	for i, t := range l.targets {
		for n, target := range t {
			if target == toNext {
				target = end
			}
			rel := uint8(target - i - 1)
			if n == 0 {
				l.s[i].JT = rel
			} else {
				l.s[i].JF = rel
			}
		}
	}
	return l.s
}

// loadRadiotapLen is gen_load_radiotap_llprefixlen (and PPI's): the
// little-endian header length at 2, into the link header's register and X.
func (g *gen) loadRadiotapLen(l *stmtList) bool {
	if g.offLinkHdr.reg == -1 {
		return false
	}
	l.add(cbpf.ClassLD|cbpf.SizeB|cbpf.ModeABS, 3)
	l.add(cbpf.ClassALU|cbpf.LSH|cbpf.SrcK, 8)
	l.add(cbpf.ClassMISC|cbpf.TAX, 0)
	l.add(cbpf.ClassLD|cbpf.SizeB|cbpf.ModeABS, 2)
	l.add(cbpf.ClassALU|cbpf.OR|cbpf.SrcX, 0)
	l.add(cbpf.ClassST, uint32(g.offLinkHdr.reg))
	l.add(cbpf.ClassMISC|cbpf.TAX, 0)
	return true
}

// loadAVSLen is gen_load_avs_llprefixlen: the big-endian length at 4.
func (g *gen) loadAVSLen(l *stmtList) bool {
	if g.offLinkHdr.reg == -1 {
		return false
	}
	l.add(cbpf.ClassLD|cbpf.SizeW|cbpf.ModeABS, 4)
	l.add(cbpf.ClassST, uint32(g.offLinkHdr.reg))
	l.add(cbpf.ClassMISC|cbpf.TAX, 0)
	return true
}

// loadPrismLen is gen_load_prism_llprefixlen: an AVS header (cookie
// 0x80211xxx) gives its length, a Prism header is 144 bytes.
func (g *gen) loadPrismLen(l *stmtList) bool {
	g.noOptimize = true
	if g.offLinkHdr.reg == -1 {
		return false
	}
	g.localJumps = true
	l.add(cbpf.ClassLD|cbpf.SizeW|cbpf.ModeABS, 0)
	l.add(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, 0xfffff000)
	jeq := l.jump(cbpf.ClassJMP|cbpf.JEQ|cbpf.SrcK, 0x80211000)
	l.add(cbpf.ClassLD|cbpf.SizeW|cbpf.ModeABS, 4)
	l.add(cbpf.ClassJMP|cbpf.JA, 1)
	prism := l.add(cbpf.ClassLD|cbpf.SizeW|cbpf.ModeIMM, 144)
	l.setJF(jeq, prism)
	l.add(cbpf.ClassST, uint32(g.offLinkHdr.reg))
	l.add(cbpf.ClassMISC|cbpf.TAX, 0)
	return true
}

// load80211HeaderLen is gen_load_802_11_header_len: the offset of the
// payload after the 802.11 header (24 bytes, 2 more for QoS data, rounded
// up to 4 when radiotap says the driver padded it). haveX says whether X
// already holds the link header's offset.
func (g *gen) load80211HeaderLen(l *stmtList, haveX bool) bool {
	if g.offLinkPl.reg == -1 {
		return haveX
	}
	g.noOptimize = true
	g.localJumps = true
	if !haveX {
		l.add(cbpf.ClassLDX|cbpf.ModeIMM, g.offOutermostLinkHdr.constPart)
	}
	reg := uint32(g.offLinkPl.reg)
	l.add(cbpf.ClassMISC|cbpf.TXA, 0)
	l.add(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 24)
	l.add(cbpf.ClassST, reg)
	l.add(cbpf.ClassLD|cbpf.ModeIND|cbpf.SizeB, 0)
	data1 := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, wlanFC0TypeData)
	l.setJF(data1, toNext)
	data2 := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, wlanFC0TypeCtl)
	l.setJT(data2, toNext)
	qos := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, wlanFC0SubtypeQoS)
	l.setJF(qos, toNext)
	l.add(cbpf.ClassLD|cbpf.ModeMEM, reg)
	l.add(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 2)
	l.add(cbpf.ClassST, reg)
	if g.linktype != linktype.IEEE80211Radio {
		return true
	}
	// Atheros padding, flagged in radiotap's flags field (little-endian
	// values, hence the swapped constants).
	flags := l.add(cbpf.ClassLD|cbpf.ModeABS|cbpf.SizeW, 4)
	l.setJF(qos, flags)
	present := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, 0x02000000)
	l.setJF(present, toNext)
	ext := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, 0x00000080)
	l.setJT(ext, toNext)
	tsft := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, 0x01000000)
	l.add(cbpf.ClassLD|cbpf.ModeABS|cbpf.SizeB, 16)
	padTSFT := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, 0x20)
	noTSFT := l.add(cbpf.ClassLD|cbpf.ModeABS|cbpf.SizeB, 8)
	l.setJF(tsft, noTSFT)
	padNoTSFT := l.jump(cbpf.ClassJMP|cbpf.JSET|cbpf.SrcK, 0x20)
	roundup := l.add(cbpf.ClassLD|cbpf.ModeMEM, reg)
	l.add(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 3)
	l.add(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, ^uint32(3))
	l.add(cbpf.ClassST, reg)
	l.setJT(padTSFT, roundup)
	l.setJF(padTSFT, toNext)
	l.setJT(padNoTSFT, roundup)
	l.setJF(padNoTSFT, toNext)
	return true
}

// loadPflogLen is gen_load_pflog_llprefixlen: pflog's header length (first
// byte) rounded up to 4.
func (g *gen) loadPflogLen(l *stmtList) bool {
	if g.offLinkPl.reg == -1 {
		return false
	}
	l.add(cbpf.ClassLD|cbpf.SizeB|cbpf.ModeABS, 0)
	l.add(cbpf.ClassALU|cbpf.ADD|cbpf.SrcK, 3)
	l.add(cbpf.ClassALU|cbpf.AND|cbpf.SrcK, 0xfffffffc)
	l.add(cbpf.ClassST, uint32(g.offLinkPl.reg))
	l.add(cbpf.ClassMISC|cbpf.TAX, 0)
	return true
}

// insertComputeVloffsets prepends to the root block the code that sets the
// variable-offset registers the program uses.
func (g *gen) insertComputeVloffsets(b *gblock) {
	if g.offLinkPl.reg != -1 && g.offLinkHdr.isVariable && g.offLinkHdr.reg == -1 {
		g.offLinkHdr.reg = g.allocReg()
	}
	var l stmtList
	have := false
	switch g.outermostlinktype {
	case linktype.PrismHeader:
		have = g.loadPrismLen(&l)
	case linktype.IEEE80211RadioAVS:
		have = g.loadAVSLen(&l)
	case linktype.IEEE80211Radio, linktype.PPI:
		have = g.loadRadiotapLen(&l)
	}
	switch g.outermostlinktype {
	case linktype.IEEE80211, linktype.PrismHeader, linktype.IEEE80211RadioAVS, linktype.IEEE80211Radio, linktype.PPI:
		have = g.load80211HeaderLen(&l, have)
	case linktype.PFLog:
		l = stmtList{}
		have = g.loadPflogLen(&l)
	}
	if !have && g.isVlanVloffset {
		if g.offLinkPl.reg == -1 {
			g.offLinkPl.reg = g.allocReg()
		}
		if g.offLinkType.reg == -1 {
			g.offLinkType.reg = g.allocReg()
		}
		l.add(cbpf.ClassLD|cbpf.SizeW|cbpf.ModeIMM, 0)
		l.add(cbpf.ClassST, uint32(g.offLinkPl.reg))
		l.add(cbpf.ClassST, uint32(g.offLinkType.reg))
		have = true
	}
	if have {
		b.stmts = append(l.resolve(), b.stmts...)
	}
}
