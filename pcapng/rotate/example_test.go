package rotate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"github.com/gocap/gocap/pcapng/rotate"
)

// Rotate like tcpdump -w cap.pcap -C 1 -W 3: a new file after each
// million bytes, keeping three, named cap.pcap0, cap.pcap1, cap.pcap2.
func ExampleNew() {
	dir, err := os.MkdirTemp("", "rotate-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	size, _ := rotate.ParseFileSize("1") // -C 1: a million bytes
	w, err := rotate.New(filepath.Join(dir, "cap.pcap"), rotate.Options{FileSize: size, FileCount: 3})
	if err != nil {
		panic(err)
	}
	id, err := w.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144})
	if err != nil {
		panic(err)
	}
	frame := make([]byte, 1500)
	for i := 0; i < 2000; i++ { // 3 MB: the writer wraps around
		if err := w.WritePacket(pcapng.Packet{InterfaceID: id, Timestamp: time.Unix(0, 0), Data: frame}); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	for _, name := range w.Files() { // every file opened, in order: -W 3 reuses cap.pcap0
		fmt.Println(filepath.Base(name))
	}
	fmt.Println(w.Format())
	// Output:
	// cap.pcap0
	// cap.pcap1
	// cap.pcap2
	// cap.pcap0
	// pcap
}
