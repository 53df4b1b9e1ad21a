// Command gocap-pod is what runs inside a fleet capture pod (see package
// fleet and cmd/kubectl-gocap), beside a static gocap in the capture
// image. It uses only the standard library and x/sys, so the image stays
// small.
//
//	gocap-pod pause
//
// is the capture pod's main process: it waits for SIGTERM or SIGINT (the
// pod's deletion) and exits. The same program serves as a pause image.
//
//	gocap-pod capture [--tag TAG] [--container ID] -- /gocap ARGS...
//
// is run by pods/exec: it enters the network namespace of the container ID
// (a container of the pod to capture, found by its ID in the cgroup paths
// under /proc, which the pod sees with hostPID), starts gocap there with
// ARGS, passes its standard output (the pcapng stream) and error through,
// and interrupts gocap (SIGINT, as Ctrl-C would) when its own standard
// input ends — the plugin closes it to end the capture cleanly, so that
// gocap writes its statistics and the stream ends whole — or when it gets
// SIGTERM/SIGINT itself. It exits with gocap's status.
//
//	gocap-pod stop TAG
//
// interrupts the capture started with --tag TAG (another exec in the same
// pod; with hostPID it sees the capture's process): the way to end it
// cleanly when the runtime does not pass the end of the exec's standard
// input on.
package main
