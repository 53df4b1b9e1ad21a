package bpf

import (
	"errors"
	"testing"

	"github.com/cilium/ebpf"
)

func TestDbgXDP(t *testing.T) {
	for _, c := range loadCorpus(t) {
		if c.Name != "accept_ip6_protochain_opt_0" {
			continue
		}
		insns, _ := Translate(c.prog(), Options{Target: XDP})
		_, err := ebpf.NewProgramWithOptions(&ebpf.ProgramSpec{Type: ebpf.XDP, Instructions: insns, License: "GPL"},
			ebpf.ProgramOptions{LogLevel: ebpf.LogLevelStats, LogSizeStart: 1 << 20})
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			n := len(ve.Log)
			for _, l := range ve.Log[max(0, n-40):] {
				t.Log(l)
			}
		}
		t.Logf("%T %+v", err, err); if err == nil { t.Log("loaded") }
		for i, in := range insns { if i < 200 { t.Logf("%d %v %s", i, in, in.Symbol()) } }
	}
}
