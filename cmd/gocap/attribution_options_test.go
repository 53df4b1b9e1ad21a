package main

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/gocap/gocap/linktype"
)

func TestAttributionArgs(t *testing.T) {
	for _, c := range []struct {
		args    []string
		expr    string
		command []string
		err     bool
	}{
		{args: []string{"-n", "--", "not", "tcp"}, expr: "not tcp"},
		{args: []string{"-n", "--", "ip"}, expr: "ip"}, // a filter, though ip is also a program
		{args: []string{"-n", "--", "sh", "-c", "exit 0"}, command: []string{"sh", "-c", "exit 0"}},
		{args: []string{"-n", "tcp", "--", "sh", "-c", "exit 0"}, expr: "tcp", command: []string{"sh", "-c", "exit 0"}},
		{args: []string{"--pid", "12", "--pid", "13", "--comm", "curl", "udp"}, expr: "udp"},
		{args: []string{"--context", "thread"}, err: true},
		{args: []string{"--pid", "-3"}, err: true},
		{args: []string{"--pid", "7", "--", "sh"}, err: true},
	} {
		o, err := parseArgs(c.args)
		if c.err {
			if err == nil {
				t.Errorf("%q: no error", c.args)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if o.expr != c.expr || !slices.Equal(o.attr.command, c.command) {
			t.Errorf("%q: expression %q command %q; want %q %q", c.args, o.expr, o.attr.command, c.expr, c.command)
		}
	}
	o, _ := parseArgs([]string{"--pid", "12", "--pid", "13"})
	if !slices.Equal(o.attr.pids, []int{12, 13}) || !o.attr.enabled() {
		t.Errorf("--pid twice: %v", o.attr.pids)
	}
}

func TestNetworkLayer(t *testing.T) {
	ip := []byte{0x45, 0, 0, 20}
	eth := append(make([]byte, 12), 0x81, 0, 0, 5, 0x08, 0)
	eth = append(eth, ip...)
	if got := networkLayer(linktype.Ethernet, eth); !slices.Equal(got, ip) {
		t.Errorf("VLAN-tagged Ethernet: %x", got)
	}
	sll2 := make([]byte, 20)
	binary.BigEndian.PutUint16(sll2, 0x86dd)
	if got := networkLayer(linktype.LinuxSLL2, append(sll2, 0x60)); !slices.Equal(got, []byte{0x60}) {
		t.Errorf("SLL2: %x", got)
	}
	arp := append(make([]byte, 12), 0x08, 0x06, 1, 2)
	for _, b := range [][]byte{arp, nil, {1, 2, 3}} {
		if got := networkLayer(linktype.Ethernet, b); got != nil {
			t.Errorf("%x: network layer %x", b, got)
		}
	}
}
