package translate

import "github.com/cilium/ebpf/asm"

// pruneDead drops the eBPF instructions no path reaches. The verifier
// refuses unreachable code, and some classic instructions end the program
// unconditionally once translated (a division by the constant 0, a load
// XDP can never satisfy), leaving what follows them dead. Jumps to labels
// outside insns (Config.Match, Config.NoMatch) end a path.
func pruneDead(insns asm.Instructions) asm.Instructions {
	at := make(map[string]int, len(insns))
	for i, ins := range insns {
		if s := ins.Symbol(); s != "" {
			at[s] = i
		}
	}
	live := make([]bool, len(insns))
	stack := []int{0}
	push := func(i int) {
		if i < len(insns) && !live[i] {
			live[i] = true
			stack = append(stack, i)
		}
	}
	if len(insns) > 0 {
		live[0] = true
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ins := insns[i]
		cls := ins.OpCode.Class()
		if cls != asm.JumpClass && cls != asm.Jump32Class {
			push(i + 1)
			continue
		}
		switch op := ins.OpCode.JumpOp(); op {
		case asm.Exit:
			continue
		case asm.Call:
			push(i + 1)
			continue
		default:
			if ref := ins.Reference(); ref != "" {
				if j, ok := at[ref]; ok {
					push(j)
				}
			} else {
				push(i + 1 + int(ins.Offset))
			}
			if op != asm.Ja {
				push(i + 1)
			}
		}
	}
	out := insns[:0:0]
	for i, ins := range insns {
		if live[i] {
			out = append(out, ins)
		}
	}
	return out
}
