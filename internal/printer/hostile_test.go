package printer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/linktype"
)

// TestDNSNameBounded checks the rules that bound the work of reading a
// compressed name: pointers only backwards, and no run of labels reaching
// into one read before.
func TestDNSNameBounded(t *testing.T) {
	// "example.com." at 12, "www" + pointer to it at 25.
	legit := append(make([]byte, 12), 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 3, 'w', 'w', 'w', 0xc0, 12)
	tests := []struct {
		name string
		msg  []byte
		off  int
		want string
		err  error
	}{
		{"plain", legit, 12, "example.com.", nil},
		{"compressed", legit, 25, "www.example.com.", nil},
		{"root", append(make([]byte, 12), 0), 12, ".", nil},
		{"forward", append(make([]byte, 12), 0xc0, 14, 1, 'a', 0), 12, "<BAD PTR>", errDNSBadPtr},
		{"self", append(make([]byte, 12), 0xc0, 12), 12, "<BAD PTR>", errDNSBadPtr},
		{"loop", append(make([]byte, 12), 1, 'a', 0xc0, 12), 12, "a.<BAD PTR>", errDNSBadPtr},
		{"not-before-run", append(make([]byte, 12), 1, 'a', 1, 'b', 1, 'c', 0xc0, 14), 18, "b.c.<BAD PTR>", errDNSBadPtr},
		// 16: "c" then a pointer back to 12, where "a", "b" run into 16
		// again: the pointer goes backwards, the labels would be read twice.
		{"overlap", append(make([]byte, 12), 1, 'a', 1, 'b', 1, 'c', 0xc0, 12, 0xc0, 16), 20, "c.a.b.<BAD PTR>", errDNSBadPtr},
		{"long", longName(), 12 + 65 + 3*66, strings.Repeat(strings.Repeat("x", 63)+".", 4) + "<NAME TOO LONG>", errDNSLong},
		{"truncated", append(make([]byte, 12), 5, 'a'), 12, "a", errDNSTrunc},
	}
	for _, tt := range tests {
		got, _, err := dnsMsg{tt.msg}.name(tt.off)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("%s: name = %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.err)
		}
	}
}

// TestHostileDNSBounded prints the largest DNS message with forward
// compression pointers (over TCP, 65535 bytes) with every flag set: each
// answer's name points forward to a looping run of labels. A reader that
// follows pointers with a hop limit spends hops × run length per answer
// (seconds to minutes per packet); the bound here is generous, a hang is
// what it catches.
func TestHostileDNSBounded(t *testing.T) {
	msg := testframes.DNSForwardPointers(true, 4000)
	seg := append(binary.BigEndian.AppendUint16(nil, uint16(len(msg))), msg...)
	if len(seg) > 65000 {
		t.Fatalf("message of %d bytes does not fit a segment", len(seg))
	}
	frame := testframes.TCP4(53, 40000, seg)
	for _, o := range fuzzOptionSets {
		var out bytes.Buffer
		o.Numeric = true
		p := New(&out, o)
		start := time.Now()
		if err := p.Print(&Packet{Data: frame, Length: len(frame), LinkType: linktype.Ethernet}); err != nil {
			t.Fatal(err)
		}
		if err := p.Flush(); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%+v: %v to print one packet", o, d)
		}
		if o.Verbose > 0 && !strings.Contains(out.String(), "<BAD PTR> [|domain]") {
			t.Errorf("%+v: no bad pointer marker in %.200q", o, out.String())
		}
	}
}

// longName is a message whose name at 12+65+3*66 is five 63-byte labels, the
// first four read through pointers backwards: 320 octets.
func longName() []byte {
	m := make([]byte, 12)
	label := append([]byte{63}, bytes.Repeat([]byte{'x'}, 63)...)
	prev := len(m)
	m = append(append(m, label...), 0)
	for i := 1; i < 5; i++ {
		start := len(m)
		m = append(append(m, label...), 0xc0|byte(prev>>8), byte(prev))
		prev = start
	}
	return m
}
