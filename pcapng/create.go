package pcapng

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// NewPacketWriter returns the writer for format f on w (FormatAuto means
// pcapng).
func NewPacketWriter(w io.Writer, f Format, opts WriterOptions) (PacketWriter, error) {
	if f == FormatPcap {
		return NewPcapWriter(w, opts), nil
	}
	return NewWriter(w, opts)
}

// Create opens name for writing ("-" is standard output) and returns a
// writer whose Close also closes the file. FormatAuto picks by name. On
// standard output, LibpcapCompatible is forced on so that `| tcpdump -r -`
// keeps working (see doc.go).
func Create(name string, f Format, opts WriterOptions) (PacketWriter, error) {
	f = FormatForName(name, f)
	if name == "-" {
		opts.LibpcapCompatible = true
		w, err := NewPacketWriter(os.Stdout, f, opts)
		if err != nil {
			return nil, err
		}
		return w, nil
	}
	file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f, err)
	}
	w, err := NewPacketWriter(file, f, opts)
	if err != nil {
		file.Close()
		return nil, err
	}
	return &fileWriter{PacketWriter: w, file: file}, nil
}

// BatchWriter is implemented by the writers that can take several packets
// in one call (pcapng's and classic pcap's): the packets are written in
// order, under one lock; on an error the count says how many were. With
// FlushEachPacket the output is flushed once, after the last packet.
type BatchWriter interface {
	WritePackets(ps []Packet) (int, error)
}

var (
	_ BatchWriter = (*Writer)(nil)
	_ BatchWriter = (*PcapWriter)(nil)
	_ BatchWriter = (*fileWriter)(nil)
)

// fileWriter closes its file after the writer.
type fileWriter struct {
	PacketWriter
	file   *os.File
	mu     sync.Mutex
	closed bool
}

// WritePackets implements BatchWriter for the writers that do.
func (fw *fileWriter) WritePackets(ps []Packet) (int, error) {
	if bw, ok := fw.PacketWriter.(BatchWriter); ok {
		return bw.WritePackets(ps)
	}
	for i := range ps {
		if err := fw.PacketWriter.WritePacket(ps[i]); err != nil {
			return i, err
		}
	}
	return len(ps), nil
}

func (fw *fileWriter) Close() error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if fw.closed {
		return nil
	}
	fw.closed = true
	err := fw.PacketWriter.Close()
	if cerr := fw.file.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: closing %s: %w", fw.Format(), fw.file.Name(), cerr)
	}
	return err
}
