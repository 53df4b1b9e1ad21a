package bpf

import (
	"fmt"

	"github.com/cilium/ebpf/asm"
)

// Linux ancillary loads: ld [SKF_AD_OFF + n] (linux/filter.h).
const (
	adProtocol       = 0
	adPktType        = 4
	adIfindex        = 8
	adNlattr         = 12
	adNlattrNest     = 16
	adMark           = 20
	adQueue          = 24
	adHatype         = 28
	adRxhash         = 32
	adCPU            = 36
	adAluXorX        = 40
	adVlanTag        = 44
	adVlanTagPresent = 48
	adPayOffset      = 52
	adRandom         = 56
	adVlanTPID       = 60
)

// AncillaryName returns the SKF_AD_* name of an ancillary load number (the
// k of "ld [SKF_AD_OFF+n]"), or "" if there is none.
func AncillaryName(n uint32) string {
	switch n {
	case adProtocol:
		return "SKF_AD_PROTOCOL"
	case adPktType:
		return "SKF_AD_PKTTYPE"
	case adIfindex:
		return "SKF_AD_IFINDEX"
	case adNlattr:
		return "SKF_AD_NLATTR"
	case adNlattrNest:
		return "SKF_AD_NLATTR_NEST"
	case adMark:
		return "SKF_AD_MARK"
	case adQueue:
		return "SKF_AD_QUEUE"
	case adHatype:
		return "SKF_AD_HATYPE"
	case adRxhash:
		return "SKF_AD_RXHASH"
	case adCPU:
		return "SKF_AD_CPU"
	case adAluXorX:
		return "SKF_AD_ALU_XOR_X"
	case adVlanTag:
		return "SKF_AD_VLAN_TAG"
	case adVlanTagPresent:
		return "SKF_AD_VLAN_TAG_PRESENT"
	case adPayOffset:
		return "SKF_AD_PAY_OFFSET"
	case adRandom:
		return "SKF_AD_RANDOM"
	case adVlanTPID:
		return "SKF_AD_VLAN_TPID"
	}
	return ""
}

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
	name := AncillaryName(n)
	if name == "" {
		// Not an ancillary number the kernel knows: its conversion leaves
		// the load as it is, a load at a negative offset past the network
		// header that ends the program with 0.
		if t.cfg.Target == XDP {
			t.emit(asm.Ja.Label(t.ret0Label()))
		} else {
			t.emit(asm.LoadAbs(int32(skfAdOff+n), asm.Word))
		}
		return nil
	}
	// Valid everywhere.
	switch n {
	case adAluXorX:
		t.emit(asm.Xor.Reg32(regA, regX))
		return nil
	case adCPU:
		t.emit(asm.FnGetSmpProcessorId.Call())
		return nil
	case adRandom:
		t.emit(asm.FnGetPrandomU32.Call())
		return nil
	case adHatype:
		if !t.cfg.HATypeKnown {
			return fmt.Errorf("%w: %s (skb->dev->type) has no eBPF equivalent; the device type must be given (Options.HAType)", ErrUnsupported, name)
		}
		t.emit(asm.Mov.Imm32(regA, int32(t.cfg.HAType)))
		return nil
	case adNlattr, adNlattrNest, adPayOffset:
		return fmt.Errorf("%w: %s has no eBPF helper or context field", ErrUnsupported, name)
	}
	if t.cfg.Target == XDP {
		switch n {
		case adIfindex:
			t.emit(asm.LoadMem(regA, regCtx, xdpIngressIfindex, asm.Word))
		case adQueue:
			t.emit(asm.LoadMem(regA, regCtx, xdpRxQueueIndex, asm.Word))
		default:
			return fmt.Errorf("%w: %s needs an sk_buff, which XDP does not have", ErrUnsupported, name)
		}
		return nil
	}
	field := map[uint32]int16{
		adProtocol: skbProtocol, adPktType: skbPktType, adIfindex: skbIfindex,
		adMark: skbMark, adQueue: skbQueueMapping, adRxhash: skbHash,
		adVlanTag: skbVlanTCI, adVlanTagPresent: skbVlanPresent, adVlanTPID: skbVlanProto,
	}[n]
	t.emit(asm.LoadMem(regA, regCtx, field, asm.Word))
	if n == adProtocol || n == adVlanTPID {
		// __be16 fields: classic BPF returns them in host order.
		t.emit(asm.HostTo(asm.BE, regA, asm.Half))
	}
	return nil
}
