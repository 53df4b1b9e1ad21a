package linktype

import (
	"fmt"
	"strconv"
	"strings"
)

// Type is a link-layer header type, numbered as libpcap's DLT_ values on
// Linux.
type Type int

type entry struct {
	t           Type
	name        string
	description string
}

// byType indexes table by value.
var byType = func() map[Type]*entry {
	m := make(map[Type]*entry, len(table))
	for i := range table {
		m[table[i].t] = &table[i]
	}
	return m
}()

// Parse returns the link type libpcap names name, with or without the DLT_
// prefix, in any case (tcpdump's -y). A decimal number is taken as a DLT
// value too, as "DLT 12" and "12".
func Parse(name string) (Type, error) {
	n := strings.ToUpper(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "DLT_")
	for i := range table {
		if table[i].name == n {
			return table[i].t, nil
		}
	}
	if v, err := strconv.Atoi(strings.TrimPrefix(n, "DLT ")); err == nil && v >= 0 {
		return Type(v), nil
	}
	return 0, fmt.Errorf("unknown link type %q", name)
}

// String returns libpcap's name without the DLT_ prefix ("EN10MB"), or
// "DLT <n>" for a value libpcap has no name for.
func (t Type) String() string {
	if e := byType[t]; e != nil {
		return e.name
	}
	return fmt.Sprintf("DLT %d", int(t))
}

// Description is libpcap's description of the link type ("Ethernet"), or ""
// when it has none.
func (t Type) Description() string {
	if e := byType[t]; e != nil {
		return e.description
	}
	return ""
}

// Known reports whether libpcap has a name for the link type.
func (t Type) Known() bool { return byType[t] != nil }

// All returns every named link type in DLT order.
func All() []Type {
	all := make([]Type, len(table))
	for i := range table {
		all[i] = table[i].t
	}
	return all
}
