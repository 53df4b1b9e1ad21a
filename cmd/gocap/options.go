package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/pcapng/rotate"
	"github.com/spf13/pflag"
)

// options is the parsed command line. Counted flags (-v, -n, -t, -x, -X, -d)
// keep their count, as tcpdump's getopt loop does.
type options struct {
	interfaces []string // -i, repeatable
	readFile   string   // -r
	writeFile  string   // -w
	count      int64    // -c, 0 = unlimited
	snapLen    int      // -s, 0 = default
	bufferKiB  int      // -B
	noPromisc  bool     // -p
	direction  string   // -Q
	numeric    int      // -n
	verbose    int      // -v
	linkHeader bool     // -e
	quiet      bool     // -q
	hex        int      // -x
	hexASCII   int      // -X
	ascii      bool     // -A
	timestamps int      // -t
	absSeq     bool     // -S
	smb        bool     // --smb: NetBIOS and SMB as tcpdump --enable-smb prints them
	lineBuf    bool     // -l
	packetBuf  bool     // -U
	immediate  bool     // --immediate-mode
	fileSize   int64    // -C, bytes
	rotateSecs int      // -G
	fileCount  int      // -W
	listIfaces bool     // -D
	listLinks  bool     // -L
	linkType   string   // -y
	packetType string   // -T: cnfp (Cisco NetFlow on every UDP datagram) or carp (IP protocol 112 as CARP)
	dump       int      // -d, -dd, -ddd
	noOptimize bool     // -O
	filterFile string   // -F
	user       string   // -Z
	countOnly  bool     // --count
	print      bool     // --print
	number     bool     // -#
	precision  string   // --time-stamp-precision: "micro" or "nano"
	version    bool     // --version
	help       bool     // -h, --help

	// gocap's own long options.
	hook     string // --hook socket|tc
	ebpf     bool   // --ebpf: dump the translated eBPF program
	pcap     bool   // --pcap: write classic pcap instead of pcapng
	noVerify bool   // -K (accepted; gocap does not verify checksums)

	// The socket engine's fanout (capture.Options.Fanout, FanoutMode).
	fanout     string // --fanout N: sockets per interface
	fanoutMode string // --fanout-mode hash|lb|cpu|random|queue|rollover

	attr attrOptions // process attribution and selection (attribution.go)

	expr     string   // the filter expression: remaining arguments or -F
	warnings []string // printed on stderr before anything else
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// unsupported lists tcpdump's options gocap recognizes but does not
// implement, with what they do, so the error can say which is which.
var unsupported = map[string]string{
	"a": "convert network and broadcast addresses to names",
	"b": "print AS numbers in BGP in ASDOT notation",
	"E": "decrypt IPsec ESP packets",
	"f": "print foreign IPv4 addresses numerically",
	"H": "detect 802.11s draft mesh headers",
	"I": "monitor mode",
	"j": "choose the time stamp type",
	"J": "list the time stamp types",
	"M": "TCP-MD5 shared secret",
	"m": "load SMI MIB modules",
	"N": "do not print domain name qualification",
	"u": "print undecoded NFS handles",
	"V": "read a list of files",
	"Y": "debug the filter parser",
	"z": "run a command after each rotation",
}

// newFlagSet declares tcpdump's options on a pflag set bound to o.
func newFlagSet(o *options, junk map[string]*string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("gocap", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	// tcpdump uses GNU getopt, which lets options follow the expression's
	// words; keep that.
	fs.SetInterspersed(true)

	fs.StringArrayVarP(&o.interfaces, "interface", "i", nil, "")
	fs.StringVarP(&o.readFile, "read", "r", "", "")
	fs.StringVarP(&o.writeFile, "write", "w", "", "")
	fs.StringVarP(&o.linkType, "linktype", "y", "", "")
	fs.StringVarP(&o.packetType, "type", "T", "", "")
	fs.StringVarP(&o.direction, "direction", "Q", "", "")
	fs.StringVarP(&o.filterFile, "filter-file", "F", "", "")
	fs.StringVarP(&o.user, "relinquish-privileges", "Z", "", "")
	fs.StringVar(&o.precision, "time-stamp-precision", "", "")
	fs.StringVar(&o.hook, "hook", "socket", "")
	fs.StringVar(&o.fanout, "fanout", "", "")
	fs.StringVar(&o.fanoutMode, "fanout-mode", "hash", "")

	fs.CountVarP(&o.numeric, "numeric", "n", "")
	fs.CountVarP(&o.verbose, "verbose", "v", "")
	fs.CountVarP(&o.timestamps, "timestamps", "t", "")
	fs.CountVarP(&o.hex, "hex", "x", "")
	fs.CountVarP(&o.hexASCII, "hex-ascii", "X", "")
	fs.CountVarP(&o.dump, "dump", "d", "")

	fs.BoolVarP(&o.noPromisc, "no-promiscuous-mode", "p", false, "")
	fs.BoolVarP(&o.linkHeader, "link-header", "e", false, "")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "")
	fs.BoolVarP(&o.ascii, "ascii", "A", false, "")
	fs.BoolVarP(&o.absSeq, "absolute-tcp-sequence-numbers", "S", false, "")
	fs.BoolVarP(&o.lineBuf, "line-buffered", "l", false, "")
	fs.BoolVarP(&o.packetBuf, "packet-buffered", "U", false, "")
	fs.BoolVar(&o.immediate, "immediate-mode", false, "")
	fs.BoolVarP(&o.listIfaces, "list-interfaces", "D", false, "")
	fs.BoolVarP(&o.listLinks, "list-data-link-types", "L", false, "")
	fs.BoolVarP(&o.noOptimize, "no-optimize", "O", false, "")
	fs.BoolVar(&o.countOnly, "count", false, "")
	fs.BoolVar(&o.print, "print", false, "")
	fs.BoolVarP(&o.number, "number", "#", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.BoolVarP(&o.help, "help", "h", false, "")
	fs.BoolVar(&o.ebpf, "ebpf", false, "")
	fs.BoolVar(&o.pcap, "pcap", false, "")
	fs.BoolVar(&o.smb, "smb", false, "")
	fs.BoolVarP(&o.noVerify, "dont-verify-checksums", "K", false, "")
	addAttributionFlags(fs, &o.attr)

	// Numbers are taken as strings so the errors can be tcpdump's, not
	// strconv's.
	for _, f := range []struct{ long, short string }{
		{"count-limit", "c"}, {"snapshot-length", "s"}, {"buffer-size", "B"},
		{"file-size", "C"}, {"rotate-seconds", "G"}, {"file-count", "W"},
	} {
		junk[f.short] = fs.StringP(f.long, f.short, "", "")
	}
	fs.Bool("micro", false, "")
	fs.Bool("nano", false, "")

	// Options gocap knows from tcpdump but does not implement: recognized,
	// so that the error names them instead of calling them unknown.
	for short := range unsupported {
		switch short {
		case "E", "j", "M", "m", "V", "z":
			junk["unsupported-"+short] = fs.StringP("unsupported-"+short, short, "", "")
		default:
			fs.BoolP("unsupported-"+short, short, false, "")
		}
		fs.Lookup("unsupported-" + short).Hidden = true
	}
	return fs
}

// parseArgs turns the command line into options. Errors are *usageError.
func parseArgs(args []string) (*options, error) {
	o := &options{}
	nums := map[string]*string{}
	fs := newFlagSet(o, nums)
	if err := fs.Parse(args); err != nil {
		return nil, flagError(err)
	}
	var bad []string
	fs.Visit(func(f *pflag.Flag) {
		if strings.HasPrefix(f.Name, "unsupported-") {
			s := strings.TrimPrefix(f.Name, "unsupported-")
			bad = append(bad, fmt.Sprintf("-%s (%s)", s, unsupported[s]))
		}
	})
	if len(bad) > 0 {
		return nil, usagef("option %s is not supported by gocap; run 'gocap --help' for the options it has", strings.Join(bad, ", "))
	}
	if o.help || o.version {
		return o, nil
	}
	if o.packetType != "" && o.packetType != "cnfp" && o.packetType != "carp" {
		return nil, usagef("packet type %q for -T is not supported by gocap: only cnfp (Cisco NetFlow) and carp", o.packetType)
	}

	var err error
	if o.count, err = parseCount(*nums["c"], "packet count", "-c"); err != nil {
		return nil, err
	}
	if *nums["s"] != "" {
		n, err := strconv.ParseInt(*nums["s"], 0, 64)
		if err != nil || n < 0 || n > 262144 {
			return nil, usagef("invalid snaplen %q for -s: give a number of bytes from 0 to 262144 (0 means 262144)", *nums["s"])
		}
		o.snapLen = int(n)
	}
	if *nums["B"] != "" {
		n, err := strconv.ParseInt(*nums["B"], 0, 32)
		if err != nil || n <= 0 {
			return nil, usagef("invalid buffer size %q for -B: give a positive number of KiB", *nums["B"])
		}
		o.bufferKiB = int(n)
	}
	if s := *nums["C"]; s != "" {
		if o.fileSize, err = parseFileSize(s); err != nil {
			return nil, err
		}
	}
	if s := *nums["G"]; s != "" {
		n, err := strconv.ParseInt(s, 0, 32)
		if err != nil || n < 0 {
			return nil, usagef("invalid rotation interval %q for -G: give a number of seconds", s)
		}
		o.rotateSecs = int(n)
	}
	if s := *nums["W"]; s != "" {
		n, err := strconv.ParseInt(s, 0, 32)
		if err != nil || n <= 0 {
			return nil, usagef("invalid file count %q for -W: give a positive number of files", s)
		}
		o.fileCount = int(n)
	}

	micro, _ := fs.GetBool("micro")
	nano, _ := fs.GetBool("nano")
	switch {
	case micro && nano:
		return nil, usagef("--micro and --nano contradict each other: give one of them")
	case micro:
		o.precision = "micro"
	case nano:
		o.precision = "nano"
	}
	switch o.precision {
	case "", "micro", "nano":
	default:
		return nil, usagef("unsupported time stamp precision %q for --time-stamp-precision: use micro or nano", o.precision)
	}

	switch o.direction {
	case "", "in", "out", "inout":
	default:
		return nil, usagef("invalid direction %q for -Q: use in, out or inout", o.direction)
	}
	switch o.hook {
	case "socket", "tc":
	default:
		return nil, usagef("unknown hook %q for --hook: use socket (AF_PACKET, the default) or tc", o.hook)
	}
	if _, err := o.fanoutSockets(); err != nil {
		return nil, err
	}
	if _, err := capture.ParseFanoutMode(o.fanoutMode); err != nil {
		return nil, usagef("--fanout-mode: %v", err)
	}
	if o.timestamps > 5 {
		return nil, usagef("too many -t: tcpdump's time stamp formats go up to -ttttt")
	}
	if o.dump > 3 {
		return nil, usagef("too many -d: use -d, -dd or -ddd")
	}
	for i, name := range o.interfaces {
		if name == "" {
			return nil, usagef("empty interface name in -i #%d: give an interface name, or 'any'", i+1)
		}
	}

	words := splitCommand(fs, &o.attr)
	if err := o.attr.check(); err != nil {
		return nil, err
	}
	if o.filterFile != "" {
		b, err := os.ReadFile(o.filterFile)
		if err != nil {
			return nil, &runtimeError{fmt.Errorf("reading the filter file given with -F: %w", err)}
		}
		if len(words) > 0 {
			o.warnings = append(o.warnings, fmt.Sprintf("-F %s given, ignoring the expression on the command line (%s)",
				o.filterFile, strings.Join(words, " ")))
		}
		o.expr = exprFromFile(string(b))
	} else {
		o.expr = strings.Join(words, " ")
	}
	return o, nil
}

// exprFromFile reads a -F file as tcpdump does: a '#' starts a comment that
// runs to the end of the line. Line breaks are kept so that a compile error
// can name the line.
func exprFromFile(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		lines[i] = strings.TrimRight(line, " \t\r")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func parseCount(s, what, flag string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || n <= 0 {
		return 0, usagef("invalid %s %q for %s: give a positive number", what, s, flag)
	}
	return n, nil
}

// parseFileSize reads -C as tcpdump does (see rotate.ParseFileSize).
func parseFileSize(s string) (int64, error) {
	n, err := rotate.ParseFileSize(s)
	if err != nil {
		return 0, usagef("invalid file size %q for -C: give a positive number of millions of bytes, or a number with k, m or g (KiB, MiB, GiB)", s)
	}
	return n, nil
}

// flagError rewrites pflag's errors into ones that say what to do.
func flagError(err error) error {
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		name := ne.GetSpecifiedName()
		if len(name) == 1 {
			return usagef("unknown option -%s: run 'gocap --help' for the list of options", name)
		}
		return usagef("unknown option --%s: run 'gocap --help' for the list of options", name)
	}
	var vr *pflag.ValueRequiredError
	if errors.As(err, &vr) {
		name := vr.GetSpecifiedName()
		if len(name) == 1 {
			return usagef("option -%s needs a value (e.g. %s)", name, example(name))
		}
		return usagef("option --%s needs a value (e.g. %s)", name, example(name))
	}
	var nv *pflag.InvalidValueError
	if errors.As(err, &nv) {
		return usagef("%v; run 'gocap --help'", err)
	}
	return usagef("%v; run 'gocap --help'", err)
}

func example(name string) string {
	switch name {
	case "i", "interface":
		return "-i eth0"
	case "r", "read":
		return "-r capture.pcapng"
	case "w", "write":
		return "-w capture.pcapng"
	case "c", "count-limit":
		return "-c 10"
	case "s", "snapshot-length":
		return "-s 96"
	case "y", "linktype":
		return "-y EN10MB"
	case "F", "filter-file":
		return "-F filter.txt"
	case "Q", "direction":
		return "-Q in"
	case "Z", "relinquish-privileges":
		return "-Z nobody"
	case "B", "buffer-size":
		return "-B 4096"
	case "C", "file-size":
		return "-C 100"
	case "G", "rotate-seconds":
		return "-G 3600"
	case "W", "file-count":
		return "-W 10"
	case "hook":
		return "--hook tc"
	case "fanout":
		return "--fanout 2"
	case "fanout-mode":
		return "--fanout-mode hash"
	case "time-stamp-precision":
		return "--time-stamp-precision nano"
	}
	return "-" + name + " VALUE"
}

// fanoutSockets is --fanout: the sockets per interface, 1 without it.
func (o *options) fanoutSockets() (int, error) {
	if o.fanout == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(o.fanout)
	if err != nil || n < 1 || n > capture.MaxFanout {
		return 0, usagef("invalid socket count %q for --fanout: give a number from 1 to %d", o.fanout, capture.MaxFanout)
	}
	if n > 1 && o.hook == "tc" {
		return 0, usagef("--fanout works with the socket engine only: the tc engine reads one BPF ring buffer per capture")
	}
	return n, nil
}
