package filter

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/gocap/gocap/internal/conformance"

	"github.com/gocap/gocap/linktype"
)

// The generator's own view of libpcap's conformance cases: verdicts for
// accept/apply/reject cases and, for unoptimized accept cases, whether our
// unoptimized program is identical to libpcap's. (The full behavioural
// conformance test lives in conformance_test.go.)

type confCase struct {
	Name       string      `json:"name"`
	Kind       string      `json:"kind"`
	DLT        string      `json:"dlt"`
	Expr       *string     `json:"expr"`
	Optimized  bool        `json:"optimized"`
	Snaplen    *uint32     `json:"snaplen"`
	Netmask    *string     `json:"netmask"`
	Linuxext   bool        `json:"linuxext"`
	Offline    *string     `json:"offline_filter"`
	SkipLinux  *string     `json:"skip_linux"`
	Expected   string      `json:"expected"`
	Insns      [][4]uint32 `json:"expected_insns"`
	OptRejects bool        `json:"optimizer_rejects"`
	Requires   []string    `json:"requires"`
}

func loadConfCases(t testing.TB) []confCase {
	cases, err := readConfCases()
	if err != nil {
		t.Skipf("conformance data not available: %v", err)
	}
	return cases
}

func readConfCases() ([]confCase, error) {
	return conformance.ReadCases[confCase](conformance.FilterTests, nil)
}

// confOptions maps a case to compile options; ok is false for cases this
// check does not run.
func confOptions(t testing.TB, c confCase, fixtures Resolver) (Options, bool) {
	if c.Expr == nil || c.SkipLinux != nil || c.Offline != nil {
		return Options{}, false
	}
	switch c.Kind {
	case "accept", "reject", "apply":
	default:
		return Options{}, false
	}
	lt, err := linktype.Parse(c.DLT)
	if err != nil || !compiles(lt) {
		return Options{}, false
	}
	o := Options{LinkType: lt, NoOptimize: !c.Optimized, Linux: c.Linuxext, Resolver: fixtures}
	if c.Kind == "reject" {
		o.NoOptimize = false
	}
	if c.Snaplen != nil {
		o.SnapLen = *c.Snaplen
	}
	if c.Netmask != nil {
		ip := net.ParseIP(*c.Netmask).To4()
		if ip == nil {
			t.Fatalf("%s: bad netmask %q", c.Name, *c.Netmask)
		}
		o.Netmask = be32(ip)
		o.NetmaskKnown = true
	}
	return o, true
}

type genFigures struct {
	accepts, acceptOK, rejects, rejectOK, unopt, identical int
	failures                                               map[string][]string
}

func measureGen(t testing.TB) genFigures {
	cases := loadConfCases(t)
	fixtures, err := LoadResolverFixtures(conformance.Path(conformance.ResolverFixtures))
	if err != nil {
		t.Fatal(err)
	}
	fig := genFigures{failures: map[string][]string{}}
	for _, c := range cases {
		o, ok := confOptions(t, c, fixtures)
		if !ok {
			continue
		}
		prog, err := Compile(*c.Expr, o)
		switch c.Kind {
		case "accept", "apply":
			fig.accepts++
			if err != nil {
				fig.failures["accept-rejected"] = append(fig.failures["accept-rejected"], fmt.Sprintf("%s [%s] %q: %v", c.Name, c.DLT, *c.Expr, err))
				continue
			}
			fig.acceptOK++
			if c.Kind == "accept" && !c.Optimized {
				fig.unopt++
				if sameInsns(prog, c.Insns) {
					fig.identical++
				} else {
					fig.failures["bytecode"] = append(fig.failures["bytecode"], fmt.Sprintf("%s [%s] %q (%d vs %d insns)", c.Name, c.DLT, *c.Expr, prog.Len(), len(c.Insns)))
				}
			}
		case "reject":
			fig.rejects++
			if err == nil {
				fig.failures["reject-accepted"] = append(fig.failures["reject-accepted"], fmt.Sprintf("%s [%s] %q: want %q", c.Name, c.DLT, *c.Expr, c.Expected))
				continue
			}
			if !strings.Contains(err.Error(), c.Expected) {
				fig.failures["reject-message"] = append(fig.failures["reject-message"], fmt.Sprintf("%s [%s] %q: got %q want %q", c.Name, c.DLT, *c.Expr, err.Error(), c.Expected))
			}
			fig.rejectOK++
		}
	}
	return fig
}

func sameInsns(p *Program, want [][4]uint32) bool {
	if p.Len() != len(want) {
		return false
	}
	for i, r := range p.Raw {
		w := want[i]
		if uint32(r.Op) != w[0] || uint32(r.Jt) != w[1] || uint32(r.Jf) != w[2] || r.K != w[3] {
			return false
		}
	}
	return true
}
