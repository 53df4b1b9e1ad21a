package attribution

import (
	"errors"
	"fmt"
	"os"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

// ErrUnsupported is wrapped by the errors of Open when this kernel (or the
// process's privileges) cannot run a hook attribution needs; the message
// names the hook. The capture itself does not depend on it.
var ErrUnsupported = errors.New("process attribution unavailable")

// kernelSide is the loaded maps and the attached programs.
type kernelSide struct {
	sockets, flows, endpoints *ebpf.Map
	links                     []link.Link
}

// hook is one program and what it needs, for the error message.
type hook struct {
	what string // the cgroup hook, as the kernel names it
	spec *ebpf.ProgramSpec
}

// loadKernelSide creates the maps, loads the programs and attaches them to
// the cgroup v2 directory cgroupDir (and so to every cgroup below it).
func loadKernelSide(cgroupDir string) (_ *kernelSide, err error) {
	sspec, fspec, espec := mapSpecs()
	ks := &kernelSide{}
	defer func() {
		if err != nil {
			ks.close()
		}
	}()
	if ks.sockets, err = ebpf.NewMap(sspec); err != nil {
		return nil, fmt.Errorf("%w: creating the socket map: %w (needs CAP_BPF and BPF_MAP_TYPE_LRU_HASH, Linux 4.10)", ErrUnsupported, err)
	}
	if ks.flows, err = ebpf.NewMap(fspec); err != nil {
		return nil, fmt.Errorf("%w: creating the flow map: %w", ErrUnsupported, err)
	}
	if ks.endpoints, err = ebpf.NewMap(espec); err != nil {
		return nil, fmt.Errorf("%w: creating the endpoint map: %w", ErrUnsupported, err)
	}
	hooks := []hook{
		{"cgroup/sock_create (it calls bpf_get_socket_cookie, bpf_get_current_pid_tgid, bpf_get_current_comm, bpf_get_current_cgroup_id and bpf_get_netns_cookie, which older kernels do not allow there)", sockCreateProgram(ks.sockets)},
		{"cgroup/post_bind4 (Linux 4.17)", postBindProgram(ks.sockets, ks.endpoints, false)},
		{"cgroup/post_bind6 (Linux 4.17)", postBindProgram(ks.sockets, ks.endpoints, true)},
		{"cgroup_skb/egress (Linux 4.10)", egressProgram(ks.flows)},
	}
	for _, h := range hooks {
		prog, err := ebpf.NewProgram(h.spec)
		if err != nil {
			return nil, fmt.Errorf("%w: loading the %s program: %w", ErrUnsupported, h.what, err)
		}
		l, err := link.AttachCgroup(link.CgroupOptions{Path: cgroupDir, Attach: h.spec.AttachType, Program: prog})
		prog.Close() // the link holds the program
		if err != nil {
			return nil, fmt.Errorf("%w: attaching %s to the cgroup %s: %w", ErrUnsupported, h.what, cgroupDir, err)
		}
		ks.links = append(ks.links, l)
	}
	return ks, nil
}

func (ks *kernelSide) close() error {
	var errs []error
	for _, l := range ks.links {
		errs = append(errs, l.Close())
	}
	ks.links = nil
	for _, m := range []*ebpf.Map{ks.sockets, ks.flows, ks.endpoints} {
		if m != nil {
			errs = append(errs, m.Close())
		}
	}
	return errors.Join(errs...)
}

// checkCgroupDir says what is wrong with a cgroup directory before the
// kernel's less helpful error would.
func checkCgroupDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%w: cgroup v2 directory: %w", ErrUnsupported, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("%w: %s is not a cgroup v2 directory", ErrUnsupported, dir)
	}
	return nil
}
