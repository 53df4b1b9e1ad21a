package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
	"github.com/gocap/gocap/pcapng/rotate"
)

// newPrinter builds the text printer from the output options.
func newPrinter(e *env, w io.Writer, o *options) *printer.Printer {
	p := printer.New(w, printer.Options{
		Location:    e.loc,
		Timestamp:   o.timestamps,
		Nano:        o.precision == "nano",
		LinkHeader:  o.linkHeader,
		Quiet:       o.quiet,
		Verbose:     o.verbose,
		Numeric:     o.numeric > 0,
		Hex:         o.hex,
		HexASCII:    o.hexASCII,
		ASCII:       boolCount(o.ascii),
		AbsoluteSeq: o.absSeq,
		Number:      o.number,
		SMB:         o.smb,
		PacketType:  o.packetType,
	})
	// tcpdump's -l; and like stdio, line-buffer when stdout is a terminal.
	if o.lineBuf || o.packetBuf || (w == os.Stdout && isTerminal(os.Stdout)) {
		p.SetLineBuffered(true)
	}
	return p
}

func boolCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writerOptions are the pcapng/pcap writer settings from the command line.
func writerOptions(o *options) pcapng.WriterOptions {
	return pcapng.WriterOptions{
		FlushEachPacket: o.packetBuf,
		Micro:           o.precision == "micro",
	}
}

// openWriter opens -w: a rotating writer with -C/-G, standard output for
// "-", else the named file. The format is pcapng unless --pcap or the name
// ends in .pcap.
//
// stats, when not nil, gives the statistics written into each rotated
// file as it is closed.
func openWriter(e *env, o *options, stats func(id int) (pcapng.Stats, bool)) (pcapng.PacketWriter, error) {
	format := pcapng.FormatAuto
	if o.pcap {
		format = pcapng.FormatPcap
	}
	wo := writerOptions(o)
	if o.writeFile == "-" {
		// Keep `gocap -w - | tcpdump -r -` working: libpcap reads only
		// pcapng sections whose interfaces share a link type and snap length.
		wo.LibpcapCompatible = true
		if format == pcapng.FormatAuto {
			format = pcapng.FormatPcapng
		}
		w, err := pcapng.NewPacketWriter(e.stdout, format, wo)
		if err != nil {
			return nil, fmt.Errorf("writing to standard output: %w", err)
		}
		return w, nil
	}
	if o.fileSize > 0 || o.rotateSecs > 0 {
		w, err := rotate.New(o.writeFile, rotate.Options{
			FileSize:  o.fileSize,
			Interval:  time.Duration(o.rotateSecs) * time.Second,
			FileCount: o.fileCount,
			Format:    format,
			Writer:    wo,
			Stats:     stats,
		})
		if err != nil {
			return nil, fmt.Errorf("opening %s for -w: %w", o.writeFile, err)
		}
		return w, nil
	}
	w, err := pcapng.Create(o.writeFile, format, wo)
	if err != nil {
		return nil, fmt.Errorf("opening %s for -w: %w (check the directory exists and is writable)", o.writeFile, err)
	}
	return w, nil
}

// linkTypeText is "EN10MB (Ethernet)", as tcpdump prints link types.
func linkTypeText(lt linktype.Type) string {
	if d := lt.Description(); d != "" {
		return fmt.Sprintf("%s (%s)", lt, d)
	}
	return lt.String()
}

func plural(n uint64) string {
	if n == 1 {
		return ""
	}
	return "s"
}
