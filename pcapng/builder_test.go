package pcapng

import (
	"encoding/binary"

	"github.com/gocap/gocap/linktype"
)

// ngBuilder hand-assembles pcapng in either byte order, including blocks
// and options our writer never produces.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

type ngBuilder struct {
	bo  byteOrder
	out []byte
}

type opt struct {
	code uint16
	val  []byte
}

func (b *ngBuilder) u16(v uint16) []byte { return b.bo.AppendUint16(nil, v) }
func (b *ngBuilder) u32(v uint32) []byte { return b.bo.AppendUint32(nil, v) }
func (b *ngBuilder) u64(v uint64) []byte { return b.bo.AppendUint64(nil, v) }
func (b *ngBuilder) ts(v uint64) []byte  { return append(b.u32(uint32(v>>32)), b.u32(uint32(v))...) }

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func (b *ngBuilder) opts(os ...opt) []byte {
	if len(os) == 0 {
		return nil
	}
	var out []byte
	for _, o := range os {
		out = append(out, b.u16(o.code)...)
		out = append(out, b.u16(uint16(len(o.val)))...)
		out = append(out, o.val...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return append(out, 0, 0, 0, 0)
}

func (b *ngBuilder) block(typ uint32, body []byte) *ngBuilder {
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	n := uint32(len(body) + 12)
	b.out = append(b.out, cat(b.u32(typ), b.u32(n), body, b.u32(n))...)
	return b
}

func (b *ngBuilder) shb(os ...opt) *ngBuilder {
	return b.block(blockSHB, cat(b.u32(byteOrderMagic), b.u16(1), b.u16(0), b.u64(^uint64(0)), b.opts(os...)))
}

func (b *ngBuilder) idb(lt linktype.Type, snap uint32, os ...opt) *ngBuilder {
	return b.block(blockIDB, cat(b.u16(uint16(fileValue(lt))), b.u16(0), b.u32(snap), b.opts(os...)))
}

func (b *ngBuilder) epb(id uint32, ts uint64, data []byte, orig uint32, os ...opt) *ngBuilder {
	d := append([]byte(nil), data...)
	for len(d)%4 != 0 {
		d = append(d, 0)
	}
	return b.block(blockEPB, cat(b.u32(id), b.ts(ts), b.u32(uint32(len(data))), b.u32(orig), d, b.opts(os...)))
}

func (b *ngBuilder) spb(orig uint32, data []byte) *ngBuilder {
	return b.block(blockSPB, cat(b.u32(orig), data))
}

func (b *ngBuilder) pb(id uint16, drops uint16, ts uint64, data []byte, orig uint32, os ...opt) *ngBuilder {
	d := append([]byte(nil), data...)
	for len(d)%4 != 0 {
		d = append(d, 0)
	}
	return b.block(blockPB, cat(b.u16(id), b.u16(drops), b.ts(ts), b.u32(uint32(len(data))), b.u32(orig), d, b.opts(os...)))
}
