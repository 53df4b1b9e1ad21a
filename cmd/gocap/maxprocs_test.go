package main

import (
	"runtime"
	"testing"
)

// TestOnlyWrites: one P for a capture whose packets only go to a file;
// printing beside -w, printing alone and attribution keep the default.
func TestOnlyWrites(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"-i", "lo", "-w", "x.pcap"}, true},
		{[]string{"-i", "lo", "--pcap", "-w", "x.pcap", "udp"}, true},
		{[]string{"-i", "lo", "-w", "-"}, true},
		{[]string{"-i", "lo", "-w", "x.pcap", "--print"}, false},
		{[]string{"-i", "lo", "-n"}, false},
		{[]string{"-i", "lo", "-w", "x.pcapng", "--context", "process"}, false},
	} {
		o, err := parseArgs(tt.args)
		if err != nil {
			t.Fatalf("parseArgs(%q): %v", tt.args, err)
		}
		if got := onlyWrites(o); got != tt.want {
			t.Errorf("onlyWrites(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

// TestOneProcessor: GOMAXPROCS becomes 1 and the setting before comes back
// to be restored; a GOMAXPROCS in the environment is left to decide.
func TestOneProcessor(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(before)
	runtime.GOMAXPROCS(2)
	if prev := oneProcessor(); prev != 2 || runtime.GOMAXPROCS(0) != 1 {
		t.Errorf("oneProcessor() = %d, GOMAXPROCS %d; want 2 and 1", prev, runtime.GOMAXPROCS(0))
	}
	runtime.GOMAXPROCS(2)
	t.Setenv("GOMAXPROCS", "2")
	if prev := oneProcessor(); prev != 2 || runtime.GOMAXPROCS(0) != 2 {
		t.Errorf("with GOMAXPROCS=2 in the environment: oneProcessor() = %d, GOMAXPROCS %d; want 2 and 2", prev, runtime.GOMAXPROCS(0))
	}
}
