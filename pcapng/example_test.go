package pcapng_test

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// Write a pcapng stream with one interface and two packets, then read it
// back.
func ExampleNewWriter() {
	var buf bytes.Buffer
	w, err := pcapng.NewWriter(&buf, pcapng.WriterOptions{})
	if err != nil {
		panic(err)
	}
	id, err := w.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: "eth0", Filter: "icmp"})
	if err != nil {
		panic(err)
	}
	for i := 0; i < 2; i++ {
		frame := make([]byte, 60)
		err := w.WritePacket(pcapng.Packet{InterfaceID: id, Timestamp: time.Unix(1700000000, int64(i)), Data: frame, Direction: pcapng.DirectionInbound})
		if err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}

	r, err := pcapng.Open(&buf)
	if err != nil {
		panic(err)
	}
	for {
		p, err := r.ReadPacket()
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		ifc := r.Interfaces()[p.InterfaceID]
		fmt.Println(ifc.Name, ifc.LinkType, len(p.Data), p.Timestamp.UnixNano())
	}
	// Output:
	// eth0 EN10MB 60 1700000000000000000
	// eth0 EN10MB 60 1700000000000000001
}
