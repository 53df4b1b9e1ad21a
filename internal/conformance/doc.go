// Package conformance gives tests the oracle data the repository keeps
// beside it, in ../shared/conformance: libpcap's filter test suite
// (libpcap-filtertests.jsonl), its translate tests and resolver fixtures
// (see SOURCE.md there). It finds the directory from its own source
// location, so a test reads the same files whatever package it runs in.
package conformance
