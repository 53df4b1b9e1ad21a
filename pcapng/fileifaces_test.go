package pcapng

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/gocap/gocap/linktype"
)

// TestFileInterfacesAcrossSections: the handmade file's second section
// starts its interface ids again; FileInterfaces keeps its interface 0
// (LINUX_SLL2) apart from the first section's (Ethernet), and the file's
// interfaces, made Writable, take every packet with its time stamp, link
// type and bytes, even with a binary if_tsresol and an if_tsoffset.
func TestFileInterfacesAcrossSections(t *testing.T) {
	for _, bo := range []byteOrder{binary.LittleEndian, binary.BigEndian} {
		r, err := Open(bytes.NewReader(handmade(bo)))
		if err != nil {
			t.Fatal(err)
		}
		var numbers FileInterfaces
		var out bytes.Buffer
		w, err := NewWriter(&out, WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var read []Packet
		var sections []int
		for {
			p, err := r.ReadPacket()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			n, added, ok := numbers.Number(r, p.InterfaceID)
			if !ok {
				t.Fatalf("interface %d of section %d not numbered", p.InterfaceID, r.Section().Index)
			}
			if added {
				ifc, _ := numbers.Interface(n)
				if got, err := w.AddInterface(ifc.Writable()); err != nil || got != n {
					t.Fatalf("AddInterface(%+v) = %d, %v; want %d", ifc.Writable(), got, err, n)
				}
			}
			p.Data = bytes.Clone(p.Data)
			p.InterfaceID = n
			read = append(read, p)
			sections = append(sections, r.Section().Index)
			if err := w.WritePacket(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if numbers.Len() != 3 || sections[len(sections)-1] != 1 || sections[0] != 0 {
			t.Fatalf("%d interfaces numbered, sections %v; want 3, from 0 to 1", numbers.Len(), sections)
		}
		if ifc, _ := numbers.Interface(2); ifc.LinkType != linktype.LinuxSLL2 {
			t.Errorf("the second section's interface 0 is numbered 2 with link type %v", ifc.LinkType)
		}
		back, err := Open(&out)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range read {
			got, err := back.ReadPacket()
			if err != nil {
				t.Fatalf("packet %d: %v", i, err)
			}
			if got.InterfaceID != want.InterfaceID || got.LinkType != want.LinkType || !got.Timestamp.Equal(want.Timestamp) || !bytes.Equal(got.Data, want.Data) {
				t.Errorf("packet %d: wrote interface %d %v %v, read back %d %v %v", i, want.InterfaceID, want.LinkType, want.Timestamp, got.InterfaceID, got.LinkType, got.Timestamp)
			}
		}
	}
}
