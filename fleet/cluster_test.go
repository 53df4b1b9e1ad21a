//go:build k8scluster

// The cluster test: kubectl-gocap against a real Kubernetes that
// scripts/k8s-cluster brought up on this machine (`scripts/k8s-cluster
// test`, `make fleet-cluster-test`). It is built only with -tags
// k8scluster; .ci/run runs it when the cluster binaries are built.

package fleet

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/gocap/gocap/internal/testenv"
)

const (
	node1, node2 = "gcfleet-n1", "gcfleet-n2"
	talkerImage  = "localhost/gocap-fleet-talker:dev"
	talkPort     = 9999
)

type cluster struct {
	state  string
	admin  *kubernetes.Clientset
	plugin string // the kubectl-gocap binary
}

func setup(t *testing.T) *cluster {
	testenv.RequireRoot(t)
	state := os.Getenv("GOCAP_K8S_STATE")
	if state == "" {
		testenv.Skip(t, "no cluster: run through scripts/k8s-cluster test (GOCAP_K8S_STATE unset)")
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", filepath.Join(state, "admin.kubeconfig"))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "kubectl-gocap")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/kubectl-gocap").CombinedOutput(); err != nil {
		t.Fatalf("building kubectl-gocap: %v\n%s", err, out)
	}
	return &cluster{state: state, admin: cs, plugin: bin}
}

func (c *cluster) kubeconfig(who string) string { return filepath.Join(c.state, who+".kubeconfig") }

// talkers starts pod talk-b (echo) on node 2 and talk-a (sending to it) on
// node 1 and returns them running.
func (c *cluster) talkers(t *testing.T) (a, b *corev1.Pod) {
	ctx := context.Background()
	mk := func(name, node string, args ...string) *corev1.Pod {
		no := false
		zero := int64(0)
		p := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "talker"}},
			Spec: corev1.PodSpec{NodeName: node, AutomountServiceAccountToken: &no, TerminationGracePeriodSeconds: &zero,
				Containers: []corev1.Container{{Name: "talker", Image: talkerImage, ImagePullPolicy: corev1.PullNever, Args: args}}},
		}
		if _, err := c.admin.CoreV1().Pods("default").Create(ctx, p, metav1.CreateOptions{}); err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		t.Cleanup(func() {
			c.admin.CoreV1().Pods("default").Delete(context.Background(), name, metav1.DeleteOptions{GracePeriodSeconds: new(int64)})
		})
		return c.waitRunning(t, name)
	}
	b = mk("talk-b", node2, "echo", fmt.Sprint(talkPort))
	a = mk("talk-a", node1, "send", net.JoinHostPort(b.Status.PodIP, fmt.Sprint(talkPort)))
	return a, b
}

func (c *cluster) waitRunning(t *testing.T, name string) *corev1.Pod {
	deadline := time.Now().Add(90 * time.Second)
	for {
		p, err := c.admin.CoreV1().Pods("default").Get(context.Background(), name, metav1.GetOptions{})
		if err == nil && p.Status.Phase == corev1.PodRunning && p.Status.PodIP != "" {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("pod %s not running: %v %+v", name, err, p.Status)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// hostVeth is the host side of a pod's eth0: where tcpdump sees what the
// pod's own tcpdump would.
func hostVeth(t *testing.T, p *corev1.Pod) string {
	id := p.Status.ContainerStatuses[0].ContainerID
	id = id[strings.Index(id, "://")+3:]
	pid := 0
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		var n int
		if _, err := fmt.Sscan(e.Name(), &n); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cgroup"))
		if err == nil && bytes.Contains(b, []byte(id)) {
			pid = n
			break
		}
	}
	if pid == 0 {
		t.Fatalf("no process of pod %s's container", p.Name)
	}
	// "3: eth0@if12: <...": the peer's index in the host's namespace.
	out, err := exec.Command("nsenter", "-t", fmt.Sprint(pid), "-n", "ip", "-o", "link", "show", "eth0").Output()
	m := regexp.MustCompile(`eth0@if(\d+):`).FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("pod %s: eth0's peer: %v %q", p.Name, err, out)
	}
	var idx int
	fmt.Sscan(string(m[1]), &idx)
	ifc, err := net.InterfaceByIndex(idx)
	if err != nil {
		t.Fatalf("pod %s: host interface %d: %v", p.Name, idx, err)
	}
	return ifc.Name
}

// plugin runs kubectl-gocap in the background.
type pluginRun struct {
	cmd    *exec.Cmd
	stdout *syncBuffer
	stderr *syncBuffer
	start  time.Time
	done   chan error
}

func (c *cluster) startPlugin(t *testing.T, who string, args ...string) *pluginRun {
	cmd := exec.Command(c.plugin, append([]string{"--kubeconfig", c.kubeconfig(who)}, args...)...)
	r := &pluginRun{cmd: cmd, stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = r.stdout, r.stderr
	r.start = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- cmd.Wait() }()
	return r
}

func (r *pluginRun) wait(t *testing.T, limit time.Duration) (int, string) {
	select {
	case err := <-r.done:
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		out := string(r.stderr.Bytes())
		t.Logf("kubectl-gocap exited %d after %v:\n%s", code, time.Since(r.start).Round(time.Millisecond), out)
		return code, out
	case <-time.After(limit):
		r.cmd.Process.Kill()
		t.Fatalf("kubectl-gocap still running after %v:\n%s", limit, r.stderr.Bytes())
		return 0, ""
	}
}

func (r *pluginRun) waitFor(t *testing.T, what string, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for !strings.Contains(string(r.stderr.Bytes()), what) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q from kubectl-gocap after %v:\n%s", what, limit, r.stderr.Bytes())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *cluster) capturePods(t *testing.T) []string {
	l, err := c.admin.CoreV1().Pods("").List(context.Background(), metav1.ListOptions{LabelSelector: LabelManagedBy + "=" + ManagedBy})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range l.Items {
		names = append(names, p.Namespace+"/"+p.Name)
	}
	return names
}

// tcpdumpOn captures the talkers' traffic on a host interface until stop.
func tcpdumpOn(t *testing.T, ifc, file string) (stop func()) {
	cmd := exec.Command(testenv.RequireTool(t, "tcpdump"), "-i", ifc, "--immediate-mode", "-U", "-w", file, "udp", "port", fmt.Sprint(talkPort))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Listening once it says so.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errb.String(), "listening on") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	return func() {
		cmd.Process.Signal(syscall.SIGINT)
		cmd.Wait()
	}
}

// talk is one talker datagram: who sent it and its sequence number.
type talk struct {
	src string
	seq int
}

var seqRE = regexp.MustCompile(`^gocap-fleet (\d+)$`)

// talkOf decodes an Ethernet/IPv4/UDP talker datagram.
func talkOf(data []byte) (talk, bool) {
	if len(data) < 14+20+8 || binary.BigEndian.Uint16(data[12:14]) != 0x0800 || data[14+9] != 17 {
		return talk{}, false
	}
	ihl := int(data[14]&0x0f) * 4
	payload := data[14+ihl+8:]
	m := seqRE.FindSubmatch(payload)
	if m == nil {
		return talk{}, false
	}
	var n int
	fmt.Sscan(string(m[1]), &n)
	return talk{src: net.IP(data[14+12 : 14+16]).String(), seq: n}, true
}

func readTalks(t *testing.T, file string) map[talk]int {
	got := map[talk]int{}
	for _, p := range readFile(t, file).pkts {
		if k, ok := talkOf(p.Data); ok {
			got[k]++
		}
	}
	return got
}

// readFile reads a capture file back whole.
func readFile(t *testing.T, file string) merged {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return readMerged(t, b)
}

// TestClusterTwoPods: two pods on two nodes exchanging traffic, captured
// through the plugin in their network namespaces: each pod's interface is
// in the merged file, named with its node and pod, and every talker
// packet the host-side tcpdump saw on that pod's veth within the captured
// span is there exactly once.
func TestClusterTwoPods(t *testing.T) {
	c := setup(t)
	a, b := c.talkers(t)
	dir := t.TempDir()
	vethA, vethB := hostVeth(t, a), hostVeth(t, b)
	stopA := tcpdumpOn(t, vethA, filepath.Join(dir, "a.pcap"))
	stopB := tcpdumpOn(t, vethB, filepath.Join(dir, "b.pcap"))
	out := filepath.Join(dir, "merged.pcapng")
	r := c.startPlugin(t, "user", "--pod", "talk-a", "--pod", "talk-b", "--duration", "5s", "-w", out, "udp", "port", fmt.Sprint(talkPort))
	code, stderr := r.wait(t, 2*time.Minute)
	time.Sleep(500 * time.Millisecond)
	stopA()
	stopB()
	if d := os.Getenv("GOCAP_K8S_KEEP"); d != "" {
		exec.Command("cp", "-r", dir, d).Run()
	}
	if code != 0 {
		t.Fatalf("exit status %d", code)
	}
	if m := regexp.MustCompile(`first packet after ([0-9.]+[a-zµ]+)`).FindStringSubmatch(stderr); m != nil {
		t.Logf("FIGURE: command to first packet, 2 nodes (pods): %s", m[1])
	}

	capt := readFile(t, out)
	perIface := map[string]map[talk]int{}
	var last time.Time
	n := 0
	for _, p := range capt.pkts {
		if p.Timestamp.Before(last) {
			t.Errorf("packet %d out of time order", n)
		}
		last = p.Timestamp
		n++
		ifc := capt.ifaces[p.InterfaceID]
		wantComment := map[string]string{node1 + ":eth0": "node=" + node1 + " pod=default/talk-a", node2 + ":eth0": "node=" + node2 + " pod=default/talk-b"}[ifc.Name]
		if p.Comment != wantComment {
			t.Errorf("packet %d on %s: comment %q, want %q", n, ifc.Name, p.Comment, wantComment)
		}
		k, ok := talkOf(p.Data)
		if !ok {
			t.Errorf("packet %d on %s is not a talker datagram", n, ifc.Name)
			continue
		}
		if perIface[ifc.Name] == nil {
			perIface[ifc.Name] = map[talk]int{}
		}
		perIface[ifc.Name][k]++
	}
	names := map[string]string{}
	for _, ifc := range capt.ifaces {
		names[ifc.Name] = ifc.Description
		if _, ok := capt.stats[ifc.Name]; !ok {
			t.Errorf("interface %s has no statistics block", ifc.Name)
		}
	}
	if names[node1+":eth0"] != "node "+node1+", pod default/talk-a" || names[node2+":eth0"] != "node "+node2+", pod default/talk-b" {
		t.Fatalf("interfaces %v: want both pods' eth0, named by node and pod", names)
	}
	// Both captures start and stop at slightly different moments: they
	// are compared over the span of sequence numbers both hold, per
	// sender, where each must have exactly the packets of the other.
	span := func(m map[talk]int) (lo, hi map[string]int) {
		lo, hi = map[string]int{}, map[string]int{}
		for k := range m {
			if lo[k.src] == 0 || k.seq < lo[k.src] {
				lo[k.src] = k.seq
			}
			if k.seq > hi[k.src] {
				hi[k.src] = k.seq
			}
		}
		return lo, hi
	}
	for ifc, host := range map[string]string{node1 + ":eth0": filepath.Join(dir, "a.pcap"), node2 + ":eth0": filepath.Join(dir, "b.pcap")} {
		got, ref := perIface[ifc], readTalks(t, host)
		for k, cnt := range got {
			if cnt != 1 {
				t.Errorf("%s: %v written %d times", ifc, k, cnt)
			}
		}
		glo, ghi := span(got)
		rlo, rhi := span(ref)
		if len(glo) != 2 {
			t.Errorf("%s: talker packets from %d senders, want both directions", ifc, len(glo))
		}
		compared, extra, missing := 0, 0, 0
		in := func(k talk) bool {
			return k.seq >= max(glo[k.src], rlo[k.src]) && k.seq <= min(ghi[k.src], rhi[k.src])
		}
		for k := range got {
			if in(k) {
				compared++
				if ref[k] == 0 {
					if extra++; extra < 5 {
						t.Errorf("%s: %v not seen by tcpdump on the pod's veth", ifc, k)
					}
				}
			}
		}
		for k := range ref {
			if in(k) && got[k] == 0 {
				if missing++; missing < 5 {
					t.Errorf("%s: tcpdump on the veth saw %v, the merged file lacks it", ifc, k)
				}
			}
		}
		if compared < 100 {
			t.Errorf("%s: only %d packets in the span both captures hold; want ≥ 100 in 5 s", ifc, compared)
		}
		t.Logf("%s: %d packets, %d of them in the span tcpdump also covered: each once, %d extra, %d missing", ifc, len(got), compared, extra, missing)
	}
	if left := c.capturePods(t); len(left) > 0 {
		t.Errorf("capture pods left behind: %v", left)
	}
}

// TestClusterInterrupt: SIGINT ends a node capture cleanly (whole file,
// statistics) and leaves no capture pod behind.
func TestClusterInterrupt(t *testing.T) {
	c := setup(t)
	c.talkers(t)
	out := filepath.Join(t.TempDir(), "nodes.pcapng")
	r := c.startPlugin(t, "user", "--node", node1, "--node", node2, "-w", out, "udp", "port", fmt.Sprint(talkPort))
	r.waitFor(t, "capturing on 2 target(s)", 2*time.Minute)
	time.Sleep(3 * time.Second)
	r.cmd.Process.Signal(syscall.SIGINT)
	code, stderr := r.wait(t, time.Minute)
	if code != 0 {
		t.Errorf("exit status %d after SIGINT", code)
	}
	for _, n := range []string{node1, node2} {
		if !regexp.MustCompile(`node ` + n + `: [1-9]\d* packets on any`).MatchString(stderr) {
			t.Errorf("no packets reported from node %s", n)
		}
	}
	if m := regexp.MustCompile(`first packet after ([0-9.]+[a-zµ]+)`).FindStringSubmatch(stderr); m != nil {
		t.Logf("FIGURE: command to first packet, 2 nodes (any): %s", m[1])
	}
	capt := readFile(t, out)
	if len(capt.pkts) == 0 || len(capt.ifaces) != 2 || len(capt.stats) != 2 {
		t.Errorf("%d packets, %d interfaces, %d with statistics; want packets and 2 and 2", len(capt.pkts), len(capt.ifaces), len(capt.stats))
	}
	if left := c.capturePods(t); len(left) > 0 {
		t.Errorf("capture pods left behind after SIGINT: %v", left)
	}
}

// TestClusterNodeKilled: a capture pod deleted mid-capture is reported as
// failed; the other node's capture completes.
func TestClusterNodeKilled(t *testing.T) {
	c := setup(t)
	c.talkers(t)
	out := filepath.Join(t.TempDir(), "killed.pcapng")
	r := c.startPlugin(t, "user", "--node", node1, "--node", node2, "--duration", "8s", "-w", out, "udp", "port", fmt.Sprint(talkPort))
	r.waitFor(t, "capturing on 2 target(s)", 2*time.Minute)
	time.Sleep(2 * time.Second)
	l, err := c.admin.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{LabelSelector: LabelNode + "=" + node2})
	if err != nil || len(l.Items) != 1 {
		t.Fatalf("capture pod on %s: %v %d", node2, err, len(l.Items))
	}
	killed := time.Now()
	if err := c.admin.CoreV1().Pods("default").Delete(context.Background(), l.Items[0].Name, metav1.DeleteOptions{GracePeriodSeconds: new(int64)}); err != nil {
		t.Fatal(err)
	}
	code, stderr := r.wait(t, 2*time.Minute)
	if code != 1 {
		t.Errorf("exit status %d, want 1 (a node failed)", code)
	}
	if !regexp.MustCompile(`node ` + node2 + `: FAILED after \d+ packets: .*gocap was killed`).MatchString(stderr) {
		t.Errorf("the killed node's failure is not reported")
	}
	if !regexp.MustCompile(`node ` + node1 + `: [1-9]\d* packets on any`).MatchString(stderr) {
		t.Errorf("the other node's capture is not reported complete")
	}
	// node 1's packets go on after the kill.
	capt := readFile(t, out)
	after := 0
	for _, p := range capt.pkts {
		if capt.ifaces[p.InterfaceID].Name == node1+":any" && p.Timestamp.After(killed.Add(time.Second)) {
			after++
		}
	}
	if after == 0 {
		t.Errorf("no packet from %s after %s's capture pod was killed", node1, node2)
	}
	if left := c.capturePods(t); len(left) > 0 {
		t.Errorf("capture pods left behind: %v", left)
	}
}

// TestClusterRBAC: a user without the ClusterRole gets a refusal naming
// the permissions, and nothing is created.
func TestClusterRBAC(t *testing.T) {
	c := setup(t)
	r := c.startPlugin(t, "nobody", "--node", node1, "-w", filepath.Join(t.TempDir(), "x.pcapng"))
	code, stderr := r.wait(t, time.Minute)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, want := range []string{"refusing to start: not allowed to create pods in namespace default", "create pods/exec in namespace default", "list nodes (cluster-wide)", "fleet/rbac.yaml"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("refusal lacks %q", want)
		}
	}
	if left := c.capturePods(t); len(left) > 0 {
		t.Errorf("capture pods created without permission: %v", left)
	}
}

// TestClusterCount: -c ends the whole capture after that many packets in
// the merged file, and the capture pods go.
func TestClusterCount(t *testing.T) {
	c := setup(t)
	c.talkers(t)
	out := filepath.Join(t.TempDir(), "count.pcapng")
	r := c.startPlugin(t, "user", "--node", node1, "--node", node2, "-c", "50", "-w", out, "udp", "port", fmt.Sprint(talkPort))
	code, stderr := r.wait(t, 2*time.Minute)
	if code != 0 {
		t.Errorf("exit status %d", code)
	}
	if !strings.Contains(stderr, ": 50 packets merged") {
		t.Errorf("summary does not say 50 packets merged")
	}
	if n := len(readFile(t, out).pkts); n != 50 {
		t.Errorf("%d packets in the file, want 50", n)
	}
	if left := c.capturePods(t); len(left) > 0 {
		t.Errorf("capture pods left behind: %v", left)
	}
}

// TestClusterLeftovers: a run killed outright (SIGKILL: no clean-up) leaves
// its capture pods; once their lease has expired, the next run deletes
// them.
func TestClusterLeftovers(t *testing.T) {
	c := setup(t)
	c.talkers(t)
	r := c.startPlugin(t, "user", "--node", node1, "-w", filepath.Join(t.TempDir(), "killed.pcapng"))
	r.waitFor(t, "capturing on 1 target(s)", 2*time.Minute)
	r.cmd.Process.Kill()
	<-r.done
	left := c.capturePods(t)
	if len(left) != 1 {
		t.Fatalf("capture pods after SIGKILL: %v, want the one", left)
	}
	// The lease runs out (a minute without renewal): set it in the past.
	name := strings.TrimPrefix(left[0], "default/")
	patch := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, AnnotationExpires, time.Now().Add(-time.Second).UTC().Format(time.RFC3339))
	if _, err := c.admin.CoreV1().Pods("default").Patch(context.Background(), name, "application/merge-patch+json", []byte(patch), metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
	r2 := c.startPlugin(t, "user", "--node", node2, "-c", "5", "-w", filepath.Join(t.TempDir(), "next.pcapng"), "udp", "port", fmt.Sprint(talkPort))
	code, stderr := r2.wait(t, 2*time.Minute)
	if code != 0 || !strings.Contains(stderr, "deleted 1 capture pod(s) left by interrupted runs: "+name) {
		t.Errorf("the next run did not delete %s (exit %d)", name, code)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(c.capturePods(t)) > 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if left := c.capturePods(t); len(left) > 0 {
		t.Errorf("capture pods left: %v", left)
	}
}

// TestClusterText: without -w the merged capture is printed, each line
// naming the node's interface and the pod.
func TestClusterText(t *testing.T) {
	c := setup(t)
	a, b := c.talkers(t)
	r := c.startPlugin(t, "user", "--pod", "talk-a", "--pod", "talk-b", "-c", "20", "udp", "port", fmt.Sprint(talkPort))
	if code, _ := r.wait(t, 2*time.Minute); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	lines := strings.Split(strings.TrimSpace(string(r.stdout.Bytes())), "\n")
	line := regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{6} (` + node1 + `:eth0 default/talk-a|` + node2 + `:eth0 default/talk-b) IP (\S+)\.\d+ > (\S+)\.\d+: UDP, length \d+$`)
	for _, l := range lines {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %q", l)
			continue
		}
		if ips := m[2] + " " + m[3]; ips != a.Status.PodIP+" "+b.Status.PodIP && ips != b.Status.PodIP+" "+a.Status.PodIP {
			t.Errorf("line %q: not between the talkers", l)
		}
	}
	if len(lines) != 20 {
		t.Errorf("%d lines, want 20:\n%s", len(lines), r.stdout.Bytes())
	}
}
