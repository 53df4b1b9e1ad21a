package main

import (
	"io"
	"strings"

	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/pcapng"
)

// textWriter prints the merged capture as gocap does, each line naming
// the node's interface ("node:eth0") and the pod after the time stamp.
// It is a pcapng.PacketWriter, so fleet.Merge writes to it as to a file.
type textWriter struct {
	p      *printer.Printer
	ifaces []pcapng.Interface
	n      int64
}

func newTextWriter(w io.Writer, o printer.Options) *textWriter {
	p := printer.New(w, o)
	p.SetLineBuffered(true) // a live capture: every line as it comes
	return &textWriter{p: p}
}

func (t *textWriter) AddInterface(ifc pcapng.Interface) (int, error) {
	t.ifaces = append(t.ifaces, ifc)
	return len(t.ifaces) - 1, nil
}

func (t *textWriter) WritePacket(p pcapng.Packet) error {
	ifc := t.ifaces[p.InterfaceID]
	t.n++
	return t.p.Print(&printer.Packet{Time: p.Timestamp, Data: p.Data, Length: p.WireLength(), LinkType: ifc.LinkType,
		Interface: ifc.Name, Process: podOf(p.Comment)})
}

// podOf reads the pod from the comment fleet.Merge gives each packet
// ("node=N pod=NS/NAME").
func podOf(comment string) string {
	line, _, _ := strings.Cut(comment, "\n")
	for _, f := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(f, "pod="); ok {
			return v
		}
	}
	return ""
}

func (t *textWriter) WriteStatistics(int, pcapng.Stats) error { return nil }
func (t *textWriter) Flush() error                            { return t.p.Flush() }
func (t *textWriter) Close() error                            { return t.p.Flush() }
func (t *textWriter) Size() int64                             { return 0 }
func (t *textWriter) Format() pcapng.Format                   { return pcapng.FormatAuto }
