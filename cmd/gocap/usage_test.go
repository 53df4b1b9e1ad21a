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
	want := fmt.Sprintf("(default %d, %d MiB)", capture.DefaultBufferSize/1024, capture.DefaultBufferSize>>20)
	if !strings.Contains(usageText, want) {
		t.Errorf("usage does not give -B's default as %q", want)
	}
}
