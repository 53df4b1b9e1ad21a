package main

func listInterfaces(w interface{ Write([]byte) (int, error) }) error { return nil }
func listLinkTypes(w interface{ Write([]byte) (int, error) }, o *options) error { return nil }
func readOffline(e *env, o *options) error { return nil }
func captureLive(e *env, o *options) error { return nil }
func isTerminal(f interface{}) bool { return false }
