package translate

import (
	"fmt"

	"github.com/cilium/ebpf/asm"

	"github.com/gocap/gocap/bpf/cbpf"
)

// Offsets in struct __sk_buff (linux/bpf.h).
const (
	skbLen          = 0
	skbPktType      = 4
	skbMark         = 8
	skbQueueMapping = 12
	skbProtocol     = 16
	skbVlanPresent  = 20
	skbVlanTCI      = 24
	skbVlanProto    = 28
	skbIfindex      = 40
	skbCB0          = 48
	skbHash         = 68
)

// ancillary emits A = the ancillary value n. Each __sk_buff field below
// reads the same sk_buff member as the kernel's classic conversion
// (convert_bpf_extensions in net/core/filter.c).
func (t *translator) ancillary(n uint32) error {
	name := cbpf.AncillaryName(n)
	if name == "" {
		// Not an ancillary number the kernel knows: its conversion leaves
		// the load as it is, a load at a negative offset past the network
		// header that ends the program with 0.
		if t.cfg.Access == ContextLoads {
			t.emit(asm.LoadAbs(int32(cbpf.SKFAdOff+n), asm.Word))
		} else {
			t.emit(asm.Ja.Label(t.noMatchLabel()))
		}
		return nil
	}
	// Valid everywhere.
	switch n {
	case cbpf.SKFAdALUXorX:
		t.emit(asm.Xor.Reg32(regA, t.regs.x))
		return nil
	case cbpf.SKFAdCPU:
		t.emit(asm.FnGetSmpProcessorId.Call())
		return nil
	case cbpf.SKFAdRandom:
		t.emit(asm.FnGetPrandomU32.Call())
		return nil
	case cbpf.SKFAdHAType:
		if !t.cfg.HATypeKnown {
			return fmt.Errorf("%w: %s (skb->dev->type) has no eBPF equivalent; the device type must be given (Options.HAType, Config.HAType)", ErrUnsupported, name)
		}
		t.emit(asm.Mov.Imm32(regA, int32(t.cfg.HAType)))
		return nil
	case cbpf.SKFAdNLAttr, cbpf.SKFAdNLAttrNest, cbpf.SKFAdPayOffset:
		return fmt.Errorf("%w: %s has no eBPF helper or context field", ErrUnsupported, name)
	}
	switch t.cfg.Context {
	case ContextNone:
		return fmt.Errorf("%w: %s needs a context (an sk_buff or xdp_md), and the fragment has none", ErrUnsupported, name)
	case ContextXDP:
		switch n {
		case cbpf.SKFAdIfIndex:
			t.emit(asm.LoadMem(regA, t.regs.ctx, xdpIngressIfindex, asm.Word))
		case cbpf.SKFAdQueue:
			t.emit(asm.LoadMem(regA, t.regs.ctx, xdpRxQueueIndex, asm.Word))
		default:
			return fmt.Errorf("%w: %s needs an sk_buff, which XDP does not have", ErrUnsupported, name)
		}
		return nil
	}
	field := map[uint32]int16{
		cbpf.SKFAdProtocol: skbProtocol, cbpf.SKFAdPktType: skbPktType, cbpf.SKFAdIfIndex: skbIfindex,
		cbpf.SKFAdMark: skbMark, cbpf.SKFAdQueue: skbQueueMapping, cbpf.SKFAdRXHash: skbHash,
		cbpf.SKFAdVLANTag: skbVlanTCI, cbpf.SKFAdVLANTagPresent: skbVlanPresent, cbpf.SKFAdVLANTPID: skbVlanProto,
	}[n]
	t.emit(asm.LoadMem(regA, t.regs.ctx, field, asm.Word))
	if n == cbpf.SKFAdProtocol || n == cbpf.SKFAdVLANTPID {
		// __be16 fields: classic BPF returns them in host order.
		t.emit(asm.HostTo(asm.BE, regA, asm.Half))
	}
	return nil
}
