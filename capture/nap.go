package capture

import (
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// bulkRings reports whether every handle's ring closes its blocks when
// full rather than at once (immediate mode), so that its reader may nap.
func bulkRings(handles []*sockHandle) bool {
	for _, h := range handles {
		if !h.ring.bulk {
			return false
		}
	}
	return true
}

// busyNap is how long a reader sleeps, once the blocks it was woken for
// are read, before it looks at its rings again; it waits in the poller
// only if they have nothing for it then.
//
// The kernel signals a socket at every block it closes, and while the
// reader waits in the runtime's poller every signal wakes a thread and
// then the reader: about 9 µs each, one per 128 KiB block (bulkBlockSize),
// which under load is more than the block's packets cost. A busy ring
// closes blocks faster than that, and during a nap the signals find
// nobody waiting. Each nap delays the packets at most busyNap, far less
// than the block timeout that holds them when traffic is light
// (DefaultTimeout; immediate mode never naps), and far less than a ring
// takes to fill: 16 MiB of 64-byte frames at 3 million a second last
// 40 ms.
const busyNap = 4 * time.Millisecond

// napper is a reader's napping while its rings are busy: the socket
// reader's and the fanout merge's waits both begin with first and end
// with woke.
type napper struct {
	on   bool // every ring's blocks close when full (bulkRings)
	busy bool // the last wait ended with a block handed over
}

func newNapper(handles []*sockHandle) napper {
	return napper{on: bulkRings(handles)}
}

// first naps when the last wait ended with a block handed over — busyNap,
// or d if that is shorter and positive — and reports how long, and whether
// ready holds then: the wait is over, and the next begins with a nap too.
func (n *napper) first(d time.Duration, ready func() bool) (slept time.Duration, done bool) {
	if !n.busy {
		return 0, false
	}
	slept = busyNap
	if d > 0 {
		slept = min(slept, d)
	}
	nap(slept)
	n.busy = ready()
	return slept, n.busy
}

// woke records that a wait in the poller has ended: the next wait naps
// first if ready holds now.
func (n *napper) woke(ready func() bool) {
	n.busy = n.on && ready()
}

// nap sleeps d in a raw system call, keeping its thread and P: a thread
// parked in the scheduler would wait for the next event in the poller,
// which is what napping is for not doing. A signal ends it early.
func nap(d time.Duration) {
	ts := unix.NsecToTimespec(int64(d))
	unix.RawSyscall(unix.SYS_NANOSLEEP, uintptr(unsafe.Pointer(&ts)), 0, 0)
}
