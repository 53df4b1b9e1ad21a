package capture_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"golang.org/x/net/bpf"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// offline compiles expr as tcpdump -r does (no live-Linux extensions).
func offline(expr string) capture.CompileFunc {
	return func(lt linktype.Type, snapLen uint32) ([]bpf.RawInstruction, error) {
		p, err := filter.Compile(expr, filter.Options{LinkType: lt, SnapLen: snapLen})
		if err != nil {
			return nil, err
		}
		return p.Raw, nil
	}
}

// Read a capture file through a filter, as gocap -r does. (A live capture
// is capture.Open with Options; both are a Source.)
func ExampleNewFile() {
	var file bytes.Buffer
	w, _ := pcapng.NewWriter(&file, pcapng.WriterOptions{})
	id, _ := w.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet})
	for _, proto := range []byte{1, 17, 1} { // ICMP, UDP, ICMP
		frame := make([]byte, 42)
		frame[12], frame[13] = 0x08, 0x00 // IPv4
		frame[14], frame[23] = 0x45, proto
		w.WritePacket(pcapng.Packet{InterfaceID: id, Timestamp: time.Unix(0, 0), Data: frame})
	}
	w.Close()

	src, err := capture.NewFile(&file, offline("icmp"), 0)
	if err != nil {
		panic(err)
	}
	defer src.Close()
	matched := 0
	for {
		_, err := src.ReadPacket(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		matched++
	}
	fmt.Println(matched, "ICMP packets")
	// Output:
	// 2 ICMP packets
}
