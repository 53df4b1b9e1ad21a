package testenv

import "testing"

// TestRequireBPF exercises the probe: on a healthy kernel as root it passes,
// elsewhere it skips (or fails in strict mode) with the reason.
func TestRequireBPF(t *testing.T) {
	RequireBPF(t)
}
