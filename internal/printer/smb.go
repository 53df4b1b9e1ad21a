package printer

import (
	"encoding/binary"
	"fmt"
)

// smbCmd is one SMB command as tcpdump's print-smb.c describes it: its
// name, whether it chains (AndX), the formats of a request's and a
// reply's words and bytes, or a printer of its own.
type smbCmd struct {
	name       string
	chain      bool
	reqW, reqB string
	repW, repB string
	fn         func(c *smbCtx, words, data, maxbuf int)
}

var smbUnknown = &smbCmd{name: "SMBunknown"}

const smbSearchReqB = "Path=[Z]\nBlkType=[B]\nBlkLen=[u]\n|Res1=[B]\nMask=[s11]\nSrv1=[B]\nDirIndex=[u]\nSrv2=[w]\n"
const smbSearchRepB = "BlkType=[B]\nBlkLen=[u]\n*\nRes1=[B]\nMask=[s11]\nSrv1=[B]\nDirIndex=[u]\nSrv2=[w]\nRes2=[W]\nAttrib=[a]\nTime=[T1]Size=[U]\nName=[s13]\n"

var smbCmds = map[byte]*smbCmd{
	0x70: {name: "SMBtcon", reqB: "Path=[Z]\nPassword=[Z]\nDevice=[Z]\n", repW: "MaxXmit=[u]\nTreeId=[u]\n"},
	0x71: {name: "SMBtdis"},
	0x11: {name: "SMBexit"},
	0x27: {name: "SMBioctl"},
	0x2b: {name: "SMBecho", reqW: "ReverbCount=[u]\n", repW: "SequenceNum=[u]\n"},
	0x74: {name: "SMBulogoffX", chain: true},
	0x08: {name: "SMBgetatr", reqB: "Path=[Z]\n", repW: "Attribute=[A]\nTime=[T2]Size=[U]\nRes=([w,w,w,w,w])\n"},
	0x09: {name: "SMBsetatr", reqW: "Attribute=[A]\nTime=[T2]Res=([w,w,w,w,w])\n", reqB: "Path=[Z]\n"},
	0x10: {name: "SMBchkpth", reqB: "Path=[Z]\n"},
	0x81: {name: "SMBsearch", reqW: "Count=[u]\nAttrib=[A]\n",
		reqB: "Path=[Z]\nBlkType=[B]\nBlkLen=[u]\n|Res1=[B]\nMask=[s11]\nSrv1=[B]\nDirIndex=[u]\nSrv2=[w]\nRes2=[W]\n",
		repW: "Count=[u]\n", repB: smbSearchRepB},
	0x02: {name: "SMBopen", reqW: "Mode=[w]\nAttribute=[A]\n", reqB: "Path=[Z]\n", repW: "Handle=[u]\nOAttrib=[A]\nTime=[T2]Size=[U]\nAccess=[w]\n"},
	0x03: {name: "SMBcreate", reqW: "Attrib=[A]\nTime=[T2]", reqB: "Path=[Z]\n", repW: "Handle=[u]\n"},
	0x0f: {name: "SMBmknew", reqW: "Attrib=[A]\nTime=[T2]", reqB: "Path=[Z]\n", repW: "Handle=[u]\n"},
	0x06: {name: "SMBunlink", reqW: "Attrib=[A]\n", reqB: "Path=[Z]\n"},
	0x0a: {name: "SMBread", reqW: "Handle=[u]\nByteCount=[u]\nOffset=[D]\nCountLeft=[u]\n", repW: "Count=[u]\nRes=([w,w,w,w])\n"},
	0x0b: {name: "SMBwrite", reqW: "Handle=[u]\nByteCount=[u]\nOffset=[D]\nCountLeft=[u]\n", repW: "Count=[u]\n"},
	0x04: {name: "SMBclose", reqW: "Handle=[u]\nTime=[T2]"},
	0x00: {name: "SMBmkdir", reqB: "Path=[Z]\n"},
	0x01: {name: "SMBrmdir", reqB: "Path=[Z]\n"},
	0x80: {name: "SMBdskattr", repW: "TotalUnits=[u]\nBlocksPerUnit=[u]\nBlockSize=[u]\nFreeUnits=[u]\nMedia=[w]\n"},
	0x07: {name: "SMBmv", reqW: "Attrib=[A]\n", reqB: "OldPath=[Z]\nNewPath=[Z]\n"},
	0x12: {name: "SMBlseek", reqW: "Handle=[u]\nMode=[w]\nOffset=[D]\n", reqB: "Offset=[D]\n"},
	0x05: {name: "SMBflush", reqW: "Handle=[u]\n"},
	0xc0: {name: "SMBsplopen", reqW: "SetupLen=[u]\nMode=[w]\n", reqB: "Ident=[Z]\n", repW: "Handle=[u]\n"},
	0xc2: {name: "SMBsplclose", reqW: "Handle=[u]\n"},
	0xc3: {name: "SMBsplretq", reqW: "MaxCount=[u]\nStartIndex=[u]\n", repW: "Count=[u]\nIndex=[u]\n",
		repB: "*Time=[T2]Status=[B]\nJobID=[u]\nSize=[U]\nRes=[B]Name=[s16]\n"},
	0xc1: {name: "SMBsplwr", reqW: "Handle=[u]\n"},
	0x0c: {name: "SMBlock", reqW: "Handle=[u]\nCount=[U]\nOffset=[D]\n"},
	0x0d: {name: "SMBunlock", reqW: "Handle=[u]\nCount=[U]\nOffset=[D]\n"},
	0x1a: {name: "SMBreadbraw", reqW: "Handle=[u]\nOffset=[D]\nMaxCount=[u]\nMinCount=[u]\nTimeOut=[D]\nRes=[u]\n"},
	0x1d: {name: "SMBwritebraw", reqW: "Handle=[u]\nTotalCount=[u]\nRes=[w]\nOffset=[D]\nTimeOut=[D]\nWMode=[w]\nRes2=[W]\n|DataSize=[u]\nDataOff=[u]\n", repW: "WriteRawAck"},
	0x20: {name: "SMBwritec", repW: "Count=[u]\n"},
	0x2c: {name: "SMBwriteclose", reqW: "Handle=[u]\nCount=[u]\nOffset=[D]\nTime=[T2]Res=([w,w,w,w,w,w])", repW: "Count=[u]\n"},
	0x13: {name: "SMBlockread", reqW: "Handle=[u]\nByteCount=[u]\nOffset=[D]\nCountLeft=[u]\n", repW: "Count=[u]\nRes=([w,w,w,w])\n"},
	0x14: {name: "SMBwriteunlock", reqW: "Handle=[u]\nByteCount=[u]\nOffset=[D]\nCountLeft=[u]\n", repW: "Count=[u]\n"},
	0x1b: {name: "SMBreadBmpx", reqW: "Handle=[u]\nOffset=[D]\nMaxCount=[u]\nMinCount=[u]\nTimeOut=[D]\nRes=[w]\n",
		repW: "Offset=[D]\nTotCount=[u]\nRemaining=[u]\nRes=([w,w])\nDataSize=[u]\nDataOff=[u]\n"},
	0x1e: {name: "SMBwriteBmpx", reqW: "Handle=[u]\nTotCount=[u]\nRes=[w]\nOffset=[D]\nTimeOut=[D]\nWMode=[w]\nRes2=[W]\nDataSize=[u]\nDataOff=[u]\n", repW: "Remaining=[u]\n"},
	0x1f: {name: "SMBwriteBs", reqW: "Handle=[u]\nTotCount=[u]\nOffset=[D]\nRes=[W]\nDataSize=[u]\nDataOff=[u]\n", repW: "Count=[u]\n"},
	0x22: {name: "SMBsetattrE", reqW: "Handle=[u]\nCreationTime=[T2]AccessTime=[T2]ModifyTime=[T2]"},
	0x23: {name: "SMBgetattrE", reqW: "Handle=[u]\n", repW: "CreationTime=[T2]AccessTime=[T2]ModifyTime=[T2]Size=[U]\nAllocSize=[U]\nAttribute=[A]\n"},
	0x26: {name: "SMBtranss"},
	0x28: {name: "SMBioctls"},
	0x29: {name: "SMBcopy", reqW: "TreeID2=[u]\nOFun=[w]\nFlags=[w]\n", reqB: "Path=[S]\nNewPath=[S]\n", repW: "CopyCount=[u]\n", repB: "|ErrStr=[S]\n"},
	0x2a: {name: "SMBmove", reqW: "TreeID2=[u]\nOFun=[w]\nFlags=[w]\n", reqB: "Path=[S]\nNewPath=[S]\n", repW: "MoveCount=[u]\n", repB: "|ErrStr=[S]\n"},
	0x2d: {name: "SMBopenX", chain: true,
		reqW: "Com2=[w]\nOff2=[u]\nFlags=[w]\nMode=[w]\nSearchAttrib=[A]\nAttrib=[A]\nTime=[T2]OFun=[w]\nSize=[U]\nTimeOut=[D]\nRes=[W]\n",
		reqB: "Path=[S]\n",
		repW: "Com2=[w]\nOff2=[u]\nHandle=[u]\nAttrib=[A]\nTime=[T2]Size=[U]\nAccess=[w]\nType=[w]\nState=[w]\nAction=[w]\nFileID=[W]\nRes=[w]\n"},
	0x2e: {name: "SMBreadX", chain: true,
		reqW: "Com2=[w]\nOff2=[u]\nHandle=[u]\nOffset=[D]\nMaxCount=[u]\nMinCount=[u]\nTimeOut=[D]\nCountLeft=[u]\n",
		repW: "Com2=[w]\nOff2=[u]\nRemaining=[u]\nRes=[W]\nDataSize=[u]\nDataOff=[u]\nRes=([w,w,w,w])\n"},
	0x2f: {name: "SMBwriteX", chain: true,
		reqW: "Com2=[w]\nOff2=[u]\nHandle=[u]\nOffset=[D]\nTimeOut=[D]\nWMode=[w]\nCountLeft=[u]\nRes=[w]\nDataSize=[u]\nDataOff=[u]\n",
		repW: "Com2=[w]\nOff2=[u]\nCount=[u]\nRemaining=[u]\nRes=[W]\n"},
	0x82: {name: "SMBffirst", reqW: "Count=[u]\nAttrib=[A]\n", reqB: smbSearchReqB, repW: "Count=[u]\n", repB: smbSearchRepB},
	0x83: {name: "SMBfunique", reqW: "Count=[u]\nAttrib=[A]\n", reqB: smbSearchReqB, repW: "Count=[u]\n", repB: smbSearchRepB},
	0x84: {name: "SMBfclose", reqW: "Count=[u]\nAttrib=[A]\n", reqB: smbSearchReqB, repW: "Count=[u]\n", repB: smbSearchRepB},
	0x35: {name: "SMBfindnclose", reqW: "Handle=[u]\n"},
	0x34: {name: "SMBfindclose", reqW: "Handle=[u]\n"},
	0xd0: {name: "SMBsends", reqB: "Source=[Z]\nDest=[Z]\n"},
	0xd5: {name: "SMBsendstrt", reqB: "Source=[Z]\nDest=[Z]\n", repW: "GroupID=[u]\n"},
	0xd6: {name: "SMBsendend", reqW: "GroupID=[u]\n"},
	0xd7: {name: "SMBsendtxt", reqW: "GroupID=[u]\n"},
	0xd1: {name: "SMBsendb", reqB: "Source=[Z]\nDest=[Z]\n"},
	0xd2: {name: "SMBfwdname"},
	0xd3: {name: "SMBcancelf"},
	0xd4: {name: "SMBgetmac"},
	0x72: {name: "SMBnegprot", fn: smbNegprot},
	0x73: {name: "SMBsesssetupX", chain: true, fn: smbSessSetup},
	0x75: {name: "SMBtconX", chain: true, reqW: "Com2=[w]\nOff2=[u]\nFlags=[w]\nPassLen=[u]\nPasswd&Path&Device=\n",
		repW: "Com2=[w]\nOff2=[u]\n", repB: "ServiceType=[R]\n"},
	0x24: {name: "SMBlockingX", chain: true, fn: smbLockingX},
	0x32: {name: "SMBtrans2", fn: smbTrans2},
	0x33: {name: "SMBtranss2"},
	0x0e: {name: "SMBctemp"},
	0x1c: {name: "SMBreadBs"},
	0x25: {name: "SMBtrans", fn: smbTrans},
	0xa0: {name: "SMBnttrans"},
	0xa1: {name: "SMBnttranss"},
	0xa2: {name: "SMBntcreateX", chain: true,
		reqW: "Com2=[w]\nOff2=[u]\nRes=[b]\nNameLen=[lu]\nFlags=[W]\nRootDirectoryFid=[U]\nAccessMask=[W]\nAllocationSize=[L]\nExtFileAttributes=[W]\nShareAccess=[W]\nCreateDisposition=[W]\nCreateOptions=[W]\nImpersonationLevel=[W]\nSecurityFlags=[b]\n",
		reqB: "Path=[C]\n",
		repW: "Com2=[w]\nOff2=[u]\nOplockLevel=[b]\nFid=[u]\nCreateAction=[W]\nCreateTime=[T3]LastAccessTime=[T3]LastWriteTime=[T3]ChangeTime=[T3]ExtFileAttributes=[W]\nAllocationSize=[L]\nEndOfFile=[L]\nFileType=[w]\nDeviceState=[w]\nDirectory=[b]\n"},
	0xa4: {name: "SMBntcancel"},
}

func smbFind(cmd byte) *smbCmd {
	if f := smbCmds[cmd]; f != nil {
		return f
	}
	return smbUnknown
}

// smb prints an SMB message from off to maxbuf (print_smb): at -v and
// below the command and direction; with -vv the header, each command's
// words and bytes, and the commands chained after it.
func (c *smbCtx) smb(off, maxbuf int) bool {
	b := c.d.b
	if !c.has(off, 10) {
		c.d.truncJmp(c.proto)
		return false
	}
	hdr := c.pkt[off:]
	c.request = hdr[9]&0x80 == 0
	fn := smbFind(hdr[4])
	v := c.d.p.opts.Verbose
	if v > 1 {
		b.str("\n")
	}
	dir := "REPLY"
	if c.request {
		dir = "REQUEST"
	}
	b.printf("SMB PACKET: %s (%s)\n", fn.name, dir)
	if v < 2 {
		return true
	}
	if !c.has(off, 12) {
		c.d.truncJmp(c.proto)
		return false
	}
	flags2 := binary.LittleEndian.Uint16(hdr[10:])
	c.unicode = flags2&0x8000 != 0
	c.fdata(off, "[P4]SMB Command   =  [B]\nError class   =  [BP1]\nError code    =  [u]\nFlags1        =  [B]\nFlags2        =  [B][P13]\nTree ID       =  [u]\nProc ID       =  [u]\nUID           =  [u]\nMID           =  [u]\nWord Count    =  [b]\n", off+33)
	if flags2&0x4000 != 0 {
		if !c.has(off+5, 4) {
			c.d.truncJmp(c.proto)
			return false
		}
		if e := binary.LittleEndian.Uint32(hdr[5:]); e != 0 {
			b.printf("NTError = %s\n", ntErrStr(e))
		}
	} else if hdr[5] != 0 {
		if !c.has(off+7, 2) {
			c.d.truncJmp(c.proto)
			return false
		}
		b.printf("SMBError = %s\n", smbErrStr(hdr[5], binary.LittleEndian.Uint16(hdr[7:])))
	}
	smbOff := 32
	for {
		words := off + smbOff
		if !c.has(words, 1) {
			c.d.truncJmp(c.proto)
			return false
		}
		wct := int(c.pkt[words])
		data := words + 1 + wct*2
		maxwords := min(data, maxbuf)
		f1, f2 := fn.repW, fn.repB
		if c.request {
			f1, f2 = fn.reqW, fn.reqB
		}
		if fn.fn != nil {
			fn.fn(c, words, data, maxbuf)
			if c.d.early {
				return false
			}
		} else {
			if wct > 0 {
				if f1 != "" {
					c.fdata(words+1, f1, words+1+wct*2)
				} else {
					for i := 0; words+1+2*i < maxwords; i++ {
						if !c.has(words+1+2*i, 2) {
							c.d.truncJmp(c.proto)
							return false
						}
						x := binary.LittleEndian.Uint16(c.pkt[words+1+2*i:])
						b.printf("smb_vwv[%d]=%d (0x%X)\n", i, x, x)
					}
				}
			}
			if !c.has(data, 2) {
				c.d.truncJmp(c.proto)
				return false
			}
			bcc := int(binary.LittleEndian.Uint16(c.pkt[data:]))
			b.printf("smb_bcc=%d\n", bcc)
			if f2 != "" {
				if bcc > 0 {
					c.fdata(data+2, f2, data+2+bcc)
				}
			} else if bcc > 0 {
				b.str("smb_buf[]=\n")
				c.dataPrint(data+2, min(bcc, maxbuf-(data+2)))
			}
		}
		if !fn.chain || wct == 0 {
			break
		}
		if !c.has(words+1, 1) {
			c.d.truncJmp(c.proto)
			return false
		}
		cmd := c.pkt[words+1]
		if cmd == 0xff {
			break
		}
		if !c.has(words+3, 2) {
			c.d.truncJmp(c.proto)
			return false
		}
		next := int(binary.LittleEndian.Uint16(c.pkt[words+3:]))
		fn = smbFind(cmd)
		b.printf("\nSMB PACKET: %s (%s) (CHAINED)\n", fn.name, dir)
		if next <= smbOff {
			b.printf("Bad andX offset: %d <= %d\n", next, smbOff)
			break
		}
		smbOff = next
	}
	b.str("\n")
	return true
}

// smbWordsBytes prints a command's words with f1 (or in hex) and its
// bytes with f2 (or in hex), as the commands with printers of their own
// end.
func (c *smbCtx) smbWordsBytes(words, data, maxbuf int, f1, f2 string, wordsAlways bool) {
	b := c.d.b
	wct := int(c.pkt[words])
	if f1 != "" {
		if wordsAlways || wct > 0 {
			c.fdata(words+1, f1, min(words+1+wct*2, maxbuf))
		}
	} else {
		c.dataPrint(words+1, min(wct*2, maxbuf-(words+1)))
	}
	if !c.has(data, 2) {
		c.d.truncJmp(c.proto)
		return
	}
	bcc := int(binary.LittleEndian.Uint16(c.pkt[data:]))
	b.printf("smb_bcc=%d\n", bcc)
	if bcc > 0 {
		if f2 != "" {
			c.fdata(data+2, f2, min(data+2+bcc, maxbuf))
		} else {
			c.dataPrint(data+2, min(bcc, maxbuf-(data+2)))
		}
	}
}

func smbNegprot(c *smbCtx, words, data, maxbuf int) {
	var f1, f2 string
	if c.request {
		f2 = "*|Dialect=[Y]\n"
	} else {
		switch c.pkt[words] {
		case 1:
			f1 = "Core Protocol\nDialectIndex=[u]"
		case 17:
			f1 = "NT1 Protocol\nDialectIndex=[u]\nSecMode=[B]\nMaxMux=[u]\nNumVcs=[u]\nMaxBuffer=[U]\nRawSize=[U]\nSessionKey=[W]\nCapabilities=[W]\nServerTime=[T3]TimeZone=[u]\nCryptKey="
		case 13:
			f1 = "Coreplus/Lanman1/Lanman2 Protocol\nDialectIndex=[u]\nSecMode=[w]\nMaxXMit=[u]\nMaxMux=[u]\nMaxVcs=[u]\nBlkMode=[w]\nSessionKey=[W]\nServerTime=[T1]TimeZone=[u]\nRes=[W]\nCryptKey="
		}
	}
	c.smbWordsBytes(words, data, maxbuf, f1, f2, true)
}

func smbSessSetup(c *smbCtx, words, data, maxbuf int) {
	var f1, f2 string
	wct := c.pkt[words]
	if c.request {
		if wct == 10 {
			f1 = "Com2=[w]\nOff2=[u]\nBufSize=[u]\nMpxMax=[u]\nVcNum=[u]\nSessionKey=[W]\nPassLen=[u]\nCryptLen=[u]\nCryptOff=[u]\nPass&Name=\n"
		} else {
			f1 = "Com2=[B]\nRes1=[B]\nOff2=[u]\nMaxBuffer=[u]\nMaxMpx=[u]\nVcNumber=[u]\nSessionKey=[W]\nCaseInsensitivePasswordLength=[u]\nCaseSensitivePasswordLength=[u]\nRes=[W]\nCapabilities=[W]\nPass1&Pass2&Account&Domain&OS&LanMan=\n"
		}
	} else if wct == 3 {
		f1 = "Com2=[w]\nOff2=[u]\nAction=[w]\n"
	} else if wct == 13 {
		f1 = "Com2=[B]\nRes=[B]\nOff2=[u]\nAction=[w]\n"
		f2 = "NativeOS=[S]\nNativeLanMan=[S]\nPrimaryDomain=[S]\n"
	}
	c.smbWordsBytes(words, data, maxbuf, f1, f2, true)
}

func smbLockingX(c *smbCtx, words, data, maxbuf int) {
	var f1, f2 string
	if c.request {
		f1 = "Com2=[w]\nOff2=[u]\nHandle=[u]\nLockType=[w]\nTimeOut=[D]\nUnlockCount=[u]\nLockCount=[u]\n"
		if !c.has(words+7, 1) {
			c.d.truncJmp(c.proto)
			return
		}
		if c.pkt[words+7]&0x10 != 0 {
			f2 = "*Process=[u]\n[P2]Offset=[M]\nLength=[M]\n"
		} else {
			f2 = "*Process=[u]\nOffset=[D]\nLength=[U]\n"
		}
	} else {
		f1 = "Com2=[w]\nOff2=[u]\n"
	}
	c.smbWordsBytes(words, data, maxbuf, f1, f2, false)
}

var smbTrans2Names = []string{"TRANSACT2_OPEN", "TRANSACT2_FINDFIRST", "TRANSACT2_FINDNEXT", "TRANSACT2_QFSINFO",
	"TRANSACT2_SETFSINFO", "TRANSACT2_QPATHINFO", "TRANSACT2_SETPATHINFO", "TRANSACT2_QFILEINFO",
	"TRANSACT2_SETFILEINFO", "TRANSACT2_FSCTL", "TRANSACT2_IOCTL", "TRANSACT2_FINDNOTIFYFIRST",
	"TRANSACT2_FINDNOTIFYNEXT", "TRANSACT2_MKDIR"}

// smbTrans2State is what tcpdump keeps from one TRANSACT2 request to the
// next packets: the subcommand (a reply does not carry it) and the
// information level of the last QFSINFO request.
type smbTrans2State struct {
	sub     int
	qfsInfo uint16
}

// smbTrans2 prints a TRANSACT2 request's or reply's counts, then its
// parameters and data: as FINDFIRST, QFSINFO and OPEN lay them out, in
// hex for the other subcommands. A reply is taken for the subcommand of
// the last request (tcpdump's static state).
func smbTrans2(c *smbCtx, words, data, maxbuf int) {
	b := c.d.b
	st := &c.d.p.trans2
	w := words + 1
	base := words - 32
	var pcnt, dcnt, param, dat int
	u16 := func(o int) int { return int(binary.LittleEndian.Uint16(c.pkt[o:])) }
	if c.request {
		if !c.has(w+14*2, 2) {
			c.d.truncJmp(c.proto)
			return
		}
		pcnt, param, dcnt, dat = u16(w+9*2), base+u16(w+10*2), u16(w+11*2), base+u16(w+12*2)
		st.sub = 0
		if s := u16(w + 14*2); s < len(smbTrans2Names) {
			st.sub = s
		}
	} else {
		if c.pkt[words] == 0 {
			b.printf("%s\nTrans2Interim\n", smbTrans2Names[st.sub])
			return
		}
		if !c.has(w+7*2, 2) {
			c.d.truncJmp(c.proto)
			return
		}
		pcnt, param, dcnt, dat = u16(w+3*2), base+u16(w+4*2), u16(w+6*2), base+u16(w+7*2)
	}
	b.printf("%s param_length=%d data_length=%d\n", smbTrans2Names[st.sub], pcnt, dcnt)
	f1, f2 := "Parameters=\n", "Data=\n"
	if c.request {
		if c.pkt[words] == 8 {
			c.fdata(words+1, "Trans2Secondary\nTotParam=[u]\nTotData=[u]\nParamCnt=[u]\nParamOff=[u]\nParamDisp=[u]\nDataCnt=[u]\nDataOff=[u]\nDataDisp=[u]\nHandle=[u]\n", maxbuf)
			return
		}
		c.fdata(words+1, "TotParam=[u]\nTotData=[u]\nMaxParam=[u]\nMaxData=[u]\nMaxSetup=[b][P1]\nFlags=[w]\nTimeOut=[D]\nRes1=[w]\nParamCnt=[u]\nParamOff=[u]\nDataCnt=[u]\nDataOff=[u]\nSetupCnt=[b][P1]\n", words+1+14*2)
		if st.sub == 0 {
			f1 = "Flags2=[w]\nMode=[w]\nSearchAttrib=[A]\nAttrib=[A]\nTime=[T2]\nOFun=[w]\nSize=[U]\nRes=([w, w, w, w, w])\nPath=[S]"
		}
	} else {
		c.fdata(words+1, "TotParam=[u]\nTotData=[u]\nRes1=[w]\nParamCnt=[u]\nParamOff=[u]\nParamDisp[u]\nDataCnt=[u]\nDataOff=[u]\nDataDisp=[u]\nSetupCnt=[b][P1]\n", words+1+10*2)
		if st.sub == 0 {
			f1 = "Handle=[u]\nAttrib=[A]\nTime=[T2]\nSize=[U]\nAccess=[w]\nType=[w]\nState=[w]\nAction=[w]\nInode=[W]\nOffErr=[u]\n|EALength=[u]\n"
		}
	}
	if !c.has(data, 2) {
		c.d.truncJmp(c.proto)
		return
	}
	b.printf("smb_bcc=%d\n", u16(data))
	switch st.sub {
	case 1: // FINDFIRST
		f := "Handle=[w]\nCount=[u]\nEOS=[w]\nEoffset=[u]\nLastNameOfs=[w]\n"
		if c.request {
			f = "Attribute=[A]\nSearchCount=[u]\nFlags=[w]\nLevel=[uP4]\nFile=[S]\n"
		}
		c.fdata(param, f, param+pcnt)
	case 3: // QFSINFO
		if c.request {
			if !c.has(param, 2) {
				c.d.truncJmp(c.proto)
				return
			}
			st.qfsInfo = uint16(u16(param))
			c.fdata(param, "InfoLevel=[u]\n", param+pcnt)
		} else {
			f := "UnknownLevel\n"
			switch st.qfsInfo {
			case 1:
				f = "idFileSystem=[W]\nSectorUnit=[U]\nUnit=[U]\nAvail=[U]\nSectorSize=[u]\n"
			case 2:
				f = "CreationTime=[T2]VolNameLength=[lb]\nVolumeLabel=[c]\n"
			case 0x105:
				f = "Capabilities=[W]\nMaxFileLen=[U]\nVolNameLen=[lU]\nVolume=[C]\n"
			}
			c.fdata(dat, f, dat+dcnt)
		}
	default:
		c.fdata(param, f1, param+pcnt)
		c.fdata(dat, f2, dat+dcnt)
		return
	}
	if dcnt > 0 {
		b.str("data:\n")
		c.dataPrint(dat, dcnt)
	}
}

// smbTrans prints an SMBtrans request or reply: its words, the name, and
// browser announcements (\MAILSLOT\BROWSE) and LANMAN calls decoded.
func smbTrans(c *smbCtx, words, data1, maxbuf int) {
	b := c.d.b
	w := words + 1
	base := words - 32
	u16 := func(o int) int { return int(binary.LittleEndian.Uint16(c.pkt[o:])) }
	var paramlen, datalen, param, data int
	var f1, f2 string
	if c.request {
		if !c.has(w+12*2, 2) {
			c.d.truncJmp(c.proto)
			return
		}
		paramlen, param, datalen, data = u16(w+9*2), base+u16(w+10*2), u16(w+11*2), base+u16(w+12*2)
		f1 = "TotParamCnt=[u] \nTotDataCnt=[u] \nMaxParmCnt=[u] \nMaxDataCnt=[u]\nMaxSCnt=[u] \nTransFlags=[w] \nRes1=[w] \nRes2=[w] \nRes3=[w]\nParamCnt=[u] \nParamOff=[u] \nDataCnt=[u] \nDataOff=[u] \nSUCnt=[u]\n"
		f2 = "|Name=[S]\n"
	} else {
		if !c.has(w+7*2, 2) {
			c.d.truncJmp(c.proto)
			return
		}
		paramlen, param, datalen, data = u16(w+3*2), base+u16(w+4*2), u16(w+6*2), base+u16(w+7*2)
		f1 = "TotParamCnt=[u] \nTotDataCnt=[u] \nRes1=[u]\nParamCnt=[u] \nParamOff=[u] \nRes2=[u] \nDataCnt=[u] \nDataOff=[u] \nRes3=[u]\nLsetup=[u]\n"
		f2 = "|Unknown "
	}
	c.fdata(words+1, f1, min(words+1+2*int(c.pkt[words]), maxbuf))
	if !c.has(data1, 2) {
		c.d.truncJmp(c.proto)
		return
	}
	bcc := u16(data1)
	b.printf("smb_bcc=%d\n", bcc)
	if bcc == 0 {
		return
	}
	c.fdata(data1+2, f2, maxbuf-(paramlen+datalen))
	name := cString(c.pkt[min(data1+2, len(c.pkt)):])
	switch string(name) {
	case `\MAILSLOT\BROWSE`:
		c.browse(param, paramlen, data, datalen)
		return
	case `\PIPE\LANMAN`:
		if paramlen > 0 {
			c.fdata(param, "Command=[w]\nStr1=[S]\nStr2=[S]\n", param+paramlen)
		}
		if datalen > 0 {
			c.fdata(data, "IPC ", data+datalen)
		}
		return
	}
	if paramlen > 0 {
		c.fdata(param, "|Param ", min(param+paramlen, maxbuf))
	}
	if datalen > 0 {
		c.fdata(data, "|Data ", min(data+datalen, maxbuf))
	}
}

var smbBrowse = map[byte]string{
	0x0f: "BROWSE PACKET:\nType=[B] (LocalMasterAnnouncement)\nUpdateCount=[w]\nRes1=[B]\nAnnounceInterval=[u]\nName=[n2]\nMajorVersion=[B]\nMinorVersion=[B]\nServerType=[W]\nElectionVersion=[w]\nBrowserConstant=[w]\n",
	0x01: "BROWSE PACKET:\nType=[B] (HostAnnouncement)\nUpdateCount=[w]\nRes1=[B]\nAnnounceInterval=[u]\nName=[n2]\nMajorVersion=[B]\nMinorVersion=[B]\nServerType=[W]\nElectionVersion=[w]\nBrowserConstant=[w]\n",
	0x02: "BROWSE PACKET:\nType=[B] (AnnouncementRequest)\nFlags=[B]\nReplySystemName=[S]\n",
	0x0c: "BROWSE PACKET:\nType=[B] (WorkgroupAnnouncement)\nUpdateCount=[w]\nRes1=[B]\nAnnounceInterval=[u]\nName=[n2]\nMajorVersion=[B]\nMinorVersion=[B]\nServerType=[W]\nCommentPointer=[W]\nServerName=[S]\n",
	0x08: "BROWSE PACKET:\nType=[B] (ElectionFrame)\nElectionVersion=[B]\nOSSummary=[W]\nUptime=[(W, W)]\nServerName=[S]\n",
	0x0b: "BROWSE PACKET:\nType=[B] (BecomeBackupBrowser)\nName=[S]\n",
	0x09: "BROWSE PACKET:\nType=[B] (GetBackupList)\nListCount?=[B]\nToken=[W]\n",
	0x0a: "BROWSE PACKET:\nType=[B] (BackupListResponse)\nServerCount?=[B]\nToken=[W]\n*Name=[S]\n",
	0x0d: "BROWSE PACKET:\nType=[B] (MasterAnnouncement)\nMasterName=[S]\n",
	0x0e: "BROWSE PACKET:\nType=[B] (ResetBrowser)\nOptions=[B]\n",
}

// browse prints a browser protocol frame carried by SMBtrans.
func (c *smbCtx) browse(param, paramlen, data, datalen int) {
	if !c.has(data, 1) {
		c.d.truncJmp(c.proto)
		return
	}
	cmd := c.pkt[data]
	c.fdata(param, "BROWSE PACKET\n|Param ", param+paramlen)
	f, ok := smbBrowse[cmd]
	if !ok {
		f = "Unknown Browser Frame "
	}
	c.fdata(data, f, data+datalen)
}

var smbErrClasses = map[byte]string{0: "SUCCESS", 1: "ERRDOS", 2: "ERRSRV", 3: "ERRHRD", 4: "ERRXOS",
	0xe1: "ERRRMX1", 0xe2: "ERRRMX2", 0xe3: "ERRRMX3", 0xff: "ERRCMD"}

type smbErr struct{ name, msg string }

var smbDOSErrs = map[uint16]smbErr{
	1: {"ERRbadfunc", "Invalid function."}, 2: {"ERRbadfile", "File not found."}, 3: {"ERRbadpath", "Directory invalid."},
	4: {"ERRnofids", "No file descriptors available"}, 5: {"ERRnoaccess", "Access denied."}, 6: {"ERRbadfid", "Invalid file handle."},
	7: {"ERRbadmcb", "Memory control blocks destroyed."}, 8: {"ERRnomem", "Insufficient server memory to perform the requested function."},
	9: {"ERRbadmem", "Invalid memory block address."}, 10: {"ERRbadenv", "Invalid environment."}, 11: {"ERRbadformat", "Invalid format."},
	12: {"ERRbadaccess", "Invalid open mode."}, 13: {"ERRbaddata", "Invalid data."}, 14: {"ERR", "reserved."},
	15: {"ERRbaddrive", "Invalid drive specified."}, 16: {"ERRremcd", "A Delete Directory request attempted to remove the server's current directory."},
	17: {"ERRdiffdevice", "Not same device."}, 18: {"ERRnofiles", "A File Search command can find no more files matching the specified criteria."},
	32:  {"ERRbadshare", "The sharing mode specified for an Open conflicts with existing FIDs on the file."},
	33:  {"ERRlock", "A Lock request conflicted with an existing lock or specified an invalid mode, or an Unlock requested attempted to remove a lock held by another process."},
	80:  {"ERRfilexists", "The file named in a Create Directory, Make New File or Link request already exists."},
	230: {"ERRbadpipe", "Pipe invalid."}, 231: {"ERRpipebusy", "All instances of the requested pipe are busy."},
	232: {"ERRpipeclosing", "Pipe close in progress."}, 233: {"ERRnotconnected", "No process on other end of pipe."},
	234: {"ERRmoredata", "There is more data to be returned."},
}

var smbSrvErrs = map[uint16]smbErr{
	1: {"ERRerror", "Non-specific error code."}, 2: {"ERRbadpw", "Bad password - name/password pair in a Tree Connect or Session Setup are invalid."},
	3: {"ERRbadtype", "reserved."}, 5: {"ERRinvnid", "The tree ID (TID) specified in a command was invalid."},
	6: {"ERRinvnetname", "Invalid network name in tree connect."}, 64: {"ERRsmbcmd", "The server did not recognize the command received."},
	65: {"ERRsrverror", "The server encountered an internal error, e.g., system file unavailable."},
	91: {"ERRbaduid", "The UID is not known as a valid ID on this session."}, 0xffff: {"ERRnosupport", "Function not supported."},
}

// smbErrStr is a DOS error class and code as tcpdump's smb_errstr names them.
func smbErrStr(class byte, num uint16) string {
	cl, ok := smbErrClasses[class]
	if !ok {
		return "ERROR: Unknown error (" + itoa(int(class)) + "," + itoa(int(num)) + ")"
	}
	var tbl map[uint16]smbErr
	switch class {
	case 1:
		tbl = smbDOSErrs
	case 2:
		tbl = smbSrvErrs
	}
	if e, ok := tbl[num]; ok {
		return cl + " - " + e.name + " (" + e.msg + ")"
	}
	return cl + " - " + itoa(int(num))
}

var ntErrs = map[uint32]string{
	0x00000103: "STATUS_PENDING", 0x80000005: "STATUS_BUFFER_OVERFLOW", 0x80000006: "STATUS_NO_MORE_FILES",
	0xC0000001: "STATUS_UNSUCCESSFUL", 0xC0000002: "STATUS_NOT_IMPLEMENTED", 0xC0000008: "STATUS_INVALID_HANDLE",
	0xC000000D: "STATUS_INVALID_PARAMETER", 0xC000000F: "STATUS_NO_SUCH_FILE", 0xC0000010: "STATUS_INVALID_DEVICE_REQUEST",
	0xC0000011: "STATUS_END_OF_FILE", 0xC0000016: "STATUS_MORE_PROCESSING_REQUIRED", 0xC0000022: "STATUS_ACCESS_DENIED",
	0xC0000023: "STATUS_BUFFER_TOO_SMALL", 0xC0000033: "STATUS_OBJECT_NAME_INVALID", 0xC0000034: "STATUS_OBJECT_NAME_NOT_FOUND",
	0xC0000035: "STATUS_OBJECT_NAME_COLLISION", 0xC000003A: "STATUS_OBJECT_PATH_NOT_FOUND", 0xC0000043: "STATUS_SHARING_VIOLATION",
	0xC000006D: "STATUS_LOGON_FAILURE", 0xC00000BB: "STATUS_NOT_SUPPORTED", 0xC00000CC: "STATUS_BAD_NETWORK_NAME",
	0xC0000120: "STATUS_CANCELLED", 0x0000010C: "STATUS_NOTIFY_ENUM_DIR", 0xC0000039: "STATUS_OBJECT_PATH_INVALID",
	0xC000003B: "STATUS_OBJECT_PATH_SYNTAX_BAD", 0xC0000054: "STATUS_FILE_LOCK_CONFLICT", 0xC0000055: "STATUS_LOCK_NOT_GRANTED",
	0xC0000056: "STATUS_DELETE_PENDING", 0xC0000064: "STATUS_NO_SUCH_USER", 0xC000006A: "STATUS_WRONG_PASSWORD",
	0xC000006E: "STATUS_ACCOUNT_RESTRICTION", 0xC0000071: "STATUS_PASSWORD_EXPIRED", 0xC0000072: "STATUS_ACCOUNT_DISABLED",
	0xC000007E: "STATUS_RANGE_NOT_LOCKED", 0xC000007F: "STATUS_DISK_FULL", 0xC000009A: "STATUS_INSUFFICIENT_RESOURCES",
	0xC00000B0: "STATUS_PIPE_DISCONNECTED", 0xC00000B5: "STATUS_IO_TIMEOUT", 0xC00000BA: "STATUS_FILE_IS_A_DIRECTORY",
	0xC00000BE: "STATUS_BAD_NETWORK_PATH", 0xC00000C9: "STATUS_NETWORK_NAME_DELETED", 0xC00000CA: "STATUS_NETWORK_ACCESS_DENIED",
	0xC00000D9: "STATUS_PIPE_EMPTY", 0xC0000101: "STATUS_DIRECTORY_NOT_EMPTY", 0xC0000103: "STATUS_NOT_A_DIRECTORY",
	0xC0000128: "STATUS_FILE_CLOSED", 0xC0000148: "STATUS_INVALID_LEVEL", 0xC000014B: "STATUS_PIPE_BROKEN",
}

// ntErrStr names an NT status as tcpdump's nt_errstr does, for the
// statuses SMB servers commonly return (tcpdump's table has some 500; the
// others print in hex, as tcpdump prints those it does not know).
func ntErrStr(e uint32) string {
	if s, ok := ntErrs[e]; ok {
		return s
	}
	return fmt.Sprintf("0x%08x", e)
}
