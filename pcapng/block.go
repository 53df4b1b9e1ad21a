package pcapng

import "encoding/binary"

// Block types (pcapng specification, section 11.1).
const (
	blockSHB       = 0x0A0D0D0A
	blockIDB       = 0x00000001
	blockPB        = 0x00000002 // obsolete Packet Block
	blockSPB       = 0x00000003
	blockNRB       = 0x00000004
	blockISB       = 0x00000005
	blockEPB       = 0x00000006
	blockDSB       = 0x0000000A
	byteOrderMagic = 0x1A2B3C4D
)

// Option codes.
const (
	optEndOfOpt = 0
	optComment  = 1

	optSHBHardware = 2
	optSHBOS       = 3
	optSHBUserAppl = 4

	optIfName        = 2
	optIfDescription = 3
	optIfSpeed       = 8
	optIfTSResol     = 9
	optIfFilter      = 11
	optIfOS          = 12
	optIfFCSLen      = 13
	optIfTSOffset    = 14
	optIfHardware    = 15

	optEPBFlags     = 2
	optEPBDropCount = 4

	optPBFlags = 2

	optISBStartTime    = 2
	optISBEndTime      = 3
	optISBIfRecv       = 4
	optISBIfDrop       = 5
	optISBFilterAccept = 6
	optISBOSDrop       = 7
	optISBUsrDeliv     = 8
)

// We write in the host's byte order, as the specification intends; the
// Byte-Order Magic tells readers which one it is.
var ne = binary.NativeEndian

func pad4(n int) int { return (n + 3) &^ 3 }

// beginBlock appends a block header with a placeholder length and returns
// the block's start.
func beginBlock(buf []byte, typ uint32) ([]byte, int) {
	start := len(buf)
	buf = ne.AppendUint32(buf, typ)
	buf = ne.AppendUint32(buf, 0)
	return buf, start
}

// finishBlock ends the options (when there were any), fills in the length
// and appends the trailing length.
func finishBlock(buf []byte, start int, hadOptions bool) []byte {
	if hadOptions {
		buf = ne.AppendUint32(buf, 0) // opt_endofopt, length 0
	}
	total := len(buf) - start + 4
	ne.PutUint32(buf[start+4:], uint32(total))
	return ne.AppendUint32(buf, uint32(total))
}

func appendPadded(buf []byte, data []byte) []byte {
	buf = append(buf, data...)
	for i := len(data); i%4 != 0; i++ {
		buf = append(buf, 0)
	}
	return buf
}

func appendStringOption(buf []byte, code uint16, s string) []byte {
	buf = ne.AppendUint16(buf, code)
	buf = ne.AppendUint16(buf, uint16(len(s)))
	buf = append(buf, s...)
	for i := len(s); i%4 != 0; i++ {
		buf = append(buf, 0)
	}
	return buf
}

func appendUint32Option(buf []byte, code uint16, v uint32) []byte {
	buf = ne.AppendUint16(buf, code)
	buf = ne.AppendUint16(buf, 4)
	return ne.AppendUint32(buf, v)
}

func appendUint64Option(buf []byte, code uint16, v uint64) []byte {
	buf = ne.AppendUint16(buf, code)
	buf = ne.AppendUint16(buf, 8)
	return ne.AppendUint64(buf, v)
}

// appendTimestampOption writes a 64-bit timestamp as pcapng stores them:
// the high 32 bits first, each half in the section's byte order.
func appendTimestampOption(buf []byte, code uint16, ticks uint64) []byte {
	buf = ne.AppendUint16(buf, code)
	buf = ne.AppendUint16(buf, 8)
	buf = ne.AppendUint32(buf, uint32(ticks>>32))
	return ne.AppendUint32(buf, uint32(ticks))
}

func appendByteOption(buf []byte, code uint16, v byte) []byte {
	buf = ne.AppendUint16(buf, code)
	buf = ne.AppendUint16(buf, 1)
	return append(buf, v, 0, 0, 0)
}

// maxStringOption is the longest string an option can carry (its length is
// 16 bits, and the padding must fit too).
const maxStringOption = 0xfffc
