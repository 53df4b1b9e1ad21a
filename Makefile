# The one test command (README, .ci/run). Run as root for the privileged tests.
GO ?= go

.PHONY: build test fuzz-seed fleet-cluster-test
build:
	CGO_ENABLED=0 $(GO) build -o gocap ./cmd/gocap

test:
	CGO_ENABLED=0 $(GO) build ./...
	$(GO) vet ./...
	scripts/test

# The fleet capture against a real two-node Kubernetes on this machine
# (issue 18): needs scripts/k8s-cluster build first; brings the cluster up,
# runs fleet/cluster_test.go, tears it down.
fleet-cluster-test:
	scripts/k8s-cluster test
