package capture

import (
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/bpf/translate"
)

// The record the tc program writes to the ring buffer: a fixed header in
// native byte order followed by capLen packet bytes. 32 bytes with the
// socket cookie: a 60-byte frame's record still fits the 96-byte size (see
// recordSizes), as it did before the cookie.
const (
	recTime      = 0  // u64 bpf_ktime_get_ns (CLOCK_MONOTONIC)
	recCookie    = 8  // u64 socket cookie of skb->sk (0: none, or not asked for)
	recIfIndex   = 16 // u32
	recWireLen   = 20 // u32 skb->len
	recCapLen    = 24 // u16 (at most maxRecordCapture)
	recVlanTCI   = 26 // u16
	recVlanProto = 28 // u16 (network byte order value, as __sk_buff has it)
	recFlags     = 30 // u8 pkt type (4 = outgoing), u8 vlan present
	recHeaderLen = 32
)

// __sk_buff offsets (linux/bpf.h).
const (
	skbLen         = 0
	skbPktType     = 4
	skbVlanPresent = 20
	skbVlanTCI     = 24
	skbVlanProto   = 28
	skbIfIndex     = 40
)

// Stats map value: per-CPU counters.
type tcCounters struct {
	Matched uint64 // packets the filter accepted
	Dropped uint64 // ring buffer full
}

// outgoingPktType rewrites the classic program for the egress hook: there
// skb->pkt_type is not PACKET_OUTGOING (AF_PACKET sets it only on the copy
// it hands to sockets), so loads of SKF_AD_PKTTYPE become the constant 4.
func outgoingPktType(prog []bpf.RawInstruction) []bpf.RawInstruction {
	out := make([]bpf.RawInstruction, len(prog))
	copy(out, prog)
	for i, ins := range out {
		switch ins.Op {
		case 0x20, 0x28, 0x30: // ld/ldh/ldb [k]
			if ins.K == cbpf.SKFAdOff+cbpf.SKFAdPktType {
				out[i] = bpf.RawInstruction{Op: 0x00, K: uint32(DirOutgoing)} // ld #4
			}
		}
	}
	return out
}

// tcProgramConfig is what a tc program is built for.
type tcProgramConfig struct {
	egress  bool
	snapLen int
	// wakeAt is the amount of unread data in the ring buffer, in bytes,
	// from which a record wakes the reader; 0 leaves the wake-up to the
	// kernel, which wakes the reader whenever it has caught up (a wake-up
	// per record when the reader keeps up: immediate mode).
	wakeAt int
	// cookie records, on egress, the cookie of the socket that sent the
	// packet (bpf_get_socket_cookie; 0 for a forwarded packet). Received
	// packets get 0: they meet their socket only after tc, and a packet
	// that came through a veth may still hold its sender's socket in
	// another namespace, which is not what the cookie stands for.
	cookie bool
}

// bpf_ringbuf_output/query flags and queries (linux/bpf.h).
const (
	bpfRBNoWakeup    = 1
	bpfRBForceWakeup = 2
	bpfRBAvailData   = 0
)

// wakeThreshold is tcProgramConfig.wakeAt for a ring buffer of size bytes:
// an eighth of it (a megabyte at the default size), like the socket
// engine's blocks, so that the reader wakes once per few thousand packets
// and the ring still has room for seven times that while it catches up;
// below the threshold only the reader's timeout wakes it. In immediate
// mode, the first record after the reader went to sleep.
func wakeThreshold(size int, immediate bool) int {
	if immediate {
		return 0
	}
	return size / 8
}

// wakeFlags stores at flagsOff on the stack the flags for
// bpf_ringbuf_submit, before the record is reserved. The reader sets the
// first word in wake (an mmapped array) before it sleeps; the first record
// that finds it set and at least wakeAt bytes unread clears it and forces a
// wake-up, every other record asks for none. (Without the word, every
// record past the threshold would force one until the reader runs: each an
// interrupt on the producing CPU, a VM exit in a guest, charged to the
// packet's receive path.) A record that then finds no room sets the word
// again (rearm). The second word the reader sets with the first when
// nothing is unread and it sleeps without a timeout (tcReader.wait): then
// records ask for the kernel's own wake-up, which it gives only to the
// record the reader reads next, the first one. Its paths join with the
// flags a value the verifier does not track exactly (nothing branches on
// it), so what follows is verified once, not once per path. Clobbers
// R0-R5.
func wakeFlags(wakeAt int, rb, wake *ebpf.Map) asm.Instructions {
	const done = "gocap_wake_done"
	insns := asm.Instructions{
		asm.LoadMapValue(asm.R1, wake.FD(), 0),
		asm.LoadMem(asm.R3, asm.R1, 0, asm.Word),
		asm.Mov.Imm(asm.R2, bpfRBNoWakeup),
		asm.JEq.Imm(asm.R3, 0, done),
	}
	if wakeAt > 0 {
		insns = append(insns,
			// Idle: no flags, the kernel's wake-up for a record at the
			// consumer position.
			asm.LoadMem(asm.R3, asm.R1, 4, asm.Word),
			asm.Mov.Imm(asm.R2, 0),
			asm.JNE.Imm(asm.R3, 0, done),
			asm.LoadMapPtr(asm.R1, rb.FD()),
			asm.Mov.Imm(asm.R2, bpfRBAvailData),
			asm.FnRingbufQuery.Call(),
			asm.Mov.Imm(asm.R2, bpfRBNoWakeup),
			asm.JLT.Imm(asm.R0, int32(wakeAt), done),
			asm.LoadMapValue(asm.R1, wake.FD(), 0),
		)
	}
	return append(insns,
		asm.StoreImm(asm.R1, 0, 0, asm.Word),
		asm.Mov.Imm(asm.R2, bpfRBForceWakeup),
		asm.StoreMem(asm.RFP, flagsOff, asm.R2, asm.DWord).WithSymbol(done),
	)
}

// rearm sets the reader's word again when the record that cleared it
// (wakeFlags) got no room: it adds flags>>1 (1 for that record's
// bpfRBForceWakeup, 0 for bpfRBNoWakeup or no flags) atomically, without a
// branch on the flags. A word the reader set again meanwhile is 2, still
// set; a reader that woke up meanwhile gets one wake-up too many.
// Clobbers R1, R2.
func rearm(wake *ebpf.Map) asm.Instructions {
	return asm.Instructions{
		asm.LoadMem(asm.R2, asm.RFP, flagsOff, asm.DWord),
		asm.RSh.Imm(asm.R2, 1),
		asm.LoadMapValue(asm.R1, wake.FD(), 0),
		asm.StoreXAdd(asm.R1, asm.R2, asm.Word),
	}
}

// The tc program's stack below what the counters' lookup uses.
const (
	keyOff   = -8                    // the counters' key
	hdrOff   = keyOff - recHeaderLen // the record's header, built before the reservation
	flagsOff = hdrOff - 8            // bpf_ringbuf_submit's flags (wakeFlags)
)

// maxRecordCapture bounds the bytes a record holds (a larger snap length
// is cut here): the IP and GSO limit, as the socket engine's ring blocks
// assume.
const maxRecordCapture = 65535

// recordSizes are the sizes the program reserves records in, ascending:
// bpf_ringbuf_reserve takes only a constant size, so the program picks the
// smallest that holds the header and the packet's captured bytes, and
// copies them straight into the ring buffer (bpf_ringbuf_output would copy
// them twice, through a per-CPU scratch buffer). The verifier walks the
// copy once per size, most of the program's load time (1,570 instructions
// processed with 44 sizes, 1,230 with 32). So there are four sizes per
// power of two up to 2 KiB, where Ethernet frames are and a record wastes
// at most a fifth of its size, and two above, for the rarer jumbo frames
// (at most a third); the last one holds min(snapLen, maxRecordCapture)
// bytes exactly, as a GSO packet of 64 KiB needs.
func recordSizes(snapLen int) []int {
	need := recHeaderLen + min(snapLen, maxRecordCapture)
	var sizes []int
	for base := 64; ; base *= 2 {
		steps, per := 4, base/4
		if base >= fineRecordSizes {
			steps, per = 2, base/2
		}
		for step := 0; step < steps; step++ {
			size := base + step*per
			if size >= need {
				if base >= fineRecordSizes {
					size = (need + 7) &^ 7
				}
				return append(sizes, size)
			}
			sizes = append(sizes, size)
		}
	}
}

// fineRecordSizes is where recordSizes goes from four sizes per power of
// two to two.
const fineRecordSizes = 2048

// tcProgramSpec builds the SCHED_CLS program: the translated filter, then
// the copy of up to snapLen bytes with their metadata into a record
// reserved in the ring buffer (see recordSizes).
func tcProgramSpec(prog []bpf.RawInstruction, c tcProgramConfig, rb, wake, counters *ebpf.Map) (*ebpf.ProgramSpec, error) {
	egress := c.egress
	if egress {
		prog = outgoingPktType(prog)
	}
	const (
		out    = translate.TCNextLabel
		drop   = "gocap_drop"
		record = "gocap_record"
	)
	sizes := recordSizes(c.snapLen)
	maxCap := int32(min(sizes[len(sizes)-1]-recHeaderLen, maxRecordCapture)) // capLen is a u16
	insns := asm.Instructions{
		// R9 = bytes to keep (> 0), R6 = ctx. Count the match.
		asm.Mov.Imm(asm.R1, 0),
		asm.StoreMem(asm.RFP, keyOff, asm.R1, asm.Word),
		asm.LoadMapPtr(asm.R1, counters.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, keyOff),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, out),
		asm.Mov.Reg(asm.R8, asm.R0),
		asm.LoadMem(asm.R1, asm.R8, 0, asm.DWord),
		asm.Add.Imm(asm.R1, 1),
		asm.StoreMem(asm.R8, 0, asm.R1, asm.DWord),
		// R9 = min(R9, skb->len, the largest record's room), at least 1.
		asm.LoadMem(asm.R2, asm.R6, skbLen, asm.Word),
		asm.JLE.Reg(asm.R9, asm.R2, "gocap_len1"),
		asm.Mov.Reg(asm.R9, asm.R2),
		asm.JLE.Imm(asm.R9, maxCap, "gocap_len2").WithSymbol("gocap_len1"),
		asm.Mov.Imm(asm.R9, maxCap),
		asm.JEq.Imm(asm.R9, 0, out).WithSymbol("gocap_len2"),
	}
	// The record's header, on the stack, and the submit flags: what
	// follows each reservation (one copy per size, each verified on its
	// own) is only the copies and the submit.
	insns = append(insns,
		asm.FnKtimeGetNs.Call(),
		asm.StoreMem(asm.RFP, hdrOff+recTime, asm.R0, asm.DWord),
	)
	if c.cookie && egress {
		insns = append(insns,
			asm.Mov.Reg(asm.R1, asm.R6),
			asm.FnGetSocketCookie.Call(),
			asm.StoreMem(asm.RFP, hdrOff+recCookie, asm.R0, asm.DWord),
		)
	} else {
		insns = append(insns,
			asm.Mov.Imm(asm.R1, 0),
			asm.StoreMem(asm.RFP, hdrOff+recCookie, asm.R1, asm.DWord),
		)
	}
	insns = append(insns,
		asm.LoadMem(asm.R1, asm.R6, skbIfIndex, asm.Word),
		asm.StoreMem(asm.RFP, hdrOff+recIfIndex, asm.R1, asm.Word),
		asm.LoadMem(asm.R1, asm.R6, skbLen, asm.Word),
		asm.StoreMem(asm.RFP, hdrOff+recWireLen, asm.R1, asm.Word),
		asm.StoreMem(asm.RFP, hdrOff+recCapLen, asm.R9, asm.Half),
		asm.LoadMem(asm.R1, asm.R6, skbVlanTCI, asm.Word),
		asm.StoreMem(asm.RFP, hdrOff+recVlanTCI, asm.R1, asm.Half),
		asm.LoadMem(asm.R1, asm.R6, skbVlanProto, asm.Word),
		asm.StoreMem(asm.RFP, hdrOff+recVlanProto, asm.R1, asm.Half),
	)
	if egress {
		insns = append(insns, asm.Mov.Imm(asm.R1, int32(DirOutgoing)))
	} else {
		insns = append(insns, asm.LoadMem(asm.R1, asm.R6, skbPktType, asm.Word))
	}
	insns = append(insns,
		asm.StoreMem(asm.RFP, hdrOff+recFlags, asm.R1, asm.Byte),
		asm.LoadMem(asm.R1, asm.R6, skbVlanPresent, asm.Word),
		asm.StoreMem(asm.RFP, hdrOff+recFlags+1, asm.R1, asm.Byte),
	)
	insns = append(insns, wakeFlags(c.wakeAt, rb, wake)...)
	// R0 = bpf_ringbuf_reserve(rb, the smallest size that holds R9
	// bytes, 0).
	for i, size := range sizes {
		insns = append(insns, asm.JLE.Imm(asm.R9, int32(size-recHeaderLen), fmt.Sprintf("gocap_size%d", i)))
	}
	insns = append(insns, asm.Ja.Label(drop)) // cannot happen (R9 <= maxCap)
	for i, size := range sizes {
		insns = append(insns,
			asm.LoadMapPtr(asm.R1, rb.FD()).WithSymbol(fmt.Sprintf("gocap_size%d", i)),
			asm.Mov.Imm(asm.R2, int32(size)),
			asm.Mov.Imm(asm.R3, 0),
			asm.FnRingbufReserve.Call(),
			asm.Ja.Label(record),
		)
	}
	insns = append(insns,
		asm.JEq.Imm(asm.R0, 0, drop).WithSymbol(record),
		asm.Mov.Reg(asm.R7, asm.R0),
	)
	for off := int16(0); off < recHeaderLen; off += 8 {
		insns = append(insns,
			asm.LoadMem(asm.R1, asm.RFP, hdrOff+off, asm.DWord),
			asm.StoreMem(asm.R7, off, asm.R1, asm.DWord),
		)
	}
	insns = append(insns,
		// bpf_skb_load_bytes(skb, 0, record+32, R9): on each reserve's
		// path the verifier knows R9 fits its size.
		asm.Mov.Reg(asm.R1, asm.R6),
		asm.Mov.Imm(asm.R2, 0),
		asm.Mov.Reg(asm.R3, asm.R7),
		asm.Add.Imm(asm.R3, recHeaderLen),
		asm.Mov.Reg(asm.R4, asm.R9),
		asm.FnSkbLoadBytes.Call(),
		asm.JEq.Imm(asm.R0, 0, "gocap_submit"),
		// Cannot happen (R9 <= skb->len): give the record back, count a
		// drop. With the submit's flags: an idle reader waits for the
		// record at its position, this one.
		asm.Mov.Reg(asm.R1, asm.R7),
		asm.LoadMem(asm.R2, asm.RFP, flagsOff, asm.DWord),
		asm.FnRingbufDiscard.Call(),
		asm.Ja.Label(drop),
	)
	// bpf_ringbuf_submit(record, flags)
	insns = append(insns,
		asm.LoadMem(asm.R2, asm.RFP, flagsOff, asm.DWord).WithSymbol("gocap_submit"),
		asm.Mov.Reg(asm.R1, asm.R7),
		asm.FnRingbufSubmit.Call(),
		asm.Ja.Label(out),
		// Ring full: count a drop.
		asm.LoadMem(asm.R1, asm.R8, 8, asm.DWord).WithSymbol(drop),
		asm.Add.Imm(asm.R1, 1),
		asm.StoreMem(asm.R8, 8, asm.R1, asm.DWord),
	)
	insns = append(insns, rearm(wake)...)
	insns, err := translate.TCWrapper(prog, translate.Options{}, insns)
	if err != nil {
		return nil, fmt.Errorf("translate filter for tc: %w", err)
	}
	return &ebpf.ProgramSpec{
		Name:         "gocap_tc",
		Type:         ebpf.SchedCLS,
		License:      "GPL",
		Instructions: insns,
	}, nil
}
