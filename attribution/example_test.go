package attribution_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/gocap/gocap/attribution"
)

// Attribute packets while capturing: open a Tracker in the capture's
// network namespace before the capture, then look each IP packet up.
func Example() {
	tr, err := attribution.Open(attribution.Options{})
	if errors.Is(err, attribution.ErrUnsupported) {
		fmt.Println("capturing without attribution:", err)
		return
	}
	if err != nil {
		return
	}
	defer tr.Close()
	var ipPacket []byte // from the capture, starting at the IP header
	if p := tr.LookupIP(ipPacket, time.Now()); p != nil {
		fmt.Println(p, p.Comment()) // curl.4121 PID: 4121, Cmd: curl, UID: 1000, ...
	}
}

func ExampleContainerFromCgroup() {
	id, runtime := attribution.ContainerFromCgroup("/system.slice/docker-3f2a1b0c9d8e3f2a1b0c9d8e3f2a1b0c9d8e3f2a1b0c9d8e3f2a1b0c9d8eabcd.scope")
	fmt.Println(attribution.ShortID(id), runtime)
	// Output: 3f2a1b0c9d8e docker
}
