package pcapng

// FileInterfaces numbers the interfaces of a file across its sections.
// A packet's InterfaceID counts within its section, and pcapng files may
// be concatenated (each file a section of the result), so interface 0 of
// a second section is a different interface from the first's: whatever
// keeps interfaces apart over a whole file — a writer copying them, a
// merge — keys them by the number FileInterfaces gives. The zero value
// is ready to use.
type FileInterfaces struct {
	section int         // Section().Index of the ids in local
	local   []int       // the current section's interface ids → numbers (-1: none yet)
	ifaces  []Interface // numbers → the file's descriptions
}

// Number returns the file-wide number of interface id of r's current
// section (the InterfaceID of the packet just read from r), and whether
// this call gave it. It reports false for an id the section does not
// declare.
func (t *FileInterfaces) Number(r Reader, id int) (n int, added, ok bool) {
	if s := r.Section().Index; s != t.section {
		t.section, t.local = s, t.local[:0]
	}
	if id < len(t.local) && t.local[id] >= 0 {
		return t.local[id], false, true
	}
	ifs := r.Interfaces()
	if id < 0 || id >= len(ifs) {
		return 0, false, false
	}
	for len(t.local) <= id {
		t.local = append(t.local, -1)
	}
	n = len(t.ifaces)
	t.local[id] = n
	t.ifaces = append(t.ifaces, ifs[id])
	return n, true, true
}

// Interface returns the file's description of interface number n.
func (t *FileInterfaces) Interface(n int) (Interface, bool) {
	if n < 0 || n >= len(t.ifaces) {
		return Interface{}, false
	}
	return t.ifaces[n], true
}

// Len is how many interfaces have been numbered.
func (t *FileInterfaces) Len() int { return len(t.ifaces) }
