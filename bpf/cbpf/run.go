package cbpf

import (
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/net/bpf"
)

// MaxSteps is the default bound on the instructions one run executes. A
// program without backward jumps executes at most its length.
const MaxSteps = 1 << 20

// RunOptions tune Execute.
type RunOptions struct {
	// Meta is what the kernel knows about the packet; nil means the zero
	// Metadata.
	Meta *Metadata
	// ForwardOnly makes a backward BPF_JA an error, as the kernel's checker
	// refuses it. By default it is followed, as libpcap's user-space
	// interpreter does for its protochain code (k wraps around to a
	// negative displacement).
	ForwardOnly bool
	// XDP gives loads the packet semantics of an XDP program (gocap's XDP
	// translation): the packet starts at the link-layer header, so
	// SKF_LL_OFF loads read from offset 0 whatever Meta.LLOff says, and no
	// network header is known, so SKF_NET_OFF loads fail (the program
	// returns 0).
	XDP bool
	// MaxSteps bounds the instructions executed; past it Execute stops with
	// an error. 0 means the package's MaxSteps.
	MaxSteps int
	// Trace, if set, is called after each instruction executes.
	Trace func(Step)
}

// Step is one executed instruction, as RunOptions.Trace sees it.
type Step struct {
	PC  int
	Ins bpf.RawInstruction
	// A and X are the registers before the instruction.
	A, X uint32
	// Taken is a conditional jump's outcome.
	Taken bool
	// End reports that the program ended at this instruction: a return, or
	// a load or division that ends it (Result.Aborted).
	End bool
}

// Result is how a run ended.
type Result struct {
	// Ret is the program's return value: the number of bytes to keep, 0 to
	// drop the packet.
	Ret uint32
	// Executed counts the instructions executed, the last one included:
	// the dynamic cost the optimizer is measured by.
	Executed int
	// Aborted reports that the program ended without a return: a packet
	// load out of bounds or a division by zero (Ret is 0), or an IFINDEX or
	// HATYPE load without a device (Ret is A).
	Aborted bool
}

// Run executes prog over pkt with Linux socket-filter semantics (see the
// package documentation) and returns the program's return value and the
// number of instructions executed. meta may be nil (zero Metadata). It is
// Execute with default options.
func Run(prog []bpf.RawInstruction, pkt []byte, meta *Metadata) (ret uint32, executed int, err error) {
	r, err := Execute(prog, pkt, RunOptions{Meta: meta})
	return r.Ret, r.Executed, err
}

// Execute is the interpreter: it runs prog over pkt with Linux
// socket-filter semantics, tuned by opts.
//
// Execute does not require a validated program: it returns an error when it
// meets an instruction the kernel would have rejected (unknown opcode,
// scratch index out of range, jump out of the program, running off the end)
// or runs more than opts.MaxSteps instructions. It never panics.
func Execute(prog []bpf.RawInstruction, pkt []byte, opts RunOptions) (Result, error) {
	m := machine{prog: prog, pkt: pkt, opts: &opts, meta: opts.Meta}
	if m.meta == nil {
		m.meta = &zeroMetadata
	}
	limit := opts.MaxSteps
	if limit <= 0 {
		limit = MaxSteps
	}
	var res Result
	for pc := 0; ; {
		if pc < 0 || pc >= len(prog) {
			return res, fmt.Errorf("instruction %d: control falls off the end of the program (%d instructions)", pc, len(prog))
		}
		res.Executed++
		if res.Executed > limit {
			return res, fmt.Errorf("instruction %d: more than %d instructions executed (a backward jump loops)", pc, limit)
		}
		ins := prog[pc]
		step := Step{PC: pc, Ins: ins, A: m.a, X: m.x}
		next, err := m.step(pc, ins)
		if err != nil {
			return res, fmt.Errorf("instruction %d: %w", pc, err)
		}
		step.Taken, step.End = m.taken, m.end
		if opts.Trace != nil {
			opts.Trace(step)
		}
		if m.end {
			res.Ret, res.Aborted = m.ret, m.aborted
			return res, nil
		}
		pc = next
	}
}

// machine is the state of one run.
type machine struct {
	prog []bpf.RawInstruction
	pkt  []byte
	meta *Metadata
	opts *RunOptions

	a, x uint32
	mem  [MemWords]uint32

	taken        bool // the last conditional jump's outcome
	end, aborted bool // the program ended, without a return
	ret          uint32
}

// stop ends the program with ret, without a return instruction.
func (m *machine) stop(ret uint32) {
	m.end, m.aborted, m.ret = true, true, ret
}

// step executes the instruction at pc and returns the next pc.
func (m *machine) step(pc int, ins bpf.RawInstruction) (int, error) {
	if ins.Op > 0xff || !validCodes[ins.Op] {
		return 0, fmt.Errorf("invalid opcode %#x", ins.Op)
	}
	var err error
	switch ins.Op & ClassMask {
	case ClassLD:
		err = m.ld(ins)
	case ClassLDX:
		err = m.ldx(ins)
	case ClassST:
		err = m.store(ins.K, m.a)
	case ClassSTX:
		err = m.store(ins.K, m.x)
	case ClassALU:
		m.aluOp(ins)
	case ClassJMP:
		return m.jump(pc, ins)
	case ClassRET:
		m.end, m.ret = true, ins.K
		if ins.Op&RetMask == RetA {
			m.ret = m.a
		}
	case ClassMISC:
		if ins.Op == ClassMISC|TAX {
			m.x = m.a
		} else {
			m.a = m.x
		}
	}
	return pc + 1, err
}

var errScratch = errors.New("scratch index out of range")

func (m *machine) scratch(k uint32) (uint32, error) {
	if k >= MemWords {
		return 0, fmt.Errorf("%w: %d", errScratch, k)
	}
	return m.mem[k], nil
}

func (m *machine) store(k, v uint32) error {
	if k >= MemWords {
		return fmt.Errorf("%w: %d", errScratch, k)
	}
	m.mem[k] = v
	return nil
}

// ld executes a load into A.
func (m *machine) ld(ins bpf.RawInstruction) error {
	k := ins.K
	switch ins.Op & ModeMask {
	case ModeIMM:
		m.a = k
	case ModeLEN:
		m.a = m.wireLen()
	case ModeMEM:
		v, err := m.scratch(k)
		m.a = v
		return err
	case ModeABS:
		if anc, ok := Ancillary(k); ok {
			v, ok := loadAncillary(anc, m.pkt, m.meta, m.a, m.x)
			if !ok {
				// The conversion exits with A in R0, unchanged.
				m.stop(m.a)
			}
			m.a = v
			return nil
		}
		m.packet(&m.a, k, ins.Op&SizeMask)
	case ModeIND:
		if off := m.x + k; off < SKFAdOff {
			m.packet(&m.a, off, ins.Op&SizeMask)
		} else {
			m.stop(0) // the ancillary area is not addressable indirectly
		}
	}
	return nil
}

// ldx executes a load into X.
func (m *machine) ldx(ins bpf.RawInstruction) error {
	switch ins.Op & ModeMask {
	case ModeIMM:
		m.x = ins.K
	case ModeLEN:
		m.x = m.wireLen()
	case ModeMEM:
		v, err := m.scratch(ins.K)
		m.x = v
		return err
	case ModeMSH:
		var v uint32
		if m.packet(&v, ins.K, SizeB) {
			m.x = (v & 0xf) << 2
		}
	}
	return nil
}

// packet loads the packet bytes at off into dst; out of bounds, it ends
// the program with 0 and reports false.
func (m *machine) packet(dst *uint32, off uint32, size uint16) bool {
	v, ok := load(m.pkt, m.meta, m.opts.XDP, off, size)
	if !ok {
		m.stop(0)
		return false
	}
	*dst = v
	return true
}

func (m *machine) aluOp(ins bpf.RawInstruction) {
	operand := ins.K
	if ins.Op&SrcMask == SrcX {
		operand = m.x
	}
	v, ok := alu(ins.Op&OpMask, m.a, operand)
	if !ok {
		m.stop(0)
		return
	}
	m.a = v
}

// jump executes a jump and returns the next pc.
func (m *machine) jump(pc int, ins bpf.RawInstruction) (int, error) {
	if ins.Op == ClassJMP|JA {
		next := int64(pc) + 1 + int64(ins.K)
		if int32(ins.K) < 0 && !m.opts.ForwardOnly {
			// A backward jump, which the kernel rejects but libpcap's
			// protochain code contains (it runs in user space, where
			// 32-bit arithmetic wraps k to a negative displacement).
			next = int64(pc) + 1 + int64(int32(ins.K))
		}
		if next < 0 || next >= int64(len(m.prog)) {
			return 0, fmt.Errorf("jump to %d is out of the program", next)
		}
		return int(next), nil
	}
	operand := ins.K
	if ins.Op&SrcMask == SrcX {
		operand = m.x
	}
	switch ins.Op & OpMask {
	case JEQ:
		m.taken = m.a == operand
	case JGT:
		m.taken = m.a > operand
	case JGE:
		m.taken = m.a >= operand
	case JSET:
		m.taken = m.a&operand != 0
	}
	if m.taken {
		return pc + 1 + int(ins.Jt), nil
	}
	return pc + 1 + int(ins.Jf), nil
}

func (m *machine) wireLen() uint32 {
	if m.meta.WireLen != 0 {
		return m.meta.WireLen
	}
	return uint32(len(m.pkt))
}

// alu applies a 32-bit ALU operation; ok is false for a division or modulo
// by zero, which ends the program with 0.
func alu(op uint16, a, v uint32) (uint32, bool) {
	switch op {
	case ADD:
		return a + v, true
	case SUB:
		return a - v, true
	case MUL:
		return a * v, true
	case DIV:
		if v == 0 {
			return 0, false
		}
		return a / v, true
	case MOD:
		if v == 0 {
			return 0, false
		}
		return a % v, true
	case AND:
		return a & v, true
	case OR:
		return a | v, true
	case XOR:
		return a ^ v, true
	case LSH:
		return a << (v & 31), true
	case RSH:
		return a >> (v & 31), true
	case NEG:
		return -a, true
	}
	return a, true
}

// load reads 1, 2 or 4 bytes (size is the code's size field) in network
// order at off, resolving negative offsets as the kernel's
// bpf_internal_load_pointer_neg_helper does. ok is false when any byte is
// outside the packet.
//
// With xdp, the link-layer header is at 0 and the network header unknown.
func load(pkt []byte, meta *Metadata, xdp bool, off uint32, size uint16) (uint32, bool) {
	var start int64
	switch {
	case int32(off) >= 0:
		start = int64(off)
	case off >= SKFNetOff && xdp:
		return 0, false
	case off >= SKFNetOff:
		start = int64(meta.NetOff) + int64(off-SKFNetOff)
	case off >= SKFLLOff && xdp:
		start = int64(off - SKFLLOff)
	case off >= SKFLLOff:
		start = int64(meta.LLOff) + int64(off-SKFLLOff)
	default:
		return 0, false
	}
	width := int64(4)
	switch size {
	case SizeH:
		width = 2
	case SizeB:
		width = 1
	}
	if start < 0 || start+width > int64(len(pkt)) {
		return 0, false
	}
	b := pkt[start : start+width]
	switch width {
	case 1:
		return uint32(b[0]), true
	case 2:
		return uint32(binary.BigEndian.Uint16(b)), true
	}
	return binary.BigEndian.Uint32(b), true
}

// loadAncillary returns an SKF_AD_* value; ok is false when the kernel's
// conversion would end the program (with A as its return value).
func loadAncillary(anc uint32, pkt []byte, meta *Metadata, a, x uint32) (uint32, bool) {
	switch anc {
	case SKFAdProtocol:
		return uint32(meta.Protocol), true
	case SKFAdPktType:
		return uint32(meta.PktType) & 7, true // PKT_TYPE_MAX mask
	case SKFAdIfIndex:
		if meta.NoDevice {
			return 0, false
		}
		return meta.IfIndex, true
	case SKFAdHAType:
		if meta.NoDevice {
			return 0, false
		}
		return uint32(meta.HAType), true
	case SKFAdMark:
		return meta.Mark, true
	case SKFAdQueue:
		return uint32(meta.Queue), true
	case SKFAdRXHash:
		return meta.RXHash, true
	case SKFAdCPU:
		return meta.CPU, true
	case SKFAdALUXorX:
		return a ^ x, true
	case SKFAdVLANTag:
		if !meta.VLANPresent {
			return 0, true
		}
		return uint32(meta.VLANTCI), true
	case SKFAdVLANTagPresent:
		if meta.VLANPresent {
			return 1, true
		}
		return 0, true
	case SKFAdVLANTPID:
		if !meta.VLANPresent {
			return 0, true
		}
		return uint32(meta.VLANTPID), true
	case SKFAdPayOffset:
		return meta.PayOffset, true
	case SKFAdRandom:
		return meta.Random, true
	case SKFAdNLAttr:
		return nlaFind(pkt, a, x, false), true
	case SKFAdNLAttrNest:
		return nlaFind(pkt, a, x, true), true
	}
	return 0, false
}

// nlaFind implements SKF_AD_NLATTR (find attribute type x in the netlink
// attributes starting at offset a) and SKF_AD_NLATTR_NEST (find type x
// inside the nested attribute at offset a). It returns the attribute's
// offset in pkt, or 0.
func nlaFind(pkt []byte, a, x uint32, nest bool) uint32 {
	const hdr = 4
	plen := uint32(len(pkt))
	if plen < hdr || a > plen-hdr {
		return 0
	}
	start, end := a, plen
	if nest {
		l := uint32(binary.NativeEndian.Uint16(pkt[a:]))
		if l > plen-a {
			return 0
		}
		start, end = a+hdr, a+l
		if end < start {
			return 0
		}
	}
	for off := start; off+hdr <= end; {
		l := uint32(binary.NativeEndian.Uint16(pkt[off:]))
		typ := uint32(binary.NativeEndian.Uint16(pkt[off+2:])) & 0x3fff // NLA_TYPE_MASK
		if l < hdr || l > end-off {
			return 0
		}
		if typ == x {
			return off
		}
		off += (l + 3) &^ 3
	}
	return 0
}
