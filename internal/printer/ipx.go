package printer

import (
	"encoding/binary"
	"fmt"
)

// ipxAddr is tcpdump's ipxaddr_string: network.node.
func ipxAddr(net []byte, node []byte) string {
	return fmt.Sprintf("%08x.%s", binary.BigEndian.Uint32(net), macString(node))
}

// ipx prints an IPX datagram as ipx_print does.
func (d *dissector) ipx(data []byte) {
	b := d.b
	if !d.p.opts.LinkHeader {
		b.str("IPX ")
	}
	if len(data) < 30 {
		d.truncJmp("ipx")
		return
	}
	b.printf("%s.%04x > ", ipxAddr(data[18:22], data[22:28]), binary.BigEndian.Uint16(data[28:]))
	b.printf("%s.%04x: ", ipxAddr(data[6:10], data[10:16]), binary.BigEndian.Uint16(data[16:]))
	length := int(binary.BigEndian.Uint16(data[2:])) - 30
	payload := data[30:]
	switch sock := binary.BigEndian.Uint16(data[16:]); sock {
	case 0x0451:
		b.printf("ipx-ncp %d", length)
	case 0x0452:
		d.ipxSAP(payload, length)
	case 0x0453:
		d.ipxRIP(payload, length)
	case 0x0455:
		b.printf("ipx-netbios %d", length)
		if d.p.opts.SMB {
			d.ipxNetBIOS(payload, length)
		}
	case 0x0456:
		b.printf("ipx-diags %d", length)
	case 0x0553:
		b.printf("ipx-nwlink-dgm %d", length)
		if d.p.opts.SMB {
			d.ipxNetBIOS(payload, length)
		}
	default:
		b.printf("ipx-#%x %d", sock, length)
	}
}

func (d *dissector) ipxRIP(p []byte, length int) {
	b := d.b
	if len(p) < 2 {
		d.truncJmp("ipx")
		return
	}
	cmd := binary.BigEndian.Uint16(p)
	p, length = p[2:], length-2
	entry := func() bool {
		if len(p) < 8 {
			d.truncJmp("ipx")
			return false
		}
		b.printf(" %08x/%d.%d", binary.BigEndian.Uint32(p), binary.BigEndian.Uint16(p[4:]), binary.BigEndian.Uint16(p[6:]))
		return true
	}
	switch cmd {
	case 1:
		b.str("ipx-rip-req")
		if length != 0 {
			entry()
		}
	case 2:
		b.str("ipx-rip-resp")
		for i := 0; i < 50 && length > 0; i++ {
			if !entry() {
				return
			}
			p, length = p[8:], length-8
		}
	default:
		b.printf("ipx-rip-?%x", cmd)
	}
}

func (d *dissector) ipxSAP(p []byte, length int) {
	b := d.b
	if len(p) < 2 {
		d.truncJmp("ipx")
		return
	}
	cmd := binary.BigEndian.Uint16(p)
	p, length = p[2:], length-2
	switch cmd {
	case 1, 3:
		if cmd == 1 {
			b.str("ipx-sap-req")
		} else {
			b.str("ipx-sap-nearest-req")
		}
		if len(p) < 2 {
			d.truncJmp("ipx")
			return
		}
		b.printf(" %04x", binary.BigEndian.Uint16(p))
	case 2, 4:
		if cmd == 2 {
			b.str("ipx-sap-resp")
		} else {
			b.str("ipx-sap-nearest-resp")
		}
		for i := 0; i < 8 && length > 0; i++ {
			if len(p) < 64 {
				d.truncJmp("ipx")
				return
			}
			name := p[2:50]
			for j, c := range name {
				if c == 0 {
					name = name[:j]
					break
				}
			}
			b.printf(" %04x '", binary.BigEndian.Uint16(p))
			printn(b, name)
			b.printf("' addr %s", ipxAddr(p[50:54], p[54:60]))
			p, length = p[64:], length-64
		}
	default:
		b.printf("ipx-sap-?%x", cmd)
	}
}
