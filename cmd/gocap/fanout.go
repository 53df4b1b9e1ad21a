package main

import (
	"fmt"
	"io"

	"github.com/gocap/gocap/capture"
)

// setFanout carries --fanout and --fanout-mode into the capture options.
func setFanout(o *options, copts *capture.Options) error {
	n, err := o.fanoutSockets()
	if err != nil {
		return err
	}
	mode, err := capture.ParseFanoutMode(o.fanoutMode)
	if err != nil {
		return usagef("--fanout-mode: %v", err)
	}
	copts.Fanout, copts.FanoutMode = n, mode
	return nil
}

// printSocketStats adds, with -v, each fanout socket's counters to the
// exit summary (whose figures are their sums).
func printSocketStats(w io.Writer, per []capture.SocketStats) {
	for _, s := range per {
		fmt.Fprintf(w, "  %s socket %d: %d received by filter, %d dropped by kernel, %d captured\n",
			s.Interface, s.Socket, s.Received, s.Dropped, s.Matched)
	}
}
