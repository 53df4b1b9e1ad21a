package printer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// NFS over Sun RPC (port 2049) as tcpdump's nfsreq_noaddr_print and
// nfsreply_noaddr_print: a call prints its length, procedure and
// arguments (file handles through parsenfsfh's server guess, names,
// offsets); a reply is matched to its call through a ring of recent
// transaction IDs and prints the procedure's results. Every read is
// bounded by the captured bytes; a read past them is tcpdump's [|nfs].

// NFS procedure numbers as tcpdump maps both versions to them.
const (
	nfsNull = iota
	nfsGetattr
	nfsSetattr
	nfsLookup
	nfsAccess
	nfsReadlink
	nfsRead
	nfsWrite
	nfsCreate
	nfsMkdir
	nfsSymlink
	nfsMknod
	nfsRemove
	nfsRmdir
	nfsRename
	nfsLink
	nfsReaddir
	nfsReaddirplus
	nfsFsstat
	nfsFsinfo
	nfsPathconf
	nfsCommit
	nfsNoop = 25 // tcpdump's NFSPROC_NOOP: NFSv2's unused procedures
)

var (
	nfsProcNames = []string{"null", "getattr", "setattr", "lookup", "access", "readlink", "read",
		"write", "create", "mkdir", "symlink", "mknod", "remove", "rmdir", "rename", "link",
		"readdir", "readdirplus", "fsstat", "fsinfo", "pathconf", "commit", "", "", "", "nop"}
	nfsV2Procs = []uint32{nfsNull, nfsGetattr, nfsSetattr, nfsNoop, nfsLookup, nfsReadlink, nfsRead,
		nfsNoop, nfsWrite, nfsCreate, nfsRemove, nfsRename, nfsLink, nfsSymlink, nfsMkdir, nfsRmdir,
		nfsReaddir, nfsFsstat, nfsNoop, nfsNoop, nfsNoop, nfsNoop, nfsNoop, nfsNoop, nfsNoop, nfsNoop}
	nfsStatus = map[uint32]string{1: "Operation not permitted", 2: "No such file or directory",
		5: "Input/output error", 6: "Device not configured", 11: "Resource deadlock avoided",
		12: "Cannot allocate memory", 13: "Permission denied", 17: "File exists",
		18: "Cross-device link", 19: "Operation not supported by device", 20: "Not a directory",
		21: "Is a directory", 22: "Invalid argument", 26: "Text file busy", 27: "File too large",
		28: "No space left on device", 30: "Read-only file system", 31: "Too many links",
		45: "Operation not supported", 62: "Too many levels of symbolic links",
		63: "File name too long", 66: "Directory not empty", 69: "Disc quota exceeded",
		70: "Stale NFS file handle", 71: "Too many levels of remote in path",
		99: "Write cache flushed to disk", 10001: "Illegal NFS file handle",
		10002: "Update synchronization mismatch", 10003: "READDIR/READDIRPLUS cookie is stale",
		10004: "Operation not supported", 10005: "Buffer or request is too small",
		10006: "Unspecified error on server", 10007: "Object of that type not supported",
		10008: "Request couldn't be completed in time"}
	nfsTypes      = map[uint32]string{0: "NON", 1: "REG", 2: "DIR", 3: "BLK", 4: "CHR", 5: "LNK", 7: "FIFO"}
	nfsWriteModes = []string{"unstable", "datasync", "filesync"}
	rpcAuthStat   = []string{"OK", "Bogus Credentials (seal broken)",
		"Rejected Credentials (client should begin new session)", "Bogus Verifier (seal broken)",
		"Verifier expired or was replayed", "Credentials are too weak", "Bogus response verifier",
		"Unknown failure"}
	rpcAcceptStat = []string{"", "PROG_UNAVAIL", "PROG_MISMATCH", "PROC_UNAVAIL", "GARBAGE_ARGS", "SYSTEM_ERR"}
)

// nfsXIDs is tcpdump's ring of recent calls (xid, addresses, procedure
// and version), which tells a reply's procedure.
type nfsXIDs struct {
	next, hint int
	entries    [64]struct {
		xid            uint32
		ipver          int
		client, server []byte
		proc, vers     uint32
	}
}

// nfsDec holds one RPC message's captured bytes.
type nfsDec struct {
	d      *dissector
	b      *buf
	data   []byte
	v      int
	nfserr bool
}

func (n *nfsDec) u32(off int) uint32 {
	if off < 0 || off+4 > len(n.data) {
		panic(truncPanic{})
	}
	return binary.BigEndian.Uint32(n.data[off:])
}

func (n *nfsDec) u64(off int) uint64 { return uint64(n.u32(off))<<32 | uint64(n.u32(off+4)) }

func (n *nfsDec) have(off int, l uint64) bool {
	return off >= 0 && off <= len(n.data) && l <= uint64(len(n.data)-off)
}

func (n *nfsDec) run(f func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(truncPanic); !ok {
				panic(r)
			}
			n.d.truncJmp("nfs")
		}
	}()
	f()
}

// nfs reports whether data is an RPC call (to dport 2049) or reply
// (from sport 2049) that tcpdump prints as NFS, and prints it.
func (d *dissector) nfs(data []byte, length int, info *ipInfo, sport, dport int, prefix string) bool {
	if len(data) < 8 {
		return false
	}
	dir := binary.BigEndian.Uint32(data[4:])
	xid := binary.BigEndian.Uint32(data)
	n := &nfsDec{d: d, b: d.b, data: data, v: d.p.opts.Verbose}
	switch {
	case dport == 2049 && dir == 0:
		d.b.str(prefix + "NFS request xid ")
		d.b.uint(uint64(xid))
		d.b.str(" ")
		n.run(func() { n.request(uint32(length), info) })
	case sport == 2049 && dir == 1:
		d.b.str(prefix + "NFS reply xid ")
		d.b.uint(uint64(xid))
		d.b.str(" ")
		n.run(func() { n.reply(uint32(length), info) })
	default:
		return false
	}
	return true
}

func (n *nfsDec) trunc() { n.b.trunc("nfs") }

func (n *nfsDec) request(length uint32, info *ipInfo) {
	b := n.b
	b.uint(uint64(length))
	if len(n.data) < 24 {
		n.trunc()
		return
	}
	x := &n.d.p.nfsXIDs
	if info != nil {
		e := &x.entries[x.next]
		x.next = (x.next + 1) % len(x.entries)
		e.xid = n.u32(0)
		e.ipver = 4
		if info.v6 {
			e.ipver = 6
		}
		e.client = append(e.client[:0], info.src...)
		e.server = append(e.server[:0], info.dst...)
		e.proc, e.vers = n.u32(20), n.u32(16)
	}
	v3 := n.u32(16) == 3
	proc := n.u32(20)
	if !v3 && proc < uint32(len(nfsV2Procs)) {
		proc = nfsV2Procs[proc]
	}
	b.str(" " + nfsProcName(proc))
	var dp int
	if proc > nfsNull && proc <= nfsCommit {
		dp = n.parseReq(length)
	}
	switch proc {
	case nfsGetattr, nfsSetattr, nfsReadlink, nfsFsstat, nfsFsinfo, nfsPathconf:
		if dp < 0 || n.fh(dp, v3) < 0 {
			n.trunc()
		}
	case nfsLookup, nfsCreate, nfsMkdir, nfsRemove, nfsRmdir:
		if dp < 0 || n.fhn(dp, v3) < 0 {
			n.trunc()
		}
	case nfsAccess:
		if dp < 0 {
			n.trunc()
			return
		}
		if dp = n.fh(dp, v3); dp < 0 {
			n.trunc()
			return
		}
		flags := n.u32(dp)
		switch {
		case flags&^0x3f != 0:
			b.printf(" %04x", flags)
		case flags == 0x3f:
			b.str(" NFS_ACCESS_FULL")
		default:
			sep := " "
			for i, name := range []string{"READ", "LOOKUP", "MODIFY", "EXTEND", "DELETE", "EXECUTE"} {
				if flags&(1<<i) != 0 {
					b.str(sep + "NFS_ACCESS_" + name)
					sep = "|"
				}
			}
		}
	case nfsRead, nfsWrite, nfsReaddir, nfsReaddirplus, nfsCommit:
		if dp < 0 {
			n.trunc()
			return
		}
		if dp = n.fh(dp, v3); dp < 0 {
			n.trunc()
			return
		}
		n.offsets(proc, dp, v3)
	case nfsSymlink:
		if dp < 0 {
			n.trunc()
			return
		}
		if dp = n.fhn(dp, v3); dp < 0 {
			n.trunc()
			return
		}
		b.str(" ->")
		var sa nfsSattr
		if v3 {
			dp = n.sattr3(dp, &sa)
		}
		if n.fn(dp) < 0 {
			n.trunc()
			return
		}
		if v3 && n.v > 0 {
			n.printSattr3(&sa)
		}
	case nfsMknod:
		if dp < 0 {
			n.trunc()
			return
		}
		if dp = n.fhn(dp, v3); dp < 0 {
			n.trunc()
			return
		}
		typ := n.u32(dp)
		var sa nfsSattr
		dp = n.sattr3(dp+4, &sa)
		b.str(" " + nfsTypeName(typ, "unk-ft %d"))
		if n.v > 0 && (typ == 4 || typ == 3) {
			b.printf(" %d/%d", n.u32(dp), n.u32(dp+4))
		}
		if n.v > 0 {
			n.printSattr3(&sa)
		}
	case nfsRename:
		if dp < 0 {
			n.trunc()
			return
		}
		if dp = n.fhn(dp, v3); dp < 0 {
			n.trunc()
			return
		}
		b.str(" ->")
		if n.fhn(dp, v3) < 0 {
			n.trunc()
		}
	case nfsLink:
		if dp < 0 {
			n.trunc()
			return
		}
		if dp = n.fh(dp, v3); dp < 0 {
			n.trunc()
			return
		}
		b.str(" ->")
		if n.fhn(dp, v3) < 0 {
			n.trunc()
		}
	}
}

// offsets prints read, write, readdir and commit arguments after the
// file handle.
func (n *nfsDec) offsets(proc uint32, dp int, v3 bool) {
	b := n.b
	switch proc {
	case nfsRead:
		if v3 {
			b.printf(" %d bytes @ %d", n.u32(dp+8), n.u64(dp))
		} else {
			b.printf(" %d bytes @ %d", n.u32(dp+4), n.u32(dp))
		}
	case nfsWrite:
		if v3 {
			b.printf(" %d (%d) bytes @ %d", n.u32(dp+16), n.u32(dp+8), n.u64(dp))
			if n.v > 0 {
				b.str(" <" + nfsWriteMode(n.u32(dp+12)) + ">")
			}
		} else {
			b.printf(" %d (%d) bytes @ %d (%d)", n.u32(dp+12), n.u32(dp+8), n.u32(dp+4), n.u32(dp))
		}
	case nfsReaddir:
		if v3 {
			b.printf(" %d bytes @ %d", n.u32(dp+16), int64(n.u64(dp)))
			if n.v > 0 {
				b.printf(" verf %08x%08x", n.u32(dp+8), n.u32(dp+12))
			}
		} else {
			b.printf(" %d bytes @ %d", n.u32(dp+4), n.u32(dp))
		}
	case nfsReaddirplus:
		b.printf(" %d bytes @ %d", n.u32(dp+16), int64(n.u64(dp)))
		if n.v > 0 {
			b.printf(" max %d verf %08x%08x", n.u32(dp+20), n.u32(dp+8), n.u32(dp+12))
		}
	case nfsCommit:
		b.printf(" %d bytes @ %d", n.u32(dp+8), n.u64(dp))
	}
}

func nfsProcName(p uint32) string {
	if p < uint32(len(nfsProcNames)) && nfsProcNames[p] != "" {
		return nfsProcNames[p]
	}
	return "proc-" + strconv.FormatUint(uint64(p), 10)
}

func nfsTypeName(t uint32, unknown string) string {
	if s, ok := nfsTypes[t]; ok {
		return s
	}
	return fmt.Sprintf(unknown, t)
}

func nfsWriteMode(m uint32) string {
	if m < uint32(len(nfsWriteModes)) {
		return nfsWriteModes[m]
	}
	return "#" + strconv.FormatInt(int64(int32(m)), 10)
}

// parseReq skips a call's credentials and verifier; it returns the
// arguments' offset, or -1. The arithmetic is tcpdump 4.99.3's: the
// rounded length wraps in 32 bits, the skip does not (a skip past the
// captured bytes ends in the marker).
func (n *nfsDec) parseReq(length uint32) int {
	dp := 24
	if length < 8 {
		return -1
	}
	l := n.u32(dp + 4)
	rounded := (l + 3) &^ 3
	if !n.have(dp+8, uint64(rounded)) {
		return -1
	}
	if 8+uint64(rounded) > uint64(length) {
		return -1
	}
	dp += int((uint64(l) + 11) / 4 * 4)
	length -= 8 + rounded
	if length < 8 {
		return -1
	}
	l = n.u32(dp + 4)
	rounded = (l + 3) &^ 3
	if !n.have(dp+8, uint64(rounded)) {
		return -1
	}
	if 8+uint64(rounded) >= uint64(length) {
		return -1
	}
	return dp + int((uint64(l)+11)/4*4)
}

// fh prints a file handle (NFSv3: length-prefixed) and returns the
// offset after it, or -1 when it was not captured.
func (n *nfsDec) fh(dp int, v3 bool) int {
	words := uint64(8)
	if v3 {
		words = uint64(n.u32(dp)) / 4
		dp += 4
	}
	if !n.have(dp, words*4) {
		return -1
	}
	n.printFH(n.data[dp : dp+int(words)*4])
	return dp + int(words)*4
}

// printFH is nfs_printfh with parsenfsfh's guess of the server's handle
// layout: the device numbers and inode, or the raw handle.
func (n *nfsDec) printFH(fh []byte) {
	b := n.b
	words := len(fh) / 4
	at := func(i int) byte { return fh[i] }
	be32 := func(i int) uint32 { return binary.BigEndian.Uint32(fh[i:]) }
	le32 := func(i int) uint32 { return binary.LittleEndian.Uint32(fh[i:]) }
	const (
		unknown = iota
		auspex
		bsd44
		decosf
		irix4
		sunos4
		sunos5
		ultrix
		vmsucx
		hpux9
	)
	typ := unknown
	if words >= 4 {
		switch {
		case at(0) == 0 && at(1) == 0:
			switch {
			case at(2) == 0 && at(3) == 0:
				typ = auspex
			case at(4) != 0 && at(5) == 0 && at(8) == 12 && at(9) == 0:
				typ = decosf
			case at(4) == 0 && at(5) == 8 && at(6) == 0 && at(7) == 0:
				typ = irix4
			default:
				typ = sunos4
			}
		case at(2) == 0 && at(3) == 0:
			switch {
			case at(6) == 0 && at(7) == 0:
				typ = bsd44
			case words >= 6 && at(21) == 0 && at(23) == 0:
				typ = ultrix
			case at(9) == 10:
				typ = sunos5
			}
		case at(8) == 12 && at(9) == 0:
			typ = decosf
		case at(8) == 0 && at(9) == 10:
			if at(7) == 0 && at(6) == 0 && at(5) == 0 && at(4) == 0 {
				typ = hpux9
			} else {
				typ = sunos5
			}
		case nfsIsUCX(fh):
			typ = vmsucx
		}
	}
	var major, minor, ino uint32
	switch typ {
	case auspex:
		minor, major, ino = uint32(at(7)), uint32(at(6)), be32(12)
	case bsd44:
		minor, major, ino = uint32(at(0)), uint32(at(1)), le32(12)
	case decosf:
		t := le32(0)
		minor, major, ino = t&0xfffff, (t>>20)&0xfff, le32(12)
	case irix4:
		minor, major, ino = uint32(at(3)), uint32(at(2)), be32(8)
	case sunos4:
		minor, major, ino = uint32(at(3)), uint32(at(2)), be32(12)
	case sunos5:
		major = (uint32(at(0))<<8 | uint32(at(1))) >> 2 & 0x3fff
		minor = (uint32(at(1))<<16 | uint32(at(2))<<8 | uint32(at(3))) & 0x3ffff
		ino = be32(12)
	case ultrix:
		minor, major, ino = uint32(at(0)), uint32(at(1)), le32(4)
	case hpux9:
		major = uint32(at(0))
		minor = uint32(at(1))<<16 | uint32(at(2))<<8 | uint32(at(3))
		ino = be32(12)
	case vmsucx:
		// The first 14 bytes overlay the device numbers (host order).
		minor, major = binary.LittleEndian.Uint32(fh[0:]), binary.LittleEndian.Uint32(fh[4:])
		ino = uint32(at(26))<<24 | uint32(at(27))<<16 | uint32(binary.LittleEndian.Uint16(fh[22:]))
	}
	var fsname []byte
	switch typ {
	case unknown:
		fsname = []byte("Unknown")
	case vmsucx:
		fsname = fh[1:]
	}
	if fsname != nil {
		// strncpy of the name into a buffer of the handle's length in
		// words, cut at a NUL or the first space.
		l := words
		if l > 64 {
			l = 64
		}
		if l < len(fsname) {
			fsname = fsname[:l]
		}
		if i := bytes.IndexByte(fsname, 0); i >= 0 {
			fsname = fsname[:i]
		}
		if i := bytes.IndexByte(fsname, ' '); i >= 0 {
			fsname = fsname[:i]
		}
		b.str(" fh ")
		for _, c := range fsname {
			fnPrintChar(b, c)
		}
		b.str("/")
	} else {
		b.printf(" fh %d,%d/", major, minor)
	}
	if typ == unknown {
		for i := 0; i < len(fh) && i < 32; i++ {
			b.printf("%02X", fh[i])
		}
		return
	}
	b.uint(uint64(ino))
}

// nfsIsUCX is parsenfsfh's test for a VMS UCX handle: printable bytes,
// then NULs, in bytes 1-13 of a handle of 28 bytes or more.
func nfsIsUCX(fh []byte) bool {
	if len(fh) < 28 {
		return false
	}
	seenNull := false
	for _, c := range fh[1:14] {
		switch {
		case isPrint(c):
			if seenNull {
				return false
			}
		case c == 0:
			seenNull = true
		default:
			return false
		}
	}
	return true
}

// fn prints a file name and returns the offset after its padding, or -1.
func (n *nfsDec) fn(dp int) int {
	l := n.u32(dp)
	dp += 4
	if l > 0xffffffff-3 {
		n.b.str("[cannot pad to 32-bit boundaries] (invalid)")
		return -1
	}
	rounded := (uint64(l) + 3) &^ 3
	if !n.have(dp, rounded) {
		return -1
	}
	n.b.str("\"")
	for _, c := range n.data[dp : dp+int(l)] {
		fnPrintChar(n.b, c)
	}
	n.b.str("\"")
	return dp + int(rounded)
}

func (n *nfsDec) fhn(dp int, v3 bool) int {
	if dp = n.fh(dp, v3); dp < 0 {
		return -1
	}
	n.b.str(" ")
	return n.fn(dp)
}

type nfsSattr struct {
	modeSet, uidSet, gidSet bool
	mode, uid, gid          uint32
	atimeSet, mtimeSet      bool
	atime, mtime            [2]uint32
}

func (n *nfsDec) sattr3(dp int, sa *nfsSattr) int {
	opt := func(set *bool, v *uint32) {
		*set = n.u32(dp) != 0
		dp += 4
		if *set {
			*v = n.u32(dp)
			dp += 4
		}
	}
	var sizeSet bool
	var size uint32
	opt(&sa.modeSet, &sa.mode)
	opt(&sa.uidSet, &sa.uid)
	opt(&sa.gidSet, &sa.gid)
	opt(&sizeSet, &size)
	tm := func(set *bool, t *[2]uint32) {
		*set = n.u32(dp) == 2
		dp += 4
		if *set {
			t[0], t[1] = n.u32(dp), n.u32(dp+4)
			dp += 8
		}
	}
	tm(&sa.atimeSet, &sa.atime)
	tm(&sa.mtimeSet, &sa.mtime)
	return dp
}

func (n *nfsDec) printSattr3(sa *nfsSattr) {
	b := n.b
	if sa.modeSet {
		b.printf(" mode %o", sa.mode)
	}
	if sa.uidSet {
		b.printf(" uid %d", sa.uid)
	}
	if sa.gidSet {
		b.printf(" gid %d", sa.gid)
	}
	if n.v > 1 {
		if sa.atimeSet {
			b.printf(" atime %d.%06d", sa.atime[0], sa.atime[1])
		}
		if sa.mtimeSet {
			b.printf(" mtime %d.%06d", sa.mtime[0], sa.mtime[1])
		}
	}
}

func (n *nfsDec) reply(length uint32, info *ipInfo) {
	b := n.b
	if len(n.data) < 12 {
		n.trunc()
		return
	}
	switch stat := n.u32(8); stat {
	case 0:
		b.printf("reply ok %d", length)
		if info == nil {
			return
		}
		x := &n.d.p.nfsXIDs
		xid := n.u32(0)
		ipver := 4
		if info.v6 {
			ipver = 6
		}
		i := x.hint
		for {
			e := &x.entries[i]
			if e.ipver == ipver && e.xid == xid && bytes.Equal(info.src, e.server) && bytes.Equal(info.dst, e.client) {
				x.hint = i
				n.interpReply(e.proc, e.vers, length)
				return
			}
			if i++; i >= len(x.entries) {
				i = 0
			}
			if i == x.hint {
				return
			}
		}
	case 1:
		b.printf("reply ERR %d: ", length)
		if len(n.data) < 16 {
			n.trunc()
			return
		}
		switch r := n.u32(12); r {
		case 0:
			if len(n.data) < 24 {
				n.trunc()
				return
			}
			b.printf("RPC Version mismatch (%d-%d)", n.u32(16), n.u32(20))
		case 1:
			if len(n.data) < 20 {
				n.trunc()
				return
			}
			why := n.u32(16)
			if why < uint32(len(rpcAuthStat)) {
				b.str("Auth " + rpcAuthStat[why])
			} else {
				b.printf("Auth Invalid failure code %d", why)
			}
		default:
			b.printf("Unknown reason for rejecting rpc message %d", r)
		}
	default:
		b.printf("reply Unknown rpc response code=%d %d", stat, length)
	}
}

// parseRep returns the offset of an accepted reply's results, or -1.
func (n *nfsDec) parseRep(length uint32) int {
	l := n.u32(16)
	if l >= length {
		return -1
	}
	dp := 12 + int((uint64(l)+11)/4)*4
	if astat := n.u32(dp); astat != 0 {
		if astat < uint32(len(rpcAcceptStat)) {
			n.b.str(" " + rpcAcceptStat[astat])
		} else {
			n.b.printf(" ar_stat %d", astat)
		}
		n.nfserr = true
		return -1
	}
	return dp + 4
}

// status reads an NFS status; er reports an error.
func (n *nfsDec) status(dp int) (int, bool) {
	e := n.u32(dp)
	if e != 0 {
		if !n.d.p.opts.Quiet {
			if s, ok := nfsStatus[e]; ok {
				n.b.str(" ERROR: " + s)
			} else {
				n.b.printf(" ERROR: unk %d", e)
			}
		}
		n.nfserr = true
	}
	return dp + 4, e != 0
}

// fattr prints file attributes; it returns the offset after them or -1.
func (n *nfsDec) fattr(dp, verbose int, v3 bool) int {
	b := n.b
	if !n.have(dp+16, 4) {
		return -1
	}
	if verbose > 0 {
		b.printf(" %s %o ids %d/%d", nfsTypeName(n.u32(dp), "unk-ft %d "), n.u32(dp+4), int32(n.u32(dp+12)), int32(n.u32(dp+16)))
		if v3 {
			b.printf(" sz %d", n.u64(dp+20))
		} else {
			b.printf(" sz %d", n.u32(dp+20))
		}
	}
	if verbose > 1 {
		if v3 {
			if !n.have(dp+76, 8) {
				return -1
			}
			b.printf(" nlink %d rdev %d/%d", n.u32(dp+8), n.u32(dp+36), n.u32(dp+40))
			b.printf(" fsid %x", n.u64(dp+44))
			b.printf(" fileid %x", n.u64(dp+52))
			b.printf(" a/m/ctime %d.%06d", n.u32(dp+60), n.u32(dp+64))
			b.printf(" %d.%06d", n.u32(dp+68), n.u32(dp+72))
			b.printf(" %d.%06d", n.u32(dp+76), n.u32(dp+80))
		} else {
			if !n.have(dp+60, 8) {
				return -1
			}
			b.printf(" nlink %d rdev 0x%x fsid 0x%x nodeid 0x%x a/m/ctime", n.u32(dp+8), n.u32(dp+28), n.u32(dp+36), n.u32(dp+40))
			b.printf(" %d.%06d", n.u32(dp+44), n.u32(dp+48))
			b.printf(" %d.%06d", n.u32(dp+52), n.u32(dp+56))
			b.printf(" %d.%06d", n.u32(dp+60), n.u32(dp+64))
		}
	}
	if v3 {
		return dp + 84
	}
	return dp + 68
}

func (n *nfsDec) attrStat(dp, verbose int, v3 bool) bool {
	dp, er := n.status(dp)
	if er {
		return true
	}
	return n.fattr(dp, verbose, v3) >= 0
}

func (n *nfsDec) dirOpRes(dp int) bool {
	dp, er := n.status(dp)
	if er {
		return true
	}
	if dp = n.fh(dp, false); dp < 0 {
		return false
	}
	return n.fattr(dp, n.v, false) >= 0
}

func (n *nfsDec) preOpAttr(dp, verbose int) int {
	if n.u32(dp) == 0 {
		return dp + 4
	}
	dp += 4
	if !n.have(dp, 24) {
		return -1
	}
	if verbose > 1 {
		n.b.printf(" sz %d", n.u64(dp))
		n.b.printf(" mtime %d.%06d ctime %d.%06d", n.u32(dp+8), n.u32(dp+12), n.u32(dp+16), n.u32(dp+20))
	}
	return dp + 24
}

func (n *nfsDec) postOpAttr(dp, verbose int) int {
	if n.u32(dp) == 0 {
		return dp + 4
	}
	dp += 4
	if verbose > 0 {
		return n.fattr(dp, verbose, true)
	}
	return dp + 84
}

func (n *nfsDec) wccData(dp, verbose int) int {
	if verbose > 1 {
		n.b.str(" PRE:")
	}
	if dp = n.preOpAttr(dp, verbose); dp < 0 {
		return -1
	}
	if verbose > 0 {
		n.b.str(" POST:")
	}
	return n.postOpAttr(dp, verbose)
}

func (n *nfsDec) createOpRes(dp, verbose int) int {
	dp, er := n.status(dp)
	if er {
		return n.wccData(dp, verbose)
	}
	if n.u32(dp) == 0 {
		return dp + 4
	}
	if dp = n.fh(dp+4, true); dp < 0 {
		return -1
	}
	if verbose > 0 {
		if dp = n.postOpAttr(dp, verbose); dp < 0 {
			return -1
		}
		if n.v > 1 {
			n.b.str(" dir attr:")
			dp = n.wccData(dp, verbose)
		}
	}
	return dp
}

func (n *nfsDec) wccRes(dp, verbose int) int {
	dp, _ = n.status(dp)
	return n.wccData(dp, verbose)
}

func (n *nfsDec) v3ReaddirRes(dp, verbose int) int {
	dp, er := n.status(dp)
	if n.v > 0 {
		n.b.str(" POST:")
	}
	if dp = n.postOpAttr(dp, verbose); dp < 0 {
		return -1
	}
	if er {
		return dp
	}
	if n.v > 0 {
		n.b.printf(" verf %08x%08x", n.u32(dp), n.u32(dp+4))
		dp += 8
	}
	return dp
}

func (n *nfsDec) interpReply(proc, vers, length uint32) {
	b := n.b
	v3 := vers == 3
	if !v3 && proc < uint32(len(nfsV2Procs)) {
		proc = nfsV2Procs[proc]
	}
	b.str(" " + nfsProcName(proc))
	ok := true
	defer func() {
		if !ok && !n.nfserr {
			n.trunc()
		}
	}()
	if proc == nfsNull || proc > nfsCommit {
		return
	}
	dp := n.parseRep(length)
	if dp < 0 {
		ok = false
		return
	}
	vf := n.v
	switch proc {
	case nfsGetattr:
		verbose := 1
		if n.d.p.opts.Quiet {
			verbose = 0
		}
		ok = n.attrStat(dp, verbose, v3)
	case nfsSetattr:
		if v3 {
			ok = n.wccRes(dp, vf) >= 0
		} else {
			verbose := 1
			if n.d.p.opts.Quiet {
				verbose = 0
			}
			ok = n.attrStat(dp, verbose, false)
		}
	case nfsLookup:
		if !v3 {
			ok = n.dirOpRes(dp)
			return
		}
		dp, er := n.status(dp)
		if !er {
			if dp = n.fh(dp, true); dp < 0 {
				ok = false
				return
			}
			if dp = n.postOpAttr(dp, vf); dp < 0 {
				ok = false
				return
			}
		}
		if vf > 1 {
			b.str(" post dattr:")
			ok = n.postOpAttr(dp, vf) >= 0
		}
	case nfsAccess:
		dp, er := n.status(dp)
		if vf > 0 {
			b.str(" attr:")
		}
		if dp = n.postOpAttr(dp, vf); dp < 0 {
			ok = false
			return
		}
		if !er {
			b.printf(" c %04x", n.u32(dp))
		}
	case nfsReadlink:
		dp, er := n.status(dp)
		if er {
			return
		}
		if v3 {
			if dp = n.postOpAttr(dp, vf); dp < 0 {
				ok = false
				return
			}
		}
		b.str(" ")
		ok = n.fn(dp) >= 0
	case nfsRead:
		if !v3 {
			ok = n.attrStat(dp, vf, false)
			return
		}
		dp, er := n.status(dp)
		if dp = n.postOpAttr(dp, vf); dp < 0 {
			ok = false
			return
		}
		if !er && vf > 0 {
			b.printf(" %d bytes", n.u32(dp))
			if n.u32(dp+4) != 0 {
				b.str(" EOF")
			}
		}
	case nfsWrite:
		if !v3 {
			ok = n.attrStat(dp, vf, false)
			return
		}
		dp, er := n.status(dp)
		if dp = n.wccData(dp, vf); dp < 0 {
			ok = false
			return
		}
		if !er && vf > 0 {
			b.printf(" %d bytes", n.u32(dp))
			if vf > 1 {
				b.str(" <" + nfsWriteMode(n.u32(dp+4)) + ">")
				b.printf(" verf %x", n.u64(dp+8))
			}
		}
	case nfsCreate, nfsMkdir:
		if v3 {
			ok = n.createOpRes(dp, vf) >= 0
		} else {
			ok = n.dirOpRes(dp)
		}
	case nfsSymlink:
		if v3 {
			ok = n.createOpRes(dp, vf) >= 0
		} else {
			n.status(dp)
		}
	case nfsMknod:
		ok = n.createOpRes(dp, vf) >= 0
	case nfsRemove, nfsRmdir:
		if v3 {
			ok = n.wccRes(dp, vf) >= 0
		} else {
			n.status(dp)
		}
	case nfsRename:
		dp, _ := n.status(dp)
		if v3 && vf > 0 {
			b.str(" from:")
			if dp = n.wccData(dp, vf); dp < 0 {
				ok = false
				return
			}
			b.str(" to:")
			ok = n.wccData(dp, vf) >= 0
		}
	case nfsLink:
		dp, _ := n.status(dp)
		if v3 && vf > 0 {
			b.str(" file POST:")
			if dp = n.postOpAttr(dp, vf); dp < 0 {
				ok = false
				return
			}
			b.str(" dir:")
			ok = n.wccData(dp, vf) >= 0
		}
	case nfsReaddir:
		if v3 {
			ok = n.v3ReaddirRes(dp, vf) >= 0
			return
		}
		dp, er := n.status(dp)
		if er || n.d.p.opts.Quiet {
			return
		}
		b.printf(" offset 0x%x size %d ", n.u32(dp), n.u32(dp+4))
		if n.u32(dp+8) != 0 {
			b.str(" eof")
		}
	case nfsReaddirplus:
		ok = n.v3ReaddirRes(dp, vf) >= 0
	case nfsFsstat:
		ok = n.statfs(dp, v3)
	case nfsFsinfo:
		ok = n.fsinfo(dp)
	case nfsPathconf:
		ok = n.pathconf(dp)
	case nfsCommit:
		if dp = n.wccRes(dp, vf); dp < 0 {
			ok = false
			return
		}
		if vf > 1 {
			b.printf(" verf %x", n.u64(dp))
		}
	}
}

func (n *nfsDec) statfs(dp int, v3 bool) bool {
	b := n.b
	dp, er := n.status(dp)
	if !v3 && er {
		return true
	}
	if n.d.p.opts.Quiet {
		return true
	}
	if v3 {
		if n.v > 0 {
			b.str(" POST:")
		}
		if dp = n.postOpAttr(dp, n.v); dp < 0 {
			return false
		}
	}
	size := uint64(20)
	if v3 {
		size = 52
	}
	if !n.have(dp, size) {
		return false
	}
	if v3 {
		b.printf(" tbytes %d fbytes %d abytes %d", n.u64(dp), n.u64(dp+8), n.u64(dp+16))
		if n.v > 0 {
			b.printf(" tfiles %d ffiles %d afiles %d invar %d", n.u64(dp+24), n.u64(dp+32), n.u64(dp+40), n.u32(dp+48))
		}
	} else {
		b.printf(" tsize %d bsize %d blocks %d bfree %d bavail %d", n.u32(dp), n.u32(dp+4), n.u32(dp+8), n.u32(dp+12), n.u32(dp+16))
	}
	return true
}

func (n *nfsDec) fsinfo(dp int) bool {
	b := n.b
	dp, er := n.status(dp)
	if n.v > 0 {
		b.str(" POST:")
	}
	if dp = n.postOpAttr(dp, n.v); dp < 0 {
		return false
	}
	if er {
		return true
	}
	if !n.have(dp, 48) {
		return false
	}
	b.printf(" rtmax %d rtpref %d wtmax %d wtpref %d dtpref %d", n.u32(dp), n.u32(dp+4), n.u32(dp+12), n.u32(dp+16), n.u32(dp+24))
	if n.v > 0 {
		b.printf(" rtmult %d wtmult %d maxfsz %d", n.u32(dp+8), n.u32(dp+20), n.u64(dp+28))
		b.printf(" delta %d.%06d ", n.u32(dp+36), n.u32(dp+40))
	}
	return true
}

func (n *nfsDec) pathconf(dp int) bool {
	b := n.b
	dp, er := n.status(dp)
	if n.v > 0 {
		b.str(" POST:")
	}
	if dp = n.postOpAttr(dp, n.v); dp < 0 {
		return false
	}
	if er {
		return true
	}
	if !n.have(dp, 24) {
		return false
	}
	flag := func(off int, s string) string {
		if n.u32(dp+off) != 0 {
			return s
		}
		return ""
	}
	b.printf(" linkmax %d namemax %d %s %s %s %s", n.u32(dp), n.u32(dp+4),
		flag(8, "notrunc"), flag(12, "chownres"), flag(16, "igncase"), flag(20, "keepcase"))
	return true
}
