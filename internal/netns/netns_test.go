package netns_test

import (
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/internal/testenv"
)

func TestPair(t *testing.T) {
	testenv.RequireRoot(t)
	var names []string
	t.Run("create", func(t *testing.T) {
		p := netns.NewPair(t, "gocapcap", netip.MustParsePrefix("10.199.9.0/24"))
		names = []string{p.NS1, p.NS2}
		if p.Addr1.String() != "10.199.9.1/24" || p.Addr2.String() != "10.199.9.2/24" {
			t.Fatalf("addresses %s %s", p.Addr1, p.Addr2)
		}
		if p.Index1 == 0 || p.Index2 == 0 || len(p.MAC1) != 6 || len(p.MAC2) != 6 {
			t.Fatalf("link info missing: %+v", p)
		}
		// Go code inside NS2 sees If2 but not If1.
		err := p.Run(p.NS2, func() error {
			if _, err := net.InterfaceByName(p.If2); err != nil {
				return err
			}
			if _, err := net.InterfaceByName(p.If1); err == nil {
				t.Errorf("%s visible in %s", p.If1, p.NS2)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The pair carries traffic: a UDP datagram from NS1 reaches NS2.
		var conn *net.UDPConn
		if err := p.Run(p.NS2, func() (err error) {
			conn, err = net.ListenUDP("udp4", &net.UDPAddr{IP: p.Addr2.Addr().AsSlice(), Port: 9999})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if err := p.Run(p.NS1, func() error {
			c, err := net.Dial("udp4", netip.AddrPortFrom(p.Addr2.Addr(), 9999).String())
			if err != nil {
				return err
			}
			defer c.Close()
			_, err = c.Write([]byte("hello"))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		buf := make([]byte, 16)
		n, _, err := conn.ReadFromUDP(buf)
		if err != nil || string(buf[:n]) != "hello" {
			t.Fatalf("datagram not received: %q %v", buf[:n], err)
		}
	})
	for _, n := range names {
		if netns.Exists(n) {
			t.Errorf("namespace %s left behind", n)
		}
	}
}
