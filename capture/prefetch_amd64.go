package capture

// prefetch asks the CPU to bring b's cache lines in, without waiting for
// them.
//
//go:noescape
func prefetch(b []byte)
