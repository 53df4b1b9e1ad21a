// Package pcapng writes and reads capture files: pcapng, the format
// Wireshark reads natively, and classic pcap, the format every libpcap
// program reads.
//
// # Writing
//
// NewWriter starts a pcapng section (shb_hardware, shb_os, shb_userappl
// "gocap <Version>"). AddInterface writes an Interface Description Block —
// link type, snap length, if_name, if_description, if_tsresol (always
// nanoseconds unless asked for microseconds), if_filter (the filter
// expression, as a libpcap filter string), if_os — and may be called at any
// point, so interfaces that appear during a capture are declared when they
// do. WritePacket writes an Enhanced Packet Block with a nanosecond
// timestamp, captured and original lengths, epb_flags (direction and
// reception type), epb_dropcount when non-zero and an optional comment.
// WriteStatistics records an interface's counters; Close writes them as
// Interface Statistics Blocks (isb_starttime, isb_endtime, isb_ifrecv,
// isb_ifdrop, isb_filteraccept, isb_osdrop, isb_usrdeliv) and flushes.
//
// NewPcapWriter writes classic pcap with the same methods (the PacketWriter
// interface): nanosecond magic 0xa1b23c4d by default, microsecond
// 0xa1b2c3d4 with WriterOptions.Micro. Link types are libpcap's DLT_ values
// (package linktype), converted to and from the LINKTYPE_ values files
// store as they are written and read (DLT_RAW 12 is LINKTYPE_RAW 101). Create opens a file (or "-" for standard output) and
// picks the format from the name: ".pcap" means classic pcap.
//
// # Buffering and consistency
//
// Writers append whole blocks to a buffer and write the buffer out when it
// is full (256 KiB by default), on Flush, or after every packet with
// WriterOptions.FlushEachPacket (tcpdump's -U). The file is therefore a
// valid capture up to its last complete block at every moment: a reader
// racing the writer sees whole blocks or a clean truncation. When a write
// fails (ENOSPC, EPIPE), the writer cuts a regular file (not one opened
// for appending) back to the last block written whole, stops writing, and
// returns an error wrapping the system error and saying how far the output
// is valid; later calls return the same error.
//
// Writers are safe for concurrent use: a signal handler's goroutine may
// Close while the capture loop writes, and a ticker may call Flush so that
// a pipe reader (`| wireshark -k -i -`) sees packets within a second even
// without -U; writes after Close return ErrClosed.
//
// On SIGINT or SIGTERM the caller must call Close (after collecting the
// final statistics with WriteStatistics): that writes the statistics
// blocks and flushes, so the file is complete.
//
// # Standard output and libpcap
//
// libpcap's pcapng reader (and so `tcpdump -r -`) takes the link type and
// snap length of the first interface it sees and refuses any later
// interface that differs in either — even in a new section, since it
// compares against the first interface of the file, not of the section. So
// starting a new section does not help. Create therefore sets
// WriterOptions.LibpcapCompatible for "-": every interface is declared with
// the first one's snap length, and an interface of another link type is
// refused with ErrMixedLinkTypes. A capture of several interfaces with
// different link types to standard output must then use one link type for
// all of them — Linux cooked capture v2 (LINKTYPE_LINUX_SLL2), as
// `tcpdump -i any` does — which Wireshark and tcpdump both read. Files keep
// each interface's own link type; Wireshark reads those, libpcap does not.
//
// Package rotate (pcapng/rotate) splits a capture into files as tcpdump's
// -C, -G and -W do, each file complete with its interfaces and statistics.
//
// # Reading
//
// Open detects the format and returns a Reader for classic pcap (micro- and
// nanosecond magics, either byte order, the modified pcap of Linux 2.2
// patches) or pcapng (any number of sections in either byte order, any
// number of interfaces, Enhanced, Simple and the obsolete Packet Blocks,
// if_tsresol in decimal or binary units, if_tsoffset, Interface Statistics
// Blocks; name resolution, decryption secrets, custom and unknown blocks
// are skipped). Each packet carries its interface's link type.
//
// A packet's InterfaceID counts within its section (Section().Index says
// which): FileInterfaces numbers interfaces across a whole file, so that
// interface 0 of a second section (two files concatenated) stays apart
// from the first's, and Interface.Writable makes a read interface one a
// Writer declares for its packets (nanoseconds for any if_tsresol the
// writers do not write).
//
// Input is untrusted: a block may claim at most 16 MiB, and buffers grow
// only as bytes actually arrive, so a lying length field costs at most a
// megabyte; corrupt or truncated input yields a *FormatError naming the
// byte offset of the block at fault, never a panic.
package pcapng
