package pcapng

import "github.com/gocap/gocap/linktype"

// Files record LINKTYPE_ values, programs see libpcap's DLT_ values
// (linktype.Type); the two differ for a few historical types whose DLT_
// values vary between systems (raw IP is DLT_RAW 12 on Linux, LINKTYPE_RAW
// 101 in every file). The conversion happens here, where files are read and
// written, and nowhere else (libpcap: linktype_to_dlt, dlt_to_linktype).
var fileValues = [...]struct {
	dlt  linktype.Type
	file uint32
}{
	{linktype.ATMRFC1483, 100},
	{linktype.Raw, 101},
	{linktype.SLIPBSDOS, 102},
	{linktype.PPPBSDOS, 103},
	{linktype.ATMCLIP, 106},
}

// fromFile is the link type of a file's LINKTYPE_ value.
func fromFile(v uint32) linktype.Type {
	for _, m := range fileValues {
		if m.file == v {
			return m.dlt
		}
	}
	return linktype.Type(v)
}

// fileValue is the LINKTYPE_ value a file records for lt.
func fileValue(lt linktype.Type) uint32 {
	for _, m := range fileValues {
		if m.dlt == lt {
			return m.file
		}
	}
	return uint32(lt)
}
