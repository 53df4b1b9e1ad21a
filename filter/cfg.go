package filter

// The code generator produces, and the optimizer rewrites, a control-flow
// graph of basic blocks. Instructions inside it use classic BPF's own encoding
// (bpf.RawInstruction's Op and K) so that the optimizer reasons about exactly
// what the kernel will run.
//
// A Block is either a branch (Stmts, then the conditional jump Cond with
// successors True and False) or a leaf (Stmts, then the return Cond with no
// successors). The graph is acyclic; the root is the entry block. Blocks may
// be shared (a DAG), as libpcap's are.

// Stmt is one straight-line instruction: a load, store, ALU operation or
// register transfer, and (rarely, as in libpcap) a jump local to the block.
//
// Local jumps exist because libpcap emits a few of them inside statement
// lists (protochain, geneve, the Linux vlan ancillary test): a conditional
// jump's JT/JF and a "ja"'s K count statements to skip within the same block,
// exactly as they will be encoded. The generator marks the graphs that
// contain them, and Compile does not optimize those (libpcap's no_optimize),
// except for the Linux vlan case, where libpcap also optimizes.
type Stmt struct {
	Op     uint16
	K      uint32
	JT, JF uint8
}

// Block is a basic block.
type Block struct {
	// ID is unique within one graph; the generator numbers blocks in creation
	// order, which the linearizer uses only to break ties deterministically.
	ID    int
	Stmts []Stmt
	// Cond is the terminating instruction: a BPF_JMP with a condition
	// (JEQ, JGT, JGE, JSET; BPF_K or BPF_X) or a BPF_RET.
	Cond        Stmt
	True, False *Block
}

// IsReturn reports whether the block is a leaf ending in a return.
func (b *Block) IsReturn() bool { return b.Cond.Op&0x07 == classRET }

// Classic BPF encoding pieces used by the generator and the optimizer; named
// here once so that both speak the same language (see <linux/filter.h>).
const (
	classLD   = 0x00
	classLDX  = 0x01
	classST   = 0x02
	classSTX  = 0x03
	classALU  = 0x04
	classJMP  = 0x05
	classRET  = 0x06
	classMISC = 0x07

	sizeW = 0x00
	sizeH = 0x08
	sizeB = 0x10

	modeIMM = 0x00
	modeABS = 0x20
	modeIND = 0x40
	modeMEM = 0x60
	modeLEN = 0x80
	modeMSH = 0xa0

	aluADD = 0x00
	aluSUB = 0x10
	aluMUL = 0x20
	aluDIV = 0x30
	aluOR  = 0x40
	aluAND = 0x50
	aluLSH = 0x60
	aluRSH = 0x70
	aluNEG = 0x80
	aluMOD = 0x90
	aluXOR = 0xa0

	jmpJA   = 0x00
	jmpJEQ  = 0x10
	jmpJGT  = 0x20
	jmpJGE  = 0x30
	jmpJSET = 0x40

	srcK = 0x00
	srcX = 0x08

	retK = 0x00
	retX = 0x08
	retA = 0x10

	miscTAX = 0x00
	miscTXA = 0x80

	// Linux ancillary data: loads at SKF_AD_OFF + n.
	skfAdOff            = 0xfffff000 // -0x1000
	skfAdProtocol       = 0
	skfAdPktType        = 4
	skfAdIfindex        = 8
	skfAdNlattr         = 12
	skfAdNlattrNest     = 16
	skfAdMark           = 20
	skfAdQueue          = 24
	skfAdHatype         = 28
	skfAdRxhash         = 32
	skfAdCPU            = 36
	skfAdAlu_XOR_X      = 40
	skfAdVlanTag        = 44
	skfAdVlanTagPresent = 48
	skfAdPayOffset      = 52
	skfAdRandom         = 56
	skfAdVlanTPID       = 60

	// maxInstructions is the kernel's BPF_MAXINSNS for classic BPF.
	maxInstructions = 4096
	// scratchSlots is BPF_MEMWORDS.
	scratchSlots = 16
)
