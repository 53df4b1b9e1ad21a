package capture

import (
	"context"
	"sync"
)

// ctxWake runs a reader's wake function when the context its waits are
// given ends. context.AfterFunc allocates and registers with the context
// on each call: once per wait, it was a tenth of the consumer's CPU per
// wake-up (BENCHMARKS.md, issue 12), so the registration is kept for as
// long as the waits are given the same context.
type ctxWake struct {
	mu   sync.Mutex
	done <-chan struct{} // the context's, when registered
	stop func() bool
}

// watch makes wake run when ctx ends: once per context, however many
// waits it is given to.
func (c *ctxWake) watch(ctx context.Context, wake func()) {
	done := ctx.Done()
	c.mu.Lock()
	defer c.mu.Unlock()
	if done == c.done {
		return
	}
	c.releaseLocked()
	if done != nil {
		c.done, c.stop = done, context.AfterFunc(ctx, wake)
	}
}

// release drops the registration (the reader is closed).
func (c *ctxWake) release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.releaseLocked()
}

func (c *ctxWake) releaseLocked() {
	if c.stop != nil {
		c.stop()
	}
	c.done, c.stop = nil, nil
}
