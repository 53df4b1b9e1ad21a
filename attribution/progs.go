package attribution

import (
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// The kernel side keeps three maps current; user space reads them only when
// a packet's flow is not in its own cache.
//
//	sockets:   socket cookie -> sockInfo, written at socket creation in the
//	           creating task's context (cgroup/sock_create).
//	flows:     flowKey (oriented local -> remote) -> socket cookie, written
//	           by cgroup_skb/egress for every packet a local socket sends:
//	           the hook runs before the packet reaches the capture tap, so a
//	           socket's first packet is already known when it is captured.
//	endpoints: endpointKey -> socket cookie, written by cgroup/post_bind4/6:
//	           the local address and port of bound sockets (listeners, UDP
//	           servers), which own inbound packets before they answer.

// flowKey layout (40 bytes): addresses as on the wire (IPv4 in the first
// four bytes), ports as on the wire (ICMP echo: the identifier as the local
// port, remote port 0).
const (
	flowLocal   = 0
	flowRemote  = 16
	flowLPort   = 32
	flowRPort   = 34
	flowProto   = 36
	flowVersion = 37
	flowKeySize = 40
)

// endpointKey layout (32 bytes).
const (
	epNetNS   = 0
	epAddr    = 8
	epPort    = 24
	epProto   = 26
	epVersion = 27
	epKeySize = 32
)

// sockInfo layout (48 bytes).
const (
	infoPidTgid = 0
	infoUidGid  = 8
	infoCgroup  = 16
	infoNetNS   = 24
	infoComm    = 32
	infoSize    = 48
	commSize    = 16
)

// Map capacities. The maps are LRU hashes, preallocated: their size is
// memory and start-up time. A flow pushed out is written again by its
// socket's next packet; a socket's owner pushed out is lost, so that map
// is the largest.
const (
	socketsCap   = 1 << 15
	flowsCap     = 1 << 14
	endpointsCap = 1 << 13
)

// bpf_sock (uapi linux/bpf.h) offsets.
const (
	sockProtocol = 12
	sockSrcIP4   = 24
	sockSrcIP6   = 28
	sockSrcPort  = 44
)

// cgroup programs return 1 to let the operation or packet through: the
// attribution programs never change the fate of anything they observe.
const allow = 1

func mapSpecs() (sockets, flows, endpoints *ebpf.MapSpec) {
	sockets = &ebpf.MapSpec{Name: "gocap_sockets", Type: ebpf.LRUHash, KeySize: 8, ValueSize: infoSize, MaxEntries: socketsCap}
	flows = &ebpf.MapSpec{Name: "gocap_flows", Type: ebpf.LRUHash, KeySize: flowKeySize, ValueSize: 8, MaxEntries: flowsCap}
	endpoints = &ebpf.MapSpec{Name: "gocap_endpoints", Type: ebpf.LRUHash, KeySize: epKeySize, ValueSize: 8, MaxEntries: endpointsCap}
	return
}

// sockCreateProgram records who creates each socket: the cookie, the
// creating thread and process, its uid/gid, cgroup, network namespace and
// command name.
func sockCreateProgram(sockets *ebpf.Map) *ebpf.ProgramSpec {
	ins := append(recordOwner(sockets, -56, -48, bpfAny),
		asm.Mov.Imm(asm.R0, allow),
		asm.Return(),
	)
	return &ebpf.ProgramSpec{Name: "gocap_sock_new", Type: ebpf.CGroupSock, AttachType: ebpf.AttachCGroupInetSockCreate,
		Instructions: ins, License: "GPL"}
}

// Map update flags.
const (
	bpfAny     = 0
	bpfNoExist = 1
)

// recordOwner stores the socket in R1 (a bpf_sock context) with the
// current task as its owner: cookie at keyOff, the sockInfo at infoOff
// (48 bytes of stack). It leaves the context in R6.
func recordOwner(sockets *ebpf.Map, keyOff, infoOff int16, flags int32) asm.Instructions {
	return asm.Instructions{
		asm.Mov.Reg(asm.R6, asm.R1),
		asm.FnGetSocketCookie.Call(),
		asm.StoreMem(asm.RFP, keyOff, asm.R0, asm.DWord),
		asm.FnGetCurrentPidTgid.Call(),
		asm.StoreMem(asm.RFP, infoOff+infoPidTgid, asm.R0, asm.DWord),
		asm.FnGetCurrentUidGid.Call(),
		asm.StoreMem(asm.RFP, infoOff+infoUidGid, asm.R0, asm.DWord),
		asm.FnGetCurrentCgroupId.Call(),
		asm.StoreMem(asm.RFP, infoOff+infoCgroup, asm.R0, asm.DWord),
		asm.Mov.Reg(asm.R1, asm.R6),
		asm.FnGetNetnsCookie.Call(),
		asm.StoreMem(asm.RFP, infoOff+infoNetNS, asm.R0, asm.DWord),
		asm.Mov.Reg(asm.R1, asm.RFP),
		asm.Add.Imm(asm.R1, int32(infoOff+infoComm)),
		asm.Mov.Imm(asm.R2, commSize),
		asm.FnGetCurrentComm.Call(),
		asm.LoadMapPtr(asm.R1, sockets.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, int32(keyOff)),
		asm.Mov.Reg(asm.R3, asm.RFP),
		asm.Add.Imm(asm.R3, int32(infoOff)),
		asm.Mov.Imm(asm.R4, flags),
		asm.FnMapUpdateElem.Call(),
		asm.Mov.Reg(asm.R1, asm.R6),
	}
}

// postBindProgram records the local address and port a socket is bound to,
// with its network namespace, so that inbound packets find their listener.
// It also records the binding task as the owner of a socket the kernel side
// did not see created: an MPTCP listener's TCP subflow (Go listens with
// MPTCP by default), or a socket created before the capture started.
func postBindProgram(sockets, endpoints *ebpf.Map, ipv6 bool) *ebpf.ProgramSpec {
	const (
		valOff  = -40 // cookie
		keyOff  = -32 // endpointKey, up to -1
		infoOff = -88 // sockInfo
		infoKey = -96
	)
	ins := recordOwner(sockets, infoKey, infoOff, bpfNoExist)
	ins = append(ins, zeroStack(keyOff, epKeySize)...)
	ins = append(ins,
		asm.FnGetSocketCookie.Call(),
		asm.StoreMem(asm.RFP, valOff, asm.R0, asm.DWord),
		asm.Mov.Reg(asm.R1, asm.R6),
		asm.FnGetNetnsCookie.Call(),
		asm.StoreMem(asm.RFP, keyOff+epNetNS, asm.R0, asm.DWord),
	)
	version := int64(4)
	if ipv6 {
		version = 6
		for i := int16(0); i < 4; i++ {
			ins = append(ins,
				asm.LoadMem(asm.R1, asm.R6, sockSrcIP6+4*i, asm.Word),
				asm.StoreMem(asm.RFP, keyOff+epAddr+4*i, asm.R1, asm.Word))
		}
	} else {
		ins = append(ins,
			asm.LoadMem(asm.R1, asm.R6, sockSrcIP4, asm.Word),
			asm.StoreMem(asm.RFP, keyOff+epAddr, asm.R1, asm.Word))
	}
	ins = append(ins,
		asm.LoadMem(asm.R1, asm.R6, sockSrcPort, asm.Word), // host byte order
		asm.HostTo(asm.BE, asm.R1, asm.Half),
		asm.StoreMem(asm.RFP, keyOff+epPort, asm.R1, asm.Half),
		asm.LoadMem(asm.R1, asm.R6, sockProtocol, asm.Word),
		asm.StoreMem(asm.RFP, keyOff+epProto, asm.R1, asm.Byte),
		asm.StoreImm(asm.RFP, keyOff+epVersion, version, asm.Byte),
		asm.LoadMapPtr(asm.R1, endpoints.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, keyOff),
		asm.Mov.Reg(asm.R3, asm.RFP),
		asm.Add.Imm(asm.R3, valOff),
		asm.Mov.Imm(asm.R4, 0),
		asm.FnMapUpdateElem.Call(),
		asm.Mov.Imm(asm.R0, allow),
		asm.Return(),
	)
	attach := ebpf.AttachCGroupInet4PostBind
	name := "gocap_bind4"
	if ipv6 {
		attach, name = ebpf.AttachCGroupInet6PostBind, "gocap_bind6"
	}
	return &ebpf.ProgramSpec{Name: name, Type: ebpf.CGroupSock, AttachType: attach, Instructions: ins, License: "GPL"}
}

// egressProgram records, for every packet a local socket sends, the flow
// (local address and port, remote address and port, protocol) and the
// socket's cookie. It reads the packet from its network header (where a
// cgroup_skb program's packet starts) and writes the map only when the flow
// is new or changed owner, so a steady flow costs one lookup per packet.
func egressProgram(flows *ebpf.Map) *ebpf.ProgramSpec {
	const (
		keyOff    = -40 // flowKey, up to -1
		cookieOff = -48
		hdrOff    = -88 // 40 bytes: the IPv4 or IPv6 header
		l4Off     = -96 // 8 bytes: ports, or ICMP type/code/sum/id
		out       = "out"
	)
	load := func(off asm.Register, dst int16, n int32) asm.Instructions {
		return asm.Instructions{
			asm.Mov.Reg(asm.R1, asm.R6),
			asm.Mov.Reg(asm.R2, off),
			asm.Mov.Reg(asm.R3, asm.RFP),
			asm.Add.Imm(asm.R3, int32(dst)),
			asm.Mov.Imm(asm.R4, n),
			asm.FnSkbLoadBytes.Call(),
			asm.JNE.Imm(asm.R0, 0, out),
		}
	}
	ins := asm.Instructions{
		asm.Mov.Reg(asm.R6, asm.R1),
		asm.FnGetSocketCookie.Call(),
		asm.JEq.Imm(asm.R0, 0, out),
		asm.Mov.Reg(asm.R7, asm.R0),
		asm.StoreMem(asm.RFP, cookieOff, asm.R0, asm.DWord),
	}
	ins = append(ins, zeroStack(keyOff, flowKeySize)...)
	ins = append(ins, asm.Mov.Imm(asm.R8, 0))
	ins = append(ins, load(asm.R8, hdrOff, 20)...)
	ins = append(ins,
		asm.LoadMem(asm.R1, asm.RFP, hdrOff, asm.Byte),
		asm.Mov.Reg(asm.R2, asm.R1),
		asm.RSh.Imm(asm.R2, 4),
		asm.JEq.Imm(asm.R2, 6, "v6"),
		asm.JNE.Imm(asm.R2, 4, out),
		// IPv4: header length, no later fragments (they carry no ports).
		asm.And.Imm(asm.R1, 0xf),
		asm.LSh.Imm(asm.R1, 2),
		asm.JLT.Imm(asm.R1, 20, out),
		asm.Mov.Reg(asm.R8, asm.R1),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+6, asm.Half),
		asm.HostTo(asm.BE, asm.R1, asm.Half),
		asm.And.Imm(asm.R1, 0x1fff),
		asm.JNE.Imm(asm.R1, 0, out),
		asm.LoadMem(asm.R9, asm.RFP, hdrOff+9, asm.Byte),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+12, asm.Word),
		asm.StoreMem(asm.RFP, keyOff+flowLocal, asm.R1, asm.Word),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+16, asm.Word),
		asm.StoreMem(asm.RFP, keyOff+flowRemote, asm.R1, asm.Word),
		asm.StoreImm(asm.RFP, keyOff+flowVersion, 4, asm.Byte),
		asm.Ja.Label("l4"),
	)
	v6 := load(asm.R8, hdrOff, 40)
	v6[0] = v6[0].WithSymbol("v6")
	ins = append(ins, v6...)
	ins = append(ins,
		asm.LoadMem(asm.R9, asm.RFP, hdrOff+6, asm.Byte),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+8, asm.DWord),
		asm.StoreMem(asm.RFP, keyOff+flowLocal, asm.R1, asm.DWord),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+16, asm.DWord),
		asm.StoreMem(asm.RFP, keyOff+flowLocal+8, asm.R1, asm.DWord),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+24, asm.DWord),
		asm.StoreMem(asm.RFP, keyOff+flowRemote, asm.R1, asm.DWord),
		asm.LoadMem(asm.R1, asm.RFP, hdrOff+32, asm.DWord),
		asm.StoreMem(asm.RFP, keyOff+flowRemote+8, asm.R1, asm.DWord),
		asm.StoreImm(asm.RFP, keyOff+flowVersion, 6, asm.Byte),
		asm.Mov.Imm(asm.R8, 40),
	)
	l4 := load(asm.R8, l4Off, 8)
	l4[0] = l4[0].WithSymbol("l4")
	ins = append(ins, l4...)
	ins = append(ins,
		asm.StoreMem(asm.RFP, keyOff+flowProto, asm.R9, asm.Byte),
		asm.JEq.Imm(asm.R9, 6, "ports"),   // TCP
		asm.JEq.Imm(asm.R9, 17, "ports"),  // UDP
		asm.JEq.Imm(asm.R9, 136, "ports"), // UDP-Lite
		asm.JEq.Imm(asm.R9, 132, "ports"), // SCTP
		asm.LoadMem(asm.R1, asm.RFP, l4Off, asm.Byte),
		asm.JEq.Imm(asm.R9, 1, "icmp4"),
		asm.JNE.Imm(asm.R9, 58, out),
		// ICMPv6 echo request or reply (ping sockets).
		asm.JEq.Imm(asm.R1, 128, "echo"),
		asm.JEq.Imm(asm.R1, 129, "echo"),
		asm.Ja.Label(out),
		asm.JEq.Imm(asm.R1, 8, "echo").WithSymbol("icmp4"),
		asm.JEq.Imm(asm.R1, 0, "echo"),
		asm.Ja.Label(out),
		asm.LoadMem(asm.R1, asm.RFP, l4Off+4, asm.Half).WithSymbol("echo"),
		asm.StoreMem(asm.RFP, keyOff+flowLPort, asm.R1, asm.Half),
		asm.Ja.Label("update"),
		asm.LoadMem(asm.R1, asm.RFP, l4Off, asm.Half).WithSymbol("ports"),
		asm.StoreMem(asm.RFP, keyOff+flowLPort, asm.R1, asm.Half),
		asm.LoadMem(asm.R1, asm.RFP, l4Off+2, asm.Half),
		asm.StoreMem(asm.RFP, keyOff+flowRPort, asm.R1, asm.Half),

		asm.LoadMapPtr(asm.R1, flows.FD()).WithSymbol("update"),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, keyOff),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "store"),
		asm.LoadMem(asm.R1, asm.R0, 0, asm.DWord),
		asm.JEq.Reg(asm.R1, asm.R7, out),
		asm.LoadMapPtr(asm.R1, flows.FD()).WithSymbol("store"),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, keyOff),
		asm.Mov.Reg(asm.R3, asm.RFP),
		asm.Add.Imm(asm.R3, cookieOff),
		asm.Mov.Imm(asm.R4, 0),
		asm.FnMapUpdateElem.Call(),

		asm.Mov.Imm(asm.R0, allow).WithSymbol(out),
		asm.Return(),
	)
	return &ebpf.ProgramSpec{Name: "gocap_egress", Type: ebpf.CGroupSKB, AttachType: ebpf.AttachCGroupInetEgress,
		Instructions: ins, License: "GPL"}
}

// zeroStack clears n bytes of stack from off (a multiple of 4): the
// verifier requires map keys to be initialized, padding included.
func zeroStack(off int16, n int) asm.Instructions {
	var ins asm.Instructions
	for i := 0; i < n; i += 4 {
		ins = append(ins, asm.StoreImm(asm.RFP, off+int16(i), 0, asm.Word))
	}
	return ins
}
