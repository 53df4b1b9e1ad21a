package attribution_test

import (
	"fmt"

	"github.com/gocap/gocap/attribution"
)

// Name the container a cgroup path belongs to, as gocap labels packets.
func ExampleContainerFromCgroup() {
	path := "/system.slice/docker-4f3a1c2b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a.scope"
	id, runtime := attribution.ContainerFromCgroup(path)
	fmt.Println(runtime, attribution.ShortID(id))
	id, runtime = attribution.ContainerFromCgroup("/user.slice/user-1000.slice/session-2.scope")
	fmt.Printf("%q %q\n", runtime, id)
	// Output:
	// docker 4f3a1c2b9d8e
	// "" ""
}
