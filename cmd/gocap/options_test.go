package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	dir := t.TempDir()
	ffile := filepath.Join(dir, "filter.txt")
	if err := os.WriteFile(ffile, []byte("# web traffic\ntcp port 80 # http\n  or udp port 53\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		check func(o *options) bool
		want  string
	}{
		{"clustered -nnvX", []string{"-nnvX"}, func(o *options) bool { return o.numeric == 2 && o.verbose == 1 && o.hexASCII == 1 }, "n=2 v=1 X=1"},
		{"clustered -nnvvvXXe", []string{"-nnvvvXXe"}, func(o *options) bool {
			return o.numeric == 2 && o.verbose == 3 && o.hexASCII == 2 && o.linkHeader
		}, "n=2 v=3 X=2 e"},
		{"value attached -ieth0", []string{"-ieth0"}, func(o *options) bool { return reflect.DeepEqual(o.interfaces, []string{"eth0"}) }, "[eth0]"},
		{"value follows -i eth0", []string{"-i", "eth0"}, func(o *options) bool { return reflect.DeepEqual(o.interfaces, []string{"eth0"}) }, "[eth0]"},
		{"repeated -i", []string{"-i", "eth0", "-ilo", "--interface=veth1"}, func(o *options) bool {
			return reflect.DeepEqual(o.interfaces, []string{"eth0", "lo", "veth1"})
		}, "[eth0 lo veth1]"},
		{"cluster ending in a value", []string{"-nic10"}, func(o *options) bool {
			// -n, then -i takes the rest of the word: "c10".
			return o.numeric == 1 && reflect.DeepEqual(o.interfaces, []string{"c10"})
		}, "n=1 i=[c10]"},
		{"-c10", []string{"-c10"}, func(o *options) bool { return o.count == 10 }, "count 10"},
		{"-c 10", []string{"-c", "10"}, func(o *options) bool { return o.count == 10 }, "count 10"},
		{"-vvv", []string{"-vvv"}, func(o *options) bool { return o.verbose == 3 }, "v=3"},
		{"-v -v", []string{"-v", "-v"}, func(o *options) bool { return o.verbose == 2 }, "v=2"},
		{"-tttt", []string{"-tttt"}, func(o *options) bool { return o.timestamps == 4 }, "t=4"},
		{"-T cnfp", []string{"-T", "cnfp", "-r", "x"}, func(o *options) bool { return o.packetType == "cnfp" }, "T=cnfp"},
		{"-T carp", []string{"-T", "carp", "-r", "x"}, func(o *options) bool { return o.packetType == "carp" }, "T=carp"},
		{"-ttttt", []string{"-ttttt"}, func(o *options) bool { return o.timestamps == 5 }, "t=5"},
		{"-xx", []string{"-xx"}, func(o *options) bool { return o.hex == 2 }, "x=2"},
		{"-XX", []string{"-XX"}, func(o *options) bool { return o.hexASCII == 2 }, "X=2"},
		{"-A", []string{"-A"}, func(o *options) bool { return o.ascii }, "A"},
		{"-d", []string{"-d", "ip"}, func(o *options) bool { return o.dump == 1 && o.expr == "ip" }, "d=1"},
		{"-dd", []string{"-dd", "ip"}, func(o *options) bool { return o.dump == 2 }, "d=2"},
		{"-ddd", []string{"-ddd", "ip"}, func(o *options) bool { return o.dump == 3 }, "d=3"},
		{"-dO -y", []string{"-dOy", "LINUX_SLL2", "tcp"}, func(o *options) bool {
			return o.dump == 1 && o.noOptimize && o.linkType == "LINUX_SLL2" && o.expr == "tcp"
		}, "d O y"},
		{"expression joined", []string{"-n", "tcp", "port", "80", "and", "host", "10.0.0.1"}, func(o *options) bool {
			return o.expr == "tcp port 80 and host 10.0.0.1"
		}, "joined"},
		{"options after the expression", []string{"tcp", "port", "80", "-n", "-c", "5"}, func(o *options) bool {
			return o.expr == "tcp port 80" && o.numeric == 1 && o.count == 5
		}, "interspersed"},
		{"-- ends options", []string{"-n", "--", "not", "tcp"}, func(o *options) bool { return o.expr == "not tcp" }, "--"},
		{"-F file", []string{"-F", ffile}, func(o *options) bool { return o.expr == "tcp port 80\n  or udp port 53" }, "file"},
		{"-s 0", []string{"-s", "0"}, func(o *options) bool { return o.snapLen == 0 && o.snap() == 262144 }, "snap"},
		{"-s96", []string{"-s96"}, func(o *options) bool { return o.snap() == 96 }, "snap 96"},
		{"-B", []string{"-B", "4096"}, func(o *options) bool { return o.bufferKiB == 4096 }, "B"},
		{"-C -W -w", []string{"-w", "f.pcapng", "-C", "10k", "-W", "3"}, func(o *options) bool {
			return o.fileSize == 10*1024 && o.fileCount == 3
		}, "C W"},
		{"-C millions", []string{"-w", "f", "-C", "2"}, func(o *options) bool { return o.fileSize == 2000000 }, "C 2"},
		{"-G", []string{"-w", "f-%H", "-G", "60"}, func(o *options) bool { return o.rotateSecs == 60 }, "G"},
		{"--nano", []string{"--nano"}, func(o *options) bool { return o.precision == "nano" }, "nano"},
		{"--micro", []string{"--micro"}, func(o *options) bool { return o.precision == "micro" }, "micro"},
		{"--time-stamp-precision=nano", []string{"--time-stamp-precision=nano"}, func(o *options) bool { return o.precision == "nano" }, "nano"},
		{"-# and --number", []string{"-#"}, func(o *options) bool { return o.number }, "#"},
		{"--number", []string{"--number"}, func(o *options) bool { return o.number }, "#"},
		{"--count --print", []string{"--count"}, func(o *options) bool { return o.countOnly }, "count"},
		{"-Q in -p -U -l", []string{"-Q", "in", "-pUl"}, func(o *options) bool {
			return o.direction == "in" && o.noPromisc && o.packetBuf && o.lineBuf
		}, "Q p U l"},
		{"--immediate-mode", []string{"--immediate-mode"}, func(o *options) bool { return o.immediate }, "immediate"},
		{"-Z", []string{"-Z", "nobody"}, func(o *options) bool { return o.user == "nobody" }, "Z"},
		{"--hook tc --ebpf --pcap", []string{"--hook", "tc", "--ebpf", "--pcap"}, func(o *options) bool {
			return o.hook == "tc" && o.ebpf && o.pcap
		}, "gocap options"},
		{"-D -L", []string{"-D"}, func(o *options) bool { return o.listIfaces }, "D"},
		{"-L", []string{"-L", "-i", "lo"}, func(o *options) bool { return o.listLinks }, "L"},
		{"-S -q -K", []string{"-SqK"}, func(o *options) bool { return o.absSeq && o.quiet && o.noVerify }, "S q K"},
		{"-r -w", []string{"-r", "in.pcap", "-w", "out.pcapng"}, func(o *options) bool {
			return o.readFile == "in.pcap" && o.writeFile == "out.pcapng"
		}, "r w"},
		{"--version", []string{"--version"}, func(o *options) bool { return o.version }, "version"},
		{"-h", []string{"-h"}, func(o *options) bool { return o.help }, "help"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(tt.args)
			if err != nil {
				t.Fatalf("parseArgs(%q): %v", tt.args, err)
			}
			if !tt.check(o) {
				t.Errorf("parseArgs(%q) = %+v, want %s", tt.args, *o, tt.want)
			}
		})
	}
}

func TestExprFromFile(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tcp\n", "tcp"},
		{"# only a comment\n", ""},
		{"host 10.0.0.1 # the server\nand port 22\n", "host 10.0.0.1\nand port 22"},
		{"  udp  \r\n", "udp"},
	}
	for _, tt := range tests {
		if got := exprFromFile(tt.in); got != tt.want {
			t.Errorf("exprFromFile(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPacketTypeOnlyCnfp: -T takes cnfp and carp and refuses the types gocap does
// not decode.
func TestPacketTypeOnlyCnfp(t *testing.T) {
	_, err := parseArgs([]string{"-T", "rtp", "-r", "x"})
	var ue *usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "rtp") {
		t.Fatalf("parseArgs(-T rtp) = %v, want a usage error naming rtp", err)
	}
}

func TestParseArgsErrorsAreUsageErrors(t *testing.T) {
	_, err := parseArgs([]string{"-k"})
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Fatalf("parseArgs(-k) error %v is not a usage error", err)
	}
}
