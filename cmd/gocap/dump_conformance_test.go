package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
)

// conformanceCase is the part of a libpcap-filtertests.jsonl record the dump
// test needs (see ../shared/conformance/SOURCE.md).
type conformanceCase struct {
	Name          string      `json:"name"`
	Kind          string      `json:"kind"`
	DLT           string      `json:"dlt"`
	Expr          *string     `json:"expr"`
	Optimized     bool        `json:"optimized"`
	Snaplen       *int        `json:"snaplen"`
	Netmask       *string     `json:"netmask"`
	Expected      string      `json:"expected"`
	ExpectedInsns [][4]uint32 `json:"expected_insns"`
	Linuxext      bool        `json:"linuxext"`
	OfflineFilter *string     `json:"offline_filter"`
	SkipLinux     *string     `json:"skip_linux"`
	Requires      []string    `json:"requires"`
}

// TestDumpConformance runs `gocap -d`, `-dd` and `-ddd` (with -y, -s and -O as
// the case says) for every accept case of libpcap's suite that the command
// line can express, and compares the output with libpcap master's text:
// -d with the case's expected bpf_dump text itself, -dd and -ddd with the
// expected instructions in those formats (whose printers bpf/cbpf checks
// against tcpdump's). Cases the command line cannot express are counted by
// reason: live-Linux code (needs -i), a netmask, resolver fixtures, and the
// cases libpcap's own suite skips on Linux.
func TestDumpConformance(t *testing.T) {
	cases, err := conformance.ReadCases(conformance.FilterTests, func(c *conformanceCase) bool { return c.Kind == "accept" })
	if err != nil {
		t.Fatalf("the conformance data must be beside the repository (../shared): %v", err)
	}
	skipped := map[string]int{}
	run, identical := 0, 0
	for _, c := range cases {
		lt, err := linktype.Parse(c.DLT)
		switch {
		case err != nil:
			skipped["link type unknown"]++
			continue
		case c.SkipLinux != nil:
			skipped["skipped on Linux by libpcap's suite"]++
			continue
		case c.OfflineFilter != nil:
			skipped["needs BPF_OFFLINE_AF_HANDLING"]++
			continue
		case c.Linuxext:
			skipped["live-Linux code (needs -i)"]++
			continue
		case c.Netmask != nil:
			skipped["needs a netmask"]++
			continue
		case len(c.Requires) > 0:
			skipped["needs resolver fixtures"]++
			continue
		}
		args := []string{"-y", c.DLT}
		if c.Snaplen != nil {
			args = append(args, "-s", fmt.Sprint(*c.Snaplen))
		}
		if !c.Optimized {
			args = append(args, "-O")
		}
		args = append(args, *c.Expr)
		want := make([]bpf.RawInstruction, len(c.ExpectedInsns))
		for i, in := range c.ExpectedInsns {
			want[i] = bpf.RawInstruction{Op: uint16(in[0]), Jt: uint8(in[1]), Jf: uint8(in[2]), K: in[3]}
		}
		// The dump formats are checked where the compiler already gives
		// libpcap's program; filter's TestConformance measures the rest.
		opts := filter.Options{LinkType: lt, NoOptimize: !c.Optimized}
		if c.Snaplen != nil {
			opts.SnapLen = uint32(*c.Snaplen)
		}
		if p, err := filter.Compile(*c.Expr, opts); err != nil || !slices.Equal(p.Raw, want) {
			skipped["compiled program differs from libpcap's (filter's TestConformance)"]++
			continue
		}
		run++
		ok := true
		for flag, text := range map[string]string{"-d": c.Expected, "-dd": cbpf.DumpC(want), "-ddd": cbpf.DumpDecimal(want)} {
			r := runGocap(t, nil, append([]string{flag}, args...)...)
			if r.code != exitOK {
				t.Errorf("%s: gocap %s %q: exit %d: %s", c.Name, flag, args, r.code, r.stderr)
				ok = false
				continue
			}
			if r.stdout != text {
				t.Errorf("%s: gocap %s %q:\n got: %q\nwant: %q", c.Name, flag, args, r.stdout, text)
				ok = false
			}
		}
		if ok {
			identical++
		}
	}
	var reasons []string
	for r, n := range skipped {
		reasons = append(reasons, fmt.Sprintf("%s: %d", r, n))
	}
	t.Logf("gocap -d/-dd/-ddd: %d accept cases run, %d print libpcap's text in all three formats; skipped: %s",
		run, identical, strings.Join(reasons, ", "))
	if run < 1000 {
		t.Errorf("only %d cases ran: the conformance data looks incomplete", run)
	}
}
