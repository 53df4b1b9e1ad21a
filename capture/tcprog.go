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
// native byte order followed by capLen packet bytes.
const (
	recTime      = 0  // u64 bpf_ktime_get_ns (CLOCK_MONOTONIC)
	recIfIndex   = 8  // u32
	recWireLen   = 12 // u32 skb->len
	recCapLen    = 16 // u32
	recVlanTCI   = 20 // u32
	recVlanProto = 24 // u32 (network byte order value, as __sk_buff has it)
	recFlags     = 28 // u8 pkt type (4 = outgoing), u8 vlan present
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

// tcProgramSpec builds the SCHED_CLS program: the translated filter, then
// the copy of up to snapLen bytes with their metadata into the ring buffer.
// scratch is a one-slot-per-CPU array whose value holds a record while it
// is assembled (ring buffer reservations need a constant size; copying
// through scratch lets each record be only as long as the packet).
func tcProgramSpec(prog []bpf.RawInstruction, egress bool, snapLen int, rb, scratch, counters *ebpf.Map) (*ebpf.ProgramSpec, error) {
	if egress {
		prog = outgoingPktType(prog)
	}
	const (
		out    = translate.TCNextLabel
		keyOff = -8
	)
	snap := int32(snapLen)
	insns := asm.Instructions{
		// R9 = bytes to keep (> 0), R6 = ctx.
		asm.LoadMem(asm.R2, asm.R6, skbLen, asm.Word),
		asm.JLE.Reg(asm.R9, asm.R2, "gocap_len1"),
		asm.Mov.Reg(asm.R9, asm.R2),
		asm.JLE.Imm(asm.R9, snap, "gocap_len2").WithSymbol("gocap_len1"),
		asm.Mov.Imm(asm.R9, snap),
		asm.JEq.Imm(asm.R9, 0, out).WithSymbol("gocap_len2"),
		// Count the match.
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
		// Scratch slot of this CPU.
		asm.FnGetSmpProcessorId.Call(),
		asm.StoreMem(asm.RFP, keyOff, asm.R0, asm.Word),
		asm.LoadMapPtr(asm.R1, scratch.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, keyOff),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "gocap_drop"),
		asm.Mov.Reg(asm.R7, asm.R0),
		// Header.
		asm.FnKtimeGetNs.Call(),
		asm.StoreMem(asm.R7, recTime, asm.R0, asm.DWord),
		asm.LoadMem(asm.R1, asm.R6, skbIfIndex, asm.Word),
		asm.StoreMem(asm.R7, recIfIndex, asm.R1, asm.Word),
		asm.LoadMem(asm.R1, asm.R6, skbLen, asm.Word),
		asm.StoreMem(asm.R7, recWireLen, asm.R1, asm.Word),
		asm.StoreMem(asm.R7, recCapLen, asm.R9, asm.Word),
		asm.LoadMem(asm.R1, asm.R6, skbVlanTCI, asm.Word),
		asm.StoreMem(asm.R7, recVlanTCI, asm.R1, asm.Word),
		asm.LoadMem(asm.R1, asm.R6, skbVlanProto, asm.Word),
		asm.StoreMem(asm.R7, recVlanProto, asm.R1, asm.Word),
	}
	if egress {
		insns = append(insns, asm.Mov.Imm(asm.R1, int32(DirOutgoing)))
	} else {
		insns = append(insns, asm.LoadMem(asm.R1, asm.R6, skbPktType, asm.Word))
	}
	insns = append(insns,
		asm.StoreMem(asm.R7, recFlags, asm.R1, asm.Byte),
		asm.LoadMem(asm.R1, asm.R6, skbVlanPresent, asm.Word),
		asm.StoreMem(asm.R7, recFlags+1, asm.R1, asm.Byte),
		// Bytes: bpf_skb_load_bytes(skb, 0, rec+32, len) with len in
		// [1, snap] as the verifier must see it.
		asm.Mov.Reg(asm.R1, asm.R6),
		asm.Mov.Imm(asm.R2, 0),
		asm.Mov.Reg(asm.R3, asm.R7),
		asm.Add.Imm(asm.R3, recHeaderLen),
		asm.Mov.Reg(asm.R4, asm.R9),
		asm.JGT.Imm(asm.R4, snap, out),
		asm.JEq.Imm(asm.R4, 0, out),
		asm.FnSkbLoadBytes.Call(),
		asm.JNE.Imm(asm.R0, 0, out),
		// bpf_ringbuf_output(rb, rec, 32+len, 0)
		asm.LoadMapPtr(asm.R1, rb.FD()),
		asm.Mov.Reg(asm.R2, asm.R7),
		asm.Mov.Reg(asm.R3, asm.R9),
		asm.JGT.Imm(asm.R3, snap, out),
		asm.Add.Imm(asm.R3, recHeaderLen),
		asm.Mov.Imm(asm.R4, 0),
		asm.FnRingbufOutput.Call(),
		asm.JEq.Imm(asm.R0, 0, out),
		// Ring full: count a drop.
		asm.LoadMem(asm.R1, asm.R8, 8, asm.DWord).WithSymbol("gocap_drop"),
		asm.Add.Imm(asm.R1, 1),
		asm.StoreMem(asm.R8, 8, asm.R1, asm.DWord),
	)
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
