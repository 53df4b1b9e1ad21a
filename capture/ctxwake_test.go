package capture

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestCtxWake: a context given to many waits is watched once, its end
// runs the wake function once, a new context replaces the old one (whose
// end then wakes nothing), and release drops the watch.
func TestCtxWake(t *testing.T) {
	var c ctxWake
	var woken atomic.Int32
	wake := func() { woken.Add(1) }
	waitWoken := func(want int32) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Second)
		for woken.Load() != want && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // and no more than that
		if got := woken.Load(); got != want {
			t.Fatalf("woken %d times, want %d", got, want)
		}
	}

	first, cancelFirst := context.WithCancel(context.Background())
	for range 100 {
		c.watch(first, wake)
	}
	second, cancelSecond := context.WithCancel(context.Background())
	c.watch(second, wake)
	cancelFirst() // replaced: wakes nothing
	waitWoken(0)
	cancelSecond()
	waitWoken(1)

	third, cancelThird := context.WithCancel(context.Background())
	c.watch(third, wake)
	c.release()
	cancelThird()
	waitWoken(1)

	c.watch(context.Background(), wake) // never ends: nothing to watch
	if c.stop != nil {
		t.Fatal("watching a context that cannot end")
	}
}
