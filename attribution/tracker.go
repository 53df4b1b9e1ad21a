package attribution

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// Options configure a Tracker.
type Options struct {
	// Cgroup is the cgroup v2 directory whose sockets are tracked (and
	// those of every cgroup below it). "" means the root of the hierarchy:
	// every socket on the host.
	Cgroup string
	// SkipExisting leaves out the sockets that are open before Open; by
	// default they are enumerated (sock_diag, /proc/net/icmp, /proc/*/fd) so
	// that their packets are attributed from the first one.
	SkipExisting bool
}

// Tracker attributes packets to the local processes that own their
// sockets. Open it in the network namespace the packets are captured in:
// sockets of other namespaces are never chosen.
//
// A Tracker is not safe for concurrent use: call Lookup from the goroutine
// that reads the packets.
type Tracker struct {
	ks      *kernelSide
	netns   uint64 // 0 when the kernel cannot tell (before Linux 5.14)
	cgroups *cgroupPaths
	release func() // unmounts the hierarchy if Open mounted it

	cache map[flowSig]cached
	// The flows looked up last, by flowSig.slot: packets come in bursts of
	// a few flows, which then cost a comparison instead of a map lookup.
	recent [1 << recentBits]recentFlow
	owners map[uint64]*Process // by socket cookie; nil: known not to be ours
	procs  map[int]*Process    // procfs details by process id
	// The socket cookie looked up last and its owner (not nil).
	lastCookie uint64
	lastOwner  *Process

	// Sockets open before Open, which the kernel side never saw created.
	oldFlows     map[flowKey]uint64
	oldEndpoints map[endpointKey]uint64

	stats Stats
}

// Stats counts what Lookup did.
type Stats struct {
	Lookups    uint64 // packets looked up
	Attributed uint64 // packets attributed to a process
	Resolved   uint64 // lookups that read the kernel maps (cache misses)
}

// cached is a flow's owner (nil: none found) until a packet time stamp.
type cached struct {
	owner *Process
	until int64
}

// recentFlow is an entry of Tracker.recent.
type recentFlow struct {
	sig flowSig
	cached
}

// recentBits sizes Tracker.recent: 64 entries of 56 bytes.
const recentBits = 6

// How long a flow's answer is reused. A socket's ports may be reused by
// another socket after it closes; TCP reuse shows as a SYN, which is always
// resolved afresh, so the expiry only bounds how long a reused UDP or ICMP
// flow could keep its former owner, and how long a flow whose owner was not
// known yet stays unattributed.
const (
	positiveTTL = int64(time.Second)
	negativeTTL = int64(100 * time.Millisecond)
	maxCache    = 1 << 16
)

// Open loads and attaches the kernel side and enumerates the sockets that
// are already open. Errors wrap ErrUnsupported when the kernel or the
// privileges do not allow it, naming what is missing.
func Open(opts Options) (*Tracker, error) {
	root, release, err := UnifiedHierarchy()
	if err != nil {
		return nil, err
	}
	dir := opts.Cgroup
	if dir == "" {
		dir = root
	}
	if err := checkCgroupDir(dir); err != nil {
		release()
		return nil, err
	}
	t := &Tracker{
		release:      release,
		netns:        ownNetNS(),
		cgroups:      &cgroupPaths{root: root},
		cache:        map[flowSig]cached{},
		owners:       map[uint64]*Process{},
		procs:        map[int]*Process{},
		oldFlows:     map[flowKey]uint64{},
		oldEndpoints: map[endpointKey]uint64{},
	}
	// Attach first, then enumerate: a socket opened in between is seen by
	// both, never by neither.
	if t.ks, err = loadKernelSide(dir); err != nil {
		release()
		return nil, err
	}
	if !opts.SkipExisting && opts.Cgroup == "" {
		if err := t.addExisting(); err != nil {
			t.Close()
			return nil, err
		}
	}
	return t, nil
}

// Close detaches the programs and frees the maps.
func (t *Tracker) Close() error {
	if t == nil || t.ks == nil {
		return nil
	}
	err := t.ks.close()
	t.ks = nil
	t.release()
	if err != nil {
		return fmt.Errorf("closing the attribution programs: %w", err)
	}
	return nil
}

// Stats returns the counters so far.
func (t *Tracker) Stats() Stats { return t.stats }

// soNetNSCookie is SO_NETNS_COOKIE (Linux 5.14), not in x/sys/unix yet.
const soNetNSCookie = 71

// ownNetNS is the cookie of the calling thread's network namespace, as
// bpf_get_netns_cookie reports it for sockets there; 0 if unknown.
func ownNetNS() uint64 {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return 0
	}
	defer unix.Close(fd)
	v, err := unix.GetsockoptUint64(fd, unix.SOL_SOCKET, soNetNSCookie)
	if err != nil {
		return 0
	}
	return v
}

// addExisting enumerates the sockets open now and who holds them.
func (t *Tracker) addExisting() error {
	socks, err := diagSockets()
	if err != nil {
		return fmt.Errorf("listing the open sockets: %w", err)
	}
	socks = append(socks, pingSockets()...)
	want := map[uint64]bool{}
	for _, s := range socks {
		want[s.inode] = true
	}
	if len(want) == 0 {
		return nil // no need to read every process's fds
	}
	holders := socketOwners(want)
	for i, s := range socks {
		pid, ok := holders[s.inode]
		if !ok {
			continue
		}
		p := t.process(pid)
		if p == nil {
			continue
		}
		cookie := s.cookie
		if cookie == 0 {
			// Ping sockets have no cookie from /proc/net: a private one,
			// above the kernel's counter's reach.
			cookie = 1<<63 | uint64(i)
		}
		t.owners[cookie] = p
		if s.listen {
			// The socket's own address, which is the wildcard when so bound.
			t.oldEndpoints[s.flow.endpoints(t.netns)[0]] = cookie
		} else {
			t.oldFlows[s.flow] = cookie
		}
	}
	return nil
}

// process returns procfs's view of a process, cached.
func (t *Tracker) process(pid int) *Process {
	if p, ok := t.procs[pid]; ok {
		return p
	}
	p, ok := procProcess(pid)
	if !ok {
		return nil
	}
	t.procs[pid] = p
	return p
}

// LookupIP returns the local process that owns the socket of an IPv4 or
// IPv6 packet (ip starts at the IP header), or nil when there is none in
// this network namespace or it is not known. ts is the packet's time stamp.
func (t *Tracker) LookupIP(ip []byte, ts time.Time) *Process {
	t.stats.Lookups++
	l0, l1, r0, r1, rest, syn, ok := parseWords(ip)
	if !ok {
		return nil
	}
	now := ts.UnixNano()
	r := &t.recent[slot(l0, l1, r0, r1, rest)]
	if !syn && r.sig.rest == rest && r.sig.local0 == l0 && r.sig.remote0 == r0 && r.sig.local1 == l1 && r.sig.remote1 == r1 && now < r.until {
		if r.owner != nil {
			t.stats.Attributed++
		}
		return r.owner
	}
	return t.lookupFlow(flowSig{l0, l1, r0, r1, rest}, syn, now, r)
}

// LookupPacket is LookupIP for a packet whose socket cookie the capture
// recorded (0: none; the tc engine records it for packets sent from this
// host): the socket's owner when the kernel side knows the socket and it
// lives in this network namespace, otherwise the flow's, as LookupIP.
func (t *Tracker) LookupPacket(ip []byte, cookie uint64, ts time.Time) *Process {
	if cookie != 0 {
		if cookie != t.lastCookie {
			p := t.owner(cookie)
			if p == nil {
				// Not a socket the kernel side saw created (a request or
				// time-wait socket answering for a listener, one of another
				// namespace): the flow tells.
				return t.LookupIP(ip, ts)
			}
			t.lastCookie, t.lastOwner = cookie, p
		}
		t.stats.Lookups++
		t.stats.Attributed++
		return t.lastOwner
	}
	return t.LookupIP(ip, ts)
}

// lookupFlow is LookupIP past the recent flows: the cache, then the kernel
// maps. r is the flow's entry in recent, which gets the answer.
func (t *Tracker) lookupFlow(s flowSig, syn bool, now int64, r *recentFlow) *Process {
	if c, hit := t.cache[s]; hit && !syn && now < c.until {
		r.sig, r.cached = s, c
		if c.owner != nil {
			t.stats.Attributed++
		}
		return c.owner
	}
	t.stats.Resolved++
	p := t.resolve(s.key())
	ttl := positiveTTL
	if p == nil {
		ttl = negativeTTL
	} else {
		t.stats.Attributed++
	}
	if len(t.cache) >= maxCache {
		clear(t.cache)
	}
	c := cached{owner: p, until: now + ttl}
	t.cache[s] = c
	r.sig, r.cached = s, c
	return p
}

// resolve finds a flow's owner in the kernel maps: an exact flow first (in
// either orientation: the packet may be going out or coming in), then a
// bound local endpoint.
func (t *Tracker) resolve(k flowKey) *Process {
	orients := [2]flowKey{k, k.reversed()}
	for _, o := range orients {
		if c, ok := t.flowCookie(o); ok {
			if p := t.owner(c); p != nil {
				return p
			}
		}
	}
	for _, o := range orients {
		for _, ep := range o.endpoints(t.netns) {
			if c, ok := t.endpointCookie(ep); ok {
				if p := t.owner(c); p != nil {
					return p
				}
			}
		}
	}
	return nil
}

func (t *Tracker) flowCookie(k flowKey) (uint64, bool) {
	var c uint64
	if err := t.ks.flows.Lookup(k[:], &c); err == nil {
		return c, true
	}
	c, ok := t.oldFlows[k]
	return c, ok
}

func (t *Tracker) endpointCookie(k endpointKey) (uint64, bool) {
	var c uint64
	if err := t.ks.endpoints.Lookup(k[:], &c); err == nil {
		return c, true
	}
	c, ok := t.oldEndpoints[k]
	return c, ok
}

// owner is the process that created the socket, nil when the kernel side
// did not see it created or it belongs to another network namespace.
func (t *Tracker) owner(cookie uint64) *Process {
	if p, ok := t.owners[cookie]; ok {
		return p
	}
	if len(t.owners) >= maxCache {
		t.owners = map[uint64]*Process{}
	}
	var info [infoSize]byte
	if err := t.ks.sockets.Lookup(cookie, info[:]); err != nil {
		if !errors.Is(err, ebpf.ErrKeyNotExist) {
			return nil // not cached: a transient failure
		}
		t.owners[cookie] = nil
		return nil
	}
	p := decodeInfo(info)
	if t.netns != 0 && p.NetNS != 0 && p.NetNS != t.netns {
		t.owners[cookie] = nil
		return nil
	}
	if proc := t.process(p.PID); proc != nil && proc.Comm == p.Comm {
		p.PPID, p.Container, p.Runtime = proc.PPID, proc.Container, proc.Runtime
	}
	p.Cgroup = t.cgroups.path(p.CgroupID)
	if p.Container == "" {
		p.Container, p.Runtime = ContainerFromCgroup(p.Cgroup)
	}
	t.owners[cookie] = p
	return p
}

// decodeInfo reads the sock_create program's record.
func decodeInfo(b [infoSize]byte) *Process {
	pidTgid := binary.NativeEndian.Uint64(b[infoPidTgid:])
	uidGid := binary.NativeEndian.Uint64(b[infoUidGid:])
	comm := b[infoComm : infoComm+commSize]
	n := 0
	for n < len(comm) && comm[n] != 0 {
		n++
	}
	return &Process{
		PID:      int(pidTgid >> 32),
		TID:      int(uint32(pidTgid)),
		UID:      uint32(uidGid),
		GID:      uint32(uidGid >> 32),
		Comm:     string(comm[:n]),
		CgroupID: binary.NativeEndian.Uint64(b[infoCgroup:]),
		NetNS:    binary.NativeEndian.Uint64(b[infoNetNS:]),
	}
}
