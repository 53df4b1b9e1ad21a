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

// xdpMaxOff bounds packet offsets on XDP: the linear part of an XDP buffer
// is at most a page or so; anything at or beyond 64 KiB is out of bounds.
// The verifier needs such a bound before a variable offset can be added to
// a packet pointer.
const xdpMaxOff = 0xffff

func sizeOf(sz uint8) (asm.Size, int32) {
	switch sz {
	case cbpf.SizeH:
		return asm.Half, 2
	case cbpf.SizeB:
		return asm.Byte, 1
	}
	return asm.Word, 4
}

// loadAbs emits A = P[k:size].
func (t *translator) loadAbs(sz uint8, k uint32) error {
	if k >= cbpf.SKFAdOff {
		return t.ancillary(k - cbpf.SKFAdOff)
	}
	size, n := sizeOf(sz)
	if t.cfg.Target != XDP {
		// LD_ABS keeps classic semantics exactly: big-endian, non-linear
		// skbs, negative SKF_NET_OFF/SKF_LL_OFF offsets, and an out-of-bounds
		// load ends the program with 0.
		t.emit(asm.LoadAbs(int32(k), size))
		return nil
	}
	switch {
	case k >= cbpf.SKFLLOff && k < cbpf.SKFNetOff:
		// XDP data starts at the link-layer header.
		k -= cbpf.SKFLLOff
	case k >= cbpf.SKFNetOff:
		return fmt.Errorf("%w: SKF_NET_OFF load on XDP, which does not know where the network header is", ErrUnsupported)
	}
	if uint64(k)+uint64(n) > xdpMaxOff {
		t.emit(asm.Ja.Label(t.ret0Label()))
		return nil
	}
	t.emit(asm.Mov.Imm32(asm.R2, int32(k)))
	t.xdpLoad(regA, size, n)
	return nil
}

// loadInd emits A = P[X+k:size].
func (t *translator) loadInd(sz uint8, k uint32) error {
	size, n := sizeOf(sz)
	if t.cfg.Target != XDP {
		// The kernel adds X and k in 32 bits and treats the sum as a
		// signed offset, so X+k may reach the SKF_NET_OFF/SKF_LL_OFF
		// areas exactly as with the kernel's classic BPF.
		t.emit(asm.LoadInd(regA, regX, int32(k), size))
		return nil
	}
	// As in the kernel, X+k is a 32-bit sum taken as a signed offset:
	// sums in the SKF_LL_OFF area read from the link-layer header (the
	// start of XDP data); sums in the SKF_NET_OFF area, whose base XDP
	// does not know, and all other large sums make the program return 0.
	ok := fmt.Sprintf("%s_ind%d", t.cfg.Label, len(t.out))
	t.emit(
		// k + X, not X + k: a copy of X plus a constant stays linked to X
		// in the verifier, which then refuses it as a packet offset.
		asm.Mov.Imm32(asm.R2, int32(k)),
		asm.Add.Reg32(asm.R2, regX),
		asm.JLE.Imm(asm.R2, xdpMaxOff-n, ok),
		asm.Add.Imm32(asm.R2, 0x200000), // - SKF_LL_OFF, modulo 2^32
		asm.JGT.Imm(asm.R2, xdpMaxOff-n, t.ret0Label()),
	)
	t.setLabel(ok)
	t.xdpLoad(regA, size, n)
	return nil
}

// xdpLoad loads n bytes at the packet offset in R2 (at most xdpMaxOff-n)
// into dst, converted to host order; out of bounds, the program returns 0.
func (t *translator) xdpLoad(dst asm.Register, size asm.Size, n int32) {
	t.emit(
		asm.LoadMem(asm.R1, regCtx, xdpData, asm.Word),
		asm.LoadMem(asm.R3, regCtx, xdpDataEnd, asm.Word),
		asm.Add.Reg(asm.R2, asm.R1),
		asm.Mov.Reg(asm.R1, asm.R2),
		asm.Add.Imm(asm.R1, n),
		asm.JGT.Reg(asm.R1, asm.R3, t.ret0Label()),
		asm.LoadMem(dst, asm.R2, 0, size),
	)
	if size != asm.Byte {
		// Packet fields are big-endian; classic loads convert to host order.
		t.emit(asm.HostTo(asm.BE, dst, size))
	}
}

// loadMSH emits X = 4*(P[k:1]&0xf).
func (t *translator) loadMSH(k uint32) error {
	if t.cfg.Target != XDP {
		// LD_ABS only writes R0 (= A): go through the temporary.
		t.emit(
			asm.Mov.Reg(regTmp, regA),
			asm.LoadAbs(int32(k), asm.Byte),
			asm.And.Imm32(regA, 0xf),
			asm.LSh.Imm32(regA, 2),
			asm.Mov.Reg32(regX, regA),
			asm.Mov.Reg(regA, regTmp),
		)
		return nil
	}
	if k >= cbpf.SKFLLOff && k < cbpf.SKFNetOff {
		k -= cbpf.SKFLLOff
	} else if k >= cbpf.SKFNetOff {
		return fmt.Errorf("%w: SKF_NET_OFF load on XDP, which does not know where the network header is", ErrUnsupported)
	}
	if uint64(k)+1 > xdpMaxOff {
		t.emit(asm.Ja.Label(t.ret0Label()))
		return nil
	}
	t.emit(asm.Mov.Imm32(asm.R2, int32(k)))
	t.xdpLoad(regX, asm.Byte, 1)
	t.emit(asm.And.Imm32(regX, 0xf), asm.LSh.Imm32(regX, 2))
	return nil
}

// loadLen emits dst = packet length.
func (t *translator) loadLen(dst asm.Register) error {
	if t.cfg.Target != XDP {
		t.emit(asm.LoadMem(dst, regCtx, skbLen, asm.Word))
		return nil
	}
	// data_end - data cannot be computed (the verifier forbids
	// subtracting a packet-end pointer) and would miss fragments anyway:
	// ask the helper, keeping A in the temporary across the call.
	t.emit(
		asm.Mov.Reg(regTmp, regA),
		asm.Mov.Reg(asm.R1, regCtx),
		asm.FnXdpGetBuffLen.Call(),
		asm.Mov.Reg32(dst, asm.R0),
	)
	if dst != regA {
		t.emit(asm.Mov.Reg(regA, regTmp))
	}
	return nil
}
