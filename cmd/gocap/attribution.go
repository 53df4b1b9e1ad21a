package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gocap/gocap/attribution"
	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
	"github.com/spf13/pflag"
)

// attrOptions are the process attribution options: --context process, the
// selections, and the command after "--".
type attrOptions struct {
	context   string   // --context: "process"
	pids      []int    // --pid, repeatable
	comms     []string // --comm, repeatable
	cgroup    string   // --cgroup PATH (cgroup v2 path, as /proc/PID/cgroup shows it)
	container string   // --container ID (or a prefix of it)
	command   []string // gocap [options] -- COMMAND [ARGS...]
}

func addAttributionFlags(fs *pflag.FlagSet, a *attrOptions) {
	fs.StringVar(&a.context, "context", "", "")
	fs.IntSliceVar(&a.pids, "pid", nil, "")
	fs.StringArrayVar(&a.comms, "comm", nil, "")
	fs.StringVar(&a.cgroup, "cgroup", "", "")
	fs.StringVar(&a.container, "container", "", "")
}

// enabled reports whether packets are attributed to processes.
func (a *attrOptions) enabled() bool {
	return a.context != "" || a.selecting() || len(a.command) > 0
}

// selecting reports whether only some processes' packets are kept.
func (a *attrOptions) selecting() bool {
	return len(a.pids) > 0 || len(a.comms) > 0 || a.cgroup != "" || a.container != ""
}

func (a *attrOptions) check() error {
	switch a.context {
	case "", "process":
	default:
		return usagef("unknown --context %q: use --context process", a.context)
	}
	for _, p := range a.pids {
		if p <= 0 {
			return usagef("invalid --pid %d: give a process id", p)
		}
	}
	if len(a.command) > 0 && a.selecting() {
		return usagef("-- COMMAND captures the command's own traffic: --pid, --comm, --cgroup and --container select other processes, give one or the other")
	}
	return nil
}

// splitCommand separates "gocap [options] [expression] -- COMMAND [ARGS...]"
// from tcpdump's use of "--", which only ends the options before an
// expression. Words both before and after "--": the expression, then the
// command. Only words after it: a command when its first word is an
// executable and the words do not parse as a filter expression (so
// "gocap -- ip host 10.0.0.1" stays a filter).
func splitCommand(fs *pflag.FlagSet, a *attrOptions) []string {
	words := fs.Args()
	dash := fs.ArgsLenAtDash()
	if dash < 0 || dash >= len(words) {
		return words
	}
	before, after := words[:dash], words[dash:]
	if len(before) == 0 {
		if _, err := exec.LookPath(after[0]); err != nil {
			return words
		}
		if _, err := filter.Parse(strings.Join(after, " ")); err == nil {
			return words
		}
	}
	a.command = after
	return before
}

// keepMode says which packets an attributed capture keeps.
type keepMode int

const (
	keepAll      keepMode = iota // --context process: every packet
	keepSelected                 // --pid, --comm, --cgroup, --container
	keepCommand                  // -- COMMAND: the command's packets
)

// liveAttribution attributes captured packets to processes and selects
// the packets of the processes asked for.
type liveAttribution struct {
	tracker *attribution.Tracker
	opts    *attrOptions
	verbose bool
	pids    map[int]bool
	cgroup  string // the started command's cgroup directory, removed at the end
	made    map[*attribution.Process]procTexts
	mode    keepMode

	cmd      *exec.Cmd
	cmdDone  chan struct{}
	cmdErr   error
	cgroupFD *os.File
	// releaseRoot unmounts the cgroup v2 hierarchy if it was mounted for
	// the command's cgroup.
	releaseRoot func()
	rootMount   string // where it was mounted, "" if it was not
	// keeper removes the command's cgroup for a gocap that dropped its
	// privileges (-Z); closing keeperIn tells it to.
	keeper     *exec.Cmd
	keeperIn   io.WriteCloser
	keeperDone chan struct{}
}

// openAttribution loads the attribution programs, in the network namespace
// the capture is opened in. Without a selection, a kernel that cannot do it
// only costs a warning: the capture goes on without attribution.
func openAttribution(e *env, o *options) (*liveAttribution, error) {
	a := &o.attr
	if !a.enabled() {
		return nil, nil
	}
	la := &liveAttribution{opts: a, verbose: o.verbose > 0, pids: map[int]bool{}, made: map[*attribution.Process]procTexts{}}
	for _, p := range a.pids {
		la.pids[p] = true
	}
	switch {
	case len(a.command) > 0:
		la.mode = keepCommand
	case a.selecting():
		la.mode = keepSelected
	}
	var topts attribution.Options
	if len(a.command) > 0 {
		if err := la.makeCgroup(); err != nil {
			return nil, err
		}
		topts.Cgroup = la.cgroup
	}
	tr, err := attribution.Open(topts)
	if err != nil {
		la.removeCgroup()
		if a.selecting() || len(a.command) > 0 {
			return nil, fmt.Errorf("selecting processes: %w", err)
		}
		fmt.Fprintf(e.stderr, "gocap: warning: %v; capturing without process attribution\n", err)
		return nil, nil
	}
	la.tracker = tr
	if o.writeFile != "" && !writesPcapng(o) {
		fmt.Fprintf(e.stderr, "gocap: warning: classic pcap (-w %s) cannot carry the process attribution; write pcapng to keep it in packet comments\n", o.writeFile)
	}
	return la, nil
}

// writesPcapng reports whether -w writes pcapng (packet comments).
func writesPcapng(o *options) bool {
	if o.pcap {
		return false
	}
	return o.writeFile == "-" || !strings.HasSuffix(strings.ToLower(o.writeFile), ".pcap")
}

// Close detaches the programs and removes the command's cgroup (or has
// the keeper remove it).
func (la *liveAttribution) Close() {
	if la == nil {
		return
	}
	la.tracker.Close()
	if la.cgroupFD != nil {
		la.cgroupFD.Close()
	}
	la.removeCgroup()
	if la.keeper != nil {
		la.keeperIn.Close()
		// The keeper removes an empty cgroup at once; one that a child of
		// the command still holds, once that child is gone too, after
		// gocap has exited.
		select {
		case <-la.keeperDone:
		case <-time.After(2 * time.Second):
		}
	}
}

// owner is the process the packet belongs to, nil if none is known; keep
// reports whether the packet passes the process selection.
func (la *liveAttribution) owner(pkt *capture.Packet) (p *attribution.Process, keep bool) {
	// The tc engine records the socket of a packet sent from this host:
	// its owner is known without the packet's addresses and ports.
	ip := networkLayer(pkt.LinkType, pkt.Data)
	if ip != nil || pkt.SocketCookie != 0 {
		p = la.tracker.LookupPacket(ip, pkt.SocketCookie, pkt.Timestamp)
	}
	switch la.mode {
	case keepCommand:
		// The programs watch only the command's cgroup: every process
		// they know is the command or one of its children.
		return p, p != nil
	case keepSelected:
		return p, p != nil && la.selected(p)
	}
	return p, true
}

func (la *liveAttribution) selected(p *attribution.Process) bool {
	a := la.opts
	if len(la.pids) > 0 && !la.pids[p.PID] {
		return false
	}
	if len(a.comms) > 0 {
		found := false
		for _, c := range a.comms {
			// The kernel keeps 15 bytes of the command name.
			if c == p.Comm || (len(c) > 15 && c[:15] == p.Comm) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	if a.cgroup != "" {
		want := "/" + strings.Trim(a.cgroup, "/")
		if p.Cgroup != want && !strings.HasPrefix(p.Cgroup, want+"/") && want != "/" {
			return false
		}
	}
	if a.container != "" && (p.Container == "" || !strings.HasPrefix(p.Container, a.container)) {
		return false
	}
	return true
}

// label is what the text output shows after the interface name:
// "curl.4121", with -v "curl.4121 (uid 1000, ppid 4100, container ...)".
func (la *liveAttribution) label(p *attribution.Process) string {
	return la.texts(p).label
}

// comment is the pcapng packet comment, "" for no process (or no
// attribution at all).
func (la *liveAttribution) comment(p *attribution.Process) string {
	if la == nil || p == nil {
		return ""
	}
	return la.texts(p).comment
}

// procTexts are a process's label and comment, made once per process.
type procTexts struct{ label, comment string }

func (la *liveAttribution) texts(p *attribution.Process) procTexts {
	if t, ok := la.made[p]; ok {
		return t
	}
	t := procTexts{label: p.String(), comment: p.Comment()}
	if la.verbose {
		t.label += " (" + p.Details() + ")"
	}
	if len(la.made) >= 1<<16 {
		clear(la.made)
	}
	la.made[p] = t
	return t
}

// networkLayer returns the IPv4 or IPv6 packet inside a captured frame,
// nil for anything else.
func networkLayer(lt linktype.Type, b []byte) []byte {
	var etype uint16
	switch lt {
	case linktype.Raw, linktype.IPv4, linktype.IPv6:
		return b
	case linktype.LinuxSLL2:
		if len(b) < 20 {
			return nil
		}
		etype, b = binary.BigEndian.Uint16(b[0:2]), b[20:]
	case linktype.LinuxSLL:
		if len(b) < 16 {
			return nil
		}
		etype, b = binary.BigEndian.Uint16(b[14:16]), b[16:]
	case linktype.Ethernet:
		if len(b) < 14 {
			return nil
		}
		etype, b = binary.BigEndian.Uint16(b[12:14]), b[14:]
		for (etype == 0x8100 || etype == 0x88a8) && len(b) >= 4 {
			etype, b = binary.BigEndian.Uint16(b[2:4]), b[4:]
		}
	default:
		return nil
	}
	if etype != 0x0800 && etype != 0x86dd {
		return nil
	}
	return b
}

// makeCgroup creates the fresh cgroup v2 the command runs in.
func (la *liveAttribution) makeCgroup() error {
	_, err := attribution.CgroupRoot()
	alreadyMounted := err == nil
	root, release, err := attribution.UnifiedHierarchy()
	if err != nil {
		return fmt.Errorf("running %s in its own cgroup: %w", la.opts.command[0], err)
	}
	la.releaseRoot = release
	if !alreadyMounted {
		la.rootMount = root // mounted for us: the keeper unmounts it
	}
	dir := filepath.Join(root, "gocap."+strconv.Itoa(os.Getpid()))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("creating the cgroup for %s: %w (needs root and a writable cgroup v2 hierarchy)", la.opts.command[0], err)
	}
	la.cgroup = dir
	fd, err := os.Open(dir)
	if err != nil {
		la.removeCgroup()
		return fmt.Errorf("opening the cgroup %s: %w", dir, err)
	}
	la.cgroupFD = fd
	return nil
}

func (la *liveAttribution) removeCgroup() {
	if la.cgroup != "" {
		os.Remove(la.cgroup) // fails (harmlessly) while a child of the command lives on
		la.cgroup = ""
	}
	if la.releaseRoot != nil {
		la.releaseRoot()
		la.releaseRoot = nil
	}
}

// startCommand starts the command in its cgroup (so its first socket is
// already watched), as the -Z user when given, with gocap's standard
// streams. ctx is cancelled when the command exits.
func (la *liveAttribution) startCommand(ctx context.Context, e *env, o *options) (context.Context, error) {
	if la == nil || len(la.opts.command) == 0 {
		return ctx, nil
	}
	cmd := exec.Command(la.opts.command[0], la.opts.command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, commandOutput(e, o), e.stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{UseCgroupFD: true, CgroupFD: int(la.cgroupFD.Fd())}
	if o.user != "" {
		cred, err := credentialOf(o.user)
		if err != nil {
			return ctx, err
		}
		cmd.SysProcAttr.Credential = cred
		// gocap drops its privileges next and could not remove the
		// cgroup at the end.
		if err := la.startKeeper(); err != nil {
			return ctx, err
		}
	}
	if err := cmd.Start(); err != nil {
		return ctx, fmt.Errorf("starting %s: %w", la.opts.command[0], err)
	}
	la.cmd = cmd
	ctx, cancel := context.WithCancel(ctx)
	la.cmdDone = make(chan struct{})
	go func() {
		la.cmdErr = cmd.Wait()
		close(la.cmdDone)
		cancel()
	}()
	return ctx, nil
}

// commandOutput keeps the command's output off a packet stream on stdout.
func commandOutput(e *env, o *options) io.Writer {
	if o.writeFile == "-" {
		return e.stderr
	}
	return e.stdout
}

// credentialOf is the uid, gid and groups of a user name.
func credentialOf(name string) (*syscall.Credential, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("-Z %s: %w (give an existing user name)", name, err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("-Z %s: unusable uid %q / gid %q", name, u.Uid, u.Gid)
	}
	cred := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	if gids, err := u.GroupIds(); err == nil {
		for _, g := range gids {
			if n, err := strconv.ParseUint(g, 10, 32); err == nil {
				cred.Groups = append(cred.Groups, uint32(n))
			}
		}
	}
	return cred, nil
}

// finish reports how the command ended, after the capture stopped; a
// capture interrupted by a signal stops the command too.
func (la *liveAttribution) finish(e *env) {
	if la == nil || la.cmd == nil {
		return
	}
	select {
	case <-la.cmdDone:
	default:
		la.cmd.Process.Signal(syscall.SIGTERM)
		<-la.cmdDone
	}
	var exit *exec.ExitError
	if errors.As(la.cmdErr, &exit) {
		fmt.Fprintf(e.stderr, "gocap: %s: %v\n", la.opts.command[0], la.cmdErr)
	}
}

// The cgroup keeper: with -Z, gocap runs as the user once the capture is
// open, and an unprivileged process cannot remove a cgroup directory in
// the hierarchy's root. So before it drops its privileges it starts a copy
// of itself that keeps them and does nothing but wait for its standard
// input to close (gocap's Close, or gocap's exit however it ends), then
// remove the command's cgroup as soon as no process is left in it, and
// unmount the hierarchy if gocap mounted it.
const (
	keeperEnv      = "GOCAP_CGROUP_KEEPER"       // the cgroup directory
	keeperMountEnv = "GOCAP_CGROUP_KEEPER_MOUNT" // the private mount, if any
)

// startKeeper starts the keeper and hands it the cgroup (and the mount).
func (la *liveAttribution) startKeeper() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("-Z with a command: finding gocap's executable for the cgroup keeper: %w", err)
	}
	k := exec.Command(exe)
	k.Env = append(os.Environ(), keeperEnv+"="+la.cgroup, keeperMountEnv+"="+la.rootMount)
	// Its own process group: a terminal's ^C is gocap's to handle.
	k.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	k.Stderr = os.Stderr // its only output: why it could not remove the cgroup
	in, err := k.StdinPipe()
	if err != nil {
		return fmt.Errorf("-Z with a command: cgroup keeper: %w", err)
	}
	if err := k.Start(); err != nil {
		in.Close()
		return fmt.Errorf("-Z with a command: starting the cgroup keeper: %w", err)
	}
	la.keeper, la.keeperIn, la.keeperDone = k, in, make(chan struct{})
	go func() {
		k.Wait()
		close(la.keeperDone)
	}()
	// The keeper removes them now.
	la.cgroup, la.releaseRoot = "", nil
	return nil
}

// cgroupKeeper is the keeper's main: it reports whether this process is
// one (and then has done its job).
func cgroupKeeper() bool {
	dir := os.Getenv(keeperEnv)
	if dir == "" {
		return false
	}
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	// Only ever a directory gocap names for a command's cgroup.
	if !strings.HasPrefix(filepath.Base(dir), "gocap.") {
		fmt.Fprintf(os.Stderr, "gocap: cgroup keeper: %q is not a command's cgroup\n", dir)
		return true
	}
	io.Copy(io.Discard, os.Stdin) // until gocap closes it or exits
	for {
		err := os.Remove(dir)
		if err == nil || errors.Is(err, os.ErrNotExist) {
			break
		}
		if !errors.Is(err, syscall.EBUSY) {
			fmt.Fprintf(os.Stderr, "gocap: removing the cgroup %s: %v\n", dir, err)
			return true
		}
		// A child of the command lives on in it.
		time.Sleep(100 * time.Millisecond)
	}
	if m := os.Getenv(keeperMountEnv); m != "" {
		syscall.Unmount(m, syscall.MNT_DETACH)
		os.Remove(m)
	}
	return true
}
