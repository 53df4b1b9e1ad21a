package fleet

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	authorizationv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/remotecommand"
	utilexec "k8s.io/client-go/util/exec"

	"github.com/gocap/gocap/pcapng"
)

// Labels and annotations of capture pods.
const (
	LabelManagedBy = "app.kubernetes.io/managed-by"
	ManagedBy      = "kubectl-gocap"
	LabelRun       = "gocap.dev/run"
	LabelNode      = "gocap.dev/node"
	// AnnotationExpires is when the pod may be deleted by another run: a
	// running capture renews it every LeaseRenew; a run that was killed
	// stops renewing, and the next run (or `kubectl gocap cleanup`)
	// deletes its pods.
	AnnotationExpires = "gocap.dev/expires"
	LeaseRenew        = 20 * time.Second
	leaseLength       = 3 * LeaseRenew
	// DefaultImage is the capture image's reference (scripts/k8s-cluster builds it).
	DefaultImage = "localhost/gocap-fleet:dev"
)

// Options select what to capture and where the merged capture goes.
type Options struct {
	Nodes        []string // node names
	NodeSelector string   // label selector of nodes
	Namespace    string   // the namespace of Pods and PodSelector
	Pods         []string // pod names
	PodSelector  string   // label selector of pods

	Interface string   // -i; "" means eth0 in a pod, any on a node
	Filter    []string // the filter expression
	Snaplen   int      // -s; 0 means gocap's default
	Count     uint64   // -c: packets in the merged capture
	Duration  time.Duration

	Image            string // capture image; "" means DefaultImage
	CaptureNamespace string // where the capture pods are created; "" means "default"
	PodTimeout       time.Duration
	Window           time.Duration // MergeOptions.Window

	// Progress, when set, receives one line per step (pods created, streams
	// started, first packet).
	Progress io.Writer
}

// Target is one capture: a node's own interfaces, or a pod's network
// namespace on its node.
type Target struct {
	Node      string
	Pod       string // namespace/name; "" for the node's own interfaces
	Container string // the container id whose network namespace is captured
}

func (t Target) String() string {
	if t.Pod == "" {
		return "node " + t.Node
	}
	return "pod " + t.Pod + " on node " + t.Node
}

// Permission is one API permission the fleet capture needs.
type Permission struct {
	Verb, Resource, Subresource, Namespace string
}

func (p Permission) String() string {
	r := p.Resource
	if p.Subresource != "" {
		r += "/" + p.Subresource
	}
	if p.Namespace == "" {
		return fmt.Sprintf("%s %s (cluster-wide)", p.Verb, r)
	}
	return fmt.Sprintf("%s %s in namespace %s", p.Verb, r, p.Namespace)
}

// Required lists the permissions a capture with o needs (fleet/rbac.yaml
// grants them).
func Required(o *Options) []Permission {
	cns := o.captureNamespace()
	ps := []Permission{
		{"create", "pods", "", cns}, {"get", "pods", "", cns}, {"list", "pods", "", cns},
		{"watch", "pods", "", cns}, {"delete", "pods", "", cns}, {"patch", "pods", "", cns},
		{"create", "pods", "exec", cns},
	}
	if len(o.Nodes) > 0 || o.NodeSelector != "" {
		ps = append(ps, Permission{"get", "nodes", "", ""}, Permission{"list", "nodes", "", ""})
	}
	if len(o.Pods) > 0 || o.PodSelector != "" {
		ps = append(ps, Permission{"get", "pods", "", o.namespace()}, Permission{"list", "pods", "", o.namespace()})
	}
	return ps
}

func (o *Options) captureNamespace() string {
	if o.CaptureNamespace == "" {
		return "default"
	}
	return o.CaptureNamespace
}

func (o *Options) namespace() string {
	if o.Namespace == "" {
		return "default"
	}
	return o.Namespace
}

// PermissionError is the refusal when the user lacks permissions.
type PermissionError struct {
	User    string
	Missing []Permission
}

func (e *PermissionError) Error() string {
	var s []string
	for _, p := range e.Missing {
		s = append(s, p.String())
	}
	return fmt.Sprintf("refusing to start: not allowed to %s (grant them with the ClusterRole in fleet/rbac.yaml)", strings.Join(s, "; "))
}

// CheckPermissions asks the API server (SelfSubjectAccessReview) whether
// the caller has every permission the capture needs, and returns a
// *PermissionError naming those it lacks.
func CheckPermissions(ctx context.Context, cs kubernetes.Interface, o *Options) error {
	var missing []Permission
	for _, p := range Required(o) {
		r, err := cs.AuthorizationV1().SelfSubjectAccessReviews().Create(ctx, &authorizationv1.SelfSubjectAccessReview{
			Spec: authorizationv1.SelfSubjectAccessReviewSpec{ResourceAttributes: &authorizationv1.ResourceAttributes{
				Namespace: p.Namespace, Verb: p.Verb, Resource: p.Resource, Subresource: p.Subresource}},
		}, metav1.CreateOptions{})
		if err != nil {
			return fmt.Errorf("checking permission to %s: %w", p, err)
		}
		if !r.Status.Allowed {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return &PermissionError{Missing: missing}
	}
	return nil
}

// Targets resolves o's selection to captures: each selected node, and each
// selected pod (which must be running) on its node.
func Targets(ctx context.Context, cs kubernetes.Interface, o *Options) ([]Target, error) {
	var ts []Target
	seen := map[string]bool{}
	addNode := func(n string) {
		if !seen[n] {
			seen[n] = true
			ts = append(ts, Target{Node: n})
		}
	}
	for _, n := range o.Nodes {
		if _, err := cs.CoreV1().Nodes().Get(ctx, n, metav1.GetOptions{}); err != nil {
			return nil, fmt.Errorf("node %s: %w", n, err)
		}
		addNode(n)
	}
	if o.NodeSelector != "" {
		l, err := cs.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: o.NodeSelector})
		if err != nil {
			return nil, fmt.Errorf("nodes %s: %w", o.NodeSelector, err)
		}
		if len(l.Items) == 0 {
			return nil, fmt.Errorf("no node matches %q", o.NodeSelector)
		}
		for _, n := range l.Items {
			addNode(n.Name)
		}
	}
	var pods []corev1.Pod
	ns := o.namespace()
	for _, name := range o.Pods {
		p, err := cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return nil, fmt.Errorf("pod %s/%s: %w", ns, name, err)
		}
		pods = append(pods, *p)
	}
	if o.PodSelector != "" {
		l, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: o.PodSelector})
		if err != nil {
			return nil, fmt.Errorf("pods %s in %s: %w", o.PodSelector, ns, err)
		}
		if len(l.Items) == 0 {
			return nil, fmt.Errorf("no pod in namespace %s matches %q", ns, o.PodSelector)
		}
		pods = append(pods, l.Items...)
	}
	for _, p := range pods {
		key := p.Namespace + "/" + p.Name
		if seen["pod:"+key] {
			continue
		}
		seen["pod:"+key] = true
		t, err := podTarget(&p)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		return nil, errors.New("nothing selected: name nodes (--node, --node-selector) or pods (--pod, --selector)")
	}
	return ts, nil
}

func podTarget(p *corev1.Pod) (Target, error) {
	key := p.Namespace + "/" + p.Name
	if p.Spec.HostNetwork {
		return Target{}, fmt.Errorf("pod %s uses the host's network: capture its node (--node %s) instead", key, p.Spec.NodeName)
	}
	if p.Status.Phase != corev1.PodRunning || p.Spec.NodeName == "" {
		return Target{}, fmt.Errorf("pod %s is %s, not running on a node", key, p.Status.Phase)
	}
	for _, c := range p.Status.ContainerStatuses {
		if c.State.Running == nil || c.ContainerID == "" {
			continue
		}
		id := c.ContainerID
		if i := strings.Index(id, "://"); i >= 0 {
			id = id[i+3:]
		}
		return Target{Node: p.Spec.NodeName, Pod: key, Container: id}, nil
	}
	return Target{}, fmt.Errorf("pod %s has no running container", key)
}

// NewRunID returns a fresh run id (the capture pods' run label).
func NewRunID() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// capturePod is the pod spec of a node's capture pod.
func capturePod(o *Options, run, node string, intoPods bool) *corev1.Pod {
	image := o.Image
	if image == "" {
		image = DefaultImage
	}
	caps := []corev1.Capability{"NET_RAW", "NET_ADMIN", "BPF"}
	if intoPods {
		// setns into another container's network namespace, opened
		// through /proc/PID/ns/net (a ptrace-mode check).
		caps = append(caps, "SYS_ADMIN", "SYS_PTRACE")
	}
	zero, root := int64(0), int64(0)
	no := false
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			GenerateName: "gocap-" + run + "-",
			Namespace:    o.captureNamespace(),
			Labels:       map[string]string{LabelManagedBy: ManagedBy, LabelRun: run, LabelNode: node},
			Annotations:  map[string]string{AnnotationExpires: time.Now().Add(leaseLength).UTC().Format(time.RFC3339)},
		},
		Spec: corev1.PodSpec{
			NodeName:                      node,
			HostNetwork:                   true,
			HostPID:                       true,
			RestartPolicy:                 corev1.RestartPolicyNever,
			AutomountServiceAccountToken:  &no,
			TerminationGracePeriodSeconds: &zero,
			Tolerations:                   []corev1.Toleration{{Operator: corev1.TolerationOpExists}},
			Containers: []corev1.Container{{
				Name:            "gocap",
				Image:           image,
				ImagePullPolicy: corev1.PullIfNotPresent,
				Command:         []string{"/gocap-pod", "pause"},
				SecurityContext: &corev1.SecurityContext{
					RunAsUser:    &root,
					Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}, Add: caps},
				},
			}},
		},
	}
	if o.Duration > 0 {
		// A capture that outlives its duration by far is gone whatever
		// happened to the plugin.
		d := int64((o.Duration + 5*time.Minute) / time.Second)
		pod.Spec.ActiveDeadlineSeconds = &d
	}
	return pod
}

// gocapArgs is the node's command line: gocap-pod entering the target's
// network namespace, gocap writing pcapng to its standard output.
func gocapArgs(o *Options, t Target, tag string) []string {
	args := []string{"/gocap-pod", "capture", "--tag", tag}
	if t.Container != "" {
		args = append(args, "--container", t.Container)
	}
	ifc := o.Interface
	if ifc == "" {
		ifc = "any"
		if t.Pod != "" {
			ifc = "eth0"
		}
	}
	args = append(args, "--", "/gocap", "-i", ifc, "-w", "-", "-U", "-n")
	if o.Snaplen > 0 {
		args = append(args, "-s", fmt.Sprint(o.Snaplen))
	}
	if o.Count > 0 {
		// No node needs to capture more than the whole merge.
		args = append(args, "-c", fmt.Sprint(o.Count))
	}
	return append(args, o.Filter...)
}

// Cleanup deletes the capture pods in o's capture namespace whose lease
// has expired (all of them with all set): what interrupted runs left.
func Cleanup(ctx context.Context, cs kubernetes.Interface, ns string, all bool) ([]string, error) {
	l, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: LabelManagedBy + "=" + ManagedBy})
	if err != nil {
		return nil, fmt.Errorf("listing capture pods in %s: %w", ns, err)
	}
	var deleted []string
	for _, p := range l.Items {
		if !all && !expired(&p, time.Now()) {
			continue
		}
		err := cs.CoreV1().Pods(ns).Delete(ctx, p.Name, metav1.DeleteOptions{GracePeriodSeconds: new(int64)})
		if err != nil && !apierrors.IsNotFound(err) {
			return deleted, fmt.Errorf("deleting capture pod %s/%s: %w", ns, p.Name, err)
		}
		deleted = append(deleted, p.Name)
	}
	return deleted, nil
}

// expired says whether another run may delete the capture pod p: its
// lease has passed, it has ended, or it carries no lease.
func expired(p *corev1.Pod, now time.Time) bool {
	if p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		return true
	}
	t, err := time.Parse(time.RFC3339, p.Annotations[AnnotationExpires])
	return err != nil || now.After(t)
}

// NodeResult is one target's outcome.
type NodeResult struct {
	Target
	Packets    uint64
	Interfaces []string
	Stderr     string // what gocap said
	Err        error
}

// Result is a fleet capture's outcome.
type Result struct {
	Run        string
	Targets    []NodeResult
	Packets    uint64
	Late       uint64
	FirstAfter time.Duration // from Run's start to the first packet written; 0 if none
	Deleted    []string      // capture pods deleted at the end
	LeftOver   []string      // capture pods that could not be deleted
}

// Run captures on o's targets and writes the merged capture to w (which
// the caller closes afterwards: that writes the statistics). ctx's end
// (Ctrl-C) stops the captures cleanly; the capture pods are deleted
// whatever happens.
func Run(ctx context.Context, cfg *rest.Config, cs kubernetes.Interface, o *Options, w pcapng.PacketWriter) (*Result, error) {
	start := time.Now()
	progress := func(format string, args ...any) {
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "kubectl-gocap: "+format+"\n", args...)
		}
	}
	// API calls that must happen even after ctx ends (deleting pods).
	bg := context.Background()
	if err := CheckPermissions(ctx, cs, o); err != nil {
		return nil, err
	}
	if gone, err := Cleanup(ctx, cs, o.captureNamespace(), false); err != nil {
		return nil, err
	} else if len(gone) > 0 {
		progress("deleted %d capture pod(s) left by interrupted runs: %s", len(gone), strings.Join(gone, " "))
	}
	targets, err := Targets(ctx, cs, o)
	if err != nil {
		return nil, err
	}
	res := &Result{Run: NewRunID()}
	cns := o.captureNamespace()

	// One capture pod per node.
	nodes := map[string]bool{}
	intoPods := map[string]bool{}
	var nodeOrder []string
	for _, t := range targets {
		if !nodes[t.Node] {
			nodes[t.Node] = true
			nodeOrder = append(nodeOrder, t.Node)
		}
		if t.Pod != "" {
			intoPods[t.Node] = true
		}
	}
	sort.Strings(nodeOrder)
	podOf := map[string]string{}
	var mu sync.Mutex
	defer func() {
		names := make([]string, 0, len(podOf))
		for _, n := range podOf {
			names = append(names, n)
		}
		res.Deleted, res.LeftOver = deletePods(bg, cs, cns, names)
	}()
	for _, n := range nodeOrder {
		p, err := cs.CoreV1().Pods(cns).Create(ctx, capturePod(o, res.Run, n, intoPods[n]), metav1.CreateOptions{})
		if err != nil {
			return res, fmt.Errorf("creating the capture pod on node %s: %w", n, err)
		}
		podOf[n] = p.Name
	}
	progress("run %s: capture pods created on %d node(s) after %v", res.Run, len(nodeOrder), time.Since(start).Round(time.Millisecond))

	renewCtx, stopRenew := context.WithCancel(bg)
	defer stopRenew()
	go renewLeases(renewCtx, cs, cns, podOf)

	// Wait for each capture pod; a node whose pod does not run is a
	// failed target, the others go on.
	timeout := o.PodTimeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ready := map[string]error{}
	var wg sync.WaitGroup
	for n, name := range podOf {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := waitRunning(ctx, cs, cns, name, timeout)
			mu.Lock()
			ready[n] = err
			mu.Unlock()
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return res, ctx.Err()
	}

	// One exec per target, its standard output a stream of the merge.
	type running struct {
		t      Target
		stdinW *io.PipeWriter
		stderr *lockedBuffer
		tag    string
		done   chan struct{}
		err    error
	}
	var runs []*running
	var streams []Stream
	for i, t := range targets {
		r := &running{t: t, stderr: &lockedBuffer{}, tag: fmt.Sprintf("%s-%d", res.Run, i), done: make(chan struct{})}
		runs = append(runs, r)
		pr, pw := io.Pipe()
		streams = append(streams, Stream{Node: t.Node, Pod: t.Pod, R: pr})
		if err := ready[t.Node]; err != nil {
			r.err = err
			pw.CloseWithError(err)
			close(r.done)
			continue
		}
		stdinR, stdinW := io.Pipe()
		r.stdinW = stdinW
		exec, err := newExec(cfg, cs, cns, podOf[t.Node], gocapArgs(o, t, r.tag))
		if err != nil {
			r.err = err
			pw.CloseWithError(err)
			close(r.done)
			continue
		}
		go func() {
			defer close(r.done)
			err := exec.StreamWithContext(bg, remotecommand.StreamOptions{Stdin: stdinR, Stdout: pw, Stderr: r.stderr})
			if err != nil {
				var ce utilexec.CodeExitError
				if errors.As(err, &ce) && ce.Code == 137 {
					err = fmt.Errorf("%w: gocap was killed (its capture pod deleted, evicted or out of memory)", err)
				}
				if msg := complaint(r.stderr.String()); msg != "" {
					err = fmt.Errorf("%w (%s)", err, msg)
				}
				r.err = err
			}
			pw.CloseWithError(err)
		}()
	}
	progress("capturing on %d target(s) after %v", len(targets), time.Since(start).Round(time.Millisecond))

	// Stopping: the captures end cleanly (gocap writes its statistics)
	// when told; each is told twice, by the end of its exec's standard
	// input and by a `gocap-pod stop` exec, since not every runtime passes
	// the former on.
	var stopOnce sync.Once
	stopAll := func() {
		stopOnce.Do(func() {
			for _, r := range runs {
				if r.stdinW == nil {
					continue
				}
				r.stdinW.Close()
				select {
				case <-r.done:
					continue
				default:
				}
				go func() {
					if e, err := newExec(cfg, cs, cns, podOf[r.t.Node], []string{"/gocap-pod", "stop", r.tag}); err == nil {
						e.StreamWithContext(bg, remotecommand.StreamOptions{Stdout: io.Discard, Stderr: io.Discard})
					}
				}()
			}
		})
	}
	var durC <-chan time.Time
	if o.Duration > 0 {
		tm := time.NewTimer(o.Duration)
		defer tm.Stop()
		durC = tm.C
	}
	// The merge outlives ctx by a grace period, for the stopped captures'
	// last packets and statistics.
	mergeCtx, cancelMerge := context.WithCancel(bg)
	defer cancelMerge()
	go func() {
		select {
		case <-ctx.Done():
		case <-durC:
		case <-mergeCtx.Done():
			return
		}
		stopAll()
		select {
		case <-time.After(15 * time.Second):
			cancelMerge()
		case <-mergeCtx.Done():
		}
	}()
	fw := &firstWriter{PacketWriter: w, start: start}
	sum, err := Merge(mergeCtx, fw, streams, MergeOptions{Window: o.Window, Count: o.Count, Stop: stopAll})
	res.Packets, res.Late, res.FirstAfter = sum.Packets, sum.Late, fw.first
	for i, r := range runs {
		select {
		case <-r.done:
		case <-time.After(5 * time.Second):
		}
		nr := NodeResult{Target: r.t, Stderr: r.stderr.String(), Err: r.err}
		if i < len(sum.Streams) {
			nr.Packets, nr.Interfaces = sum.Streams[i].Packets, sum.Streams[i].Interfaces
			if nr.Err == nil {
				nr.Err = sum.Streams[i].Err
			}
		}
		res.Targets = append(res.Targets, nr)
	}
	if err != nil {
		return res, fmt.Errorf("merging: %w", err)
	}
	return res, nil
}

// firstWriter notes when the first packet is written.
type firstWriter struct {
	pcapng.PacketWriter
	start time.Time
	first time.Duration
}

func (f *firstWriter) WritePacket(p pcapng.Packet) error {
	if f.first == 0 {
		f.first = time.Since(f.start)
	}
	return f.PacketWriter.WritePacket(p)
}

func newExec(cfg *rest.Config, cs kubernetes.Interface, ns, pod string, cmd []string) (remotecommand.Executor, error) {
	req := cs.CoreV1().RESTClient().Post().Resource("pods").Namespace(ns).Name(pod).SubResource("exec").
		VersionedParams(&corev1.PodExecOptions{Container: "gocap", Command: cmd, Stdin: true, Stdout: true, Stderr: true}, scheme.ParameterCodec)
	e, err := remotecommand.NewSPDYExecutor(cfg, "POST", req.URL())
	if err != nil {
		return nil, fmt.Errorf("exec in %s/%s: %w", ns, pod, err)
	}
	return e, nil
}

func waitRunning(ctx context.Context, cs kubernetes.Interface, ns, name string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		p, err := cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return fmt.Errorf("capture pod %s: %w", name, err)
		}
		switch p.Status.Phase {
		case corev1.PodRunning:
			return nil
		case corev1.PodFailed, corev1.PodSucceeded:
			return fmt.Errorf("capture pod %s ended (%s): %s", name, p.Status.Phase, p.Status.Message)
		}
		w, err := cs.CoreV1().Pods(ns).Watch(ctx, metav1.ListOptions{FieldSelector: fields.OneTermEqualSelector("metadata.name", name).String(),
			ResourceVersion: p.ResourceVersion})
		if err != nil {
			return fmt.Errorf("capture pod %s: %w", name, err)
		}
		select {
		case <-w.ResultChan():
		case <-ctx.Done():
			w.Stop()
			why := ""
			for _, c := range p.Status.ContainerStatuses {
				if c.State.Waiting != nil {
					why = fmt.Sprintf(": %s %s", c.State.Waiting.Reason, c.State.Waiting.Message)
				}
			}
			return fmt.Errorf("capture pod %s not running after %v (%s%s)", name, timeout, p.Status.Phase, why)
		}
		w.Stop()
	}
}

func renewLeases(ctx context.Context, cs kubernetes.Interface, ns string, pods map[string]string) {
	t := time.NewTicker(LeaseRenew)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		patch := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, AnnotationExpires, time.Now().Add(leaseLength).UTC().Format(time.RFC3339))
		for _, name := range pods {
			cs.CoreV1().Pods(ns).Patch(ctx, name, types.MergePatchType, []byte(patch), metav1.PatchOptions{})
		}
	}
}

// deletePods deletes the pods and waits (up to 30 s) until they are gone.
func deletePods(ctx context.Context, cs kubernetes.Interface, ns string, names []string) (deleted, left []string) {
	for _, n := range names {
		err := cs.CoreV1().Pods(ns).Delete(ctx, n, metav1.DeleteOptions{GracePeriodSeconds: new(int64)})
		if err != nil && !apierrors.IsNotFound(err) {
			left = append(left, n)
			continue
		}
		deleted = append(deleted, n)
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, n := range deleted {
		for time.Now().Before(deadline) {
			_, err := cs.CoreV1().Pods(ns).Get(ctx, n, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	return deleted, left
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 64<<10 {
		return len(p), nil
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// complaint is the last line of a capture's standard error that is not
// gocap's ordinary chatter ("listening on", the closing counts).
func complaint(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.Contains(l, ": listening on ") || strings.HasSuffix(l, " packets captured") ||
			strings.HasSuffix(l, " packets received by filter") || strings.HasSuffix(l, " packets dropped by kernel") {
			continue
		}
		return l
	}
	return ""
}
