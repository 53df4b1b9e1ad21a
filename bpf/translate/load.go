package translate

import (
	"fmt"

	"github.com/cilium/ebpf/asm"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Offsets in struct xdp_md.
const (
	xdpData           = 0
	xdpDataEnd        = 4
	xdpIngressIfindex = 12
	xdpRxQueueIndex   = 16
)

// maxOff bounds packet offsets with DirectLoads and ProbeReads: the linear
// part of an XDP buffer or skb is at most 64 KiB; anything at or beyond is
// out of bounds. The verifier needs such a bound before a variable offset
// can be added to a packet pointer.
const maxOff = 0xffff

func sizeOf(sz uint8) (asm.Size, int32) {
	switch sz {
	case cbpf.SizeH:
		return asm.Half, 2
	case cbpf.SizeB:
		return asm.Byte, 1
	}
	return asm.Word, 4
}

// noMatchLabel is where a failed load goes: the shared "return 0" block.
func (t *translator) noMatchLabel() string { return t.ret0Label() }

// pointerOffset turns an absolute load's k into an offset from the
// packet's start for DirectLoads and ProbeReads (which see the packet from
// the link-layer header on), or reports that the load cannot succeed.
func (t *translator) pointerOffset(k uint32, n int32) (off uint32, ok bool, err error) {
	switch {
	case k >= cbpf.SKFNetOff:
		return 0, false, fmt.Errorf("%w: SKF_NET_OFF load without an sk_buff, so without a known network header", ErrUnsupported)
	case k >= cbpf.SKFLLOff:
		k -= cbpf.SKFLLOff
	}
	return k, uint64(k)+uint64(n) <= maxOff, nil
}

// loadAbs emits A = P[k:size].
func (t *translator) loadAbs(sz uint8, k uint32) error {
	if k >= cbpf.SKFAdOff {
		return t.ancillary(k - cbpf.SKFAdOff)
	}
	size, n := sizeOf(sz)
	if t.cfg.Access == ContextLoads {
		// LD_ABS keeps classic semantics exactly: big-endian, non-linear
		// skbs, negative SKF_NET_OFF/SKF_LL_OFF offsets, and an out-of-bounds
		// load ends the program with 0.
		t.emit(asm.LoadAbs(int32(k), size))
		return nil
	}
	return t.pointerLoad(regA, k, size, n)
}

// pointerLoad emits dst = P[k:size] for DirectLoads and ProbeReads.
func (t *translator) pointerLoad(dst asm.Register, k uint32, size asm.Size, n int32) error {
	off, ok, err := t.pointerOffset(k, n)
	if err != nil {
		return err
	}
	if !ok {
		t.emit(asm.Ja.Label(t.noMatchLabel()))
		return nil
	}
	t.emit(asm.Mov.Imm32(asm.R2, int32(off)))
	t.packetLoad(dst, size, n)
	return nil
}

// loadInd emits A = P[X+k:size].
func (t *translator) loadInd(sz uint8, k uint32) error {
	size, n := sizeOf(sz)
	if t.cfg.Access == ContextLoads {
		// The kernel adds X and k in 32 bits and treats the sum as a
		// signed offset, so X+k may reach the SKF_NET_OFF/SKF_LL_OFF
		// areas exactly as with the kernel's classic BPF.
		t.emit(asm.LoadInd(regA, t.regs.x, int32(k), size))
		return nil
	}
	// As in the kernel, X+k is a 32-bit sum taken as a signed offset:
	// sums in the SKF_LL_OFF area read from the link-layer header (the
	// packet's start); sums in the SKF_NET_OFF area, whose base is not
	// known, and all other large sums are out of bounds.
	ok := fmt.Sprintf("%s_ind%d", t.cfg.Label, len(t.out))
	t.emit(
		// k + X, not X + k: a copy of X plus a constant stays linked to X
		// in the verifier, which then refuses it as a packet offset.
		asm.Mov.Imm32(asm.R2, int32(k)),
		asm.Add.Reg32(asm.R2, t.regs.x),
		asm.JLE.Imm(asm.R2, maxOff-n, ok),
		asm.Add.Imm32(asm.R2, 0x200000), // - SKF_LL_OFF, modulo 2^32
		asm.JGT.Imm(asm.R2, maxOff-n, t.noMatchLabel()),
	)
	t.setLabel(ok)
	t.packetLoad(regA, size, n)
	return nil
}

// packetLoad loads n bytes at the packet offset in R2 (at most maxOff-n)
// into dst, converted to host order; out of bounds, the classic program
// returns 0. It clobbers R1-R3 (and, with ProbeReads, R0-R5: dst must then
// be A, or A is kept on the stack).
func (t *translator) packetLoad(dst asm.Register, size asm.Size, n int32) {
	if t.cfg.Access == ProbeReads {
		t.probeLoad(dst, size, n)
	} else {
		t.emit(
			asm.Mov.Reg(asm.R1, t.regs.data),
			asm.Add.Reg(asm.R1, asm.R2),
			asm.Mov.Reg(asm.R3, asm.R1),
			asm.Add.Imm(asm.R3, n),
			asm.JGT.Reg(asm.R3, t.regs.dataEnd, t.noMatchLabel()),
			asm.LoadMem(dst, asm.R1, 0, size),
		)
	}
	if size != asm.Byte {
		// Packet fields are big-endian; classic loads convert to host order.
		t.emit(asm.HostTo(asm.BE, dst, size))
	}
}

// probeLoad reads n bytes at Data+R2 with bpf_probe_read_kernel into the
// stack buffer, then into dst.
func (t *translator) probeLoad(dst asm.Register, size asm.Size, n int32) {
	if dst != regA {
		t.emit(t.saveA())
	}
	buf := t.cfg.Stack + stackProbe
	t.emit(
		asm.Mov.Reg(asm.R3, t.regs.data),
		asm.Add.Reg(asm.R3, asm.R2), // src
		asm.Mov.Reg(asm.R1, asm.R3),
		asm.Add.Imm(asm.R1, n),
		asm.JGT.Reg(asm.R1, t.regs.dataEnd, t.noMatchLabel()),
		asm.Mov.Reg(asm.R1, asm.RFP),
		asm.Add.Imm(asm.R1, int32(buf)), // dst
		asm.Mov.Imm(asm.R2, n),
		asm.FnProbeReadKernel.Call(),
		asm.JNE.Imm(asm.R0, 0, t.noMatchLabel()),
		asm.LoadMem(dst, asm.RFP, buf, size),
	)
	if dst != regA {
		t.emit(t.restoreA())
	}
}

// loadMSH emits X = 4*(P[k:1]&0xf).
func (t *translator) loadMSH(k uint32) error {
	x := t.regs.x
	if t.cfg.Access == ContextLoads {
		// LD_ABS only writes R0 (= A): keep A on the stack meanwhile.
		t.emit(
			t.saveA(),
			asm.LoadAbs(int32(k), asm.Byte),
			asm.And.Imm32(regA, 0xf),
			asm.LSh.Imm32(regA, 2),
			asm.Mov.Reg32(x, regA),
			t.restoreA(),
		)
		return nil
	}
	if err := t.pointerLoad(x, k, asm.Byte, 1); err != nil {
		return err
	}
	t.emit(asm.And.Imm32(x, 0xf), asm.LSh.Imm32(x, 2))
	return nil
}

// loadLen emits dst = packet length.
func (t *translator) loadLen(dst asm.Register) error {
	switch {
	case t.cfg.Context == ContextSKB:
		t.emit(asm.LoadMem(dst, t.regs.ctx, skbLen, asm.Word))
	case t.cfg.Context == ContextXDP:
		// data_end - data cannot be computed (the verifier forbids
		// subtracting a packet-end pointer) and would miss fragments
		// anyway: ask the helper, keeping A on the stack across the call.
		if dst != regA {
			t.emit(t.saveA())
		}
		t.emit(
			asm.Mov.Reg(asm.R1, t.regs.ctx),
			asm.FnXdpGetBuffLen.Call(),
			asm.Mov.Reg32(dst, asm.R0),
		)
		if dst != regA {
			t.emit(t.restoreA())
		}
	case t.cfg.Access == ProbeReads:
		// Data and DataEnd are plain addresses.
		t.emit(asm.Mov.Reg(dst, t.regs.dataEnd), asm.Sub.Reg32(dst, t.regs.data))
	default:
		return fmt.Errorf("%w: packet length with direct packet access and no context", ErrUnsupported)
	}
	return nil
}
