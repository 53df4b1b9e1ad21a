package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gocap/gocap/capture"
)

// TestUsageBufferDefault keeps --help's -B default equal to the capture
// engine's (README.md states it too).
func TestUsageBufferDefault(t *testing.T) {
	for _, size := range []int{capture.DefaultBufferSize, capture.DefaultTCBufferSize} {
		want := fmt.Sprintf("%d, %d MiB", size/1024, size>>20)
		if !strings.Contains(usageText, want) {
			t.Errorf("usage does not give a -B default as %q", want)
		}
	}
}
