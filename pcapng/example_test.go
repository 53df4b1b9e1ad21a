package pcapng_test

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

func Example() {
	var file bytes.Buffer
	w, err := pcapng.NewWriter(&file, pcapng.WriterOptions{UserApplication: "gocap example"})
	if err != nil {
		panic(err)
	}
	eth0, _ := w.AddInterface(pcapng.Interface{
		LinkType: linktype.Type(1), SnapLen: 262144, Name: "eth0", Filter: "tcp port 80",
	})
	start := time.Unix(1_700_000_000, 0)
	w.WritePacket(pcapng.Packet{
		InterfaceID: eth0, Timestamp: start.Add(1500 * time.Nanosecond),
		Data: make([]byte, 60), OriginalLength: 1514, Direction: pcapng.DirectionInbound,
		Reception: pcapng.ReceptionUnicast, Comment: "first",
	})
	w.WriteStatistics(eth0, pcapng.Stats{Start: start, End: start.Add(time.Second), Received: 1, Dropped: 0})
	w.Close() // writes the statistics block and flushes

	r, err := pcapng.Open(&file)
	if err != nil {
		panic(err)
	}
	for {
		p, err := r.ReadPacket()
		if err == io.EOF {
			break
		}
		fmt.Println(p.Timestamp.UTC().Format(time.RFC3339Nano), p.LinkType, len(p.Data), p.WireLength(), p.Direction, p.Reception, p.Comment)
	}
	ifc := r.Interfaces()[0]
	st, _ := r.Statistics(0)
	fmt.Println(ifc.Name, ifc.Filter, st.Received)
	// Output:
	// 2023-11-14T22:13:20.0000015Z EN10MB 60 1514 inbound unicast first
	// eth0 tcp port 80 1
}
