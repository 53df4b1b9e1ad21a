package filter

import (
	"encoding/json"
	"fmt"
	"os"
)

// Compiles exposes compiles to the external tests.
var Compiles = compiles

// LoadResolverFixtures reads a resolver fixture file (a test fixture, so
// not part of the package's API) in the format of
// libpcap-resolver-fixtures.json: lists of /etc/hosts, /etc/ethers and
// /etc/networks lines under "hosts", "ethers" and "networks".
func LoadResolverFixtures(path string) (*MapResolver, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading resolver fixtures: %w", err)
	}
	var f struct {
		Hosts    []string `json:"hosts"`
		Ethers   []string `json:"ethers"`
		Networks []string `json:"networks"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("parsing resolver fixtures %s: %w", path, err)
	}
	r := NewMapResolver()
	for _, l := range f.Hosts {
		parseHostsLine(l, r.Hosts)
	}
	for _, l := range f.Ethers {
		parseEthersLine(l, r.Ethers)
	}
	for _, l := range f.Networks {
		parseNetworksLine(l, r.Networks)
	}
	return r, nil
}
