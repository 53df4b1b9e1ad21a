//go:build !amd64

package capture

// prefetch is a no-op where there is no assembly version.
func prefetch([]byte) {}
