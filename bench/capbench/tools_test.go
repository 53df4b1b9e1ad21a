package main

import "testing"

// TestSweepQuota checks that every quota the sweep asks for is one the
// kernel accepts (at least 1 ms per period) and that a fanout's readers
// share their tool's period.
func TestSweepQuota(t *testing.T) {
	for _, c := range []struct {
		fraction float64
		readers  int
		want     quota
	}{
		{0.1, 1, quota{0.1, 10000}},
		{0.1, 2, quota{0.2, 10000}},
		{0.05, 1, quota{0.05, 20000}},
		{0.05, 4, quota{0.2, 20000}},
		{0.03, 1, quota{0.03, 33334}},
		{0.5, 0, quota{0.5, 10000}},
	} {
		got := sweepQuota(c.fraction, c.readers)
		if got != c.want {
			t.Errorf("sweepQuota(%v, %d) = %+v, want %+v", c.fraction, c.readers, got, c.want)
		}
		if us := int(got.fraction * float64(got.periodUS)); us < 1000 {
			t.Errorf("sweepQuota(%v, %d): quota of %d µs per period, under the kernel's 1 ms", c.fraction, c.readers, us)
		}
	}
}
