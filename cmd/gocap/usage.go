package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is gocap's version; release builds set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "gocap version %s\n", version)
	fmt.Fprintf(w, "%s %s/%s, no libpcap\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/cilium/ebpf", "github.com/gopacket/gopacket":
				fmt.Fprintf(w, "%s %s\n", d.Path, d.Version)
			}
		}
	}
}

const usageText = `Usage: gocap [-AdDehKlLnOpqSUvxX#] [-B size] [-c count] [--count] [-C file_size]
             [-F file] [-G seconds] [-i interface]... [--immediate-mode]
             [--number] [--print] [-Q in|out|inout] [-r file] [-s snaplen]
             [--time-stamp-precision micro|nano] [--micro] [--nano]
             [--version] [-w file] [-W filecount] [-y datalinktype]
             [-Z user] [--hook socket|tc] [--fanout N] [--fanout-mode MODE]
             [--ebpf] [--pcap] [--smb] [expression]

Capture:
  -i IFACE       capture on IFACE; repeat for several interfaces; 'any' for all
  -c N           stop after N packets
  -s N           snapshot length in bytes (0 or default: 262144)
  -B KIB         kernel ring buffer size in KiB (default 16384, 16 MiB; --hook tc: 8192, 8 MiB)
  -p             do not put the interface into promiscuous mode
  -Q DIR         direction to capture: in, out or inout (default)
  --immediate-mode  deliver packets as soon as they arrive
  --hook HOOK    where to capture: socket (AF_PACKET, default) or tc (tc/tcx eBPF hook)
  --fanout N     read each interface with N sockets in a PACKET_FANOUT group, each
                 on a thread of its own, merged in time-stamp order (default 1)
  --fanout-mode MODE  how the kernel spreads packets over the N sockets: hash
                 (default: a flow stays on one socket), lb, cpu, random, queue,
                 rollover
  -Z USER        drop privileges to USER once the sockets and files are open
  -D             list the interfaces that can be captured on
  -L             list the link types of the interface given with -i
  -y TYPE        link type to capture or compile for (e.g. EN10MB, LINUX_SLL2)

Files:
  -r FILE        read packets from a pcap or pcapng file ('-' for stdin)
  -w FILE        write packets to FILE ('-' for stdout): pcapng, or classic pcap
                 with --pcap or a .pcap name
  --pcap         write classic pcap instead of pcapng
  -C SIZE        rotate the -w file after SIZE millions of bytes (or SIZEk/m/g)
  -G SECS        rotate the -w file every SECS seconds (strftime names)
  -W N           keep at most N rotated files
  -U             flush the -w file after every packet
  --print        print packets as text while writing them with -w
  --count        print only the number of matching packets (with -r)

Filter:
  expression     a pcap-filter(7) expression (the remaining arguments)
  -F FILE        read the expression from FILE
  -d, -dd, -ddd  print the compiled classic BPF program (as tcpdump) and exit
  --ebpf         print the program translated to eBPF and exit
  -O             do not optimize the compiled program

Output:
  -n             do not convert addresses and ports to names
  -v, -vv, -vvv  more detail
  -q             less protocol detail
  -e             print the link-level header
  -S             print absolute TCP sequence numbers
  --smb          decode NetBIOS (UDP 137/138, TCP 139, IPX) and SMB (TCP 445) as
                 tcpdump built with --enable-smb does (4.99's default build does not)
  -T cnfp|carp   decode every UDP datagram as Cisco NetFlow v1/v5/v6 (cnfp), or
                 IP protocol 112 as CARP rather than VRRP (carp)
  -t ... -ttttt  time stamp: none, seconds since 1970, delta, date and time,
                 delta since the first packet
  --time-stamp-precision micro|nano, --micro, --nano
  -x, -xx        hex dump of each packet (without, with the link header)
  -X, -XX        hex and ASCII dump (without, with the link header)
  -A             ASCII dump (without the link header)
  -#, --number   number the packets
  -l             line-buffer standard output
  -K             accepted for tcpdump compatibility (checksums are not verified)

  -h, --help     this help; --version  version information

Exit status: 0 success, 1 error, 2 bad command line.
Names: without -n, gocap prints port names from /etc/services and host names
from /etc/hosts only; it never sends DNS queries for names.
`

func printUsage(w io.Writer) { io.WriteString(w, usageText) }
