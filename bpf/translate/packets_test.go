package translate

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Until internal/packetgen lands, packets come from two sources: real
// frames from the shared capture corpora (libpcap's filter-test savefiles
// and tcpdump's test captures), and random frames biased towards the
// program under test: its jump constants are written at the offsets it
// loads, so both branches of most comparisons are taken. Both kinds are
// also truncated at random. Frames shorter than 14 bytes are not
// generated: SCHED_CLS test runs refuse data shorter than ETH_HLEN.

// linktypes maps the conformance corpus' DLT names to pcap LINKTYPE_ values.
var linktypes = map[string]uint32{"EN10MB": 1, "RAW": 101, "LINUX_SLL": 113, "PPP": 9, "NULL": 0, "LOOP": 108, "IEEE802_11": 105, "LINUX_SLL2": 276}

// realPackets reads every classic pcap file of the shared corpora, grouped
// by link type. Unreadable files are skipped: they are oracles' data, not
// ours to validate.
func realPackets() map[uint32][][]byte {
	out := map[uint32][][]byte{}
	var files []string
	for _, pat := range []string{
		"/work/shared/corpus/tcpdump/*.pcap",
		"/work/shared/conformance/libpcap/tests/filter/*.pcap",
	} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || len(b) < 24 {
			continue
		}
		var bo binary.ByteOrder
		switch binary.LittleEndian.Uint32(b) {
		case 0xa1b2c3d4, 0xa1b23c4d:
			bo = binary.LittleEndian
		case 0xd4c3b2a1, 0x4d3cb2a1:
			bo = binary.BigEndian
		default:
			continue
		}
		lt := bo.Uint32(b[20:]) & 0x0fffffff
		for off := 24; off+16 <= len(b); {
			incl := int(bo.Uint32(b[off+8:]))
			off += 16
			if incl < 0 || off+incl > len(b) {
				break
			}
			if incl >= testRunMinLen && incl <= 1500 {
				out[lt] = append(out[lt], b[off:off+incl])
			}
			off += incl
		}
	}
	return out
}

// hints are what a program loads and compares with.
type hints struct {
	sites  []site
	consts []uint32
	maxEnd int // one past the highest byte any absolute load reads
}

type site struct {
	off  uint32
	size int
}

func programHints(prog []bpf.RawInstruction) hints {
	var h hints
	add := func(off uint32, size int) {
		if off < 4096 {
			h.sites = append(h.sites, site{off, size})
			if int(off)+size > h.maxEnd {
				h.maxEnd = int(off) + size
			}
		}
	}
	for _, ins := range prog {
		size := 4
		switch ins.Op & 0x18 {
		case cbpf.SizeH:
			size = 2
		case cbpf.SizeB:
			size = 1
		}
		switch {
		case ins.Op&7 == cbpf.ClassLD && ins.Op&0xe0 == cbpf.ModeABS:
			add(ins.K, size)
		case ins.Op&7 == cbpf.ClassLDX && ins.Op&0xe0 == cbpf.ModeMSH:
			add(ins.K, 1)
		case ins.Op&7 == cbpf.ClassLD && ins.Op&0xe0 == cbpf.ModeIND:
			// Typical X: an IPv4 header length, maybe past a link header.
			add(ins.K+20, size)
			add(ins.K+24, size)
		case ins.Op&7 == cbpf.ClassJMP && ins.Op&0xf0 != cbpf.JA && ins.Op&cbpf.SrcX == 0:
			h.consts = append(h.consts, ins.K, ins.K+1, ins.K-1)
		case ins.Op&7 == cbpf.ClassALU && ins.Op&cbpf.SrcX == 0:
			h.consts = append(h.consts, ins.K)
		}
	}
	if len(h.consts) == 0 {
		h.consts = []uint32{0, 1, 0xffffffff}
	}
	return h
}

// packets returns n frames for prog (link type lt), deterministic in rng.
func packets(rng *rand.Rand, prog []bpf.RawInstruction, real [][]byte, n int) [][]byte {
	h := programHints(prog)
	out := make([][]byte, 0, n)
	for len(out) < n {
		var p []byte
		if len(real) > 0 && rng.IntN(3) == 0 {
			p = append([]byte(nil), real[rng.IntN(len(real))]...)
		} else {
			l := testRunMinLen + rng.IntN(h.maxEnd+16)
			if rng.IntN(8) == 0 {
				l = testRunMinLen + rng.IntN(400)
			}
			p = make([]byte, l)
			for i := range p {
				p[i] = byte(rng.Uint32())
			}
			// Frames to our loopback's all-zero address or broadcast
			// now and then, so pkt_type varies.
			switch rng.IntN(6) {
			case 0:
				copy(p, []byte{0, 0, 0, 0, 0, 0})
			case 1:
				copy(p, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
			}
		}
		for _, s := range h.sites {
			if rng.IntN(5) < 3 {
				writeConst(p, s, h.consts[rng.IntN(len(h.consts))])
			}
		}
		if rng.IntN(7) == 0 {
			p = p[:testRunMinLen+rng.IntN(len(p)-testRunMinLen+1)]
		}
		out = append(out, p)
	}
	return out
}

func writeConst(p []byte, s site, v uint32) {
	if int(s.off)+s.size > len(p) {
		return
	}
	switch s.size {
	case 1:
		p[s.off] = byte(v)
	case 2:
		binary.BigEndian.PutUint16(p[s.off:], uint16(v))
	default:
		binary.BigEndian.PutUint32(p[s.off:], v)
	}
}
