package fleet

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	authorizationv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

func runningPod(ns, name, node, cid string, labels map[string]string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec:       corev1.PodSpec{NodeName: node},
		Status: corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{{
			ContainerID: "containerd://" + cid, State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}}},
	}
}

func node(name string, labels map[string]string) *corev1.Node {
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
}

// denyExcept makes the fake API server answer SelfSubjectAccessReviews:
// allowed unless the permission is in deny.
func denyExcept(cs *fake.Clientset, deny ...Permission) {
	cs.PrependReactor("create", "selfsubjectaccessreviews", func(a k8stesting.Action) (bool, runtime.Object, error) {
		r := a.(k8stesting.CreateAction).GetObject().(*authorizationv1.SelfSubjectAccessReview)
		ra := r.Spec.ResourceAttributes
		r.Status.Allowed = true
		for _, d := range deny {
			if d == (Permission{ra.Verb, ra.Resource, ra.Subresource, ra.Namespace}) {
				r.Status.Allowed = false
			}
		}
		return true, r, nil
	})
}

func TestCheckPermissionsNamesMissing(t *testing.T) {
	cs := fake.NewSimpleClientset()
	denyExcept(cs, Permission{"create", "pods", "exec", "default"}, Permission{"list", "nodes", "", ""})
	err := CheckPermissions(context.Background(), cs, &Options{Nodes: []string{"n1"}})
	var pe *PermissionError
	if !errors.As(err, &pe) || len(pe.Missing) != 2 {
		t.Fatalf("err %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"not allowed to create pods/exec in namespace default; list nodes (cluster-wide)", "fleet/rbac.yaml"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	cs2 := fake.NewSimpleClientset()
	denyExcept(cs2)
	if err := CheckPermissions(context.Background(), cs2, &Options{Pods: []string{"p"}, Namespace: "shop"}); err != nil {
		t.Errorf("all allowed: %v", err)
	}
}

// TestRequiredMatchesManifest: every permission the code asks for is
// granted by fleet/rbac.yaml.
func TestRequiredMatchesManifest(t *testing.T) {
	rules := parseRBAC(t, "rbac.yaml")
	for _, p := range Required(&Options{Nodes: []string{"n"}, Pods: []string{"p"}}) {
		r := p.Resource
		if p.Subresource != "" {
			r += "/" + p.Subresource
		}
		if !rules[r+" "+p.Verb] {
			t.Errorf("rbac.yaml does not grant %s", p)
		}
	}
}

func TestTargets(t *testing.T) {
	cs := fake.NewSimpleClientset(
		node("n1", map[string]string{"zone": "a"}), node("n2", map[string]string{"zone": "a"}), node("n3", nil),
		runningPod("shop", "cart-1", "n2", "aaaaaaaaaaaaaaaa", map[string]string{"app": "cart"}),
		runningPod("shop", "cart-2", "n3", "bbbbbbbbbbbbbbbb", map[string]string{"app": "cart"}),
	)
	ts, err := Targets(context.Background(), cs, &Options{Nodes: []string{"n1"}, NodeSelector: "zone=a", Namespace: "shop", PodSelector: "app=cart"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, t := range ts {
		got = append(got, t.String()+"/"+t.Container)
	}
	want := "node n1/ node n2/ pod shop/cart-1 on node n2/aaaaaaaaaaaaaaaa pod shop/cart-2 on node n3/bbbbbbbbbbbbbbbb"
	if strings.Join(got, " ") != want {
		t.Errorf("targets %q\nwant %q", strings.Join(got, " "), want)
	}
	for _, bad := range []struct {
		o    Options
		want string
	}{
		{Options{}, "nothing selected"},
		{Options{Nodes: []string{"nope"}}, "node nope"},
		{Options{NodeSelector: "zone=b"}, `no node matches "zone=b"`},
		{Options{Namespace: "shop", PodSelector: "app=none"}, "no pod in namespace shop matches"},
	} {
		if _, err := Targets(context.Background(), cs, &bad.o); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: err %v, want %q", bad.o, err, bad.want)
		}
	}
	pending := runningPod("default", "p", "", "", nil)
	pending.Status.Phase = corev1.PodPending
	host := runningPod("default", "h", "n1", "cccccccccccccccc", nil)
	host.Spec.HostNetwork = true
	cs2 := fake.NewSimpleClientset(pending, host)
	if _, err := Targets(context.Background(), cs2, &Options{Pods: []string{"p"}}); err == nil || !strings.Contains(err.Error(), "is Pending, not running") {
		t.Errorf("pending pod: %v", err)
	}
	if _, err := Targets(context.Background(), cs2, &Options{Pods: []string{"h"}}); err == nil || !strings.Contains(err.Error(), "capture its node (--node n1)") {
		t.Errorf("host-network pod: %v", err)
	}
}

func TestCapturePodSpec(t *testing.T) {
	o := &Options{Duration: time.Minute, CaptureNamespace: "cap", Image: "reg/gocap:1"}
	p := capturePod(o, "r1", "n1", false)
	s := p.Spec
	if s.NodeName != "n1" || !s.HostNetwork || !s.HostPID || p.Namespace != "cap" || s.Containers[0].Image != "reg/gocap:1" {
		t.Errorf("spec %+v", s)
	}
	if p.Labels[LabelManagedBy] != ManagedBy || p.Labels[LabelRun] != "r1" || p.Labels[LabelNode] != "n1" || p.Annotations[AnnotationExpires] == "" {
		t.Errorf("labels %v annotations %v", p.Labels, p.Annotations)
	}
	caps := s.Containers[0].SecurityContext.Capabilities
	if len(caps.Drop) != 1 || caps.Drop[0] != "ALL" || len(caps.Add) != 3 {
		t.Errorf("node capture capabilities %+v", caps)
	}
	if *s.ActiveDeadlineSeconds != 360 || *s.AutomountServiceAccountToken {
		t.Errorf("deadline %d automount %v", *s.ActiveDeadlineSeconds, *s.AutomountServiceAccountToken)
	}
	if caps := capturePod(o, "r1", "n1", true).Spec.Containers[0].SecurityContext.Capabilities; len(caps.Add) != 5 || caps.Add[3] != "SYS_ADMIN" {
		t.Errorf("pod capture capabilities %+v", caps)
	}
}

func TestGocapArgs(t *testing.T) {
	o := &Options{Filter: []string{"udp", "port", "53"}, Count: 10, Snaplen: 96}
	got := strings.Join(gocapArgs(o, Target{Node: "n1", Pod: "a/b", Container: "cid"}, "t1"), " ")
	want := "/gocap-pod capture --tag t1 --container cid -- /gocap -i eth0 -w - -U -n -s 96 -c 10 udp port 53"
	if got != want {
		t.Errorf("pod:\n got %s\nwant %s", got, want)
	}
	got = strings.Join(gocapArgs(&Options{Interface: "eth1"}, Target{Node: "n1"}, "t2"), " ")
	if got != "/gocap-pod capture --tag t2 -- /gocap -i eth1 -w - -U -n" {
		t.Errorf("node: %s", got)
	}
	if got := strings.Join(gocapArgs(&Options{}, Target{Node: "n1"}, "t3"), " "); !strings.Contains(got, "-i any") {
		t.Errorf("node default interface: %s", got)
	}
}

// TestCleanup: a later run deletes the capture pods whose lease expired
// (or that ended), and leaves a live run's pods alone; --all deletes all.
func TestCleanup(t *testing.T) {
	now := time.Now()
	mk := func(name string, expires time.Time, phase corev1.PodPhase) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name,
			Labels:      map[string]string{LabelManagedBy: ManagedBy},
			Annotations: map[string]string{AnnotationExpires: expires.UTC().Format(time.RFC3339)}},
			Status: corev1.PodStatus{Phase: phase}}
	}
	other := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "unrelated"}}
	noLease := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "nolease", Labels: map[string]string{LabelManagedBy: ManagedBy}}}
	cs := fake.NewSimpleClientset(mk("stale", now.Add(-time.Minute), corev1.PodRunning), mk("live", now.Add(time.Minute), corev1.PodRunning),
		mk("ended", now.Add(time.Minute), corev1.PodFailed), noLease, other)
	gone, err := Cleanup(context.Background(), cs, "default", false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(gone, " ") != "ended nolease stale" {
		t.Errorf("deleted %v", gone)
	}
	left, _ := cs.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{})
	var names []string
	for _, p := range left.Items {
		names = append(names, p.Name)
	}
	if strings.Join(names, " ") != "live unrelated" {
		t.Errorf("left %v", names)
	}
	if gone, _ := Cleanup(context.Background(), cs, "default", true); strings.Join(gone, " ") != "live" {
		t.Errorf("--all deleted %v", gone)
	}
}

func TestComplaint(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"gocap: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n", ""},
		{"gocap-pod: container 4f1c2a9e8b7d: no process of it on this node\n", "gocap-pod: container 4f1c2a9e8b7d: no process of it on this node"},
		{"gocap: eth9: no such device\n\n", "gocap: eth9: no such device"},
		{"gocap: listening on eth0, ...\n12 packets captured\n12 packets received by filter\n0 packets dropped by kernel\n", ""},
	} {
		if got := complaint(c.in); got != c.want {
			t.Errorf("complaint(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
