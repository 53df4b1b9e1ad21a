package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// anyDescription is libpcap's description of the "any" pseudo-device.
const anyDescription = "Pseudo-device that captures on all interfaces"

// liveInterface is the pcapng description of one capture interface: what
// the kernel capture reports, the host's OS, the interface's alias and
// speed where Linux knows them, and the filter expression.
func liveInterface(ifc capture.Interface, expr string) pcapng.Interface {
	out := pcapng.Interface{
		LinkType: linktype.Type(int(ifc.LinkType)),
		SnapLen:  uint32(ifc.SnapLen),
		Name:     ifc.Name,
		Filter:   expr,
		OS:       pcapng.HostOS(),
	}
	if ifc.Name == "any" {
		out.Description = anyDescription
		return out
	}
	// The alias (ip link set IFACE alias TEXT) is the only free-text
	// description Linux keeps for an interface.
	if b, err := os.ReadFile("/sys/class/net/" + ifc.Name + "/ifalias"); err == nil {
		out.Description = strings.TrimSpace(string(b))
	}
	// Mb/s; -1 or an error when the driver does not know (veth, down links).
	if b, err := os.ReadFile("/sys/class/net/" + ifc.Name + "/speed"); err == nil {
		if mbps, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && mbps > 0 {
			out.Speed = uint64(mbps) * 1_000_000
		}
	}
	return out
}

// liveStats turns the capture's counters into the contents of an
// Interface Statistics Block. The capture sums its counters over all its
// interfaces, so the totals go on the first one (pcapng id 0): the file
// then accounts for every packet. Counters are cumulative since the start
// of the capture, as libpcap's are, so each rotated file says how many
// packets the capture had seen when it was closed.
type liveStats struct {
	start    time.Time
	stats    func() capture.Stats // nil until the capture is open
	captured *atomic.Uint64
}

// forInterface implements rotate.Options.Stats.
func (s *liveStats) forInterface(id int) (pcapng.Stats, bool) {
	if id != 0 || s.stats == nil {
		return pcapng.Stats{}, false
	}
	return s.now(), true
}

// now is the block for the counters as they are.
func (s *liveStats) now() pcapng.Stats {
	st := s.stats()
	return pcapng.Stats{
		Start:         s.start,
		End:           time.Now(),
		Received:      st.Received,  // isb_ifrecv: ps_recv
		Dropped:       st.IfDropped, // isb_ifdrop: ps_ifdrop
		FilterAccept:  st.Matched,   // isb_filteraccept: passed every filter
		OSDrop:        st.Dropped,   // isb_osdrop: ps_drop, the ring was full
		UserDelivered: s.captured.Load(),
		Present:       pcapng.StatAll,
	}
}

// printListening is tcpdump's line once the filter is attached: after
// "verbose output suppressed" (printing, no -v) without the program name,
// else with it. -q does not suppress it in tcpdump either; the capture
// benchmark waits for it. With -v gocap says where the filter runs.
func printListening(e *env, o *options, ifaces []capture.Interface) {
	prefix := "gocap: "
	if o.verbose == 0 && (o.writeFile == "" || o.print) {
		fmt.Fprintln(e.stderr, "gocap: verbose output suppressed, use -v[v]... for full protocol decode")
		prefix = ""
	}
	// Each line in one write: the command of gocap -- COMMAND and other
	// programs may write to the same standard error.
	for _, ifc := range ifaces {
		line := fmt.Sprintf("%slistening on %s, link-type %s, snapshot length %d bytes", prefix, ifc.Name,
			linkTypeText(linktype.Type(ifc.LinkType)), ifc.SnapLen)
		if o.verbose > 0 && o.expr != "" && ifc.Filtering != "" {
			line += ", filter in " + ifc.Filtering
		}
		io.WriteString(e.stderr, line+"\n")
	}
}
