package testframes

import (
	"os"
	"testing"
)

// TestWriteProtocols writes Protocols() as a pcap when TESTFRAMES_OUT names
// a file (a developer's aid for comparing with tcpdump by hand).
func TestWriteProtocols(t *testing.T) {
	out := os.Getenv("TESTFRAMES_OUT")
	if out == "" {
		t.Skip("TESTFRAMES_OUT not set")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := WritePcap(f, Protocols()); err != nil {
		t.Fatal(err)
	}
}
