package cbpf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/bpf"
)

// ErrSyntax is wrapped by every error ParseDecimal returns.
var ErrSyntax = errors.New("malformed decimal BPF program")

// ParseDecimal reads a program in tcpdump -ddd form: a first line with the
// instruction count, then one "code jt jf k" line per instruction, in
// decimal. Blank lines and surrounding white space are ignored, and commas
// may separate lines, so the one-line form iptables and tc take
// ("4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0") is read too. Errors name
// the line. The program is not checked beyond its syntax; call Validate.
func ParseDecimal(text string) ([]bpf.RawInstruction, error) {
	type line struct {
		no     int
		fields []string
	}
	var lines []line
	for i, l := range strings.Split(text, "\n") {
		for _, part := range strings.Split(l, ",") {
			f := strings.Fields(part)
			if len(f) == 0 {
				continue
			}
			lines = append(lines, line{i + 1, f})
		}
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%w: no instruction count", ErrSyntax)
	}
	first := lines[0]
	if len(first.fields) != 1 {
		return nil, fmt.Errorf("%w: line %d: expected the instruction count, found %d fields", ErrSyntax, first.no, len(first.fields))
	}
	count, err := strconv.ParseUint(first.fields[0], 10, 32)
	if err != nil {
		return nil, fmt.Errorf("%w: line %d: instruction count %q is not a decimal number", ErrSyntax, first.no, first.fields[0])
	}
	if count == 0 || count > MaxInstructions {
		return nil, fmt.Errorf("%w: line %d: instruction count %d is not in 1..%d", ErrSyntax, first.no, count, MaxInstructions)
	}
	body := lines[1:]
	if uint64(len(body)) != count {
		return nil, fmt.Errorf("%w: line %d: count says %d instructions, found %d", ErrSyntax, first.no, count, len(body))
	}
	prog := make([]bpf.RawInstruction, 0, count)
	names := [4]string{"code", "jt", "jf", "k"}
	bits := [4]int{16, 8, 8, 32}
	for _, l := range body {
		if len(l.fields) != 4 {
			return nil, fmt.Errorf("%w: line %d: expected 4 numbers (code jt jf k), found %d fields", ErrSyntax, l.no, len(l.fields))
		}
		var v [4]uint64
		for i, f := range l.fields {
			n, err := strconv.ParseUint(f, 10, bits[i])
			if err != nil {
				if errors.Is(err, strconv.ErrRange) {
					return nil, fmt.Errorf("%w: line %d: %s %s does not fit in %d bits", ErrSyntax, l.no, names[i], f, bits[i])
				}
				return nil, fmt.Errorf("%w: line %d: %s %q is not a decimal number", ErrSyntax, l.no, names[i], f)
			}
			v[i] = n
		}
		prog = append(prog, bpf.RawInstruction{Op: uint16(v[0]), Jt: uint8(v[1]), Jf: uint8(v[2]), K: uint32(v[3])})
	}
	return prog, nil
}
