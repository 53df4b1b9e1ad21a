package rotate

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gocap/gocap/pcapng"
)

// ErrFileLimit ends a -G -W capture: W files were written. gocap exits
// successfully on it, printing "Maximum file limit reached: W" as tcpdump
// does.
var ErrFileLimit = errors.New("maximum file limit reached")

// Options are tcpdump's -C, -G and -W, and how each file is written.
type Options struct {
	FileSize  int64         // -C in bytes; 0: no size rotation
	Interval  time.Duration // -G; 0: no time rotation (whole seconds count)
	FileCount int           // -W; 0: unlimited
	Format    pcapng.Format // FormatAuto picks by the -w name
	Writer    pcapng.WriterOptions

	// Now is the clock -G reads; nil means time.Now. Names are formatted
	// in Now's location.
	Now func() time.Time
	// Stats, when set, supplies an interface's current counters when a
	// file is closed; otherwise the last WriteStatistics values are used.
	Stats func(id int) (pcapng.Stats, bool)
	// Closed is called with each file's name after it is closed
	// (tcpdump's -z runs its command there).
	Closed func(name string)
}

// Writer is a pcapng.PacketWriter over a sequence of files.
type Writer struct {
	mu     sync.Mutex
	base   string
	opts   Options
	width  int // digits of the -C counter (tcpdump's WflagChars)
	format pcapng.Format

	cur     pcapng.PacketWriter
	curName string
	files   []string // every name opened, in order (repeats when -W cycles)

	ifaces []pcapng.Interface
	stats  map[int]pcapng.Stats

	gtime  int64 // Unix seconds of the last -G rotation
	gcount int
	ccount int
	done   error
}

var _ pcapng.PacketWriter = (*Writer)(nil)

// New opens the first file for the -w name base.
func New(base string, opts Options) (*Writer, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.FileSize < 0 || opts.Interval < 0 || opts.FileCount < 0 {
		return nil, fmt.Errorf("rotate: negative -C, -G or -W")
	}
	if opts.Interval > 0 && opts.Interval < time.Second {
		opts.Interval = time.Second
	}
	w := &Writer{base: base, opts: opts, stats: map[int]pcapng.Stats{}, format: opts.Format}
	if opts.FileCount > 0 {
		for x := opts.FileCount - 1; x > 0; x /= 10 {
			w.width++
		}
	}
	// The -w name decides the format once: strftime may change the
	// extension's neighbours, not the extension.
	w.format = pcapng.FormatForName(base, opts.Format)
	w.gtime = opts.Now().Unix()
	if err := w.open(w.name(0, opts.FileSize > 0)); err != nil {
		return nil, err
	}
	return w, nil
}

// name builds a file name as tcpdump's MakeFilename: strftime with -G, then
// the counter when numbering is on.
func (w *Writer) name(count int, numbered bool) string {
	n := w.base
	if w.opts.Interval > 0 {
		n = Strftime(n, time.Unix(w.gtime, 0).In(w.opts.Now().Location()))
	}
	width := 0
	if numbered {
		width = w.width
	}
	if count == 0 && width == 0 {
		return n
	}
	s := strconv.Itoa(count)
	for len(s) < width {
		s = "0" + s
	}
	return n + s
}

// FileName is the file being written.
func (w *Writer) FileName() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.curName
}

// Files lists every file opened so far, in order.
func (w *Writer) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.files...)
}

func (w *Writer) open(name string) error {
	pw, err := pcapng.Create(name, w.format, w.opts.Writer)
	if err != nil {
		return fmt.Errorf("rotate: %w", err)
	}
	for _, ifc := range w.ifaces {
		if _, err := pw.AddInterface(ifc); err != nil {
			pw.Close()
			return fmt.Errorf("rotate: re-declaring interface %q in %s: %w", ifc.Name, name, err)
		}
	}
	w.cur, w.curName = pw, name
	w.files = append(w.files, name)
	return nil
}

// closeCurrent writes the statistics into the current file and closes it.
func (w *Writer) closeCurrent() error {
	if w.cur == nil {
		return nil
	}
	for id := range w.ifaces {
		s, ok := w.stats[id]
		if w.opts.Stats != nil {
			s, ok = w.opts.Stats(id)
		}
		if ok {
			if err := w.cur.WriteStatistics(id, s); err != nil {
				return err
			}
		}
	}
	err := w.cur.Close()
	w.cur = nil
	if err == nil && w.opts.Closed != nil {
		w.opts.Closed(w.curName)
	}
	return err
}

// rotate is called before each packet.
func (w *Writer) rotate() error {
	if w.opts.Interval > 0 {
		now := w.opts.Now().Unix()
		if now-w.gtime >= int64(w.opts.Interval/time.Second) {
			w.gtime = now
			w.gcount++
			if err := w.closeCurrent(); err != nil {
				return err
			}
			if w.opts.FileSize == 0 && w.opts.FileCount > 0 && w.gcount >= w.opts.FileCount {
				return fmt.Errorf("rotate: %w: %d", ErrFileLimit, w.opts.FileCount)
			}
			w.ccount = 0
			if err := w.open(w.name(0, w.opts.FileSize > 0)); err != nil {
				return err
			}
		}
	}
	if w.opts.FileSize > 0 && w.cur.Size() > w.opts.FileSize {
		if err := w.closeCurrent(); err != nil {
			return err
		}
		w.ccount++
		if w.opts.FileCount > 0 && w.ccount >= w.opts.FileCount {
			w.ccount = 0
		}
		if err := w.open(w.name(w.ccount, true)); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) usable() error {
	if w.done != nil {
		return w.done
	}
	if w.cur == nil {
		return pcapng.ErrClosed
	}
	return nil
}

// AddInterface declares the interface in the current file and in every
// later one.
func (w *Writer) AddInterface(ifc pcapng.Interface) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return 0, err
	}
	id, err := w.cur.AddInterface(ifc)
	if err != nil {
		return 0, err
	}
	w.ifaces = append(w.ifaces, ifc)
	return id, nil
}

// WritePacket rotates when -C or -G says so, then writes. After
// ErrFileLimit nothing more is written.
func (w *Writer) WritePacket(p pcapng.Packet) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	if err := w.rotate(); err != nil {
		w.done = err
		return err
	}
	return w.cur.WritePacket(p)
}

// WriteStatistics records counters for the current file's statistics
// blocks and for every later rotation.
func (w *Writer) WriteStatistics(id int, s pcapng.Stats) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	if id < 0 || id >= len(w.ifaces) {
		return fmt.Errorf("rotate: no interface with id %d", id)
	}
	w.stats[id] = s
	return nil
}

func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	return w.cur.Flush()
}

// Close completes the current file. After ErrFileLimit the last file is
// already complete and Close returns nil.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur == nil {
		return nil
	}
	return w.closeCurrent()
}

func (w *Writer) Size() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur == nil {
		return 0
	}
	return w.cur.Size()
}

func (w *Writer) Format() pcapng.Format { return w.format }

// ParseFileSize reads -C's argument as tcpdump does: a positive integer in
// millions of bytes, or with a k, m or g suffix in KiB, MiB or GiB.
func ParseFileSize(s string) (int64, error) {
	num, unit := s, int64(1_000_000)
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'k', 'K':
			num, unit = s[:n-1], 1<<10
		case 'm', 'M':
			num, unit = s[:n-1], 1<<20
		case 'g', 'G':
			num, unit = s[:n-1], 1<<30
		}
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("invalid file size %s", s)
	}
	if v > (1<<63-1)/unit {
		return 0, fmt.Errorf("file size %s is too large", s)
	}
	return v * unit, nil
}
