package filter

import "github.com/gocap/gocap/bpf/cbpf"

// The code generator produces, and the optimizer rewrites, a control-flow
// graph of basic blocks. Instructions inside it use classic BPF's own encoding
// (bpf.RawInstruction's Op and K) so that the optimizer reasons about exactly
// what the kernel will run.
//
// A block is either a branch (Stmts, then the conditional jump Cond with
// successors True and False) or a leaf (Stmts, then the return Cond with no
// successors). The graph is acyclic; the root is the entry block. Blocks may
// be shared (a DAG), as libpcap's are.

// stmt is one straight-line instruction: a load, store, ALU operation or
// register transfer, and (rarely, as in libpcap) a jump local to the block.
//
// Local jumps exist because libpcap emits a few of them inside statement
// lists (protochain, geneve, the Linux vlan ancillary test): a conditional
// jump's JT/JF and a "ja"'s K count statements to skip within the same block,
// exactly as they will be encoded. The generator marks the graphs that
// contain them, and Compile does not optimize those (libpcap's no_optimize),
// except for the Linux vlan case, where libpcap also optimizes.
type stmt struct {
	Op     uint16
	K      uint32
	JT, JF uint8
}

// block is a basic block.
type block struct {
	// ID is unique within one graph; the generator numbers blocks in creation
	// order, which the linearizer uses only to break ties deterministically.
	ID    int
	Stmts []stmt
	// Cond is the terminating instruction: a BPF_JMP with a condition
	// (JEQ, JGT, JGE, JSET; BPF_K or BPF_X) or a BPF_RET.
	Cond        stmt
	True, False *block
}

// IsReturn reports whether the block is a leaf ending in a return.
func (b *block) IsReturn() bool { return b.Cond.Op&cbpf.ClassMask == cbpf.ClassRET }
