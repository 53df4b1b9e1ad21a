package cbpf_test

import (
	"fmt"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
)

// "ldh [12]; jeq #0x800, accept, drop": IPv4 over Ethernet.
var ipv4 = []bpf.RawInstruction{
	{Op: cbpf.ClassLD | cbpf.SizeH | cbpf.ModeABS, K: 12},
	{Op: cbpf.ClassJMP | cbpf.JEQ | cbpf.SrcK, Jt: 0, Jf: 1, K: 0x800},
	{Op: cbpf.ClassRET | cbpf.RetK, K: 262144},
	{Op: cbpf.ClassRET | cbpf.RetK, K: 0},
}

// Run a program over a frame as a Linux socket filter would.
func ExampleRun() {
	frame := make([]byte, 34)
	frame[12], frame[13] = 0x08, 0x00
	ret, executed, err := cbpf.Run(ipv4, frame, nil)
	fmt.Println(ret, executed, err)
	ret, _, _ = cbpf.Run(ipv4, frame[:13], nil) // too short: the load fails
	fmt.Println(ret)
	// Output:
	// 262144 3 <nil>
	// 0
}

// Execute with options: a trace of each instruction, and the packet
// metadata ancillary loads read.
func ExampleExecute() {
	prog := []bpf.RawInstruction{
		{Op: cbpf.ClassLD | cbpf.SizeW | cbpf.ModeABS, K: cbpf.SKFAdOff + cbpf.SKFAdVLANTag},
		{Op: cbpf.ClassRET | cbpf.RetA},
	}
	r, err := cbpf.Execute(prog, nil, cbpf.RunOptions{
		Meta:  &cbpf.Metadata{VLANPresent: true, VLANTCI: 10},
		Trace: func(s cbpf.Step) { fmt.Println(s.PC, cbpf.Image(s.Ins, s.PC)) },
	})
	fmt.Println(r.Ret, r.Executed, err)
	// Output:
	// 0 (000) ld       [vlan_tci]
	// 1 (001) ret
	// 10 2 <nil>
}

// Validate says whether the kernel would accept a program, and why not.
func ExampleValidate() {
	fmt.Println(cbpf.Validate(ipv4))
	fmt.Println(cbpf.Validate(ipv4[:2]))
	// Output:
	// <nil>
	// invalid classic BPF program: instruction 1 (jeq #0x800): jt 0 leaves the program
}

// Check with rules waived, for the facts a translator needs.
func ExampleCheck() {
	loop := []bpf.RawInstruction{
		{Op: cbpf.ClassLD | cbpf.ModeIMM, K: 1},
		{Op: cbpf.ClassJMP | cbpf.JA, K: 0xffffffff}, // back to itself
	}
	fmt.Println(cbpf.Validate(loop) != nil)
	facts, err := cbpf.Check(loop, cbpf.BackwardJumps)
	fmt.Println(facts.BackwardJumps, err)
	// Output:
	// true
	// true <nil>
}

// Dump prints a program as tcpdump -d does; DumpDecimal as -ddd, which
// ParseDecimal reads back.
func ExampleDump() {
	fmt.Print(cbpf.Dump(ipv4))
	text := cbpf.DumpDecimal(ipv4)
	back, err := cbpf.ParseDecimal(text)
	fmt.Println(len(back), err)
	// Output:
	// (000) ldh      [12]
	// (001) jeq      #0x800           jt 2	jf 3
	// (002) ret      #262144
	// (003) ret      #0
	// 4 <nil>
}
