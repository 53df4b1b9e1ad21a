package filter

import "github.com/gocap/gocap/linktype"

// compiles reports whether the compiler knows the link type: libpcap's
// init_linktype accepts those it has a layout for and, for raw link[]
// filters only, every DLT in the range assigned since (DLT_MATCHING_MIN).
func compiles(lt linktype.Type) bool {
	_, ok := linkLayouts[lt]
	return ok || lt >= highMatchingMin && lt <= highMatchingMax
}
