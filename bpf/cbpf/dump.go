package cbpf

import (
	"fmt"
	"strings"

	"golang.org/x/net/bpf"
)

// Image is libpcap's bpf_image(): instruction n of a program as tcpdump -d
// prints it, e.g. "(002) jeq      #0x800           jt 3\tjf 5".
func Image(ins bpf.RawInstruction, n int) string {
	op, operand := image(ins, n)
	if ins.Op&0x07 == classJMP && ins.Op&0xf0 != jmpJA {
		return fmt.Sprintf("(%03d) %-8s %-16s jt %d\tjf %d", n, op, operand, n+1+int(ins.Jt), n+1+int(ins.Jf))
	}
	if operand == "" {
		// libpcap master prints no trailing blanks after an operand-less
		// mnemonic ("(003) tax"); 1.10 printed "(003) tax      ".
		return fmt.Sprintf("(%03d) %s", n, op)
	}
	return fmt.Sprintf("(%03d) %-8s %s", n, op, operand)
}

// Dump is tcpdump -d: one Image line per instruction, each ending in a
// newline.
func Dump(prog []bpf.RawInstruction) string {
	var b strings.Builder
	for i, ins := range prog {
		b.WriteString(Image(ins, i))
		b.WriteByte('\n')
	}
	return b.String()
}

// DumpC is tcpdump -dd: the program as a C array initialiser.
func DumpC(prog []bpf.RawInstruction) string {
	var b strings.Builder
	for _, ins := range prog {
		fmt.Fprintf(&b, "{ 0x%x, %d, %d, 0x%08x },\n", ins.Op, ins.Jt, ins.Jf, ins.K)
	}
	return b.String()
}

// DumpDecimal is tcpdump -ddd: the instruction count, then one
// "code jt jf k" line per instruction in decimal. ParseDecimal reads it back.
func DumpDecimal(prog []bpf.RawInstruction) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d\n", len(prog))
	for _, ins := range prog {
		fmt.Fprintf(&b, "%d %d %d %d\n", ins.Op, ins.Jt, ins.Jf, ins.K)
	}
	return b.String()
}

// image returns bpf_image's mnemonic and operand. Operands print k as C's
// %d does for an int (so 0xfffff000 is -4096) or as %#x-like "0x%x".
func image(ins bpf.RawInstruction, n int) (op, operand string) {
	k := ins.K
	sk := int32(k)
	switch ins.Op {
	case classRET | retK:
		return "ret", fmt.Sprintf("#%d", sk)
	case classRET | retA:
		return "ret", ""
	case classLD | sizeW | modeABS:
		return "ld", absOperand(k)
	case classLD | sizeH | modeABS:
		return "ldh", absOperand(k)
	case classLD | sizeB | modeABS:
		return "ldb", absOperand(k)
	case classLD | sizeW | modeLEN:
		return "ld", "#pktlen"
	case classLDX | sizeW | modeLEN:
		return "ldx", "#pktlen"
	case classLD | sizeW | modeIND:
		return "ld", fmt.Sprintf("[x + %d]", sk)
	case classLD | sizeH | modeIND:
		return "ldh", fmt.Sprintf("[x + %d]", sk)
	case classLD | sizeB | modeIND:
		return "ldb", fmt.Sprintf("[x + %d]", sk)
	case classLD | modeIMM:
		return "ld", fmt.Sprintf("#0x%x", k)
	case classLDX | modeIMM:
		return "ldx", fmt.Sprintf("#0x%x", k)
	case classLDX | sizeB | modeMSH:
		return "ldxb", fmt.Sprintf("4*([%d]&0xf)", sk)
	case classLD | modeMEM:
		return "ld", fmt.Sprintf("M[%d]", sk)
	case classLDX | modeMEM:
		return "ldx", fmt.Sprintf("M[%d]", sk)
	case classST:
		return "st", fmt.Sprintf("M[%d]", sk)
	case classSTX:
		return "stx", fmt.Sprintf("M[%d]", sk)
	case classJMP | jmpJA:
		// C computes n + 1 + k in unsigned int and prints it with %d.
		return "ja", fmt.Sprintf("%d", int32(uint32(n)+1+k))
	case classJMP | jmpJGT | srcK:
		return "jgt", fmt.Sprintf("#0x%x", k)
	case classJMP | jmpJGE | srcK:
		return "jge", fmt.Sprintf("#0x%x", k)
	case classJMP | jmpJEQ | srcK:
		return "jeq", fmt.Sprintf("#0x%x", k)
	case classJMP | jmpJSET | srcK:
		return "jset", fmt.Sprintf("#0x%x", k)
	case classJMP | jmpJGT | srcX:
		return "jgt", "x"
	case classJMP | jmpJGE | srcX:
		return "jge", "x"
	case classJMP | jmpJEQ | srcX:
		return "jeq", "x"
	case classJMP | jmpJSET | srcX:
		return "jset", "x"
	case classALU | opNEG:
		return "neg", ""
	case classMISC | miscTAX:
		return "tax", ""
	case classMISC | miscTXA:
		return "txa", ""
	}
	if ins.Op&0x07 == classALU && ins.Op <= 0xff {
		name, ok := aluNames[ins.Op&0xf0]
		if ok {
			if ins.Op&srcX != 0 {
				return name, "x"
			}
			switch ins.Op & 0xf0 {
			case opAND, opOR, opXOR:
				return name, fmt.Sprintf("#0x%x", k)
			}
			return name, fmt.Sprintf("#%d", sk)
		}
	}
	return "unimp", fmt.Sprintf("0x%x", ins.Op)
}

var aluNames = map[uint16]string{
	opADD: "add", opSUB: "sub", opMUL: "mul", opDIV: "div", opMOD: "mod",
	opAND: "and", opOR: "or", opXOR: "xor", opLSH: "lsh", opRSH: "rsh",
}

func absOperand(k uint32) string {
	if off, ok := ancillary(k); ok {
		return "[" + ancillaryNames[off] + "]"
	}
	return fmt.Sprintf("[%d]", int32(k))
}
