package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"strings"

	"github.com/gocap/gocap/capture"
	"github.com/gocap/gocap/internal/printer"
	"github.com/gocap/gocap/linktype"
)

// interfaceLinkType is the link type a capture on the interface produces
// by default, from its ARPHRD_ type as libpcap maps it
// (capture.InterfaceLinkTypes).
func interfaceLinkType(name string) linktype.Type {
	def, _, err := capture.InterfaceLinkTypes(name)
	if err != nil {
		return linktype.Ethernet
	}
	return def
}

// listInterfaces is -D: index, name, state and link type of every
// interface, then the "any" pseudo-device.
func listInterfaces(w io.Writer) error {
	ifs, err := net.Interfaces()
	if err != nil {
		return &runtimeError{fmt.Errorf("listing interfaces: %w", err)}
	}
	for _, ifc := range ifs {
		var st []string
		if ifc.Flags&net.FlagUp != 0 {
			st = append(st, "Up")
		}
		if ifc.Flags&net.FlagRunning != 0 {
			st = append(st, "Running")
		}
		if ifc.Flags&net.FlagLoopback != 0 {
			st = append(st, "Loopback")
		} else if b, err := os.ReadFile("/sys/class/net/" + ifc.Name + "/operstate"); err == nil {
			switch strings.TrimSpace(string(b)) {
			case "up":
				st = append(st, "Connected")
			case "down", "lowerlayerdown":
				st = append(st, "Disconnected")
			}
		}
		fmt.Fprintf(w, "%d.%s [%s] link-type %s\n", ifc.Index, ifc.Name, strings.Join(st, ", "), linkTypeText(interfaceLinkType(ifc.Name)))
	}
	fmt.Fprintf(w, "any (Pseudo-device that captures on all interfaces) [Up, Running] link-type %s\n", linkTypeText(linktype.LinuxSLL2))
	return nil
}

// listLinkTypes is -L: the link types a capture on the -i interface can
// use, its default first, as libpcap offers them.
func listLinkTypes(w io.Writer, o *options) error {
	name := ""
	if len(o.interfaces) > 0 {
		name = o.interfaces[0]
	} else {
		def, err := defaultInterface()
		if err != nil {
			return &runtimeError{err}
		}
		name = def
	}
	if name != "any" {
		if _, err := net.InterfaceByName(name); err != nil {
			return &runtimeError{fmt.Errorf("-L: no interface %q: list the interfaces with gocap -D", name)}
		}
	}
	_, list, err := capture.InterfaceLinkTypes(name)
	if err != nil {
		return &runtimeError{fmt.Errorf("-L: %w", err)}
	}
	fmt.Fprintf(w, "Data link types for %s (use option -y to set):\n", name)
	for _, lt := range list {
		// As tcpdump, which marks what it cannot print.
		note := ""
		if !printer.Decodes(lt) {
			note = " (printing not supported)"
		}
		fmt.Fprintf(w, "  %s%s\n", linkTypeText(lt), note)
	}
	return nil
}
