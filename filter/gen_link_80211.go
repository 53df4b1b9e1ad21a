package filter

import (
	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/linktype"
)

// IEEE 802.11 frame control bits (ieee80211.h).
const (
	wlanFC0TypeMask    = 0x0c
	wlanFC0TypeCtl     = 0x04
	wlanFC0TypeData    = 0x08
	wlanFC0SubtypeMask = 0xf0
	wlanFC0SubtypeQoS  = 0x80
	wlanFC0SubtypeCTS  = 0xc0
	wlanFC0SubtypeACK  = 0xd0
	wlanFC1DirMask     = 0x03
	wlanFC1DirToDS     = 0x01
	wlanFC1DirFromDS   = 0x02
	wlanFC1DirDSToDS   = 0x03
)

// is80211 reports whether lt is 802.11 with or without a radio header.
func is80211(lt linktype.Type) bool {
	switch lt {
	case linktype.IEEE80211, linktype.PrismHeader, linktype.IEEE80211RadioAVS, linktype.IEEE80211Radio, linktype.PPI:
		return true
	}
	return false
}

// wlanKeyword is gen_p80211_type (type, subtype) and gen_p80211_fcdir.
func (g *gen) wlanKeyword(k *Keyword) *gblock {
	if k.Word == "dir" {
		if !is80211(g.linktype) {
			g.failKwOnDLT("dir")
		}
		return g.mcmp(orLinkHdr, 1, cbpf.SizeB, k.Number, wlanFC1DirMask)
	}
	if !is80211(g.linktype) {
		g.failKwOnDLT("type/subtype")
	}
	return g.mcmp(orLinkHdr, 0, cbpf.SizeB, k.Number, k.Number2)
}

// wlanFrameBits tests frame-control bits of byte off: set or clear.
func (g *gen) wlanBits(off, bits uint32, set bool) *gblock {
	s := g.loadA(orLinkHdr, off, cbpf.SizeB)
	if set {
		return g.set(bits, s)
	}
	return g.unset(bits, s)
}

// wlanAddrByFrame is the shared shape of gen_wlanhostop's SA and DA tests
// and of 802.11 multicast: a data frame's address at dataToDS or
// dataNoToDS (for SA: whose place also depends on From DS), a management
// frame's at mgmt, and no control frame.
func (g *gen) wlanDataMgmt(data, mgmt *gblock) *gblock {
	b0 := data
	b1 := g.wlanBits(0, wlanFC0TypeData, true)
	genAnd(b1, b0)
	b2 := g.wlanBits(0, wlanFC0TypeData, false)
	genAnd(b2, mgmt)
	genOr(mgmt, b0)
	b1 = g.wlanBits(0, wlanFC0TypeCtl, false)
	genAnd(b1, b0)
	return b0
}

// wlanByToDS picks the test at atToDS when To DS is set, at noToDS when
// it is clear.
func (g *gen) wlanByToDS(atToDS func() *gblock, noToDS func() *gblock) *gblock {
	b1 := g.wlanBits(1, wlanFC1DirToDS, true)
	b0 := atToDS()
	genAnd(b1, b0)
	b2 := g.wlanBits(1, wlanFC1DirToDS, false)
	b1 = noToDS()
	genAnd(b2, b1)
	genOr(b1, b0)
	return b0
}

// notCTSOrACK is true but for CTS and ACK control frames, which carry no
// transmitter address.
func (g *gen) notCTSOrACK() *gblock {
	b0 := g.mcmp(orLinkHdr, 0, cbpf.SizeB, wlanFC0TypeCtl, wlanFC0TypeMask)
	genNot(b0)
	b1 := g.mcmp(orLinkHdr, 0, cbpf.SizeB, wlanFC0SubtypeCTS, wlanFC0SubtypeMask)
	genNot(b1)
	b2 := g.mcmp(orLinkHdr, 0, cbpf.SizeB, wlanFC0SubtypeACK, wlanFC0SubtypeMask)
	genNot(b2)
	genAnd(b1, b2)
	genOr(b0, b2)
	return b2
}

// wlanHostop is gen_wlanhostop: an address in the 802.11 header, whose
// place depends on the frame type and the DS bits.
func (g *gen) wlanHostop(eaddr []byte, dir Dir) *gblock {
	at := func(off uint32) func() *gblock {
		return func() *gblock { return g.bcmp(orLinkHdr, off, eaddr) }
	}
	switch dir {
	case DirSrc:
		// Data frames with From DS: SA at 24 (To DS) or 16.
		b0 := g.wlanByToDS(at(24), at(16))
		b1 := g.wlanBits(1, wlanFC1DirFromDS, true)
		genAnd(b1, b0)
		b2 := g.wlanBits(1, wlanFC1DirFromDS, false)
		b1 = g.bcmp(orLinkHdr, 10, eaddr)
		genAnd(b2, b1)
		genOr(b1, b0)
		return g.wlanDataMgmt(b0, g.bcmp(orLinkHdr, 10, eaddr))
	case DirDst:
		b0 := g.wlanByToDS(at(16), at(4))
		return g.wlanDataMgmt(b0, g.bcmp(orLinkHdr, 4, eaddr))
	case DirAnd, DirDefault, DirOr:
		b0 := g.wlanHostop(eaddr, DirSrc)
		b1 := g.wlanHostop(eaddr, DirDst)
		if dir == DirAnd {
			genAnd(b0, b1)
		} else {
			genOr(b0, b1)
		}
		return b1
	case DirRA:
		// Not in management frames.
		b1 := g.wlanBits(0, wlanFC0TypeData, true)
		b0 := g.bcmp(orLinkHdr, 4, eaddr)
		genAnd(b1, b0)
		return b0
	case DirAddr1:
		return g.bcmp(orLinkHdr, 4, eaddr)
	case DirTA:
		// Not in management frames, nor in CTS and ACK control frames.
		b2 := g.notCTSOrACK()
		b1 := g.wlanBits(0, wlanFC0TypeData, true)
		genAnd(b1, b2)
		b1 = g.bcmp(orLinkHdr, 10, eaddr)
		genAnd(b2, b1)
		return b1
	case DirAddr2:
		b2 := g.notCTSOrACK()
		b1 := g.bcmp(orLinkHdr, 10, eaddr)
		genAnd(b2, b1)
		return b1
	case DirAddr3:
		b0 := g.mcmp(orLinkHdr, 0, cbpf.SizeB, wlanFC0TypeCtl, wlanFC0TypeMask)
		genNot(b0)
		b1 := g.bcmp(orLinkHdr, 16, eaddr)
		genAnd(b0, b1)
		return b1
	case DirAddr4:
		b0 := g.mcmp(orLinkHdr, 1, cbpf.SizeB, wlanFC1DirDSToDS, wlanFC1DirMask)
		b1 := g.bcmp(orLinkHdr, 24, eaddr)
		genAnd(b0, b1)
		return b1
	}
	g.fail(errOnly80211, dqkw(dir))
	return nil
}

// macMulticast is gen_mac_multicast: the group bit of the address at off.
func (g *gen) macMulticast(off uint32) *gblock {
	return g.set(1, g.loadA(orLinkHdr, off, cbpf.SizeB))
}

// wlanMulticast is 802.11's link multicast: the group bit of the DA.
func (g *gen) wlanMulticast() *gblock {
	b0 := g.wlanByToDS(func() *gblock { return g.macMulticast(16) }, func() *gblock { return g.macMulticast(4) })
	return g.wlanDataMgmt(b0, g.macMulticast(4))
}
