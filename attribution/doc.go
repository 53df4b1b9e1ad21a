// Package attribution tells which local process (and container) owns the
// socket of a captured packet, in pure Go: the kernel side is eBPF written
// with github.com/cilium/ebpf/asm, attached to stable cgroup v2 hooks, and
// needs neither kprobes nor BTF.
//
// The kernel side keeps three maps current (see progs.go):
//
//   - cgroup/sock_create records each new socket's cookie with the task
//     that creates it: process and thread id, uid/gid, command name, cgroup
//     id and network namespace;
//   - cgroup/post_bind4 and post_bind6 record bound local addresses and
//     ports (listeners, UDP servers) per network namespace, so inbound
//     packets find their socket before it answers;
//   - cgroup_skb/egress records the flow of every packet a local socket
//     sends, keyed by its addresses and ports (an ICMP echo identifier for
//     ping sockets), before the packet reaches a capture tap.
//
// User space (Tracker) looks a packet's flow up in its own cache and, on a
// miss, in those maps, in both orientations, then by bound endpoint; the
// owner must live in the network namespace the Tracker was opened in.
// Sockets open before Open are enumerated once through sock_diag (TCP and
// UDP: addresses, cookie, inode), /proc/net/icmp{,6} (ping sockets) and the
// fd directories of /proc (inode to process).
//
// Attached to a cgroup other than the root (Options.Cgroup), only the
// sockets of the tasks in that cgroup and below are recorded, so the kernel
// does the selection: that is how gocap captures the traffic of one command
// it starts in a fresh cgroup.
//
//	tr, err := attribution.Open(attribution.Options{})
//	if errors.Is(err, attribution.ErrUnsupported) { ... capture without it ... }
//	defer tr.Close()
//	if p := tr.LookupIP(ipPacket, ts); p != nil {
//		fmt.Println(p) // curl.4121
//	}
package attribution
