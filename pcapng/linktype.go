package pcapng

import "fmt"

// LinkType is a LINKTYPE_ value as stored in pcap and pcapng files. It
// differs from libpcap's DLT_ numbering for a few types; see FromDLT.
type LinkType uint32

// Link types gocap writes most often.
const (
	LinkTypeNull      LinkType = 0
	LinkTypeEthernet  LinkType = 1
	LinkTypeRaw       LinkType = 101 // raw IPv4/IPv6; DLT_RAW is 12 on Linux
	LinkTypeLoop      LinkType = 108
	LinkTypeLinuxSLL  LinkType = 113
	LinkTypeIPv4      LinkType = 228
	LinkTypeIPv6      LinkType = 229
	LinkTypeLinuxSLL2 LinkType = 276
)

// FromDLT converts a Linux DLT_ value to the LINKTYPE_ value files carry.
// On Linux only DLT_RAW differs (12 → LINKTYPE_RAW 101); the other types
// gocap captures share their numbers.
func FromDLT(dlt int) LinkType {
	if dlt == 12 {
		return LinkTypeRaw
	}
	return LinkType(dlt)
}

// DLT is the inverse of FromDLT: the Linux DLT_ value for a file's link type.
func (lt LinkType) DLT() int {
	if lt == LinkTypeRaw {
		return 12
	}
	return int(lt)
}

func (lt LinkType) String() string {
	switch lt {
	case LinkTypeNull:
		return "NULL"
	case LinkTypeEthernet:
		return "ETHERNET"
	case LinkTypeRaw:
		return "RAW"
	case LinkTypeLoop:
		return "LOOP"
	case LinkTypeLinuxSLL:
		return "LINUX_SLL"
	case LinkTypeIPv4:
		return "IPV4"
	case LinkTypeIPv6:
		return "IPV6"
	case LinkTypeLinuxSLL2:
		return "LINUX_SLL2"
	}
	return fmt.Sprintf("LINKTYPE %d", uint32(lt))
}
