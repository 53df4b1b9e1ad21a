package main

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/internal/printer/testframes"
	"github.com/gocap/gocap/linktype"
)

// printLine is the text line of one packet, without time stamp.
func printLine(t *testing.T, data []byte, length int, lt linktype.Type) string {
	t.Helper()
	var b bytes.Buffer
	p := printer.New(&b, printer.Options{Timestamp: 1, Numeric: true})
	if err := p.Print(&printer.Packet{Data: data, Length: length, LinkType: lt}); err != nil {
		t.Fatal(err)
	}
	p.Flush()
	return strings.TrimSpace(b.String())
}

// TestCookSLL2: Ethernet and raw IP packets rewritten as LINUX_SLL2 carry
// the kernel's cooked header fields and the same network layer, which the
// printer decodes as it does the original.
func TestCookSLL2(t *testing.T) {
	c := &cooker{ifIndex: 7, haType: arphrdEther, snapLen: 262144}
	checked := 0
	for _, f := range append(testframes.Fixed(), testframes.Random(5, 200)...) {
		if len(f.Data) < 14 {
			continue
		}
		for _, dir := range []capture.Direction{capture.DirIncoming, capture.DirOutgoing, capture.DirBroadcast} {
			p := capture.Packet{Data: f.Data, Length: f.Length, LinkType: linktype.Ethernet, Direction: dir}
			data, length := c.cook(&p)
			if len(data) != len(f.Data)+6 || length != f.Length+6 {
				t.Fatalf("%s: %d/%d bytes cooked from %d/%d", f.Name, len(data), length, len(f.Data), f.Length)
			}
			if !bytes.Equal(data[0:2], f.Data[12:14]) || binary.BigEndian.Uint32(data[4:]) != 7 ||
				binary.BigEndian.Uint16(data[8:]) != arphrdEther || data[10] != uint8(dir) || data[11] != 6 ||
				!bytes.Equal(data[12:18], f.Data[6:12]) || !bytes.Equal(data[20:], f.Data[14:]) {
				t.Fatalf("%s: header % x from % x", f.Name, data[:20], f.Data[:14])
			}
		}
		et := binary.BigEndian.Uint16(f.Data[12:])
		if et != 0x0800 && et != 0x86dd {
			continue
		}
		// The same network layer, whatever the link layer: the cooked
		// line is the Ethernet line after the interface and direction.
		p := capture.Packet{Data: f.Data, Length: f.Length, LinkType: linktype.Ethernet}
		data, length := c.cook(&p)
		eth := printLine(t, f.Data, f.Length, linktype.Ethernet)
		cooked := printLine(t, data, length, linktype.LinuxSLL2)
		if !strings.HasSuffix(cooked, " "+eth) || !strings.Contains(cooked, "In ") {
			t.Errorf("%s:\nEthernet %q\ncooked   %q", f.Name, eth, cooked)
		}
		// And as a tun device gives it, without the Ethernet header.
		raw := capture.Packet{Data: f.Data[14:], Length: f.Length - 14, LinkType: linktype.Raw}
		rc := &cooker{ifIndex: 9, haType: arphrdNone, snapLen: 262144}
		rdata, rlength := rc.cook(&raw)
		if !bytes.Equal(rdata[0:2], f.Data[12:14]) || rdata[11] != 0 || rlength != f.Length+6 {
			t.Errorf("%s: raw cooked header % x, length %d", f.Name, rdata[:20], rlength)
		}
		if got := printLine(t, rdata, rlength, linktype.LinuxSLL2); !strings.HasSuffix(got, " "+eth) {
			t.Errorf("%s: raw, cooked:\n%q\nwant the end of %q", f.Name, got, eth)
		}
		if checked == 0 {
			t.Logf("Ethernet %q\ncooked   %q", eth, cooked)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d IP frames compared", checked)
	}
	// The snap length bounds the cooked packet, the wire length does not.
	big := make([]byte, 1514)
	big[12], big[13] = 0x08, 0x00
	s := &cooker{snapLen: 100}
	if d, l := s.cook(&capture.Packet{Data: big, Length: 1514, LinkType: linktype.Ethernet}); len(d) != 100 || l != 1520 {
		t.Errorf("snap 100: %d bytes, length %d", len(d), l)
	}
	// Cooked packets ("any", unknown link layers) pass unchanged.
	in := []byte{1, 2, 3}
	if d, l := s.cook(&capture.Packet{Data: in, Length: 3, LinkType: linktype.LinuxSLL2}); &d[0] != &in[0] || l != 3 {
		t.Errorf("an SLL2 packet was rewritten")
	}
}

// TestCookSLL1: a LINUX_SLL (v1) packet, as a GRE or PPP device gives it,
// rewritten as LINUX_SLL2 prints as the same packet.
func TestCookSLL1(t *testing.T) {
	c := &cooker{ifIndex: 5, snapLen: 262144}
	n := 0
	for _, f := range testframes.Fixed() {
		if len(f.Data) < 14 || binary.BigEndian.Uint16(f.Data[12:]) != 0x0800 {
			continue
		}
		v1 := append([]byte{0, 4, 0x03, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, f.Data[12:]...) // outgoing, ARPHRD_IPGRE
		p := capture.Packet{Data: v1, Length: f.Length + 2, LinkType: linktype.LinuxSLL, Direction: capture.DirOutgoing}
		data, length := c.cook(&p)
		if length != f.Length+6 || len(data) != len(v1)+4 || binary.BigEndian.Uint16(data[8:]) != 0x030a || data[10] != 4 ||
			binary.BigEndian.Uint32(data[4:]) != 5 || !bytes.Equal(data[0:2], []byte{8, 0}) {
			t.Fatalf("%s: % x (%d) from % x", f.Name, data[:20], length, v1[:16])
		}
		want := printLine(t, v1, p.Length, linktype.LinuxSLL)
		got := printLine(t, data, length, linktype.LinuxSLL2)
		i, j := strings.Index(want, "IP "), strings.Index(got, "IP ")
		if i < 0 || j < 0 || want[i:] != got[j:] {
			t.Errorf("%s:\nv1 %q\nv2 %q", f.Name, want, got)
		}
		n++
	}
	if n < 5 {
		t.Errorf("only %d frames compared", n)
	}
}
