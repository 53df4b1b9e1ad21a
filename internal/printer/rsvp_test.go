package printer

import "testing"

func rsvpMsg(verFlags, typ byte, objs []byte) []byte {
	return cat([]byte{verFlags, typ}, be16b(0x1234), []byte{63, 0}, be16b(uint16(8+len(objs))), objs)
}

// The generated RSVP frames are compared without -v: gocap prints the
// common header line of tcpdump's -v output but not yet the objects.
func init() {
	transportCases = append(transportCases, transportCase{name: "rsvp", frames: func(t testing.TB) []frameSpec {
		var specs []frameSpec
		for _, typ := range []byte{1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 20, 99} {
			specs = append(specs, frameSpec{data: ip4Frame(t, 46, rsvpMsg(0x10, typ, nil))})
		}
		specs = append(specs, frameSpec{data: ip4Frame(t, 46, rsvpMsg(0x21, 1, nil))}, frameSpec{data: ip6Frame(t, 46, rsvpMsg(0x11, 2, nil))},
			frameSpec{data: ip4Frame(t, 46, rsvpMsg(0x11, 1, nil)[:5])})
		return specs
	}})
}
