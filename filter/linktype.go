package filter

import "github.com/gocap/gocap/linktype"

// compiles reports whether the compiler generates code for the link type.
func compiles(lt linktype.Type) bool {
	switch lt {
	case linktype.Null, linktype.Ethernet, linktype.Raw, linktype.Loop, linktype.LinuxSLL,
		linktype.IPv4, linktype.IPv6, linktype.LinuxSLL2:
		return true
	}
	return false
}
