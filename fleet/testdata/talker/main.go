// Command talker is the cluster test's traffic (fleet/cluster_test.go):
//
//	talker echo PORT        answer every UDP datagram on PORT with itself
//	talker send ADDR:PORT   send "gocap-fleet N" every 20 ms, N = 1, 2, ...
//
// It is built into the test image by scripts/k8s-cluster.
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: talker echo PORT | talker send ADDR:PORT")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "echo":
		c, err := net.ListenPacket("udp", ":"+os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		buf := make([]byte, 2048)
		for {
			n, from, err := c.ReadFrom(buf)
			if err != nil {
				continue
			}
			c.WriteTo(buf[:n], from)
		}
	case "send":
		for {
			c, err := net.Dial("udp", os.Args[2])
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				time.Sleep(time.Second)
				continue
			}
			buf := make([]byte, 2048)
			for n := 1; ; n++ {
				c.Write([]byte(fmt.Sprintf("gocap-fleet %d", n)))
				c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
				c.Read(buf)
				time.Sleep(20 * time.Millisecond)
			}
		}
	}
}
