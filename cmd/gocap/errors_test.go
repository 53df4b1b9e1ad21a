package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInvocations checks the exit status and that every message says
// what was wrong and what to do.
func TestBadInvocations(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.pcap")
	if err := os.WriteFile(garbage, []byte("this is not a capture file"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want []string // substrings of stderr
	}{
		{[]string{"-k"}, exitUsage, []string{"unknown option -k", "gocap --help"}},
		{[]string{"--frobnicate"}, exitUsage, []string{"unknown option --frobnicate", "gocap --help"}},
		{[]string{"-i"}, exitUsage, []string{"option -i needs a value", "-i eth0"}},
		{[]string{"-r"}, exitUsage, []string{"option -r needs a value"}},
		{[]string{"-c", "abc"}, exitUsage, []string{"invalid packet count \"abc\"", "positive number"}},
		{[]string{"-c", "0"}, exitUsage, []string{"invalid packet count"}},
		{[]string{"-s", "999999"}, exitUsage, []string{"invalid snaplen", "0 to 262144"}},
		{[]string{"-B", "-5"}, exitUsage, []string{"invalid buffer size", "KiB"}},
		{[]string{"-Q", "sideways"}, exitUsage, []string{"invalid direction \"sideways\"", "in, out or inout"}},
		{[]string{"--hook", "xdp"}, exitUsage, []string{"unknown hook \"xdp\"", "socket", "tc"}},
		{[]string{"-I"}, exitUsage, []string{"-I (monitor mode) is not supported", "gocap --help"}},
		{[]string{"-r", "a.pcap", "-i", "eth0"}, exitUsage, []string{"-r and -i", "not both"}},
		{[]string{"-r", "x.pcap", "-w", "x.pcap"}, exitUsage, []string{"same file"}},
		{[]string{"-C", "10"}, exitUsage, []string{"need -w"}},
		{[]string{"-w", "f", "-C", "ten"}, exitUsage, []string{"invalid file size \"ten\"", "millions of bytes"}},
		{[]string{"-w", "f", "-W", "3"}, exitUsage, []string{"-W", "with -C or -G"}},
		{[]string{"--micro", "--nano"}, exitUsage, []string{"contradict", "one of them"}},
		{[]string{"--time-stamp-precision=pico"}, exitUsage, []string{"\"pico\"", "micro or nano"}},
		{[]string{"-tttttt"}, exitUsage, []string{"too many -t"}},
		{[]string{"-dddd", "ip"}, exitUsage, []string{"too many -d", "-ddd"}},
		{[]string{"-d", "-y", "BOGUS", "ip"}, exitUsage, []string{"unknown link type \"BOGUS\"", "EN10MB"}},
		{[]string{"--print", "-r", "x"}, exitUsage, []string{"--print", "-w FILE"}},
		{[]string{"--count", "-i", "eth0"}, exitUsage, []string{"--count", "-r FILE"}},
		{[]string{"-d", "tcp", "port"}, exitRuntime, []string{"filter expression \"tcp port\"", "column 9"}},
		{[]string{"-d", "-y", "MTP2", "ip"}, exitRuntime, []string{"link-layer type filtering not implemented for DLT_MTP2"}},
		{[]string{"-r", filepath.Join(dir, "missing.pcap")}, exitRuntime, []string{"missing.pcap", "no such file"}},
		{[]string{"-r", garbage}, exitRuntime, []string{"garbage.pcap", "not a pcap or pcapng file"}},
		{[]string{"-F", filepath.Join(dir, "nofilter")}, exitRuntime, []string{"reading the filter file given with -F", "no such file"}},
		{[]string{"-i", "gocapnosuch0", "-c", "1"}, exitRuntime, []string{"gocapnosuch0", "gocap -D"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runGocap(t, nil, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "gocap: ") {
				t.Errorf("stderr %q does not start with \"gocap: \"", r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	r := runGocap(t, nil, "--help")
	if r.code != exitOK || !strings.Contains(r.stdout, "Usage: gocap") || !strings.Contains(r.stdout, "--hook") {
		t.Errorf("--help: status %d, stdout %q", r.code, r.stdout)
	}
	r = runGocap(t, nil, "-h")
	if r.code != exitOK || !strings.Contains(r.stdout, "Usage: gocap") {
		t.Errorf("-h: status %d", r.code)
	}
	r = runGocap(t, nil, "--version")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "gocap version ") {
		t.Errorf("--version: status %d, stdout %q", r.code, r.stdout)
	}
}
