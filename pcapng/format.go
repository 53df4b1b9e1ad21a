package pcapng

import "strings"

// Format is a capture file format.
type Format int

const (
	// FormatAuto picks by file name: ".pcap" (and ".cap") mean classic
	// pcap, everything else, stdout included, pcapng.
	FormatAuto Format = iota
	FormatPcapng
	FormatPcap
)

func (f Format) String() string {
	switch f {
	case FormatPcapng:
		return "pcapng"
	case FormatPcap:
		return "pcap"
	}
	return "auto"
}

// FormatForName resolves FormatAuto for an output name as gocap's -w does.
func FormatForName(name string, f Format) Format {
	if f != FormatAuto {
		return f
	}
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".pcap") || strings.HasSuffix(lower, ".cap") {
		return FormatPcap
	}
	return FormatPcapng
}

// PacketWriter is what both writers offer, so that callers choose the
// format by flag or file name and write the same way.
type PacketWriter interface {
	// AddInterface declares an interface and returns the id packets refer
	// to. Classic pcap accepts several only when they share a link type.
	AddInterface(Interface) (int, error)
	// WritePacket appends one packet; Data longer than the interface's
	// snap length is cut to it (libpcap refuses longer records).
	WritePacket(Packet) error
	// WriteStatistics records the interface's counters; Close writes them
	// (pcapng: one Interface Statistics Block per interface; classic pcap
	// has nowhere to put them and ignores them).
	WriteStatistics(id int, s Stats) error
	// Flush writes out buffered whole blocks.
	Flush() error
	// Close writes the statistics and flushes; it does not close the
	// underlying io.Writer (Create's writers close their file).
	Close() error
	// Size is the number of bytes written so far, buffered ones included,
	// as tcpdump's -C measures it.
	Size() int64
	Format() Format
}
