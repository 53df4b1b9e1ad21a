// Package fleet captures on many Kubernetes nodes and pods at once and
// merges their captures into one pcapng.
//
// Merge is the merge: it reads the pcapng streams gocap writes with -w -
// on each node and writes one capture, time-ordered by a bounded merge,
// with one interface per (node, interface), the node and pod in each
// packet's comment and each node's statistics in its own Interface
// Statistics Blocks. It knows nothing of Kubernetes and is tested on fake
// streams.
//
// The Kubernetes side (kube.go) creates one capture pod per node through
// the API server, runs gocap in it by pods/exec, streams the pcapng back
// through the API server, and deletes the pods at the end (Ctrl-C, -c, a
// duration or an error). It lives in this package and its own command,
// cmd/kubectl-gocap, so that cmd/gocap does not link k8s.io/client-go.
package fleet
