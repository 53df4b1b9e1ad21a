// Command kubectl-gocap is gocap's fleet capture, installed as the kubectl
// plugin `kubectl gocap` (and run by `gocap k8s`): one command captures on
// many Kubernetes nodes and pods and merges their captures into one
// pcapng. See package fleet and the README's fleet section.
//
//	kubectl gocap --node n1 --node n2 -w all.pcapng 'tcp port 443'
//	kubectl gocap -n shop -l app=cart --duration 30s -w - | wireshark -k -i -
//	kubectl gocap cleanup          # delete capture pods interrupted runs left
//
// It is a command of its own so that gocap itself does not link
// k8s.io/client-go (whose package initialisation every capture would pay).
package main
