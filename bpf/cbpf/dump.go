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
	if ins.Op&ClassMask == ClassJMP && ins.Op&OpMask != JA {
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
	case ClassRET | RetK:
		return "ret", fmt.Sprintf("#%d", sk)
	case ClassRET | RetA:
		return "ret", ""
	case ClassLD | SizeW | ModeABS:
		return "ld", absOperand(k)
	case ClassLD | SizeH | ModeABS:
		return "ldh", absOperand(k)
	case ClassLD | SizeB | ModeABS:
		return "ldb", absOperand(k)
	case ClassLD | SizeW | ModeLEN:
		return "ld", "#pktlen"
	case ClassLDX | SizeW | ModeLEN:
		return "ldx", "#pktlen"
	case ClassLD | SizeW | ModeIND:
		return "ld", fmt.Sprintf("[x + %d]", sk)
	case ClassLD | SizeH | ModeIND:
		return "ldh", fmt.Sprintf("[x + %d]", sk)
	case ClassLD | SizeB | ModeIND:
		return "ldb", fmt.Sprintf("[x + %d]", sk)
	case ClassLD | ModeIMM:
		return "ld", fmt.Sprintf("#0x%x", k)
	case ClassLDX | ModeIMM:
		return "ldx", fmt.Sprintf("#0x%x", k)
	case ClassLDX | SizeB | ModeMSH:
		return "ldxb", fmt.Sprintf("4*([%d]&0xf)", sk)
	case ClassLD | ModeMEM:
		return "ld", fmt.Sprintf("M[%d]", sk)
	case ClassLDX | ModeMEM:
		return "ldx", fmt.Sprintf("M[%d]", sk)
	case ClassST:
		return "st", fmt.Sprintf("M[%d]", sk)
	case ClassSTX:
		return "stx", fmt.Sprintf("M[%d]", sk)
	case ClassJMP | JA:
		// C computes n + 1 + k in unsigned int and prints it with %d.
		return "ja", fmt.Sprintf("%d", int32(uint32(n)+1+k))
	case ClassJMP | JGT | SrcK:
		return "jgt", fmt.Sprintf("#0x%x", k)
	case ClassJMP | JGE | SrcK:
		return "jge", fmt.Sprintf("#0x%x", k)
	case ClassJMP | JEQ | SrcK:
		return "jeq", fmt.Sprintf("#0x%x", k)
	case ClassJMP | JSET | SrcK:
		return "jset", fmt.Sprintf("#0x%x", k)
	case ClassJMP | JGT | SrcX:
		return "jgt", "x"
	case ClassJMP | JGE | SrcX:
		return "jge", "x"
	case ClassJMP | JEQ | SrcX:
		return "jeq", "x"
	case ClassJMP | JSET | SrcX:
		return "jset", "x"
	case ClassALU | NEG:
		return "neg", ""
	case ClassMISC | TAX:
		return "tax", ""
	case ClassMISC | TXA:
		return "txa", ""
	}
	if ins.Op&ClassMask == ClassALU && ins.Op <= 0xff {
		name, ok := aluNames[ins.Op&OpMask]
		if ok {
			if ins.Op&SrcX != 0 {
				return name, "x"
			}
			switch ins.Op & OpMask {
			case AND, OR, XOR:
				return name, fmt.Sprintf("#0x%x", k)
			}
			return name, fmt.Sprintf("#%d", sk)
		}
	}
	return "unimp", fmt.Sprintf("0x%x", ins.Op)
}

var aluNames = map[uint16]string{
	ADD: "add", SUB: "sub", MUL: "mul", DIV: "div", MOD: "mod",
	AND: "and", OR: "or", XOR: "xor", LSH: "lsh", RSH: "rsh",
}

func absOperand(k uint32) string {
	if off, ok := Ancillary(k); ok {
		return "[" + ancillaryFields[off].image + "]"
	}
	return fmt.Sprintf("[%d]", int32(k))
}
