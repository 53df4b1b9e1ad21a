// Command bpfprobe exits 0 when the kernel loads a trivial BPF program and
// non-zero when it refuses one. On a kernel whose BPF JIT allocator is
// deadlocked it never returns: callers run it under a timeout (see
// scripts/test), which is the point.
package main

import (
	"fmt"
	"os"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

func main() {
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Type:         ebpf.SocketFilter,
		License:      "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bpfprobe:", err)
		os.Exit(1)
	}
	prog.Close()
}
