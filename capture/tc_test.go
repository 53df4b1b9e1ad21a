package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/gocap/gocap/internal/netns"
	"github.com/gocap/gocap/linktype"
	"github.com/gocap/gocap/pcapng"
)

// tcPrograms lists the programs attached with TCX to ifindex, per direction.
func tcPrograms(t *testing.T, ns string, ifindex int) []ebpf.ProgramID {
	t.Helper()
	var ids []ebpf.ProgramID
	err := netns.Run(ns, func() error {
		for _, a := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
			res, err := link.QueryPrograms(link.QueryOptions{Target: ifindex, Attach: a})
			if err != nil {
				return err
			}
			for _, p := range res.Programs {
				ids = append(ids, p.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("query tcx programs: %v", err)
	}
	return ids
}

func tcShow(t *testing.T, ns string, args ...string) string {
	t.Helper()
	out, err := exec.Command("tc", append([]string{"-n", ns}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("tc %v: %v: %s", args, err, out)
	}
	return string(out)
}

// TestTCLeavesNothingBehind: the tc engine detaches everything it attached
// and leaves what was there before alone (another tcx program, a clsact
// qdisc and its filter), also when stopped under traffic; with TCX and with
// the clsact fallback.
func TestTCLeavesNothingBehind(t *testing.T) {
	p := newPair(t, 8)
	for _, c := range []struct {
		name          string
		clsact, qdisc bool
	}{{"tcx", false, true}, {"clsact-existing-qdisc", true, true}, {"clsact-new-qdisc", true, false}} {
		t.Run(c.name, func(t *testing.T) {
			var cleanups []func()
			defer func() {
				for _, f := range cleanups {
					f()
				}
			}()
			// Someone else's programs: pass everything.
			var other *ebpf.Program
			err := netns.Run(p.NS2, func() error {
				var err error
				other, err = ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SchedCLS, License: "GPL",
					Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, -1), asm.Return()}})
				if err != nil {
					return err
				}
				lk, err := link.AttachTCX(link.TCXOptions{Interface: p.Index2, Program: other, Attach: ebpf.AttachTCXIngress})
				if err != nil {
					return err
				}
				cleanups = append(cleanups, func() { lk.Close(); other.Close() })
				if !c.qdisc {
					return nil
				}
				nl, err := openRtnl()
				if err != nil {
					return err
				}
				if _, err := nl.addClsact(p.Index2); err != nil {
					return err
				}
				f, err := nl.addBPFFilter(p.Index2, false, other.FD(), "someone")
				if err != nil {
					return err
				}
				cleanups = append(cleanups, func() { nl.delFilter(f); nl.delClsact(p.Index2); nl.close() })
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			before := tcPrograms(t, p.NS2, p.Index2)
			qdiscs := tcShow(t, p.NS2, "qdisc", "show", "dev", p.If2)
			filters := tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "ingress") + tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "egress")

			l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Hook: HookTC}, switches{forceClsact: c.clsact})
			var ours []ebpf.ProgramID
			if !c.clsact {
				during := tcPrograms(t, p.NS2, p.Index2)
				if len(during) != len(before)+2 {
					t.Fatalf("tcx programs during capture: %v, before: %v", during, before)
				}
				for _, id := range during {
					if id != before[0] {
						ours = append(ours, id)
					}
				}
			} else {
				f := tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "ingress") + tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "egress")
				if strings.Count(f, "gocap_tc") != 2 {
					t.Fatalf("clsact filters during capture:\n%s", f)
				}
			}
			stop := make(chan struct{})
			go flood(newSender(t, p.NS1, p.If1), numbered(p.MAC1, p.MAC2, 10, 60), stop)
			time.Sleep(100 * time.Millisecond)
			pkts := collect(t, l)
			close(stop)
			if len(pkts) == 0 {
				t.Error("nothing captured")
			}
			l.Close()

			if after := tcPrograms(t, p.NS2, p.Index2); len(after) != 1 || after[0] != before[0] {
				t.Errorf("tcx programs after Close: %v, want only %v", after, before)
			}
			if q := tcShow(t, p.NS2, "qdisc", "show", "dev", p.If2); q != qdiscs {
				t.Errorf("qdiscs changed:\n%s\nwas:\n%s", q, qdiscs)
			}
			if f := tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "ingress") + tcShow(t, p.NS2, "filter", "show", "dev", p.If2, "egress"); f != filters {
				t.Errorf("filters changed:\n%s\nwas:\n%s", f, filters)
			}
			// The programs themselves are freed (after an RCU grace period).
			deadline := time.Now().Add(2 * time.Second)
			for _, id := range ours {
				for {
					prog, err := ebpf.NewProgramFromID(id)
					if err != nil {
						break
					}
					prog.Close()
					if time.Now().After(deadline) {
						t.Errorf("program %d still loaded after Close", id)
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		})
	}
}

// TestTCRingOverrun: a tiny BPF ring buffer under a flood overruns; the
// overruns are reported as drops and captured + dropped == matched.
func TestTCRingOverrun(t *testing.T) {
	p := newPair(t, 9)
	prog := tcpdumpProgram(t, p.NS2, p.If2, 128, "", "udp port 9")
	l := openIn(t, p.NS2, Options{Interfaces: []string{p.If2}, Hook: HookTC, SnapLen: 128, BufferSize: 4096, Filter: Fixed(prog)})
	const n = 3000
	frames := numbered(p.MAC1, p.MAC2, n, 64)
	s := newSender(t, p.NS1, p.If1)
	// Hold the reader back: nobody calls ReadPacket while sending, and
	// the channel between reader and consumer is small.
	for i, f := range frames {
		if err := s.send(f); err != nil {
			t.Fatal(err)
		}
		if i%200 == 199 {
			time.Sleep(200 * time.Microsecond)
		}
	}
	time.Sleep(50 * time.Millisecond)
	pkts := collect(t, l)
	st := l.Stats()
	t.Logf("sent %d, captured %d, stats %+v", n, len(pkts), st)
	if st.Dropped == 0 {
		t.Error("no ring buffer overruns reported")
	}
	if uint64(len(pkts))+st.Dropped != n || st.Received != n {
		t.Errorf("captured %d + dropped %d != sent %d (received %d)", len(pkts), st.Dropped, n, st.Received)
	}
	if st.Matched != uint64(len(pkts)) {
		t.Errorf("Matched %d, delivered %d", st.Matched, len(pkts))
	}
}

// fateID marks the frames of TestTCNeverChangesFate in the IPv4 ID field,
// so that the counting program counts those and nothing else.
const fateID = 0x6763

// fateFrame is an IPv4 frame from src to dst with ID fateID.
func fateFrame(src, dst net.HardwareAddr, proto byte, l4 []byte) []byte {
	f := append(eth(dst, src, 0x0800), ipv4(proto, ipSrc, ipDst, l4)...)
	binary.BigEndian.PutUint16(f[18:], fateID)
	binary.BigEndian.PutUint16(f[24:], 0)
	binary.BigEndian.PutUint16(f[24:], csum(f[14:34]))
	return f
}

// countingProgram is a SCHED_CLS program standing for whatever runs after
// gocap's (a firewall, a policy): it adds 1 to counts[slot] for every frame
// marked with fateID, and passes every packet on.
func countingProgram(t *testing.T, counts *ebpf.Map, slot uint32) *ebpf.Program {
	t.Helper()
	var id [2]byte
	binary.BigEndian.PutUint16(id[:], fateID)
	var ethIP [2]byte
	binary.BigEndian.PutUint16(ethIP[:], 0x0800)
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SchedCLS, License: "GPL", Instructions: asm.Instructions{
		asm.Mov.Reg(asm.R6, asm.R1),
		// bpf_skb_load_bytes(skb, 12, fp-8, 8): ethertype, IPv4 header
		// bytes 0-5 (version ... ID).
		asm.Mov.Imm(asm.R2, 12),
		asm.Mov.Reg(asm.R3, asm.RFP),
		asm.Add.Imm(asm.R3, -8),
		asm.Mov.Imm(asm.R4, 8),
		asm.FnSkbLoadBytes.Call(),
		asm.JNE.Imm(asm.R0, 0, "next"),
		asm.LoadMem(asm.R1, asm.RFP, -8, asm.Half),
		asm.JNE.Imm(asm.R1, int32(binary.NativeEndian.Uint16(ethIP[:])), "next"),
		asm.LoadMem(asm.R1, asm.RFP, -2, asm.Half),
		asm.JNE.Imm(asm.R1, int32(binary.NativeEndian.Uint16(id[:])), "next"),
		asm.Mov.Imm(asm.R1, int32(slot)),
		asm.StoreMem(asm.RFP, -12, asm.R1, asm.Word),
		asm.LoadMapPtr(asm.R1, counts.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -12),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "next"),
		asm.Mov.Imm(asm.R1, 1),
		asm.StoreXAdd(asm.R0, asm.R1, asm.DWord),
		asm.Mov.Imm(asm.R0, -1).WithSymbol("next"), // TC_ACT_UNSPEC / TCX_NEXT
		asm.Return(),
	}})
	if err != nil {
		t.Fatalf("counting program: %v", err)
	}
	t.Cleanup(func() { prog.Close() })
	return prog
}

// TestTCNeverChangesFate: whatever gocap's tc program does with a packet —
// a filter load past the end of a short packet, no match, a match, a full
// ring buffer — the packet goes on to the next program: one attached after
// gocap's, on ingress and on egress, sees every frame sent. With TCX and
// with the clsact fallback (cls_bpf filters in direct-action mode).
func TestTCNeverChangesFate(t *testing.T) {
	p := newPair(t, 10)
	shortTCP := fateFrame(p.MAC1, p.MAC2, 6, tcp(40000, 80, 0x10, nil))
	shortUDP := fateFrame(p.MAC1, p.MAC2, 17, udp(40000, 9, make([]byte, 10)))
	tcpPayload := make([]byte, 200)
	tcpPayload[80] = 1 // tcp[100] = 1
	longTCP := fateFrame(p.MAC1, p.MAC2, 6, tcp(40000, 80, 0x18, tcpPayload))
	longUDP := fateFrame(p.MAC1, p.MAC2, 17, udp(40000, 9, make([]byte, 300)))
	kinds := [][]byte{shortTCP, shortUDP, longTCP, longUDP}
	const perKind = 10
	for _, c := range []struct {
		filter string
		// matches: which of kinds the filter accepts
		matches  []bool
		tinyRing bool
	}{
		{"tcp[100] = 1", []bool{false, false, true, false}, false},
		{"udp[60:4] = 0", []bool{false, false, false, true}, false},
		{"ip[200] = 0", []bool{false, false, true, true}, false},
		{"udp", []bool{false, true, false, true}, true}, // the ring buffer may overflow
	} {
		for _, clsact := range []bool{false, true} {
			name := c.filter + "/tcx"
			if clsact {
				name = c.filter + "/clsact"
			}
			t.Run(name, func(t *testing.T) {
				o := Options{Interfaces: []string{p.If2}, Hook: HookTC, Filter: gocapFilter(c.filter)}
				if c.tinyRing {
					o.BufferSize = 4096
				}
				l := openIn(t, p.NS2, o, switches{forceClsact: clsact})
				counts, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 2})
				if err != nil {
					t.Fatal(err)
				}
				defer counts.Close()
				// Attached after gocap's: appended to the tcx chain, or a
				// cls_bpf filter at a later priority than gocap's.
				err = netns.Run(p.NS2, func() error {
					for slot, egress := range []bool{false, true} {
						prog := countingProgram(t, counts, uint32(slot))
						if !clsact {
							attach := ebpf.AttachTCXIngress
							if egress {
								attach = ebpf.AttachTCXEgress
							}
							lk, err := link.AttachTCX(link.TCXOptions{Interface: p.Index2, Program: prog, Attach: attach})
							if err != nil {
								return err
							}
							t.Cleanup(func() { lk.Close() })
							continue
						}
						nl, err := openRtnl()
						if err != nil {
							return err
						}
						f, err := nl.addBPFFilter(p.Index2, egress, prog.FD(), "counter")
						if err != nil {
							nl.close()
							return err
						}
						t.Cleanup(func() { nl.delFilter(f); nl.close() })
					}
					return nil
				})
				if err != nil {
					t.Fatalf("attach the counting programs: %v", err)
				}
				in, out := newSender(t, p.NS1, p.If1), newSender(t, p.NS2, p.If2)
				want := 0
				pkts := collectDuring(t, l, func() {
					for i := 0; i < perKind; i++ {
						for k, f := range kinds {
							if err := in.send(f); err != nil {
								t.Fatal(err)
							}
							// The same frame leaving from the capturing side.
							back := append(eth(p.MAC1, p.MAC2), f[12:]...)
							if err := out.send(back); err != nil {
								t.Fatal(err)
							}
							if c.matches[k] {
								want += 2
							}
						}
					}
					// Ingress runs in the softirq after the veth's
					// transmit: wait until it has seen what was sent.
					deadline := time.Now().Add(2 * time.Second)
					for time.Now().Before(deadline) {
						var n uint64
						if err := counts.Lookup(uint32(0), &n); err == nil && n >= perKind*uint64(len(kinds)) {
							break
						}
						time.Sleep(5 * time.Millisecond)
					}
				})
				for slot, dir := range []string{"ingress", "egress"} {
					var n uint64
					if err := counts.Lookup(uint32(slot), &n); err != nil {
						t.Fatal(err)
					}
					if n != perKind*uint64(len(kinds)) {
						t.Errorf("%s: the program after gocap's saw %d of %d frames", dir, n, perKind*len(kinds))
					}
				}
				got := 0
				for _, pk := range pkts {
					if len(pk.Data) >= 20 && binary.BigEndian.Uint16(pk.Data[18:]) == fateID {
						got++
					}
				}
				st := l.Stats()
				if c.tinyRing {
					if got+int(st.Dropped) != want {
						t.Errorf("captured %d + dropped %d, want %d matching frames", got, st.Dropped, want)
					}
				} else if got != want {
					t.Errorf("captured %d, want %d matching frames (stats %+v)", got, want, st)
				}
			})
		}
	}
}

// memRing is a BPF ring buffer laid out in ordinary memory, as the reader
// maps it: the data area once (a record that wraps around the end goes on
// at the beginning), a producer and a consumer position. The producer side
// writes records as bpf_ringbuf_output does.
type memRing struct {
	size       uint64
	data       []byte
	cons, prod uint64
	armed      uint32
}

func newMemRing(size int) *memRing {
	return &memRing{size: uint64(size), data: make([]byte, size)}
}

// put writes a record at the producer position; hdrFlags are the busy and
// discard bits.
func (m *memRing) put(payload []byte, hdrFlags uint32) (at uint64) {
	at = m.prod
	rec := binary.NativeEndian.AppendUint32(nil, uint32(len(payload))|hdrFlags)
	rec = append(rec, 0, 0, 0, 0) // page offset
	rec = append(rec, payload...)
	for len(rec)%8 != 0 {
		rec = append(rec, 0)
	}
	for i, b := range rec {
		o := (at + uint64(i)) % m.size
		m.data[o] = b
	}
	m.prod += uint64(len(rec))
	return at
}

// commit clears the busy bit of the record at at.
func (m *memRing) commit(at uint64) {
	o := at % m.size
	v := binary.NativeEndian.Uint32(m.data[o:]) &^ rbBusyBit
	binary.NativeEndian.PutUint32(m.data[o:], v)
}

// reader returns a tcReader over the ring, already draining: when the ring
// is empty it ends with io.EOF instead of waiting.
func (m *memRing) reader(e *tcEngine) *tcReader {
	return &tcReader{e: e, lastIndex: -1, stopped: func() bool { return true }, draining: true,
		data: m.data, mask: m.size - 1, batch: m.size / 16, consPos: &m.cons, prodPos: &m.prod, armed: &m.armed}
}

// tcRecord is what the tc program writes for a frame.
func tcRecord(frame []byte, ifIndex int, vlanTCI uint16) []byte {
	r := make([]byte, recHeaderLen, recHeaderLen+len(frame))
	binary.NativeEndian.PutUint64(r[recTime:], 5000)
	binary.NativeEndian.PutUint32(r[recIfIndex:], uint32(ifIndex))
	binary.NativeEndian.PutUint32(r[recWireLen:], uint32(len(frame)))
	binary.NativeEndian.PutUint16(r[recCapLen:], uint16(len(frame)))
	if vlanTCI != 0 {
		binary.NativeEndian.PutUint16(r[recVlanTCI:], vlanTCI)
		r[recFlags+1] = 1
	}
	return append(r, frame...)
}

// TestTCReaderRing: the reader walks the ring buffer as the kernel fills
// it — records that wrap around the end, discarded records skipped, a
// reserved (busy) record not read before it is committed, packets with a
// VLAN tag put back each in its own bytes for a whole batch — and gives
// the space back only once the packets handed out are no longer in use.
func TestTCReaderRing(t *testing.T) {
	e := &tcEngine{snapLen: 65535, pos: map[int]int{7: 0}, ifaces: []Interface{{Name: "veth7", Index: 7}}}
	m := newMemRing(1024)
	frame := func(b byte, n int) []byte { return bytes.Repeat([]byte{b}, n) }
	// Fill most of the ring and consume it, so that later records wrap.
	m.put(tcRecord(frame(0, 700), 7, 0), 0)
	r := m.reader(e)
	var ps [8]Packet
	if n, err := r.nextBatch(context.Background(), ps[:]); n != 1 || err != nil || len(ps[0].Data) != 700 {
		t.Fatalf("first record: %d packets, %v", n, err)
	}
	if m.cons != 0 {
		t.Errorf("consumer position %d while the packet may be in use", m.cons)
	}
	if n, err := r.nextBatch(context.Background(), ps[:]); n != 0 || err != io.EOF {
		t.Fatalf("empty ring: %d packets, %v", n, err)
	}
	if m.cons != m.prod {
		t.Fatalf("consumer position %d after everything was read, producer %d", m.cons, m.prod)
	}
	r.draining, r.err = true, nil

	m.put(tcRecord(frame(1, 100), 7, 0), 0)
	m.put(tcRecord(frame(2, 60), 7, 0), rbDiscardBit)
	m.put(tcRecord(frame(3, 200), 7, 10), 0) // wraps around the end: its bytes from 1000 on
	m.put(tcRecord(frame(4, 60), 7, 20), 0)
	busy := m.put(tcRecord(frame(5, 60), 7, 0), rbBusyBit)
	n, err := r.nextBatch(context.Background(), ps[:])
	if err != nil || n != 3 {
		t.Fatalf("got %d packets, %v; want 3", n, err)
	}
	want := [][]byte{frame(1, 100), append(append(frame(3, 12), 0x81, 0, 0, 10), frame(3, 188)...), append(append(frame(4, 12), 0x81, 0, 0, 20), frame(4, 48)...)}
	for i, w := range want {
		if !bytes.Equal(ps[i].Data, w) || ps[i].IfName != "veth7" {
			t.Errorf("packet %d: %x on %q, want %x", i, ps[i].Data, ps[i].IfName, w)
		}
	}
	if n, isBusy := r.fill(ps[:]); n != 0 || !isBusy {
		t.Errorf("uncommitted record: %d packets, busy %v", n, isBusy)
	}
	m.commit(busy)
	if n, err := r.nextBatch(context.Background(), ps[:]); n != 1 || err != nil || !bytes.Equal(ps[0].Data, frame(5, 60)) {
		t.Errorf("committed record: %d packets %v, %x", n, err, ps[0].Data)
	}
	if got := e.delivered.Load(); got != 5 {
		t.Errorf("delivered %d, want 5", got)
	}
	if n, err := r.nextBatch(context.Background(), ps[:]); n != 0 || err != io.EOF || m.cons != m.prod {
		t.Errorf("at the end: %d packets, %v, consumer %d, producer %d", n, err, m.cons, m.prod)
	}
}

// BenchmarkTCReader: the user-space cost per packet of the tc engine from
// the ring buffer to a pcapng writer's buffer (into io.Discard: no
// write(2)), capbench's default mix: per ten frames six 60-byte UDP, two
// 1514-byte TCP and two VLAN-tagged ones. Run with -benchmem: no
// allocation per packet.
func BenchmarkTCReader(b *testing.B) {
	e := &tcEngine{snapLen: DefaultSnapLen, pos: map[int]int{7: 0}, ifaces: []Interface{{Name: "veth7", Index: 7}}}
	m := newMemRing(1 << 20)
	udp, tcp := make([]byte, 60), make([]byte, 1514)
	cycle := [][]byte{tcRecord(udp, 7, 0), tcRecord(tcp, 7, 0), tcRecord(udp, 7, 0), tcRecord(udp, 7, 10), tcRecord(udp, 7, 0),
		tcRecord(udp, 7, 0), tcRecord(tcp, 7, 0), tcRecord(udp, 7, 0), tcRecord(udp, 7, 10), tcRecord(udp, 7, 0)}
	records := 0
	for m.prod+2000 < m.size {
		m.put(cycle[records%len(cycle)], 0)
		records++
	}
	end := m.prod
	w, err := pcapng.NewWriter(io.Discard, pcapng.WriterOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: DefaultSnapLen, Name: "veth7"}); err != nil {
		b.Fatal(err)
	}
	// Packets: NextPackets, then WritePacket.
	b.Run("packets", func(b *testing.B) {
		r := m.reader(e)
		var ps [256]Packet
		b.ReportAllocs()
		for done := 0; done < b.N; {
			n, err := r.nextBatch(context.Background(), ps[:])
			if err == io.EOF {
				// Read the same records again.
				r.pos, r.done, r.published, r.err = 0, 0, 0, nil
				m.cons, m.prod = 0, end
				continue
			}
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range ps[:n] {
				if err := w.WritePacket(pcapng.Packet{Timestamp: p.Timestamp, Data: p.Data, OriginalLength: p.Length}); err != nil {
					b.Fatal(err)
				}
			}
			done += n
		}
	})
	// Records: WriteNext, straight from the ring (gocap -w).
	b.Run("records", func(b *testing.B) {
		r := m.reader(e)
		r.stopped, r.draining = func() bool { return false }, false
		l := &Live{src: r}
		r.pos, r.done, r.published = 0, 0, 0
		m.cons, m.prod = 0, end
		b.ReportAllocs()
		for done := 0; done < b.N; {
			if r.pos == end {
				r.pos, r.done, r.published, r.prefetched = 0, 0, 0, 0
				m.cons = 0
			}
			n, err := l.WriteNext(context.Background(), w, firstInterface, 256)
			if err != nil || n == 0 {
				b.Fatal(n, err)
			}
			done += n
		}
	})
}

// TestRecordSizes: the reservation sizes ascend, are multiples of 8 (the
// ring buffer's alignment), the last holds the snap length's bytes (up to
// the 64 KiB bound) and no more above 2 KiB, and no record wastes more
// than a fifth of its size up to 2 KiB (Ethernet frames), a third above.
func TestRecordSizes(t *testing.T) {
	for _, snap := range []int{1, 60, 96, 1514, 65535, DefaultSnapLen} {
		sizes := recordSizes(snap)
		need := recHeaderLen + min(snap, maxRecordCapture)
		if last := sizes[len(sizes)-1]; last < need || last > fineRecordSizes && last > need+7 {
			t.Errorf("snap %d: largest record %d bytes", snap, last)
		}
		for i, s := range sizes {
			if s%8 != 0 || i > 0 && s <= sizes[i-1] {
				t.Errorf("snap %d: sizes %v", snap, sizes)
				break
			}
			waste := 5 // at most a fifth
			if s > fineRecordSizes {
				waste = 3
			}
			if i > 0 && waste*(s-sizes[i-1]-1) > s {
				t.Errorf("snap %d: a record of %d bytes goes in %d", snap, sizes[i-1]+1, s)
			}
		}
	}
}

// TestTCSocketCookie: with SocketCookies, a packet sent from a local socket
// carries that socket's cookie (SO_COOKIE), a received one none; without
// it, no packet carries one.
func TestTCSocketCookie(t *testing.T) {
	p := newPair(t, 11)
	for _, want := range []bool{true, false} {
		l := openIn(t, p.NS1, Options{Interfaces: []string{p.If1}, Hook: HookTC, SocketCookies: want,
			Filter: Fixed(tcpdumpProgram(t, p.NS1, p.If1, 262144, "", "udp port 9"))})
		var cookie uint64
		pkts := collectDuring(t, l, func() {
			err := netns.Run(p.NS1, func() error {
				fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
				if err != nil {
					return err
				}
				defer unix.Close(fd)
				if cookie, err = unix.GetsockoptUint64(fd, unix.SOL_SOCKET, unix.SO_COOKIE); err != nil {
					return err
				}
				return unix.Sendto(fd, []byte("cookie"), 0, &unix.SockaddrInet4{Port: 9, Addr: p.Addr2.Addr().As4()})
			})
			if err != nil {
				t.Fatal(err)
			}
			// One received: an AF_PACKET frame into the capturing side.
			s := newSender(t, p.NS2, p.If2)
			if err := s.send(fateFrame(p.MAC2, p.MAC1, 17, []byte{0, 7, 0, 9, 0, 8, 0, 0})); err != nil {
				t.Fatal(err)
			}
		})
		var out, in int
		for _, pkt := range pkts {
			switch {
			case pkt.Direction == DirOutgoing:
				out++
				if w := map[bool]uint64{true: cookie}[want]; pkt.SocketCookie != w || cookie == 0 {
					t.Errorf("SocketCookies %v: sent packet's cookie %#x, want %#x (SO_COOKIE %#x)", want, pkt.SocketCookie, w, cookie)
				}
			default:
				in++
				if pkt.SocketCookie != 0 {
					t.Errorf("received packet with cookie %#x", pkt.SocketCookie)
				}
			}
		}
		if out != 1 || in != 1 {
			t.Errorf("SocketCookies %v: %d sent, %d received packets captured; want 1 and 1", want, out, in)
		}
	}
}

// TestTCTimestamp: the reader's timestamps, which divide only when the
// second changes, equal time.Unix(0, ns) for packets in order, out of
// order (records from several CPUs) and across seconds.
func TestTCTimestamp(t *testing.T) {
	r := &tcReader{e: &tcEngine{monoToReal: 1_700_000_000_123_456_789}}
	for _, mono := range []uint64{0, 5, 876_543_210, 876_543_211, 876_543_209, 999_999_999, 1_000_000_000,
		876_543_212, 3_500_000_000, 2_999_999_999, 1 << 62} {
		want := time.Unix(0, int64(mono)+r.e.monoToReal)
		if got := r.timestamp(mono); !got.Equal(want) {
			t.Errorf("mono %d: %v, want %v", mono, got, want)
		}
	}
	r.e.monoToReal = -3_000_000_001 // before 1970: still right
	for _, mono := range []uint64{0, 1, 2_000_000_000, 1_999_999_999} {
		want := time.Unix(0, int64(mono)+r.e.monoToReal)
		if got := r.timestamp(mono); !got.Equal(want) {
			t.Errorf("mono %d, negative: %v, want %v", mono, got, want)
		}
	}
}

// TestTCWriteRecords: the records WriteNext writes straight from the tc
// ring buffer are byte for byte those NextPackets and WritePacket write
// (cmd/gocap's conversion, Packet.RecordDirection): records of two
// interfaces in runs, VLAN tags put back, every packet type, timestamps
// across seconds, discarded records skipped, records that wrap around the
// ring's end, a snap length, and batches cut short by a count and by the
// writer's buffer.
func TestTCWriteRecords(t *testing.T) {
	fill := func(m *memRing) int {
		// Start near the end: records wrap around it.
		m.prod, m.cons = m.size-200, m.size-200
		n := 0
		for i := 0; i < 40; i++ {
			frame := make([]byte, 60+(i%5)*211)
			for j := range frame {
				frame[j] = byte(i + j)
			}
			ifIndex := 7
			if i%7 >= 4 {
				ifIndex = 8
			}
			rec := tcRecord(frame, ifIndex, uint16(i%3)*100)
			rec[recFlags] = byte(i % 6) // host, broadcast, multicast, other host, outgoing, loopback
			binary.NativeEndian.PutUint64(rec[recTime:], uint64(i)*300_000_007)
			var flags uint32
			if i%11 == 5 {
				flags = rbDiscardBit
			} else {
				n++
			}
			m.put(rec, flags)
		}
		return n
	}
	for _, snap := range []int{65535, 100} {
		e := &tcEngine{snapLen: snap, monoToReal: 1_700_000_000_900_000_000, pos: map[int]int{7: 0, 8: 1},
			ifaces: []Interface{{Name: "veth7", Index: 7}, {Name: "veth8", Index: 8}}}
		open := func() (*bytes.Buffer, pcapng.PacketWriter) {
			var buf bytes.Buffer
			pw, err := pcapng.NewPacketWriter(&buf, pcapng.FormatPcapng, pcapng.WriterOptions{BufferSize: 4096})
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"veth7", "veth8"} {
				if _, err := pw.AddInterface(pcapng.Interface{LinkType: linktype.Ethernet, SnapLen: 262144, Name: name}); err != nil {
					t.Fatal(err)
				}
			}
			return &buf, pw
		}
		start := func() (*memRing, *tcReader, int) {
			m := newMemRing(1 << 16)
			n := fill(m)
			r := m.reader(e)
			r.pos, r.done, r.published = m.cons, m.cons, m.cons
			return m, r, n
		}
		wantBuf, want := open()
		_, r, records := start()
		writePackets(t, r.nextBatch, want)
		gotBuf, got := open()
		m, r, _ := start()
		r.stopped, r.draining = func() bool { return false }, false // the direct path is taken while running
		l := &Live{src: r}
		total := 0
		for k := 0; total < records && k < 1000; k++ {
			n, err := l.WriteNext(context.Background(), got.(pcapng.RecordWriter), []int{0, 1}, []int{1, 5, 0, 3}[k%4])
			if err != nil || n == 0 {
				t.Fatalf("snap %d: WriteNext after %d packets: %d, %v", snap, total, n, err)
			}
			total += n
		}
		if err := want.Close(); err != nil {
			t.Fatal(err)
		}
		if err := got.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gotBuf.Bytes(), wantBuf.Bytes()) {
			t.Errorf("snap %d: WriteNext wrote %d bytes (%d packets), NextPackets+WritePacket %d: they differ", snap, gotBuf.Len(), total, wantBuf.Len())
		}
		if total != records || e.delivered.Load() != uint64(2*records) {
			t.Errorf("snap %d: wrote %d packets, delivered %d; want %d, %d", snap, total, e.delivered.Load(), records, 2*records)
		}
		// Stopped: the next call drains the (empty) ring through
		// NextPackets, which gives all the space back.
		r.stopped = func() bool { return true }
		if _, err := l.WriteNext(context.Background(), got.(pcapng.RecordWriter), []int{0, 1}, 0); err == nil {
			t.Errorf("snap %d: WriteNext on an empty ring of a stopped reader: no error", snap)
		}
		if m.cons != m.prod {
			t.Errorf("snap %d: consumer position %d, producer %d", snap, m.cons, m.prod)
		}
	}
}

// TestTCIdleWake: a tc capture left idle past its timeout sleeps without
// one (the wake word's second word set), and the first packet after that
// wakes it at once; so do packets after a second idle spell, and a trickle
// after the first. A lost wake-up would leave the packet unread: there is
// no timer left to find it.
func TestTCIdleWake(t *testing.T) {
	p := newPair(t, 12)
	const timeout = 20 * time.Millisecond
	l := openIn(t, p.NS1, Options{Interfaces: []string{p.If1}, Hook: HookTC, Timeout: timeout,
		Filter: Fixed(tcpdumpProgram(t, p.NS1, p.If1, 262144, "", "udp port 9"))})
	r, ok := l.src.(*tcReader)
	if !ok {
		t.Fatalf("the tc engine's source is a %T", l.src)
	}
	got := make(chan time.Time, 16)
	done := make(chan error, 1)
	go func() {
		for {
			if _, err := l.ReadPacket(context.Background()); err != nil {
				if err == io.EOF {
					err = nil
				}
				done <- err
				return
			}
			got <- time.Now()
		}
	}()
	s := newSender(t, p.NS2, p.If2)
	frame := fateFrame(p.MAC2, p.MAC1, 17, []byte{0, 7, 0, 9, 0, 8, 0, 0})
	for spell := 0; spell < 2; spell++ {
		// Idle for several timeouts: the reader must be asleep without one.
		deadline := time.Now().Add(2 * time.Second)
		for atomic.LoadUint32(r.idle) == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("spell %d: the reader did not go idle within 2s of no traffic (timeout %v)", spell, timeout)
			}
			time.Sleep(timeout)
		}
		// A packet, then a trickle of three 5 ms apart.
		for i := 0; i < 4; i++ {
			sent := time.Now()
			if err := s.send(frame); err != nil {
				t.Fatal(err)
			}
			select {
			case at := <-got:
				// At once when it woke the idle reader; within the
				// timeout otherwise. Generous for a loaded machine.
				if d := at.Sub(sent); d > 500*time.Millisecond {
					t.Errorf("spell %d packet %d: read %v after it was sent", spell, i, d)
				}
			case <-time.After(2 * time.Second):
				t.Fatalf("spell %d packet %d: not read 2s after it was sent (idle %d)", spell, i, atomic.LoadUint32(r.idle))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	l.Stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("capture did not end 5s after Stop")
	}
}

// TestCloseDuringRead: Close while another goroutine waits in a read, on
// every engine, ends that read (io.EOF) and releases the capture without
// the read touching what Close released; reads after it return io.EOF.
func TestCloseDuringRead(t *testing.T) {
	p := newPair(t, 13)
	for _, hook := range []Hook{HookSocket, HookTC} {
		for _, fanout := range []int{0, 2} {
			if hook == HookTC && fanout > 0 {
				continue
			}
			l := openIn(t, p.NS1, Options{Interfaces: []string{p.If1}, Hook: hook, Fanout: fanout})
			done := make(chan error, 1)
			go func() {
				ps := make([]Packet, 8)
				for {
					if _, err := l.NextPackets(context.Background(), ps); err != nil {
						done <- err
						return
					}
				}
			}()
			time.Sleep(300 * time.Millisecond) // in the wait, past a timeout or two
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if err != io.EOF {
					t.Errorf("hook %v fanout %d: the read ended with %v, want io.EOF", hook, fanout, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("hook %v fanout %d: the read did not end 5s after Close", hook, fanout)
			}
			if _, err := l.NextPacket(context.Background()); err != io.EOF {
				t.Errorf("hook %v fanout %d: a read after Close: %v, want io.EOF", hook, fanout, err)
			}
		}
	}
}
