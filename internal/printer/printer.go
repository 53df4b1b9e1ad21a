package printer

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/gocap/gocap/linktype"
)

// Options are tcpdump's output options.
type Options struct {
	Timestamp   int            // number of -t: 0 time of day, 1 none, 2 Unix seconds, 3 delta, 4 date, 5 delta since first
	Nano        bool           // nanosecond time stamps (--nano)
	Location    *time.Location // time zone of the time stamps; nil means time.Local
	LinkHeader  bool           // -e
	Quiet       bool           // -q
	Verbose     int            // number of -v
	Numeric     bool           // -n: no names for addresses and ports
	Hex         int            // number of -x
	HexASCII    int            // number of -X
	ASCII       int            // number of -A
	AbsoluteSeq bool           // -S
	Number      bool           // -#
	PacketType  string         // -T: "cnfp" prints every UDP payload as Cisco NetFlow, "carp" IP protocol 112 as CARP
	// SMB prints NetBIOS (UDP 137/138, TCP 139, IPX) and SMB (TCP 445) as
	// tcpdump built with --enable-smb does; tcpdump 4.99's default build,
	// like gocap by default, prints only the UDP/TCP/IPX line for them.
	SMB bool
	// Names looks up host and port names when Numeric is false; nil means
	// the local files (/etc/hosts, /etc/services).
	Names Names
}

// Packet is one captured packet.
type Packet struct {
	Time     time.Time
	Data     []byte // the captured bytes
	Length   int    // the original length on the wire
	LinkType linktype.Type
	// Interface, when set, is printed after the time stamp: gocap captures
	// on several named interfaces at once, which tcpdump cannot, and says
	// which one each packet came from.
	Interface string
	// Process, when set, is printed after the interface name: the local
	// process that owns the packet's socket (gocap --context process).
	Process string
}

// Printer formats packets. It keeps the state tcpdump keeps between
// packets: the previous time stamp, the packet count and the initial TCP
// sequence numbers of each connection.
type Printer struct {
	w     *bufio.Writer
	flush bool
	opts  Options
	names Names

	count   uint64
	first   time.Time
	prev    time.Time
	tcpSeqs map[tcpKey]*tcpSeq
	slip    slipState      // SLIP's compressed-TCP context (link-layer printers)
	ike     ikeCookies     // ISAKMP initiator cookies (isakmp.go)
	nfsXIDs nfsXIDs        // recent NFS calls, for their replies (nfs.go)
	trans2  smbTrans2State // the last TRANSACT2 request, for its reply (smb.go)

	// One packet's line and dissector, reused from packet to packet: at
	// capture rates allocating them (and growing the line) per packet was
	// half of the printer's allocations.
	line buf
	dis  dissector
}

// New returns a printer writing to w. Output is buffered; Flush writes it
// out (and line-buffered mode flushes after every packet).
func New(w io.Writer, o Options) *Printer {
	if o.Location == nil {
		o.Location = time.Local
	}
	p := &Printer{w: bufio.NewWriterSize(w, 64*1024), opts: o, tcpSeqs: map[tcpKey]*tcpSeq{}}
	if !o.Numeric {
		p.names = o.Names
		if p.names == nil {
			p.names = systemNames()
		}
	}
	return p
}

// SetLineBuffered makes the printer flush after every packet (tcpdump -l,
// and what gocap does when standard output is a terminal).
func (p *Printer) SetLineBuffered(on bool) { p.flush = on }

// Flush writes out buffered output.
func (p *Printer) Flush() error { return p.w.Flush() }

// Print writes one packet.
func (p *Printer) Print(pkt *Packet) error {
	p.count++
	b := &p.line
	*b = buf{s: b.s[:0], o: &p.opts, p: p}
	if p.opts.Number {
		b.printf("%5d  ", p.count)
	}
	// tcpdump refuses a record whose lengths cannot be: nothing captured,
	// or more captured than was on the wire. The time stamp is neither
	// printed nor kept for the next packet's delta.
	if msg := invalidHeader(len(pkt.Data), pkt.Length); msg != "" {
		b.str(msg)
		return p.emit(b)
	}
	p.timestamp(b, pkt.Time)
	if pkt.Interface != "" {
		b.str(pkt.Interface + " ")
	}
	if pkt.Process != "" {
		b.str(pkt.Process + " ")
	}
	d := &p.dis
	*d = dissector{b: b, p: p, data: pkt.Data, wireLen: pkt.Length}
	hdrLen := d.link(pkt.LinkType)
	if d.early {
		hdrLen = 0
	}
	data := pkt.Data
	switch {
	case p.opts.HexASCII > 0:
		if p.opts.HexASCII > 1 {
			hexASCII(b, "\n\t", data, 0)
		} else if len(data) > hdrLen {
			hexASCII(b, "\n\t", data[hdrLen:], 0)
		}
	case p.opts.Hex > 0:
		if p.opts.Hex > 1 {
			hexOnly(b, "\n\t", data, 0)
		} else if len(data) > hdrLen {
			hexOnly(b, "\n\t", data[hdrLen:], 0)
		}
	case p.opts.ASCII > 0:
		if p.opts.ASCII > 1 {
			asciiDump(b, data)
		} else if len(data) > hdrLen {
			asciiDump(b, data[hdrLen:])
		}
	}
	return p.emit(b)
}

// invalidHeader is tcpdump's complaint about a record header whose
// lengths are impossible, or "" when they are fine.
func invalidHeader(caplen, wire int) string {
	switch {
	case caplen == 0 && wire == 0:
		return "[Invalid header: caplen==0, len==0]"
	case caplen == 0:
		return "[Invalid header: caplen==0]"
	case wire < caplen:
		return fmt.Sprintf("[Invalid header: len(%d) < caplen(%d)]", wire, caplen)
	}
	return ""
}

// emit ends the packet's text with a newline and writes it out.
func (p *Printer) emit(b *buf) error {
	b.s = append(b.s, '\n')
	if _, err := p.w.Write(b.s); err != nil {
		return err
	}
	if p.flush {
		return p.w.Flush()
	}
	return nil
}

// suppressDefault reports whether the generic hex dump of undecoded data
// is off, as tcpdump turns it off when -x, -X or -q is given (not -A).
func (p *Printer) suppressDefault() bool {
	return p.opts.Hex > 0 || p.opts.HexASCII > 0 || p.opts.Quiet
}
