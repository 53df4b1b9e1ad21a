package fleet

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// FuzzMerge merges two streams of arbitrary bytes. The nodes' streams come
// over the network from another machine's gocap: whatever they hold, Merge
// must end, never panic, keep a broken stream's failure to that stream,
// write every packet of a stream that reads cleanly, and write a capture
// that reads back with what its summary counts.
func FuzzMerge(f *testing.F) {
	a := fakeCapture{ifaces: []string{"eth0", "eth1"}, pkts: []fakePkt{{1, 2 * time.Millisecond, "a1"}, {0, 1 * time.Millisecond, "a2"}, {1, 5 * time.Millisecond, "a3"}},
		stats: []pcapng.Stats{{Received: 3, Present: pcapng.StatReceived}}}
	b := fakeCapture{ifaces: []string{"any"}, pkts: []fakePkt{{0, 3 * time.Millisecond, "b1"}, {0, 4 * time.Millisecond, "b2"}}}
	ab, bb := a.bytes(f), b.bytes(f)
	f.Add(ab, bb)
	f.Add(ab[:len(ab)-7], bb)
	f.Add(bb, []byte("gocap: eth0: permission denied\n"))
	for _, name := range []string{"handmade-le.pcapng", "handmade-be.pcapng"} {
		fixture, err := os.ReadFile(filepath.Join("..", "testdata", "pcapng", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(fixture, ab)
	}
	f.Fuzz(func(t *testing.T, s1, s2 []byte) {
		inputs := [][]byte{s1, s2}
		var streams []Stream
		for i, in := range inputs {
			streams = append(streams, Stream{Node: string(rune('a' + i)), R: bytes.NewReader(in)})
		}
		var out bytes.Buffer
		w, err := pcapng.NewWriter(&out, pcapng.WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		sum, err := Merge(ctx, w, streams, MergeOptions{Window: time.Millisecond})
		if err != nil {
			t.Fatalf("Merge: %v", err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		merged, err := readLinkTypes(out.Bytes(), true)
		if err != nil {
			t.Fatalf("the merged capture does not read back: %v", err)
		}
		var perStream uint64
		for i, in := range inputs {
			res := sum.Streams[i]
			perStream += res.Packets
			node := streams[i].Node
			if want, err := readLinkTypes(in, false); err == nil {
				if res.Err != nil || res.Packets != want.packets {
					t.Errorf("stream %s reads cleanly with %d packets; merged %d, error %v", node, want.packets, res.Packets, res.Err)
				}
				// Each packet keeps its link type, across sections too.
				if got := merged.byNode[node]; !maps.Equal(got, want.byNode[""]) {
					t.Errorf("stream %s: link types %v merged as %v", node, want.byNode[""], got)
				}
			}
		}
		if merged.packets != sum.Packets || perStream != sum.Packets {
			t.Errorf("merged capture holds %d packets; summary %d, streams' sum %d", merged.packets, sum.Packets, perStream)
		}
	})
}

// linkTypes is what readLinkTypes found: the packets, and how many of
// each link type came from each node (in a merged capture the part of
// the interface's name before the first colon; "" otherwise).
type linkTypes struct {
	packets uint64
	byNode  map[string]map[linktype.Type]int
}

// readLinkTypes reads a capture to its end; an error if it does not read
// cleanly.
func readLinkTypes(b []byte, merged bool) (linkTypes, error) {
	lt := linkTypes{byNode: map[string]map[linktype.Type]int{}}
	r, err := pcapng.Open(bytes.NewReader(b))
	if err != nil {
		return lt, err
	}
	for {
		p, err := r.ReadPacket()
		if errors.Is(err, io.EOF) {
			return lt, nil
		}
		if err != nil {
			return lt, err
		}
		lt.packets++
		node := ""
		if merged {
			node, _, _ = strings.Cut(r.Interfaces()[p.InterfaceID].Name, ":")
		}
		if lt.byNode[node] == nil {
			lt.byNode[node] = map[linktype.Type]int{}
		}
		lt.byNode[node][p.LinkType]++
	}
}
