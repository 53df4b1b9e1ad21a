// Package linktype names the link-layer header types of captured packets.
//
// A Type is numbered as libpcap's DLT_ values on Linux, the numbers
// pcap_datalink(3PCAP) returns and tcpdump's -y takes: DLT_RAW is 12 here.
// The values pcap and pcapng files record (LINKTYPE_ values, where raw IP
// is 101) differ for a few historical types; package pcapng converts them
// when it reads and writes files, so every Type a program sees, whether
// from a live capture, a file or a -y option, is a DLT value.
//
// Names are libpcap's (pcap_datalink_name_to_val, without the DLT_ prefix):
//
//	lt, err := linktype.Parse("IEEE802_11_RADIO") // or "dlt_ieee802_11_radio"
//	fmt.Println(lt, lt.Description())             // IEEE802_11_RADIO 802.11 plus radiotap header
package linktype
